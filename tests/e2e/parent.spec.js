// The parent-page protocol (README, "Parent-page control"), each promise tested from a real
// parent page on a second origin (the test's own static server, another port), with the
// playground in a sandboxed frame as the demo tutorial embeds it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, tempDir } from './fixtures.js';
import { serve } from './server.mjs';

const TYPE = 'waker-playground';

/** A parent page holding the playground at `fragment` (with `query` after `?embed`), plus
 * `extra` HTML. `window.got` lists every message the frame sent, with its origin. */
async function parent(page, baseURL, fragment, { query = '', extra = '' } = {}) {
  const dir = tempDir('wp-parent-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Parent</title><link rel="icon" href="data:,">
<iframe id="pg" name="pg" src="${baseURL}/?embed${query}#${fragment}" width="900" height="500" sandbox="allow-scripts"></iframe>
${extra}
<script>
  window.got = [];
  const frame = document.getElementById('pg');
  window.send = (m) => frame.contentWindow.postMessage({ type: '${TYPE}', ...m }, '*');
  window.sendRaw = (m) => frame.contentWindow.postMessage(m, '*');
  window.addEventListener('message', (e) => {
    if (e.source === frame.contentWindow) got.push({ ...e.data, origin: e.origin });
  });
</script>`);
  const host = await serve(dir);
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  await expect(page.frameLocator('#pg').getByTestId('embed-app')).toBeVisible({ timeout: 20_000 });
  return host;
}

const got = (page) => page.evaluate(() => window.got);
const events = async (page, name) => (await got(page)).filter((m) => m.event === name);

test('the frame says nothing until its parent speaks, then reports the whole run it missed', async ({ page, baseURL }) => {
  const host = await parent(page, baseURL, 't=quick:sleep(150)', { query: '&autoplay' });
  const frame = page.frameLocator('#pg');
  await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 10_000 });
  await page.waitForTimeout(500);
  expect(await got(page)).toEqual([]);
  await page.evaluate(() => send({ action: 'hello' }));
  await expect.poll(() => events(page, 'status')).toHaveLength(1);
  const [ready] = await events(page, 'ready');
  expect(ready).toMatchObject({ type: TYPE, version: 1, scenario: 't=quick:sleep(150)' });
  const [done] = await events(page, 'task-completed');
  expect(done).toMatchObject({ task: 'quick', aborted: false });
  expect(done.at_ms).toBeGreaterThanOrEqual(150);
  expect((await events(page, 'status'))[0]).toMatchObject({ status: 'finished', completed: 1 });
  host.close();
});

test('only the parent is heard: a sibling frame\'s commands are ignored and do not take the parent\'s place', async ({ page, baseURL }) => {
  // A sibling frame on the same page reaches the playground's window and sends it commands.
  // It keeps at it (the playground may not be listening yet), and tells the page how often.
  const sibling = `<iframe id="sib" sandbox="allow-scripts" srcdoc="<script>
    const pg = parent.frames['pg'];
    let sent = 0;
    setInterval(() => {
      for (const action of ['hello', 'load', 'run']) pg.postMessage({ type: '${TYPE}', action, ...(action === 'load' ? { scenario: 't=evil:sleep(5)' } : {}) }, '*');
      parent.postMessage({ sibling: ++sent }, '*');
    }, 100);
  </script>"></iframe>
  <script>window.sibling = 0; addEventListener('message', (e) => { if (e.data?.sibling) window.sibling = e.data.sibling; });</script>`;
  const host = await parent(page, baseURL, 't=mine:sleep(100)', { extra: sibling });
  const frame = page.frameLocator('#pg');
  await page.waitForTimeout(1000);
  expect(await page.evaluate(() => window.sibling)).toBeGreaterThan(5);
  await expect(frame.getByTestId('status')).toHaveText('not started');
  await expect(frame.getByTestId('embed-title')).not.toContainText('evil');
  expect(await got(page)).toEqual([]);
  // The parent, speaking after the sibling, is answered, with its own scenario.
  await page.evaluate(() => send({ action: 'hello' }));
  await expect.poll(() => events(page, 'ready')).toHaveLength(1);
  expect((await events(page, 'ready'))[0].scenario).toBe('t=mine:sleep(100)');
  await page.evaluate(() => send({ action: 'run' }));
  await expect.poll(async () => (await events(page, 'status')).at(-1)?.status).toBe('finished');
  expect((await events(page, 'task-completed')).map((m) => m.task)).toEqual(['mine']);
  host.close();
});

test('a parent whose origin is opaque is obeyed but never answered: replies are never sent to "*"', async ({ page, baseURL }) => {
  // The parent is itself a sandboxed frame (origin "null"): a reply could only reach it through
  // the wildcard target origin, which the playground never uses.
  const inner = `<iframe id='pg' src='${baseURL}/?embed#t=opaque:sleep(120)' width='800' height='420' sandbox='allow-scripts'></iframe>
<script>
  let heard = 0;
  const pg = document.getElementById('pg');
  addEventListener('message', (e) => { if (e.source === pg.contentWindow) heard++; });
  const say = (action) => pg.contentWindow.postMessage({ type: '${TYPE}', action }, '*');
  setInterval(() => { say('hello'); parent.postMessage({ heard }, '*'); }, 200);
  setTimeout(() => say('run'), 1500);
</script>`.replace(/"/g, '&quot;');
  const dir = tempDir('wp-opaque-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Top</title><link rel="icon" href="data:,">
<iframe id="p" width="900" height="500" sandbox="allow-scripts" srcdoc="${inner}"></iframe>
<script>window.heard = []; addEventListener('message', (e) => { if (typeof e.data?.heard === 'number') heard.push(e.data.heard); });</script>`);
  const host = await serve(dir);
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('#p').frameLocator('#pg');
  // The parent's run was obeyed: the scenario ran to the end.
  await expect(frame.getByTestId('status')).toHaveText('finished', { timeout: 20_000 });
  await page.waitForTimeout(600);
  const heard = await page.evaluate(() => window.heard);
  expect(heard.length).toBeGreaterThan(5);
  expect(Math.max(...heard)).toBe(0);
  host.close();
});

