package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketExpiry;
import reactor.core.publisher.Mono;

@Component
class PaymentExpiredHandler implements EventHandler<PaymentExpired> {

    private final TicketExpiry expiry;

    PaymentExpiredHandler(TicketExpiry expiry) {
        this.expiry = expiry;
    }

    @Override
    public EventType eventType() {
        return EventType.PAYMENT_EXPIRED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<PaymentExpired> event) {
        return expiry.paymentExpired(event);
    }
}
