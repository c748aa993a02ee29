package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketProgress;
import reactor.core.publisher.Mono;

@Component
class TicketStartedHandler implements EventHandler<TicketStarted> {

    private final TicketProgress progress;

    TicketStartedHandler(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_STARTED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketStarted> event) {
        return progress.started(event);
    }
}
