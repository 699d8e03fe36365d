//! Browser tests of the glue, on real `setTimeout`, in headless Chromium.
//!
//! Run by `make test` (scripts/test.sh): wasm-bindgen-test-runner drives Chromium through chromedriver.
#![cfg(target_arch = "wasm32")]

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use gloo_timers::future::TimeoutFuture;
use waker_playground::core::{Config, EventKind, Executor, Hooks, Platform, Recorder, RunMode, TaskId, TimerBackend, TimerFuture};
use waker_playground::web::BrowserPlatform;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BACKENDS: [TimerBackend; 2] = [TimerBackend::PerTimer, TimerBackend::Driver];

fn now() -> f64 {
    BrowserPlatform::shared().now()
}

fn executor(backend: TimerBackend) -> Executor<Recorder> {
    let exec = Executor::new(BrowserPlatform::shared(), Config::default());
    exec.timers().set_backend(backend);
    exec
}

/// Resolves with the time at which `set` was called: lets the test's own executor
/// (wasm-bindgen-futures) wait for something that happens on ours.
#[derive(Clone, Default)]
struct Signal(Rc<RefCell<(Option<f64>, Option<Waker>)>>);

impl Signal {
    fn set(&self) {
        let waker = {
            let mut s = self.0.borrow_mut();
            s.0 = Some(now());
            s.1.take()
        };
        if let Some(w) = waker {
            w.wake();
        }
    }
}

