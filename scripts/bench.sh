#!/usr/bin/env bash
# Prints the release bundle's sizes (raw, gzip, brotli; first load and in
# all, against the budgets in docs/architecture.md#budgets) and page timings in headless Chromium at
# partner scale. Figures only; nothing here passes or fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release --public-url /upgrade-center/ >/dev/null 2>&1
# The baseline: a bare Leptos counter built the same way, unsplit, in a target
# dir of its own: without the app's --emit-relocs (.cargo/config.toml), which
# only the splitter needs and which would leave relocations in its wasm.
(cd bench/counter && RUSTFLAGS="--cfg erase_components" CARGO_TARGET_DIR="$ROOT/target/counter-build" trunk build --release --public-url /counter/ --dist "$ROOT/target/counter-dist" >/dev/null 2>&1)

node scripts/bundle-size.mjs dist target/counter-dist
node scripts/bench-browser.mjs target/counter-dist
