package br.com.totem.report.metrics;

import java.time.Duration;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The waiting-time histogram ({@code totem_report_waiting_seconds}, paid → first call, tags {@code tenant}
 * and {@code service}): recorded once per ticket, when the fold first knows both ends of the wait.
 */
@Component
public class WaitingTimes {

    /** Bucket bounds a studio reads: 1, 5, 10, 15, 20, 30, 45, 60 and 90 minutes. */
    static final Duration[] BUCKETS = {Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(15), Duration.ofMinutes(20), Duration.ofMinutes(30), Duration.ofMinutes(45),
            Duration.ofMinutes(60), Duration.ofMinutes(90)};

    private final MeterRegistry meters;

    WaitingTimes(MeterRegistry meters) {
        this.meters = meters;
    }

    public void record(String tenant, String service, Duration wait) {
        if (wait.isNegative()) {
            return;
        }
        Timer.builder("totem.report.waiting").description("Wait from payment to the first call")
                .tags("tenant", tenant, "service", service == null ? "?" : service)
                .serviceLevelObjectives(BUCKETS)
                .register(meters).record(wait);
    }
}
