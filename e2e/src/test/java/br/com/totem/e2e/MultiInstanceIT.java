package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two instances of every service at once (docs/deployment.md "Several replicas"): the suite's
 * own instance of each of the five services plus a second one on the same databases, vhost and
 * Redis, and two more gateways that balance every route over both instances (Spring Cloud
 * LoadBalancer, {@code lb://} routes over a static instance list). Kiosk sales through both
 * gateways must give one ticket per idempotency key, consecutive numbers, one payment, one print
 * and one queue entry each; both queue-service instances must push every change to their own
 * WebSocket clients (fan-out through Redis, whichever instance consumed the event); two
 * operators calling at once through different gateways must never get the same ticket; and the
 * gateways' rate limits must be one budget in Redis, not one per gateway; and report-service's read
 * model, fed by both its instances, must count each sale once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MultiInstanceIT {

    static final Duration BOUND = Duration.ofSeconds(90);
    static final JsonMapper json = JsonMapper.builder().build();
    static final List<String> SERVICES = List.of("ticket-service", "payment-service", "queue-service", "print-service", "report-service");
    static final int SALES = 6;
    /** The two balancing gateways count their rate limits in a Redis database of their own (isolated from the suite's gateway). */
    static final String GATEWAYS_REDIS_DATABASE = "5";

    Suite suite;
    final Map<String, Suite.Instance> second = new LinkedHashMap<>();
    final List<Suite.Instance> gateways = new ArrayList<>();
    final List<Disposable> sockets = new CopyOnWriteArrayList<>();

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        Assumptions.assumeTrue(suite.startedHere(), "a running suite (TOTEM_E2E_GATEWAY) has one instance of each service");
        List<Suite.Instance> started = new ArrayList<>();
        for (String service : SERVICES) {
            Suite.Instance i = suite.startInstance(service, service + "-2", Map.of());
            second.put(service, i);
            started.add(i);
        }
        // both gateways list both instances of each service; lb:// routes pick one per request
        Map<String, Object> instances = new LinkedHashMap<>();
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        for (String service : SERVICES) {
            instances.put(service, List.of(Map.of("uri", suite.url(service)), Map.of("uri", second.get(service).url())));
            String id = service.replace("-service", "").toUpperCase();
            gatewayEnv.put("TOTEM_" + id + "_URL", "lb://" + service);
        }
        gatewayEnv.put("SPRING_APPLICATION_JSON", json.writeValueAsString(
                Map.of("spring", Map.of("cloud", Map.of("discovery", Map.of("client", Map.of("simple", Map.of("instances", instances))))))));
        gatewayEnv.put("SPRING_DATA_REDIS_DATABASE", GATEWAYS_REDIS_DATABASE);
        for (String name : List.of("gateway-a", "gateway-b")) {
            Suite.Instance g = suite.startInstance("gateway", name, gatewayEnv);
            gateways.add(g);
            started.add(g);
        }
        suite.awaitReady(started, Suite.readyBound());
    }

    @AfterAll
    void stop() throws Exception {
        sockets.forEach(Disposable::dispose);
        if (suite != null) {
            List<Suite.Instance> all = new ArrayList<>(gateways);
            all.addAll(second.values());
            suite.stop(all); // the shared suite itself stops when the JVM exits
        }
    }

    record Reply(int status, JsonNode body) {
    }

    /** Request {@code n} of a test goes to gateway {@code n % 2}: every flow crosses both. */
    Reply call(int n, String method, String path, String token, Object body, Map<String, String> headers) {
        var spec = WebClient.create(gateways.get(Math.floorMod(n, 2)).url()).method(HttpMethod.valueOf(method)).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            headers.forEach(h::set);
        });
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(r -> r.toEntity(String.class))
                .map(e -> new Reply(e.getStatusCode().value(), e.getBody() == null || e.getBody().isBlank() ? json.nullNode() : json.readTree(e.getBody())))
                .block(BOUND);
    }

    Reply call(int n, String method, String path, String token, Object body) {
        return call(n, method, path, token, body, Map.of());
    }

    String login(int n, Map<String, String> credentials) {
        // a PIN is only accepted on a registered staff tablet: the demo seed's tablet-1 (the production default)
        String tablet = credentials.containsKey("pin")
                ? login(n, Map.of("tenant", credentials.get("tenant"), "deviceId", "tablet-1", "secret", Suite.DEMO_SECRET))
                : null;
        Reply r = call(n, "POST", credentials.containsKey("deviceId") ? "/api/v1/auth/device-token" : "/api/v1/auth/login", tablet, credentials);
        assertThat(r.status()).as("login %s: %s", credentials.get("username"), r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    /** A WebSocket to one queue-service instance directly: what that instance pushes to its own clients. */
    BlockingQueue<JsonNode> socket(String baseUrl, String token) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        URI uri = URI.create(baseUrl.replaceFirst("^http", "ws") + "/ws/queue?access_token=" + token);
        sockets.add(new ReactorNettyWebSocketClient().execute(uri, session -> session.receive()
                .doOnNext(m -> frames.add(json.readTree(m.getPayloadAsText()))).then()).subscribe());
        return frames;
    }

    static void awaitFrames(BlockingQueue<JsonNode> frames, Predicate<JsonNode> match, Set<String> numbers, String instance) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        await().atMost(BOUND).untilAsserted(() -> {
            JsonNode f;
            while ((f = frames.poll()) != null) {
                if (match.test(f)) {
                    seen.add(f.path("ticket").path("number").asString());
                }
            }
            assertThat(seen).as("ENQUEUED pushed by %s to its own client", instance).containsAll(numbers);
        });
    }

    @Test
    @Order(1)
    void kioskSalesPaymentsPrintsAndTheQueueStayRightWithTwoInstancesOfEachService() throws Exception {
        String kiosk = login(0, Map.of("tenant", "demo", "deviceId", "kiosk-1", "secret", Suite.DEMO_SECRET));
        String admin = login(1, Map.of("tenant", "demo", "username", "admin", "password", Suite.DEMO_SECRET));
        // a second operator, so that two stations call at once through different gateways
        String secondOperator = "op-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = call(0, "POST", "/api/v1/users", admin,
                Map.of("username", secondOperator, "displayName", "Operador 2", "roles", List.of("OPERATOR"), "password", Suite.DEMO_SECRET, "pin", "4321"));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String op1 = login(0, Map.of("tenant", "demo", "username", "operador", "pin", "1234"));
        String op2 = login(1, Map.of("tenant", "demo", "username", secondOperator, "pin", "4321"));

        // each queue-service instance's own WebSocket client
        BlockingQueue<JsonNode> fromFirst = socket(suite.url("queue-service"), op1);
        BlockingQueue<JsonNode> fromSecond = socket(second("queue-service").url(), op2);
        await().atMost(BOUND).until(() -> fromFirst.stream().anyMatch(f -> "snapshot".equals(f.path("type").asString()))
                && fromSecond.stream().anyMatch(f -> "snapshot".equals(f.path("type").asString())));

        JsonNode ice = null;
        for (JsonNode s : call(1, "GET", "/api/v1/services", kiosk, null).body()) {
            if ("G".equals(s.get("prefix").asString())) {
                ice = s;
            }
        }
        assertThat(ice).isNotNull();
        int consent = call(0, "GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();

        // today's figures of report-service, folded by whichever of its two instances consumed each event
        JsonNode dashboardBefore = call(0, "GET", "/api/v1/dashboard", admin, null).body();

        long printedBefore = 0;
        for (JsonNode printed : paper()) {
            printedBefore = Math.max(printedBefore, printed.get("sequence").asLong());
        }

        // sales through both gateways; each retried with its key through the other gateway
        List<String> tickets = new ArrayList<>();
        for (int n = 0; n < SALES; n++) {
            Map<String, Object> order = Map.of("serviceId", ice.get("id").asString(),
                    "customer", Map.of("name", "Cliente " + n, "cpf", cpf(), "phone", "11987654321"),
                    "consent", Map.of("version", consent, "accepted", true));
            String key = UUID.randomUUID().toString();
            Reply sale = call(n, "POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key));
            assertThat(sale.status()).as("sale %d: %s", n, sale.body()).isEqualTo(201);
            Reply retry = call(n + 1, "POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key));
            assertThat(retry.body().get("id").asString()).as("the same key through the other gateway").isEqualTo(sale.body().get("id").asString());
            tickets.add(sale.body().get("id").asString());
        }
        var bank = WebClient.create(suite.pixPspUrl());
        for (int n = 0; n < SALES; n++) {
            String id = tickets.get(n);
            int via = n;
            JsonNode link = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
                Reply r = call(via, "POST", "/api/v1/payments/link", kiosk, Map.of("ticketId", id));
                return r.status() == 200 ? r.body() : null;
            }, Objects::nonNull);
            // asked again through the other gateway (the other payment-service instance, likely): the same charge
            JsonNode again = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
                Reply r = call(via + 1, "POST", "/api/v1/payments/link", kiosk, Map.of("ticketId", id));
                return r.status() == 200 ? r.body() : null;
            }, Objects::nonNull);
            assertThat(again.get("txid").asString()).isEqualTo(link.get("txid").asString());
            bank.post().uri("/sandbox/cob/{txid}/pay", link.get("txid").asString()).retrieve().toBodilessEntity().block(BOUND);
        }

        // every ticket paid once, numbered without gaps or repeats
        Set<Integer> numbers = new TreeSet<>();
        Set<String> labels = new TreeSet<>();
        for (int n = 0; n < SALES; n++) {
            String id = tickets.get(n);
            int via = n;
            JsonNode paid = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                    () -> call(via, "GET", "/api/v1/tickets/" + id, kiosk, null).body(), t -> "PAID".equals(t.path("status").asString()));
            String number = paid.get("number").asString();
            assertThat(number).matches("G\\d{3}");
            labels.add(number);
            numbers.add(Integer.parseInt(number.substring(1)));
        }
        assertThat(numbers).as("one number per sale, consecutive, from two ticket-service instances").hasSize(SALES);
        assertThat(Collections.max(numbers) - Collections.min(numbers)).isEqualTo(SALES - 1);

        // both queue-service instances pushed every ticket to their own clients, whichever consumed ticket.paid
        Predicate<JsonNode> enqueued = f -> "change".equals(f.path("type").asString()) && "ENQUEUED".equals(f.path("kind").asString());
        awaitFrames(fromFirst, enqueued, labels, "queue-service");
        awaitFrames(fromSecond, enqueued, labels, "queue-service-2");

        // one print job each, printed once on the kiosk's printer
        for (int n = 0; n < SALES; n++) {
            String id = tickets.get(n);
            int via = n;
            JsonNode jobs = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                    () -> call(via, "GET", "/api/v1/print-jobs?ticketId=" + id, kiosk, null).body(),
                    j -> j.isArray() && j.size() == 1 && "PRINTED".equals(j.get(0).get("status").asString()));
            assertThat(jobs.size()).isEqualTo(1);
        }
        JsonNode paper = paper();
        for (String label : labels) {
            int copies = 0;
            for (JsonNode printed : paper) {
                copies += printed.get("sequence").asLong() > printedBefore && printed.toString().contains(label) ? 1 : 0;
            }
            assertThat(copies).as("ticket %s on the printer's paper once", label).isEqualTo(1);
        }

        // two operators at two stations call at once, through different gateways: never the same ticket
        Map<String, String> stations = new LinkedHashMap<>();
        for (JsonNode st : call(0, "GET", "/api/v1/stations", op1, null).body()) {
            stations.put(st.get("name").asString(), st.get("id").asString());
        }
        List<String> called = new CopyOnWriteArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            List<Future<?>> work = new ArrayList<>();
            work.add(pool.submit(() -> serve(0, op1, stations.get("Banheira 1"), called)));
            work.add(pool.submit(() -> serve(1, op2, stations.get("Banheira 2"), called)));
            for (Future<?> f : work) {
                f.get();
            }
        }
        assertThat(called).as("every call a different ticket").doesNotHaveDuplicates();
        assertThat(called).as("every sale called").containsAll(tickets);
        for (int n = 0; n < SALES; n++) {
            String id = tickets.get(n);
            int via = n;
            await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                    () -> call(via, "GET", "/api/v1/tickets/" + id, kiosk, null).body(), t -> "COMPLETED".equals(t.path("status").asString()));
        }

        // the read model counted each sale once (two report-service instances competing for the events, the inbox
        // dropping a redelivery), and both instances answer the same figures
        for (int n = 0; n < 4; n++) {
            int via = n;
            JsonNode dashboard = await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(
                    () -> call(via, "GET", "/api/v1/dashboard", admin, null).body(),
                    d -> d.path("paid").asLong() >= dashboardBefore.path("paid").asLong() + SALES);
            assertThat(dashboard.get("created").asLong()).as("tickets created today").isEqualTo(dashboardBefore.get("created").asLong() + SALES);
            assertThat(dashboard.get("paid").asLong()).as("tickets paid today").isEqualTo(dashboardBefore.get("paid").asLong() + SALES);
        }

        // and both instances of each service answered requests through the two gateways
        for (String service : SERVICES) {
            for (String base : List.of(suite.url(service), second(service).url())) {
                // the scrape Prometheus reads (the only Actuator endpoint open without a token besides health)
                // a scrape outgrows WebClient's 256 KiB default once the suite has served many endpoints (a histogram per uri)
                String scrape = WebClient.builder().baseUrl(base).codecs(c -> c.defaultCodecs().maxInMemorySize(32 * 1024 * 1024)).build()
                        .get().uri("/actuator/prometheus").retrieve().bodyToMono(String.class).block(BOUND);
                List<String> uris = new ArrayList<>();
                var served = java.util.regex.Pattern.compile("^http_server_requests_seconds_count\\{[^}]*uri=\"([^\"]+)\"", java.util.regex.Pattern.MULTILINE)
                        .matcher(scrape);
                while (served.find()) {
                    uris.add(served.group(1));
                }
                assertThat(uris).as("%s at %s served API requests", service, base).anyMatch(u -> u.startsWith("/api/"));
            }
        }
    }

    /** Calls, starts and finishes tickets at one station until its line is empty. */
    void serve(int via, String operator, String stationId, List<String> called) {
        Reply session = call(via, "POST", "/api/v1/queue/sessions", operator, Map.of("stationId", stationId));
        assertThat(session.status()).as("%s", session.body()).isIn(200, 201);
        String sessionId = session.body().get("id").asString();
        try {
            for (int n = via; ; n++) {
                Reply r = call(n, "POST", "/api/v1/queue/call-next", operator, Map.of("sessionId", sessionId));
                if (r.status() == 204) {
                    return;
                }
                assertThat(r.status()).as("call-next: %s", r.body()).isEqualTo(200);
                String ticketId = r.body().get("ticketId").asString();
                called.add(ticketId);
                assertThat(call(n + 1, "POST", "/api/v1/queue/tickets/" + ticketId + "/start", operator, Map.of()).status()).isEqualTo(200);
                assertThat(call(n, "POST", "/api/v1/queue/tickets/" + ticketId + "/finish", operator, Map.of()).status()).isEqualTo(200);
            }
        } finally {
            call(via, "DELETE", "/api/v1/queue/sessions/" + sessionId, operator, null);
        }
    }

    /** A random valid CPF (its two check digits computed): a different customer for each sale. */
    static String cpf() {
        int[] d = new int[11];
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 9; i++) {
            d[i] = random.nextInt(10);
        }
        for (int check = 9; check <= 10; check++) {
            int sum = 0;
            for (int i = 0; i < check; i++) {
                sum += d[i] * (check + 1 - i);
            }
            int r = sum * 10 % 11;
            d[check] = r == 10 ? 0 : r;
        }
        StringBuilder out = new StringBuilder();
        for (int v : d) {
            out.append(v);
        }
        return out.toString();
    }

    /** What the kiosk's printer (the escpos-printer sandbox) has printed: its last 200 tickets. */
    JsonNode paper() {
        return json.readTree(WebClient.create(suite.printerUrl()).get().uri("/sandbox/tickets").retrieve().bodyToMono(String.class).block(BOUND));
    }

    Suite.Instance second(String service) {
        return second.get(service);
    }

    @Test
    @Order(2)
    void theGatewaysRateLimitsAreOneBudgetInRedis() {
        // TOTEM_RATE_AUTH_PER_MINUTE is 60 in the suite (a token bucket refilling one request a
        // second): 50 cheap /api/v1/auth/** calls through each gateway stay under it per gateway,
        // 100 together do not. A refresh with an unknown token is refused at once (401).
        int[] refused = new int[2];
        for (int n = 0; n < 100; n++) {
            Reply r = call(n, "POST", "/api/v1/auth/refresh", null, Map.of("refreshToken", "unknown-" + n));
            assertThat(r.status()).as("attempt %d: %s", n, r.body()).isIn(400, 401, 429);
            if (r.status() == 429) {
                refused[n % 2]++;
            }
        }
        assertThat(refused[0]).as("gateway-a refused once the shared budget was spent").isPositive();
        assertThat(refused[1]).as("gateway-b refused once the shared budget was spent").isPositive();
    }
}
