#!/usr/bin/env bash
# report-service: time to fold BENCH_EVENTS (100,000) generated events published through the real broker,
# then p50/p99 of the report endpoints on the month of data they make (sequential requests).
# bench/report/ReportBench.java runs from source on report-service's test classpath (its generator
# DayOfEvents), on this run's own PostgreSQL database and RabbitMQ vhost (libs/testkit); never part of
# ./mvnw verify. Result: report-service/target/report-bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl report-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
"$JAVA_HOME/bin/java" -Xmx384m -Dbench.events="${BENCH_EVENTS:-100000}" -Dbench.requests="${BENCH_REQUESTS:-60}" \
  -cp "report-service/target/test-classes:report-service/target/classes:$(cat report-service/target/bench.classpath)" \
  bench/report/ReportBench.java
cat report-service/target/report-bench.txt
