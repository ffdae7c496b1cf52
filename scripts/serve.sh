#!/usr/bin/env bash
# Installs what is missing, builds the release and serves it with the
# built-in demo workspace on http://localhost:${PORT:-8080}/
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release
echo "Upgrade Center: http://localhost:${PORT:-8080}/"
exec node scripts/static-server.mjs dist "${PORT:-8080}" /
