import { chromium } from 'playwright-core';
import { serve } from '../e2e/server.mjs';
const server = await serve(process.env.WWW||'target/bench/www');
const base = `http://127.0.0.1:${server.address().port}/bench.html`;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const [w, n, peer] of JSON.parse(process.argv[2])) {
  const page = await browser.newPage();
  await page.goto(`${base}?w=${w}&n=${n}&peer=${peer}&reps=${process.env.REPS||1}`);
  await page.waitForFunction(() => window.__benchResult || window.__benchError || null, null, { timeout: 240000 });
  console.log(w, n, peer, JSON.stringify(await page.evaluate(() => window.__benchResult || window.__benchError)));
  await page.close();
}
await browser.close(); server.close();