test('status says running, stuck and finished with the count of completions, and step is answered', async ({ page, baseURL }) => {
  const host = await parent(page, baseURL, 't=a:sleep(100)');
  await page.evaluate(() => send({ action: 'hello' }));
  await expect.poll(() => events(page, 'ready')).toHaveLength(1);
  // A run that gets stuck: the buggy task loses its waker, the healthy one finishes.
  await page.evaluate(() => send({ action: 'load', scenario: 't=buggy:sleep(100),lost_waker;healthy:sleep(200)' }));
  await page.evaluate(() => send({ action: 'run' }));
  await expect.poll(async () => (await events(page, 'status')).at(-1)?.status, { timeout: 10_000 }).toBe('stuck');
  const statuses = await events(page, 'status');
  expect(statuses.map((m) => m.status)).toEqual(['running', 'stuck']);
  expect(statuses.at(-1).completed).toBe(1);
  expect((await events(page, 'task-completed')).map((m) => [m.task, m.aborted])).toEqual([['healthy', false]]);
  // Step on a fresh scenario: the first poll starts a paused run, and is answered with its status.
  await page.evaluate(() => send({ action: 'load', scenario: 't=one:sleep(50);two:sleep(60)' }));
  const before = (await events(page, 'status')).length;
  await page.evaluate(() => send({ action: 'step' }));
  await expect.poll(async () => (await events(page, 'status')).length).toBeGreaterThan(before);
  expect((await events(page, 'status')).at(-1)).toMatchObject({ status: 'paused', completed: 0 });
  // Steps until both timers have fired and both tasks are done: each completion is reported once.
  for (let i = 0; i < 20 && (await events(page, 'status')).at(-1)?.status !== 'finished'; i++) {
    await page.waitForTimeout(100);
    await page.evaluate(() => send({ action: 'step' }));
  }
  await expect.poll(async () => (await events(page, 'status')).at(-1)?.status).toBe('finished');
  // `completed` counts this run's reports: the earlier run's healthy task is not in it.
  expect((await events(page, 'status')).at(-1).completed).toBe(2);
  expect((await events(page, 'task-completed')).map((m) => m.task)).toEqual(['healthy', 'one', 'two']);
  host.close();
});

