package br.com.totem.report.daily;

import java.time.DateTimeException;
import java.time.ZoneId;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.report.config.ReportProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The zone that decides a tenant's business day: the last one its events carried, else the configured default. */
@Component
public class TenantZones {

    /** A tenant the read model knows, with its zone. */
    public record KnownTenant(String tenant, ZoneId zone) {
    }

    private final DatabaseClient db;
    private final ZoneId fallback;

    TenantZones(DatabaseClient db, ReportProperties properties) {
        this.db = db;
        this.fallback = properties.defaultZone();
    }

    public Mono<ZoneId> zoneOf(String tenant) {
        return db.sql("select time_zone from tenants where tenant_id = :tenant").bind("tenant", tenant)
                .map(row -> zone(row.get("time_zone", String.class))).one().defaultIfEmpty(fallback);
    }

    public Flux<KnownTenant> all() {
        return db.sql("select tenant_id, time_zone from tenants order by tenant_id")
                .map(row -> new KnownTenant(row.get("tenant_id", String.class), zone(row.get("time_zone", String.class))))
                .all();
    }

    private ZoneId zone(String id) {
        if (id == null) {
            return fallback;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            return fallback;
        }
    }
}
