//! Runs a program on the real executor: every `async fn` call is a future, every `.await` a real
//! poll that may return Pending, every `sleep` a real [`TimerFuture`].
//!
//! # Ground rules
//!
//! - There is no separate simulation: an interpreted `.await` polls the awaited future with the
//!   task's own `Context`, so wakers, timers and the trace are the executor's.
//! - Expressions that cannot await run on a plain recursive evaluator; only what may await runs
//!   as (boxed) futures.
//! - Nothing panics. Overflow, division by zero, a wrong type, a loop that never awaits: each is
//!   an error with the span that caused it, which ends its task and shows on the console.
//! - Values are dropped where Rust would drop them: at the end of their scope. Dropping a future
//!   drops what it holds, so a `sleep` never awaited cancels its timer there.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::core::{Hooks, Platform, Spawner, TaskId, TimerFuture, TimerHandle, TimerId, Timers};
use crate::play::futures::{Join, LostWaker, Select, StaleWaker, WakeByRefThenPending, YieldNow};
use crate::play::scenario::{MAX_SPIN_MS, MAX_TOTAL_SPIN_MS};

use super::ast::{BinOp, Block, Expr, ExprKind, Pat, Piece, Program, SelectArm, Stmt};
use super::lexer::{LangError, Span};

/// A poll that runs this many statements without awaiting is stopped.
pub const POLL_BUDGET: u64 = 100_000;
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

type R<T> = Result<T, LangError>;

/// Runs `$x` (an expression or a block) on the async path only if it may await: no future is
/// made (or boxed) for the many that cannot. `boxed` boxes the async call, for a call that could
/// reach back into the function it is made in (a future cannot contain itself).
macro_rules! on_path {
    ($me:expr, $env:expr, $x:expr, $f:ident, $sync:ident) => {
        if $x.awaits {
            $me.$f($env, $x).await
        } else {
            $me.$sync($env, $x)
        }
    };
    (boxed $me:expr, $env:expr, $x:expr, $f:ident, $sync:ident) => {
        if $x.awaits {
            Box::pin($me.$f($env, $x)).await
        } else {
            $me.$sync($env, $x)
        }
    };
}

/// Evaluates an expression ([`on_path!`]).
macro_rules! ev {
    ($me:expr, $env:expr, $e:expr) => {
        on_path!($me, $env, $e, eval, eval_sync)
    };
}

/// [`ev!`] inside `eval` itself: boxed.
macro_rules! evr {
    ($me:expr, $env:expr, $e:expr) => {
        on_path!(boxed $me, $env, $e, eval, eval_sync)
    };
}

/// Runs a block ([`on_path!`]).
macro_rules! blk {
    ($me:expr, $env:expr, $b:expr) => {
        on_path!($me, $env, $b, block, block_sync)
    };
}

/// [`blk!`] where the block could reach back here (`eval` and `expr_stmt` run inside `block`):
/// boxed.
macro_rules! blkr {
    ($me:expr, $env:expr, $b:expr) => {
        on_path!(boxed $me, $env, $b, block, block_sync)
    };
}

type LangFut = Pin<Box<dyn Future<Output = R<Value>>>>;
type BoxFut<'a, T> = Pin<Box<dyn Future<Output = R<T>> + 'a>>;

/// A value of the language.
#[derive(Clone)]
pub enum Value {
    /// `()`
    Unit,
    /// A u64.
    Int(u64),
    /// A bool.
    Bool(bool),
    /// A string literal.
    Str(Rc<str>),
    /// A `Duration`.
    Dur(Duration),
    /// A tuple (from `join!`).
    Tuple(Rc<Vec<Value>>),
    /// A future, not yet awaited.
    Future(Rc<FutSlot>),
    /// A spawned task's handle.
    Handle(Rc<HandleState>),
}

impl Value {
    fn type_name(&self) -> &'static str {
        match self {
            Value::Unit => "()",
            Value::Int(_) => "a number",
            Value::Bool(_) => "a bool",
            Value::Str(_) => "a string",
            Value::Dur(_) => "a Duration",
            Value::Tuple(_) => "a tuple",
            Value::Future(_) => "a future",
            Value::Handle(_) => "a JoinHandle",
        }
    }

    fn show(&self, out: &mut String) {
        use std::fmt::Write as _;
        match self {
            Value::Unit => out.push_str("()"),
            Value::Int(n) => {
                let _ = write!(out, "{n}");
            }
            Value::Bool(b) => {
                let _ = write!(out, "{b}");
            }
            Value::Str(s) => out.push_str(s),
            Value::Dur(d) => {
                let _ = write!(out, "{}ms", d.as_millis());
            }
            Value::Tuple(items) => {
                out.push('(');
                for (i, v) in items.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    v.show(out);
                }
                out.push(')');
            }
            Value::Future(f) => {
                let _ = write!(out, "<future {}>", f.what);
            }
            Value::Handle(_) => out.push_str("<JoinHandle>"),
        }
    }
}

/// A future value: awaited at most once, dropped with the last copy of the value.
pub struct FutSlot {
    fut: RefCell<Option<LangFut>>,
    /// What made it: `sleep`, a function's name, …
    what: Rc<str>,
    /// Where it was made.
    span: Span,
    /// Whether it was ever awaited, joined, selected or spawned.
    used: Cell<bool>,
    /// The timer of a `sleep(…)`: dropped unused, it is cancelled right here.
    timer: Option<TimerId>,
    shared: std::rc::Weak<Shared>,
}

impl Drop for FutSlot {
    fn drop(&mut self) {
        // Laziness, made visible: a future that nothing ever polled did nothing at all.
        if !self.used.get() {
            if let Some(s) = self.shared.upgrade() {
                if let Some(t) = self.timer {
                    s.unawaited.borrow_mut().insert(t);
                }
                s.say(
                    Line::Note,
                    Some(self.span),
                    format!("the future `{}` made here was dropped without ever being awaited: futures do nothing until polled", self.what),
                );
            }
        }
    }
}

/// A spawned task's result, and the waker of whoever awaits its handle.
#[derive(Default)]
pub struct HandleState {
    result: RefCell<Option<Value>>,
    done: Cell<bool>,
    waiter: RefCell<Option<Waker>>,
}

/// What a console line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Line {
    /// `println!` output.
    Print,
    /// Something to notice (a future dropped unpolled).
    Note,
    /// A runtime error: it ended its task.
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

/// What a running program shares between its tasks, and what the UI reads.
pub struct Shared {
    program: Rc<Program>,
    spawner: Spawner,
    platform: Rc<dyn Platform>,
    started: f64,
    console: RefCell<Vec<Output>>,
    steps_this_poll: Cell<u64>,
    steps_total: Cell<u64>,
    run_budget: Cell<u64>,
    spun_ms: Cell<u64>,
    /// The task being polled, if one of the program's.
    current: RefCell<Option<Rc<TaskInfo>>>,
    tasks: Cell<usize>,
    names: RefCell<HashMap<TaskId, Rc<str>>>,
    /// The `sleep(…)` call behind each timer.
    timer_spans: RefCell<HashMap<TimerId, Span>>,
    /// The number literal inside a `sleep(…)` (its span as parsed), and the timer it made
    /// last: for live edits.
    literals: RefCell<HashMap<Span, TimerHandle>>,
    /// Where live edits moved literals: span now → span as parsed (only those that moved).
    origins: RefCell<HashMap<Span, Span>>,
    /// Durations changed by live edits, by the literal's span as parsed.
    overrides: RefCell<HashMap<Span, u64>>,
    /// The timers of `sleep`s dropped without ever being awaited.
    unawaited: RefCell<std::collections::HashSet<TimerId>>,
    /// The tasks that polled a `wake_by_ref_then_pending()`.
    self_wakers: RefCell<std::collections::HashSet<TaskId>>,
    /// How many tasks each name was given to.
    name_counts: RefCell<HashMap<Rc<str>, usize>>,
    /// Every task's own state, in spawn order.
    infos: RefCell<Vec<Rc<TaskInfo>>>,
}

