# shellcheck shell=bash
# Starting, watching and stopping the services: ./totem up, down, status, logs, reset.

# the OTel agent undoes most of the AOT cache's gain and adds its own start-up work
if [[ "${TOTEM_OTEL:-0}" == 1 ]]; then READY_TIMEOUT=${TOTEM_READY_TIMEOUT:-240}; else READY_TIMEOUT=${TOTEM_READY_TIMEOUT:-120}; fi
STOP_TIMEOUT=30

# pid of SERVICE when it runs our extracted jar (a pid file can outlive its process)
svc_pid() {
  local f pid
  f=$(pid_file "$1")
  [[ -f "$f" ]] || return 1
  pid=$(<"$f")
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
  [[ "$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null)" == *"$(app_jar "$1")"* ]] || return 1
  printf '%s' "$pid"
}

start_service() {
  local svc=$1 log pid
  local -a opts envs
  log=$(log_file "$svc")
  mapfile -t opts < <(start_opts "$svc")
  mapfile -t envs < <(svc_env "$svc")
  [[ -f "$log" ]] && mv -f "$log" "$log.1"
  mkdir -p "$DATA_DIR/$svc"
  (cd "$DATA_DIR/$svc" && exec env "${envs[@]}" "$JAVA" "${opts[@]}" -jar "$(app_jar "$svc")" >"$log" 2>&1 </dev/null) &
  pid=$!
  printf '%s\n' "$pid" >"$(pid_file "$svc")"
  say "  started $svc (pid $pid, port ${PORT[$svc]}, log var/log/$svc.log)"
}

