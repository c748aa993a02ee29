package br.com.totem.queue.live;

import java.nio.charset.StandardCharsets;

import br.com.totem.queue.counter.QueueChanges;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One change as it came from Redis, rendered at most once per audience however many clients
 * receive it (1,000 operator tablets cost one serialisation, not a thousand).
 */
final class LiveMessage {

    private final long seq;
    private final String tenant;
    private final String traceparent;
    private final JsonNode change;
    private final JsonMapper json;
    private volatile String operatorFrame;
    private volatile String panelFrame;
    private volatile byte[] operatorBytes;
    private volatile byte[] panelBytes;

    LiveMessage(long seq, String tenant, String traceparent, JsonNode change, JsonMapper json) {
        this.seq = seq;
        this.tenant = tenant;
        this.traceparent = traceparent;
        this.change = change;
        this.json = json;
    }

    static LiveMessage parse(String raw, JsonMapper json) {
        JsonNode node = json.readTree(raw);
        JsonNode traceparent = node.get("traceparent");
        return new LiveMessage(node.get("seq").asLong(), node.get("tenant").asString(),
                traceparent == null || traceparent.isNull() ? null : traceparent.asString(), node.get("change"), json);
    }

    /** The W3C traceparent of the request or event that made the change, or null. */
    String traceparent() {
        return traceparent;
    }

    long seq() {
        return seq;
    }

    String tenant() {
        return tenant;
    }

    /**
     * The frame for this audience. A change the panel does not show (a ticket joining a line)
     * still reaches it as {@code {"type":"skip","seq":n}}: sequence numbers are per tenant, and
     * a client that saw n-1 and then n+1 rightly takes the hole for a lost change and reconnects
     * (with nothing but calls on the socket, the TV did that on every sale, for ever).
     */
    String frame(Audience audience) {
        return audience == Audience.OPERATOR ? operatorFrame() : panelFrame();
    }

    /**
     * The frame for this audience as UTF-8, encoded once and shared by every client's socket
     * (each send wraps the same array).
     */
    byte[] frameBytes(Audience audience) {
        byte[] b = audience == Audience.OPERATOR ? operatorBytes : panelBytes;
        if (b == null) {
            b = frame(audience).getBytes(StandardCharsets.UTF_8);
            if (audience == Audience.OPERATOR) {
                operatorBytes = b;
            } else {
                panelBytes = b;
            }
        }
        return b;
    }

    private String operatorFrame() {
        String f = operatorFrame;
        if (f == null) {
            ObjectNode out = json.createObjectNode();
            out.put("type", "change");
            out.put("seq", seq);
            change.properties().forEach(e -> out.set(e.getKey(), e.getValue()));
            traced(out);
            f = json.writeValueAsString(out);
            operatorFrame = f;
        }
        return f;
    }

    private String panelFrame() {
        String f = panelFrame;
        if (f == null) {
            QueueChanges.Kind kind = QueueChanges.Kind.valueOf(change.get("kind").asString());
            ObjectNode out = json.createObjectNode();
            if (kind.forPanel()) {
                out.put("type", "change");
                out.put("seq", seq);
                out.put("kind", kind.name());
                out.set("call", Panel.call(json, change.get("ticket")));
                traced(out);
            } else {
                out.put("type", "skip");
                out.put("seq", seq);
            }
            f = json.writeValueAsString(out);
            panelFrame = f;
        }
        return f;
    }

    /** The frame names the trace that made the change: a client's report can be found in Jaeger and the logs. */
    private void traced(ObjectNode frame) {
        if (traceparent != null) {
            frame.put("traceparent", traceparent);
        }
    }

    enum Audience {
        OPERATOR, PANEL
    }

    /** What the TV shows of a ticket: the number, its service (for the colour) and where to go, never the name. */
    static final class Panel {
        private Panel() {
        }

        static ObjectNode call(JsonMapper json, JsonNode ticket) {
            ObjectNode call = json.createObjectNode();
            for (String field : new String[] {"ticketId", "number", "serviceId", "serviceName", "stationName", "status", "recallCount", "calledAt"}) {
                JsonNode v = ticket.get(field);
                if (v != null && !v.isNull()) {
                    call.set(field, v);
                }
            }
            return call;
        }
    }
}
