package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the staff browser tests do through the API rather than a screen: tokens, a sale paid at
 * the counter (the kiosk app has its own test), the state a test checks a screen against.
 */
final class StaffApi {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final JsonMapper JSON = JsonMapper.builder().build();

    record Reply(int status, JsonNode body) {
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    StaffApi(String base) {
        this.base = base;
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        try {
            var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                    .header("Accept", "application/json");
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Reply(response.statusCode(), text == null || text.isBlank() ? JSON.nullNode() : JSON.readTree(text));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    String login(String tenant, String username, String password) {
        Reply r = call("POST", "/api/v1/auth/login", null, Map.of("tenant", tenant, "username", username, "password", password));
        assertThat(r.status()).as("login %s: %s", username, r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    String deviceToken(String tenant, String deviceId, String secret) {
        Reply r = call("POST", "/api/v1/auth/device-token", null, Map.of("tenant", tenant, "deviceId", deviceId, "secret", secret));
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
        Reply created = await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(
                () -> call("POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key)), r -> r.status() != 429);
        assertThat(created.status()).as("sale: %s", created.body()).isEqualTo(201);
        String ticketId = created.body().get("id").asString();
        // payment-service learns the ticket from ticket.created: a moment after the sale
        Reply paid = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
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
