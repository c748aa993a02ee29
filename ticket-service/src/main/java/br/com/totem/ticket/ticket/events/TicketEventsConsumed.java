package br.com.totem.ticket.ticket.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.platform.events.EventHandlers;
import br.com.totem.ticket.ticket.TicketExpiry;
import br.com.totem.ticket.ticket.TicketPayment;
import br.com.totem.ticket.ticket.TicketProgress;

/** Every event ticket-service consumes (listed in {@code totem.events.consumes}) and what it does with it. */
@Configuration(proxyBeanMethods = false)
class TicketEventsConsumed {

    @Bean
    EventHandlers ticketEventHandlers(TicketPayment payment, TicketExpiry expiry, TicketProgress progress) {
        return EventHandlers.forFeature("tickets")
                .on(PaymentConfirmed.class, payment::confirm)
                .on(PaymentExpired.class, expiry::paymentExpired)
                .on(TicketCalled.class, progress::called)
                .on(TicketStarted.class, progress::started)
                .on(TicketCompleted.class, progress::completed)
                .on(TicketNoShow.class, progress::noShow)
                .on(TicketTransferred.class, progress::transferred)
                .build();
    }
}
