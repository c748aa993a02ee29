package br.com.totem.queue.counter.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A paid ticket in the queue, from ticket.paid until it is completed, a no-show or cancelled.
 * Its life is a set of transitions ({@link #waiting}, {@link #calledBy}, {@link #recalled},
 * {@link #started}, {@link #completed}, {@link #noShow}, {@link #cancelled}, {@link #transferredTo}):
 * each keeps what the ticket was sold as and changes only what the step changes.
 */
public record QueueEntry(UUID ticketId, String tenant, String number, UUID serviceId, String serviceName,
                         boolean preferential, String displayName, String statusToken, LocalDate businessDate,
                         int durationMinutes, Instant paidAt, EntryStatus status, UUID stationId, String stationName,
                         UUID sessionId, String operatorId, int recallCount, Instant calledAt, Instant startedAt,
                         Instant finishedAt) {

    /** A paid ticket joining its service's line. */
    public static QueueEntry waiting(UUID ticketId, String tenant, String number, UUID serviceId, String serviceName,
                                     boolean preferential, String displayName, String statusToken, LocalDate businessDate,
                                     int durationMinutes, Instant paidAt) {
        return new QueueEntry(ticketId, tenant, number, serviceId, serviceName, preferential, displayName, statusToken,
                businessDate, durationMinutes, paidAt, EntryStatus.WAITING, null, null, null, null, 0, null, null, null);
    }

    public Waiting asWaiting() {
        return new Waiting(ticketId, serviceId, preferential, paidAt);
    }

    /** Called for the first time, to a station by an operator's session. */
    public QueueEntry calledBy(UUID station, String stationName, UUID session, String operator, Instant at) {
        return new QueueEntry(ticketId, tenant, number, serviceId, serviceName, preferential, displayName, statusToken,
                businessDate, durationMinutes, paidAt, EntryStatus.CALLED, station, stationName, session, operator, 0, at,
                null, null);
    }

    /** Called once more to the same station. */
    public QueueEntry recalled(Instant at) {
        return step(EntryStatus.CALLED, recallCount + 1, at, startedAt, finishedAt);
    }

    public QueueEntry started(Instant at) {
        return step(EntryStatus.IN_SERVICE, recallCount, calledAt, at, null);
    }

    public QueueEntry completed(Instant at) {
        return step(EntryStatus.COMPLETED, recallCount, calledAt, startedAt, at);
    }

    public QueueEntry noShow(Instant at) {
        return step(EntryStatus.NO_SHOW, recallCount, calledAt, null, at);
    }

    /** The ticket was cancelled: it leaves the line. */
    public QueueEntry cancelled(Instant at) {
        return step(EntryStatus.CANCELLED, recallCount, calledAt, startedAt, at);
    }

    /**
     * Back to waiting in another service's line, with the same number and its original paid time
     * (it keeps its place); station, session and calls are cleared.
     */
    public QueueEntry transferredTo(UUID service, String name, int duration) {
        return waiting(ticketId, tenant, number, service, name, preferential, displayName, statusToken, businessDate,
                duration, paidAt);
    }

    private QueueEntry step(EntryStatus next, int recalls, Instant called, Instant started, Instant finished) {
        return new QueueEntry(ticketId, tenant, number, serviceId, serviceName, preferential, displayName, statusToken,
                businessDate, durationMinutes, paidAt, next, stationId, stationName, sessionId, operatorId, recalls, called,
                started, finished);
    }
}
