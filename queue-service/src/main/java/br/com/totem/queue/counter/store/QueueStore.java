package br.com.totem.queue.counter.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.QueueEntry;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class QueueStore {

    static final String COLUMNS = """
            ticket_id, tenant_id, number, service_id, service_name, priority, display_name, status_token, business_date,
            duration_minutes, paid_at, status, station_id, station_name, session_id, operator_id, recall_count, called_at,
            started_at, finished_at""";

    /** A service's line; {@code active} is false once the catalog deactivated the service. */
    public record Lane(UUID serviceId, String name, int durationMinutes, int preferentialRun, boolean active) {
    }

    private static final String LANE_COLUMNS = "service_id, name, duration_minutes, preferential_run, active";

    private final DatabaseClient db;

    public QueueStore(DatabaseClient db) {
        this.db = db;
    }

    /** Learns the service from the event; the lane row is what call-next locks. */
    public Mono<Void> upsertLane(String tenant, UUID serviceId, String name, int durationMinutes) {
        return db.sql("""
                        insert into queue_service (tenant_id, service_id, name, duration_minutes) values (:t, :s, :n, :d)
                        on conflict (tenant_id, service_id) do update set name = excluded.name, duration_minutes = excluded.duration_minutes
                        where queue_service.name <> excluded.name or queue_service.duration_minutes <> excluded.duration_minutes""")
                .bind("t", tenant).bind("s", serviceId).bind("n", name).bind("d", durationMinutes).then();
    }

    /**
     * Learns the service from {@code catalog.service_changed}: creates or replaces the line's name,
     * duration and active flag unless a newer change was already applied. False when it was stale.
     */
    public Mono<Boolean> applyCatalogChange(String tenant, UUID serviceId, String name, int durationMinutes, boolean active,
                                            Instant changedAt) {
        return db.sql("""
                        insert into queue_service (tenant_id, service_id, name, duration_minutes, active, catalog_changed_at)
                        values (:t, :s, :n, :d, :a, :c)
                        on conflict (tenant_id, service_id) do update set name = excluded.name,
                            duration_minutes = excluded.duration_minutes, active = excluded.active,
                            catalog_changed_at = excluded.catalog_changed_at
                        where queue_service.catalog_changed_at is null or queue_service.catalog_changed_at < excluded.catalog_changed_at""")
                .bind("t", tenant).bind("s", serviceId).bind("n", name).bind("d", durationMinutes).bind("a", active)
                .bind("c", changedAt.atOffset(ZoneOffset.UTC))
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    /** Lanes of these services (all when empty), locked in a fixed order so concurrent callers never deadlock. */
    public Flux<Lane> lockLanes(String tenant, List<UUID> serviceIds) {
        String filter = serviceIds.isEmpty() ? "" : " and service_id = any(:ids)";
        var spec = db.sql("select " + LANE_COLUMNS + " from queue_service where tenant_id = :t"
                + filter + " order by service_id for update").bind("t", tenant);
        if (!serviceIds.isEmpty()) {
            spec = spec.bind("ids", serviceIds.toArray(UUID[]::new));
        }
        return spec.map(QueueStore::lane).all();
    }

    public Flux<Lane> lanes(String tenant) {
        return db.sql("select " + LANE_COLUMNS + " from queue_service where tenant_id = :t order by name")
                .bind("t", tenant).map(QueueStore::lane).all();
    }

    public Mono<Lane> lane(String tenant, UUID serviceId) {
        return db.sql("select " + LANE_COLUMNS + " from queue_service where tenant_id = :t and service_id = :s")
                .bind("t", tenant).bind("s", serviceId).map(QueueStore::lane).one();
    }

    public Mono<Void> setRun(String tenant, UUID serviceId, int run) {
        return db.sql("update queue_service set preferential_run = :r where tenant_id = :t and service_id = :s")
                .bind("t", tenant).bind("s", serviceId).bind("r", run).then();
    }

    /** True when inserted; false when the ticket was already queued (a redelivered event). */
    public Mono<Boolean> insert(QueueEntry e) {
        return db.sql("""
                        insert into queue_entry (ticket_id, tenant_id, number, service_id, service_name, priority, display_name,
                            status_token, business_date, duration_minutes, paid_at, status)
                        values (:id, :t, :num, :s, :sn, :p, :dn, :st, :bd, :d, :pa, 'WAITING')
                        on conflict (ticket_id) do nothing""")
                .bind("id", e.ticketId()).bind("t", e.tenant()).bind("num", e.paid().number()).bind("s", e.serviceId())
                .bind("sn", e.line().serviceName()).bind("p", e.paid().preferential() ? "PREFERENTIAL" : "NORMAL")
                .bind("dn", e.paid().displayName()).bind("st", e.paid().statusToken()).bind("bd", e.paid().businessDate())
                .bind("d", e.line().durationMinutes()).bind("pa", at(e.paid().paidAt()))
                .fetch().rowsUpdated().map(n -> n == 1);
    }

    /** The display name of these tickets' entries, whatever their status; how many there were. */
    public Mono<Long> rename(String tenant, Collection<UUID> ticketIds, String displayName) {
        if (ticketIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("update queue_entry set display_name = :dn where tenant_id = :t and ticket_id = any(:ids)")
                .bind("dn", displayName).bind("t", tenant).bind("ids", ticketIds.toArray(UUID[]::new))
                .fetch().rowsUpdated();
    }

    public Flux<QueueEntry> waiting(String tenant, List<UUID> serviceIds) {
        String filter = serviceIds.isEmpty() ? "" : " and service_id = any(:ids)";
        var spec = db.sql("select " + COLUMNS + " from queue_entry where tenant_id = :t and status = 'WAITING'" + filter
                + " order by paid_at, ticket_id").bind("t", tenant);
        if (!serviceIds.isEmpty()) {
            spec = spec.bind("ids", serviceIds.toArray(UUID[]::new));
        }
        return spec.map(QueueStore::entry).all();
    }

    public Flux<QueueEntry> active(String tenant) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = :t and status in ('CALLED', 'IN_SERVICE') order by called_at")
                .bind("t", tenant).map(QueueStore::entry).all();
    }

    public Flux<QueueEntry> recentCalls(String tenant, int limit) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = :t and called_at is not null"
                        + " and status in ('CALLED', 'IN_SERVICE') order by called_at desc limit :l")
                .bind("t", tenant).bind("l", limit).map(QueueStore::entry).all();
    }

    public Mono<QueueEntry> byId(String tenant, UUID ticketId) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = :t and ticket_id = :id")
                .bind("t", tenant).bind("id", ticketId).map(QueueStore::entry).one();
    }

    public Mono<QueueEntry> lockById(String tenant, UUID ticketId) {
        return db.sql("select " + COLUMNS + " from queue_entry where tenant_id = :t and ticket_id = :id for update")
                .bind("t", tenant).bind("id", ticketId).map(QueueStore::entry).one();
    }

    public Mono<QueueEntry> byStatusToken(String token) {
        return db.sql("select " + COLUMNS + " from queue_entry where status_token = :st")
                .bind("st", token).map(QueueStore::entry).one();
    }

    public Mono<QueueEntry> activeOfSession(UUID sessionId) {
        return db.sql("select " + COLUMNS + " from queue_entry where session_id = :s and status in ('CALLED', 'IN_SERVICE') limit 1")
                .bind("s", sessionId).map(QueueStore::entry).one();
    }

    /** Writes the entry's mutable fields; {@code expected} guards against a concurrent change. */
    public Mono<Boolean> update(QueueEntry e, EntryStatus expected, Integer serviceSeconds) {
        var spec = db.sql("""
                        update queue_entry set status = :status, service_id = :s, service_name = :sn, duration_minutes = :d,
                            station_id = :sid, station_name = :sname, session_id = :sess, operator_id = :op, recall_count = :rc,
                            called_at = :ca, started_at = :sa, finished_at = :fa, service_seconds = :secs, updated_at = now()
                        where ticket_id = :id and status = :expected""")
                .bind("id", e.ticketId()).bind("status", e.status().name()).bind("expected", expected.name())
                .bind("s", e.serviceId()).bind("sn", e.line().serviceName()).bind("d", e.line().durationMinutes())
                .bind("rc", e.attendance().recallCount());
        QueueEntry.Attendance a = e.attendance();
        spec = Binds.nullable(spec, "sid", a.stationId(), UUID.class);
        spec = Binds.nullable(spec, "sname", a.stationName(), String.class);
        spec = Binds.nullable(spec, "sess", a.sessionId(), UUID.class);
        spec = Binds.nullable(spec, "op", a.operatorId(), String.class);
        spec = Binds.instant(spec, "ca", a.calledAt());
        spec = Binds.instant(spec, "sa", a.startedAt());
        spec = Binds.instant(spec, "fa", a.finishedAt());
        spec = Binds.nullable(spec, "secs", serviceSeconds, Integer.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    /** How many of the business day's tickets a station has, per status (only statuses present). */
    public Flux<StatusCount> stationDay(String tenant, UUID stationId, LocalDate businessDate) {
        return db.sql("""
                        select status, count(*) as n, coalesce(sum(service_seconds), 0) as secs from queue_entry
                        where tenant_id = :t and station_id = :s and business_date = :d group by status""")
                .bind("t", tenant).bind("s", stationId).bind("d", businessDate)
                .map(r -> new StatusCount(EntryStatus.valueOf(r.get("status", String.class)),
                        r.get("n", Long.class), r.get("secs", Number.class).longValue()))
                .all();
    }

    public record StatusCount(EntryStatus status, long count, long serviceSeconds) {
    }

    /** Mean length of the service's last {@code n} completed sessions, in seconds; empty when none. */
    public Mono<Double> meanServiceSeconds(String tenant, UUID serviceId, int n) {
        return db.sql("""
                        select avg(service_seconds) as mean from (select service_seconds from queue_entry
                        where tenant_id = :t and service_id = :s and status = 'COMPLETED' and service_seconds is not null
                        order by finished_at desc limit :n) recent""")
                .bind("t", tenant).bind("s", serviceId).bind("n", n)
                .map(r -> {
                    Number mean = r.get("mean", java.math.BigDecimal.class);
                    return java.util.Optional.ofNullable(mean).map(Number::doubleValue);
                })
                .one().flatMap(Mono::justOrEmpty);
    }

    private static Lane lane(Readable r) {
        return new Lane(r.get("service_id", UUID.class), r.get("name", String.class), r.get("duration_minutes", Integer.class),
                r.get("preferential_run", Integer.class), Boolean.TRUE.equals(r.get("active", Boolean.class)));
    }

    static QueueEntry entry(Readable r) {
        var paid = new QueueEntry.Paid(r.get("ticket_id", UUID.class), r.get("tenant_id", String.class),
                r.get("number", String.class), "PREFERENTIAL".equals(r.get("priority", String.class)),
                r.get("display_name", String.class), r.get("status_token", String.class),
                r.get("business_date", LocalDate.class), instant(r, "paid_at"));
        var line = new QueueEntry.Line(r.get("service_id", UUID.class), r.get("service_name", String.class),
                r.get("duration_minutes", Integer.class));
        var attendance = new QueueEntry.Attendance(r.get("station_id", UUID.class), r.get("station_name", String.class),
                r.get("session_id", UUID.class), r.get("operator_id", String.class), r.get("recall_count", Integer.class),
                instant(r, "called_at"), instant(r, "started_at"), instant(r, "finished_at"));
        return new QueueEntry(paid, line, EntryStatus.valueOf(r.get("status", String.class)), attendance);
    }

    static Instant instant(Readable r, String column) {
        OffsetDateTime t = r.get(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    static OffsetDateTime at(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
