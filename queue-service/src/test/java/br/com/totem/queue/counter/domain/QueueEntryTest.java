package br.com.totem.queue.counter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class QueueEntryTest {

    private static final Instant PAID = Instant.parse("2026-12-04T12:00:00Z");
    private final UUID service = UUID.randomUUID();
    private final QueueEntry waiting = QueueEntry.waiting(new QueueEntry.Paid(UUID.randomUUID(), "demo", "B001", true,
            "Maria S.", "st-1", LocalDate.of(2026, 12, 4), PAID), new QueueEntry.Line(service, "Banheira", 15));

    @Test
    void aPaidTicketWaitsWithNoStationAndNoCalls() {
        assertThat(waiting.status()).isEqualTo(EntryStatus.WAITING);
        assertThat(waiting.attendance().stationId()).isNull();
        assertThat(waiting.attendance().recallCount()).isZero();
        assertThat(waiting.attendance().calledAt()).isNull();
    }

    @Test
    void eachStepChangesOnlyWhatItChanges() {
        UUID station = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant t1 = PAID.plusSeconds(60);
        QueueEntry called = waiting.calledBy(station, "Banheira 1", session, "op-1", t1);
        assertThat(called.status()).isEqualTo(EntryStatus.CALLED);
        assertThat(called.attendance().stationId()).isEqualTo(station);
        assertThat(called.attendance().sessionId()).isEqualTo(session);
        assertThat(called.attendance().calledAt()).isEqualTo(t1);

        QueueEntry recalled = called.recalled(t1.plusSeconds(30));
        assertThat(recalled.attendance().recallCount()).isEqualTo(1);
        assertThat(recalled.attendance().calledAt()).isEqualTo(t1.plusSeconds(30));
        assertThat(recalled.attendance().stationId()).isEqualTo(station);

        QueueEntry started = recalled.started(t1.plusSeconds(90));
        assertThat(started.status()).isEqualTo(EntryStatus.IN_SERVICE);
        assertThat(started.attendance().startedAt()).isEqualTo(t1.plusSeconds(90));
        assertThat(started.attendance().calledAt()).isEqualTo(recalled.attendance().calledAt());
        assertThat(started.attendance().recallCount()).isEqualTo(1);

        QueueEntry completed = started.completed(t1.plusSeconds(900));
        assertThat(completed.status()).isEqualTo(EntryStatus.COMPLETED);
        assertThat(completed.attendance().finishedAt()).isEqualTo(t1.plusSeconds(900));
        assertThat(completed.attendance().startedAt()).isEqualTo(started.attendance().startedAt());
        // what was sold never changes, nor the line
        assertThat(completed.paid()).isEqualTo(waiting.paid());
        assertThat(completed.line()).isEqualTo(waiting.line());
    }

    @Test
    void aNoShowWasNeverStartedAndACancelledTicketKeepsItsCall() {
        QueueEntry called = waiting.calledBy(UUID.randomUUID(), "B1", UUID.randomUUID(), "op", PAID.plusSeconds(5));
        QueueEntry noShow = called.noShow(PAID.plusSeconds(300));
        assertThat(noShow.status()).isEqualTo(EntryStatus.NO_SHOW);
        assertThat(noShow.attendance().startedAt()).isNull();
        assertThat(noShow.attendance().finishedAt()).isEqualTo(PAID.plusSeconds(300));

        QueueEntry cancelled = called.cancelled(PAID.plusSeconds(20));
        assertThat(cancelled.status()).isEqualTo(EntryStatus.CANCELLED);
        assertThat(cancelled.attendance().calledAt()).isEqualTo(called.attendance().calledAt());
        assertThat(cancelled.attendance().finishedAt()).isEqualTo(PAID.plusSeconds(20));
    }

    @Test
    void aTransferredTicketWaitsInTheOtherLineWithItsNumberAndPaidTime() {
        UUID other = UUID.randomUUID();
        QueueEntry called = waiting.calledBy(UUID.randomUUID(), "B1", UUID.randomUUID(), "op", PAID.plusSeconds(5))
                .recalled(PAID.plusSeconds(10));
        QueueEntry moved = called.transferredTo(other, "Bota", 30);
        assertThat(moved.status()).isEqualTo(EntryStatus.WAITING);
        assertThat(moved.serviceId()).isEqualTo(other);
        assertThat(moved.line().serviceName()).isEqualTo("Bota");
        assertThat(moved.line().durationMinutes()).isEqualTo(30);
        assertThat(moved.number()).isEqualTo("B001");
        assertThat(moved.paid().paidAt()).isEqualTo(PAID);
        assertThat(moved.attendance()).isEqualTo(QueueEntry.Attendance.NONE);
    }
}
