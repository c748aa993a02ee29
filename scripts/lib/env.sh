# shellcheck shell=bash
# The environment every command runs in: a JDK 25, .env, the local dev secrets, the addresses
# of PostgreSQL, Redis and RabbitMQ.

# Secrets the services need (docs/configuration.md), with values for local runs only: .env or
# the environment overrides them. The keys are fixed so that local data stays readable.
DEV_SECRETS="
TOTEM_DB_PASSWORD      totem-dev-db
TOTEM_RABBIT_PASSWORD  totem-dev-mq
TOTEM_PII_KEYS         dev:dG90ZW0tZGV2LXBpaS1rZXktTk9ULUEtU0VDUkVUISE=
TOTEM_PII_INDEX_KEY    dG90ZW0tZGV2LWJsaW5kLWluZGV4LU5PVC1TRUNSRVQ=
TOTEM_QUEUE_KEY_SECRET totem-dev-queue-key-secret
"

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
  local defaulted=() name value
  while read -r name value; do
    [[ -n "${name:-}" && -z "${!name:-}" ]] || continue
    export "$name=$value"
    defaulted+=("$name")
  done <<<"$DEV_SECRETS"
  if ((${#defaulted[@]})); then
    say "note: ${defaulted[*]} not set (no .env or not in it): using the local dev defaults"
  fi
  export TOTEM_DEMO_SECRET="${TOTEM_DEMO_SECRET:-totem-demo-2026}"
  DB_HOST=${TOTEM_DB_HOST:-127.0.0.1}
  DB_PORT=${TOTEM_DB_PORT:-5432}
  REDIS_HOST=${TOTEM_REDIS_HOST:-127.0.0.1}
  REDIS_PORT=${TOTEM_REDIS_PORT:-6379}
  RABBIT_HOST=${TOTEM_RABBIT_HOST:-127.0.0.1}
  RABBIT_PORT=${TOTEM_RABBIT_PORT:-5672}
  RABBIT_VHOST=${TOTEM_RABBIT_VHOST:-totem}
  RABBIT_USER=${TOTEM_RABBIT_USER:-totem}
  RABBIT_API=${TOTEM_RABBIT_MANAGEMENT_URL:-http://$RABBIT_HOST:15672}
  RABBIT_ADMIN=${TOTEM_RABBIT_ADMIN_USER:-guest}:${TOTEM_RABBIT_ADMIN_PASSWORD:-guest}
  PG_ADMIN=${TOTEM_PG_ADMIN_USER:-postgres}
}
