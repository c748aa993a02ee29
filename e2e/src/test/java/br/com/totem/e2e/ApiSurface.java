package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the security suite knows of the API: the operations of the OpenAPI documents the gateway
 * serves (so an endpoint is covered the day it appears), the role matrix written once in
 * docs/security.md, and plain HTTP calls through the gateway — from a chosen loopback address
 * when a per-address limit (logins) would otherwise answer 429 instead of the endpoint.
 */
final class ApiSurface {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> SERVICES = List.of("ticket", "payment", "queue", "print", "report");
    static final List<String> ROLES = List.of("ADMIN", "MANAGER", "OPERATOR", "KIOSK", "PANEL");
    static final Set<String> VERBS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    static final Pattern ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|DELETE|PATCH) (\\S+)`\\s*\\|\\s*([^|]+?)\\s*\\|");

    /** One operation of the OpenAPI: method, path template, its description there and the document's components. */
    record Operation(String method, String path, JsonNode spec, JsonNode document) {
        String key() {
            return method + " " + path;
        }

        boolean writes() {
            return !method.equals("GET");
        }

        /** The JSON request body's schema, $ref resolved; null without one. */
        JsonNode bodySchema() {
            JsonNode content = spec.path("requestBody").path("content");
            if (content.isMissingNode() || content.isEmpty()) {
                return null;
            }
            JsonNode media = content.has("application/json") ? content.get("application/json") : content.properties().iterator().next().getValue();
            return resolve(media.path("schema"));
        }

        boolean jsonBody() {
            return spec.path("requestBody").path("content").has("application/json");
        }

        List<JsonNode> parameters(String in) {
            List<JsonNode> out = new ArrayList<>();
            spec.path("parameters").forEach(p -> {
                if (p.path("in").asString("").equals(in)) {
                    out.add(p);
                }
            });
            return out;
        }

        JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            for (int i = 0; i < 10 && s.has("$ref"); i++) {
                String name = s.get("$ref").asString().replace("#/components/schemas/", "");
                s = document.path("components").path("schemas").path(name);
            }
            return s;
        }
    }

    record Reply(int status, String body, String contentType) {
        boolean problem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    private final String base;
    private final Map<String, HttpClient> clients = new ConcurrentHashMap<>();
    /** Every request sent, for the figures in docs/security.md. */
    final java.util.concurrent.atomic.AtomicLong requests = new java.util.concurrent.atomic.AtomicLong();

    ApiSurface(String base) {
        this.base = base;
    }

    /** Every operation of the services' OpenAPI documents, as the gateway serves them. */
    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (String service : SERVICES) {
            Reply r = send("GET", "/v3/api-docs/" + service, null, null, null, null);
            assertThat(r.status()).as("OpenAPI of %s: %s", service, r.body()).isEqualTo(200);
            JsonNode document = JSON.readTree(r.body());
            for (var path : document.path("paths").properties()) {
                for (var method : path.getValue().properties()) {
                    String verb = method.getKey().toUpperCase();
                    if (VERBS.contains(verb)) {
                        ops.add(new Operation(verb, path.getKey(), method.getValue(), document));
                    }
                }
            }
        }
        return ops;
    }

    /** docs/security.md's role matrix: operation → the roles that may call it, or "public". */
    static Map<String, Set<String>> matrix() {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(Suite.ROOT.resolve("docs/security.md"))) {
                Matcher m = ROW.matcher(line);
                if (m.find()) {
                    Set<String> roles = new LinkedHashSet<>();
                    for (String role : m.group(3).split(",")) {
                        roles.add(role.strip());
                    }
                    rows.put(m.group(1) + " " + m.group(2), roles);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    Reply send(String method, String path, String token, String contentType, String body, String fromAddress) {
        return send(method, path, token, contentType, body, fromAddress, Map.of());
    }

    /** One call through the gateway; {@code path} is sent exactly as written (encodings and slashes kept). */
    Reply send(String method, String path, String token, String contentType, String body, String fromAddress,
               Map<String, String> headers) {
        var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        requests.incrementAndGet();
        try {
            HttpResponse<String> r = client(fromAddress).send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body() == null ? "" : r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpClient client(String fromAddress) {
        return clients.computeIfAbsent(fromAddress == null ? "" : fromAddress, a -> {
            var builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
            if (!a.isEmpty()) {
                try {
                    builder.localAddress(InetAddress.getByName(a));
                } catch (java.net.UnknownHostException e) {
                    throw new IllegalArgumentException(a, e);
                }
            }
            return builder.build();
        });
    }

    String login(String tenant, String user) {
        Reply r = send("POST", "/api/v1/auth/login", null, "application/json", JSON.writeValueAsString(
                Map.of("tenant", tenant, "username", user, "password", Suite.DEMO_SECRET)), null);
        assertThat(r.status()).as("login %s/%s: %s", tenant, user, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    String device(String tenant, String deviceId) {
        Reply r = send("POST", "/api/v1/auth/device-token", null, "application/json", JSON.writeValueAsString(
                Map.of("tenant", tenant, "deviceId", deviceId, "secret", Suite.DEMO_SECRET)), null);
        assertThat(r.status()).as("device token %s/%s: %s", tenant, deviceId, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    /** role → token, for one tenant of the demo data (scripts/seed.d/10-queue.sh). */
    Map<String, String> roles(String tenant) {
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("ADMIN", login(tenant, "admin"));
        tokens.put("MANAGER", login(tenant, "gerente"));
        tokens.put("OPERATOR", login(tenant, "operador"));
        tokens.put("KIOSK", device(tenant, "kiosk-1"));
        tokens.put("PANEL", device(tenant, "panel-1"));
        return tokens;
    }

    /** The answer shows the server's insides: a stack trace, an exception or an internal class name. */
    static boolean leaksInternals(String body) {
        return INTERNALS.matcher(body).find();
    }

    static final Pattern INTERNALS = Pattern.compile(
            "Exception|\\.java:\\d+|\\tat |\\bat [a-z][\\w$]*(\\.[\\w$]+)+\\(|\\b(java|javax|jakarta|tools\\.jackson|com\\.fasterxml|org\\.springframework|reactor|io\\.netty|io\\.r2dbc|org\\.postgresql)\\.[a-z]");

    static void writeReport(String name, List<String> lines) {
        Path out = Suite.ROOT.resolve("e2e/target/security-" + name + ".txt");
        try {
            Files.createDirectories(out.getParent());
            Files.writeString(out, String.join("\n", lines) + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
