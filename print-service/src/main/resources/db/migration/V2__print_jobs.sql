-- One print job per paid ticket (plus one per reprint), persisted before anything is sent.
create table print_job (
    id              uuid primary key,
    tenant_id       text        not null,
    ticket_id       uuid        not null,
    -- null: the kiosk device that sold the ticket has no printer; the ticket goes to the PDF path
    printer_id      uuid        references printer (id) on delete set null,
    sold_by         text,
    reprint         boolean     not null default false,
    requested_by    text,
    -- QUEUED -> PRINTING -> PRINTED | FAILED (with the PDF); PRINTING -> QUEUED for a retry
    status          text        not null check (status in ('QUEUED', 'PRINTING', 'PRINTED', 'FAILED')),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now(),
    -- set just before the bytes go to the socket: a job found PRINTING with it after a restart may be on paper
    sending_at      timestamptz,
    reason          text,
    -- what the ticket says
    number          text        not null,
    service_name    text        not null,
    display_name    text        not null,
    status_token    text        not null,
    paid_at         timestamptz not null,
    time_zone       text        not null,
    pdf             bytea,
    created_at      timestamptz not null default now(),
    finished_at     timestamptz
);

-- a redelivered ticket.paid never makes a second first copy
create unique index print_job_one_per_ticket on print_job (ticket_id) where not reprint;
create index print_job_by_ticket on print_job (tenant_id, ticket_id, created_at);
-- the worker's scan: open jobs per printer, oldest first
create index print_job_open on print_job (printer_id, created_at, id) where status in ('QUEUED', 'PRINTING');
