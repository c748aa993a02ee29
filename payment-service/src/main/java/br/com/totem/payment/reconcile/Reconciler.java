package br.com.totem.payment.reconcile;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.ConfirmationService;
import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.refund.RefundWorker;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Nothing is lost: every {@code interval} the charges still open after {@code pendingAfter}
 * are read at the PSP ({@code GET /cob/{txid}}), so a dropped webhook still confirms; expired
 * unpaid charges are removed at the PSP and announced with payment.expired; cancelled
 * tickets' charges are removed; open refunds are driven on.
 */
@Component
public class Reconciler {

    private static final Logger log = LoggerFactory.getLogger(Reconciler.class);

    private final ChargeStore charges;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final ConfirmationService confirmations;
    private final RefundWorker refunds;
    private final PaymentProperties properties;
    private final Clock clock;

    public Reconciler(ChargeStore charges, TenantSettingsStore settings, PixProvider pix, ConfirmationService confirmations,
                      RefundWorker refunds, PaymentProperties properties, Clock clock) {
        this.charges = charges;
        this.settings = settings;
        this.pix = pix;
        this.confirmations = confirmations;
        this.refunds = refunds;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<Void> runOnce() {
        Instant before = clock.instant().minus(properties.reconcile().pendingAfter());
        return charges.openCreatedBefore(before, 200).concatMap(c -> withSettings(c, this::reconcileOpen))
                .thenMany(charges.cancelledNotRemoved(100).concatMap(c -> withSettings(c, this::removeCancelled)))
                .then(refunds.processOpen());
    }

    private Mono<Void> withSettings(Charge c, java.util.function.BiFunction<Charge, TenantSettings, Mono<Void>> step) {
        return settings.find(c.tenant())
                .flatMap(s -> step.apply(c, s))
                .onErrorResume(PspException.class, e -> {
                    log.info("reconciling txid {} postponed: {}", c.txid(), e.getMessage());
                    return Mono.empty();
                })
                .onErrorResume(e -> {
                    log.warn("reconciling txid {} failed", c.txid(), e);
                    return Mono.empty();
                });
    }

    private Mono<Void> reconcileOpen(Charge c, TenantSettings s) {
        boolean expired = c.expiresAt().isBefore(clock.instant());
        if (c.status() == ChargeStatus.CREATING) {
            // the creating request may have died after the PSP accepted: look before giving up
            return expired ? pix.getCharge(s, c.txid()).flatMap(cob -> settle(c, s, cob, true))
                    .onErrorResume(e -> e instanceof PspException p && p.notFound(), e -> confirmations.expire(c).then())
                    : Mono.empty();
        }
        return pix.getCharge(s, c.txid()).flatMap(cob -> settle(c, s, cob, expired));
    }

    private Mono<Void> settle(Charge c, TenantSettings s, PixModels.Cob cob, boolean expired) {
        if (cob.concluded() && !cob.pix().isEmpty()) {
            log.info("txid {} found paid by reconciliation", c.txid());
            return Flux.fromIterable(cob.pix()).concatMap(p -> confirmations.confirmPix(c, p)).then();
        }
        if (!expired) {
            return Mono.empty();
        }
        Mono<Void> remove = "ATIVA".equals(cob.status()) ? pix.removeCharge(s, c.txid()).then() : Mono.empty();
        return remove.then(confirmations.expire(c))
                .doOnNext(done -> log.info("txid {} expired unpaid", c.txid())).then();
    }

    private Mono<Void> removeCancelled(Charge c, TenantSettings s) {
        return pix.getCharge(s, c.txid()).flatMap(cob -> {
            if (cob.concluded() && !cob.pix().isEmpty()) {
                return Flux.fromIterable(cob.pix()).concatMap(p -> confirmations.confirmPix(c, p)).then();
            }
            return ("ATIVA".equals(cob.status()) ? pix.removeCharge(s, c.txid()).then() : Mono.<Void>empty())
                    .then(charges.markRemoved(c.id()));
        }).onErrorResume(e -> e instanceof PspException p && p.notFound(), e -> charges.markRemoved(c.id()));
    }
}
