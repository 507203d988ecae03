#!/usr/bin/env bash
# Lints contracts/openapi/clustersync.v1.json with Redocly CLI's recommended rules (the version pinned in
# package-lock.json, installed here with `npm ci` when missing). Everything goes to stderr; exits non-zero
# when Redocly reports an error.
set -euo pipefail
cd "$(dirname "$0")"
export REDOCLY_TELEMETRY=off REDOCLY_SUPPRESS_UPDATE_NOTICE=true
if [ ! -x node_modules/.bin/redocly ]; then
  npm ci --no-audit --no-fund >&2
fi
node_modules/.bin/redocly lint --config redocly.yaml --format stylish ../../contracts/openapi/clustersync.v1.json >&2
