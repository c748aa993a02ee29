package br.com.totem.contracts;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * The ticket's payment was confirmed and it got the day's number.
 *
 * <p>Carries everything print-service and queue-service need, so neither has to call
 * ticket-service back.
 *
 * @param number       the queue number shown to people, e.g. "G012"
 * @param businessDate the day the number belongs to (numbers restart every day)
 * @param statusToken  opaque token of the public status page printed as a QR code
 * @param soldBy       optional: the subject of the device or staff member that sold the ticket; print-service
 *                     prints on the printer serving that kiosk device (null in events written before it existed)
 * @param timeZone     optional: the tenant's time zone (IANA id), so the ticket shows local date and time
 */
public record TicketPaid(
    UUID ticketId,
    UUID serviceId,
    String serviceName,
    String number,
    LocalDate businessDate,
    int durationMinutes,
    Priority priority,
    String displayName,
    String statusToken,
    UUID paymentId,
    long amountCents,
    Instant paidAt,
    String soldBy,
    String timeZone) implements TicketEvent {

    /** Without the optional fields added later ({@code soldBy}, {@code timeZone}). */
    public TicketPaid(UUID ticketId, UUID serviceId, String serviceName, String number, LocalDate businessDate,
                      int durationMinutes, Priority priority, String displayName, String statusToken, UUID paymentId,
                      long amountCents, Instant paidAt) {
        this(ticketId, serviceId, serviceName, number, businessDate, durationMinutes, priority, displayName, statusToken,
                paymentId, amountCents, paidAt, null, null);
    }

    public TicketPaid {
        requireNonNull(ticketId, "ticketId");
        requireNonNull(serviceId, "serviceId");
        requireNonNull(serviceName, "serviceName");
        requireNonNull(number, "number");
        requireNonNull(businessDate, "businessDate");
        requireNonNull(priority, "priority");
        requireNonNull(displayName, "displayName");
        requireNonNull(statusToken, "statusToken");
        requireNonNull(paymentId, "paymentId");
        if (amountCents < 0) {
            throw new IllegalArgumentException("amountCents must not be negative");
        }
        requireNonNull(paidAt, "paidAt");
    }
}
