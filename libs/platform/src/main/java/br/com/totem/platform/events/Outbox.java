package br.com.totem.platform.events;

import java.util.Collection;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.platform.data.Binds;
import br.com.totem.platform.trace.Traceparent;
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
        Row row = row(event);
        var spec = db.sql("""
                        insert into outbox (event_id, event_type, source, tenant_id, traceparent, aggregate_id, envelope)
                        values (:eventId, :type, :source, :tenant, :traceparent, :aggregate, :envelope)""")
                .bind("eventId", row.eventId())
                .bind("type", row.type())
                .bind("source", row.source())
                .bind("tenant", row.tenant())
                .bind("envelope", row.envelope());
        spec = Binds.nullable(spec, "traceparent", row.traceparent(), String.class);
        return Binds.nullable(spec, "aggregate", row.aggregate(), String.class).then();
    }

    /**
     * Replaces the value of {@code data.<field>} in this tenant's outbox rows about the given
     * aggregates, sent or not: an unsent event then leaves with the new value, a sent one is no
     * longer kept with the old one (LGPD: a customer's display name once they are anonymised).
     * Call it in the transaction that makes the change; returns how many rows held the field.
     */
    public Mono<Long> redact(String tenant, Collection<String> aggregateIds, String field, String value) {
        if (aggregateIds.isEmpty()) {
            return Mono.just(0L);
        }
        return db.sql("""
                        update outbox set envelope = jsonb_set(envelope, array['data', :field]::text[], to_jsonb(:value::text))
                        where tenant_id = :tenant and aggregate_id = any(:ids) and envelope -> 'data' -> :field is not null""")
                .bind("field", field)
                .bind("value", value)
                .bind("tenant", tenant)
                .bind("ids", aggregateIds.toArray(String[]::new))
                .fetch().rowsUpdated();
    }

    /**
     * The outbox row of an event, for a service that folds the outbox insert into its own
     * statement (one round trip for a hot path): insert these values into {@code outbox (event_id,
     * event_type, source, tenant_id, traceparent, aggregate_id, envelope)} in the same statement or
     * transaction as the change the event announces. {@link #append} is the same insert on its own.
     */
    public Row row(EventEnvelope<?> event) {
        EventEnvelope<?> traced = event.traceparent() == null ? withCurrentTrace(event) : event;
        return new Row(traced.id(), traced.type(), traced.source(), traced.tenantid(), traced.traceparent(),
                traced.subject(), Json.of(codec.encode(traced)));
    }

    /** An outbox row's values; {@code traceparent} and {@code aggregate} may be null. */
    public record Row(UUID eventId, String type, String source, String tenant, String traceparent, String aggregate,
                      Json envelope) {
    }

    /**
     * The W3C traceparent of the span this event is written in (the OpenTelemetry agent keeps it
     * current across Reactor operators), so the consumer's work joins the producer's trace even
     * though the relay publishes later, from another thread.
     */
    static EventEnvelope<?> withCurrentTrace(EventEnvelope<?> event) {
        String current = Traceparent.current();
        return current == null ? event : event.withTraceparent(current);
    }
}
