package br.com.totem.report.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.platform.jobs.PeriodicJobs;
import br.com.totem.report.nightly.store.ReportFiles;
import br.com.totem.report.nightly.store.S3ReportFiles;
import br.com.totem.report.support.DayOfEvents;
import br.com.totem.testkit.MovableClock;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The nightly files on an S3-compatible store ({@code totem.report.files.store=s3}), against a real S3 API
 * server: S3Proxy, in this JVM, on an in-memory file system, checking every request's AWS signature. The
 * objects land under {@code <prefix><tenant>/}, are listed and downloaded through the API, and a studio never
 * reaches another's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.report.nightly.check-interval=1h", "totem.report.files.store=s3", "totem.report.files.s3.bucket=totem-reports",
        "totem.report.files.s3.prefix=relatorios/", "totem.report.files.s3.access-key=totem-report",
        "totem.report.files.s3.secret-key=s3cr3t-of-the-test", "totem.report.files.s3.region=sa-east-1"})
@Import(NightlyReportsIT.MovingTime.class)
class S3ReportFilesIT {

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    static final String BUCKET = "totem-reports";
    static final S3Proxy SERVER = start();

    static S3Proxy start() {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            S3Proxy server = S3Proxy.builder().blobStore(new TransientNio2BlobStore())
                    .endpoint(URI.create("http://127.0.0.1:" + port))
                    .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, "totem-report", "s3cr3t-of-the-test")
                    .build();
            server.start(); // returns once Jetty listens (no await here: its thread would wait for this class's initialisation)
            if (!"STARTED".equals(server.getState())) {
                throw new IllegalStateException("S3Proxy is " + server.getState());
            }
            try (S3Client s3 = client(server.getPort(), "totem-report", "s3cr3t-of-the-test")) {
                s3.createBucket(b -> b.bucket(BUCKET));
            }
            return server;
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not start", e);
        }
    }

    static URI endpoint() {
        return URI.create("http://127.0.0.1:" + SERVER.getPort());
    }

    /** A client of our own, to look into the bucket as an operator would. */
    static S3Client client(String accessKey, String secretKey) {
        return client(SERVER.getPort(), accessKey, secretKey);
    }

    static S3Client client(int port, String accessKey, String secretKey) {
        return S3Client.builder().endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.SA_EAST_1).forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create())
                .build();
    }

    @DynamicPropertySource
    static void theBucket(DynamicPropertyRegistry registry) {
        registry.add("totem.report.files.s3.endpoint", () -> endpoint().toString());
    }

    @AfterAll
    static void stop() throws Exception {
        SERVER.stop();
    }

    @LocalServerPort
    int port;
    @Autowired
    ApplicationContext context;
    @Autowired
    DatabaseClient db;
    @Autowired
    MovableClock clock;
    @Autowired
    PeriodicJobs jobs;
    @Autowired
    PeriodicJob nightlyReportsJob;
    @Autowired
    ReportFiles files;

    String tenant;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        tenant = "s3-" + UUID.randomUUID().toString().substring(0, 8);
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void dayOfTickets(LocalDate day) {
        DayOfEvents generator = new DayOfEvents(day.toEpochDay() + tenant.hashCode(), tenant, ZONE, true);
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>(generator.day(day, 12));
        TestEvents broker = new TestEvents(context);
        events.forEach(broker::publish);
        await().atMost(Duration.ofSeconds(90)).until(() -> db.sql("select count(*) as n from event_log where tenant_id = :t")
                .bind("t", tenant).map(r -> r.get("n", Long.class)).one().block() == events.size());
    }

    void at(LocalDate day, int hour, int minute) {
        Instant target = day.atTime(hour, minute).atZone(ZONE).toInstant();
        clock.reset();
        clock.advance(Duration.between(Instant.now(), target));
    }

    List<String> listed(String who) {
        return http.get().uri("/api/v1/reports/files").headers(h -> h.setBearerAuth(TestTokens.get().token(who, "g", "MANAGER")))
                .exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody()
                .stream().map(m -> (String) m.get("name")).toList();
    }

    byte[] download(String who, String name) {
        return http.get().uri("/api/v1/reports/files/{n}", name)
                .headers(h -> h.setBearerAuth(TestTokens.get().token(who, "g", "MANAGER"))).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
    }

    @Test
    void theStoreInUseIsTheBucket() {
        assertThat(files).isInstanceOf(S3ReportFiles.class);
    }

    @Test
    void theNightlyFilesAreObjectsInTheBucketListedAndDownloadedThroughTheApi() {
        LocalDate day = LocalDate.of(2026, 9, 8);
        dayOfTickets(day);
        at(day.plusDays(1), 0, 10);
        assertThat(jobs.runOnce(nightlyReportsJob).block()).isTrue();

        List<S3Object> objects;
        try (S3Client s3 = client("totem-report", "s3cr3t-of-the-test")) {
            objects = s3.listObjectsV2(b -> b.bucket(BUCKET).prefix("relatorios/" + tenant + "/")).contents();
            assertThat(objects).extracting(S3Object::key).containsExactlyInAnyOrder(
                    "relatorios/" + tenant + "/relatorio-2026-09-08.csv", "relatorios/" + tenant + "/relatorio-2026-09-08.pdf");
            var pdf = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("relatorios/" + tenant + "/relatorio-2026-09-08.pdf"));
            assertThat(pdf.response().contentType()).isEqualTo("application/pdf");
            assertThat(download(tenant, "relatorio-2026-09-08.pdf")).isEqualTo(pdf.asByteArray());
            byte[] csv = s3.getObjectAsBytes(b -> b.bucket(BUCKET).key("relatorios/" + tenant + "/relatorio-2026-09-08.csv"))
                    .asByteArray();
            assertThat(download(tenant, "relatorio-2026-09-08.csv")).isEqualTo(csv);
            assertThat(new String(csv, StandardCharsets.UTF_8)).contains("2026-09-08;total;Total;12;");
        }
        assertThat(listed(tenant)).containsExactly("relatorio-2026-09-08.pdf", "relatorio-2026-09-08.csv");
        var sizes = http.get().uri("/api/v1/reports/files").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER")))
                .exchange().expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult()
                .getResponseBody().stream().map(m -> ((Number) m.get("sizeBytes")).longValue()).toList();
        assertThat(sizes).allMatch(n -> n > 100);

        // another studio lists nothing and downloads nothing of them
        assertThat(listed("someone-else")).isEmpty();
        http.get().uri("/api/v1/reports/files/relatorio-2026-09-08.csv")
                .headers(h -> h.setBearerAuth(TestTokens.get().token("someone-else", "g", "MANAGER"))).exchange()
                .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        // a day that was not written is a 404, not an error of the store
        http.get().uri("/api/v1/reports/files/relatorio-2026-09-09.csv")
                .headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER"))).exchange()
                .expectStatus().isNotFound();
    }

    @Test
    void theServerChecksTheSignature() {
        // the server is a real S3 endpoint: a wrong secret is refused, so the service's success above was signed right
        try (S3Client wrong = client("totem-report", "not-the-secret")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> wrong.listObjectsV2(b -> b.bucket(BUCKET)))
                    .isInstanceOf(software.amazon.awssdk.services.s3.model.S3Exception.class)
                    .extracting(e -> ((software.amazon.awssdk.services.s3.model.S3Exception) e).statusCode()).isEqualTo(403);
        }
    }
}
