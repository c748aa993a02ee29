-- The aggregate an event is about (CloudEvents subject: a ticket, payment, print job, customer), so
-- customer.anonymised can find the logged events that carry the customer's display name (LGPD).
alter table event_log add column subject text;
update event_log set subject = envelope::jsonb ->> 'subject';
create index event_log_subject on event_log (tenant_id, subject);
