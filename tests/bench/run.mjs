// Runs every benchmark workload in headless /usr/bin/chromium, one fresh page per measurement,
// and writes target/bench/results.json. `--smoke` runs small sizes and checks results only.
//
// Peers run in the same browser, in the same run, so only ratios are compared. Each page warms its
// workload up (Chromium compiles wasm in tiers, and a cold run mostly measures the baseline
// compiler): at full sizes it runs it again and again for at least WARM_MS, then once more, then
// WARM more times, and reports the median; full-size measurements are
// also repeated over REPEAT fresh pages, and the median of those kept. These machines are noisy.
import { chromium } from 'playwright-core';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { serve } from '../e2e/server.mjs';
import { tableRows, verdicts } from './rows.mjs';
import { embedOnce, embedsPage, loadServers, MOBILE } from './load.mjs';

const smoke = process.argv.includes('--smoke');
// --only=a,b runs just those result groups, and merges them into an existing results.json.
const onlyArg = process.argv.find((a) => a.startsWith('--only='));
const only = onlyArg ? new Set(onlyArg.slice(7).split(',')) : null;
const want = (group) => !only || only.has(group);
const REPEAT = smoke ? 1 : 3;
const WARM = smoke ? 1 : 3;
// Full sizes: each page first runs its workload for at least this long (see bench.rs, `warm_ms`).
const WARM_MS = 1000;
const SIZE = smoke
  ? { many: 200, one: 2000, timers: 2000, lateness: 50, memory: 2000, ui: 50, replay: 5000, interpreter: 100, threads: 50 }
  : { many: 10000, one: 100000, timers: 100000, lateness: 1000, memory: 100000, ui: 1000, replay: 100000, interpreter: 1000, threads: 1000 };

// Cross-origin isolation makes performance.now() precise to 5 µs instead of 100 µs.
const server = await serve('target/bench/www', 0, '127.0.0.1', {
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-embedder-policy': 'require-corp',
});
const base = `http://127.0.0.1:${server.address().port}/bench.html`;
// The app itself (dist/, the release build), for the real-page UI measurement.
const appServer = await serve('dist', 0);
const appBase = `http://127.0.0.1:${appServer.address().port}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
});
const version = browser.version();

async function measure(w, n, peer = '', reps = WARM + 1) {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${base}?w=${w}&n=${n}&peer=${peer}&reps=${reps}&warm_ms=${smoke ? 0 : WARM_MS}`);
    await page.waitForFunction(() => window.__benchResult || window.__benchError || null, null, { timeout: 240_000, polling: 50 });
    const { result, error } = await page.evaluate(() => ({ result: window.__benchResult, error: window.__benchError }));
    if (error || errors.length) throw new Error(`${w}/${peer}: ${error || errors.join('; ')}`);
    return result;
  } finally {
    await page.close();
  }
}

// Raw JavaScript peers, run in a blank page of the same browser, warmed up like the others.
async function rawJs(fn, arg, key) {
  const page = await browser.newPage();
  try {
    await page.goto(`${base}?w=none`);
    const runs = [];
    for (let i = 0; i < WARM + 1; i++) {
      const r = await page.evaluate(fn, arg);
      if (i > 0 || WARM === 0) runs.push(r);
    }
    const out = {};
    for (const k of Object.keys(runs[0])) out[k] = median(runs.map((r) => r[k]));
    return out;
  } finally {
    await page.close();
  }
}

const rawTimers = (n) => new Promise((resolve) => {
  const start = performance.now();
  let left = n;
  for (let i = 0; i < n; i++) setTimeout(() => { if (--left === 0) resolve({ ms: performance.now() - start }); }, i % 50);
});

