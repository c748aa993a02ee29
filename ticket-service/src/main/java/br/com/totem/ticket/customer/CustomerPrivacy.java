package br.com.totem.ticket.customer;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.problem.ProblemException;
import br.com.totem.platform.security.Caller;
import br.com.totem.ticket.consent.store.ConsentStore;
import br.com.totem.ticket.customer.domain.Cpf;
import br.com.totem.ticket.validation.InvalidFieldsException;
import reactor.core.publisher.Mono;

/**
 * The data subject's rights (LGPD art. 18): access to everything held about a person, and
 * anonymisation. Each request leaves an audit record naming the manager, with the CPF masked.
 */
@Service
public class CustomerPrivacy {

    private static final Logger log = LoggerFactory.getLogger(CustomerPrivacy.class);

    private final CustomerRegistry registry;
    private final CustomerAnonymisation anonymisation;
    private final CustomerTickets tickets;
    private final ConsentStore consents;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Clock clock;

    CustomerPrivacy(CustomerRegistry registry, CustomerAnonymisation anonymisation, CustomerTickets tickets, ConsentStore consents,
                    AuditLog audit, TransactionalOperator tx, Clock clock) {
        this.clock = clock;
        this.registry = registry;
        this.anonymisation = anonymisation;
        this.tickets = tickets;
        this.consents = consents;
        this.audit = audit;
        this.tx = tx;
    }

    public record Export(Person customer, List<TicketFacts> tickets, List<ConsentStore.Acceptance> consents,
                         Instant exportedAt) {
    }

    /** The CPF masked (the requester typed it); the phone in full, as it is the person's own data. */
    public record Person(UUID id, String name, String cpf, String phone, Instant createdAt, Instant lastTicketAt) {

        /** Codecs log encoded bodies at DEBUG: this keeps the phone out of such lines. */
        @Override
        public String toString() {
            return "Person[id=" + id + ", cpf=" + cpf + ", phone=***]";
        }
    }

    public record TicketFacts(UUID id, String number, LocalDate businessDate, String serviceName, long priceCents,
                              TicketStatus status, String createdBy, Instant createdAt, Instant paidAt,
                              Instant completedAt, Instant cancelledAt, Instant expiredAt) {
    }

    public Mono<Export> export(Caller manager, String cpfText) {
        Cpf cpf = parse(cpfText);
        Mono<Export> work = registry.find(manager.tenant(), cpf)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Customer")))
                .flatMap(c -> Mono.zip(
                                tickets.ofCustomer(manager.tenant(), c.id()).collectList(),
                                consents.acceptances(manager.tenant(), c.id()).collectList())
                        .flatMap(both -> audit.record(manager, "customer.export", "customer", c.id().toString(),
                                        Map.of("cpf", cpf.masked()))
                                .thenReturn(new Export(new Person(c.id(), c.name(), cpf.masked(), registry.phoneOf(c).e164(),
                                        c.createdAt(), c.lastTicketAt()), both.getT1(), both.getT2(), clock.instant()))));
        return tx.transactional(work);
    }

    public Mono<Void> anonymise(Caller manager, String cpfText) {
        Cpf cpf = parse(cpfText);
        Mono<Void> work = registry.find(manager.tenant(), cpf)
                .switchIfEmpty(Mono.error(() -> ProblemException.notFound("Customer")))
                .flatMap(c -> anonymisation.anonymise(manager.tenant(), c.id(), CustomerAnonymisation.Reason.DATA_SUBJECT_REQUEST)
                        .flatMap(tickets -> audit.record(manager, "customer.anonymise", "customer", c.id().toString(),
                                Map.of("cpf", cpf.masked(), "reason", "data subject request", "tickets", tickets.size())))
                        .doOnSuccess(v -> log.info("customer {} anonymised at the request of {}", c.id(), manager.subject())));
        return tx.transactional(work);
    }

    private static Cpf parse(String text) {
        return Cpf.parse(text).orElseThrow(() -> new InvalidFieldsException("cpf",
                text == null || text.isBlank() ? "Informe o CPF." : "CPF inválido: confira os números digitados."));
    }
}
