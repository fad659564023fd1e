#!/usr/bin/env bash
# Prints the size of dist/'s main module (the main wasm, every script: the JS glue, its
# snippets, the split loader it imports; and the CSS) and of the parts fetched when first
# opened (split_*.wasm, and chunk_*.wasm for code parts share), raw and gzip. No budget here:
# the first load is what Chromium fetches, held to one by e2e/firstload.mjs.
# Usage: scripts/size.sh
set -euo pipefail
cd "$(dirname "$0")/.."
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
}
main=()
for f in dist/*.wasm dist/**/*.js dist/*.css; do
  case $(basename "$f") in split_* | chunk_*) ;; *) main+=("$f") ;; esac
done
on_demand=(dist/split_*.wasm dist/chunk_*.wasm)
if ((${#on_demand[@]})); then sum "on demand (fetched when first opened)" "${on_demand[@]}"; fi
sum "main module (wasm + js + css; the first load adds what Chromium fetches with it)" "${main[@]}"