// The fair peer of our timer driver: the same idea written plainly in JavaScript. Deadlines go
// into a binary min-heap, and one setTimeout is armed for the earliest; when it fires, every due
// entry runs, and the next earliest is armed.
const jsHeapTimers = (n) => new Promise((resolve) => {
  const start = performance.now();
  const heap = []; // [deadline, callback]
  const push = (e) => {
    heap.push(e);
    let i = heap.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (heap[p][0] <= heap[i][0]) break;
      [heap[p], heap[i]] = [heap[i], heap[p]];
      i = p;
    }
  };
  const pop = () => {
    const top = heap[0];
    const last = heap.pop();
    if (heap.length) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1;
        let m = i;
        if (l < heap.length && heap[l][0] < heap[m][0]) m = l;
        if (r < heap.length && heap[r][0] < heap[m][0]) m = r;
        if (m === i) break;
        [heap[m], heap[i]] = [heap[i], heap[m]];
        i = m;
      }
    }
    return top;
  };
  let armedFor = Infinity;
  let handle = 0;
  const arm = () => {
    if (!heap.length || heap[0][0] >= armedFor) return;
    clearTimeout(handle);
    armedFor = heap[0][0];
    handle = setTimeout(fire, Math.max(0, Math.ceil(armedFor - performance.now())));
  };
  const fire = () => {
    armedFor = Infinity;
    const now = performance.now();
    while (heap.length && heap[0][0] <= now) pop()[1]();
    arm();
  };
  let left = n;
  const done = () => { if (--left === 0) resolve({ ms: performance.now() - start }); };
  for (let i = 0; i < n; i++) {
    push([performance.now() + (i % 50), done]);
    arm();
  }
});

const rawLateness = (n) => new Promise((resolve) => {
  const late = [];
  for (let i = 0; i < n; i++) {
    const ms = 10 + (i * 37) % 91;
    const deadline = performance.now() + ms;
    setTimeout(() => {
      late.push(performance.now() - deadline);
      if (late.length === n) {
        late.sort((a, b) => a - b);
        const at = (p) => late[Math.min(late.length - 1, Math.round((late.length - 1) * p))];
        resolve({ median_ms: at(0.5), p99_ms: at(0.99) });
      }
    }, ms);
  }
});


async function repeated(fn, key) {
  const runs = [];
  for (let i = 0; i < REPEAT; i++) runs.push(await fn());
  return { value: median(runs.map((r) => r[key])), runs };
}

