#!/usr/bin/env bash
# Fuzzes the MQTT decoder (fuzz/fuzz_targets/decode.rs) and the capture reader
# (fuzz/fuzz_targets/capture.rs, seeded with exported captures) for N seconds each (default 600).
# Usage: scripts/fuzz.sh [SECONDS] [decode|capture]   (both when no target is named)
# On demand only: not part of the test command.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds=${1:-600}
targets=${2:-decode capture}
if ! command -v cargo-fuzz >/dev/null; then
  echo "[fuzz] cargo install --locked cargo-fuzz 0.13.2"
  cargo install --locked cargo-fuzz --version 0.13.2
fi
# cargo-fuzz passes -Z flags (sanitizers, coverage); RUSTC_BOOTSTRAP lets stable accept them.
export RUSTC_BOOTSTRAP=1
for target in $targets; do
  mkdir -p "fuzz/corpus/$target"
  if [[ $target == capture && -z "$(ls -A fuzz/corpus/capture)" ]]; then
    # Seeds: real exports of three lessons (the fuzzer mutates from whole captures).
    for lesson in pubsub qos tls; do
      cargo run --quiet --release --example export_pcap -- --lesson "$lesson" --seconds 20 \
        --out "fuzz/corpus/capture/$lesson.pcapng"
    done
  fi
  max_len=4096; [[ $target == capture ]] && max_len=65536
  echo "[fuzz] $target for $seconds s"
  cargo fuzz run "$target" -- -max_total_time="$seconds" -max_len="$max_len" 2>&1 | tail -n 20
done
