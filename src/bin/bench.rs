//! The benchmark harness: one workload per page load, in headless Chromium.
//!
//! `bench.html?w=<workload>&n=<size>&peer=<peer>` runs one measurement and leaves its result, as
//! JSON, in `window.__benchResult` (or an error in `window.__benchError`). `tests/bench/run.mjs`
//! loads one fresh page per measurement, so no run inherits another's memory or timers, and
//! computes the ratios. Raw-JS peers are plain JavaScript in that script, not here.
//!
//! Every workload checks its own result (polls counted, every timer fired) and reports failure
//! instead of a number, so the smoke run in the test command proves the workloads still work.
#![forbid(unsafe_code)]

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the benchmark runs in the browser: see `make bench`");
}

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm::start();
}

#[cfg(target_arch = "wasm32")]
mod wasm {
    use std::cell::RefCell;
    use std::future::Future;
    use std::pin::Pin;
    use std::rc::Rc;
    use std::task::{Context, Poll, Waker};

    use js_sys::{Reflect, WebAssembly};
    use waker_playground::core::{Config, Executor, Hooks, Platform, Recorder, Replay, SimPlatform, TimerBackend, Trace, TraceView};
    use waker_playground::play::{Scenario, ScenarioRun, Step, TaskSpec, YieldNow};
    use waker_playground::ui::draw::{time_range, Geometry, LaneLayout, Palette, LANE_H};
    use waker_playground::web::BrowserPlatform;
    use wasm_bindgen::JsCast;

    fn now() -> f64 {
        BrowserPlatform::shared().now()
    }

    /// Left to go, when the last one finished, and who waits.
    type CountdownState = (usize, Option<f64>, Option<Waker>);

    /// Resolves when `count` reaches zero; records the time of the last decrement.
    #[derive(Clone)]
    struct Countdown(Rc<RefCell<CountdownState>>);

    impl Countdown {
        fn new(n: usize) -> Self {
            Countdown(Rc::new(RefCell::new((n, if n == 0 { Some(now()) } else { None }, None))))
        }

        fn done_one(&self) {
            let waker = {
                let mut s = self.0.borrow_mut();
                s.0 = s.0.saturating_sub(1);
                if s.0 > 0 {
                    return;
                }
                s.1 = Some(now());
                s.2.take()
            };
            if let Some(w) = waker {
                w.wake();
            }
        }
    }

