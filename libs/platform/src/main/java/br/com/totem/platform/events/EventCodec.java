package br.com.totem.platform.events;

import java.util.Optional;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.EventType;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Structured CloudEvents JSON ⇄ {@link EventEnvelope}, with the payload type taken from {@link EventType}. */
public class EventCodec {

    private final JsonMapper json;

    public EventCodec(JsonMapper json) {
        this.json = json;
    }

    public byte[] encode(EventEnvelope<?> envelope) {
        return json.writeValueAsBytes(envelope);
    }

    /** Reads the envelope; empty when the type is not one this build knows (a newer producer). */
    public Optional<EventEnvelope<? extends EventPayload>> decode(byte[] body) {
        JsonNode tree = json.readTree(body);
        JsonNode typeNode = tree.get("type");
        if (typeNode == null || !typeNode.isString()) {
            throw new MalformedEventException("event has no type attribute");
        }
        Optional<EventType> type = EventType.fromWire(typeNode.asString());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        JavaType javaType = json.getTypeFactory().constructParametricType(EventEnvelope.class, type.get().payloadType());
        try {
            EventEnvelope<? extends EventPayload> envelope = json.readValue(json.treeAsTokens(tree), javaType);
            return Optional.of(envelope);
        } catch (RuntimeException e) {
            throw new MalformedEventException("event " + typeNode.asString() + " does not match its contract: "
                    + e.getClass().getSimpleName());
        }
    }

    /** A message that can never be processed; it goes to the dead-letter queue after the retries. */
    public static class MalformedEventException extends RuntimeException {
        public MalformedEventException(String message) {
            super(message);
        }
    }
}
