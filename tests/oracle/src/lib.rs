#![allow(unused_macros)]
//! The oracle for "runs with Rust's meaning": the corpus programs compiled by rustc.
//!
//! Each program in `corpus/` is valid Rust. Compiled here, it runs against a prelude that gives
//! it the playground's built-ins (`sleep`, `spawn`, `join!`, `select!`, `yield_now`, gloo-timers,
//! `spawn_local`) on the playground's own executor and simulated clock, and its `println!` lines
//! are recorded with their virtual times. `tests/differential.rs` runs every program this way and
//! through the interpreter, and compares.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use waker_playground::core::{Config, Executor, SimPlatform};

/// `println!` and `print!` record their line with the virtual time.
macro_rules! println {
    () => { $crate::prelude::emit(String::new()) };
    ($($t:tt)*) => { $crate::prelude::emit(::std::fmt::format(format_args!($($t)*))) };
}

/// `eprintln!` goes to the same console, as in the playground.
macro_rules! eprintln {
    ($($t:tt)*) => { $crate::prelude::emit(::std::fmt::format(format_args!($($t)*))) };
}

/// `print!`: text without a line break, kept until one comes.
macro_rules! print {
    ($($t:tt)*) => { $crate::prelude::emit_part(::std::fmt::format(format_args!($($t)*))) };
}

/// `join!(a, b, …)`: awaits all, polling each in order, and gives their outputs.
macro_rules! join {
    ($a:expr $(,)?) => {
        ($crate::prelude::Join1::new($a).await,)
    };
    ($a:expr, $b:expr $(,)?) => {
        $crate::prelude::Join2::new($a, $b).await
    };
    ($a:expr, $b:expr, $c:expr $(,)?) => {
        $crate::prelude::Join3::new($a, $b, $c).await
    };
}

/// `select! { p = f => body, … }`: the first (in order) to be ready wins; the others are
/// dropped.
macro_rules! select {
    ($p1:pat = $f1:expr => $b1:expr, $p2:pat = $f2:expr => $b2:expr $(,)?) => {
        match $crate::prelude::Select2::new($f1, $f2).await {
            $crate::prelude::Either::A($p1) => $b1,
            $crate::prelude::Either::B($p2) => $b2,
        }
    };
    ($p1:pat = $f1:expr => $b1:expr, $p2:pat = $f2:expr => $b2:expr, $p3:pat = $f3:expr => $b3:expr $(,)?) => {
        match $crate::prelude::Select3::new($f1, $f2, $f3).await {
            $crate::prelude::Either3::A($p1) => $b1,
            $crate::prelude::Either3::B($p2) => $b2,
            $crate::prelude::Either3::C($p3) => $b3,
        }
    };
}

pub mod prelude;
pub mod threads;

/// How a program starts: an `async fn main` (a task) or a plain `fn main`.
#[derive(Clone, Copy)]
pub enum Entry {
    /// `async fn main()`.
    Async(fn() -> Pin<Box<dyn Future<Output = ()>>>),
    /// `fn main()`.
    Sync(fn()),
}

/// The corpus, compiled.
pub mod corpus {
    include!(concat!(env!("OUT_DIR"), "/corpus.rs"));
}

/// One line a program printed: when (ms since the start), and what. A panic is a line
/// `panicked: …` at the time it happened, before the lines of the `Drop`s its unwinding runs.
pub type Line = (f64, String);

/// Runs a compiled program on the playground's executor and simulated clock, to its end.
pub fn run_native(entry: Entry) -> Vec<Line> {
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    prelude::install(&sim, &exec);
    CAPTURING.with(|c| *c.borrow_mut() = true);
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        match entry {
            Entry::Async(f) => {
                exec.spawn("main", f());
            }
            Entry::Sync(f) => f(),
        }
        sim.run_until_idle(1e9);
    }));
    CAPTURING.with(|c| *c.borrow_mut() = false);
    // The panic's line was written when it happened (`prelude::set_panic`).
    drop(result);
    let lines = prelude::take_console();
    prelude::uninstall();
    drop(exec);
    lines
}

thread_local! {
    /// Whether a program runs on this thread now (its panics are recorded, not printed).
    static CAPTURING: RefCell<bool> = const { RefCell::new(false) };
}

static HOOK: std::sync::Once = std::sync::Once::new();

/// Installs a panic hook that records the panics of programs (and leaves the others alone).
pub fn quiet_panics() {
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            // A thread program's own threads (unnamed, while one runs) panic on purpose: quietly,
            // and at once (printing a backtrace there can take longer than the timing allows).
            if threads::RUNNING.load(std::sync::atomic::Ordering::SeqCst) && std::thread::current().name().is_none() {
                return;
            }
            if CAPTURING.with(|c| *c.borrow()) {
                let msg = info
                    .payload()
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| info.payload().downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                prelude::set_panic(msg);
            } else {
                default(info);
            }
        }));
    });
}
