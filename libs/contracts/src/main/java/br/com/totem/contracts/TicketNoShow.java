package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/** The called customer did not come; the operator marked the ticket. */
public record TicketNoShow(
    UUID ticketId,
    String number,
    UUID stationId,
    UUID operatorId,
    Instant markedAt) implements TicketEvent {

    public TicketNoShow {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(number, "number");
        requireNonNull(stationId, "stationId");
        requireNonNull(operatorId, "operatorId");
        requireNonNull(markedAt, "markedAt");
    }
}
