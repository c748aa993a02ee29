package br.com.totem.ticket.lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.customer.CustomerRegistry;
import br.com.totem.ticket.customer.crypto.BlindIndex;
import br.com.totem.ticket.lifecycle.domain.NewTicket;
import br.com.totem.platform.security.OpaqueTokens;
import br.com.totem.ticket.lifecycle.store.IdempotencyStore;
import br.com.totem.ticket.lifecycle.store.TicketCreationStore;
import br.com.totem.ticket.lifecycle.store.TicketRecord;
import br.com.totem.ticket.lifecycle.store.TicketStore;
import br.com.totem.ticket.tenant.TenantTimeZones;
import br.com.totem.ticket.web.ApiProblems;
import reactor.core.publisher.Mono;

/**
 * A kiosk's {@code POST /api/v1/tickets}: validated, deduplicated by Idempotency-Key, then the
 * customer, the ticket, the consent acceptance and {@code ticket.created} in one statement
 * ({@link TicketCreationStore}, ADR 0007). The service and consent text come from
 * {@link SaleTerms}; when the database no longer agrees with them the attempt is repeated once
 * with both read afresh.
 */
@Service
public class TicketCreation {

    private static final Logger log = LoggerFactory.getLogger(TicketCreation.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    /** Tries after the first, each with a fresh read: only concurrent catalog or consent edits need more than one. */
    private static final int MAX_TRIES = 3;

    private final SaleTerms terms;
    private final CustomerRegistry customers;
    private final TicketStore tickets;
    private final TicketCreationStore creations;
    private final IdempotencyStore idempotency;
    private final BlindIndex blindIndex;
    private final Outbox outbox;
    private final Duration keyTtl;
    private final Clock clock;
    private final TenantTimeZones zones;

    TicketCreation(SaleTerms terms, CustomerRegistry customers, TicketStore tickets, TicketCreationStore creations,
                   IdempotencyStore idempotency, BlindIndex blindIndex, Outbox outbox, TicketProperties properties, Clock clock,
                   TenantTimeZones zones) {
        this.clock = clock;
        this.zones = zones;
        this.terms = terms;
        this.customers = customers;
        this.tickets = tickets;
        this.creations = creations;
        this.idempotency = idempotency;
        this.blindIndex = blindIndex;
        this.outbox = outbox;
        this.keyTtl = properties.idempotencyKeyTtl();
    }

    /** The ticket, and whether it was created before under the same key (a retry). */
    public record Outcome(TicketRecord ticket, boolean replayed) {
    }

    public Mono<Outcome> create(Caller kiosk, String idempotencyKey, NewTicket.Raw raw) {
        return Mono.defer(() -> {
            if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
                return Mono.error(new ProblemException(HttpStatus.BAD_REQUEST, ApiProblems.IDEMPOTENCY_KEY_REQUIRED,
                        "Idempotency-Key required", "Envie o cabeçalho Idempotency-Key (1 a 200 caracteres visíveis)."));
            }
            NewTicket request = NewTicket.validate(raw);
            // the kiosk is part of what is compared: another device reusing the key is another request
            String requestHmac = blindIndex.mac(kiosk.tenant() + "|" + kiosk.subject() + "|" + request.canonical());
            return attempt(kiosk, idempotencyKey, requestHmac, request, 0);
        });
    }

    /**
     * Try {@code tries} (0: the service and consent text as {@link SaleTerms} knows them; 1 and
     * later: as the database has them now). A refusal is decided only on a fresh read. A key
     * already used answers as its first request did, before any check of the service or consent:
     * a retry of a sale made before a catalog edit still gets its ticket.
     */
    private Mono<Outcome> attempt(Caller kiosk, String key, String requestHmac, NewTicket request, int tries) {
        String tenant = kiosk.tenant();
        boolean fresh = tries > 0;
        Mono<Optional<ServiceOffering>> service = terms.service(tenant, request.serviceId(), fresh)
                .filter(ServiceOffering::active).map(Optional::of).defaultIfEmpty(Optional.empty());
        Mono<Optional<ConsentText>> consent = terms.consent(tenant, fresh)
                .map(Optional::of).defaultIfEmpty(Optional.empty());
        return Mono.zip(service, consent).flatMap(both -> {
            Optional<ServiceOffering> offering = both.getT1();
            Optional<ConsentText> text = both.getT2().filter(c -> c.version() == request.consentVersion());
            if (offering.isEmpty() || text.isEmpty()) {
                return fresh ? replayOr(tenant, key, requestHmac, refusal(offering.isEmpty()))
                        : attempt(kiosk, key, requestHmac, request, 1);
            }
            return write(kiosk, key, requestHmac, request, offering.get(), text.get()).flatMap(result -> {
                if (result.outcome() != null) {
                    return Mono.just(result.outcome());
                }
                if (!result.stored().serviceCurrent() || !result.stored().consentCurrent()) {
                    // the database moved on since this service and text were read: read again and decide on that
                    return tries < MAX_TRIES ? attempt(kiosk, key, requestHmac, request, tries + 1)
                            : replayOr(tenant, key, requestHmac, Mono.error(ApiProblems::saleTermsChanging));
                }
                // the key is taken by a live entry: a retry of an earlier request, or a concurrent twin that
                // won. Looked up whatever its age: the claim has just seen it live. Gone meanwhile (it
                // expired and was pruned): the next claim succeeds.
                return idempotency.find(tenant, key)
                        .flatMap(entry -> replay(tenant, entry, requestHmac))
                        .switchIfEmpty(Mono.defer(() -> tries < MAX_TRIES
                                ? attempt(kiosk, key, requestHmac, request, tries + 1)
                                : Mono.error(ApiProblems.saleTermsChanging())));
            });
        });
    }