// Sets target[name] to the median of the runs' `key`, and, when there is more than one run,
// target[name_min] and target[name_max]: the spread over the pages, so a reader can tell a miss
// from noise.
function put(target, name, runs, key = name) {
  const xs = runs.map((r) => r[key]);
  target[name] = median(xs);
  if (xs.length > 1) {
    target[`${name}_min`] = Math.min(...xs);
    target[`${name}_max`] = Math.max(...xs);
  }
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const results = {};
const log = (...a) => console.log(...a);

log(`Chromium ${version}, ${smoke ? 'smoke sizes' : 'full sizes'}: ${REPEAT} page(s) per measurement, each 1 warm-up + ${WARM} runs, medians`);

// 1, 2: executor. Every peer's polls are counted by the workload's own futures (a wrapper that
// counts its poll calls), and checked against what the workload expects. "bare" is the executor
// with no hooks compiled in (`Executor<NoHooks>`); "ours" is the playground's (`Executor<Recorder>`)
// with recording switched off, and "ours_traced" with it on. "ours" re-polls a
// self-woken task in the same drain; "ours_deferred" defers it to the next tick, as spawn_local
// does: executor_one reports both, so the drain policies are not mistaken for per-poll cost.
// `ticks` counts how often our executor yielded to the host and came back.
for (const [key, w, n] of [['executor_many', 'executor_many', SIZE.many], ['executor_one', 'executor_one', SIZE.one]]) {
  if (!want(key)) continue;
  const r = {};
  for (const peer of ['bare', 'bare_deferred', 'ours', 'ours_traced', 'ours_deferred', 'spawn_local']) {
    const m = await repeated(() => measure(w, n, peer), 'ns_per_poll');
    put(r, `${peer}_ns_per_poll`, m.runs, 'ns_per_poll');
    if (peer === 'ours') r.ticks = median(m.runs.map((x) => x.ticks));
    if (peer === 'bare') r.bare_ticks = median(m.runs.map((x) => x.ticks));
    if (peer === 'ours_deferred') r.ours_deferred_ticks = median(m.runs.map((x) => x.ticks));
    if (peer === 'spawn_local') r.spawn_local_polls_counted = median(m.runs.map((x) => x.polls));
  }
  if (key === 'executor_many') {
    // The floor of recording: one exact clock read per poll. A tight loop of the same
    // `performance.now()` call the recorder makes, from wasm, in the same kind of page.
    const c = await repeated(() => measure('clock', smoke ? 10_000 : 1_000_000), 'ns_per_call');
    put(r, 'clock_read_ns', c.runs, 'ns_per_call');
  }
  results[key] = r;
}

// 3: 100k timers
if (want('timers_100k')) {
  const ours = await repeated(() => measure('timers', SIZE.timers, 'ours'), 'ms');
  const driver = await repeated(() => measure('timers', SIZE.timers, 'driver'), 'ms');
  const gloo = await repeated(() => measure('timers', SIZE.timers, 'gloo'), 'ms');
  const raw = await repeated(() => rawJs(rawTimers, SIZE.timers, 'ms'), 'ms');
  const heap = await repeated(() => rawJs(jsHeapTimers, SIZE.timers, 'ms'), 'ms');
  const t = {};
  for (const [name, m] of [['ours_ms', ours], ['driver_ms', driver], ['gloo_ms', gloo], ['raw_js_ms', raw], ['js_heap_ms', heap]]) put(t, name, m.runs, 'ms');
  results.timers_100k = t;
}

// 4: lateness
if (want('timer_lateness')) {
  const ours = await repeated(() => measure('lateness', SIZE.lateness), 'median_ms');
  const raw = await repeated(() => rawJs(rawLateness, SIZE.lateness, 'median_ms'), 'median_ms');
  const l = {};
  put(l, 'ours_median_ms', ours.runs, 'median_ms');
  put(l, 'ours_p99_ms', ours.runs, 'p99_ms');
  put(l, 'raw_js_median_ms', raw.runs, 'median_ms');
  put(l, 'raw_js_p99_ms', raw.runs, 'p99_ms');
  results.timer_lateness = l;
}

// 5: memory (one run: growth is not noisy)
if (want('memory')) {
  const m = await measure('memory', SIZE.memory, '', 1);
  if (!smoke && !m.isolated) throw new Error('the benchmark page is not cross-origin isolated');
  results.memory = { growth_bytes: m.growth_bytes };
}

// The page's wasm memory as the module starts it: its initial pages (the linker's minimum: the
// stack, then the data and the statics, up to the heap's base, rounded up to a 64 KiB page), and
// the heap's base (the largest constant global inside them). Every embed allocates these pages
// before its heap, which the allocator grows by whole pages above them (it never uses what is
// left of the last one): the headroom is what the data may grow before each embed costs a page more.
function memoryAtStart(bytes) {
  let i = 8;
  const leb = () => {
    let r = 0;
    let shift = 0;
    for (;;) {
      const b = bytes[i++];
      r += (b & 0x7f) * 2 ** shift;
      shift += 7;
      if (b < 0x80) return r;
    }
  };
  // A signed LEB128 (an `i32.const`'s or `i64.const`'s operand), as a Number.
  const sleb = () => {
    let r = 0n;
    let shift = 0n;
    let b;
    do {
      b = bytes[i++];
      r |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40) r -= 1n << shift;
    return Number(r);
  };
  let pages = null;
  const constants = [];
  while (i < bytes.length) {
    const id = bytes[i++];
    const size = leb();
    const end = i + size;
    if (id === 5 && leb() > 0) {
      i += 1;
      pages = leb();
    } else if (id === 6) {
      for (let n = leb(); n > 0; n--) {
        const [type, mutable] = [bytes[i], bytes[i + 1]];
        i += 2;
        // The initial value: instructions up to `end` (0x0b).
        const ops = [];
        for (let op = bytes[i++]; op !== 0x0b; op = bytes[i++]) {
          if (op === 0x41) {
            ops.push(sleb());
            continue;
          }
          if (op === 0x42) sleb();
          else if (op === 0x43 || op === 0x44) i += op === 0x43 ? 4 : 8;
          else if (op === 0x23 || op === 0xd2) leb();
          else if (op === 0xd0) i += 1;
          else throw new Error(`a global's initial value has an instruction this reader does not know (0x${op.toString(16)})`);
          ops.push(null);
        }
        if (type === 0x7f && !mutable && ops.length === 1 && ops[0] !== null) constants.push(ops[0]);
      }
    }
    i = end;
  }
  if (pages === null) throw new Error('the wasm declares no memory');
  const inside = constants.filter((v) => v > 0 && v <= pages * 65536);
  if (inside.length === 0) throw new Error('no constant global points inside the initial memory: no heap base to read');
  const heapBase = Math.max(...inside);
  return { pages, heapBase, headroom: pages * 65536 - heapBase };
}

// 6: size of the release build in dist/
if (want('size')) {
  const files = readdirSync('dist');
  const gz = (pred) => files.filter(pred).reduce((sum, f) => sum + gzipSync(readFileSync(join('dist', f)), { level: 9 }).length, 0);
  const staticJs = gzipSync(readFileSync('dist/static/boot.js'), { level: 9 }).length;
  results.size = {
    // The whole app: the page's module and the language's, loaded on first use (src/web/lazy.rs).
    wasm_gzip_bytes: gz((f) => f.endsWith('.wasm')),
    wasm_primary_gzip_bytes: gz((f) => f.endsWith('_bg.wasm')),
    js_gzip_bytes: gz((f) => f.endsWith('.js')) + staticJs,
    css_gzip_bytes: gz((f) => f.endsWith('.css')),
  };
  const primary = files.find((f) => f.endsWith('_bg.wasm'));
  if (primary) {
    const mem = memoryAtStart(readFileSync(join('dist', primary)));
    Object.assign(results.size, { memory_start_pages: mem.pages, memory_heap_base: mem.heapBase, memory_page_headroom_bytes: mem.headroom });
  }
}

// 7: UI. The fold-and-repaint figure from the harness, and the real app: the 1,000-timer preset
// run in the actual page, with every frame's rAF delta and every long task recorded while it runs.
async function realPage() {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  try {
    await page.addInitScript(() => {
      window.__frames = [];
      window.__longTasks = [];
      window.__recording = false;
      let last = 0;
      // Each interval to the microsecond: the timestamps are coarser than that, and their
      // difference in floating point is not (16.7 read as 16.700000000000728, over a 16.7 goal).
      const frame = (t) => {
        if (window.__recording && last) window.__frames.push(Math.round((t - last) * 1000) / 1000);
        last = t;
        requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      // Run-click latency: from the click to the first frame painted after it. A frame is
      // requested in the capture phase, before the app's own handler; its callback runs once
      // that handler's work is done, and a message posted from it is handled once the frame
      // has been produced. (The callback's own timestamp will not do: Chromium dispatches input
      // at the start of a frame, so that timestamp can be older than the click.)
      document.addEventListener('click', (e) => {
        if (!window.__recording || window.__clickAt !== undefined || !e.target.closest('[data-testid="run"]')) return;
        window.__clickAt = e.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => { window.__clickFrame = performance.now(); };
          channel.port2.postMessage(0);
        });
      }, true);
      new PerformanceObserver((list) => {
        if (window.__recording) for (const e of list.getEntries()) window.__longTasks.push(e.duration);
      }).observe({ type: 'longtask' });
    });
    await page.goto(`${appBase}#p=${smoke ? 'join' : 'thousand'}`);
    await page.getByTestId('run').waitFor();
    await page.waitForTimeout(300);
    // The peer: the same page, idle, for a second before Run. Its p95 is the display's own
    // jitter (Chromium's frame timestamps read 16.6, 16.7 or 16.8 ms at 60 Hz with nothing to
    // do), the floor the run's p95 is read against.
    await page.evaluate(() => { window.__recording = true; });
    await page.waitForTimeout(1000);
    const idle = await page.evaluate(() => { const f = window.__frames; window.__frames = []; return f; });
    await page.getByTestId('run').click();
    await page.getByTestId('status').filter({ hasText: 'finished' }).waitFor({ timeout: 60_000 });
    await page.waitForTimeout(200);
    const { frames, longTasks, click } = await page.evaluate(() => {
      window.__recording = false;
      return { frames: window.__frames, longTasks: window.__longTasks, click: window.__clickFrame - window.__clickAt };
    });
    if (!(click >= 0)) throw new Error(`no frame after the Run click was recorded (${click})`);
    if (frames.length < 10 || idle.length < 10) throw new Error(`only ${frames.length} frames recorded (${idle.length} idle)`);
    const p95 = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.round((s.length - 1) * 0.95))]; };
    // Frames that missed the display's next refresh: longer than one and a half of the idle
    // page's median frame.
    const idleMedian = [...idle].sort((a, b) => a - b)[Math.floor(idle.length / 2)];
    return {
      frame_p95_ms: p95(frames),
      frame_p95_idle_ms: p95(idle),
      frames_dropped: frames.filter((d) => d > 1.5 * idleMedian).length,
      long_tasks_over_50ms: longTasks.filter((d) => d > 50).length,
      longest_task_ms: Math.max(0, ...longTasks),
      run_click_ms: click,
      frames: frames.length,
    };
  } finally {
    await page.close();
  }
}

