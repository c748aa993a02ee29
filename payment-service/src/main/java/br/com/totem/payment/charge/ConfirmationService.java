package br.com.totem.payment.charge;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.PaymentMethod;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.Outbox;
import reactor.core.publisher.Mono;

/**
 * Applies what the PSP confirmed. Each Pix is credited once (primary key on its end-to-end id);
 * a charge is confirmed once (status guard); the event goes out through the outbox in the same
 * transaction. A Pix whose amount differs from the charge is recorded and flagged, never confirmed.
 */
@Component
public class ConfirmationService {

    private static final Logger log = LoggerFactory.getLogger(ConfirmationService.class);

    public enum Outcome { CONFIRMED, DUPLICATE, AMOUNT_MISMATCH, CHARGE_CLOSED }

    private final DatabaseClient db;
    private final ChargeStore charges;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final TicketStore tickets;
    private final Refunds refunds;
    private final Clock clock;

    public ConfirmationService(DatabaseClient db, ChargeStore charges, Outbox outbox, TransactionalOperator tx,
                               TicketStore tickets, Refunds refunds, Clock clock) {
        this.db = db;
        this.charges = charges;
        this.outbox = outbox;
        this.tx = tx;
        this.tickets = tickets;
        this.refunds = refunds;
        this.clock = clock;
    }

    /** The PSP's own view says this Pix paid this charge. */
    public Mono<Outcome> confirmPix(Charge charge, PixModels.Pix pix) {
        Instant paidAt = pix.paidAt() == null ? clock.instant() : pix.paidAt();
        Mono<Outcome> work = db.sql("""
                        insert into pix_payments (end_to_end_id, charge_id, tenant_id, txid, amount_cents, paid_at)
                        values (:e2e, :charge, :tenant, :txid, :amount, :paid) on conflict do nothing""")
                .bind("e2e", pix.endToEndId()).bind("charge", charge.id()).bind("tenant", charge.tenant())
                .bind("txid", charge.txid()).bind("amount", pix.amountCents())
                .bind("paid", paidAt.atOffset(java.time.ZoneOffset.UTC))
                .fetch().rowsUpdated()
                .flatMap(inserted -> {
                    if (inserted == 0) {
                        return Mono.just(Outcome.DUPLICATE);
                    }
                    if (pix.amountCents() != charge.amountCents()) {
                        log.warn("Pix {} on txid {} paid {} centavos for a charge of {}: flagged, not confirmed",
                                pix.endToEndId(), charge.txid(), pix.amountCents(), charge.amountCents());
                        return charges.flag(charge.id(), "AMOUNT_MISMATCH", pix.amountCents()).thenReturn(Outcome.AMOUNT_MISMATCH);
                    }
                    return charges.confirm(charge.id(), "PIX", pix.endToEndId(), pix.amountCents(), clock.instant())
                            .flatMap(updated -> {
                                if (!updated) {
                                    log.warn("Pix {} paid txid {} whose charge is {}: flagged for a refund decision",
                                            pix.endToEndId(), charge.txid(), charge.status());
                                    return charges.flag(charge.id(), "PAID_AFTER_CLOSE", pix.amountCents())
                                            .thenReturn(Outcome.CHARGE_CLOSED);
                                }
                                var event = new PaymentConfirmed(charge.id(), charge.ticketId(), charge.txid(),
                                        pix.endToEndId(), pix.amountCents(), PaymentMethod.PIX, clock.instant());
                                return outbox.append(EventEnvelope.of(charge.tenant(), charge.id().toString(), event))
                                        .then(refundIfTicketEnded(charge))
                                        .thenReturn(Outcome.CONFIRMED);
                            });
                });
        return tx.transactional(work)
                .doOnNext(o -> log.info("Pix {} for txid {}: {}", pix.endToEndId(), charge.txid(), o));
    }

    /**
     * A charge can still be paid after its ticket ended: a link created while the ticket's
     * ticket.expired or ticket.cancelled was being handled here finds no charge to cancel. The
     * ticket will never be served, so the Pix goes back in full, in this same transaction.
     */
    private Mono<Void> refundIfTicketEnded(Charge charge) {
        return tickets.find(charge.tenant(), charge.ticketId())
                .filter(t -> !t.pending())
                .flatMap(t -> "EXPIRED".equals(t.status())
                        ? refunds.requestForExpiry(charge.tenant(), charge.ticketId())
                        : refunds.requestForCancellation(charge.tenant(), charge.ticketId(), "payment-service"))
                .doOnNext(id -> log.warn("refund {} requested: Pix on txid {} paid a ticket that had already ended", id, charge.txid()))
                .then();
    }

    /** The charge expired unpaid (and is removed at the PSP): payment.expired, once. */
    public Mono<Boolean> expire(Charge charge) {
        return tx.transactional(charges.expire(charge.id()).flatMap(updated -> !updated ? Mono.just(false)
                : outbox.append(EventEnvelope.of(charge.tenant(), charge.id().toString(),
                        new PaymentExpired(charge.id(), charge.ticketId(), charge.txid(), clock.instant()))).thenReturn(true)));
    }
}
