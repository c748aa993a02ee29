package br.com.totem.report.facts.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import reactor.core.publisher.Mono;

/**
 * The read model's writes. Each is an upsert whose outcome does not depend on the order events
 * arrive in: times keep the earliest ({@code least}) or latest ({@code greatest}) value, ids are
 * set once ({@code coalesce}), and rows keyed by the event's own id are inserted once.
 */
@Repository
public class FactStore {

    private final DatabaseClient db;

    FactStore(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Remembers the tenant; a zone, when given, replaces the one known. Nothing is written (and no row
     * locked) when the row already says so: nearly every event names its tenant, and events fold in
     * parallel, so an upsert per event would queue them all on this one row.
     */
    public Mono<Void> tenant(String tenant, String zone) {
        return Binds.nullable(db.sql("""
                        insert into tenants (tenant_id, time_zone)
                        select :tenant, cast(:zone as text)
                        where not exists (select 1 from tenants where tenant_id = :tenant
                                          and (cast(:zone as text) is null or time_zone = cast(:zone as text)))
                        on conflict (tenant_id) do update set time_zone = coalesce(excluded.time_zone, tenants.time_zone)"""),
                        "zone", zone, String.class)
                .bind("tenant", tenant).then();
    }

    /** The name of a service (the latest seen wins); written only when new or renamed (see {@link #tenant}). */
    public Mono<Void> service(String tenant, UUID service, String name) {
        return db.sql("""
                        insert into services (tenant_id, service_id, name)
                        select :tenant, :service, :name
                        where not exists (select 1 from services where tenant_id = :tenant and service_id = :service
                                          and name = :name)
                        on conflict (tenant_id, service_id) do update set name = excluded.name""")
                .bind("tenant", tenant).bind("service", service).bind("name", name).then();
    }

    public Mono<Void> created(String tenant, UUID ticket, UUID service, String serviceName, long priceCents, Instant at) {
        return service(tenant, service, serviceName).then(ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, service_id, service_name, price_cents, created_at)
                values (:tenant, :ticket, :service, :name, :price, :at)
                on conflict (tenant_id, ticket_id) do update set
                    service_id = coalesce(ticket_facts.service_id, excluded.service_id),
                    service_name = coalesce(ticket_facts.service_name, excluded.service_name),
                    price_cents = coalesce(ticket_facts.price_cents, excluded.price_cents),
                    created_at = least(ticket_facts.created_at, excluded.created_at)""")
                .bind("service", service).bind("name", serviceName).bind("price", priceCents)
                .bind("at", at).then());
    }

    public Mono<Void> paid(String tenant, UUID ticket, UUID service, String serviceName, long amountCents, Instant at) {
        return service(tenant, service, serviceName).then(ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, service_id, service_name, paid_cents, paid_at)
                values (:tenant, :ticket, :service, :name, :amount, :at)
                on conflict (tenant_id, ticket_id) do update set
                    service_id = coalesce(ticket_facts.service_id, excluded.service_id),
                    service_name = coalesce(ticket_facts.service_name, excluded.service_name),
                    paid_cents = coalesce(ticket_facts.paid_cents, excluded.paid_cents),
                    paid_at = least(ticket_facts.paid_at, excluded.paid_at)""")
                .bind("service", service).bind("name", serviceName).bind("amount", amountCents)
                .bind("at", at).then());
    }

    /** A call (or recall): the first call times the wait; the latest decides the line, station and operator. */
    public Mono<Void> called(String tenant, UUID ticket, UUID service, UUID station, String stationName, UUID operator,
                             Instant at) {
        Mono<Void> facts = ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, first_called_at, last_called_at, call_service_id,
                                          station_id, operator_id)
                values (:tenant, :ticket, :at, :at, :service, :station, :operator)
                on conflict (tenant_id, ticket_id) do update set
                    first_called_at = least(ticket_facts.first_called_at, excluded.first_called_at),
                    call_service_id = case when ticket_facts.last_called_at is null
                        or excluded.last_called_at >= ticket_facts.last_called_at
                        then excluded.call_service_id else ticket_facts.call_service_id end,
                    station_id = case when ticket_facts.last_called_at is null
                        or excluded.last_called_at >= ticket_facts.last_called_at
                        then excluded.station_id else ticket_facts.station_id end,
                    operator_id = case when ticket_facts.last_called_at is null
                        or excluded.last_called_at >= ticket_facts.last_called_at
                        then excluded.operator_id else ticket_facts.operator_id end,
                    last_called_at = greatest(ticket_facts.last_called_at, excluded.last_called_at)""")
                .bind("service", service).bind("station", station).bind("operator", operator).bind("at", at).then();
        Mono<Void> stationRow = db.sql("""
                        insert into stations (tenant_id, station_id, name)
                        select :tenant, :station, :name
                        where not exists (select 1 from stations where tenant_id = :tenant and station_id = :station
                                          and name = :name)
                        on conflict (tenant_id, station_id) do update set name = excluded.name""")
                .bind("tenant", tenant).bind("station", station).bind("name", stationName).then();
        return facts.then(stationRow);
    }

    public Mono<Void> started(String tenant, UUID ticket, UUID station, UUID operator, Instant at) {
        return ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, started_at, station_id, operator_id)
                values (:tenant, :ticket, :at, :station, :operator)
                on conflict (tenant_id, ticket_id) do update set
                    started_at = least(ticket_facts.started_at, excluded.started_at),
                    station_id = coalesce(ticket_facts.station_id, excluded.station_id),
                    operator_id = coalesce(ticket_facts.operator_id, excluded.operator_id)""")
                .bind("station", station).bind("operator", operator).bind("at", at).then();
    }

    public Mono<Void> completed(String tenant, UUID ticket, long serviceSeconds, Instant at) {
        return ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, completed_at, service_seconds)
                values (:tenant, :ticket, :at, :seconds)
                on conflict (tenant_id, ticket_id) do update set
                    completed_at = least(ticket_facts.completed_at, excluded.completed_at),
                    service_seconds = coalesce(ticket_facts.service_seconds, excluded.service_seconds)""")
                .bind("seconds", serviceSeconds).bind("at", at).then();
    }

    public Mono<Void> noShow(String tenant, UUID ticket, Instant at) {
        return mark(tenant, ticket, "no_show_at", at);
    }

    public Mono<Void> cancelled(String tenant, UUID ticket, Instant at) {
        return mark(tenant, ticket, "cancelled_at", at);
    }

    public Mono<Void> expired(String tenant, UUID ticket, Instant at) {
        return mark(tenant, ticket, "expired_at", at);
    }

    public Mono<Void> transferred(String tenant, UUID ticket, UUID from, UUID to, Instant at) {
        Mono<Void> row = db.sql("""
                        insert into ticket_transfers (tenant_id, ticket_id, transferred_at, from_service_id, to_service_id)
                        values (:tenant, :ticket, :at, :from, :to) on conflict do nothing""")
                .bind("tenant", tenant).bind("ticket", ticket).bind("at", at).bind("from", from).bind("to", to).then();
        Mono<Void> facts = ticket(tenant, ticket, """
                insert into ticket_facts (tenant_id, ticket_id, last_transferred_at) values (:tenant, :ticket, :at)
                on conflict (tenant_id, ticket_id) do update set
                    last_transferred_at = greatest(ticket_facts.last_transferred_at, excluded.last_transferred_at)""")
                .bind("at", at).then();
        return row.then(facts);
    }

    public Mono<Void> payment(String tenant, UUID payment, UUID ticket, long amountCents, String method, Instant at) {
        return db.sql("""
                        insert into payments (tenant_id, payment_id, ticket_id, amount_cents, method, confirmed_at)
                        values (:tenant, :payment, :ticket, :amount, :method, :at) on conflict do nothing""")
                .bind("tenant", tenant).bind("payment", payment).bind("ticket", ticket).bind("amount", amountCents)
                .bind("method", method).bind("at", at).then();
    }

    public Mono<Void> refund(String tenant, String refund, UUID payment, UUID ticket, long amountCents, String status,
                             Instant at) {
        return db.sql("""
                        insert into refunds (tenant_id, refund_id, payment_id, ticket_id, amount_cents, status, refunded_at)
                        values (:tenant, :refund, :payment, :ticket, :amount, :status, :at) on conflict do nothing""")
                .bind("tenant", tenant).bind("refund", refund).bind("payment", payment).bind("ticket", ticket)
                .bind("amount", amountCents).bind("status", status).bind("at", at).then();
    }

    public Mono<Void> print(String tenant, UUID job, UUID ticket, boolean printed, boolean pdfFallback, String reason,
                            Instant at) {
        return Binds.nullable(db.sql("""
                        insert into print_outcomes (tenant_id, job_id, ticket_id, printed, pdf_fallback, reason, at)
                        values (:tenant, :job, :ticket, :printed, :pdf, :reason, :at) on conflict do nothing"""),
                        "reason", reason, String.class)
                .bind("tenant", tenant).bind("job", job).bind("ticket", ticket).bind("printed", printed)
                .bind("pdf", pdfFallback).bind("at", at).then();
    }

    /** A ticket's wait, paid → first call, under the service sold. */
    public record Wait(String serviceName, Instant paidAt, Instant firstCalledAt) {
    }

    /**
     * The ticket's wait, the first time both its ends are known, once: the row is marked in the same
     * statement, so of two events folding in parallel (ticket.paid and ticket.called of one ticket) only
     * the one that commits second finds both ends, and a replay finds the mark. Empty otherwise.
     */
    public Mono<Wait> firstKnownWait(String tenant, UUID ticket) {
        return ticket(tenant, ticket, """
                update ticket_facts set wait_recorded = true
                where tenant_id = :tenant and ticket_id = :ticket and not wait_recorded
                  and paid_at is not null and first_called_at is not null
                returning service_name, paid_at, first_called_at""")
                .map(row -> new Wait(row.get("service_name", String.class),
                        row.get("paid_at", java.time.OffsetDateTime.class).toInstant(),
                        row.get("first_called_at", java.time.OffsetDateTime.class).toInstant()))
                .one();
    }

    /** Keeps the folded event for a rebuild; false when it was logged before. */
    public Mono<Boolean> log(UUID eventId, String tenant, String type, Instant time, String subject, String envelope) {
        return db.sql("""
                        insert into event_log (event_id, tenant_id, type, time, subject, envelope)
                        values (:id, :tenant, :type, :time, :subject, :envelope) on conflict do nothing""")
                .bind("id", eventId).bind("tenant", tenant).bind("type", type).bind("time", time)
                .bind("subject", subject).bind("envelope", envelope).fetch().rowsUpdated().map(n -> n == 1);
    }

    /**
     * The customer of these tickets was anonymised: the logged events about them that carry a
     * display name ({@code ticket.created}, {@code ticket.paid}) carry the new one; how many changed.
     */
    public Mono<Long> renameInLog(String tenant, java.util.Collection<UUID> ticketIds, String displayName) {
        if (ticketIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        update event_log
                        set envelope = jsonb_set(envelope::jsonb, '{data,displayName}', to_jsonb(cast(:name as text)))::text
                        where tenant_id = :tenant and subject = any(:ids)
                          and envelope::jsonb -> 'data' -> 'displayName' is not null""")
                .bind("name", displayName).bind("tenant", tenant)
                .bind("ids", ticketIds.stream().map(UUID::toString).toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    /** Empties the tenant's read model (not its event log) before a rebuild. */
    public Mono<Void> clear(String tenant) {
        return reactor.core.publisher.Flux.just("ticket_facts", "ticket_transfers", "services", "stations", "payments",
                        "refunds", "print_outcomes")
                .concatMap(table -> db.sql("delete from " + table + " where tenant_id = :tenant").bind("tenant", tenant).then())
                .then();
    }

    private Mono<Void> mark(String tenant, UUID ticket, String column, Instant at) {
        return ticket(tenant, ticket, "insert into ticket_facts (tenant_id, ticket_id, " + column + ") values (:tenant, :ticket, :at)"
                + " on conflict (tenant_id, ticket_id) do update set " + column + " = least(ticket_facts." + column
                + ", excluded." + column + ")").bind("at", at).then();
    }

    private GenericExecuteSpec ticket(String tenant, UUID ticket, String sql) {
        return db.sql(sql).bind("tenant", tenant).bind("ticket", ticket);
    }
}
