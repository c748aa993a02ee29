package br.com.totem.payment.ticketevents;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.EventHandler;
import reactor.core.publisher.Mono;

/** Learns the ticket and its price: the only amount a kiosk may ask a link for. */
@Component
class TicketCreatedHandler implements EventHandler<TicketCreated> {

    private final TicketStore tickets;

    TicketCreatedHandler(TicketStore tickets) {
        this.tickets = tickets;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_CREATED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketCreated> event) {
        TicketCreated t = event.data();
        return tickets.insert(event.tenantid(), t.ticketId(), t.serviceName(), t.priceCents(), t.createdAt());
    }
}
