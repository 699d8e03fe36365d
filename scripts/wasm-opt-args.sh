# The wasm-opt arguments of every release build (the app's, by scripts/lazy-split.sh, and the
# benchmark harness's, by scripts/bench.sh), sourced by both so that the benchmark measures the
# code the app ships.
# - `-Oz`: Trunk's `data-wasm-opt="z"`.
# - `--no-inline` of the evaluator's general path (`Interp::slow_op` in src/play/lang/vm.rs):
#   wasm-opt inlines a function that has one caller, and this one would go back into the
#   evaluator's loop, a function Chromium's optimizing compiler then keeps fewer of the loop's
#   values in registers for (the interpreter's rows, 3.05x and 5.25x with it inlined against
#   2.95x and 4.84x without, in one A/B run of six pages each). It must come before `-Oz`:
#   wasm-opt runs its passes in order.
# shellcheck disable=SC2034
WASM_OPT_ARGS=(--no-inline='*::Interp>::slow_op' -Oz)
