import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.sun.net.httpserver.HttpServer;

import br.com.totem.gateway.GatewayApplication;
import br.com.totem.testkit.TcpProxy;
import br.com.totem.testkit.TestInfrastructure;
import br.com.totem.testkit.TestTokens;

/**
 * What a sale costs at the gateway with Redis up, then with Redis gone (issue 12 item 8: with Redis
 * stopped every sale took 4.2 s, Lettuce queueing each rate-limit command until its timeout). The
 * gateway runs in this JVM on the build's test infrastructure; it reaches the real Redis through a
 * TCP proxy the bench cuts (every connection closed, new ones refused: Redis stopped, while the
 * machine's Redis keeps serving everyone else). Only the gateway touches Redis on a sale (its
 * per-tenant and per-user limits; ticket-service does not use Redis), so ticket-service is a JDK
 * HttpServer answering 201 at once: the figures are the gateway's own cost, limits included.
 * Closed model, one client, sequential sales, each phase after its own warm-up.
 * Not part of ./mvnw verify: bench/gateway-redis-down.sh runs it from source on gateway's test classpath.
 */
@SpringBootTest(classes = GatewayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RedisDownSaleBench {

    public static void main(String[] args) {
        var summary = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(RedisDownSaleBench.class)).build(), summary);
        summary.getSummary().printFailuresTo(new java.io.PrintWriter(System.err, true), 30);
        System.exit(summary.getSummary().getTotalFailureCount() == 0 && summary.getSummary().getTestsSucceededCount() == 1 ? 0 : 1);
    }

    static final int SALES = Integer.getInteger("bench.sales", 500);
    static final int WARMUP = Integer.getInteger("bench.warmup", 300);

    static final HttpServer ticket = answering(201);
    static final HttpServer queue = answering(200);
    static final TcpProxy redisLink = new TcpProxy(TestInfrastructure.get().endpoints().redisHost(),
            TestInfrastructure.get().endpoints().redisPort());

    static HttpServer answering(int status) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                exchange.getRequestBody().readAllBytes();
                byte[] body = "{\"id\":\"bench\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void downstreams(DynamicPropertyRegistry registry) {
        registry.add("TOTEM_TICKET_URL", () -> "http://127.0.0.1:" + ticket.getAddress().getPort());
        registry.add("TOTEM_QUEUE_URL", () -> "http://127.0.0.1:" + queue.getAddress().getPort());
        registry.add("TOTEM_REDIS_HOST", redisLink::host);
        registry.add("TOTEM_REDIS_PORT", redisLink::port);
        registry.add("totem.gateway.rate-limits.key-prefix", () -> "bench-down-" + TestInfrastructure.get().runId() + ":");
        // every limit is still checked in Redis per sale; none refuses the bench's volume
        registry.add("totem.gateway.rate-limits.tickets-per-minute-per-tenant", () -> "100000000");
        registry.add("totem.gateway.rate-limits.requests-per-minute-per-user", () -> "100000000");
    }

    @AfterAll
    static void stop() {
        ticket.stop(0);
        queue.stop(0);
        redisLink.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @Test
    void measureASaleWithRedisUpAndDown() throws Exception {
        String kiosk = "Bearer " + TestTokens.get().token("demo", "kiosk-1", "KIOSK");
        List<String> lines = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            sales(client, kiosk, WARMUP);
            lines.add(line("redis up", sales(client, kiosk, SALES)));

            redisLink.cut();
            sales(client, kiosk, WARMUP);
            lines.add(line("redis down (link cut while connected)", sales(client, kiosk, SALES)));

            redisLink.restore();
            long back = System.nanoTime();
            while (!"1".equals(redis.opsForValue().set("bench-down-probe", "1").then(redis.opsForValue().get("bench-down-probe"))
                    .onErrorReturn("down").block(Duration.ofSeconds(5)))) {
                Thread.sleep(200);
                if (System.nanoTime() - back > Duration.ofSeconds(60).toNanos()) {
                    throw new IllegalStateException("Redis did not come back within 60 s");
                }
            }
            sales(client, kiosk, WARMUP);
            lines.add(line("redis back", sales(client, kiosk, SALES)));

            // once more, now that the JIT has seen both paths: the warm comparison is "back" against this
            redisLink.cut();
            sales(client, kiosk, WARMUP);
            lines.add(line("redis down again", sales(client, kiosk, SALES)));
            redisLink.restore();
        }
        String text = String.join("\n", lines) + "\n";
        System.out.print(text.lines().map(l -> "REDIS-DOWN-BENCH " + l + "\n").reduce("", String::concat));
        Files.writeString(Path.of("gateway/target/redis-down-bench.txt"), text);
    }

    /** Latencies in microseconds of {@code n} sequential sales; every one must pass (201). */
    private List<Long> sales(HttpClient client, String kiosk, int n) throws Exception {
        List<Long> micros = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tickets"))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", kiosk).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
            micros.add((System.nanoTime() - start) / 1000);
            if (r.statusCode() != 201) {
                throw new IllegalStateException("sale " + i + " answered " + r.statusCode());
            }
        }
        return micros;
    }

    private static String line(String phase, List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return String.format(Locale.ROOT, "%s: n=%d p50=%.2fms p95=%.2fms p99=%.2fms max=%.2fms", phase, sorted.size(),
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted.getLast() / 1000.0);
    }

    private static double pct(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index)) / 1000.0;
    }
}
