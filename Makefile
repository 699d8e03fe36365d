# The two commands a newcomer types (see README.md):
#   make serve   set up, build, and serve the playground on http://127.0.0.1:8080
#   make test    set up, and run every test suite
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)
export CARGO_BUILD_JOBS ?= 2

.PHONY: serve test bench setup setup-test build

serve: setup
	trunk serve --release --offline

test: setup-test
	scripts/test.sh

bench: setup-test
	scripts/bench.sh

build: setup
	trunk build --release --offline

setup:
	scripts/setup.sh build

setup-test:
	scripts/setup.sh test
