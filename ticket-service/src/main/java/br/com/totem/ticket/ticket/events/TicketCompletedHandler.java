package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketProgress;
import reactor.core.publisher.Mono;

@Component
class TicketCompletedHandler implements EventHandler<TicketCompleted> {

    private final TicketProgress progress;

    TicketCompletedHandler(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_COMPLETED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketCompleted> event) {
        return progress.completed(event);
    }
}
