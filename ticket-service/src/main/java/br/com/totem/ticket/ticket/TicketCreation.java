package br.com.totem.ticket.ticket;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketCreated;
import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.ticket.catalog.store.CatalogStore;
import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.consent.store.ConsentStore;
import br.com.totem.ticket.customer.CustomerRegistry;
import br.com.totem.ticket.customer.crypto.BlindIndex;
import br.com.totem.ticket.ticket.domain.NewTicket;
import br.com.totem.ticket.ticket.domain.StatusToken;
import br.com.totem.ticket.ticket.store.IdempotencyStore;
import br.com.totem.ticket.ticket.store.TicketRecord;
import br.com.totem.ticket.ticket.store.TicketStore;
import br.com.totem.ticket.web.ApiProblems;
import reactor.core.publisher.Mono;

/**
 * A kiosk's {@code POST /api/v1/tickets}: validated, deduplicated by Idempotency-Key, then the
 * customer, the ticket, the consent acceptance and {@code ticket.created} in one transaction.
 */
@Service
public class TicketCreation {

    private static final Logger log = LoggerFactory.getLogger(TicketCreation.class);
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7E]{1,200}");
    private static final String SOURCE = EventType.TICKET_CREATED.producer();

    private final CatalogStore catalog;
    private final ConsentStore consents;
    private final CustomerRegistry customers;
    private final TicketStore tickets;
    private final IdempotencyStore idempotency;
    private final BlindIndex blindIndex;
    private final Outbox outbox;
    private final TransactionalOperator tx;
    private final Duration keyTtl;

    TicketCreation(CatalogStore catalog, ConsentStore consents, CustomerRegistry customers, TicketStore tickets,
                   IdempotencyStore idempotency, BlindIndex blindIndex, Outbox outbox, TransactionalOperator tx,
                   TicketProperties properties) {
        this.catalog = catalog;
        this.consents = consents;
        this.customers = customers;
        this.tickets = tickets;
        this.idempotency = idempotency;
        this.blindIndex = blindIndex;
        this.outbox = outbox;
        this.tx = tx;
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
            String tenant = kiosk.tenant();
            // the kiosk is part of what is compared: another device reusing the key is another request
            String requestHmac = blindIndex.mac(tenant + "|" + kiosk.subject() + "|" + request.canonical());
            return idempotency.find(tenant, idempotencyKey, keyTtl)
                    .flatMap(entry -> replay(tenant, entry, requestHmac))
                    .switchIfEmpty(Mono.defer(() -> createNew(kiosk, idempotencyKey, requestHmac, request)));
        });
    }

    private Mono<Outcome> replay(String tenant, IdempotencyStore.Entry entry, String requestHmac) {
        if (!entry.requestHmac().equals(requestHmac)) {
            return Mono.error(new ProblemException(HttpStatus.UNPROCESSABLE_CONTENT, ApiProblems.IDEMPOTENCY_KEY_REUSED,
                    "Idempotency-Key reused", "Esta Idempotency-Key já foi usada com outro pedido."));
        }
        return tickets.find(tenant, entry.ticketId()).map(t -> new Outcome(t, true));
    }

    private Mono<Outcome> createNew(Caller kiosk, String key, String requestHmac, NewTicket request) {
        String tenant = kiosk.tenant();
        Mono<ServiceOffering> service = catalog.find(tenant, request.serviceId())
                .filter(ServiceOffering::active)
                .switchIfEmpty(Mono.error(() -> ApiProblems.unprocessable(ApiProblems.UNKNOWN_SERVICE, "Unknown service",
                        "serviceId", "Serviço não encontrado ou indisponível.")));
        Mono<ConsentText> consent = consents.current(tenant)
                .filter(c -> c.version() == request.consentVersion())
                .switchIfEmpty(Mono.error(() -> ApiProblems.unprocessable(ApiProblems.CONSENT_OUTDATED, "Consent outdated",
                        "consent.version", "O termo de consentimento mudou: leia e aceite a versão atual.")));
        return Mono.zip(service, consent).flatMap(both -> {
            UUID ticketId = UUID.randomUUID();
            Instant now = Instant.now();
            Mono<Outcome> write = idempotency.claim(tenant, key, requestHmac, ticketId, keyTtl).flatMap(claimed -> claimed
                    ? insert(kiosk, ticketId, now, both.getT1(), both.getT2(), request).map(t -> new Outcome(t, false))
                    : Mono.empty());
            // empty: a concurrent request with the same key won; answer as its retry would be answered
            return tx.transactional(write).switchIfEmpty(Mono.defer(() -> idempotency.find(tenant, key, keyTtl)
                    .flatMap(entry -> replay(tenant, entry, requestHmac))));
        });
    }

    private Mono<TicketRecord> insert(Caller kiosk, UUID ticketId, Instant now, ServiceOffering service,
                                      ConsentText consent, NewTicket request) {
        String tenant = kiosk.tenant();
        return customers.register(tenant, request.name(), request.cpf(), request.phone(), now).flatMap(customerId -> {
            TicketRecord ticket = new TicketRecord(ticketId, tenant, service.id(), customerId, TicketStatus.PENDING_PAYMENT,
                    request.priority(), request.name().displayName(), service.name(), service.prefix(), service.priceCents(),
                    service.durationMinutes(), StatusToken.generate(), kiosk.subject(), now,
                    null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
            TicketCreated created = new TicketCreated(ticketId, service.id(), service.name(), service.priceCents(),
                    request.priority(), ticket.displayName(), kiosk.subject(), now);
            return tickets.insert(ticket)
                    .then(consents.recordAcceptance(tenant, customerId, ticketId, consent, now))
                    .then(outbox.append(EventEnvelope.of(SOURCE, tenant, ticketId.toString(), created)))
                    .doOnSuccess(v -> log.info("ticket {} created by {} for service {}", ticketId, kiosk.subject(), service.prefix()))
                    .thenReturn(ticket);
        });
    }
}
