#!/usr/bin/env bash
# Installs the local DynamoDB server (dynalite, pinned in package-lock.json) that `ember up` starts for
# templates declaring tables. `ember up` runs this itself on first need; .ci/run runs it for the tests.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v npm >/dev/null 2>&1; then
  echo "ember: npm is needed for the local DynamoDB server (apt-get install -y nodejs npm)." >&2
  exit 1
fi
npm ci --prefix "$here" --no-audit --no-fund --loglevel=error >&2
