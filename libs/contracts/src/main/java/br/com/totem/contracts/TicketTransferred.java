package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator sent the ticket to another service's line. It keeps its number and its place (its
 * paid time) and waits there again; a ticket that had been called is no longer called.
 */
public record TicketTransferred(
    UUID ticketId,
    String number,
    UUID fromServiceId,
    UUID toServiceId,
    String toServiceName,
    int toDurationMinutes,
    UUID operatorId,
    Instant transferredAt) implements TicketEvent {

    public TicketTransferred {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(number, "number");
        requireNonNull(fromServiceId, "fromServiceId");
        requireNonNull(toServiceId, "toServiceId");
        requireNonNull(toServiceName, "toServiceName");
        if (toDurationMinutes <= 0) {
            throw new IllegalArgumentException("toDurationMinutes must be positive");
        }
        requireNonNull(operatorId, "operatorId");
        requireNonNull(transferredAt, "transferredAt");
    }
}
