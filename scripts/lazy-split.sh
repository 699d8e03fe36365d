#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml): splits the app's wasm in two (tools/lazy-split says how
# and why), then optimizes both halves for size as Trunk's own wasm-opt step would have (Trunk's
# is switched off in index.html: it would strip the function names the split reads).
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-$(dirname "$0")/..}"
staging=${TRUNK_STAGING_DIR:?run by trunk}
shopt -s nullglob
files=("$staging"/*_bg.wasm)
[[ ${#files[@]} == 1 ]] || { echo "lazy-split.sh: expected one *_bg.wasm in $staging, found ${#files[@]}" >&2; exit 1; }
wasm=${files[0]}
lazy=${wasm%_bg.wasm}_lazy.wasm
# The whole module, names kept, for `make lazy-profile`.
mkdir -p target/lazy
cp "$wasm" target/lazy/full_bg.wasm
cargo run -q --release -p lazy-split -- "$wasm" "$wasm" "$lazy" --keep-file tools/lazy-split/primary.txt
if [[ ${TRUNK_PROFILE:-release} == release ]]; then
  opt=wasm-opt
  [[ -x node_modules/.bin/wasm-opt ]] && opt=node_modules/.bin/wasm-opt
  for f in "$wasm" "$lazy"; do
    "$opt" -Oz --enable-reference-types "$f" -o "$f.opt"
    mv "$f.opt" "$f"
  done
fi
