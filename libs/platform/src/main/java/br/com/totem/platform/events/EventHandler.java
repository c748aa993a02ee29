package br.com.totem.platform.events;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.EventType;
import reactor.core.publisher.Mono;

/**
 * A service's reaction to one event type. It runs inside the transaction that records the
 * event id in the inbox, so its database writes (and any outbox appends) commit with that
 * record: a redelivered event finds the record and is skipped. An exception rolls both back
 * and the message is retried, then dead-lettered.
 *
 * <p>An event for an unknown or already-moved aggregate is not an error: log and complete.
 *
 * <p>Prefer {@link EventHandlers}: a feature declares all it consumes in one bean, without a class
 * per event that only forwards to one method.
 */
public interface EventHandler<T extends EventPayload> {

    EventType eventType();

    Mono<Void> handle(EventEnvelope<T> event);
}
