# The two commands a newcomer types (see README.md):
#   make serve   set up, build, and serve the playground on http://127.0.0.1:8080
#   make test    set up, and run every test suite
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_BUILD_JOBS ?= 2

.PHONY: serve test bench fuzz mutants setup setup-test build lazy-profile

# make fuzz FUZZ_SECONDS=600 runs each target longer (default 60 s each).
FUZZ_SECONDS ?= 60

serve: setup
	trunk serve --release --offline

test: setup-test
	scripts/test.sh

bench: setup-test
	scripts/bench.sh

fuzz:
	scripts/setup.sh fuzz
	FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

mutants:
	scripts/setup.sh mutants
	scripts/mutants.sh

build: setup
	trunk build --release --offline

# Renews tools/lazy-split/primary.txt (which functions the page's own wasm module keeps), after
# changes to what an embed runs before it loads the language: tests/e2e/lazy.spec.js says when.
lazy-profile: setup-test
	trunk build --release --offline
	node scripts/lazy-profile.mjs
	trunk build --release --offline

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test
