#!/usr/bin/env bash
# Demo payment settings for tenants demo and outro: Pix key, merchant name and city, and the
# BACEN Pix provider pointing at the pix-psp sandbox. Idempotent: existing rows are left as
# they are (on conflict do nothing). payment-service registers each tenant's webhook at the
# sandbox on its next reconciliation pass (at most 10 s), or at start-up.
set -euo pipefail

PSP_URL=${TOTEM_URL_PIX_PSP:-http://127.0.0.1:8090}
PAYMENT_URL=${TOTEM_URL_PAYMENT_SERVICE:-http://127.0.0.1:8082}
DEMO_SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
PG_USER=${TOTEM_PG_ADMIN_USER:-postgres}
PG_HOST=${TOTEM_DB_HOST:-127.0.0.1}
PG_PORT=${TOTEM_DB_PORT:-5432}

# A webhook secret per tenant derived from the demo secret (stable across seeds, never printed).
webhook_secret() { printf '%s' "webhook:$1:$DEMO_SECRET" | sha256sum | cut -c1-40; }

psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${TOTEM_PAYMENT_DB_NAME:-totem_payment}" \
  -v psp="$PSP_URL" -v hook="$PAYMENT_URL/api/v1/payments/webhook" -v secret="$DEMO_SECRET" \
  -v demo_hook_secret="$(webhook_secret demo)" -v outro_hook_secret="$(webhook_secret outro)" <<'SQL'
insert into provider_settings (tenant_id, pix_key, merchant_name, merchant_city, providers, provider_name,
                               api_base_url, token_url, client_id, client_secret, scopes, webhook_url, webhook_secret,
                               charge_expiry_seconds)
values
  ('demo', '7d9f0335-8dcc-4054-9bf9-0dbd61d36906', 'Estudio Gelo e Bota', 'Sao Paulo', 'BACEN_PIX,MANUAL', 'sandbox',
   :'psp' || '/api/v2', :'psp' || '/oauth/token', 'totem-demo', :'secret',
   'cob.read cob.write pix.read pix.write webhook.read webhook.write', :'hook', :'demo_hook_secret', 300),
  ('outro', '40a0932d-1918-4eee-845d-35a2da1690dc', 'Outro Estudio', 'Curitiba', 'BACEN_PIX,MANUAL', 'sandbox',
   :'psp' || '/api/v2', :'psp' || '/oauth/token', 'totem-outro', :'secret',
   'cob.read cob.write pix.read pix.write webhook.read webhook.write', :'hook', :'outro_hook_secret', 300)
on conflict (tenant_id) do nothing;
SQL
echo "payment: Pix settings for demo and outro point at the sandbox $PSP_URL"
