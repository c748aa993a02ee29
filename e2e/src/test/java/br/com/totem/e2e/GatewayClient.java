package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the browser tests ask the suite directly, as staff or the bank would: plain JSON over HTTP. */
final class GatewayClient {

    static final JsonMapper JSON = JsonMapper.builder().build();

    record Answer(int status, JsonNode body) {
    }

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    GatewayClient(String base) {
        this.base = base;
    }

    Answer send(String method, String path, String bearer, Object body, Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body()));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer get(String path, String bearer) {
        return send("GET", path, bearer, null, Map.of());
    }

    Answer post(String path, String bearer, Object body) {
        return send("POST", path, bearer, body, Map.of());
    }

    String deviceToken(String tenant, String deviceId) {
        Answer a = post("/api/v1/auth/device-token", null, Map.of("tenant", tenant, "deviceId", deviceId, "secret", Suite.DEMO_SECRET));
        assertThat(a.status()).as("device token %s/%s: %s", tenant, deviceId, a.body()).isEqualTo(200);
        return a.body().get("accessToken").asString();
    }

    String manager(String tenant) {
        Answer a = post("/api/v1/auth/login", null, Map.of("tenant", tenant, "username", "gerente", "password", Suite.DEMO_SECRET));
        assertThat(a.status()).as("manager login: %s", a.body()).isEqualTo(200);
        return a.body().get("accessToken").asString();
    }

    /** The operator's PIN login, typed on the tenant's staff tablet (a PIN needs its device token: issue 12 item 3). */
    String operator(String tenant) {
        Answer a = send("POST", "/api/v1/auth/login", deviceToken(tenant, "tablet-1"),
                Map.of("tenant", tenant, "username", "operador", "pin", "1234"), Map.of());
        assertThat(a.status()).as("operator login: %s", a.body()).isEqualTo(200);
        return a.body().get("accessToken").asString();
    }

    /** A valid CPF nobody else in this run uses (nine random digits and their two check digits). */
    static String randomCpf() {
        var random = java.util.concurrent.ThreadLocalRandom.current();
        int[] d = new int[11];
        do {
            for (int i = 0; i < 9; i++) {
                d[i] = random.nextInt(10);
            }
        } while (java.util.Arrays.stream(d, 0, 9).distinct().count() == 1);
        for (int len = 9; len <= 10; len++) {
            int sum = 0;
            for (int i = 0; i < len; i++) {
                sum += d[i] * (len + 1 - i);
            }
            int r = sum % 11;
            d[len] = r < 2 ? 0 : 11 - r;
        }
        StringBuilder s = new StringBuilder();
        for (int x : d) {
            s.append(x);
        }
        return s.toString();
    }
}
