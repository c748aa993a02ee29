package br.com.totem.payment.refund;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.RefundStatus;
import br.com.totem.payment.charge.ConfirmationService;
import br.com.totem.payment.charge.PaymentProblems;
import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.domain.Txid;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.security.Caller;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Devoluções. A refund is first a row (REQUESTED), written under a lock on the charge after
 * checking that all refunds not refused add up to at most what was paid; then the worker asks
 * the PSP ({@code PUT /pix/{e2e}/devolucao/{id}}, idempotent by our id) and follows it to
 * DEVOLVIDO or NAO_REALIZADO, by webhook or by polling, and emits payment.refunded once.
 */
@Service
public class RefundService {

    private static final Logger log = LoggerFactory.getLogger(RefundService.class);
    private static final Duration POLL_EVERY = Duration.ofSeconds(2);

    public record Refund(String id, UUID paymentId, long amountCents, String status) {
    }

    private final DatabaseClient db;
    private final ChargeStore charges;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;

    public RefundService(DatabaseClient db, ChargeStore charges, TenantSettingsStore settings, PixProvider pix, Outbox outbox,
                         AuditLog audit, TransactionalOperator tx) {
        this.db = db;
        this.charges = charges;
        this.settings = settings;
        this.pix = pix;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
    }

    /** Full refund of a cancelled ticket's Pix; runs inside the event's transaction. Empty when nothing to refund. */
    public Mono<String> requestForCancellation(String tenant, UUID ticketId, String cancelledBy) {
        return requestFull(tenant, ticketId, "Senha cancelada", cancelledBy, "ticket.cancelled");
    }

    /**
     * Full refund of a Pix that paid a ticket which had already expired (ticket-service's safety
     * sweep expired it while the charge was still payable): the customer paid and got no ticket.
     * Runs inside the event's transaction. Empty when nothing was paid.
     */
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

    /** A manager's refund of a Pix payment; {@code amountCents} null refunds what is left. */
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
        return tx.transactional(work).doOnNext(r -> processOpen().subscribe());
    }

    /** Paid minus every refund not refused. */
    private Mono<Long> remaining(Charge c) {
        return db.sql("select coalesce(sum(amount_cents), 0) as s from refunds where charge_id = :c and status <> 'NAO_REALIZADO'")
                .bind("c", c.id()).map(r -> r.get("s", Number.class).longValue()).one()
                .map(refunded -> (c.paidCents() == null ? c.amountCents() : c.paidCents()) - refunded);
    }

    /** True when the row is new; false when a refund with this id already exists (then nothing is written). */
    private Mono<Boolean> insert(String id, Charge c, long amount, String reason, String by) {
        var spec = db.sql("""
                        insert into refunds (id, charge_id, tenant_id, end_to_end_id, amount_cents, status, reason, requested_by)
                        values (:id, :charge, :tenant, :e2e, :amount, 'REQUESTED', :reason, :by) on conflict (id) do nothing""")
                .bind("id", id).bind("charge", c.id()).bind("tenant", c.tenant()).bind("e2e", c.endToEndId())
                .bind("amount", amount).bind("by", by);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    record Open(String id, UUID chargeId, String tenant, String e2e, long amount, String status) {
    }

    /** Drives every open refund one step: request it at the PSP, or poll its status. */
    public Mono<Void> processOpen() {
        return db.sql("""
                        select id, charge_id, tenant_id, end_to_end_id, amount_cents, status from refunds
                        where status in ('REQUESTED', 'EM_PROCESSAMENTO') and next_check_at <= now() order by created_at limit 50""")
                .map(r -> new Open(r.get("id", String.class), r.get("charge_id", UUID.class), r.get("tenant_id", String.class),
                        r.get("end_to_end_id", String.class), r.get("amount_cents", Long.class), r.get("status", String.class)))
                .all()
                .concatMap(this::step)
                .then();
    }

    private Mono<Void> step(Open o) {
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
        return db.sql("update refunds set attempts = attempts + 1, next_check_at = :next, updated_at = now() where id = :id")
                .bind("id", id).bind("next", OffsetDateTime.now().plus(POLL_EVERY)).then();
    }

    /** Records what the PSP says of a refund; a final status emits payment.refunded exactly once. */
    public Mono<Void> apply(String id, String status, String rtrId, String reason) {
        if (status == null) {
            return later(id);
        }
        boolean fin = "DEVOLVIDO".equals(status) || "NAO_REALIZADO".equals(status);
        if (!fin) {
            var spec = db.sql("""
                            update refunds set status = 'EM_PROCESSAMENTO', rtr_id = coalesce(:rtr, rtr_id), next_check_at = :next,
                                   updated_at = now() where id = :id and status in ('REQUESTED', 'EM_PROCESSAMENTO')""")
                    .bind("id", id).bind("next", OffsetDateTime.now().plus(POLL_EVERY));
            spec = rtrId == null ? spec.bindNull("rtr", String.class) : spec.bind("rtr", rtrId);
            return spec.then();
        }
        var spec = db.sql("""
                        update refunds set status = :status, rtr_id = coalesce(:rtr, rtr_id), reason = coalesce(:reason, reason),
                               finished_at = now(), updated_at = now()
                        where id = :id and status in ('REQUESTED', 'EM_PROCESSAMENTO')
                        returning charge_id, tenant_id, amount_cents""")
                .bind("id", id).bind("status", status);
        spec = rtrId == null ? spec.bindNull("rtr", String.class) : spec.bind("rtr", rtrId);
        spec = reason == null ? spec.bindNull("reason", String.class) : spec.bind("reason", reason);
        Mono<Void> work = spec.map(r -> new Object[] {r.get("charge_id", UUID.class), r.get("tenant_id", String.class),
                        r.get("amount_cents", Long.class)}).one()
                .flatMap(row -> db.sql("select ticket_id from charges where id = :id").bind("id", row[0])
                        .map(r -> r.get("ticket_id", UUID.class)).one()
                        .flatMap(ticketId -> outbox.append(EventEnvelope.of(ConfirmationService.SOURCE, (String) row[1],
                                row[0].toString(), new PaymentRefunded((UUID) row[0], ticketId, id, (Long) row[2],
                                        RefundStatus.valueOf(status), Instant.now())))))
                .doOnSuccess(v -> log.info("refund {} finished: {}", id, status));
        return tx.transactional(work);
    }

    public Flux<Refund> ofPayment(String tenant, UUID paymentId) {
        return db.sql("select id, charge_id, amount_cents, status from refunds where tenant_id = :t and charge_id = :c order by created_at")
                .bind("t", tenant).bind("c", paymentId)
                .map(r -> new Refund(r.get("id", String.class), r.get("charge_id", UUID.class), r.get("amount_cents", Long.class),
                        r.get("status", String.class)))
                .all();
    }
}
