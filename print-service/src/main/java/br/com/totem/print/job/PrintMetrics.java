package br.com.totem.print.job;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * {@code totem.print.jobs{outcome}} (printed, failed, retried, no_printer, interrupted),
 * {@code totem.print.time} (from payment to paper) and {@code totem.print.printer.ready{printer}}
 * (1 when the last status read said ready, 0 otherwise).
 */
@Component
public class PrintMetrics {

    private final MeterRegistry registry;
    private final Timer timeToPrint;
    private final Map<UUID, AtomicInteger> ready = new ConcurrentHashMap<>();

    PrintMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.timeToPrint = Timer.builder("totem.print.time").description("from the ticket's payment to the paper")
                .publishPercentileHistogram().register(registry);
    }

    public void finished(String outcome) {
        Counter.builder("totem.print.jobs").tag("outcome", outcome).register(registry).increment();
    }

    public void printed(Duration sincePayment) {
        finished("printed");
        timeToPrint.record(sincePayment.isNegative() ? Duration.ZERO : sincePayment);
    }

    public void printerReady(UUID printer, boolean isReady) {
        ready.computeIfAbsent(printer, id -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("totem.print.printer.ready", value, AtomicInteger::get).tag("printer", id.toString())
                    .register(registry);
            return value;
        }).set(isReady ? 1 : 0);
    }
}
