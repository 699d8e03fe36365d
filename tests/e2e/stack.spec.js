// The page's wasm stack (320 KiB, .cargo/config.toml) holds the deepest run the language's bounds
// allow, started from a Run click: a stack overflow in wasm is a trap that would kill the page.
// tests/web.rs measures what the same program needs; this runs it where a learner would.
import { test, expect, open } from './fixtures.js';
import { readFileSync } from 'node:fs';

const AT_ONCE = readFileSync(new URL('../common/deepest-at-once.rs.txt', import.meta.url), 'utf8');

test('the deepest run the language allows finishes in the page, and the page runs again', async ({ page }) => {
  await open(page);
  await page.getByTestId('edit-as-code').click();
  await page.getByTestId('code-editor').fill(AT_ONCE);
  await expect(page.getByTestId('code-error')).toHaveCount(0);
  for (let round = 0; round < 2; round++) {
    await page.getByTestId('run').click();
    await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
    const lines = await page.getByTestId('console').locator('li:not(.empty) .text').allTextContents();
    // The clone equals the value; its `{:#?}` text is 120 levels of `C(` and indentation; the
    // calls unwind to 26.
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^true true \d{5,}$/);
    expect(lines[1]).toBe('26');
  }
});
