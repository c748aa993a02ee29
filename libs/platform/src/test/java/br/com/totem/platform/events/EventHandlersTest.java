package br.com.totem.platform.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.contracts.TicketStarted;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import reactor.core.publisher.Mono;

class EventHandlersTest {

    @Test
    void registersEachReactionUnderItsPayloadsEventType() {
        List<EventEnvelope<TicketExpired>> seen = new java.util.ArrayList<>();
        EventHandlers handlers = EventHandlers.forFeature("tickets")
                .on(TicketExpired.class, e -> Mono.fromRunnable(() -> seen.add(e)))
                .on(TicketStarted.class, e -> Mono.empty())
                .build();

        assertThat(handlers.reactions()).containsOnlyKeys(EventType.TICKET_EXPIRED, EventType.TICKET_STARTED);
        var event = EventEnvelope.of("ticket-service", "demo", "t1", new TicketExpired(UUID.randomUUID(), Instant.now()));
        @SuppressWarnings({"unchecked", "rawtypes"})
        EventEnvelope<br.com.totem.contracts.EventPayload> erased = (EventEnvelope) event;
        handlers.reactions().get(EventType.TICKET_EXPIRED).apply(erased).block();
        assertThat(seen).containsExactly(event);
    }

    @Test
    void refusesOneEventTypeTwiceInAFeature() {
        var builder = EventHandlers.forFeature("tickets").on(TicketExpired.class, e -> Mono.empty());
        assertThatThrownBy(() -> builder.on(TicketExpired.class, e -> Mono.empty()))
                .hasMessageContaining("ticket.expired twice");
    }

    @Test
    void refusesOneEventTypeInTwoFeatures() {
        var a = EventHandlers.forFeature("a").on(TicketExpired.class, e -> Mono.empty()).build();
        var b = EventHandlers.forFeature("b").on(TicketExpired.class, e -> Mono.empty()).build();
        assertThatThrownBy(() -> new EventDispatcher(null, null, null, "svc", List.of(a, b), List.of("ticket.expired"),
                new SimpleMeterRegistry()))
                .hasMessageContaining("Two handlers for ticket.expired");
    }

    @Test
    void refusesAConsumedTypeWithoutReaction() {
        var a = EventHandlers.forFeature("a").on(TicketExpired.class, e -> Mono.empty()).build();
        assertThatThrownBy(() -> new EventDispatcher(null, null, null, "svc", List.of(a),
                List.of("ticket.expired", "ticket.started"), new SimpleMeterRegistry()))
                .hasMessageContaining("ticket.started");
    }

    @Test
    void anEventFromAnyoneButItsTypesProducerIsNeverApplied() {
        // issue 12 item 11: ticket.expired comes from ticket-service only
        List<Object> applied = new java.util.ArrayList<>();
        var a = EventHandlers.forFeature("a").on(TicketExpired.class, e -> Mono.fromRunnable(() -> applied.add(e))).build();
        var meters = new SimpleMeterRegistry();
        var codec = new EventCodec(tools.jackson.databind.json.JsonMapper.builder().findAndAddModules().build());
        // no inbox and no transaction: a refused event must not get that far
        var dispatcher = new EventDispatcher(codec, null, null, "svc", List.of(a), List.of("ticket.expired"), meters);
        var forged = EventEnvelope.of("queue-service", "demo", "t1", new TicketExpired(UUID.randomUUID(), Instant.now()));
        dispatcher.dispatch(org.springframework.messaging.support.MessageBuilder.withPayload(codec.encode(forged)).build())
                .block(java.time.Duration.ofSeconds(5));
        assertThat(applied).isEmpty();
        assertThat(meters.counter("totem.inbox.events", "outcome", "foreign-source").count()).isEqualTo(1);
    }
}