/// A task's awaits at one moment, outermost first: where, and in what (`await`, `join!`, …).
pub type Awaits = Rc<[(Span, &'static str)]>;

/// What the interpreter keeps per task. Reached through `Shared::current` while the task is
/// polled, so an await touches no map.
#[derive(Default)]
struct TaskInfo {
    id: Cell<Option<TaskId>>,
    /// Its awaits, outermost first: where it is parked, and in what.
    awaits: RefCell<Vec<(Span, &'static str)>>,
    /// Where it parked after each of its polls (its awaits then, outermost first), in poll
    /// order: what a replay lights at any point of the run. Consecutive polls that parked at the
    /// same awaits share one list.
    parked: RefCell<Vec<Awaits>>,
}

/// A program started on an executor.
#[derive(Clone)]
pub struct Run {
    shared: Rc<Shared>,
    main: Option<TaskId>,
}

/// What a live edit of a duration literal did.
#[derive(Clone, Debug, PartialEq)]
pub enum LiteralEdit {
    /// Its timer was pending: re-armed for start + new duration, keeping its waker.
    Rescheduled(crate::core::Rescheduled),
    /// Its timer was pending but refused the edit.
    Refused(crate::core::EditError),
    /// Its `sleep(…)` made a timer that is over (fired or cancelled): a timer it makes from
    /// now on (in a loop, say) uses the new number.
    Past,
    /// Its `sleep(…)` has not run yet: it will use the new number when it does.
    Upcoming,
    /// Not the duration of a `sleep(…)`: the change applies to the next run.
    NextRun,
}

impl Run {
    /// The `main` task; `None` when `main` is a plain `fn` (which spawns tasks and is over
    /// before the executor starts).
    pub fn main(&self) -> Option<TaskId> {
        self.main
    }

    /// Every task the program spawned, in spawn order (`main` first when it is a task).
    pub fn tasks(&self) -> Vec<TaskId> {
        self.shared.infos.borrow().iter().filter_map(|i| i.id.get()).collect()
    }

    /// The console so far.
    pub fn console(&self) -> Vec<Output> {
        self.shared.console.borrow().clone()
    }

    /// The latest `n` console lines printed at or before `until` (ms since the start), and how
    /// many earlier ones there are.
    pub fn console_tail(&self, until: f64, n: usize) -> (Vec<Output>, usize) {
        let console = self.shared.console.borrow();
        let upto = console.partition_point(|o| o.at <= until);
        let from = upto.saturating_sub(n);
        (console.get(from..upto).map(<[Output]>::to_vec).unwrap_or_default(), from)
    }

    /// Whether `timer` belonged to a `sleep(…)` that was dropped without ever being awaited (at
    /// the end of its scope, or by `drop`): its cancel is that drop, not a select's.
    pub fn dropped_unawaited(&self, timer: TimerId) -> bool {
        self.shared.unawaited.borrow().contains(&timer)
    }

    /// Whether `task` polled a `wake_by_ref_then_pending()`: its self-wakes are that future's,
    /// not `yield_now`'s (the trace records both as a self-wake).
    pub fn polled_self_waker(&self, task: TaskId) -> bool {
        self.shared.self_wakers.borrow().contains(&task)
    }

    /// The runtime errors so far.
    pub fn errors(&self) -> Vec<Output> {
        self.shared.console.borrow().iter().filter(|o| o.kind == Line::Error).cloned().collect()
    }

    /// How many tasks the program has spawned, `main` included.
    pub fn task_count(&self) -> usize {
        self.shared.names.borrow().len()
    }

    /// Task names, as the program gave them (`main`, then each spawned function's name).
    pub fn names(&self) -> HashMap<TaskId, Rc<str>> {
        self.shared.names.borrow().clone()
    }

    /// The `sleep(…)` (or `TimerFuture::new(…)`) call that made a timer.
    pub fn timer_span(&self, timer: TimerId) -> Option<Span> {
        self.shared.timer_spans.borrow().get(&timer).copied()
    }

    /// Where each task is parked right now: its await points, outermost first.
    pub fn await_tree(&self) -> Vec<(TaskId, Vec<(Span, &'static str)>)> {
        self.shared
            .infos
            .borrow()
            .iter()
            .filter_map(|i| {
                let awaits = i.awaits.borrow();
                Some((i.id.get()?, awaits.clone())).filter(|_| !awaits.is_empty())
            })
            .collect()
    }

    /// Changes the run's statement budget (default [`RUN_BUDGET`]).
    pub fn set_run_budget(&self, steps: u64) {
        self.shared.run_budget.set(steps);
    }

    /// A live edit of the program's text that changed only number literals: `moved` maps each
    /// literal's old span to its new one (digits added or removed shift what follows), with its
    /// new value and whether it changed. A changed `sleep(…)` duration reschedules its pending
    /// timer, and every timer that `sleep` makes from now on uses the new number.
    /// Returns what each changed literal did.
    pub fn apply_literal_edit(&self, moved: &[(Span, Span, u64, bool)]) -> Vec<(Span, LiteralEdit)> {
        let sh = &self.shared;
        // Spans as first parsed: the program's tree keeps those.
        let relocated: HashMap<Span, Span> = {
            let origins = sh.origins.borrow();
            moved.iter().map(|(old, new, _, _)| (*new, origins.get(old).copied().unwrap_or(*old))).filter(|(n, o)| n != o).collect()
        };
        *sh.origins.borrow_mut() = relocated;
        let mut out = Vec::new();
        for &(_, new, value, _) in moved.iter().filter(|m| m.3) {
            let origin = sh.origins.borrow().get(&new).copied().unwrap_or(new);
            if sh.program.durations.binary_search_by_key(&origin.start, |s| s.start).is_err() {
                out.push((new, LiteralEdit::NextRun));
                continue;
            }
            sh.overrides.borrow_mut().insert(origin, value);
            let handle = sh.literals.borrow().get(&origin).cloned();
            let what = match handle {
                None => LiteralEdit::Upcoming,
                Some(h) if !h.is_pending() => LiteralEdit::Past,
                Some(h) => match h.set_duration(Duration::from_millis(value)) {
                    Ok(r) => LiteralEdit::Rescheduled(r),
                    Err(crate::core::EditError::Busy) => LiteralEdit::Refused(crate::core::EditError::Busy),
                    Err(_) => LiteralEdit::Past,
                },
            };
            out.push((new, what));
        }
        out
    }

    /// Whether the timer made last by the `sleep(…)` whose number literal is at `literal` (as
    /// the text is now) is pending.
    pub fn literal_pending(&self, literal: Span) -> bool {
        let sh = &self.shared;
        let origin = sh.origins.borrow().get(&literal).copied().unwrap_or(literal);
        sh.literals.borrow().get(&origin).is_some_and(TimerHandle::is_pending)
    }

    /// Where `task` was parked after its poll number `polls` (from 1): its awaits then,
    /// outermost first (a join's branches each have theirs). Empty if it was not at an await.
    pub fn parked_after(&self, task: TaskId, polls: u64) -> Awaits {
        self.parked_at(task, polls).unwrap_or_else(|| Rc::from(Vec::new()))
    }

    fn parked_at(&self, task: TaskId, polls: u64) -> Option<Awaits> {
        let i = usize::try_from(polls).ok()?.checked_sub(1)?;
        let infos = self.shared.infos.borrow();
        // In spawn order, so in id order: a binary search (the panels ask for every task on
        // every refresh).
        let at = infos.partition_point(|t| t.id.get().is_some_and(|id| id.0 < task.0));
        let info = infos.get(at).filter(|t| t.id.get() == Some(task))?;
        let parked = info.parked.borrow();
        parked.get(i).cloned()
    }

    /// Statements run so far.
    pub fn steps(&self) -> u64 {
        self.shared.steps_total.get()
    }
}

/// Spawns `main` of `program` on the executor `spawner` belongs to.
///
/// ```
/// use std::rc::Rc;
/// use waker_playground::core::{Config, Executor, SimPlatform};
/// use waker_playground::play::lang::{parse, start};
///
/// let sim = SimPlatform::new();
/// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
/// let program = parse("async fn main() { println!(\"howdy!\"); sleep(2000).await; println!(\"done\"); }").unwrap();
/// let run = start(&exec.spawner(), exec.platform(), Rc::new(program)).unwrap();
/// sim.run_until_idle(10_000.0);
/// let lines: Vec<(f64, String)> = run.console().into_iter().map(|o| (o.at, o.text)).collect();
/// assert_eq!(lines, [(0.0, "howdy!".to_string()), (2000.0, "done".to_string())]);
/// ```
pub fn start(spawner: &Spawner, platform: Rc<dyn Platform>, program: Rc<Program>) -> Result<Run, String> {
    let Some((main, def)) = program.find("main") else { return Err("there is no `main`".into()) };
    let sync_main = !def.is_async;
    let started = platform.now();
    let shared = Rc::new(Shared {
        program,
        spawner: spawner.clone(),
        platform,
        started,
        console: RefCell::default(),
        steps_this_poll: Cell::new(0),
        steps_total: Cell::new(0),
        run_budget: Cell::new(RUN_BUDGET),
        spun_ms: Cell::new(0),
        current: RefCell::new(None),
        // A plain `fn main` is no task, but the limit is on what it spawns all the same.
        tasks: Cell::new(usize::from(sync_main)),
        names: RefCell::default(),
        timer_spans: RefCell::default(),
        literals: RefCell::default(),
        unawaited: RefCell::default(),
        self_wakers: RefCell::default(),
        name_counts: RefCell::default(),
        origins: RefCell::default(),
        overrides: RefCell::default(),
        infos: RefCell::default(),
    });
    if sync_main {
        // `fn main` runs now, before the executor polls anything: it spawns the tasks, as the
        // book's `main` does with `spawner.spawn(…)`.
        Shared::run_sync_main(&shared, main);
        return Ok(Run { shared, main: None });
    }
    let fut = Shared::call(&shared, main, Vec::new());
    let id = Shared::spawn_task(&shared, "main", fut, Rc::default()).map_err(|e| e.message)?;
    Ok(Run { shared, main: Some(id) })
}

/// How a block ended.
enum Flow {
    Normal(Value),
    Break(Span),
    Continue(Span),
    Return(Value),
}

/// A function's variables, innermost last, on one stack: a scope is where the stack stood
/// when it began, so entering and leaving scopes allocates nothing. A variable moved out by
/// `drop(x)` keeps its place, empty.
#[derive(Default)]
struct Env {
    vars: Vec<(Rc<str>, Option<Value>)>,
    scopes: Vec<usize>,
}

impl Env {
    fn slot(&self, name: &str) -> Option<usize> {
        // Shared names (the tree's `Rc<str>`) usually match by pointer; the text decides.
        self.vars.iter().rposition(|(n, _)| **n == *name)
    }

    fn get(&self, name: &str) -> Option<&Value> {
        self.vars.get(self.slot(name)?)?.1.as_ref()
    }

    fn get_mut(&mut self, name: &str) -> Option<&mut Value> {
        let i = self.slot(name)?;
        self.vars.get_mut(i)?.1.as_mut()
    }

    fn take(&mut self, name: &str) -> Option<Value> {
        let i = self.slot(name)?;
        self.vars.get_mut(i)?.1.take()
    }

    fn bind(&mut self, name: &Rc<str>, v: Value) {
        self.vars.push((name.clone(), Some(v)));
    }
}

/// Drops the innermost scope's values when a block ends, however it ends (an error, or the
/// future that runs it being dropped mid-await).
struct ScopeGuard<'a>(&'a RefCell<Env>);

impl<'a> ScopeGuard<'a> {
    fn new(env: &'a RefCell<Env>) -> Self {
        if let Ok(mut e) = env.try_borrow_mut() {
            let top = e.vars.len();
            e.scopes.push(top);
        }
        ScopeGuard(env)
    }
}

impl Drop for ScopeGuard<'_> {
    fn drop(&mut self) {
        let Some(top) = self.0.try_borrow_mut().ok().and_then(|mut e| e.scopes.pop()) else { return };
        // Values are dropped one at a time, outside the borrow: dropping a future may run code
        // (a timer's cancel, a note on the console) that must not find the environment
        // borrowed. Latest first, as Rust drops a scope's variables.
        loop {
            let v = match self.0.try_borrow_mut() {
                Ok(mut e) if e.vars.len() > top => e.vars.pop(),
                _ => None,
            };
            match v {
                Some(v) => drop(v),
                None => break,
            }
        }
    }
}

/// Marks a task as parked at an await until the await ends (or its future is dropped).
struct AwaitGuard {
    task: Option<Rc<TaskInfo>>,
    depth: usize,
}

impl Drop for AwaitGuard {
    fn drop(&mut self) {
        if let Some(Ok(mut stack)) = self.task.as_ref().map(|t| t.awaits.try_borrow_mut()) {
            stack.truncate(self.depth);
        }
    }
}

impl Shared {
    fn now(&self) -> f64 {
        self.platform.now() - self.started
    }

    fn say(&self, kind: Line, span: Option<Span>, text: String) {
        let task = self.current.try_borrow().ok().and_then(|c| c.as_ref().and_then(|t| t.id.get()));
        let line = Output { at: self.now(), task, kind, span, text };
        if let Ok(mut c) = self.console.try_borrow_mut() {
            // A runaway program cannot fill the memory with output.
            if c.len() < 10_000 {
                c.push(line);
            }
        }
    }

    /// Counts one statement; stops a poll (or a run) that ran too many.
    fn tick(&self, span: Span) -> R<()> {
        let n = self.steps_this_poll.get() + 1;
        self.steps_this_poll.set(n);
        let total = self.steps_total.get() + 1;
        self.steps_total.set(total);
        if n > POLL_BUDGET {
            return Err(LangError::new(
                span,
                "this poll ran 100,000 statements without awaiting: this is what blocking the executor looks like",
            ));
        }
        let budget = self.run_budget.get();
        if total > budget {
            return Err(LangError::new(span, format!("the run has executed {budget} statements: it is stopped here")));
        }
        Ok(())
    }

    fn future(self: &Rc<Self>, what: impl Into<Rc<str>>, span: Span, fut: LangFut) -> Value {
        self.future_of(what, span, fut, None)
    }

    fn future_of(self: &Rc<Self>, what: impl Into<Rc<str>>, span: Span, fut: LangFut, timer: Option<TimerId>) -> Value {
        Value::Future(Rc::new(FutSlot {
            fut: RefCell::new(Some(fut)),
            what: what.into(),
            span,
            used: Cell::new(false),
            timer,
            shared: Rc::downgrade(self),
        }))
    }

    /// A future, or a handle, made into something to poll.
    fn take_future(self: &Rc<Self>, v: Value, span: Span, verb: &str) -> R<LangFut> {
        match v {
            Value::Future(slot) => {
                slot.used.set(true);
                let taken = slot.fut.try_borrow_mut().ok().and_then(|mut f| f.take());
                taken.ok_or_else(|| LangError::new(span, format!("this future was already {verb}: a future is used once")))
            }
            Value::Handle(h) => Ok(Box::pin(HandleFuture(h))),
            other => Err(LangError::new(span, format!("this is {}, not a future: there is nothing to {verb}", other.type_name()))),
        }
    }

    /// A call of the program's function `index`: a future that runs its body when polled.
    fn call(self: &Rc<Self>, index: usize, args: Vec<Value>) -> LangFut {
        let me = self.clone();
        Box::pin(async move {
            let program = me.program.clone();
            let Some(f) = program.fns.get(index) else { return Ok(Value::Unit) };
            let env = RefCell::new(Env {
                vars: f.params.iter().map(|(p, _)| p.clone()).zip(args.into_iter().map(Some)).collect(),
                scopes: vec![0],
            });
            match me.block(&env, &f.body).await? {
                Flow::Normal(v) | Flow::Return(v) => Ok(v),
                Flow::Break(s) | Flow::Continue(s) => Err(LangError::new(s, "`break` and `continue` belong inside a loop")),
            }
        })
    }

    /// Runs a plain `fn main` to its end, now: it is no task, and cannot await.
    fn run_sync_main(self: &Rc<Self>, index: usize) {
        let program = self.program.clone();
        let Some(f) = program.fns.get(index) else { return };
        let env = RefCell::new(Env { vars: Vec::new(), scopes: vec![0] });
        let result = match self.block_sync(&env, &f.body) {
            Ok(Flow::Normal(_) | Flow::Return(_)) => Ok(()),
            Ok(Flow::Break(s) | Flow::Continue(s)) => Err(LangError::new(s, "`break` and `continue` belong inside a loop")),
            Err(e) if e.message.starts_with("this poll ran") => Err(LangError::new(
                e.span,
                format!("`fn main` ran {POLL_BUDGET} statements before the executor started: it should spawn tasks and return"),
            )),
            Err(e) => Err(e),
        };
        // Its variables (unawaited futures, handles) are dropped as it returns.
        drop(env);
        if let Err(e) = result {
            self.say(Line::Error, Some(e.span), e.message);
        }
    }

    fn spawn_task(self: &Rc<Self>, name: &str, fut: LangFut, handle: Rc<HandleState>) -> R<TaskId> {
        // `main` is task 0 of the count: the limit is on what it spawns.
        if self.tasks.get() > MAX_TASKS {
            return Err(LangError::new(Span::default(), format!("at most {MAX_TASKS} tasks")));
        }
        let info = Rc::new(TaskInfo::default());
        let task = TaskMain { shared: self.clone(), info: info.clone(), fut, handle };
        // Tasks of the same function are told apart: worker, worker#2, worker#3, …
        let n = {
            let mut seen = self.name_counts.borrow_mut();
            let n = seen.entry(Rc::from(name)).or_insert(0);
            *n += 1;
            *n
        };
        let shown: Rc<str> = if n == 1 { Rc::from(name) } else { Rc::from(format!("{name}#{n}")) };
        let spawned = self.spawner.spawn(&shown, task).map_err(|_| LangError::new(Span::default(), "the executor is gone"))?;
        info.id.set(Some(spawned));
        self.infos.borrow_mut().push(info);
        self.tasks.set(self.tasks.get() + 1);
        self.names.borrow_mut().insert(spawned, shown);
        Ok(spawned)
    }

    fn bind(&self, env: &RefCell<Env>, pat: &Pat, v: Value, span: Span) -> R<()> {
        match pat {
            Pat::Wild => Ok(()),
            Pat::Bind(n, _) => {
                env.borrow_mut().bind(n, v);
                Ok(())
            }
            Pat::Tuple(pats) => match v {
                Value::Tuple(items) if items.len() == pats.len() => {
                    for (p, v) in pats.iter().zip(items.iter()) {
                        self.bind(env, p, v.clone(), span)?;
                    }
                    Ok(())
                }
                Value::Unit if pats.is_empty() => Ok(()),
                other => Err(LangError::new(
                    span,
                    format!("this pattern takes a tuple of {}, but the value is {}", pats.len(), other.type_name()),
                )),
            },
        }
    }

    // ----- Blocks and statements -----

    async fn block(self: &Rc<Self>, env: &RefCell<Env>, b: &Block) -> R<Flow> {
        let _scope = b.binds.then(|| ScopeGuard::new(env));
        let mut last = Value::Unit;
        for s in &b.stmts {
            // The statements that await most often run inline, with no future of their own to
            // allocate: an expression statement (`sleep(100).await;`) and a `let`.
            let flow = match s {
                Stmt::Expr { expr, semi } if expr.awaits => {
                    self.tick(expr.span)?;
                    match self.expr_stmt(env, expr).await? {
                        Flow::Normal(v) => Flow::Normal(if *semi { Value::Unit } else { v }),
                        other => other,
                    }
                }
                Stmt::Let { pat, value, span } if value.awaits => {
                    self.tick(*span)?;
                    let v = self.eval(env, value).await?;
                    self.bind(env, pat, v, *span)?;
                    Flow::Normal(Value::Unit)
                }
                _ if s.awaits() => self.stmt(env, s).await?,
                _ => self.stmt_sync(env, s)?,
            };
            match flow {
                Flow::Normal(v) => last = v,
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal(last))
    }

    fn block_sync(self: &Rc<Self>, env: &RefCell<Env>, b: &Block) -> R<Flow> {
        let _scope = b.binds.then(|| ScopeGuard::new(env));
        let mut last = Value::Unit;
        for s in &b.stmts {
            match self.stmt_sync(env, s)? {
                Flow::Normal(v) => last = v,
                other => return Ok(other),
            }
        }
        Ok(Flow::Normal(last))
    }

    fn range(&self, env: &RefCell<Env>, from: Value, to: Value, inclusive: bool, span: Span) -> R<(u64, u64)> {
        let _ = env;
        match (from, to) {
            (Value::Int(a), Value::Int(b)) => Ok((a, if inclusive { b.saturating_add(1) } else { b })),
            (a, b) => Err(LangError::new(span, format!("a range needs two numbers, not {} and {}", a.type_name(), b.type_name()))),
        }
    }

    fn cond(&self, v: Value, span: Span) -> R<bool> {
        match v {
            Value::Bool(b) => Ok(b),
            other => Err(LangError::new(span, format!("a condition must be a bool, not {}", other.type_name()))),
        }
    }

    fn assign(&self, env: &RefCell<Env>, name: &str, op: Option<BinOp>, v: Value, span: Span) -> R<()> {
        let old = env.borrow().get(name).cloned().ok_or_else(|| LangError::new(span, format!("there is no variable `{name}`")))?;
        let new = match op {
            None => v,
            Some(op) => binary(op, old, v, span)?,
        };
        let replaced = env.borrow_mut().get_mut(name).map(|slot| std::mem::replace(slot, new));
        drop(replaced);
        Ok(())
    }

    fn stmt_sync(self: &Rc<Self>, env: &RefCell<Env>, s: &Stmt) -> R<Flow> {
        match s {
            Stmt::Let { pat, value, span } => {
                self.tick(*span)?;
                let v = self.eval_sync(env, value)?;
                self.bind(env, pat, v, *span)?;
                Ok(Flow::Normal(Value::Unit))
            }
            Stmt::Assign { name, op, value, span } => {
                self.tick(*span)?;
                let v = self.eval_sync(env, value)?;
                self.assign(env, name, *op, v, *span)?;
                Ok(Flow::Normal(Value::Unit))
            }
            Stmt::Expr { expr, semi } => {
                self.tick(expr.span)?;
                Ok(match self.expr_stmt_sync(env, expr)? {
                    Flow::Normal(v) => Flow::Normal(if *semi { Value::Unit } else { v }),
                    other => other,
                })
            }
            Stmt::For { var, from, to, inclusive, body, span } => {
                let (a, b) = {
                    let f = self.eval_sync(env, from)?;
                    let t = self.eval_sync(env, to)?;
                    self.range(env, f, t, *inclusive, *span)?
                };
                for i in a..b {
                    self.tick(*span)?;
                    let _scope = ScopeGuard::new(env);
                    self.bind(env, var, Value::Int(i), *span)?;
                    match self.block_sync(env, body)? {
                        Flow::Break(_) => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal(_) | Flow::Continue(_) => {}
                    }
                }
                Ok(Flow::Normal(Value::Unit))
            }
            Stmt::While { cond, body, span } => {
                loop {
                    self.tick(*span)?;
                    let c = self.eval_sync(env, cond)?;
                    if !self.cond(c, cond.span)? {
                        break;
                    }
                    match self.block_sync(env, body)? {
                        Flow::Break(_) => break,
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal(_) | Flow::Continue(_) => {}
                    }
                }
                Ok(Flow::Normal(Value::Unit))
            }
            Stmt::Loop { body, span } => loop {
                self.tick(*span)?;
                match self.block_sync(env, body)? {
                    Flow::Break(_) => return Ok(Flow::Normal(Value::Unit)),
                    Flow::Return(v) => return Ok(Flow::Return(v)),
                    Flow::Normal(_) | Flow::Continue(_) => {}
                }
            },
            Stmt::Break(s) => Ok(Flow::Break(*s)),
            Stmt::Continue(s) => Ok(Flow::Continue(*s)),
            Stmt::Return(v, span) => {
                self.tick(*span)?;
                let v = match v {
                    Some(e) => self.eval_sync(env, e)?,
                    None => Value::Unit,
                };
                Ok(Flow::Return(v))
            }
        }
    }

    fn stmt<'a>(self: &'a Rc<Self>, env: &'a RefCell<Env>, s: &'a Stmt) -> BoxFut<'a, Flow> {
        Box::pin(async move {
            match s {
                Stmt::Assign { name, op, value, span } => {
                    self.tick(*span)?;
                    let v = ev!(self, env, value)?;
                    self.assign(env, name, *op, v, *span)?;
                    Ok(Flow::Normal(Value::Unit))
                }
                Stmt::For { var, from, to, inclusive, body, span } => {
                    let f = ev!(self, env, from)?;
                    let t = ev!(self, env, to)?;
                    let (a, b) = self.range(env, f, t, *inclusive, *span)?;
                    for i in a..b {
                        self.tick(*span)?;
                        let _scope = ScopeGuard::new(env);
                        self.bind(env, var, Value::Int(i), *span)?;
                        match blk!(self, env, body)? {
                            Flow::Break(_) => break,
                            Flow::Return(v) => return Ok(Flow::Return(v)),
                            Flow::Normal(_) | Flow::Continue(_) => {}
                        }
                    }
                    Ok(Flow::Normal(Value::Unit))
                }
                Stmt::While { cond, body, span } => {
                    loop {
                        self.tick(*span)?;
                        let c = ev!(self, env, cond)?;
                        if !self.cond(c, cond.span)? {
                            break;
                        }
                        match blk!(self, env, body)? {
                            Flow::Break(_) => break,
                            Flow::Return(v) => return Ok(Flow::Return(v)),
                            Flow::Normal(_) | Flow::Continue(_) => {}
                        }
                    }
                    Ok(Flow::Normal(Value::Unit))
                }
                Stmt::Loop { body, span } => loop {
                    self.tick(*span)?;
                    match blk!(self, env, body)? {
                        Flow::Break(_) => return Ok(Flow::Normal(Value::Unit)),
                        Flow::Return(v) => return Ok(Flow::Return(v)),
                        Flow::Normal(_) | Flow::Continue(_) => {}
                    }
                },
                Stmt::Return(v, span) => {
                    self.tick(*span)?;
                    let v = match v {
                        Some(e) => ev!(self, env, e)?,
                        None => Value::Unit,
                    };
                    Ok(Flow::Return(v))
                }
                // An awaiting `let` or expression statement runs inline in `block`, unboxed.
                Stmt::Let { .. } | Stmt::Expr { .. } | Stmt::Break(_) | Stmt::Continue(_) => self.stmt_sync(env, s),
            }
        })
    }

    /// An expression used as a statement: an `if` or a block there passes `break`,
    /// `continue` and `return` on to the loop or function around it.
    fn expr_stmt_sync(self: &Rc<Self>, env: &RefCell<Env>, e: &Expr) -> R<Flow> {
        match &e.kind {
            ExprKind::If(c, then, els) => {
                if self.cond(self.eval_sync(env, c)?, c.span)? {
                    self.block_sync(env, then)
                } else if let Some(els) = els {
                    self.expr_stmt_sync(env, els)
                } else {
                    Ok(Flow::Normal(Value::Unit))
                }
            }
            ExprKind::Block(b) => self.block_sync(env, b),
            _ => Ok(Flow::Normal(self.eval_sync(env, e)?)),
        }
    }

    /// [`Self::expr_stmt_sync`], for what may await.
    async fn expr_stmt(self: &Rc<Self>, env: &RefCell<Env>, e: &Expr) -> R<Flow> {
        match &e.kind {
            ExprKind::If(c, then, els) => {
                let cv = ev!(self, env, c)?;
                if self.cond(cv, c.span)? {
                    blkr!(self, env, then)
                } else if let Some(els) = els {
                    Box::pin(self.expr_stmt(env, els)).await
                } else {
                    Ok(Flow::Normal(Value::Unit))
                }
            }
            ExprKind::Block(b) => blkr!(self, env, b),
            // A select! used as a statement: its arm may `break` out of the loop around it.
            ExprKind::Select(arms) => {
                let (i, v) = self.select(env, arms, e.span).await?;
                let Some(arm) = arms.get(i) else { return Ok(Flow::Normal(Value::Unit)) };
                let _scope = ScopeGuard::new(env);
                self.bind(env, &arm.pat, v, arm.fut.span)?;
                if arm.body.awaits {
                    Box::pin(self.expr_stmt(env, &arm.body)).await
                } else {
                    self.expr_stmt_sync(env, &arm.body)
                }
            }
            _ => Ok(Flow::Normal(ev!(self, env, e)?)),
        }
    }

    // ----- Expressions -----

    async fn eval(self: &Rc<Self>, env: &RefCell<Env>, e: &Expr) -> R<Value> {
        match &e.kind {
            ExprKind::Await(inner) => {
                // `f(…).await` with arguments that do not await: the future is polled where it
                // is made.
                if let (ExprKind::Call(name, args), false) = (&inner.kind, inner.awaits) {
                    let vs = args.iter().map(|a| self.eval_sync(env, a)).collect::<R<Vec<_>>>()?;
                    let fut = match self.call_made(env, name, args, vs, inner.span)? {
                        Made::Future(d) => d,
                        Made::Value(v) => Direct::Boxed(self.take_future(v, inner.span, "awaited")?),
                    };
                    let _parked = self.park(e.span, "await")?;
                    return fut.await;
                }
                let v = evr!(self, env, inner)?;
                let fut = self.take_future(v, inner.span, "awaited")?;
                let _parked = self.park(e.span, "await")?;
                fut.await
            }
            ExprKind::Join(args) => {
                let mut futs = Vec::with_capacity(args.len());
                for a in args {
                    futs.push(self.operand(env, a, "joined").await?);
                }
                let _parked = self.park(e.span, "join!")?;
                let outs = Join::new(futs).await?;
                Ok(Value::Tuple(Rc::new(outs)))
            }
            ExprKind::Select(arms) => {
                let (i, v) = self.select(env, arms, e.span).await?;
                let Some(arm) = arms.get(i) else { return Ok(Value::Unit) };
                let _scope = ScopeGuard::new(env);
                self.bind(env, &arm.pat, v, arm.fut.span)?;
                evr!(self, env, &arm.body)
            }
            ExprKind::Tuple(items) => {
                let mut vs = Vec::with_capacity(items.len());
                for i in items {
                    vs.push(evr!(self, env, i)?);
                }
                Ok(Value::Tuple(Rc::new(vs)))
            }
            ExprKind::Not(a) => {
                let v = evr!(self, env, a)?;
                not(v, a.span)
            }
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                let l = evr!(self, env, a)?;
                let l = self.cond(l, a.span)?;
                if l == (*op == BinOp::Or) {
                    return Ok(Value::Bool(l));
                }
                let r = evr!(self, env, b)?;
                Ok(Value::Bool(self.cond(r, b.span)?))
            }
            ExprKind::Binary(op, a, b) => {
                let l = evr!(self, env, a)?;
                let r = evr!(self, env, b)?;
                binary(*op, l, r, e.span)
            }
            ExprKind::Call(name, args) => {
                let mut vs = Vec::with_capacity(args.len());
                for a in args {
                    vs.push(evr!(self, env, a)?);
                }
                self.call_named(env, name, args, vs, e.span)
            }
            ExprKind::Println(pieces, args) => {
                let mut vs = Vec::with_capacity(args.len());
                for a in args {
                    vs.push(evr!(self, env, a)?);
                }
                self.print(env, pieces, vs, e.span)
            }
            ExprKind::If(c, then, els) => {
                let cv = evr!(self, env, c)?;
                let flow = if self.cond(cv, c.span)? {
                    blkr!(self, env, then)?
                } else if let Some(els) = els {
                    Flow::Normal(evr!(self, env, els)?)
                } else {
                    Flow::Normal(Value::Unit)
                };
                self.flow_value(flow, e.span)
            }
            ExprKind::Block(b) => {
                let flow = blkr!(self, env, b)?;
                self.flow_value(flow, e.span)
            }
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::Unit | ExprKind::Var(_) => self.eval_sync(env, e),
        }
    }

    /// `break`, `continue` and `return` inside an `if` or a block whose value is used (as in
    /// `let x = if … { return; }`) are not supported; as statements they are (see
    /// [`Self::expr_stmt_sync`]).
    fn flow_value(&self, flow: Flow, span: Span) -> R<Value> {
        match flow {
            Flow::Normal(v) => Ok(v),
            _ => Err(LangError::new(
                span,
                "`break`, `continue` and `return` inside an `if` or a block whose value is used are not supported in the playground yet",
            )),
        }
    }

    /// A future for `join!` or `select!`. A variable that holds a future is polled where it is,
    /// as `&mut fut` would be in Rust: it is used up only if it finishes, so a `sleep` made once
    /// before a loop can be raced again on every turn. Anything else is taken, as by value.
    async fn operand(self: &Rc<Self>, env: &RefCell<Env>, e: &Expr, verb: &str) -> R<LangFut> {
        if let ExprKind::Var(name) = &e.kind {
            let v = env.borrow().get(name).cloned();
            if let Some(Value::Future(slot)) = v {
                slot.used.set(true);
                if slot.fut.borrow().is_none() {
                    return Err(LangError::new(e.span, format!("this future was already {verb}, and finished: a future is used once")));
                }
                return Ok(Box::pin(InPlace(slot)));
            }
        }
        let v = evr!(self, env, e)?;
        self.take_future(v, e.span, verb)
    }

    /// The racing part of `select!`: the winner's position and output.
    async fn select(self: &Rc<Self>, env: &RefCell<Env>, arms: &[SelectArm], span: Span) -> R<(usize, Value)> {
        let mut futs = Vec::with_capacity(arms.len());
        for a in arms {
            futs.push(self.operand(env, &a.fut, "selected").await?);
        }
        let _parked = self.park(span, "select!")?;
        match Select::new(futs).await {
            Some((i, out)) => out.map(|v| (i, v)),
            None => Err(LangError::new(span, "a `select!` needs at least one arm")),
        }
    }

    /// Notes that the current task is parked at `span` until the guard drops. Awaits nest at
    /// most [`MAX_AWAIT_DEPTH`] deep in a task: each level is a poll inside a poll, and a
    /// recursive `async fn` would otherwise exhaust the stack.
    fn park(self: &Rc<Self>, span: Span, what: &'static str) -> R<AwaitGuard> {
        let task = self.current.try_borrow().ok().and_then(|c| c.clone());
        let depth = match task.as_ref().map(|t| t.awaits.try_borrow_mut()) {
            Some(Ok(mut stack)) => {
                if stack.len() >= MAX_AWAIT_DEPTH {
                    return Err(LangError::new(
                        span,
                        format!("awaits nest more than {MAX_AWAIT_DEPTH} deep here: does an async fn await itself?"),
                    ));
                }
                stack.push((span, what));
                stack.len() - 1
            }
            _ => 0,
        };
        Ok(AwaitGuard { task, depth })
    }

    fn eval_sync(self: &Rc<Self>, env: &RefCell<Env>, e: &Expr) -> R<Value> {
        match &e.kind {
            ExprKind::Int(n) => Ok(Value::Int(*n)),
            ExprKind::Bool(b) => Ok(Value::Bool(*b)),
            ExprKind::Str(s) => Ok(Value::Str(Rc::from(s.as_str()))),
            ExprKind::Unit => Ok(Value::Unit),
            ExprKind::Var(n) => {
                env.borrow().get(n).cloned().ok_or_else(|| LangError::new(e.span, format!("there is no variable `{n}` here")))
            }
            ExprKind::Tuple(items) => Ok(Value::Tuple(Rc::new(items.iter().map(|i| self.eval_sync(env, i)).collect::<R<Vec<_>>>()?))),
            ExprKind::Not(a) => not(self.eval_sync(env, a)?, a.span),
            ExprKind::Binary(op @ (BinOp::And | BinOp::Or), a, b) => {
                let l = self.cond(self.eval_sync(env, a)?, a.span)?;
                if l == (*op == BinOp::Or) {
                    return Ok(Value::Bool(l));
                }
                Ok(Value::Bool(self.cond(self.eval_sync(env, b)?, b.span)?))
            }
            ExprKind::Binary(op, a, b) => {
                let l = self.eval_sync(env, a)?;
                let r = self.eval_sync(env, b)?;
                binary(*op, l, r, e.span)
            }
            ExprKind::Call(name, args) => {
                let vs = args.iter().map(|a| self.eval_sync(env, a)).collect::<R<Vec<_>>>()?;
                self.call_named(env, name, args, vs, e.span)
            }
            ExprKind::Println(pieces, args) => {
                let vs = args.iter().map(|a| self.eval_sync(env, a)).collect::<R<Vec<_>>>()?;
                self.print(env, pieces, vs, e.span)
            }
            ExprKind::If(c, then, els) => {
                let flow = if self.cond(self.eval_sync(env, c)?, c.span)? {
                    self.block_sync(env, then)?
                } else if let Some(els) = els {
                    Flow::Normal(self.eval_sync(env, els)?)
                } else {
                    Flow::Normal(Value::Unit)
                };
                self.flow_value(flow, e.span)
            }
            ExprKind::Block(b) => {
                let flow = self.block_sync(env, b)?;
                self.flow_value(flow, e.span)
            }
            ExprKind::Await(_) | ExprKind::Join(_) | ExprKind::Select(_) => {
                Err(LangError::new(e.span, "internal: an await on the synchronous path"))
            }
        }
    }

    fn print(&self, env: &RefCell<Env>, pieces: &[Piece], args: Vec<Value>, span: Span) -> R<Value> {
        let mut out = String::new();
        let mut args = args.into_iter();
        for p in pieces {
            match p {
                Piece::Lit(s) => out.push_str(s),
                Piece::Next => args.next().unwrap_or(Value::Unit).show(&mut out),
                Piece::Var(n) => {
                    let v =
                        env.borrow().get(n).cloned().ok_or_else(|| LangError::new(span, format!("there is no variable `{n}` to print")))?;
                    v.show(&mut out);
                }
            }
        }
        self.say(Line::Print, Some(span), out);
        Ok(Value::Unit)
    }

    fn int(&self, v: &Value, span: Span, what: &str) -> R<u64> {
        match v {
            Value::Int(n) => Ok(*n),
            other => Err(LangError::new(span, format!("{what} needs a number, not {}", other.type_name()))),
        }
    }

    /// A timer for `d`, noted for the code panel (the call behind it) and for live edits (the
    /// number literal it came from, whose edited value wins).
    fn make_timer(self: &Rc<Self>, mut d: Duration, span: Span, literal: Option<Span>) -> R<TimerFuture> {
        // A live edit changed this `sleep`'s number: the program says that now.
        if let Some(ms) = literal.and_then(|l| self.overrides.borrow().get(&l).copied()) {
            d = Duration::from_millis(ms);
        }
        let pending = Timers::current().map_or(0, |t| t.stats().pending);
        if pending >= MAX_LIVE_TIMERS {
            return Err(LangError::new(span, format!("{MAX_LIVE_TIMERS} timers are pending already: that is the limit")));
        }
        let timer = TimerFuture::new(d);
        if let Some(id) = timer.id() {
            self.timer_spans.borrow_mut().insert(id, span);
        }
        if let Some(l) = literal {
            self.literals.borrow_mut().insert(l, timer.handle());
        }
        Ok(timer)
    }

    fn call_named(self: &Rc<Self>, env: &RefCell<Env>, name: &str, args: &[Expr], vs: Vec<Value>, span: Span) -> R<Value> {
        Ok(match self.call_made(env, name, args, vs, span)? {
            Made::Value(v) => v,
            Made::Future(Direct::Boxed(f)) => self.future(name, span, f),
            Made::Future(Direct::Timer(t)) => {
                let id = t.id();
                self.future_of(name, span, Box::pin(Direct::Timer(t)), id)
            }
            Made::Future(d) => self.future(name, span, Box::pin(d)),
        })
    }

    /// A call of a built-in or of the program's function: its value, or the future it makes.
    fn call_made(self: &Rc<Self>, env: &RefCell<Env>, name: &str, args: &[Expr], mut vs: Vec<Value>, span: Span) -> R<Made> {
        let fut = |d: Direct| Ok(Made::Future(d));
        let arg = |i: usize| vs.get(i).cloned().unwrap_or(Value::Unit);
        let arg_span = |i: usize| args.get(i).map_or(span, |a| a.span);
        let literal = |i: usize| args.get(i).filter(|a| matches!(a.kind, ExprKind::Int(_))).map(|a| a.span);
        let value: R<Value> = match name {
            "sleep" => {
                let ms = self.int(&arg(0), arg_span(0), "sleep")?;
                return fut(Direct::Timer(self.make_timer(Duration::from_millis(ms), span, literal(0))?));
            }
            "TimerFuture::new" => match arg(0) {
                Value::Dur(d) => {
                    // The literal inside `Duration::from_millis(…)`, for live edits.
                    let lit = args.first().and_then(|a| match &a.kind {
                        ExprKind::Call(n, inner) if n == "Duration::from_millis" => {
                            inner.first().filter(|i| matches!(i.kind, ExprKind::Int(_))).map(|i| i.span)
                        }
                        _ => None,
                    });
                    return fut(Direct::Timer(self.make_timer(d, span, lit)?));
                }
                other => Err(LangError::new(arg_span(0), format!("TimerFuture::new needs a Duration, not {}", other.type_name()))),
            },
            "Duration::from_millis" => Ok(Value::Dur(Duration::from_millis(self.int(&arg(0), arg_span(0), "from_millis")?))),
            "Duration::from_secs" => Ok(Value::Dur(Duration::from_secs(self.int(&arg(0), arg_span(0), "from_secs")?))),
            "Duration::new" => {
                let s = self.int(&arg(0), arg_span(0), "Duration::new")?;
                let ns = self.int(&arg(1), arg_span(1), "Duration::new")?;
                Duration::from_secs(s)
                    .checked_add(Duration::from_nanos(ns))
                    .map(Value::Dur)
                    .ok_or_else(|| LangError::new(span, "this Duration overflows"))
            }
            "yield_now" => return fut(Direct::Yield(YieldNow::default())),
            "lost_waker" => {
                return fut(Direct::Boxed(Box::pin(async {
                    LostWaker.await;
                    Ok(Value::Unit)
                })))
            }
            "stale_waker" => {
                let timer = TimerFuture::new(Duration::from_millis(STALE_WAKER_MS));
                if let Some(id) = timer.id() {
                    self.timer_spans.borrow_mut().insert(id, span);
                }
                let stale = StaleWaker::new(timer);
                return fut(Direct::Boxed(Box::pin(async move {
                    stale.await;
                    Ok(Value::Unit)
                })));
            }
            "wake_by_ref_then_pending" => {
                let fut = WakeByRefThenPending::new(SELF_WAKE_POLLS);
                let gave_up = move |polls: u32| {
                    LangError::new(
                    span,
                    format!("wake_by_ref_then_pending was polled {polls} times and never finished: a future that always wakes itself keeps the executor busy forever"),
                )
                };
                let me = self.clone();
                return Ok(Made::Future(Direct::Boxed(Box::pin(async move {
                    // The task that polls it is the one it wakes (for the code panel).
                    if let Some(task) = me.current.try_borrow().ok().and_then(|c| c.as_ref().and_then(|t| t.id.get())) {
                        me.self_wakers.borrow_mut().insert(task);
                    }
                    fut.await.map_err(gave_up)?;
                    Ok(Value::Unit)
                }))));
            }
            "spin" => {
                let ms = self.int(&arg(0), arg_span(0), "spin")?;
                let total = self.spun_ms.get().saturating_add(ms);
                if ms > MAX_SPIN_MS || total > MAX_TOTAL_SPIN_MS {
                    return Err(LangError::new(
                        span,
                        format!("spinning {ms} ms would freeze the page: a spin is at most {MAX_SPIN_MS} ms, and all spins together at most {MAX_TOTAL_SPIN_MS} ms"),
                    ));
                }
                self.spun_ms.set(total);
                self.platform.spin(ms as f64);
                Ok(Value::Unit)
            }
            "drop" | "std::mem::drop" => {
                // `drop(x)` moves `x` out of its variable, so it is dropped here and now.
                let moved = match args.first().map(|a| &a.kind) {
                    Some(ExprKind::Var(n)) => env.borrow_mut().take(n),
                    _ => None,
                };
                drop(moved);
                drop(vs);
                Ok(Value::Unit)
            }
            "spawn" => {
                let v = if vs.is_empty() { Value::Unit } else { vs.swap_remove(0) };
                let what: Rc<str> = match &v {
                    Value::Future(slot) => slot.what.clone(),
                    _ => Rc::from("task"),
                };
                let fut = self.take_future(v, arg_span(0), "spawned")?;
                let handle = Rc::new(HandleState::default());
                self.spawn_task(&what, fut, handle.clone()).map_err(|e| LangError::new(span, e.message))?;
                Ok(Value::Handle(handle))
            }
            user => {
                let Some((index, f)) = self.program.find(user) else {
                    return Err(LangError::new(span, format!("there is no function `{user}`")));
                };
                for (i, v) in vs.iter().enumerate() {
                    if !matches!(v, Value::Int(_)) {
                        let param = f.params.get(i).map_or("?", |p| &*p.0);
                        self.int(v, arg_span(i), &format!("`{}`'s parameter `{param}`", f.name))?;
                    }
                }
                return fut(Direct::Boxed(self.call(index, vs)));
            }
        };
        value.map(Made::Value)
    }
}

