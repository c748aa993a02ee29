package br.com.totem.payment.charge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.PaymentLinkCreated;
import br.com.totem.payment.brcode.BrCode;
import br.com.totem.payment.brcode.QrSvg;
import br.com.totem.payment.charge.domain.ChargeStatus;
import br.com.totem.payment.charge.domain.Txid;
import br.com.totem.payment.charge.store.Charge;
import br.com.totem.payment.charge.store.ChargeStore;
import br.com.totem.payment.config.PaymentProperties;
import br.com.totem.payment.provider.PixModels;
import br.com.totem.payment.provider.PixProvider;
import br.com.totem.payment.provider.PspException;
import br.com.totem.payment.settings.TenantSettings;
import br.com.totem.payment.settings.TenantSettingsStore;
import br.com.totem.payment.settings.crypto.SecretCipher;
import br.com.totem.payment.shared.PaymentProblems;
import br.com.totem.payment.ticket.TicketStore;
import br.com.totem.platform.events.Outbox;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * POST /payments/link: exactly one charge per ticket. The first request inserts the charge
 * row (the unique constraint on ticket_id picks the winner) and creates it at the PSP; the
 * others wait a bounded time for it and otherwise get a 202 with Retry-After. A creator that
 * failed releases its claim, one that died is replaced after {@code claimStaleAfter}; the
 * txid is derived from the ticket, so a second attempt revises the same PSP charge.
 */
@Service
public class LinkService {

    private static final Logger log = LoggerFactory.getLogger(LinkService.class);
    private static final Duration POLL = Duration.ofMillis(100);

    /** 200 with the charge, or 202 while another request is still creating it. */
    public record LinkResult(Link link, boolean pending) {
        LinkResult manual(boolean available) {
            return new LinkResult(link.manual(available), pending);
        }
    }

    /**
     * The charge as the kiosk shows it. {@code manualPaymentAvailable}: the tenant also takes payment at the
     * counter (its providers include MANUAL), so the kiosk may offer "Pagar no balcão" beside the Pix.
     */
    public record Link(UUID paymentId, String txid, String pixCopiaECola, String qrSvg, long amountCents,
                       Instant expiresAt, String status, boolean manualPaymentAvailable) {
        Link(UUID paymentId, String txid, String pixCopiaECola, String qrSvg, long amountCents, Instant expiresAt,
             String status) {
            this(paymentId, txid, pixCopiaECola, qrSvg, amountCents, expiresAt, status, false);
        }

        Link manual(boolean available) {
            return new Link(paymentId, txid, pixCopiaECola, qrSvg, amountCents, expiresAt, status, available);
        }
    }

    private final TenantSettingsStore settings;
    private final TicketStore tickets;
    private final ChargeStore charges;
    private final PixProvider pix;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final PaymentProperties properties;
    private final Clock clock;

    public LinkService(TenantSettingsStore settings, TicketStore tickets, ChargeStore charges, PixProvider pix, Outbox outbox,
                       TransactionalOperator tx, PaymentProperties properties, Clock clock) {
        this.settings = settings;
        this.tickets = tickets;
        this.charges = charges;
        this.pix = pix;
        this.outbox = outbox;
        this.tx = tx;
        this.properties = properties;
        this.clock = clock;
    }

    public Mono<LinkResult> link(String tenant, UUID ticketId) {
        return settings.find(tenant)
                // a secret that does not decrypt (logged by the store) is no secret to charge with
                .onErrorMap(SecretCipher.UnreadableSecret.class, e -> PaymentProblems.notConfigured())
                .switchIfEmpty(Mono.error(PaymentProblems::notConfigured))
                .flatMap(s -> {
                    if (!s.usesPix()) {
                        return Mono.error(PaymentProblems.ticketNotPending("PIX_DESATIVADO"));
                    }
                    return awaitTicket(tenant, ticketId).flatMap(ticket -> charges.byTicket(tenant, ticketId)
                            .flatMap(existing -> existing.status() == ChargeStatus.CANCELLED && !ticket.pending()
                                    // cancelled because the ticket ended: say how it ended
                                    ? Mono.<LinkResult>error(PaymentProblems.ticketNotPending(ticket.closedState()))
                                    : handle(s, existing, clock.instant().plus(properties.link().chargeWait())))
                            .switchIfEmpty(Mono.defer(() -> {
                                if (!ticket.pending()) {
                                    return Mono.error(PaymentProblems.ticketNotPending(ticket.closedState()));
                                }
                                UUID id = UUID.randomUUID();
                                Instant expires = clock.instant().plusSeconds(s.chargeExpirySeconds());
                                return charges.insertClaimed(id, tenant, ticketId, Txid.forTicket(ticketId), ticket.priceCents(), expires)
                                        .flatMap(won -> won
                                                ? charges.byId(tenant, id).flatMap(c -> create(s, c))
                                                : charges.byTicket(tenant, ticketId).flatMap(c ->
                                                        handle(s, c, clock.instant().plus(properties.link().chargeWait()))));
                            })))
                            .map(result -> result.manual(s.allowsManual()));
                });
    }

