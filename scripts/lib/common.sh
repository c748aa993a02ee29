# shellcheck shell=bash
# Paths, output helpers and the one service table of ./totem. Sourced by ./totem (ROOT is set).

VAR="$ROOT/var"
RUN_DIR="$VAR/run"   # SERVICE.pid, aot-training.pid
LOG_DIR="$VAR/log"   # SERVICE.log (previous run: SERVICE.log.1), SERVICE-aot.log, aot-training.log
APP_DIR="$VAR/app"   # SERVICE/: the extracted jar, its stamp, its JDK AOT cache
DATA_DIR="$VAR/data" # SERVICE/: the working directory of the service's JVM

# Every service ./totem runs, in start order. Nothing else in the launcher lists them.
#   name            Maven module            HTTP port  database (totem_<id>; "-" = none)
SERVICE_TABLE="
gateway         gateway                 8080       -
ticket-service  ticket-service          8081       ticket
payment-service payment-service         8082       payment
queue-service   queue-service           8083       queue
print-service   print-service           8084       print
report-service  report-service          8085       report
pix-psp         sandbox/pix-psp         8090       -
escpos-printer  sandbox/escpos-printer  8091       -
"
SERVICES=()
DB_IDS=()
declare -A MODULE PORT DBID
while read -r _name _module _port _db; do
  [[ -n "${_name:-}" ]] || continue
  SERVICES+=("$_name")
  MODULE[$_name]=$_module
  PORT[$_name]=$_port
  DBID[$_name]=$_db
  [[ "$_db" == - ]] || DB_IDS+=("$_db")
done <<<"$SERVICE_TABLE"
unset _name _module _port _db

say() { printf '%s\n' "$*"; }
step() { printf '==> %s\n' "$*"; }
warn() { printf 'totem: %s\n' "$@" >&2; }
die() {
  warn "$@"
  exit 1
}

# "ticket", "ticket-service" and "sandbox/pix-psp" all name a service
resolve_service() {
  local s
  for s in "${SERVICES[@]}"; do
    if [[ "$1" == "$s" || "$1-service" == "$s" || "$1" == "${MODULE[$s]}" ]]; then
      printf '%s' "$s"
      return 0
    fi
  done
  die "unknown service '$1' (one of: ${SERVICES[*]})"
}

port_open() { timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null; }

svc_jar() { printf '%s/%s/target/%s.jar' "$ROOT" "${MODULE[$1]}" "$1"; }
app_jar() { printf '%s/%s/%s.jar' "$APP_DIR" "$1" "$1"; }
pid_file() { printf '%s/%s.pid' "$RUN_DIR" "$1"; }
log_file() { printf '%s/%s.log' "$LOG_DIR" "$1"; }
ready_url() { printf 'http://127.0.0.1:%s/actuator/health/readiness' "${PORT[$1]}"; }
