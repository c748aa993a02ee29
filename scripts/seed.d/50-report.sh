#!/usr/bin/env bash
# Demo sales so the manager's reports and dashboard are not empty: when tenant demo has no paid ticket
# today (report-service's dashboard says so), a kiosk sells six tickets through the gateway and the
# manager takes the money at the counter (cash and card: no bank needed). Everything flows as events
# into report-service's read model. Idempotent: a day that already has paid tickets is left alone.
set -euo pipefail

GATEWAY=${TOTEM_URL_GATEWAY:-${TOTEM_GATEWAY_URL:-http://127.0.0.1:8080}}
if [[ "${TOTEM_SEED_DEMO_SALES:-true}" == false ]]; then
  echo "report: demo sales skipped (TOTEM_SEED_DEMO_SALES=false)"
  exit 0
fi
SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
TENANT=demo

say() { echo "report: $*"; }

post() { # token path json [extra header]
  curl -sS -f --max-time 10 -X POST "$GATEWAY$2" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    ${4:+-H "$4"} -d "$3"
}

manager=$(curl -sS -f --max-time 10 -X POST "$GATEWAY/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg t "$TENANT" --arg p "$SECRET" '{tenant:$t, username:"gerente", password:$p}')" | jq -r .accessToken)

paid_today() {
  curl -sS -f --max-time 10 "$GATEWAY/api/v1/dashboard" -H "Authorization: Bearer $manager" | jq -r '.paid // 0'
}

if [ "$(paid_today)" -gt 0 ]; then
  say "tenant $TENANT already has sales today; nothing to add"
  exit 0
fi

kiosk=$(curl -sS -f --max-time 10 -X POST "$GATEWAY/api/v1/auth/device-token" -H 'Content-Type: application/json' \
  -d "$(jq -n --arg t "$TENANT" --arg p "$SECRET" '{tenant:$t, deviceId:"kiosk-1", secret:$p}')" | jq -r .accessToken)
services=$(curl -sS -f --max-time 10 "$GATEWAY/api/v1/services" -H "Authorization: Bearer $kiosk" |
  jq -r '(if type == "array" then . else (.content // .items // []) end)[].id')
consent=$(curl -sS -f --max-time 10 "$GATEWAY/api/v1/consents/current" -H "Authorization: Bearer $kiosk" | jq -r .version)
mapfile -t ids <<<"$services"
if [ "${#ids[@]}" -eq 0 ] || [ -z "${ids[0]}" ]; then
  echo "report: tenant $TENANT has no services; run the ticket seed first" >&2
  exit 1
fi

names=("Ana Souza" "Bruno Lima" "Carla Dias" "Diego Rocha" "Elisa Melo" "Fábio Reis")
cpfs=(11144477735 12345678909 39053344705 93541134780 28625587887 71428793860)
methods=(CASH CARD CASH CASH CARD CASH)
sold=0
for i in "${!names[@]}"; do
  service=${ids[$((i % ${#ids[@]}))]}
  order=$(jq -n --arg s "$service" --arg n "${names[$i]}" --arg c "${cpfs[$i]}" --argjson v "$consent" \
    '{serviceId:$s, customer:{name:$n, cpf:$c, phone:"11987654321"}, consent:{version:$v, accepted:true}}')
  ticket=$(post "$kiosk" /api/v1/tickets "$order" "Idempotency-Key: seed-report-$(date +%F)-$i" | jq -r .id)
  post "$manager" /api/v1/payments/manual "$(jq -n --arg t "$ticket" --arg m "${methods[$i]}" '{ticketId:$t, method:$m}')" >/dev/null
  sold=$((sold + 1))
done

# the events reach report-service within seconds
for _ in $(seq 1 30); do
  if [ "$(paid_today)" -ge "$sold" ]; then
    say "tenant $TENANT: $sold sales today in the reports (GET /api/v1/dashboard, /api/v1/reports/daily)"
    exit 0
  fi
  sleep 1
done
echo "report: report-service did not see the $sold seeded sales within 30 s" >&2
exit 1
