"""tcp_broker started with --config tests/differential/ours-mqtt5.json (every MQTT 5 setting):
its CONNACK tells the limits and the broker holds a client to them.

Usage: python3 settings.py PORT
"""
import sys

from scenarios import V5, raw_qos2_flood

port = int(sys.argv[1])
connack, codes = raw_qos2_flood(port, V5, "ajustes", 11)
assert "21000a" in connack, f"Receive Maximum 10 in CONNACK: {connack}"
assert "13001e" in connack, f"Server Keep Alive 30 for a client asking 60: {connack}"
assert len(codes) == 10, f"disconnected at the 11th unfinished QoS 2 PUBLISH: {codes}"
print(f"ok    tcp_broker --config ours-mqtt5.json: CONNACK {connack}, {len(codes)} PUBREC then DISCONNECT")
