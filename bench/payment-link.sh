#!/usr/bin/env bash
# p50/p95/p99 of POST /api/v1/payments/link creating a new Pix charge at the pix-psp sandbox
# (zero injected latency), open model at BENCH_RATE requests/s for BENCH_SECONDS.
# payment-service runs in the bench JVM on this run's own PostgreSQL database and RabbitMQ
# vhost (libs/testkit), the sandbox in the same JVM on a random port, both over real HTTP.
# bench/payment-link/PaymentLinkBench.java runs from source on payment-service's test classpath
# (its fixtures, PaymentIT); never part of ./mvnw verify. Result: payment-service/target/payment-link-bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
# -am: a fresh clone has no platform/testkit in ~/.m2; one invocation so the reactor hands over the built jars
./mvnw -q -o -pl payment-service -am package dependency:build-classpath -DskipTests \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
"$JAVA_HOME/bin/java" -Dbench.rate="${BENCH_RATE:-20}" -Dbench.seconds="${BENCH_SECONDS:-30}" \
  -cp "payment-service/target/test-classes:payment-service/target/classes:$(cat payment-service/target/bench.classpath)" \
  bench/payment-link/PaymentLinkBench.java
cat payment-service/target/payment-link-bench.txt
