#!/usr/bin/env bash
# Runs every suite and prints how many tests each ran. Expects scripts/setup.sh test to have run.
#
#   0. lint:   rustfmt and clippy (native and wasm32), warnings as errors
#   1. native: unit tests, integration tests (tests/*.rs) and doctests, on the virtual clock, and
#      the mdBook preprocessor's tests (mdbook-waker-playground/)
#   2. Miri:   the core's unit tests (the waker vtable's unsafe code among them)
#   3. browser: tests/web.rs with wasm-bindgen-test in headless Chromium, on real setTimeout
#   4. end-to-end: Playwright drives /usr/bin/chromium against the release build in dist/
#   5. benchmark smoke: every benchmark workload at small sizes (correctness only, no timing)
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
LOGS="target/test-logs"
mkdir -p "$LOGS"

step() { printf '\n\033[1m== %s ==\033[0m\n' "$*"; }
# Sums "N passed" over every "test result:" line of a cargo log.
passed() { grep -Eo 'test result: ok\. [0-9]+ passed' "$1" | awk '{ s += $4 } END { print s + 0 }'; }

step "lint (rustfmt, clippy with warnings as errors)"
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p waker-playground --target wasm32-unknown-unknown --all-targets -- -D warnings
# The preprocessor's dependencies must not reach the wasm build, and the preprocessor must build
# the playground's model without the browser stack.
WASM_DEPS=$(cargo tree -p waker-playground --target wasm32-unknown-unknown -e normal --prefix none)
PRE_DEPS=$(cargo tree -p mdbook-waker-playground -e normal --prefix none)
if grep -q '^mdbook' <<<"$WASM_DEPS"; then echo "an mdbook crate reaches the wasm build"; exit 1; fi
if grep -Eq '^(yew|web-sys|wasm-bindgen) ' <<<"$PRE_DEPS"; then echo "the preprocessor pulls in the browser stack"; exit 1; fi
grep -q '^yew ' <<<"$WASM_DEPS" || { echo "cargo tree did not list the app's dependencies"; exit 1; }

step "native tests (cargo test)"
cargo test --workspace --all-targets 2>&1 | tee "$LOGS/native.log"
cargo test --workspace --doc 2>&1 | tee "$LOGS/doc.log"
NATIVE=$(passed "$LOGS/native.log"); DOC=$(passed "$LOGS/doc.log")

step "Miri (the engine's unit tests, and the waker and re-entrancy suites)"
cargo +nightly miri --version >/dev/null 2>&1 || { echo "Miri is missing: run scripts/setup.sh test"; exit 1; }
# The unit tests of the engine's modules (the vtable, executor, timers, simulator, trace), then
# the integration suites that drive wakers through the executor, threads included.
MIRIFLAGS="${MIRIFLAGS:--Zmiri-strict-provenance}" cargo +nightly miri test --lib -- \
  core::rt core::time core::trace 2>&1 | tee "$LOGS/miri.log"
MIRIFLAGS="${MIRIFLAGS:--Zmiri-strict-provenance}" cargo +nightly miri test --test wakers --test reentrancy 2>&1 | tee -a "$LOGS/miri.log"
# The task's allocation (core/rt/waker.rs) again: under Tree Borrows as well as Stacked Borrows,
# and its two-thread free under 16 schedules (one seed tries one order of the two drops; without
# the Acquire fence in `WakerHeader::release`, seed 15 reports the data race).
MIRIFLAGS="-Zmiri-strict-provenance -Zmiri-tree-borrows" cargo +nightly miri test --lib -- core::rt::waker 2>&1 | tee -a "$LOGS/miri.log"
MIRIFLAGS="-Zmiri-strict-provenance -Zmiri-many-seeds=0..16" cargo +nightly miri test --lib -- \
  core::rt::waker::tests::the_last_handle_and_the_last_waker_may_go_at_once_on_two_threads 2>&1 | tee -a "$LOGS/miri.log"
MIRI=$(passed "$LOGS/miri.log")

step "browser tests (wasm-bindgen-test, headless Chromium)"
# In release, as the page is built: one test measures the wasm stack the deepest programs need.
cargo test --release --target wasm32-unknown-unknown --test web 2>&1 | tee "$LOGS/browser.log"
BROWSER=$(passed "$LOGS/browser.log")

step "release build (trunk)"
trunk build --release --offline 2>&1 | tail -n 3
# The page's first module (the app as the split read it, names kept, and the profile that says
# what stays) formats no float with the standard library: only the language's second module does.
cargo run -q --release -p lazy-split -- --no-float-formatting target/lazy/full_bg.wasm tools/lazy-split/primary.txt

step "end-to-end tests (Playwright, /usr/bin/chromium)"
playwright test --config tests/e2e/playwright.config.js 2>&1 | tee "$LOGS/e2e.log"
E2E=$(grep -Eo '[0-9]+ passed' "$LOGS/e2e.log" | tail -n 1 | awk '{ print $1 }')

step "benchmark smoke (small sizes, correctness only)"
bash scripts/bench.sh --smoke 2>&1 | tee "$LOGS/bench-smoke.log"
SMOKE=$(grep -Eo 'smoke: [0-9]+ workloads ok' "$LOGS/bench-smoke.log" | awk '{ print $2 }')

# Every suite must have run something: a suite that silently ran nothing is a failure.
for pair in "native:$NATIVE" "doctests:$DOC" "Miri:$MIRI" "browser:$BROWSER" "end-to-end:${E2E:-0}" "benchmark smoke:${SMOKE:-0}"; do
  [ "${pair#*:}" -gt 0 ] 2>/dev/null || { echo "the $pair suite ran no tests"; exit 1; }
done

step "summary"
printf 'native tests (unit + integration): %s passed\n' "$NATIVE"
printf 'doctests:                          %s passed\n' "$DOC"
printf 'Miri:                              %s passed\n' "$MIRI"
printf 'browser tests (wasm, Chromium):    %s passed\n' "$BROWSER"
printf 'end-to-end tests (Playwright):     %s passed\n' "${E2E:-0}"
printf 'benchmark smoke workloads:         %s ok\n' "${SMOKE:-0}"
