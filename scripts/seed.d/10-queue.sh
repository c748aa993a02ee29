#!/usr/bin/env bash
# queue-service demo data for tenants demo and outro (docs/architecture.md, "Running it"):
# users admin (ADMIN), gerente (MANAGER), operador (OPERATOR, PIN 1234); devices kiosk-1
# (KIOSK), panel-1 (PANEL) and tablet-1 (STAFF_DEVICE: the operator's tablet, where the PIN is
# accepted); stations Banheira 1, Banheira 2 and Bota 1. Every password and
# device secret is $TOTEM_DEMO_SECRET. Idempotent: what exists is left as it is.
#
# The first admin of a tenant cannot be created through the API (nobody has a token yet), so
# the service's own jar creates it (`bootstrap-admin`, BCrypt in Java, straight into
# totem_queue); everything else goes through queue-service's API with that admin's token.
set -euo pipefail

ROOT=${TOTEM_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
QUEUE=${TOTEM_URL_QUEUE_SERVICE:-http://127.0.0.1:8083}
TICKET=${TOTEM_URL_TICKET_SERVICE:-http://127.0.0.1:8081}
SECRET=${TOTEM_DEMO_SECRET:-totem-demo-2026}
# queue-service's own login password (./totem seed passes TOTEM_QUEUE_DB_PASSWORD; a lone
# TOTEM_DB_PASSWORD, as the e2e suite gives with its TOTEM_QUEUE_DB_USER, does too)
TOTEM_DB_PASSWORD=${TOTEM_QUEUE_DB_PASSWORD:-${TOTEM_DB_PASSWORD:-}}
: "${TOTEM_DB_PASSWORD:?TOTEM_QUEUE_DB_PASSWORD must be set (./totem seed sets it)}"
export TOTEM_DB_PASSWORD

# shellcheck source=/dev/null
. "$ROOT/.mvn/jdk25.sh"
JAR="$ROOT/queue-service/target/queue-service.jar"
[[ -f "$JAR" ]] || JAR="$ROOT/var/app/queue-service/queue-service.jar"
[[ -f "$JAR" ]] || { echo "10-queue: no queue-service jar (build it: ./mvnw -q -pl queue-service -am package -DskipTests)" >&2; exit 1; }

say() { printf '  %s\n' "$*"; }

# POST that accepts 201 (created) and 409 (already there); anything else fails the seed
post() {
  local token=$1 path=$2 body=$3 code
  code=$(curl -sS -o /tmp/totem-seed-queue.$$ -w '%{http_code}' -X POST "$QUEUE$path" \
    -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d "$body")
  case "$code" in
    201) say "created $path $(jq -r '.username // .deviceId // .name' /tmp/totem-seed-queue.$$)" ;;
    409) ;;
    *) echo "10-queue: POST $path → $code $(cat /tmp/totem-seed-queue.$$)" >&2; rm -f /tmp/totem-seed-queue.$$; return 1 ;;
  esac
  rm -f /tmp/totem-seed-queue.$$
}

login() {
  curl -sS -f -X POST "$QUEUE/api/v1/auth/login" -H 'Content-Type: application/json' \
    -d "$(jq -n --arg t "$1" --arg u "$2" --arg p "$SECRET" '{tenant:$t, username:$u, password:$p}')" | jq -r .accessToken
}

# the catalog's id of a service named like $2 (empty when ticket-service or the service is not there yet)
service_id() {
  curl -sS -f --max-time 5 "$TICKET/api/v1/services" -H "Authorization: Bearer $1" 2>/dev/null |
    jq -r --arg n "$2" '(if type == "array" then . else (.content // .items // []) end)[] | select(.name | startswith($n)) | .id' 2>/dev/null | head -n1 || true
}

for tenant in demo outro; do
  say "tenant $tenant"
  TOTEM_DB_NAME=${TOTEM_QUEUE_DB_NAME:-totem_queue} TOTEM_DB_USER=${TOTEM_QUEUE_DB_USER:-totem_queue} \
    TOTEM_ADMIN_PASSWORD="$SECRET" "$JAVA_HOME/bin/java" -XX:TieredStopAtLevel=1 -jar "$JAR" bootstrap-admin \
    --tenant="$tenant" --username=admin --display-name=Administrador | sed 's/^/  /'
  admin=$(login "$tenant" admin)
  [[ -n "$admin" && "$admin" != null ]] || { echo "10-queue: admin of $tenant cannot log in (is \$TOTEM_DEMO_SECRET the one it was seeded with?)" >&2; exit 1; }

  post "$admin" /api/v1/users "$(jq -n --arg p "$SECRET" '{username:"gerente", displayName:"Gerente", roles:["MANAGER"], password:$p}')"
  post "$admin" /api/v1/users "$(jq -n --arg p "$SECRET" '{username:"operador", displayName:"Operador", roles:["OPERATOR"], password:$p, pin:"1234"}')"
  post "$admin" /api/v1/devices "$(jq -n --arg p "$SECRET" '{deviceId:"kiosk-1", kind:"KIOSK", name:"Totem da recepção", secret:$p}')"
  post "$admin" /api/v1/devices "$(jq -n --arg p "$SECRET" '{deviceId:"panel-1", kind:"PANEL", name:"Painel da sala", secret:$p}')"
  post "$admin" /api/v1/devices "$(jq -n --arg p "$SECRET" '{deviceId:"tablet-1", kind:"STAFF_DEVICE", name:"Tablet do balcão", secret:$p}')"

  ice=$(service_id "$admin" "Banheira")
  boot=$(service_id "$admin" "Bota")
  for station in "Banheira 1:$ice" "Banheira 2:$ice" "Bota 1:$boot"; do
    name=${station%%:*}
    svc=${station#*:}
    ids=$([[ -n "$svc" ]] && jq -nc --arg s "$svc" '[$s]' || echo '[]')
    post "$admin" /api/v1/stations "$(jq -n --arg n "$name" --argjson s "$ids" '{name:$n, serviceIds:$s}')"
    # a station made before the catalog existed serves every service: narrow it once the catalog is there
    if [[ -n "$svc" ]]; then
      current=$(curl -sS -f "$QUEUE/api/v1/stations" -H "Authorization: Bearer $admin" |
        jq -c --arg n "$name" '.[] | select(.name == $n) | {id, serviceIds}')
      if [[ $(jq '.serviceIds | length' <<<"$current") == 0 ]]; then
        curl -sS -f -o /dev/null -X PUT "$QUEUE/api/v1/stations/$(jq -r .id <<<"$current")" -H "Authorization: Bearer $admin" \
          -H 'Content-Type: application/json' -d "{\"serviceIds\":$ids}" && say "station $name now serves $svc"
      fi
    fi
  done
done
