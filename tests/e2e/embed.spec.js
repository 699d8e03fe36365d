// Share links, the embedded layout, the demo tutorial page, postMessage, and an mdBook page.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, watch, SHOTS, tempDir } from './fixtures.js';
import { serve } from './server.mjs';

const TYPE = 'waker-playground';

async function editorState(page) {
  return page.evaluate(() => ({
    names: [...document.querySelectorAll('[data-testid=task-name]')].map((e) => e.value),
    durations: [...document.querySelectorAll('[data-testid=duration]')].map((e) => e.value),
    kinds: [...document.querySelectorAll('.step .kind')].map((e) => e.value),
    mode: document.querySelector('[data-testid=mode]').value,
    slow: document.querySelector('[data-testid=slowmo]').value,
  }));
}

test('opening a share URL restores exactly that scenario', async ({ page, context }) => {
  await open(page, '/#t=howdy:sleep(1234),yield*2;race:select(300,700)&mode=manual&slow=150&timers=driver');
  const restored = await editorState(page);
  expect(restored).toEqual({
    names: ['howdy', 'race'],
    durations: ['1234', '300', '700'],
    kinds: ['sleep', 'yield', 'yield', 'select'],
    mode: 'manual',
    slow: '150',
  });
  await expect(page.getByTestId('backend')).toHaveValue('driver');

  // Edit it, share it, open the link in a fresh page: the same scenario comes back.
  await page.getByTestId('duration').first().fill('4321');
  await page.getByTestId('add-task').click();
  await page.getByTestId('share').click();
  const url = await page.getByTestId('share-link').inputValue();
  expect(url).toContain('#t=howdy:sleep(4321),yield*2;race:select(300,700);task1:sleep(1000)&mode=manual&slow=150&timers=driver');
  const edited = await editorState(page);
  const other = await context.newPage();
  await other.goto(url);
  await expect(other.getByTestId('run')).toBeVisible();
  expect(await editorState(other)).toEqual(edited);
  await other.close();

  // A preset makes a short link, even with 1,000 tasks; the settings chosen travel along.
  await page.getByTestId('preset').selectOption('thousand');
  await page.getByTestId('mode').selectOption('frame');
  await page.getByTestId('share').click();
  expect(await page.getByTestId('share-link').inputValue()).toMatch(/\/#p=thousand&mode=frame&slow=150&timers=driver$/);

  // A new fragment pasted into the same tab loads that scenario.
  await page.evaluate(() => { location.hash = '#t=pasted:sleep(42)'; });
  await expect(page.getByTestId('task-name')).toHaveValue('pasted');
  await expect(page.getByTestId('duration')).toHaveValue('42');
  await page.evaluate(() => { location.hash = '#t=broken:slep(1)'; });
  await expect(page.getByTestId('notices')).toContainText('the current one is kept');
  await expect(page.getByTestId('task-name')).toHaveValue('pasted');
});

test('a malformed or hostile URL shows the error and the default scenario', async ({ page }) => {
  await open(page, '/#t=howdy:slep(2000)');
  await expect(page.getByTestId('notices')).toContainText('could not be loaded');
  await expect(page.getByTestId('notices')).toContainText('unknown step "slep"');
  expect((await editorState(page)).names).toEqual(['howdy']);
  await expect(page.getByTestId('preset')).toHaveValue('seed');

  await open(page, '/?embed=yes#t=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E:yield');
  await expect(page.getByTestId('notices')).toContainText('not allowed');
  await expect(page.getByTestId('notices')).toContainText('options were ignored');
  await expect(page.locator('img')).toHaveCount(0);

  // An autoplaying embed of a broken program: the run of the default scenario starts, and the
  // reason it is not the linked one stays on screen.
  await open(page, '/?embed&autoplay#code=' + Buffer.from('async fn main() {\n    sleep(5)\n    match x {}\n}\n').toString('base64url'));
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 8000 });
  await expect(page.getByTestId('notices')).toContainText('could not be loaded');
  await expect(page.getByTestId('notices')).toContainText('the program has an error at 3:5');

  const huge = '/#t=' + 'a:yield;'.repeat(1500);
  await open(page, huge);
  await expect(page.getByTestId('notices')).toContainText('the limit is 8192');
  await page.screenshot({ path: `${SHOTS}bad-url.png` });
});

