package br.com.totem.payment.ticketevents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.EventHandler;
import reactor.core.publisher.Mono;

/**
 * A cancelled ticket: an open charge is cancelled (removed at the PSP by the reconciler), a
 * paid one is refunded in full — also when ticket-service cancelled it as unpaid while its Pix
 * was being confirmed here. Only rows are written here, in the inbox transaction; the
 * PSP calls happen afterwards from those rows, so a slow bank never holds the event.
 */
@Component
class TicketCancelledHandler implements EventHandler<TicketCancelled> {

    private static final Logger log = LoggerFactory.getLogger(TicketCancelledHandler.class);

    private final TicketStore tickets;
    private final ChargeStore charges;
    private final Refunds refunds;

    TicketCancelledHandler(TicketStore tickets, ChargeStore charges, Refunds refunds) {
        this.tickets = tickets;
        this.charges = charges;
        this.refunds = refunds;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_CANCELLED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketCancelled> event) {
        TicketCancelled c = event.data();
        return tickets.markEnded(c.ticketId(), "CANCELLED")
                .then(charges.cancelOpen(c.ticketId()))
                // refundRequired says the ticket was paid; a Pix confirmed here while ticket-service
                // cancelled the ticket as unpaid (a race) is money taken for nothing: refunded too
                .then(refunds.requestForCancellation(event.tenantid(), c.ticketId(), c.cancelledBy())
                        .doOnNext(id -> {
                            if (c.refundRequired()) {
                                log.info("refund {} requested for cancelled ticket {}", id, c.ticketId());
                            } else {
                                log.warn("refund {} requested: ticket {} was cancelled as unpaid although its Pix was paid", id, c.ticketId());
                            }
                        })
                        .then());
    }
}
