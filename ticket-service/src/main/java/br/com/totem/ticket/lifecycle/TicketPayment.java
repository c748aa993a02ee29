package br.com.totem.ticket.lifecycle;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.Outbox;
import br.com.totem.ticket.tenant.TenantTimeZones;
import br.com.totem.ticket.lifecycle.domain.QueueNumber;
import br.com.totem.ticket.lifecycle.domain.TicketAction;
import br.com.totem.ticket.lifecycle.domain.TicketStateMachine;
import br.com.totem.ticket.lifecycle.store.TicketNumberAllocator;
import br.com.totem.ticket.lifecycle.store.TicketRecord;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import reactor.core.publisher.Mono;

/**
 * {@code payment.confirmed} → the ticket is PAID, gets the day's next number and
 * {@code ticket.paid} goes out. Runs in the inbox transaction of the event.
 */
@Service
public class TicketPayment {

    private static final Logger log = LoggerFactory.getLogger(TicketPayment.class);

    private final TicketStore tickets;
    private final TicketNumberAllocator numbers;
    private final TenantTimeZones zones;
    private final Outbox outbox;

    TicketPayment(TicketStore tickets, TicketNumberAllocator numbers, TenantTimeZones zones, Outbox outbox) {
        this.tickets = tickets;
        this.numbers = numbers;
        this.zones = zones;
        this.outbox = outbox;
    }

    public Mono<Void> confirm(EventEnvelope<PaymentConfirmed> event) {
        PaymentConfirmed payment = event.data();
        String tenant = event.tenantid();
        return tickets.lock(tenant, payment.ticketId())
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        log.warn("payment {} confirmed for unknown ticket {} of tenant {}; acknowledged",
                                payment.paymentId(), payment.ticketId(), tenant);
                        return Mono.empty();
                    }
                    TicketRecord ticket = found.get();
                    if (TicketStateMachine.allows(ticket.status(), TicketAction.PAY)) {
                        return pay(ticket, event);
                    }
                    // a second confirmation of the same payment is expected (webhook and reconciliation)
                    if (payment.paymentId().equals(ticket.paid().paymentId())) {
                        log.info("payment {} already applied to ticket {}; acknowledged", payment.paymentId(), ticket.id());
                    } else {
                        // EXPIRED or CANCELLED: payment-service refunds it on ticket.expired / ticket.cancelled
                        log.warn("payment {} confirmed for ticket {} in {}; not applied (payment-service refunds it), acknowledged",
                                payment.paymentId(), ticket.id(), ticket.status());
                    }
                    return Mono.empty();
                });
    }

    private Mono<Void> pay(TicketRecord ticket, EventEnvelope<PaymentConfirmed> event) {
        PaymentConfirmed payment = event.data();
        return zones.zoneOf(ticket.tenant()).flatMap(zone -> {
            // the business day of the payment itself, so a delayed event never lands on the next day
            java.time.LocalDate day = payment.confirmedAt().atZone(zone).toLocalDate();
            TicketRecord.Sale sale = ticket.sale();
            return numbers.next(ticket.tenant(), sale.serviceId(), day).flatMap(sequence -> {
                    String number = QueueNumber.format(sale.prefix(), sequence);
                    TicketPaid paid = new TicketPaid(sale.id(), sale.serviceId(), sale.serviceName(), number, day,
                            sale.durationMinutes(), sale.priority(), sale.displayName(), sale.statusToken(),
                            payment.paymentId(), payment.amountCents(), payment.confirmedAt(), sale.createdBy(),
                            zone.getId());
                    return tickets.markPaid(ticket, number, day, sequence, payment.paymentId(), payment.amountCents(),
                                    payment.confirmedAt())
                            .then(outbox.append(EventEnvelope.of(ticket.tenant(),
                                    ticket.id().toString(), paid)))
                            .doOnSuccess(v -> log.info("ticket {} paid: number {} on {}", ticket.id(), number, day));
                });
        });
    }
}