test('the embed layout works from 320 px wide, autoplays and links to the full playground', async ({ browser, baseURL }) => {
  const page = await browser.newPage({ viewport: { width: 320, height: 600 } });
  const w = watch(page);
  await page.goto(`${baseURL}/?embed&autoplay#p=seed`);
  await expect(page.getByTestId('embed-app')).toBeVisible();
  await expect(page.getByTestId('status')).toHaveText('running');
  await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByTestId('open-full')).toHaveAttribute('href', /\/#p=seed$/);
  await expect(page.getByTestId('metrics')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}embed-320.png`, fullPage: true });
  await w.check();
  await page.close();
});

test('the demo tutorial page: sandboxed iframes load and run', async ({ page }) => {
  await page.goto('/static/tutorial.html');
  const frames = page.locator('iframe');
  await expect(frames).toHaveCount(3);
  for (const f of await frames.all()) {
    const sandbox = (await f.getAttribute('sandbox')).split(/\s+/);
    expect(sandbox).toContain('allow-scripts');
    expect(sandbox).not.toContain('allow-same-origin');
    expect(await f.getAttribute('title')).toMatch(/^Waker Playground: /);
  }
  const seed = page.frameLocator('#seed');
  await expect(seed.getByTestId('run')).toBeVisible({ timeout: 20_000 });
  await expect(seed.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  await page.locator('#lost').scrollIntoViewIfNeeded(); // loading="lazy"
  const lost = page.frameLocator('#lost');
  await expect(lost.getByTestId('run')).toBeVisible({ timeout: 20_000 });
  await expect(lost.getByTestId('status')).toContainText('stuck', { timeout: 20_000 });
  // The sandboxed frame really has an opaque origin.
  const origin = await page.frame({ url: /#p=seed/ }).evaluate(() => self.origin);
  expect(origin).toBe('null');
  await page.screenshot({ path: `${SHOTS}tutorial.png` });
  // Frames load lazily: shoot each where a reader would see it.
  for (const id of ['seed', 'select', 'lost']) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    await page.locator(`#${id}`).screenshot({ path: `${SHOTS}tutorial-${id}.png` });
  }
});

