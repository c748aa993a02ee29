package br.com.totem.queue.identity.store;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.identity.domain.LoginThrottle;
import reactor.core.publisher.Mono;

@Repository
public class ThrottleStore {

    private final DatabaseClient db;

    public ThrottleStore(DatabaseClient db) {
        this.db = db;
    }

    /** The row, locked for this transaction (concurrent guesses are counted one by one). */
    public Mono<LoginThrottle> lockAndGet(String tenant, String principal, Instant now) {
        return db.sql("insert into login_throttle (tenant_id, principal, window_start) values (:t, :p, :now) on conflict do nothing")
                .bind("t", tenant).bind("p", principal).bind("now", SigningKeyStore.at(now)).then()
                .then(db.sql("select failures, window_start, locked_until from login_throttle where tenant_id = :t and principal = :p for update")
                        .bind("t", tenant).bind("p", principal)
                        .map(r -> new LoginThrottle(r.get("failures", Integer.class), SigningKeyStore.instant(r, "window_start"),
                                SigningKeyStore.instant(r, "locked_until")))
                        .one());
    }

    public Mono<Void> save(String tenant, String principal, LoginThrottle t) {
        var spec = db.sql("update login_throttle set failures = :f, window_start = :w, locked_until = :l where tenant_id = :t and principal = :p")
                .bind("t", tenant).bind("p", principal).bind("f", t.failures()).bind("w", SigningKeyStore.at(t.windowStart()));
        spec = Binds.instant(spec, "l", t.lockedUntil());
        return spec.then();
    }
}
