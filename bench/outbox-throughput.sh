#!/usr/bin/env bash
# Outbox relay vs plain RabbitMQ client throughput, in one run (docs/benchmarks.md).
# Usage: bench/outbox-throughput.sh [N events per run, default 20000] [rounds, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
./mvnw -q -pl bench -am package -DskipTests
exec "$JAVA_HOME/bin/java" -Xmx512m -jar bench/target/bench.jar "${1:-20000}" "${2:-3}"
