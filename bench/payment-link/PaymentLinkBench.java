import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.ContextConfiguration;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import br.com.totem.payment.PaymentServiceApplication;
import br.com.totem.payment.support.PaymentIT;

/**
 * Latency of POST /api/v1/payments/link creating a fresh charge at the sandbox (zero latency),
 * open model: requests start at a fixed rate whatever the previous ones do, and each latency is
 * measured from its scheduled start (no coordinated omission). Not a test of the build: it lives
 * under bench/ and bench/payment-link.sh runs it from source on payment-service's test classpath,
 * through the JUnit launcher so that it stands on the service's own fixtures ({@link PaymentIT}).
 * A source file outside the service's packages: it names the application PaymentIT's test starts.
 */
@ContextConfiguration(classes = PaymentServiceApplication.class)
class PaymentLinkBench extends PaymentIT {

    public static void main(String[] args) {
        var summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(PaymentLinkBench.class)).build(), summary);
        summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsSucceededCount() == 1 ? 0 : 1);
    }

    static final int RATE = Integer.getInteger("bench.rate", 20);
    static final int SECONDS = Integer.getInteger("bench.seconds", 30);
    static final int WARMUP = Integer.getInteger("bench.warmup", 150);

    @Test
    void measureLinkLatency() throws Exception {
        int total = RATE * SECONDS;
        List<UUID> warm = tickets(WARMUP);
        List<UUID> measured = tickets(total);
        String token = kioskToken();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            run(client, token, warm, 10);
            List<Long> micros = run(client, token, measured, RATE);
            Collections.sort(micros);
            String line = String.format(Locale.ROOT, "rate=%d/s n=%d p50=%.1fms p95=%.1fms p99=%.1fms max=%.1fms",
                    RATE, micros.size(), pct(micros, 50), pct(micros, 95), pct(micros, 99), micros.getLast() / 1000.0);
            System.out.println("PAYMENT-LINK-BENCH " + line);
            Files.writeString(Path.of("payment-service/target/payment-link-bench.txt"), line + "\n");
        }
    }

    private List<Long> run(HttpClient client, String token, List<UUID> tickets, int rate) throws Exception {
        var scheduler = Executors.newScheduledThreadPool(2);
        List<CompletableFuture<Long>> results = new ArrayList<>();
        AtomicInteger failures = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        long t0 = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < tickets.size(); i++) {
            UUID ticket = tickets.get(i);
            long scheduled = t0 + i * periodNanos;
            CompletableFuture<Long> f = new CompletableFuture<>();
            results.add(f);
            scheduler.schedule(() -> client.sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/payments/link"))
                                    .timeout(Duration.ofSeconds(30))
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"ticketId\":\"" + ticket + "\"}")).build(),
                            HttpResponse.BodyHandlers.discarding())
                    .whenComplete((r, e) -> {
                        if (e != null || r.statusCode() != 200) {
                            failures.incrementAndGet();
                        }
                        f.complete((System.nanoTime() - scheduled) / 1000);
                    }), scheduled - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        List<Long> out = new ArrayList<>();
        for (CompletableFuture<Long> f : results) {
            out.add(f.get(60, TimeUnit.SECONDS));
        }
        scheduler.shutdown();
        if (failures.get() > 0) {
            throw new IllegalStateException(failures.get() + " link calls failed");
        }
        return out;
    }

    /** Tickets written straight into the projection: the bench measures the link, not ticket.created. */
    private List<UUID> tickets(int n) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            db.sql("insert into tickets (ticket_id, tenant_id, service_name, price_cents, status, created_at) "
                            + "values (:id, :t, 'Banheira de Gelo', 6000, 'PENDING', now())")
                    .bind("id", id).bind("t", tenant).then().block();
        }
        return ids;
    }

    private static double pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
