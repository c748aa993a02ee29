package br.com.totem.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock for integration tests: it runs with the system clock, so bounded waits and timeouts
 * in the code still end, and a test moves it forward instead of sleeping until a deadline
 * passes. Register it as the application's {@link Clock} bean (as {@code @Primary} next to the
 * service's own), e.g. with {@code @Import(MovableClock.AsApplicationClock.class)}, and
 * {@link #reset()} it after each test, since the context is shared.
 */
public final class MovableClock extends Clock {

    /** Makes a {@link MovableClock} the application's {@link Clock}: {@code @Import} it on the test class. */
    @TestConfiguration(proxyBeanMethods = false)
    public static class AsApplicationClock {
        @Bean
        @Primary
        MovableClock movableClock() {
            return new MovableClock();
        }
    }

    private final AtomicReference<Duration> offset;
    private final ZoneId zone;

    public MovableClock() {
        this(new AtomicReference<>(Duration.ZERO), ZoneOffset.UTC);
    }

    private MovableClock(AtomicReference<Duration> offset, ZoneId zone) {
        this.offset = offset;
        this.zone = zone;
    }

    /** Moves time forward (or back, with a negative amount) for everyone holding this clock. */
    public void advance(Duration amount) {
        offset.accumulateAndGet(amount, Duration::plus);
    }

    /** Back to the system's time. */
    public void reset() {
        offset.set(Duration.ZERO);
    }

    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    /** The same moving time seen from another zone (shares the offset). */
    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(this.zone) ? this : new MovableClock(offset, zone);
    }
}
