-- Audit log of staff actions and money movements (libs/platform AuditLog). Append-only.
create table audit_log (
    id          bigserial primary key,
    tenant_id   text        not null,
    actor       text        not null,   -- user or device id from the token, or "system"
    action      text        not null,   -- e.g. "ticket.cancel", "customer.anonymise"
    target_type text        not null,
    target_id   text,
    details     jsonb       not null default '{}'::jsonb, -- never CPF or phone in clear
    at          timestamptz not null default now()
);
create index audit_log_tenant_at_idx on audit_log (tenant_id, at);
