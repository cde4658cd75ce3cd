#!/usr/bin/env bash
# Java SDK: `mvn -B verify` generates the protobuf/gRPC code from ../../proto into target/, compiles,
# runs the JUnit 5 tests (unit, property, and against a real tracehoundd started by the tests) and
# builds target/tracehound-client-all.jar, which the conformance executor runs with plain `java -cp`.
# Prints "SKIPPED: java (<why>)" and exits 0 when the toolchain is missing or Maven Central (or the
# code generators' registries) cannot be reached; any other failure fails. Extra arguments go to mvn
# (e.g. -o -s settings.xml).
set -uo pipefail
cd "$(dirname "$0")"
# shellcheck source=../../scripts/registry-errors.sh
. ../../scripts/registry-errors.sh
log=$(mktemp)
trap 'rm -f "$log"' EXIT

skip() {
  echo  # Maven ends its output with a colour reset and no newline: the SKIPPED line gets its own
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

echo "-- java: generated code is up to date"
if ! bash ../../scripts/generate.sh --check java >"$log" 2>&1; then
  if why=$(unreachable "$log"); then skip "a registry for the code generators is unreachable: $why"; fi
  cat "$log"
  echo "FAIL: java: generated code"
  exit 1
fi
cat "$log"

# google-java-format through Spotless (pom.xml) over every Java file of the SDK and its
# conformance executor (`npm run format:java` rewrites them).
echo "-- java: google-java-format (spotless:check)"
if ! mvn -B --no-transfer-progress -Dstyle.color=never spotless:check "$@" >"$log" 2>&1; then
  if grep -q -E 'could not be resolved|Could not resolve|Non-resolvable|Failed to read artifact descriptor|Plugin .* could not be|No plugin found for prefix' "$log" \
    && why=$(unreachable "$log"); then
    echo "SKIPPED: google-java-format (Maven Central unreachable: $why)"
  else
    cat "$log"
    echo "FAIL: java: google-java-format (run: cd sdks/java && mvn spotless:apply)"
    exit 1
  fi
fi

mvn -B --no-transfer-progress -Dstyle.color=never verify "$@" 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# Only a failed download counts as unreachable: a failing test that mentions a refused connection
# is a failure.
if [ "$rc" -ne 0 ] && grep -q -E 'could not be resolved|Could not resolve dependencies|Non-resolvable|Failed to read artifact descriptor|Unresolveable build extension' "$log" \
  && why=$(unreachable "$log"); then
  skip "Maven Central unreachable: $why"
fi
exit "$rc"
