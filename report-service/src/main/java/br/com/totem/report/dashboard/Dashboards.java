package br.com.totem.report.dashboard;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Service;

import br.com.totem.report.daily.DailyReports;
import br.com.totem.report.daily.TenantZones;
import br.com.totem.report.daily.domain.DailyReport;
import br.com.totem.report.daily.domain.ServiceDay;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/** The dashboard: from Redis when there, else read from the database and cached (never an error when Redis fails). */
@Service
public class Dashboards {

    private static final Logger log = LoggerFactory.getLogger(Dashboards.class);

    private final DailyReports reports;
    private final TenantZones zones;
    private final DashboardCache cache;
    private final DatabaseClient db;
    private final JsonMapper json;
    private final Clock clock;

    Dashboards(DailyReports reports, TenantZones zones, DashboardCache cache, DatabaseClient db, JsonMapper json, Clock clock) {
        this.reports = reports;
        this.zones = zones;
        this.cache = cache;
        this.db = db;
        this.json = json;
        this.clock = clock;
    }

    /** The tenant's dashboard as JSON. */
    public Mono<String> current(String tenant) {
        return cache.get(tenant)
                .switchIfEmpty(Mono.defer(() -> read(tenant).map(json::writeValueAsString)
                        .flatMap(body -> cache.put(tenant, body).thenReturn(body))));
    }

    /** Read from the database, bypassing the cache. */
    public Mono<Dashboard> read(String tenant) {
        return zones.zoneOf(tenant).flatMap(zone -> {
            LocalDate today = LocalDate.now(clock.withZone(zone));
            return Mono.zip(reports.day(tenant, today), queue(tenant))
                    .map(both -> of(both.getT1(), both.getT2()));
        });
    }

    /** Tickets paid and not called (or transferred since their last call), by the line they wait in. */
    public Mono<List<Dashboard.Line>> queue(String tenant) {
        return db.sql("""
                        select q.line, coalesce(s.name, '?') as name, count(*) as waiting from (
                            select coalesce((select tr.to_service_id from ticket_transfers tr
                                             where tr.tenant_id = f.tenant_id and tr.ticket_id = f.ticket_id
                                             order by tr.transferred_at desc limit 1), f.service_id) as line
                            from ticket_facts f
                            where f.tenant_id = :tenant and f.paid_at is not null and f.completed_at is null
                              and f.cancelled_at is null and f.no_show_at is null and f.started_at is null
                              and (f.last_called_at is null or f.last_transferred_at > f.last_called_at)) q
                        left join services s on s.tenant_id = :tenant and s.service_id = q.line
                        group by q.line, s.name order by name""")
                .bind("tenant", tenant)
                .map(row -> new Dashboard.Line(row.get("line", UUID.class), row.get("name", String.class),
                        row.get("waiting", Number.class).longValue()))
                .all().collectList();
    }

    private Dashboard of(DailyReport day, List<Dashboard.Line> queue) {
        ServiceDay t = day.total();
        long ended = t.completed() + t.noShow();
        Dashboard d = new Dashboard(day.tenant(), day.date(), day.zone(), t.created(), t.paid(), t.completed(), t.noShow(),
                t.cancelled(), t.expired(), t.revenue().grossCents(), t.revenue().refundedCents(), t.revenue().netCents(),
                queue.stream().mapToLong(Dashboard.Line::waiting).sum(), queue, t.waiting().p90(),
                ended == 0 ? null : (double) t.noShow() / ended, clock.instant());
        log.debug("dashboard of {} read from the database", day.tenant());
        return d;
    }
}
