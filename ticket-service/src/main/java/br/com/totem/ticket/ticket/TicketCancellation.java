package br.com.totem.ticket.ticket;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.ticket.domain.TicketAction;
import br.com.totem.ticket.ticket.domain.TicketStateMachine;
import br.com.totem.ticket.ticket.store.TicketRecord;
import br.com.totem.ticket.ticket.store.TicketStore;
import reactor.core.publisher.Mono;

/** A manager cancels a ticket; a paid one is refunded by payment-service on {@code ticket.cancelled}. */
@Service
public class TicketCancellation {

    private static final Logger log = LoggerFactory.getLogger(TicketCancellation.class);

    private final TicketStore tickets;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    TicketCancellation(TicketStore tickets, Outbox outbox, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.clock = clock;
        this.tickets = tickets;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
    }

    public Mono<TicketRecord> cancel(Caller manager, UUID ticketId, String reason) {
        Mono<TicketRecord> work = tickets.lock(manager.tenant(), ticketId)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Ticket")))
                .flatMap(ticket -> {
                    TicketStateMachine.next(ticket.status(), TicketAction.CANCEL);
                    boolean refund = TicketStateMachine.refundRequiredWhenCancelled(ticket.status());
                    Instant now = clock.instant();
                    TicketCancelled cancelled = new TicketCancelled(ticketId, ticket.status(), reason, manager.subject(),
                            refund, now);
                    return tickets.markCancelled(ticket, manager.subject(), reason, now)
                            .then(outbox.append(EventEnvelope.of(EventType.TICKET_CANCELLED.producer(), manager.tenant(),
                                    ticketId.toString(), cancelled)))
                            .then(audit.record(manager, "ticket.cancel", "ticket", ticketId.toString(), Map.of(
                                    "previousStatus", ticket.status().name(), "reason", reason, "refundRequired", refund)))
                            .doOnSuccess(v -> log.info("ticket {} cancelled by {} (was {}, refund {})", ticketId,
                                    manager.subject(), ticket.status(), refund))
                            .then(tickets.find(manager.tenant(), ticketId));
                });
        return tx.transactional(work);
    }
}
