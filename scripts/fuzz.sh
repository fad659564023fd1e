#!/usr/bin/env bash
# Fuzzes the MQTT decoder (fuzz/fuzz_targets/decode.rs) for N seconds (default 600).
# On demand only: not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-600}
if ! command -v cargo-fuzz >/dev/null; then
  echo "[fuzz] cargo install --locked cargo-fuzz 0.13.2"
  cargo install --locked cargo-fuzz --version 0.13.2
fi
# cargo-fuzz passes -Z flags (sanitizers, coverage); RUSTC_BOOTSTRAP lets stable accept them.
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/corpus/decode
cargo fuzz run decode -- -max_total_time="$seconds" -max_len=4096 2>&1 | tail -n 40
