package br.com.totem.report.facts;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.PaymentLinkCreated;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.PrintCompleted;
import br.com.totem.contracts.PrintFailed;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.platform.events.EventHandlers;

/** report-service consumes every event, each folded into the read model by {@link Folding} (docs/platform.md). */
@Configuration(proxyBeanMethods = false)
class FactsConfiguration {

    @Bean
    EventHandlers factEvents(Folding folding) {
        return EventHandlers.forFeature("facts")
                .on(TicketCreated.class, folding::apply)
                .on(TicketPaid.class, folding::apply)
                .on(TicketCancelled.class, folding::apply)
                .on(TicketExpired.class, folding::apply)
                .on(TicketCalled.class, folding::apply)
                .on(TicketStarted.class, folding::apply)
                .on(TicketCompleted.class, folding::apply)
                .on(TicketNoShow.class, folding::apply)
                .on(TicketTransferred.class, folding::apply)
                .on(PaymentLinkCreated.class, folding::apply)
                .on(PaymentConfirmed.class, folding::apply)
                .on(PaymentExpired.class, folding::apply)
                .on(PaymentRefunded.class, folding::apply)
                .on(PrintCompleted.class, folding::apply)
                .on(PrintFailed.class, folding::apply)
                .on(CustomerAnonymised.class, folding::apply)
                .build();
    }
}
