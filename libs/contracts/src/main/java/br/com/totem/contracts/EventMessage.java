package br.com.totem.contracts;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How an event travels on the broker, independent of any client library: the body is the
 * structured CloudEvents JSON of the envelope, published persistent to the events exchange with
 * the event type as routing key, the event id as message id, and the CloudEvents attributes a
 * consumer routes or logs on (binary-mode {@code ce-*} names) plus {@code traceparent} as
 * headers. The outbox relay and the test kit both build their messages from it.
 *
 * @param routingKey the event type's wire name
 * @param messageId  the event id
 * @param headers    {@code ce-id}, {@code ce-type}, {@code ce-source}, {@code ce-tenantid}, and
 *                   {@code traceparent} when the event carries one
 */
public record EventMessage(String routingKey, String messageId, Map<String, String> headers) {

    public static final String CONTENT_TYPE = "application/json";

    public EventMessage {
        Objects.requireNonNull(routingKey, "routingKey");
        Objects.requireNonNull(messageId, "messageId");
        headers = Map.copyOf(headers);
    }

    /** The message attributes of an event, from its envelope's attributes. */
    public static EventMessage of(String eventId, String type, String source, String tenantId, String traceparent) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce-id", eventId);
        headers.put("ce-type", type);
        headers.put("ce-source", source);
        headers.put("ce-tenantid", tenantId);
        if (traceparent != null) {
            headers.put("traceparent", traceparent);
        }
        return new EventMessage(type, eventId, headers);
    }

    public static EventMessage of(EventEnvelope<?> event) {
        return of(event.id().toString(), event.type(), event.source(), event.tenantid(), event.traceparent());
    }
}