    /** The ticket from the projection, waiting a bounded time for a ticket.created still on its way. */
    private Mono<TicketStore.Ticket> awaitTicket(String tenant, UUID ticketId) {
        Instant deadline = clock.instant().plus(properties.link().ticketWait());
        return tickets.find(tenant, ticketId)
                .switchIfEmpty(Mono.defer(() -> clock.instant().isAfter(deadline)
                        ? Mono.error(PaymentProblems.ticketNotFound())
                        : Mono.delay(POLL).then(Mono.error(new RetryTicket()))))
                .retryWhen(reactor.util.retry.Retry.indefinitely().filter(e -> e instanceof RetryTicket));
    }

    private static final class RetryTicket extends RuntimeException {
        RetryTicket() {
            super(null, null, false, false);
        }
    }

    private Mono<LinkResult> handle(TenantSettings s, Charge c, Instant waitUntil) {
        return switch (c.status()) {
            case ACTIVE -> c.expiresAt().isBefore(clock.instant())
                    ? Mono.error(PaymentProblems.ticketNotPending("EXPIRADA"))
                    : respond(c);
            case CONFIRMED -> Mono.error(PaymentProblems.ticketNotPending("PAGA"));
            case EXPIRED -> Mono.error(PaymentProblems.ticketNotPending("EXPIRADA"));
            case CANCELLED -> Mono.error(PaymentProblems.ticketNotPending("CANCELADA"));
            case FLAGGED -> Mono.error(PaymentProblems.ticketNotPending("EM_ANALISE"));
            case CREATING -> charges.tryClaim(c.id(), properties.link().claimStaleAfter()).flatMap(claimed -> {
                if (claimed) {
                    return create(s, c);
                }
                if (clock.instant().isAfter(waitUntil)) {
                    return Mono.just(new LinkResult(new Link(c.id(), c.txid(), null, null, c.amountCents(), c.expiresAt(),
                            ChargeStatus.CREATING.name()), true));
                }
                return Mono.delay(POLL).then(charges.byId(c.tenant(), c.id())).flatMap(again -> handle(s, again, waitUntil));
            });
        };
    }

    /** Creates the claimed charge at the PSP and activates it with payment.link_created. */
    private Mono<LinkResult> create(TenantSettings s, Charge c) {
        int expirySeconds = (int) Math.max(1, Duration.between(clock.instant(), c.expiresAt()).toSeconds());
        var request = new PixModels.CobRequest(c.txid(), c.amountCents(), expirySeconds, s.pixKey(), "Totem - senha de atendimento");
        return pix.createCharge(s, request)
                .flatMap(cob -> {
                    String brcode = cob.pixCopiaECola() != null && BrCode.isValid(cob.pixCopiaECola())
                            ? cob.pixCopiaECola()
                            : BrCode.dynamic(cob.location(), s.merchantName(), s.merchantCity());
                    Instant expires = cob.createdAt() != null ? cob.createdAt().plusSeconds(cob.expirySeconds()) : c.expiresAt();
                    var event = new PaymentLinkCreated(c.id(), c.ticketId(), c.txid(), c.amountCents(), expires, s.providerName());
                    return tx.transactional(charges.activate(c.id(), cob.location(), brcode, expires)
                                    .flatMap(ok -> ok ? outbox.append(EventEnvelope.of(c.tenant(),
                                            c.id().toString(), event)).thenReturn(true) : Mono.just(false)))
                            .then(charges.byId(c.tenant(), c.id()))
                            .flatMap(this::respond);
                })
                .onErrorResume(PspException.class, e -> {
                    log.warn("creating the Pix charge of ticket {} failed: {}", c.ticketId(), e.getMessage());
                    return charges.release(c.id()).then(Mono.error(e.transientFailure()
                            ? PaymentProblems.pspUnavailable(properties.retryAfter().toSeconds(), s.allowsManual())
                            : PaymentProblems.pspRejected()));
                });
    }

    private Mono<LinkResult> respond(Charge c) {
        if (c.status() == ChargeStatus.CREATING) {
            return Mono.just(new LinkResult(new Link(c.id(), c.txid(), null, null, c.amountCents(), c.expiresAt(),
                    c.status().name()), true));
        }
        if (c.status() != ChargeStatus.ACTIVE) {
            return handle(null, c, clock.instant());
        }
        return Mono.fromCallable(() -> QrSvg.of(c.pixCopiaECola()))
                .subscribeOn(Schedulers.boundedElastic())
                .map(svg -> new LinkResult(new Link(c.id(), c.txid(), c.pixCopiaECola(), svg, c.amountCents(), c.expiresAt(),
                        c.status().name()), false));
    }
}
