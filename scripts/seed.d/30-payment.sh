#!/usr/bin/env bash
# Demo payment settings for tenants demo and outro: Pix key, merchant name and city, and the
# BACEN Pix provider pointing at the pix-psp sandbox. Idempotent: existing rows are left as
# they are (on conflict do nothing). payment-service registers each tenant's webhook at the
# sandbox on its next reconciliation pass (at most 10 s), or at start-up.
# The client and webhook secrets are stored encrypted, as payment-service writes them: sealed by
# its own SecretCipher (run from source with the JDK, SealSecrets) under TOTEM_PAYMENT_SECRET_KEYS.
set -euo pipefail

ROOT=${TOTEM_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}

PSP_URL=${TOTEM_URL_PIX_PSP:-http://127.0.0.1:8090}
PAYMENT_URL=${TOTEM_URL_PAYMENT_SERVICE:-http://127.0.0.1:8082}
DEMO_SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
PG_USER=${TOTEM_PG_ADMIN_USER:-postgres}
PG_HOST=${TOTEM_DB_HOST:-127.0.0.1}
PG_PORT=${TOTEM_DB_PORT:-5432}

# A webhook secret per tenant derived from the demo secret (stable across seeds, never printed).
webhook_secret() { printf '%s' "webhook:$1:$DEMO_SECRET" | sha256sum | cut -c1-40; }

payment_psql() { psql -v ON_ERROR_STOP=1 -q -h "$PG_HOST" -p "$PG_PORT" -U "$PG_USER" -d "${TOTEM_PAYMENT_DB_NAME:-totem_payment}" "$@"; }

if [[ $(payment_psql -tA -c "select count(*) from provider_settings where tenant_id in ('demo', 'outro')") == 2 ]]; then
  echo "payment: Pix settings for demo and outro already there"
  exit 0
fi
if [[ -z "${TOTEM_PAYMENT_SECRET_KEYS:-}" ]]; then
  echo "payment: TOTEM_PAYMENT_SECRET_KEYS is not set (./totem sets it from var/local-secrets.env)" >&2
  exit 1
fi
# shellcheck source=.mvn/jdk25.sh
. "$ROOT/.mvn/jdk25.sh"
# the cipher is libs/platform's KeyRing: its compiled classes (./totem and the build make them)
PLATFORM_CLASSES="$ROOT/libs/platform/target/classes"
if [[ ! -f "$PLATFORM_CLASSES/br/com/totem/platform/crypto/KeyRing.class" ]]; then
  echo "payment: $PLATFORM_CLASSES has no KeyRing.class: build first (./totem up builds; ./mvnw -pl libs/platform compile)" >&2
  exit 1
fi
# tenant TAB column TAB value in, one ciphertext per line out; the secrets never reach a command line
sealed=$(printf 'demo\tclient_secret\t%s\noutro\tclient_secret\t%s\ndemo\twebhook_secret\t%s\noutro\twebhook_secret\t%s\n' \
  "$DEMO_SECRET" "$DEMO_SECRET" "$(webhook_secret demo)" "$(webhook_secret outro)" |
  "${JAVA_HOME:?no JDK 25 found}/bin/java" -cp "$PLATFORM_CLASSES" \
    "$ROOT/payment-service/src/main/java/br/com/totem/payment/settings/crypto/SealSecrets.java")
mapfile -t sealed <<<"$sealed"
(( ${#sealed[@]} == 4 )) || { echo "payment: sealing the demo secrets failed" >&2; exit 1; }

payment_psql -v psp="$PSP_URL" -v hook="$PAYMENT_URL/api/v1/payments/webhook" \
  -v demo_client_secret="${sealed[0]}" -v outro_client_secret="${sealed[1]}" \
  -v demo_hook_secret="${sealed[2]}" -v outro_hook_secret="${sealed[3]}" <<'SQL'
insert into provider_settings (tenant_id, pix_key, merchant_name, merchant_city, providers, provider_name,
                               api_base_url, token_url, client_id, client_secret, scopes, webhook_url, webhook_secret,
                               charge_expiry_seconds)
values
  ('demo', '7d9f0335-8dcc-4054-9bf9-0dbd61d36906', 'Estudio Gelo e Bota', 'Sao Paulo', 'BACEN_PIX,MANUAL', 'sandbox',
   :'psp' || '/api/v2', :'psp' || '/oauth/token', 'totem-demo', :'demo_client_secret',
   'cob.read cob.write pix.read pix.write webhook.read webhook.write', :'hook', :'demo_hook_secret', 300),
  ('outro', '40a0932d-1918-4eee-845d-35a2da1690dc', 'Outro Estudio', 'Curitiba', 'BACEN_PIX,MANUAL', 'sandbox',
   :'psp' || '/api/v2', :'psp' || '/oauth/token', 'totem-outro', :'outro_client_secret',
   'cob.read cob.write pix.read pix.write webhook.read webhook.write', :'hook', :'outro_hook_secret', 300)
on conflict (tenant_id) do nothing;
SQL
echo "payment: Pix settings for demo and outro point at the sandbox $PSP_URL"
