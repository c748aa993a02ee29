package br.com.totem.queue.counter.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A paid ticket in the queue, from ticket.paid until it is completed, a no-show or cancelled. */
public record QueueEntry(UUID ticketId, String tenant, String number, UUID serviceId, String serviceName,
                         boolean preferential, String displayName, String statusToken, LocalDate businessDate,
                         int durationMinutes, Instant paidAt, EntryStatus status, UUID stationId, String stationName,
                         UUID sessionId, String operatorId, int recallCount, Instant calledAt, Instant startedAt,
                         Instant finishedAt) {

    public Waiting asWaiting() {
        return new Waiting(ticketId, serviceId, preferential, paidAt);
    }
}