    impl Future for Countdown {
        type Output = f64;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<f64> {
            let mut s = self.0.borrow_mut();
            match s.1 {
                Some(t) => Poll::Ready(t),
                None => {
                    s.2 = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        }
    }

    type Fields = Vec<(&'static str, f64)>;

    fn query(name: &str) -> Option<String> {
        let search = web_sys::window()?.location().search().ok()?;
        search.trim_start_matches('?').split('&').find_map(|kv| kv.strip_prefix(name).and_then(|r| r.strip_prefix('=')).map(str::to_string))
    }

    pub fn start() {
        let w = query("w").unwrap_or_default();
        let n: usize = query("n").and_then(|n| n.parse().ok()).unwrap_or(1000);
        let peer = query("peer").unwrap_or_default();
        // `reps` > 1 runs the workload that many times in the same page: the first run warms the
        // code up (the browser compiles wasm in tiers), and every field of the result is the
        // median of the other runs.
        let reps: usize = query("reps").and_then(|n| n.parse().ok()).unwrap_or(1).clamp(1, 100);
        // `warm_ms`: the warm-up goes on, a run at a time, until this much time has passed (at
        // most 50 runs). Chromium compiles a big function (the evaluator's loop) in its
        // optimizing tier on a background thread, after it has run a while: one short warm-up run
        // left some pages measuring the baseline tier (a hand-written future's ratio 3.6x in one
        // page, 6.3x in another, in one run).
        let warm_ms: f64 = query("warm_ms").and_then(|n| n.parse().ok()).unwrap_or(0.0f64).clamp(0.0, 10_000.0);
        wasm_bindgen_futures::spawn_local(async move {
            let mut runs = Vec::new();
            let mut result = Ok(Vec::new());
            if reps > 1 && warm_ms > 0.0 {
                let t0 = now();
                for _ in 0..50 {
                    result = run(&w, n, &peer).await;
                    if result.is_err() || now() - t0 >= warm_ms {
                        break;
                    }
                }
            }
            for i in 0..reps {
                if result.is_err() {
                    break;
                }
                result = run(&w, n, &peer).await;
                match &result {
                    Ok(fields) if i > 0 || reps == 1 => runs.push(fields.clone()),
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
            if let (Ok(_), Some(first)) = (&result, runs.first()) {
                let fields = first
                    .iter()
                    .enumerate()
                    .map(|(k, (name, _))| {
                        let mut v: Vec<f64> = runs.iter().filter_map(|r| r.get(k).map(|f| f.1)).collect();
                        v.sort_by(f64::total_cmp);
                        (*name, v.get(v.len() / 2).copied().unwrap_or(f64::NAN))
                    })
                    .collect();
                result = Ok(fields);
            }
            let Some(win) = web_sys::window() else { return };
            match result {
                Ok(fields) => {
                    let obj = js_sys::Object::new();
                    for (k, v) in fields {
                        let _ = Reflect::set(&obj, &k.into(), &v.into());
                    }
                    let _ = Reflect::set(&win, &"__benchResult".into(), &obj);
                }
                Err(e) => {
                    let _ = Reflect::set(&win, &"__benchError".into(), &e.into());
                }
            }
        });
    }

    async fn run(w: &str, n: usize, peer: &str) -> Result<Fields, String> {
        match w {
            // n tasks, each waking itself `wakes` times (10 for executor_many, n for executor_one).
            "executor_many" => self_wakes(n, 10, peer).await,
            "executor_one" => self_wakes(1, n, peer).await,
            "timers" => timers(n, peer).await,
            "lateness" => lateness(n).await,
            "memory" => memory(n).await,
            "ui" => ui(n, 20 * n),
            "replay" => replay(n),
            "interpreter" => interpreter(n),
            "threads" => threads(n),
            "clock" => {
                let p = BrowserPlatform::shared();
                let t0 = now();
                let mut acc = 0.0;
                for _ in 0..n {
                    acc += p.now();
                }
                let t1 = now();
                Ok(vec![("ns_per_call", (t1 - t0) * 1e6 / n as f64), ("checksum", acc.signum())])
            }
            other => Err(format!("unknown workload {other:?}")),
        }
    }

    /// Counts the polls of the future it wraps: the workload's own count, the same for every
    /// executor (spawn_local keeps no counters of its own).
    struct Counted<F> {
        inner: Pin<Box<F>>,
        polls: Rc<std::cell::Cell<u64>>,
    }

    impl<F: Future<Output = ()>> Future for Counted<F> {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            self.polls.set(self.polls.get() + 1);
            self.inner.as_mut().poll(cx)
        }
    }

    async fn self_wakes(tasks: usize, wakes: usize, peer: &str) -> Result<Fields, String> {
        let done = Countdown::new(tasks);
        let counted: Rc<std::cell::Cell<u64>> = Rc::default();
        let body = move |done: Countdown, polls: Rc<std::cell::Cell<u64>>| Counted {
            inner: Box::pin(async move {
                for _ in 0..wakes {
                    YieldNow::default().await;
                }
                done.done_one();
            }),
            polls,
        };
        let expected = (tasks * (wakes + 1)) as f64;
        let start = now();
        let (end, ticks) = match peer {
            "spawn_local" => {
                for _ in 0..tasks {
                    wasm_bindgen_futures::spawn_local(body(done.clone(), counted.clone()));
                }
                (done.await, f64::NAN)
            }
            // The playground's executor (recording hooks; `ours` with recording switched off).
            "ours" | "ours_traced" | "ours_deferred" => {
                let config = Config { trace: peer == "ours_traced", defer_self_wakes: peer == "ours_deferred", ..Config::default() };
                let exec = Executor::new(BrowserPlatform::shared(), config);
                for _ in 0..tasks {
                    exec.spawn("t", body(done.clone(), counted.clone()));
                }
                settled(&exec, done.clone(), &counted).await?
            }
            // The bare executor: `NoHooks`, no instrumentation compiled in.
            "bare" | "bare_deferred" => {
                let config = Config { trace: false, defer_self_wakes: peer == "bare_deferred", ..Config::default() };
                let exec = Executor::bare(BrowserPlatform::shared(), config);
                for _ in 0..tasks {
                    exec.spawn("t", body(done.clone(), counted.clone()));
                }
                settled(&exec, done.clone(), &counted).await?
            }
            p => return Err(format!("unknown peer {p:?}")),
        };
        let polls = counted.get() as f64;
        if polls != expected {
            return Err(format!("expected {expected} polls, counted {polls}"));
        }
        let ms = end - start;
        Ok(vec![("ns_per_poll", ms * 1e6 / polls), ("polls", polls), ("ms", ms), ("ticks", ticks)])
    }

    /// Waits for the workload, then checks the executor's poll count against the futures' own.
    async fn settled<H: Hooks>(exec: &Executor<H>, done: Countdown, counted: &std::cell::Cell<u64>) -> Result<(f64, f64), String> {
        let end = done.await;
        let s = exec.stats();
        if s.polls != counted.get() {
            return Err(format!("the executor counted {} polls, the futures {}", s.polls, counted.get()));
        }
        Ok((end, s.ticks as f64))
    }

    /// n timers with delays 0..49 ms, one task each, all awaited.
    async fn timers(n: usize, peer: &str) -> Result<Fields, String> {
        let done = Countdown::new(n);
        let start = now();
        let (created, end, fired) = match peer {
            "gloo" => {
                for i in 0..n {
                    let t = gloo_timers::future::TimeoutFuture::new((i % 50) as u32);
                    let d = done.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        t.await;
                        d.done_one();
                    });
                }
                let created = now();
                (created, done.await, n as f64)
            }
            "ours" | "driver" => {
                let exec = Executor::new(BrowserPlatform::shared(), Config { trace: false, ..Config::default() });
                exec.timers().set_backend(if peer == "driver" { TimerBackend::Driver } else { TimerBackend::PerTimer });
                for i in 0..n {
                    let t = exec.timers().sleep_ms((i % 50) as f64);
                    let d = done.clone();
                    exec.spawn("t", async move {
                        t.await;
                        d.done_one();
                    });
                }
                let created = now();
                let end = done.clone().await;
                let fired = exec.timers().stats().fired as f64;
                if fired != n as f64 {
                    return Err(format!("{n} timers, {fired} fired"));
                }
                (created, end, fired)
            }
            p => return Err(format!("unknown peer {p:?}")),
        };
        Ok(vec![("ms", end - start), ("create_ms", created - start), ("fired", fired)])
    }

    /// n timers of 10..100 ms; lateness = when the task saw Ready minus the deadline.
    async fn lateness(n: usize) -> Result<Fields, String> {
        let exec = Executor::new(BrowserPlatform::shared(), Config { trace: false, ..Config::default() });
        let done = Countdown::new(n);
        let samples: Rc<RefCell<Vec<f64>>> = Rc::default();
        for i in 0..n {
            let ms = 10 + (i * 37) % 91;
            let t = exec.timers().sleep_ms(ms as f64);
            let deadline = t.deadline().unwrap_or(0.0);
            let (d, s) = (done.clone(), samples.clone());
            exec.spawn("t", async move {
                t.await;
                s.borrow_mut().push(now() - deadline);
                d.done_one();
            });
        }
        done.await;
        let mut v = samples.borrow().clone();
        if v.len() != n || v.iter().any(|&l| l < 0.0) {
            return Err(format!("{} samples of {n}; negative lateness (an early fire) is a bug", v.len()));
        }
        v.sort_by(f64::total_cmp);
        Ok(vec![("median_ms", pct(&v, 0.5)), ("p99_ms", pct(&v, 0.99)), ("samples", n as f64)])
    }

    fn pct(sorted: &[f64], p: f64) -> f64 {
        if sorted.is_empty() {
            return f64::NAN;
        }
        let i = ((sorted.len() - 1) as f64 * p).round() as usize;
        sorted[i.min(sorted.len() - 1)]
    }

    fn memory_bytes() -> f64 {
        wasm_bindgen::memory()
            .dyn_into::<WebAssembly::Memory>()
            .ok()
            .and_then(|m| m.buffer().dyn_into::<js_sys::ArrayBuffer>().ok())
            .map_or(0.0, |b| f64::from(b.byte_length()))
    }

    /// `n` create→cancel cycles, then `n` create→fire cycles (1,000 at a time), after a warm-up.
    /// The executor runs as the playground does: trace on, capped.
    async fn memory(n: usize) -> Result<Fields, String> {
        // The trace is bounded, by design: a cap the warm-up surely reaches, so that what is
        // measured is growth past it (a leak), not the trace filling up to its cap.
        let exec = Executor::new(BrowserPlatform::shared(), Config { trace_cap: 100_000, ..Config::default() });
        let platform = BrowserPlatform::shared();
        let cycles = |exec: &Executor<Recorder>, n: usize| {
            for i in 0..n {
                let t = exec.timers().sleep_ms((i % 50) as f64 + 10.0);
                drop(t);
            }
        };
        async fn fires(exec: &Executor<Recorder>, n: usize) -> f64 {
            let mut left = n;
            let before = exec.timers().stats().fired;
            while left > 0 {
                let batch = left.min(1000);
                let done = Countdown::new(batch);
                for _ in 0..batch {
                    let d = done.clone();
                    exec.spawn("f", async move {
                        waker_playground::core::TimerFuture::new(std::time::Duration::ZERO).await;
                        d.done_one();
                    });
                }
                done.await;
                left -= batch;
            }
            (exec.timers().stats().fired - before) as f64
        }
        // Warm-up: fill the trace to its cap, the finished-task table to its limit, the slabs.
        let warm = (n / 5).max(1000);
        cycles(&exec, warm);
        fires(&exec, warm.max(12_000)).await;
        if exec.with_trace(|t| t.dropped()) == 0 {
            return Err("the warm-up did not fill the trace to its cap".into());
        }
        let before = memory_bytes();
        cycles(&exec, n);
        let cancel_pending = platform.pending_timeouts() as f64;
        let fired = fires(&exec, n).await;
        let after = memory_bytes();
        if fired != n as f64 || cancel_pending != 0.0 {
            return Err(format!("{fired} of {n} fired; {cancel_pending} timeouts left after cancelling"));
        }
        let isolated = web_sys::window().and_then(|w| Reflect::get(&w, &"crossOriginIsolated".into()).ok()).and_then(|v| v.as_bool());
        Ok(vec![
            ("isolated", if isolated == Some(true) { 1.0 } else { 0.0 }),
            ("growth_bytes", after - before),
            ("memory_bytes", after),
            ("trace_len", exec.with_trace(|t| t.len()) as f64),
            ("pending_timeouts", platform.pending_timeouts() as f64),
        ])
    }

    /// `tasks` tasks (at most a scenario's 1,000; more add rounds to each) that each sleep,
    /// yield, join two timers, select between two and sleep again, with durations spread between
    /// 50 ms and 1 s: the ui and replay workloads' trace.
    fn mixed(tasks: usize) -> Scenario {
        let rounds = tasks.div_ceil(waker_playground::play::MAX_TASKS).max(1);
        let tasks = tasks.div_ceil(rounds);
        let spec = |i: usize| {
            let a = 50 + (i as u64 * 7919) % 900;
            let round = [Step::Sleep(a), Step::Yield, Step::Join(vec![a / 2, a]), Step::Select(vec![a, a * 3]), Step::Sleep(a / 3)];
            round.iter().cycle().take(round.len() * rounds).cloned().collect()
        };
        Scenario { tasks: (0..tasks).map(|i| TaskSpec::new(&format!("t{i}"), spec(i))).collect(), ..Scenario::default() }
    }

    /// A trace of at least `events` events (tasks of the ui workload's steps, on the simulated
    /// clock), folded once with checkpoints, then 1,000 seeks to random events, as a learner
    /// dragging the playhead makes. Reports the 95th percentile of one seek.
    fn replay(events: usize) -> Result<Fields, String> {
        let sim = SimPlatform::new();
        // About 40 events per task.
        let tasks = events / 40 + 1;
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let s = mixed(tasks);
        ScenarioRun::start(&exec, &s)?;
        sim.run_until_idle(1e7);
        exec.with_trace(|trace| {
            let total = trace.total();
            if (total as usize) < events || trace.dropped() > 0 {
                return Err(format!("{total} events, {} dropped", trace.dropped()));
            }
            let t0 = now();
            let mut replay = Replay::new(Replay::DEFAULT_EVERY);
            replay.extend(trace);
            let build_ms = now() - t0;
            // A fixed pseudo-random walk (xorshift), so every run seeks the same places.
            let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
            let mut times = Vec::with_capacity(1000);
            let mut check = 0usize;
            for _ in 0..1000 {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                let seq = x % (total + 1);
                let t = now();
                let state = replay.state_at(trace, seq).ok_or(format!("no state at {seq}"))?;
                times.push(now() - t);
                check += state.ready.len() + state.tasks.len();
            }
            times.sort_by(f64::total_cmp);
            Ok(vec![
                ("seek_p95_ms", pct(&times, 0.95)),
                ("seek_median_ms", pct(&times, 0.5)),
                ("events", total as f64),
                ("bytes_per_event", Trace::BYTES_PER_EVENT as f64),
                ("build_ms", build_ms),
                ("checksum", (check > 0) as u8 as f64),
            ])
        })
    }

    /// executor_many written in the language (`tasks` tasks, each yielding 100 times: a program
    /// spawns at most 1,000 tasks, so each does more, for a run long enough to time) against the
    /// same workload as compiled async blocks: same executor, same configuration, both on the
    /// simulated event loop so that only the futures differ. Reports ns per poll of each.
    fn interpreter(tasks: usize) -> Result<Fields, String> {
        const WAKES: usize = 100;
        let config = Config { trace: false, ..Config::default() };
        let src = format!(
            "async fn main() {{\n    for i in 0..{tasks} {{\n        spawn(worker());\n    }}\n}}\n\nasync fn worker() {{\n    for k in 0..{WAKES} {{\n        yield_now().await;\n    }}\n}}\n"
        );
        let program = Rc::new(waker_playground::play::lang::parse(&src).map_err(|e| e.render(&src))?);
        type Spawn<'a> = &'a dyn Fn(&Executor<Recorder>, &SimPlatform) -> Result<(), String>;
        let timed = |spawn: Spawn| -> Result<(f64, u64), String> {
            let sim = SimPlatform::new();
            let exec = Executor::new(Rc::new(sim.clone()), config.clone());
            let t0 = now();
            spawn(&exec, &sim)?;
            sim.run_until_idle(1e7);
            let ms = now() - t0;
            if !exec.is_empty() {
                return Err("the workload did not finish".into());
            }
            Ok((ms, exec.stats().polls))
        };
        let (native_ms, native_polls) = timed(&|exec, _| {
            for _ in 0..tasks {
                exec.spawn("t", async {
                    for _ in 0..WAKES {
                        YieldNow::default().await;
                    }
                });
            }
            Ok(())
        })?;
        let (lang_ms, lang_polls) = timed(&|exec, _| waker_playground::play::lang::start_on(exec, program.clone()).map(|_| ()))?;
        // Every worker polled once to start and once per yield; the program adds main's poll.
        let want = (tasks * (WAKES + 1)) as u64;
        if native_polls != want || lang_polls != want + 1 {
            return Err(format!("polls: native {native_polls}, language {lang_polls}, expected {want} (+1 for main)"));
        }
        let (lang, native) = (lang_ms * 1e6 / lang_polls as f64, native_ms * 1e6 / native_polls as f64);

        // A hand-written `impl Future`, the learner's kind: a countdown that wakes itself with
        // `cx.waker().wake_by_ref()` and returns Pending `polls` times, typed in the language and
        // compiled, on the same executor.
        let polls = WAKES * tasks;
        let src = format!(
            "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{{Context, Poll}};\n\nstruct Countdown {{\n    left: u32,\n}}\n\nimpl Future for Countdown {{\n    type Output = ();\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {{\n        if self.left == 0 {{\n            return Poll::Ready(());\n        }}\n        self.left -= 1;\n        cx.waker().wake_by_ref();\n        Poll::Pending\n    }}\n}}\n\nasync fn main() {{\n    Countdown {{ left: {polls} }}.await;\n}}\n"
        );
        let own = Rc::new(waker_playground::play::lang::parse(&src).map_err(|e| e.render(&src))?);
        let (own_native_ms, own_native_polls) = timed(&|exec, _| {
            exec.spawn("main", OwnCountdown { left: polls as u32 });
            Ok(())
        })?;
        let (own_ms, own_polls) = timed(&|exec, _| waker_playground::play::lang::start_on(exec, own.clone()).map(|_| ()))?;
        if own_native_polls != polls as u64 + 1 || own_polls != polls as u64 + 1 {
            return Err(format!("own future polls: native {own_native_polls}, language {own_polls}, expected {}", polls + 1));
        }
        let (own, own_native) = (own_ms * 1e6 / own_polls as f64, own_native_ms * 1e6 / own_native_polls as f64);
        Ok(vec![
            ("ns_per_poll", lang),
            ("native_ns_per_poll", native),
            ("ratio", lang / native),
            ("polls", lang_polls as f64),
            ("own_future_ns_per_poll", own),
            ("own_future_native_ns_per_poll", own_native),
            ("own_future_ratio", own / own_native),
            ("own_future_polls", own_polls as f64),
        ])
    }

    /// The async book's executor with `n` tasks, each awaiting the chapter's `TimerFuture`
    /// (a thread that sleeps, locks and wakes), against the language's own `spawn`/`sleep`
    /// doing the same waiting: both interpreted, on the simulated event loop. Reports the wall
    /// time of each, and ns per poll of our executor (a thread's resumption, or a task's poll);
    /// the book's program does much more between two polls, so that ratio is for information.
    /// The goal's ratio is like for like: `n` threads that each `thread::sleep`, joined, against
    /// `n` tasks that each `sleep(…).await`, awaited: the cost of a simulated thread switch
    /// against an interpreted `.await`.
    fn threads(n: usize) -> Result<Fields, String> {
        let config = Config { trace: false, ..Config::default() };
        let book = include_str!("../play/programs/threads/book_executor.rs");
        let spawn_at = book.find("    spawner.spawn(async {").ok_or("the book's main has changed")?;
        let end = book[spawn_at..].find("    });\n").ok_or("the book's main has changed")? + spawn_at + "    });\n".len();
        let tasks = format!(
            "    for i in 0..{n}u64 {{\n        spawner.spawn(async move {{\n            TimerFuture::new(Duration::from_millis(100 + i % 900)).await;\n        }});\n    }}\n"
        );
        let src = format!("{}{tasks}{}", &book[..spawn_at], &book[end..])
            .replace("MAX_QUEUED_TASKS: usize = 10_000", "MAX_QUEUED_TASKS: usize = 100_000");
        let peer = format!(
            "async fn main() {{\n    for i in 0..{n}u64 {{\n        spawn(worker(i));\n    }}\n}}\n\nasync fn worker(i: u64) {{\n    sleep(100 + i % 900).await;\n}}\n"
        );
        let timed = |src: &str| -> Result<(f64, u64), String> {
            let program = Rc::new(waker_playground::play::lang::parse(src).map_err(|e| e.render(src))?);
            let sim = SimPlatform::new();
            let exec = Executor::new(Rc::new(sim.clone()), config.clone());
            let t0 = now();
            let run = waker_playground::play::lang::start_on(&exec, program)?;
            sim.run_until_idle(1e7);
            let ms = now() - t0;
            if let Some(e) = run.errors().first() {
                return Err(format!("the program failed: {}", e.text));
            }
            if !exec.is_empty() {
                return Err("the workload did not finish".into());
            }
            Ok((ms, exec.stats().polls))
        };
        let (threads_ms, switches) = timed(&src)?;
        let (awaits_ms, polls) = timed(&peer)?;
        // Each thread is polled to start, after its sleep, and after its lock; main once to start
        // and after each wake it receives; the peer polls each task twice and main once.
        if polls != 2 * n as u64 + 1 || switches < 2 * n as u64 {
            return Err(format!("polls: threads {switches}, spawn/sleep {polls} (expected {})", 2 * n + 1));
        }
        let (book_ns, await_ns) = (threads_ms * 1e6 / switches as f64, awaits_ms * 1e6 / polls as f64);
        // The same work both ways, so that the ratio is the switch's own cost: n threads that
        // each sleep, joined in order by `main`, against n tasks that each sleep, awaited in
        // order by `main`. Our executor polls each the same number of times.
        let sleepers = |body: &str, wait: &str| {
            format!("    let mut handles = Vec::new();\n    for i in 0..{n}u64 {{\n        handles.push({body});\n    }}\n    for h in handles {{\n        {wait};\n    }}\n")
        };
        let threads = format!(
            "use std::thread;\nuse std::time::Duration;\nfn main() {{\n{}}}\n",
            sleepers(
                "thread::spawn(move || {\n            thread::sleep(Duration::from_millis(100 + i % 900));\n        })",
                "h.join().unwrap()"
            )
        );
        let tasks = format!(
            "async fn main() {{\n{}}}\n",
            sleepers("spawn(async move {\n            sleep(100 + i % 900).await;\n        })", "h.await")
        );
        let (switch_ms, switch_polls) = timed(&threads)?;
        let (task_ms, task_polls) = timed(&tasks)?;
        if switch_polls != task_polls || switch_polls < 2 * n as u64 {
            return Err(format!(
                "polls: sleeping threads {switch_polls}, sleeping tasks {task_polls} (expected equal, at least {})",
                2 * n
            ));
        }
        let (switch_ns, task_ns) = (switch_ms * 1e6 / switch_polls as f64, task_ms * 1e6 / task_polls as f64);
        Ok(vec![
            ("threads_ms", threads_ms),
            ("switches", switches as f64),
            ("ns_per_book_switch", book_ns),
            ("spawn_sleep_ms", awaits_ms),
            ("spawn_sleep_polls", polls as f64),
            ("ns_per_await", await_ns),
            ("book_ratio", book_ns / await_ns),
            ("sleeping_threads_ms", switch_ms),
            ("sleeping_tasks_ms", task_ms),
            ("sleep_polls", switch_polls as f64),
            ("ns_per_switch", switch_ns),
            ("ns_per_task_poll", task_ns),
            ("ratio", switch_ns / task_ns),
        ])
    }

    /// The language's `Countdown` of the `interpreter` workload, compiled.
    struct OwnCountdown {
        left: u32,
    }

    impl Future for OwnCountdown {
        type Output = ();
        fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
            if self.left == 0 {
                return Poll::Ready(());
            }
            self.left -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }

    /// A trace of `tasks` tasks cut to `events` events, folded and drawn in batches of 100, as
    /// the timeline does each frame. Reports the 95th percentile of (apply + repaint).
    fn ui(tasks: usize, events: usize) -> Result<Fields, String> {
        let sim = SimPlatform::new();
        // Room for the whole run: the executor's events and the program's own (its lines, where it
        // parks), so that none of the first `events` is dropped.
        let exec = Executor::new(Rc::new(sim.clone()), Config { trace_cap: 200 * tasks + 1000, ..Config::default() });
        let s = mixed(tasks);
        ScenarioRun::start(&exec, &s)?;
        sim.run_until_idle(1e7);
        // The executor's and the timers' events, which the timeline draws (a program's own
        // events, its lines and console, are the program panel's), as before programs wrote any.
        let mut all: Vec<_> = exec.events_since(0).into_iter().filter(|e| !e.kind.is_program()).collect();
        if all.len() < events {
            return Err(format!("only {} events for {tasks} tasks", all.len()));
        }
        all.truncate(events);
        let start = all.first().map_or(0.0, |e| e.at);

        let doc = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
        let canvas: web_sys::HtmlCanvasElement = doc.create_element("canvas").map_err(|_| "canvas")?.dyn_into().map_err(|_| "canvas")?;
        let (width, height) = (1100.0, 440.0);
        canvas.set_width(width as u32);
        canvas.set_height(height as u32);
        doc.body().ok_or("no body")?.append_child(&canvas).map_err(|_| "append")?;
        let ctx: web_sys::CanvasRenderingContext2d =
            canvas.get_context("2d").ok().flatten().ok_or("no 2d context")?.dyn_into().map_err(|_| "2d context")?;
        let pal = Palette::default();
        let names = |t: waker_playground::core::TaskId| -> Rc<str> { Rc::from(format!("t{}", t.0 - 1).as_str()) };

        let mut view = TraceView::new();
        let mut layout = LaneLayout::default();
        let mut times = Vec::new();
        let mut scroll = 0.0;
        for batch in all.chunks(100) {
            let t0 = now();
            view.apply(batch);
            layout.update(&view);
            let now_rel = batch.last().map_or(0.0, |e| e.at) - start;
            let deadlines: Vec<f64> = view.pending_timers().map(|t| t.deadline - start).collect();
            let (a, b) = time_range(now_rel, &deadlines);
            // Scroll through the lanes as a reader would, so every part of the trace is drawn.
            scroll = (scroll + LANE_H * 3.0) % layout.height().max(1.0);
            let geo = Geometry { width, height, scroll_top: scroll, t0: a, t1: b };
            waker_playground::ui::draw::draw(&ctx, &geo, &layout, &pal, &view, start, now_rel, &names, &|_| false, None);
            times.push(now() - t0);
        }
        if view.lanes().len() != tasks || view.event_count() != events as u64 {
            return Err(format!("{} lanes, {} events", view.lanes().len(), view.event_count()));
        }
        times.sort_by(f64::total_cmp);
        Ok(vec![
            ("update_p95_ms", pct(&times, 0.95)),
            ("update_median_ms", pct(&times, 0.5)),
            ("tasks", tasks as f64),
            ("events", events as f64),
            ("batches", times.len() as f64),
        ])
    }
}
