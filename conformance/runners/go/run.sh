#!/usr/bin/env bash
# go executor: builds the Go SDK's executor (sdks/go/cmd/conformance) and runs it under the
# contract of conformance/README.md. Usage: bash conformance/runners/go/run.sh [vectors-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
dir=$(cd "${1:-$root/conformance/vectors}" && pwd)
bin="$root/sdks/go/.bin/conformance"
mkdir -p "$(dirname "$bin")"
(cd "$root/sdks/go" && go build -o "$bin" ./cmd/conformance) >&2
exec "$bin" "$dir"
