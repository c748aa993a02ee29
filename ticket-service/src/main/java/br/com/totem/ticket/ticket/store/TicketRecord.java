package br.com.totem.ticket.ticket.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketStatus;
import io.r2dbc.spi.Readable;

/** A ticket row: what was sold, to whom (by reference), and every step of its life. */
public record TicketRecord(
        UUID id, String tenant, UUID serviceId, UUID customerId, TicketStatus status, Priority priority,
        String displayName, String serviceName, String prefix, long priceCents, int durationMinutes,
        String statusToken, String createdBy, Instant createdAt,
        String number, LocalDate businessDate, UUID paymentId, Long amountPaidCents, Instant paidAt,
        Instant calledAt, UUID stationId, String stationName, Integer recallCount, Instant startedAt,
        Instant completedAt, Instant noShowAt, Instant cancelledAt, String cancelledBy, String cancelReason,
        Instant expiredAt, UUID lineServiceId, String lineServiceName, Integer lineDurationMinutes, Instant transferredAt) {

    /**
     * A ticket just sold at a kiosk, waiting for its payment: what was sold, to whom and when;
     * every later step (number, payment, calls, ending, transfer) is still empty.
     */
    public static TicketRecord pending(UUID id, String tenant, UUID serviceId, UUID customerId, Priority priority,
                                       String displayName, String serviceName, String prefix, long priceCents,
                                       int durationMinutes, String statusToken, String createdBy, Instant createdAt) {
        return new TicketRecord(id, tenant, serviceId, customerId, TicketStatus.PENDING_PAYMENT, priority, displayName,
                serviceName, prefix, priceCents, durationMinutes, statusToken, createdBy, createdAt,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** The service whose line the ticket waits in: the one sold, unless an operator transferred it. */
    public UUID queueServiceId() {
        return lineServiceId != null ? lineServiceId : serviceId;
    }

    /** The duration of the service whose line the ticket waits in. */
    public int queueDurationMinutes() {
        return lineDurationMinutes != null ? lineDurationMinutes : durationMinutes;
    }

    static final String COLUMNS = """
            id, tenant_id, service_id, customer_id, status, priority, display_name, service_name, prefix, price_cents,
            duration_minutes, status_token, created_by, created_at, number, business_date, payment_id, amount_paid_cents,
            paid_at, called_at, station_id, station_name, recall_count, started_at, completed_at, no_show_at,
            cancelled_at, cancelled_by, cancel_reason, expired_at, line_service_id, line_service_name, line_duration_minutes, transferred_at""";

    static TicketRecord read(Readable r) {
        return new TicketRecord(
                r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("service_id", UUID.class),
                r.get("customer_id", UUID.class), TicketStatus.valueOf(r.get("status", String.class)),
                Priority.valueOf(r.get("priority", String.class)), r.get("display_name", String.class),
                r.get("service_name", String.class), r.get("prefix", String.class), r.get("price_cents", Long.class),
                r.get("duration_minutes", Integer.class), r.get("status_token", String.class),
                r.get("created_by", String.class), r.get("created_at", Instant.class), r.get("number", String.class),
                r.get("business_date", LocalDate.class), r.get("payment_id", UUID.class),
                r.get("amount_paid_cents", Long.class), r.get("paid_at", Instant.class), r.get("called_at", Instant.class),
                r.get("station_id", UUID.class), r.get("station_name", String.class), r.get("recall_count", Integer.class),
                r.get("started_at", Instant.class), r.get("completed_at", Instant.class), r.get("no_show_at", Instant.class),
                r.get("cancelled_at", Instant.class), r.get("cancelled_by", String.class), r.get("cancel_reason", String.class),
                r.get("expired_at", Instant.class), r.get("line_service_id", UUID.class),
                r.get("line_service_name", String.class), r.get("line_duration_minutes", Integer.class),
                r.get("transferred_at", Instant.class));
    }
}
