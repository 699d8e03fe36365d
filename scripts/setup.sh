#!/usr/bin/env bash
# Installs what Waker Playground needs, skipping whatever is already there. Idempotent.
#
#   scripts/setup.sh build   the wasm target, trunk, the wasm-bindgen CLI, wasm-opt (npm binaryen)
#   scripts/setup.sh test    all of the above, plus Chromium and chromedriver, mdbook 0.5 and 0.4, and Miri
#   scripts/setup.sh fuzz    Rust, the nightly toolchain and cargo-fuzz (for make fuzz)
#   scripts/setup.sh mutants Rust, Node and cargo-mutants (for make mutants)
#
# Versions are pinned; see ../shared/TOOLCHAIN.md for why each one.
set -euo pipefail

cd "$(dirname "$0")/.."
TRUNK_VERSION="0.22.0-beta.1"
MDBOOK_VERSION="0.5.4"
# mdBook 0.4's line too (many books still build with it): beside 0.5, in a root of its own.
MDBOOK04_VERSION="0.4.52"
MDBOOK04_ROOT="$HOME/.local/mdbook-0.4"
CARGO_FUZZ_VERSION="0.13.1"
CARGO_MUTANTS_VERSION="27.1.0"
# The CLI must equal the wasm-bindgen version in Cargo.lock (pinned with = in Cargo.toml).
WASM_BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

need_rust() {
  command -v cargo >/dev/null || die "cargo is missing. Install Rust with rustup (https://rustup.rs), then run this again."
  command -v rustup >/dev/null || die "rustup is missing: the wasm32 target is installed with rustup. Install Rust with rustup (https://rustup.rs)."
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    say "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  for c in clippy rustfmt; do
    if ! rustup component list --installed | grep -q "^$c"; then
      say "adding the $c component"
      rustup component add "$c"
    fi
  done
}

need_trunk() {
  if trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then return; fi
  say "installing trunk $TRUNK_VERSION (about 10 minutes on 2 cores, once per machine)"
  cargo install --locked trunk --version "$TRUNK_VERSION"
}

need_wasm_bindgen() {
  [ -n "$WASM_BINDGEN_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
  if wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" \
     && command -v wasm-bindgen-test-runner >/dev/null; then return; fi
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  # Not --locked: one locked dependency of this release is missing from the registry.
  cargo install --force wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
}

need_node() {
  command -v node >/dev/null || die "node is missing. Install Node.js 18 or newer (e.g. apt-get install nodejs npm), then run this again."
  command -v npm >/dev/null || die "npm is missing. Install npm (e.g. apt-get install npm), then run this again."
  if [ -x node_modules/.bin/wasm-opt ] && [ -x node_modules/.bin/playwright ] \
     && node_modules/.bin/wasm-opt --version | grep -q "version 132" \
     && [ node_modules/.package-lock.json -nt package-lock.json ] ; then return; fi
  say "installing npm packages (binaryen for wasm-opt, @playwright/test)"
  npm ci --no-audit --no-fund
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

need_chromium() {
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then return; fi
  command -v apt-get >/dev/null || die "Chromium is missing and there is no apt-get. Install chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)."
  say "installing Chromium and chromedriver from Debian (1-2 minutes)"
  as_root apt-get install -y chromium chromium-driver || { as_root apt-get update && as_root apt-get install -y chromium chromium-driver; }
}

need_mdbook() {
  # The end-to-end tests build a real mdBook page with the generated embed snippet.
  if mdbook --version 2>/dev/null | grep -q "v$MDBOOK_VERSION"; then return; fi
  say "installing mdbook $MDBOOK_VERSION (about 2 minutes)"
  cargo install --locked mdbook --version "$MDBOOK_VERSION" --no-default-features --features search
}

need_mdbook04() {
  # The preprocessor speaks mdBook 0.4's protocol as well: the end-to-end tests build a book with it.
  if "$MDBOOK04_ROOT/bin/mdbook" --version 2>/dev/null | grep -q "v$MDBOOK04_VERSION"; then return; fi
  say "installing mdbook $MDBOOK04_VERSION in $MDBOOK04_ROOT (about 3 minutes)"
  cargo install --locked mdbook --version "$MDBOOK04_VERSION" --no-default-features --features search --root "$MDBOOK04_ROOT"
}

need_miri() {
  # Miri checks the waker vtable's unsafe code. It needs a nightly toolchain with the miri component.
  # make test runs it, so a machine that cannot have it cannot run the suite: stop here and say so.
  if cargo +nightly miri --version >/dev/null 2>&1; then return; fi
  say "installing Miri on the nightly toolchain"
  if ! rustup toolchain list | grep -q '^nightly'; then
    rustup toolchain install nightly --profile minimal || die "no nightly toolchain could be installed, and make test needs Miri (rustup toolchain install nightly)"
  fi
  rustup component add --toolchain nightly miri rust-src || die "Miri could not be installed, and make test needs it (rustup component add --toolchain nightly miri rust-src)"
  cargo +nightly miri setup || die "Miri's sysroot could not be built (cargo +nightly miri setup)"
}

need_nightly() {
  rustup toolchain list | grep -q '^nightly' && return
  say "installing the nightly toolchain"
  rustup toolchain install nightly --profile minimal || die "no nightly toolchain could be installed (rustup toolchain install nightly)"
}

need_cargo_fuzz() {
  # libFuzzer through cargo-fuzz: it builds the targets on nightly with sanitizer instrumentation.
  if cargo fuzz --version 2>/dev/null | grep -q "$CARGO_FUZZ_VERSION"; then return; fi
  say "installing cargo-fuzz $CARGO_FUZZ_VERSION (about 2 minutes)"
  cargo install --locked cargo-fuzz --version "$CARGO_FUZZ_VERSION"
}

need_cargo_mutants() {
  if cargo mutants --version 2>/dev/null | grep -q "$CARGO_MUTANTS_VERSION"; then return; fi
  say "installing cargo-mutants $CARGO_MUTANTS_VERSION (about 6 minutes)"
  cargo install --locked cargo-mutants --version "$CARGO_MUTANTS_VERSION"
}

case "${1:-build}" in
  build)
    need_rust; need_node; need_wasm_bindgen; need_trunk ;;
  test)
    need_rust; need_node; need_wasm_bindgen; need_trunk; need_chromium; need_mdbook; need_mdbook04; need_miri ;;
  fuzz)
    need_rust; need_nightly; need_cargo_fuzz ;;
  mutants)
    need_rust; need_node; need_cargo_mutants ;;
  *) die "usage: scripts/setup.sh build|test|fuzz|mutants" ;;
esac
say "ready"
