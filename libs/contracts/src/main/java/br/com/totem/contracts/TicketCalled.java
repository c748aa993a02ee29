package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * An operator called the ticket to a station (the panel shows "G012 → Banheira 2").
 *
 * @param recallCount 0 for the first call, then 1, 2, … for each recall
 */
public record TicketCalled(
    UUID ticketId,
    String number,
    UUID serviceId,
    UUID stationId,
    String stationName,
    UUID operatorId,
    UUID sessionId,
    int recallCount,
    Instant calledAt) implements TicketEvent {

    public TicketCalled {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(number, "number");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(stationId, "stationId");
        requireNonNull(stationName, "stationName");
        requireNonNull(operatorId, "operatorId");
        requireNonNull(sessionId, "sessionId");
        requireNonNull(calledAt, "calledAt");
    }
}
