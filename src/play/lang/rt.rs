//! The interpreter's state at run time, and what every part of the evaluator shares: the
//! budgets, the console, places and references, and the [`Engine`] through which the built-ins
//! call back into the evaluator (which they never name).
//!
//! # Ground rules
//!
//! - Everything here is reached from the evaluator (`vm.rs`) and the modules it uses; this
//!   module uses none of them.
//! - Nothing panics: a budget, a moved value, a wrong kind of place: each is an error at the span
//!   of the op that met it.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use std::task::{Context, Poll};

use super::code::{Code, Prim};
use super::lexer::{IntTy, LangError, Span};
use super::value::*;
use crate::core::{EventKind, NoteKind, Platform, SourceKind, Spawner, TaskId, TimerHandle, TimerId};

/// A result of the language.
pub type R<T> = Result<T, LangError>;

/// Items a poll may take from iterators (ranges, adapters, collections) before it is stopped.
pub const MAX_PULLS: u64 = 5_000_000;
/// At most this long for one `spin` (it blocks the page: a link must not be able to freeze it).
pub const MAX_SPIN_MS: u64 = 1000;
/// At most this much `spin` in a whole run.
pub const MAX_TOTAL_SPIN_MS: u64 = 5000;
/// A poll that runs this many statements without awaiting is stopped.
pub const POLL_BUDGET: u64 = 100_000;
/// A thread runs at most this many statements before the others get a turn.
pub const THREAD_SLICE: u64 = 10_000;
/// A run stops after this many statements in all.
pub const RUN_BUDGET: u64 = 20_000_000;
/// At most this many spawned tasks (besides `main`).
pub const MAX_TASKS: usize = 1000;
/// At most this many timers pending at once.
pub const MAX_LIVE_TIMERS: u64 = 10_000;
/// How many times `wake_by_ref_then_pending()` is polled before it gives up.
pub const SELF_WAKE_POLLS: u32 = 1000;
/// How deep awaits may nest in one task.
pub const MAX_AWAIT_DEPTH: usize = 32;
/// How long `stale_waker()` sleeps.
pub const STALE_WAKER_MS: u64 = 100;
/// How deep calls may nest in one fiber (Rust would overflow its stack).
pub const MAX_FRAMES: usize = 10_000;
/// How deep learner code called from native code may nest (a closure in `map` calling `map`…).
pub const MAX_NEST: usize = 48;
/// How many values a run may create in all (elements of collections, fields of structs): a
/// bound on memory, so `loop { v.push(1) }` ends with a message.
pub const MAX_VALUES: u64 = 20_000_000;
/// The longest a collection or string may be.
pub const MAX_LEN: usize = 1_000_000;
/// How deep a value may nest for `Debug`, `Clone`, `==` and `<` (they walk it recursively).
pub const MAX_VALUE_DEPTH: usize = 128;

/// The most console lines a run keeps.
pub const MAX_CONSOLE: usize = 10_000;
/// The console keeps at most this many bytes of text (a line printed a million times over).
pub const MAX_CONSOLE_BYTES: usize = 16 * 1024 * 1024;

/// What a console line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// `println!` output.
    Print,
    /// Something to notice (a future dropped unpolled).
    Note,
    /// A runtime error or a panic: it ended its task.
    Error,
}

/// One line of the console.
#[derive(Clone, Debug, PartialEq)]
pub struct Output {
    /// Milliseconds since the run started.
    pub at: f64,
    /// The task that printed it.
    pub task: Option<TaskId>,
    /// What kind of line.
    pub kind: Line,
    /// Where in the source, for notes and errors.
    pub span: Option<Span>,
    /// The text.
    pub text: String,
}

