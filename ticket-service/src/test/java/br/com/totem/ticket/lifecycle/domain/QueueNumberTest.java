package br.com.totem.ticket.lifecycle.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import br.com.totem.platform.security.OpaqueTokens;

class QueueNumberTest {

    @Test
    void whenFormattedThenPrefixAndAtLeastThreeDigits() {
        assertThat(QueueNumber.format("G", 1)).isEqualTo("G001");
        assertThat(QueueNumber.format("G", 12)).isEqualTo("G012");
        assertThat(QueueNumber.format("BTA", 999)).isEqualTo("BTA999");
        assertThat(QueueNumber.format("G", 1000)).isEqualTo("G1000");
    }

    @Test
    void whenSequenceIsNotPositiveThenRefused() {
        assertThatThrownBy(() -> QueueNumber.format("G", 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenStatusTokensAreGeneratedThenTheyAreLongUrlSafeAndNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = OpaqueTokens.generate();
            assertThat(token).hasSize(43).matches("[A-Za-z0-9_-]+");
            assertThat(seen.add(token)).isTrue();
        }
    }
}
