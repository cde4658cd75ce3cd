#!/usr/bin/env bash
# Python SDK checks (run by scripts/test-sdks.sh, so by npm test and CI): a tools venv at
# sdks/python/.venv (reused; the conformance executor and examples run in it; TRACEHOUND_PY_VENV
# moves it), the package installed as users install it, `python -m build` wheel + sdist each
# installed into a clean venv, generated code freshness, mypy --strict, ruff (lint, format), pytest (unit + a real
# tracehoundd started by a fixture).
# Prints "SKIPPED: python (<why>)" and exits 0 when python3 is missing or the package index is
# unreachable (and the venv does not already hold every tool); any other failure fails.
set -uo pipefail
cd "$(dirname "$0")"
# shellcheck source=../../scripts/registry-errors.sh
. ../../scripts/registry-errors.sh

skip() { echo "SKIPPED: python ($1)"; exit 0; }
PY=$(command -v python3) || skip "python3 not found"
"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 10) else 1)' || skip "python3 is $("$PY" --version 2>&1), 3.10+ needed"
VENV=${TRACEHOUND_PY_VENV:-.venv}
if [ ! -x "$VENV/bin/python" ]; then
  "$PY" -m venv "$VENV" >/dev/null 2>&1 || { rm -rf "$VENV"; skip "python3 -m venv failed (install python3-venv)"; }
fi
VPY=$VENV/bin/python
PIP=(env PIP_DISABLE_PIP_VERSION_CHECK=1 "$VPY" -m pip)
log=$(mktemp)
work=$(mktemp -d)
trap 'rm -rf "$log" "$work"' EXIT

# The package itself (not editable: what `pip install sdks/python` gives users) with pinned tools.
if ! "${PIP[@]}" install --quiet ".[test,build]" >"$log" 2>&1; then
  if why=$(unreachable "$log"); then
    # Offline: a venv that already holds every tool can still test this tree.
    if "$VPY" -c 'import grpc, google.protobuf, pytest, hypothesis, mypy, setuptools, build' 2>/dev/null \
      && "${PIP[@]}" install --quiet --no-deps --no-build-isolation . >/dev/null 2>&1; then
      echo "WARNING: python: package index unreachable ($why); testing with the tools already in $VENV"
    else
      skip "package index unreachable: $why"
    fi
  else
    cat "$log"
    echo "FAIL: pip install sdks/python[test,build]"
    exit 1
  fi
fi

status=0
step() {
  echo "-- python: $1"
  shift
  "$@" || { echo "FAIL: python: $*"; status=1; }
}
# The one buf generate (scripts/generate.sh); its tools come from PyPI, Maven Central and the Go
# proxy: unreachable is a skip, anything else fails.
echo "-- python: generated code is up to date"
if ! bash ../../scripts/generate.sh --check python >"$log" 2>&1; then
  if why=$(unreachable "$log"); then skip "a registry for the code generators is unreachable: $why"; fi
  cat "$log"
  echo "FAIL: python: generated code"
  status=1
fi
step "mypy --strict" "$VENV/bin/mypy"
# ruff lints and format-checks every Python file of the SDK and the conformance executor
# (`npm run format:python` rewrites them).
formatted=(src tests bench scripts ../../conformance/runners/python)
if [ -x "$VENV/bin/ruff" ]; then
  step "ruff check" "$VENV/bin/ruff" check src tests bench scripts ../../conformance/runners/python
  step "ruff format --check" "$VENV/bin/ruff" format --check "${formatted[@]}"
else
  echo "SKIPPED: ruff (not in $VENV: the package index was unreachable when it was made)"
fi

# What `pip install tracehound` gets from an index: the wheel and the sdist, each into a venv of
# its own holding nothing else. Dependencies come from the index (or pip's cache).
dist_check() { # artifact
  local venv="$work/venv-$(basename "$1")"
  "$PY" -m venv "$venv" &&
    env PIP_DISABLE_PIP_VERSION_CHECK=1 "$venv/bin/python" -m pip install --quiet "$1" &&
    (cd "$work" && "$venv/bin/python" -c 'import tracehound, tracehound.aio; assert tracehound.signature("injection", {"a": 1}).startswith("injection:"); print("   ", tracehound.__file__)')
}
echo "-- python: python -m build (wheel + sdist), each installed into a clean venv"
if "$VPY" -m build --no-isolation --outdir "$work/dist" . >"$log" 2>&1; then
  for artifact in "$work"/dist/tracehound-*.whl "$work"/dist/tracehound-*.tar.gz; do
    step "clean venv: $(basename "$artifact")" dist_check "$artifact"
  done
else
  cat "$log"
  echo "FAIL: python -m build"
  status=1
fi
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
