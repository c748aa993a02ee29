package br.com.totem.payment.ticketevents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.EventHandler;
import reactor.core.publisher.Mono;

/**
 * An expired ticket. Usually its charge expired first (payment.expired is what expired it) and
 * there is nothing to do. When ticket-service's safety sweep expired it instead — payment-service
 * was away longer than the ticket's pending timeout — the charge may still be payable: it is
 * cancelled (removed at the PSP by the reconciler), so the customer can no longer pay for a ticket
 * that will never be served; and a Pix that already paid it, whose {@code payment.confirmed}
 * ticket-service can no longer apply, is refunded in full. Only rows are written here, in the
 * inbox transaction; the PSP calls happen afterwards from those rows.
 */
@Component
class TicketExpiredHandler implements EventHandler<TicketExpired> {

    private static final Logger log = LoggerFactory.getLogger(TicketExpiredHandler.class);

    private final TicketStore tickets;
    private final ChargeStore charges;
    private final Refunds refunds;

    TicketExpiredHandler(TicketStore tickets, ChargeStore charges, Refunds refunds) {
        this.tickets = tickets;
        this.charges = charges;
        this.refunds = refunds;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_EXPIRED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketExpired> event) {
        TicketExpired e = event.data();
        return tickets.markEnded(e.ticketId(), "EXPIRED")
                .then(charges.cancelOpen(e.ticketId()))
                .then(refunds.requestForExpiry(event.tenantid(), e.ticketId())
                        .doOnNext(id -> log.warn("refund {} requested: ticket {} expired although its Pix was paid", id, e.ticketId()))
                        .then());
    }
}
