package br.com.totem.report.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import br.com.totem.report.config.ReportProperties;
import br.com.totem.report.daily.domain.DailyReport;
import br.com.totem.report.daily.domain.Hour;
import br.com.totem.report.daily.domain.MethodRevenue;
import br.com.totem.report.daily.domain.PrintDay;
import br.com.totem.report.daily.domain.Revenue;
import br.com.totem.report.daily.domain.ServiceDay;
import br.com.totem.report.daily.domain.StaffTimes;
import br.com.totem.report.daily.domain.Times;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Mono;

/**
 * Reads a tenant's business day from the read model. A ticket belongs to the day it was created in
 * the tenant's zone (the day it was paid while its ticket.created has not arrived); money to the day
 * it moved. Percentiles are PostgreSQL's {@code percentile_cont}.
 */
@Service
public class DailyReports {

    /** Where a tenant's day starts and ends, as instants. */
    public record Window(ZoneId zone, Instant start, Instant end) {
        public static Window of(LocalDate date, ZoneId zone) {
            return new Window(zone, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    private static final String DAY = """
            tenant_id = :tenant and coalesce(created_at, paid_at) >= :start and coalesce(created_at, paid_at) < :end""";

    private static final String TIMES = """
            count(wait) as wait_n, avg(wait) as wait_mean, percentile_cont(0.5) within group (order by wait) as wait_p50,
            percentile_cont(0.9) within group (order by wait) as wait_p90,
            count(walk) as walk_n, avg(walk) as walk_mean, percentile_cont(0.5) within group (order by walk) as walk_p50,
            percentile_cont(0.9) within group (order by walk) as walk_p90,
            count(session) as session_n, avg(session) as session_mean,
            percentile_cont(0.5) within group (order by session) as session_p50,
            percentile_cont(0.9) within group (order by session) as session_p90""";

    private static final String MEASURED = """
            with t as (select coalesce(call_service_id, service_id) as line, station_id, operator_id,
                case when first_called_at >= paid_at then extract(epoch from first_called_at - paid_at)::float8 end as wait,
                case when started_at >= last_called_at then extract(epoch from started_at - last_called_at)::float8 end as walk,
                service_seconds::float8 as session
              from ticket_facts where %s)
            """.formatted(DAY);

    private final DatabaseClient db;
    private final TenantZones zones;
    private final ReportProperties properties;

    DailyReports(DatabaseClient db, TenantZones zones, ReportProperties properties) {
        this.db = db;
        this.zones = zones;
        this.properties = properties;
    }

    public Mono<DailyReport> day(String tenant, LocalDate date) {
        return zones.zoneOf(tenant).flatMap(zone -> day(tenant, date, Window.of(date, zone)));
    }

    private record Counts(long created, long paid, long expired, long cancelled, long noShow, long completed,
                          long transferred) {
        static final Counts NONE = new Counts(0, 0, 0, 0, 0, 0, 0);
    }

    private record Measured(long tickets, Times waiting, Times walk, Times session) {
        static final Measured NONE = new Measured(0, Times.NONE, Times.NONE, Times.NONE);
    }

    private record Money(UUID service, String method, Revenue revenue) {
    }

    private record HourRow(UUID service, int hour, long created, long paid, double waitSum, long waitN) {
    }

    private Mono<DailyReport> day(String tenant, LocalDate date, Window w) {
        Mono<Map<Optional<UUID>, Counts>> counts = bind(db.sql("""
                select service_id, grouping(service_id) as total, count(*) as created, count(paid_at) as paid,
                    count(expired_at) as expired, count(cancelled_at) as cancelled,
                    count(*) filter (where no_show_at is not null and completed_at is null) as no_show,
                    count(completed_at) as completed, count(last_transferred_at) as transferred
                from ticket_facts where %s group by grouping sets ((service_id), ())""".formatted(DAY)), tenant, w)
                .map(row -> Map.entry(key(row, "service_id"), new Counts(num(row, "created"), num(row, "paid"),
                        num(row, "expired"), num(row, "cancelled"), num(row, "no_show"), num(row, "completed"),
                        num(row, "transferred"))))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<Map<Optional<UUID>, Measured>> lines = measured(tenant, w, "line");
        Mono<Map<Optional<UUID>, Measured>> stations = measured(tenant, w, "station_id");
        Mono<Map<Optional<UUID>, Measured>> operators = measured(tenant, w, "operator_id");
        Mono<List<Money>> money = bind(db.sql("""
                select f.service_id, p.method, sum(p.amount_cents) as gross, 0 as refunded
                from payments p left join ticket_facts f on f.tenant_id = p.tenant_id and f.ticket_id = p.ticket_id
                where p.tenant_id = :tenant and p.confirmed_at >= :start and p.confirmed_at < :end
                group by f.service_id, p.method
                union all
                select f.service_id, coalesce(p.method, 'UNKNOWN'), 0, sum(r.amount_cents)
                from refunds r
                left join payments p on p.tenant_id = r.tenant_id and p.payment_id = r.payment_id
                left join ticket_facts f on f.tenant_id = r.tenant_id and f.ticket_id = r.ticket_id
                where r.tenant_id = :tenant and r.refunded_at >= :start and r.refunded_at < :end and r.status = 'DEVOLVIDO'
                group by f.service_id, coalesce(p.method, 'UNKNOWN')"""), tenant, w)
                .map(row -> new Money(row.get("service_id", UUID.class), row.get("method", String.class),
                        Revenue.of(num(row, "gross"), num(row, "refunded"))))
                .all().collectList();
        Mono<List<HourRow>> hours = bind(db.sql("""
                with d as (select service_id, coalesce(created_at, paid_at) as at, paid_at,
                    case when first_called_at >= paid_at then extract(epoch from first_called_at - paid_at)::float8 end as wait
                  from ticket_facts where %s)
                select service_id, extract(hour from at at time zone :zone)::int as hour, count(*) as created,
                    0 as paid, 0::float8 as wait_sum, 0 as wait_n from d group by 1, 2
                union all
                select service_id, extract(hour from paid_at at time zone :zone)::int, 0, count(*), coalesce(sum(wait), 0),
                    count(wait)
                from d where paid_at is not null group by 1, 2""".formatted(DAY)), tenant, w)
                .bind("zone", w.zone().getId())
                .map(row -> new HourRow(row.get("service_id", UUID.class), num(row, "hour").intValue(), num(row, "created"),
                        num(row, "paid"), row.get("wait_sum", Double.class), num(row, "wait_n")))
                .all().collectList();
        Mono<Map<UUID, String>> names = db.sql("select service_id, name from services where tenant_id = :tenant")
                .bind("tenant", tenant).map(row -> Map.entry(row.get("service_id", UUID.class), row.get("name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<Map<UUID, String>> stationNames = db.sql("select station_id, name from stations where tenant_id = :tenant")
                .bind("tenant", tenant).map(row -> Map.entry(row.get("station_id", UUID.class), row.get("name", String.class)))
                .all().collectMap(Map.Entry::getKey, Map.Entry::getValue);
        Mono<PrintDay> print = bind(db.sql("""
                select count(*) filter (where printed) as printed, count(*) filter (where not printed) as failed,
                    count(*) filter (where not printed and pdf_fallback) as pdf
                from print_outcomes where tenant_id = :tenant and at >= :start and at < :end"""), tenant, w)
                .map(row -> new PrintDay(num(row, "printed"), num(row, "failed"), num(row, "pdf"))).one();
        Mono<Long> refundsFailed = bind(db.sql("""
                select count(*) as n from refunds where tenant_id = :tenant and refunded_at >= :start and refunded_at < :end
                and status <> 'DEVOLVIDO'"""), tenant, w).map(row -> num(row, "n")).one();
        return Mono.zip(objects -> assemble(tenant, date, w, objects), counts, lines, stations, operators, money, hours,
                names, stationNames, print, refundsFailed);
    }

    @SuppressWarnings("unchecked")
    private DailyReport assemble(String tenant, LocalDate date, Window w, Object[] o) {
        var counts = (Map<Optional<UUID>, Counts>) o[0];
        var lines = (Map<Optional<UUID>, Measured>) o[1];
        var stations = (Map<Optional<UUID>, Measured>) o[2];
        var operators = (Map<Optional<UUID>, Measured>) o[3];
        var money = (List<Money>) o[4];
        var hours = (List<HourRow>) o[5];
        var names = (Map<UUID, String>) o[6];
        var stationNames = (Map<UUID, String>) o[7];

        Map<UUID, Revenue> byService = new HashMap<>();
        Map<String, Revenue> byMethod = new LinkedHashMap<>();
        Revenue total = Revenue.NONE;
        for (Money m : money) {
            if (m.service() != null) {
                byService.merge(m.service(), m.revenue(), Revenue::plus);
            }
            byMethod.merge(m.method(), m.revenue(), Revenue::plus);
            total = total.plus(m.revenue());
        }
        // every service with tickets, money or served tickets on the day
        List<UUID> ids = new ArrayList<>();
        counts.keySet().forEach(k -> k.ifPresent(ids::add));
        byService.keySet().forEach(ids::add);
        lines.keySet().forEach(k -> k.ifPresent(ids::add));
        List<ServiceDay> services = ids.stream().distinct()
                .map(id -> serviceDay(id, names.getOrDefault(id, "?"), counts.get(Optional.of(id)),
                        byService.getOrDefault(id, Revenue.NONE), lines.get(Optional.of(id)),
                        hours.stream().filter(h -> id.equals(h.service())).toList()))
                .sorted(Comparator.comparing(ServiceDay::serviceName))
                .toList();
        ServiceDay totalDay = serviceDay(null, "Total", counts.get(Optional.<UUID>empty()), total,
                lines.get(Optional.<UUID>empty()), hours);
        List<MethodRevenue> methods = byMethod.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new MethodRevenue(e.getKey(), e.getValue())).toList();
        return new DailyReport(tenant, properties.studioName(tenant), date, w.zone().getId(), totalDay, services, methods,
                staff(stations, stationNames), staff(operators, Map.of()), (PrintDay) o[8], (Long) o[9]);
    }

    private static List<StaffTimes> staff(Map<Optional<UUID>, Measured> measured, Map<UUID, String> names) {
        return measured.entrySet().stream().filter(e -> e.getKey().isPresent())
                .map(e -> {
                    UUID id = e.getKey().get();
                    Measured m = e.getValue();
                    return new StaffTimes(id, names.getOrDefault(id, id.toString().substring(0, 8)), m.tickets(), m.waiting(),
                            m.walk(), m.session());
                })
                .sorted(Comparator.comparing(StaffTimes::name))
                .toList();
    }

    private static ServiceDay serviceDay(UUID id, String name, Counts c, Revenue revenue, Measured m, List<HourRow> hours) {
        Counts counts = Objects.requireNonNullElse(c, Counts.NONE);
        Measured measured = Objects.requireNonNullElse(m, Measured.NONE);
        List<Hour> byHour = IntStream.range(0, 24).mapToObj(h -> {
            long created = 0;
            long paid = 0;
            double waitSum = 0;
            long waitN = 0;
            for (HourRow r : hours) {
                if (r.hour() != h) {
                    continue;
                }
                created += r.created();
                paid += r.paid();
                waitSum += r.waitSum();
                waitN += r.waitN();
            }
            return new Hour(h, created, paid, waitN == 0 ? null : waitSum / waitN);
        }).toList();
        Double conversion = counts.created() == 0 ? null : (double) counts.paid() / counts.created();
        return new ServiceDay(id, name, counts.created(), counts.paid(), counts.expired(), counts.cancelled(), counts.noShow(),
                counts.completed(), counts.transferred(), conversion, revenue, measured.waiting(), measured.walk(),
                measured.session(), byHour);
    }

    private Mono<Map<Optional<UUID>, Measured>> measured(String tenant, Window w, String column) {
        return bind(db.sql(MEASURED + "select " + column + " as id, grouping(" + column + ") as total, count(*) as tickets, "
                + TIMES + " from t group by grouping sets ((" + column + "), ())"), tenant, w)
                .map(row -> {
                    boolean isTotal = num(row, "total") == 1;
                    Optional<UUID> id = isTotal ? Optional.empty() : Optional.ofNullable(row.get("id", UUID.class));
                    return Map.entry(id, new Measured(num(row, "tickets"), times(row, "wait"), times(row, "walk"),
                            times(row, "session")));
                })
                .all()
                .collectList()
                .map(entries -> {
                    // the group of tickets with no station (never called) has an empty key too: the total has more tickets
                    Map<Optional<UUID>, Measured> map = new HashMap<>();
                    entries.forEach(e -> map.merge(e.getKey(), e.getValue(), (a, b) -> a.tickets() >= b.tickets() ? a : b));
                    return map;
                });
    }

    private static Times times(Readable row, String prefix) {
        long n = num(row, prefix + "_n");
        return n == 0 ? Times.NONE : new Times(n, row.get(prefix + "_mean", Double.class), row.get(prefix + "_p50", Double.class),
                row.get(prefix + "_p90", Double.class));
    }

    private static Optional<UUID> key(Readable row, String column) {
        return num(row, "total") == 1 ? Optional.empty() : Optional.ofNullable(row.get(column, UUID.class));
    }

    private static Long num(Readable row, String column) {
        Number n = row.get(column, Number.class);
        return n == null ? 0L : n.longValue();
    }

    private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, String tenant, Window w) {
        return spec.bind("tenant", tenant).bind("start", OffsetDateTime.ofInstant(w.start(), java.time.ZoneOffset.UTC))
                .bind("end", OffsetDateTime.ofInstant(w.end(), java.time.ZoneOffset.UTC));
    }
}
