package br.com.totem.platform.events;

import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.contracts.EventEnvelope;
import io.r2dbc.postgresql.codec.Json;
import reactor.core.publisher.Mono;

/**
 * Appends an event to the outbox table. Call it inside the same reactive transaction as the
 * state change it announces ({@code @Transactional} or {@code TransactionalOperator}): both
 * commit or neither does. The {@link OutboxRelay} publishes it afterwards.
 *
 * <p>Order per aggregate: change the aggregate's row before appending its event, so a second
 * transaction on the same aggregate waits for the first one's row lock and appends after it.
 */
public class Outbox {

    private final DatabaseClient db;
    private final EventCodec codec;

    public Outbox(DatabaseClient db, EventCodec codec) {
        this.db = db;
        this.codec = codec;
    }

    public Mono<Void> append(EventEnvelope<?> event) {
        var spec = db.sql("""
                        insert into outbox (event_id, event_type, tenant_id, aggregate_id, envelope)
                        values (:eventId, :type, :tenant, :aggregate, :envelope)""")
                .bind("eventId", event.id())
                .bind("type", event.type())
                .bind("tenant", event.tenantid())
                .bind("envelope", Json.of(codec.encode(event)));
        spec = event.subject() == null ? spec.bindNull("aggregate", String.class) : spec.bind("aggregate", event.subject());
        return spec.then();
    }
}
