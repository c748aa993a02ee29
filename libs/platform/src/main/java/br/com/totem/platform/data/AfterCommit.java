package br.com.totem.platform.data;

import java.util.function.Supplier;

import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;

import reactor.core.publisher.Mono;

/**
 * Runs work once the current reactive transaction has committed (at once when there is none):
 * notifications outside the database (a WebSocket push, a Redis publish) that must not announce
 * a change that may still roll back.
 */
public final class AfterCommit {

    private AfterCommit() {
    }

    public static Mono<Void> run(Supplier<Mono<Void>> work) {
        return TransactionSynchronizationManager.forCurrentTransaction()
                .flatMap(tsm -> {
                    if (!tsm.isSynchronizationActive()) {
                        return work.get();
                    }
                    tsm.registerSynchronization(new TransactionSynchronization() {
                        @Override
                        public Mono<Void> afterCommit() {
                            return work.get();
                        }
                    });
                    return Mono.<Void>empty();
                })
                .onErrorResume(NoTransactionException.class, e -> work.get());
    }
}
