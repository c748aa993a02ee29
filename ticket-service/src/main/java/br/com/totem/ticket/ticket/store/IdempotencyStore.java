package br.com.totem.ticket.ticket.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import reactor.core.publisher.Mono;

/** Idempotency-Key → the ticket it created, per tenant, for a limited time. */
@Repository
public class IdempotencyStore {

    private final DatabaseClient db;
    private final Clock clock;

    IdempotencyStore(DatabaseClient db, Clock clock) {
        this.clock = clock;
        this.db = db;
    }

    public record Entry(String requestHmac, UUID ticketId) {
    }

    /** The live entry for this key; an entry older than {@code ttl} counts as absent. */
    public Mono<Entry> find(String tenant, String key, Duration ttl) {
        return db.sql("""
                        select request_hmac, ticket_id from idempotency_key
                        where tenant_id = :tenant and key = :key and created_at > :cutoff""")
                .bind("tenant", tenant)
                .bind("key", key)
                .bind("cutoff", clock.instant().minus(ttl))
                .map(r -> new Entry(r.get("request_hmac", String.class), r.get("ticket_id", UUID.class)))
                .one();
    }

    /** The entry for this key whatever its age (a claim has just found it live). */
    public Mono<Entry> find(String tenant, String key) {
        return db.sql("select request_hmac, ticket_id from idempotency_key where tenant_id = :tenant and key = :key")
                .bind("tenant", tenant)
                .bind("key", key)
                .map(r -> new Entry(r.get("request_hmac", String.class), r.get("ticket_id", UUID.class)))
                .one();
    }

    public Mono<Long> pruneOlderThan(Duration ttl) {
        return db.sql("delete from idempotency_key where created_at <= :cutoff")
                .bind("cutoff", clock.instant().minus(ttl))
                .fetch().rowsUpdated();
    }
}
