# shellcheck shell=bash
# PostgreSQL, Redis and RabbitMQ: are they up, the databases, logins and vhost the services
# use, and dropping them again (reset).

# how to start each server on this kind of machine (the same commands .ci/run uses)
# shellcheck disable=SC2016 # $(ls ...) is for the reader's shell
PG_START_CMD='pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start'
REDIS_START_CMD='redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no --dir /var/lib/redis --logfile /var/log/redis/ci.log'
RABBIT_START_CMD='rabbitmq-server -detached'

check_infra() {
  local down=0
  if ! port_open "$DB_HOST" "$DB_PORT"; then
    warn "PostgreSQL is not reachable on $DB_HOST:$DB_PORT. Start it with:" "  $PG_START_CMD"
    down=1
  fi
  if ! port_open "$REDIS_HOST" "$REDIS_PORT"; then
    warn "Redis is not reachable on $REDIS_HOST:$REDIS_PORT. Start it with:" "  $REDIS_START_CMD"
    down=1
  fi
  if ! port_open "$RABBIT_HOST" "$RABBIT_PORT"; then
    warn "RabbitMQ is not reachable on $RABBIT_HOST:$RABBIT_PORT. Start it with:" "  $RABBIT_START_CMD"
    down=1
  fi
  ((down == 0)) || exit 1
  say "infrastructure: PostgreSQL $DB_HOST:$DB_PORT, Redis $REDIS_HOST:$REDIS_PORT, RabbitMQ $RABBIT_HOST:$RABBIT_PORT reachable"
}

rabbit_api() { # METHOD PATH [JSON BODY]
  local args=(-fsS -o /dev/null --max-time 10 -u "$RABBIT_ADMIN" -X "$1" "$RABBIT_API$2")
  [[ $# -ge 3 ]] && args+=(-H 'content-type: application/json' -d "$3")
  curl "${args[@]}"
}

ensure_rabbit_management() {
  rabbit_api GET /api/overview 2>/dev/null && return 0
  step "enabling rabbitmq_management"
  command -v rabbitmq-plugins >/dev/null || die "RabbitMQ management API ($RABBIT_API) does not answer and rabbitmq-plugins is not installed here"
  rabbitmq-plugins enable rabbitmq_management >/dev/null || die "rabbitmq-plugins enable rabbitmq_management failed"
  local i
  for ((i = 0; i < 60; i++)); do
    rabbit_api GET /api/overview 2>/dev/null && return 0
    sleep 1
  done
  die "RabbitMQ management API does not answer on $RABBIT_API/api/overview with $RABBIT_ADMIN"
}

# The RabbitMQ user of a service database id: totem-<id> (infra/rabbitmq/users.txt)
rabbit_user() { printf 'totem-%s' "$1"; }

# The vhost and one user per service through infra/rabbitmq/provision.sh (the script the compose
# one-shot rabbitmq-users runs); the shared user `totem` of earlier versions loses its rights
# on the vhost, and is deleted when it has no other.
provision_rabbit() {
  ensure_rabbit_management
  TOTEM_RABBIT_MANAGEMENT_URL=$RABBIT_API TOTEM_RABBIT_ADMIN_USER=${RABBIT_ADMIN%%:*} \
    TOTEM_RABBIT_ADMIN_PASSWORD=${RABBIT_ADMIN#*:} TOTEM_RABBIT_VHOST=$RABBIT_VHOST \
    sh "$ROOT/infra/rabbitmq/provision.sh" >/dev/null ||
    die "cannot create the RabbitMQ vhost '$RABBIT_VHOST' and the services' users (infra/rabbitmq/provision.sh through $RABBIT_API)"
  if rabbit_api DELETE "/api/permissions/$(vhost_path)/totem" 2>/dev/null; then
    say "RabbitMQ: the shared user totem of earlier versions no longer has rights on vhost $RABBIT_VHOST"
    if [[ "$(curl -fsS --max-time 10 -u "$RABBIT_ADMIN" "$RABBIT_API/api/users/totem/permissions" 2>/dev/null)" == "[]" ]]; then
      rabbit_api DELETE /api/users/totem 2>/dev/null || true
    fi
  fi
}

# one database and login per service, with its own password, through infra/postgres/init.sh (the
# script the compose one-shot postgres-users runs), then the vhost and users of RabbitMQ
provision() {
  PGHOST=$DB_HOST PGPORT=$DB_PORT POSTGRES_USER=$PG_ADMIN "$ROOT/infra/postgres/init.sh" "${DB_IDS[@]}" >/dev/null ||
    die "cannot create the databases and logins (infra/postgres/init.sh as $PG_ADMIN on $DB_HOST:$DB_PORT)"
  provision_rabbit
  local users=() id
  for id in "${DB_IDS[@]}"; do users+=("$(rabbit_user "$id")"); done
  say "provisioned: databases and logins totem_{$(IFS=,; printf '%s' "${DB_IDS[*]}")} (one password each), RabbitMQ vhost $RABBIT_VHOST with users ${users[*]} (each publishes only its own events)"
}

drop_local_data() {
  local id
  for id in "${DB_IDS[@]}"; do
    psql -X -q -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN" -d postgres \
      -c "DROP DATABASE IF EXISTS \"totem_$id\" WITH (FORCE)" >/dev/null || die "cannot drop database totem_$id"
  done
  ensure_rabbit_management
  if ! rabbit_api DELETE "/api/vhosts/$RABBIT_VHOST" 2>/dev/null && rabbit_api GET "/api/vhosts/$RABBIT_VHOST" 2>/dev/null; then
    die "cannot delete the RabbitMQ vhost $RABBIT_VHOST"
  fi
  rm -f "$APP_DIR"/*/.aot-failed
}
