package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import br.com.totem.e2e.ApiSurface.Operation;
import br.com.totem.e2e.ApiSurface.Reply;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import tools.jackson.databind.JsonNode;

/**
 * Fuzzed requests to every write endpoint of the OpenAPI documents (jqwik): each try sends every
 * write operation one request that its own schema forbids — a body with a certainly-invalid
 * property ({@link Bodies#invalid}), text that is not its JSON, nesting past any parser's limit, a
 * content type it does not take, a path or query parameter of the wrong kind — with a role the
 * matrix allows (so the request reaches the service) and a CPF planted in it. Every answer must be
 * a 4xx {@code application/problem+json}: never a 2xx (the service took what its contract
 * forbids), never a 5xx, never a stack trace or an internal class name, never the CPF.
 */
class SecurityFuzzIT {

    enum Kind { BODY, MALFORMED, DEEP, CONTENT_TYPE, PATH, QUERY }

    /** One fuzzed request to one operation; {@code seed} drives every choice inside it. */
    record Case(Operation op, Kind kind, long seed) {
        @Override
        public String toString() {
            return op.key() + " " + kind + " #" + seed;
        }
    }

    /** Operations with nothing to fuzz (no body, no parameter) whose allowed call changes the whole suite. */
    static final Set<String> NOTHING_TO_FUZZ = Set.of("POST /api/v1/auth/keys/rotate", "POST /api/v1/customers/re-encryption",
            "POST /api/v1/reports/rebuild");
    static final List<String> JUNK_PARAMETERS = List.of("not-a-uuid", "%27%20or%20%271%27%3D%271", "%C3%A7%C3%A3o%20%F0%9F%98%80",
            "x".repeat(1000), "..%2Fadmin", "%00", "-1", "99999999999999999999999", "%7Bid%7D", "null", "%20", "0x1F",
            "%3Cscript%3E", "2026-02-30", "%E2%80%AE");

    static Suite suite;
    static ApiSurface api;
    static Map<String, Map<String, String>> tokens = new LinkedHashMap<>();
    static Map<String, Set<String>> matrix;
    static List<Operation> targets;
    static final List<String> skipped = new ArrayList<>();
    static final List<String> failures = Collections.synchronizedList(new ArrayList<>());
    static final Map<String, AtomicInteger> tried = Collections.synchronizedMap(new LinkedHashMap<>());
    static final AtomicInteger address = new AtomicInteger();
    static long startedAt;

    @BeforeContainer
    static void start() throws Exception {
        suite = Suite.shared();
        api = new ApiSurface(suite.gatewayUrl());
        startedAt = System.nanoTime();
        tokens.put("demo", api.roles("demo"));
        tokens.put("outro", api.roles("outro"));
        matrix = ApiSurface.matrix();
        targets = new ArrayList<>();
        for (Operation op : api.operations()) {
            if (!op.writes()) {
                continue;
            }
            if (kinds(op).isEmpty() || NOTHING_TO_FUZZ.contains(op.key())) {
                skipped.add(op.key());
                continue;
            }
            targets.add(op);
        }
        assertThat(targets).as("write operations to fuzz").isNotEmpty();
    }

    @AfterContainer
    static void report() {
        if (api == null) {
            return;
        }
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        int cases = tried.values().stream().mapToInt(AtomicInteger::get).sum();
        List<String> lines = new ArrayList<>();
        lines.add(String.format("fuzz: %d write operations, %d cases, %d requests, %d failures, %d s", tried.size(), cases,
                api.requests.get(), failures.size(), seconds));
        lines.add("not fuzzed (no body or parameter; an allowed call changes the whole suite): " + skipped);
        tried.forEach((op, n) -> lines.add(op + ": " + n));
        lines.addAll(failures);
        System.out.println("SECURITY-SUITE " + lines.getFirst());
        ApiSurface.writeReport("fuzz", lines);
    }

    static List<Kind> kinds(Operation op) {
        List<Kind> kinds = new ArrayList<>();
        if (op.bodySchema() != null) {
            if (op.jsonBody()) {
                kinds.add(Kind.BODY);
                kinds.add(Kind.BODY);
                kinds.add(Kind.BODY);
                kinds.add(Kind.CONTENT_TYPE);
                kinds.add(Kind.DEEP);
            }
            kinds.add(Kind.MALFORMED);
        }
        if (op.path().contains("{")) {
            kinds.add(Kind.PATH);
            kinds.add(Kind.PATH);
        }
        if (!op.parameters("query").isEmpty()) {
            kinds.add(Kind.QUERY);
        }
        return kinds;
    }

    @Provide
    Arbitrary<List<Case>> rounds() {
        List<Arbitrary<Case>> perOperation = new ArrayList<>();
        for (Operation op : targets) {
            perOperation.add(Combinators.combine(Arbitraries.of(kinds(op)), Arbitraries.longs()).as((k, seed) -> new Case(op, k, seed)));
        }
        return Combinators.combine(perOperation).as(List::copyOf);
    }

