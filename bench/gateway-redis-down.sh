#!/usr/bin/env bash
# A sale's cost at the gateway with Redis up, then gone, then back (issue 12 item 8): p50/p95/p99
# of sequential POST /api/v1/tickets through the gateway running in the bench JVM on this run's own
# test infrastructure, Redis reached through a TCP proxy the bench cuts (the machine's Redis keeps
# running). bench/gateway-redis-down/RedisDownSaleBench.java runs from source on gateway's test
# classpath; never part of ./mvnw verify. Result: gateway/target/redis-down-bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl gateway -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
"$JAVA_HOME/bin/java" -Dbench.sales="${BENCH_SALES:-500}" -Dbench.warmup="${BENCH_WARMUP:-300}" \
  -cp "gateway/target/test-classes:gateway/target/classes:$(cat gateway/target/bench.classpath)" \
  bench/gateway-redis-down/RedisDownSaleBench.java
cat gateway/target/redis-down-bench.txt
