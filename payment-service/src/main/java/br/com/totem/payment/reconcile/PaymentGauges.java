package br.com.totem.payment.reconcile;

import java.time.Duration;
import java.util.List;

import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.store.ChargeStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import reactor.core.publisher.Mono;

/**
 * What ops staff watch about money not yet settled, per tenant (refreshed by a periodic job, PaymentJobs):
 * {@code totem_payments_open} (charges waiting for the customer's Pix), {@code totem_payments_oldest_open_seconds},
 * {@code totem_payments_overdue} (still open {@link #GRACE} after their expiry: the reconciliation is not closing
 * them — the "payment stuck" alert) and {@code totem_payments_flagged} (paid a different amount: someone must look);
 * and, for the business dashboard, the counters {@code totem_payments_confirmed_total} and
 * {@code totem_payments_confirmed_reais_total} (every confirmed charge and its paid amount, read from the database,
 * so they survive restarts and every instance reports the same value: aggregate with {@code max by (tenant)}).
 */
@Component
public class PaymentGauges {

    /** Past its expiry by this much, an open charge should have been expired by the reconciliation (every 10 s). */
    static final Duration GRACE = Duration.ofMinutes(2);

    private final ChargeStore charges;
    private final MultiGauge open;
    private final MultiGauge oldest;
    private final MultiGauge overdue;
    private final MultiGauge flagged;
    private final MeterRegistry meters;
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicLong[]> totals = new java.util.concurrent.ConcurrentHashMap<>();

    public PaymentGauges(ChargeStore charges, MeterRegistry meters) {
        this.charges = charges;
        this.meters = meters;
        this.open = MultiGauge.builder("totem.payments.open").description("open charges (CREATING, ACTIVE)").register(meters);
        this.oldest = MultiGauge.builder("totem.payments.oldest.open").baseUnit("seconds")
                .description("age of the oldest open charge").register(meters);
        this.overdue = MultiGauge.builder("totem.payments.overdue")
                .description("charges still open two minutes after their expiry").register(meters);
        this.flagged = MultiGauge.builder("totem.payments.flagged").description("charges paid with a different amount")
                .register(meters);
    }

    /** Reads the charges and replaces every gauge's rows (a tenant gone from the result disappears). */
    public Mono<Void> refresh() {
        return charges.openSummary(GRACE).collectList().doOnNext(rows -> {
            open.register(rows(rows, r -> r.open()), true);
            oldest.register(rows(rows, ChargeStore.OpenSummary::oldestOpenSeconds), true);
            overdue.register(rows(rows, r -> r.overdue()), true);
            flagged.register(rows(rows, r -> r.flagged()), true);
            rows.forEach(r -> {
                var t = totals(r.tenant());
                t[0].set(r.confirmed());
                t[1].set(r.confirmedCents());
            });
        }).then();
    }

    private java.util.concurrent.atomic.AtomicLong[] totals(String tenant) {
        return totals.computeIfAbsent(tenant, t -> {
            var values = new java.util.concurrent.atomic.AtomicLong[] {new java.util.concurrent.atomic.AtomicLong(),
                    new java.util.concurrent.atomic.AtomicLong()};
            io.micrometer.core.instrument.FunctionCounter.builder("totem.payments.confirmed", values[0], v -> v.get())
                    .tag("tenant", t).description("charges confirmed (Pix, cash, card)").register(meters);
            io.micrometer.core.instrument.FunctionCounter.builder("totem.payments.confirmed.reais", values[1], v -> v.get() / 100.0)
                    .tag("tenant", t).description("amount paid on confirmed charges, in BRL").register(meters);
            return values;
        });
    }

    private static List<MultiGauge.Row<?>> rows(List<ChargeStore.OpenSummary> rows,
                                                java.util.function.ToDoubleFunction<ChargeStore.OpenSummary> value) {
        return rows.stream().<MultiGauge.Row<?>>map(r -> MultiGauge.Row.of(Tags.of("tenant", r.tenant()), value.applyAsDouble(r)))
                .toList();
    }
}
