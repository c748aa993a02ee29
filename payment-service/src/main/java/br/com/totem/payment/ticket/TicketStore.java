package br.com.totem.payment.ticket;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

import reactor.core.publisher.Mono;

/** The small projection of tickets payment-service keeps from ticket.created, ticket.cancelled and ticket.expired. */
@Component
public class TicketStore {

    public record Ticket(UUID ticketId, String tenant, String serviceName, long priceCents, String status) {
        public boolean pending() {
            return "PENDING".equals(status);
        }

        /** How a kiosk or manager is told that this ticket no longer takes a payment. */
        public String closedState() {
            return "EXPIRED".equals(status) ? "EXPIRADA" : "CANCELADA";
        }
    }

    private final DatabaseClient db;

    public TicketStore(DatabaseClient db) {
        this.db = db;
    }

    public Mono<Void> insert(String tenant, UUID ticketId, String serviceName, long priceCents, Instant createdAt) {
        return db.sql("""
                        insert into tickets (ticket_id, tenant_id, service_name, price_cents, status, created_at)
                        values (:id, :tenant, :service, :price, 'PENDING', :created) on conflict (ticket_id) do nothing""")
                .bind("id", ticketId).bind("tenant", tenant).bind("service", serviceName).bind("price", priceCents)
                .bind("created", createdAt.atOffset(ZoneOffset.UTC)).then();
    }

    /**
     * The ticket ended in ticket-service: {@code CANCELLED} or {@code EXPIRED}; it takes no more payments.
     *
     * @return false when the projection has no such ticket of the tenant (its ticket.created not applied yet)
     */
    public Mono<Boolean> markEnded(String tenant, UUID ticketId, String status) {
        return db.sql("update tickets set status = :status, updated_at = now() where ticket_id = :id and tenant_id = :t")
                .bind("status", status).bind("id", ticketId).bind("t", tenant)
                .fetch().rowsUpdated().map(n -> n > 0);
    }

    public Mono<Ticket> find(String tenant, UUID ticketId) {
        return db.sql("select ticket_id, tenant_id, service_name, price_cents, status from tickets where ticket_id = :id and tenant_id = :t")
                .bind("id", ticketId).bind("t", tenant)
                .map(r -> new Ticket(r.get("ticket_id", UUID.class), r.get("tenant_id", String.class),
                        r.get("service_name", String.class), r.get("price_cents", Long.class), r.get("status", String.class)))
                .one();
    }
}
