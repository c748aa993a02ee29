package br.com.totem.ticket.lifecycle;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.platform.events.EventArrivedEarly;
import br.com.totem.ticket.lifecycle.domain.TicketAction;
import br.com.totem.ticket.lifecycle.domain.TicketStateMachine;
import br.com.totem.ticket.lifecycle.store.TicketRecord;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import reactor.core.publisher.Mono;

/**
 * What happens at the counter, as queue-service reports it: called (and recalled), started,
 * completed, no-show, transferred to another service's line. Records the times and the station;
 * runs in the event's inbox transaction. An event ahead of the ticket (completed while it is still
 * called: the other instance is applying the start) is {@link EventArrivedEarly}, tried again.
 */
@Service
public class TicketProgress {

    private static final Logger log = LoggerFactory.getLogger(TicketProgress.class);

    private final TicketStore tickets;

    TicketProgress(TicketStore tickets) {
        this.tickets = tickets;
    }

    public Mono<Void> called(EventEnvelope<TicketCalled> e) {
        TicketCalled c = e.data();
        return apply(e, c.ticketId(), TicketAction.CALL, c.calledAt(),
                // a call from before the ticket's last transfer (replayed late) is about the old line
                t -> t.transfer().at() != null && c.calledAt().isBefore(t.transfer().at()) ? stale(e, t)
                        : tickets.markCalled(t, c.stationId(), c.stationName(), c.recallCount(), c.calledAt()));
    }

    public Mono<Void> started(EventEnvelope<TicketStarted> e) {
        TicketStarted s = e.data();
        return apply(e, s.ticketId(), TicketAction.START, s.startedAt(), t -> tickets.markStarted(t, s.stationId(), s.startedAt()));
    }

    public Mono<Void> completed(EventEnvelope<TicketCompleted> e) {
        TicketCompleted c = e.data();
        return apply(e, c.ticketId(), TicketAction.COMPLETE, c.completedAt(), t -> tickets.markCompleted(t, c.completedAt()));
    }

    public Mono<Void> noShow(EventEnvelope<TicketNoShow> e) {
        TicketNoShow n = e.data();
        return apply(e, n.ticketId(), TicketAction.MARK_NO_SHOW, n.markedAt(), t -> tickets.markNoShow(t, n.markedAt()));
    }

    public Mono<Void> transferred(EventEnvelope<TicketTransferred> e) {
        TicketTransferred t = e.data();
        return apply(e, t.ticketId(), TicketAction.TRANSFER, t.transferredAt(),
                // older than what the ticket already went through (replayed late): applying it
                // would send a ticket called in its new line back to waiting for good
                ticket -> ticket.transfer().at() != null && !t.transferredAt().isAfter(ticket.transfer().at())
                        || ticket.call().calledAt() != null && ticket.call().calledAt().isAfter(t.transferredAt()) ? stale(e, ticket)
                        : tickets.markTransferred(ticket, t.toServiceId(), t.toServiceName(), t.toDurationMinutes(),
                        t.transferredAt()));
    }

    private static Mono<Void> stale(EventEnvelope<?> event, TicketRecord ticket) {
        log.warn("{} {} for ticket {} is older than its last transfer or call; ignored and acknowledged", event.type(),
                event.id(), ticket.id());
        return Mono.empty();
    }

    private Mono<Void> apply(EventEnvelope<?> event, UUID ticketId, TicketAction action, Instant at,
                             Function<TicketRecord, Mono<Void>> change) {
        return tickets.lock(event.tenantid(), ticketId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        log.warn("{} {} for unknown ticket {} of tenant {}; acknowledged", event.type(), event.id(),
                                ticketId, event.tenantid());
                        return Mono.empty();
                    }
                    TicketRecord ticket = found.get();
                    if (!TicketStateMachine.allows(ticket.status(), action)) {
                        boolean beforeTransfer = ticket.transfer().at() != null && at.isBefore(ticket.transfer().at());
                        if (!beforeTransfer && TicketStateMachine.awaitsEarlierStep(ticket.status(), action)) {
                            // two instances share the queue: the step before this one is being applied
                            // by the other; acknowledging this event now would lose it
                            return Mono.error(new EventArrivedEarly("ticket " + ticketId + " is " + ticket.status()));
                        }
                        log.warn("{} {} for ticket {} in {}; ignored and acknowledged", event.type(), event.id(), ticketId,
                                ticket.status());
                        return Mono.empty();
                    }
                    return change.apply(ticket)
                            .doOnSuccess(v -> log.info("ticket {}: {} applied", ticketId, event.type()));
                });
    }
}
