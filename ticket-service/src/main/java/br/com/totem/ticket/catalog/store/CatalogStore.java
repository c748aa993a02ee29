package br.com.totem.ticket.catalog.store;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.platform.data.Binds;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class CatalogStore {

    private static final String COLUMNS =
            "id, tenant_id, name, description, price_cents, duration_minutes, prefix, color, active, display_order";

    private final DatabaseClient db;

    CatalogStore(DatabaseClient db) {
        this.db = db;
    }

    public Flux<ServiceOffering> list(String tenant, boolean activeOnly) {
        return db.sql("select " + COLUMNS + " from catalog_service where tenant_id = :tenant"
                        + (activeOnly ? " and active" : "") + " order by display_order, name, id")
                .bind("tenant", tenant)
                .map(CatalogStore::read)
                .all();
    }

    public Mono<ServiceOffering> find(String tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from catalog_service where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant)
                .bind("id", id)
                .map(CatalogStore::read)
                .one();
    }

    public Mono<Void> insert(ServiceOffering s) {
        var spec = db.sql("""
                        insert into catalog_service (id, tenant_id, name, description, price_cents, duration_minutes,
                                                     prefix, color, active, display_order)
                        values (:id, :tenant, :name, :description, :price, :duration, :prefix, :color, :active, :order)""");
        return bindFields(spec.bind("id", s.id()).bind("tenant", s.tenant()), s).then();
    }

    /** Empty when no such service in this tenant. */
    public Mono<ServiceOffering> update(ServiceOffering s) {
        var spec = db.sql("""
                        update catalog_service set name = :name, description = :description, price_cents = :price,
                               duration_minutes = :duration, prefix = :prefix, color = :color, active = :active,
                               display_order = :order, updated_at = now()
                        where tenant_id = :tenant and id = :id""");
        return bindFields(spec.bind("id", s.id()).bind("tenant", s.tenant()), s)
                .fetch().rowsUpdated()
                .flatMap(n -> n == 1 ? Mono.just(s) : Mono.empty());
    }

    /** True when the service exists in this tenant (deactivating twice is harmless). */
    public Mono<Boolean> deactivate(String tenant, UUID id) {
        return db.sql("update catalog_service set active = false, updated_at = now() where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant)
                .bind("id", id)
                .fetch().rowsUpdated()
                .map(n -> n == 1);
    }

    private static DatabaseClient.GenericExecuteSpec bindFields(DatabaseClient.GenericExecuteSpec spec, ServiceOffering s) {
        spec = spec.bind("name", s.name())
                .bind("price", s.priceCents())
                .bind("duration", s.durationMinutes())
                .bind("prefix", s.prefix())
                .bind("color", s.color())
                .bind("active", s.active())
                .bind("order", s.displayOrder());
        return Binds.nullable(spec, "description", s.description(), String.class);
    }

    private static ServiceOffering read(Readable r) {
        return new ServiceOffering(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("name", String.class),
                r.get("description", String.class), r.get("price_cents", Long.class), r.get("duration_minutes", Integer.class),
                r.get("prefix", String.class), r.get("color", String.class), r.get("active", Boolean.class),
                r.get("display_order", Integer.class));
    }
}
