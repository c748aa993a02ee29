package br.com.totem.queue.counter;

import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.Priority;
import br.com.totem.contracts.ServiceChanged;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.data.AfterCommit;
import br.com.totem.platform.events.EventArrivedEarly;
import br.com.totem.platform.trace.Traceparent;
import br.com.totem.queue.counter.domain.EntryStatus;
import br.com.totem.queue.counter.domain.QueueEntry;
import br.com.totem.queue.counter.store.QueueStore;
import reactor.core.publisher.Mono;

/**
 * Tickets entering and leaving the queue on ticket-service's events; each runs in the event's
 * inbox transaction, and operators and the status page hear of it once it has committed.
 */
@Service
public class QueueIntake {

    private static final Logger log = LoggerFactory.getLogger(QueueIntake.class);

    private final QueueStore queue;
    private final QueueChanges changes;

    QueueIntake(QueueStore queue, QueueChanges changes) {
        this.queue = queue;
        this.changes = changes;
    }

    /** {@code ticket.paid}: the ticket joins its service's line. */
    public Mono<Void> paid(EventEnvelope<TicketPaid> event) {
        TicketPaid p = event.data();
        String tenant = event.tenantid();
        QueueEntry entry = QueueEntry.waiting(new QueueEntry.Paid(p.ticketId(), tenant, p.number(),
                        p.priority() == Priority.PREFERENTIAL, p.displayName(), p.statusToken(), p.businessDate(), p.paidAt()),
                new QueueEntry.Line(p.serviceId(), p.serviceName(), p.durationMinutes()));
        return queue.upsertLane(tenant, p.serviceId(), p.serviceName(), p.durationMinutes())
                .then(queue.insert(entry))
                .flatMap(inserted -> {
                    if (!inserted) {
                        log.info("ticket {} already queued; ticket.paid {} ignored", p.ticketId(), event.id());
                        return Mono.empty();
                    }
                    return AfterCommit.run(() -> changes.publish(tenant, QueueChanges.Kind.ENQUEUED, entry,
                            List.of(p.serviceId()), Traceparent.currentOr(event.traceparent())));
                });
    }

    /**
     * {@code catalog.service_changed}: the line of a service exists from the moment it is in the
     * catalog (an operator may transfer a ticket to it before it sold any), with its current name,
     * duration and active flag; an older change than the one applied is ignored.
     */
    public Mono<Void> serviceChanged(EventEnvelope<ServiceChanged> event) {
        ServiceChanged c = event.data();
        return queue.applyCatalogChange(event.tenantid(), c.serviceId(), c.name(), c.durationMinutes(), c.active(), c.changedAt())
                .doOnNext(applied -> {
                    if (!applied) {
                        log.info("service {} already has a newer catalog change; {} ignored", c.serviceId(), event.id());
                    }
                })
                .then();
    }

    /**
     * {@code customer.anonymised}: the customer's tickets lose their display name here too (LGPD),
     * in the table and, once committed, in the changes kept for reconnecting clients. A ticket not
     * queued yet has nothing to change: its {@code ticket.paid}, if still unsent, was rewritten by
     * ticket-service before it left.
     */
    public Mono<Void> customerAnonymised(EventEnvelope<CustomerAnonymised> event) {
        CustomerAnonymised a = event.data();
        String tenant = event.tenantid();
        return queue.rename(tenant, a.ticketIds(), a.displayName())
                .flatMap(n -> {
                    log.info("customer {} anonymised: {} queue entr(y/ies) renamed", a.customerId(), n);
                    return n == 0 ? Mono.<Void>empty()
                            : AfterCommit.run(() -> changes.renamed(tenant, Set.copyOf(a.ticketIds()), a.displayName()));
                });
    }

    /** {@code ticket.cancelled}: a waiting or called ticket leaves the line; one in service or done is left alone. */
    public Mono<Void> cancelled(EventEnvelope<TicketCancelled> event) {
        TicketCancelled c = event.data();
        return queue.lockById(event.tenantid(), c.ticketId())
                .switchIfEmpty(Mono.defer(() -> {
                    if (c.previousStatus() == TicketStatus.PAID || c.previousStatus() == TicketStatus.CALLED) {
                        // it was paid, so its ticket.paid is on its way (the other instance is queueing it):
                        // acknowledging the cancel now would leave a cancelled ticket waiting in line
                        return Mono.error(new EventArrivedEarly("paid ticket " + c.ticketId() + " is not queued yet"));
                    }
                    log.info("ticket {} is not in the queue: ticket.cancelled {} ignored", c.ticketId(), event.id());
                    return Mono.empty();
                }))
                .flatMap(e -> {
                    if (e.status() != EntryStatus.WAITING && e.status() != EntryStatus.CALLED) {
                        log.info("ticket {} is {}: ticket.cancelled {} leaves it", e.number(), e.status(), event.id());
                        return Mono.empty();
                    }
                    QueueEntry cancelled = e.cancelled(c.cancelledAt());
                    return queue.update(cancelled, e.status(), null)
                            .then(AfterCommit.run(() -> changes.publish(e.tenant(), QueueChanges.Kind.CANCELLED, cancelled,
                                    List.of(e.serviceId()), Traceparent.currentOr(event.traceparent()))));
                })
                .then();
    }
}
