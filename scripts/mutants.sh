#!/usr/bin/env bash
# make mutants: cargo-mutants over src/core and src/play, then target/mutants/summary.json and the
# README's table (scripts/mutants-table.mjs). Not part of make test: a full run is long (about
# 6,000 mutants; see the README for the time per mutant on 2 cores).
#
#   MUTANTS_SHARD=0/20 make mutants    one twentieth of the mutants of each area (a sample)
#   MUTANTS_AREAS=core make mutants    one area only
#   MUTANTS_RE='regex' make mutants    only the mutants whose names match (cargo-mutants' --re), to
#                                      test again the ones a sample missed, once tests are written
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-2}"
AREAS="${MUTANTS_AREAS:-core play}"
shard=()
# A shard is a sample spread over the whole area (round-robin), not a run of neighbours.
shard_name=""
if [ -n "${MUTANTS_SHARD:-}" ]; then
  shard=(--shard "$MUTANTS_SHARD" --sharding round-robin)
  shard_name="${MUTANTS_SHARD//\//of}"
fi
if [ -n "${MUTANTS_RE:-}" ]; then
  # cargo-mutants 27.1.0 keeps every struct-field deletion in the area whatever `--re` (or
  # `--exclude-re`) says: they are tested too, as the run's outcome file shows.
  shard+=(--re "$MUTANTS_RE")
  shard_name="${shard_name:+$shard_name-}again"
fi
mkdir -p target/mutants
for area in $AREAS; do
  printf '\033[1m== mutants in src/%s %s ==\033[0m\n' "$area" "${MUTANTS_SHARD:-}"
  # The native suites of the crate (unit and integration tests, not doctests, the browser or the
  # e2e suites) and the differential test against rustc (the `oracle` package: each corpus
  # program compiled by rustc and run by the mutated interpreter), in the dev profile; a mutant
  # that makes them hang is a timeout (caught).
  cargo mutants --no-shuffle -j 1 "${shard[@]}" \
    --file "src/$area/**/*.rs" \
    --output "target/mutants/$area" \
    --test-package waker-playground --test-package oracle \
    --timeout-multiplier 3 --minimum-test-timeout 60 \
    --cargo-test-arg=--lib --cargo-test-arg=--tests \
    || true # missed mutants make cargo-mutants exit non-zero; the table reports them
  # Samples add up: each run's outcomes (each mutant's name and outcome, nothing else) are kept in
  # tests/mutants/<area>/, named by when and which shard, so they are committed with the tests
  # they measured and outlive the machine; the table counts every mutant once (its latest
  # outcome). A run of all mutants replaces them.
  mkdir -p "tests/mutants/$area"
  if [ -z "${MUTANTS_SHARD:-}${MUTANTS_RE:-}" ]; then rm -f "tests/mutants/$area/"*.json; fi
  # The mutants of the code as it is now, for the table to tell apart a kept outcome whose code
  # is gone.
  cargo mutants --list --file "src/$area/**/*.rs" > "target/mutants/$area-list.txt" || true
  if [ -f "target/mutants/$area/mutants.out/outcomes.json" ]; then
    node -e '
      const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      const rows = o.outcomes.filter((x) => x.scenario !== "Baseline" && x.scenario.Mutant)
        .map((x) => ({ name: x.scenario.Mutant.name, summary: x.summary }));
      process.stdout.write(JSON.stringify({ outcomes: rows }, null, 1) + "\n");
    ' "target/mutants/$area/mutants.out/outcomes.json" \
      > "tests/mutants/$area/$(date +%Y%m%d-%H%M%S)-${shard_name:-all}.json"
  fi
done
node scripts/mutants-table.mjs
