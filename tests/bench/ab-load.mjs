// Compares builds of the app on the `load` group's mobile figure, in alternating fresh pages of
// one Chromium: an embed of the seed, cold, to a working Run button, under Lighthouse's mobile
// profile (tests/bench/load.mjs). The machine's drift then falls on both sides. Each argument
// after the rounds is a folder holding a release build (a `dist/`).
//   node tests/bench/ab-load.mjs 5 /tmp/dist-before dist
import { chromium } from 'playwright-core';
import { embedOnce, MOBILE } from './load.mjs';
import { serve } from '../e2e/server.mjs';

const [rounds, ...dirs] = process.argv.slice(2);
if (!(Number(rounds) > 0) || dirs.length === 0) {
  console.error('usage: node tests/bench/ab-load.mjs ROUNDS DIST...');
  process.exit(2);
}
const servers = [];
for (const d of dirs) servers.push(await serve(d, 0, '127.0.0.1', {}, '/', ['gzip']));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const out = dirs.map(() => []);
try {
  for (let r = 0; r < Number(rounds); r++) {
    for (let i = 0; i < dirs.length; i++) {
      const { ms, wire_bytes: bytes } = await embedOnce(browser, `http://127.0.0.1:${servers[i].address().port}/?embed#p=seed`, MOBILE);
      out[i].push({ ms, bytes });
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
dirs.forEach((d, i) => {
  const ms = out[i].map((o) => o.ms).sort((a, b) => a - b);
  const all = out[i].map((o) => Math.round(o.ms)).join(' ');
  console.log(`${d}  median ${Math.round(ms[Math.floor(ms.length / 2)])} ms, ${out[i][0].bytes} B on the wire  (pages: ${all})`);
});
