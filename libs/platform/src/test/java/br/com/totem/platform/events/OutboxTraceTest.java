package br.com.totem.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketExpired;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

class OutboxTraceTest {

    private final EventEnvelope<TicketExpired> event = EventEnvelope.of("ticket-service", "demo", "t-1",
            new TicketExpired(UUID.randomUUID(), Instant.now()));

    @Test
    void whenWrittenInsideASpanThenTheEventCarriesItsTraceparent() {
        var context = SpanContext.create("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (var scope = Span.wrap(context).makeCurrent()) {
            assertThat(Outbox.withCurrentTrace(event).traceparent())
                    .isEqualTo("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        }
    }

    @Test
    void whenTheRelayPublishesThenTheStoredTraceparentIsTheCurrentParent() {
        var context = OutboxRelay.traceOf("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        try (var scope = context.makeCurrent()) {
            SpanContext current = Span.current().getSpanContext();
            assertThat(current.getTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
            assertThat(current.getSpanId()).isEqualTo("00f067aa0ba902b7");
            assertThat(current.isRemote()).isTrue();
            assertThat(current.isSampled()).isTrue();
            // and an event written now (a consumer's own event) carries the same trace on
            assertThat(Outbox.withCurrentTrace(event).traceparent()).startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-");
        }
        assertThat(Span.fromContext(OutboxRelay.traceOf(null)).getSpanContext().isValid()).isFalse();
        assertThat(Span.fromContext(OutboxRelay.traceOf("garbage")).getSpanContext().isValid()).isFalse();
    }

    @Test
    void whenNoSpanIsCurrentThenTheEventIsUnchanged() {
        assertThat(Outbox.withCurrentTrace(event)).isSameAs(event);
    }
}
