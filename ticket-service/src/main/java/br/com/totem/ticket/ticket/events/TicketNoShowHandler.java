package br.com.totem.ticket.ticket.events;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.ticket.ticket.TicketProgress;
import reactor.core.publisher.Mono;

@Component
class TicketNoShowHandler implements EventHandler<TicketNoShow> {

    private final TicketProgress progress;

    TicketNoShowHandler(TicketProgress progress) {
        this.progress = progress;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_NO_SHOW;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketNoShow> event) {
        return progress.noShow(event);
    }
}
