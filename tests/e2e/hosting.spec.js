// Tutorial authors: the build hosted under a subpath, embeds that behave like good guests
// (no scroll, no focus, autoplay when in view, theme, title, caption), the parent-page protocol
// under a burst of completions, and a Share button that tells the truth.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, watch, SHOTS, tempDir } from './fixtures.js';
import { serve } from './server.mjs';

const TYPE = 'waker-playground';
const DIST = new URL('../../dist/', import.meta.url).pathname;

test('the release build works unchanged under a subpath, with a plain static server', async ({ page }) => {
  const server = await serve(DIST, 0, '127.0.0.1', {}, '/waker-playground/');
  const base = `http://127.0.0.1:${server.address().port}/waker-playground/`;
  const failed = [];
  page.on('response', (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  try {
    // The bare prefix redirects to the folder, as GitHub Pages does.
    await page.goto(base.replace(/\/$/, '') + '#t=quick:sleep(150)');
    await expect(page.getByTestId('run')).toBeVisible();
    const t0 = Date.now();
    await page.getByTestId('run').click();
    await expect(page.getByTestId('status')).toHaveText('finished', { timeout: 5000 });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(150);
    // Every asset came from under the subpath: nothing was asked for at the site root.
    const urls = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name));
    expect(urls.length).toBeGreaterThan(2);
    for (const u of urls) expect(u.startsWith(base), u).toBe(true);

    // The tutorial page and its sandboxed embeds, from the same subpath.
    await page.getByRole('link', { name: 'Tutorial' }).click();
    await expect(page).toHaveURL(`${base}static/tutorial.html`);
    for (const id of ['seed', 'select', 'lost']) {
      await page.locator(`#${id}`).scrollIntoViewIfNeeded();
      await expect(page.frameLocator(`#${id}`).getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
    }
    await expect(page.frameLocator('#lost').getByTestId('status')).toContainText('stuck', { timeout: 20_000 });
    await page.locator('#seed').scrollIntoViewIfNeeded();
    await expect(page.frameLocator('#seed').getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
    // "Open in full playground" points back under the subpath.
    const full = await page.frameLocator('#seed').getByTestId('open-full').getAttribute('href');
    expect(full).toBe(`${base}#p=seed`);
    expect(failed).toEqual([]);
  } finally {
    server.close();
  }
});

/** A host page: `paragraphs` of text, then the iframe, then more text. */
function hostPage(dir, name, iframe, paragraphs = 40) {
  const para = '<p>' + 'Futures are lazy: nothing happens until an executor polls them. '.repeat(6) + '</p>\n';
  writeFileSync(join(dir, name), `<!doctype html><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<h1>A long chapter</h1>\n${para.repeat(paragraphs)}${iframe}\n${para.repeat(10)}`);
}

test('an autoplay embed far down a long page never scrolls the host, never takes focus, and runs when in view', async ({ browser, baseURL }) => {
  for (const width of [1400, 700]) {
    // 700 px: the one-column layout, where the full app scrolls the timeline into view on Run.
    const page = await browser.newPage({ viewport: { width, height: 800 } });
    const w = watch(page);
    const dir = tempDir('wp-host-');
    hostPage(dir, 'index.html', `<iframe id="pg" src="${baseURL}/?embed&amp;autoplay#t=far:sleep(100)" title="Waker Playground" width="100%" height="420"
      sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>`);
    const host = await serve(dir);
    await page.goto(`http://127.0.0.1:${host.address().port}/`);
    const frame = page.frameLocator('#pg');
    // Eager loading (no loading="lazy"): the frame loads at once, far below the fold.
    await expect(frame.getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
    await page.waitForTimeout(700);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
    // Not in view yet, so not started.
    await expect(frame.getByTestId('status')).toHaveText('not started');
    // Scrolled into view by the reader: it runs, and the host's scroll stays where the reader put it.
    await page.evaluate(() => document.getElementById('pg').scrollIntoView({ behavior: 'instant' }));
    const y = await page.evaluate(() => window.scrollY);
    expect(y).toBeGreaterThan(0);
    await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.scrollY)).toBe(y);
    expect(await page.evaluate(() => document.activeElement === document.getElementById('pg') || document.activeElement === document.body)).toBe(true);
    await w.check();
    host.close();
    await page.close();
  }
});

test('the demo tutorial page opens at the top and stays there while its embeds autoplay', async ({ browser }) => {
  // 700 px: the one-column layout, in which Run used to scroll the timeline (and the host) into view.
  const page = await browser.newPage({ viewport: { width: 700, height: 900 } });
  const w = watch(page);
  await page.goto('/static/tutorial.html');
  const seed = page.frameLocator('#seed');
  await expect(seed.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  // The lost-waker embed, far below, has not started: autoplay waits for the reader. It is
  // loading="lazy", so first bring it just under the fold (near enough for Chromium to load it,
  // not yet in view) and wait until it is loaded, so that "not started" is said by a live app.
  await page.evaluate(() => {
    const f = document.getElementById('lost');
    window.scrollTo(0, f.getBoundingClientRect().top + window.scrollY - window.innerHeight - 150);
  });
  const lost = page.frameLocator('#lost');
  await expect(lost.getByTestId('embed-app')).toBeAttached({ timeout: 20_000 });
  expect(await page.evaluate(() => document.getElementById('lost').getBoundingClientRect().top)).toBeGreaterThan(900);
  await page.waitForTimeout(500);
  await expect(lost.getByTestId('status')).toHaveText('not started');
  // Scrolled into view, it runs, and shows the bug it is about.
  await page.locator('#lost').scrollIntoViewIfNeeded();
  await expect(lost.getByTestId('status')).toContainText('stuck', { timeout: 20_000 });
  await w.check();
  await page.close();
});

test('a parent that loads a scenario into an autoplay frame before it is in view gets that scenario run', async ({ page, baseURL }) => {
  const dir = tempDir('wp-late-');
  hostPage(dir, 'index.html', `<iframe id="pg" src="${baseURL}/?embed&amp;autoplay#p=seed" width="100%" height="420"
      sandbox="allow-scripts"></iframe>`);
  const host = await serve(dir);
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('#pg');
  await expect(frame.getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
  await page.evaluate((TYPE) => document.getElementById('pg').contentWindow.postMessage(
    { type: TYPE, action: 'load', scenario: 't=loaded:join(100,150)' }, '*'), TYPE);
  await expect(frame.getByTestId('embed-title')).toContainText('custom scenario');
  await page.evaluate(() => document.getElementById('pg').scrollIntoView({ behavior: 'instant' }));
  await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 6000 });
  // The loaded scenario ran (a join of two timers), not the seed it started with (one timer).
  await expect(frame.getByTestId('embed-counts')).toHaveText('timers: 2 armed · 2 fired · 0 cancelled');
  host.close();
});

test('embeds follow theme=, and show the title and caption they are given', async ({ browser, baseURL }) => {
  const page = await browser.newPage({ colorScheme: 'dark', viewport: { width: 800, height: 600 } });
  const w = watch(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const theme = () => page.evaluate(() => document.documentElement.dataset.theme);

  await page.goto(`${baseURL}/?embed&theme=light&title=Who%20wakes%20it%3F&caption=Watch+the+second+poll#p=seed`);
  await expect(page.getByTestId('embed-title')).toHaveText('Who wakes it?');
  await expect(page.getByTestId('embed-caption')).toHaveText('Watch the second poll');
  expect(await theme()).toBe('light');
  const light = await bg();

  await page.goto(`${baseURL}/?embed&theme=dark#p=seed`);
  await expect(page.getByTestId('embed-app')).toBeVisible();
  expect(await theme()).toBe('dark');
  const dark = await bg();
  expect(dark).not.toBe(light);
  await expect(page.getByTestId('embed-title')).toContainText(/seed/i);
  // Without caption=, a preset's embed shows the preset's own caption: what to watch for.
  await expect(page.getByTestId('embed-caption')).toContainText("The async book's example");
  // "Open in full playground" keeps the explicit theme.
  await expect(page.getByTestId('open-full')).toHaveAttribute('href', /\?theme=dark#p=seed$/);
  await page.screenshot({ path: `${SHOTS}embed-dark.png` });

  // auto follows the reader's system, and its changes.
  await page.goto(`${baseURL}/?embed#p=seed`);
  await expect(page.getByTestId('embed-app')).toBeVisible();
  expect(await theme()).toBe('dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect.poll(theme).toBe('light');

  // Hostile titles are text, never markup; bad options name the problem.
  await page.goto(`${baseURL}/?embed&title=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E#p=seed`);
  await expect(page.getByTestId('embed-title')).toHaveText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img')).toHaveCount(0);
  await page.goto(`${baseURL}/?embed&theme=navy#p=seed`);
  await expect(page.getByTestId('notices')).toContainText('unknown theme "navy"');
  await w.check();
  await page.close();
});

test('the Embed dialog writes title, caption and theme into the snippet', async ({ page, baseURL }) => {
  await open(page, '/#p=select');
  await page.getByTestId('embed').click();
  await page.getByTestId('embed-address').fill(`${baseURL}/`);
  await page.getByTestId('embed-title-input').fill('Two timers race');
  await page.getByTestId('embed-caption-input').fill('The loser is cancelled & dropped');
  await page.getByTestId('embed-theme').selectOption('dark');
  const snippet = await page.getByTestId('embed-snippet').inputValue();
  expect(snippet).toContain('title="Waker Playground: Two timers race"');
  expect(snippet).toContain('theme=dark&amp;title=Two%20timers%20race&amp;caption=The%20loser%20is%20cancelled%20%26%20dropped#p=select');
  const src = /src="([^"]+)"/.exec(snippet)[1].replaceAll('&amp;', '&');
  await page.goto(src);
  await expect(page.getByTestId('embed-title')).toHaveText('Two timers race');
  await expect(page.getByTestId('embed-caption')).toHaveText('The loser is cancelled & dropped');
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
});

test('a parent page driving the 1,000-timer preset hears each of the 1,000 completions exactly once', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  const dir = tempDir('wp-parent-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Parent</title><link rel="icon" href="data:,">
<iframe id="pg" src="${baseURL}/?embed#p=thousand" width="900" height="500" sandbox="allow-scripts"></iframe>
<script>
  window.got = { ready: [], completed: [], status: [] };
  const frame = document.getElementById('pg');
  window.send = (m) => frame.contentWindow.postMessage({ type: '${TYPE}', ...m }, '*');
  window.addEventListener('message', (e) => {
    if (e.source !== frame.contentWindow || !e.data || e.data.type !== '${TYPE}') return;
    if (e.data.event === 'ready') got.ready.push(e.data);
    if (e.data.event === 'task-completed') got.completed.push(e.data);
    if (e.data.event === 'status') got.status.push(e.data.status);
  });
  const hello = setInterval(() => got.ready.length ? clearInterval(hello) : send({ action: 'hello' }), 100);
</script>`);
  const host = await serve(dir);
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  await expect.poll(() => page.evaluate(() => got.ready.length), { timeout: 20_000 }).toBeGreaterThan(0);
  const ready = await page.evaluate(() => got.ready[0]);
  expect(ready.version).toBe(1);
  expect(ready.scenario).toBe('p=thousand');
  // Run, then pause while the timers fire: their wakes queue up, and on resume hundreds of tasks
  // complete in one drain, thousands of events at once.
  await page.evaluate(() => send({ action: 'run' }));
  await page.evaluate(() => send({ action: 'pause' }));
  await expect.poll(() => page.evaluate(() => got.status.at(-1))).toBe('paused');
  const beforeBurst = await page.evaluate(() => got.completed.length);
  // Timers are due from 100 ms to 3 s: most tasks are still waiting when the pause lands.
  expect(beforeBurst).toBeLessThan(700);
  await page.waitForTimeout(3200);
  await page.evaluate(() => send({ action: 'run' }));
  await expect.poll(() => page.evaluate(() => got.status.at(-1)), { timeout: 30_000 }).toBe('finished');
  const done = await page.evaluate(() => got.completed);
  expect(done.length).toBe(1000);
  expect(new Set(done.map((d) => d.id)).size).toBe(1000);
  expect(new Set(done.map((d) => d.task)).size).toBe(1000);
  // Each task completes no earlier than its own timer: task t<i> sleeps 100 + (i * 7919) % 2900 ms.
  const late = done.filter((d) => {
    const i = Number(/^t(\d+)$/.exec(d.task)?.[1] ?? NaN);
    return !(d.aborted === false && d.at_ms >= 100 + ((i * 7919) % 2900));
  });
  expect(late).toEqual([]);
  host.close();
});

test('Share tells the truth: a failure replaces the success in place, and the address bar follows edits', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await open(page, '/#t=one:sleep(300)');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toHaveText('Link copied ✓');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/#t=one:sleep\(300\)$/);

  // An edit moves the address bar at once, and clears the old "copied".
  await page.getByTestId('duration').first().fill('450');
  await page.getByTestId('duration').first().press('Tab');
  await expect(page).toHaveURL(/#t=one:sleep\(450\)$/);
  await expect(page.getByTestId('share-status')).toHaveText('');

  // An invalid scenario (an empty name) cannot be shared: the failure shows where success did.
  await page.getByTestId('task-name').first().fill('');
  await page.getByTestId('share').click();
  await expect(page.getByTestId('share-status')).toContainText('Not copied');
  await expect(page.getByTestId('share-status')).toHaveClass(/share-failed/);
  await expect(page.getByTestId('share-link')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copied);
  // The address bar no longer claims an older scenario.
  expect(new URL(page.url()).hash).toBe('');
  await page.getByTestId('task-name').first().fill('two');
  await expect(page).toHaveURL(/#t=two:sleep\(450\)$/);
  await page.reload();
  await expect(page.getByTestId('task-name').first()).toHaveValue('two');
  await expect(page.getByTestId('duration').first()).toHaveValue('450');
});

test('a host that does not send Access-Control-Allow-Origin gets a message in the frame, not a blank box', async ({ browser }) => {
  // The release build served without the CORS header, embedded sandboxed from another origin.
  const app = await serve(DIST, 0, '127.0.0.1', { 'access-control-allow-origin': null });
  const dir = tempDir('wp-nocors-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<iframe id="pg" src="http://127.0.0.1:${app.address().port}/?embed#p=seed" width="800" height="400" sandbox="allow-scripts"></iframe>`);
  const host = await serve(dir);
  // No watcher: the browser's own CORS errors in the console are the point of this test.
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('#pg');
  await expect(frame.locator('#load-failure')).toContainText('could not start', { timeout: 15_000 });
  await expect(frame.locator('#load-failure')).toContainText('Access-Control-Allow-Origin: *');
  await expect(frame.getByTestId('embed-app')).toHaveCount(0);
  await page.screenshot({ path: `${SHOTS}embed-no-cors.png` });
  await page.close();
  app.close();
  host.close();
});
