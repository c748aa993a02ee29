package br.com.totem.ticket.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumberTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "(11) 98765-4321|+5511987654321",
            "11987654321|+5511987654321",
            "+55 11 98765-4321|+5511987654321",
            "5511987654321|+5511987654321",
            "011 98765-4321|+5511987654321",
            "(21) 3456-7890|+552134567890",
            "+55 (48) 99999.0000|+5548999990000"})
    void whenABrazilianNumberIsTypedAnyWayThenItIsStoredInE164(String typed, String e164) {
        assertThat(PhoneNumber.parse(typed)).map(PhoneNumber::e164).contains(e164);
    }

    @ParameterizedTest
    @ValueSource(strings = {"12345", "(11) 8765-432", "(20) 98765-4321", "(11) 88765-4321", "(11) 6765-4321",
            "+1 212 555 1234", "+44 20 7946 0958", "11 98765-4321 ramal 2", "abcdefghijk", ""})
    void whenNotABrazilianNumberThenRefused(String typed) {
        assertThat(PhoneNumber.parse(typed)).isEmpty();
    }

    @Test
    void whenShownThenMasked() {
        PhoneNumber p = PhoneNumber.parse("(11) 98765-4321").orElseThrow();
        assertThat(p.masked()).isEqualTo("+55 11 *****-4321");
        assertThat(p.toString()).doesNotContain("98765");
    }
}
