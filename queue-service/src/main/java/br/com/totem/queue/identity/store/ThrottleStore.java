package br.com.totem.queue.identity.store;

import java.time.Instant;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.platform.data.Binds;
import br.com.totem.queue.identity.domain.LoginThrottle;
import reactor.core.publisher.Mono;

/** Failed logins per (tenant, name, client); see {@link LoginThrottle}. */
@Repository
public class ThrottleStore {

    private final DatabaseClient db;

    public ThrottleStore(DatabaseClient db) {
        this.db = db;
    }

    /** The row, locked for this (short) transaction: concurrent attempts are counted one by one. */
    public Mono<LoginThrottle> lockAndGet(String tenant, String principal, String client) {
        return db.sql("insert into login_throttle (tenant_id, principal, client) values (:t, :p, :c) on conflict do nothing")
                .bind("t", tenant).bind("p", principal).bind("c", client).then()
                .then(db.sql("select failures, last_failure, blocked_until from login_throttle"
                                + " where tenant_id = :t and principal = :p and client = :c for update")
                        .bind("t", tenant).bind("p", principal).bind("c", client)
                        .map(r -> new LoginThrottle(r.get("failures", Integer.class), SigningKeyStore.instant(r, "last_failure"),
                                SigningKeyStore.instant(r, "blocked_until")))
                        .one());
    }

    public Mono<Void> save(String tenant, String principal, String client, LoginThrottle t) {
        var spec = db.sql("update login_throttle set failures = :f, last_failure = :lf, blocked_until = :b"
                        + " where tenant_id = :t and principal = :p and client = :c")
                .bind("t", tenant).bind("p", principal).bind("c", client).bind("f", t.failures());
        spec = Binds.instant(spec, "lf", t.lastFailure());
        spec = Binds.instant(spec, "b", t.blockedUntil());
        return spec.then();
    }

    /** A success: the name starts over from this client. */
    public Mono<Void> clear(String tenant, String principal, String client) {
        return db.sql("delete from login_throttle where tenant_id = :t and principal = :p and client = :c")
                .bind("t", tenant).bind("p", principal).bind("c", client).then();
    }

    /** Rows whose last failure is older than the cutoff (and no longer block): nothing to remember. */
    public Mono<Long> prune(Instant cutoff) {
        return db.sql("delete from login_throttle where (last_failure is null or last_failure < :cut)"
                        + " and (blocked_until is null or blocked_until < :cut)")
                .bind("cut", SigningKeyStore.at(cutoff)).fetch().rowsUpdated();
    }
}
