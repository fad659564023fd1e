#!/usr/bin/env bash
# Installs what is missing, builds the release bundle and serves it at http://127.0.0.1:8080
# (the simulated broker runs in the page: no MQTT server is needed). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --no-test-tools
scripts/build.sh
PORT=${PORT:-8080}
echo "[serve] open http://127.0.0.1:$PORT/"
exec node e2e/serve.mjs dist "$PORT" 127.0.0.1
