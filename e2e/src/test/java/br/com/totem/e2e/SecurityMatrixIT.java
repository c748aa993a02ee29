package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import br.com.totem.e2e.ApiSurface.Operation;
import br.com.totem.e2e.ApiSurface.Reply;
import tools.jackson.databind.JsonNode;

/**
 * The security suite's access matrix (docs/security.md), generated from the OpenAPI documents the
 * gateway serves, so an endpoint is covered the day it appears, and compared with the role matrix
 * written once in docs/security.md:
 * <ul>
 *   <li>every operation has a row there and every row an operation;</li>
 *   <li>every protected operation answers 401 problem+json to no token and to each bad token
 *       ({@link ForgedTokens}: tampered, another key under our kid, an unknown key, alg none,
 *       expired, another issuer);</li>
 *   <li>every role of tenant {@code demo} gets what the matrix says: a listed role is never
 *       refused (401/403), any other gets 403 problem+json; never a 5xx, never a stack trace;</li>
 *   <li>every role of tenant {@code outro}, asking for {@code demo}'s real resources, gets 403
 *       where its role may not, and otherwise 404 — never {@code demo}'s data — and no list it
 *       reads names one of {@code demo}'s ids;</li>
 *   <li>percent-encoded, double-slash, dot-segment and trailing-slash spellings of every path
 *       answer, with no token and with an allowed role, exactly as the plain path.</li>
 * </ul>
 * Each test writes its figures to {@code e2e/target/security-*.txt} (docs/security.md quotes them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SecurityMatrixIT {

    /** Called only with roles that may not: with one that may they change the whole suite. */
    static final Set<String> SIDE_EFFECTS = Set.of("POST /api/v1/auth/keys/rotate", "POST /api/v1/customers/re-encryption",
            "POST /api/v1/reports/rebuild");
    static final Pattern UUID_TEXT = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    Suite suite;
    ApiSurface api;
    Map<String, String> demo;
    Map<String, String> outro;
    List<Operation> ops;
    Map<String, Set<String>> matrix;
    ForgedTokens forged;
    /** collection segment ("services", "tickets", …) → an id of tenant demo that tenant outro does not have. */
    final Map<String, String> demoIds = new LinkedHashMap<>();
    /** Every uuid tenant demo's lists show. */
    final Set<String> demoUuids = new LinkedHashSet<>();

    final List<String> failures = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    int cases;

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        api = new ApiSurface(suite.gatewayUrl());
        demo = api.roles("demo");
        outro = api.roles("outro");
        ops = api.operations();
        matrix = ApiSurface.matrix();
        forged = ForgedTokens.of(suite);
        sellOneTicket();
        collectDemoIds();
    }

    /** A ticket of demo (the demo data sells none), so tickets and their sub-resources have a real id to ask for. */
    void sellOneTicket() {
        String kiosk = demo.get("KIOSK");
        JsonNode service = ApiSurface.JSON.readTree(api.send("GET", "/api/v1/services", kiosk, null, null, null).body()).path(0);
        JsonNode consent = ApiSurface.JSON.readTree(api.send("GET", "/api/v1/consents/current", kiosk, null, null, null).body());
        String order = ApiSurface.JSON.writeValueAsString(Map.of("serviceId", service.path("id").asString(),
                "customer", Map.of("name", "Teste Seguran\u00e7a", "cpf", GatewayClient.randomCpf(), "phone", "11987654321"),
                "consent", Map.of("version", consent.path("version").asInt(), "accepted", true)));
        Reply r = api.send("POST", "/api/v1/tickets", kiosk, "application/json", order, null,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(r.status()).as("demo sale: %s", r.body()).isEqualTo(201);
    }

    /** For each collection both tenants list, an item of demo's whose key outro's list lacks. */
    void collectDemoIds() {
        for (Operation op : ops) {
            Matcher m = Pattern.compile("^(.*/([a-z-]+))/\\{([^}]+)\\}").matcher(op.path());
            if (!op.method().equals("GET") || !m.find() || demoIds.containsKey(m.group(2))) {
                continue;
            }
            String collection = m.group(1);
            String param = m.group(3);
            Set<String> allowed = matrix.getOrDefault("GET " + collection, Set.of());
            String role = allowed.contains("MANAGER") ? "MANAGER" : allowed.stream().filter(demo::containsKey).findFirst().orElse(null);
            if (role == null) {
                continue;
            }
            List<String> mine = keys(api.send("GET", collection, demo.get(role), null, null, null), param);
            Set<String> theirs = new LinkedHashSet<>(keys(api.send("GET", collection, outro.get(role), null, null, null), param));
            mine.stream().filter(k -> UUID_TEXT.matcher(k).matches()).forEach(demoUuids::add);
            mine.stream().filter(k -> !theirs.contains(k)).findFirst().ifPresent(k -> demoIds.put(m.group(2), k));
        }
        notes.add("demo resources asked for by outro: " + demoIds.keySet());
    }

    static List<String> keys(Reply list, String param) {
        List<String> out = new ArrayList<>();
        if (list.status() != 200 || !list.contentType().contains("json")) {
            return out;
        }
        JsonNode body = ApiSurface.JSON.readTree(list.body());
        JsonNode items = body.isArray() ? body : body.has("items") ? body.get("items") : body.path("content");
        for (JsonNode item : items) {
            JsonNode key = item.has(param) ? item.get(param) : item.get("id");
            if (key != null && !key.isNull()) {
                out.add(key.asString());
            }
        }
        return out;
    }

    void expect(boolean ok, String what, Object... args) {
        cases++;
        if (!ok) {
            failures.add(String.format(what, args));
        }
    }

    void begin() {
        failures.clear();
        notes.clear();
        cases = 0;
        api.requests.set(0);
    }

    void finish(String name, long startedAt) {
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        String line = String.format("%s: %d operations, %d cases, %d requests, %d failures, %d s", name, ops.size(), cases,
                api.requests.get(), failures.size(), seconds);
        System.out.println("SECURITY-SUITE " + line);
        List<String> lines = new ArrayList<>(List.of(line));
        lines.addAll(notes);
        lines.addAll(failures);
        ApiSurface.writeReport(name, lines);
        assertThat(failures).as(name + " failures").isEmpty();
    }

    boolean isPublic(Operation op) {
        return matrix.getOrDefault(op.key(), Set.of()).contains("public");
    }

    /** A concrete path: every {parameter} gets a value that names nothing. */
    static String nothing(String template) {
        return template.replaceAll("\\{action[^}]*\\}", "recall")
                .replaceAll("\\{(id|ticketId|stationId)\\}", UUID.randomUUID().toString())
                .replaceAll("\\{[^}]+\\}", "nada-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The path with demo's real ids where it names a collection's item; null when it names none we have. */
    String demoPath(String template) {
        Matcher m = Pattern.compile("/([a-z-]+)/\\{([^}]+)\\}").matcher(template);
        StringBuilder out = new StringBuilder();
        boolean any = false;
        while (m.find()) {
            String id = demoIds.get(m.group(1));
            if (id == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement("/" + m.group(1) + "/" + id));
            any = true;
        }
        m.appendTail(out);
        String path = out.toString().replaceAll("\\{action[^}]*\\}", "recall");
        return any && !path.contains("{") ? path : null;
    }

    /** The operation's required query parameters, uuids named after a collection set to demo's id of it (ticketId → a demo ticket). */
    String requiredQuery(Operation op) {
        StringBuilder q = new StringBuilder();
        for (JsonNode p : op.parameters("query")) {
            if (!p.path("required").asBoolean(false)) {
                continue;
            }
            String name = p.path("name").asString();
            String demoId = demoIds.get(name.replaceAll("Id$", "") + "s");
            String value = demoId != null ? demoId : Bodies.validString(op.resolve(p.path("schema")), name, new Random(3), GatewayClient.randomCpf());
            q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8));
        }
        return q.toString();
    }

    String body(Operation op) {
        JsonNode schema = op.bodySchema();
        if (schema == null) {
            return null;
        }
        return op.jsonBody() ? "{}" : "teste";
    }

    String contentType(Operation op) {
        return op.bodySchema() == null ? null : op.jsonBody() ? "application/json" : "text/plain";
    }

    /** Logins and device tokens are limited per client address: each such operation gets an address of its own. */
    String address(Operation op) {
        return op.path().startsWith("/api/v1/auth/") ? "127.0.0." + (10 + Math.floorMod(op.path().hashCode(), 200)) : null;
    }

    @Test
    void everyOperationOfTheOpenApiHasARowInTheRoleMatrixAndEveryRowAnOperation() {
        long t0 = System.nanoTime();
        begin();
        Set<String> present = new LinkedHashSet<>();
        for (Operation op : ops) {
            present.add(op.key());
            expect(matrix.containsKey(op.key()), "%s has no row in docs/security.md", op.key());
        }
        matrix.keySet().forEach(k -> expect(present.contains(k), "docs/security.md lists %s, which no OpenAPI document has", k));
        for (var row : matrix.entrySet()) {
            for (String role : row.getValue()) {
                expect(role.equals("public") || ApiSurface.ROLES.contains(role), "%s: unknown role %s", row.getKey(), role);
            }
        }
        finish("rows", t0);
    }

    @Test
    void everyProtectedOperationRefusesAMissingOrBadToken() throws Exception {
        long t0 = System.nanoTime();
        begin();
        String manager = demo.get("MANAGER");
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("no token", null);
        bad.put("a tampered token", ForgedTokens.tampered(manager));
        bad.put("another key under our kid", ForgedTokens.otherKeySameKid(manager));
        bad.put("an unknown key", ForgedTokens.unknownKey("demo"));
        bad.put("alg none", ForgedTokens.unsigned(manager));
        if (forged.haveSuiteKey()) {
            bad.put("an expired token", forged.expired(manager));
            bad.put("another issuer", forged.otherIssuer(manager));
        } else {
            notes.add("expired and other-issuer tokens not tried: the suite was not started by this JVM (no signing key at hand)");
        }
        for (Operation op : ops) {
            if (isPublic(op) || !matrix.containsKey(op.key())) {
                continue;
            }
            String path = nothing(op.path());
            for (var token : bad.entrySet()) {
                Reply r = api.send(op.method(), path, token.getValue(), contentType(op), body(op), address(op));
                expect(r.status() == 401 && r.problem(), "%s with %s: %d %s (want 401 problem)", op.key(), token.getKey(), r.status(),
                        r.contentType());
            }
        }
        finish("tokens", t0);
    }

    @Test
    void everyRoleOfItsOwnTenantGetsWhatTheRoleMatrixSays() {
        long t0 = System.nanoTime();
        begin();
        for (Operation op : ops) {
            Set<String> allowed = matrix.get(op.key());
            if (allowed == null || allowed.contains("public")) {
                continue;
            }
            String path = nothing(op.path());
            for (String role : ApiSurface.ROLES) {
                boolean may = allowed.contains(role);
                if (may && SIDE_EFFECTS.contains(op.key())) {
                    continue;
                }
                Reply r = api.send(op.method(), path, demo.get(role), contentType(op), body(op), null);
                if (may) {
                    expect(r.status() != 401 && r.status() != 403 && r.status() < 500, "%s as %s: %d (allowed) %s", op.key(), role,
                            r.status(), abbreviate(r.body()));
                } else {
                    expect(r.status() == 403 && r.problem(), "%s as %s: %d %s (want 403 problem)", op.key(), role, r.status(),
                            abbreviate(r.body()));
                }
                expect(!ApiSurface.leaksInternals(r.body()), "%s as %s: the answer shows the server's insides: %s", op.key(), role,
                        abbreviate(r.body()));
            }
        }
        finish("roles", t0);
    }

    @Test
    void everyRoleOfAnotherTenantIsRefusedOrFindsNothingOfThisTenant() {
        long t0 = System.nanoTime();
        begin();
        assertThat(demoIds).as("demo resources outro lacks").isNotEmpty();
        int named = 0;
        for (Operation op : ops) {
            Set<String> allowed = matrix.get(op.key());
            if (allowed == null || allowed.contains("public")) {
                continue;
            }
            String path = demoPath(op.path());
            boolean names = path != null;
            if (!names && op.path().contains("{")) {
                notes.add("not tried across tenants (no demo id for it): " + op.key());
                continue;
            }
            if (names) {
                named++;
            }
            for (String role : ApiSurface.ROLES) {
                boolean may = allowed.contains(role);
                if (may && SIDE_EFFECTS.contains(op.key())) {
                    continue;
                }
                if (!names && (op.writes() || !may)) {
                    // a collection write of outro acts on outro's own data; a refusal is the roles test's
                    continue;
                }
                String body = names && op.bodySchema() != null && op.jsonBody()
                        ? Bodies.valid(op, op.bodySchema(), null, new Random(7), GatewayClient.randomCpf()).toString()
                        : body(op);
                String query = requiredQuery(op);
                Reply r = api.send(op.method(), (names ? path : op.path()) + query, outro.get(role), contentType(op), body, null);
                if (!may) {
                    expect(r.status() == 403, "%s on demo's resource as outro's %s: %d (want 403)", op.key(), role, r.status());
                } else if (names) {
                    expect(r.status() == 404 || r.status() == 400 && !op.method().equals("GET"),
                            "%s on demo's %s as outro's %s: %d %s (want 404)", op.key(), path, role, r.status(), abbreviate(r.body()));
                    if (r.status() == 400) {
                        notes.add("inconclusive (400 for the body before the lookup): " + op.key() + " as outro's " + role);
                    }
                } else if (r.status() < 300) {
                    for (String id : demoUuids) {
                        expect(!r.body().contains(id) || query.contains(id), "%s as outro's %s lists demo's %s", op.key(), role, id);
                    }
                } else {
                    expect(r.status() < 500, "%s%s as outro's %s: %d", op.key(), query, role, r.status());
                }
            }
        }
        notes.add("operations naming a demo resource: " + named);
        finish("tenants", t0);
    }

    @Test
    void everyOtherSpellingOfAPathAnswersAsThePlainPath() {
        long t0 = System.nanoTime();
        begin();
        for (Operation op : ops) {
            Set<String> allowed = matrix.get(op.key());
            if (allowed == null) {
                continue;
            }
            String role = allowed.contains("public") ? null
                    : allowed.stream().filter(demo::containsKey).findFirst().orElseThrow();
            String path = nothing(op.path());
            List<String> tokens = new ArrayList<>();
            tokens.add(null);
            if (role != null && !SIDE_EFFECTS.contains(op.key())) {
                tokens.add(demo.get(role));
            }
            for (String token : tokens) {
                Reply plain = api.send(op.method(), path, token, contentType(op), body(op), address(op));
                for (String variant : variants(path)) {
                    Reply r = api.send(op.method(), variant, token, contentType(op), body(op), address(op));
                    expect(r.status() == plain.status(), "%s %s (%s): %d, the plain path %d", op.method(), variant,
                            token == null ? "no token" : role, r.status(), plain.status());
                }
            }
        }
        finish("spellings", t0);
    }

    /** Other spellings of the same path (RFC 3986 equivalents, and ones servers resolve): each must mean the plain path. */
    static List<String> variants(String path) {
        List<String> out = new ArrayList<>();
        String[] segments = path.substring(1).split("/");
        int first = path.startsWith("/api/v1/") ? 2 : 0;
        int last = segments.length - 1;
        while (last > first && (!segments[last].matches(".*[a-z].*") || segments[last].startsWith("nada-")
                || UUID_TEXT.matcher(segments[last]).matches())) {
            last--;
        }
        out.add(encodeFirstLetter(segments, first, false));
        if (last != first) {
            out.add(encodeFirstLetter(segments, last, true));
        }
        out.add("/" + path);
        out.add(path.startsWith("/api/v1/") ? "/api/v1//" + path.substring(8) : path.replaceFirst("/", "//"));
        out.add(path.startsWith("/api/") ? "/api/./" + path.substring(5) : "/." + path);
        out.add(path.startsWith("/api/v1/") ? "/api/v1/zz/../" + path.substring(8) : "/zz/.." + path);
        if (path.startsWith("/api/")) {
            out.add(path + "/");
        }
        return out;
    }

    static String encodeFirstLetter(String[] segments, int index, boolean upper) {
        String[] copy = segments.clone();
        Matcher m = Pattern.compile("[a-z]").matcher(copy[index]);
        if (m.find()) {
            String hex = Integer.toHexString(m.group().charAt(0));
            copy[index] = copy[index].substring(0, m.start()) + "%" + (upper ? hex.toUpperCase() : hex) + copy[index].substring(m.end());
        }
        return "/" + String.join("/", copy);
    }

    static String abbreviate(String body) {
        return body.length() > 300 ? body.substring(0, 300) + "…" : body;
    }
}
