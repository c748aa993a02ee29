#!/usr/bin/env bash
# POST /api/v1/tickets direct to ticket-service vs pgbench single INSERT, same connection
# count, one run (docs/benchmarks.md). Needs the local PostgreSQL (user postgres), RabbitMQ
# with its management API (guest), pgbench, JDK 25. Never part of ./mvnw verify.
# Usage: bench/ticket-load/run.sh [connections=10] [seconds per measurement=20] [open-model share of saturation=0.7]
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/jdk25.sh
./mvnw -q -o -pl ticket-service -am package -DskipTests
exec "$JAVA_HOME/bin/java" bench/ticket-load/TicketLoad.java "${1:-10}" "${2:-20}" "${3:-0.7}" ticket-service/target/ticket-service.jar
