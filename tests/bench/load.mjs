// The `load` group of the benchmark: how quickly an embed becomes usable, how many bytes it costs,
// and what a page of ten embeds weighs. Everything runs in a fresh browser context with the cache
// disabled, against dist/ served compressed as a static host sends it.
//
// "Ready" is the moment the embed's Run button exists and is enabled: the app has compiled its
// wasm, started, and rendered its controls. Each page records that moment itself (a
// MutationObserver added before any of the page's own scripts), so the figure does not depend on
// how often this script polls. After the figure is taken, Run is clicked and must start the run,
// so "ready" is never a button that does nothing.
import { createServer } from 'node:http';
import { serve } from '../e2e/server.mjs';

// Lighthouse's mobile profile, applied by DevTools: 150 ms round trip, 1.6 Mbps down (its
// 1,638.4 Kbps), 750 Kbps up, and the CPU slowed 4×.
export const MOBILE = { latency: 150, downloadThroughput: (1638.4 * 1024) / 8, uploadThroughput: (750 * 1024) / 8, cpu: 4 };

// Runs in every frame before the page's scripts: records when Run is usable, and keeps each wasm
// instance's memory so its size can be read (the app does not expose it; nothing else changes).
function instrument() {
  if (window.__load) return;
  window.__load = { readyAt: null, readyEpoch: null, memories: [] };
  for (const k of ['instantiate', 'instantiateStreaming']) {
    const orig = WebAssembly[k];
    WebAssembly[k] = async function (...args) {
      const r = await orig.apply(WebAssembly, args);
      const instance = r instanceof WebAssembly.Instance ? r : r.instance;
      if (instance && instance.exports.memory instanceof WebAssembly.Memory) window.__load.memories.push(instance.exports.memory);
      return r;
    };
  }
  const check = () => {
    const b = document.querySelector('[data-testid="run"]');
    if (!b || b.disabled || window.__load.readyAt !== null) return;
    window.__load.readyAt = performance.now();
    window.__load.readyEpoch = performance.timeOrigin + window.__load.readyAt;
    observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function freshPage(browser, viewport) {
  const context = await browser.newContext({ viewport });
  await context.addInitScript(instrument);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  let wire = 0;
  let requests = 0;
  cdp.on('Network.loadingFinished', (e) => {
    wire += e.encodedDataLength;
    requests += 1;
  });
  return { context, page, cdp, wire: () => wire, requests: () => requests };
}

async function throttle(cdp, profile) {
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latency, downloadThroughput: profile.downloadThroughput, uploadThroughput: profile.uploadThroughput,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpu });
}

async function readyIn(frame, timeout) {
  await frame.waitForFunction(() => window.__load && window.__load.readyAt !== null, null, { timeout, polling: 50 });
  return frame.evaluate(() => ({ ms: window.__load.readyAt, epoch: window.__load.readyEpoch }));
}

// Run must start a run: the status leaves its first state.
async function runWorks(frame) {
  await frame.locator('[data-testid="run"]').click();
  await frame.locator('[data-testid="status"]').filter({ hasText: /running|finished/ }).waitFor({ timeout: 30_000 });
}

/** One embed, cold: ms from navigation to a working Run button, and the bytes it took. */
export async function embedOnce(browser, url, profile = null) {
  const { context, page, cdp, wire, requests } = await freshPage(browser, { width: 800, height: 440 });
  try {
    if (profile) await throttle(cdp, profile);
    await page.goto(url, { waitUntil: 'commit' });
    const { ms } = await readyIn(page.mainFrame(), 120_000);
    // Every request of the load has finished by now (the wasm was compiled from it).
    const bytes = wire();
    const count = requests();
    if (profile) await throttle(cdp, { latency: 0, downloadThroughput: -1, uploadThroughput: -1, cpu: 1 });
    await runWorks(page.mainFrame());
    return { ms, wire_bytes: bytes, requests: count };
  } finally {
    await context.close();
  }
}

/**
 * A host page (another origin, as a blog is) with `count` embeds written as the Embed dialog
 * writes them, but loading at once (no `loading="lazy"`), so "all ready" means every one.
 * Returns ms from the host's navigation to the last embed ready, and the page's memory once
 * idle after a garbage collection: every distinct JS heap (frames that share a renderer process
 * share one) plus every frame's wasm memory.
 */
export async function embedsPage(browser, embedUrl, count) {
  const frames = Array.from({ length: count }, (_, i) => `<iframe src="${embedUrl}" title="Waker Playground ${i + 1}" width="100%" height="440"
  sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>`).join('\n');
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${count} embeds</title></head><body>\n${frames}\n</body></html>`;
  const host = createServer((req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html));
  await new Promise((ok) => host.listen(0, '127.0.0.1', ok));
  const { context, page, cdp } = await freshPage(browser, { width: 1000, height: 900 });
  try {
    await page.goto(`http://127.0.0.1:${host.address().port}/`, { waitUntil: 'commit' });
    const origin = await page.evaluate(() => performance.timeOrigin);
    const embeds = () => page.frames().filter((f) => f !== page.mainFrame());
    const deadline = Date.now() + 180_000;
    while (embeds().length < count) {
      if (Date.now() > deadline) throw new Error(`only ${embeds().length} of ${count} embeds attached`);
      await page.waitForTimeout(20);
    }
    const ready = await Promise.all(embeds().map((f) => readyIn(f, 180_000)));
    const ms = Math.max(...ready.map((r) => r.epoch)) - origin;
    await page.waitForTimeout(500);
    // One CDP session per renderer process: the page's own, and one per out-of-process frame.
    const sessions = [cdp];
    for (const f of embeds()) {
      try {
        sessions.push(await context.newCDPSession(f));
      } catch {
        // An in-process frame: its heap is the page's, measured through the page's session.
      }
    }
    const heaps = new Map();
    for (const s of sessions) {
      await s.send('HeapProfiler.collectGarbage');
      const { id } = await s.send('Runtime.getIsolateId');
      const { usedSize } = await s.send('Runtime.getHeapUsage');
      heaps.set(id, usedSize);
    }
    let wasm = 0;
    for (const f of page.frames()) wasm += await f.evaluate(() => (window.__load ? window.__load.memories.reduce((n, m) => n + m.buffer.byteLength, 0) : 0));
    const jsHeap = [...heaps.values()].reduce((a, b) => a + b, 0);
    return { ms, memory_bytes: jsHeap + wasm, js_heap_bytes: jsHeap, wasm_bytes: wasm, heaps: heaps.size };
  } finally {
    await context.close();
    host.close();
  }
}

/** Starts the two servers (gzip, as GitHub Pages sends; brotli, as many CDNs do). */
export async function loadServers() {
  const gzip = await serve('dist', 0, '127.0.0.1', {}, '/', ['gzip']);
  const br = await serve('dist', 0, '127.0.0.1', {}, '/', ['br']);
  return {
    gzipBase: `http://127.0.0.1:${gzip.address().port}/`,
    brBase: `http://127.0.0.1:${br.address().port}/`,
    close: () => {
      gzip.close();
      br.close();
    },
  };
}
