-- Printers per tenant. A printer serves at most one kiosk device (the JWT subject of the kiosk);
-- a kiosk device without a printer still sells: its tickets go to the PDF / on-screen path.
create table printer (
    id             uuid primary key,
    tenant_id      text        not null,
    name           text        not null,
    kiosk_device   text,
    -- TCP: raw ESC/POS on host:port (push, inside the shop); CLOUDPRNT: the printer polls us (pull)
    connection     text        not null check (connection in ('TCP', 'CLOUDPRNT')),
    host           text,
    port           integer,
    -- CloudPRNT: SHA-256 of the printer's own token (the token itself is shown once, on creation)
    token_hash     bytea,
    code_page      text        not null check (code_page in ('CP860', 'CP850', 'CP858', 'WPC1252')),
    paper_width_mm integer     not null check (paper_width_mm in (58, 80)),
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now(),
    constraint printer_tcp_target check (connection <> 'TCP' or (host is not null and port between 1 and 65535)),
    constraint printer_cloudprnt_token check (connection <> 'CLOUDPRNT' or token_hash is not null)
);

create unique index printer_name_per_tenant on printer (tenant_id, lower(name));
create unique index printer_per_kiosk_device on printer (tenant_id, kiosk_device) where kiosk_device is not null;
create unique index printer_token on printer (token_hash) where token_hash is not null;