test('load takes a scenario of up to 8 KB and refuses one byte more with an error event', async ({ page, baseURL }) => {
  const host = await parent(page, baseURL, 't=a:sleep(100)');
  await page.evaluate(() => send({ action: 'hello' }));
  await expect.poll(() => events(page, 'ready')).toHaveLength(1);
  // A valid scenario of exactly 8,192 bytes: many small tasks, the last one's duration padded.
  let text = 't=';
  let i = 0;
  while (text.length + `t${i}:yield;`.length <= 8192 - 'last:sleep(1)'.length) text += `t${i++}:yield;`;
  text += 'last:sleep(1)';
  while (text.length < 8192) text = text.replace('last:sleep(1)', `last:sleep(1${'0'.repeat(8192 - text.length)})`);
  expect(text.length).toBe(8192);
  await page.evaluate((s) => send({ action: 'load', scenario: s }), text);
  await expect(page.frameLocator('#pg').getByTestId('embed-title')).toContainText('custom scenario');
  await page.waitForTimeout(300);
  expect(await events(page, 'error')).toEqual([]);
  await page.evaluate((s) => send({ action: 'load', scenario: s + ';' }), text);
  await expect.poll(() => events(page, 'error')).toHaveLength(1);
  expect((await events(page, 'error'))[0].message).toBe('the link is 8193 bytes long; the limit is 8192');
  await expect(page.frameLocator('#pg').getByTestId('notices')).toContainText('The parent page sent a bad scenario');
  host.close();
});

test('an embed scrolled far out of view shows the run it was asked for (no frame comes to it)', async ({ page, baseURL }) => {
  // Run builds the panels after the click's frame (web::after_next_paint); Chromium gives no
  // frames to a cross-origin frame out of view, so they come after at most 100 ms instead.
  const host = await parent(page, baseURL, 't=far:sleep(120)', {
    extra: '<style>#pg { position: absolute; top: 6000px; }</style>',
  });
  const inner = page.frame({ name: 'pg' });
  const frames = () => inner.evaluate(() => new Promise((ok) => {
    let n = 0;
    const tick = () => (++n < 3 ? requestAnimationFrame(tick) : ok(n));
    requestAnimationFrame(tick);
    setTimeout(() => ok(n), 500);
  }));
  // The premise: no animation frame reaches it there.
  expect(await frames()).toBe(0);
  // A click that does not scroll it into view (a parent that has not spoken: no reports).
  await inner.getByTestId('run').dispatchEvent('click');
  await expect(inner.getByTestId('status')).toHaveText('finished', { timeout: 5_000 });
  await expect(inner.getByTestId('embed-counts')).toHaveText('timers: 1 armed · 1 fired · 0 cancelled');
  expect(await frames()).toBe(0);
  host.close();
});

test('a parent hears "running" before "finished", however short the run', async ({ page, baseURL }) => {
  const host = await parent(page, baseURL, 't=quick:sleep(1)');
  await page.evaluate(() => send({ action: 'hello' }));
  await expect.poll(() => events(page, 'ready')).toHaveLength(1);
  await page.evaluate(() => send({ action: 'run' }));
  await expect.poll(async () => (await events(page, 'status')).at(-1)?.status).toBe('finished');
  const seen = (await events(page, 'status')).map((m) => m.status);
  expect(seen[0]).toBe('running');
  host.close();
});
