#!/usr/bin/env bash
# The one command that makes every language's generated code from proto/ (npm run generate):
#   bash scripts/generate.sh                     install the pinned plugins, buf generate, finish Python
#   bash scripts/generate.sh --check [LANG...]   generate into a temp dir; fail when the committed
#                                                code of LANG (ts go java python; default all) differs
#   bash scripts/generate.sh --tools             only install the plugins
# Plugins land in .tools/ (not committed): Go plugins by `go install`, grpcio-tools by pip into
# .tools/py, protoc and protoc-gen-grpc-java by Maven (Maven Central). buf and protoc-gen-es come
# from node_modules (npm ci).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
PROTOC_GEN_GO_VERSION=v1.36.12          # google.golang.org/protobuf
PROTOC_GEN_CONNECT_GO_VERSION=v1.21.1   # connectrpc.com/connect
GRPCIO_TOOLS_VERSION=1.85.1             # PyPI; its protoc makes the Python code (gencode 7.35 → protobuf 7.35 runtime)
PROTOC_JAVA_VERSION=4.36.2              # com.google.protobuf:protoc = protobuf-java in sdks/java/pom.xml
GRPC_JAVA_PLUGIN_VERSION=1.80.0         # io.grpc:protoc-gen-grpc-java (the newest linux-x86_64 exe on Central here)
MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1
tools=$root/.tools
buf=$root/node_modules/.bin/buf
[ -x "$buf" ] || { echo "buf not found at $buf (run npm ci)" >&2; exit 1; }
mkdir -p "$tools/bin"
mode=${1:-}

# A toolchain a generator needs is missing: --check says so loudly and passes (that SDK's own
# test.sh skips on the same grounds); generating fails.
missing() {
  if [ "$mode" = --check ]; then
    echo "SKIPPED: generated-code check ($1)"
    exit 0
  fi
  echo "$1" >&2
  exit 1
}

go_plugin() { # binary module-path version
  if ! "$tools/bin/$1" --version 2>/dev/null | grep -q -- "${3#v}\$"; then
    command -v go >/dev/null || missing "go not found: needed to install $1"
    GOBIN="$tools/bin" GOTOOLCHAIN=local go install "$2@$3"
  fi
}

maven_exe() { # name groupId:artifactId version
  local stamp="$tools/bin/.$1-$3"
  [ -x "$tools/bin/$1" ] && [ -e "$stamp" ] && return 0
  command -v mvn >/dev/null || missing "mvn not found: needed to fetch $2:$3 from Maven Central"
  local os arch
  case "$(uname -s)" in Linux) os=linux ;; Darwin) os=osx ;; *) missing "no $2 build for $(uname -s)" ;; esac
  case "$(uname -m)" in x86_64 | amd64) arch=x86_64 ;; aarch64 | arm64) arch=aarch_64 ;; *) missing "no $2 build for $(uname -m)" ;; esac
  local dl
  dl=$(mktemp -d)
  mvn -B -q --no-transfer-progress "$MAVEN_DEPENDENCY_PLUGIN:copy" -Dartifact="$2:$3:exe:$os-$arch" -DoutputDirectory="$dl"
  install -m 0755 "$dl"/*.exe "$tools/bin/$1"
  rm -rf "$dl" "$tools/bin/.$1-"*
  touch "$stamp"
}

python_tools() {
  if ! "$tools/py/bin/python" -c "import importlib.metadata as m, sys; sys.exit(m.version('grpcio-tools') != '$GRPCIO_TOOLS_VERSION')" 2>/dev/null; then
    command -v python3 >/dev/null || missing "python3 not found: needed for grpcio-tools"
    [ -x "$tools/py/bin/python" ] || python3 -m venv "$tools/py"
    PIP_DISABLE_PIP_VERSION_CHECK=1 "$tools/py/bin/python" -m pip install --quiet "grpcio-tools==$GRPCIO_TOOLS_VERSION"
  fi
}

install_tools() {
  go_plugin protoc-gen-go google.golang.org/protobuf/cmd/protoc-gen-go "$PROTOC_GEN_GO_VERSION"
  go_plugin protoc-gen-connect-go connectrpc.com/connect/cmd/protoc-gen-connect-go "$PROTOC_GEN_CONNECT_GO_VERSION"
  python_tools
  maven_exe protoc-java com.google.protobuf:protoc "$PROTOC_JAVA_VERSION"
  maven_exe protoc-gen-grpc-java io.grpc:protoc-gen-grpc-java "$GRPC_JAVA_PLUGIN_VERSION"
}

# buf generate into BASE (repository layout below it), then the Python finishing step.
generate() { # base
  "$buf" generate --template buf.gen.yaml -o "$1"
  python3 sdks/python/scripts/finish_gen.py "$1/.tools/gen-python" "$1/sdks/python/src/tracehound/_gen"
  rm -rf "$1/.tools/gen-python"
}

declare -A dirs=([ts]=src/gen [go]=sdks/go/gen [java]=sdks/java/src/gen/java [python]=sdks/python/src/tracehound/_gen)

case "$mode" in
  --tools)
    install_tools
    ;;
  --check)
    shift
    langs=("$@")
    [ ${#langs[@]} -gt 0 ] || langs=(ts go java python)
    install_tools
    tmp=$(mktemp -d)
    trap 'rm -rf "$tmp"' EXIT
    generate "$tmp"
    stale=0
    for lang in "${langs[@]}"; do
      dir=${dirs[$lang]:?unknown language $lang}
      if diff -r -x __pycache__ "$tmp/$dir" "$dir" >"$tmp/diff" 2>&1; then
        echo "generated $lang code ($dir) is up to date"
      else
        head -40 "$tmp/diff" >&2
        echo "$dir is stale: run npm run generate and commit the result" >&2
        stale=1
      fi
    done
    exit $stale
    ;;
  "")
    install_tools
    generate "$root"
    echo "generated: ${dirs[*]}"
    ;;
  *)
    echo "usage: bash scripts/generate.sh [--check [ts|go|java|python]... | --tools]" >&2
    exit 2
    ;;
esac
