package br.com.totem.ticket.ticket;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import br.com.totem.ticket.config.TicketProperties;
import br.com.totem.ticket.ticket.store.IdempotencyStore;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Background work on tickets: the safety expiry sweep every {@code expiry.check-interval}, and
 * hourly removal of Idempotency-Keys past their 24 h. Both are safe with several instances:
 * each ticket is expired under its row lock, and deleting an expired key twice is harmless.
 */
@Component
class TicketHousekeeping implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TicketHousekeeping.class);

    private final TicketExpiry expiry;
    private final IdempotencyStore idempotency;
    private final TicketProperties properties;
    private volatile Disposable sweeps;
    private volatile Disposable pruning;

    TicketHousekeeping(TicketExpiry expiry, IdempotencyStore idempotency, TicketProperties properties) {
        this.expiry = expiry;
        this.idempotency = idempotency;
        this.properties = properties;
    }

    @Override
    public void start() {
        Duration every = properties.expiry().checkInterval();
        sweeps = Flux.interval(every, every)
                .onBackpressureDrop()
                .concatMap(t -> expiry.sweep()
                        .doOnNext(n -> {
                            if (n > 0) {
                                log.info("expired {} ticket(s) left unpaid longer than {}", n,
                                        properties.expiry().pendingTimeout());
                            }
                        })
                        .onErrorResume(e -> {
                            log.warn("ticket expiry sweep failed: {}", e.toString());
                            return Mono.empty();
                        }), 1)
                .subscribe();
        pruning = Flux.interval(Duration.ofMinutes(5), Duration.ofHours(1))
                .onBackpressureDrop()
                .concatMap(t -> idempotency.pruneOlderThan(properties.idempotencyKeyTtl())
                        .onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (sweeps != null) {
            sweeps.dispose();
        }
        if (pruning != null) {
            pruning.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return sweeps != null && !sweeps.isDisposed();
    }
}
