package br.com.totem.print.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContext;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;

/** print-service over real HTTP for one fresh tenant: printers, paid tickets, jobs and the outbox. */
public final class PrintApi {

    private static final AtomicInteger NUMBERS = new AtomicInteger(500);

    public final WebTestClient http;
    public final String tenant = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final ApplicationContext context;
    private final DatabaseClient db;

    public PrintApi(int port, ApplicationContext context) {
        this.http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        this.context = context;
        this.db = context.getBean(DatabaseClient.class);
    }

    public String manager() {
        return TestTokens.get().token(tenant, "gerente", "MANAGER");
    }

    public String kiosk(String device) {
        return TestTokens.get().token(tenant, device, "KIOSK");
    }

    /** Registers a TCP printer at 127.0.0.1:{@code port} for the kiosk device. */
    public void tcpPrinter(String device, int port, int paperWidthMm) {
        http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager()))
                .bodyValue(Map.of("name", "Balcão", "kioskDevice", device, "connection", "TCP", "host", "127.0.0.1",
                        "port", port, "paperWidthMm", paperWidthMm))
                .exchange().expectStatus().isCreated();
    }

    /** Registers a CLOUDPRNT printer for the kiosk device; returns its id and its token. */
    public Map<String, Object> cloudPrntPrinter(String device, String media) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("name", "Nuvem " + device, "kioskDevice", device,
                "connection", "CLOUDPRNT", "paperWidthMm", 80));
        if (media != null) {
            body.put("cloudPrntMedia", media);
        }
        return http.post().uri("/api/v1/printers").headers(h -> h.setBearerAuth(manager())).bodyValue(body)
                .exchange().expectStatus().isCreated()
                .expectBody(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody();
    }

    public static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("printer:" + token).getBytes());
    }

    public static String number() {
        return "C" + NUMBERS.incrementAndGet();
    }

    public TicketPaid paid(String soldBy) {
        return paid(number(), soldBy);
    }

    /** A ticket paid at 17:05 in São Paulo on 4 Dec 2026, sold by the kiosk device {@code soldBy}. */
    public TicketPaid paid(String number, String soldBy) {
        return new TicketPaid(UUID.randomUUID(), UUID.randomUUID(), "Bota de Compressão", number, LocalDate.of(2026, 12, 4),
                15, Priority.NORMAL, "Maria Conceição", "tok" + UUID.randomUUID().toString().replace("-", ""),
                UUID.randomUUID(), 6000, Instant.parse("2026-12-04T20:05:00Z"), soldBy, "America/Sao_Paulo");
    }

    public void publish(TicketPaid ticket) {
        new TestEvents(context).publish(EventEnvelope.of(tenant, ticket.ticketId().toString(), ticket));
    }

    /** {@code customer.anonymised} for these tickets, as ticket-service publishes it. */
    public void anonymised(UUID... ticketIds) {
        UUID customer = UUID.randomUUID();
        new TestEvents(context).publish(EventEnvelope.of(tenant, customer.toString(), new br.com.totem.contracts.CustomerAnonymised(
                customer, List.of(ticketIds), "Anônimo", "DATA_SUBJECT_REQUEST", Instant.now())));
    }

    public List<Map<String, Object>> jobs(UUID ticketId) {
        return jobs(ticketId, manager());
    }

    /** The ticket's print jobs as the holder of {@code token} sees them. */
    public List<Map<String, Object>> jobs(UUID ticketId, String token) {
        return http.get().uri("/api/v1/print-jobs?ticketId={id}", ticketId).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { })
                .returnResult().getResponseBody();
    }

    public String status(UUID ticketId) {
        List<Map<String, Object>> jobs = jobs(ticketId);
        return jobs.isEmpty() ? null : (String) jobs.getFirst().get("status");
    }

    public List<String> outbox(String type, String jobId) {
        return db.sql("select envelope::text as e from outbox where event_type = :type and aggregate_id = :job")
                .bind("type", type).bind("job", jobId).map(r -> r.get("e", String.class)).all().collectList().block();
    }
}
