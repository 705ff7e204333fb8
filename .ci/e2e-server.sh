#!/usr/bin/env bash
# Serves the demo on a fresh SQLite database for the end-to-end tests.
# Usage: e2e-server.sh PORT   (PASSERELLE_BIN chooses the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
dir=$(mktemp -d)
# E2E_DB: a file the tests may read (the register tests check what the server
# stored); it is started afresh.
db=${E2E_DB:-$dir/e2e.db}
rm -f "$db" "$db-wal" "$db-shm"
export DATABASE_URL="sqlite://$db"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
exec "${PASSERELLE_BIN:-target/release/passerelle}" demo
