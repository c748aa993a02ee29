package br.com.totem.platform.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;

class TraceparentTest {

    static final String PARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    @Test
    void whenASpanIsCurrentThenItsTraceparentIsTakenOverTheFallback() {
        var context = SpanContext.create("0af7651916cd43dd8448eb211c80319c", "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault());
        try (var scope = Span.wrap(context).makeCurrent()) {
            assertThat(Traceparent.current()).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
            assertThat(Traceparent.currentOr(PARENT)).isEqualTo("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        }
    }

    @Test
    void whenNoSpanIsCurrentThenTheFallbackGoesOnUnchanged() {
        assertThat(Traceparent.current()).isNull();
        assertThat(Traceparent.currentOr(PARENT)).isEqualTo(PARENT);
        assertThat(Traceparent.currentOr(null)).isNull();
    }

    @Test
    void whenReadBackThenTheTraceparentIsTheRemoteParent() {
        SpanContext parent = Span.fromContext(Traceparent.context(PARENT)).getSpanContext();
        assertThat(parent.isRemote()).isTrue();
        assertThat(Traceparent.of(parent)).isEqualTo(PARENT);
        assertThat(Traceparent.traceId(PARENT)).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        for (String absent : new String[] {null, "", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"}) {
            assertThat(Span.fromContext(Traceparent.context(absent)).getSpanContext().isValid()).as(absent).isFalse();
            assertThat(Traceparent.traceId(absent)).isNull();
        }
    }
}
