#!/usr/bin/env bash
# report-service (docs/benchmarks.md): time to fold BENCH_EVENTS (100,000) generated events published
# through the real broker, then p50/p99 of the report endpoints on the month of data they make
# (sequential requests). Before it, the machine's baseline: the 1-minute load average, and pgbench with
# BENCH_CONSUMERS (4, the service's consumers) clients committing one-row INSERTs for 15 s on a scratch
# database: what PostgreSQL alone commits here right now, the ceiling of any fold.
# bench/report/ReportBench.java runs from source on report-service's test classpath (its generator
# DayOfEvents), on this run's own PostgreSQL database and RabbitMQ vhost (libs/testkit); never part of
# ./mvnw verify. Result: report-service/target/report-bench-full.txt (docs/benchmarks.md). About 5 minutes
# on two shared cores.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
PG_USER=${TOTEM_TEST_PG_USER:-postgres} PG_PASS=${TOTEM_TEST_PG_PASSWORD:-postgres}
CONSUMERS=${BENCH_CONSUMERS:-4}
DB=totem_report_bench_baseline WORK=$(mktemp -d)
cleanup() {
  PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" || true
  rm -rf "$WORK"
}
trap cleanup EXIT
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl report-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null

{
  echo "baseline $(date -u +%FT%TZ) commit $(git rev-parse --short HEAD) cores $(nproc) load $(cut -d' ' -f1-3 /proc/loadavg)"
  PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d postgres -c "drop database if exists $DB with (force)" \
    -c "create database $DB"
  PGPASSWORD=$PG_PASS psql -q -h 127.0.0.1 -U "$PG_USER" -d "$DB" \
    -c "create table bench_insert (id bigserial primary key, tenant text not null, at timestamptz not null default now())"
  echo "insert into bench_insert (tenant) values ('bench');" >"$WORK/insert.sql"
  PGPASSWORD=$PG_PASS pgbench -h 127.0.0.1 -U "$PG_USER" -n -c "$CONSUMERS" -j 2 -T 15 -f "$WORK/insert.sql" "$DB" 2>/dev/null \
    | grep -E "^(tps|latency average)" | sed 's/^/pgbench one-row INSERT: /'
} | tee "$WORK/baseline.txt"

"$JAVA_HOME/bin/java" -Xmx384m -Dbench.events="${BENCH_EVENTS:-100000}" -Dbench.requests="${BENCH_REQUESTS:-60}" \
  -Dspring.cloud.stream.bindings.totemEvents-in-0.consumer.concurrency="$CONSUMERS" \
  -cp "report-service/target/test-classes:report-service/target/classes:$(cat report-service/target/bench.classpath)" \
  bench/report/ReportBench.java
cat "$WORK/baseline.txt" report-service/target/report-bench.txt | tee report-service/target/report-bench-full.txt
