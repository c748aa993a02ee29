package br.com.totem.ticket.customer.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BlindIndexTest {

    private final BlindIndex index = new BlindIndex("an-index-key-of-at-least-32-bytes!!".getBytes());

    @Test
    void whenTheSameCpfIsIndexedTwiceThenTheIndexIsTheSame() {
        assertThat(index.of("demo", "52998224725")).isEqualTo(index.of("demo", "52998224725")).hasSize(64);
    }

    @Test
    void whenTheTenantOrTheKeyDiffersThenTheIndexDiffers() {
        assertThat(index.of("demo", "52998224725")).isNotEqualTo(index.of("outro", "52998224725"));
        BlindIndex other = new BlindIndex("another-index-key-of-32-bytes-or-more".getBytes());
        assertThat(other.of("demo", "52998224725")).isNotEqualTo(index.of("demo", "52998224725"));
    }

    @Test
    void whenTheKeyIsShorterThan32BytesThenRefused() {
        assertThatThrownBy(() -> new BlindIndex(new byte[16])).isInstanceOf(IllegalArgumentException.class);
    }
}
