#!/usr/bin/env bash
# ticket.paid → ENQUEUED change on the last of N WebSocket clients of queue-service (docs/benchmarks.md).
# Usage: bench/queue-ws-fanout.sh [clients, default 1000] [rounds, default 200] [pause ms, default 50]
# Starts the built jar as deployed (./totem's LEAN_JAVA_OPTS, no AOT cache; port 18094) on a
# scratch database, vhost and Redis prefix of the local servers, seeds one admin who creates an
# operator, then runs the clients, the publisher and the timing in a second JVM (QueueFanoutBench),
# and finally removes the scratch database, vhost and Redis keys.
# BENCH_SERVER_JFR=file.jfr also records the server with JFR (profile=default) into that file.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
PG_USER=${TOTEM_TEST_PG_USER:-postgres} PG_PASS=${TOTEM_TEST_PG_PASSWORD:-postgres}
RMQ=${TOTEM_TEST_RABBIT_USER:-guest}:${TOTEM_TEST_RABBIT_PASSWORD:-guest}
DB=totem_queue_bench_fanout VHOST=totem-queue-bench-fanout PREFIX=bench-fanout PORT=18094 WORK=$(mktemp -d)
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl queue-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
# the server's flags are ./totem's (scripts/lib/aot.sh), read from there so that the bench follows any change there
eval "$(sed -n '/^LEAN_JAVA_OPTS=(/,/)/p' scripts/lib/aot.sh)"
[[ ${#LEAN_JAVA_OPTS[@]} -gt 0 ]] || { echo "LEAN_JAVA_OPTS not found in scripts/lib/aot.sh" >&2; exit 1; }
SERVER_OPTS=("${LEAN_JAVA_OPTS[@]}")
[[ -n "${BENCH_SERVER_JFR:-}" ]] && SERVER_OPTS+=("-XX:StartFlightRecording=filename=$BENCH_SERVER_JFR,settings=default")
# the client JVM allocates little per frame: a young generation large enough for the whole run
CLIENT_OPTS=(-Xms768m -Xmx768m -Xmn512m -XX:+UseSerialGC)

redis_clean() { redis-cli --scan --pattern "$PREFIX*" | xargs -r redis-cli del >/dev/null; }
PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
curl -sf -u "$RMQ" -X DELETE "http://127.0.0.1:15672/api/vhosts/$VHOST" >/dev/null || true
curl -sf -u "$RMQ" -X PUT "http://127.0.0.1:15672/api/vhosts/$VHOST" >/dev/null
curl -sf -u "$RMQ" -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "http://127.0.0.1:15672/api/permissions/$VHOST/${RMQ%%:*}" >/dev/null
redis_clean
export SERVER_PORT=$PORT TOTEM_DB_NAME=$DB TOTEM_DB_USER=$PG_USER TOTEM_DB_PASSWORD=$PG_PASS TOTEM_RABBIT_USER=${RMQ%%:*} \
  TOTEM_RABBIT_PASSWORD=${RMQ#*:} TOTEM_RABBIT_VHOST=$VHOST TOTEM_QUEUE_KEY_SECRET=bench-only-key-secret-0123 \
  TOTEM_QUEUE_LIVE_PREFIX=$PREFIX LOGGING_LEVEL_ROOT=WARN
echo "server: java ${SERVER_OPTS[*]} -jar queue-service.jar"
"$JAVA_HOME/bin/java" "${SERVER_OPTS[@]}" -jar queue-service/target/queue-service.jar >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" || true
  curl -s -u "$RMQ" -X DELETE "http://127.0.0.1:15672/api/vhosts/$VHOST" >/dev/null || true
  redis_clean || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/server.log"; exit 1; }
TOTEM_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -jar queue-service/target/queue-service.jar bootstrap-admin --tenant=bench >/dev/null
login() {
  curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"tenant\":\"bench\",\"username\":\"$1\",\"password\":\"$2\"}" | jq -r .accessToken
}
ADMIN=$(login admin bench-admin-password)
curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/users" -H "authorization: Bearer $ADMIN" -H 'content-type: application/json' \
  -d '{"username":"operador","displayName":"Operador","roles":["OPERATOR"],"password":"bench-operator-password","pin":"1234"}' >/dev/null
OPERATOR=$(login operador bench-operator-password)
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
"$JAVA_HOME/bin/java" "${CLIENT_OPTS[@]}" -cp "queue-service/target/test-classes:queue-service/target/classes:$(cat queue-service/target/bench.classpath)" \
  bench/queue-ws/QueueFanoutBench.java "http://127.0.0.1:$PORT" "$OPERATOR" "$ADMIN" bench \
  "amqp://${RMQ}@127.0.0.1:5672/$VHOST" "${1:-1000}" "${2:-200}" "${3:-50}"
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server RSS: $(ps -o rss= -p "$SERVER" | awk '{printf "%.0f MiB", $1/1024}')"
