package br.com.totem.platform.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

import reactor.core.publisher.Mono;

class PeriodicJobTest {

    @Test
    void aCronJobWaitsUntilItsNextTimeInItsZone() {
        PeriodicJob job = PeriodicJob.named("daily").cron("0 30 3 * * *", ZoneId.of("America/Sao_Paulo"))
                .run(Mono::empty);
        // 05:00 UTC is 02:00 in São Paulo (UTC-3): the next 03:30 there is 1 h 30 min away
        assertThat(job.untilNextRun(Instant.parse("2026-12-04T05:00:00Z"))).isEqualTo(Duration.ofMinutes(90));
        // just after it, the next one is a day later
        assertThat(job.untilNextRun(Instant.parse("2026-12-04T06:30:00Z"))).isEqualTo(Duration.ofHours(24));
    }

    @Test
    void aFixedDelayJobStartsAfterItsIntervalUnlessToldOtherwise() {
        PeriodicJob job = PeriodicJob.named("sweep").every(Duration.ofSeconds(30)).run(Mono::empty);
        assertThat(job.firstAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(job.oneInstance()).isFalse();
        PeriodicJob early = PeriodicJob.named("sweep").every(Duration.ofSeconds(30)).firstAfter(Duration.ZERO)
                .onOneInstance().run(Mono::empty);
        assertThat(early.firstAfter()).isZero();
        assertThat(early.oneInstance()).isTrue();
    }

    @Test
    void aJobNeedsAnIntervalOrACron() {
        assertThatThrownBy(() -> PeriodicJob.named("never").run(Mono::empty))
                .hasMessageContaining("needs a positive interval or a cron expression");
    }

    @Test
    void aRunThatHangsIsCancelledAtItsTimeoutAndCounted() {
        // issue 12 item 9: a half-open connection must not stop a loop for good
        var meters = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        PeriodicJob hung = PeriodicJob.named("relay").every(Duration.ofMillis(50)).timeout(Duration.ofMillis(200))
                .run(Mono::never);
        PeriodicJobs jobs = new PeriodicJobs(java.util.List.of(hung), null, "svc", meters);
        // without the timeout the run never ends and this bound fails the test
        assertThat(jobs.runOnce(hung).block(Duration.ofSeconds(20))).isFalse();
        assertThat(meters.counter("totem.jobs.runs", "job", "relay", "outcome", "timed-out").count()).isEqualTo(1);
        assertThat(PeriodicJob.named("daily").every(Duration.ofHours(1)).run(Mono::empty).timeout())
                .isEqualTo(PeriodicJob.DEFAULT_TIMEOUT);
    }
}
