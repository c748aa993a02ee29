package br.com.totem.ticket.lifecycle.store;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketStatus;
import io.r2dbc.spi.Readable;

/**
 * A ticket row in the parts of its life: what was sold ({@link Sale}, set once), where it stands
 * ({@code status}), and what each later step wrote — its payment and number ({@link Paid}), its calls
 * to a station ({@link Call}), how it ended ({@link Ending}) and its transfer to another line
 * ({@link Transfer}). A step not taken yet is its part's {@code NONE}, whose fields are all null.
 */
public record TicketRecord(Sale sale, TicketStatus status, Paid paid, Call call, Ending ending, Transfer transfer) {

    /** What a kiosk sold, to whom (by reference) and when. */
    public record Sale(UUID id, String tenant, UUID serviceId, UUID customerId, Priority priority, String displayName,
                       String serviceName, String prefix, long priceCents, int durationMinutes, String statusToken,
                       String createdBy, Instant createdAt) {
    }

    /** The confirmed payment and the queue number it gave the ticket. */
    public record Paid(String number, LocalDate businessDate, UUID paymentId, Long amountCents, Instant at) {
        public static final Paid NONE = new Paid(null, null, null, null, null);
    }

    /** The last call to a station, how many times it was repeated, and when service started there. */
    public record Call(Instant calledAt, UUID stationId, String stationName, Integer recallCount, Instant startedAt) {
        public static final Call NONE = new Call(null, null, null, null, null);
    }

    /** How the ticket ended: one of the four times is set (with who cancelled and why, for a cancellation). */
    public record Ending(Instant completedAt, Instant noShowAt, Instant cancelledAt, String cancelledBy, String cancelReason,
                         Instant expiredAt) {
        public static final Ending NONE = new Ending(null, null, null, null, null, null);
    }

    /** The line an operator moved the ticket to; the sale keeps what was sold. */
    public record Transfer(UUID serviceId, String serviceName, Integer durationMinutes, Instant at) {
        public static final Transfer NONE = new Transfer(null, null, null, null);
    }

    /** A ticket just sold at a kiosk, waiting for its payment: every later step is still to come. */
    public static TicketRecord pending(Sale sale) {
        return new TicketRecord(sale, TicketStatus.PENDING_PAYMENT, Paid.NONE, Call.NONE, Ending.NONE, Transfer.NONE);
    }

    public UUID id() {
        return sale.id();
    }

    public String tenant() {
        return sale.tenant();
    }

    /** The service whose line the ticket waits in: the one sold, unless an operator transferred it. */
    public UUID queueServiceId() {
        return transfer.serviceId() != null ? transfer.serviceId() : sale.serviceId();
    }

    /** The duration of the service whose line the ticket waits in. */
    public int queueDurationMinutes() {
        return transfer.durationMinutes() != null ? transfer.durationMinutes() : sale.durationMinutes();
    }

    static final String COLUMNS = """
            id, tenant_id, service_id, customer_id, status, priority, display_name, service_name, prefix, price_cents,
            duration_minutes, status_token, created_by, created_at, number, business_date, payment_id, amount_paid_cents,
            paid_at, called_at, station_id, station_name, recall_count, started_at, completed_at, no_show_at,
            cancelled_at, cancelled_by, cancel_reason, expired_at, line_service_id, line_service_name, line_duration_minutes, transferred_at""";

    static TicketRecord read(Readable r) {
        Sale sale = new Sale(r.get("id", UUID.class), r.get("tenant_id", String.class), r.get("service_id", UUID.class),
                r.get("customer_id", UUID.class), Priority.valueOf(r.get("priority", String.class)),
                r.get("display_name", String.class), r.get("service_name", String.class), r.get("prefix", String.class),
                r.get("price_cents", Long.class), r.get("duration_minutes", Integer.class), r.get("status_token", String.class),
                r.get("created_by", String.class), r.get("created_at", Instant.class));
        Paid paid = new Paid(r.get("number", String.class), r.get("business_date", LocalDate.class),
                r.get("payment_id", UUID.class), r.get("amount_paid_cents", Long.class), r.get("paid_at", Instant.class));
        Call call = new Call(r.get("called_at", Instant.class), r.get("station_id", UUID.class),
                r.get("station_name", String.class), r.get("recall_count", Integer.class), r.get("started_at", Instant.class));
        Ending ending = new Ending(r.get("completed_at", Instant.class), r.get("no_show_at", Instant.class),
                r.get("cancelled_at", Instant.class), r.get("cancelled_by", String.class), r.get("cancel_reason", String.class),
                r.get("expired_at", Instant.class));
        Transfer transfer = new Transfer(r.get("line_service_id", UUID.class), r.get("line_service_name", String.class),
                r.get("line_duration_minutes", Integer.class), r.get("transferred_at", Instant.class));
        return new TicketRecord(sale, TicketStatus.valueOf(r.get("status", String.class)), paid, call, ending, transfer);
    }
}
