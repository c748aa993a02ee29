package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * The ticket was cancelled.
 *
 * @param previousStatus  lets queue-service know whether the ticket was queued or called
 * @param cancelledBy     id of the user or device that cancelled
 * @param refundRequired  true when the ticket was already paid; payment-service refunds it (and
 *                        also refunds a Pix it confirmed while the ticket was cancelled as unpaid)
 */
public record TicketCancelled(
    UUID ticketId,
    TicketStatus previousStatus,
    String reason,
    String cancelledBy,
    boolean refundRequired,
    Instant cancelledAt) implements TicketEvent {

    public TicketCancelled {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(previousStatus, "previousStatus");
        requireNonNull(reason, "reason");
        requireNonNull(cancelledBy, "cancelledBy");
        requireNonNull(cancelledAt, "cancelledAt");
    }
}
