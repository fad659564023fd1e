#!/usr/bin/env bash
# Prints the size of dist/'s main module (wasm + js + css, raw and gzip) and of the parts
# fetched on demand, and fails above a budget if given.
# The main module is the main wasm, every script (the JS glue, its snippets, the split loader
# it imports) and the CSS; the first load is what Chromium fetches (e2e/firstload.mjs). The chunks fetched
# when a part is first opened (split_*.wasm, and chunk_*.wasm for code parts share) are
# listed apart.
# Usage: scripts/size.sh [BUDGET_KB]   (0 or nothing: no budget)
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb=${1:-0}
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
shopt -s nullglob globstar
sum() { # LABEL FILE...
  local label=$1 raw gz total_raw=0 total_gz=0; shift
  for f in "$@"; do
    raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
    printf '  %-60s %8s KB raw %8s KB gzip\n' "${f#dist/}" "$(kb "$raw")" "$(kb "$gz")"
  done
  echo "$label: $(kb $total_raw) KB raw, $(kb $total_gz) KB gzip"
  last_gz=$total_gz
}
first=()
for f in dist/*.wasm dist/**/*.js dist/*.css; do
  case $(basename "$f") in split_* | chunk_*) ;; *) first+=("$f") ;; esac
done
on_demand=(dist/split_*.wasm dist/chunk_*.wasm)
if ((${#on_demand[@]})); then sum "on demand (fetched when first opened)" "${on_demand[@]}"; fi
sum "main module (wasm + js + css; the first load adds what Chromium fetches with it)" "${first[@]}"
if ((budget_kb > 0)) && ((last_gz > budget_kb * 1024)); then
  echo "first load is over the budget of ${budget_kb} KB gzip" >&2
  exit 1
fi
