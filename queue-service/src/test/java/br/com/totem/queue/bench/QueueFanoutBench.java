package br.com.totem.queue.bench;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.socket.WebSocketMessage;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.queue.QueueServiceApplication;
import br.com.totem.queue.support.QueueFixtures;
import br.com.totem.testkit.TestInfrastructure;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * ticket.paid published on RabbitMQ → the ENQUEUED change on the last of N operator WebSocket
 * clients (docs/benchmarks.md). One queue-service instance in this JVM on this run's own
 * database, vhost and Redis; clients in the same JVM. Run by bench/queue-ws-fanout.sh, never by verify.
 * Args: clients (1000), rounds (200), pause between rounds in ms (50).
 */
public final class QueueFanoutBench {

    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        long pauseMs = args.length > 2 ? Long.parseLong(args[2]) : 50;

        List<String> props = new ArrayList<>();
        TestInfrastructure.get().propertiesFor("queue").forEach((k, v) -> props.add("--" + k + "=" + v));
        props.add("--server.port=0");
        props.add("--totem.queue.identity.key-secret=bench-only-key-encryption-secret");
        props.add("--logging.level.root=WARN");
        ConfigurableApplicationContext app = new SpringApplicationBuilder(QueueServiceApplication.class).run(props.toArray(String[]::new));
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        var http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(30)).build();
        QueueFixtures fixtures = new QueueFixtures(app, http);
        QueueFixtures.Team team = fixtures.team();

        Map<String, Round> inFlight = new ConcurrentHashMap<>();
        AtomicInteger connected = new AtomicInteger();
        var provider = ConnectionProvider.builder("bench").maxConnections(clients + 10).build();
        var client = new ReactorNettyWebSocketClient(HttpClient.create(provider));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(team.operator());
        List<Disposable> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sockets.add(client.execute(URI.create("ws://127.0.0.1:" + port + "/ws/queue"), headers, session -> session.receive()
                    .map(WebSocketMessage::getPayloadAsText)
                    .doOnNext(text -> {
                        if (text.startsWith("{\"type\":\"snapshot\"")) {
                            connected.incrementAndGet();
                            return;
                        }
                        int at = text.indexOf("\"number\":\"");
                        if (at > 0 && text.contains("\"kind\":\"ENQUEUED\"")) {
                            String number = text.substring(at + 10, text.indexOf('"', at + 10));
                            Round r = inFlight.get(number);
                            if (r != null) {
                                r.arrived(System.nanoTime());
                            }
                        }
                    }).then()).subscribe());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (connected.get() < clients && System.nanoTime() < deadline) {
            Thread.sleep(100); // bench harness, not a test: polling the connect count is fine here
        }
        System.out.printf("%d/%d clients connected%n", connected.get(), clients);

        long[] last = new long[rounds];
        long[] first = new long[rounds];
        int warmup = Math.min(20, rounds / 5);
        for (int i = -warmup; i < rounds; i++) {
            TicketPaid paid = QueueFixtures.paid(UUID.randomUUID(), "Banheira de Gelo", Priority.NORMAL, Instant.now());
            Round r = new Round(connected.get());
            inFlight.put(paid.number(), r);
            r.sentAt = System.nanoTime();
            fixtures.send(team.tenant(), paid);
            if (!r.done.await(30, TimeUnit.SECONDS)) {
                System.out.printf("round %d: only %d clients got it%n", i, connected.get() - r.done.getCount());
            }
            inFlight.remove(paid.number());
            if (i >= 0) {
                last[i] = r.last.get() - r.sentAt;
                first[i] = r.first.get() - r.sentAt;
            }
            Thread.sleep(pauseMs);
        }
        report("first client", first);
        report("last client", last);
        sockets.forEach(Disposable::dispose);
        app.close();
        System.exit(0);
    }

    static void report(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d rounds)%n", what,
                pct(sorted, 50), pct(sorted, 95), pct(sorted, 99), sorted[sorted.length - 1] / 1e6, sorted.length);
    }

    static double pct(long[] sorted, int p) {
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, idx)] / 1e6;
    }

    static final class Round {
        final CountDownLatch done;
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong();
        volatile long sentAt;

        Round(int clients) {
            done = new CountDownLatch(clients);
        }

        void arrived(long at) {
            first.accumulateAndGet(at, Math::min);
            last.accumulateAndGet(at, Math::max);
            done.countDown();
        }
    }
}
