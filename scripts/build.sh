#!/usr/bin/env bash
# Builds the release bundle into dist/ with the installed tools (no downloads) and prints its size.
set -euo pipefail
cd "$(dirname "$0")/.."
# wasm-opt comes from npm (tools/): Debian's 108 breaks wasm-bindgen's externref table.
export PATH="$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
echo "[build] trunk build --release --offline"
trunk build --release --offline
scripts/size.sh "${SIZE_BUDGET_KB:-0}"
