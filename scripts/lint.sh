#!/usr/bin/env bash
# npm run lint (part of npm test): Biome's lint rules over every TS/JS file of the repository, and
# Biome's formatter over the paths already formatted. The whole tree joins the format check after
# its one-time reformat (`npm run format`): then `formatted` below becomes `.`.
# The SDKs lint and format-check their own code in sdks/<lang>/test.sh (gofmt + go vet, Spotless
# with google-java-format, ruff).
set -euo pipefail
cd "$(dirname "$0")/.."
biome=node_modules/.bin/biome
if [ ! -x "$biome" ]; then
  echo "SKIPPED: biome ($biome is missing: run npm ci)"
  exit 0
fi
formatted=(biome.json package.json conformance scripts/lint.sh test/conformance-runner.test.ts test/fixtures/misbehaving-executor.ts)
"$biome" lint .
"$biome" format "${formatted[@]}"
