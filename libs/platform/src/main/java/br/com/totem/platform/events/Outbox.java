package br.com.totem.platform.events;

import org.springframework.r2dbc.core.DatabaseClient;

import br.com.totem.contracts.EventEnvelope;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
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
        EventEnvelope<?> traced = event.traceparent() == null ? withCurrentTrace(event) : event;
        var spec = db.sql("""
                        insert into outbox (event_id, event_type, source, tenant_id, traceparent, aggregate_id, envelope)
                        values (:eventId, :type, :source, :tenant, :traceparent, :aggregate, :envelope)""")
                .bind("eventId", traced.id())
                .bind("type", traced.type())
                .bind("source", traced.source())
                .bind("tenant", traced.tenantid())
                .bind("envelope", Json.of(codec.encode(traced)));
        spec = traced.traceparent() == null ? spec.bindNull("traceparent", String.class) : spec.bind("traceparent", traced.traceparent());
        spec = traced.subject() == null ? spec.bindNull("aggregate", String.class) : spec.bind("aggregate", traced.subject());
        return spec.then();
    }

    /**
     * The W3C traceparent of the span this event is written in (the OpenTelemetry agent keeps it
     * current across Reactor operators), so the consumer's work joins the producer's trace even
     * though the relay publishes later, from another thread.
     */
    static EventEnvelope<?> withCurrentTrace(EventEnvelope<?> event) {
        SpanContext span = Span.current().getSpanContext();
        if (!span.isValid()) {
            return event;
        }
        return event.withTraceparent("00-" + span.getTraceId() + "-" + span.getSpanId() + "-"
                + span.getTraceFlags().asHex());
    }
}
