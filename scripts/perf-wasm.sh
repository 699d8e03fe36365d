#!/usr/bin/env bash
# Profiles one benchmark workload in Chromium with Linux perf, down to the machine instructions
# V8 compiled the wasm to: Chromium's own profiler names only whole wasm functions, and the
# evaluator's loop is one function. Builds the bench harness as scripts/bench.sh does, keeping
# function names (`wasm-opt -g`), runs tests/bench/perf-page.mjs under `perf record`, merges V8's
# jitdump (`perf inject --jit`), and prints the functions with the most samples; with a fourth
# argument, the hottest instructions of the first function whose name contains it, and its
# samples by 256-byte stretch (a function's entry is its first stretches).
#   scripts/perf-wasm.sh interpreter 1000 - 'Interp>::run-'
#   scripts/perf-wasm.sh executor_many 10000 bare
# Needs perf (Debian's linux-perf); software sampling (cpu-clock) is enough.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
[[ $# -ge 3 ]] || { echo "usage: scripts/perf-wasm.sh WORKLOAD N PEER|- [FUNCTION]" >&2; exit 2; }
command -v perf > /dev/null || { echo "perf-wasm.sh: perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
w=$1 n=$2 peer=$3 fn=${4:-}
[[ $peer == - ]] && peer=
out=$PWD/target/perf-wasm
rm -rf "$out" && mkdir -p "$out/www/pkg"
cargo build -q --release --target wasm32-unknown-unknown --bin bench
wasm-bindgen --target web --no-typescript --out-dir "$out/www/pkg" target/wasm32-unknown-unknown/release/bench.wasm
source scripts/wasm-opt-args.sh
wasm-opt "${WASM_OPT_ARGS[@]}" -g "$out/www/pkg/bench_bg.wasm" -o "$out/www/pkg/bench_bg.wasm"
cp tests/bench/bench.html tests/bench/bench.js "$out/www/"
# V8 writes jit-<pid>.dump into its process's working folder.
(cd "$out" && perf record -q -F 4000 -k mono -o perf.data -- node "$OLDPWD/tests/bench/perf-page.mjs" "$out/www" "$w" "$n" "$peer")
perf inject --jit -i "$out/perf.data" -o "$out/perf.jit.data"
perf report -i "$out/perf.jit.data" --stdio --comm chromium --sort sym -n --percentage relative 2> /dev/null > "$out/report.txt"
# Crate hashes out of the names, for reading.
grep -v -e '^#' -e '^$' "$out/report.txt" | sed -n 1,30p | sed -E 's/\[[0-9a-f]{16}\]//g' | cut -c1-200
[[ -n $fn ]] || exit 0
sym=$(grep -o "JS:.*-turbofan" "$out/report.txt" | grep -F -- "$fn" | sed -n 1p)
[[ -n $sym ]] || { echo "perf-wasm.sh: no optimized function whose name contains $fn" >&2; exit 1; }
perf annotate -i "$out/perf.jit.data" --stdio -s "$sym" 2> /dev/null > "$out/annotate.txt"
echo
echo "$sym" | sed -E 's/\[[0-9a-f]{16}\]//g'
echo "hottest instructions (percent of the function's samples):"
grep -E '^\s+[0-9]+\.[0-9]+ :' "$out/annotate.txt" | sort -rn | sed -n 1,20p | cut -c1-140
echo "samples by 256-byte stretch of the function (offset: percent):"
python3 - "$out/annotate.txt" << 'PY'
import re, sys
stretch = {}
for line in open(sys.argv[1]):
    m = re.match(r"\s+([0-9.]+)\s+:\s+([0-9a-f]+):", line)
    if m:
        k = int(m.group(2), 16) // 256 * 256
        stretch[k] = stretch.get(k, 0) + float(m.group(1))
for k in sorted(stretch):
    if stretch[k] >= 1:
        print(f"{k:6x}: {stretch[k]:5.1f}")
PY
echo "(the whole listing: $out/annotate.txt)"
