#!/usr/bin/env bash
# Builds the release wasm (the app and the benchmark harness) and runs every benchmark workload
# in headless Chromium. `--smoke` runs small sizes and checks results only (part of `make test`).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

WWW=target/bench/www
cargo build --release --target wasm32-unknown-unknown --bin bench
rm -rf "$WWW" && mkdir -p "$WWW/pkg"
wasm-bindgen --target web --no-typescript --out-dir "$WWW/pkg" target/wasm32-unknown-unknown/release/bench.wasm
# The same optimisation the app's build gives it.
source scripts/wasm-opt-args.sh
wasm-opt "${WASM_OPT_ARGS[@]}" "$WWW/pkg/bench_bg.wasm" -o "$WWW/pkg/bench_bg.wasm"
cp tests/bench/bench.html tests/bench/bench.js "$WWW/"
# The size workload measures the app's release build.
trunk build --release --offline
node tests/bench/run.mjs "$@"
