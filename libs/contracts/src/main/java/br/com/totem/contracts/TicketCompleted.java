package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The session finished.
 *
 * @param serviceSeconds time from start to finish, measured by queue-service so reports
 *                       need not pair started/completed events
 */
public record TicketCompleted(
    UUID ticketId,
    String number,
    UUID stationId,
    UUID operatorId,
    long serviceSeconds,
    Instant completedAt) implements TicketEvent {

    public TicketCompleted {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(number, "number");
        requireNonNull(stationId, "stationId");
        requireNonNull(operatorId, "operatorId");
        requireNonNull(completedAt, "completedAt");
    }
}
