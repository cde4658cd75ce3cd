#!/usr/bin/env bash
# Java SDK: `mvn -B verify` generates the protobuf/gRPC code from ../../proto into target/, compiles,
# runs the JUnit 5 tests (unit, property, and against a real tracehoundd started by the tests) and
# builds target/tracehound-client-all.jar, which the conformance executor runs with plain `java -cp`.
# Prints "SKIPPED: java (<why>)" and exits 0 when the toolchain is missing.
set -uo pipefail
cd "$(dirname "$0")"

skip() {
  echo "SKIPPED: java ($1)"
  exit 0
}

command -v java >/dev/null 2>&1 || skip "java not found: install a JDK 17+"
command -v javac >/dev/null 2>&1 || skip "javac not found: a JDK 17+ is needed, not only a JRE"
command -v mvn >/dev/null 2>&1 || skip "mvn not found: install Maven 3.8+"
version=$(java -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -1)
major=${version%%.*}
[ "$major" = 1 ] && major=$(echo "$version" | cut -d. -f2)
[[ "$major" =~ ^[0-9]+$ ]] || skip "cannot read the java version from: $(java -version 2>&1 | head -1)"
[ "$major" -ge 17 ] || skip "java $version is older than 17"
[ -x ../../node_modules/.bin/tsx ] || skip "node_modules/.bin/tsx missing (run npm ci first): the tests start the real tracehoundd"

exec mvn -B --no-transfer-progress verify "$@"
