-- Issue 12 (Low): a webhook item is deduplicated within its tenant. Unique across tenants, one
-- tenant's receipt could silently swallow another's with the same end-to-end id.
alter table webhook_receipts drop constraint webhook_receipts_dedupe_key_key;
alter table webhook_receipts add constraint webhook_receipts_tenant_dedupe_key unique (tenant_id, dedupe_key);
