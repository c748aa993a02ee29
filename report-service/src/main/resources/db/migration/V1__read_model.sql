-- report-service's read model, built only from events (docs/events.md). Every fold is an upsert whose
-- result does not depend on the order events arrive in (set-once / earliest / latest columns), and the
-- platform's inbox skips an event id seen before, so a DLQ replay with duplicates and out-of-order
-- events folds to the same rows. event_log keeps every folded event: a rebuild re-folds it.

-- what the service knows of a tenant: its zone (from ticket.paid / ticket.created when they carry it)
create table tenants (
    tenant_id  text primary key,
    time_zone  text,
    first_seen timestamptz not null default now()
);

-- one row per ticket, whatever event arrived first
create table ticket_facts (
    tenant_id            text        not null,
    ticket_id            uuid        not null,
    service_id           uuid,                 -- the service sold (ticket.created / ticket.paid)
    service_name         text,
    price_cents          bigint,
    created_at           timestamptz,
    paid_at              timestamptz,
    paid_cents           bigint,
    first_called_at      timestamptz,
    last_called_at       timestamptz,
    call_service_id      uuid,                 -- the line it was last called from (after transfers)
    station_id           uuid,                 -- station and operator of the last call
    operator_id          uuid,
    started_at           timestamptz,
    completed_at         timestamptz,
    service_seconds      bigint,
    no_show_at           timestamptz,
    cancelled_at         timestamptz,
    expired_at           timestamptz,
    last_transferred_at  timestamptz,
    primary key (tenant_id, ticket_id)
);
-- the ticket's day: when it was created (paid when ticket.created has not arrived yet)
create index ticket_facts_day on ticket_facts (tenant_id, (coalesce(created_at, paid_at)));
create index ticket_facts_paid on ticket_facts (tenant_id, paid_at);
create index ticket_facts_open on ticket_facts (tenant_id) where paid_at is not null and completed_at is null
    and cancelled_at is null and no_show_at is null and started_at is null;

-- transfers are counted one by one (a ticket may move twice)
create table ticket_transfers (
    tenant_id       text        not null,
    ticket_id       uuid        not null,
    transferred_at  timestamptz not null,
    from_service_id uuid        not null,
    to_service_id   uuid        not null,
    primary key (tenant_id, ticket_id, transferred_at)
);

-- names of services (sold, or the line a transfer sent a ticket to)
create table services (
    tenant_id  text not null,
    service_id uuid not null,
    name       text not null,
    primary key (tenant_id, service_id)
);

create table stations (
    tenant_id  text not null,
    station_id uuid not null,
    name       text not null,
    primary key (tenant_id, station_id)
);

create table payments (
    tenant_id    text        not null,
    payment_id   uuid        not null,
    ticket_id    uuid        not null,
    amount_cents bigint      not null,
    method       text        not null,
    confirmed_at timestamptz not null,
    primary key (tenant_id, payment_id)
);
create index payments_confirmed on payments (tenant_id, confirmed_at);

create table refunds (
    tenant_id    text        not null,
    refund_id    text        not null,
    payment_id   uuid        not null,
    ticket_id    uuid        not null,
    amount_cents bigint      not null,
    status       text        not null,
    refunded_at  timestamptz not null,
    primary key (tenant_id, refund_id)
);
create index refunds_refunded on refunds (tenant_id, refunded_at);

create table print_outcomes (
    tenant_id    text        not null,
    job_id       uuid        not null,
    ticket_id    uuid        not null,
    printed      boolean     not null,
    pdf_fallback boolean     not null,
    reason       text,
    at           timestamptz not null,
    primary key (tenant_id, job_id)
);
create index print_outcomes_at on print_outcomes (tenant_id, at);

create table event_log (
    event_id   uuid primary key,
    tenant_id  text        not null,
    type       text        not null,
    time       timestamptz not null,
    envelope   text        not null
);
create index event_log_time on event_log (time);

-- the nightly D-1 files: one row per tenant and day claims the run, so two instances write them once
create table report_runs (
    tenant_id     text        not null,
    business_date date        not null,
    status        text        not null,   -- RUNNING, DONE, FAILED
    attempts      int         not null default 0,
    last_error    text,
    next_attempt  timestamptz,
    finished_at   timestamptz,
    primary key (tenant_id, business_date)
);
