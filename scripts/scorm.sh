#!/usr/bin/env bash
# Writes the SCORM 1.2 package of the built app: dist/scorm/mqtt-playground-scorm12.zip, with
# imsmanifest.xml (one SCO per lesson, launching index.html?lesson=ID&embed=1) and every file
# of dist/. Run after scripts/build.sh (which calls it). SCORM_LANG=en titles the lessons in
# English (default: es).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
[ -f dist/index.html ] || { echo "[scorm] no dist/index.html: run scripts/build.sh first" >&2; exit 1; }
source scripts/lib.sh
stage=$(mktemp -d)
dirs_to_remove+=("$stage")
cp -r dist/. "$stage/"
rm -rf "$stage/scorm"
# The manifest example is built for the host, in the target directory the tests use (not with
# the release build's wasm flags, which scripts/build.sh exports).
env -u RUSTFLAGS -u CARGO_TARGET_DIR -u MQTT_SPLIT_OUT cargo run --quiet --locked --example scorm_manifest -- --lang "${SCORM_LANG:-es}" "$stage" \
  > "$stage/imsmanifest.xml"
mkdir -p dist/scorm
out="$PWD/dist/scorm/mqtt-playground-scorm12.zip"
rm -f "$out"
# Python's zipfile (Debian's python3) writes the zip: paths relative to the package root.
python3 - "$stage" "$out" <<'PY'
import os, sys, zipfile
root, out = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for d, _, names in os.walk(root):
        for n in sorted(names):
            p = os.path.join(d, n)
            z.write(p, os.path.relpath(p, root))
PY
echo "[scorm] $(du -k "$out" | cut -f1) KB: $out ($(grep -c 'scormtype="sco"' "$stage/imsmanifest.xml") lessons)"
