import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Issue 6's figures, against a running suite (./totem up), in one run:
 * <ol>
 * <li>{@code GET /api/v1/services} direct to ticket-service and through the gateway: closed
 * model with C concurrent clients for throughput (alternating, twice each), then an open
 * model at a fixed rate for latency (measured from each request's intended start);</li>
 * <li>the kiosk flow's end-to-end latency, create → PAID, at a fixed rate: create the ticket,
 * get the Pix link, the sandbox pays, poll the ticket until PAID.</li>
 * </ol>
 * Plain Java 25, no dependencies: {@code java bench/gateway/GatewayBench.java [C] [seconds] [rate/s] [flows/s]}.
 */
public class GatewayBench {

    static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    static final String GATEWAY = env("TOTEM_GATEWAY", "http://127.0.0.1:8080");
    static final String TICKET = env("TOTEM_TICKET", "http://127.0.0.1:8081");
    static final String PSP = env("TOTEM_PIX_PSP", "http://127.0.0.1:8090");

    public static void main(String[] args) throws Exception {
        int clients = Integer.parseInt(arg(args, 0, "16"));
        int seconds = Integer.parseInt(arg(args, 1, "15"));
        int rate = Integer.parseInt(arg(args, 2, "200"));
        double flows = Double.parseDouble(arg(args, 3, "2"));
        String token = deviceToken();
        System.out.printf("machine: %d cores, load average %s; %d clients, %d s per measurement%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), clients, seconds);

        closed(TICKET, token, clients, 3); // warm-up, both paths
        closed(GATEWAY, token, clients, 3);
        double[] direct = new double[2];
        double[] gateway = new double[2];
        for (int round = 0; round < 2; round++) {
            direct[round] = closed(TICKET, token, clients, seconds);
            gateway[round] = closed(GATEWAY, token, clients, seconds);
        }
        double d = Arrays.stream(direct).average().orElseThrow();
        double g = Arrays.stream(gateway).average().orElseThrow();
        System.out.printf("closed model, %d clients: direct %.0f req/s, gateway %.0f req/s, ratio %.2f%n", clients, d, g, g / d);
        Latencies ld = open(TICKET, token, rate, seconds);
        Latencies lg = open(GATEWAY, token, rate, seconds);
        System.out.println("open model at " + rate + "/s, direct:  " + ld);
        System.out.println("open model at " + rate + "/s, gateway: " + lg);
        System.out.printf("p99 difference: %.1f ms%n", lg.p(0.99) - ld.p(0.99));

        if (flows > 0) {
            Latencies flow = kioskFlows(token, flows, Math.max(30, seconds * 2));
            System.out.println("kiosk flow create → PAID at " + flows + " flows/s: " + flow);
        }
        System.out.println("load average after: " + loadAverage());
    }

    static double closed(String base, String token, int clients, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < clients; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < end) {
                        if (get(base + "/api/v1/services", token) == 200) {
                            ok.incrementAndGet();
                        } else {
                            failed.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        if (failed.get() > 0) {
            System.out.println("  " + base + ": " + failed.get() + " failed requests");
        }
        return ok.get() / (double) seconds;
    }

    static Latencies open(String base, String token, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        int total = rate * seconds;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * interval;
                LockSupport.parkNanos(intended - System.nanoTime());
                pool.submit(() -> {
                    int status = get(base + "/api/v1/services", token);
                    latencies.add(System.nanoTime() - intended); // from the intended start: no coordinated omission
                    if (status != 200) {
                        failed.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return new Latencies(latencies, failed.get());
    }

    static Latencies kioskFlows(String token, double perSecond, int seconds) throws Exception {
        String services = body(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/services"))
                .header("Authorization", "Bearer " + token).build());
        String serviceId = field(services, "id");
        String consent = body(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/consents/current"))
                .header("Authorization", "Bearer " + token).build());
        String version = number(consent, "version");
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong failed = new AtomicLong();
        long start = System.nanoTime();
        long interval = (long) (TimeUnit.SECONDS.toNanos(1) / perSecond);
        int total = (int) (perSecond * seconds);
        String[] cpfs = {"529.982.247-25", "111.444.777-35", "390.533.447-05", "123.456.789-09"};
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < total; i++) {
                long intended = start + i * interval;
                String cpf = cpfs[i % cpfs.length];
                LockSupport.parkNanos(intended - System.nanoTime());
                pool.submit(() -> {
                    try {
                        String order = "{\"serviceId\":\"" + serviceId + "\",\"customer\":{\"name\":\"Cliente Bench\",\"cpf\":\""
                                + cpf + "\",\"phone\":\"11987654321\"},\"consent\":{\"version\":" + version + ",\"accepted\":true}}";
                        String ticket = body(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/tickets"))
                                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                .header("Idempotency-Key", UUID.randomUUID().toString())
                                .POST(HttpRequest.BodyPublishers.ofString(order)).build());
                        String ticketId = field(ticket, "id");
                        String txid = null;
                        while (txid == null) {
                            var link = http.send(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/payments/link"))
                                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{\"ticketId\":\"" + ticketId + "\"}")).build(),
                                    HttpResponse.BodyHandlers.ofString());
                            if (link.statusCode() == 200) {
                                txid = field(link.body(), "txid");
                            } else {
                                Thread.sleep(50); // 202 or not yet known: the kiosk retries the same way
                            }
                        }
                        http.send(HttpRequest.newBuilder(URI.create(PSP + "/sandbox/cob/" + txid + "/pay"))
                                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
                        while (!body(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/tickets/" + ticketId))
                                .header("Authorization", "Bearer " + token).build()).contains("\"status\":\"PAID\"")) {
                            Thread.sleep(20); // the kiosk polls its ticket's status
                        }
                        latencies.add(System.nanoTime() - intended);
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                    return null;
                });
            }
        }
        return new Latencies(latencies, failed.get());
    }

    record Latencies(List<Long> sorted, long failed) {
        Latencies(ConcurrentLinkedQueue<Long> raw, long failed) {
            this(raw.stream().sorted().toList(), failed);
        }

        double p(double q) {
            return sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(q * sorted.size()) - 1)) / 1e6;
        }

        @Override
        public String toString() {
            return String.format("n=%d failed=%d p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms", sorted.size(), failed,
                    p(0.50), p(0.95), p(0.99), sorted.isEmpty() ? Double.NaN : sorted.getLast() / 1e6);
        }
    }

    static int get(String url, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    static String body(HttpRequest request) throws Exception {
        var r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
            throw new IllegalStateException(request.uri() + " → " + r.statusCode() + " " + r.body());
        }
        return r.body();
    }

    static String deviceToken() throws Exception {
        String secret = env("TOTEM_DEMO_SECRET", "totem-demo-2026");
        String r = body(HttpRequest.newBuilder(URI.create(GATEWAY + "/api/v1/auth/device-token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"tenant\":\"demo\",\"deviceId\":\"kiosk-1\",\"secret\":\"" + secret + "\"}"))
                .build());
        return field(r, "accessToken");
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String number(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return m.group(1);
    }

    static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception e) {
            return "?";
        }
    }

    static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    static String arg(String[] args, int i, String fallback) {
        return args.length > i ? args[i] : fallback;
    }
}
