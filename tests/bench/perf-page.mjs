// Runs one benchmark workload in a headless Chromium whose V8 writes a jitdump of the code it
// compiles (`--perf-prof`): run under `perf record` by scripts/perf-wasm.sh, which reads the
// wasm functions' machine code and samples from it. Arguments: the bench build's folder, then
// the workload, its size and its peer, as tests/bench/ab.mjs takes them.
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const [dir, w, n, peer] = process.argv.slice(2);
if (!dir || !w || !n) {
  console.error('usage: node tests/bench/perf-page.mjs DIR WORKLOAD N [PEER]');
  process.exit(2);
}
// Cross-origin isolated, as the benchmark's own pages are (a precise clock).
const server = await serve(dir, 0, '127.0.0.1', {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
});
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  // One process for the browser and its pages' V8 (no zygote to fork it): perf follows it, and
  // the jitdump lands in this process's folder.
  args: ['--no-sandbox', '--no-zygote', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run', '--js-flags=--perf-prof --no-write-protect-code-memory'],
});
try {
  const page = await browser.newPage();
  const reps = process.env.REPS || 30;
  await page.goto(`http://127.0.0.1:${server.address().port}/bench.html?w=${w}&n=${n}&peer=${peer || ''}&reps=${reps}&warm_ms=1000`);
  await page.waitForFunction(() => window.__benchResult || window.__benchError || null, null, { timeout: 600_000, polling: 50 });
  const { result, error } = await page.evaluate(() => ({ result: window.__benchResult, error: window.__benchError }));
  if (error) throw new Error(error);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
