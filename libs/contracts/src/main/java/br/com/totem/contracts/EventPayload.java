package br.com.totem.contracts;

/**
 * Marker for the {@code data} of an {@link EventEnvelope}.
 *
 * <p>Deliberately has no methods: a serialiser that maps records by their components must
 * not find anything else to write. The event type of a payload is looked up with
 * {@link EventType#of(Class)}.
 */
public sealed interface EventPayload permits TicketEvent, PaymentEvent, PrintEvent, CatalogEvent, CustomerEvent {
}
