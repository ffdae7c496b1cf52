#!/usr/bin/env bash
# What a partner gets, beside a bare Leptos counter built the same way and
# measured in the same run (docs/architecture.md#budgets): the release bundle's
# sizes (raw, gzip, brotli; first load and in all, per route), then in headless
# Chromium the interactions at partner scale (input to paint, longest task),
# the first customer row cold and through the service worker, a repeat visit
# offline, Lighthouse mobile and desktop, and a summary against the targets.
# Figures only; nothing here passes or fails (a measurement that breaks does).
# BENCH_DIST=<dir> measures another build (an earlier commit's) instead of
# building this one.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
DIST="${BENCH_DIST:-dist}"
if [ -z "${BENCH_DIST:-}" ]; then
  trunk build --release --public-url /upgrade-center/ >/dev/null 2>&1
fi
# The baseline: a bare Leptos counter built the same way, unsplit, in a target
# dir of its own: without the app's --emit-relocs (.cargo/config.toml), which
# only the splitter needs and which would leave relocations in its wasm.
(cd bench/counter && RUSTFLAGS="--cfg erase_components" CARGO_TARGET_DIR="$ROOT/target/counter-build" trunk build --release --public-url /counter/ --dist "$ROOT/target/counter-dist" >/dev/null 2>&1)

node scripts/bundle-size.mjs "$DIST" target/counter-dist
node scripts/route-bytes.mjs "$DIST"
echo
BENCH_DIST="$DIST" node scripts/bench-browser.mjs target/counter-dist