    @Property(tries = 25, shrinking = ShrinkingMode.OFF)
    void everyWriteEndpointAnswersAFuzzedRequestWithA4xxProblemAndNothingElse(@ForAll("rounds") List<Case> round) {
        int before = failures.size();
        for (Case c : round) {
            send(c);
        }
        assertThat(failures.subList(before, failures.size())).as("fuzzed requests answered wrongly").isEmpty();
    }

    void send(Case c) {
        Operation op = c.op();
        Random random = new Random(c.seed());
        String cpf = GatewayClient.randomCpf();
        String formatted = cpf.replaceFirst("(\\d{3})(\\d{3})(\\d{3})(\\d{2})", "$1.$2.$3-$4");
        String brokenCpf = cpf.substring(0, 10) + ((cpf.charAt(10) - '0' + 1) % 10);
        String plantedCpf = random.nextBoolean() ? cpf : formatted;

        String tenant = random.nextBoolean() ? "demo" : "outro";
        Set<String> allowed = matrix.getOrDefault(op.key(), Set.of("public"));
        String role = List.of("MANAGER", "ADMIN", "OPERATOR", "KIOSK", "PANEL").stream().filter(allowed::contains).findFirst().orElse(null);
        String token = role == null ? null : tokens.get(tenant).get(role);
        String from = op.path().startsWith("/api/v1/auth/") ? "127.0.0." + (20 + address.getAndIncrement() % 200) : null;

        JsonNode schema = op.bodySchema();
        String contentType = schema == null ? null : op.jsonBody() ? "application/json" : "text/plain";
        String body = schema == null ? null : op.jsonBody()
                ? Bodies.valid(op, schema, null, random, plantedCpf).toString() : "{\"cpf\":\"" + plantedCpf + "\"}";
        String path = concrete(op.path(), random);
        String query = "";
        switch (c.kind()) {
            case BODY -> body = Bodies.invalid(op, schema, random, plantedCpf).toString();
            case MALFORMED -> body = Bodies.MALFORMED.get(random.nextInt(Bodies.MALFORMED.size()));
            case DEEP -> body = Bodies.deep(2_000 + random.nextInt(20_000));
            case CONTENT_TYPE -> {
                contentType = List.of("text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x")
                        .get(random.nextInt(4));
                body = "cpf=" + plantedCpf;
            }
            case PATH -> path = junkPath(op.path(), random);
            case QUERY -> query = junkQuery(op, random, brokenCpf);
        }
        Reply r = api.send(op.method(), path + query, token, contentType, body, from, Bodies.headers(op, random));
        tried.computeIfAbsent(op.key(), k -> new AtomicInteger()).incrementAndGet();
        String what = c + " " + op.method() + " " + abbreviate(path + query) + " body " + abbreviate(String.valueOf(body));
        check(r.status() >= 400 && r.status() < 500 && r.status() != 429, what, "status " + r.status() + " " + abbreviate(r.body()));
        check(r.problem(), what, "content type '" + r.contentType() + "'");
        check(!ApiSurface.leaksInternals(r.body()), what, "the answer shows the server's insides: " + abbreviate(r.body()));
        check(!r.body().contains(cpf) && !r.body().contains(formatted) && !r.body().contains(brokenCpf), what,
                "the answer echoes the CPF: " + abbreviate(r.body()));
    }

    static void check(boolean ok, String what, String why) {
        if (!ok) {
            failures.add(what + ": " + why);
        }
    }

    /** Path parameters set to values that name nothing (valid in kind). */
    static String concrete(String template, Random random) {
        Matcher m = Pattern.compile("\\{([^}]+)\\}").matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.startsWith("action") ? "recall"
                    : name.toLowerCase().endsWith("id") && !name.equals("deviceId") ? new java.util.UUID(random.nextLong(), random.nextLong()).toString()
                    : "nada-" + Long.toHexString(random.nextLong());
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** One path parameter replaced by junk (others valid in kind). */
    static String junkPath(String template, Random random) {
        Matcher m = Pattern.compile("\\{([^}]+)\\}").matcher(template);
        List<String> names = new ArrayList<>();
        while (m.find()) {
            names.add(m.group(1));
        }
        String victim = names.get(random.nextInt(names.size()));
        String junk = JUNK_PARAMETERS.get(random.nextInt(JUNK_PARAMETERS.size()));
        return concrete(template.replace("{" + victim + "}", junk), random);
    }

    /** Every declared query parameter set, one of them (or a CPF with a wrong check digit) to junk. */
    static String junkQuery(Operation op, Random random, String brokenCpf) {
        List<JsonNode> params = op.parameters("query");
        int victim = random.nextInt(params.size());
        StringBuilder q = new StringBuilder();
        for (int i = 0; i < params.size(); i++) {
            JsonNode p = params.get(i);
            String name = p.path("name").asString();
            String value;
            if (name.toLowerCase().contains("cpf")) {
                value = brokenCpf;
            } else if (i == victim) {
                value = JUNK_PARAMETERS.get(random.nextInt(JUNK_PARAMETERS.size()));
            } else {
                value = URLEncoder.encode(Bodies.validString(op.resolve(p.path("schema")), name, random, brokenCpf), StandardCharsets.UTF_8);
            }
            q.append(q.isEmpty() ? "?" : "&").append(name).append('=').append(value);
        }
        return q.toString();
    }

    static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }
}