impl Future for Signal {
    type Output = f64;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<f64> {
        let mut s = self.0.borrow_mut();
        match s.0 {
            Some(t) => Poll::Ready(t),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

fn completed_at(exec: &Executor<Recorder>, task: TaskId) -> Option<f64> {
    exec.task_metrics(task).and_then(|m| m.completed_at)
}

#[wasm_bindgen_test]
async fn a_timer_completes_no_earlier_than_its_duration() {
    for backend in BACKENDS {
        for ms in [0u64, 1, 15, 120] {
            let exec = executor(backend);
            let done = Signal::default();
            let d = done.clone();
            let start = Rc::new(Cell::new(0.0));
            let s = start.clone();
            exec.spawn("t", async move {
                s.set(now());
                TimerFuture::new(Duration::from_millis(ms)).await;
                d.set();
            });
            let end = done.await;
            let elapsed = end - start.get();
            assert!(elapsed >= ms as f64, "{backend:?}: {ms} ms timer done after {elapsed} ms");
        }
    }
}

#[wasm_bindgen_test]
async fn a_dropped_timers_callback_never_runs() {
    for backend in BACKENDS {
        let platform = BrowserPlatform::shared();
        let before = platform.pending_timeouts();
        let exec = executor(backend);
        let timer = exec.timers().sleep(Duration::from_millis(30));
        let id = timer.id().unwrap();
        assert_eq!(platform.pending_timeouts(), before + 1);
        drop(timer);
        assert_eq!(platform.pending_timeouts(), before, "{backend:?}: cleared and its callback freed");
        // Wait well past the deadline, on a timer that is not ours.
        TimeoutFuture::new(80).await;
        let evs = exec.events_since(0);
        assert!(!evs.iter().any(|e| matches!(e.kind, EventKind::TimerFired { .. })), "{backend:?}: {evs:?}");
        assert!(evs.iter().any(|e| e.kind == EventKind::TimerCancelled { timer: id }));
        assert_eq!(exec.timers().stats().fired, 0);
    }
}

#[wasm_bindgen_test]
async fn a_live_edit_works_shorter_and_longer() {
    for backend in BACKENDS {
        // Shorter: 5000 ms -> 60 ms, edited while pending.
        let exec = executor(backend);
        // The clock is read before the timer is made: its duration counts from its creation,
        // which a busy page can put measurably after a later reading.
        let start = now();
        let timer = exec.timers().sleep(Duration::from_millis(5000));
        let handle = timer.handle();
        let done = Signal::default();
        let d = done.clone();
        exec.spawn("short", async move {
            timer.await;
            d.set();
        });
        TimeoutFuture::new(20).await;
        let before = BrowserPlatform::shared().pending_timeouts();
        handle.set_duration(Duration::from_millis(60)).unwrap();
        assert_eq!(BrowserPlatform::shared().pending_timeouts(), before, "{backend:?}: the old timeout was replaced, not doubled");
        let end = done.await;
        assert!(end - start >= 60.0, "{backend:?}: fired early: {}", end - start);
        assert!(end - start < 5000.0, "{backend:?}: the old 5000 ms deadline was kept: {}", end - start);

        // Longer: 40 ms -> 150 ms.
        let start = now();
        let timer = exec.timers().sleep(Duration::from_millis(40));
        let handle = timer.handle();
        let done = Signal::default();
        let d = done.clone();
        exec.spawn("long", async move {
            timer.await;
            d.set();
        });
        TimeoutFuture::new(10).await;
        let before = BrowserPlatform::shared().pending_timeouts();
        handle.set_duration(Duration::from_millis(150)).unwrap();
        assert_eq!(BrowserPlatform::shared().pending_timeouts(), before, "{backend:?}: the 40 ms timeout was cleared");
        let end = done.await;
        assert!(end - start >= 150.0, "{backend:?}: fired at the old deadline: {}", end - start);
        assert_eq!(BrowserPlatform::shared().pending_timeouts(), 0, "{backend:?}: the old timeout was cleared");
    }
}

#[wasm_bindgen_test]
async fn a_timer_fires_while_the_executor_drains() {
    // A long drain: a task that burns 3 ms per poll and yields 40 times, with a 2-poll budget per
    // tick in macrotask mode. A 10 ms timer fires between two ticks of that drain.
    let exec = Executor::new(BrowserPlatform::shared(), Config { mode: RunMode::Macrotask, poll_budget: 2, ..Config::default() });
    let platform = BrowserPlatform::shared();
    let timer_done = Signal::default();
    let busy_done = Signal::default();
    let (td, bd) = (timer_done.clone(), busy_done.clone());
    let start = now();
    let timed = exec.spawn("timed", async move {
        TimerFuture::new(Duration::from_millis(10)).await;
        td.set();
    });
    let busy = exec.spawn("busy", async move {
        for _ in 0..40 {
            platform.spin(3.0);
            waker_playground::play::YieldNow::default().await;
        }
        bd.set();
    });
    let t = timer_done.await;
    let b = busy_done.await;
    assert!(t - start >= 10.0, "the 10 ms timer's task completed after only {} ms", t - start);
    assert!(t < b, "the timer's task completed in the middle of the busy drain ({t} vs {b})");
    assert_eq!(exec.task_metrics(timed).unwrap().wakes.timer, 1);
    assert!(exec.stats().yields > 10, "the drain yielded to the browser between ticks");
    assert!(completed_at(&exec, busy).is_some());
}

/// Spawns a task on `exec` that yields `n` times, and waits for it to finish.
async fn yields<H: Hooks>(exec: &Executor<H>, n: usize) {
    let done = Signal::default();
    let d = done.clone();
    exec.spawn("yielder", async move {
        for _ in 0..n {
            waker_playground::play::YieldNow::default().await;
        }
        d.set();
    });
    done.await;
}

#[wasm_bindgen_test]
async fn wakes_during_a_microtask_drain_cost_no_extra_tick() {
    // A huge time budget: the count of ticks must not depend on how fast this machine is.
    let exec = Executor::new(BrowserPlatform::shared(), Config { time_budget_ms: 1e9, ..Config::default() });
    yields(&exec, 500).await;
    let s = exec.stats();
    assert_eq!(s.polls, 501);
    assert_eq!(s.ticks, 1, "500 self-wakes inside one drain need no new microtask");
}

#[wasm_bindgen_test]
async fn deferred_self_wakes_take_one_real_microtask_each() {
    let exec = Executor::bare(BrowserPlatform::shared(), Config { defer_self_wakes: true, time_budget_ms: 1e9, ..Config::default() });
    yields(&exec, 200).await;
    let s = exec.stats();
    assert_eq!(s.polls, 201);
    assert_eq!(s.ticks, 201, "each deferred self-wake is polled in a tick of its own");
    // An executor dropped with a tick queued: the platform's weak reference finds nothing, and
    // the hop queue goes on serving the next executor's ticks, one microtask each.
    let ran = Rc::new(Cell::new(false));
    let r = ran.clone();
    let exec = Executor::bare(BrowserPlatform::shared(), Config { defer_self_wakes: true, ..Config::default() });
    exec.spawn("left", async move { r.set(true) });
    drop(exec);
    let next = Executor::bare(BrowserPlatform::shared(), Config { defer_self_wakes: true, time_budget_ms: 1e9, ..Config::default() });
    yields(&next, 3).await;
    assert!(!ran.get(), "the dropped executor's task never ran");
    assert_eq!((next.stats().polls, next.stats().ticks), (4, 4));
}

#[wasm_bindgen_test]
async fn timers_past_2_pow_31_ms_do_not_fire_early_on_real_set_timeout() {
    for backend in BACKENDS {
        let platform = BrowserPlatform::shared();
        let before = platform.pending_timeouts();
        let exec = executor(backend);
        let a = exec.timers().sleep(Duration::from_millis(1 << 31));
        let b = exec.timers().sleep(Duration::from_millis(u64::MAX));
        // Chromium fires a raw setTimeout of 2^31 ms at once (gloo#121); wait well past "at once".
        TimeoutFuture::new(100).await;
        assert!(!a.is_completed() && !b.is_completed(), "{backend:?}");
        let expected = if backend == TimerBackend::Driver { 1 } else { 2 };
        assert_eq!(platform.pending_timeouts(), before + expected, "{backend:?}: still armed");
        assert_eq!(exec.timers().stats().fired, 0);
    }
}

#[wasm_bindgen_test]
async fn every_run_mode_drains_on_real_browser_hops() {
    for mode in [RunMode::Microtask, RunMode::Macrotask, RunMode::AnimationFrame] {
        let exec = Executor::new(BrowserPlatform::shared(), Config { mode, ..Config::default() });
        let done = Signal::default();
        let d = done.clone();
        let armed = Rc::new(Cell::new(f64::NAN));
        let a = armed.clone();
        exec.spawn("t", async move {
            for _ in 0..3 {
                waker_playground::play::YieldNow::default().await;
            }
            a.set(now());
            TimerFuture::new(Duration::from_millis(5)).await;
            d.set();
        });
        let end = done.await;
        assert!(end - armed.get() >= 5.0, "{mode:?}: the 5 ms timer's task went on after {} ms", end - armed.get());
        let s = exec.stats();
        assert_eq!(s.polls, 5, "{mode:?}");
        assert!(s.ticks >= 2, "{mode:?}: the timer's wake needed a tick of its own");
    }
}

#[wasm_bindgen_test]
fn the_panic_overlay_shows_the_message_as_text_with_a_reload_link() {
    let doc = web_sys::window().and_then(|w| w.document()).expect("a document");
    waker_playground::web::show_panic("boom <b>not bold</b>");
    let overlay = doc.get_element_by_id("panic-overlay").expect("the overlay is shown");
    assert_eq!(overlay.get_attribute("role").as_deref(), Some("alertdialog"));
    let text = overlay.text_content().unwrap_or_default();
    assert!(text.contains("boom <b>not bold</b>"), "{text}");
    assert_eq!(overlay.query_selector("b").ok().flatten(), None, "the message is text, never HTML");
    let reload = overlay.query_selector("a.reload").ok().flatten().expect("a reload link");
    assert_eq!(reload.get_attribute("href").as_deref(), Some(""));
    // A second panic does not stack a second overlay.
    waker_playground::web::show_panic("again");
    assert_eq!(doc.query_selector_all("#panic-overlay").map(|l| l.length()).unwrap_or(0), 1);
    overlay.remove();
}

#[wasm_bindgen_test]
fn apply_theme_sets_the_root_attribute_the_stylesheet_reads() {
    use waker_playground::play::Theme;
    use waker_playground::web::embed::apply_theme;
    let root = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()).expect("a document");
    assert!(apply_theme(Theme::Dark).is_none(), "a fixed theme needs no listener");
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("dark"));
    assert!(apply_theme(Theme::Light).is_none());
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some("light"));
    // Auto follows the system's preference now, and keeps a listener for its changes.
    let dark = web_sys::window().and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten()).expect("matchMedia").matches();
    let listener = apply_theme(Theme::Auto);
    assert!(listener.is_some());
    assert_eq!(root.get_attribute("data-theme").as_deref(), Some(if dark { "dark" } else { "light" }));
}

