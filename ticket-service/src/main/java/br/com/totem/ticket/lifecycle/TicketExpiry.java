package br.com.totem.ticket.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.platform.events.Outbox;
import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.lifecycle.domain.TicketAction;
import br.com.totem.ticket.lifecycle.domain.TicketStateMachine;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import reactor.core.publisher.Mono;

/**
 * Unpaid tickets end as EXPIRED with {@code ticket.expired}: when payment-service reports the
 * Pix charge expired, or — should that event never come — when the safety sweep finds a ticket
 * pending longer than {@code totem.ticket.expiry.pending-timeout}.
 */
@Service
public class TicketExpiry {

    private static final Logger log = LoggerFactory.getLogger(TicketExpiry.class);
    private static final int SWEEP_BATCH = 200;

    private final TicketStore tickets;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Duration pendingTimeout;
    private final Clock clock;

    TicketExpiry(TicketStore tickets, Outbox outbox, TransactionalOperator tx, TicketProperties properties, Clock clock) {
        this.clock = clock;
        this.tickets = tickets;
        this.outbox = outbox;
        this.tx = tx;
        this.pendingTimeout = properties.expiry().pendingTimeout();
    }

    /** {@code payment.expired}; runs in the event's inbox transaction. */
    public Mono<Void> paymentExpired(EventEnvelope<PaymentExpired> event) {
        PaymentExpired e = event.data();
        return expire(event.tenantid(), e.ticketId(), e.expiredAt(), "payment " + e.paymentId() + " expired").then();
    }

    /** Expires every ticket pending too long, each in its own transaction; returns how many. */
    public Mono<Long> sweep() {
        Instant cutoff = clock.instant().minus(pendingTimeout);
        return tickets.pendingCreatedBefore(cutoff, SWEEP_BATCH)
                .concatMap(t -> tx.transactional(expire(t.tenant(), t.id(), clock.instant(), "pending since " + t.sale().createdAt())))
                .filter(Boolean::booleanValue)
                .count();
    }

    /** True when the ticket was pending and is now expired. */
    private Mono<Boolean> expire(String tenant, UUID ticketId, Instant at, String why) {
        return tickets.lock(tenant, ticketId)
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(found -> {
                    if (found.isEmpty()) {
                        log.warn("ticket {} of tenant {} not expired ({}): unknown ticket", ticketId, tenant, why);
                        return Mono.just(false);
                    }
                    var ticket = found.get();
                    if (!TicketStateMachine.allows(ticket.status(), TicketAction.EXPIRE)) {
                        log.info("ticket {} not expired ({}): it is {}", ticketId, why, ticket.status());
                        return Mono.just(false);
                    }
                    return tickets.markExpired(ticket, at)
                            .then(outbox.append(EventEnvelope.of(tenant,
                                    ticketId.toString(), new TicketExpired(ticketId, at))))
                            .doOnSuccess(v -> log.info("ticket {} expired: {}", ticketId, why))
                            .thenReturn(true);
                });
    }
}
