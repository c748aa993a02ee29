package br.com.totem.queue.counter.events;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.QueueEntry;
import br.com.totem.queue.counter.store.QueueStore;
import br.com.totem.queue.live.AfterCommit;
import br.com.totem.queue.live.LiveQueue;
import br.com.totem.queue.live.QueueChange;
import reactor.core.publisher.Mono;

/** A cancelled ticket leaves the line (waiting or called); one already in service or done is left alone. */
@Component
class TicketCancelledHandler implements EventHandler<TicketCancelled> {

    private static final Logger log = LoggerFactory.getLogger(TicketCancelledHandler.class);

    private final QueueStore queue;
    private final LiveQueue live;

    TicketCancelledHandler(QueueStore queue, LiveQueue live) {
        this.queue = queue;
        this.live = live;
    }

    @Override
    public EventType eventType() {
        return EventType.TICKET_CANCELLED;
    }

    @Override
    public Mono<Void> handle(EventEnvelope<TicketCancelled> event) {
        TicketCancelled c = event.data();
        return queue.lockById(event.tenantid(), c.ticketId())
                .doOnSuccess(e -> {
                    if (e == null) {
                        log.info("ticket {} is not in the queue: ticket.cancelled {} ignored", c.ticketId(), event.id());
                    }
                })
                .flatMap(e -> {
                    if (e.status() != EntryStatus.WAITING && e.status() != EntryStatus.CALLED) {
                        log.info("ticket {} is {}: ticket.cancelled {} leaves it", e.number(), e.status(), event.id());
                        return Mono.empty();
                    }
                    QueueEntry cancelled = new QueueEntry(e.ticketId(), e.tenant(), e.number(), e.serviceId(), e.serviceName(),
                            e.preferential(), e.displayName(), e.statusToken(), e.businessDate(), e.durationMinutes(), e.paidAt(),
                            EntryStatus.CANCELLED, e.stationId(), e.stationName(), e.sessionId(), e.operatorId(), e.recallCount(),
                            e.calledAt(), e.startedAt(), c.cancelledAt());
                    return queue.update(cancelled, e.status(), null)
                            .then(AfterCommit.run(() -> live.publish(e.tenant(), QueueChange.Kind.CANCELLED, cancelled,
                                    List.of(e.serviceId()))));
                })
                .then();
    }
}
