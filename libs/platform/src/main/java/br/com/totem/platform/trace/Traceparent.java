package br.com.totem.platform.trace;

import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * W3C {@code traceparent} strings for work that leaves the process outside what the OpenTelemetry
 * agent instruments (the outbox row, the live queue's Redis message): written from the current
 * span, read back as the remote parent of the next one. Only the OpenTelemetry API: without the
 * agent no span is ever current and a stored traceparent passes through unchanged.
 */
public final class Traceparent {

    private static final TextMapGetter<String> CARRIER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of("traceparent");
        }

        @Override
        public String get(String carrier, String key) {
            return "traceparent".equals(key) ? carrier : null;
        }
    };

    private Traceparent() {
    }

    /** The traceparent of the span current on this thread, or null when there is none. */
    public static String current() {
        return of(Span.current().getSpanContext());
    }

    /**
     * The current span's traceparent, else {@code fallback} (the one an event arrived with): a
     * consumer's work continues the consumer span when the agent started one, and the producer's
     * trace when it did not.
     */
    public static String currentOr(String fallback) {
        String current = current();
        return current != null ? current : fallback;
    }

    /** {@code 00-<trace id>-<span id>-<flags>}, or null for an invalid (absent) span context. */
    public static String of(SpanContext span) {
        if (!span.isValid()) {
            return null;
        }
        return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getTraceFlags().asHex();
    }

    /** The context with the traceparent as its remote parent; the root context when it is null or malformed. */
    public static Context context(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), traceparent, CARRIER);
    }

    /** The 32-hex trace id of a traceparent (what Jaeger and the JSON logs' {@code trace_id} show), or null. */
    public static String traceId(String traceparent) {
        SpanContext span = Span.fromContext(context(traceparent)).getSpanContext();
        return span.isValid() ? span.getTraceId() : null;
    }
}