#[wasm_bindgen_test]
async fn on_visible_fires_once_for_a_page_in_view() {
    use waker_playground::web::embed::OnVisible;
    let body = web_sys::window().and_then(|w| w.document()).and_then(|d| d.body()).expect("a body");
    // The test page's body may be empty: give it a size so that it intersects the viewport.
    let _ = body.set_attribute("style", "min-height: 50px");
    let count = Rc::new(Cell::new(0u32));
    let c = count.clone();
    let watcher = OnVisible::new(move || c.set(c.get() + 1)).expect("IntersectionObserver exists in Chromium");
    // The first observation is delivered asynchronously, within a frame or two.
    for _ in 0..50 {
        if count.get() > 0 {
            break;
        }
        TimeoutFuture::new(20).await;
    }
    assert_eq!(count.get(), 1);
    TimeoutFuture::new(100).await;
    assert_eq!(count.get(), 1, "fires once, then disconnects");
    drop(watcher);
}

#[path = "common/deepest.rs"]
mod deepest;

/// The stack the app is linked with (`.cargo/config.toml`).
const STACK_SIZE: usize = 320 << 10;

/// Stack painting: fills the free part of the wasm stack with a pattern, so that a later look
/// finds how far down anything wrote. The app is linked with `--stack-first` (rustc's default for
/// wasm): the stack is the first region of linear memory, from address 0 up to `STACK_SIZE`, and
/// grows down, so everything below the current stack pointer is free. wasm32's memory is flat
/// (no guard pages, no red zone), which is what lets a test read and write it by address.
struct StackProbe {
    low: usize,
    high: usize,
}

