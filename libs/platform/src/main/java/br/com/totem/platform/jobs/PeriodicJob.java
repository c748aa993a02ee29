package br.com.totem.platform.jobs;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

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
 * <p>A run starts {@code interval} after the previous one ended (runs never overlap on one
 * instance; a run that overruns makes the next one wait). {@link Builder#onOneInstance()} makes a
 * run take a PostgreSQL advisory lock first, so with several instances only one runs it at a time
 * (the others skip that round); without it every instance runs the job (for per-instance work such
 * as refreshing a cache, or work that takes its own locks). A failed run is logged and counted
 * ({@code totem.jobs.runs}, tags {@code job} and {@code outcome}); the next run comes as usual.
 */
public record PeriodicJob(String name, Duration firstAfter, Duration interval, boolean oneInstance,
                          Supplier<? extends Mono<?>> work) {

    public PeriodicJob {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(firstAfter, "firstAfter");
        Objects.requireNonNull(work, "work");
        if (interval == null || interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("job " + name + " needs a positive interval");
        }
    }

    public static Builder named(String name) {
        return new Builder(name);
    }

    public static final class Builder {
        private final String name;
        private Duration interval;
        private Duration firstAfter;
        private boolean oneInstance;

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

        /** At most one instance of the service runs the job at a time (a PostgreSQL advisory lock). */
        public Builder onOneInstance() {
            this.oneInstance = true;
            return this;
        }

        public PeriodicJob run(Supplier<? extends Mono<?>> work) {
            return new PeriodicJob(name, firstAfter == null ? interval : firstAfter, interval, oneInstance, work);
        }
    }
}
