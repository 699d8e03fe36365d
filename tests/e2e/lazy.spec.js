// The language as a second wasm module (src/web/lazy.rs, tools/lazy-split): an embed shows and
// runs its preset without it, asks for it when touched, and anything that needs it before it is
// there gets it on the spot.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test, expect, open, tempDir } from './fixtures.js';
import { serve } from './server.mjs';

const isLazy = (r) => r.url().endsWith('_lazy.wasm');

/** Requests for the second module, as they are made: by their kind, `fetch` for a load ahead
 * (`wakerLazy.preload`), `xhr` for a stub's synchronous load (`wakerLazy.load`). */
function lazyRequests(page) {
  const seen = [];
  page.on('request', (r) => isLazy(r) && seen.push(r.resourceType()));
  return seen;
}

/** Notes, in the page, when the second module is fetched and when the first module registers
 * with the loader (it has started then): `window.__order`. */
async function noteModuleOrder(page) {
  await page.addInitScript(() => {
    window.__order = [];
    const fetch0 = window.fetch;
    window.fetch = function (input, init) {
      if (String(input instanceof Request ? input.url : input).endsWith('_lazy.wasm')) window.__order.push('fetch lazy');
      return fetch0.call(this, input, init);
    };
    let lazy;
    Object.defineProperty(globalThis, 'wakerLazy', {
      configurable: true,
      get: () => lazy,
      set(v) {
        const register = v.register;
        v.register = function (e) {
          window.__order.push('first module started');
          return register.call(this, e);
        };
        lazy = v;
      },
    });
  });
}

/** Texts of the page (its text, its title, every attribute) with a zero character in them. Text
 * that only the second module uses comes with it (tools/lazy-split's `text_to_move`) and is zero
 * bytes until then: a text of the first module's that went with it by mistake shows here. */
function zeroTexts(page) {
  return page.evaluate(() => {
    const all = [document.body.innerText, document.title];
    for (const el of document.querySelectorAll('*')) for (const a of el.attributes) all.push(a.value);
    return all.filter((t) => t.includes('\u0000'));
  });
}

test('an embed of the seed shows, runs and finishes without the language module', async ({ page }) => {
  // This fails when tools/lazy-split/primary.txt misses a function the embed runs: the split then
  // leaves it in the second module, and its stub loads that module. `make lazy-profile` renews it.
  const requested = lazyRequests(page);
  await page.goto('/?embed#p=seed&clock=virtual');
  await expect(page.getByTestId('run')).toBeEnabled();
  // No pointer and no focus here: an untouched embed never asks for it.
  await page.getByTestId('run').dispatchEvent('click');
  await expect(page.getByTestId('status')).toHaveText('finished');
  expect(requested).toEqual([]);
  expect(await page.evaluate(() => globalThis.wakerLazy.ready())).toBe(false);
  expect(await zeroTexts(page)).toEqual([]);
});

test('an embed of each step-form preset shows and runs without the language module', async ({ page }) => {
  const requested = lazyRequests(page);
  const links = ['join', 'select', 'live-edit', 'lost-waker', 'yield', 'blocking', 'thousand'].map((id) => `p=${id}&clock=virtual`);
  // Tasks written out in the link, on the timer driver, in another run mode.
  links.push('t=a:sleep(120),yield*2;b:select(30,60),spin(5);c:join(10,20)&timers=driver&mode=macro&clock=virtual');
  // The frame mode on the virtual clock (it stood still before its first frame until 2026-12-05).
  links.push('p=seed&mode=frame&clock=virtual');
  for (const link of links) {
    // A page load each (from one embed's link to the next is only a change of fragment).
    await page.goto('about:blank');
    await page.goto(`/?embed#${link}`);
    await expect(page.getByTestId('run')).toBeEnabled();
    await page.getByTestId('run').dispatchEvent('click');
    // lost-waker's task never finishes, on purpose.
    await expect(page.getByTestId('status')).toHaveText(link.includes('lost-waker') ? /^stuck/ : 'finished');
    expect(requested, link).toEqual([]);
    expect(await zeroTexts(page), link).toEqual([]);
  }
});

test('an embed loads the language module when the pointer first comes over it', async ({ page }) => {
  const requested = lazyRequests(page);
  await page.goto('/?embed#p=seed');
  await expect(page.getByTestId('run')).toBeEnabled();
  expect(requested).toEqual([]);
  await page.mouse.move(200, 200);
  await expect.poll(() => page.evaluate(() => globalThis.wakerLazy.ready())).toBe(true);
  expect(requested).toEqual(['fetch']);
});

