# shellcheck shell=bash
# The environment every command runs in: a JDK 25, .env, the local dev secrets, the addresses
# of PostgreSQL, Redis and RabbitMQ.

# Secrets the services need (docs/configuration.md) for local runs: .env or the environment
# override them; otherwise ./totem generates random ones on its first run into var/local-secrets.env
# (git-ignored, like all of var/) and reuses them, so local data stays readable (issue 12 item 10:
# the services refuse values published in the repository). The demo users' password is one of them.
LOCAL_SECRETS_FILE="var/local-secrets.env"
# The values earlier versions committed here; only for local data made with them (see local_secrets).
LEGACY_DEV_SECRETS="
TOTEM_DB_PASSWORD      totem-dev-db
TOTEM_RABBIT_PASSWORD  totem-dev-mq
TOTEM_PII_KEYS         dev:dG90ZW0tZGV2LXBpaS1rZXktTk9ULUEtU0VDUkVUISE=
TOTEM_PII_INDEX_KEY    dG90ZW0tZGV2LWJsaW5kLWluZGV4LU5PVC1TRUNSRVQ=
TOTEM_QUEUE_KEY_SECRET totem-dev-queue-key-secret
TOTEM_DEMO_SECRET      totem-demo-2026
"

random_b64() { head -c "$1" /dev/urandom | base64 | tr -d '\n'; }
random_word() { head -c 96 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | cut -c1-"$1"; }

# Each service's own database and broker password (issue 12 item 11): TOTEM_<ID>_DB_PASSWORD for
# login totem_<id>, TOTEM_<ID>_RABBIT_PASSWORD for RabbitMQ user totem-<id> (ID: TICKET, PAYMENT, …,
# the database ids of the service table). ./totem up gives a service its own as TOTEM_DB_PASSWORD
# and TOTEM_RABBIT_PASSWORD (svc_env) and sets them on the logins and users at every start.
service_secret_names() {
  local id
  for id in "${DB_IDS[@]}"; do printf '%s\n' "TOTEM_${id^^}_DB_PASSWORD" "TOTEM_${id^^}_RABBIT_PASSWORD"; done
}

# A file written before per-service passwords had one shared TOTEM_DB_PASSWORD and
# TOTEM_RABBIT_PASSWORD: each service gets its own in their place (provision sets them on the logins
# and users, and `./totem up` restarts the services still running with the shared ones).
SECRETS_MIGRATED=""
per_service_secrets() {
  local file=$1 name added=()
  for name in $(service_secret_names); do
    grep -q "^$name=" "$file" && continue
    printf '%s=%s\n' "$name" "$(random_word 32)" >>"$file"
    added+=("$name")
  done
  if grep -qE '^TOTEM_(DB|RABBIT)_PASSWORD=' "$file"; then
    sed -i -E '/^TOTEM_(DB|RABBIT)_PASSWORD=/d' "$file"
    SECRETS_MIGRATED=1
    say "$LOCAL_SECRETS_FILE: the shared TOTEM_DB_PASSWORD and TOTEM_RABBIT_PASSWORD are replaced by one password per service (${#added[@]} generated)"
  fi
}

# Secrets added after var/local-secrets.env was first written, and how to make each: appended to an
# existing file once (no earlier value exists for them, so local data loses nothing).
added_local_secret() {
  case "$1" in
    TOTEM_PAYMENT_SECRET_KEYS) echo "TOTEM_PAYMENT_SECRET_KEYS=local:$(random_b64 32)" ;;
  esac
}
ADDED_LOCAL_SECRETS="TOTEM_PAYMENT_SECRET_KEYS"

