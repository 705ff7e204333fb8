#!/usr/bin/env bash
# Installs the tools the build and the tests need, each only when the right
# version is missing. Safe to run again: a machine that has them pays nothing.
# ARCHITECTURE.md (Build) says why each fallback exists.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.11
# Must equal the wasm-bindgen version pinned in Cargo.toml (and Cargo.lock).
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132
LEPTOSFMT_VERSION=0.1.33

log() { printf '\033[1m[tools]\033[0m %s\n' "$*"; }

has_version() { # command, expected substring
  command -v "$1" >/dev/null 2>&1 && "$1" --version 2>/dev/null | grep -q -- "$2"
}

# Installs a crate from its crates.io source after pinning one dependency
# back, for crates whose lockfile needs a newer rustc or a yanked crate.
install_from_source() { # crate, version, dep-to-pin, pinned-version
  local crate=$1 version=$2 dep=$3 pin=$4 dir
  dir=$(mktemp -d)
  curl -sSfL "https://static.crates.io/crates/$crate/$crate-$version.crate" | tar xz -C "$dir"
  (
    cd "$dir/$crate-$version"
    cargo update -p "$dep" --precise "$pin"
    CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
      cargo install --path . --locked
  )
  rm -rf "$dir"
}

rustup target list --installed | grep -q wasm32-unknown-unknown \
  || rustup target add wasm32-unknown-unknown

if ! has_version cargo-leptos "$CARGO_LEPTOS_VERSION"; then
  log "installing cargo-leptos $CARGO_LEPTOS_VERSION"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked \
    || install_from_source cargo-leptos "$CARGO_LEPTOS_VERSION" cargo-util-schemas 0.14.1
fi

if ! has_version wasm-bindgen "$WASM_BINDGEN_VERSION"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --locked \
    || install_from_source wasm-bindgen-cli "$WASM_BINDGEN_VERSION" webpki-roots 1.0.10
fi

if ! has_version wasm-opt "version $BINARYEN_VERSION"; then
  log "installing binaryen $BINARYEN_VERSION (wasm-opt)"
  npm install -g "binaryen@$BINARYEN_VERSION"
fi

# The formatter of the view! macros (the CI's format step), not needed to
# run the app: `tools.sh --dev` skips it. Built without LTO: it formats the
# whole tree in a fraction of a second either way.
if [ "${1:-}" != "--dev" ] && ! has_version leptosfmt "$LEPTOSFMT_VERSION"; then
  log "installing leptosfmt $LEPTOSFMT_VERSION"
  CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
    cargo install leptosfmt --version "$LEPTOSFMT_VERSION" --locked
fi

# The native tests' runner. This kind of machine ships it; another may not.
if ! command -v cargo-nextest >/dev/null; then
  log "installing cargo-nextest"
  cargo install cargo-nextest --locked
fi

# The browser is only for the tests: `tools.sh --dev` skips it.
if [ "${1:-}" != "--dev" ] && { ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; }; then
  log "installing Debian's chromium and chromium-driver"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The tests' and the demo's SMTP server (.ci/smtp_sink.py): aiosmtpd, from
# PyPI, else Debian's package.
if ! python3 -c 'import aiosmtpd' 2>/dev/null; then
  log "installing aiosmtpd"
  python3 -m pip install --quiet aiosmtpd 2>/dev/null \
    || python3 -m pip install --quiet --break-system-packages aiosmtpd 2>/dev/null \
    || { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq python3-aiosmtpd >/dev/null; }
fi

# pg_dump and pg_restore for the PostgreSQL backups (and their tests).
if [ "${1:-}" != "--dev" ] && ! command -v pg_dump >/dev/null; then
  log "installing Debian's postgresql-client"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y -qq postgresql-client >/dev/null
fi

log "tools ready"
