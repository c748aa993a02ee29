package br.com.totem.queue.counter.events;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.QueueEntry;
import br.com.totem.queue.counter.store.QueueStore;
import br.com.totem.queue.live.AfterCommit;
import br.com.totem.queue.live.LiveQueue;
import br.com.totem.queue.live.QueueChange;
import reactor.core.publisher.Mono;

/** A paid ticket joins its service's line; operators and the status page see it at once. */
@Component
class TicketPaidHandler implements EventHandler<TicketPaid> {

    private static final Logger log = LoggerFactory.getLogger(TicketPaidHandler.class);

    private final QueueStore queue;
    private final LiveQueue live;

    TicketPaidHandler(QueueStore queue, LiveQueue live) {
        this.queue = queue;
        this.live = live;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_PAID;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketPaid> event) {
        TicketPaid p = event.data();
        String tenant = event.tenantid();
        QueueEntry entry = new QueueEntry(p.ticketId(), tenant, p.number(), p.serviceId(), p.serviceName(),
                p.priority() == Priority.PREFERENTIAL, p.displayName(), p.statusToken(), p.businessDate(), p.durationMinutes(),
                p.paidAt(), EntryStatus.WAITING, null, null, null, null, 0, null, null, null);
        return queue.upsertLane(tenant, p.serviceId(), p.serviceName(), p.durationMinutes())
                .then(queue.insert(entry))
                .flatMap(inserted -> {
                    if (!inserted) {
                        log.info("ticket {} already queued; ticket.paid {} ignored", p.ticketId(), event.id());
                        return Mono.empty();
                    }
                    return AfterCommit.run(() -> live.publish(tenant, QueueChange.Kind.ENQUEUED, entry, List.of(p.serviceId())));
                });
    }
}
