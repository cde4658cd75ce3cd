#!/usr/bin/env bash
# Go SDK: toolchain check, dependencies, generated-code freshness, vet, gofmt, tests (unit, kernel
# differential against the TS kernel, client against a real tracehoundd), a short fuzz run.
# Run by npm test (scripts/test-sdks.sh) and by hand: bash sdks/go/test.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

if ! command -v go >/dev/null 2>&1; then
  echo "SKIPPED: go (no go toolchain on PATH)"
  exit 0
fi
version=$(GOTOOLCHAIN=local go env GOVERSION)   # e.g. go1.26.8
minor=$(echo "$version" | sed -E 's/^go1\.([0-9]+).*/\1/')
if ! [[ "$minor" =~ ^[0-9]+$ ]] || [ "$minor" -lt 26 ]; then
  echo "SKIPPED: go ($version found; go.mod needs go1.26 or newer)"
  exit 0
fi
export GOTOOLCHAIN=local

# shellcheck source=../../scripts/registry-errors.sh
. ../../scripts/registry-errors.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT
# Modules and the pinned protoc plugins come from the Go module proxy: unreachable is a SKIP,
# any other failure fails.
fetch() {
  if ! "$@" >"$log" 2>&1; then
    if why=$(unreachable "$log"); then
      echo "SKIPPED: go (module proxy unreachable: $why)"
      exit 0
    fi
    cat "$log" >&2
    exit 1
  fi
}
echo "== go: $version, modules"
fetch go mod download
fetch bash ../../scripts/generate.sh --tools
go mod verify >/dev/null

echo "== go: generated code"
bash ../../scripts/generate.sh --check go

echo "== go: vet, gofmt"
go vet ./...
unformatted=$(gofmt -l . | grep -v '^\.bin/' || true)
if [ -n "$unformatted" ]; then
  echo "gofmt needed: $unformatted" >&2
  exit 1
fi

echo "== go: tests"
TRACEHOUND_REQUIRE_DAEMON=1 TRACEHOUND_REQUIRE_ORACLE=1 go test -count=1 ./...

echo "== go: fuzz (short)"
# The progress lines are noise on success; on a failure the whole output says what failed and why.
fuzz() { # target seconds
  local out
  if ! out=$(go test ./kernel -run '^$' -fuzz "^$1\$" -fuzztime "$2" -parallel 2 2>&1); then
    echo "$out"
    exit 1
  fi
  echo "$out" | tail -2
}
fuzz FuzzCanonical 5s
fuzz FuzzFormatNumber 3s
echo "go fuzz: FuzzCanonical 5s, FuzzFormatNumber 3s, no failure"
