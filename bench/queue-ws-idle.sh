#!/usr/bin/env bash
# How many idle /ws/queue connections one queue-service holds with a 512 MB heap (docs/benchmarks.md).
# Usage: bench/queue-ws-idle.sh [target connections, default 12000] [step, default 2000]
# Starts the built jar (-Xmx512m, port 18093) on a scratch database and vhost of the local servers,
# seeds one admin, opens connections from a second JVM, then removes the scratch database and vhost.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
PG_USER=${TOTEM_TEST_PG_USER:-postgres} PG_PASS=${TOTEM_TEST_PG_PASSWORD:-postgres}
RMQ=${TOTEM_TEST_RABBIT_USER:-guest}:${TOTEM_TEST_RABBIT_PASSWORD:-guest}
DB=totem_queue_bench_idle VHOST=totem-queue-bench-idle PORT=18093 WORK=$(mktemp -d)
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl queue-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" -c "create database $DB"
curl -sf -u "$RMQ" -X PUT "http://127.0.0.1:15672/api/vhosts/$VHOST" >/dev/null
curl -sf -u "$RMQ" -X PUT -H 'content-type: application/json' -d '{"configure":".*","write":".*","read":".*"}' \
  "http://127.0.0.1:15672/api/permissions/$VHOST/${RMQ%%:*}" >/dev/null
export SERVER_PORT=$PORT TOTEM_DB_NAME=$DB TOTEM_DB_USER=$PG_USER TOTEM_DB_PASSWORD=$PG_PASS TOTEM_RABBIT_USER=${RMQ%%:*} \
  TOTEM_RABBIT_PASSWORD=${RMQ#*:} TOTEM_RABBIT_VHOST=$VHOST TOTEM_QUEUE_KEY_SECRET=bench-only-key-secret-0123 TOTEM_QUEUE_LIVE_PREFIX=bench-idle
"$JAVA_HOME/bin/java" -Xmx512m -Xms512m -jar queue-service/target/queue-service.jar >"$WORK/server.log" 2>&1 &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true
  PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" || true
  curl -s -u "$RMQ" -X DELETE "http://127.0.0.1:15672/api/vhosts/$VHOST" >/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
TOTEM_ADMIN_PASSWORD=bench-admin-password "$JAVA_HOME/bin/java" -jar queue-service/target/queue-service.jar bootstrap-admin --tenant=bench >/dev/null
TOKEN=$(curl -sf -X POST "http://127.0.0.1:$PORT/api/v1/auth/login" -H 'content-type: application/json' \
  -d '{"tenant":"bench","username":"admin","password":"bench-admin-password"}' | jq -r .accessToken)
"$JAVA_HOME/bin/java" -Xmx1g -cp "queue-service/target/test-classes:queue-service/target/classes:$(cat queue-service/target/bench.classpath)" \
  bench/queue-ws/QueueIdleBench.java "http://127.0.0.1:$PORT" "$TOKEN" "${1:-12000}" "${2:-2000}"
echo "server RSS: $(ps -o rss= -p "$SERVER" | awk '{printf "%.0f MiB", $1/1024}')"
