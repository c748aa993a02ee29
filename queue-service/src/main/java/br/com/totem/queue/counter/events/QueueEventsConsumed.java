package br.com.totem.queue.counter.events;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.ServiceChanged;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.EventHandlers;
import br.com.totem.queue.counter.QueueIntake;

/** Every event queue-service consumes (listed in {@code totem.events.consumes}) and what it does with it. */
@Configuration(proxyBeanMethods = false)
class QueueEventsConsumed {

    @Bean
    EventHandlers queueEventHandlers(QueueIntake intake) {
        return EventHandlers.forFeature("queue")
                .on(TicketPaid.class, intake::paid)
                .on(TicketCancelled.class, intake::cancelled)
                .on(ServiceChanged.class, intake::serviceChanged)
                .on(CustomerAnonymised.class, intake::customerAnonymised)
                .build();
    }
}
