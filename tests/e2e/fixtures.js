// Shared fixtures: every test fails if the page throws, logs an error, or shows the panic overlay.
import { test as base, expect } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SHOTS = new URL('./screenshots/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

/** A fresh folder under the system's temporary folder, removed with everything in it when this
 * test worker's process exits (host pages, mdBooks built by the tests). */
const made = [];
process.on('exit', () => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Collects page errors and console errors; `check()` fails the test if there were any. */
export function watch(page) {
  const problems = [];
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
  });
  return {
    async check() {
      await expect(page.locator('#panic-overlay')).toHaveCount(0);
      expect(problems, problems.join('\n')).toEqual([]);
    },
  };
}

export const test = base.extend({
  page: async ({ page }, use) => {
    const w = watch(page);
    await use(page);
    await w.check();
  },
});
export { expect };

/** Opens the playground and waits for the app to render. */
export async function open(page, path = '/') {
  await page.goto(path);
  await expect(page.getByTestId('run')).toBeVisible();
}

/** Loads a preset by id. */
export async function preset(page, id) {
  await page.getByTestId('preset').selectOption(id);
}

/** The number in "N polls · M ticks". */
export async function polls(page) {
  const text = await page.locator('.mode-line .counts').textContent();
  const m = /(\d+) polls?\b/.exec(text || '');
  return m ? Number(m[1]) : 0;
}

/** Milliseconds from a displayed time: "502 ms", "1.50 s", "12 µs". The unit is read, never
 * assumed: text without a time and a unit is an error, not a number. */
export function toMs(text) {
  const m = /(\d+(?:\.\d+)?) (µs|ms|s)(?![\w])/.exec(text ?? '');
  if (!m) throw new Error(`not a time with a unit: ${JSON.stringify(text)}`);
  return Number(m[1]) * { 'µs': 0.001, ms: 1, s: 1000 }[m[2]];
}

/** The run-relative time (ms) shown for the first event-log row matching `what` (and `who`). */
export async function logTime(page, what, who) {
  let rows = page.getByTestId('event-log').locator('li', { hasText: what });
  if (who) rows = rows.filter({ hasText: who });
  return toMs((await rows.first().locator('.t').textContent()).trim());
}