# SIGTERM the pids (or -process groups), wait up to STOP_TIMEOUT, then SIGKILL what is left
terminate() {
  (($#)) || return 0
  local p i left
  kill -TERM -- "$@" 2>/dev/null || true
  for ((i = 0; i < STOP_TIMEOUT * 5; i++)); do
    left=()
    for p in "$@"; do kill -0 -- "$p" 2>/dev/null && left+=("$p"); done
    ((${#left[@]})) || return 0
    sleep 0.2
  done
  warn "${left[*]} did not stop in ${STOP_TIMEOUT} s: SIGKILL"
  kill -KILL -- "${left[@]}" 2>/dev/null || true
}

# waits until every service answers its readiness URL; one curl a round for all of them
# (eight JVMs are starting on this CPU meanwhile)
wait_ready() {
  local t0=$1 deadline=$((SECONDS + READY_TIMEOUT)) svc url code
  local -a pending=("${SERVICES[@]}") urls still
  local -A ready
  step "waiting for readiness (timeout ${READY_TIMEOUT} s)"
  while ((${#pending[@]})); do
    urls=()
    for svc in "${pending[@]}"; do
      if ! kill -0 "$(<"$(pid_file "$svc")")" 2>/dev/null; then
        warn "$svc exited while starting; last lines of var/log/$svc.log:"
        tail -n 30 "$(log_file "$svc")" >&2 || true
        if grep -q 'Migration checksum mismatch' "$(log_file "$svc")"; then
          warn "a migration changed after it was applied to the local database: ./totem reset --yes drops the local data"
        fi
        exit 1
      fi
      urls+=(-o /dev/null "$(ready_url "$svc")")
    done
    ready=()
    while read -r url code; do
      [[ "$code" == 200 ]] && ready[$url]=1
    done < <(curl -s --parallel --max-time 2 -w '%{url_effective} %{http_code}\n' "${urls[@]}" 2>/dev/null || true)
    still=()
    for svc in "${pending[@]}"; do
      [[ -n "${ready[$(ready_url "$svc")]:-}" ]] || still+=("$svc")
    done
    pending=("${still[@]}")
    ((${#pending[@]})) || break
    if ((SECONDS >= deadline)); then
      for svc in "${pending[@]}"; do
        warn "$svc is not ready after ${READY_TIMEOUT} s ($(ready_url "$svc")); last lines of var/log/$svc.log:"
        tail -n 30 "$(log_file "$svc")" >&2 || true
      done
      exit 1
    fi
    sleep 0.5
  done
  say "all ${#SERVICES[@]} services ready ($((SECONDS - t0)) s after ./totem up)"
}

cmd_up() {
  local build=1 seed=1 arg svc t0=$SECONDS
  for arg in "$@"; do
    case "$arg" in
      --no-build) build=0 ;;
      --no-seed) seed=0 ;;
      *) die "up: unknown option '$arg' (see ./totem help)" ;;
    esac
  done
  find_java
  load_env
  mkdir -p "$RUN_DIR" "$LOG_DIR" "$APP_DIR" "$DATA_DIR"
  ((build)) && build
  for svc in "${SERVICES[@]}"; do
    [[ -f "$(svc_jar "$svc")" ]] || die "missing $(svc_jar "$svc"): build it (./totem up without --no-build)"
  done
  check_infra
  provision

  # a running service keeps running unless its jar changed, or its password did (provision has just
  # set the per-service ones in place of the shared one it runs with)
  local to_start=()
  for svc in "${SERVICES[@]}"; do
    if svc_pid "$svc" >/dev/null; then
      if [[ -n "$SECRETS_MIGRATED" && "${DBID[$svc]}" != - ]]; then
        say "$svc: it runs with the shared passwords of earlier versions: restarting it"
      else
        is_extracted "$svc" && continue
        say "$svc: its jar changed: restarting it"
      fi
      terminate "$(svc_pid "$svc")"
    fi
    port_open 127.0.0.1 "${PORT[$svc]}" && die "port ${PORT[$svc]} ($svc) is held by a process that is not ours: stop it first"
    to_start+=("$svc")
  done
  if ((${#to_start[@]})); then
    stop_trainer # it may be training a jar about to be extracted anew
    step "starting ${to_start[*]}"
    for svc in "${to_start[@]}"; do
      is_extracted "$svc" || extract "$svc"
      start_service "$svc"
    done
  else
    say "every service is already running"
  fi
  wait_ready "$t0"
  # every seed script is idempotent: a seeded system stays as it is, an empty one gets the demo data
  ((seed)) && cmd_seed --from-up
  train_in_background
  print_urls
}

print_urls() {
  cat <<EOT

Totem is up.
  gateway          http://localhost:${PORT[gateway]}/   (API docs: http://localhost:${PORT[gateway]}/swagger-ui.html)
  ticket-service   http://localhost:${PORT[ticket-service]}/swagger-ui.html
  payment-service  http://localhost:${PORT[payment-service]}/swagger-ui.html
  queue-service    http://localhost:${PORT[queue-service]}/swagger-ui.html
  print-service    http://localhost:${PORT[print-service]}/swagger-ui.html
  report-service   http://localhost:${PORT[report-service]}/swagger-ui.html
  pix-psp sandbox  http://localhost:${PORT[pix-psp]}/
  printer sandbox  http://localhost:${PORT[escpos-printer]}/   (raw ESC/POS on TCP 9100)
$(demo_credentials)
Stop with ./totem down; see ./totem status and ./totem logs SERVICE.
EOT
}

cmd_down() {
  local svc pid pids=() names=()
  stop_trainer
  for svc in "${SERVICES[@]}"; do
    if pid=$(svc_pid "$svc"); then
      pids+=("$pid")
      names+=("$svc")
    fi
  done
  if ((${#pids[@]})); then
    say "stopping ${names[*]}"
    terminate "${pids[@]}"
  else
    say "no service of ours is running"
  fi
  rm -f "$RUN_DIR"/*.pid
  say "down"
}

cmd_status() {
  local svc pid ready
  printf '%-16s %-8s %-6s %s\n' SERVICE PID PORT READY
  for svc in "${SERVICES[@]}"; do
    if pid=$(svc_pid "$svc"); then
      ready=no
      curl -fsS -o /dev/null --max-time 2 "$(ready_url "$svc")" 2>/dev/null && ready=yes
    else
      pid=- ready=down
    fi
    printf '%-16s %-8s %-6s %s\n' "$svc" "$pid" "${PORT[$svc]}" "$ready"
  done
  if pid=$(trainer_pid); then
    say "(AOT caches for the next start are being trained in the background: pid $pid, var/log/aot-training.log)"
  fi
}

cmd_logs() {
  local lines=200 follow=1 svc="" log
  while (($#)); do
    case "$1" in
      -n)
        [[ $# -ge 2 && "$2" =~ ^[0-9]+$ ]] || die "logs: -n needs a number"
        lines=$2 follow=0
        shift 2
        ;;
      -f)
        follow=2
        shift
        ;;
      -*) die "logs: unknown option '$1'" ;;
      *)
        svc=$(resolve_service "$1") || exit 1
        shift
        ;;
    esac
  done
  [[ -n "$svc" ]] || die "usage: ./totem logs SERVICE [-n N] [-f]"
  log=$(log_file "$svc")
  [[ -f "$log" ]] || die "no log yet for $svc ($log)"
  if ((follow)); then exec tail -n "$lines" -f "$log"; else exec tail -n "$lines" "$log"; fi
}

cmd_reset() {
  if [[ "${1:-}" != --yes ]]; then
    say "./totem reset --yes stops the suite, drops the databases totem_{$(IFS=,; printf '%s' "${DB_IDS[*]}")} and the" \
      "RabbitMQ vhost ${TOTEM_RABBIT_VHOST:-totem} (every local ticket, payment and queued message); ./totem up makes them anew."
    exit 2
  fi
  load_env
  cmd_down
  check_infra
  drop_local_data
  say "reset: local databases and vhost dropped; ./totem up creates them again (and seeds)"
}
