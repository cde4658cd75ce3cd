#!/usr/bin/env bash
# Runs every SDK's own test entry point (sdks/<lang>/test.sh). Each one checks its toolchain and
# prints a loud "SKIPPED: <lang> (<why>)" when it is missing; a failing SDK fails the run.
set -uo pipefail
cd "$(dirname "$0")/.."
# The SDK suites start throwaway daemons, often several at once: memory only, so none of them
# shares (or locks) the default durable ledger under ~/.local/state/tracehound.
export TRACEHOUND_MEMORY=1
status=0
found=0
for script in sdks/*/test.sh; do
  [ -e "$script" ] || continue
  found=1
  lang=$(basename "$(dirname "$script")")
  echo "== sdk: $lang"
  if ! bash "$script"; then
    echo "FAIL: sdk $lang"
    status=1
  fi
done
[ "$found" = 1 ] || echo "no SDK test scripts found under sdks/*/test.sh"
exit $status
