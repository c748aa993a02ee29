package br.com.totem.queue.station.store;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.queue.station.Station;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class StationStore {

    private final DatabaseClient db;

    public StationStore(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Station> all(String tenant) {
        return db.sql("select id, tenant_id, name, service_ids, active from station where tenant_id = :t order by name")
                .bind("t", tenant).map(StationStore::row).all();
    }

    public Mono<Station> byId(String tenant, UUID id) {
        return db.sql("select id, tenant_id, name, service_ids, active from station where tenant_id = :t and id = :id")
                .bind("t", tenant).bind("id", id).map(StationStore::row).one();
    }

    public Mono<Boolean> insert(Station s) {
        return db.sql("""
                        insert into station (id, tenant_id, name, service_ids, active) values (:id, :t, :n, :s, :a)
                        on conflict (tenant_id, name) do nothing""")
                .bind("id", s.id()).bind("t", s.tenant()).bind("n", s.name()).bind("s", s.serviceIds().toArray(UUID[]::new))
                .bind("a", s.active()).fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Long> update(Station s) {
        return db.sql("update station set name = :n, service_ids = :s, active = :a, updated_at = now() where tenant_id = :t and id = :id")
                .bind("id", s.id()).bind("t", s.tenant()).bind("n", s.name()).bind("s", s.serviceIds().toArray(UUID[]::new))
                .bind("a", s.active()).fetch().rowsUpdated();
    }

    private static Station row(Readable r) {
        UUID[] ids = r.get("service_ids", UUID[].class);
        return new Station(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("name", String.class),
                ids == null ? List.of() : Arrays.asList(ids), Boolean.TRUE.equals(r.get("active", Boolean.class)));
    }
}
