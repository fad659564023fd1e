#!/usr/bin/env bash
# Installs what the build and the tests need, skipping what is already there.
# Pinned: Trunk, wasm-bindgen-cli (= the wasm-bindgen in Cargo.lock), wasm-split-cli, Debian packages,
# binaryen's wasm-opt and terser (tools/package-lock.json), playwright-core (e2e/package-lock.json). Nothing here or later downloads a browser or a
# prebuilt binary at build or test time.
# Usage: scripts/setup.sh [--no-test-tools]   (serve needs fewer tools than test)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WANT_TEST_TOOLS=1
[[ "${1:-}" == "--no-test-tools" ]] && WANT_TEST_TOOLS=0

step() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
export PATH="$HOME/.cargo/bin:$PATH"

# -- Debian packages ------------------------------------------------------------------
apt_missing=()
need_cmd_pkg() { command -v "$1" >/dev/null 2>&1 || apt_missing+=("$2"); }
need_cmd_pkg node nodejs
need_cmd_pkg npm npm
# python3 zips the SCORM package (scripts/scorm.sh, run by the build).
need_cmd_pkg python3 python3
if [[ $WANT_TEST_TOOLS == 1 ]]; then
  need_cmd_pkg chromium chromium
  need_cmd_pkg chromedriver chromium-driver
  need_cmd_pkg mosquitto mosquitto
  need_cmd_pkg mosquitto_pub mosquitto-clients
  need_cmd_pkg openssl openssl
  need_cmd_pkg tshark tshark
fi
if ((${#apt_missing[@]})); then
  step "apt-get install ${apt_missing[*]}"
  SUDO=""; [[ $(id -u) != 0 ]] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${apt_missing[@]}" >/dev/null
else
  step "Debian packages present"
fi

# -- Python: paho-mqtt for the broker's differential tests, jsonschema for lessons ------
if [[ $WANT_TEST_TOOLS == 1 ]]; then
  if python3 -c 'import paho.mqtt, sys; sys.exit(paho.mqtt.__version__ != "2.1.0")' 2>/dev/null; then
    step "paho-mqtt 2.1.0 present"
  else
    step "pip install paho-mqtt==2.1.0"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore paho-mqtt==2.1.0
  fi
  # jsonschema checks the lesson files against their schema.
  if python3 -c 'import jsonschema' 2>/dev/null; then
    step "jsonschema present"
  else
    step "pip install jsonschema==4.26.0"
    python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore jsonschema==4.26.0
  fi
fi

# -- Rust target ----------------------------------------------------------------------
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# -- Trunk (pinned) -------------------------------------------------------------------
if [[ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]]; then
  step "cargo install --locked trunk $TRUNK_VERSION (about 5 min on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
else
  step "trunk $TRUNK_VERSION present"
fi

# -- wasm-bindgen-cli: exactly the wasm-bindgen of Cargo.lock --------------------------
WB_VERSION=$(awk '/^name = "wasm-bindgen"$/ {getline; gsub(/version = |"/, ""); print; exit}' Cargo.lock)
if [[ -z "$WB_VERSION" ]]; then
  echo "[setup] cannot read the wasm-bindgen version from Cargo.lock" >&2
  exit 1
fi
if [[ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WB_VERSION" ]]; then
  # --locked fails for this release (its lock pins a crate the registry no longer serves).
  step "cargo install wasm-bindgen-cli $WB_VERSION (about 2 min)"
  cargo install wasm-bindgen-cli --version "$WB_VERSION" --force
else
  step "wasm-bindgen $WB_VERSION present"
fi

# -- wasm-split-cli (pinned): splits the release wasm into lazily loaded chunks --------
WASM_SPLIT_VERSION=0.2.4
# (it has no --version: cargo's record of installed crates tells the version)
if ! command -v wasm-split-cli >/dev/null \
  || ! grep -qs "\"wasm_split_cli_support $WASM_SPLIT_VERSION " "$HOME/.cargo/.crates.toml"; then
  step "cargo install --locked wasm_split_cli_support $WASM_SPLIT_VERSION (about 1 min)"
  cargo install --locked wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary
else
  step "wasm-split-cli $WASM_SPLIT_VERSION present"
fi

# -- npm: wasm-opt (binaryen) for the build, playwright-core for the e2e tests ---------
npm_ci() { # DIR
  if [[ ! -d "$1/node_modules" ]] || [[ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]]; then
    step "npm ci ($1)"
    (cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
  else
    step "npm packages present ($1)"
  fi
}
npm_ci tools
if [[ $WANT_TEST_TOOLS == 1 ]]; then npm_ci e2e; fi

# -- rumqttd (pinned, for the tests): one of the brokers e2e/brokers.mjs runs against ---
if [[ $WANT_TEST_TOOLS == 1 ]]; then
  if ! command -v rumqttd >/dev/null || ! grep -qs '"rumqttd-runner 0.20.0 ' "$HOME/.cargo/.crates.toml"; then
    # rumqttd's own lock does not build with this Rust: tools/rumqttd pins one that does.
    step "cargo install --locked --path tools/rumqttd (rumqttd 0.20.0, about 6 min on 2 cores)"
    cargo install --locked --path tools/rumqttd --force
  else
    step "rumqttd 0.20.0 present"
  fi
fi
step "ready"
