package br.com.totem.payment.charge;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentConfirmed;
import br.com.totem.contracts.PaymentMethod;
import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.payment.shared.PaymentProblems;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.security.Caller;
import reactor.core.publisher.Mono;

/**
 * The Manual provider: cash or card taken at the counter and confirmed by a manager. The
 * confirmation, its audit record and payment.confirmed commit together. An open Pix charge of
 * the ticket becomes the manual payment and is removed at the PSP afterwards (best effort;
 * the reconciler and the daily report catch a Pix paid in the meantime).
 */
@Service
public class ManualPaymentService {

    private static final Logger log = LoggerFactory.getLogger(ManualPaymentService.class);

    private final TicketStore tickets;
    private final ChargeStore charges;
    private final TenantSettingsStore settings;
    private final PixProvider pix;
    private final Outbox outbox;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    public ManualPaymentService(TicketStore tickets, ChargeStore charges, TenantSettingsStore settings, PixProvider pix,
                                Outbox outbox, AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.tickets = tickets;
        this.charges = charges;
        this.settings = settings;
        this.pix = pix;
        this.outbox = outbox;
        this.audit = audit;
        this.tx = tx;
        this.clock = clock;
    }

    public Mono<Charge> confirm(Caller manager, UUID ticketId, PaymentMethod method) {
        if (method == PaymentMethod.PIX) {
            return Mono.error(PaymentProblems.refundNotAllowed("Use CASH ou CARD para pagamento no balcão."));
        }
        return settings.find(manager.tenant())
                .onErrorMap(SecretCipher.UnreadableSecret.class, e -> PaymentProblems.notConfigured())
                .switchIfEmpty(Mono.error(PaymentProblems::notConfigured))
                .flatMap(s -> s.allowsManual() ? tickets.find(manager.tenant(), ticketId)
                        : Mono.error(PaymentProblems.ticketNotPending("PAGAMENTO_MANUAL_DESATIVADO")))
                .switchIfEmpty(Mono.error(PaymentProblems::ticketNotFound))
                .flatMap(ticket -> {
                    if (!ticket.pending()) {
                        return Mono.error(PaymentProblems.ticketNotPending(ticket.closedState()));
                    }
                    Instant now = clock.instant();
                    Mono<Charge> work = charges.byTicket(manager.tenant(), ticketId)
                            .flatMap(existing -> existing.status().open()
                                    ? charges.confirm(existing.id(), method.name(), null, existing.amountCents(), now)
                                    .flatMap(ok -> ok ? charges.byId(manager.tenant(), existing.id())
                                            : Mono.error(PaymentProblems.ticketNotPending(existing.status().name())))
                                    : Mono.error(PaymentProblems.ticketNotPending(existing.status().name())))
                            .switchIfEmpty(Mono.defer(() -> {
                                UUID id = UUID.randomUUID();
                                return charges.insertManual(id, manager.tenant(), ticketId, method.name(), ticket.priceCents(), now)
                                        .flatMap(ok -> ok ? charges.byId(manager.tenant(), id)
                                                : Mono.error(PaymentProblems.ticketNotPending("COBRANCA_EM_ANDAMENTO")));
                            }))
                            .flatMap(c -> outbox.append(EventEnvelope.of(c.tenant(), c.id().toString(),
                                            new PaymentConfirmed(c.id(), c.ticketId(), null, null, c.amountCents(), method, now)))
                                    .then(audit.record(manager, "payment.manual_confirmed", "payment", c.id().toString(),
                                            Map.of("ticketId", ticketId.toString(), "method", method.name(),
                                                    "amountCents", c.amountCents())))
                                    .thenReturn(c));
                    return tx.transactional(work);
                })
                .doOnNext(c -> {
                    if (c.txid() != null && c.status() == ChargeStatus.CONFIRMED) {
                        settings.find(c.tenant()).flatMap(s -> pix.removeCharge(s, c.txid()))
                                .subscribe(ok -> { }, e -> log.info("removing Pix charge {} after a manual payment failed: {}",
                                        c.txid(), e.getMessage()));
                    }
                });
    }
}
