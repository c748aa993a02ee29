-- queue_service also learns the catalog from catalog.service_changed (ticket-service), so a line
-- exists before its first paid ticket and a deactivated service takes no transfers.
alter table queue_service add column active boolean not null default true;
-- the changedAt of the last catalog.service_changed applied (null: known from ticket.paid only);
-- an older event (replayed from a dead-letter queue) never overwrites a newer one
alter table queue_service add column catalog_changed_at timestamptz;