fn not(v: Value, span: Span) -> R<Value> {
    match v {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Err(LangError::new(span, format!("`!` needs a bool, not {}", other.type_name()))),
    }
}

/// u64 arithmetic, checked: an overflow is an error, never a panic or a wrap.
fn binary(op: BinOp, l: Value, r: Value, span: Span) -> R<Value> {
    let (a, b) = match (&l, &r) {
        (Value::Int(a), Value::Int(b)) => (*a, *b),
        (Value::Bool(a), Value::Bool(b)) if matches!(op, BinOp::Eq | BinOp::Ne) => {
            return Ok(Value::Bool((a == b) == (op == BinOp::Eq)));
        }
        _ => {
            return Err(LangError::new(span, format!("this operator needs two numbers, not {} and {}", l.type_name(), r.type_name())));
        }
    };
    let overflow =
        |what: &str| LangError::new(span, format!("attempt to {what} with overflow (numbers are u64: 0 to 18446744073709551615)"));
    Ok(match op {
        BinOp::Add => Value::Int(a.checked_add(b).ok_or_else(|| overflow("add"))?),
        BinOp::Sub => Value::Int(a.checked_sub(b).ok_or_else(|| overflow("subtract"))?),
        BinOp::Mul => Value::Int(a.checked_mul(b).ok_or_else(|| overflow("multiply"))?),
        BinOp::Div => Value::Int(a.checked_div(b).ok_or_else(|| LangError::new(span, "attempt to divide by zero"))?),
        BinOp::Rem => {
            Value::Int(a.checked_rem(b).ok_or_else(|| LangError::new(span, "attempt to take the remainder of a division by zero"))?)
        }
        BinOp::Eq => Value::Bool(a == b),
        BinOp::Ne => Value::Bool(a != b),
        BinOp::Lt => Value::Bool(a < b),
        BinOp::Le => Value::Bool(a <= b),
        BinOp::Gt => Value::Bool(a > b),
        BinOp::Ge => Value::Bool(a >= b),
        BinOp::And | BinOp::Or => Value::Bool(false),
    })
}

