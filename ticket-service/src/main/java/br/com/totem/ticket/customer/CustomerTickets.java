package br.com.totem.ticket.customer;

import java.util.UUID;

import reactor.core.publisher.Flux;

/**
 * A customer's tickets, for the data subject's access request: owned here, implemented by the
 * ticket lifecycle, so {@code customer} never depends on {@code lifecycle}.
 */
public interface CustomerTickets {

    Flux<CustomerPrivacy.TicketFacts> ofCustomer(String tenant, UUID customerId);
}
