-- Stations, operator sessions and the live queue.

create table station (
    id           uuid primary key,
    tenant_id    text        not null,
    name         text        not null,
    service_ids  uuid[]      not null default '{}',  -- empty: serves every service
    active       boolean     not null default true,
    created_at   timestamptz not null default now(),
    updated_at   timestamptz not null default now(),
    unique (tenant_id, name)
);

create table operator_session (
    id            uuid primary key,
    tenant_id     text        not null,
    station_id    uuid        not null references station (id),
    operator_id   text        not null,
    operator_name text,
    service_ids   uuid[]      not null default '{}',  -- empty: every service of the station
    opened_at     timestamptz not null default now(),
    closed_at     timestamptz
);
-- one open session per station
create unique index operator_session_open_station_idx on operator_session (station_id) where closed_at is null;
create index operator_session_tenant_open_idx on operator_session (tenant_id) where closed_at is null;

-- What the queue knows about the catalog, learnt from ticket.paid (name and duration).
create table queue_service (
    tenant_id        text    not null,
    service_id       uuid    not null,
    name             text    not null,
    duration_minutes int     not null,
    preferential_run int     not null default 0,  -- preferential tickets called in a row
    primary key (tenant_id, service_id)
);

create table queue_entry (
    ticket_id        uuid primary key,
    tenant_id        text        not null,
    number           text        not null,
    service_id       uuid        not null,
    service_name     text        not null,
    priority         text        not null check (priority in ('NORMAL', 'PREFERENTIAL')),
    display_name     text        not null,
    status_token     text        not null unique,
    business_date    date        not null,
    duration_minutes int         not null,
    paid_at          timestamptz not null,
    status           text        not null check (status in ('WAITING', 'CALLED', 'IN_SERVICE', 'COMPLETED', 'NO_SHOW', 'CANCELLED')),
    station_id       uuid,
    station_name     text,
    session_id       uuid,
    operator_id      text,
    recall_count     int         not null default 0,
    called_at        timestamptz,
    started_at       timestamptz,
    finished_at      timestamptz,
    service_seconds  int,
    updated_at       timestamptz not null default now()
);
create index queue_entry_waiting_idx on queue_entry (tenant_id, service_id, paid_at) where status = 'WAITING';
create index queue_entry_active_idx on queue_entry (tenant_id, status) where status in ('CALLED', 'IN_SERVICE');
create index queue_entry_completed_idx on queue_entry (tenant_id, service_id, finished_at desc) where status = 'COMPLETED';
