package br.com.totem.e2e;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import br.com.totem.testkit.TestInfrastructure;

/**
 * The whole suite for end-to-end tests. With {@code TOTEM_E2E_GATEWAY} set (e.g.
 * {@code http://127.0.0.1:8080} after {@code ./totem up}) it uses that running suite.
 * Otherwise it starts every service and the Pix sandbox from their built jars as separate
 * JVMs, on free ports, with this run's own databases and vhost (libs/testkit), runs the seed
 * scripts against them, and stops them at the end. IT classes use {@link #shared()}.
 */
final class Suite implements AutoCloseable {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final List<String> LEAN_JVM = List.of("-Xmx192m", "-XX:+UseSerialGC", "-Xss512k",
            "-XX:ReservedCodeCacheSize=64m", "-XX:MaxMetaspaceSize=192m", "-XX:TieredStopAtLevel=1",
            "-XX:+UseCompactObjectHeaders");
    static final String DEMO_SECRET = "totem-demo-2026";

    /** name → module, database id (null: none). */
    record App(String name, String module, String dbId) {
    }

    static final List<App> APPS = List.of(
            new App("pix-psp", "sandbox/pix-psp", null),
            new App("escpos-printer", "sandbox/escpos-printer", null),
            new App("queue-service", "queue-service", "queue"),
            new App("ticket-service", "ticket-service", "ticket"),
            new App("payment-service", "payment-service", "payment"),
            new App("print-service", "print-service", "print"),
            new App("report-service", "report-service", "report"),
            new App("gateway", "gateway", null));

    final String gateway;
    final Map<String, Integer> ports = new LinkedHashMap<>();
    final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Process> processes = new ArrayList<>();
    /** How each app was started, to start it again once if it dies while the machine is loaded. */
    private final List<ProcessBuilder> starts = new ArrayList<>();
    private final Path logs = ROOT.resolve("e2e/target/suite-logs");

    private Suite(String gateway) {
        this.gateway = gateway;
    }

    private static Suite shared;
    private static Exception sharedFailure;

    /**
     * The one suite of this JVM, started by the first IT class that asks and stopped when the JVM
     * exits (a shutdown hook): every IT class shares it instead of starting eight JVMs of its own.
     * Never close it in a test.
     */
    static synchronized Suite shared() throws Exception {
        if (sharedFailure != null) {
            // one start per JVM: the next IT class must not start eight more JVMs over the failed ones' logs
            throw new IllegalStateException("the suite failed to start for an earlier test class", sharedFailure);
        }
        if (shared == null) {
            try {
                shared = startOrUseRunning();
            } catch (Exception e) {
                sharedFailure = e;
                throw e;
            }
        }
        return shared;
    }

    static Suite startOrUseRunning() throws Exception {
        String running = System.getenv("TOTEM_E2E_GATEWAY");
        if (running != null && !running.isBlank()) {
            return new Suite(running);
        }
        Suite suite = new Suite(null);
        suite.start();
        return suite;
    }

    String gatewayUrl() {
        return gateway != null ? gateway : "http://127.0.0.1:" + ports.get("gateway");
    }

    /** The Pix sandbox, which plays the customer's bank. */
    String pixPspUrl() {
        return gateway != null ? System.getenv().getOrDefault("TOTEM_E2E_PIX_PSP", "http://127.0.0.1:8090") : url("pix-psp");
    }

    /** The escpos-printer sandbox (control API and paper page), the demo kiosk's printer. */
    String printerUrl() {
        return gateway != null ? System.getenv().getOrDefault("TOTEM_E2E_PRINTER", "http://127.0.0.1:8091") : url("escpos-printer");
    }

