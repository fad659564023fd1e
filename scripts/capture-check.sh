#!/usr/bin/env bash
# Captures against Wireshark: tshark captures mosquitto_pub/mosquitto_sub talking to a
# mosquitto on 127.0.0.1, then the ignored tests of tests/pcap_tshark.rs compare that capture
# with our reader and our exports with tshark's MQTT dissector. Servers it starts are stopped
# by pid, also on failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

PORT=${CAPTURE_PORT:-18861}
dir=$(mktemp -d)
chmod 755 "$dir"
dirs_to_remove+=("$dir")

printf 'listener %s 127.0.0.1\nallow_anonymous true\n' "$PORT" > "$dir/mosquitto.conf"
mosquitto -c "$dir/mosquitto.conf" 2>"$dir/mosquitto.log" & pids+=($!)
wait_port "$PORT"

tshark -q -i lo -f "tcp port $PORT" -w "$dir/capture.pcapng" 2>"$dir/tshark.log" & tshark_pid=$!
pids+=("$tshark_pid")
# tshark needs a moment before it captures (see shared setup notes).
for _ in $(seq 1 50); do grep -q "Capturing on" "$dir/tshark.log" 2>/dev/null && break; sleep 0.1; done
sleep 1

timeout 20 mosquitto_sub -h 127.0.0.1 -p "$PORT" -i aula-sub -q 2 -t 'Casa/+/Temperatura' -C 3 \
  > "$dir/received.txt" & sub=$!
sleep 0.5
timeout 10 mosquitto_pub -h 127.0.0.1 -p "$PORT" -i aula-pub-0 -q 0 -t Casa/Cocina/Temperatura -m 20.8
timeout 10 mosquitto_pub -h 127.0.0.1 -p "$PORT" -i aula-pub-1 -q 1 -t Casa/Salon/Temperatura -m 21.5
timeout 10 mosquitto_pub -h 127.0.0.1 -p "$PORT" -i aula-pub-2 -q 2 -t Casa/Dormitorio/Temperatura -m 19.0
wait "$sub"
sleep 1
kill -INT "$tshark_pid"; wait "$tshark_pid" 2>/dev/null || true
test "$(wc -l < "$dir/received.txt")" = 3

MQTT_CAPTURE="$dir/capture.pcapng" MQTT_CAPTURE_PORT="$PORT" \
  cargo test --locked --test pcap_tshark -- --ignored --nocapture
