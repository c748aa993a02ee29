package br.com.totem.platform.jobs;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.function.Supplier;

import org.springframework.scheduling.support.CronExpression;

import reactor.core.publisher.Mono;

/**
 * Work a service repeats on a fixed delay, declared as a bean and run by the platform
 * ({@link PeriodicJobs}):
 *
 * <pre>{@code
 * @Bean
 * PeriodicJob expirySweep(TicketExpiry expiry) {
 *     return PeriodicJob.named("ticket-expiry-sweep").every(Duration.ofSeconds(30))
 *             .onOneInstance().run(expiry::sweep);
 * }
 * }</pre>
 *
 * <p>A job runs either on a fixed delay ({@link Builder#every}) or at the times of a cron
 * expression ({@link Builder#cron}). A fixed-delay run starts {@code interval} after the previous one ended (runs never overlap on one
 * instance; a run that overruns makes the next one wait). {@link Builder#onOneInstance()} makes a
 * run take a PostgreSQL advisory lock first, so with several instances only one runs it at a time
 * (the others skip that round); without it every instance runs the job (for per-instance work such
 * as refreshing a cache, or work that takes its own locks). A failed run is logged and counted
 * ({@code totem.jobs.runs}, tags {@code job} and {@code outcome}); the next run comes as usual.
 * A run that takes longer than its {@link Builder#timeout} (default {@link #DEFAULT_TIMEOUT}) is
 * cancelled and counted as {@code timed-out}: a hung connection never stops a loop for good (issue
 * 12 item 9).
 */
public record PeriodicJob(String name, Duration firstAfter, Duration interval, CronExpression cron, ZoneId zone,
                          boolean oneInstance, Duration timeout, Supplier<? extends Mono<?>> work) {

    /** The longest a run may take unless the job says otherwise. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(15);

    public PeriodicJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(work, "work");
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("job " + name + " needs a positive timeout");
        }
        if (cron == null) {
            if (interval == null || interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("job " + name + " needs a positive interval or a cron expression");
            }
            Objects.requireNonNull(firstAfter, "firstAfter");
        } else {
            Objects.requireNonNull(zone, "zone");
        }
    }

    /** How long from {@code now} until a cron job's next run. */
    Duration untilNextRun(Instant now) {
        ZonedDateTime at = now.atZone(zone);
        ZonedDateTime next = cron.next(at);
        return next == null ? Duration.ofDays(36_500) : Duration.between(at, next); // null: a date that never comes
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private Duration interval;
        private Duration firstAfter;
        private CronExpression cron;
        private ZoneId zone;
        private boolean oneInstance;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(String name) {
            this.name = name;
        }

        /** The delay between the end of a run and the start of the next; also the first delay unless {@link #firstAfter}. */
        public Builder every(Duration interval) {
            this.interval = interval;
            return this;
        }

        /** The delay before the first run after start-up. */
        public Builder firstAfter(Duration delay) {
            this.firstAfter = delay;
            return this;
        }

        /** Runs at the times of a Spring cron expression ({@code "0 30 3 * * *"}) in {@code zone}, instead of {@link #every}. */
        public Builder cron(String expression, ZoneId zone) {
            this.cron = CronExpression.parse(expression);
            this.zone = zone;
            return this;
        }

        /** At most one instance of the service runs the job at a time (a PostgreSQL advisory lock). */
        public Builder onOneInstance() {
            this.oneInstance = true;
            return this;
        }

        /** The longest one run may take; it is then cancelled, logged and counted ({@code outcome=timed-out}). */
        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public PeriodicJob run(Supplier<? extends Mono<?>> work) {
            return new PeriodicJob(name, firstAfter == null ? interval : firstAfter, interval, cron, zone, oneInstance, timeout, work);
        }
    }
}
