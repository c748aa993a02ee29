package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;

import br.com.totem.testkit.TestInfrastructure;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./totem backup} of a running suite with data, {@code ./totem restore} into fresh
 * databases and a fresh RabbitMQ vhost, then the five services and a gateway started on what was
 * restored: the same tickets, payments and queue, and the restored suite goes on working (a
 * charge open at backup time is paid afterwards and the restored suite sees the ticket paid).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIT {

    static final Duration BOUND = Duration.ofSeconds(90);
    static final JsonMapper json = JsonMapper.builder().build();
    /** The tickets this test leaves waiting stay out of the demo tenant's line, which other tests call. */
    static final String TENANT = "outro";
    static final List<String> DB_IDS = List.of("ticket", "payment", "queue", "print", "report");
    static final List<String> SERVICES = List.of("queue-service", "ticket-service", "payment-service", "print-service", "report-service");

    Suite suite;
    final List<Suite.Instance> restored = new ArrayList<>();
    String restoredVhost;

    @TempDir
    Path backup;

    @BeforeAll
    void start() throws Exception {
        suite = Suite.shared();
        Assumptions.assumeTrue(suite.startedHere(), "a running suite (TOTEM_E2E_GATEWAY): its databases are not this run's");
    }

    @AfterAll
    void stop() throws Exception {
        if (suite != null) {
            suite.stop(restored); // the shared suite itself stops when the JVM exits
        }
        if (restoredVhost != null) {
            TestInfrastructure.get().management("DELETE", "/api/vhosts/" + restoredVhost, null);
        }
    }

    record Reply(int status, JsonNode body) {
    }

    /** A sale, waiting out the tenant's ticket rate limit if an earlier test spent it. */
    static Reply sell(String base, String kiosk, Object order) {
        return await().atMost(BOUND).pollInterval(Duration.ofSeconds(1)).until(
                () -> call(base, "POST", "/api/v1/tickets", kiosk, order), r -> r.status() != 429);
    }

    static Reply call(String base, String method, String path, String token, Object body) {
        var spec = WebClient.create(base).method(HttpMethod.valueOf(method)).uri(path).headers(h -> {
            if (token != null) {
                h.setBearerAuth(token);
            }
            if (path.equals("/api/v1/tickets")) {
                h.set("Idempotency-Key", UUID.randomUUID().toString());
            }
        });
        var ready = body == null ? spec : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body);
        return ready.exchangeToMono(r -> r.toEntity(String.class))
                .map(e -> new Reply(e.getStatusCode().value(), e.getBody() == null || e.getBody().isBlank() ? json.nullNode() : json.readTree(e.getBody())))
                .block(BOUND);
    }

    static String token(String base, String path, Map<String, String> credentials) {
        Reply r = call(base, "POST", path, null, credentials);
        assertThat(r.status()).as("%s %s: %s", path, credentials.get("username"), r.body()).isEqualTo(200);
        return r.body().get("accessToken").asString();
    }

    static JsonNode link(String base, String kiosk, String ticketId) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(() -> {
            Reply r = call(base, "POST", "/api/v1/payments/link", kiosk, Map.of("ticketId", ticketId));
            return r.status() == 200 ? r.body() : null;
        }, Objects::nonNull);
    }

    static JsonNode awaitTicket(String base, String token, String ticketId, String status) {
        return await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call(base, "GET", "/api/v1/tickets/" + ticketId, token, null).body(), t -> status.equals(t.path("status").asString()));
    }

    /** ./totem COMMAND with the variables that point it at this run's PostgreSQL and RabbitMQ. */
    void totem(Map<String, String> databases, String vhost, String... command) throws Exception {
        var infra = TestInfrastructure.get();
        var e = infra.endpoints();
        List<String> args = new ArrayList<>(List.of("./totem"));
        args.addAll(List.of(command));
        ProcessBuilder pb = new ProcessBuilder(args).directory(Suite.ROOT.toFile()).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("TOTEM_DB_HOST", e.pgHost());
        env.put("TOTEM_DB_PORT", String.valueOf(e.pgPort()));
        env.put("TOTEM_PG_ADMIN_USER", e.pgUser());
        env.put("PGPASSWORD", e.pgPassword());
        databases.forEach((id, name) -> {
            env.put("TOTEM_" + id.toUpperCase() + "_DB_NAME", name);
            env.put("TOTEM_" + id.toUpperCase() + "_DB_USER", e.pgUser());
        });
        env.put("TOTEM_RABBIT_HOST", e.rabbitHost());
        env.put("TOTEM_RABBIT_VHOST", vhost);
        env.put("TOTEM_RABBIT_USER", e.rabbitUser());
        env.put("TOTEM_RABBIT_MANAGEMENT_URL", "http://" + e.rabbitHost() + ":" + e.rabbitManagementPort());
        env.put("TOTEM_RABBIT_ADMIN_USER", e.rabbitUser());
        env.put("TOTEM_RABBIT_ADMIN_PASSWORD", e.rabbitPassword());
        File log = Suite.ROOT.resolve("e2e/target/suite-logs/totem-" + command[0] + ".log").toFile();
        Process p = pb.redirectOutput(log).start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("./totem %s finished", command[0]).isTrue();
        assertThat(p.exitValue()).as("./totem %s: %s", String.join(" ", command), Files.readString(log.toPath())).isZero();
    }

    @Test
    void aBackupOfARunningSuiteRestoresIntoFreshDatabasesWithTheSameTicketsPaymentsAndQueue() throws Exception {
        var infra = TestInfrastructure.get();
        String gateway = suite.gatewayUrl();
        String kiosk = token(gateway, "/api/v1/auth/device-token", Map.of("tenant", TENANT, "deviceId", "kiosk-1", "secret", Suite.DEMO_SECRET));
        String manager = token(gateway, "/api/v1/auth/login", Map.of("tenant", TENANT, "username", "gerente", "password", Suite.DEMO_SECRET));
        JsonNode service = call(gateway, "GET", "/api/v1/services", kiosk, null).body().get(0);
        int consent = call(gateway, "GET", "/api/v1/consents/current", kiosk, null).body().get("version").asInt();
        Map<String, Object> order = Map.of("serviceId", service.get("id").asString(),
                "customer", Map.of("name", "Beatriz Costa", "cpf", "529.982.247-25", "phone", "11987654321"),
                "consent", Map.of("version", consent, "accepted", true));

        // a ticket paid and waiting in the queue; another with its Pix charge still open
        Reply sold = sell(gateway, kiosk, order);
        assertThat(sold.status()).as("%s", sold.body()).isEqualTo(201);
        String paidId = sold.body().get("id").asString();
        var bank = WebClient.create(suite.pixPspUrl());
        bank.post().uri("/sandbox/cob/{txid}/pay", link(gateway, kiosk, paidId).get("txid").asString()).retrieve().toBodilessEntity().block(BOUND);
        JsonNode paid = awaitTicket(gateway, kiosk, paidId, "PAID");
        JsonNode waiting = await().atMost(BOUND).pollInterval(Duration.ofMillis(300)).until(
                () -> call(gateway, "GET", "/api/v1/queue/tickets/" + paidId, manager, null), r -> r.status() == 200).body();
        assertThat(waiting.get("status").asString()).isEqualTo("WAITING");
        JsonNode payment = call(gateway, "GET", "/api/v1/payments?ticketId=" + paidId, manager, null).body();
        Reply open = sell(gateway, kiosk, order);
        assertThat(open.status()).as("%s", open.body()).isEqualTo(201);
        String openId = open.body().get("id").asString();
        String openTxid = link(gateway, kiosk, openId).get("txid").asString();

        // backup of the running suite, restore into fresh databases and a fresh vhost
        Map<String, String> live = new LinkedHashMap<>();
        Map<String, String> fresh = new LinkedHashMap<>();
        for (String id : DB_IDS) {
            live.put(id, infra.database(id));
            fresh.put(id, infra.database(id + "_restored")); // created empty, dropped with the run's other databases
        }
        Path dir = backup.resolve("set");
        totem(live, infra.vhost(), "backup", dir.toString());
        assertThat(dir.resolve("SHA256SUMS")).exists();
        restoredVhost = infra.vhost() + "-restored";
        totem(fresh, restoredVhost, "restore", dir.toString());

        // the suite on what was restored: the five services and a gateway
        Map<String, String> urls = new LinkedHashMap<>();
        for (String s : SERVICES) {
            Map<String, String> env = new LinkedHashMap<>();
            env.put("TOTEM_DB_NAME", fresh.get(s.replace("-service", "")));
            env.put("TOTEM_RABBIT_VHOST", restoredVhost);
            if (!urls.isEmpty()) {
                env.put("TOTEM_JWKS_URI", urls.get("queue-service") + "/.well-known/jwks.json");
            }
            Suite.Instance i = suite.startInstance(s, s + "-restored", env);
            restored.add(i);
            urls.put(s, i.url());
        }
        Map<String, String> gatewayEnv = new LinkedHashMap<>();
        urls.forEach((s, url) -> gatewayEnv.put("TOTEM_" + s.replace("-service", "").toUpperCase() + "_URL", url));
        gatewayEnv.put("TOTEM_JWKS_URI", urls.get("queue-service") + "/.well-known/jwks.json");
        gatewayEnv.put("SPRING_DATA_REDIS_DATABASE", "6"); // its rate limits apart from the live suite's gateway
        Suite.Instance restoredGateway = suite.startInstance("gateway", "gateway-restored", gatewayEnv);
        restored.add(restoredGateway);
        suite.awaitReady(restored, Suite.readyBound());
        String again = restoredGateway.url();

        // the same people can log in (users, devices, signing keys restored) and find the same data
        String kiosk2 = token(again, "/api/v1/auth/device-token", Map.of("tenant", TENANT, "deviceId", "kiosk-1", "secret", Suite.DEMO_SECRET));
        String manager2 = token(again, "/api/v1/auth/login", Map.of("tenant", TENANT, "username", "gerente", "password", Suite.DEMO_SECRET));
        JsonNode paidAgain = call(again, "GET", "/api/v1/tickets/" + paidId, kiosk2, null).body();
        assertThat(paidAgain.get("status").asString()).isEqualTo("PAID");
        assertThat(paidAgain.get("number").asString()).isEqualTo(paid.get("number").asString());
        assertThat(call(again, "GET", "/api/v1/tickets/" + openId, kiosk2, null).body().get("status").asString()).isEqualTo("PENDING_PAYMENT");
        assertThat(call(again, "GET", "/api/v1/payments?ticketId=" + paidId, manager2, null).body()).isEqualTo(payment);
        JsonNode queued = call(again, "GET", "/api/v1/queue/tickets/" + paidId, manager2, null).body();
        assertThat(queued.get("status").asString()).isEqualTo("WAITING");
        assertThat(queued.get("number").asString()).isEqualTo(waiting.get("number").asString());
        assertThat(queued.get("paidAt").asString()).isEqualTo(waiting.get("paidAt").asString());
        // the open charge is the same one, and the restored suite goes on: paid now, it sees the ticket paid
        assertThat(link(again, kiosk2, openId).get("txid").asString()).isEqualTo(openTxid);
        bank.post().uri("/sandbox/cob/{txid}/pay", openTxid).retrieve().toBodilessEntity().block(BOUND);
        awaitTicket(again, kiosk2, openId, "PAID");
        await().atMost(BOUND).pollInterval(Duration.ofMillis(500)).until(
                () -> call(again, "GET", "/api/v1/queue/tickets/" + openId, manager2, null).status(), s -> s == 200);
    }
}
