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
  source scripts/wasm-opt-args.sh
  opt=wasm-opt
  [[ -x node_modules/.bin/wasm-opt ]] && opt=node_modules/.bin/wasm-opt
  for f in "$wasm" "$lazy"; do
    "$opt" "${WASM_OPT_ARGS[@]}" --enable-reference-types "$f" -o "$f.opt"
    mv "$f.opt" "$f"
  done
fi
# Trunk named the module by a hash taken before the split: a new profile or tool would give new
# bytes under the old name, and a cache could pair a first module with another build's second.
# Both are named by a hash of the pair, and the page's references follow.
old=$(basename "${wasm%_bg.wasm}")
new="${old%-*}-$(cat "$wasm" "$lazy" | sha256sum | cut -c1-16)"
mv "$wasm" "$staging/${new}_bg.wasm"
mv "$lazy" "$staging/${new}_lazy.wasm"
grep -l "${old}_bg.wasm" "$staging"/*.html | while read -r page; do
  sed -i "s/${old}_bg\.wasm/${new}_bg.wasm/g" "$page"
done
grep -q "${new}_bg.wasm" "$staging/index.html" || { echo "lazy-split.sh: index.html does not name ${new}_bg.wasm" >&2; exit 1; }
