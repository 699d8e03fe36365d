// Compares builds (or peers) of one benchmark workload in alternating fresh pages of one
// Chromium, for a change measured one at a time: the machine's drift then falls on both sides.
// Each argument after the rounds is a folder holding a bench build (bench.html, bench.js, pkg/),
// optionally with `@peer` to override the peer for it. Prints each one's median and every page.
//   node tests/bench/ab.mjs executor_many 10000 bare 12 /tmp/www-before /tmp/www-after
//   KEY=own_future_ratio node tests/bench/ab.mjs interpreter 1000 - 8 /tmp/www-before /tmp/www-after
//   node tests/bench/ab.mjs executor_many 10000 - 10 target/bench/www@bare target/bench/www@spawn_local
// (A bench build: `cargo build --release --target wasm32-unknown-unknown --bin bench`, then
// wasm-bindgen and wasm-opt as scripts/bench.sh runs them, into a folder of its own.)
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';

const [w, n, peer, rounds, ...dirs] = process.argv.slice(2);
if (!w || !n || !peer || !(Number(rounds) > 0) || dirs.length === 0) {
  console.error('usage: node tests/bench/ab.mjs WORKLOAD N PEER ROUNDS DIR[@PEER]...');
  process.exit(2);
}
const key = process.env.KEY || 'ns_per_poll';
const servers = await Promise.all(dirs.map((d) => serve(d.split('@')[0])));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const out = dirs.map(() => []);
try {
  for (let r = 0; r < Number(rounds); r++) {
    for (let i = 0; i < dirs.length; i++) {
      const p = dirs[i].split('@')[1] || peer;
      const page = await browser.newPage();
      try {
        await page.goto(`http://127.0.0.1:${servers[i].address().port}/bench.html?w=${w}&n=${n}&peer=${p}&reps=6&warm_ms=1000`);
        await page.waitForFunction(() => window.__benchResult || window.__benchError || null, null, { timeout: 240_000, polling: 50 });
        const { result, error } = await page.evaluate(() => ({ result: window.__benchResult, error: window.__benchError }));
        if (error || !result || !(key in result)) throw new Error(`${dirs[i]}: ${error || `no ${key} in the result`}`);
        out[i].push(Number(result[key]));
      } finally {
        await page.close();
      }
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
dirs.forEach((d, i) => console.log(`${d}  ${key}: median ${median(out[i]).toFixed(2)}  (pages: ${out[i].map((x) => x.toFixed(1)).join(' ')})`));
