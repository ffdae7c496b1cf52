#!/usr/bin/env bash
# Prints the release bundle's gzip sizes against the 250 KB budget, and page
# timings in headless Chromium. Figures only; nothing here passes or fails.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$ROOT/scripts/setup.sh"
cd "$ROOT"
trunk build --release --public-url /upgrade-center/ >/dev/null 2>&1
# The baseline: a bare Leptos counter built the same way (shares target/).
(cd bench/counter && CARGO_TARGET_DIR="$ROOT/target" trunk build --release --public-url /counter/ --dist "$ROOT/target/counter-dist" >/dev/null 2>&1)

total=0
printf '\n%-12s %10s %10s\n' "asset" "raw (B)" "gzip (B)"
for kind in wasm js css; do
  raw=0; gz=0
  for f in dist/*."$kind"; do
    raw=$((raw + $(wc -c <"$f")))
    gz=$((gz + $(gzip -9c "$f" | wc -c)))
  done
  total=$((total + gz))
  printf '%-12s %10d %10d\n' "$kind" "$raw" "$gz"
done
printf '%-12s %10s %10d  (budget 256000)\n\n' "total" "" "$total"

node scripts/bench-browser.mjs target/counter-dist
