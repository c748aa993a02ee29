-- the producer's own state, changed in the same transaction as its outbox row
create table notes (ticket_id uuid primary key, tenant_id text not null, created_at timestamptz not null default now());
