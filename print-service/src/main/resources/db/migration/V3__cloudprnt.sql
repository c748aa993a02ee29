-- CloudPRNT (pull): what a polling printer is sent, and when it last polled with which status.
-- PNG: every CloudPRNT printer takes it; ESCPOS: raw ESC/POS bytes as application/octet-stream, only
-- for clients that print them (an agent beside an ESC/POS printer) — Star printers answer 510 to it.
alter table printer add column cloudprnt_media text not null default 'PNG' check (cloudprnt_media in ('PNG', 'ESCPOS'));
-- set on every poll; no poll within totem.print.cloudprnt.offline-after means the printer is offline
alter table printer add column last_poll_at timestamptz;
-- the statusCode of the last poll, URL-decoded (e.g. "200 OK", "410 Paper Empty")
alter table printer add column last_status text;
