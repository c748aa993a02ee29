package br.com.totem.payment.refund;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.RefundStatus;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.refund.store.RefundStore;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.platform.events.Outbox;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Takes refunds to the PSP: asks for each REQUESTED one ({@code PUT /pix/{e2e}/devolucao/{id}},
 * idempotent by our id) and follows it to DEVOLVIDO or NAO_REALIZADO, by webhook
 * ({@link #apply}) or by polling ({@link #processOpen}, on the reconciler's pass), emitting
 * payment.refunded once. {@link #wake()} runs a pass right away, on the worker's own
 * subscription: wake-ups that arrive while a pass runs coalesce into one more pass, and a failed
 * pass is logged, never lost with a detached subscriber.
 */
@Component
public class RefundWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RefundWorker.class);
    private static final Duration POLL_EVERY = Duration.ofSeconds(2);
    private static final int BATCH = 50;

    private final RefundStore store;
    private final ChargeStore charges;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Clock clock;
    private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
    private volatile Disposable passes;

    public RefundWorker(RefundStore store, ChargeStore charges, TenantSettingsStore settings, PixProvider pix, Outbox outbox,
                        TransactionalOperator tx, Clock clock) {
        this.store = store;
        this.charges = charges;
        this.settings = settings;
        this.pix = pix;
        this.outbox = outbox;
        this.tx = tx;
        this.clock = clock;
    }

    /** Asks for a pass now; before the worker starts, or while it is stopped, the next scheduled pass does the work. */
    public void wake() {
        // another thread emitting at the same instant is the only retryable outcome; with no
        // subscriber (not started) the wake-up is dropped and the reconciler's pass does the work
        Sinks.EmitResult result;
        do {
            result = wakeUps.tryEmitNext(Boolean.TRUE);
        } while (result == Sinks.EmitResult.FAIL_NON_SERIALIZED);
    }

    @Override
    public void start() {
        passes = wakeUps.asFlux()
                .onBackpressureLatest()
                .concatMap(w -> processOpen().onErrorResume(e -> {
                    log.warn("refund pass failed: {}", e.toString());
                    return Mono.empty();
                }), 0)
                .subscribe();
    }

    @Override
    public void stop() {
        Disposable running = passes;
        if (running != null) {
            running.dispose();
        }
        passes = null;
    }

    @Override
    public boolean isRunning() {
        return passes != null && !passes.isDisposed();
    }

    /** Drives every open refund one step: request it at the PSP, or poll its status. */
    public Mono<Void> processOpen() {
        return store.due(clock.instant(), BATCH).concatMap(this::step).then();
    }

    private Mono<Void> step(RefundStore.Open o) {
        return settings.find(o.tenant()).flatMap(s -> {
            Mono<PixModels.Refund> call = "REQUESTED".equals(o.status())
                    ? pix.refund(s, o.e2e(), o.id(), o.amount(), "Devolução Totem")
                    : pix.getRefund(s, o.e2e(), o.id());
            return call.flatMap(r -> apply(o.id(), r.status(), r.rtrId(), r.reason()))
                    .onErrorResume(PspException.class, e -> {
                        if (!e.transientFailure() && "REQUESTED".equals(o.status())) {
                            log.warn("PSP refused refund {}: {}", o.id(), e.getMessage());
                            return apply(o.id(), "NAO_REALIZADO", null, "Recusada pelo banco");
                        }
                        log.info("refund {} not advanced now: {}", o.id(), e.getMessage());
                        return later(o.id());
                    });
        }).then();
    }

    private Mono<Void> later(String id) {
        return store.later(id, nextCheck());
    }

    private Instant nextCheck() {
        return clock.instant().plus(POLL_EVERY);
    }

    /** Records what the PSP says of a refund; a final status emits payment.refunded exactly once. */
    public Mono<Void> apply(String id, String status, String rtrId, String reason) {
        if (status == null) {
            return later(id);
        }
        boolean fin = "DEVOLVIDO".equals(status) || "NAO_REALIZADO".equals(status);
        if (!fin) {
            return store.processing(id, rtrId, nextCheck());
        }
        Mono<Void> work = store.finish(id, status, rtrId, reason)
                .flatMap(done -> charges.byId(done.tenant(), done.chargeId()).map(Charge::ticketId)
                        .flatMap(ticketId -> outbox.append(EventEnvelope.of(done.tenant(), done.chargeId().toString(),
                                new PaymentRefunded(done.chargeId(), ticketId, id, done.amountCents(),
                                        RefundStatus.valueOf(status), clock.instant())))))
                .doOnSuccess(v -> log.info("refund {} finished: {}", id, status));
        return tx.transactional(work);
    }
}
