package br.com.totem.ticket.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class CpfTest {

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-25", "52998224725", " 529.982.247-25 ", "52998224725", "111.444.777-35", "39053344705"})
    void whenCheckDigitsAreValidThenAcceptedFormattedOrNot(String text) {
        assertThat(Cpf.parse(text)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"529.982.247-24", "52998224715", "000.000.000-00", "11111111111", "99999999999",
            "5299822472", "529982247250", "529-982-247.25", "529 982 247 25", "abc.def.ghi-jk", "", "   "})
    void whenCheckDigitsLengthOrShapeAreWrongThenRefused(String text) {
        assertThat(Cpf.parse(text)).isEmpty();
    }

    @Test
    void whenNullThenRefused() {
        assertThat(Cpf.parse(null)).isEmpty();
    }

    @Test
    void whenShownThenOnlyTheMiddleDigitsAppear() {
        Cpf cpf = Cpf.parse("123.456.789-09").orElseThrow();
        assertThat(cpf.masked()).isEqualTo("***.456.789-**");
        assertThat(cpf.toString()).isEqualTo("***.456.789-**");
        assertThat(cpf.digits()).isEqualTo("12345678909");
    }

    @Test
    void whenFormattedAndBareThenEqual() {
        assertThat(Cpf.parse("529.982.247-25")).isEqualTo(Cpf.parse("52998224725"));
    }
}
