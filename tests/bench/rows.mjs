// The benchmark's goals, and each measured figure against its goal: one row per goal. Used by
// run.mjs (printed after a run) and by scripts/perf-table.mjs (the README's table), so the two
// never disagree. Ratios compare peers measured in the same run; absolute times do not carry over.
//
// Each figure is the median over the pages that measured it, with the spread (the lowest and the
// highest page) beside it when there was more than one page. A ratio of two medians shows the
// widest spread its two figures allow (lowest over highest, highest over lowest). The verdict says
// "within noise" when that spread crosses the goal: the median alone does not decide it.

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));

/** [min, max] of `o[name]` over the pages, or null when one page measured it. */
const spreadOf = (o, name) => (Number.isFinite(o[`${name}_min`]) && Number.isFinite(o[`${name}_max`]) ? [o[`${name}_min`], o[`${name}_max`]] : null);

/** The widest spread of a / b given the spreads of a and b. */
const ratioSpread = (o, a, b) => {
  const sa = spreadOf(o, a);
  const sb = spreadOf(o, b);
  return sa && sb ? [sa[0] / sb[1], sa[1] / sb[0]] : null;
};

const verdict = (value, spread, goal) => {
  const met = value <= goal;
  if (spread && (met ? spread[1] > goal : spread[0] <= goal)) return met ? 'met, within noise' : 'missed, within noise';
  return met ? 'met' : 'missed';
};

const shown = (value, spread, unit, digits) => `${fmt(value, digits)}${unit}${spread ? ` (${fmt(spread[0], digits)}–${fmt(spread[1], digits)})` : ''}`;

/** A row whose figure is o[a] / o[b], against `goal`. */
const ratioRow = (workload, measure, o, a, b, goal) => {
  const r = o[a] / o[b];
  const s = ratioSpread(o, a, b);
  return [workload, measure, shown(r, s, '×', 2), `≤ ${goal}×`, verdict(r, s, goal)];
};
const infoRatio = (workload, measure, o, a, b) => [workload, measure, shown(o[a] / o[b], ratioSpread(o, a, b), '×', 2), '', 'info'];
/** A row whose figure is o[name], against `goal`. */
const atMost = (workload, measure, o, name, goal, unit, digits = 2) => {
  const s = spreadOf(o, name);
  return [workload, measure, shown(o[name], s, unit, digits), `≤ ${goal}${unit}`, verdict(o[name], s, goal)];
};
const info = (workload, measure, o, name, unit, digits = 0) => [workload, measure, shown(o[name], spreadOf(o, name), unit, digits), '', 'info'];

