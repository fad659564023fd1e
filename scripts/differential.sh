#!/usr/bin/env bash
# Differential tests of the broker core: starts two mosquitto brokers (open, secured) and the
# tcp_broker example twice (same settings) on 127.0.0.1, runs tests/differential/scenarios.py
# with paho-mqtt against both, and stops every server by pid, also on failure.
# Usage: scripts/differential.sh [SCENARIO ...]
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
dir=tests/differential
source scripts/lib.sh
work=$(mktemp -d)
chmod 755 "$work"
dirs_to_remove+=("$work")

MOSQ_OPEN=${MOSQ_OPEN:-18830}; OURS_OPEN=${OURS_OPEN:-18831}
MOSQ_SECURE=${MOSQ_SECURE:-18832}; OURS_SECURE=${OURS_SECURE:-18833}

mosquitto_passwd -c -b "$work/passwd" ana secreto
cp "$dir/acl" "$work/acl"
chmod 644 "$work/passwd" "$work/acl"
{ echo "listener $MOSQ_OPEN 127.0.0.1"; cat "$dir/mosquitto-open.conf"; } > "$work/open.conf"
{ echo "listener $MOSQ_SECURE 127.0.0.1"; sed -e "s|PASSWD|$work/passwd|" -e "s|ACL|$work/acl|" "$dir/mosquitto-secure.conf"; } > "$work/secure.conf"

cargo build --quiet --example tcp_broker
mosquitto -c "$work/open.conf" & pids+=($!)
mosquitto -c "$work/secure.conf" & pids+=($!)
target/debug/examples/tcp_broker --port "$OURS_OPEN" --config "$dir/ours-open.json" & pids+=($!)
target/debug/examples/tcp_broker --port "$OURS_SECURE" --config "$dir/ours-secure.json" & pids+=($!)
for p in "$MOSQ_OPEN" "$OURS_OPEN" "$MOSQ_SECURE" "$OURS_SECURE"; do wait_port "$p"; done
python3 "$dir/scenarios.py" "$MOSQ_OPEN" "$OURS_OPEN" "$MOSQ_SECURE" "$OURS_SECURE" "$@"

# tcp_broker --config: every MQTT 5 setting read and applied; a bad one refused with its path.
OURS_MQTT5=${OURS_MQTT5:-18834}
target/debug/examples/tcp_broker --port "$OURS_MQTT5" --config "$dir/ours-mqtt5.json" & pids+=($!)
wait_port "$OURS_MQTT5"
python3 "$dir/settings.py" "$OURS_MQTT5"
for bad in '{"overlapping": "both"}|overlapping' '{"receive_maximum": 0}|receive_maximum' \
           '{"max_keepalive": -1}|max_keepalive' '{"outgoing_topic_aliases": 1}|outgoing_topic_aliases' \
           '{"max_keep_alive": 5}|max_keep_alive'; do
  echo "${bad%|*}" > "$work/bad.json"
  if target/debug/examples/tcp_broker --port 0 --config "$work/bad.json" 2> "$work/bad.err"; then
    echo "FAIL  tcp_broker accepted ${bad%|*}"; exit 1
  fi
  grep -q "${bad#*|}" "$work/bad.err" || { echo "FAIL  no path in: $(cat "$work/bad.err")"; exit 1; }
  echo "ok    tcp_broker refuses ${bad%|*}: $(cat "$work/bad.err")"
done
