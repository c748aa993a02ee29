package br.com.totem.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The OpenTelemetry Java agent, configured by infra/otel/agent.properties as every Totem JVM is (compose,
 * {@code ./totem} with TOTEM_OTEL=1), records no secret and no personal data carried in a URL: a JVM (the Pix
 * sandbox: it needs no database) runs with the agent from Maven Central and that file, exporting its spans as
 * OTLP JSON to its log ({@code logging-otlp}); a request carries a webhook secret, a JWT, a CPF and a phone in its
 * query string, and the recorded server span must hold their names with REDACTED values, and an ordinary
 * parameter unchanged.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentRedactionIT {

    static final Path AGENT = Suite.ROOT.resolve("e2e/target/otel/opentelemetry-javaagent.jar");
    static final Path CONFIG = Suite.ROOT.resolve("infra/otel/agent.properties");
    static final String JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJraW9zay0xIn0.c2lnbmF0dXJl";

    Process jvm;
    Path log;
    int port;

    @BeforeAll
    void start() throws Exception {
        assertThat(AGENT).as("the agent (maven-dependency-plugin copies it in pre-integration-test)").exists();
        Path dir = Files.createDirectories(Suite.ROOT.resolve("e2e/target/agent-redaction"));
        log = dir.resolve("pix-psp.log");
        try (var socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Suite.LEAN_JVM);
        command.addAll(List.of("-javaagent:" + AGENT, "-jar", Suite.ROOT.resolve("sandbox/pix-psp/target/pix-psp.jar").toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SERVER_PORT", String.valueOf(port));
        pb.environment().put("OTEL_JAVAAGENT_CONFIGURATION_FILE", CONFIG.toString());
        pb.environment().put("OTEL_SERVICE_NAME", "pix-psp");
        pb.environment().put("OTEL_TRACES_EXPORTER", "logging-otlp");
        pb.environment().put("OTEL_METRICS_EXPORTER", "none");
        pb.environment().put("OTEL_LOGS_EXPORTER", "none");
        pb.environment().put("OTEL_BSP_SCHEDULE_DELAY", "200");
        jvm = pb.start();
    }

    @AfterAll
    void stop() throws Exception {
        if (jvm != null) {
            jvm.destroy();
            jvm.waitFor();
        }
    }

    @Test
    void secretsAndPersonalDataInAQueryStringAreRecordedAsRedacted() throws Exception {
        String query = "hmac=webhook-secret-123&access_token=" + JWT + "&cpf=52998224725&phone=11987654321&page=2";
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()) {
            // the sandbox is up once it answers; every answer is a traced request with the query above
            await().atMost(Duration.ofSeconds(Long.parseLong(System.getenv().getOrDefault("TOTEM_E2E_READY_SECONDS", "240"))))
                    .pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                        assertThat(jvm.isAlive()).as("pix-psp with the agent is running; see %s", log).isTrue();
                        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health?" + query))
                                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        }
        // the span of a request with that query, exported as OTLP JSON
        String spans = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(this::exportedSpans, text -> text.contains("page=2") && text.contains("\"url.query\""));

        assertThat(spans).as("the server span records the query with the values of sensitive parameters redacted")
                .contains("hmac=REDACTED", "access_token=REDACTED", "cpf=REDACTED", "phone=REDACTED", "page=2");
        assertThat(spans).doesNotContain("webhook-secret-123", JWT, "52998224725", "11987654321");
    }

    /** The log lines that are exported spans (OTLP JSON), not what the application itself logs. */
    String exportedSpans() throws java.io.IOException {
        return String.join("\n", Files.readAllLines(log).stream().filter(l -> l.contains("OtlpJsonLoggingSpanExporter")).toList());
    }
}
