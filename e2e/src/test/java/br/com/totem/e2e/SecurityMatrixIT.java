package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import br.com.totem.testkit.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The security suite's access matrix (docs/security.md), generated from the gateway's aggregated
 * OpenAPI so that a new endpoint is covered the day it appears: every operation × no token,
 * tampered token, token of another issuer, and each role of tenant {@code demo}; a resource of
 * tenant {@code demo} asked for by tenant {@code outro}; and the percent-encoded and double-slash
 * variants of every path, which must answer as the plain path. The expected roles are the table
 * written once in docs/security.md; an operation without a row there fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT {

    static final Duration BOUND = Duration.ofSeconds(30);
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final List<String> ROLES = List.of("ADMIN", "MANAGER", "OPERATOR", "KIOSK", "PANEL");
    static final List<String> SERVICES = List.of("ticket", "payment", "queue", "print");
    /** Called with no allowed role only: with one they change the whole suite (a new signing key, every customer re-encrypted). */
    static final Set<String> SIDE_EFFECTS = Set.of("POST /api/v1/auth/keys/rotate", "POST /api/v1/customers/re-encryption");
    static final Pattern ROW = Pattern.compile("^\\|\\s*`(GET|POST|PUT|DELETE|PATCH) (\\S+)`\\s*\\|\\s*([^|]+?)\\s*\\|");

    record Operation(String method, String path) {
        String key() {
            return method + " " + path;
        }
    }

    record Reply(int status, String body, String contentType) {
    }

    Suite suite;
    WebClient gateway;
    final Map<String, String> demo = new LinkedHashMap<>();
    final Map<String, String> outro = new LinkedHashMap<>();
    final List<String> failures = new ArrayList<>();
    int cases;

    @BeforeAll
    void start() throws Exception {
        suite = Suite.startOrUseRunning();
        gateway = WebClient.builder().baseUrl(suite.gatewayUrl())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
        for (var tokens : List.of(Map.entry("demo", demo), Map.entry("outro", outro))) {
            String tenant = tokens.getKey();
            tokens.getValue().put("ADMIN", login(tenant, "admin"));
            tokens.getValue().put("MANAGER", login(tenant, "gerente"));
            tokens.getValue().put("OPERATOR", login(tenant, "operador"));
            tokens.getValue().put("KIOSK", device(tenant, "kiosk-1"));
            tokens.getValue().put("PANEL", device(tenant, "panel-1"));
        }
    }

    @AfterAll
    void stop() {
        if (suite != null) {
            suite.close();
        }
    }

    Reply call(String method, String path, String token, boolean body) {
        var spec = gateway.method(HttpMethod.valueOf(method))
                .uri(java.net.URI.create(suite.gatewayUrl() + path))
                .headers(h -> {
                    if (token != null) {
                        h.setBearerAuth(token);
                    }
                });
        var ready = body ? spec.contentType(MediaType.APPLICATION_JSON).bodyValue("{}") : spec;
        return ready.exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                        .map(b -> new Reply(r.statusCode().value(), b,
                                r.headers().contentType().map(MediaType::toString).orElse(""))))
                .block(BOUND);
    }

    String login(String tenant, String user) {
        Reply r = post("/api/v1/auth/login", Map.of("tenant", tenant, "username", user,
                "password", Suite.DEMO_SECRET));
        assertThat(r.status()).as("login %s/%s: %s", tenant, user, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    String device(String tenant, String deviceId) {
        Reply r = post("/api/v1/auth/device-token", Map.of("tenant", tenant, "deviceId", deviceId,
                "secret", Suite.DEMO_SECRET));
        assertThat(r.status()).as("device token %s/%s: %s", tenant, deviceId, r.body()).isEqualTo(200);
        return JSON.readTree(r.body()).get("accessToken").asString();
    }

    Reply post(String path, Object body) {
        return gateway.post().uri(path).contentType(MediaType.APPLICATION_JSON).bodyValue(body)
                .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty("")
                        .map(b -> new Reply(r.statusCode().value(), b, "")))
                .block(BOUND);
    }

    /** Every operation of the services' OpenAPI documents, as the gateway serves them. */
    List<Operation> operations() {
        List<Operation> ops = new ArrayList<>();
        for (String service : SERVICES) {
            Reply r = call("GET", "/v3/api-docs/" + service, null, false);
            assertThat(r.status()).as("OpenAPI of %s", service).isEqualTo(200);
            JsonNode paths = JSON.readTree(r.body()).path("paths");
            for (var path : paths.properties()) {
                for (var method : path.getValue().properties()) {
                    String verb = method.getKey().toUpperCase();
                    if (List.of("GET", "POST", "PUT", "DELETE", "PATCH").contains(verb)) {
                        ops.add(new Operation(verb, path.getKey()));
                    }
                }
            }
        }
        return ops;
    }

    /** docs/security.md's role matrix: operation → the roles that may call it, or "public". */
    static Map<String, Set<String>> matrix() throws Exception {
        Map<String, Set<String>> rows = new LinkedHashMap<>();
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
        return rows;
    }

    /** A concrete path: every {parameter} gets a value that names nothing (a fresh UUID, or a word). */
    static String concrete(String template) {
        return template.replaceAll("\\{action[^}]*\\}", "recall")
                .replaceAll("\\{(id|ticketId|stationId)\\}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+\\}", "nada-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The same path with the first letter after /api/v1/ percent-encoded, e.g. /api/v1/%73ervices. */
    static String encoded(String path) {
        Matcher m = Pattern.compile("^(/api/v1/)([a-z])").matcher(path);
        return m.find() ? m.replaceFirst("$1%" + Integer.toHexString(m.group(2).charAt(0))) : null;
    }

    /** The same path with a doubled slash after /api/v1. */
    static String doubled(String path) {
        return path.startsWith("/api/v1/") ? "/api/v1//" + path.substring("/api/v1/".length()) : null;
    }

    /** The token with its role and tenant claims changed and its signature kept. */
    static String tampered(String token) {
        String[] parts = token.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"MANAGER\"", "\"ADMIN\"").replace("\"demo\"", "\"outro\"");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
    }

    void expect(boolean ok, String what, Object... args) {
        cases++;
        if (!ok) {
            failures.add(String.format(what, args));
        }
    }

    @Test
    void everyOperationAnswersEveryCallerAsTheRoleMatrixSays() throws Exception {
        failures.clear();
        cases = 0;
        List<Operation> ops = operations();
        Map<String, Set<String>> matrix = matrix();
        String manager = demo.get("MANAGER");
        String foreign = TestTokens.get().token("demo", "gerente", "MANAGER", "ADMIN");
        String forged = tampered(manager);
        assertThat(forged).as("the tampering changed the payload").isNotEqualTo(manager);
        for (Operation op : ops) {
            Set<String> allowed = matrix.get(op.key());
            if (allowed == null) {
                expect(false, "%s has no row in docs/security.md", op.key());
                continue;
            }
            boolean body = !op.method().equals("GET") && !op.method().equals("DELETE");
            String path = concrete(op.path());
            boolean isPublic = allowed.contains("public");
            if (!isPublic) {
                int none = call(op.method(), path, null, body).status();
                expect(none == 401, "%s without a token: %d (want 401)", op.key(), none);
                int bad = call(op.method(), path, forged, body).status();
                expect(bad == 401, "%s with a tampered token: %d (want 401)", op.key(), bad);
                int other = call(op.method(), path, foreign, body).status();
                expect(other == 401, "%s with another issuer's token: %d (want 401)", op.key(), other);
                for (String role : ROLES) {
                    boolean may = allowed.contains(role);
                    if (may && SIDE_EFFECTS.contains(op.key())) {
                        continue;
                    }
                    Reply r = call(op.method(), path, demo.get(role), body);
                    expect(may ? r.status() != 401 && r.status() != 403 : r.status() == 403,
                            "%s as %s: %d (%s)", op.key(), role, r.status(), may ? "allowed" : "want 403");
                    expect(r.status() < 500, "%s as %s: %d, a server error", op.key(), role, r.status());
                    expect(!r.body().contains("Exception") && !r.body().contains("\tat "),
                            "%s as %s: the answer shows a stack trace", op.key(), role);
                }
            }
            // percent-encoded and double-slash variants answer as the plain path, for the anonymous and a manager
            for (String token : java.util.Arrays.asList(null, manager)) {
                // the auth endpoints' per-address limit is low: their variants are tried without a token only
                if (SIDE_EFFECTS.contains(op.key()) || token != null && op.path().startsWith("/api/v1/auth/")) {
                    continue;
                }
                int plain = call(op.method(), path, token, body).status();
                for (String variant : java.util.Arrays.asList(encoded(path), doubled(path))) {
                    if (variant != null) {
                        int status = call(op.method(), variant, token, body).status();
                        expect(status == plain, "%s %s (%s): %d, the plain path %d", op.method(), variant,
                                token == null ? "no token" : "MANAGER", status, plain);
                    }
                }
            }
        }
        // a row for an operation that no longer exists is a stale matrix
        Set<String> present = new LinkedHashSet<>();
        ops.forEach(o -> present.add(o.key()));
        matrix.keySet().stream().filter(k -> !present.contains(k) && !k.startsWith("GET /ws/"))
                .forEach(k -> expect(false, "docs/security.md lists %s, which the OpenAPI does not", k));
        report("matrix", ops.size());
        assertThat(failures).as("security matrix failures").isEmpty();
    }

    @Test
    void aResourceOfOneTenantIsNotFoundByAnother() throws Exception {
        failures.clear();
        cases = 0;
        List<Operation> ops = operations();
        Set<String> gets = new LinkedHashSet<>();
        ops.stream().filter(o -> o.method().equals("GET")).forEach(o -> gets.add(o.path()));
        int tried = 0;
        for (String item : gets) {
            Matcher m = Pattern.compile("^(.+)/\\{([^}]+)\\}$").matcher(item);
            if (!m.find() || !gets.contains(m.group(1))) {
                continue;
            }
            String collection = m.group(1);
            Reply list = call("GET", collection, demo.get("MANAGER"), false);
            if (list.status() != 200) {
                continue;
            }
            JsonNode items = JSON.readTree(list.body());
            JsonNode first = items.isArray() ? items.path(0) : items.path("items").path(0);
            JsonNode id = first.has(m.group(2)) ? first.get(m.group(2)) : first.get("id");
            if (id == null || id.isNull()) {
                continue;
            }
            String path = collection + "/" + id.asString();
            tried++;
            int own = call("GET", path, demo.get("MANAGER"), false).status();
            expect(own == 200, "GET %s of its own tenant: %d", item, own);
            for (String role : List.of("MANAGER", "ADMIN")) {
                int other = call("GET", path, outro.get(role), false).status();
                expect(other == 404, "GET %s of tenant demo asked for by outro's %s: %d (want 404)", item, role, other);
            }
        }
        expect(tried > 0, "no resource of tenant demo found to ask for from outro");
        report("tenants", tried);
        assertThat(failures).as("cross-tenant failures").isEmpty();
    }

    void report(String name, int count) throws Exception {
        String line = String.format("%s: %d operations or resources, %d cases, %d failures%n", name, count, cases, failures.size());
        System.out.print("SECURITY-SUITE " + line);
        Path out = Suite.ROOT.resolve("e2e/target/security-" + name + ".txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + String.join("\n", failures) + "\n");
    }
}
