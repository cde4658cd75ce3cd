#!/usr/bin/env bash
# npm run lint (part of npm test): Biome's lint rules over every TS/JS file of the repository, and
# Biome's formatter over the whole tree (`npm run format` rewrites it).
# The SDKs lint and format-check their own code in sdks/<lang>/test.sh (gofmt + go vet, Spotless
# with google-java-format, ruff).
set -euo pipefail
cd "$(dirname "$0")/.."
biome=node_modules/.bin/biome
if [ ! -x "$biome" ]; then
  echo "SKIPPED: biome ($biome is missing: run npm ci)"
  exit 0
fi
formatted=(.)
"$biome" lint .
"$biome" format "${formatted[@]}"
