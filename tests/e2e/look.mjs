// Ad-hoc: open the playground, do a few things, take screenshots. Usage: node tests/e2e/look.mjs [out-dir]
import { chromium } from 'playwright-core';
import { serve } from './server.mjs';

const out = process.argv[2] || '/tmp/shots';
const server = await serve('dist');
const url = `http://127.0.0.1:${server.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on('console', (m) => console.log('console:', m.type(), m.text()));
page.on('pageerror', (e) => console.log('pageerror:', e.message));
await page.goto(url + (process.argv[3] || ''));
await page.waitForSelector('[data-testid=run]');
await page.screenshot({ path: `${out}/0-start.png`, fullPage: true });
await page.click('[data-testid=run]');
await page.waitForTimeout(800);
await page.screenshot({ path: `${out}/1-running.png`, fullPage: true });
await page.waitForTimeout(2000);
await page.screenshot({ path: `${out}/2-done.png`, fullPage: true });
await browser.close();
server.close();
