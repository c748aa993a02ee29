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
        return new TicketView(t.id(), t.status(), t.number(), t.businessDate(), t.serviceId(), t.serviceName(),
                t.priceCents(), t.durationMinutes(), t.priority(), t.displayName(), t.statusToken(), t.createdBy(),
                t.createdAt(), t.paidAt(), t.calledAt(), t.stationName(), t.startedAt(), t.completedAt(), t.noShowAt(),
                t.cancelledAt(), t.cancelReason(), t.expiredAt(), t.lineServiceId(), t.lineServiceName(), t.transferredAt(), position,
                position == null ? null : (position - 1) * t.queueDurationMinutes());
    }
}