/** Rows of [workload, measure, measured, goal, verdict] for whatever groups `r` has. */
export function tableRows(r) {
  const rows = [];
  const em = r.executor_many;
  if (em) {
    rows.push(ratioRow('executor_many', `bare (no hooks) / spawn_local (${fmt(em.bare_ns_per_poll, 1)} vs ${fmt(em.spawn_local_ns_per_poll, 1)} ns/poll)`, em, 'bare_ns_per_poll', 'spawn_local_ns_per_poll', 1.0));
    rows.push(infoRatio('executor_many', `recording hooks, switched off / spawn_local (${fmt(em.ours_ns_per_poll, 1)} ns/poll)`, em, 'ours_ns_per_poll', 'spawn_local_ns_per_poll'));
    rows.push(infoRatio('executor_many', `recording hooks, on / spawn_local (${fmt(em.ours_traced_ns_per_poll, 1)} ns/poll)`, em, 'ours_traced_ns_per_poll', 'spawn_local_ns_per_poll'));
    if (Number.isFinite(em.clock_read_ns)) {
      // The floor of recording is one exact clock read a poll: the goal is the bare executor
      // plus 1.2 of them.
      const o = { ...em, floor: em.bare_ns_per_poll + 1.2 * em.clock_read_ns };
      const sb = spreadOf(em, 'bare_ns_per_poll');
      const sc = spreadOf(em, 'clock_read_ns');
      if (sb && sc) [o.floor_min, o.floor_max] = [sb[0] + 1.2 * sc[0], sb[1] + 1.2 * sc[1]];
      rows.push(ratioRow('executor_many', `recording hooks, on / (bare + 1.2 clock reads a poll) (${fmt(em.ours_traced_ns_per_poll, 1)} vs ${fmt(em.bare_ns_per_poll, 1)} + 1.2 × ${fmt(em.clock_read_ns, 1)} ns)`, o, 'ours_traced_ns_per_poll', 'floor', 1.0));
    }
    rows.push(['executor_many', 'ticks (bare · recording) · polls counted (spawn_local)', `${em.bare_ticks} · ${em.ticks} · ${em.spawn_local_polls_counted}`, '', 'info']);
  }
  const eo = r.executor_one;
  if (eo) {
    rows.push(ratioRow('executor_one', `ours, self-wakes re-polled in the drain / spawn_local (${fmt(eo.ours_ns_per_poll, 1)} vs ${fmt(eo.spawn_local_ns_per_poll, 1)} ns/poll)`, eo, 'ours_ns_per_poll', 'spawn_local_ns_per_poll', 0.2));
    // The like-for-like row: the bare executor under spawn_local's own policy (a host hop per
    // self-wake), so only the per-poll machinery differs.
    rows.push(ratioRow('executor_one', `bare, self-wakes deferred as spawn_local does / spawn_local (${fmt(eo.bare_deferred_ns_per_poll, 1)} ns/poll)`, eo, 'bare_deferred_ns_per_poll', 'spawn_local_ns_per_poll', 1.0));
    // No goal: this row shows what the drain policy is worth, with both executors paying one
    // host hop (a microtask) per self-wake.
    rows.push(infoRatio('executor_one', `ours, self-wakes deferred to the next tick as spawn_local does / spawn_local (${fmt(eo.ours_deferred_ns_per_poll, 1)} ns/poll, ${eo.ours_deferred_ticks} ticks)`, eo, 'ours_deferred_ns_per_poll', 'spawn_local_ns_per_poll'));
  }
  const t = r.timers_100k;
  if (t) {
    rows.push(ratioRow('timers_100k', `driver / JS min-heap (${fmt(t.driver_ms, 0)} vs ${fmt(t.js_heap_ms, 0)} ms)`, t, 'driver_ms', 'js_heap_ms', 1.0));
    rows.push(ratioRow('timers_100k', `driver / raw JS setTimeout (${fmt(t.raw_js_ms, 0)} ms)`, t, 'driver_ms', 'raw_js_ms', 0.5));
    rows.push(ratioRow('timers_100k', `TimerFuture / gloo TimeoutFuture (${fmt(t.ours_ms, 0)} vs ${fmt(t.gloo_ms, 0)} ms)`, t, 'ours_ms', 'gloo_ms', 1.0));
  }
  const l = r.timer_lateness;
  if (l) {
    const o = { over: l.ours_median_ms - l.raw_js_median_ms };
    const so = spreadOf(l, 'ours_median_ms');
    const sr = spreadOf(l, 'raw_js_median_ms');
    if (so && sr) [o.over_min, o.over_max] = [so[0] - sr[1], so[1] - sr[0]];
    rows.push(atMost('timer_lateness', `median overhead over raw JS (p99 ${fmt(l.ours_p99_ms)} vs ${fmt(l.raw_js_p99_ms)} ms)`, o, 'over', 0.1, ' ms', 3));
  }
  if (r.memory) rows.push(atMost('memory', 'growth over 100k cancel + 100k fire cycles', r.memory, 'growth_bytes', 65536, ' B', 0));
  // The whole app with every feature, the language included (issue 19's budget).
  if (r.size) {
    rows.push(atMost('size', `wasm, both modules, gzip -9 (JS ${r.size.js_gzip_bytes} B, CSS ${r.size.css_gzip_bytes} B)`, r.size, 'wasm_gzip_bytes', 307200, ' B', 0));
    // What a page loads first; the language's module comes on first use.
    if (r.size.wasm_primary_gzip_bytes) rows.push(info('size', 'wasm, the page\'s module alone, gzip -9', r.size, 'wasm_primary_gzip_bytes', ' B'));
    // How much the data may grow before every embed's memory starts a 64 KiB page larger.
    if (r.size.memory_start_pages) {
      rows.push(info('size', `an embed's wasm memory at start: ${r.size.memory_start_pages} pages of 64 KiB (stack, data, statics to the heap at ${r.size.memory_heap_base} B); left in the last page`, r.size, 'memory_page_headroom_bytes', ' B'));
    }
  }
  const u = r.ui;
  if (u) {
    rows.push(atMost('ui', `fold a batch and repaint, p95 (${u.tasks} tasks, ${u.events} events)`, u, 'update_p95_ms', 16, ' ms'));
    rows.push(atMost('ui', 'real page, 1,000-timer preset: frame time p95', u, 'frame_p95_ms', 16.7, ' ms', 1));
    // The peer, from the same pages: the page idle for a second before Run, and the frames of
    // the run that missed a refresh (over 1.5 idle frames), of all the run's frames.
    if (Number.isFinite(u.frame_p95_idle_ms)) {
      rows.push(info('ui', `the same page idle before Run: frame time p95 (the display's own jitter); frames of the run that missed a refresh: ${fmt(u.frames_dropped, 0)} of ${fmt(u.frames, 0)}`, u, 'frame_p95_idle_ms', ' ms', 1));
    }
    // The worst of the pages: one long task is a miss.
    rows.push(atMost('ui', `real page, 1,000-timer preset: long tasks over 50 ms, the worst page (longest ${fmt(u.longest_task_ms, 0)} ms)`, { n: u.long_tasks_over_50ms }, 'n', 0, '', 0));
    // RAIL's response budget: something on screen within 100 ms of a click.
    if (Number.isFinite(u.run_click_ms)) rows.push(atMost('ui', 'real page, 1,000-timer preset: Run click to the first frame painted after it', u, 'run_click_ms', 100, ' ms', 0));
  }
  const ip = r.interpreter;
  if (ip) {
    rows.push(atMost('interpreter', `executor_many written in the language / as compiled async blocks (${fmt(ip.ns_per_poll, 0)} vs ${fmt(ip.native_ns_per_poll, 0)} ns/poll)`, ip, 'ratio', 3, '×'));
    if (ip.own_future_ratio !== undefined) {
      rows.push(atMost('interpreter', `a hand-written impl Future, ${ip.own_future_polls} polls, in the language / compiled (${fmt(ip.own_future_ns_per_poll, 0)} vs ${fmt(ip.own_future_native_ns_per_poll, 0)} ns/poll)`, ip, 'own_future_ratio', 5, '×'));
    }
  }
  const th = r.threads;
  if (th) {
    rows.push(info('threads', `the book's executor, ${th.tasks} timer threads: wall time on the simulated clock (${th.switches} thread switches)`, th, 'threads_ms', ' ms'));
    rows.push(info('threads', `the book's program per poll of ours / spawn+sleep per poll (${fmt(th.ns_per_book_switch, 0)} vs ${fmt(th.ns_per_await, 0)} ns: far more interpreted work between two polls)`, th, 'book_ratio', '×', 2));
    rows.push(atMost('threads', `a thread switch / an interpreted .await, the same work (${th.tasks} threads thread::sleep then join, ${fmt(th.sleeping_threads_ms, 0)} ms, vs ${th.tasks} tasks sleep().await then .await, ${fmt(th.sleeping_tasks_ms, 0)} ms; ${fmt(th.ns_per_switch, 0)} vs ${fmt(th.ns_per_task_poll, 0)} ns per poll)`, th, 'ratio', 2, '×'));
  }
  const rp = r.replay;
  if (rp) {
    rows.push(atMost('replay', `seek to a random event, p95 (${rp.events} events, folded with checkpoints in ${fmt(rp.build_ms, 0)} ms)`, rp, 'seek_p95_ms', 16, ' ms'));
    rows.push(atMost('replay', 'trace memory per event', rp, 'bytes_per_event', 48, ' B', 0));
  }
  const ld = r.load;
  if (ld) {
    rows.push(info('load', `an embed, cold, to a working Run button (${ld.embed_requests} requests, gzip)`, ld, 'embed_ms', ' ms'));
    rows.push(atMost('load', 'the same, Lighthouse mobile profile (150 ms round trip, 1.6 Mbps, CPU 4×)', ld, 'embed_throttled_ms', 2000, ' ms', 0));
    rows.push(['load', 'bytes on the wire for that embed, gzip · brotli', `${ld.embed_wire_bytes} B · ${ld.embed_wire_bytes_br} B`, '', 'info']);
    rows.push(info('load', 'a page of 10 embeds: all ready', ld, 'ten_embeds_ms', ' ms'));
    rows.push(atMost('load', `a page of 10 idle embeds: JS heaps + wasm memories (${fmt(ld.ten_embeds_js_heap_bytes / 1e6, 1)} MB in ${ld.ten_embeds_heaps} heap(s) + ${fmt(ld.ten_embeds_wasm_bytes / 1e6, 1)} MB)`, ld, 'ten_embeds_memory_bytes', 20000000, ' B', 0));
  }
  return rows;
}

/** One line per goal: `workload, measure: verdict (measured against goal)`. */
export function verdicts(rows) {
  return rows.filter((r) => r[4] !== 'info').map(([w, m, v, g, verdictText]) => `${verdictText.padEnd(20)} ${w}: ${v} against ${g}: ${m}`);
}
