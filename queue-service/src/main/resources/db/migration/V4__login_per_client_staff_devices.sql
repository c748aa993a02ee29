-- Issue 12 item 3. Failed logins are counted per (name, client): a stranger's guesses slow down
-- only the stranger, never the kiosk or the operator at the counter. The client is
-- "address:<ip>" (passwords, device secrets) or "device:<id>" (a PIN typed on a registered staff
-- tablet). Progressive delays replace the fixed 15-minute lock. The old rows are throttle state
-- only (nothing to keep).
drop table login_throttle;
create table login_throttle (
    tenant_id     text        not null,
    principal     text        not null,       -- "user:operador" or "device:kiosk-1"
    client        text        not null,       -- "address:203.0.113.7" or "device:tablet-1"
    failures      int         not null default 0,
    last_failure  timestamptz,
    blocked_until timestamptz,
    primary key (tenant_id, principal, client)
);
create index login_throttle_last_failure_idx on login_throttle (last_failure);

-- A staff tablet: its token proves where a PIN is typed (a PIN login needs one).
alter table device drop constraint device_kind_check;
alter table device add constraint device_kind_check check (kind in ('KIOSK', 'PANEL', 'STAFF_DEVICE'));
