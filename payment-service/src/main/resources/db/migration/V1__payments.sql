-- Per-tenant payment settings: receiver, provider order, PSP endpoints and credentials.
-- Secrets (client_secret, keystore password, webhook_secret) are written by the seed or an
-- operator and never logged.
create table provider_settings (
    tenant_id             text primary key,
    pix_key               text not null check (length(pix_key) between 1 and 77),
    merchant_name         text not null,
    merchant_city         text not null,
    providers             text not null default 'BACEN_PIX,MANUAL',
    provider_name         text not null default 'sicredi',
    api_base_url          text,
    token_url             text,
    client_id             text,
    client_secret         text,
    scopes                text,
    tls_client_cert       text,
    tls_client_key        text,
    tls_keystore          text,
    tls_keystore_password text,
    tls_trust_certs       text,
    webhook_url           text,
    webhook_secret        text not null check (length(webhook_secret) >= 16),
    charge_expiry_seconds int  not null default 300 check (charge_expiry_seconds > 0),
    updated_at            timestamptz not null default now()
);

-- Tickets learnt from ticket.created: what a link may charge, and for how much.
create table tickets (
    ticket_id    uuid primary key,
    tenant_id    text not null,
    service_name text not null,
    price_cents  bigint not null check (price_cents >= 0),
    status       text not null,  -- PENDING, CANCELLED
    created_at   timestamptz not null,
    updated_at   timestamptz not null default now()
);

-- One charge per ticket, enforced here and not only in code.
create table charges (
    id               uuid primary key,
    tenant_id        text not null,
    ticket_id        uuid not null unique,
    txid             text unique,
    provider         text not null,  -- BACEN_PIX, MANUAL
    method           text not null,  -- PIX, CASH, CARD
    amount_cents     bigint not null check (amount_cents >= 0),
    status           text not null,  -- CREATING, ACTIVE, CONFIRMED, EXPIRED, CANCELLED, FLAGGED
    pix_copia_e_cola text,
    location         text,
    expires_at       timestamptz not null,
    claimed_at       timestamptz,    -- a request is creating it at the PSP since then
    psp_removed      boolean not null default false,
    end_to_end_id    text unique,
    paid_cents       bigint,
    flag             text,
    created_at       timestamptz not null default now(),
    updated_at       timestamptz not null default now(),
    confirmed_at     timestamptz
);
create index charges_open on charges (status, created_at) where status in ('CREATING', 'ACTIVE');
create index charges_tenant on charges (tenant_id, created_at);

-- Each Pix credited once: the end-to-end id is unique.
create table pix_payments (
    end_to_end_id text primary key,
    charge_id     uuid not null references charges (id),
    tenant_id     text not null,
    txid          text not null,
    amount_cents  bigint not null,
    paid_at       timestamptz,
    created_at    timestamptz not null default now()
);

-- Webhook items as received: stored before answering 200, processed from here afterwards.
create table webhook_receipts (
    id              bigserial primary key,
    tenant_id       text not null,
    dedupe_key      text not null unique, -- e2e for a payment; e2e:devolução id:status for a refund
    kind            text not null,        -- PIX, REFUND
    end_to_end_id   text not null,
    txid            text,
    chave           text,
    amount_cents    bigint,
    refund_id       text,
    refund_status   text,
    payload         jsonb not null,
    received_at     timestamptz not null default now(),
    attempts        int not null default 0,
    next_attempt_at timestamptz not null default now(),
    processed_at    timestamptz,
    outcome         text
);
create index webhook_receipts_pending on webhook_receipts (next_attempt_at) where processed_at is null;

-- Devoluções, with the id we chose.
create table refunds (
    id            text primary key check (id ~ '^[a-zA-Z0-9]{1,35}$'),
    charge_id     uuid not null references charges (id),
    tenant_id     text not null,
    end_to_end_id text not null,
    amount_cents  bigint not null check (amount_cents > 0),
    status        text not null,  -- REQUESTED, EM_PROCESSAMENTO, DEVOLVIDO, NAO_REALIZADO
    reason        text,
    requested_by  text not null,
    rtr_id        text,
    attempts      int not null default 0,
    next_check_at timestamptz not null default now(),
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    finished_at   timestamptz
);
create index refunds_open on refunds (next_check_at) where status in ('REQUESTED', 'EM_PROCESSAMENTO');

-- Daily reconciliation against GET /cob?inicio&fim: what did not match.
create table reconciliation_reports (
    id         bigserial primary key,
    tenant_id  text not null,
    day        date not null,
    checked    int not null,
    mismatches jsonb not null,
    created_at timestamptz not null default now(),
    unique (tenant_id, day)
);