if (want('ui')) {
  const ui = await repeated(() => measure('ui', SIZE.ui), 'update_p95_ms');
  const real = await repeated(realPage, 'frame_p95_ms');
  const u = { tasks: ui.runs[0].tasks, events: ui.runs[0].events };
  put(u, 'update_p95_ms', ui.runs);
  put(u, 'frame_p95_ms', real.runs);
  put(u, 'frame_p95_idle_ms', real.runs);
  put(u, 'frames_dropped', real.runs);
  put(u, 'frames', real.runs);
  put(u, 'run_click_ms', real.runs);
  put(u, 'longest_task_ms', real.runs);
  // The worst page, not the median: one long task is already a miss.
  put(u, 'long_tasks_over_50ms', real.runs);
  u.long_tasks_over_50ms = Math.max(...real.runs.map((r) => r.long_tasks_over_50ms));
  results.ui = u;
}

// 8: time travel. A 100,000-event trace folded with checkpoints, then random seeks.
if (want('interpreter')) {
  // executor_many in the language against the same workload as compiled async blocks, same run.
  const r = await repeated(() => measure('interpreter', SIZE.interpreter), 'ratio');
  const ip = { polls: r.runs[0].polls, own_future_polls: r.runs[0].own_future_polls };
  for (const k of ['ns_per_poll', 'native_ns_per_poll', 'ratio', 'own_future_ns_per_poll', 'own_future_native_ns_per_poll', 'own_future_ratio']) put(ip, k, r.runs);
  results.interpreter = ip;
}

