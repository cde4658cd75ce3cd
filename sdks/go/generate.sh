#!/usr/bin/env bash
# The one command that makes sdks/go/gen from proto/ (never edit gen/ by hand):
#   bash sdks/go/generate.sh           regenerate in place
#   bash sdks/go/generate.sh --check   regenerate into a temp dir; fail if gen/ differs
# Plugins are installed with `go install` at the pinned versions into sdks/go/.bin; buf comes from
# the repository's node_modules (npm ci).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PROTOC_GEN_GO_VERSION=v1.36.12          # google.golang.org/protobuf
PROTOC_GEN_CONNECT_GO_VERSION=v1.21.1   # connectrpc.com/connect
bin="$here/.bin"
buf="$root/node_modules/.bin/buf"
[ -x "$buf" ] || { echo "buf not found at $buf (run npm ci)" >&2; exit 1; }

need() { # binary module-path version
  if ! "$bin/$1" --version 2>/dev/null | grep -q -- "${3#v}\$"; then
    GOBIN="$bin" go install "$2@$3"
  fi
}
need protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION"
need protoc-gen-connect-go connectrpc.com/connect/cmd/protoc-gen-connect-go "$PROTOC_GEN_CONNECT_GO_VERSION"

generate() { # base directory that receives gen/
  (cd "$root" && PATH="$bin:$PATH" "$buf" generate proto --template sdks/go/buf.gen.yaml -o "$1")
}

if [ "${1:-}" = "--check" ]; then
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  generate "$tmp"
  if ! diff -r "$tmp/gen" "$here/gen" >/dev/null; then
    diff -r "$tmp/gen" "$here/gen" | head -40 >&2
    echo "sdks/go/gen is stale: run bash sdks/go/generate.sh and commit the result" >&2
    exit 1
  fi
  echo "sdks/go/gen is up to date"
else
  generate "$here"
fi
