#!/usr/bin/env bash
# The Java client's latency bench (see LatencyBench); npm run bench:sdks starts the servers and runs it.
# Usage: bash sdks/java/bench.sh --daemon SOCKET --echo SOCKET [--calls N] [--warmup N]
set -euo pipefail
cd "$(dirname "$0")"
# Maven's output goes to stderr: stdout carries only the bench's JSON rows.
mvn -B -q --no-transfer-progress -Dstyle.color=never package -DskipTests >&2
exec java -cp target/test-classes:target/tracehound-client-all.jar dev.tracehound.client.LatencyBench "$@"
