#!/bin/sh
# The vhost and one RabbitMQ user per service (infra/rabbitmq/users.txt), through the management
# HTTP API; idempotent (users' passwords are set again on every run). Run by ./totem up and by the
# compose one-shot service rabbitmq-users (curl image: POSIX sh and curl only). issue 12 item 11.
#
# What a service's user may do on the vhost (the resources Spring Cloud Stream and libs/platform
# declare for it: docs/security.md):
#   configure  the exchanges totem.events and DLX, its queue totem.events.<service> and its DLQ
#              totem.events.<service>.dlq (declaring them, binding the DLQ)
#   write      totem.events (publishing, topic-restricted below; not for a service that publishes
#              nothing), DLX (the binder republishes a failed message there, to its own DLQ), its
#              two queues (binding them)
#   read       totem.events and DLX (binding from them), its own queue (consuming)
#   topic      on totem.events, write only the routing keys (event types) it produces; read any
#              (queue.bind is checked against it: a service binds the keys it consumes)
# The default exchange is not writable by any of them: no service can put a message straight into
# another service's queue.
#
# Environment:
#   TOTEM_<ID>_RABBIT_PASSWORD   each service's password (ID: TICKET, PAYMENT, QUEUE, PRINT, REPORT)
#   TOTEM_RABBIT_MANAGEMENT_URL  default http://127.0.0.1:15672
#   TOTEM_RABBIT_ADMIN_USER, TOTEM_RABBIT_ADMIN_PASSWORD   an administrator (default guest/guest)
#   TOTEM_RABBIT_VHOST           default totem
#   TOTEM_RABBIT_USER_SUFFIX     appended to every user name (tests only: users are broker-wide)
# --dry-run prints each request (METHOD PATH BODY, passwords as ***) instead of sending it.
set -eu

DIR=$(cd "$(dirname "$0")" && pwd)
USERS_FILE=$DIR/users.txt
API=${TOTEM_RABBIT_MANAGEMENT_URL:-http://127.0.0.1:15672}
ADMIN=${TOTEM_RABBIT_ADMIN_USER:-guest}:${TOTEM_RABBIT_ADMIN_PASSWORD:-guest}
VHOST=${TOTEM_RABBIT_VHOST:-totem}
SUFFIX=${TOTEM_RABBIT_USER_SUFFIX:-}
EXCHANGE=totem.events
DRY_RUN=0
[ "${1:-}" = --dry-run ] && DRY_RUN=1

fail() {
  echo "rabbitmq provision: $*" >&2
  exit 1
}

json_string() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
regex_escape() { printf '%s' "$1" | sed 's/\./\\./g'; }
url_encode() { printf '%s' "$1" | sed 's/%/%25/g; s/\//%2F/g'; }

# api METHOD PATH BODY: BODY on stdin of curl, so no password shows in the process list
api() {
  if [ "$DRY_RUN" = 1 ]; then
    printf '%s %s %s\n' "$1" "$2" "$(printf '%s' "$3" | sed 's/"password":"[^"]*"/"password":"***"/')"
    return 0
  fi
  printf '%s' "$3" | curl -fsS -o /dev/null --max-time 10 --retry 10 --retry-connrefused --retry-delay 2 -u "$ADMIN" -X "$1" -H 'content-type: application/json' \
    --data-binary @- "$API$2" || fail "$1 $2 failed ($API as ${ADMIN%%:*})"
}

[ -f "$USERS_FILE" ] || fail "no $USERS_FILE"
vhost=$(url_encode "$VHOST")
api PUT "/api/vhosts/$vhost" '{}'

ex=$(regex_escape "$EXCHANGE")
users=""
while read -r service user keys; do
  case "$service" in '' | \#*) continue ;; esac
  id=$(printf '%s' "${service%-service}" | tr 'a-z-' 'A-Z_')
  eval "password=\${TOTEM_${id}_RABBIT_PASSWORD:-}"
  # shellcheck disable=SC2154 # set by the eval above
  [ -n "$password" ] || [ "$DRY_RUN" = 1 ] || fail "TOTEM_${id}_RABBIT_PASSWORD is not set (the password of $user)"
  user=$user$SUFFIX
  q="$ex\\.$(regex_escape "$service")" # its queue: Spring Cloud Stream's <destination>.<group>
  if [ "$keys" = - ]; then
    write="^(DLX|$q|$q\\.dlq)\$"
    topic_write='^$' # nothing: no routing key is published (and totem.events is not writable anyway)
  else
    write="^($ex|DLX|$q|$q\\.dlq)\$"
    topic_write="^($(regex_escape "$keys" | tr ',' '|'))\$"
  fi
  configure="^($ex|DLX|$q|$q\\.dlq)\$"
  read="^($ex|DLX|$q)\$"
  u=$(url_encode "$user")
  api PUT "/api/users/$u" "{\"password\":\"$(json_string "$password")\",\"tags\":\"\"}"
  api PUT "/api/permissions/$vhost/$u" \
    "{\"configure\":\"$(json_string "$configure")\",\"write\":\"$(json_string "$write")\",\"read\":\"$(json_string "$read")\"}"
  api PUT "/api/topic-permissions/$vhost/$u" \
    "{\"exchange\":\"$EXCHANGE\",\"write\":\"$(json_string "$topic_write")\",\"read\":\".*\"}"
  users="$users $user"
done <"$USERS_FILE"
[ -n "$users" ] || fail "$USERS_FILE lists no user"
[ "$DRY_RUN" = 1 ] || echo "rabbitmq: vhost $VHOST, users$users (each publishes only its own event types)"
