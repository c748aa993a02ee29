package br.com.totem.queue.identity.store;

import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.identity.domain.Device;
import br.com.totem.queue.identity.domain.DeviceKind;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class DeviceStore {

    private static final String COLUMNS = "tenant_id, device_id, kind, name, secret_hash, printer_id, active";

    private final DatabaseClient db;

    public DeviceStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Device> byId(String tenant, String deviceId) {
        return db.sql("select " + COLUMNS + " from device where tenant_id = :t and device_id = :d")
                .bind("t", tenant).bind("d", deviceId).map(DeviceStore::row).one();
    }

    public Flux<Device> all(String tenant, int limit, long offset) {
        return db.sql("select " + COLUMNS + " from device where tenant_id = :t order by device_id limit :l offset :o")
                .bind("t", tenant).bind("l", limit).bind("o", offset).map(DeviceStore::row).all();
    }

    public Mono<Boolean> insert(Device d) {
        var spec = db.sql("""
                        insert into device (tenant_id, device_id, kind, name, secret_hash, printer_id, active)
                        values (:t, :d, :k, :n, :s, :p, :a) on conflict (tenant_id, device_id) do nothing""")
                .bind("t", d.tenant()).bind("d", d.deviceId()).bind("k", d.kind().name()).bind("n", d.name())
                .bind("s", d.secretHash()).bind("a", d.active());
        spec = Binds.nullable(spec, "p", d.printerId(), UUID.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> update(Device d) {
        var spec = db.sql("""
                        update device set name = :n, secret_hash = :s, printer_id = :p, active = :a, updated_at = now()
                        where tenant_id = :t and device_id = :d""")
                .bind("t", d.tenant()).bind("d", d.deviceId()).bind("n", d.name()).bind("s", d.secretHash()).bind("a", d.active());
        spec = Binds.nullable(spec, "p", d.printerId(), UUID.class);
        return spec.then();
    }

    private static Device row(Readable r) {
        return new Device(r.get("tenant_id", String.class), r.get("device_id", String.class),
                DeviceKind.valueOf(r.get("kind", String.class)), r.get("name", String.class), r.get("secret_hash", String.class),
                r.get("printer_id", UUID.class), Boolean.TRUE.equals(r.get("active", Boolean.class)));
    }
}
