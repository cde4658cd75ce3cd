#!/bin/sh
# Raw calls without an SDK, on the daemon's default socket: buf curl (gRPC) and plain curl
# (Connect protocol, JSON). Proto JSON spells enums by their proto names: THREAT_CATEGORY_INJECTION,
# SEVERITY_HIGH ("injection" is rejected); the payload goes as its TH-CJSON-1 text (sorted keys, no
# spaces) in payloadJson (docs/wire.md). Run from the repository (or next to an installed package:
# --schema node_modules/tracehound/proto).
set -eu
SOCK=$(npx tracehoundd --print-socket)

npx buf curl --schema proto --protocol grpc --http2-prior-knowledge --unix-socket "$SOCK" \
  -d '{"scent": {"id": "req-1", "source": "203.0.113.7", "timestampMs": "1700000000000",
       "payloadJson": "{\"body\":\"1 OR 1=1\",\"from\":\"buf curl\",\"path\":\"/login\"}",
       "threat": {"category": "THREAT_CATEGORY_INJECTION", "severity": "SEVERITY_HIGH"}}}' \
  http://localhost/tracehound.v1.TracehoundService/Intercept

curl -sS --fail-with-body --unix-socket "$SOCK" -H 'Content-Type: application/json' \
  -d '{"scent": {"id": "req-2", "source": "203.0.113.7", "timestampMs": "1700000000000",
       "payloadJson": "{\"body\":\"1 OR 1=1\",\"from\":\"curl\",\"path\":\"/login\"}",
       "threat": {"category": "THREAT_CATEGORY_INJECTION", "severity": "SEVERITY_HIGH"}}}' \
  http://localhost/tracehound.v1.TracehoundService/Intercept
echo
