package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.UUID;

/**
 * A kiosk created a ticket that now waits for payment.
 *
 * @param displayName the only personal data events may carry ("Maria S."); never CPF or phone
 * @param createdBy   id of the kiosk device
 * @param timeZone    optional: the tenant's time zone (IANA id) that decides the ticket's business day, for
 *                    report-service (null in events written before it existed)
 */
public record TicketCreated(
    UUID ticketId,
    UUID serviceId,
    String serviceName,
    long priceCents,
    Priority priority,
    String displayName,
    String createdBy,
    Instant createdAt,
    String timeZone) implements TicketEvent {

    /** Without the optional field added later ({@code timeZone}). */
    public TicketCreated(UUID ticketId, UUID serviceId, String serviceName, long priceCents, Priority priority,
                         String displayName, String createdBy, Instant createdAt) {
        this(ticketId, serviceId, serviceName, priceCents, priority, displayName, createdBy, createdAt, null);
    }

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
