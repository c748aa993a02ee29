package br.com.totem.platform.events;

/**
 * Thrown by a reaction when its event depends on one this service has not applied yet: with two
 * instances competing for a queue, {@code ticket.completed} can reach one instance while the
 * other is still applying {@code ticket.started}. Acknowledging it would lose it for good;
 * failing makes the binder try it again after its back-off ({@code totem.events.max-attempts},
 * {@code backoff-*}), by which time the earlier event is applied. An event still early after the
 * last attempt goes to the dead-letter queue with the rest, to be replayed. The inbox records
 * nothing for it (its transaction rolls back); {@link EventDispatcher} counts it as {@code early}.
 */
public class EventArrivedEarly extends RuntimeException {

    public EventArrivedEarly(String message) {
        super(message, null, false, false);
    }
}
