-- Staff users, devices, login throttling, refresh tokens and the token signing keys.
-- Tenants are slugs ("demo", "outro"); every row carries one and every query filters on it.

create table staff_user (
    id             uuid primary key,
    tenant_id      text        not null,
    username       text        not null,
    display_name   text        not null,
    roles          text[]      not null,
    password_hash  text        not null,
    pin_hash       text,                      -- operators only: quick login on the tablet
    active         boolean     not null default true,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    unique (tenant_id, username)
);

create table device (
    tenant_id     text        not null,
    device_id     text        not null,       -- "kiosk-1": the token's sub
    kind          text        not null check (kind in ('KIOSK', 'PANEL')),
    name          text        not null,
    secret_hash   text        not null,
    printer_id    uuid,                       -- the kiosk's printer (print-service)
    active        boolean     not null default true,
    created_at    timestamptz not null default now(),
    updated_at    timestamptz not null default now(),
    primary key (tenant_id, device_id)
);

-- Failed logins per name tried, whether or not it exists: an unknown user locks exactly like a
-- known one, so lockout reveals nothing about which usernames exist.
create table login_throttle (
    tenant_id     text        not null,
    principal     text        not null,       -- "user:operador" or "device:kiosk-1"
    failures      int         not null default 0,
    window_start  timestamptz not null default now(),
    locked_until  timestamptz,
    primary key (tenant_id, principal)
);

-- Only hashes are stored. A family is one login; each refresh rotates within it, and a used
-- token presented again revokes the whole family (it was stolen or replayed).
create table refresh_token (
    id            uuid primary key,
    family_id     uuid        not null,
    tenant_id     text        not null,
    subject_kind  text        not null check (subject_kind in ('USER', 'DEVICE')),
    subject_id    text        not null,
    granted_roles text[]      not null,       -- a PIN login grants OPERATOR only, and so do its refreshes
    token_hash    bytea       not null unique,
    expires_at    timestamptz not null,
    used_at       timestamptz,
    revoked_at    timestamptz,
    created_at    timestamptz not null default now()
);
create index refresh_token_family_idx on refresh_token (family_id);
create index refresh_token_expires_idx on refresh_token (expires_at);

-- RS256 signing keys. The private key is AES-256-GCM encrypted with a key derived from
-- TOTEM_QUEUE_KEY_SECRET; the newest active key signs, every key not yet expired verifies.
create table signing_key (
    kid             text primary key,
    public_jwk      text        not null,
    private_key_enc bytea       not null,
    kdf_salt        bytea       not null,
    iv              bytea       not null,
    created_at      timestamptz not null default now(),
    retired_at      timestamptz,              -- stops signing
    expires_at      timestamptz               -- leaves the JWKS (retired_at + access token TTL + skew)
);
