#!/usr/bin/env bash
# p50/p95/p99 of POST /api/v1/payments/link creating a new Pix charge at the pix-psp sandbox
# (zero injected latency), open model at BENCH_RATE requests/s for BENCH_SECONDS.
# payment-service runs in the bench JVM on this run's own PostgreSQL database and RabbitMQ
# vhost (libs/testkit), the sandbox in the same JVM on a random port, both over real HTTP.
# Never part of ./mvnw verify. Result: payment-service/target/payment-link-bench.txt
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q -o -pl payment-service -am verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false \
  -Dit.test=PaymentLinkBench -Dfailsafe.failIfNoSpecifiedTests=false \
  -Dbench.rate="${BENCH_RATE:-20}" -Dbench.seconds="${BENCH_SECONDS:-30}"
cat payment-service/target/payment-link-bench.txt
