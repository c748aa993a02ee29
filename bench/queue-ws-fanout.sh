#!/usr/bin/env bash
# ticket.paid → ENQUEUED change on the last of N WebSocket clients of queue-service (docs/benchmarks.md).
# Usage: bench/queue-ws-fanout.sh [clients, default 1000] [rounds, default 200] [pause ms, default 50]
# Needs local PostgreSQL, RabbitMQ (management API) and Redis, like the tests; uses its own database and vhost.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/jdk25.sh
./mvnw -q -o -pl queue-service test-compile
./mvnw -q -o -pl queue-service dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx1g -cp "queue-service/target/test-classes:queue-service/target/classes:$(cat queue-service/target/bench.classpath)" \
  br.com.totem.queue.bench.QueueFanoutBench "${1:-1000}" "${2:-200}" "${3:-50}"
