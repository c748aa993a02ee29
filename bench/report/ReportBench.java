import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ContextConfiguration;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import br.com.totem.contracts.EventEnvelope;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import br.com.totem.contracts.EventPayload;
import br.com.totem.report.ReportServiceApplication;
import br.com.totem.report.dashboard.DashboardCache;
import br.com.totem.report.support.DayOfEvents;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;

/**
 * report-service's two figures: how long folding BENCH_EVENTS events takes (published through the real
 * broker, timed from the first publish until the last is in the event log), and the p50/p99 of the report
 * endpoints on the month of data those events make. Not a test of the build: bench/report.sh runs it
 * from source on report-service's test classpath (its generator, DayOfEvents).
 */
// the nightly job would write empty catch-up days meanwhile: noise, not what is measured
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "totem.report.nightly.check-interval=24h")
@ContextConfiguration(classes = ReportServiceApplication.class)
class ReportBench {

    public static void main(String[] args) {
        var summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(ReportBench.class)).build(), summary);
        summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsSucceededCount() == 1 ? 0 : 1);
    }

    static final int EVENTS = Integer.getInteger("bench.events", 100_000);
    static final int REQUESTS = Integer.getInteger("bench.requests", 60);
    /** The month ends today, so the dashboard (today so far) reads a day of data too. */
    static final LocalDate FIRST = LocalDate.now(ZoneId.of("America/Sao_Paulo")).minusDays(29);
    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;
    @Autowired
    MeterRegistry meters;

    @Test
    void measure() throws Exception {
        DayOfEvents generator = new DayOfEvents(2026L, "bench", ZONE, true);
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>();
        int days = 30;
        for (int d = 0; events.size() < EVENTS; d = (d + 1) % days) {
            events.addAll(generator.day(FIRST.plusDays(d), 20));
        }
        List<EventEnvelope<? extends EventPayload>> batch = events.subList(0, EVENTS);
        TestEvents broker = new TestEvents(context);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "machine cores=%d java=%s consumers=%s load_at_start=%s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                context.getEnvironment().getProperty("spring.cloud.stream.bindings.totemEvents-in-0.consumer.concurrency", "1"),
                loadAverage()));
        // folded events are counted by the platform's inbox counter (in this JVM): polling the database
        // instead would scan the event log all the time and slow down what is measured
        Counter applied = meters.counter("totem.inbox.events", "outcome", "applied");
        double before = applied.count();
        long t0 = System.nanoTime();
        batch.forEach(broker::publish);
        long published = System.nanoTime();
        long deadline = t0 + Duration.ofMinutes(Long.getLong("bench.fold-minutes", 40)).toNanos();
        long lastReport = t0;
        while (applied.count() - before < EVENTS) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + (long) (applied.count() - before) + " of " + EVENTS
                        + " events folded within bench.fold-minutes");
            }
            if (System.nanoTime() - lastReport > 30_000_000_000L) {
                lastReport = System.nanoTime();
                System.out.printf(Locale.ROOT, "REPORT-BENCH folding: %d of %d after %.0fs, load %s%n",
                        (long) (applied.count() - before), EVENTS, (lastReport - t0) / 1e9, loadAverage());
            }
            Thread.sleep(100);
        }
        double foldSeconds = (System.nanoTime() - t0) / 1e9;
        if (count() != EVENTS) {
            throw new IllegalStateException("event log has " + count() + " events, expected " + EVENTS);
        }
        out.append(String.format(Locale.ROOT, "fold events=%d published_in=%.1fs folded_in=%.1fs rate=%.0f/s load=%s%n",
                EVENTS, (published - t0) / 1e9, foldSeconds, EVENTS / foldSeconds, loadAverage()));
        out.append(String.format(Locale.ROOT, "month tickets=%d days=%d%n", tickets(), days));
        String token = TestTokens.get().token("bench", "gerente", "MANAGER");
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            LocalDate mid = FIRST.plusDays(14);
            for (String path : List.of("/api/v1/reports/daily?date=" + mid + "&format=json",
                    "/api/v1/reports/daily?date=" + mid + "&format=csv", "/api/v1/reports/daily?date=" + mid + "&format=pdf",
                    "/api/v1/metrics.csv?from=" + FIRST + "&to=" + FIRST.plusDays(29), "/api/v1/dashboard")) {
                latencies(client, token, path, 5, () -> { }); // warm-up
                List<Long> micros = latencies(client, token, path, path.contains("metrics.csv") ? REQUESTS / 3 : REQUESTS,
                        () -> { });
                append(out, path, micros);
            }
            // the dashboard as Redis misses it (the first reader after an event, or Redis away): dropped before each request
            DashboardCache cache = context.getBean(DashboardCache.class);
            append(out, "/api/v1/dashboard (from the database)", latencies(client, token, "/api/v1/dashboard", REQUESTS,
                    () -> cache.invalidate("bench").block()));
        }
        out.append(String.format(Locale.ROOT, "load_at_end=%s%n", loadAverage()));
        System.out.print("REPORT-BENCH\n" + out);
        Files.writeString(Path.of("report-service/target/report-bench.txt"), out.toString());
    }

    private static void append(StringBuilder out, String what, List<Long> micros) {
        Collections.sort(micros);
        out.append(String.format(Locale.ROOT, "%s n=%d p50=%.1fms p99=%.1fms max=%.1fms%n", what, micros.size(),
                pct(micros, 50), pct(micros, 99), micros.getLast() / 1000.0));
    }

    private long tickets() {
        return db.sql("select count(*) as n from ticket_facts where tenant_id = 'bench'").map(r -> r.get("n", Long.class)).one()
                .block();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    private long count() {
        return db.sql("select count(*) as n from event_log where tenant_id = 'bench'").map(r -> r.get("n", Long.class)).one()
                .block();
    }

    /** Sequential requests, one after the other (closed model): the latency one manager sees. */
    private List<Long> latencies(HttpClient client, String token, String path, int n, Runnable before) throws Exception {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            before.run();
            long start = System.nanoTime();
            HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(60)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + r.statusCode());
            }
            micros.add((System.nanoTime() - start) / 1000);
        }
        return micros;
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1000.0;
    }
}