    /**
     * Runs one statement in a service's database of this run, for a setting no API exposes
     * (e.g. a tenant's Pix charge lifetime). Only for a suite this JVM started.
     */
    int sql(String dbId, String statement) throws java.sql.SQLException {
        if (gateway != null) {
            throw new IllegalStateException("a running suite's databases are not this test's to change");
        }
        var infra = TestInfrastructure.get();
        try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl(infra.database(dbId)), infra.endpoints().pgUser(),
                infra.endpoints().pgPassword()); var st = c.createStatement()) {
            return st.executeUpdate(statement);
        }
    }

    /** Reads one row of a service's database of this run (null: no row), e.g. the signing key the security suite forges with. */
    Map<String, Object> row(String dbId, String query) throws java.sql.SQLException {
        if (gateway != null) {
            throw new IllegalStateException("a running suite's databases are not this test's to read");
        }
        var infra = TestInfrastructure.get();
        try (var c = java.sql.DriverManager.getConnection(infra.jdbcUrl(infra.database(dbId)), infra.endpoints().pgUser(),
                infra.endpoints().pgPassword()); var st = c.createStatement(); var rs = st.executeQuery(query)) {
            if (!rs.next()) {
                return null;
            }
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
            }
            return row;
        }
    }

    String url(String app) {
        return "http://127.0.0.1:" + ports.get(app);
    }

    private void start() throws Exception {
        Files.createDirectories(logs);
        var infra = TestInfrastructure.get();
        for (App app : APPS) {
            ports.put(app.name(), freePort());
        }
        // the sandbox printer's raw ESC/POS port: the sandbox listens on it and the seed registers it
        ports.put("escpos-printer-raw", freePort());
        // what every service reads (docs/configuration.md), pointed at this run's infrastructure
        environment.putAll(stringMap(infra.propertiesFor("unused")));
        environment.remove("TOTEM_DB_NAME");
        environment.put("TOTEM_JWKS_URI", url("queue-service") + "/.well-known/jwks.json");
        environment.remove("TOTEM_JWT_ISSUERS"); // queue-service's own issuer, the default, as in production
        environment.put("TOTEM_DEMO_SECRET", DEMO_SECRET);
        environment.putAll(Secrets.RUN);
        // the tests log in from one address more often than a person would (the limit is GatewayIT's)
        environment.put("TOTEM_RATE_AUTH_PER_MINUTE", "60");
        // eight JVMs starting at once on a loaded machine: Lettuce's connection set-up shares this timeout (2 s by
        // default), and queue-service failed to start on it
        environment.put("SPRING_DATA_REDIS_TIMEOUT", "10s");
        for (String s : List.of("ticket", "payment", "queue", "print", "report")) {
            environment.put("TOTEM_" + s.toUpperCase() + "_URL", url(s + "-service"));
        }
        environment.put("TOTEM_PIX_PSP_URL", url("pix-psp"));
        environment.put("SANDBOX_PRINTER_PORT", String.valueOf(ports.get("escpos-printer-raw")));
        // the tests drive their own sales and read the queue from its start: no demo sales (seed 50-report)
        environment.put("TOTEM_SEED_DEMO_SALES", "false");
        // TOTEM_LOGIN_PIN_REQUIRES_STAFF_DEVICE keeps its production default (true): a PIN login needs a
        // paired staff tablet's token (the operator app pairs its tablet; API tests send tablet-1's token)

        for (App app : APPS) {
            ProcessBuilder pb = builder(app, app.name(), ports.get(app.name()), Map.of());
            starts.add(pb);
            processes.add(pb.start());
        }
        Runtime.getRuntime().addShutdownHook(Thread.ofPlatform().unstarted(this::close));
        awaitReady(Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("TOTEM_E2E_READY_SECONDS", "240"))));
        seed();
    }

    /** How to start one JVM of {@code app} from its built jar, with the suite's environment plus {@code extra}. */
    private ProcessBuilder builder(App app, String logName, int port, Map<String, String> extra) {
        Path jar = ROOT.resolve(app.module()).resolve("target").resolve(app.name() + ".jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the e2e module runs after every service is packaged");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(LEAN_JVM);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName + ".log").toFile());
        pb.environment().putAll(environment);
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        if (app.dbId() != null) {
            pb.environment().put("TOTEM_DB_NAME", TestInfrastructure.get().database(app.dbId()));
        }
        pb.environment().putAll(extra);
        return pb;
    }

    /** True when this suite started its JVMs itself (not a running suite named by TOTEM_E2E_GATEWAY). */
    boolean startedHere() {
        return gateway == null;
    }

    /** One more JVM of a suite app (another instance of a service), from {@link #startInstance}. */
    record Instance(String app, String name, int port, Process process) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    /**
     * Starts another instance of {@code app} on a free port, on the same databases, vhost and
     * Redis as the suite's own (as a second replica would run), with {@code extra} environment
     * on top; its log is {@code suite-logs/<name>.log}. {@link #awaitReady(List, Duration)} waits for it.
     */
    synchronized Instance startInstance(String app, String name, Map<String, String> extra) throws IOException {
        App spec = APPS.stream().filter(a -> a.name().equals(app)).findFirst().orElseThrow();
        int port = freePort();
        ports.put(name, port);
        Instance instance = new Instance(app, name, port, builder(spec, name, port, extra).start());
        processes.add(instance.process());
        return instance;
    }

    void awaitReady(List<Instance> instances, Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            for (Instance i : instances) {
                while (true) {
                    if (!i.process().isAlive()) {
                        throw new IllegalStateException(i.name() + " exited with " + i.process().exitValue() + "; its last lines:\n" + tail(i.name()));
                    }
                    try {
                        var response = http.send(HttpRequest.newBuilder(URI.create(i.url() + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        // still starting
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(i.name() + " not ready within " + bound + "; its last lines:\n" + tail(i.name()));
                    }
                    Thread.sleep(250); // polling a process we do not control: no condition to wait on
                }
            }
        }
    }

    /** Stops instances from {@link #startInstance} (SIGTERM: a graceful shutdown, as a scale-down would). */
    synchronized void stop(List<Instance> instances) throws InterruptedException {
        for (Instance i : instances) {
            i.process().destroy();
        }
        for (Instance i : instances) {
            if (!i.process().waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                i.process().destroyForcibly();
            }
            processes.remove(i.process());
            ports.remove(i.name());
        }
    }

    static Duration readyBound() {
        return Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("TOTEM_E2E_READY_SECONDS", "240")));
    }

    private void awaitReady(Duration bound) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        java.util.Set<String> restarted = new java.util.HashSet<>();
        try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            for (App app : APPS) {
                while (true) {
                    int index = APPS.indexOf(app);
                    Process p = processes.get(index);
                    if (!p.isAlive()) {
                        if (!restarted.add(app.name())) {
                            throw new IllegalStateException(app.name() + " exited with " + p.exitValue() + " twice; see "
                                    + logs.resolve(app.name() + ".log") + "; its last lines:\n" + tail(app.name()));
                        }
                        // on a loaded machine a start-up may miss a 2 s connect timeout (Redis, PostgreSQL): once more,
                        // keeping the first attempt's log beside the second
                        Files.copy(logs.resolve(app.name() + ".log"), logs.resolve(app.name() + ".first-attempt.log"),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                        processes.set(index, starts.get(index).start());
                        continue;
                    }
                    try {
                        var response = http.send(HttpRequest.newBuilder(URI.create(url(app.name()) + "/actuator/health/readiness"))
                                .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() == 200) {
                            break;
                        }
                    } catch (IOException notYet) {
                        // still starting
                    }
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException(app.name() + " not ready within " + bound + "; see " + logs.resolve(app.name() + ".log")
                                + "; its last lines:\n" + tail(app.name()));
                    }
                    Thread.sleep(250); // polling a process we do not control: no condition to wait on
                }
            }
        }
    }

    /** The demo data of docs/architecture.md, through the same seed scripts as `./totem seed`. */
    private void seed() throws Exception {
        File dir = ROOT.resolve("scripts/seed.d").toFile();
        File[] scripts = dir.listFiles((d, name) -> name.endsWith(".sh"));
        if (scripts == null) {
            return;
        }
        java.util.Arrays.sort(scripts);
        var infra = TestInfrastructure.get();
        for (File script : scripts) {
            ProcessBuilder pb = new ProcessBuilder("bash", script.getPath()).redirectErrorStream(true)
                    .redirectOutput(logs.resolve("seed-" + script.getName() + ".log").toFile());
            pb.environment().putAll(environment);
            // the variables ./totem seed sets, pointed at this run's ports and databases
            for (App app : APPS) {
                pb.environment().put("TOTEM_URL_" + app.name().toUpperCase().replace('-', '_'), url(app.name()));
                if (app.dbId() != null) {
                    pb.environment().put("TOTEM_" + app.dbId().toUpperCase() + "_DB_NAME", infra.database(app.dbId()));
                    pb.environment().put("TOTEM_" + app.dbId().toUpperCase() + "_DB_USER", infra.endpoints().pgUser());
                }
            }
            pb.environment().put("TOTEM_PG_ADMIN_USER", infra.endpoints().pgUser());
            pb.environment().put("PGPASSWORD", infra.endpoints().pgPassword());
            Process p = pb.start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("seed " + script.getName() + " failed; see " + logs);
            }
        }
    }

    @Override
    public synchronized void close() {
        for (Process p : processes.reversed()) {
            p.destroy();
        }
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
    }

    private static Map<String, String> stringMap(Map<String, Object> map) {
        Map<String, String> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(k, String.valueOf(v)));
        return out;
    }

    /**
     * A port nobody listens on, chosen <em>below</em> the kernel's ephemeral range. A port the
     * kernel hands out for {@code bind(0)} lies inside that range, so between choosing it and the
     * service binding it (tens of seconds for the gateway, which starts last) any outgoing
     * connection of the other six JVMs (database pools, AMQP, Redis) may take it as its local
     * port, and the service then fails to start with "address already in use".
     */
    int freePort() throws IOException {
        int low = 32768;
        try {
            // readAllLines, not readString: /proc files report size 0, and readString read "3" here
            String[] range = Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+");
            low = Integer.parseInt(range[0]);
        } catch (IOException | RuntimeException notLinux) {
            // keep the IANA default
        }
        int from = Math.max(1024, low - 12_000);
        var random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 200 && low - from > 100; attempt++) {
            int port = random.nextInt(from, low);
            if (ports.containsValue(port)) {
                continue;
            }
            try (ServerSocket s = new ServerSocket()) {
                s.bind(new java.net.InetSocketAddress("0.0.0.0", port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** The last lines of an app's log, so a CI report shows why it did not start. */
    private String tail(String app) {
        try {
            List<String> lines = Files.readAllLines(logs.resolve(app + ".log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(no log: " + e + ")";
        }
    }
}
