package br.com.totem.payment.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.scheduling.support.CronExpression;

import br.com.totem.testkit.MovableClock;

class DailyDueTest {

    private final CronExpression cron = CronExpression.parse("0 30 3 * * *");
    private final MovableClock clock = new MovableClock();
    private final Clock saoPaulo = clock.withZone(ZoneId.of("America/Sao_Paulo"));

    @Test
    void comesOnceADayAtTheCronTime() {
        var due = new PaymentJobs.DailyDue(cron, saoPaulo);
        ZonedDateTime now = ZonedDateTime.now(saoPaulo);
        ZonedDateTime first = cron.next(now);

        assertThat(due.take()).isFalse();
        clock.advance(Duration.between(now, first).minusMinutes(1));
        assertThat(due.take()).as("a minute before 03:30").isFalse();
        clock.advance(Duration.ofMinutes(2));
        assertThat(due.take()).as("a minute after 03:30").isTrue();
        assertThat(due.take()).as("taken: not twice the same day").isFalse();
        clock.advance(Duration.ofHours(23));
        assertThat(due.take()).as("02:31 the next day").isFalse();
        clock.advance(Duration.ofHours(1));
        assertThat(due.take()).as("the next day's 03:30 has passed").isTrue();
    }
}
