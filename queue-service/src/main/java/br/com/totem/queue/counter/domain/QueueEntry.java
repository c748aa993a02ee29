package br.com.totem.queue.counter.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A paid ticket in the queue, from ticket.paid until it is completed, a no-show or cancelled, in
 * three parts: what ticket.paid said of it ({@link Paid}, never changes), the line it waits in
 * ({@link Line}, changed by a transfer) and its attendance at a station ({@link Attendance}, empty
 * while it waits). Its life is a set of transitions ({@link #waiting}, {@link #calledBy},
 * {@link #recalled}, {@link #started}, {@link #completed}, {@link #noShow}, {@link #cancelled},
 * {@link #transferredTo}), each changing only the part its step changes.
 */
public record QueueEntry(Paid paid, Line line, EntryStatus status, Attendance attendance) {

    /** The ticket as ticket.paid announced it. */
    public record Paid(UUID ticketId, String tenant, String number, boolean preferential, String displayName,
                       String statusToken, LocalDate businessDate, Instant paidAt) {
    }

    /** The service whose line the ticket waits in. */
    public record Line(UUID serviceId, String serviceName, int durationMinutes) {
    }

    /** Where and by whom the ticket is attended: the station, the operator's session and the times of each step. */
    public record Attendance(UUID stationId, String stationName, UUID sessionId, String operatorId, int recallCount,
                             Instant calledAt, Instant startedAt, Instant finishedAt) {

        /** Not called yet. */
        public static final Attendance NONE = new Attendance(null, null, null, null, 0, null, null, null);

        Attendance step(int recalls, Instant called, Instant started, Instant finished) {
            return new Attendance(stationId, stationName, sessionId, operatorId, recalls, called, started, finished);
        }
    }

    /** A paid ticket joining its service's line. */
    public static QueueEntry waiting(Paid paid, Line line) {
        return new QueueEntry(paid, line, EntryStatus.WAITING, Attendance.NONE);
    }

    public UUID ticketId() {
        return paid.ticketId();
    }

    public String tenant() {
        return paid.tenant();
    }

    public String number() {
        return paid.number();
    }

    public UUID serviceId() {
        return line.serviceId();
    }

    public Waiting asWaiting() {
        return new Waiting(paid.ticketId(), line.serviceId(), paid.preferential(), paid.paidAt());
    }

    /** Called for the first time, to a station by an operator's session. */
    public QueueEntry calledBy(UUID station, String stationName, UUID session, String operator, Instant at) {
        return new QueueEntry(paid, line, EntryStatus.CALLED,
                new Attendance(station, stationName, session, operator, 0, at, null, null));
    }

    /** Called once more to the same station. */
    public QueueEntry recalled(Instant at) {
        return step(EntryStatus.CALLED, attendance.recallCount() + 1, at, attendance.startedAt(), attendance.finishedAt());
    }

    public QueueEntry started(Instant at) {
        return step(EntryStatus.IN_SERVICE, attendance.recallCount(), attendance.calledAt(), at, null);
    }

    public QueueEntry completed(Instant at) {
        return step(EntryStatus.COMPLETED, attendance.recallCount(), attendance.calledAt(), attendance.startedAt(), at);
    }

    public QueueEntry noShow(Instant at) {
        return step(EntryStatus.NO_SHOW, attendance.recallCount(), attendance.calledAt(), null, at);
    }

    /** The ticket was cancelled: it leaves the line. */
    public QueueEntry cancelled(Instant at) {
        return step(EntryStatus.CANCELLED, attendance.recallCount(), attendance.calledAt(), attendance.startedAt(), at);
    }

    /**
     * Back to waiting in another service's line, with the same number and its original paid time
     * (it keeps its place); station, session and calls are cleared.
     */
    public QueueEntry transferredTo(UUID service, String name, int duration) {
        return waiting(paid, new Line(service, name, duration));
    }

    private QueueEntry step(EntryStatus next, int recalls, Instant called, Instant started, Instant finished) {
        return new QueueEntry(paid, line, next, attendance.step(recalls, called, started, finished));
    }
}
