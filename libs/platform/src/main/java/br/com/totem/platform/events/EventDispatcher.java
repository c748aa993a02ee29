package br.com.totem.platform.events;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.messaging.Message;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.EventType;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Receives every message of the service's consumer queue, decodes the CloudEvent, and runs the
 * matching reaction ({@link EventHandlers} or {@link EventHandler}) in one transaction with the inbox record.
 * An event whose {@code source} is not its type's producer ({@link EventType#producer()}) is refused
 * (acknowledged, counted as {@code foreign-source}, never applied). A reaction that finds its
 * event ahead of one it depends on throws {@link EventArrivedEarly}: nothing is recorded and the
 * binder retries it (counted as {@code early}).
 */
public class EventDispatcher {

    private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);

    private final EventCodec codec;
    private final Inbox inbox;
    private final TransactionalOperator tx;
    private final String consumer;
    private final Map<EventType, Function<EventEnvelope<EventPayload>, Mono<Void>>> handlers = new EnumMap<>(EventType.class);
    private final MeterRegistry meters;

    public EventDispatcher(EventCodec codec, Inbox inbox, TransactionalOperator tx, String consumer,
                           List<EventHandlers> registrations, List<String> consumes, MeterRegistry meters) {
        this.codec = codec;
        this.inbox = inbox;
        this.tx = tx;
        this.consumer = consumer;
        this.meters = meters;
        for (EventHandlers registration : registrations) {
            registration.reactions().forEach((type, reaction) -> {
                if (this.handlers.put(type, reaction) != null) {
                    throw new IllegalStateException("Two handlers for " + type.wireName()
                            + " (one of them in " + registration.feature() + ")");
                }
            });
        }
        for (String type : consumes) {
            EventType t = EventType.fromWire(type).orElseThrow(() ->
                    new IllegalStateException("totem.events.consumes names unknown event type " + type));
            if (!this.handlers.containsKey(t)) {
                throw new IllegalStateException("totem.events.consumes lists " + type + " but no EventHandlers bean handles it");
            }
        }
    }

    /** Completes when the event is applied or was already applied; errors make the binder retry. */
    public Mono<Void> dispatch(Message<byte[]> message) {
        Optional<EventEnvelope<? extends EventPayload>> decoded = codec.decode(message.getPayload());
        if (decoded.isEmpty()) {
            log.warn("ignoring event of a type this build does not know: {}", message.getHeaders().get("ce-type"));
            count("unknown");
            return Mono.empty();
        }
        EventEnvelope<? extends EventPayload> event = decoded.get();
        EventType type = EventType.fromWire(event.type()).orElseThrow();
        if (!type.producer().equals(event.source())) {
            // issue 12 item 11: only an event type's producer may publish it; anything else on the
            // exchange (a misconfigured or compromised service) is acknowledged and never applied
            log.warn("rejected {} {} from source {}: only {} publishes it", event.type(), event.id(), event.source(), type.producer());
            count("foreign-source");
            return Mono.empty();
        }
        Function<EventEnvelope<EventPayload>, Mono<Void>> handler = handlers.get(type);
        if (handler == null) {
            log.warn("no handler for {} {}; acknowledged", event.type(), event.id());
            count("unhandled");
            return Mono.empty();
        }
        @SuppressWarnings("unchecked")
        EventEnvelope<EventPayload> typed = (EventEnvelope<EventPayload>) event;
        return tx.transactional(inbox.record(event.id(), consumer, event.type())
                        .flatMap(fresh -> {
                            if (!fresh) {
                                log.debug("duplicate {} {} skipped", event.type(), event.id());
                                count("duplicate");
                                return Mono.empty();
                            }
                            return handler.apply(typed).then(Mono.fromRunnable(() -> count("applied")));
                        }))
                .doOnError(EventArrivedEarly.class, early -> {
                    log.info("{} {} arrived early ({}); rolled back, the binder tries it again", event.type(), event.id(),
                            early.getMessage());
                    count("early");
                })
                .then();
    }

    private void count(String outcome) {
        meters.counter("totem.inbox.events", "outcome", outcome).increment();
    }
}
