package br.com.totem.report.facts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventPayload;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentExpired;
import br.com.totem.contracts.PaymentLinkCreated;
import br.com.totem.contracts.PaymentRefunded;
import br.com.totem.contracts.PrintCompleted;
import br.com.totem.contracts.PrintFailed;
import br.com.totem.contracts.TicketCalled;
import br.com.totem.contracts.TicketCancelled;
import br.com.totem.contracts.TicketCompleted;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.contracts.TicketNoShow;
import br.com.totem.contracts.TicketPaid;
import br.com.totem.contracts.TicketStarted;
import br.com.totem.contracts.TicketTransferred;
import br.com.totem.platform.data.AfterCommit;
import br.com.totem.platform.events.EventCodec;
import br.com.totem.report.dashboard.DashboardCache;
import br.com.totem.report.facts.store.FactStore;
import br.com.totem.report.metrics.WaitingTimes;
import reactor.core.publisher.Mono;

/**
 * Folds each event into the read model (called by the platform inside the inbox transaction, and by
 * {@link Rebuild} over the event log). Every fold is order-independent (see {@link FactStore}); the
 * event itself is kept in {@code event_log} so the read model can be rebuilt from it.
 */
@Service
public class Folding {

    private static final Logger log = LoggerFactory.getLogger(Folding.class);

    private final FactStore facts;
    private final EventCodec codec;
    private final DashboardCache dashboards;
    private final WaitingTimes waits;

    Folding(FactStore facts, EventCodec codec, DashboardCache dashboards, WaitingTimes waits) {
        this.facts = facts;
        this.codec = codec;
        this.dashboards = dashboards;
        this.waits = waits;
    }

    /** The platform's reaction to every consumed event: logged, then folded once. */
    <T extends EventPayload> Mono<Void> apply(EventEnvelope<T> e) {
        String json = new String(codec.encode(e), StandardCharsets.UTF_8);
        return facts.log(e.id(), e.tenantid(), e.type(), e.time(), e.subject(), json)
                .flatMap(fresh -> {
                    if (!fresh) {
                        // the same event again after its inbox row was pruned
                        log.debug("{} {} already in the event log; not folded again", e.type(), e.id());
                        return Mono.<Void>empty();
                    }
                    return fold(e, true).then(AfterCommit.run(() -> dashboards.invalidate(e.tenantid())));
                });
    }

    /**
     * Folds one event into the read model. {@code live} is false during a rebuild: the waiting-time
     * histogram then records nothing (it already saw those tickets).
     */
    Mono<Void> fold(EventEnvelope<? extends EventPayload> e, boolean live) {
        String tenant = e.tenantid();
        return switch (e.data()) {
            case TicketCreated t -> facts.tenant(tenant, t.timeZone())
                    .then(facts.created(tenant, t.ticketId(), t.serviceId(), t.serviceName(), t.priceCents(), t.createdAt()));
            case TicketPaid t -> facts.tenant(tenant, t.timeZone())
                    .then(facts.paid(tenant, t.ticketId(), t.serviceId(), t.serviceName(), t.amountCents(), t.paidAt()))
                    .then(recordWait(tenant, t.ticketId(), live));
            case TicketCalled t -> facts.tenant(tenant, null)
                    .then(facts.called(tenant, t.ticketId(), t.serviceId(), t.stationId(), t.stationName(), t.operatorId(),
                            t.calledAt()))
                    .then(recordWait(tenant, t.ticketId(), live));
            case TicketStarted t -> facts.started(tenant, t.ticketId(), t.stationId(), t.operatorId(), t.startedAt());
            case TicketCompleted t -> facts.completed(tenant, t.ticketId(), t.serviceSeconds(), t.completedAt());
            case TicketNoShow t -> facts.noShow(tenant, t.ticketId(), t.markedAt());
            case TicketCancelled t -> facts.cancelled(tenant, t.ticketId(), t.cancelledAt());
            case TicketExpired t -> facts.expired(tenant, t.ticketId(), t.expiredAt());
            case TicketTransferred t -> facts.service(tenant, t.toServiceId(), t.toServiceName())
                    .then(facts.transferred(tenant, t.ticketId(), t.fromServiceId(), t.toServiceId(), t.transferredAt()));
            case PaymentConfirmed p -> facts.tenant(tenant, null)
                    .then(facts.payment(tenant, p.paymentId(), p.ticketId(), p.amountCents(), p.method().name(), p.confirmedAt()));
            case PaymentRefunded r -> facts.refund(tenant, r.refundId(), r.paymentId(), r.ticketId(), r.amountCents(),
                    r.status().name(), r.refundedAt());
            case PrintCompleted p -> facts.print(tenant, p.jobId(), p.ticketId(), true, false, null, p.completedAt());
            case PrintFailed p -> facts.print(tenant, p.jobId(), p.ticketId(), false, p.pdfFallbackAvailable(), p.reason(),
                    p.failedAt());
            // no figure changes; the events logged about the customer's tickets forget their name (LGPD)
            case CustomerAnonymised a -> facts.renameInLog(tenant, a.ticketIds(), a.displayName())
                    .doOnNext(n -> log.info("customer {} anonymised: {} logged event(s) renamed", a.customerId(), n))
                    .then();
            // kept in the log, but no figure changes: a charge and its expiry are not sales
            case PaymentLinkCreated p -> Mono.empty();
            case PaymentExpired p -> Mono.empty();
            default -> Mono.error(new IllegalStateException("report-service does not fold " + e.type()));
        };
    }

    /**
     * The waiting-time histogram gets a ticket's wait once, after the commit of the fold that first knows
     * both ends (paid, called: either may come first). A rebuild marks the rows without recording: the
     * histogram saw those tickets already.
     */
    private Mono<Void> recordWait(String tenant, java.util.UUID ticket, boolean live) {
        return facts.firstKnownWait(tenant, ticket)
                .flatMap(w -> live ? AfterCommit.run(() -> Mono.fromRunnable(() ->
                        waits.record(tenant, w.serviceName(), Duration.between(w.paidAt(), w.firstCalledAt()))))
                        : Mono.<Void>empty())
                .then();
    }
}
