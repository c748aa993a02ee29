package br.com.totem.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The JSON examples are the contract other teams read; this keeps them and the records in step. */
class EventExamplesRoundTripTest {

    @ParameterizedTest
    @EnumSource(EventType.class)
    void exampleRoundTripsWithoutLosingOrAddingFields(EventType type) {
        String json = EventJson.example(type);

        EventEnvelope<?> envelope = EventJson.read(json, type);

        assertThat(envelope.type()).isEqualTo(type.wireName());
        assertThat(envelope.dataversion()).isEqualTo(type.dataVersion());
        assertThat(envelope.source()).isEqualTo(type.producer());
        assertThat(envelope.data()).isInstanceOf(type.payloadType());
        assertThat(envelope.subject()).isNotBlank();
        assertThat(envelope.traceparent()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        // Trees, not strings: property order and whitespace are not part of the contract.
        assertThat(EventJson.tree(EventJson.write(envelope))).isEqualTo(EventJson.tree(json));
    }
}
