// The benchmark's goals, and each measured figure against its goal: one row per goal. Used by
// run.mjs (printed after a run) and by scripts/perf-table.mjs (the README's table), so the two
// never disagree. Ratios compare peers measured in the same run; absolute times do not carry over.

const fmt = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : String(x));
const ratioRow = (workload, measure, a, b, goal) => {
  const r = a / b;
  return [workload, measure, `${fmt(r)}×`, `≤ ${goal}×`, r <= goal ? 'met' : 'missed'];
};
const atMost = (workload, measure, value, goal, unit, digits = 2) =>
  [workload, measure, `${fmt(value, digits)}${unit}`, `≤ ${goal}${unit}`, value <= goal ? 'met' : 'missed'];

/** Rows of [workload, measure, measured, goal, met|missed|info] for whatever groups `r` has. */
export function tableRows(r) {
  const rows = [];
  const em = r.executor_many;
  if (em) {
    rows.push(ratioRow('executor_many', `bare (no hooks) / spawn_local (${fmt(em.bare_ns_per_poll, 1)} vs ${fmt(em.spawn_local_ns_per_poll, 1)} ns/poll)`, em.bare_ns_per_poll, em.spawn_local_ns_per_poll, 1.0));
    rows.push(['executor_many', `recording hooks, switched off / spawn_local (${fmt(em.ours_ns_per_poll, 1)} ns/poll)`, `${fmt(em.ours_ns_per_poll / em.spawn_local_ns_per_poll)}×`, '', 'info']);
    rows.push(ratioRow('executor_many', `recording hooks, on / spawn_local (${fmt(em.ours_traced_ns_per_poll, 1)} ns/poll)`, em.ours_traced_ns_per_poll, em.spawn_local_ns_per_poll, 2.0));
    rows.push(['executor_many', 'ticks (bare · recording) · polls counted (spawn_local)', `${em.bare_ticks} · ${em.ticks} · ${em.spawn_local_polls_counted}`, '', 'info']);
  }
  const eo = r.executor_one;
  if (eo) {
    rows.push(ratioRow('executor_one', `ours, self-wakes re-polled in the drain / spawn_local (${fmt(eo.ours_ns_per_poll, 1)} vs ${fmt(eo.spawn_local_ns_per_poll, 1)} ns/poll)`, eo.ours_ns_per_poll, eo.spawn_local_ns_per_poll, 0.2));
    // The like-for-like row: the bare executor under spawn_local's own policy (a host hop per
    // self-wake), so only the per-poll machinery differs.
    rows.push(ratioRow('executor_one', `bare, self-wakes deferred as spawn_local does / spawn_local (${fmt(eo.bare_deferred_ns_per_poll, 1)} ns/poll)`, eo.bare_deferred_ns_per_poll, eo.spawn_local_ns_per_poll, 1.0));
    // No goal: this row shows what the drain policy is worth, with both executors paying one
    // host hop (a microtask) per self-wake.
    rows.push(['executor_one', `ours, self-wakes deferred to the next tick as spawn_local does / spawn_local (${fmt(eo.ours_deferred_ns_per_poll, 1)} ns/poll, ${eo.ours_deferred_ticks} ticks)`,
      `${fmt(eo.ours_deferred_ns_per_poll / eo.spawn_local_ns_per_poll)}×`, '', 'info']);
  }
  const t = r.timers_100k;
  if (t) {
    rows.push(ratioRow('timers_100k', `driver / JS min-heap (${fmt(t.driver_ms, 0)} vs ${fmt(t.js_heap_ms, 0)} ms)`, t.driver_ms, t.js_heap_ms, 1.0));
    rows.push(ratioRow('timers_100k', `driver / raw JS setTimeout (${fmt(t.raw_js_ms, 0)} ms)`, t.driver_ms, t.raw_js_ms, 0.5));
    rows.push(ratioRow('timers_100k', `TimerFuture / gloo TimeoutFuture (${fmt(t.ours_ms, 0)} vs ${fmt(t.gloo_ms, 0)} ms)`, t.ours_ms, t.gloo_ms, 1.0));
  }
  const l = r.timer_lateness;
  if (l) rows.push(atMost('timer_lateness', `median overhead over raw JS (p99 ${fmt(l.ours_p99_ms)} vs ${fmt(l.raw_js_p99_ms)} ms)`, l.ours_median_ms - l.raw_js_median_ms, 0.1, ' ms', 3));
  if (r.memory) rows.push(atMost('memory', 'growth over 100k cancel + 100k fire cycles', r.memory.growth_bytes, 65536, ' B', 0));
  if (r.size) rows.push(atMost('size', `wasm, gzip -9 (JS ${r.size.js_gzip_bytes} B, CSS ${r.size.css_gzip_bytes} B)`, r.size.wasm_gzip_bytes, 153600, ' B', 0));
  const u = r.ui;
  if (u) {
    rows.push(atMost('ui', `fold a batch and repaint, p95 (${u.tasks} tasks, ${u.events} events)`, u.update_p95_ms, 16, ' ms'));
    rows.push(atMost('ui', 'real page, 1,000-timer preset: frame time p95', u.frame_p95_ms, 16.7, ' ms', 1));
    rows.push(atMost('ui', 'real page, 1,000-timer preset: long tasks over 50 ms', u.long_tasks_over_50ms, 0, '', 0));
  }
  const ip = r.interpreter;
  if (ip) {
    rows.push(atMost('interpreter', `executor_many written in the language / as compiled async blocks (${fmt(ip.ns_per_poll, 0)} vs ${fmt(ip.native_ns_per_poll, 0)} ns/poll)`, ip.ratio, 3, '×'));
    if (ip.own_future_ratio !== undefined) {
      rows.push(atMost('interpreter', `a hand-written impl Future, ${ip.own_future_polls} polls, in the language / compiled (${fmt(ip.own_future_ns_per_poll, 0)} vs ${fmt(ip.own_future_native_ns_per_poll, 0)} ns/poll)`, ip.own_future_ratio, 5, '×'));
    }
  }
  const th = r.threads;
  if (th) {
    rows.push(['threads', `the book's executor, ${th.tasks} timer threads: wall time on the simulated clock (${th.switches} thread switches)`, `${fmt(th.threads_ms, 0)} ms`, '', 'info']);
    rows.push(['threads', `the book's program per poll of ours / spawn+sleep per poll (${fmt(th.ns_per_book_switch, 0)} vs ${fmt(th.ns_per_await, 0)} ns: far more interpreted work between two polls)`, `${fmt(th.book_ratio, 2)}×`, '', 'info']);
    rows.push(atMost('threads', `a thread switch / an interpreted .await, the same work (${th.tasks} threads thread::sleep then join, ${fmt(th.sleeping_threads_ms, 0)} ms, vs ${th.tasks} tasks sleep().await then .await, ${fmt(th.sleeping_tasks_ms, 0)} ms; ${fmt(th.ns_per_switch, 0)} vs ${fmt(th.ns_per_task_poll, 0)} ns per poll)`, th.ratio, 2, '×'));
  }
  const rp = r.replay;
  if (rp) {
    rows.push(atMost('replay', `seek to a random event, p95 (${rp.events} events, folded with checkpoints in ${fmt(rp.build_ms, 0)} ms)`, rp.seek_p95_ms, 16, ' ms'));
    rows.push(atMost('replay', 'trace memory per event', rp.bytes_per_event, 48, ' B', 0));
  }
  return rows;
}