/// A task's outermost future: it marks the task as current during each poll, resets the
/// per-poll statement budget, and hands the result to the task's handle.
struct TaskMain {
    shared: Rc<Shared>,
    info: Rc<TaskInfo>,
    fut: LangFut,
    handle: Rc<HandleState>,
}

impl Future for TaskMain {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let shared = self.shared.clone();
        shared.steps_this_poll.set(0);
        let outer = shared.current.replace(Some(self.info.clone()));
        let r = self.fut.as_mut().poll(cx);
        let result = match r {
            Poll::Pending => {
                let awaits = self.info.awaits.borrow();
                let mut parked = self.info.parked.borrow_mut();
                let same = parked.last().filter(|last| ***last == *awaits).cloned();
                parked.push(same.unwrap_or_else(|| Rc::from(awaits.as_slice())));
                *shared.current.borrow_mut() = outer;
                return Poll::Pending;
            }
            Poll::Ready(Ok(v)) => v,
            Poll::Ready(Err(e)) => {
                shared.say(Line::Error, Some(e.span), e.message);
                Value::Unit
            }
        };
        *shared.current.borrow_mut() = outer;
        *self.handle.result.borrow_mut() = Some(result);
        self.handle.done.set(true);
        if let Some(w) = self.handle.waiter.borrow_mut().take() {
            w.wake();
        }
        Poll::Ready(())
    }
}

