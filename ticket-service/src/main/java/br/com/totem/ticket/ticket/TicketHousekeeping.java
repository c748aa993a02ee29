package br.com.totem.ticket.ticket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import br.com.totem.platform.jobs.PeriodicJob;
import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.ticket.store.IdempotencyStore;

/**
 * Background work on tickets, run by the platform's periodic jobs on one instance at a time:
 * the safety expiry sweep every {@code expiry.check-interval}, and hourly removal of
 * Idempotency-Keys past their 24 h.
 */
@Configuration(proxyBeanMethods = false)
class TicketHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(TicketHousekeeping.class);

    @Bean
    PeriodicJob ticketExpirySweep(TicketExpiry expiry, TicketProperties properties) {
        return PeriodicJob.named("ticket-expiry-sweep").every(properties.expiry().checkInterval()).onOneInstance()
                .run(() -> expiry.sweep().doOnNext(n -> {
                    if (n > 0) {
                        log.info("expired {} ticket(s) left unpaid longer than {}", n, properties.expiry().pendingTimeout());
                    }
                }));
    }

    @Bean
    PeriodicJob idempotencyKeyPruning(IdempotencyStore idempotency, TicketProperties properties) {
        return PeriodicJob.named("idempotency-key-pruning").firstAfter(Duration.ofMinutes(5)).every(Duration.ofHours(1))
                .onOneInstance().run(() -> idempotency.pruneOlderThan(properties.idempotencyKeyTtl()));
    }
}
