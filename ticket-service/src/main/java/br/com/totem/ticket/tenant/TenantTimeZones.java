package br.com.totem.ticket.tenant;

import java.time.ZoneId;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import br.com.totem.ticket.config.TicketProperties;
import reactor.core.publisher.Mono;

/** The zone that decides a tenant's business day (queue numbers restart at 001 at its midnight). */
@Component
public class TenantTimeZones {

    private final DatabaseClient db;
    private final ZoneId fallback;

    TenantTimeZones(DatabaseClient db, TicketProperties properties) {
        this.db = db;
        this.fallback = properties.defaultTimeZone();
    }

    public Mono<ZoneId> zoneOf(String tenant) {
        return db.sql("select time_zone from tenant_settings where tenant_id = :tenant")
                .bind("tenant", tenant)
                .map(row -> ZoneId.of(row.get("time_zone", String.class)))
                .one()
                .defaultIfEmpty(fallback);
    }
}
