package br.com.totem.ticket.lifecycle.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.ticket.lifecycle.TicketQueries;
import br.com.totem.ticket.lifecycle.store.TicketRecord;
import io.swagger.v3.oas.annotations.media.Schema;

/** A ticket as kiosks and staff see it: never the customer's CPF or phone. */
public record TicketView(
        UUID id, TicketStatus status,
        @Schema(description = "queue number once paid, e.g. G012") String number,
        @Schema(description = "business day the number belongs to") LocalDate businessDate,
        UUID serviceId, String serviceName, long priceCents, int durationMinutes, Priority priority,
        @Schema(example = "Maria S.") String displayName,
        @Schema(description = "opaque token of the public status page, printed as a QR code") String statusToken,
        String createdBy, Instant createdAt, Instant paidAt, Instant calledAt, String stationName, Instant startedAt,
        Instant completedAt, Instant noShowAt, Instant cancelledAt, String cancelReason, Instant expiredAt,
        @Schema(description = "the service whose line it waits in, when an operator transferred it; null otherwise "
                + "(serviceId/serviceName stay what was sold)") UUID transferredToServiceId,
        String transferredToServiceName, Instant transferredAt,
        @Schema(description = "while PAID: 1 = next of its service's line (preferential first)") Integer position,
        @Schema(description = "while PAID: sessions ahead × duration, i.e. the wait with one station; "
                + "queue-service's public status knows the stations and is more precise") Integer estimatedWaitMinutes) {

    static TicketView of(TicketRecord t) {
        return of(t, null);
    }

    static TicketView of(TicketQueries.Detail d) {
        return of(d.ticket(), d.position());
    }

    private static TicketView of(TicketRecord t, Integer position) {
        TicketRecord.Sale s = t.sale();
        return new TicketView(s.id(), t.status(), t.paid().number(), t.paid().businessDate(), s.serviceId(), s.serviceName(),
                s.priceCents(), s.durationMinutes(), s.priority(), s.displayName(), s.statusToken(), s.createdBy(),
                s.createdAt(), t.paid().at(), t.call().calledAt(), t.call().stationName(), t.call().startedAt(),
                t.ending().completedAt(), t.ending().noShowAt(), t.ending().cancelledAt(), t.ending().cancelReason(),
                t.ending().expiredAt(), t.transfer().serviceId(), t.transfer().serviceName(), t.transfer().at(), position,
                position == null ? null : (position - 1) * t.queueDurationMinutes());
    }
}
