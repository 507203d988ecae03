#!/usr/bin/env bash
# Regenerates contracts/openapi/clustersync.v1.json from the document the host serves (GET /openapi/v1.json),
# then lints it with Redocly (tools/openapi-lint). Run after changing an endpoint; commit the file.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build tests/ClusterSync.IntegrationTests -c Release >&2
CLUSTERSYNC_UPDATE_OPENAPI=1 dotnet test tests/ClusterSync.IntegrationTests -c Release --no-build \
  --filter "FullyQualifiedName~ClusterSync.IntegrationTests.Contracts.OpenApiDocumentTests" >&2
bash tools/openapi-lint/lint.sh
