package br.com.totem.report.nightly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.platform.jobs.PeriodicJobs;
import br.com.totem.report.support.DayOfEvents;
import br.com.totem.testkit.MovableClock;
import br.com.totem.testkit.TestEvents;
import br.com.totem.testkit.TestTokens;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The nightly files, with the clock moved instead of waited for: D-1 appears after 00:05 in the
 * tenant's zone and not before, two instances running the job at once write a day once, days missed
 * while the service was down are caught up, and a failed day is retried and counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "totem.report.nightly.check-interval=1h", "totem.report.nightly.retry-after=10m",
        "totem.report.nightly.catch-up-days=7", "totem.report.files.directory=target/nightly-files"})
@Import(NightlyReportsIT.MovingTime.class)
class NightlyReportsIT {

    @TestConfiguration(proxyBeanMethods = false)
    static class MovingTime {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    static final ZoneId ZONE = ZoneId.of("America/Sao_Paulo");
    static final Path FILES = Path.of("target/nightly-files");

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
    MeterRegistry meters;

    String tenant;
    WebTestClient http;

    @BeforeEach
    void setUp() {
        tenant = "night-" + UUID.randomUUID().toString().substring(0, 8);
        http = WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port).responseTimeout(Duration.ofSeconds(60)).build();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    void daysOfTickets(LocalDate... days) {
        DayOfEvents generator = new DayOfEvents(days[0].toEpochDay(), tenant, ZONE, true);
        List<EventEnvelope<? extends EventPayload>> events = new ArrayList<>();
        for (LocalDate day : days) {
            events.addAll(generator.day(day, 15));
        }
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

    boolean runJob() {
        return Boolean.TRUE.equals(jobs.runOnce(nightlyReportsJob).block());
    }

    List<String> files() {
        return http.get().uri("/api/v1/reports/files").headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER")))
                .exchange().expectStatus().isOk()
                .expectBodyList(new ParameterizedTypeReference<Map<String, Object>>() { }).returnResult().getResponseBody()
                .stream().map(m -> (String) m.get("name")).toList();
    }

    Map<String, Object> run(LocalDate day) {
        return db.sql("select status, attempts from report_runs where tenant_id = :t and business_date = :d")
                .bind("t", tenant).bind("d", day).fetch().one().block();
    }

    @Test
    void yesterdaysFilesAppearAfterFiveMinutesPastMidnightInTheStudiosZone() {
        LocalDate day = LocalDate.of(2026, 10, 14);
        daysOfTickets(day);
        at(day.plusDays(1), 0, 4);
        runJob();
        assertThat(files()).isEmpty();
        at(day.plusDays(1), 0, 6);
        runJob();
        assertThat(files()).containsExactly("relatorio-2026-10-14.pdf", "relatorio-2026-10-14.csv");
        byte[] csv = http.get().uri("/api/v1/reports/files/relatorio-2026-10-14.csv")
                .headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER"))).exchange()
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(new String(csv, StandardCharsets.UTF_8)).contains("2026-10-14;total;Total;15;");
        http.get().uri("/api/v1/reports/files/relatorio-2026-10-14.pdf")
                .headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER"))).exchange()
                .expectStatus().isOk().expectHeader().contentType("application/pdf");
        // another studio sees none of them
        http.get().uri("/api/v1/reports/files/relatorio-2026-10-14.csv")
                .headers(h -> h.setBearerAuth(TestTokens.get().token("someone-else", "g", "MANAGER"))).exchange()
                .expectStatus().isNotFound().expectHeader().contentType("application/problem+json");
        http.get().uri("/api/v1/reports/files/relatorio-..%2F..%2Fpom.xml")
                .headers(h -> h.setBearerAuth(TestTokens.get().token(tenant, "g", "MANAGER"))).exchange()
                .expectStatus().is4xxClientError();
    }

    @Test
    void twoInstancesRunningTheJobAtOnceWriteTheDayOnce() throws Exception {
        LocalDate day = LocalDate.of(2026, 10, 20);
        daysOfTickets(day);
        at(day.plusDays(1), 0, 30);
        var first = CompletableFuture.supplyAsync(this::runJob);
        var second = CompletableFuture.supplyAsync(this::runJob);
        first.get();
        second.get();
        runJob(); // and again later the same night
        assertThat(run(day)).containsEntry("status", "DONE").containsEntry("attempts", 1);
        assertThat(files()).containsExactly("relatorio-2026-10-20.pdf", "relatorio-2026-10-20.csv");
    }

    @Test
    void daysMissedWhileTheServiceWasDownAreCaughtUp() {
        LocalDate day = LocalDate.of(2026, 10, 1);
        daysOfTickets(day, day.plusDays(1), day.plusDays(2));
        // the service was down from the 1st until the 5th at 09:00
        at(day.plusDays(4), 9, 0);
        runJob();
        assertThat(files()).containsExactly("relatorio-2026-10-04.pdf", "relatorio-2026-10-04.csv",
                "relatorio-2026-10-03.pdf", "relatorio-2026-10-03.csv", "relatorio-2026-10-02.pdf", "relatorio-2026-10-02.csv",
                "relatorio-2026-10-01.pdf", "relatorio-2026-10-01.csv");
    }

    @Test
    void aFailedDayIsRetriedAndCounted() throws IOException {
        LocalDate day = LocalDate.of(2026, 10, 24);
        daysOfTickets(day);
        // the tenant's folder cannot be created: a file is in its way
        Files.createDirectories(FILES);
        Path blocker = FILES.resolve(tenant);
        Files.writeString(blocker, "not a folder");
        double failedBefore = meters.counter("totem.report.nightly.runs", "outcome", "failed").count();
        at(day.plusDays(1), 1, 0);
        runJob();
        assertThat(run(day)).containsEntry("status", "FAILED").containsEntry("attempts", 1);
        assertThat(meters.counter("totem.report.nightly.runs", "outcome", "failed").count()).isEqualTo(failedBefore + 1);
        Files.delete(blocker);
        at(day.plusDays(1), 1, 5); // before retry-after: not yet
        runJob();
        assertThat(run(day)).containsEntry("attempts", 1);
        at(day.plusDays(1), 1, 11);
        runJob();
        assertThat(run(day)).containsEntry("status", "DONE").containsEntry("attempts", 2);
        assertThat(files()).hasSize(2);
    }
}
