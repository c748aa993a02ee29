#!/usr/bin/env bash
# Gateway overhead (GET /api/v1/services direct vs through the gateway) and the kiosk flow's
# create → PAID latency, against a running suite (./totem up), in one run (docs/benchmarks.md).
# Usage: bench/gateway/run.sh [clients=16] [seconds=15] [open-model rate/s=200] [kiosk flows/s=2]
set -euo pipefail
cd "$(dirname "$0")/../.."
. .mvn/jdk25.sh
# the bench sends far more than the per-user limit: run it with TOTEM_RATE_USER_PER_MINUTE raised
exec "$JAVA_HOME/bin/java" bench/gateway/GatewayBench.java "${1:-16}" "${2:-15}" "${3:-200}" "${4:-2}"
