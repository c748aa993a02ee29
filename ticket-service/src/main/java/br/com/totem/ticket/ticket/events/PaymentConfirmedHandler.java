package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketPayment;
import reactor.core.publisher.Mono;

@Component
class PaymentConfirmedHandler implements EventHandler<PaymentConfirmed> {

    private final TicketPayment payment;

    PaymentConfirmedHandler(TicketPayment payment) {
        this.payment = payment;
    }

    @Override
    public EventType eventType() {
        return EventType.PAYMENT_CONFIRMED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<PaymentConfirmed> event) {
        return payment.confirm(event);
    }
}
