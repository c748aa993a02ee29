package br.com.totem.platform.backbone;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import br.com.totem.contracts.EventEnvelope;
import br.com.totem.contracts.EventType;
import br.com.totem.contracts.TicketExpired;
import br.com.totem.platform.events.EventHandler;
import br.com.totem.platform.events.Outbox;
import reactor.core.publisher.Mono;

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
            var event = EventEnvelope.of("producer-app", tenant, ticketId.toString(), new TicketExpired(ticketId, Instant.now()));
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
    static class ExpiredTicketEffect implements EventHandler<TicketExpired> {
        private final DatabaseClient db;

        ExpiredTicketEffect(DatabaseClient db) {
            this.db = db;
        }

        @Override
        public EventType eventType() {
            return EventType.TICKET_EXPIRED;
        }

        @Override
        public Mono<Void> handle(EventEnvelope<TicketExpired> event) {
            if (POISON.equals(event.data().ticketId())) {
                poisonAttempts.incrementAndGet();
                return Mono.error(new IllegalStateException("cannot apply poison"));
            }
            return db.sql("insert into effects (event_id, tenant_id, ticket_id) values (:e, :t, :k)")
                    .bind("e", event.id()).bind("t", event.tenantid()).bind("k", event.data().ticketId())
                    .then();
        }
    }
}
