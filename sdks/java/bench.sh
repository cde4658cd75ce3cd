#!/usr/bin/env bash
# Latency: Java client vs TS client, unary Intercept over UDS against one real tracehoundd, then
# Java interceptMany throughput. Usage: bash sdks/java/bench.sh [calls] [warmup]
set -euo pipefail
cd "$(dirname "$0")"
[ -f target/tracehound-client-all.jar ] && [ -d target/test-classes ] || mvn -B -q --no-transfer-progress package -DskipTests
exec java -cp target/test-classes:target/tracehound-client-all.jar dev.tracehound.client.LatencyBench "$@"
