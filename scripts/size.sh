#!/usr/bin/env bash
# Prints the first-load size of dist/ (wasm + js + css), raw and gzip, and fails above a budget.
# Usage: scripts/size.sh [BUDGET_KB]   (0 or nothing: no budget)
set -euo pipefail
cd "$(dirname "$0")/.."
budget_kb=${1:-0}
total_raw=0; total_gz=0
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }
shopt -s nullglob
for f in dist/*.wasm dist/*.js dist/*.css; do
  raw=$(stat -c %s "$f"); gz=$(gzip -9 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz))
  printf '  %-52s %8s KB raw %8s KB gzip\n' "$(basename "$f")" "$(kb "$raw")" "$(kb "$gz")"
done
echo "first load (wasm + js + css): $(kb $total_raw) KB raw, $(kb $total_gz) KB gzip"
if ((budget_kb > 0)) && ((total_gz > budget_kb * 1024)); then
  echo "first load is over the budget of ${budget_kb} KB gzip" >&2
  exit 1
fi
