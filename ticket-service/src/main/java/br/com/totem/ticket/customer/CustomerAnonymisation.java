package br.com.totem.ticket.customer;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;

import br.com.totem.contracts.CustomerAnonymised;
import br.com.totem.contracts.EventEnvelope;
import br.com.totem.platform.events.Outbox;
import br.com.totem.ticket.customer.store.CustomerStore;
import reactor.core.publisher.Mono;

/**
 * Anonymises one customer everywhere: here (CPF, phone, name, the display name on their tickets),
 * in the events this service still keeps in its outbox (sent or not), and, through
 * {@code customer.anonymised}, in every service that holds the display name of one of their
 * tickets. Runs inside the caller's transaction: all of it commits, or none.
 */
@Component
public class CustomerAnonymisation {

    /** Why a customer was anonymised, as {@code customer.anonymised} says it. */
    public enum Reason { DATA_SUBJECT_REQUEST, RETENTION }

    private final CustomerStore customers;
    private final Outbox outbox;
    private final Clock clock;

    CustomerAnonymisation(CustomerStore customers, Outbox outbox, Clock clock) {
        this.customers = customers;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** The ids of the customer's tickets, all now called {@link CustomerStore#ANONYMISED_DISPLAY_NAME}. */
    public Mono<List<UUID>> anonymise(String tenant, UUID customerId, Reason reason) {
        return customers.anonymise(tenant, customerId).collectList()
                .flatMap(tickets -> outbox.redact(tenant, tickets.stream().map(UUID::toString).toList(),
                                "displayName", CustomerStore.ANONYMISED_DISPLAY_NAME)
                        .then(outbox.append(EventEnvelope.of(tenant, customerId.toString(),
                                new CustomerAnonymised(customerId, tickets, CustomerStore.ANONYMISED_DISPLAY_NAME,
                                        reason.name(), clock.instant()))))
                        .thenReturn(tickets));
    }
}
