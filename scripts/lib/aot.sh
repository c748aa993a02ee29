# shellcheck shell=bash
# JVM flags and the JDK AOT caches: a service starts with its cache when it has one; the
# caches missing are trained in the background after ./totem up, for the next start.

# Lean JVM flags for eight JVMs on two cores (docs/benchmarks.md has the figures).
LEAN_JAVA_OPTS=(-Xmx192m -XX:+UseSerialGC -Xss512k -XX:ReservedCodeCacheSize=64m
  -XX:MaxMetaspaceSize=192m -XX:TieredStopAtLevel=1 -XX:+UseCompactObjectHeaders)
# Per-service additions (later flags win), then TOTEM_JAVA_OPTS, then TOTEM_JAVA_OPTS_<SERVICE>
# (e.g. TOTEM_JAVA_OPTS_TICKET_SERVICE). The gateway handles every request a second time: it
# gets the full JIT (C2): ~60 MiB more RSS for a sixth less CPU per request once warm and a p99
# several times lower at 200 requests/s (docs/benchmarks.md, gateway).
declare -A SVC_JAVA_OPTS=([gateway]="-XX:TieredStopAtLevel=4")

TRAIN_TIMEOUT=${TOTEM_TRAIN_TIMEOUT:-300}
OTEL_AGENT="$VAR/otel/opentelemetry-javaagent.jar"
OTEL_AGENT_VERSION=2.33.1

# JVM flags of SERVICE, one a line, shared by the training run and the real run
jvm_opts() {
  local svc=$1 var more
  local -a opts=("${LEAN_JAVA_OPTS[@]}") extra
  var="TOTEM_JAVA_OPTS_${svc//-/_}"
  var=${var^^}
  for more in "${SVC_JAVA_OPTS[$svc]:-}" "${TOTEM_JAVA_OPTS:-}" "${!var:-}"; do
    [[ -n "$more" ]] || continue
    read -r -a extra <<<"$more"
    opts+=("${extra[@]}")
  done
  printf '%s\n' "${opts[@]}"
}

# environment of SERVICE's JVM as env(1) arguments, one a line: -u NAME pairs, then VAR=value
svc_env() {
  local svc=$1 name
  # no service sees another's passwords (they are exported for the seed scripts): env -u each
  for name in $(service_secret_names); do printf '%s\n' -u "$name"; done
  printf '%s\n' "SERVER_PORT=${PORT[$svc]}"
  if [[ "${DBID[$svc]}" != - ]]; then
    # its own login and broker user, each with its own password (issue 12 item 11)
    local id=${DBID[$svc]} db rabbit
    db="TOTEM_${id^^}_DB_PASSWORD" rabbit="TOTEM_${id^^}_RABBIT_PASSWORD"
    printf '%s\n' "TOTEM_DB_NAME=totem_$id" "TOTEM_DB_USER=totem_$id" "TOTEM_DB_PASSWORD=${!db:-}" \
      "TOTEM_RABBIT_USER=$(rabbit_user "$id")" "TOTEM_RABBIT_PASSWORD=${!rabbit:-}"
  fi
  if otel_on; then
    printf '%s\n' "OTEL_SERVICE_NAME=$svc" "OTEL_METRICS_EXPORTER=${OTEL_METRICS_EXPORTER:-none}" \
      "OTEL_LOGS_EXPORTER=${OTEL_LOGS_EXPORTER:-none}" \
      "OTEL_JAVAAGENT_CONFIGURATION_FILE=${OTEL_JAVAAGENT_CONFIGURATION_FILE:-$ROOT/infra/otel/agent.properties}"
    [[ -n "${OTEL_EXPORTER_OTLP_ENDPOINT:-}" ]] || printf '%s\n' "OTEL_TRACES_EXPORTER=${OTEL_TRACES_EXPORTER:-logging}"
  fi
}

# TOTEM_OTEL=1 attaches the OpenTelemetry agent (it undoes most of the AOT cache's gain)
otel_on() { [[ "${TOTEM_OTEL:-0}" == 1 && -f "$OTEL_AGENT" ]]; }

aot_file() { printf '%s/%s/app.aot' "$APP_DIR" "$1"; }
aot_failed_file() { printf '%s/%s/.aot-failed' "$APP_DIR" "$1"; }