if (want('threads')) {
  // The book's executor with n timer threads against the language's spawn/sleep, and n
  // sleeping threads against n sleeping tasks (the like-for-like switch cost), same run.
  const r = await repeated(() => measure('threads', SIZE.threads), 'ratio');
  const th = { switches: r.runs[0].switches, sleep_polls: r.runs[0].sleep_polls, tasks: SIZE.threads };
  for (const k of ['threads_ms', 'ns_per_book_switch', 'spawn_sleep_ms', 'ns_per_await', 'book_ratio', 'sleeping_threads_ms', 'sleeping_tasks_ms', 'ns_per_switch', 'ns_per_task_poll', 'ratio']) put(th, k, r.runs);
  results.threads = th;
}

if (want('replay')) {
  const r = await repeated(() => measure('replay', SIZE.replay), 'seek_p95_ms');
  const rp = { events: r.runs[0].events, bytes_per_event: r.runs[0].bytes_per_event };
  put(rp, 'seek_p95_ms', r.runs);
  put(rp, 'build_ms', r.runs);
  results.replay = rp;
}

// 9: loading. An embed cold (cache disabled, files served gzip as GitHub Pages sends them), plain
// and under Lighthouse's mobile profile; its bytes on the wire with gzip and with brotli; and a
// host page of ten embeds: all ready, and the page's memory once idle.
if (want('load')) {
  const servers = await loadServers();
  try {
    const path = '?embed#p=seed';
    const plain = await repeated(() => embedOnce(browser, servers.gzipBase + path), 'ms');
    const mobile = await repeated(() => embedOnce(browser, servers.gzipBase + path, MOBILE), 'ms');
    const br = await embedOnce(browser, servers.brBase + path);
    const ten = await repeated(() => embedsPage(browser, servers.gzipBase + path, 10), 'ms');
    const ld = { embed_requests: plain.runs[0].requests, embed_wire_bytes: plain.runs[0].wire_bytes, embed_wire_bytes_br: br.wire_bytes, ten_embeds_heaps: ten.runs[0].heaps };
    put(ld, 'embed_ms', plain.runs, 'ms');
    put(ld, 'embed_throttled_ms', mobile.runs, 'ms');
    put(ld, 'ten_embeds_ms', ten.runs, 'ms');
    put(ld, 'ten_embeds_memory_bytes', ten.runs, 'memory_bytes');
    put(ld, 'ten_embeds_js_heap_bytes', ten.runs, 'js_heap_bytes');
    put(ld, 'ten_embeds_wasm_bytes', ten.runs, 'wasm_bytes');
    results.load = ld;
  } finally {
    servers.close();
  }
}