test('a program sent to an untouched embed loads the module on the spot, and runs', async ({ page, baseURL }) => {
  // The host page, not the reader, gives a seed embed (which has not loaded the language: nobody
  // touched it) the chapter's TimerFuture and runs it: the first call into the language beyond
  // what the embed ran finds a stub, which fetches and compiles the module synchronously, and
  // the program shows and runs as it would have.
  const dir = tempDir('wp-lazy-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<iframe id="pg" src="${baseURL}/?embed#p=seed" width="900" height="500" sandbox="allow-scripts"></iframe>
<script>window.send = (m) => document.getElementById('pg').contentWindow.postMessage({ type: 'waker-playground', ...m }, '*');</script>`);
  const host = await serve(dir);
  const requested = lazyRequests(page);
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('#pg');
  await expect(frame.getByTestId('run')).toBeEnabled({ timeout: 20_000 });
  expect(requested).toEqual([]);
  await page.evaluate(() => send({ action: 'load', scenario: 'p=own-timer&clock=virtual' }));
  await expect.poll(() => requested.length).toBe(1);
  await page.evaluate(() => send({ action: 'run' }));
  await expect(frame.getByTestId('status')).toHaveText('finished');
  await expect(frame.getByTestId('console')).toContainText('howdy!');
  await expect(frame.getByTestId('console')).toContainText('done!');
  expect(requested).toEqual(['xhr']);
  const inner = page.frames().find((f) => f.url().includes('embed'));
  expect(await inner.evaluate(() => globalThis.wakerLazy.ready())).toBe(true);
  host.close();
});

test('a synchronous load that fails says so in the embed', async ({ browser, baseURL }) => {
  // The fixture's page fails on the overlay this test expects: a page of its own.
  const page = await browser.newPage();
  const dir = tempDir('wp-lazy-');
  writeFileSync(join(dir, 'index.html'), `<!doctype html><meta charset="utf-8"><title>Host</title><link rel="icon" href="data:,">
<iframe id="pg" src="${baseURL}/?embed#p=seed" width="900" height="500" sandbox="allow-scripts"></iframe>
<script>window.send = (m) => document.getElementById('pg').contentWindow.postMessage({ type: 'waker-playground', ...m }, '*');</script>`);
  const host = await serve(dir);
  await page.route(/_lazy\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto(`http://127.0.0.1:${host.address().port}/`);
  const frame = page.frameLocator('#pg');
  await expect(frame.getByTestId('run')).toBeEnabled({ timeout: 20_000 });
  await page.evaluate(() => send({ action: 'load', scenario: 'p=own-timer' }));
  await expect(frame.locator('#panic-overlay')).toContainText('could not load all of itself');
  await expect(frame.locator('#panic-overlay')).toContainText('HTTP 404');
  host.close();
  await page.close();
});

test('an embed of a program shows it once the module is there', async ({ page }) => {
  const requested = lazyRequests(page);
  await noteModuleOrder(page);
  await page.goto('/?embed#p=own-timer&clock=virtual');
  await expect(page.getByTestId('run')).toBeEnabled();
  expect(await page.evaluate(() => globalThis.wakerLazy.ready())).toBe(true);
  expect(requested).toEqual(['fetch']);
  // A preset written as a program: boot.js knows it by its id, and fetches the language's module
  // beside the first, not once the first module has started and read the link.
  expect(await page.evaluate(() => window.__order)).toEqual(['fetch lazy', 'first module started']);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  await expect(page.getByTestId('console')).toContainText('done!');
});

test('an embed with the code panel starts with the module, fetched beside the first', async ({ page }) => {
  const requested = lazyRequests(page);
  await page.goto('/?embed&code#p=seed&clock=virtual');
  await expect(page.getByTestId('run')).toBeEnabled();
  expect(await page.evaluate(() => globalThis.wakerLazy.ready())).toBe(true);
  expect(requested).toEqual(['fetch']);
});

test('the full page starts with the language module, and says so when it cannot load', async ({ browser }) => {
  // The fixture's page fails on the overlay this test expects: a page of its own.
  const page = await browser.newPage();
  await page.route(/_lazy\.wasm$/, (route) => route.fulfill({ status: 404, body: 'gone' }));
  await page.goto('/');
  await expect(page.locator('#panic-overlay')).toContainText('could not load all of itself');
  await expect(page.locator('#panic-overlay')).toContainText('HTTP 404');
  await page.close();
});

test('the full page runs a program with the module loaded before it first rendered', async ({ page }) => {
  const requested = lazyRequests(page);
  await open(page);
  expect(await page.evaluate(() => globalThis.wakerLazy.ready())).toBe(true);
  expect(requested).toEqual(['fetch']);
  await page.getByTestId('preset').selectOption('own-timer');
  await page.getByTestId('clock').selectOption('virtual');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('status')).toHaveText('finished');
  await expect(page.getByTestId('console')).toContainText('done!');
});