const PAINT: u32 = 0xA5C3_5A3C;

impl StackProbe {
    #[inline(never)]
    fn paint() -> StackProbe {
        let here = 0u8;
        let sp = std::hint::black_box(&here) as *const u8 as usize;
        // The layout this relies on: the stack pointer inside the configured stack, and the
        // statics and the heap above it (were the stack placed after the data, painting would
        // overwrite them: this fails first).
        static ABOVE: u8 = 0;
        let boxed = Box::new(0u8);
        let (data, heap) = (std::hint::black_box(&ABOVE) as *const u8 as usize, &*boxed as *const u8 as usize);
        assert!(
            sp < STACK_SIZE && data > STACK_SIZE && heap > STACK_SIZE,
            "the stack is the first {STACK_SIZE} bytes of memory (stack pointer {sp}, a static at {data}, the heap at {heap})"
        );
        // Leaves this call's frames and their neighbours alone.
        let high = (sp - 4096) & !3;
        let low = 4096;
        let mut at = low;
        while at < high {
            // SAFETY: `at` is a 4-aligned address of linear memory inside the stack region
            // (checked above) and below this frame's stack pointer: free stack that no live value
            // occupies (nothing lives below the stack pointer, and this test runs on the page's
            // one thread). Volatile, so the writes happen.
            unsafe { std::ptr::write_volatile(at as *mut u32, PAINT) };
            at += 4;
        }
        StackProbe { low, high }
    }

    /// The lowest address written since `paint`: how much stack was still free at the deepest
    /// moment (an overflow goes below 0 and traps).
    fn lowest_written(&self) -> usize {
        let mut at = self.low;
        // SAFETY: as in `paint`: aligned addresses of the stack region, below the stack pointer.
        while at < self.high && unsafe { std::ptr::read_volatile(at as *const u32) } == PAINT {
            at += 4;
        }
        at
    }
}

