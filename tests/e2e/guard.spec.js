// static/guard.js: a page whose app cannot start shows why, instead of staying blank.
import { test, expect } from './fixtures.js';

test('a top-level page whose wasm is missing says its files could not be loaded, and names the file', async ({ browser }) => {
  // Not sandboxed, so not the CORS advice: the other message, with the failed file. A page of its
  // own, without the console watcher: the 404s in the console are the point of this test.
  const page = await browser.newPage();
  await page.route('**/*.wasm', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.route('**/waker-playground-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.goto('/');
  const box = page.locator('#load-failure');
  await expect(box).toContainText('Waker Playground could not start.', { timeout: 15_000 });
  await expect(box).toContainText('Its files could not be loaded. Reload the page');
  await expect(box).not.toContainText('Access-Control-Allow-Origin');
  await expect(box.locator('.detail')).toContainText(/waker-playground-[0-9a-f]+\.js|\.wasm|404|Failed/);
  await expect(page.getByTestId('run')).toHaveCount(0);
  await page.close();
});

test('a page whose app hangs without any error says so after 20 s, and not before', async ({ page }) => {
  await page.clock.install();
  // The app's JS never arrives: no error, no load, only a stall.
  await page.route('**/waker-playground-*.js', () => {});
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  await page.clock.runFor(19_000);
  await expect(page.locator('#load-failure')).toHaveCount(0);
  await page.clock.runFor(1_500);
  const box = page.locator('#load-failure');
  await expect(box).toContainText('Waker Playground could not start.');
  await expect(box.locator('.detail')).toHaveText('The app did not start within 20 s.');
});

test('an app that starts never shows the failure box, even after 20 s', async ({ page }) => {
  await page.clock.install();
  await page.goto('/');
  await expect(page.getByTestId('run')).toBeVisible({ timeout: 15_000 });
  await page.clock.runFor(25_000);
  await expect(page.locator('#load-failure')).toHaveCount(0);
});
