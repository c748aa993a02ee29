package br.com.totem.ticket.lifecycle.store;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import br.com.totem.contracts.TicketStatus;
import br.com.totem.platform.data.Binds;
import br.com.totem.platform.events.Outbox;
import br.com.totem.ticket.catalog.domain.ServiceOffering;
import br.com.totem.ticket.consent.domain.ConsentText;
import br.com.totem.ticket.customer.CustomerValues;
import reactor.core.publisher.Mono;

/**
 * A new ticket in one statement and one round trip (ADR 0007): the service and the consent text
 * the kiosk was sold against are checked, the Idempotency-Key claimed, the customer upserted, and
 * the ticket, the consent acceptance and {@code ticket.created}'s outbox row inserted — all or
 * nothing, as one implicit transaction.
 *
 * <p>The caller passes the service and consent text as it knows them (from a cache); the statement
 * writes only when the database still agrees: the service exists in this tenant, is active and
 * has the same name, prefix, price and duration, and the consent version is this tenant's newest
 * with the same text hash. Otherwise nothing is written and {@link Result} says which check failed.
 */
@Repository
public class TicketCreationStore {

    private static final String SQL = """
            with svc as (
                select 1 from catalog_service
                where tenant_id = :tenant and id = :service and active
                  and name = :serviceName and prefix = :prefix and price_cents = :price and duration_minutes = :duration
            ), consent as (
                select 1 from consent_text
                where tenant_id = :tenant and version = :version and body_sha256 = :sha
                  and not exists (select 1 from consent_text newer where newer.tenant_id = :tenant and newer.version > :version)
            ), claim as (
                insert into idempotency_key (tenant_id, key, request_hmac, ticket_id)
                select :tenant, :key, :hmac, :ticket from svc, consent
                on conflict (tenant_id, key) do update
                   set request_hmac = excluded.request_hmac, ticket_id = excluded.ticket_id, created_at = now()
                   where idempotency_key.created_at <= :cutoff
                returning 1
            ), cust as (
                insert into customer (id, tenant_id, cpf_index, cpf_cipher, phone_cipher, name, created_at, last_ticket_at)
                select :customer, :tenant, :cpfIndex, :cpfCipher, :phoneCipher, :name, :at, :at from claim
                on conflict (tenant_id, cpf_index) do update
                   set phone_cipher = excluded.phone_cipher, name = excluded.name,
                       last_ticket_at = greatest(customer.last_ticket_at, excluded.last_ticket_at)
                returning id
            ), t as (
                insert into ticket (id, tenant_id, service_id, customer_id, status, priority, display_name, service_name,
                                    prefix, price_cents, duration_minutes, status_token, created_by, created_at)
                select :ticket, :tenant, :service, cust.id, :status, :priority, :display, :serviceName,
                       :prefix, :price, :duration, :token, :createdBy, :at from cust
                returning id, customer_id
            ), acceptance as (
                insert into consent_acceptance (id, tenant_id, customer_id, ticket_id, version, body_sha256, accepted_at)
                select :acceptance, :tenant, t.customer_id, t.id, :version, :sha, :at from t
            ), event as (
                insert into outbox (event_id, event_type, source, tenant_id, traceparent, aggregate_id, envelope)
                select :eventId, :eventType, :eventSource, :tenant, :traceparent, :aggregate, :envelope from t
            )
            select (select count(*) from svc) as service_ok, (select count(*) from consent) as consent_ok,
                   (select customer_id from t) as customer_id""";

    private final DatabaseClient db;
    private final Clock clock;

    TicketCreationStore(DatabaseClient db, Clock clock) {
        this.clock = clock;
        this.db = db;
    }

    /**
     * What happened. {@code customerId} is set when the ticket was written; otherwise the failed
     * check is false, or both checks passed and the key was already taken (a retry or a reuse).
     */
    public record Result(boolean serviceCurrent, boolean consentCurrent, UUID customerId) {
        public boolean created() {
            return customerId != null;
        }
    }

    /** Writes the sale as a ticket waiting for its payment. */
    public Mono<Result> create(TicketRecord.Sale ticket, ServiceOffering service, ConsentText consent, String key,
                               String requestHmac, Duration keyTtl, CustomerValues customer, Outbox.Row event) {
        GenericExecuteSpec spec = db.sql(SQL)
                .bind("tenant", ticket.tenant())
                .bind("service", service.id())
                .bind("serviceName", service.name())
                .bind("prefix", service.prefix())
                .bind("price", service.priceCents())
                .bind("duration", service.durationMinutes())
                .bind("version", consent.version())
                .bind("sha", consent.sha256())
                .bind("key", key)
                .bind("hmac", requestHmac)
                .bind("ticket", ticket.id())
                .bind("cutoff", clock.instant().minus(keyTtl))
                .bind("customer", UUID.randomUUID())
                .bind("cpfIndex", customer.cpfIndex())
                .bind("cpfCipher", customer.cpfCipher())
                .bind("phoneCipher", customer.phoneCipher())
                .bind("name", customer.name())
                .bind("at", ticket.createdAt())
                .bind("status", TicketStatus.PENDING_PAYMENT.name())
                .bind("priority", ticket.priority().name())
                .bind("display", ticket.displayName())
                .bind("token", ticket.statusToken())
                .bind("createdBy", ticket.createdBy())
                .bind("acceptance", UUID.randomUUID())
                .bind("eventId", event.eventId())
                .bind("eventType", event.type())
                .bind("eventSource", event.source())
                .bind("envelope", event.envelope());
        spec = Binds.nullable(spec, "traceparent", event.traceparent(), String.class);
        return Binds.nullable(spec, "aggregate", event.aggregate(), String.class).map(r -> new Result(r.get("service_ok", Long.class) == 1, r.get("consent_ok", Long.class) == 1,
                        r.get("customer_id", UUID.class)))
                .one();
    }
}
