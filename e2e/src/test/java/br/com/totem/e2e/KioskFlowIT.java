package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kiosk flow of docs/architecture.md on the real suite, only through the gateway (the bank's
 * payment comes from the Pix sandbox, as the customer's bank app would).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskFlowIT {

    static final Duration BOUND = Duration.ofSeconds(60);
    static final JsonMapper json = JsonMapper.builder().build();

    Suite suite;
    WebClient gateway;
    final java.util.List<Disposable> sockets = new java.util.ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        gateway = WebClient.builder().baseUrl(suite.gatewayUrl())
                .codecs(c -> c.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();
    }

    @AfterAll
    void stop() {
        sockets.forEach(Disposable::dispose); // the shared suite stops when the JVM exits
    }

    record Reply(int status, JsonNode body, HttpHeaders headers) {
    }

    Reply call(String method, String path, String token, Object body, Map<String, String> headers) {
        var spec = gateway.method(HttpMethod.valueOf(method)).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            headers.forEach(h::set);
        });
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(r -> r.toEntity(String.class))
                .map(e -> new Reply(e.getStatusCode().value(), parse(e.getBody()), e.getHeaders()))
                .block(BOUND);
    }

    Reply call(String method, String path, String token, Object body) {
        return call(method, path, token, body, Map.of());
    }

    static JsonNode parse(String body) {
        return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
    }

    String deviceToken(String tenant, String deviceId) {
        Reply r = call("POST", "/api/v1/auth/device-token", null,
                Map.of("tenant", tenant, "deviceId", deviceId, "secret", Suite.DEMO_SECRET));
        assertThat(r.status()).as("device token of %s/%s: %s", tenant, deviceId, r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    BlockingQueue<JsonNode> socket(String path, String token) {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        URI uri = URI.create(suite.gatewayUrl().replaceFirst("^http", "ws") + path + "?access_token=" + token);
        sockets.add(new ReactorNettyWebSocketClient().execute(uri, session -> session.receive()
                .doOnNext(m -> frames.add(json.readTree(m.getPayloadAsText()))).then()).subscribe());
        return frames;
    }

    static JsonNode awaitFrame(BlockingQueue<JsonNode> frames, java.util.function.Predicate<JsonNode> match) {
        return await().atMost(BOUND).until(() -> {
            JsonNode f;
            while ((f = frames.poll()) != null) {
                if (match.test(f)) {
                    return f;
                }
            }
            return null;
        }, java.util.Objects::nonNull);
    }

    @Test
    void whenCustomerPaysThenTheTicketIsNumberedQueuedCalledServedAndCompleted() {
        String kiosk = deviceToken("demo", "kiosk-1");

        Reply services = call("GET", "/api/v1/services", kiosk, null);
        assertThat(services.status()).isEqualTo(200);
        JsonNode ice = null;
        for (JsonNode s : services.body()) {
            if ("G".equals(s.get("prefix").asString())) {
                ice = s;
            }
        }
        assertThat(ice).as("Banheira de Gelo in the catalog: %s", services.body()).isNotNull();
        int consentVersion = call("GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();

        Map<String, Object> order = Map.of("serviceId", ice.get("id").asString(),
                "customer", Map.of("name", "Maria da Silva", "cpf", "529.982.247-25", "phone", "(11) 98765-4321"),
                "consent", Map.of("version", consentVersion, "accepted", true));
        String key = UUID.randomUUID().toString();
        Reply created = call("POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String ticketId = created.body().get("id").asString();
        assertThat(created.body().get("status").asString()).isEqualTo("PENDING_PAYMENT");
        // the kiosk timed out and retries with the same key: the same ticket, not a second one
        Reply retried = call("POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key));
        assertThat(retried.body().get("id").asString()).isEqualTo(ticketId);

        JsonNode link = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
            Reply r = call("POST", "/api/v1/payments/link", kiosk, Map.of("ticketId", ticketId));
            return r.status() == 200 ? r.body() : null;
        }, java.util.Objects::nonNull);
        assertThat(link.get("pixCopiaECola").asString()).startsWith("000201");
        assertThat(link.get("amountCents").asLong()).isEqualTo(6000);

        // the operator opens Banheira 1 and watches the queue; the TV panel watches the calls
        // the PIN is typed on the counter's staff tablet, with the tablet's token (issue 12 item 3; IdentityIT
        // proves the refusal without it — the suite still lets the operator app log in without pairing, see Suite)
        Reply login = call("POST", "/api/v1/auth/login", deviceToken("demo", "tablet-1"),
                Map.of("tenant", "demo", "username", "operador", "pin", "1234"));
        assertThat(login.status()).as("%s", login.body()).isEqualTo(200);
        String operator = login.body().get("accessToken").asString();
        String stationId = null;
        Reply stations = call("GET", "/api/v1/stations", operator, null);
        assertThat(stations.status()).as("%s", stations.body()).isEqualTo(200);
        for (JsonNode st : stations.body()) {
            if ("Banheira 1".equals(st.get("name").asString())) {
                stationId = st.get("id").asString();
            }
        }
        assertThat(stationId).isNotNull();
        Reply session = call("POST", "/api/v1/queue/sessions", operator, Map.of("stationId", stationId));
        assertThat(session.status()).as("%s", session.body()).isIn(200, 201);
        String sessionId = session.body().get("id").asString();
        BlockingQueue<JsonNode> queueFrames = socket("/ws/queue", operator);
        BlockingQueue<JsonNode> panelFrames = socket("/ws/panel", deviceToken("demo", "panel-1"));
        awaitFrame(queueFrames, f -> "snapshot".equals(f.path("type").asString()));

        // the customer's bank pays the Pix
        var bank = WebClient.create(suite.pixPspUrl());
        bank.post().uri("/sandbox/cob/{txid}/pay", link.get("txid").asString()).retrieve().toBodilessEntity().block(BOUND);

        JsonNode paid = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("GET", "/api/v1/tickets/" + ticketId, kiosk, null).body(),
                t -> "PAID".equals(t.get("status").asString()));
        String number = paid.get("number").asString();
        assertThat(number).matches("G\\d{3}");

        // the kiosk's printer (the sandbox, over raw TCP) prints the ticket, and the kiosk learns it
        JsonNode job = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
            Reply r = call("GET", "/api/v1/print-jobs?ticketId=" + ticketId, kiosk, null);
            return r.status() == 200 && r.body().size() == 1 ? r.body().get(0) : null;
        }, j -> j != null && !"QUEUED".equals(j.get("status").asString()) && !"PRINTING".equals(j.get("status").asString()));
        assertThat(job.get("status").asString()).as("%s", job).isEqualTo("PRINTED");
        JsonNode printed = null;
        for (JsonNode t : parse(WebClient.create(suite.printerUrl()).get().uri("/sandbox/tickets").retrieve()
                .bodyToMono(String.class).block(BOUND))) {
            if (t.toString().contains(number)) {
                printed = t;
            }
        }
        assertThat(printed).as("ticket %s on the sandbox printer's paper", number).isNotNull();
        assertThat(printed.toString()).contains("SENHA", "Banheira de Gelo");
        assertThat(printed.get("qrCodes").get(0).get("data").asString()).endsWith("/t/" + paid.get("statusToken").asString());
        assertThat(printed.get("cut").asString()).isEqualTo("PARTIAL");

        awaitFrame(queueFrames, f -> "change".equals(f.path("type").asString())
                && "ENQUEUED".equals(f.path("kind").asString()) && number.equals(f.path("ticket").path("number").asString()));

        Reply called = call("POST", "/api/v1/queue/call-next", operator, Map.of("sessionId", sessionId));
        assertThat(called.status()).as("%s", called.body()).isEqualTo(200);
        assertThat(called.body().toString()).contains(number);
        String queueTicketId = ticketId;
        awaitFrame(panelFrames, f -> "change".equals(f.path("type").asString())
                && "CALLED".equals(f.path("kind").asString()) && number.equals(f.path("call").path("number").asString()));

        assertThat(call("POST", "/api/v1/queue/tickets/" + queueTicketId + "/start", operator, Map.of()).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/queue/tickets/" + queueTicketId + "/finish", operator, Map.of()).status()).isEqualTo(200);

        JsonNode done = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("GET", "/api/v1/tickets/" + ticketId, kiosk, null).body(),
                t -> "COMPLETED".equals(t.get("status").asString()));
        assertThat(done.get("stationName").asString()).isEqualTo("Banheira 1");
        call("DELETE", "/api/v1/queue/sessions/" + sessionId, operator, null);
    }

    /**
     * LGPD across the suite: once a manager anonymises a customer, no service gives out their name
     * again — the ticket, the operators' queue, a reprint of their ticket (print-service's copy of
     * the name) all say "Anônimo"; the report's event log is DailyReportIT's.
     */
    @Test
    void whenAManagerAnonymisesACustomerThenNoServiceGivesOutTheirNameAgain() {
        String kiosk = deviceToken("demo", "kiosk-1");
        Reply login = call("POST", "/api/v1/auth/login", null,
                Map.of("tenant", "demo", "username", "gerente", "password", Suite.DEMO_SECRET));
        assertThat(login.status()).as("%s", login.body()).isEqualTo(200);
        String manager = login.body().get("accessToken").asString();
        String boot = null;
        for (JsonNode s : call("GET", "/api/v1/services", kiosk, null).body()) {
            if ("B".equals(s.get("prefix").asString())) {
                boot = s.get("id").asString();
            }
        }
        assertThat(boot).isNotNull();
        String cpf = cpf(new java.util.Random());
        int consentVersion = call("GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();
        Reply created = call("POST", "/api/v1/tickets", kiosk, Map.of("serviceId", boot,
                        "customer", Map.of("name", "Joana Prudente", "cpf", cpf, "phone", "(11) 91234-5678"),
                        "consent", Map.of("version", consentVersion, "accepted", true)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
        String ticketId = created.body().get("id").asString();
        Reply paid = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("POST", "/api/v1/payments/manual", manager, Map.of("ticketId", ticketId, "method", "CASH")),
                r -> r.status() != 404);
        assertThat(paid.status()).as("%s", paid.body()).isIn(200, 201);
        // the ticket's status token is in the QR of each of its printed copies, and only of those
        String number = "/t/" + await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call("GET", "/api/v1/tickets/" + ticketId, manager, null).body(),
                t -> "PAID".equals(t.get("status").asString()) && t.hasNonNull("number")).get("statusToken").asString();
        await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> "Joana P.".equals(queuedName(manager, ticketId)));
        await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
            Reply r = call("GET", "/api/v1/print-jobs?ticketId=" + ticketId, manager, null);
            return r.status() == 200 && r.body().size() == 1 && "PRINTED".equals(r.body().get(0).get("status").asString());
        });
        assertThat(printed(number)).anyMatch(t -> t.contains("Joana P."));

        Reply anonymised = call("POST", "/api/v1/customers/anonymisation", manager, Map.of("cpf", cpf));
        assertThat(anonymised.status()).as("%s", anonymised.body()).isEqualTo(204);

        assertThat(call("GET", "/api/v1/tickets/" + ticketId, manager, null).body().get("displayName").asString())
                .isEqualTo("Anônimo");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> "Anônimo".equals(queuedName(manager, ticketId)));
        // print-service heard of it too: a second copy asked for now carries the new name
        await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(() -> {
            int before = printed(number).size();
            Reply reprint = call("POST", "/api/v1/tickets/" + ticketId + "/reprint", manager, Map.of());
            assertThat(reprint.status()).as("%s", reprint.body()).isEqualTo(202);
            java.util.List<String> copies = await().atMost(BOUND).pollInterval(Duration.ofMillis(300))
                    .until(() -> printed(number), l -> l.size() > before);
            return copies.getLast().contains("Anônimo") && !copies.getLast().contains("Joana");
        });

        Reply cancelled = call("POST", "/api/v1/tickets/" + ticketId + "/cancel", manager, Map.of("reason", "teste de anonimização"));
        assertThat(cancelled.status()).as("%s", cancelled.body()).isEqualTo(200);
    }

    /** The display name the operators' queue shows for the ticket, or null while it is not queued. */
    String queuedName(String token, String ticketId) {
        JsonNode queue = call("GET", "/api/v1/queue", token, null).body();
        for (JsonNode line : queue.path("lines")) {
            for (JsonNode t : line.path("waiting")) {
                if (ticketId.equals(t.path("ticketId").asString())) {
                    return t.path("displayName").asString();
                }
            }
        }
        return null;
    }

    /** The sandbox printer's tickets that carry this text (a ticket's status URL), as text, in print order. */
    java.util.List<String> printed(String number) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (JsonNode t : parse(WebClient.create(suite.printerUrl()).get().uri("/sandbox/tickets").retrieve()
                .bodyToMono(String.class).block(BOUND))) {
            if (t.toString().contains(number)) {
                found.add(t.toString());
            }
        }
        return found;
    }

    /** A valid CPF nobody else in the suite uses. */
    static String cpf(java.util.Random random) {
        int[] d = new int[11];
        for (int i = 0; i < 9; i++) {
            d[i] = random.nextInt(10);
        }
        for (int k = 9; k < 11; k++) {
            int sum = 0;
            for (int i = 0; i < k; i++) {
                sum += d[i] * (k + 1 - i);
            }
            int r = sum * 10 % 11;
            d[k] = r == 10 ? 0 : r;
        }
        StringBuilder b = new StringBuilder();
        for (int x : d) {
            b.append(x);
        }
        return b.toString();
    }

    @Test
    void whenACloudPrntPrinterPollsThroughTheGatewayItIsKnownByItsOwnTokenOnly() {
        Reply login = call("POST", "/api/v1/auth/login", null, Map.of("tenant", "demo", "username", "gerente", "password", Suite.DEMO_SECRET));
        assertThat(login.status()).as("%s", login.body()).isEqualTo(200);
        String manager = login.body().get("accessToken").asString();
        Reply printer = call("POST", "/api/v1/printers", manager, Map.of("name", "Nuvem " + UUID.randomUUID().toString().substring(0, 6),
                "kioskDevice", "kiosk-cloud-" + UUID.randomUUID().toString().substring(0, 6), "connection", "CLOUDPRNT", "paperWidthMm", 80));
        assertThat(printer.status()).as("%s", printer.body()).isEqualTo(201);
        String token = printer.body().get("cloudPrntToken").asString();
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("printer:" + token).getBytes());

        // no bearer token at the gateway: the printer's own token lets it poll; nothing waits for it yet
        Reply poll = call("POST", "/api/v1/cloudprnt", null, Map.of("statusCode", "200%20OK"), Map.of("Authorization", basic));
        assertThat(poll.status()).as("%s", poll.body()).isEqualTo(200);
        assertThat(poll.body().get("jobReady").asBoolean()).isFalse();
        Reply wrong = call("POST", "/api/v1/cloudprnt", null, Map.of("statusCode", "200%20OK"),
                Map.of("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("printer:nope".getBytes())));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.headers().getFirst("WWW-Authenticate")).startsWith("Basic");
    }

    /** A sale for the tenant with the first catalog service, retried (same key) past the tenant's ticket limit. */
    String sale(String tenant, String kiosk, String name, String cpf) {
        JsonNode service = call("GET", "/api/v1/services", kiosk, null).body().get(0);
        int version = call("GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();
        Map<String, Object> order = Map.of("serviceId", service.get("id").asString(),
                "customer", Map.of("name", name, "cpf", cpf, "phone", "11987654321"),
                "consent", Map.of("version", version, "accepted", true));
        String key = UUID.randomUUID().toString();
        Reply created = await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(
                () -> call("POST", "/api/v1/tickets", kiosk, order, Map.of("Idempotency-Key", key)), r -> r.status() != 429);
        assertThat(created.status()).as("%s sale: %s", tenant, created.body()).isEqualTo(201);
        return created.body().get("id").asString();
    }

    @Test
    void whenOneTenantsBankIsDownThenItsKioskKeepsTheCounterOptionAndOtherTenantsStillPay() {
        var bank = WebClient.create(suite.pixPspUrl());
        bank.put().uri("/sandbox/faults").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("unavailableClients", java.util.List.of("totem-outro"))).retrieve().toBodilessEntity().block(BOUND);
        try {
            String outroKiosk = deviceToken("outro", "kiosk-1");
            String outroTicket = sale("outro", outroKiosk, "Ana Pereira", "390.533.447-05");
            // the kiosk of the tenant whose bank is down keeps asking: every answer is payment-service's own
            // 503, body intact, never the gateway's fallback; more than the gateway breaker's window
            for (int i = 0; i < 25; i++) {
                Reply r = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                        () -> call("POST", "/api/v1/payments/link", outroKiosk, Map.of("ticketId", outroTicket)),
                        reply -> reply.status() != 404); // ticket.created may still be on its way
                assertThat(r.status()).as("link %d while outro's bank is down: %s", i, r.body()).isEqualTo(503);
                assertThat(r.body().get("type").asString()).isEqualTo("https://totem.dev/problems/psp-unavailable");
                assertThat(r.body().get("manualPaymentAvailable").asBoolean()).isTrue();
            }
            // another tenant's customer pays by Pix as usual
            String demoKiosk = deviceToken("demo", "kiosk-1");
            String demoTicket = sale("demo", demoKiosk, "Carlos Lima", "111.444.777-35");
            JsonNode link = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
                Reply r = call("POST", "/api/v1/payments/link", demoKiosk, Map.of("ticketId", demoTicket));
                return r.status() == 200 ? r.body() : null;
            }, java.util.Objects::nonNull);
            bank.post().uri("/sandbox/cob/{txid}/pay", link.get("txid").asString()).retrieve().toBodilessEntity().block(BOUND);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                    () -> call("GET", "/api/v1/tickets/" + demoTicket, demoKiosk, null).body(),
                    t -> "PAID".equals(t.get("status").asString()));
            // and the studio whose bank is down takes the money at the counter
            Reply manager = call("POST", "/api/v1/auth/login", null,
                    Map.of("tenant", "outro", "username", "gerente", "password", Suite.DEMO_SECRET));
            assertThat(manager.status()).as("%s", manager.body()).isEqualTo(200);
            Reply manual = call("POST", "/api/v1/payments/manual", manager.body().get("accessToken").asString(),
                    Map.of("ticketId", outroTicket, "method", "CASH"));
            assertThat(manual.status()).as("%s", manual.body()).isEqualTo(201);
            await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                    () -> call("GET", "/api/v1/tickets/" + outroTicket, outroKiosk, null).body(),
                    t -> "PAID".equals(t.get("status").asString()));
        } finally {
            bank.delete().uri("/sandbox/faults").retrieve().toBodilessEntity().block(BOUND);
        }
    }

    @Test
    void refusals() {
        // no token
        Reply anonymous = call("GET", "/api/v1/services", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().getContentType().toString()).startsWith("application/problem+json");

        String kiosk = deviceToken("demo", "kiosk-1");
        // a kiosk on a manager route
        assertThat(call("POST", "/api/v1/customers/export", kiosk, Map.of("cpf", "52998224725")).status()).isEqualTo(403);

        // another tenant's ticket
        JsonNode service = call("GET", "/api/v1/services", kiosk, null).body().get(0);
        int version = call("GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();
        Reply demoTicket = call("POST", "/api/v1/tickets", kiosk, Map.of("serviceId", service.get("id").asString(),
                        "customer", Map.of("name", "João Souza", "cpf", "111.444.777-35", "phone", "11987654321"),
                        "consent", Map.of("version", version, "accepted", true)),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
        assertThat(demoTicket.status()).isEqualTo(201);
        String outroKiosk = deviceToken("outro", "kiosk-1");
        assertThat(call("GET", "/api/v1/tickets/" + demoTicket.body().get("id").asString(), outroKiosk, null).status())
                .isEqualTo(404);

        // a 2 MiB body
        assertThat(call("POST", "/api/v1/tickets", outroKiosk, "x".repeat(2 * 1024 * 1024),
                Map.of("Idempotency-Key", UUID.randomUUID().toString())).status()).isEqualTo(413);

        // the 101st ticket request of a tenant in a minute (a token bucket: only its refill passes after 100)
        int first429 = -1;
        for (int i = 1; i <= 110 && first429 < 0; i++) {
            Reply r = call("POST", "/api/v1/tickets", outroKiosk, Map.of(), Map.of("Idempotency-Key", UUID.randomUUID().toString()));
            if (r.status() == 429) {
                first429 = i;
                assertThat(r.headers().getFirst("Retry-After")).isNotNull();
            }
        }
        assertThat(first429).as("429 after the tenant's 100 requests").isBetween(101, 110);
    }
}
