package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A kiosk created a ticket that now waits for payment.
 *
 * @param displayName the only personal data events may carry ("Maria S."); never CPF or phone
 * @param createdBy   id of the kiosk device
 */
public record TicketCreated(
    UUID ticketId,
    UUID serviceId,
    String serviceName,
    long priceCents,
    Priority priority,
    String displayName,
    String createdBy,
    Instant createdAt) implements TicketEvent {

    public TicketCreated {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(serviceName, "serviceName");
        if (priceCents < 0) {
            throw new IllegalArgumentException("priceCents must not be negative");
        }
        requireNonNull(priority, "priority");
        requireNonNull(displayName, "displayName");
        requireNonNull(createdBy, "createdBy");
        requireNonNull(createdAt, "createdAt");
    }
}
