package br.com.totem.queue.identity.store;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.identity.domain.StaffUser;
import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class UserStore {

    private static final String COLUMNS = "id, tenant_id, username, display_name, roles, password_hash, pin_hash, active";

    private final DatabaseClient db;

    public UserStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<StaffUser> byUsername(String tenant, String username) {
        return db.sql("select " + COLUMNS + " from staff_user where tenant_id = :t and username = :u")
                .bind("t", tenant).bind("u", username).map(UserStore::row).one();
    }

    public Mono<StaffUser> byId(String tenant, UUID id) {
        return db.sql("select " + COLUMNS + " from staff_user where tenant_id = :t and id = :id")
                .bind("t", tenant).bind("id", id).map(UserStore::row).one();
    }

    public Flux<StaffUser> all(String tenant, int limit, long offset) {
        return db.sql("select " + COLUMNS + " from staff_user where tenant_id = :t order by username limit :l offset :o")
                .bind("t", tenant).bind("l", limit).bind("o", offset).map(UserStore::row).all();
    }

    /** Inserts unless the username exists; true when inserted. */
    public Mono<Boolean> insert(StaffUser u) {
        var spec = db.sql("""
                        insert into staff_user (id, tenant_id, username, display_name, roles, password_hash, pin_hash, active)
                        values (:id, :t, :u, :n, :r, :p, :pin, :a) on conflict (tenant_id, username) do nothing""")
                .bind("id", u.id()).bind("t", u.tenant()).bind("u", u.username()).bind("n", u.displayName())
                .bind("r", u.roles().toArray(String[]::new)).bind("p", u.passwordHash()).bind("a", u.active());
        spec = Binds.nullable(spec, "pin", u.pinHash(), String.class);
        return spec.fetch().rowsUpdated().map(n -> n == 1);
    }

    public Mono<Void> update(StaffUser u) {
        var spec = db.sql("""
                        update staff_user set display_name = :n, roles = :r, password_hash = :p, pin_hash = :pin, active = :a,
                        updated_at = now() where tenant_id = :t and id = :id""")
                .bind("id", u.id()).bind("t", u.tenant()).bind("n", u.displayName())
                .bind("r", u.roles().toArray(String[]::new)).bind("p", u.passwordHash()).bind("a", u.active());
        spec = Binds.nullable(spec, "pin", u.pinHash(), String.class);
        return spec.then();
    }

    private static StaffUser row(Readable r) {
        String[] roles = r.get("roles", String[].class);
        return new StaffUser(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("username", String.class),
                r.get("display_name", String.class), roles == null ? List.of() : Arrays.asList(roles),
                r.get("password_hash", String.class), r.get("pin_hash", String.class), Boolean.TRUE.equals(r.get("active", Boolean.class)));
    }
}