/// The stack the wasm is linked with (`.cargo/config.toml`) holds the deepest program of each
/// kind the language allows, with at least 128 KiB left for the page's own frames (the Yew
/// callback or the executor's tick a run starts from): the bounds on nesting, calls from
/// built-ins, awaits and value depth keep every recursion of the parser, the checker, the compiler
/// and the evaluator within it. A wasm stack overflow is a trap that would kill the page.
#[wasm_bindgen_test]
fn the_deepest_programs_leave_128_kib_of_the_wasm_stack() {
    use waker_playground::core::SimPlatform;
    use waker_playground::play::lang::{parse, start_on, Line};
    // The least stack left free at the deepest moment of any of them, and which.
    let mut worst = (usize::MAX, "");
    for d in deepest::programs() {
        let probe = StackProbe::paint();
        let program = match parse(&d.src) {
            Ok(p) => p,
            Err(e) => panic!("{}: {}", d.name, e.render(&d.src)),
        };
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let run = start_on(&exec, Rc::new(program)).expect("starts");
        sim.run_until_idle(1e7);
        let free = probe.lowest_written();
        let errors: Vec<String> = run.console().into_iter().filter(|o| o.kind == Line::Error).map(|o| o.text).collect();
        match d.error {
            None => assert!(errors.is_empty(), "{}: {errors:?}", d.name),
            Some(want) => assert!(errors.len() == 1 && errors[0].contains(want), "{}: {errors:?}", d.name),
        }
        console_log!("stack: {} KiB used, {} KiB left, for {}", (STACK_SIZE - free) / 1024, free / 1024, d.name);
        if free < worst.0 {
            worst = (free, d.name);
        }
    }
    console_log!("stack: the worst is {} ({} KiB used of {} KiB)", worst.1, (STACK_SIZE - worst.0) / 1024, STACK_SIZE / 1024);
    assert!(worst.0 >= 128 << 10, "{} leaves {} bytes of the stack", worst.1, worst.0);
}

/// wasm32's `usize` is 32 bits, the language's 64 (as on the machine rustc runs on): an index
/// past what wasm's `usize` holds is past the end of anything, not a panic of its own.
#[wasm_bindgen_test]
fn an_index_past_wasms_usize_is_out_of_bounds_as_a_64_bit_rust_says() {
    use waker_playground::core::SimPlatform;
    use waker_playground::play::lang::{parse, start_on};
    let src = "fn main() {\n    let v = vec![1, 2, 3];\n    let i: usize = 0;\n    println!(\"{:?} {:?} {:?}\", v.get(usize::MAX), v.get(i.wrapping_sub(1)), \"abc\".chars().nth(usize::MAX));\n    let _ = v[usize::MAX];\n}\n";
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let run = start_on(&exec, Rc::new(parse(src).expect("parses"))).expect("starts");
    sim.run_until_idle(1e6);
    let lines: Vec<String> = run.console().into_iter().map(|o| o.text).collect();
    assert_eq!(lines.first().map(String::as_str), Some("None None None"), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("panicked: index out of bounds: the len is 3 but the index is")), "{lines:?}");
}

/// In the page, the language's `to_uppercase` and `to_lowercase` are the browser's
/// (`play::lang::case`: std's tables would be 24 KB of every embed's memory). They must give what
/// std gives: every `char`, alone, both ways, and strings whose sigmas std maps by their
/// neighbours (the final sigma), with the case-ignorable marks between. (std's mapping is the
/// reference here, in the test's own wasm: `clippy.toml` keeps it out of the app's.)
#[wasm_bindgen_test]
#[allow(clippy::disallowed_methods)]
fn case_mapping_in_the_page_is_std_s_for_every_char() {
    use waker_playground::play::lang::case::{char_lower, char_upper, lower, upper};
    let mut differ = Vec::new();
    for c in (0..=char::MAX as u32).filter_map(char::from_u32) {
        let (up, low) = (char_upper(c), char_lower(c));
        if !up.iter().copied().eq(c.to_uppercase()) || !low.iter().copied().eq(c.to_lowercase()) {
            differ.push(c);
        }
    }
    assert!(differ.is_empty(), "{} chars map otherwise than std: {:?}", differ.len(), &differ[..differ.len().min(20)]);
    for s in [
        "ΟΔΟΣ",
        "ΟΔΟΣ ΟΔΟΣ.",
        "Σ",
        "ΑΣ",
        "ΑΣΑ",
        "Α'Σ",
        "ΑΣ'",
        "Α\u{301}Σ",
        "ΑΣ\u{301}",
        "ΑΣ\u{301}Α",
        "1Σ",
        "ΣΑ",
        "Straße",
        "İı",
        "ǅǄǆ",
        "ﬃﬀ",
        "ŉ",
        "\u{1E9E}",
        "Ａｂｃ",
        "Ꭰꭰ",
        "𐐀𐐨",
        "mixed ASCII and Ünïcödé",
    ] {
        assert_eq!(upper(s), s.to_uppercase(), "upper of {s:?}");
        assert_eq!(lower(s), s.to_lowercase(), "lower of {s:?}");
    }
}
