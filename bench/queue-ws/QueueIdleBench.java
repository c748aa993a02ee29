import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import reactor.core.Disposable;
import reactor.netty.resources.ConnectionProvider;

/**
 * Opens idle /ws/queue connections to a running queue-service in steps and reports, after each
 * step, the connections the server counts, its heap after a GC hint and whether it still answers.
 * Args: base URL, access token, target connections (12000), step (2000). Run by bench/queue-ws-idle.sh.
 */
public final class QueueIdleBench {

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int target = args.length > 2 ? Integer.parseInt(args[2]) : 12000;
        int step = args.length > 3 ? Integer.parseInt(args[3]) : 2000;
        var client = new ReactorNettyWebSocketClient(reactor.netty.http.client.HttpClient.create(
                ConnectionProvider.builder("idle").maxConnections(target + 10).pendingAcquireMaxCount(-1).build()));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        AtomicInteger snapshots = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        List<Disposable> sockets = new ArrayList<>();
        HttpClient http = HttpClient.newHttpClient();
        URI ws = URI.create(base.replace("http", "ws") + "/ws/queue");
        for (int opened = 0; opened < target; ) {
            int batch = Math.min(step, target - opened);
            for (int i = 0; i < batch; i++) {
                sockets.add(client.execute(ws, headers, s -> s.receive()
                        .doOnNext(m -> {
                            if (m.getPayloadAsText().startsWith("{\"type\":\"snapshot\"")) {
                                snapshots.incrementAndGet();
                            }
                        }).then()).subscribe(v -> { }, e -> failures.incrementAndGet()));
            }
            opened += batch;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (snapshots.get() + failures.get() < opened && System.nanoTime() < deadline) {
                Thread.sleep(200); // bench harness
            }
            System.gc(); // only the client's; the server's heap is read after its own collections
            Thread.sleep(3000); // let heartbeats run on every connection before measuring
            String clients = get(http, token, base + "/actuator/metrics/totem.queue.live.clients");
            String heap = get(http, token, base + "/actuator/metrics/jvm.memory.used?tag=area:heap");
            String health = get(http, token, base + "/actuator/health/liveness");
            System.out.printf("opened %d: snapshots %d, failures %d, server clients %s, heap used %s MiB, liveness %s%n",
                    opened, snapshots.get(), failures.get(), value(clients), value(heap) == null ? "?" :
                            String.format("%.0f", Double.parseDouble(value(heap)) / 1048576), health.contains("UP") ? "UP" : health);
            if (failures.get() > 0) {
                break;
            }
        }
        sockets.forEach(Disposable::dispose);
        System.exit(0);
    }

    static String get(HttpClient http, String token, String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return "ERROR " + e;
        }
    }

    static String value(String metric) {
        int at = metric.indexOf("\"value\":");
        return at < 0 ? null : metric.substring(at + 8, metric.indexOf('}', at)).trim();
    }
}
