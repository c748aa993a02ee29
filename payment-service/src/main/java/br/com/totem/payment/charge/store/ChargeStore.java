package br.com.totem.payment.charge.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.platform.data.Binds;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** SQL for {@code charges}; state changes are guarded by the expected status, so racing writers cannot both win. */
@Component
public class ChargeStore {

    static final String COLUMNS = "id, tenant_id, ticket_id, txid, provider, method, amount_cents, status, pix_copia_e_cola, "
            + "location, expires_at, end_to_end_id, paid_cents, flag, created_at, confirmed_at";

    private final DatabaseClient db;
    private final Clock clock;

    public ChargeStore(DatabaseClient db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /**
     * Inserts a CREATING charge claimed by the caller; false when the ticket already has a
     * charge (the unique constraint on ticket_id decides, not a read before the write).
     */
    public Mono<Boolean> insertClaimed(UUID id, String tenant, UUID ticketId, String txid, long amountCents, Instant expiresAt) {
        return db.sql("""
                        insert into charges (id, tenant_id, ticket_id, txid, provider, method, amount_cents, status, expires_at, claimed_at)
                        values (:id, :tenant, :ticket, :txid, 'BACEN_PIX', 'PIX', :amount, 'CREATING', :expires, now())
                        on conflict (ticket_id) do nothing""")
                .bind("id", id).bind("tenant", tenant).bind("ticket", ticketId).bind("txid", txid)
                .bind("amount", amountCents).bind("expires", utc(expiresAt))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** Takes over a CREATING charge nobody is working on (released, or its claimant died). */
    public Mono<Boolean> tryClaim(UUID id, Duration staleAfter) {
        return db.sql("""
                        update charges set claimed_at = now(), updated_at = now()
                        where id = :id and status = 'CREATING' and (claimed_at is null or claimed_at < :stale)""")
                .bind("id", id).bind("stale", utc(clock.instant().minus(staleAfter)))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> release(UUID id) {
        return db.sql("update charges set claimed_at = null, updated_at = now() where id = :id and status = 'CREATING'")
                .bind("id", id).then();
    }

    public Mono<Boolean> activate(UUID id, String location, String pixCopiaECola, Instant expiresAt) {
        return db.sql("""
                        update charges set status = 'ACTIVE', location = :location, pix_copia_e_cola = :brcode,
                               expires_at = :expires, claimed_at = null, updated_at = now()
                        where id = :id and status = 'CREATING'""")
                .bind("id", id).bind("location", location == null ? "" : location).bind("brcode", pixCopiaECola)
                .bind("expires", utc(expiresAt))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Boolean> confirm(UUID id, String method, String endToEndId, long paidCents, Instant at) {
        var spec = db.sql("""
                        update charges set status = 'CONFIRMED', method = :method, end_to_end_id = :e2e, paid_cents = :paid,
                               confirmed_at = :at, updated_at = now(), provider = case when :method = 'PIX' then provider else 'MANUAL' end
                        where id = :id and status in ('CREATING', 'ACTIVE')""")
                .bind("id", id).bind("method", method).bind("paid", paidCents).bind("at", utc(at));
        spec = Binds.nullable(spec, "e2e", endToEndId, String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Boolean> flag(UUID id, String flag, Long paidCents) {
        var spec = db.sql("""
                        update charges set status = 'FLAGGED', flag = :flag, paid_cents = :paid, updated_at = now()
                        where id = :id and status in ('CREATING', 'ACTIVE', 'EXPIRED', 'CANCELLED')""")
                .bind("id", id).bind("flag", flag);
        spec = Binds.nullable(spec, "paid", paidCents, Long.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Boolean> expire(UUID id) {
        return db.sql("update charges set status = 'EXPIRED', psp_removed = true, updated_at = now() where id = :id and status in ('CREATING', 'ACTIVE')")
                .bind("id", id).fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> cancelOpen(UUID ticketId) {
        return db.sql("update charges set status = 'CANCELLED', updated_at = now() where ticket_id = :t and status in ('CREATING', 'ACTIVE')")
                .bind("t", ticketId).then();
    }

    public Mono<Void> markRemoved(UUID id) {
        return db.sql("update charges set psp_removed = true, updated_at = now() where id = :id").bind("id", id).then();
    }

    public Mono<Charge> byTicket(String tenant, UUID ticketId) {
        return db.sql("select " + COLUMNS + " from charges where ticket_id = :t and tenant_id = :tenant")
                .bind("t", ticketId).bind("tenant", tenant).map(ChargeStore::read).one();
    }

    public Mono<Charge> byId(String tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from charges where id = :id and tenant_id = :tenant")
                .bind("id", id).bind("tenant", tenant).map(ChargeStore::read).one();
    }

    /** Locks the charge row until the transaction ends (refund amounts are checked under it). */
    public Mono<Charge> lock(UUID id) {
        return db.sql("select " + COLUMNS + " from charges where id = :id for update").bind("id", id).map(ChargeStore::read).one();
    }

    public Mono<Charge> byTxid(String txid) {
        return db.sql("select " + COLUMNS + " from charges where txid = :txid").bind("txid", txid).map(ChargeStore::read).one();
    }

    /** Open charges created before {@code olderThan}: candidates for polling and expiry. */
    public Flux<Charge> openCreatedBefore(Instant olderThan, int limit) {
        return db.sql("select " + COLUMNS + " from charges where status in ('CREATING', 'ACTIVE') and created_at < :before "
                        + "order by created_at limit :limit")
                .bind("before", utc(olderThan)).bind("limit", limit).map(ChargeStore::read).all();
    }

    /**
     * Per tenant: how many charges are open (CREATING, ACTIVE), the oldest open one's age, how many are still
     * open {@code grace} after their expiry (the reconciliation should have closed them), how many are FLAGGED,
     * and how many were ever CONFIRMED with their paid total (monotonic: refunds are rows of their own). One pass
     * over {@code charges}, read by the payment gauges every 15 s.
     */
    public Flux<OpenSummary> openSummary(Duration grace) {
        OffsetDateTime now = utc(clock.instant());
        return db.sql("""
                        select tenant_id,
                               count(*) filter (where status in ('CREATING', 'ACTIVE')) as open,
                               coalesce(extract(epoch from (:now - min(created_at) filter (where status in ('CREATING', 'ACTIVE')))), 0)::float8 as oldest,
                               count(*) filter (where status in ('CREATING', 'ACTIVE') and expires_at < :overdue) as overdue,
                               count(*) filter (where status = 'FLAGGED') as flagged,
                               count(*) filter (where status = 'CONFIRMED') as confirmed,
                               coalesce(sum(paid_cents) filter (where status = 'CONFIRMED'), 0)::bigint as confirmed_cents
                        from charges
                        group by tenant_id""")
                .bind("now", now).bind("overdue", now.minus(grace))
                .map(row -> new OpenSummary(row.get("tenant_id", String.class), row.get("open", Long.class),
                        row.get("oldest", Double.class), row.get("overdue", Long.class), row.get("flagged", Long.class),
                        row.get("confirmed", Long.class), row.get("confirmed_cents", Long.class)))
                .all();
    }

    /** One tenant's line of {@link #openSummary}. */
    public record OpenSummary(String tenant, long open, double oldestOpenSeconds, long overdue, long flagged,
                              long confirmed, long confirmedCents) {
    }

    public Flux<Charge> cancelledNotRemoved(int limit) {
        return db.sql("select " + COLUMNS + " from charges where status = 'CANCELLED' and not psp_removed and txid is not null "
                        + "and provider = 'BACEN_PIX' order by updated_at limit :limit")
                .bind("limit", limit).map(ChargeStore::read).all();
    }

    public Flux<Charge> createdBetween(String tenant, Instant from, Instant to) {
        return db.sql("select " + COLUMNS + " from charges where tenant_id = :t and created_at >= :from and created_at < :to")
                .bind("t", tenant).bind("from", utc(from)).bind("to", utc(to)).map(ChargeStore::read).all();
    }

    /** Inserts a charge paid at the counter (no Pix charge existed). */
    public Mono<Boolean> insertManual(UUID id, String tenant, UUID ticketId, String method, long amountCents, Instant at) {
        return db.sql("""
                        insert into charges (id, tenant_id, ticket_id, provider, method, amount_cents, status, expires_at, paid_cents, confirmed_at)
                        values (:id, :tenant, :ticket, 'MANUAL', :method, :amount, 'CONFIRMED', :at, :amount, :at)
                        on conflict (ticket_id) do nothing""")
                .bind("id", id).bind("tenant", tenant).bind("ticket", ticketId).bind("method", method)
                .bind("amount", amountCents).bind("at", utc(at))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    static Charge read(Readable r) {
        return new Charge(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("ticket_id", UUID.class),
                r.get("txid", String.class), r.get("provider", String.class), r.get("method", String.class),
                r.get("amount_cents", Long.class), ChargeStatus.valueOf(r.get("status", String.class)),
                r.get("pix_copia_e_cola", String.class), r.get("location", String.class),
                instant(r.get("expires_at", OffsetDateTime.class)), r.get("end_to_end_id", String.class),
                r.get("paid_cents", Long.class), r.get("flag", String.class),
                instant(r.get("created_at", OffsetDateTime.class)), instant(r.get("confirmed_at", OffsetDateTime.class)));
    }

    static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }

    static Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
