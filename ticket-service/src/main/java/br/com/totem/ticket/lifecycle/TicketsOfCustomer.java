package br.com.totem.ticket.lifecycle;

import java.util.UUID;

import org.springframework.stereotype.Component;

import br.com.totem.ticket.customer.CustomerPrivacy.TicketFacts;
import br.com.totem.ticket.customer.CustomerTickets;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import reactor.core.publisher.Flux;

/** The facts of a customer's tickets that an LGPD access request returns. */
@Component
class TicketsOfCustomer implements CustomerTickets {

    private final TicketStore tickets;

    TicketsOfCustomer(TicketStore tickets) {
        this.tickets = tickets;
    }

    @Override
    public Flux<TicketFacts> ofCustomer(String tenant, UUID customerId) {
        return tickets.ofCustomer(tenant, customerId).map(t -> new TicketFacts(t.id(), t.paid().number(),
                t.paid().businessDate(), t.sale().serviceName(), t.sale().priceCents(), t.status(), t.sale().createdBy(),
                t.sale().createdAt(), t.paid().at(), t.ending().completedAt(), t.ending().cancelledAt(),
                t.ending().expiredAt()));
    }
}