/// A task's awaits at one moment, outermost first: where, and in what (`await`, `join!`, …).
pub type Awaits = Rc<[(Span, &'static str)]>;

/// What the interpreter keeps per task. Reached through [`Interp::current`] while the task is
/// polled, so an await touches no map.
#[derive(Default)]
pub struct TaskInfo {
    /// Its id.
    pub id: Cell<Option<TaskId>>,
    /// Where it is parked now, outermost first (`None` before its first park and after it
    /// finished: no allocation for a task that never parks).
    pub awaits: RefCell<Option<Awaits>>,
    /// Whether it ended in an error or a panic.
    pub failed: Cell<bool>,
    /// Whether it is a thread (`thread::spawn`, or a blocking `fn main`), not an async task.
    pub thread: Cell<bool>,
    /// Whether it is the main thread (`fn main`).
    pub main_thread: Cell<bool>,
    /// Whether it is `async fn main`'s task.
    pub main_task: Cell<bool>,
    /// Set while it unwinds from a panic: a lock it holds for writing is poisoned when its
    /// guard goes.
    pub unwinding: Rc<Cell<bool>>,
    /// Whether it finished.
    pub done: Cell<bool>,
    /// Whether it was stopped: `main` returned while it still ran, or the run deadlocked.
    pub stopped: Cell<bool>,
    /// Where it is blocked now, and in what (`recv()`, `lock()`, …).
    pub blocked: RefCell<Option<(Span, Rc<str>)>>,
    /// A thread's handle (number, park token).
    pub handle: RefCell<Option<Rc<ThreadHandle>>>,
}

/// How the built-ins reach the evaluator: running the program's code to its end, polling,
/// iterating, running `Drop` impls. The evaluator fills it in ([`super::vm::ENGINE`]).
#[derive(Clone, Copy)]
#[allow(clippy::type_complexity)]
pub struct Engine {
    /// Calls a function value (a closure, a function, a built-in).
    pub call: fn(&Rc<Interp>, &mut Fiber, &Value, Vec<Value>, &mut Context<'_>, At) -> R<Value>,
    /// Runs the program's function to its end.
    pub call_fn: fn(&Rc<Interp>, &mut Fiber, u32, Vec<Value>, Option<&[Slot]>, &mut Context<'_>, At) -> R<Value>,
    /// Runs the `Drop` impls that are due.
    pub run_drops: fn(&Rc<Interp>, &mut Fiber, &mut Context<'_>, At) -> R<()>,
    /// Polls a future value once.
    pub poll_value: fn(&Rc<Interp>, &mut Fiber, &Value, &mut Context<'_>, At) -> R<Poll<Value>>,
    /// The next item of an iterator value.
    pub iter_next: fn(&Rc<Interp>, &mut Fiber, &Value, &mut Context<'_>, At) -> R<Option<Value>>,
}

/// Where the task being polled has parked so far in this poll, outermost first, each await
/// once. Most polls park at one `.await`: that one is kept in a cell, with no list borrowed or
/// grown (the evaluator's `yield_now().await` and `.await` of a hand-written future note it on
/// every poll).
#[derive(Default)]
pub struct Parked {
    /// The only entry, while there is only one.
    one: Cell<Option<(Span, &'static str)>>,
    /// Every entry, once there are two or more (`one` is `None` then).
    more: RefCell<Vec<(Span, &'static str)>>,
    /// Whether `more` holds them.
    many: Cell<bool>,
}

impl Parked {
    /// Notes `a` when nothing is noted yet; false (and nothing done) otherwise.
    #[inline]
    pub fn first(&self, a: (Span, &'static str)) -> bool {
        if self.many.get() || self.one.get().is_some() {
            return false;
        }
        self.one.set(Some(a));
        true
    }

    /// The entry, when there is exactly one.
    #[inline]
    pub fn only(&self) -> Option<(Span, &'static str)> {
        if self.many.get() {
            return None;
        }
        self.one.get()
    }

    /// Notes `a` after the others, unless it is noted already.
    pub fn note(&self, a: (Span, &'static str)) {
        if !self.many.get() {
            match self.one.get() {
                None => return self.one.set(Some(a)),
                Some(x) if x == a => return,
                Some(x) => {
                    let Ok(mut more) = self.more.try_borrow_mut() else { return };
                    more.clear();
                    more.push(x);
                    self.one.set(None);
                    self.many.set(true);
                }
            }
        }
        if let Ok(mut more) = self.more.try_borrow_mut() {
            if !more.contains(&a) {
                more.push(a);
            }
        }
    }

    /// Calls `f` with the entries.
    pub fn with<T>(&self, f: impl FnOnce(&[(Span, &'static str)]) -> T) -> T {
        if self.many.get() {
            if let Ok(more) = self.more.try_borrow() {
                return f(&more);
            }
        }
        match self.one.get() {
            Some(a) => f(std::slice::from_ref(&a)),
            None => f(&[]),
        }
    }

    /// Forgets them all.
    #[inline]
    pub fn clear(&self) {
        self.one.set(None);
        if self.many.replace(false) {
            if let Ok(mut more) = self.more.try_borrow_mut() {
                more.clear();
            }
        }
    }

    /// The entries, taken (nothing is noted after).
    pub fn take(&self) -> Vec<(Span, &'static str)> {
        let out = if self.many.get() {
            self.more.try_borrow_mut().map(|mut m| std::mem::take(&mut *m)).unwrap_or_default()
        } else {
            self.one.get().into_iter().collect()
        };
        self.clear();
        out
    }

    /// Keeps `list`'s allocation for the next time there are several (emptied), if there is
    /// none now.
    pub fn give_back(&self, mut list: Vec<(Span, &'static str)>) {
        list.clear();
        if let Ok(mut more) = self.more.try_borrow_mut() {
            if more.capacity() == 0 && !self.many.get() {
                *more = list;
            }
        }
    }
}

/// A level of [`Interp::deeper`]: it ends when this goes.
pub struct DepthGuard<'a>(&'a Cell<usize>);

impl Drop for DepthGuard<'_> {
    fn drop(&mut self) {
        self.0.set(self.0.get().saturating_sub(1));
    }
}

/// The text of an error for the console: a panic says so, as Rust reports one.
pub fn error_text(e: &LangError) -> String {
    if e.panic {
        format!("panicked: {}", e.message)
    } else if e.message.contains('@') {
        // A module's item by the name the program wrote (a panic's text is the program's own).
        super::modules::unmark(&e.message)
    } else {
        e.message.clone()
    }
}

/// A running program's shared state: its code, its budgets, and what the panels read.
pub struct Interp {
    /// How the built-ins reach the evaluator.
    pub engine: Engine,
    /// The compiled program.
    pub code: Rc<Code>,
    /// Where values with a `Drop` impl wait for it.
    pub drops: Rc<DropQueue>,
    /// Spawns tasks.
    pub spawner: Spawner,
    /// The clock and the host.
    pub platform: Rc<dyn Platform>,
    /// When the run started, on the clock.
    pub started: f64,
    /// `steps_total` when this poll (or timer callback) began.
    pub(crate) poll_start: Cell<u64>,
    /// The `steps_total` a statement may reach: both budgets in one number (see
    /// [`Interp::start_poll_steps`]).
    pub(crate) tick_limit: Cell<u64>,
    /// Items pulled from iterators in this poll (see [`Interp::pull`]).
    pub(crate) pulls_poll: Cell<u64>,
    /// A comparison met a NaN since this was last cleared: the values are unordered, and a
    /// derived `partial_cmp` of them is `None` ([`Interp::partial_compare`]).
    pub(crate) unordered: Cell<bool>,
    pub(crate) steps_total: Cell<u64>,
    /// Ops the evaluator ran through its general `match` rather than its inner loop (what the
    /// tests read to know the inner loop is taken).
    pub(crate) general_ops: Cell<u64>,
    pub(crate) run_budget: Cell<u64>,
    pub(crate) spun_ms: Cell<u64>,
    pub(crate) values: Cell<u64>,
    pub(crate) nest: Cell<usize>,
    pub(crate) value_depth: Cell<usize>,
    /// Bytes a `Debug` tree being built may still hold (see `show.rs`).
    pub(crate) text_left: Cell<usize>,
    pub(crate) drop_floor: Cell<u64>,
    pub(crate) await_stack: RefCell<Vec<(Span, &'static str)>>,
    pub(crate) parked_now: Parked,
    /// A `Poll::Pending` a poll returned and no one holds any more: the next one the program
    /// makes is this one, without an allocation (see [`Interp::make_pending`]).
    spare_pending: RefCell<Option<Rc<Obj>>>,
    pub(crate) console: RefCell<Vec<Output>>,
    pub(crate) pending_print: RefCell<String>,
    /// Bytes of text in the console so far.
    console_bytes: Cell<usize>,
    /// The task being polled, if one of the program's (a cell, not a `RefCell`: each poll sets
    /// it and sets it back; it is read through [`Interp::current_info`]).
    pub(crate) current: Cell<Option<Rc<TaskInfo>>>,
    pub(crate) tasks: Cell<usize>,
    pub(crate) names: RefCell<HashMap<TaskId, Rc<str>, super::value::BuildMix>>,
    pub(crate) name_counts: RefCell<Vec<(Rc<str>, usize)>>,
    pub(crate) infos: RefCell<Vec<Rc<TaskInfo>>>,
    /// The `sleep(…)` call behind each timer.
    pub(crate) timer_spans: RefCell<HashMap<TimerId, Span>>,
    /// The number literal inside a `sleep(…)` (its span as parsed), and the timer it made last.
    pub(crate) literals: RefCell<HashMap<Span, TimerHandle>>,
    /// Where live edits moved literals: span now → span as parsed.
    pub(crate) origins: RefCell<HashMap<Span, Span>>,
    /// Durations changed by live edits, by the literal's span as parsed.
    pub(crate) overrides: RefCell<HashMap<Span, u64>>,
    /// The timers of `sleep`s dropped without ever being awaited.
    pub(crate) unawaited: RefCell<HashSet<TimerId>>,
    /// The tasks that polled a `wake_by_ref_then_pending()`.
    pub(crate) self_wakers: RefCell<HashSet<TaskId>>,
    /// The number literal of each `sleep(…)` call, by the call's span.
    pub(crate) sleep_literals: HashMap<Span, Span>,
    /// Told when a future is dropped without being polled.
    pub(crate) on_unused: RefCell<Option<Rc<OnUnused>>>,
    /// The `static`s made so far, by constant index.
    pub(crate) statics: RefCell<Vec<Option<Value>>>,
    /// The `thread_local!` statics' values, by static and thread number, in the order they were
    /// made.
    pub(crate) thread_statics: RefCell<Vec<((u32, u64), Value)>>,
    /// Whether the run is over (the program's code must not run any more).
    pub(crate) over: Cell<bool>,
    /// Tasks the run stopped wait to be aborted ([`Interp::abort_stopped`]).
    pub(crate) abort_due: Cell<bool>,
    /// Threads spawned so far.
    pub(crate) threads: Cell<usize>,
    /// Whether `fn main` blocked and goes on as a task (the main thread): kept here, not found
    /// by a scan of every task on every poll (which made each poll of a thousand-task run
    /// a thousand times slower than it needs).
    pub(crate) main_thread_task: Cell<bool>,
    /// The nesting level a thread's own stack runs at (where it may block).
    pub(crate) thread_nest: Cell<usize>,
    /// Whether a deadlock check is queued on the host.
    pub(crate) deadlock_check: Cell<bool>,
    /// The tasks of the program's own executor (an `Arc` of a type that implements `ArcWake`
    /// or `Wake`), by the address of what the `Arc` shares: their guest task on ours.
    pub(crate) guests: RefCell<HashMap<usize, (std::rc::Weak<SharedBox>, TaskId)>>,
    /// The learner's task their executor is polling right now, if any.
    pub(crate) guest_polled: Cell<Option<TaskId>>,
    /// The learner's tasks woken and not polled since, with when (ms since the start).
    pub(crate) guest_woken: RefCell<Vec<(TaskId, f64)>>,
    /// The main thread's handle: async tasks run on it.
    pub(crate) main_thread: Rc<ThreadHandle>,
    /// The counts of `Arc`s that raw pointers own (`Arc::into_raw`, a forgotten `Arc`), by the
    /// address of what the `Arc` shares (see `raw.rs`).
    pub(crate) raw_counts: RefCell<HashMap<usize, Vec<Rc<SharedBox>>>>,
    /// Values forgotten (`mem::forget`, `ManuallyDrop::new`): never dropped while the run lives.
    pub(crate) forgotten: RefCell<Vec<Value>>,
    /// Whether this run has made a waker of the learner's yet (its first looks for dead runs').
    pub(crate) wakers_seen: Cell<bool>,
    /// The run's channels, emptied when it ends (see [`Interp`]'s `Drop`).
    pub(crate) channels: RefCell<Vec<std::rc::Weak<Chan>>>,
}

impl Drop for Interp {
    fn drop(&mut self) {
        // What was forgotten goes with the run, none of its learner code running (the queue is
        // cleared after, of whatever their drops queued).
        drop(std::mem::take(self.forgotten.get_mut()));
        drop(std::mem::take(self.raw_counts.get_mut()));
        // A channel can hold what holds it: in the book's executor a task waiting in the queue
        // holds a sender of that channel, and a rendezvous channel keeps the values its gone
        // receiver gave back for senders that never came back for them (their threads stopped
        // with the run). What a channel holds goes with the run, or that cycle outlives it.
        for chan in std::mem::take(self.channels.get_mut()).iter().filter_map(std::rc::Weak::upgrade) {
            chan.empty();
        }
        self.drops.clear();
    }
}

/// The context of a poll that has none (a plain `fn main`, a timer's callback).
pub fn noop_context() -> Context<'static> {
    Context::from_waker(std::task::Waker::noop())
}

/// Where an op is, for its errors.
#[derive(Clone, Copy)]
pub struct At {
    /// The op's span.
    pub span: Span,
}

impl At {
    /// An error here.
    pub fn err(self, m: impl Into<String>) -> LangError {
        LangError::new(self.span, m)
    }

    /// A panic here.
    pub fn panic(self, m: impl Into<String>) -> LangError {
        LangError::panic(self.span, m)
    }
}

impl Interp {
    /// A new interpreter state for `code`.
    pub fn new(
        engine: Engine,
        code: Rc<Code>,
        spawner: Spawner,
        platform: Rc<dyn Platform>,
        sleep_literals: HashMap<Span, Span>,
    ) -> Rc<Interp> {
        let started = platform.now();
        Rc::new(Interp {
            engine,
            code,
            drops: Rc::new(DropQueue::default()),
            spawner,
            platform,
            started,
            poll_start: Cell::new(0),
            tick_limit: Cell::new(POLL_BUDGET.min(RUN_BUDGET)),
            pulls_poll: Cell::new(0),
            unordered: Cell::new(false),
            steps_total: Cell::new(0),
            general_ops: Cell::new(0),
            run_budget: Cell::new(RUN_BUDGET),
            spun_ms: Cell::new(0),
            values: Cell::new(0),
            nest: Cell::new(0),
            value_depth: Cell::new(0),
            text_left: Cell::new(MAX_LEN),
            drop_floor: Cell::new(0),
            await_stack: RefCell::new(Vec::new()),
            parked_now: Parked::default(),
            spare_pending: RefCell::new(None),
            console: RefCell::new(Vec::new()),
            pending_print: RefCell::new(String::new()),
            console_bytes: Cell::new(0),
            current: Cell::new(None),
            tasks: Cell::new(0),
            names: RefCell::default(),
            name_counts: RefCell::default(),
            infos: RefCell::default(),
            timer_spans: RefCell::default(),
            literals: RefCell::default(),
            origins: RefCell::default(),
            overrides: RefCell::default(),
            unawaited: RefCell::default(),
            self_wakers: RefCell::default(),
            sleep_literals,
            on_unused: RefCell::new(None),
            statics: RefCell::new(Vec::new()),
            thread_statics: RefCell::new(Vec::new()),
            over: Cell::new(false),
            abort_due: Cell::new(false),
            threads: Cell::new(0),
            main_thread_task: Cell::new(false),
            thread_nest: Cell::new(usize::MAX),
            deadlock_check: Cell::new(false),
            guests: RefCell::default(),
            guest_polled: Cell::new(None),
            guest_woken: RefCell::default(),
            main_thread: ThreadHandle::new(1, Some(Rc::from("main"))),
            raw_counts: RefCell::default(),
            forgotten: RefCell::default(),
            channels: RefCell::default(),
            wakers_seen: Cell::new(false),
        })
    }

    /// Milliseconds since the run started.
    pub fn now(&self) -> f64 {
        self.platform.now() - self.started
    }

    /// The thread (or task) running now, as a lock's owner: its per-task state's address.
    pub fn current_owner(&self) -> Option<usize> {
        self.with_current(|c| c.map(|t| Rc::as_ptr(t) as usize))
    }

    /// Calls `f` with the task being polled (taken out of its cell for the call, and put back).
    #[inline]
    fn with_current<T>(&self, f: impl FnOnce(Option<&Rc<TaskInfo>>) -> T) -> T {
        let c = self.current.take();
        let out = f(c.as_ref());
        self.current.set(c);
        out
    }

    /// The task being polled.
    pub(crate) fn current_info(&self) -> Option<Rc<TaskInfo>> {
        self.with_current(|c| c.cloned())
    }

    /// The thread running now takes `l` for writing: it is the owner, and its panic poisons it.
    pub fn hold(&self, l: &Lock) {
        l.owner.set(self.current_owner());
        let flag = self.with_current(|c| c.map(|t| t.unwinding.clone()));
        *l.holder.borrow_mut() = flag;
    }

    /// The task the program's lines and output belong to now: the learner's own task while
    /// their executor polls it, else the task (or thread) being polled.
    pub fn trace_task(&self) -> Option<TaskId> {
        self.guest_polled.get().or_else(|| self.current_task())
    }

    /// The task being polled.
    pub fn current_task(&self) -> Option<TaskId> {
        self.with_current(|c| c.and_then(|t| t.id.get()))
    }

    /// Adds a console line.
    pub fn say(&self, kind: Line, span: Option<Span>, text: String) {
        let note = match kind {
            Line::Print => NoteKind::Print,
            Line::Note => NoteKind::Notice,
            Line::Error => NoteKind::Error,
        };
        self.say_as(kind, note, span, text);
    }

    /// `main`'s value: an `Err` of a `main` that returns a `Result` ends the program as Rust's
    /// `Termination` does (`Error: {e:?}`, and the program failed). Whether it did.
    #[inline(never)]
    pub fn main_value_failed(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>) -> bool {
        if !self.code.main_result {
            return false;
        }
        let Some((1, mut f)) = deref_all(v).variant_of(ty::RESULT) else { return false };
        let e = f.pop().unwrap_or(Value::Unit);
        let at = At { span: self.code.funcs.get(self.code.main as usize).map_or(Span::default(), |m| m.span) };
        let text = match self.debug(fib, &e, false, cx, at) {
            Ok(shown) => format!("Error: {shown}"),
            Err(err) => error_text(&err),
        };
        self.say(Line::Error, Some(at.span), text);
        true
    }

    /// Adds the console line of an error or a panic that ended a task.
    pub fn say_error(&self, e: &LangError) {
        self.flush_print();
        self.say_as(Line::Error, if e.panic { NoteKind::Panic } else { NoteKind::Error }, Some(e.span), error_text(e));
    }

    fn say_as(&self, kind: Line, note: NoteKind, span: Option<Span>, text: String) {
        let task = self.trace_task();
        let bytes = self.console_bytes.get().saturating_add(text.len());
        let full = bytes > MAX_CONSOLE_BYTES || self.console.try_borrow().is_ok_and(|c| c.len() >= MAX_CONSOLE);
        // A runaway program cannot fill the memory (or the trace) with output.
        if full {
            return;
        }
        self.console_bytes.set(bytes);
        if self.spawner.recording() {
            let id = self.spawner.intern_text(&text);
            let (start, end) = span.map_or((u32::MAX, u32::MAX), |s| (s.start, s.end));
            self.spawner.record(task, EventKind::Note { kind: note, text: id, start, end });
        }
        let line = Output { at: self.now(), task, kind, span, text };
        if let Ok(mut c) = self.console.try_borrow_mut() {
            c.push(line);
        }
    }

    /// Names a line of the program in the trace: why, and where.
    #[inline(always)]
    pub fn source(&self, why: SourceKind, span: Span) {
        if self.spawner.recording() {
            self.record_source(why, span);
        }
    }

    #[inline(never)]
    pub(crate) fn record_source(&self, why: SourceKind, span: Span) {
        self.spawner.record(self.trace_task(), EventKind::Source { why, start: span.start, end: span.end });
    }

    /// What `print!` left without an end of line, as a line of the console (`main` is over, or
    /// an error is about to be said).
    pub fn flush_print(&self) {
        let rest = self.pending_print.try_borrow_mut().map(|mut p| std::mem::take(&mut *p)).unwrap_or_default();
        if !rest.is_empty() {
            self.say(Line::Print, None, rest);
        }
    }

    /// `print!` text: whole lines go to the console.
    pub fn print_line(&self, text: &str, newline: bool) {
        let mut lines = Vec::new();
        if let Ok(mut p) = self.pending_print.try_borrow_mut() {
            p.push_str(text);
            if newline {
                p.push('\n');
            }
            // `print!` without an end of line, again and again: a line of at most MAX_LEN.
            if p.len() > MAX_LEN && !p.contains('\n') {
                lines.push(std::mem::take(&mut *p));
            }
            {
                while let Some(i) = p.find('\n') {
                    let rest = p.split_off(i + 1);
                    let mut line = std::mem::replace(&mut *p, rest);
                    line.pop();
                    lines.push(line);
                }
            }
        }
        for l in lines {
            self.say(Line::Print, None, l);
        }
    }

    /// One level deeper into a value (for `Debug`, `Clone`, `==`, `<`); an error past
    /// [`MAX_VALUE_DEPTH`], where the recursion would otherwise exhaust the page's stack.
    pub fn deeper(&self, at: At) -> R<DepthGuard<'_>> {
        let d = self.value_depth.get() + 1;
        if d > MAX_VALUE_DEPTH {
            return Err(at.err(format!(
                "this value nests more than {MAX_VALUE_DEPTH} levels deep: it is too deep to print, clone, compare, iterate or poll here"
            )));
        }
        self.value_depth.set(d);
        Ok(DepthGuard(&self.value_depth))
    }

    /// Counts values a run creates; stops one that makes too many.
    pub fn count_values(&self, n: usize, at: At) -> R<()> {
        let v = self.values.get().saturating_add(n as u64);
        self.values.set(v);
        if v > MAX_VALUES {
            return Err(
                at.err(format!("the run has made {MAX_VALUES} values: it is stopped here (a loop that keeps growing a collection?)"))
            );
        }
        Ok(())
    }

    /// Counts an item pulled from an iterator; stops a poll that pulls more than [`MAX_PULLS`]
    /// (`(0..).count()` runs no statement of the program, and would never end).
    pub(crate) fn pull(&self, at: At) -> R<()> {
        let n = self.pulls_poll.get() + 1;
        self.pulls_poll.set(n);
        if n > MAX_PULLS {
            return Err(at.err(format!(
                "this poll took {MAX_PULLS} items from iterators without awaiting: this is what blocking the executor looks like"
            )));
        }
        Ok(())
    }

    /// Counts a statement: whether it is within both budgets (else [`Interp::over_budget`]
    /// says which one it passed). Inlined into the evaluator's loop, which runs it for every
    /// statement.
    #[inline(always)]
    pub(crate) fn tick(&self) -> bool {
        let total = self.steps_total.get() + 1;
        self.steps_total.set(total);
        total <= self.tick_limit.get()
    }

    /// Past the poll's statement budget in a thread's code that cannot give its turn (a
    /// closure that a built-in calls, a `drop`): an OS thread computes as long as it needs, so
    /// only the run's budget stops it. True if it goes on (its count starts again).
    #[cold]
    #[inline(never)]
    pub(crate) fn thread_goes_on(&self, thread: bool) -> bool {
        if !thread || self.steps_total.get() > self.run_budget.get() {
            return false;
        }
        self.start_poll_steps();
        true
    }

    /// A poll (or a timer's callback) begins: its statements count from here.
    pub(crate) fn start_poll_steps(&self) {
        self.poll_start.set(self.steps_total.get());
        self.set_tick_limit();
    }

    /// The run's statement budget is now `steps`.
    pub(crate) fn set_run_budget(&self, steps: u64) {
        self.run_budget.set(steps);
        self.set_tick_limit();
    }

    fn set_tick_limit(&self) {
        self.tick_limit.set(self.poll_start.get().saturating_add(POLL_BUDGET).min(self.run_budget.get()));
    }

    /// The statements this poll has run.
    pub(crate) fn steps_this_poll(&self) -> u64 {
        self.steps_total.get() - self.poll_start.get()
    }

    /// The error of a statement that [`Interp::tick`] found past a budget.
    #[inline(never)]
    pub(crate) fn over_budget(&self, at: At) -> LangError {
        if self.steps_this_poll() > POLL_BUDGET {
            return at.err("this poll ran 100,000 statements without awaiting: this is what blocking the executor looks like");
        }
        // The whole run stops here, as the message says: nothing of it runs again. (A gloo
        // `Interval` went on calling back, each call stopped at its first statement, forever:
        // with a period of 0 on the virtual clock, time never moved on.)
        self.over.set(true);
        self.abort_due.set(true);
        at.err(format!("the run has executed {} statements: it is stopped here", self.run_budget.get()))
    }

    // ----- Running -----

    /// Notes where the task is parked: a leaf future returned `Pending` here.
    pub(crate) fn park(&self, awaits: &[(Span, &'static str)]) {
        for &a in awaits {
            self.parked_now.note(a);
        }
    }

    /// Notes that the task is parked at the awaits it is inside now.
    pub(crate) fn park_here(&self) {
        if let Ok(stack) = self.await_stack.try_borrow() {
            self.park(&stack);
        }
    }

    /// Where the task polled last parked, taken; [`Interp::give_back_parked`] returns the
    /// list (emptied) for the next poll, so that polls allocate nothing for it.
    pub fn take_parked(&self) -> Vec<(Span, &'static str)> {
        self.parked_now.take()
    }

    /// See [`Interp::take_parked`].
    pub fn give_back_parked(&self, list: Vec<(Span, &'static str)>) {
        self.parked_now.give_back(list);
    }

    #[inline(always)]
    pub(crate) fn check_await_depth(&self, at: At) -> R<()> {
        if self.await_stack.try_borrow().map_or(0, |s| s.len()) >= MAX_AWAIT_DEPTH {
            return Err(at.err(format!("awaits nest more than {MAX_AWAIT_DEPTH} deep here: does an async fn await itself?")));
        }
        Ok(())
    }

    /// A future value.
    pub fn future(&self, what: Rc<str>, span: Span, state: FutState, timer: Option<TimerId>) -> Value {
        let on_unused = self.on_unused.borrow().as_ref().map(Rc::downgrade);
        Value::Fut(Rc::new(Fut { state: RefCell::new(state), what, span, used: Cell::new(false), timer, on_unused }))
    }

    /// A struct or variant of type `t`.
    pub fn make_obj(&self, t: TyId, variant: Option<u32>, fields: Vec<Value>, at: At) -> R<Value> {
        self.count_values(fields.len() + 1, at)?;
        if fields.iter().any(|f| matches!(f, Value::CxWaker)) {
            return Err(at.err(BORROWED_WAKER));
        }
        let info = self.code.types.get(t as usize).ok_or_else(|| at.err("internal error: no such type"))?;
        // A field that is a sequence of integers (`Vec<u8>`) types its literal items.
        let items = match variant {
            Some(v) => info.variants.get(v as usize).map_or(&[][..], |v| &v.field_items[..]),
            None => &info.field_items[..],
        };
        for (f, t) in fields.iter().zip(items) {
            if let Some(t) = t {
                type_items(f, *t, at)?;
            }
        }
        if variant.is_none() && !info.map_defaults.is_empty() {
            map_value_defaults(&info.map_defaults, &fields);
        }
        let copy = info.is_copy || (t < ty::FIRST_USER && fields.iter().all(Value::is_copy));
        let dropper = info.drop.map(|_| Rc::downgrade(&self.drops));
        let data = match variant {
            Some(v) => Data::Variant(v, fields),
            None => Data::Fields(fields),
        };
        Ok(Value::Obj(Rc::new(Obj { ty: t, copy, data: DataCell::new(data), dropper })))
    }

    /// `Poll::Pending`, as `make_obj` makes it, reusing the spare one when there is one: a
    /// hand-written future returns one on every poll, and its `.await` lets go of it at once.
    pub fn make_pending(&self, at: At) -> R<Value> {
        match self.take_spare_pending() {
            Some(o) => {
                self.count_values(1, at)?;
                Ok(Value::Obj(o))
            }
            None => self.make_obj(ty::POLL, Some(1), Vec::new(), at),
        }
    }

    /// The spare `Poll::Pending`, if there is one.
    #[inline]
    pub(crate) fn take_spare_pending(&self) -> Option<Rc<Obj>> {
        self.spare_pending.try_borrow_mut().ok()?.take()
    }

    /// Keeps `v` as the spare `Poll::Pending` if it is one that nothing else refers to: no
    /// other value can see it again, so reusing it is unobservable.
    pub(crate) fn keep_spare_pending(&self, v: Value) {
        let Value::Obj(o) = v else { return };
        let unit_pending = o.ty == ty::POLL
            && o.dropper.is_none()
            && o.data.try_borrow().is_ok_and(|d| matches!(&*d, Data::Variant(1, f) if f.is_empty()));
        if unit_pending && Rc::strong_count(&o) == 1 && Rc::weak_count(&o) == 0 {
            if let Ok(mut spare) = self.spare_pending.try_borrow_mut() {
                *spare = Some(o);
            }
        }
    }

    /// The program's method `name` for the receiver (through references and smart pointers),
    /// and whether it takes `self` by value.
    pub fn user_method(&self, recv: &Value, name: u32) -> Option<(u32, bool)> {
        let mut v = recv.clone();
        for _ in 0..8 {
            match &v {
                Value::Obj(o) => {
                    let f = match self.code.types.get(o.ty as usize)?.methods.get(&name) {
                        Some(&f) => f,
                        // A `String` derefs to `str`: the program's methods for `str` too.
                        None if o.ty == ty::STRING && !self.code.prims.is_empty() => {
                            *self.code.types.get(self.code.prims.iter().find(|(p, _)| *p == Prim::Str)?.1 as usize)?.methods.get(&name)?
                        }
                        None => return None,
                    };
                    let func = &self.code.funcs[f as usize];
                    let by_value =
                        matches!(func.self_kind, Some(super::ast::SelfKind::Value | super::ast::SelfKind::Shared)) && !func.ref_impl;
                    return Some((f, by_value));
                }
                Value::Int(..) | Value::Bool(_) | Value::Char(_) | Value::Str(_) if !self.code.prims.is_empty() => {
                    let t = self.code.prim_ty(&v, name)?;
                    let f = *self.code.types.get(t as usize)?.methods.get(&name)?;
                    let by_value =
                        matches!(self.code.funcs[f as usize].self_kind, Some(super::ast::SelfKind::Value | super::ast::SelfKind::Shared));
                    return Some((f, by_value));
                }
                Value::Ref(_) | Value::Native(_) => {
                    let next = deref_all(&v);
                    if matches!(next, Value::Ref(_) | Value::Native(_)) {
                        return None;
                    }
                    v = next;
                }
                _ => return None,
            }
        }
        None
    }

    /// Calls a function value from native code, to its end.
    pub fn call(self: &Rc<Self>, fib: &mut Fiber, callee: &Value, args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
        (self.engine.call)(self, fib, callee, args, cx, at)
    }

    /// Runs the program's function `f` with `args`, to its end, in a nested loop.
    pub fn call_fn(
        self: &Rc<Self>,
        fib: &mut Fiber,
        f: u32,
        args: Vec<Value>,
        env: Option<&[Slot]>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Value> {
        (self.engine.call_fn)(self, fib, f, args, env, cx, at)
    }

    /// Runs the values whose `Drop` impl is due, in order.
    pub fn run_drops(self: &Rc<Self>, fib: &mut Fiber, cx: &mut Context<'_>, at: At) -> R<()> {
        (self.engine.run_drops)(self, fib, cx, at)
    }

    /// Polls a future value once.
    pub fn poll_value(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<Poll<Value>> {
        (self.engine.poll_value)(self, fib, v, cx, at)
    }

    /// The next item of an iterator value.
    pub fn iter_next(self: &Rc<Self>, fib: &mut Fiber, it: &Value, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
        (self.engine.iter_next)(self, fib, it, cx, at)
    }
}

/// The message of a `&Waker` kept where a `Waker` goes.
pub const BORROWED_WAKER: &str =
    "mismatched types: expected `Waker`, found `&Waker` (`cx.waker()` is borrowed for this poll only): store `cx.waker().clone()`";

/// The message of a use of a moved value.
pub const MOVED: &str = "use of a moved value: it was moved out (or never given a value) before this point";

/// The top `n` values, in order.
pub fn pop_n(fib: &mut Fiber, n: usize) -> Vec<Value> {
    if n == 0 {
        return Vec::new();
    }
    let at = fib.stack.len().saturating_sub(n);
    fib.stack.split_off(at)
}

/// Whether a value is an aggregate (a reference to it is its handle).
pub fn is_aggregate(v: &Value) -> bool {
    matches!(v, Value::Obj(_))
}

/// How many elements an aggregate has.
pub fn len_of(d: &Data) -> usize {
    match d {
        Data::Fields(f) | Data::Variant(_, f) | Data::Vec(f) => f.len(),
        Data::Deque(f) => f.len(),
        Data::Str(s) => s.len(),
        Data::Map(m) => m.len(),
    }
}

/// The `Rc`/`Arc` a value is or refers to: its box, and whether it is an `Arc`.
/// The `Rc` or `Arc` handle `v` is or leads to through references.
pub fn shared_handle(v: &Value) -> Option<Value> {
    let mut cur = v.clone();
    for _ in 0..8 {
        match &cur {
            Value::Native(n) => return matches!(&**n, Native::Shared(..)).then(|| cur.clone()),
            Value::Ref(p) => cur = read_ptr(p)?,
            _ => return None,
        }
    }
    None
}

pub fn deref_shared(v: &Value) -> Option<(Rc<SharedBox>, bool)> {
    let mut cur = v.clone();
    for _ in 0..8 {
        match &cur {
            Value::Native(n) => {
                if let Native::Shared(b, arc) = &**n {
                    return Some((b.clone(), *arc));
                }
                return None;
            }
            Value::Ref(p) => cur = read_ptr(p)?,
            _ => return None,
        }
    }
    None
}

/// Reads a place: one level of `*`.
pub fn deref(v: &Value, at: At) -> R<Value> {
    Ok(match v {
        Value::Ref(p) => read_ptr(p).ok_or_else(|| at.err(MOVED))?,
        // `*cow`: what it holds.
        Value::Obj(o) if o.ty == ty::COW => cow_held(o).unwrap_or_else(|| v.clone()),
        Value::Native(n) => match &**n {
            Native::Shared(b, _) => b.value.borrow().clone(),
            // `*p` of a raw pointer to a place: what is there now.
            Native::RawPlace(r) => deref(r, at)?,
            Native::RawPtr(None) => return Err(at.panic("null pointer dereference")),
            Native::RawAddr(0) => return Err(at.panic("null pointer dereference")),
            Native::RawAddr(a) => {
                return Err(at.err(format!(
                    "a dereference of a pointer made from an integer ({a:#x}): nothing is at that address here (undefined behaviour in Rust)"
                )))
            }
            // `*p` of `Arc::into_raw(arc)`: what the `Arc` shares, while a count is left.
            Native::RawPtr(Some(w)) => match w.upgrade() {
                Some(b) => b.value.borrow().clone(),
                None => {
                    return Err(at.err(
                        "a dereference of a dangling pointer: the last count of its `Arc` is gone, so what it pointed at was freed (a use after free, undefined behaviour in Rust)",
                    ))
                }
            },
            _ => v.clone(),
        },
        _ => v.clone(),
    })
}

/// The name of a kind of built-in future (`yield_now`, `async block`), shared by every future
/// of that kind rather than allocated for each.
pub fn static_name(name: &'static str) -> Rc<str> {
    thread_local! {
        static NAMES: RefCell<Vec<(&'static str, Rc<str>)>> = const { RefCell::new(Vec::new()) };
    }
    NAMES
        .try_with(|names| {
            let mut names = names.try_borrow_mut().ok()?;
            if let Some((_, rc)) = names.iter().find(|(n, _)| std::ptr::eq(*n, name) || *n == name) {
                return Some(rc.clone());
            }
            let rc: Rc<str> = Rc::from(name);
            names.push((name, rc.clone()));
            Some(rc)
        })
        .ok()
        .flatten()
        .unwrap_or_else(|| Rc::from(name))
}

/// Follows references, guards and smart pointers to the value they lead to.
pub fn deref_all(v: &Value) -> Value {
    let mut cur = v.clone();
    for _ in 0..16 {
        let next = match &cur {
            Value::Ref(p) => match read_ptr(p) {
                Some(x) => x,
                None => return cur,
            },
            Value::Native(n) => match &**n {
                Native::Shared(b, _) => b.value.borrow().clone(),
                _ => return cur,
            },
            // A `Cow` reads as what it holds, borrowed or owned.
            Value::Obj(o) if o.ty == ty::COW => match cow_held(o) {
                Some(x) => x,
                None => return cur,
            },
            _ => return cur,
        };
        cur = next;
    }
    cur
}

/// What a `Cow` holds (out of line: [`deref_all`] is inlined into the deep recursions of
/// printing, cloning and comparing values).
#[inline(never)]
fn cow_held(o: &Obj) -> Option<Value> {
    match &*o.data.try_borrow().ok()? {
        Data::Variant(_, f) if f.len() == 1 => Some(f[0].clone()),
        _ => None,
    }
}

/// What references refer to, followed through every `&` but not into an `Rc` or `Arc` (the
/// value `cloned()` clones: an `Rc`'s clone shares, where its contents' would copy).
pub fn deref_refs(v: &Value) -> Value {
    let mut cur = v.clone();
    for _ in 0..16 {
        let Value::Ref(p) = &cur else { return cur };
        match read_ptr(p) {
            Some(x) => cur = x,
            None => return cur,
        }
    }
    cur
}

/// The value at a place.
pub fn read_ptr(p: &Ptr) -> Option<Value> {
    let v = match p {
        Ptr::Cell(c) => c.try_borrow().ok()?.clone(),
        Ptr::Field(o, i) => match &*o.data.try_borrow().ok()? {
            Data::Fields(f) | Data::Variant(_, f) => f.get(*i as usize)?.clone(),
            _ => return None,
        },
        Ptr::Index(o, i) => match &*o.data.try_borrow().ok()? {
            Data::Fields(f) | Data::Vec(f) => f.get(*i)?.clone(),
            Data::Deque(f) => f.get(*i)?.clone(),
            Data::Map(m) => m.get(*i)?.1.clone(),
            _ => return None,
        },
        Ptr::Key(o, i) => match &*o.data.try_borrow().ok()? {
            Data::Map(m) => m.get(*i)?.0.clone(),
            _ => return None,
        },
        Ptr::Guard(g) => match &g.proj {
            Some(Value::Ref(q)) => return read_ptr(q),
            Some(part) => part.clone(),
            None => g.slot()?.try_borrow().ok()?.clone(),
        },
        Ptr::Slice(o, lo, hi) => match &*o.data.try_borrow().ok()? {
            Data::Fields(f) | Data::Vec(f) => Value::vec(f.get(*lo..*hi)?.to_vec()),
            _ => return None,
        },
    };
    (!matches!(v, Value::Void)).then_some(v)
}

/// The elements a `&mut v[lo..hi]` refers to (through references to it): the `Vec` or array,
/// `lo` and `hi`.
#[inline]
pub fn slice_view(v: &Value) -> Option<(Rc<Obj>, usize, usize)> {
    // Most values indexed or called are not references: nothing to look through.
    let Value::Ref(first) = v else { return None };
    if let Ptr::Slice(o, lo, hi) = &**first {
        return Some((o.clone(), *lo, *hi));
    }
    let mut cur = read_ptr(first)?;
    for _ in 0..16 {
        let Value::Ref(p) = &cur else { return None };
        if let Ptr::Slice(o, lo, hi) = &**p {
            return Some((o.clone(), *lo, *hi));
        }
        cur = read_ptr(p)?;
    }
    None
}

/// Writes a place.
/// Gives a literal integer the type of where it goes; refuses an integer of another type.
pub fn coerce(v: &mut Value, t: IntTy, at: At) -> R<()> {
    match v {
        Value::Int(bits, None) => {
            let n = int_of(*bits, None);
            let (lo, hi) = t.range();
            if n < 0 && lo == 0 {
                // Often no literal of the program: `1 << 63` computed before it met its type.
                return Err(at.err(format!(
                    "the value `{n}` does not fit in `{}`: an integer written without a type computes as an `i64` until it gets one (write its type on the literal: `1{}`)",
                    t.name(),
                    t.name()
                )));
            }
            if n < lo || n > hi {
                return Err(at.err(format!("the literal `{n}` does not fit in `{}`", t.name())));
            }
            *v = int(n, Some(t));
            Ok(())
        }
        Value::Int(_, Some(u)) if *u == t => Ok(()),
        Value::Int(_, Some(u)) => Err(at.err(format!("mismatched types: expected `{}`, found `{}`", t.name(), u.name()))),
        _ => Ok(()),
    }
}

/// Puts `v` in `slot` and gives back what it held. An integer without a type (a literal, or
/// arithmetic on literals) stored where a typed integer was takes that type, because a place's
/// type is fixed in Rust: `x = 255` into a `u8`, then `x += 1`, overflows; `x = 300` is an error.
#[inline]
pub fn replace_slot(slot: &mut Value, mut v: Value, at: At) -> R<Value> {
    if let (Value::Int(_, None), Value::Int(_, Some(t))) = (&v, &*slot) {
        let t = *t;
        coerce(&mut v, t, at)?;
    }
    Ok(std::mem::replace(slot, v))
}

/// `x` going where integers of type `t` live (a typed collection's items): an untyped integer
/// takes `t`, as with [`replace_slot`].
pub fn typed_as(mut x: Value, t: Option<IntTy>, at: At) -> R<Value> {
    if let (Value::Int(_, None), Some(t)) = (&x, t) {
        coerce(&mut x, t, at)?;
    }
    Ok(x)
}

/// A sequence's untyped integer items take type `t` (`let v: Vec<u8> = vec![255]`).
pub fn type_items(v: &Value, t: IntTy, at: At) -> R<()> {
    if let Value::Obj(o) = deref_all(v) {
        match &mut *o.data.borrow_mut() {
            Data::Vec(items) => items.iter_mut().try_for_each(|x| coerce(x, t, at))?,
            Data::Fields(items) if o.ty == ty::ARRAY => items.iter_mut().try_for_each(|x| coerce(x, t, at))?,
            Data::Deque(items) => items.iter_mut().try_for_each(|x| coerce(x, t, at))?,
            _ => {}
        }
    }
    Ok(())
}

/// The items of an array or `vec!` literal share one type: untyped integers take the first
/// typed one's (`[1u8, 255]` is two `u8`s).
pub fn unify_ints(items: &mut [Value], at: At) -> R<()> {
    let t = items.iter().find_map(|v| match v {
        Value::Int(_, t) => *t,
        _ => None,
    });
    if let Some(t) = t {
        for v in items.iter_mut() {
            if matches!(v, Value::Int(_, None)) {
                coerce(v, t, at)?;
            }
        }
    }
    Ok(())
}

pub fn write_ptr(p: &Ptr, v: Value, at: At) -> R<()> {
    let old = match p {
        Ptr::Cell(c) => replace_slot(&mut *c.try_borrow_mut().map_err(|_| at.err("this place is in use"))?, v, at)?,
        Ptr::Field(o, i) => {
            let mut d = o.data.try_borrow_mut().map_err(|_| at.err("this value is in use"))?;
            match &mut *d {
                Data::Fields(f) | Data::Variant(_, f) => {
                    let slot = f.get_mut(*i as usize).ok_or_else(|| at.err("no such field"))?;
                    // A field that holds a `RefMut` or `MutexGuard`, written with what it guards
                    // (`&mut self.value` of a `deref_mut` returning `&mut T`, deref-coerced in
                    // Rust): the write goes through the guard, as only a guard is assignable to
                    // the field itself.
                    if let Value::Ref(g) = &*slot {
                        if matches!(**g, Ptr::Guard(_)) && !matches!(v, Value::Ref(_)) {
                            let g = g.clone();
                            drop(d);
                            return write_ptr(&g, v, at);
                        }
                    }
                    replace_slot(slot, v, at)?
                }
                _ => return Err(at.err("no such field")),
            }
        }
        Ptr::Index(o, i) => {
            // A map's value is written where it is: its keys, and their index, stay as they were.
            let mut d = if ty::is_map(o.ty) { o.data.borrow_mut_values() } else { o.data.try_borrow_mut() }
                .map_err(|_| at.err("this value is in use"))?;
            let slot = match &mut *d {
                Data::Fields(f) | Data::Vec(f) => f.get_mut(*i),
                Data::Deque(f) => f.get_mut(*i),
                Data::Map(m) => m.get_mut(*i).map(|(_, x)| x),
                _ => None,
            };
            replace_slot(slot.ok_or_else(|| at.panic("index out of bounds"))?, v, at)?
        }
        Ptr::Guard(g) => {
            if !g.write {
                return Err(at.err("cannot assign through a shared borrow (`borrow()`, `read()`): take a `borrow_mut()`/`write()`"));
            }
            // `*m = v` of a `RefMut::map`: into the part it refers to (a collection or a struct
            // is its handle: its contents are replaced).
            if let Some(part) = &g.proj {
                return match part {
                    Value::Ref(q) => write_ptr(q, v, at),
                    _ => store_through(part, v, at),
                };
            }
            let slot = g.slot().ok_or_else(|| at.err("this lock is gone"))?;
            let old = replace_slot(&mut *slot.try_borrow_mut().map_err(|_| at.err("this lock is in use"))?, v, at)?;
            old
        }
        // rustc's E0594: a map's keys are not places to write.
        Ptr::Key(..) => return Err(at.err("cannot assign to a map's key: keys are read-only (remove the entry and insert another)")),
        // rustc's E0277: `[T]` has no size known at compile time.
        Ptr::Slice(..) => return Err(at.err("cannot assign to a slice as a whole: `[T]` has no size (assign its elements)")),
    };
    drop(old);
    Ok(())
}

/// `*target = value`.
pub fn store_through(target: &Value, value: Value, at: At) -> R<()> {
    match target {
        Value::Ref(p) => {
            // A guard or place holding an aggregate: `*guard = v` replaces what it holds.
            write_ptr(p, value, at)
        }
        Value::Obj(o) => {
            // `*self = State::Done`: the handle is the place; its contents are replaced.
            let Value::Obj(src) = &value else {
                return Err(at.err(format!("cannot assign {} here: a value of the same type is expected", value.type_name())));
            };
            if src.ty != o.ty {
                return Err(at.err("mismatched types: assigning a value of another type through this reference"));
            }
            let new = src.data.borrow().clone();
            let old = std::mem::replace(&mut *o.data.borrow_mut(), new);
            drop(value);
            drop(old);
            Ok(())
        }
        Value::Native(n) if matches!(&**n, Native::Shared(..)) => {
            Err(at.err("cannot assign through an `Rc`/`Arc`: it is shared (use a `RefCell` or `Mutex` inside)"))
        }
        other => Err(at.err(format!("cannot assign through {}: it is not a reference", other.type_name()))),
    }
}

/// The first element of a `Vec`, an array or a `VecDeque` (through references), which tells a
/// type parameter's type ([`Op::AssocOf`], `T::default()`).
pub(crate) fn first_element(v: &Value) -> Option<Value> {
    let first = match deref_all(v) {
        Value::Obj(o) => match &*o.data.borrow() {
            Data::Vec(items) | Data::Fields(items) => items.first().cloned(),
            Data::Deque(items) => items.front().cloned(),
            _ => None,
        },
        _ => None,
    };
    first.map(|f| deref_all(&f))
}

/// An integer value of type `t` from `n`, checked.
pub fn make_int(n: i128, t: Option<IntTy>, at: At, what: &str) -> R<Value> {
    let (lo, hi) = range_of(t);
    if n < lo || n > hi {
        return Err(at.panic(format!("attempt to {what} with overflow")));
    }
    Ok(int(n, t))
}

/// A struct's fields written as maps with a value type (`handlers: HashMap<String, Vec<u32>>`):
/// the map put there learns its value type, for `entry(k).or_default()`, as a `let` with the
/// type teaches it.
#[inline(never)]
fn map_value_defaults(sites: &[(u32, u32)], fields: &[Value]) {
    for &(i, site) in sites {
        if let Some(Value::Obj(o)) = fields.get(i as usize) {
            if ty::is_map(o.ty) && o.data.value_default.get() == 0 {
                o.data.value_default.set(site + 1);
            }
        }
    }
}

#[cfg(test)]
mod spare_pending_tests {
    use super::*;
    use crate::core::{Config, Executor, Recorder, SimPlatform};

    fn interp() -> Rc<Interp> {
        let sim = SimPlatform::new();
        let exec: Executor<Recorder> = Executor::new(Rc::new(sim.clone()), Config::default());
        let program = crate::play::lang::parse("async fn main() {}").expect("parses");
        let code = crate::play::lang::compile::compile(&program).expect("compiles");
        Interp::new(crate::play::lang::vm::ENGINE, Rc::new(code), exec.spawner(), Rc::new(sim), HashMap::new())
    }

    fn same(a: &Value, b: &Value) -> bool {
        matches!((a, b), (Value::Obj(x), Value::Obj(y)) if Rc::ptr_eq(x, y))
    }

    #[test]
    fn a_pending_no_one_holds_is_made_again_and_only_once() {
        let vm = interp();
        let at = At { span: Span::default() };
        let first = vm.make_pending(at).expect("made");
        let keep = first.clone();
        vm.keep_spare_pending(first);
        // Still held by `keep`: not kept, so the next one is new.
        let second = vm.make_pending(at).expect("made");
        assert!(!same(&second, &keep));
        drop(keep);
        // Its address only: a `Weak` to it would be a reference to it, and keep it from the spare.
        let addr = |v: &Value| match v {
            Value::Obj(o) => Rc::as_ptr(o) as usize,
            _ => 0,
        };
        let second_at = addr(&second);
        vm.keep_spare_pending(second);
        let third = vm.make_pending(at).expect("made");
        assert_eq!(addr(&third), second_at, "the spare is reused");
        let fourth = vm.make_pending(at).expect("made");
        assert!(!same(&third, &fourth), "a spare is given out once");
        assert_eq!(vm.values.get(), 4, "each counts as a value made");
        for v in [&third, &fourth] {
            assert_eq!(v.variant_last(ty::POLL).map(|(i, _)| i), Some(1));
        }
    }

    #[test]
    fn only_a_unit_pending_is_kept() {
        let vm = interp();
        let at = At { span: Span::default() };
        let ready = vm.make_obj(ty::POLL, Some(0), vec![Value::Unit], at).expect("made");
        vm.keep_spare_pending(ready);
        let written = vm.make_pending(at).expect("made");
        if let Value::Obj(o) = &written {
            *o.data.borrow_mut() = Data::Variant(0, vec![Value::Bool(true)]);
        }
        vm.keep_spare_pending(written);
        let other = vm.make_obj(ty::OPTION, Some(1), Vec::new(), at).expect("made");
        vm.keep_spare_pending(other);
        let watched = vm.make_pending(at).expect("made");
        let weak = match &watched {
            Value::Obj(o) => Rc::downgrade(o),
            _ => panic!("a `Poll::Pending` is an aggregate"),
        };
        vm.keep_spare_pending(watched);
        assert!(vm.spare_pending.borrow().is_none(), "a value something refers to, even weakly, is not kept");
        drop(weak);
        let fresh = vm.make_pending(at).expect("made");
        assert_eq!(fresh.variant_last(ty::POLL).map(|(i, f)| (i, f.is_none())), Some((1, true)));
    }
}
