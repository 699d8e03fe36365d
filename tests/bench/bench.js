// Loads the benchmark harness (src/bin/bench.rs); its main() reads ?w=&n=&peer= and runs one workload.
import init from './pkg/bench.js';
await init({ module_or_path: './pkg/bench_bg.wasm' });