    private record Written(TicketCreationStore.Result stored, Outcome outcome) {
    }

    private Mono<Written> write(Caller kiosk, String key, String requestHmac, NewTicket request, ServiceOffering service,
                                ConsentText consent) {
        String tenant = kiosk.tenant();
        return zones.zoneOf(tenant).flatMap(zone -> write(kiosk, key, requestHmac, request, service, consent, zone));
    }

    private Mono<Written> write(Caller kiosk, String key, String requestHmac, NewTicket request, ServiceOffering service,
                                ConsentText consent, java.time.ZoneId zone) {
        String tenant = kiosk.tenant();
        UUID ticketId = UUID.randomUUID();
        Instant now = clock.instant();
        TicketCreated created = new TicketCreated(ticketId, service.id(), service.name(), service.priceCents(),
                request.priority(), request.name().displayName(), kiosk.subject(), now, zone.getId());
        Outbox.Row event = outbox.row(EventEnvelope.of(tenant, ticketId.toString(), created));
        // the customer's QR code (/api/v1/public/queue/{statusToken}): neither guessable nor derived from the ticket
        String statusToken = OpaqueTokens.generate();
        TicketRecord.Sale sale = sale(kiosk, ticketId, now, service, request, statusToken, null);
        var customer = customers.values(tenant, request.cpf(), request.phone(), request.name());
        return creations.create(sale, service, consent, key, requestHmac, keyTtl, customer, event)
                .map(stored -> {
                    if (!stored.created()) {
                        return new Written(stored, null);
                    }
                    log.info("ticket {} created by {} for service {}", ticketId, kiosk.subject(), service.prefix());
                    return new Written(stored, new Outcome(TicketRecord.pending(sale(kiosk, ticketId, now, service, request,
                            statusToken, stored.customerId())), false));
                });
    }

    private static TicketRecord.Sale sale(Caller kiosk, UUID ticketId, Instant now, ServiceOffering service, NewTicket request,
                                          String statusToken, UUID customerId) {
        return new TicketRecord.Sale(ticketId, kiosk.tenant(), service.id(), customerId, request.priority(),
                request.name().displayName(), service.name(), service.prefix(), service.priceCents(),
                service.durationMinutes(), statusToken, kiosk.subject(), now);
    }

    private static Mono<Outcome> refusal(boolean service) {
        return Mono.error(service
                ? ApiProblems.unprocessable(ApiProblems.UNKNOWN_SERVICE, "Unknown service",
                        "serviceId", "Serviço não encontrado ou indisponível.")
                : ApiProblems.unprocessable(ApiProblems.CONSENT_OUTDATED, "Consent outdated",
                        "consent.version", "O termo de consentimento mudou: leia e aceite a versão atual."));
    }

    /** The ticket an earlier request with this key created (422 if that request differed), else {@code otherwise}. */
    private Mono<Outcome> replayOr(String tenant, String key, String requestHmac, Mono<Outcome> otherwise) {
        return idempotency.find(tenant, key, keyTtl)
                .flatMap(entry -> replay(tenant, entry, requestHmac))
                .switchIfEmpty(otherwise);
    }

    private Mono<Outcome> replay(String tenant, IdempotencyStore.Entry entry, String requestHmac) {
        if (!entry.requestHmac().equals(requestHmac)) {
            return Mono.error(new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ApiProblems.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key reused", "Esta Idempotency-Key já foi usada com outro pedido."));
        }
        return tickets.find(tenant, entry.ticketId()).map(t -> new Outcome(t, true))
                // the key's foreign key makes this impossible; never answer a create with nothing
                .switchIfEmpty(Mono.error(() -> new IllegalStateException(
                        "Idempotency-Key names ticket " + entry.ticketId() + ", which does not exist")));
    }
}
