package br.com.totem.platform.events;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.EventType;
import reactor.core.publisher.Mono;

/**
 * What one feature consumes, declared in one place: a bean built with
 * {@code EventHandlers.forFeature("tickets").on(PaymentConfirmed.class, payment::confirm).build()}.
 * Each reaction runs like an {@link EventHandler}: inside the transaction that records the event
 * in the inbox, retried and then dead-lettered by the platform when it fails. The event type is
 * the payload's ({@link EventType#of}); a type registered twice, in one or in several beans, is
 * refused at start-up.
 */
public final class EventHandlers {

    private final String feature;
    private final Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> reactions;

    private EventHandlers(String feature, Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> reactions) {
        this.feature = feature;
        this.reactions = Collections.unmodifiableMap(reactions);
    }

    /** Starts the declaration of a feature's consumed events; the name appears in errors and logs. */
    public static Builder forFeature(String feature) {
        return new Builder(feature);
    }

    public String feature() {
        return feature;
    }

    /** The reactions by event type. */
    public Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> reactions() {
        return reactions;
    }

    /** Adapts a stand-alone {@link EventHandler} bean. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static EventHandlers of(EventHandler<?> handler) {
        Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> one = new EnumMap<>(EventType.class);
        EventHandler raw = handler;
        one.put(handler.eventType(), e -> raw.handle(e));
        return new EventHandlers(handler.getClass().getSimpleName(), one);
    }

    public static final class Builder {
        private final String feature;
        private final Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> reactions =
                new EnumMap<>(EventType.class);

        private Builder(String feature) {
            this.feature = feature;
        }

        /** The reaction to the event whose payload is {@code payload}. */
        @SuppressWarnings("unchecked")
        public <T extends EventPayload> Builder on(Class<T> payload, Function<EventEnvelope<T>, Mono<Void>> reaction) {
            EventType type = EventType.of(payload);
            Function<EventEnvelope<EventPayload>, Mono<Void>> erased =
                    e -> reaction.apply((EventEnvelope<T>) (EventEnvelope<?>) e);
            if (reactions.put(type, erased) != null) {
                throw new IllegalStateException(feature + " registers " + type.wireName() + " twice");
            }
            return this;
        }

        public EventHandlers build() {
            return new EventHandlers(feature, new EnumMap<>(reactions));
        }
    }
}
