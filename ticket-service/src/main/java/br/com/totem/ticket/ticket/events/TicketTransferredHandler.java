package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketProgress;
import reactor.core.publisher.Mono;

@Component
class TicketTransferredHandler implements EventHandler<TicketTransferred> {

    private final TicketProgress progress;

    TicketTransferredHandler(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_TRANSFERRED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketTransferred> event) {
        return progress.transferred(event);
    }
}
