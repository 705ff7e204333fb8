#!/usr/bin/env bash
# Serves the demo on a fresh SQLite database for the end-to-end tests, with
# a real SMTP server (.ci/smtp_sink.py) on PORT+1000 whose Maildir the tests
# read (E2E_MAILDIR).
# Usage: e2e-server.sh PORT   (PASSERELLE_BIN chooses the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-3100}
dir=$(mktemp -d)
# E2E_DB: a file the tests may read (the register tests check what the server
# stored); it is started afresh.
db=${E2E_DB:-$dir/e2e.db}
rm -f "$db" "$db-wal" "$db-shm"
maildir=${E2E_MAILDIR:-$dir/mail}
rm -rf "$maildir"
smtp_port=$((port + 1000))
python3 .ci/smtp_sink.py --port "$smtp_port" --maildir "$maildir" >/dev/null &
sink=$!
trap 'kill $sink 2>/dev/null || true' EXIT
export DATABASE_URL="sqlite://$db"
export LEPTOS_SITE_ADDR="127.0.0.1:$port"
export LEPTOS_SITE_ROOT="${LEPTOS_SITE_ROOT:-target/site}"
export PASSERELLE_SMTP_URL="smtp://127.0.0.1:$smtp_port"
export PASSERELLE_PUBLIC_URL="http://127.0.0.1:$port"
export PASSERELLE_MAIL_POLL_MS=200
"${PASSERELLE_BIN:-target/release/passerelle}" demo
