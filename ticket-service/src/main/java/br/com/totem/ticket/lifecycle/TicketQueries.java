package br.com.totem.ticket.lifecycle;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Service;

import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.tenant.TenantTimeZones;
import br.com.totem.ticket.lifecycle.store.TicketRecord;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import reactor.core.publisher.Mono;

/** Reads of tickets: a kiosk sees only what it created, staff see their tenant's. */
@Service
public class TicketQueries {

    private final TicketStore tickets;
    private final TenantTimeZones zones;

    TicketQueries(TicketStore tickets, TenantTimeZones zones) {
        this.tickets = tickets;
        this.zones = zones;
    }

    /** A ticket and, while it waits to be called, its place among its service's paid tickets. */
    public record Detail(TicketRecord ticket, Integer position) {
    }

    public Mono<Detail> get(Caller caller, UUID id) {
        return tickets.find(caller.tenant(), id)
                // another kiosk's ticket looks exactly like a missing one
                .filter(t -> caller.isStaff() || t.sale().createdBy().equals(caller.subject()))
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket")))
                .flatMap(t -> t.status() == TicketStatus.PAID
                        ? tickets.positionInQueue(t).map(p -> new Detail(t, p))
                        : Mono.just(new Detail(t, null)));
    }

    public record Page(List<TicketRecord> items, int page, int size, long totalElements) {
    }

    /** {@code date} is a business day in the tenant's zone, matched against the creation time. */
    public Mono<Page> list(Caller staff, TicketStatus status, UUID serviceId, LocalDate date, int page, int size) {
        Mono<TicketStore.Filter> filter = date == null
                ? Mono.just(new TicketStore.Filter(status, serviceId, null, null))
                : zones.zoneOf(staff.tenant()).map(zone -> new TicketStore.Filter(status, serviceId,
                        date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant()));
        return filter.flatMap(f -> Mono.zip(tickets.list(staff.tenant(), f, page, size).collectList(),
                        tickets.count(staff.tenant(), f)))
                .map(both -> new Page(both.getT1(), page, size, both.getT2()));
    }
}
