package br.com.totem.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Prometheus (the Debian package's {@code prometheus} binary; .ci/run installs it) for end-to-end tests:
 * it scrapes the given targets every 2 s, loads the alert rules of infra/prometheus/rules, and answers queries
 * through its HTTP API.
 */
final class Prometheus implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Process process;
    private final String url;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** {@code targets}: service name → {@code host:port} of its {@code /actuator/prometheus}. */
    static Prometheus start(Path dir, Map<String, String> targets, int port) throws Exception {
        Files.createDirectories(dir);
        StringBuilder config = new StringBuilder("""
                global:
                  scrape_interval: 2s
                  evaluation_interval: 5s
                rule_files:
                  - %s/*.rules.yml
                scrape_configs:
                  - job_name: totem
                    metrics_path: /actuator/prometheus
                    static_configs:
                """.formatted(Suite.ROOT.resolve("infra/prometheus/rules")));
        // the labels the compose scrape config gives (service from the address there, named here)
        targets.forEach((name, address) -> config.append("""
                      - targets: ["%s"]
                        labels: {service: %s, suite: totem}
                """.formatted(address, name)));
        Path file = Files.writeString(dir.resolve("prometheus.yml"), config.toString());
        Process p = new ProcessBuilder("prometheus", "--config.file=" + file, "--storage.tsdb.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .redirectErrorStream(true).redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        Prometheus prometheus = new Prometheus(p, "http://127.0.0.1:" + port);
        prometheus.awaitReady(Duration.ofSeconds(120), dir.resolve("prometheus.log"));
        return prometheus;
    }

    private Prometheus(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    private void awaitReady(Duration bound, Path log) throws Exception {
        Instant deadline = Instant.now().plus(bound);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/-/ready")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("prometheus not ready within " + bound + ": " + Files.readString(log));
            }
            Thread.sleep(250); // a process we do not control: no condition to wait on
        }
    }

    /** GET {@code /api/v1/<path>?<params>}; returns the whole JSON answer (status, data or error). */
    JsonNode api(String path, Map<String, String> params) throws IOException, InterruptedException {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> query.append(query.isEmpty() ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/" + path + "?" + query))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }

    /** A range query over [from, now] at a 5 s step. */
    JsonNode range(String expr, Instant from) throws IOException, InterruptedException {
        return api("query_range", Map.of("query", expr, "start", String.valueOf(from.getEpochSecond()),
                "end", String.valueOf(Instant.now().getEpochSecond()), "step", "5"));
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
