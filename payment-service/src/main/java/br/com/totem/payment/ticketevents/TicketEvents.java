package br.com.totem.payment.ticketevents;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.payment.charge.Refunds;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.EventArrivedEarly;
import br.com.totem.platform.events.EventHandlers;
import reactor.core.publisher.Mono;

/**
 * What payment-service consumes of ticket-service, in one place. Only rows are written here, in
 * the inbox transaction; the PSP calls happen afterwards from those rows, so a slow bank never
 * holds an event.
 *
 * <ul>
 *   <li>ticket.created: the ticket and its price, the only amount a kiosk may ask a link for.</li>
 *   <li>ticket.cancelled: an open charge is cancelled (removed at the PSP by the reconciler), a
 *       paid one refunded in full — also when ticket-service cancelled it as unpaid while its Pix
 *       was being confirmed here.</li>
 *   <li>ticket.expired: usually its charge expired first (payment.expired is what expired it) and
 *       there is nothing to do. When ticket-service's safety sweep expired it instead —
 *       payment-service was away longer than the ticket's pending timeout — the charge may still
 *       be payable: it is cancelled, so the customer can no longer pay for a ticket that will
 *       never be served; and a Pix that already paid it, whose {@code payment.confirmed}
 *       ticket-service can no longer apply, is refunded in full.</li>
 * </ul>
 *
 * <p>Two instances compete for the queue, so a ticket's end can arrive before its ticket.created
 * has been applied: it is then {@link EventArrivedEarly}, tried again, never acknowledged unapplied.
 */
@Configuration(proxyBeanMethods = false)
class TicketEvents {

    private static final Logger log = LoggerFactory.getLogger(TicketEvents.class);

    @Bean
    EventHandlers ticketEventHandlers(TicketStore tickets, ChargeStore charges, Refunds refunds) {
        return EventHandlers.forFeature("tickets")
                .on(TicketCreated.class, e -> created(tickets, e))
                .on(TicketCancelled.class, e -> cancelled(tickets, charges, refunds, e))
                .on(TicketExpired.class, e -> expired(tickets, charges, refunds, e))
                .build();
    }

    private static Mono<Void> created(TicketStore tickets, EventEnvelope<TicketCreated> event) {
        TicketCreated t = event.data();
        return tickets.insert(event.tenantid(), t.ticketId(), t.serviceName(), t.priceCents(), t.createdAt());
    }

    private static Mono<Void> cancelled(TicketStore tickets, ChargeStore charges, Refunds refunds,
                                        EventEnvelope<TicketCancelled> event) {
        TicketCancelled c = event.data();
        // refundRequired says the ticket was paid; a Pix confirmed here while ticket-service
        // cancelled the ticket as unpaid (a race) is money taken for nothing: refunded too
        return ended(tickets, charges, event.tenantid(), c.ticketId(), "CANCELLED",
                refunds.requestForCancellation(event.tenantid(), c.ticketId(), c.cancelledBy())
                        .doOnNext(id -> {
                            if (c.refundRequired()) {
                                log.info("refund {} requested for cancelled ticket {}", id, c.ticketId());
                            } else {
                                log.warn("refund {} requested: ticket {} was cancelled as unpaid although its Pix was paid",
                                        id, c.ticketId());
                            }
                        }));
    }

    private static Mono<Void> expired(TicketStore tickets, ChargeStore charges, Refunds refunds,
                                      EventEnvelope<TicketExpired> event) {
        TicketExpired e = event.data();
        return ended(tickets, charges, event.tenantid(), e.ticketId(), "EXPIRED",
                refunds.requestForExpiry(event.tenantid(), e.ticketId())
                        .doOnNext(id -> log.warn("refund {} requested: ticket {} expired although its Pix was paid",
                                id, e.ticketId())));
    }

    /**
     * The ticket ended: the projection says how, an open charge is cancelled, a paid one refunded. A
     * ticket the projection does not know yet is {@link EventArrivedEarly}: with two instances on the
     * queue, its ticket.created may still be applied by the other one, and acknowledging the end now
     * would lose it (the ticket would stay payable); the binder tries it again after its back-off.
     */
    private static Mono<Void> ended(TicketStore tickets, ChargeStore charges, String tenant, java.util.UUID ticketId,
                                    String status, Mono<String> refund) {
        return tickets.markEnded(tenant, ticketId, status)
                .flatMap(known -> known ? charges.cancelOpen(ticketId).then(refund.then())
                        : Mono.error(new EventArrivedEarly("ticket " + ticketId + " ended (" + status
                                + ") before its ticket.created was applied")));
    }
}
