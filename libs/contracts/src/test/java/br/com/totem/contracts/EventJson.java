package br.com.totem.contracts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Jackson 3 with its defaults (ISO dates), made strict so an example cannot carry stray fields. */
final class EventJson {

    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .build();

    private EventJson() {
    }

    static String example(EventType type) {
        String resource = "/events/" + type.wireName() + ".json";
        try (InputStream in = EventJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("missing example " + resource + " for " + type);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static EventEnvelope<?> read(String json, EventType type) {
        JavaType envelopeType = MAPPER.getTypeFactory().constructParametricType(EventEnvelope.class, type.payloadType());
        return MAPPER.readValue(json, envelopeType);
    }

    static String write(EventEnvelope<?> envelope) {
        return MAPPER.writeValueAsString(envelope);
    }

    static JsonNode tree(String json) {
        return MAPPER.readTree(json);
    }
}
