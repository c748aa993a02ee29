-- A ticket an operator sent to another service's line (ticket.transferred): what was sold
-- (service_id, service_name, prefix, price) never changes; the line it now waits in does.
alter table ticket
    add column line_service_id   uuid,
    add column line_service_name text,
    add column line_duration_minutes int,
    add column transferred_at    timestamptz;