test('postMessage from the parent: run works, wrong shapes are ignored, events come back', async ({ page }) => {
  await page.goto('/static/tutorial.html');
  const select = page.frameLocator('#select');
  await expect(select.getByTestId('status')).toHaveText('not started');
  await expect(page.locator('#remote-log')).toContainText('listening');

  // Wrong shapes: each is ignored.
  await page.evaluate((TYPE) => {
    const w = document.getElementById('select').contentWindow;
    for (const m of [
      'run',
      ['run'],
      { action: 'run' },
      { type: 'other', action: 'run' },
      { type: TYPE, action: 'run', extra: 1 },
      { type: TYPE, action: 'RUN' },
      { type: TYPE, action: 7 },
      { type: TYPE, action: 'run', scenario: 'p=seed' },
      null,
    ]) w.postMessage(m, '*');
  }, TYPE);
  await page.waitForTimeout(600);
  await expect(select.getByTestId('status')).toHaveText('not started');

  // The documented "run".
  await page.locator('#remote-run').click();
  await expect(select.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  await expect(page.locator('#remote-log')).toContainText('task race completed');
  await expect(page.locator('#remote-log')).toContainText('status: finished');

  // load: a good scenario replaces it; a bad one is reported, not applied.
  await page.locator('button[data-load]').click();
  await expect(select.getByTestId('status')).toHaveText('not started');
  await page.locator('#remote-run').click();
  await expect(select.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  // The loaded three-way race ran: three timers, one fired, two cancelled.
  await expect(select.locator('.embed-title')).toContainText('custom scenario');
  await expect(select.getByTestId('embed-counts')).toHaveText('timers: 3 armed · 1 fired · 2 cancelled');
  await expect(select.getByTestId('code')).toContainText('fn poll');

  // pause, step and reset, as the parent's buttons send them.
  await page.locator('#remote-run').click();
  await page.locator('button[data-action="pause"]').click();
  await expect(select.getByTestId('status')).toHaveText(/^paused/);
  await page.locator('button[data-action="reset"]').click();
  await expect(select.getByTestId('status')).toHaveText('not started');
  // Step from scratch polls exactly one task once: the race's first poll arms its three timers,
  // and nothing has fired yet.
  await page.locator('button[data-action="step"]').click();
  await expect(select.getByTestId('status')).toHaveText(/^paused/);
  await expect(select.getByTestId('embed-counts')).toHaveText('timers: 3 armed · 0 fired · 0 cancelled');
  // A second step finds the ready queue empty (the task waits on its timers, the first due at
  // 1.5 s) and says so.
  await page.locator('button[data-action="step"]').click();
  await expect(select.getByTestId('notices')).toContainText('Nothing to poll');
  await page.locator('button[data-action="reset"]').click();
  await expect(select.getByTestId('status')).toHaveText('not started');
  // A message the frame sends itself is not from its parent: ignored.
  await page.frame({ url: /#p=select|#t=race/ }).evaluate((TYPE) => window.postMessage({ type: TYPE, action: 'run' }, '*'), TYPE);
  await page.waitForTimeout(300);
  await expect(select.getByTestId('status')).toHaveText('not started');
  await page.evaluate((TYPE) => {
    document.getElementById('select').contentWindow.postMessage({ type: TYPE, action: 'load', scenario: 't=x:slep(1)' }, '*');
  }, TYPE);
  await expect(page.locator('#remote-log')).toContainText('error: task "x": unknown step');
  await expect(select.getByTestId('notices')).toContainText('bad scenario');
});

test('the generated snippet works pasted into a plain HTML page', async ({ page, baseURL }) => {
  await open(page, '/#p=select');
  await page.getByTestId('embed').click();
  await expect(page.getByTestId('embed-dialog')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('embed-dialog')).toHaveCount(0);
  await expect(page.getByTestId('embed')).toBeFocused();
  await page.getByTestId('embed').click();
  // Served from 127.0.0.1, the page cannot offer its own address: the snippet has a placeholder,
  // and the dialog says why, until the author writes where the playground lives.
  await expect(page.getByTestId('embed-local-note')).toContainText('only this computer can open');
  await expect(page.getByTestId('embed-snippet')).toHaveValue(/src="https:\/\/YOUR-SITE\.example\/waker-playground\/\?embed/);
  await expect(page.getByTestId('embed-cors-note')).toContainText('Access-Control-Allow-Origin: *');
  await page.getByTestId('embed-address').fill(`${baseURL}/`);
  await page.getByTestId('embed-height').fill('-5');
  await page.getByTestId('embed-height').press('Tab');
  await expect(page.getByTestId('embed-height')).toHaveValue('320');
  await page.getByTestId('embed-height').fill('440');
  await page.getByTestId('embed-height').press('Tab');
  await expect(page.getByTestId('embed-snippet')).toHaveValue(/height="440"/);
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toContain(`src="${baseURL}/?embed&amp;autoplay#p=select"`);
  const dir = tempDir('wp-page-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><title>A tutorial</title><link rel="icon" href="data:,"><h1>My tutorial</h1>\n${snippet}\n`);
  const other = await serve(dir); // another origin, like a real blog
  await page.goto(`http://127.0.0.1:${other.address().port}/`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  await expect(frame.locator('.embed-title')).toContainText('select');
  other.close();
});

test('the generated snippet works in a real mdBook page', async ({ page, baseURL }) => {
  // mdbook is installed by scripts/setup.sh test; this test fails, not skips, without it.
  const mdbook = process.env.MDBOOK || `${process.env.HOME}/.cargo/bin/mdbook`;
  expect(existsSync(mdbook), `${mdbook} is missing: run scripts/setup.sh test`).toBe(true);
  await open(page, '/#p=join');
  await page.getByTestId('embed').click();
  await page.getByTestId('embed-address').fill(`${baseURL}/`);
  const snippet = await page.getByTestId('mdbook-snippet').inputValue();
  const book = tempDir('wp-book-');
  mkdirSync(join(book, 'src'));
  writeFileSync(join(book, 'book.toml'), '[book]\ntitle = "Async in practice"\n');
  writeFileSync(join(book, 'src', 'SUMMARY.md'), '# Summary\n\n- [Wakers](./wakers.md)\n');
  writeFileSync(join(book, 'src', 'wakers.md'), `# Wakers\n\nA join waits for both timers:\n\n${snippet}\nThat is all.\n`);
  execFileSync(mdbook, ['build', book], { stdio: 'pipe' });
  const server = await serve(join(book, 'book'));
  await page.goto(`http://127.0.0.1:${server.address().port}/wakers.html`);
  await expect(page.locator('main h1')).toHaveText('Wakers');
  const frame = page.frameLocator('main iframe');
  await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  await page.screenshot({ path: `${SHOTS}mdbook.png` });
  server.close();
});
