package br.com.totem.ticket.customer;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.customer.store.CustomerStore;
import reactor.core.publisher.Mono;

/**
 * LGPD retention: once a day, customers with no ticket for {@code totem.ticket.retention.customer-inactivity}
 * (default 365 days) are anonymised, each with an audit record by {@code system}.
 */
@Component
public class CustomerRetention {

    private static final Logger log = LoggerFactory.getLogger(CustomerRetention.class);
    private static final int BATCH = 500;

    private final CustomerStore customers;
    private final CustomerAnonymisation anonymisation;
    private final AuditLog audit;
    private final TransactionalOperator tx;
    private final Duration inactivity;
    private final Clock clock;

    CustomerRetention(CustomerStore customers, CustomerAnonymisation anonymisation, AuditLog audit, TransactionalOperator tx, TicketProperties properties,
                      Clock clock) {
        this.customers = customers;
        this.anonymisation = anonymisation;
        this.audit = audit;
        this.tx = tx;
        this.inactivity = properties.retention().customerInactivity();
        this.clock = clock;
    }

    /** The daily run; one instance runs it at a time, the others skip that day's run. */
    @Bean
    static PeriodicJob customerRetentionJob(CustomerRetention retention, TicketProperties properties) {
        return PeriodicJob.named("customer-retention")
                .cron(properties.retention().cron(), properties.retention().zone()).onOneInstance()
                .run(() -> retention.anonymiseInactive().doOnNext(n ->
                        log.info("retention: anonymised {} customer(s) without a ticket for {}", n, retention.inactivity)));
    }

    /** Anonymises every customer inactive for longer than the retention period; returns how many. */
    public Mono<Long> anonymiseInactive() {
        Instant cutoff = clock.instant().minus(inactivity);
        Mono<Long> batch = customers.inactiveSince(cutoff, BATCH)
                .concatMap(c -> anonymisation.anonymise(c.tenant(), c.id(), CustomerAnonymisation.Reason.RETENTION)
                        .then(audit.record(c.tenant(), "system", "customer.anonymise", "customer", c.id().toString(),
                                Map.of("reason", "retention", "inactiveFor", inactivity.toString())))
                        .thenReturn(1L))
                .count();
        return tx.transactional(batch).expand(n -> n == BATCH ? tx.transactional(batch) : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
