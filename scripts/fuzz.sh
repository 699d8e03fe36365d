#!/usr/bin/env bash
# make fuzz: each cargo-fuzz target (tests/fuzz/) for FUZZ_SECONDS (default 60), from seed corpora
# written by the fuzz-seeds binary (the presets, their traces, the differential test's programs).
# Prints executions per second and what was found; a crash stops it with the input's path, which
# then becomes a regression test (see README, "Fuzzing").
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
SECONDS_EACH="${FUZZ_SECONDS:-60}"
TARGETS=(share_link trace_import program_parser interpreter)
OUT=target/fuzz
mkdir -p "$OUT/logs" "$OUT/artifacts"
cargo run -q --release --bin fuzz-seeds -- "$OUT/corpus"
cargo +nightly fuzz build --fuzz-dir tests/fuzz --target-dir "$OUT/build" -O
report="$OUT/summary.txt"
: > "$report"
for t in "${TARGETS[@]}"; do
  log="$OUT/logs/$t.log"
  # The program targets mutate with the language's tokens too (byte-level mutations alone
  # rarely write a program that parses and does something new).
  dict=()
  case "$t" in program_parser | interpreter) dict=(-dict=tests/fuzz/rust.dict) ;; esac
  printf '\033[1m== %s, %s s ==\033[0m\n' "$t" "$SECONDS_EACH"
  if ! cargo +nightly fuzz run --fuzz-dir tests/fuzz --target-dir "$OUT/build" -O "$t" "$OUT/corpus/$t" -- \
      -max_total_time="$SECONDS_EACH" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$OUT/artifacts/$t-" "${dict[@]}" >"$log" 2>&1; then
    tail -n 40 "$log"
    echo "$t: a crash; the input is in $OUT/artifacts/ (log: $log)"
    exit 1
  fi
  done_line=$(grep -E '^#[0-9]+.*DONE' "$log" | tail -n 1)
  runs=$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")
  per_sec=$(sed -E 's/.*exec\/s: ([0-9]+).*/\1/' <<<"$done_line")
  cov=$(sed -E 's/.*cov: ([0-9]+).*/\1/' <<<"$done_line")
  printf '%-15s %9s runs  %6s exec/s  coverage %6s  no crash\n' "$t" "$runs" "$per_sec" "$cov" | tee -a "$report"
done
echo "summary: $report"
