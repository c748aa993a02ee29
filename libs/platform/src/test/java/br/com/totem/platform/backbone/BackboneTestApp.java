package br.com.totem.platform.backbone;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.platform.events.EventHandlers;
import br.com.totem.platform.events.Outbox;
import br.com.totem.platform.jobs.PeriodicJob;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** Two small "services" built from the platform: a producer of ticket.expired and a consumer of it. */
@SpringBootApplication
public class BackboneTestApp {

    static final UUID POISON = UUID.fromString("00000000-0000-0000-0000-00000000dead");
    static final AtomicInteger poisonAttempts = new AtomicInteger();

    /** Producer side: a state change and its event in one transaction. */
    @Component
    static class NoteWriter {
        private final DatabaseClient db;
        private final Outbox outbox;
        private final TransactionalOperator tx;

        NoteWriter(DatabaseClient db, Outbox outbox, TransactionalOperator tx) {
            this.db = db;
            this.outbox = outbox;
            this.tx = tx;
        }

        Mono<EventEnvelope<TicketExpired>> commit(String tenant, UUID ticketId, boolean failAfterWriting) {
            var event = EventEnvelope.of("ticket-service", tenant, ticketId.toString(), new TicketExpired(ticketId, Instant.now()));
            Mono<Void> work = db.sql("insert into notes (ticket_id, tenant_id) values (:id, :tenant)")
                    .bind("id", ticketId).bind("tenant", tenant).then()
                    .then(outbox.append(event));
            if (failAfterWriting) {
                work = work.then(Mono.error(new IllegalStateException("business rule failed: roll back")));
            }
            return tx.transactional(work).thenReturn(event);
        }
    }

    /** Consumer side: applies the event once; a poison ticket always fails. */
    @Component
    static class ExpiredTicketEffect {
        private final DatabaseClient db;

        ExpiredTicketEffect(DatabaseClient db) {
            this.db = db;
        }

        Mono<Void> apply(EventEnvelope<TicketExpired> event) {
            if (POISON.equals(event.data().ticketId())) {
                poisonAttempts.incrementAndGet();
                return Mono.error(new IllegalStateException("cannot apply poison"));
            }
            return db.sql("insert into effects (event_id, tenant_id, ticket_id) values (:e, :t, :k)")
                    .bind("e", event.id()).bind("t", event.tenantid()).bind("k", event.data().ticketId())
                    .then();
        }
    }

    @Bean
    EventHandlers effects(ExpiredTicketEffect effect) {
        return EventHandlers.forFeature("effects").on(TicketExpired.class, effect::apply).build();
    }

    /** A job that only one instance may run at a time; each run waits until the test releases it. */
    static final AtomicReference<Sinks.Empty<Void>> gate = new AtomicReference<>();

    @Bean
    PeriodicJob gatedJob() {
        return PeriodicJob.named("gated").every(Duration.ofDays(1)).onOneInstance()
                .run(() -> gate.get() == null ? Mono.empty() : gate.get().asMono());
    }
}
