package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured mode, with the extension attributes
 * {@code tenantid}, {@code dataversion} and {@code traceparent} (W3C Trace Context).
 * Component names are the CloudEvents attribute names, so a record-based JSON mapper
 * writes the envelope as-is.
 *
 * @param id          unique per event; consumers deduplicate on it
 * @param type        the {@link EventType#wireName() wire name}
 * @param source      the producing service, e.g. "ticket-service"
 * @param traceparent null until the publisher fills it from the current span
 * @param subject     id of the aggregate the event is about: the ticket, payment or print job
 */
public record EventEnvelope<T extends EventPayload>(
    String specversion,
    UUID id,
    String type,
    String source,
    Instant time,
    String tenantid,
    int dataversion,
    String traceparent,
    String subject,
    T data) {

    public static final String SPEC_VERSION = "1.0";

    public EventEnvelope {
        if (!SPEC_VERSION.equals(specversion)) {
            throw new IllegalArgumentException("specversion must be " + SPEC_VERSION + ", was " + specversion);
        }
        requireNonNull(id, "id");
        requireNonNull(type, "type");
        requireNonNull(source, "source");
        requireNonNull(time, "time");
        requireNonNull(tenantid, "tenantid");
        if (dataversion < 1) {
            throw new IllegalArgumentException("dataversion must be >= 1, was " + dataversion);
        }
        requireNonNull(data, "data");
        // Catches a payload read with the wrong class or an envelope built by hand with the wrong type.
        String payloadType = EventType.of(data.getClass()).wireName();
        if (!payloadType.equals(type)) {
            throw new IllegalArgumentException("type " + type + " does not match payload " + payloadType);
        }
    }

    /**
     * A new event of the payload's current type and dataversion, stamped now, whose {@code source}
     * is the type's {@link EventType#producer() producer}: the one way services build their events.
     */
    public static <T extends EventPayload> EventEnvelope<T> of(String tenantId, String aggregateId, T data) {
        requireNonNull(data, "data");
        return of(EventType.of(data.getClass()).producer(), tenantId, aggregateId, data);
    }

    /**
     * A new event with an explicit {@code source}, stamped now. Services use
     * {@link #of(String, String, EventPayload)}; this one is for tests and tools that stand in for
     * another producer.
     */
    public static <T extends EventPayload> EventEnvelope<T> of(String source, String tenantId, String aggregateId, T data) {
        requireNonNull(data, "data");
        EventType type = EventType.of(data.getClass());
        return new EventEnvelope<>(SPEC_VERSION, UUID.randomUUID(), type.wireName(), source, Instant.now(),
            tenantId, type.dataVersion(), null, requireNonNull(aggregateId, "aggregateId"), data);
    }

    /** The same event carrying the publisher's trace context; the id stays, so it is still one event. */
    public EventEnvelope<T> withTraceparent(String traceparent) {
        return new EventEnvelope<>(specversion, id, type, source, time, tenantid, dataversion, traceparent, subject, data);
    }
}
