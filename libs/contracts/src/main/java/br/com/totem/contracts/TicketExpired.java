package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** The ticket was not paid in time. */
public record TicketExpired(UUID ticketId, Instant expiredAt) implements TicketEvent {

    public TicketExpired {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(expiredAt, "expiredAt");
    }
}
