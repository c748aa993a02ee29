package br.com.totem.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void wireNamesAreUniqueAndFromWireIsTheInverseOfWireName() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName)).doesNotHaveDuplicates();
        for (EventType type : EventType.values()) {
            assertThat(EventType.fromWire(type.wireName())).contains(type);
            assertThat(EventType.of(type.payloadType())).isEqualTo(type);
            assertThat(type.dataVersion()).isPositive();
        }
        assertThat(EventType.fromWire("ticket.unknown")).isEmpty();
        assertThat(EventType.fromWire(null)).isEmpty();
    }

    @Test
    void everyPayloadRecordHasExactlyOneEventType() {
        List<Class<?>> records = leaves(EventPayload.class).toList();

        assertThat(records).allMatch(Class::isRecord);
        assertThat(Arrays.stream(EventType.values()).<Class<?>>map(EventType::payloadType))
            .doesNotHaveDuplicates()
            .containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void noPayloadCarriesCpfOrPhone() {
        for (EventType type : EventType.values()) {
            for (var component : type.payloadType().getRecordComponents()) {
                assertThat(component.getName().toLowerCase(Locale.ROOT))
                    .as("%s.%s", type.payloadType().getSimpleName(), component.getName())
                    .doesNotContain("cpf", "phone", "telefone", "celular");
            }
        }
    }

    private static Stream<Class<?>> leaves(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses())
            .flatMap(c -> c.isSealed() ? leaves(c) : Stream.of(c));
    }
}
