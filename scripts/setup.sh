#!/usr/bin/env bash
# Installs whatever is missing to build and test Upgrade Center, and nothing
# that is already there. Everything comes from crates.io, npm or Debian.
# Source it (`. scripts/setup.sh`) to also get the tools on PATH; sourcing
# leaves your shell's own options alone.

# The one place the tool versions are written (Trunk.toml repeats the two
# Trunk must check; Cargo.toml pins the wasm-bindgen crate to the same CLI).
UC_WASM_BINDGEN_VERSION=0.2.130
UC_TRUNK_VERSION=0.21.14
# The splitter of the route chunks (scripts/split-wasm.mjs); its runtime half,
# wasm_split_helpers, comes with leptos (Cargo.lock).
UC_WASM_SPLIT_VERSION=0.2.4

UC_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export PATH="$HOME/.cargo/bin:$UC_ROOT/node_modules/.bin:$PATH"
export TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120

# The installs, with strict error handling (run by uc_install_missing_strictly).
uc_install_missing() (
  set -euo pipefail
  say() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
  as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32 target"
    rustup target add wasm32-unknown-unknown
  fi

  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $UC_WASM_BINDGEN_VERSION" ]; then
    say "installing wasm-bindgen-cli $UC_WASM_BINDGEN_VERSION (about 3 minutes)"
    cargo install wasm-bindgen-cli --version "$UC_WASM_BINDGEN_VERSION" --force
  fi

  if [ "$(trunk --version 2>/dev/null)" != "trunk $UC_TRUNK_VERSION" ]; then
    say "installing trunk $UC_TRUNK_VERSION (about 11 minutes)"
    cargo install trunk --version "$UC_TRUNK_VERSION" --locked --force
  fi

  if ! cargo install --list | grep -qx "wasm_split_cli_support v$UC_WASM_SPLIT_VERSION:"; then
    say "installing wasm_split_cli_support $UC_WASM_SPLIT_VERSION (wasm-split-cli, a few minutes)"
    cargo install wasm_split_cli_support --version "$UC_WASM_SPLIT_VERSION" --features build-binary --locked --force
  fi

  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    say "installing Debian's chromium and chromium-driver"
    as_root apt-get update
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver
  fi

  # npm: reinstall only when the lock file changed since the last install.
  if [ ! -f "$UC_ROOT/node_modules/.package-lock.json" ] || [ "$UC_ROOT/package-lock.json" -nt "$UC_ROOT/node_modules/.package-lock.json" ]; then
    say "installing npm tools (wasm-opt, Playwright)"
    (cd "$UC_ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi

  # Trunk runs cargo offline: have every crate in the local registry first.
  (cd "$UC_ROOT" && cargo fetch --locked --quiet)
)

# Bash ignores `set -e` inside a function called as a condition (`if !`, `&&`,
# `||`), subshell or not, and so does everything run while this file is being
# sourced as one (`. scripts/setup.sh && …`): a failed install would go on and
# be reported as success. A fresh bash does not inherit that, so the installs
# run in one, with the definitions above, and stop at the first failure.
uc_install_missing_strictly() {
  bash -c "$(declare -p UC_ROOT UC_WASM_BINDGEN_VERSION UC_TRUNK_VERSION UC_WASM_SPLIT_VERSION)
$(declare -f uc_install_missing)
uc_install_missing"
}

if ! uc_install_missing_strictly; then
  printf '\033[1;31m[setup]\033[0m could not install what is missing (see above)\n' >&2
  return 1 2>/dev/null || exit 1
fi
