import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.socket.client.ReactorNettyWebSocketClient;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.queue.support.QueueFixtures;
import reactor.core.Disposable;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * ticket.paid published on RabbitMQ → the ENQUEUED change on the last of N operator WebSocket
 * clients of a running queue-service (docs/benchmarks.md). This JVM holds only the clients, the
 * publisher and the timing; the server is the built jar in its own process, started by
 * bench/queue-ws-fanout.sh on a scratch database, vhost and Redis prefix. Never run by verify.
 * <p>
 * Clients do the least honest work per frame: they look at the frame's bytes (no String per
 * frame) for a change of kind ENQUEUED that carries the ticket id of the round in flight.
 * Also reports the collections of both JVMs during the measured rounds (the server's from its
 * actuator, read with the admin token).
 * Args: base URL, operator access token, admin access token, tenant, AMQP URI (with the scratch
 * vhost), clients (1000), rounds (200), pause between rounds in ms (50).
 */
public final class QueueFanoutBench {

    private static final byte[] SNAPSHOT = "{\"type\":\"snapshot\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CHANGE = "{\"type\":\"change\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ENQUEUED = "\"kind\":\"ENQUEUED\"".getBytes(StandardCharsets.US_ASCII);

    private static volatile Round inFlight;

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        String admin = args[2];
        String tenant = args[3];
        String amqp = args[4];
        int clients = args.length > 5 ? Integer.parseInt(args[5]) : 1000;
        int rounds = args.length > 6 ? Integer.parseInt(args[6]) : 200;
        long pauseMs = args.length > 7 ? Long.parseLong(args[7]) : 50;

        AtomicInteger connected = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        var provider = ConnectionProvider.builder("bench").maxConnections(clients + 10).pendingAcquireMaxCount(-1).build();
        var client = new ReactorNettyWebSocketClient(HttpClient.create(provider));
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        URI ws = URI.create(base.replace("http", "ws") + "/ws/queue");
        List<Disposable> sockets = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            sockets.add(client.execute(ws, headers, session -> session.receive()
                    .doOnNext(message -> {
                        DataBuffer frame = message.getPayload();
                        if (startsWith(frame, SNAPSHOT)) {
                            connected.incrementAndGet();
                            return;
                        }
                        Round r = inFlight;
                        if (r != null && startsWith(frame, CHANGE) && indexOf(frame, ENQUEUED) >= 0 && indexOf(frame, r.ticketId) >= 0) {
                            r.arrived(System.nanoTime());
                        }
                    }).then()).subscribe(v -> { }, e -> failures.incrementAndGet()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (connected.get() + failures.get() < clients && System.nanoTime() < deadline) {
            Thread.sleep(100); // bench harness, not a test: polling the connect count is fine here
        }
        System.out.printf("%d/%d clients connected, %d failed%n", connected.get(), clients, failures.get());

        EventCodec codec = new EventCodec(JsonMapper.builder().build());
        ConnectionFactory factory = new ConnectionFactory();
        factory.setUri(amqp);
        try (Connection connection = factory.newConnection("queue-fanout-bench"); Channel channel = connection.createChannel()) {
            long[] last = new long[rounds];
            long[] first = new long[rounds];
            int missed = 0;
            int warmup = Math.min(20, rounds / 5);
            System.gc(); // this JVM only: the connect phase's garbage is not collected during the rounds
            long[] clientGc = null;
            double[] serverGc = null;
            for (int i = -warmup; i < rounds; i++) {
                if (i == 0) {
                    clientGc = clientGc();
                    serverGc = serverGc(base, admin);
                }
                TicketPaid paid = QueueFixtures.paid(UUID.randomUUID(), "Banheira de Gelo", Priority.NORMAL, Instant.now());
                EventEnvelope<TicketPaid> event = EventEnvelope.of("ticket-service", tenant, paid.ticketId().toString(), paid);
                byte[] body = codec.encode(event);
                AMQP.BasicProperties props = new AMQP.BasicProperties.Builder()
                        .contentType("application/json").deliveryMode(2).messageId(event.id().toString())
                        .headers(Map.of("ce-type", event.type(), "ce-id", event.id().toString())).build();
                Round r = new Round(connected.get(), paid.ticketId());
                inFlight = r;
                r.sentAt = System.nanoTime();
                channel.basicPublish("totem.events", event.type(), props, body);
                if (!r.done.await(30, TimeUnit.SECONDS)) {
                    missed++;
                    System.out.printf("round %d: only %d clients got it%n", i, connected.get() - r.done.getCount());
                }
                inFlight = null;
                if (i >= 0) {
                    last[i] = r.last.get() - r.sentAt;
                    first[i] = r.first.get() - r.sentAt;
                }
                Thread.sleep(pauseMs);
            }
            long[] clientGcAfter = clientGc();
            double[] serverGcAfter = serverGc(base, admin);
            report("first client", first);
            report("last client", last);
            System.out.printf("GC during the measured rounds: server %.0f pauses, %.0f ms in total (largest in the last 2 min %.1f ms);"
                            + " clients %d pauses, %d ms in total%n", serverGcAfter[0] - serverGc[0], serverGcAfter[1] - serverGc[1],
                    serverGcAfter[2], clientGcAfter[0] - clientGc[0], clientGcAfter[1] - clientGc[1]);
            if (missed > 0) {
                System.out.printf("%d rounds did not reach every client%n", missed);
            }
        }
        sockets.forEach(Disposable::dispose);
        System.exit(0);
    }

    /** Collections of this JVM so far: count, milliseconds. */
    static long[] clientGc() {
        long n = 0;
        long ms = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            n += gc.getCollectionCount();
            ms += gc.getCollectionTime();
        }
        return new long[] {n, ms};
    }

    /** The server's jvm.gc.pause (all causes): count, total ms, recent max ms. */
    static double[] serverGc(String base, String token) throws Exception {
        String body = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        URI.create(base + "/actuator/metrics/jvm.gc.pause")).header("Authorization", "Bearer " + token).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()).body();
        return new double[] {statistic(body, "COUNT"), statistic(body, "TOTAL_TIME") * 1000, statistic(body, "MAX") * 1000};
    }

    static double statistic(String metric, String name) {
        int at = metric.indexOf("\"statistic\":\"" + name + "\"");
        if (at < 0) {
            return Double.NaN;
        }
        int v = metric.indexOf("\"value\":", at) + 8;
        int end = v;
        while (end < metric.length() && "0123456789.eE-+".indexOf(metric.charAt(end)) >= 0) {
            end++;
        }
        return Double.parseDouble(metric.substring(v, end));
    }

    static boolean startsWith(DataBuffer buffer, byte[] prefix) {
        int start = buffer.readPosition();
        if (buffer.readableByteCount() < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer.getByte(start + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    /** Naive search; frames are about 1 KB and the patterns short. */
    static int indexOf(DataBuffer buffer, byte[] pattern) {
        int start = buffer.readPosition();
        int end = buffer.writePosition() - pattern.length;
        outer:
        for (int at = start; at <= end; at++) {
            for (int j = 0; j < pattern.length; j++) {
                if (buffer.getByte(at + j) != pattern[j]) {
                    continue outer;
                }
            }
            return at;
        }
        return -1;
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
        final byte[] ticketId;
        final AtomicLong first = new AtomicLong(Long.MAX_VALUE);
        final AtomicLong last = new AtomicLong();
        volatile long sentAt;

        Round(int clients, UUID ticketId) {
            this.done = new CountDownLatch(clients);
            this.ticketId = ("\"" + ticketId + "\"").getBytes(StandardCharsets.US_ASCII);
        }

        void arrived(long at) {
            first.accumulateAndGet(at, Math::min);
            last.accumulateAndGet(at, Math::max);
            done.countDown();
        }
    }
}
