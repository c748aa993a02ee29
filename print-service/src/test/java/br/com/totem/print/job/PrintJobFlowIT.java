package br.com.totem.print.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.contracts.TicketPaid;
import br.com.totem.print.support.PrintApi;
import br.com.totem.print.support.PrintIT;
import br.com.totem.print.support.PrinterSandbox;
import br.com.totem.sandbox.printer.PrintedTicket;
import br.com.totem.testkit.TestTokens;

/**
 * ticket.paid through RabbitMQ → a persisted job → the sandbox printer over real TCP, with the
 * outcome in the API and print.completed / print.failed in the outbox.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.print.max-attempts=2", "totem.print.retry-backoff=200ms", "totem.print.poll-interval=100ms",
        "totem.print.connect-timeout=500ms", "totem.print.read-timeout=2s", "totem.print.breaker-open-for=60s",
        "totem.print.public-base-url=https://totem.example.com"})
class PrintJobFlowIT extends PrintIT {

    @RegisterExtension
    static final PrinterSandbox sandbox = new PrinterSandbox();

    @Autowired
    DatabaseClient db;

    @Autowired
    br.com.totem.platform.audit.AuditLog audit;

    @BeforeEach
    void emptyRoll() {
        sandbox.reset();
    }

    Map<String, Object> finishedJob(UUID ticketId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            List<Map<String, Object>> jobs = api.jobs(ticketId);
            return jobs.size() == 1 && List.of("PRINTED", "FAILED").contains(jobs.getFirst().get("status"));
        });
        return api.jobs(ticketId).getFirst();
    }

    List<PrintedTicket> printedWith(String number) {
        return sandbox.tickets().stream().filter(t -> t.text().contains(number)).toList();
    }

    @Test
    void whenATicketIsPaidThenTheKiosksPrinterPrintsItAndPrintCompletedIsPublished() {
        api.tcpPrinter(device, sandbox.tcpPort(), 80);
        String number = PrintApi.number();
        TicketPaid ticket = api.paid(number, device);
        api.publish(ticket);

        Map<String, Object> job = finishedJob(ticket.ticketId());
        assertThat(job.get("status")).isEqualTo("PRINTED");
        assertThat(job.get("attempts")).isEqualTo(1);
        assertThat(job.get("reprint")).isEqualTo(false);
        assertThat(job).doesNotContainKey("pdfUrl");
        PrintedTicket printed = printedWith(number).getFirst();
        assertThat(printed.text()).contains("SENHA", "Bota de Compressão", "Maria Conceição", "04/12/2026 17:05");
        assertThat(printed.qrCodes()).singleElement().satisfies(qr -> assertThat(qr.data())
                .isEqualTo("https://totem.example.com/t/" + ticket.statusToken()));
        assertThat(printed.cut()).isEqualTo("PARTIAL");
        assertThat(api.outbox("print.completed", (String) job.get("id"))).singleElement()
                .satisfies(e -> assertThat(e).contains(ticket.ticketId().toString()));

        // the kiosk that sold it sees the job; another kiosk of the tenant does not
        assertThat(api.jobs(ticket.ticketId(), api.kiosk(device))).hasSize(1);
        assertThat(api.jobs(ticket.ticketId(), api.kiosk("totem-outro"))).isEmpty();

        // the same ticket.paid again (another delivery of the event with a new id): no second job, no second ticket
        api.publish(ticket);
        await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3))
                .until(() -> api.jobs(ticket.ticketId()).size() == 1);
        assertThat(printedWith(number)).hasSize(1);
    }

    @Test
    void whenStaffAsksForAReprintThenASecondCopySaysSegundaViaAndTheRequestIsAudited() {
        api.tcpPrinter(device, sandbox.tcpPort(), 80);
        String number = PrintApi.number();
        TicketPaid ticket = api.paid(number, device);
        api.publish(ticket);
        assertThat(finishedJob(ticket.ticketId()).get("status")).isEqualTo("PRINTED");

        api.http.post().uri("/api/v1/tickets/{id}/reprint", ticket.ticketId())
                .headers(h -> h.setBearerAuth(api.kiosk(device))).exchange().expectStatus().isForbidden();
        api.http.post().uri("/api/v1/tickets/{id}/reprint", UUID.randomUUID())
                .headers(h -> h.setBearerAuth(TestTokens.get().token(api.tenant, "op-1", "OPERATOR"))).exchange()
                .expectStatus().isNotFound();
        api.http.post().uri("/api/v1/tickets/{id}/reprint", ticket.ticketId())
                .headers(h -> h.setBearerAuth(TestTokens.get().token(api.tenant, "op-1", "OPERATOR"))).exchange()
                .expectStatus().isAccepted()
                .expectBody().jsonPath("$.reprint").isEqualTo(true).jsonPath("$.status").isEqualTo("QUEUED");

        await().atMost(Duration.ofSeconds(20)).until(() -> printedWith(number).size() == 2);
        assertThat(printedWith(number).get(0).text()).doesNotContain("VIA");
        assertThat(printedWith(number).get(1).text()).contains("2ª VIA");
        await().atMost(Duration.ofSeconds(10)).until(() -> api.jobs(ticket.ticketId()).stream()
                .allMatch(j -> "PRINTED".equals(j.get("status"))));
        assertThat(audit.entries(api.tenant, "ticket", ticket.ticketId().toString()).collectList().block())
                .singleElement().satisfies(e -> {
                    assertThat(e.action()).isEqualTo("print.reprint");
                    assertThat(e.actor()).isEqualTo("op-1");
                });
    }

    @Test
    void whenPaperIsOutThenNothingIsSentTheJobFailsAtOnceWithThePdfAndPrintFailed() throws Exception {
        api.tcpPrinter(device, sandbox.tcpPort(), 58);
        sandbox.condition(Map.of("paperOut", true));
        String number = PrintApi.number();
        TicketPaid ticket = api.paid(number, device);
        api.publish(ticket);

        Map<String, Object> job = finishedJob(ticket.ticketId());
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("reason")).isEqualTo("PAPER_OUT");
        assertThat(job.get("attempts")).as("the printer said so: no retry").isEqualTo(1);
        assertThat(sandbox.tickets()).isEmpty();
        assertThat(api.outbox("print.failed", (String) job.get("id"))).singleElement().satisfies(e -> assertThat(e)
                .contains("\"reason\": \"PAPER_OUT\"", "\"pdfFallbackAvailable\": true"));

        byte[] pdf = api.http.get().uri((String) job.get("pdfUrl")).headers(h -> h.setBearerAuth(api.kiosk(device))).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF)
                .expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document)).contains(number, "Bota de Compressão", "Maria Conceição");
        }
        api.http.get().uri((String) job.get("pdfUrl")).headers(h -> h.setBearerAuth(api.kiosk("totem-outro"))).exchange()
                .expectStatus().isNotFound().expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void whenThePrinterCannotBeReachedThenTheJobIsRetriedThenFailsWithThePdfAndItsBreakerOpens() throws Exception {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        api.tcpPrinter(device, closed, 80);
        TicketPaid ticket = api.paid(PrintApi.number(), device);
        api.publish(ticket);
        Map<String, Object> job = finishedJob(ticket.ticketId());
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("reason")).isEqualTo("UNREACHABLE");
        assertThat(job.get("attempts")).as("max-attempts").isEqualTo(2);
        assertThat(job.get("pdfUrl")).isNotNull();
        assertThat(api.outbox("print.failed", (String) job.get("id"))).hasSize(1);

        // both attempts failed to reach it: the printer's breaker is open, the next ticket goes to the PDF at once
        TicketPaid next = api.paid(PrintApi.number(), device);
        api.publish(next);
        Map<String, Object> fast = finishedJob(next.ticketId());
        assertThat(fast.get("status")).isEqualTo("FAILED");
        assertThat(fast.get("reason")).isEqualTo("CIRCUIT_OPEN");
        assertThat(fast.get("attempts")).as("no connection tried").isEqualTo(0);
        assertThat(fast.get("pdfUrl")).isNotNull();
        assertThat(api.outbox("print.failed", (String) fast.get("id"))).singleElement()
                .satisfies(e -> assertThat(e).contains("\"reason\": \"CIRCUIT_OPEN\""));
    }

    @Test
    void whenTheKioskHasNoPrinterThenTheTicketGoesStraightToThePdf() {
        TicketPaid ticket = api.paid(PrintApi.number(), device);
        api.publish(ticket);
        Map<String, Object> job = finishedJob(ticket.ticketId());
        assertThat(job.get("status")).isEqualTo("FAILED");
        assertThat(job.get("reason")).isEqualTo("NO_PRINTER");
        api.http.get().uri((String) job.get("pdfUrl")).headers(h -> h.setBearerAuth(api.kiosk(device))).exchange()
                .expectStatus().isOk().expectHeader().contentType(MediaType.APPLICATION_PDF);
    }

    @Test
    void whenTheCustomerIsAnonymisedThenTheirJobsAndStoredPdfLoseTheNameAndOtherTicketsKeepTheirs() throws Exception {
        TicketPaid theirs = api.paid(PrintApi.number(), device);
        TicketPaid someoneElses = api.paid(PrintApi.number(), device);
        api.publish(theirs);
        api.publish(someoneElses);
        Map<String, Object> job = finishedJob(theirs.ticketId());
        finishedJob(someoneElses.ticketId());
        assertThat(pdfText(job)).contains("Maria Conceição");

        api.anonymised(theirs.ticketId());

        await().atMost(Duration.ofSeconds(20)).until(() -> "Anônimo".equals(displayName(theirs.ticketId())));
        assertThat(pdfText(job)).as("the stored PDF fallback is rendered again").doesNotContain("Maria")
                .contains("Anônimo", theirs.number(), "Bota de Compressão");
        assertThat(displayName(someoneElses.ticketId())).isEqualTo("Maria Conceição");
    }

    String displayName(UUID ticketId) {
        return db.sql("select display_name from print_job where ticket_id = :t").bind("t", ticketId)
                .map(r -> r.get("display_name", String.class)).one().block();
    }

    String pdfText(Map<String, Object> job) throws Exception {
        byte[] pdf = api.http.get().uri((String) job.get("pdfUrl")).headers(h -> h.setBearerAuth(api.kiosk(device))).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void whenTwentyTicketsArePaidAtOnceForOnePrinterThenTwentyWholeTicketsPrintInOrder() {
        sandbox.condition(Map.of("slowMs", 1));
        api.tcpPrinter(device, sandbox.tcpPort(), 80);
        List<String> numbers = IntStream.range(0, 20).mapToObj(i -> PrintApi.number()).toList();
        numbers.forEach(n -> api.publish(api.paid(n, device)));
        await().atMost(Duration.ofSeconds(60)).until(() -> sandbox.tickets().size() == 20);
        List<PrintedTicket> printed = sandbox.tickets();
        assertThat(printed).allSatisfy(t -> {
            assertThat(t.cut()).isEqualTo("PARTIAL");
            assertThat(t.qrCodes()).hasSize(1);
            assertThat(t.warnings()).isEmpty();
            assertThat(t.text()).contains("SENHA").containsOnlyOnce("Bota de Compressão");
        });
        List<String> order = printed.stream()
                .map(t -> numbers.stream().filter(n -> t.text().contains(n)).findFirst().orElseThrow()).toList();
        assertThat(order).containsExactlyElementsOf(numbers);
    }

    @Test
    void whenTheServiceStoppedMidJobThenTheJobIsPrintedOnceOrNotResent() {
        api.tcpPrinter(device, sandbox.tcpPort(), 80);
        UUID printer = db.sql("select id from printer where tenant_id = :t").bind("t", api.tenant)
                .map(r -> r.get("id", UUID.class)).one().block();
        // the states a crash leaves: PRINTING before the bytes left, and PRINTING after they started to
        String before = PrintApi.number();
        String after = PrintApi.number();
        UUID beforeTicket = crashedJob(printer, before, false);
        UUID afterTicket = crashedJob(printer, after, true);

        Map<String, Object> resent = finishedJob(beforeTicket);
        assertThat(resent.get("status")).isEqualTo("PRINTED");
        Map<String, Object> notResent = finishedJob(afterTicket);
        assertThat(notResent.get("status")).isEqualTo("FAILED");
        assertThat(notResent.get("reason")).isEqualTo("INTERRUPTED");
        assertThat(notResent.get("pdfUrl")).isNotNull();
        assertThat(printedWith(before)).hasSize(1);
        assertThat(printedWith(after)).isEmpty();
    }

    UUID crashedJob(UUID printer, String number, boolean bytesSent) {
        UUID ticket = UUID.randomUUID();
        db.sql("""
                insert into print_job (id, tenant_id, ticket_id, printer_id, sold_by, status, attempts, sending_at, number,
                                       service_name, display_name, status_token, paid_at, time_zone, created_at)
                values (:id, :tenant, :ticket, :printer, :device, 'PRINTING', 1, %s, :number, 'Banheira de Gelo', 'Ana',
                        'tokcrash', now(), 'America/Sao_Paulo', now())""".formatted(bytesSent ? "now()" : "null"))
                .bind("id", UUID.randomUUID()).bind("tenant", api.tenant).bind("ticket", ticket).bind("printer", printer)
                .bind("device", device).bind("number", number).then().block();
        return ticket;
    }
}
