#!/usr/bin/env bash
# Benchmarks on demand (not in CI): the codec natively and in wasm in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
echo "== native"
cargo bench --bench codec
cargo bench --bench broker
cargo bench --bench sim
cargo bench --bench seek
echo "== wasm in headless Chromium"
# The seek benchmark runs an hour of the 100-device house first: the runner waits longer.
WASM_BINDGEN_TEST_TIMEOUT=600 CHROMEDRIVER=/usr/bin/chromedriver cargo test --release --target wasm32-unknown-unknown \
  --test wasm_bench --test wasm_seek -- --include-ignored --nocapture 2>&1 | grep -vE '^\s*$'
echo "== the playground under 1 000 msg/s for 60 s (headless Chromium)"
scripts/build.sh >/dev/null
PORT=${BENCH_PORT:-18095}
node e2e/serve.mjs dist "$PORT" 127.0.0.1 & server=$!
trap 'kill $server 2>/dev/null' EXIT
sleep 1
node e2e/perf.mjs "http://127.0.0.1:$PORT/" 60
echo "== the real client vs MQTT.js in one page, against a local mosquitto (WebSocket)"
mosquitto -c tests/realclient/mosquitto-bench.conf & broker=$!
trap 'kill $server $broker 2>/dev/null' EXIT
source scripts/lib.sh
wait_port 18870
node e2e/client-bench.mjs "http://127.0.0.1:$PORT/" ws://127.0.0.1:18871/
