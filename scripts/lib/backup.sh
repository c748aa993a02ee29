# shellcheck shell=bash
# ./totem backup and ./totem restore: a pg_dump of each service's database (custom format) and
# the RabbitMQ definitions of the vhost (exchanges, queues, bindings, policies, through the
# management API). Redis is not backed up: it holds only what is rebuilt or expires (rate-limit
# counters, the live queue's pub/sub and history). Messages still in RabbitMQ queues are not in
# a backup either; take one with the suite stopped (./totem down) for a set with none in flight.
# The production side (CloudNativePG WAL archive, daily base backups, the weekly restore drill)
# is docs/runbooks/restore-from-backup.md.

BACKUP_ROOT="$VAR/backup"

# The database and login of a service database id: TOTEM_<ID>_DB_NAME / TOTEM_<ID>_DB_USER
# (the variables the seed scripts read too), else totem_<id>.
db_name() {
  local var="TOTEM_${1^^}_DB_NAME"
  printf '%s' "${!var:-totem_$1}"
}
db_user() {
  local var="TOTEM_${1^^}_DB_USER"
  printf '%s' "${!var:-totem_$1}"
}

pg_admin() { psql -X -q -A -t -v ON_ERROR_STOP=1 -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN" -d postgres "$@"; }
vhost_path() { printf '%s' "${RABBIT_VHOST//\//%2F}"; }

need_pg_tools() {
  local tool
  for tool in psql pg_dump pg_restore; do
    command -v "$tool" >/dev/null || die "$tool is not installed (apt-get install postgresql-client)"
  done
}

cmd_backup() {
  load_env
  need_pg_tools
  local dir=${1:-$BACKUP_ROOT/$(date -u +%Y%m%dT%H%M%SZ)} id name
  if [[ -e "$dir" && -n "$(ls -A "$dir" 2>/dev/null)" ]]; then
    die "$dir exists and is not empty: name a new directory"
  fi
  mkdir -p "$dir" || die "cannot create $dir"
  step "backup to $dir"
  for id in "${DB_IDS[@]}"; do
    name=$(db_name "$id")
    pg_dump -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN" -d "$name" --format=custom --file="$dir/$id.dump" ||
      die "pg_dump of $name on $DB_HOST:$DB_PORT failed"
    say "  $name -> $id.dump ($(du -h "$dir/$id.dump" | cut -f1))"
  done
  ensure_rabbit_management
  curl -fsS --max-time 30 -u "$RABBIT_ADMIN" "$RABBIT_API/api/definitions/$(vhost_path)" -o "$dir/rabbitmq.json" ||
    die "cannot read the definitions of RabbitMQ vhost $RABBIT_VHOST from $RABBIT_API"
  say "  RabbitMQ vhost $RABBIT_VHOST -> rabbitmq.json"
  {
    printf 'created %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
    printf 'postgres %s:%s %s\n' "$DB_HOST" "$DB_PORT" "$(pg_dump --version)"
    for id in "${DB_IDS[@]}"; do printf 'database %s %s\n' "$id" "$(db_name "$id")"; done
    printf 'rabbitmq %s vhost %s\n' "$RABBIT_API" "$RABBIT_VHOST"
  } >"$dir/backup.txt"
  (cd "$dir" && sha256sum -- *.dump rabbitmq.json backup.txt >SHA256SUMS) || die "cannot write $dir/SHA256SUMS"
  say "backup complete: $dir (restore with ./totem restore $dir)"
}

# restore_database ID FILE YES: into $(db_name ID), owned by $(db_user ID); an existing
# database with tables is dropped only when YES is 1
restore_database() {
  local id=$1 file=$2 yes=$3 name user exists tables
  name=$(db_name "$id")
  user=$(db_user "$id")
  [[ "$(pg_admin -v r="$user" <<<"SELECT count(*) FROM pg_roles WHERE rolname = :'r'")" == 1 ]] ||
    die "login $user does not exist (./totem up creates it, or create it first)"
  exists=$(pg_admin -v d="$name" <<<"SELECT count(*) FROM pg_database WHERE datname = :'d'")
  if [[ "$exists" == 1 ]]; then
    tables=$(psql -X -q -A -t -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN" -d "$name" \
      -c "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')") ||
      die "cannot read database $name"
    if [[ "$tables" != 0 ]]; then
      [[ "$yes" == 1 ]] || die "database $name already holds $tables tables: ./totem restore DIR --yes replaces it"
      pg_admin -v d="$name" <<<"SELECT format('DROP DATABASE %I WITH (FORCE)', :'d') \gexec" || die "cannot drop database $name"
      exists=0
    fi
  fi
  if [[ "$exists" != 1 ]]; then
    # only its login may connect, as infra/postgres/init.sh makes it
    pg_admin -v d="$name" -v u="$user" <<<"SELECT format('CREATE DATABASE %I OWNER %I', :'d', :'u') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'d') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'d', :'u') \gexec" ||
      die "cannot create database $name"
  fi
  # objects owned by the service's login, as Flyway made them
  pg_restore -h "$DB_HOST" -p "$DB_PORT" -U "$PG_ADMIN" -d "$name" --no-owner --role="$user" --exit-on-error "$file" ||
    die "pg_restore of $file into $name failed"
  say "  $(basename "$file") -> $name (owner $user)"
}

cmd_restore() {
  local dir="" yes=0 arg id svc running=()
  for arg in "$@"; do
    case "$arg" in
      --yes) yes=1 ;;
      -*) die "unknown option $arg (usage: ./totem restore DIR [--yes])" ;;
      *) dir=$arg ;;
    esac
  done
  [[ -n "$dir" ]] || die "usage: ./totem restore DIR [--yes] (DIR from ./totem backup)"
  [[ -f "$dir/SHA256SUMS" ]] || die "$dir has no SHA256SUMS: not a directory ./totem backup wrote"
  load_env
  need_pg_tools
  (cd "$dir" && sha256sum --quiet --check SHA256SUMS) || die "$dir: a file does not match its checksum"
  for svc in "${SERVICES[@]}"; do
    svc_pid "$svc" >/dev/null && running+=("$svc")
  done
  ((${#running[@]} == 0)) || die "stop the suite first (./totem down): running ${running[*]}"
  step "restore from $dir"
  # on a fresh machine the logins (and empty databases, vhost, user) come first, as ./totem up makes them
  local defaults=1
  for id in "${DB_IDS[@]}"; do
    [[ "$(db_name "$id")" == "totem_$id" && "$(db_user "$id")" == "totem_$id" ]] || defaults=0
  done
  ((defaults == 0)) || provision
  for id in "${DB_IDS[@]}"; do
    [[ -f "$dir/$id.dump" ]] || die "$dir/$id.dump is missing"
    restore_database "$id" "$dir/$id.dump" "$yes"
  done
  ensure_rabbit_management
  rabbit_api PUT "/api/vhosts/$(vhost_path)" '{}' || die "cannot create RabbitMQ vhost $RABBIT_VHOST through $RABBIT_API"
  # the services' users were given their rights by provision above; a user named in TOTEM_RABBIT_USER
  # (the tests' one broker user for every service) gets every right on the vhost instead
  if [[ -n "${TOTEM_RABBIT_USER:-}" ]] &&
    ! rabbit_api PUT "/api/permissions/$(vhost_path)/$TOTEM_RABBIT_USER" '{"configure":".*","write":".*","read":".*"}'; then
    die "cannot give $TOTEM_RABBIT_USER its rights on RabbitMQ vhost $RABBIT_VHOST through $RABBIT_API"
  fi
  curl -fsS -o /dev/null --max-time 30 -u "$RABBIT_ADMIN" -H 'content-type: application/json' \
    -X POST --data-binary "@$dir/rabbitmq.json" "$RABBIT_API/api/definitions/$(vhost_path)" ||
    die "cannot load $dir/rabbitmq.json into RabbitMQ vhost $RABBIT_VHOST"
  say "  rabbitmq.json -> vhost $RABBIT_VHOST"
  say "restore complete: start the suite with ./totem up"
}
