package br.com.totem.platform.events;

import java.time.OffsetDateTime;
import java.time.Duration;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import reactor.core.publisher.Mono;

/** Processed event ids per consumer: the record that makes redelivery harmless. */
public class Inbox {

    private final DatabaseClient db;

    public Inbox(DatabaseClient db) {
        this.db = db;
    }

    /**
     * Records the event for this consumer in the current transaction. True the first time;
     * false when it was processed before (a concurrent first delivery waits on the row lock and
     * then sees false).
     */
    public Mono<Boolean> record(UUID eventId, String consumer, String eventType) {
        return db.sql("""
                        insert into inbox (event_id, consumer, event_type) values (:id, :consumer, :type)
                        on conflict do nothing""")
                .bind("id", eventId)
                .bind("consumer", consumer)
                .bind("type", eventType)
                .fetch().rowsUpdated()
                .map(n -> n == 1);
    }

    public Mono<Long> prune(Duration retention) {
        return db.sql("delete from inbox where received_at < :cutoff")
                .bind("cutoff", OffsetDateTime.now().minus(retention))
                .fetch().rowsUpdated();
    }
}