/// A future a call made, before it becomes a value. Awaited at once (`sleep(100).await`), it
/// is polled right there: no box, no slot.
enum Direct {
    Timer(TimerFuture),
    Yield(YieldNow),
    Boxed(LangFut),
}

impl Future for Direct {
    type Output = R<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R<Value>> {
        match self.get_mut() {
            Direct::Timer(t) => Pin::new(t).poll(cx).map(|()| Ok(Value::Unit)),
            Direct::Yield(y) => Pin::new(y).poll(cx).map(|()| Ok(Value::Unit)),
            Direct::Boxed(f) => f.as_mut().poll(cx),
        }
    }
}

/// What a call gives: a value, or a future not yet made into one.
enum Made {
    Value(Value),
    Future(Direct),
}

/// A future polled where its variable holds it; taken out only once it finished.
struct InPlace(Rc<FutSlot>);

impl Future for InPlace {
    type Output = R<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R<Value>> {
        let Ok(mut slot) = self.0.fut.try_borrow_mut() else {
            return Poll::Ready(Err(LangError::new(self.0.span, "this future is being polled already")));
        };
        let Some(f) = slot.as_mut() else { return Poll::Ready(Err(LangError::new(self.0.span, "this future already finished"))) };
        let r = f.as_mut().poll(cx);
        if r.is_ready() {
            // Finished: dropped here, as Rust drops a future once it is done with it.
            let done = slot.take();
            drop(slot);
            drop(done);
        }
        r
    }
}

/// Awaiting a `JoinHandle`: Ready with the task's value once it finished.
struct HandleFuture(Rc<HandleState>);

impl Future for HandleFuture {
    type Output = R<Value>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R<Value>> {
        if self.0.done.get() {
            return Poll::Ready(Ok(self.0.result.borrow_mut().take().unwrap_or(Value::Unit)));
        }
        *self.0.waiter.borrow_mut() = Some(cx.waker().clone());
        Poll::Pending
    }
}

/// Spawns `program` on `exec`.
pub fn start_on<H: Hooks>(exec: &crate::core::Executor<H>, program: Rc<Program>) -> Result<Run, String> {
    start(&exec.spawner(), exec.platform(), program)
}
