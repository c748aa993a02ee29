package br.com.totem.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class MovableClockTest {

    @Test
    void movesForwardAndBackToTheSystemTime() {
        MovableClock clock = new MovableClock();
        clock.advance(Duration.ofHours(1));
        assertThat(clock.instant()).isAfter(Instant.now().plus(Duration.ofMinutes(59)));
        clock.reset();
        assertThat(clock.instant()).isBefore(Instant.now().plus(Duration.ofMinutes(1)));
    }

    @Test
    void anotherZoneSharesTheOffset() {
        MovableClock clock = new MovableClock();
        var saoPaulo = clock.withZone(ZoneId.of("America/Sao_Paulo"));
        clock.advance(Duration.ofDays(1));
        assertThat(saoPaulo.getZone()).isEqualTo(ZoneId.of("America/Sao_Paulo"));
        assertThat(saoPaulo.instant()).isAfter(Instant.now().plus(Duration.ofHours(23)));
    }
}
