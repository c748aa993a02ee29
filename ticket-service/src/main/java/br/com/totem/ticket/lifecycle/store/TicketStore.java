package br.com.totem.ticket.lifecycle.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import br.com.totem.contracts.TicketStatus;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tickets. Every query names the tenant: a ticket of another tenant is indistinguishable from none. */
@Repository
public class TicketStore {

    private final DatabaseClient db;

    TicketStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<TicketRecord> find(String tenant, UUID id) {
        return db.sql("select " + TicketRecord.COLUMNS + " from ticket where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id)
                .map(TicketRecord::read).one();
    }

    /**
     * The ticket, locked until the transaction ends: two events about one ticket (a webhook and
     * the reconciliation confirming the same payment) apply one after the other, never both.
     */
    public Mono<TicketRecord> lock(String tenant, UUID id) {
        return db.sql("select " + TicketRecord.COLUMNS + " from ticket where tenant_id = :tenant and id = :id for update")
                .bind("tenant", tenant).bind("id", id)
                .map(TicketRecord::read).one();
    }

    public Flux<TicketRecord> ofCustomer(String tenant, UUID customerId) {
        return db.sql("select " + TicketRecord.COLUMNS + " from ticket where tenant_id = :tenant and customer_id = :customer order by created_at")
                .bind("tenant", tenant).bind("customer", customerId)
                .map(TicketRecord::read).all();
    }

    /** Filters of the staff list; null means "any". {@code from}/{@code to} bound created_at. */
    public record Filter(TicketStatus status, UUID serviceId, Instant from, Instant to) {
    }

    public Flux<TicketRecord> list(String tenant, Filter f, int page, int size) {
        String sql = "select " + TicketRecord.COLUMNS + " from ticket where " + conditions(f)
                + " order by created_at desc, id limit :limit offset :offset";
        GenericExecuteSpec spec = bindFilter(db.sql(sql).bind("tenant", tenant), f)
                .bind("limit", size).bind("offset", (long) page * size);
        return spec.map(TicketRecord::read).all();
    }

    public Mono<Long> count(String tenant, Filter f) {
        String sql = "select count(*) as n from ticket where " + conditions(f);
        return bindFilter(db.sql(sql).bind("tenant", tenant), f).map(r -> r.get("n", Long.class)).one();
    }

    private static String conditions(Filter f) {
        List<String> where = new ArrayList<>();
        where.add("tenant_id = :tenant");
        if (f.status() != null) {
            where.add("status = :status");
        }
        if (f.serviceId() != null) {
            where.add("service_id = :service");
        }
        if (f.from() != null) {
            where.add("created_at >= :from and created_at < :to");
        }
        return String.join(" and ", where);
    }

    private static GenericExecuteSpec bindFilter(GenericExecuteSpec spec, Filter f) {
        if (f.status() != null) {
            spec = spec.bind("status", f.status().name());
        }
        if (f.serviceId() != null) {
            spec = spec.bind("service", f.serviceId());
        }
        if (f.from() != null) {
            spec = spec.bind("from", f.from()).bind("to", f.to());
        }
        return spec;
    }

    /**
     * Where the ticket stands among the paid tickets of its service and business day still
     * waiting: preferential first, then in payment order. 1 = next.
     */
    public Mono<Integer> positionInQueue(TicketRecord t) {
        return db.sql("""
                        select count(*) as ahead from ticket
                        where tenant_id = :tenant and coalesce(line_service_id, service_id) = :service
                          and business_date = :day and status = 'PAID'
                          and (priority = 'PREFERENTIAL' and :priority = 'NORMAL'
                               or priority = :priority and (paid_at, id) < (:paidAt, :id))""")
                .bind("tenant", t.tenant()).bind("service", t.queueServiceId()).bind("day", t.paid().businessDate())
                .bind("priority", t.sale().priority().name()).bind("paidAt", t.paid().at()).bind("id", t.id())
                .map(r -> r.get("ahead", Long.class).intValue() + 1)
                .one();
    }

    /** Back to waiting (PAID), in another service's line; number, paid time and what was sold stay. */
    public Mono<Void> markTransferred(TicketRecord t, UUID serviceId, String serviceName, int durationMinutes, Instant at) {
        return update(t, "status = 'PAID', line_service_id = :line, line_service_name = :lineName, "
                + "line_duration_minutes = :lineMinutes, transferred_at = :at, "
                + "called_at = null, station_id = null, station_name = null, recall_count = null", spec -> spec
                .bind("line", serviceId).bind("lineName", serviceName).bind("lineMinutes", durationMinutes).bind("at", at));
    }

    public Mono<Void> markPaid(TicketRecord t, String number, LocalDate businessDate, int sequence, UUID paymentId,
                               long amountCents, Instant paidAt) {
        return update(t, "status = 'PAID', number = :number, business_date = :day, daily_sequence = :seq, "
                + "payment_id = :payment, amount_paid_cents = :amount, paid_at = :at", spec -> spec
                .bind("number", number).bind("day", businessDate).bind("seq", sequence)
                .bind("payment", paymentId).bind("amount", amountCents).bind("at", paidAt));
    }

    public Mono<Void> markCalled(TicketRecord t, UUID stationId, String stationName, int recallCount, Instant at) {
        return update(t, "status = 'CALLED', called_at = :at, station_id = :station, station_name = :stationName, "
                + "recall_count = :recalls", spec -> spec
                .bind("at", at).bind("station", stationId).bind("stationName", stationName).bind("recalls", recallCount));
    }

    public Mono<Void> markStarted(TicketRecord t, UUID stationId, Instant at) {
        return update(t, "status = 'IN_SERVICE', started_at = :at, station_id = :station",
                spec -> spec.bind("at", at).bind("station", stationId));
    }

    public Mono<Void> markCompleted(TicketRecord t, Instant at) {
        return update(t, "status = 'COMPLETED', completed_at = :at", spec -> spec.bind("at", at));
    }

    public Mono<Void> markNoShow(TicketRecord t, Instant at) {
        return update(t, "status = 'NO_SHOW', no_show_at = :at", spec -> spec.bind("at", at));
    }

    public Mono<Void> markCancelled(TicketRecord t, String by, String reason, Instant at) {
        return update(t, "status = 'CANCELLED', cancelled_at = :at, cancelled_by = :by, cancel_reason = :reason",
                spec -> spec.bind("at", at).bind("by", by).bind("reason", reason));
    }

    public Mono<Void> markExpired(TicketRecord t, Instant at) {
        return update(t, "status = 'EXPIRED', expired_at = :at", spec -> spec.bind("at", at));
    }

    /** Tickets still unpaid that were created before {@code cutoff}, across tenants (the safety expiry). */
    public Flux<TicketRecord> pendingCreatedBefore(Instant cutoff, int limit) {
        return db.sql("select " + TicketRecord.COLUMNS
                        + " from ticket where status = 'PENDING_PAYMENT' and created_at < :cutoff order by created_at limit :limit")
                .bind("cutoff", cutoff).bind("limit", limit)
                .map(TicketRecord::read).all();
    }

    private Mono<Void> update(TicketRecord t, String assignments,
                              UnaryOperator<GenericExecuteSpec> binds) {
        GenericExecuteSpec spec = db.sql("update ticket set " + assignments + ", updated_at = now() "
                + "where tenant_id = :tenant and id = :id and status = :expected");
        spec = binds.apply(spec).bind("tenant", t.tenant()).bind("id", t.id()).bind("expected", t.status().name());
        return spec.fetch().rowsUpdated().flatMap(n -> n == 1 ? Mono.<Void>empty()
                : Mono.error(new IllegalStateException("ticket " + t.id() + " left " + t.status() + " concurrently")));
    }
}
