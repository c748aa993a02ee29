package br.com.totem.payment.webhook;

import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.ConfirmationService;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.refund.RefundWorker;
import br.com.totem.payment.settings.TenantSettingsStore;
import reactor.core.publisher.Mono;

/**
 * Turns stored webhook receipts into confirmations, never trusting the notification itself:
 * the txid must be one of ours (same tenant), the key ours, and {@code GET /cob/{txid}} must
 * say CONCLUIDA with that end-to-end id in {@code pix[]}; the amount is the PSP's.
 * Runs right after a webhook is answered and periodically for whatever is left.
 */
@Component
public class WebhookProcessor {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessor.class);
    static final int MAX_UNCONFIRMED_ATTEMPTS = 3;

    private final WebhookReceipts receipts;
    private final ChargeStore charges;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final ConfirmationService confirmations;
    private final RefundWorker refunds;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public WebhookProcessor(WebhookReceipts receipts, ChargeStore charges, TenantSettingsStore settings, PixProvider pix,
                            ConfirmationService confirmations, RefundWorker refunds) {
        this.receipts = receipts;
        this.charges = charges;
        this.settings = settings;
        this.pix = pix;
        this.confirmations = confirmations;
        this.refunds = refunds;
    }

    /** Processes now, in the background; overlapping kicks coalesce into one more run. */
    public void kick() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        processPending().doFinally(s -> {
            running.set(false);
            if (again.getAndSet(false)) {
                kick();
            }
        }).subscribe(v -> { }, e -> log.warn("webhook processing failed: {}", e.toString()));
    }

    public Mono<Void> processPending() {
        return receipts.lease(50).concatMap(r -> process(r)
                        .flatMap(outcome -> receipts.done(r.id(), outcome))
                        .onErrorResume(PspException.class, e -> {
                            log.info("receipt {} waits for the PSP: {}", r.id(), e.getMessage());
                            return receipts.retrySoon(r.id(), r.attempts());
                        }))
                .then();
    }

    private Mono<String> process(WebhookReceipts.Receipt r) {
        if (r.txid() == null) {
            log.info("webhook item {} carries no txid: ignored", r.endToEndId());
            return Mono.just("IGNORED_NO_TXID");
        }
        return charges.byTxid(r.txid())
                .filter(c -> c.tenant().equals(r.tenant()))
                .flatMap(charge -> settings.find(charge.tenant()).flatMap(s -> {
                    if (r.chave() != null && !r.chave().equals(s.pixKey())) {
                        log.warn("webhook item {} names another key: ignored", r.endToEndId());
                        return Mono.just("IGNORED_FOREIGN_KEY");
                    }
                    if ("REFUND".equals(r.kind())) {
                        return pix.getRefund(s, r.endToEndId(), r.refundId())
                                .flatMap(ref -> refunds.apply(ref.id(), ref.status(), ref.rtrId(), ref.reason()))
                                .thenReturn("REFUND_" + r.refundStatus())
                                .onErrorResume(e -> e instanceof PspException p && p.notFound(), e -> Mono.just("IGNORED_UNKNOWN_REFUND"));
                    }
                    return pix.getCharge(s, r.txid()).flatMap(cob -> {
                        var paid = cob.payment(r.endToEndId());
                        if (!cob.concluded() || paid.isEmpty()) {
                            if (r.attempts() < MAX_UNCONFIRMED_ATTEMPTS) {
                                return Mono.error(new PspException.Unavailable("PSP does not show " + r.endToEndId() + " yet", 0, null));
                            }
                            log.warn("webhook item {} for txid {} not confirmed by GET /cob: ignored", r.endToEndId(), r.txid());
                            return Mono.just("NOT_CONFIRMED_BY_PSP");
                        }
                        return confirmations.confirmPix(charge, paid.get()).map(Enum::name);
                    });
                }))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    log.warn("webhook item {} for a txid that is not ours: ignored", r.endToEndId());
                    return "IGNORED_FOREIGN_TXID";
                }));
    }
}
