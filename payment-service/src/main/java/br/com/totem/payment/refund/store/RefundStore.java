package br.com.totem.payment.refund.store;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.Refunds.Refund;
import br.com.totem.platform.data.Binds;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The {@code refunds} table: every statement the refund feature runs. */
@Component
public class RefundStore {

    /** A refund still to be asked of the PSP ({@code REQUESTED}) or followed ({@code EM_PROCESSAMENTO}). */
    public record Open(String id, UUID chargeId, String tenant, String e2e, long amount, String status) {
    }

    /** A refund that just reached its final status. */
    public record Finished(UUID chargeId, String tenant, long amountCents) {
    }

    private final DatabaseClient db;

    public RefundStore(DatabaseClient db) {
        this.db = db;
    }

    /** What a charge's refunds not refused add up to. */
    public Mono<Long> notRefusedCents(UUID chargeId) {
        return db.sql("select coalesce(sum(amount_cents), 0) as s from refunds where charge_id = :c and status <> 'NAO_REALIZADO'")
                .bind("c", chargeId).map(r -> r.get("s", Number.class).longValue()).one();
    }

    /** Due at once ({@code now}). True when the row is new; false when a refund with this id already exists (then nothing is written). */
    public Mono<Boolean> insertRequested(String id, UUID chargeId, String tenant, String endToEndId, long amountCents,
                                         String reason, String by, Instant now) {
        var spec = db.sql("""
                        insert into refunds (id, charge_id, tenant_id, end_to_end_id, amount_cents, status, reason, requested_by,
                                             next_check_at)
                        values (:id, :charge, :tenant, :e2e, :amount, 'REQUESTED', :reason, :by, :now) on conflict (id) do nothing""")
                .bind("id", id).bind("charge", chargeId).bind("tenant", tenant).bind("e2e", endToEndId)
                .bind("amount", amountCents).bind("by", by).bind("now", utc(now));
        spec = Binds.nullable(spec, "reason", reason, String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Open refunds due for a step at {@code now}, oldest first. */
    public Flux<Open> due(Instant now, int limit) {
        return db.sql("""
                        select id, charge_id, tenant_id, end_to_end_id, amount_cents, status from refunds
                        where status in ('REQUESTED', 'EM_PROCESSAMENTO') and next_check_at <= :now order by created_at limit :limit""")
                .bind("now", utc(now)).bind("limit", limit)
                .map(r -> new Open(r.get("id", String.class), r.get("charge_id", UUID.class), r.get("tenant_id", String.class),
                        r.get("end_to_end_id", String.class), r.get("amount_cents", Long.class), r.get("status", String.class)))
                .all();
    }

    /** Not advanced this time: counted, and looked at again at {@code next}. */
    public Mono<Void> later(String id, Instant next) {
        return db.sql("update refunds set attempts = attempts + 1, next_check_at = :next, updated_at = now() where id = :id")
                .bind("id", id).bind("next", utc(next)).then();
    }

    /** The PSP took the refund and has not finished it. */
    public Mono<Void> processing(String id, String rtrId, Instant next) {
        var spec = db.sql("""
                        update refunds set status = 'EM_PROCESSAMENTO', rtr_id = coalesce(:rtr, rtr_id), next_check_at = :next,
                               updated_at = now() where id = :id and status in ('REQUESTED', 'EM_PROCESSAMENTO')""")
                .bind("id", id).bind("next", utc(next));
        spec = Binds.nullable(spec, "rtr", rtrId, String.class);
        return spec.then();
    }

    /** Final status, once: empty when the refund had already finished. */
    public Mono<Finished> finish(String id, String status, String rtrId, String reason) {
        var spec = db.sql("""
                        update refunds set status = :status, rtr_id = coalesce(:rtr, rtr_id), reason = coalesce(:reason, reason),
                               finished_at = now(), updated_at = now()
                        where id = :id and status in ('REQUESTED', 'EM_PROCESSAMENTO')
                        returning charge_id, tenant_id, amount_cents""")
                .bind("id", id).bind("status", status);
        spec = Binds.nullable(spec, "rtr", rtrId, String.class);
        spec = Binds.nullable(spec, "reason", reason, String.class);
        return spec.map(r -> new Finished(r.get("charge_id", UUID.class), r.get("tenant_id", String.class),
                r.get("amount_cents", Long.class))).one();
    }

    public Flux<Refund> ofCharge(String tenant, UUID chargeId) {
        return db.sql("select id, charge_id, amount_cents, status from refunds where tenant_id = :t and charge_id = :c order by created_at")
                .bind("t", tenant).bind("c", chargeId)
                .map(r -> new Refund(r.get("id", String.class), r.get("charge_id", UUID.class), r.get("amount_cents", Long.class),
                        r.get("status", String.class)))
                .all();
    }

    private static java.time.OffsetDateTime utc(Instant at) {
        return at.atOffset(ZoneOffset.UTC);
    }
}
