package br.com.totem.payment.refund;

import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.domain.Txid;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.refund.store.RefundStore;
import br.com.totem.payment.shared.PaymentProblems;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Devoluções, as they are asked for. A refund is first a row (REQUESTED), written under a lock on
 * the charge after checking that all refunds not refused add up to at most what was paid; the
 * {@link RefundWorker} then takes it to the PSP. Implements the charge feature's {@link Refunds}
 * port, so a Pix that paid an ended ticket is refunded in the confirmation's own transaction.
 */
@Service
public class RefundService implements Refunds {

    private final ChargeStore charges;
    private final RefundStore store;
    private final RefundWorker worker;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public RefundService(ChargeStore charges, RefundStore store, RefundWorker worker, AuditLog audit, TransactionalOperator tx,
                         Clock clock) {
        this.charges = charges;
        this.store = store;
        this.worker = worker;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    /** Full refund of a cancelled ticket's Pix; runs inside the event's transaction. Empty when nothing to refund. */
    @Override
    public Mono<String> requestForCancellation(String tenant, UUID ticketId, String cancelledBy) {
        return requestFull(tenant, ticketId, "Senha cancelada", cancelledBy, "ticket.cancelled");
    }

    /**
     * Full refund of a Pix that paid a ticket which had already expired (ticket-service's safety
     * sweep expired it while the charge was still payable): the customer paid and got no ticket.
     * Runs inside the event's transaction. Empty when nothing was paid.
     */
    @Override
    public Mono<String> requestForExpiry(String tenant, UUID ticketId) {
        return requestFull(tenant, ticketId, "Senha expirada antes da confirmação do pagamento", "payment-service", "ticket.expired");
    }

    /**
     * What is left of a ticket's confirmed Pix, as one refund whose id is fixed per charge (a
     * ticket ends once, cancelled or expired, so a redelivered event finds the same row).
     */
    private Mono<String> requestFull(String tenant, UUID ticketId, String reason, String by, String why) {
        return charges.byTicket(tenant, ticketId)
                .filter(c -> c.status() == ChargeStatus.CONFIRMED && c.endToEndId() != null)
                .flatMap(c -> charges.lock(c.id()))
                // the id is fixed per charge: a refund the bank refused (NAO_REALIZADO) is not asked again
                .flatMap(c -> remaining(c).flatMap(left -> left <= 0 ? Mono.<String>empty()
                        : insert(Txid.refundIdForCancellation(c.id()), c, left, reason, by)
                        .filter(Boolean::booleanValue)
                        .flatMap(inserted -> audit.record(tenant, by, "payment.refund_requested", "payment", c.id().toString(),
                                Map.of("refundId", Txid.refundIdForCancellation(c.id()), "amountCents", left,
                                        "reason", why))
                                .thenReturn(Txid.refundIdForCancellation(c.id())))));
    }

    /**
     * A manager's refund of a Pix payment; {@code amountCents} null refunds what is left. Once the
     * row is committed the worker is woken, so the PSP is asked without waiting for the next pass.
     */
    public Mono<Refund> request(Caller manager, UUID paymentId, Long amountCents, String reason) {
        String id = "M" + UUID.randomUUID().toString().replace("-", "");
        Mono<Refund> work = charges.byId(manager.tenant(), paymentId)
                .switchIfEmpty(Mono.error(PaymentProblems::paymentNotFound))
                .flatMap(c -> charges.lock(c.id()))
                .flatMap(c -> {
                    if (c.status() != ChargeStatus.CONFIRMED || c.endToEndId() == null) {
                        return Mono.error(PaymentProblems.refundNotAllowed(
                                "Só pagamentos Pix confirmados podem ser devolvidos por aqui."));
                    }
                    return remaining(c).flatMap(left -> {
                        long amount = amountCents == null ? left : amountCents;
                        if (amount <= 0 || amount > left) {
                            return Mono.error(PaymentProblems.refundNotAllowed(
                                    "O valor da devolução excede o que resta do pagamento (" + left + " centavos)."));
                        }
                        return insert(id, c, amount, reason, manager.subject())
                                .then(audit.record(manager, "payment.refund_requested", "payment", c.id().toString(),
                                        Map.of("refundId", id, "amountCents", amount, "reason", reason == null ? "" : reason)))
                                .thenReturn(new Refund(id, c.id(), amount, "REQUESTED"));
                    });
                });
        return tx.transactional(work).doOnNext(r -> worker.wake());
    }

    /** Paid minus every refund not refused. */
    private Mono<Long> remaining(Charge c) {
        return store.notRefusedCents(c.id()).map(refunded -> (c.paidCents() == null ? c.amountCents() : c.paidCents()) - refunded);
    }

    private Mono<Boolean> insert(String id, Charge c, long amount, String reason, String by) {
        return store.insertRequested(id, c.id(), c.tenant(), c.endToEndId(), amount, reason, by, clock.instant());
    }

    @Override
    public Flux<Refund> ofPayment(String tenant, UUID paymentId) {
        return store.ofCharge(tenant, paymentId);
    }
}
