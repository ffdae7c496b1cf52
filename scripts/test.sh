#!/usr/bin/env bash
# Installs what is missing, then runs every test layer: native cargo tests,
# wasm-bindgen tests in headless Chromium, and Playwright E2E against the
# release build served under a sub-path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"

step() { printf '\n\033[1;32m==> %s\033[0m\n' "$*"; }

# Gates first: a change that is not formatted or that clippy warns about
# fails here, before minutes of tests. Pages compile only for wasm32, so
# clippy looks at both targets.
step "gates: rustfmt and clippy (native and wasm32)"
cargo fmt --check
cargo clippy --locked --all-targets -- -D warnings
cargo clippy --locked --lib --bins --target wasm32-unknown-unknown -- -D warnings

step "native tests (domain, store, i18n)"
cargo test --locked

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --locked --target wasm32-unknown-unknown --no-default-features --test browser_storage --test browser_format

step "release build under /upgrade-center/"
trunk build --release --public-url /upgrade-center/

step "end-to-end tests (Playwright, Debian Chromium)"
playwright test "$@"
