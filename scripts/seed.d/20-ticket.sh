#!/usr/bin/env bash
# ticket-service demo data for tenants demo and outro: the catalog of docs/architecture.md and a
# pt-BR LGPD consent text, version 1. Idempotent: every insert is "on conflict do nothing"
# (services are unique per tenant and prefix, consent texts per tenant and version).
# Written with psql because the catalog API needs a manager token, which only exists once
# queue-service issues them; the rows are exactly what POST /api/v1/services would store.
set -euo pipefail

PGHOST=${TOTEM_DB_HOST:-127.0.0.1}
PGPORT=${TOTEM_DB_PORT:-5432}
PGUSER=${TOTEM_PG_ADMIN_USER:-postgres}
export PGHOST PGPORT PGUSER

psql -v ON_ERROR_STOP=1 -q -d "${TOTEM_TICKET_DB_NAME:-totem_ticket}" <<'SQL'
begin;

insert into tenant_settings (tenant_id, time_zone)
values ('demo', 'America/Sao_Paulo'), ('outro', 'America/Sao_Paulo')
on conflict do nothing;

insert into catalog_service (id, tenant_id, name, description, price_cents, duration_minutes, prefix, color, active, display_order)
select gen_random_uuid(), t.tenant, s.name, s.description, s.price_cents, s.duration_minutes, s.prefix, s.color, true, s.display_order
from (values ('demo'), ('outro')) as t (tenant)
cross join (values
    ('Banheira de Gelo', 'Imersão em água gelada para recuperação muscular.', 6000, 15, 'G', '#1E88E5', 1),
    ('Bota de Compressão', 'Compressão pneumática das pernas para recuperação.', 4500, 30, 'B', '#43A047', 2)
) as s (name, description, price_cents, duration_minutes, prefix, color, display_order)
on conflict (tenant_id, prefix) do nothing;

insert into consent_text (tenant_id, version, body, body_sha256)
select t.tenant, 1, c.body, encode(sha256(convert_to(c.body, 'UTF8')), 'hex')
from (values ('demo'), ('outro')) as t (tenant)
cross join (values (
'Termo de consentimento para tratamento de dados pessoais

Ao continuar, você autoriza este estabelecimento a tratar seu nome, CPF e telefone para emitir sua senha de atendimento, chamar você pelo painel e falar com você sobre este atendimento, conforme a Lei Geral de Proteção de Dados (Lei nº 13.709/2018).

Seu CPF e seu telefone ficam guardados de forma criptografada e não aparecem no painel nem na senha impressa: ali aparecem apenas seu primeiro nome e a inicial do sobrenome.

Seus dados são mantidos enquanto você for nosso cliente e são anonimizados depois de 12 meses sem atendimento. A qualquer momento você pode pedir, no balcão, acesso aos seus dados ou a exclusão deles.'
)) as c (body)
on conflict (tenant_id, version) do nothing;

commit;
SQL

echo "ticket-service: catalog (G Banheira de Gelo, B Bota de Compressão) and consent v1 for demo and outro"

# queue-service learns the catalog from catalog.service_changed (docs/events.md), which the API
# publishes and psql does not: save each service once through the API, unchanged, as a manager
# (gerente, created by 10-queue.sh). Skipped with a note when the services are not up.
QUEUE=${TOTEM_URL_QUEUE_SERVICE:-http://127.0.0.1:8083}
TICKET=${TOTEM_URL_TICKET_SERVICE:-http://127.0.0.1:8081}
SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
for tenant in demo outro; do
  manager=$(curl -sS -f --max-time 10 -X POST "$QUEUE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg t "$tenant" --arg p "$SECRET" '{tenant:$t, username:"gerente", password:$p}')" 2>/dev/null | jq -r .accessToken) || manager=
  if [[ -z "$manager" || "$manager" == null ]]; then
    echo "ticket-service: no manager token for $tenant (queue-service down?): the queue learns the catalog at its first sale" >&2
    continue
  fi
  curl -sS -f --max-time 10 "$TICKET/api/v1/services" -H "Authorization: Bearer $manager" |
    jq -c '.[] | {id, body: {name, description, priceCents, durationMinutes, prefix, color, active, displayOrder}}' |
    while read -r row; do
      curl -sS -f --max-time 10 -o /dev/null -X PUT "$TICKET/api/v1/services/$(jq -r .id <<<"$row")" \
        -H "Authorization: Bearer $manager" -H 'Content-Type: application/json' -d "$(jq -c .body <<<"$row")"
    done
  echo "ticket-service: catalog of $tenant announced to the queue (catalog.service_changed)"
done
