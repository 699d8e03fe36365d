// Profiles one benchmark workload with Chromium's sampling profiler and prints the functions
// with the most self time. For a build with function names, run wasm-bindgen on the bench
// binary without wasm-opt into a folder, and pass it:
//   node tests/bench/profile.mjs '["executor_many",10000,"ours"]' /tmp/prof
import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';
const server = await serve(process.argv[3] || '/tmp/prof');
const base = `http://127.0.0.1:${server.address().port}/bench.html`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const [w, n, peer] = JSON.parse(process.argv[2]);
const page = await browser.newPage();
const cdp = await page.context().newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 20 });
await page.goto(`${base}?w=none`);
await cdp.send('Profiler.start');
await page.goto(`${base}?w=${w}&n=${n}&peer=${peer}&reps=${process.env.REPS||8}`);
await page.waitForFunction(() => window.__benchResult || window.__benchError || null, null, { timeout: 240000 });
const { profile } = await cdp.send('Profiler.stop');
console.log(JSON.stringify(await page.evaluate(() => window.__benchResult || window.__benchError)));
const self = new Map();
const dt = profile.timeDeltas; const byId = new Map(profile.nodes.map(n => [n.id, n]));
const counts = new Map();
for (const s of profile.samples) counts.set(s, (counts.get(s) || 0) + 1);
let total = 0;
for (const [id, c] of counts) { const nd = byId.get(id); const name = nd.callFrame.functionName || '(anon)'; self.set(name, (self.get(name) || 0) + c); total += c; }
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 30).forEach(([k, v]) => console.log((100 * v / total).toFixed(1).padStart(5), k.slice(0, 300)));
await browser.close(); server.close();
