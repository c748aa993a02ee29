package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** The customer arrived at the station and the session began. */
public record TicketStarted(
    UUID ticketId,
    String number,
    UUID stationId,
    UUID operatorId,
    Instant startedAt) implements TicketEvent {

    public TicketStarted {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(number, "number");
        requireNonNull(stationId, "stationId");
        requireNonNull(operatorId, "operatorId");
        requireNonNull(startedAt, "startedAt");
    }
}
