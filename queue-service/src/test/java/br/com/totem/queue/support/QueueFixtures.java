package br.com.totem.queue.support;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.context.ApplicationContext;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.queue.identity.domain.Device;
import br.com.totem.queue.identity.domain.DeviceKind;
import br.com.totem.queue.identity.domain.StaffUser;
import br.com.totem.queue.identity.store.DeviceStore;
import br.com.totem.queue.identity.store.UserStore;
import br.com.totem.testkit.TestEvents;
import tools.jackson.databind.JsonNode;

/**
 * Object mother of the queue-service tests: a fresh tenant per test (so tests sharing a
 * database never see each other's rows), its staff and devices, logins over HTTP, and
 * ticket.paid / ticket.cancelled sent through the real broker.
 */
public final class QueueFixtures {

    public static final String PASSWORD = "segredo-de-teste-1";
    public static final String PIN = "1234";
    public static final Duration BOUND = Duration.ofSeconds(30);
    private static final AtomicInteger TICKETS = new AtomicInteger();

    private final ApplicationContext context;
    private final WebTestClient http;

    public QueueFixtures(ApplicationContext context, WebTestClient http) {
        this.context = context;
        this.http = http;
    }

    public static String newTenant() {
        return "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    public StaffUser user(String tenant, String username, String pin, String... roles) {
        PasswordEncoder encoder = context.getBean(PasswordEncoder.class);
        StaffUser u = new StaffUser(UUID.randomUUID(), tenant, username, "Nome " + username, List.of(roles),
                encoder.encode(PASSWORD), pin == null ? null : encoder.encode(pin), true);
        context.getBean(UserStore.class).insert(u).block(BOUND);
        return u;
    }

    public Device device(String tenant, String deviceId, DeviceKind kind) {
        Device d = new Device(tenant, deviceId, kind, "Dispositivo " + deviceId,
                context.getBean(PasswordEncoder.class).encode(PASSWORD), null, true);
        context.getBean(DeviceStore.class).insert(d).block(BOUND);
        return d;
    }

    /** Logs in with the password; the access token. */
    public String login(String tenant, String username) {
        return tokens(tenant, username).get("accessToken").asString();
    }

    public JsonNode tokens(String tenant, String username) {
        return http.post().uri("/api/v1/auth/login")
                .bodyValue(Map.of("tenant", tenant, "username", username, "password", PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    public String deviceToken(String tenant, String deviceId) {
        return http.post().uri("/api/v1/auth/device-token")
                .bodyValue(Map.of("tenant", tenant, "deviceId", deviceId, "secret", PASSWORD))
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("accessToken").asString();
    }

    /** A registered staff tablet of the tenant ({@code STAFF_DEVICE}); its device token, which a PIN login needs. */
    public String staffTablet(String tenant, String deviceId) {
        device(tenant, deviceId, DeviceKind.STAFF_DEVICE);
        return deviceToken(tenant, deviceId);
    }

    /** A PIN login as typed on the tablet whose token is given (null: no tablet). */
    public WebTestClient.ResponseSpec pinLogin(String tenant, String username, String pin, String tabletToken) {
        return http.post().uri("/api/v1/auth/login")
                .headers(h -> {
                    if (tabletToken != null) {
                        h.setBearerAuth(tabletToken);
                    }
                })
                .bodyValue(Map.of("tenant", tenant, "username", username, "pin", pin)).exchange();
    }

    /** A tenant with a manager and an operator (PIN 1234); tokens of both. */
    public record Team(String tenant, String manager, String operator, StaffUser operatorUser) {
    }

    public Team team() {
        String tenant = newTenant();
        user(tenant, "gerente", null, "MANAGER");
        StaffUser op = user(tenant, "operador", PIN, "OPERATOR");
        return new Team(tenant, login(tenant, "gerente"), login(tenant, "operador"), op);
    }

    public UUID station(String managerToken, String name, UUID... serviceIds) {
        JsonNode s = http.post().uri("/api/v1/stations").header("Authorization", "Bearer " + managerToken)
                .bodyValue(Map.of("name", name, "serviceIds", List.of(serviceIds)))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(s.get("id").asString());
    }

    public UUID openSession(String operatorToken, UUID stationId, UUID... serviceIds) {
        JsonNode s = http.post().uri("/api/v1/queue/sessions").header("Authorization", "Bearer " + operatorToken)
                .bodyValue(Map.of("stationId", stationId, "serviceIds", List.of(serviceIds)))
                .exchange().expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
        return UUID.fromString(s.get("id").asString());
    }

    public static TicketPaid paid(UUID serviceId, String serviceName, Priority priority, Instant paidAt) {
        int n = TICKETS.incrementAndGet();
        return new TicketPaid(UUID.randomUUID(), serviceId, serviceName, serviceName.substring(0, 1) + String.format("%03d", n % 1000),
                LocalDate.of(2026, 11, 23), 15, priority, "Maria S.", "st-" + UUID.randomUUID(), UUID.randomUUID(), 6000, paidAt);
    }

    /** Publishes ticket.paid on the exchange, as ticket-service's outbox relay would. */
    public void send(String tenant, TicketPaid paid) {
        publish(EventEnvelope.of("ticket-service", tenant, paid.ticketId().toString(), paid));
    }

    public void cancel(String tenant, UUID ticketId, TicketStatus previous) {
        publish(EventEnvelope.of("ticket-service", tenant, ticketId.toString(),
                new TicketCancelled(ticketId, previous, "cliente desistiu", "gerente", true, Instant.now())));
    }

    /** Publishes the event as its producer's outbox relay would (testkit). */
    public void publish(EventEnvelope<?> event) {
        new TestEvents(context).publish(event);
    }

    /** Waiting ticket ids of one service line, in call order. */
    public List<String> line(String token, UUID serviceId) {
        JsonNode q = http.get().uri("/api/v1/queue?serviceId=" + serviceId).header("Authorization", "Bearer " + token)
                .exchange().expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        JsonNode lines = q.get("lines");
        if (lines.isEmpty()) {
            return List.of();
        }
        return java.util.stream.StreamSupport.stream(lines.get(0).get("waiting").spliterator(), false)
                .map(t -> t.get("ticketId").asString()).toList();
    }
}