# the flags to start SERVICE with, one a line: its JVM flags, its AOT cache when that was
# trained with the same flags (another one is deleted: the background training redoes it),
# the OTel agent when asked for
start_opts() {
  local svc=$1 aot opts
  aot=$(aot_file "$svc")
  opts=$(jvm_opts "$svc")
  printf '%s\n' "$opts"
  if [[ -f "$aot" && "$(cat "$aot.flags" 2>/dev/null)" != "$opts" ]]; then
    rm -f "$aot" "$aot.flags"
  fi
  if [[ -f "$aot" ]]; then
    printf '%s\n' "-XX:AOTCache=$aot"
  elif [[ -f "$(aot_failed_file "$svc")" ]]; then
    say "  $svc: starting without the AOT cache: its training failed (var/log/$svc-aot.log); the next ./totem up tries again" >&2
  else
    say "  $svc: starting without the AOT cache" >&2
  fi
  if [[ "${TOTEM_OTEL:-0}" == 1 ]]; then
    if [[ -f "$OTEL_AGENT" ]]; then
      printf '%s\n' "-javaagent:$OTEL_AGENT"
    else
      warn "TOTEM_OTEL=1 but $OTEL_AGENT is missing; fetch it with:" \
        "  ./mvnw -q dependency:copy -Dartifact=io.opentelemetry.javaagent:opentelemetry-javaagent:$OTEL_AGENT_VERSION -DoutputDirectory=var/otel -Dmdep.stripVersion=true"
    fi
  fi
}

# One training run: the context starts, exits on refresh, and the JVM writes the AOT cache.
# It listens on a free port (SERVER_PORT=0), so it runs beside the service it trains for, and
# writes a temporary file renamed on success, so a start never picks up half a cache.
train() {
  local svc=$1 aot tmp start
  local -a opts envs
  aot=$(aot_file "$svc")
  tmp="$aot.tmp"
  mapfile -t opts < <(jvm_opts "$svc")
  mapfile -t envs < <(svc_env "$svc")
  start=$SECONDS
  rm -f "$tmp" "$(aot_failed_file "$svc")"
  mkdir -p "$DATA_DIR/$svc"
  # --foreground: timeout stays in the trainer's process group, which ./totem down stops
  if (cd "$DATA_DIR/$svc" && env "${envs[@]}" SERVER_PORT=0 timeout --foreground "$TRAIN_TIMEOUT" "$JAVA" "${opts[@]}" \
    -XX:AOTCacheOutput="$tmp" -Dspring.context.exit=onRefresh -jar "$(app_jar "$svc")") >"$LOG_DIR/$svc-aot.log" 2>&1 &&
    [[ -s "$tmp" ]]; then
    mv -f "$tmp" "$aot"
    printf '%s\n' "${opts[@]}" >"$aot.flags"
    say "  $svc: AOT cache trained in $((SECONDS - start)) s ($(du -m "$aot" | cut -f1) MB)"
  else
    rm -f "$tmp"
    touch "$(aot_failed_file "$svc")"
    say "  $svc: AOT training FAILED (see var/log/$svc-aot.log): it will run without the AOT cache"
  fi
}

# `./totem __train SERVICE...`: one at a time, at low priority
cmd_train() {
  renice -n 10 -p "$$" >/dev/null 2>&1 || true # the JVMs it starts inherit it
  find_java
  load_env
  local svc
  for svc in "$@"; do train "$svc"; done
}

trainer_pid() {
  local pid
  [[ -f "$RUN_DIR/aot-training.pid" ]] || return 1
  pid=$(<"$RUN_DIR/aot-training.pid")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"__train"* ]] || return 1
  printf '%s' "$pid"
}

# The caches missing are trained after the suite is up (a first start without them is quicker
# than training first), by `./totem __train` in a process group of its own (setsid), so that
# ./totem down stops it together with the JVM it runs.
train_in_background() {
  local svc todo=() pid
  if pid=$(trainer_pid); then
    say "AOT training already running in the background (pid $pid)"
    return 0
  fi
  for svc in "${SERVICES[@]}"; do
    [[ -f "$(app_jar "$svc")" && ! -f "$(aot_file "$svc")" ]] && todo+=("$svc")
  done
  ((${#todo[@]})) || return 0
  step "training JDK AOT caches in the background for the next start (${todo[*]}; var/log/aot-training.log)"
  setsid bash "$ROOT/totem" __train "${todo[@]}" >"$LOG_DIR/aot-training.log" 2>&1 </dev/null &
  printf '%s\n' "$!" >"$RUN_DIR/aot-training.pid"
}

stop_trainer() {
  local pid
  pid=$(trainer_pid) || return 0
  # the whole process group, the trainer and its JVM, at once: a training JVM stopped politely
  # still writes its cache on exit (tens of seconds), and a half-trained cache is thrown away anyway
  kill -KILL -- "-$pid" 2>/dev/null || true
  while kill -0 -- "-$pid" 2>/dev/null; do sleep 0.2; done
  rm -f "$RUN_DIR/aot-training.pid"
  say "stopped the background AOT training (the next ./totem up starts it again)"
}
