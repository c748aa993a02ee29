-- Transactional outbox and idempotent-consumer inbox (libs/platform, ADR 0002).
-- Numbered V0_x so they run before a service's own V1.. migrations.

create table outbox (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    source       text        not null,
    tenant_id    text        not null,
    traceparent  text,
    aggregate_id text,
    envelope     jsonb       not null,
    created_at   timestamptz not null default now(),
    sent_at      timestamptz
);
-- the relay reads only unsent rows, in commit order
create index outbox_unsent_idx on outbox (id) where sent_at is null;
create index outbox_sent_at_idx on outbox (sent_at) where sent_at is not null;

create table inbox (
    event_id    uuid        not null,
    consumer    text        not null,
    event_type  text        not null,
    received_at timestamptz not null default now(),
    primary key (event_id, consumer)
);
create index inbox_received_at_idx on inbox (received_at);
