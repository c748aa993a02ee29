-- the waiting-time histogram took this ticket's wait (paid -> first call): set by the one fold that first
-- knows both ends, so events folded in parallel or replayed record it once
alter table ticket_facts add column wait_recorded boolean not null default false;
