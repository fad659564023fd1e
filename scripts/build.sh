#!/usr/bin/env bash
# Builds the release bundle into dist/ with the installed tools (no downloads) and prints its size.
#
# The wasm is split: Trunk builds it with `--cfg mqtt_split` and relocations kept, and calls
# tools/split/wasm-bindgen, which cuts off the parts of src/web/lazy.rs into chunks before
# running the real wasm-bindgen; this script then optimizes the chunks and puts them, with
# their loader, next to the bundle. (Trunk cannot split by itself: trunk-rs/trunk#1022.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh
# wasm-opt comes from npm (tools/): Debian's 108 breaks wasm-bindgen's externref table.
export PATH="$PWD/tools/split:$PWD/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export MQTT_SPLIT_OUT="$PWD/target/split-out"
# Its own target directory: other flags than the tests' builds, so neither rebuilds the other.
export CARGO_TARGET_DIR="$PWD/target/split"
# RUSTFLAGS replaces .cargo/config.toml's flags for the wasm target: repeat them.
# Panic locations name source files: short paths instead of the registry's and the clone's.
export RUSTFLAGS="--cfg erase_components --cfg mqtt_split -Clink-arg=--emit-relocs \
  --remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src/=/ --remap-path-prefix=$PWD/=/"
echo "[build] trunk build --release --offline (split)"
rm -rf "$MQTT_SPLIT_OUT"
trunk build --release --offline

main_js=$(cd dist && ls mqtt-playground-*.js)
if ! loader=$(cd "$MQTT_SPLIT_OUT" 2>/dev/null && ls __wasm_split-*.js); then
  echo "[build] no split output: Trunk did not run tools/split/wasm-bindgen" >&2
  exit 1
fi
# The loader reaches the main module's exports through its JS glue, which Trunk has named.
sed "s|from \"./mqtt-playground.js\"|from \"./$main_js\"|" "$MQTT_SPLIT_OUT/$loader" >"dist/$loader"
if ! grep -qF "from \"./$main_js\"" "dist/$loader"; then
  echo "[build] the split loader does not import ./$main_js" >&2
  exit 1
fi
# The chunks get the optimizations index.html asks Trunk for on the main module, which lose
# the linker's notes (target features, producers): 170 bytes gzip a module, 32 KB in all.
opt_params=$(grep -o 'data-wasm-opt-params="[^"]*"' index.html | cut -d'"' -f2)
for chunk in "$MQTT_SPLIT_OUT"/*.wasm; do
  # shellcheck disable=SC2086 # the flags are words
  wasm-opt -Oz $opt_params "$chunk" -o "dist/$(basename "$chunk")"
done
# A file's subresource-integrity hash, as Trunk writes it into the page.
sri() { node -e 'const c=require("crypto"),f=require("fs");console.log("sha384-"+c.createHash("sha384").update(f.readFileSync(process.argv[1])).digest("base64"))' "$1"; }
# The main module's imports by short names (scripts/short-imports.mjs): 6 KB gzip less.
node scripts/short-imports.mjs "dist/${main_js%.js}_bg.wasm" "dist/$main_js"
# The JS as wasm-bindgen and the split tool wrote it, minified (Trunk minifies only the page
# and the stylesheet): 4.8 KB gzip less on a first visit.
while IFS= read -r js; do
  terser "dist/$js" --module --compress --mangle -o "dist/$js.min"
  mv "dist/$js.min" "dist/$js"
done < <(cd dist && find . -name '*.js' ! -name sw.js | sed 's|^\./||')
# The page's integrity hashes follow the files changed (the page names each as ./NAME, its
# hash after integrity=); a hash left stale would stop the page loading.
grep -oE 'href=\./[^ >]+ integrity=' dist/index.html | while read -r link; do
  file=${link#href=./}; file=${file%% *}; want=$(sri "dist/$file")
  sed -i -E "s#(href=\./${file//./\\.} integrity=)[^ >]+#\1$want#" dist/index.html
  if ! grep -qF "href=./$file integrity=$want" dist/index.html; then
    echo "[build] dist/index.html holds a stale integrity hash for $file" >&2
    exit 1
  fi
done
# The views' stylesheet (fetched when a view a first screen does not show opens) named by its
# contents, as the page's <meta name="views-css"> says: two builds' never mix.
views="views-$(sha256sum dist/views.css | cut -c1-16).css"
mv dist/views.css "dist/$views"
sed -i "s|views\.css|$views|g" dist/index.html
if ! grep -qF "$views" dist/index.html; then
  echo "[build] dist/index.html does not name $views" >&2
  exit 1
fi
# The module's own line (no budget: the budget is what Chromium fetches, printed below).
scripts/size.sh
# The service worker (offline use): the build's files, versioned by their contents. The SCORM
# package (made next) is not among them. files.json lists them too, with sw.js: the builder
# zips them into a teacher's SCORM package.
(
  cd dist
  rm -f files.json
  files=$(find . -type f ! -name sw.js ! -path './scorm/*' | sed 's|^\./||' | LC_ALL=C sort)
  version=$(printf '%s\n' "$files" | xargs sha256sum | sha256sum | cut -c1-16)
  list=$(printf '%s\n' "$files" | sed 's/.*/"&"/' | paste -sd, -)
  printf '[%s,"sw.js"]\n' "$list" > files.json
  sed -e "s|__VERSION__|$version|" -e "s|__FILES__|[$list,\"files.json\"]|" ../src/web/sw.js > sw.js
  echo "[build] sw.js: $(printf '%s\n' "$files" | wc -l) files, version $version"
)
# The SCORM 1.2 package for learning platforms (Moodle…): dist/scorm/mqtt-playground-scorm12.zip.
scripts/scorm.sh
# The first load as a student's browser sees it (every file Chromium fetches on a first visit,
# gzip, e2e/firstload.mjs): printed when Chromium is here; with FIRST_LOAD_CHECK=1 (the test
# command) measured always and held to its ceilings.
if [[ -n ${FIRST_LOAD_CHECK:-} || ( -x /usr/bin/chromium && -d e2e/node_modules/playwright-core ) ]]; then
  port=${FIRST_LOAD_PORT:-18078}
  node e2e/serve.mjs dist "$port" 127.0.0.1 & pids+=($!)
  wait_port "$port"
  if [[ -n ${FIRST_LOAD_CHECK:-} ]]; then
    node e2e/firstload.mjs "http://127.0.0.1:$port/" --check
  else
    node e2e/firstload.mjs "http://127.0.0.1:$port/" || echo "[build] could not measure the first load in Chromium" >&2
  fi
fi
