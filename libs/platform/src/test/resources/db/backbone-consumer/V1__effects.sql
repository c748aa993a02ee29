-- the consumer's effect; deliberately no unique constraint, so a duplicate effect would show
create table effects (event_id uuid not null, tenant_id text not null, ticket_id uuid not null,
                      applied_at timestamptz not null default now());
