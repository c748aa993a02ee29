#!/usr/bin/env bash
# Suite start-up and memory: time from `./totem up` to every readiness URL answering 200,
# with a built tree and warm JDK AOT caches, and the total RSS of the running suite
# (sum of VmRSS of every pid in var/run/). Results go in docs/benchmarks.md.
#
#   bench/suite-startup.sh [RUNS]      (default 3; SETTLE=seconds before reading RSS, default 10;
#                                       WARMUP=0 skips the warm-up ./totem up)
#
# It leaves the suite stopped. Needs the same as ./totem: JDK 25 and the three servers.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

RUNS=${1:-3}
SETTLE=${SETTLE:-10}
mkdir -p var/log

. .mvn/jdk25.sh
JAVA="${JAVA_HOME:?no JDK 25 found}/bin/java"

total_rss_kib() {
  local f pid kib sum=0
  for f in var/run/*.pid; do
    [[ -f "$f" ]] || continue
    pid=$(<"$f")
    kib=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    sum=$((sum + ${kib:-0}))
  done
  printf '%s' "$sum"
}

per_service_rss() {
  local f pid kib
  for f in var/run/*.pid; do
    [[ -f "$f" ]] || continue
    pid=$(<"$f")
    kib=$(sed -n 's/^VmRSS:[[:space:]]*\([0-9]*\) kB/\1/p' "/proc/$pid/status" 2>/dev/null || true)
    printf '%s=%sMiB ' "$(basename "$f" .pid)" "$((${kib:-0} / 1024))"
  done
}

# busy CPU ticks of the whole machine, and of our service pids
machine_busy_ticks() {
  local _cpu user nice system _idle _iowait irq softirq steal _rest
  read -r _cpu user nice system _idle _iowait irq softirq steal _rest </proc/stat
  printf '%s' "$((user + nice + system + irq + softirq + steal))"
}
our_ticks() {
  local f pid fields sum=0
  for f in var/run/*.pid; do
    [[ -f "$f" ]] || continue
    pid=$(<"$f")
    fields=$(cut -d')' -f2- "/proc/$pid/stat" 2>/dev/null) || continue
    read -r -a fields <<<"$fields"
    sum=$((sum + fields[11] + fields[12])) # utime, stime (fields 14 and 15 of stat)
  done
  printf '%s' "$sum"
}
TICKS=$(getconf CLK_TCK 2>/dev/null || echo 100)

ms() { date +%s%3N; }
fmt_s() { printf '%d.%01d' "$(($1 / 1000))" "$((($1 % 1000) / 100))"; }

if [[ "${WARMUP:-1}" == 1 ]]; then
  echo "== warm-up: build what is stale, provision, train the AOT caches (WARMUP=0 skips it)"
  ./totem up --no-seed >var/log/bench-warmup.log 2>&1 || { tail -n 40 var/log/bench-warmup.log; exit 1; }
fi
./totem down >/dev/null

times=()
rsses=()
others=()
ourss=()
for ((i = 1; i <= RUNS; i++)); do
  sleep 3
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  b0=$(machine_busy_ticks)
  t0=$(ms)
  if ! ./totem up --no-build --no-seed >"var/log/bench-up-$i.log" 2>&1; then
    tail -n 40 "var/log/bench-up-$i.log"
    ./totem down || true
    exit 1
  fi
  t1=$(ms)
  b1=$(machine_busy_ticks)
  ours=$(our_ticks)
  other_ms=$(((b1 - b0 - ours) * 1000 / TICKS))
  ((other_ms < 0)) && other_ms=0
  others+=("$other_ms")
  ours_ms=$((ours * 1000 / TICKS))
  ourss+=("$ours_ms")
  sleep "$SETTLE"
  rss=$(total_rss_kib)
  times+=("$((t1 - t0))")
  rsses+=("$rss")
  printf 'run %d: all ready %s s after ./totem up; total RSS %d MiB (%s s later); CPU of the suite until ready %s core-s, of everything else (./totem included) meanwhile %s core-s, of %s available; load average before: %s\n  %s\n' \
    "$i" "$(fmt_s "$((t1 - t0))")" "$((rss / 1024))" "$SETTLE" "$(fmt_s "$ours_ms")" "$(fmt_s "$other_ms")" "$(fmt_s "$(((t1 - t0) * $(nproc)))")" "$load" "$(per_service_rss)"
  ./totem down >/dev/null
done

echo
echo "machine: $(nproc) cores, $(($(sed -n 's/^MemTotal:[[:space:]]*\([0-9]*\) kB/\1/p' /proc/meminfo) / 1024)) MiB RAM"
echo "java: $("$JAVA" -version 2>&1 | head -n 2 | tr '\n' ' ')"
echo "flags: $(sed -n '/^LEAN_JAVA_OPTS=(/,/)/p' scripts/lib/aot.sh | tr -d '\n' | sed 's/^LEAN_JAVA_OPTS=(//; s/)$//; s/  */ /g') -XX:AOTCache=var/app/<svc>/app.aot"
printf '| run | all ready (s) | total RSS (MiB) | suite CPU until ready (core-s) | CPU of everything else meanwhile (core-s) |\n|---|---|---|---|---|\n'
for ((i = 0; i < RUNS; i++)); do
  printf '| %d | %s | %d | %s | %s |\n' "$((i + 1))" "$(fmt_s "${times[$i]}")" "$((rsses[i] / 1024))" "$(fmt_s "${ourss[$i]}")" "$(fmt_s "${others[$i]}")"
done
