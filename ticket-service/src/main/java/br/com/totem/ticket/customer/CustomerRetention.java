package br.com.totem.ticket.customer;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.platform.audit.AuditLog;
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
    // one instance runs the job at a time; the others find the lock taken and skip that day's run
    private static final long LOCK_KEY = "totem-ticket-customer-retention".hashCode();

    private final CustomerStore customers;
    private final AuditLog audit;
    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Duration inactivity;

    CustomerRetention(CustomerStore customers, AuditLog audit, DatabaseClient db, TransactionalOperator tx,
                      TicketProperties properties) {
        this.customers = customers;
        this.audit = audit;
        this.db = db;
        this.tx = tx;
        this.inactivity = properties.retention().customerInactivity();
    }

    @Scheduled(cron = "${totem.ticket.retention.cron}", zone = "${totem.ticket.retention.zone}")
    Mono<Void> daily() {
        return anonymiseInactive()
                .doOnNext(n -> log.info("retention: anonymised {} customer(s) without a ticket for {}", n, inactivity))
                .onErrorResume(e -> {
                    log.warn("retention job failed: {}", e.toString());
                    return Mono.empty();
                })
                .then();
    }

    /** Anonymises every customer inactive for longer than the retention period; returns how many. */
    public Mono<Long> anonymiseInactive() {
        Instant cutoff = Instant.now().minus(inactivity);
        Mono<Long> batch = db.sql("select pg_try_advisory_xact_lock(:key) as locked").bind("key", LOCK_KEY)
                .map(r -> Boolean.TRUE.equals(r.get("locked", Boolean.class))).one()
                .flatMap(locked -> !locked ? Mono.just(0L) : customers.inactiveSince(cutoff, BATCH)
                        .concatMap(c -> customers.anonymise(c.tenant(), c.id())
                                .then(audit.record(c.tenant(), "system", "customer.anonymise", "customer", c.id().toString(),
                                        Map.of("reason", "retention", "inactiveFor", inactivity.toString())))
                                .thenReturn(1L))
                        .count());
        return tx.transactional(batch).expand(n -> n == BATCH ? tx.transactional(batch) : Mono.empty())
                .reduce(0L, Long::sum);
    }
}
