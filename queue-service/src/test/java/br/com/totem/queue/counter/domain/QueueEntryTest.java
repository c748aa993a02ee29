package br.com.totem.queue.counter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class QueueEntryTest {

    private static final Instant PAID = Instant.parse("2026-12-04T12:00:00Z");
    private final UUID service = UUID.randomUUID();
    private final QueueEntry waiting = QueueEntry.waiting(UUID.randomUUID(), "demo", "B001", service, "Banheira", true,
            "Maria S.", "st-1", LocalDate.of(2026, 12, 4), 15, PAID);

    @Test
    void aPaidTicketWaitsWithNoStationAndNoCalls() {
        assertThat(waiting.status()).isEqualTo(EntryStatus.WAITING);
        assertThat(waiting.stationId()).isNull();
        assertThat(waiting.recallCount()).isZero();
        assertThat(waiting.calledAt()).isNull();
    }

    @Test
    void eachStepChangesOnlyWhatItChanges() {
        UUID station = UUID.randomUUID();
        UUID session = UUID.randomUUID();
        Instant t1 = PAID.plusSeconds(60);
        QueueEntry called = waiting.calledBy(station, "Banheira 1", session, "op-1", t1);
        assertThat(called.status()).isEqualTo(EntryStatus.CALLED);
        assertThat(called.stationId()).isEqualTo(station);
        assertThat(called.sessionId()).isEqualTo(session);
        assertThat(called.calledAt()).isEqualTo(t1);

        QueueEntry recalled = called.recalled(t1.plusSeconds(30));
        assertThat(recalled.recallCount()).isEqualTo(1);
        assertThat(recalled.calledAt()).isEqualTo(t1.plusSeconds(30));
        assertThat(recalled.stationId()).isEqualTo(station);

        QueueEntry started = recalled.started(t1.plusSeconds(90));
        assertThat(started.status()).isEqualTo(EntryStatus.IN_SERVICE);
        assertThat(started.startedAt()).isEqualTo(t1.plusSeconds(90));
        assertThat(started.calledAt()).isEqualTo(recalled.calledAt());
        assertThat(started.recallCount()).isEqualTo(1);

        QueueEntry completed = started.completed(t1.plusSeconds(900));
        assertThat(completed.status()).isEqualTo(EntryStatus.COMPLETED);
        assertThat(completed.finishedAt()).isEqualTo(t1.plusSeconds(900));
        assertThat(completed.startedAt()).isEqualTo(started.startedAt());
        // what was sold never changes
        assertThat(completed.number()).isEqualTo("B001");
        assertThat(completed.paidAt()).isEqualTo(PAID);
        assertThat(completed.preferential()).isTrue();
    }

    @Test
    void aNoShowWasNeverStartedAndACancelledTicketKeepsItsCall() {
        QueueEntry called = waiting.calledBy(UUID.randomUUID(), "B1", UUID.randomUUID(), "op", PAID.plusSeconds(5));
        QueueEntry noShow = called.noShow(PAID.plusSeconds(300));
        assertThat(noShow.status()).isEqualTo(EntryStatus.NO_SHOW);
        assertThat(noShow.startedAt()).isNull();
        assertThat(noShow.finishedAt()).isEqualTo(PAID.plusSeconds(300));

        QueueEntry cancelled = called.cancelled(PAID.plusSeconds(20));
        assertThat(cancelled.status()).isEqualTo(EntryStatus.CANCELLED);
        assertThat(cancelled.calledAt()).isEqualTo(called.calledAt());
        assertThat(cancelled.finishedAt()).isEqualTo(PAID.plusSeconds(20));
    }

    @Test
    void aTransferredTicketWaitsInTheOtherLineWithItsNumberAndPaidTime() {
        UUID other = UUID.randomUUID();
        QueueEntry called = waiting.calledBy(UUID.randomUUID(), "B1", UUID.randomUUID(), "op", PAID.plusSeconds(5))
                .recalled(PAID.plusSeconds(10));
        QueueEntry moved = called.transferredTo(other, "Bota", 30);
        assertThat(moved.status()).isEqualTo(EntryStatus.WAITING);
        assertThat(moved.serviceId()).isEqualTo(other);
        assertThat(moved.serviceName()).isEqualTo("Bota");
        assertThat(moved.durationMinutes()).isEqualTo(30);
        assertThat(moved.number()).isEqualTo("B001");
        assertThat(moved.paidAt()).isEqualTo(PAID);
        assertThat(moved.stationId()).isNull();
        assertThat(moved.sessionId()).isNull();
        assertThat(moved.recallCount()).isZero();
        assertThat(moved.calledAt()).isNull();
    }
}
