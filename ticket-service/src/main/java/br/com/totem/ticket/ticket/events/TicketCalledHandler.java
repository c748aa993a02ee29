package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketProgress;
import reactor.core.publisher.Mono;

@Component
class TicketCalledHandler implements EventHandler<TicketCalled> {

    private final TicketProgress progress;

    TicketCalledHandler(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_CALLED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketCalled> event) {
        return progress.called(event);
    }
}
