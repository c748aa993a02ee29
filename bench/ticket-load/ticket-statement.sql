-- pgbench script: the statement ticket-service runs for one new ticket (TicketCreationStore,
-- ADR 0007) with the same checks, conflict clauses and indexes, values generated in SQL. It tells
-- what PostgreSQL alone can do for the ticket's writes on this machine: the ceiling for the service.
-- Differences, all in pgbench's favour of less work: no JVM, HTTP, JSON, crypto or broker; the outbox
-- row is written already sent (sent_at = now()) so the running service's relay leaves it alone.
-- Variables (pgbench -D): service, the seeded catalog service id. Casts are written cast(x as t):
-- pgbench takes a colon followed by a name for a variable.
with svc as (
    select 1 from catalog_service
    where tenant_id = 'bench' and id = cast(:service as uuid) and active
      and name = 'Banheira de Gelo' and prefix = 'G' and price_cents = 6000 and duration_minutes = 15
), consent as (
    select 1 from consent_text
    where tenant_id = 'bench' and version = 1 and body_sha256 = encode(sha256(cast('Termo de teste' as bytea)), 'hex')
      and not exists (select 1 from consent_text newer where newer.tenant_id = 'bench' and newer.version > 1)
), claim as (
    insert into idempotency_key (tenant_id, key, request_hmac, ticket_id)
    select 'bench', cast(gen_random_uuid() as text), md5(cast(random() as text)) || md5(cast(random() as text)), n.id
    from svc, consent, (select gen_random_uuid() as id) n
    on conflict (tenant_id, key) do update
       set request_hmac = excluded.request_hmac, ticket_id = excluded.ticket_id, created_at = now()
       where idempotency_key.created_at <= now() - interval '24 hours'
    returning ticket_id
), cust as (
    insert into customer (id, tenant_id, cpf_index, cpf_cipher, phone_cipher, name, created_at, last_ticket_at)
    select gen_random_uuid(), 'bench', md5(cast(random() as text)) || md5(cast(random() as text)),
           'pgbench.' || md5(cast(random() as text)) || md5(cast(random() as text)),
           'pgbench.' || md5(cast(random() as text)), 'Maria da Silva', now(), now()
    from claim
    on conflict (tenant_id, cpf_index) do update
       set phone_cipher = excluded.phone_cipher, name = excluded.name,
           last_ticket_at = greatest(customer.last_ticket_at, excluded.last_ticket_at)
    returning id
), t as (
    insert into ticket (id, tenant_id, service_id, customer_id, status, priority, display_name, service_name,
                        prefix, price_cents, duration_minutes, status_token, created_by, created_at)
    select claim.ticket_id, 'bench', cast(:service as uuid), cust.id, 'PENDING_PAYMENT', 'NORMAL', 'Maria S.',
           'Banheira de Gelo', 'G', 6000, 15, md5(cast(random() as text)) || md5(cast(random() as text)), 'pgbench', now()
    from cust, claim
    returning id, customer_id
), acceptance as (
    insert into consent_acceptance (id, tenant_id, customer_id, ticket_id, version, body_sha256, accepted_at)
    select gen_random_uuid(), 'bench', t.customer_id, t.id, 1,
           encode(sha256(cast('Termo de teste' as bytea)), 'hex'), now() from t
), event as (
    insert into outbox (event_id, event_type, source, tenant_id, traceparent, aggregate_id, envelope, sent_at)
    select gen_random_uuid(), 'ticket.created', 'pgbench', 'bench', null, cast(t.id as text),
           cast('{"specversion": "1.0", "type": "ticket.created", "source": "pgbench", "tenantid": "bench", "data": {"serviceName": "Banheira de Gelo", "priceCents": 6000, "priority": "NORMAL", "displayName": "Maria S.", "createdBy": "pgbench"}}' as jsonb),
           now()
    from t
)
select (select count(*) from svc) as service_ok, (select count(*) from consent) as consent_ok,
       (select customer_id from t) as customer_id;
