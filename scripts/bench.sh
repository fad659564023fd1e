#!/usr/bin/env bash
# Benchmarks on demand (not in CI): the codec natively and in wasm in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
source scripts/lib.sh
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
node e2e/serve.mjs dist "$PORT" 127.0.0.1 & pids+=($!)
sleep 1
node e2e/perf.mjs "http://127.0.0.1:$PORT/" 60
echo "== the first screen on a school's line: mobile and desktop profiles, a second visit (headless Chromium)"
node e2e/slowload.mjs 5
echo "== the real client vs MQTT.js in one page, against a local mosquitto (WebSocket)"
mosquitto -c tests/realclient/mosquitto-bench.conf & pids+=($!)
wait_port 18870
node e2e/client-bench.mjs "http://127.0.0.1:$PORT/" ws://127.0.0.1:18871/
echo "== a class of 300 on one mosquitto: the teacher's page under the load (headless Chromium)"
load_dir=$(mktemp -d); chmod 777 "$load_dir"; dirs_to_remove+=("$load_dir")
printf 'log_dest stderr\nlog_type error\nmax_queued_messages 100000\nlistener 18896 127.0.0.1\nallow_anonymous true\nlistener 18897\nprotocol websockets\nallow_anonymous true\n' > "$load_dir/mosquitto.conf"
mosquitto -c "$load_dir/mosquitto.conf" & load_broker=$!; pids+=($load_broker)
wait_port 18896; wait_port 18897
node e2e/class-load.mjs "http://127.0.0.1:$PORT/" ws://127.0.0.1:18897/ mqtt://127.0.0.1:18896 "$load_broker" 300 60