# Writes var/local-secrets.env once. Local databases made with the old committed values keep them
# (TOTEM_DEV_MODE=true, said at every start) until `./totem reset`; otherwise the values are random.
# The per-service passwords are random in either case (and added to a file written before them).
local_secrets() {
  local file="$ROOT/$LOCAL_SECRETS_FILE" name
  if [[ -f "$file" ]]; then
    per_service_secrets "$file"
    for name in $ADDED_LOCAL_SECRETS; do
      if ! grep -q "^$name=" "$file"; then
        added_local_secret "$name" >>"$file"
        say "added $name to $LOCAL_SECRETS_FILE"
      fi
    done
    return 0
  fi
  mkdir -p "$(dirname "$file")"
  local legacy=""
  if command -v psql >/dev/null && psql -X -q -tA -h "${TOTEM_DB_HOST:-127.0.0.1}" -p "${TOTEM_DB_PORT:-5432}" \
      -U "${TOTEM_PG_ADMIN_USER:-postgres}" -d postgres -c "select 1 from pg_database where datname = 'totem_queue'" 2>/dev/null | grep -q 1; then
    legacy=1
  fi
  (
    umask 077
    {
      echo "# ./totem's local secrets (generated $(date -u +%FT%TZ)); never commit, never use in production"
      if [[ -n "$legacy" ]]; then
        echo "# local data already existed, made with the development values once committed: kept"
        echo "TOTEM_DEV_MODE=true"
        while read -r name value; do
          if [[ -n "${name:-}" && "$name" != TOTEM_DB_PASSWORD && "$name" != TOTEM_RABBIT_PASSWORD ]]; then echo "$name=$value"; fi
        done <<<"$LEGACY_DEV_SECRETS"
      else
        echo "TOTEM_PII_KEYS=local:$(random_b64 32)"
        echo "TOTEM_PII_INDEX_KEY=$(random_b64 32)"
        echo "TOTEM_QUEUE_KEY_SECRET=$(random_word 40)"
        echo "TOTEM_DEMO_SECRET=$(random_word 16)"
      fi
      for name in $(service_secret_names); do echo "$name=$(random_word 32)"; done
      for name in $ADDED_LOCAL_SECRETS; do added_local_secret "$name"; done
    } >"$file"
  )
  say "generated $LOCAL_SECRETS_FILE (local secrets, git-ignored)${legacy:+; existing local data keeps the old development values (TOTEM_DEV_MODE=true) until ./totem reset}"
}

JAVA=""
find_java() {
  [[ -n "$JAVA" ]] && return 0
  # shellcheck source=.mvn/jdk25.sh
  . "$ROOT/.mvn/jdk25.sh"
  if [[ -z "${JAVA_HOME:-}" ]] || ! totem_jdk_ok "$JAVA_HOME"; then
    die "no JDK 25 found: install one (e.g. Temurin 25 under /usr/lib/jvm) or set JAVA_HOME to it"
  fi
  JAVA="$JAVA_HOME/bin/java"
  export JAVA_HOME
}

# .env holds shell assignments (KEY=value, as in .env.example); every variable it sets is
# exported, and a variable already in the environment keeps its value.
load_dotenv() {
  [[ -f "$ROOT/.env" ]] || return 0
  local name
  local -A before=()
  for name in $(compgen -e); do before[$name]=${!name}; done
  set -a
  # shellcheck source=/dev/null
  . "$ROOT/.env"
  set +a
  for name in "${!before[@]}"; do
    [[ "${!name-}" == "${before[$name]}" ]] || export "$name=${before[$name]}"
  done
}

LOADED=""
load_env() {
  [[ -n "$LOADED" ]] && return 0
  LOADED=1
  load_dotenv
  local_secrets
  local defaulted=() name value
  local line
  while read -r line; do
    [[ -n "$line" && "$line" != \#* && "$line" == *=* ]] || continue
    name=${line%%=*}
    value=${line#*=} # whole: base64 values end in '='
    [[ -z "${!name:-}" ]] || continue
    export "$name=$value"
    defaulted+=("$name")
  done <"$ROOT/$LOCAL_SECRETS_FILE"
  if ((${#defaulted[@]})); then
    say "note: ${defaulted[*]} from $LOCAL_SECRETS_FILE (not in the environment or .env)"
  fi
  [[ "${TOTEM_DEV_MODE:-}" == true ]] && say "note: TOTEM_DEV_MODE=true: the services accept development secrets"
  for name in TOTEM_DB_PASSWORD TOTEM_RABBIT_PASSWORD; do
    [[ -z "${!name:-}" ]] || say "note: $name is set but ./totem no longer uses it: each service has its own (TOTEM_<ID>_DB_PASSWORD, TOTEM_<ID>_RABBIT_PASSWORD)"
  done
  DB_HOST=${TOTEM_DB_HOST:-127.0.0.1}
  DB_PORT=${TOTEM_DB_PORT:-5432}
  REDIS_HOST=${TOTEM_REDIS_HOST:-127.0.0.1}
  REDIS_PORT=${TOTEM_REDIS_PORT:-6379}
  RABBIT_HOST=${TOTEM_RABBIT_HOST:-127.0.0.1}
  RABBIT_PORT=${TOTEM_RABBIT_PORT:-5672}
  RABBIT_VHOST=${TOTEM_RABBIT_VHOST:-totem}
  RABBIT_API=${TOTEM_RABBIT_MANAGEMENT_URL:-http://$RABBIT_HOST:15672}
  RABBIT_ADMIN=${TOTEM_RABBIT_ADMIN_USER:-guest}:${TOTEM_RABBIT_ADMIN_PASSWORD:-guest}
  PG_ADMIN=${TOTEM_PG_ADMIN_USER:-postgres}
}
