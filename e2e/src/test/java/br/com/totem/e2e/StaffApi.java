package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * What the staff browser tests do through the API rather than a screen (over {@link GatewayClient}):
 * tokens, a sale paid at the counter, the state a test checks a screen against.
 */
final class StaffApi {

    static final Duration BOUND = Duration.ofSeconds(60);

    private final GatewayClient http;

    StaffApi(String base) {
        this.http = new GatewayClient(base);
    }

    GatewayClient.Answer call(String method, String path, String token, Object body, Map<String, String> headers) {
        return http.send(method, path, token, body, headers);
    }

    GatewayClient.Answer call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    String login(String tenant, String username, String password) {
        GatewayClient.Answer r = call("POST", "/api/v1/auth/login", null, Map.of("tenant", tenant, "username", username, "password", password));
        assertThat(r.status()).as("login %s: %s", username, r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    String deviceToken(String tenant, String deviceId, String secret) {
        GatewayClient.Answer r = call("POST", "/api/v1/auth/device-token", null, Map.of("tenant", tenant, "deviceId", deviceId, "secret", secret));
        assertThat(r.status()).as("device %s: %s", deviceId, r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    /** A ticket of this service bought at the kiosk and paid at the counter (CASH); its queue number. */
    String paidSale(String kiosk, String manager, String serviceId, String name) {
        int version = call("GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();
        Map<String, Object> order = Map.of("serviceId", serviceId,
                "customer", Map.of("name", name, "cpf", "529.982.247-25", "phone", "11987654321"),
                "consent", Map.of("version", version, "accepted", true));
        String key = UUID.randomUUID().toString();
        GatewayClient.Answer created = await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(
                () -> call("POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key)), r -> r.status() != 429);
        assertThat(created.status()).as("sale: %s", created.body()).isEqualTo(201);
        String ticketId = created.body().get("id").asString();
        // payment-service learns the ticket from ticket.created: a moment after the sale
        GatewayClient.Answer paid = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("POST", "/api/v1/payments/manual", manager, Map.of("ticketId", ticketId, "method", "CASH")),
                r -> r.status() != 404);
        assertThat(paid.status()).as("manual payment: %s", paid.body()).isIn(200, 201);
        JsonNode ticket = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("GET", "/api/v1/tickets/" + ticketId, manager, null).body(),
                t -> t.hasNonNull("number") && "PAID".equals(t.get("status").asString()));
        return ticket.get("number").asString();
    }

    /** The catalog id of the service with this prefix. */
    String serviceId(String token, String prefix) {
        for (JsonNode s : call("GET", "/api/v1/services", token, null).body()) {
            if (prefix.equals(s.get("prefix").asString())) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no service with prefix " + prefix);
    }

    String stationId(String token, String name) {
        for (JsonNode s : call("GET", "/api/v1/stations", token, null).body()) {
            if (name.equals(s.get("name").asString())) {
                return s.get("id").asString();
            }
        }
        throw new AssertionError("no station " + name);
    }
}
