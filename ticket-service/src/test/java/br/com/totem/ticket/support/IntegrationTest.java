package br.com.totem.ticket.support;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentMethod;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.testkit.MovableClock;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the integration tests: the whole service on this run's own PostgreSQL database and
 * RabbitMQ vhost (libs/testkit), called over real HTTP with tokens signed by testkit. One Spring
 * context for every class. Each test makes its own catalog services (unique prefixes), so tests
 * never depend on each other's data.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(MovableClock.AsApplicationClock.class)
public abstract class IntegrationTest {

    public static final String DEMO = "demo";
    public static final String OUTRO = "outro";
    public static final String PHONE = "(11) 98765-4321";
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    @LocalServerPort
    int port;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    private ApplicationContext context;

    @Autowired
    protected EventCodec codec;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected MovableClock clock;

    protected WebTestClient http;

    @AfterEach
    void backToTheSystemsTime() {
        clock.reset();
    }

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(30)).build();
    }

    public static String kiosk(String tenant) {
        return TestTokens.get().token(tenant, "kiosk-1", "KIOSK");
    }

    public static String kiosk(String tenant, String device) {
        return TestTokens.get().token(tenant, device, "KIOSK");
    }

    public static String manager(String tenant) {
        return TestTokens.get().token(tenant, "gerente", "MANAGER");
    }

    public static String operator(String tenant) {
        return TestTokens.get().token(tenant, "operador", "OPERATOR");
    }

    public static String admin(String tenant) {
        return TestTokens.get().token(tenant, "admin", "ADMIN");
    }

    /** A prefix no other test of this run uses: AAA, AAB, … */
    public static String uniquePrefix() {
        int n = PREFIXES.getAndIncrement();
        return "" + (char) ('A' + n / 676 % 26) + (char) ('A' + n / 26 % 26) + (char) ('A' + n % 26);
    }

    /** A new active catalog service of the tenant, made by its manager through the API. */
    protected UUID createService(String tenant, String name, String prefix, long priceCents, int minutes) {
        Map<String, Object> body = Map.of("name", name, "priceCents", priceCents, "durationMinutes", minutes,
                "prefix", prefix, "color", "#1E88E5");
        JsonNode created = http.post().uri("/api/v1/services").headers(h -> h.setBearerAuth(manager(tenant)))
                .bodyValue(body).exchange()
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(created.get("id").asString());
    }

    protected UUID createService(String tenant) {
        String prefix = uniquePrefix();
        return createService(tenant, "Serviço " + prefix, prefix, 6000, 15);
    }

    /** The tenant's current consent version, publishing a first text when it has none. */
    protected int consentVersion(String tenant) {
        var current = http.get().uri("/api/v1/consents/current").headers(h -> h.setBearerAuth(kiosk(tenant)))
                .exchange().returnResult(JsonNode.class);
        if (current.getStatus() == HttpStatus.NOT_FOUND) {
            return http.post().uri("/api/v1/consents").headers(h -> h.setBearerAuth(manager(tenant)))
                    .bodyValue(Map.of("text", "Autorizo o tratamento dos meus dados pessoais (teste)."))
                    .exchange().expectStatus().isCreated()
                    .expectBody(JsonNode.class).returnResult().getResponseBody().get("version").asInt();
        }
        return current.getResponseBody().blockFirst().get("version").asInt();
    }

    public static Map<String, Object> ticketBody(UUID serviceId, String name, String cpf, String phone, int consentVersion) {
        return Map.of("serviceId", serviceId.toString(),
                "customer", Map.of("name", name, "cpf", cpf, "phone", phone),
                "consent", Map.of("version", consentVersion, "accepted", true));
    }

    protected WebTestClient.ResponseSpec postTicket(String token, String key, Object body) {
        return http.post().uri("/api/v1/tickets")
                .headers(h -> {
                    h.setBearerAuth(token);
                    if (key != null) {
                        h.set("Idempotency-Key", key);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body).exchange();
    }

    /** A new PENDING_PAYMENT ticket created by {@code kiosk-1} of the tenant; returns its JSON. */
    protected JsonNode createTicket(String tenant, UUID serviceId, String cpf) {
        return postTicket(kiosk(tenant), UUID.randomUUID().toString(),
                ticketBody(serviceId, "Maria da Silva", cpf, PHONE, consentVersion(tenant)))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    protected UUID createTicketId(String tenant, UUID serviceId) {
        return UUID.fromString(createTicket(tenant, serviceId, Cpfs.random()).get("id").asString());
    }

    protected JsonNode getTicket(String token, UUID id) {
        return http.get().uri("/api/v1/tickets/{id}", id).headers(h -> h.setBearerAuth(token)).exchange()
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    protected String status(String tenant, UUID ticketId) {
        return db.sql("select status from ticket where tenant_id = :t and id = :id").bind("t", tenant).bind("id", ticketId)
                .map(r -> r.get("status", String.class)).one().block();
    }

    public static EventEnvelope<PaymentConfirmed> confirmation(String tenant, UUID ticketId, UUID paymentId, Instant at) {
        return EventEnvelope.of("payment-service", tenant, paymentId.toString(), new PaymentConfirmed(paymentId, ticketId,
                "txid" + paymentId.toString().replace("-", ""), "E" + paymentId.toString().replace("-", ""), 6000,
                PaymentMethod.PIX, at));
    }

    /** Publishes the event to totem.events exactly as the producer's outbox relay would (testkit). */
    protected void publish(EventEnvelope<? extends EventPayload> event) {
        new TestEvents(context).publish(event);
    }

    /** The envelopes in the outbox for one ticket, oldest first. */
    protected List<JsonNode> outboxEvents(UUID ticketId) {
        return db.sql("select envelope::text as e from outbox where aggregate_id = :id order by id")
                .bind("id", ticketId.toString())
                .map(r -> json.readTree(r.get("e", String.class)))
                .all().collectList().block();
    }

    protected long count(String sql) {
        return db.sql(sql).map(r -> ((Number) r.get(0)).longValue()).one().block();
    }
}