await browser.close();
server.close();
appServer.close();

// Everything must be a finite number.
for (const [group, fields] of Object.entries(results)) {
  for (const [k, v] of Object.entries(fields)) {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`${group}.${k} is ${v}`);
  }
}

if (only) {
  // A subset replaces its own groups in results.json and keeps the others (from an earlier full
  // run on this machine), so the README's table can be regenerated after rerunning one group.
  log(JSON.stringify(results, null, 2));
  for (const v of verdicts(tableRows(results))) log(v);
  if (!smoke) {
    let kept = {};
    try {
      kept = JSON.parse(readFileSync('target/bench/results.json', 'utf8'));
    } catch {
      kept = {};
    }
    mkdirSync('target/bench', { recursive: true });
    writeFileSync('target/bench/results.json', JSON.stringify({ ...kept, ...results }, null, 2) + '\n');
    log(`\nmerged ${Object.keys(results).join(', ')} into target/bench/results.json`);
  }
  process.exit(0);
}

// [workload, measure, value, goal, met]: printed here, and turned into the README's table by
// scripts/perf-table.mjs from results.json (the same rows, so the two never disagree).
const rows = tableRows(results);
log('\n| workload | measure | measured | goal | |\n|---|---|---|---|---|');
for (const r of rows) log(`| ${r.join(' | ')} |`);
log('\n' + JSON.stringify(results, null, 2));
log('\nverdicts (median against goal; "within noise" when the pages\' spread crosses the goal):');
for (const v of verdicts(rows)) log(v);

if (smoke) {
  log(`\nsmoke: ${Object.keys(results).length} workloads ok`);
} else {
  mkdirSync('target/bench', { recursive: true });
  writeFileSync('target/bench/results.json', JSON.stringify({ ...results }, null, 2) + '\n');
  writeFileSync('target/bench/environment.json', JSON.stringify({ chromium: version, date: new Date().toISOString(), cores: cpus().length }, null, 2) + '\n');
  log('\nwrote target/bench/results.json');
}
