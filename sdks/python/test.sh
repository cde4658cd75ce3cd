#!/usr/bin/env bash
# Python SDK checks (run by scripts/test-sdks.sh, so by npm test and CI): a venv at sdks/python/.venv
# (reused; the conformance executor runs in it too), the package installed as users install it,
# generated code freshness, mypy --strict, pytest (unit + a real tracehoundd started by a fixture).
# Prints "SKIPPED: python (<why>)" and exits 0 when python3 or the package index is missing.
set -uo pipefail
cd "$(dirname "$0")"

skip() { echo "SKIPPED: python ($1)"; exit 0; }
PY=$(command -v python3) || skip "python3 not found"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || skip "python3 is $("$PY" --version 2>&1), 3.10+ needed"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv >/dev/null 2>&1 || { rm -rf .venv; skip "python3 -m venv failed (install python3-venv)"; }
fi
VPY=.venv/bin/python
PIP=(env PIP_DISABLE_PIP_VERSION_CHECK=1 "$VPY" -m pip)

# The package itself (not editable: what `pip install sdks/python` gives users) with pinned test tools.
if ! "${PIP[@]}" install --quiet ".[test,generate]" >/tmp/tracehound-py-pip.log 2>&1; then
  if ! "${PIP[@]}" index versions grpcio >/dev/null 2>&1; then
    # Offline: a venv that already holds every tool can still test this tree.
    if "$VPY" -c 'import grpc, grpc_tools, google.protobuf, pytest, hypothesis, mypy, setuptools' 2>/dev/null \
      && "${PIP[@]}" install --quiet --no-deps --no-build-isolation . >/dev/null 2>&1; then
      echo "WARNING: python: package index unreachable; testing with the tools already in sdks/python/.venv"
    else
      skip "the package index is unreachable: pip cannot install grpcio"
    fi
  else
    cat /tmp/tracehound-py-pip.log
    echo "FAIL: pip install sdks/python[test,generate]"
    exit 1
  fi
fi

status=0
step() {
  echo "-- python: $1"
  shift
  "$@" || { echo "FAIL: python: $*"; status=1; }
}
step "generated code is up to date" "$VPY" scripts/generate.py --check
step "mypy --strict" .venv/bin/mypy
echo "-- python: pytest"
"$VPY" -m pytest -q -p no:cacheprovider
rc=$?
if [ "$rc" -eq 5 ]; then
  echo "FAIL: python: pytest collected no tests"
  status=1
elif [ "$rc" -ne 0 ]; then
  echo "FAIL: python: pytest exit $rc"
  status=1
fi
exit $status
