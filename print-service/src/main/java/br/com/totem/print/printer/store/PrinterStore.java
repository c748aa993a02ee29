package br.com.totem.print.printer.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.print.printer.domain.Printer;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class PrinterStore {

    private static final String COLUMNS = "id, tenant_id, name, kiosk_device, connection, host, port, code_page, "
            + "paper_width_mm, cloudprnt_media, created_at, updated_at";

    private final DatabaseClient db;

    PrinterStore(DatabaseClient db) {
        this.db = db;
    }

    public Flux<Printer> list(String tenant) {
        return db.sql("select " + COLUMNS + " from printer where tenant_id = :tenant order by lower(name), id")
                .bind("tenant", tenant).map(PrinterStore::read).all();
    }

    public Mono<Printer> find(String tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from printer where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).map(PrinterStore::read).one();
    }

    /** The printer serving a kiosk device, if any. */
    public Mono<Printer> forKioskDevice(String tenant, String device) {
        return db.sql("select " + COLUMNS + " from printer where tenant_id = :tenant and kiosk_device = :device")
                .bind("tenant", tenant).bind("device", device).map(PrinterStore::read).one();
    }

    /** The CloudPRNT printer a token belongs to (the token alone names printer and tenant). */
    public Mono<Printer> byTokenHash(byte[] tokenHash) {
        return db.sql("select " + COLUMNS + " from printer where token_hash = :hash and connection = 'CLOUDPRNT'")
                .bind("hash", tokenHash).map(PrinterStore::read).one();
    }

    /** Returns the stored printer (with its database timestamps). */
    public Mono<Printer> insert(Printer p, byte[] tokenHash) {
        var spec = db.sql("""
                insert into printer (id, tenant_id, name, kiosk_device, connection, host, port, token_hash, code_page,
                                     paper_width_mm, cloudprnt_media)
                values (:id, :tenant, :name, :device, :connection, :host, :port, :token, :codePage, :width, :media)
                returning""" + " " + COLUMNS);
        spec = bindFields(spec.bind("id", p.id()).bind("tenant", p.tenant()), p);
        spec = Binds.nullable(spec, "token", tokenHash, byte[].class);
        return spec.map(PrinterStore::read).one();
    }

    /** Empty when no such printer in this tenant. A TCP printer made CLOUDPRNT keeps no host; the token is kept. */
    public Mono<Printer> update(Printer p, byte[] newTokenHash) {
        var spec = db.sql("""
                update printer set name = :name, kiosk_device = :device, connection = :connection, host = :host,
                       port = :port, code_page = :codePage, paper_width_mm = :width, cloudprnt_media = :media,
                       token_hash = case when :connection = 'CLOUDPRNT' then coalesce(token_hash, :token) end,
                       updated_at = now()
                where tenant_id = :tenant and id = :id
                returning""" + " " + COLUMNS);
        spec = bindFields(spec.bind("id", p.id()).bind("tenant", p.tenant()), p);
        spec = Binds.nullable(spec, "token", newTokenHash, byte[].class);
        return spec.map(PrinterStore::read).one();
    }

    /** A CloudPRNT printer polled now with this status code. */
    public Mono<Void> polled(UUID id, String statusCode) {
        return db.sql("update printer set last_poll_at = now(), last_status = :status where id = :id")
                .bind("id", id).bind("status", statusCode).then();
    }

    /** When a printer last polled, or empty when it never did. */
    public Mono<Instant> lastPoll(UUID id) {
        return db.sql("select last_poll_at from printer where id = :id and last_poll_at is not null")
                .bind("id", id).map(r -> r.get("last_poll_at", Instant.class)).one();
    }

    public Mono<Boolean> delete(String tenant, UUID id) {
        return db.sql("delete from printer where tenant_id = :tenant and id = :id")
                .bind("tenant", tenant).bind("id", id).fetch().rowsUpdated().map(n -> n == 1);
    }

    private static DatabaseClient.GenericExecuteSpec bindFields(DatabaseClient.GenericExecuteSpec spec, Printer p) {
        spec = spec.bind("name", p.name())
                .bind("connection", p.connection().name())
                .bind("codePage", p.codePage())
                .bind("width", p.paperWidthMm())
                .bind("media", p.pullMedia().name());
        spec = Binds.nullable(spec, "device", p.kioskDevice(), String.class);
        spec = Binds.nullable(spec, "host", p.host(), String.class);
        return Binds.nullable(spec, "port", p.port(), Integer.class);
    }

    private static Printer read(Readable row) {
        return new Printer(row.get("id", UUID.class), row.get("tenant_id", String.class), row.get("name", String.class),
                row.get("kiosk_device", String.class), Printer.Connection.valueOf(row.get("connection", String.class)),
                row.get("host", String.class), row.get("port", Integer.class), row.get("code_page", String.class),
                row.get("paper_width_mm", Integer.class), Printer.PullMedia.valueOf(row.get("cloudprnt_media", String.class)),
                row.get("created_at", Instant.class),
                row.get("updated_at", Instant.class));
    }
}
