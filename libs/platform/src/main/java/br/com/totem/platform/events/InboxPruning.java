package br.com.totem.platform.events;

import java.time.Duration;

import org.springframework.context.SmartLifecycle;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Deletes inbox records older than the retention (far beyond any redelivery window), hourly. */
class InboxPruning implements SmartLifecycle {

    private final Inbox inbox;
    private final Duration retention;
    private volatile Disposable task;

    InboxPruning(Inbox inbox, Duration retention) {
        this.inbox = inbox;
        this.retention = retention;
    }

    @Override
    public void start() {
        task = Flux.interval(Duration.ofMinutes(1), Duration.ofHours(1))
                .onBackpressureDrop()
                .concatMap(t -> inbox.prune(retention).onErrorResume(e -> Mono.empty()), 1)
                .subscribe();
    }

    @Override
    public void stop() {
        if (task != null) {
            task.dispose();
        }
    }

    @Override
    public boolean isRunning() {
        return task != null && !task.isDisposed();
    }
}
