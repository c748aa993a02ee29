-- ticket-service: catalog, consent texts, customers (encrypted PII), tickets, daily counters,
-- idempotency keys. Every table carries tenant_id and every query filters by it.

-- Per-tenant settings; a tenant without a row uses the configured default time zone.
create table tenant_settings (
    tenant_id text primary key,
    time_zone text not null
);

create table catalog_service (
    id               uuid primary key,
    tenant_id        text        not null,
    name             text        not null,
    description      text,
    price_cents      bigint      not null check (price_cents >= 0),
    duration_minutes int         not null check (duration_minutes > 0),
    prefix           text        not null check (prefix ~ '^[A-Z]{1,3}$'),
    color            text        not null,
    active           boolean     not null default true,
    display_order    int         not null default 0,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    -- a deactivated service keeps its prefix: the day's numbers must stay unambiguous
    constraint catalog_service_prefix_uq unique (tenant_id, prefix)
);
create index catalog_service_tenant_order_idx on catalog_service (tenant_id, display_order, name);

create table consent_text (
    tenant_id   text        not null,
    version     int         not null check (version > 0),
    body        text        not null,
    body_sha256 text        not null,
    created_at  timestamptz not null default now(),
    primary key (tenant_id, version)
);

-- CPF and phone only as AES-256-GCM ciphertexts ("<keyId>:<base64 nonce|ciphertext|tag>");
-- cpf_index is the HMAC-SHA256 blind index used to find a person by CPF.
-- An anonymised customer has no CPF, phone or index and a placeholder name.
create table customer (
    id              uuid primary key,
    tenant_id       text        not null,
    cpf_index       text,
    cpf_cipher      text,
    phone_cipher    text,
    name            text        not null,
    created_at      timestamptz not null default now(),
    last_ticket_at  timestamptz not null default now(),
    anonymised_at   timestamptz,
    constraint customer_cpf_index_uq unique (tenant_id, cpf_index)
);
create index customer_retention_idx on customer (last_ticket_at) where anonymised_at is null;

create table ticket (
    id               uuid primary key,
    tenant_id        text        not null,
    service_id       uuid        not null references catalog_service (id),
    customer_id      uuid        not null references customer (id),
    status           text        not null,
    priority         text        not null,
    display_name     text        not null,
    -- what was sold, copied at creation: a later catalog edit never rewrites a sale
    service_name     text        not null,
    prefix           text        not null,
    price_cents      bigint      not null,
    duration_minutes int         not null,
    status_token     text        not null,
    created_by       text        not null,
    created_at       timestamptz not null,
    number           text,
    business_date    date,
    daily_sequence   int,
    payment_id       uuid,
    amount_paid_cents bigint,
    paid_at          timestamptz,
    called_at        timestamptz,
    station_id       uuid,
    station_name     text,
    recall_count     int,
    started_at       timestamptz,
    completed_at     timestamptz,
    no_show_at       timestamptz,
    cancelled_at     timestamptz,
    cancelled_by     text,
    cancel_reason    text,
    expired_at       timestamptz,
    updated_at       timestamptz not null default now(),
    constraint ticket_status_token_uq unique (status_token),
    -- the database itself refuses a second G012 on one day, whatever the code does
    constraint ticket_daily_number_uq unique (tenant_id, service_id, business_date, daily_sequence)
);
create index ticket_tenant_created_idx on ticket (tenant_id, created_at desc);
create index ticket_tenant_status_idx on ticket (tenant_id, status, created_at desc);
create index ticket_customer_idx on ticket (customer_id);
create index ticket_pending_idx on ticket (created_at) where status = 'PENDING_PAYMENT';

create table consent_acceptance (
    id            uuid primary key,
    tenant_id     text        not null,
    customer_id   uuid        not null references customer (id),
    ticket_id     uuid        not null references ticket (id),
    version       int         not null,
    body_sha256   text        not null,
    accepted_at   timestamptz not null,
    foreign key (tenant_id, version) references consent_text (tenant_id, version)
);
create index consent_acceptance_customer_idx on consent_acceptance (customer_id);

-- The last number given per tenant, service and business day. Incremented in the transaction
-- that marks the ticket paid: the row lock serialises allocations and a rollback returns the
-- number, so numbers are gap-free.
create table daily_counter (
    tenant_id     text not null,
    service_id    uuid not null,
    business_date date not null,
    last_value    int  not null,
    primary key (tenant_id, service_id, business_date)
);

-- Idempotency-Key of POST /api/v1/tickets, kept 24 h. request_hmac is an HMAC of the
-- normalised request (it holds a CPF, so a plain hash could be brute-forced).
create table idempotency_key (
    tenant_id    text        not null,
    key          text        not null,
    request_hmac text        not null,
    -- deferred: the key is inserted first so a concurrent retry waits on it, then the ticket
    ticket_id    uuid        not null references ticket (id) deferrable initially deferred,
    created_at   timestamptz not null default now(),
    primary key (tenant_id, key)
);
create index idempotency_key_created_idx on idempotency_key (created_at);
