package br.com.totem.ticket.customer.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PersonNameTest {

    @Test
    void whenTypedWithExtraSpacesThenTrimmedAndCollapsed() {
        assertThat(PersonName.parse("   Maria    da  Silva  ")).map(PersonName::value).contains("Maria da Silva");
    }

    @Test
    void whenShorterThanTwoOrLongerThanEightyCharactersThenRefused() {
        assertThat(PersonName.parse(" M ")).isEmpty();
        assertThat(PersonName.parse("Jo")).isPresent();
        assertThat(PersonName.parse("A".repeat(80))).isPresent();
        assertThat(PersonName.parse("A".repeat(81))).isEmpty();
        assertThat(PersonName.parse("12")).isEmpty();
        assertThat(PersonName.parse("Ana\u0007")).isEmpty();
        assertThat(PersonName.parse(null)).isEmpty();
    }

    @Test
    void whenDisplayedThenFirstNameAndLastInitial() {
        assertThat(PersonName.parse("Maria da Silva").orElseThrow().displayName()).isEqualTo("Maria S.");
        assertThat(PersonName.parse("joão souza").orElseThrow().displayName()).isEqualTo("joão S.");
        assertThat(PersonName.parse("Pelé").orElseThrow().displayName()).isEqualTo("Pelé");
    }
}
