package br.com.totem.ticket.consent.store;

import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import br.com.totem.ticket.consent.domain.ConsentText;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

@Repository
public class ConsentStore {

    private final DatabaseClient db;

    ConsentStore(DatabaseClient db) {
        this.db = db;
    }

    /** The highest version: the one kiosks show and tickets must accept. */
    public Mono<ConsentText> current(String tenant) {
        return db.sql("select version, body, body_sha256 from consent_text where tenant_id = :tenant order by version desc limit 1")
                .bind("tenant", tenant)
                .map(r -> new ConsentText(r.get("version", Integer.class), r.get("body", String.class),
                        r.get("body_sha256", String.class)))
                .one();
    }

    /** Adds the next version; concurrent publishers collide on the primary key (409) instead of sharing a number. */
    public Mono<ConsentText> publish(String tenant, String body) {
        return db.sql("""
                        insert into consent_text (tenant_id, version, body, body_sha256)
                        select :tenant, coalesce(max(version), 0) + 1, :body, :sha from consent_text where tenant_id = :tenant
                        returning version""")
                .bind("tenant", tenant)
                .bind("body", body)
                .bind("sha", ConsentText.sha256(body))
                .map(r -> ConsentText.of(r.get("version", Integer.class), body))
                .one();
    }

    public record Acceptance(int version, String bodySha256, Instant acceptedAt, UUID ticketId) {
    }

    public Flux<Acceptance> acceptances(String tenant, UUID customerId) {
        return db.sql("""
                        select version, body_sha256, accepted_at, ticket_id from consent_acceptance
                        where tenant_id = :tenant and customer_id = :customer order by accepted_at""")
                .bind("tenant", tenant)
                .bind("customer", customerId)
                .map(r -> new Acceptance(r.get("version", Integer.class), r.get("body_sha256", String.class),
                        r.get("accepted_at", Instant.class), r.get("ticket_id", UUID.class)))
                .all();
    }
}
