//! A single-threaded executor, instrumented through hooks chosen at compile time.
//!
//! # Ground rules
//!
//! - The executor does the scheduling and nothing else. Every moment worth recording (spawn,
//!   poll, wake, finish) goes to its [`Hooks`]: `Executor<NoHooks>` is the bare executor, and
//!   the playground's `Executor<Recorder>` (built in `trace/`) records everything.
//! - It never names a timer or the trace. Timers and spawners reach it through [`ExecHandle`],
//!   the context handle.
//! - One private run loop, [`ExecInner::run_loop`], does all polling. The public verbs
//!   ([`Executor::step`], [`Executor::run_until_stalled`], and the ticks the platform runs in the
//!   automatic modes) are thin calls into it, as in futures-rs's `LocalPool`.
//! - A task is on the ready queue at most once (`queued`); further wakes are coalesced and recorded
//!   as such. A wake after completion is ignored (and recorded).
//! - A future is dropped as soon as it returns `Ready`.
//! - No `RefCell` borrow is held while user code runs; the task's own future is marked as being
//!   polled (`TaskRc`), so an abort from inside it waits for the poll to end. So a poll may spawn,
//!   wake any task (itself included), fire timers, or drop wakers; and a wake may come from
//!   anywhere, at any time, even after the executor is gone.
//! - Wakes during a drain only push onto the queue. The drain picks them up within its budget, so
//!   they cost no extra microtask.
//! - The executor never panics on any of the above.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use super::event::{EventKind, Outcome, WakeSource};
use super::hooks::{Hooks, NoHooks, WakeEffect};
pub use super::ids::TaskId;
use super::ids::TaskState;
use super::platform::{Hop, HostTimeout, Platform, Queued};
use super::waker::{ExecShared, Notifier, OnOp, TaskRc, TaskVTable, WakerHeader, WakerOp, WakerRef, WakerStats};

/// How the executor gets its turns on the thread.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunMode {
    /// Drain in a microtask, right after the code that woke a task (what `spawn_local` does).
    Microtask,
    /// Drain in a new event-loop task (`MessageChannel`), after rendering and input.
    Macrotask,
    /// Drain once per display frame (`requestAnimationFrame`).
    AnimationFrame,
    /// Never drain by itself: only [`Executor::step`] and [`Executor::run_until_stalled`] poll.
    Manual,
}

impl RunMode {
    /// Every mode, in menu order.
    pub const ALL: [RunMode; 4] = [RunMode::Microtask, RunMode::Macrotask, RunMode::AnimationFrame, RunMode::Manual];

    /// The host hop that runs a tick in this mode.
    pub fn hop(self) -> Option<Hop> {
        match self {
            RunMode::Microtask => Some(Hop::Microtask),
            RunMode::Macrotask => Some(Hop::Macrotask),
            RunMode::AnimationFrame => Some(Hop::AnimationFrame),
            RunMode::Manual => None,
        }
    }

    /// The short name used in URLs and menus.
    pub fn key(self) -> &'static str {
        match self {
            RunMode::Microtask => "micro",
            RunMode::Macrotask => "macro",
            RunMode::AnimationFrame => "frame",
            RunMode::Manual => "manual",
        }
    }

    /// Parses [`RunMode::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|m| m.key() == key)
    }
}

/// How many events the recording hooks keep, unless configured: a whole run of the 1,000-timer
/// preset many times over (48 MB at most; the trace grows as it fills).
pub const DEFAULT_TRACE_CAP: usize = 1_000_000;

/// Settings that can change while the executor runs.
///
/// `trace`, `trace_cap`, `retain_completed` and `never_yielded_ms` are read by the recording
/// hooks; a bare executor ignores them (and forgets a finished task at once).
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// How drains are scheduled.
    pub mode: RunMode,
    /// At most this many polls per tick before yielding to the host.
    pub poll_budget: u32,
    /// At most this long per tick before yielding to the host (checked after every poll with
    /// timing on; with it off, every 256 polls, from the 256th on).
    pub time_budget_ms: f64,
    /// Wait this long between polls, so a person can follow along. 0 is full speed.
    pub slow_motion_ms: u32,
    /// Record events and time polls. Off, only counters are kept.
    pub trace: bool,
    /// How many events the trace keeps.
    pub trace_cap: usize,
    /// How many finished tasks keep their metrics.
    pub retain_completed: usize,
    /// A poll longer than this gets the "never yielded" warning. 50 ms is the web's long-task limit.
    pub never_yielded_ms: f64,
    /// A task that wakes itself during its poll waits for the next tick, as with
    /// wasm-bindgen-futures' `spawn_local` (one microtask per self-wake). Off (the default), it is
    /// polled again in the same drain, within the drain's budget: no host hop per `yield_now`.
    pub defer_self_wakes: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            mode: RunMode::Microtask,
            poll_budget: 16_384,
            time_budget_ms: 8.0,
            slow_motion_ms: 0,
            trace: true,
            trace_cap: DEFAULT_TRACE_CAP,
            retain_completed: 10_000,
            never_yielded_ms: 50.0,
            defer_self_wakes: false,
        }
    }
}

/// The slow-motion delay is capped here.
pub const MAX_SLOW_MOTION_MS: u32 = 1000;

/// Spawning failed because the executor is gone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SpawnError;

impl fmt::Display for SpawnError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("the executor has shut down")
    }
}

impl std::error::Error for SpawnError {}

/// How a drain ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Drained {
    /// The ready queue is empty: nothing can make progress until something wakes a task.
    Stalled,
    /// The poll or time budget ran out with tasks still ready.
    Budget,
    /// Called from inside a poll of this executor; nothing was polled.
    Reentrant,
}

/// Counters about the executor as a whole.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ExecStats {
    /// Polls of all tasks.
    pub polls: u64,
    /// Ticks the host ran.
    pub ticks: u64,
    /// Ticks that stopped on their budget and handed the thread back with work left.
    pub yields: u64,
    /// Tasks spawned.
    pub spawned: u64,
}

pub(crate) type TaskFuture = Pin<Box<dyn Future<Output = ()>>>;

/// A task's record. A task is a [`TaskRc`] of it: one allocation holding the header its wakers
/// point to, this record and the task's future, which is polled and dropped in place
/// (`core/rt/waker.rs`, the module allowed unsafe code).
struct Task<H: Hooks> {
    id: TaskId,
    slot: u32,
    name: Rc<str>,
    queued: Cell<bool>,
    abort_requested: Cell<bool>,
    state: Cell<TaskState>,
    /// The hooks' own state for this task (`()` for the bare executor).
    hook: H::Task,
}

/// A task: its header, its record and its future, in one allocation.
type TaskRef<H> = TaskRc<Task<H>>;

/// A task as the hooks' owner may read it (`Executor::for_each_task`).
pub struct TaskView<'a, H: Hooks> {
    /// The task.
    pub id: TaskId,
    /// Its name.
    pub name: &'a Rc<str>,
    /// Where it is in its life.
    pub state: TaskState,
    /// Whether it sits on the ready queue.
    pub queued: bool,
    /// What its wakers did (all zero unless the hooks are enabled).
    pub wakers: WakerStats,
    /// The hooks' state for it.
    pub hook: &'a H::Task,
}

fn view<H: Hooks>(task: &TaskRef<H>) -> TaskView<'_, H> {
    TaskView {
        id: task.id,
        name: &task.name,
        state: task.state.get(),
        queued: task.queued.get(),
        wakers: task.header().stats(),
        hook: &task.hook,
    }
}

/// Tasks in slots, so a waker finds its task by index, with no hashing. Slots are reused after a
/// finished task's metrics are evicted; the id check rejects a stale slot. Lookups by id alone
/// (from the API: the UI, tests) scan; they are not on any hot path.
struct TaskTable<H: Hooks> {
    slots: Vec<Option<TaskRef<H>>>,
    free: Vec<u32>,
}

impl<H: Hooks> Default for TaskTable<H> {
    fn default() -> Self {
        TaskTable { slots: Vec::new(), free: Vec::new() }
    }
}

impl<H: Hooks> TaskTable<H> {
    fn next_slot(&mut self) -> u32 {
        match self.free.pop() {
            Some(i) => i,
            None => {
                self.slots.push(None);
                u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
            }
        }
    }

    fn insert(&mut self, task: TaskRef<H>) {
        if let Some(s) = self.slots.get_mut(task.slot as usize) {
            *s = Some(task);
        }
    }

    fn at(&self, slot: u32, id: TaskId) -> Option<&TaskRef<H>> {
        self.slots.get(slot as usize)?.as_ref().filter(|t| t.id == id)
    }

    fn get(&self, id: TaskId) -> Option<&TaskRef<H>> {
        self.iter().find(|t| t.id == id)
    }

    fn remove(&mut self, slot: u32, id: TaskId) {
        if let Some(s) = self.slots.get_mut(slot as usize) {
            if s.as_ref().is_some_and(|t| t.id == id) {
                *s = None;
                self.free.push(slot);
            }
        }
    }

    fn iter(&self) -> impl Iterator<Item = &TaskRef<H>> + '_ {
        self.slots.iter().flatten()
    }
}

static NEXT_EXECUTOR_ID: AtomicU64 = AtomicU64::new(1);

/// What code outside the executor may ask of it without knowing its hooks: the context handle
/// through which timers find their executor (as tokio's `Sleep` finds its time handle), wakers
/// reach it, and spawners spawn.
pub(crate) trait ExecHandle {
    /// The executor's id, unique in the process.
    fn id(&self) -> u64;
    /// The host it runs on.
    fn platform(&self) -> &Rc<dyn Platform>;
    /// The timer service's slot, created on first use. Typed `Any`: the executor holds it and
    /// drops it with itself, but never names it, so the arrows go timers -> executor only.
    fn timer_slot(&self) -> &RefCell<Option<Rc<dyn Any>>>;
    /// Hands an event to the hooks (`at: None` for now). Never panics.
    fn record(&self, at: Option<f64>, task: Option<TaskId>, kind: EventKind);
    /// A timer owned by the task in `owner` (slot and id) was armed (+1) or ended (-1).
    fn timer_owned(&self, owner: (u32, TaskId), delta: i32);
    /// A waker of this executor's did something (after it counted it). Never panics.
    fn waker_op(&self, header: &WakerHeader, op: WakerOp);
    /// Spawns a task.
    fn spawn(&self, name: &str, future: TaskFuture) -> Result<TaskId, SpawnError>;
    /// Keeps a text in the trace ([`Hooks::intern_text`]).
    fn intern_text(&self, text: &str) -> u32;
    /// Keeps a list in the trace ([`Hooks::intern_list`]).
    fn intern_list(&self, list: &[u32]) -> u32;
    /// How many tasks wait to be polled.
    fn ready_len(&self) -> usize;
    /// A guest task: see [`Spawner::guest_spawn`].
    fn guest_spawn(&self, name: &str) -> Option<TaskId>;
    /// Something happened to a guest task: see [`Spawner::guest`].
    fn guest(&self, id: TaskId, what: Guest);
    /// Aborts a task: see [`Executor::abort`].
    fn abort_task(&self, id: TaskId) -> bool;
}

/// What happens to a guest task (a task of an executor the program wrote itself): the same
/// moments as a task of ours, told by the program instead of seen by the executor.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Guest {
    /// Its executor starts polling it.
    PollStarted,
    /// Its poll returned, after this many ms.
    Polled(Outcome, f64),
    /// It was woken, by `by`.
    Woken(WakeSource),
    /// Its future finished and is gone.
    Completed,
}

// The engine's only thread-locals, and why each stays (the timers' default service went: it is
// the newest executor of `REGISTRY`'s, and each executor holds its own).
thread_local! {
    /// The executors of this thread, for wakers to find. Stays because a waker is `Send + Sync`
    /// and so cannot hold the executor's `Rc`: its `Arc` header carries an executor id, and a
    /// wake on this thread looks the id up here (another thread finds nothing, and uses the inbox).
    static REGISTRY: RefCell<Vec<(u64, Weak<dyn ExecHandle>)>> = const { RefCell::new(Vec::new()) };
    /// The executor draining right now, if any (set once per drain, not per poll). Stays so that
    /// a wake from inside a poll, the common case, skips the registry search; and so that code
    /// running inside a task (`TimerFuture::new`, `Timers::current`) finds its executor, as
    /// tokio's `Sleep` finds its time handle through context.
    static CURRENT_EXEC: RefCell<Option<(u64, Rc<dyn ExecHandle>)>> = const { RefCell::new(None) };
    /// The task being polled right now, with its executor's id (set only when hooks are enabled
    /// or self-wakes are deferred). Stays to attribute wakes (self or another task) and to give
    /// timers their owner, which `Context` cannot carry.
    static CURRENT_TASK: Cell<Option<(u64, u32, TaskId)>> = const { Cell::new(None) };
    /// Who is waking right now, when a timer callback says so. Stays because the waker a timer
    /// holds may belong to another executor than the timer's (a future moved between
    /// executors): only a thread-wide note reaches whichever executor the wake lands in.
    static WAKE_SOURCE: Cell<Option<WakeSource>> = const { Cell::new(None) };
}

/// Runs `f` with `source` recorded as the origin of any wake it makes.
pub(crate) fn with_wake_source<R>(source: WakeSource, f: impl FnOnce() -> R) -> R {
    let prev = WAKE_SOURCE.try_with(|s| s.replace(Some(source))).ok().flatten();
    let r = f();
    let _ = WAKE_SOURCE.try_with(|s| s.set(prev));
    r
}

/// The executor draining on this thread right now, if any.
pub(crate) fn current_exec() -> Option<Rc<dyn ExecHandle>> {
    CURRENT_EXEC.try_with(|c| c.try_borrow().ok().and_then(|c| c.as_ref().map(|(_, e)| e.clone()))).ok().flatten()
}

/// The task of executor `exec` being polled right now (slot and id), if its hooks asked for
/// tasks to be marked.
pub(crate) fn current_task(exec: u64) -> Option<(u32, TaskId)> {
    match CURRENT_TASK.try_with(Cell::get).ok().flatten()? {
        (e, slot, task) if e == exec => Some((slot, task)),
        _ => None,
    }
}

/// The newest live executor of this thread: the one `TimerFuture::new` uses outside any task.
pub(crate) fn latest() -> Option<Rc<dyn ExecHandle>> {
    REGISTRY.try_with(|r| r.try_borrow().ok()?.iter().rev().find_map(|(_, w)| w.upgrade())).ok().flatten()
}

/// Calls `f` with executor `exec`, if it lives on this thread: the draining one (the common
/// case, a wake from inside a poll, reached without touching a reference count), else a
/// registry search. `f` must not start a drain (it runs with the draining executor borrowed).
fn with_exec<R>(exec: u64, f: impl FnOnce(&dyn ExecHandle) -> R) -> Option<R> {
    let mut f = Some(f);
    let draining = CURRENT_EXEC
        .try_with(|c| match &*c.try_borrow().ok()? {
            Some((id, inner)) if *id == exec => f.take().map(|f| f(&**inner)),
            _ => None,
        })
        .ok()
        .flatten();
    if draining.is_some() {
        return draining;
    }
    let inner =
        REGISTRY.try_with(|r| r.try_borrow().ok()?.iter().find(|(id, _)| *id == exec).and_then(|(_, w)| w.upgrade())).ok().flatten()?;
    f.take().map(|f| f(&*inner))
}

/// The handler of the executors' wakers ([`OnOp`]): [`on_waker_op`].
struct ExecWakers;

impl OnOp for ExecWakers {
    fn on_op(header: &WakerHeader, op: WakerOp) {
        on_waker_op(header, op);
    }
}

/// The vtable of every executor task's wakers.
static EXEC_WAKERS: TaskVTable = super::waker::task_vtable::<ExecWakers>();

/// Called by the waker vtable after it updated its counters.
fn on_waker_op(header: &WakerHeader, op: WakerOp) {
    let wake = matches!(op, WakerOp::Wake | WakerOp::WakeByRef);
    if !wake && !header.shared.traced.load(Ordering::Relaxed) {
        return;
    }
    if with_exec(header.exec, |exec| exec.waker_op(header, op)).is_none() && wake {
        // Another thread (or an executor that is gone, which `push_remote` ignores).
        header.shared.push_remote(header);
    }
}

fn wake_source(exec: u64, task: TaskId) -> WakeSource {
    if let Ok(Some(source)) = WAKE_SOURCE.try_with(Cell::get) {
        return source;
    }
    // Task ids restart at 1 in each executor: compare the executor too.
    match CURRENT_TASK.try_with(Cell::get).ok().flatten() {
        Some((e, _, running)) if e == exec && running == task => WakeSource::SelfWake,
        Some((e, _, running)) if e == exec => WakeSource::Other(Some(running)),
        _ => WakeSource::Other(None),
    }
}

/// Marks a task as being polled, and restores the previous mark on drop (even on unwind).
struct TaskGuard(Option<(u64, u32, TaskId)>);

impl TaskGuard {
    fn enter(exec: u64, slot: u32, task: TaskId) -> Self {
        TaskGuard(CURRENT_TASK.try_with(|c| c.replace(Some((exec, slot, task)))).ok().flatten())
    }
}

impl Drop for TaskGuard {
    fn drop(&mut self) {
        let _ = CURRENT_TASK.try_with(|c| c.set(self.0));
    }
}

/// Clears the "polling" flag when a drain ends, however it ends.
struct PollingGuard<'a>(&'a Cell<bool>);

impl Drop for PollingGuard<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// If a poll unwinds (a panicking future, natively; wasm aborts instead), marks the task Done so
/// it is never polled again, drops its future (which cancels its timers and drops its wakers, as
/// an abort does) and records it as aborted. The executor stays usable.
///
/// By the time this runs, the future is no longer marked as being polled (its own guard ends
/// first), so it can be dropped. A future whose `Drop` panics as well aborts the process, as any
/// double panic does.
#[cfg(panic = "unwind")]
struct UnwindGuard<'a, H: Hooks> {
    inner: &'a ExecInner<H>,
    task: &'a TaskRef<H>,
    /// Whether the thread was unwinding already when the poll began (a drain run from some
    /// `Drop` during an unwind): then only a new panic is this poll's.
    unwinding: bool,
}

#[cfg(panic = "unwind")]
impl<H: Hooks> Drop for UnwindGuard<'_, H> {
    fn drop(&mut self) {
        if std::thread::panicking() && !self.unwinding {
            self.inner.hooks.poll_unwound();
            self.task.queued.set(false);
            // Done before the drop: wakes from the future's own Drop are then ignored.
            self.task.state.set(TaskState::Done);
            self.task.drop_future();
            self.inner.finish(self.task, true);
        }
    }
}

/// Makes an executor the draining one for the length of a drain, then restores the previous one.
struct DrainGuard(Option<Option<(u64, Rc<dyn ExecHandle>)>>);

impl DrainGuard {
    fn enter(id: u64, inner: Rc<dyn ExecHandle>) -> Self {
        DrainGuard(CURRENT_EXEC.try_with(|c| c.try_borrow_mut().ok().map(|mut c| c.replace((id, inner)))).ok().flatten())
    }
}

impl Drop for DrainGuard {
    fn drop(&mut self) {
        if let Some(prev) = self.0.take() {
            let _ = CURRENT_EXEC.try_with(|c| {
                if let Ok(mut c) = c.try_borrow_mut() {
                    *c = prev;
                }
            });
        }
    }
}

#[derive(Default)]
struct RunState {
    tick_requested: Cell<bool>,
    polling: Cell<bool>,
    paused: Cell<bool>,
    closed: Cell<bool>,
    /// Bumped whenever queued ticks must be ignored (mode change, pause).
    generation: Cell<u64>,
    /// The slow-motion timeout, cleared when it goes stale.
    host_timeout: Cell<Option<HostTimeout>>,
    /// The next tick is a macrotask in microtask mode (see [`Executor::paint_first`]).
    paint_first: Cell<bool>,
}

struct ExecInner<H: Hooks> {
    id: u64,
    platform: Rc<dyn Platform>,
    /// See [`ExecHandle::timer_slot`].
    timer_slot: RefCell<Option<Rc<dyn Any>>>,
    hooks: H,
    shared: Arc<ExecShared>,
    cfg: RefCell<Config>,
    tasks: RefCell<TaskTable<H>>,
    finished: RefCell<VecDeque<(u32, TaskId)>>,
    ready: RefCell<VecDeque<TaskRef<H>>>,
    /// Self-woken tasks waiting for the next tick (only with `defer_self_wakes`).
    deferred: RefCell<VecDeque<TaskRef<H>>>,
    /// `Config::defer_self_wakes`, read on every wake.
    defer_self: Cell<bool>,
    run: RunState,
    next_task: Cell<u64>,
    last_name: RefCell<Option<Rc<str>>>,
    /// Polls in all (a cell of its own: it is bumped on every poll).
    polls: Cell<u64>,
    stats: Cell<ExecStats>,
    self_weak: Weak<ExecInner<H>>,
    /// Guest tasks (see [`Spawner::guest_spawn`]).
    guests: RefCell<std::collections::HashMap<TaskId, GuestState<H>>>,
}

/// What the executor keeps of a guest task.
struct GuestState<H: Hooks> {
    hook: H::Task,
    queued: bool,
    done: bool,
}

/// A single-threaded executor, instrumented by its hooks `H`.
///
/// [`Executor::bare`] makes one with no instrumentation ([`NoHooks`], the default type).
/// `Executor::new` makes the playground's, which records everything into a trace
/// (`Executor<Recorder>`; its recording methods are documented on that type).
///
/// It is `!Send`: its tasks are `!Send` futures and its state is `Rc`-based.
///
/// ```compile_fail
/// fn assert_send<T: Send>() {}
/// assert_send::<waker_playground::core::Executor>();
/// ```
///
/// # Examples
///
/// ```
/// use std::{rc::Rc, time::Duration};
/// use waker_playground::core::{Config, EventKind, Executor, RunMode, SimPlatform, TimerFuture};
///
/// let sim = SimPlatform::new();
/// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
/// exec.spawn("seed", async {
///     TimerFuture::new(Duration::from_millis(2000)).await;
/// });
/// sim.advance(1999.0);
/// assert!(!exec.is_empty());
/// sim.advance(1.0);
/// assert!(exec.is_empty());
/// assert!(exec.with_trace(|t| t.iter().any(|e| e.kind == EventKind::Completed && e.at == 2000.0)));
/// ```
pub struct Executor<H: Hooks = NoHooks> {
    inner: Rc<ExecInner<H>>,
    _not_send: PhantomData<Rc<()>>,
}

/// A cheap handle for spawning from anywhere on the executor's thread, including its own tasks.
///
/// It holds a `Weak`, so spawning after the executor is dropped returns [`SpawnError`].
#[derive(Clone)]
pub struct Spawner {
    inner: Weak<dyn ExecHandle>,
    /// The executor's flags that its wakers read: whether it records is read there, without
    /// reaching the executor (a program's interpreter asks on every statement it traces).
    shared: Arc<ExecShared>,
}

impl Spawner {
    /// Spawns a task, or fails if the executor is gone.
    pub fn spawn(&self, name: &str, future: impl Future<Output = ()> + 'static) -> Result<TaskId, SpawnError> {
        match self.inner.upgrade() {
            Some(inner) => inner.spawn(name, Box::pin(future)),
            None => Err(SpawnError),
        }
    }

    /// Whether the executor records events now (a program's notes are worth making only then).
    #[inline(always)]
    pub fn recording(&self) -> bool {
        // `counted` is whether the hooks are enabled, `traced` mirrors their timing (kept in
        // step by `sync_timing`): together, `ExecHandle::recording`, while the executor lives.
        self.shared.counted && self.shared.traced.load(Ordering::Relaxed) && self.inner.strong_count() > 0
    }

    /// Records an event of a program running on the executor (a [`EventKind::Note`], a
    /// [`EventKind::Source`], …), now, for `task`.
    pub fn record(&self, task: Option<TaskId>, kind: EventKind) {
        if let Some(e) = self.inner.upgrade() {
            e.record(None, task, kind);
        }
    }

    /// Keeps a text in the trace; its index for a [`EventKind::Note`].
    pub fn intern_text(&self, text: &str) -> u32 {
        self.inner.upgrade().map_or(u32::MAX, |e| e.intern_text(text))
    }

    /// Keeps a list of numbers in the trace; its index for a [`EventKind::Parked`].
    pub fn intern_list(&self, list: &[u32]) -> u32 {
        self.inner.upgrade().map_or(u32::MAX, |e| e.intern_list(list))
    }

    /// Records a **guest** task: a task of an executor that the program running here wrote
    /// (the async book's `Arc<Task>` on its channel). It gets an id of this executor's and a
    /// `GuestSpawned` event, so the panels show it as a task, but this executor never polls it; the
    /// program tells what happens to it with [`Spawner::guest`]. `None` if the executor is gone.
    pub fn guest_spawn(&self, name: &str) -> Option<TaskId> {
        self.inner.upgrade().and_then(|e| e.guest_spawn(name))
    }

    /// Records a moment of a guest task (see [`Spawner::guest_spawn`]).
    pub fn guest(&self, id: TaskId, what: Guest) {
        if let Some(e) = self.inner.upgrade() {
            e.guest(id, what);
        }
    }

    /// Aborts a task, as [`Executor::abort`] does (from inside its own poll too: it is dropped
    /// when the poll returns); false if the executor or the task is gone.
    pub fn abort(&self, id: TaskId) -> bool {
        self.inner.upgrade().is_some_and(|e| e.abort_task(id))
    }

    /// How many tasks wait to be polled (0 when the executor is gone).
    pub fn ready_len(&self) -> usize {
        self.inner.upgrade().map_or(0, |e| e.ready_len())
    }

    /// The host the executor runs on, if it is still there.
    pub fn platform(&self) -> Option<Rc<dyn Platform>> {
        self.inner.upgrade().map(|e| e.platform().clone())
    }
}

impl Executor<NoHooks> {
    /// An executor with no instrumentation: nothing is recorded, timed or counted per task.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform, TimerFuture};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::bare(Rc::new(sim.clone()), Config::default());
    /// exec.spawn("seed", async { TimerFuture::new(Duration::from_millis(20)).await });
    /// sim.advance(20.0);
    /// assert!(exec.is_empty());
    /// assert_eq!(exec.stats().polls, 2);
    /// ```
    pub fn bare(platform: Rc<dyn Platform>, config: Config) -> Self {
        Self::with_hooks(platform, config, NoHooks)
    }
}

impl<H: Hooks> Executor<H> {
    /// An executor on `platform`, with its own timers, instrumented by `hooks`.
    pub fn with_hooks(platform: Rc<dyn Platform>, config: Config, hooks: H) -> Self {
        let id = NEXT_EXECUTOR_ID.fetch_add(1, Ordering::Relaxed);
        let defer_self_wakes = config.defer_self_wakes;
        let inner = Rc::new_cyclic(|weak: &Weak<ExecInner<H>>| {
            let shared = Arc::new(ExecShared { vtable: &EXEC_WAKERS, counted: H::ENABLED, ..ExecShared::default() });
            shared.traced.store(hooks.timing(), Ordering::Relaxed);
            ExecInner {
                id,
                timer_slot: RefCell::new(None),
                platform,
                hooks,
                shared,
                cfg: RefCell::new(sanitize(config)),
                tasks: RefCell::new(TaskTable::default()),
                finished: RefCell::new(VecDeque::new()),
                ready: RefCell::new(VecDeque::new()),
                deferred: RefCell::new(VecDeque::new()),
                defer_self: Cell::new(defer_self_wakes),
                run: RunState::default(),
                next_task: Cell::new(1),
                last_name: RefCell::new(None),
                polls: Cell::new(0),
                stats: Cell::new(ExecStats::default()),
                self_weak: weak.clone(),
                guests: RefCell::new(std::collections::HashMap::new()),
            }
        });
        let handle: Weak<dyn ExecHandle> = Rc::downgrade(&inner) as Weak<ExecInner<H>>;
        let _ = REGISTRY.try_with(|r| {
            let mut r = r.borrow_mut();
            r.retain(|(_, w)| w.strong_count() > 0);
            r.push((id, handle));
        });
        // A wake from another thread only leaves the task in the inbox; this is how the host
        // hears of it when the executor is idle (no tick coming that would empty the inbox).
        let weak = Rc::downgrade(&inner);
        let on_host = Box::new(move || {
            if let Some(inner) = weak.upgrade() {
                inner.drain_inbox();
            }
        });
        if let Some(notify) = inner.platform.remote_notifier(on_host) {
            let _ = inner.shared.notify.set(Notifier(notify));
        }
        Executor { inner, _not_send: PhantomData }
    }

    /// Spawns a named task: it is put on the ready queue and will be polled on the next drain.
    ///
    /// `self` keeps the executor open, so this only fails while the executor is being dropped
    /// (a future's `Drop` spawning); the future is then dropped and `TaskId(0)`, which no task
    /// has, is returned. [`Spawner::spawn`] reports that case as an error.
    pub fn spawn(&self, name: &str, future: impl Future<Output = ()> + 'static) -> TaskId {
        self.inner.spawn_task(name, future).unwrap_or(TaskId(0))
    }

    /// A handle that can spawn later, from tasks or callbacks.
    pub fn spawner(&self) -> Spawner {
        let inner: Weak<dyn ExecHandle> = Rc::downgrade(&self.inner) as Weak<ExecInner<H>>;
        Spawner { inner, shared: self.inner.shared.clone() }
    }

    /// The context handle: what timers and spawners may ask of this executor.
    pub(crate) fn handle(&self) -> Rc<dyn ExecHandle> {
        self.inner.clone()
    }

    /// The hooks.
    pub fn hooks(&self) -> &H {
        &self.inner.hooks
    }

    /// Calls `f` with every task the executor still knows (live ones, and finished ones it keeps
    /// for their metrics), in slot order. `f` runs with the task table borrowed: it must not
    /// call back into the executor.
    pub fn for_each_task(&self, mut f: impl FnMut(TaskView<'_, H>)) {
        for t in self.inner.tasks.borrow().iter() {
            f(view(t));
        }
    }

    /// Calls `f` with one task, if the executor still knows it.
    pub fn with_task<R>(&self, task: TaskId, f: impl FnOnce(TaskView<'_, H>) -> R) -> Option<R> {
        let t = self.inner.tasks.borrow().get(task).cloned()?;
        Some(f(view(&t)))
    }

    /// Changes settings that only the hooks read (the trace's cap, say).
    pub(crate) fn update_config(&self, f: impl FnOnce(&mut Config)) {
        let mut cfg = self.inner.cfg.borrow_mut();
        f(&mut cfg);
        *cfg = sanitize(cfg.clone());
    }

    /// Tells the wakers whether to report clones and drops, after [`Hooks::timing`] changed.
    pub(crate) fn sync_timing(&self) {
        self.inner.shared.traced.store(self.inner.hooks.timing(), Ordering::Relaxed);
    }

    /// The platform this executor runs on.
    pub fn platform(&self) -> Rc<dyn Platform> {
        self.inner.platform.clone()
    }

    /// Polls exactly one ready task, if there is one. Works in any mode, paused or not.
    ///
    /// Returns false when the ready queue was empty (or when called from inside a poll).
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Executor, RunMode, SimPlatform};
    /// use waker_playground::play::YieldNow;
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config { mode: RunMode::Manual, ..Config::default() });
    /// let a = exec.spawn("a", YieldNow::default());
    /// let b = exec.spawn("b", async {});
    /// assert_eq!(exec.ready_queue(), [a, b]);
    /// assert!(exec.step()); // polls a, which wakes itself: it goes to the back
    /// assert_eq!(exec.ready_queue(), [b, a]);
    /// assert!(exec.step() && exec.step());
    /// assert!(!exec.step(), "nothing left to poll");
    /// ```
    pub fn step(&self) -> bool {
        self.try_tick()
    }

    /// Polls one ready task, if there is one (smol's name for [`Executor::step`]).
    pub fn try_tick(&self) -> bool {
        self.inner.drain_inbox();
        let before = self.inner.polls.get();
        self.inner.run_loop(1, f64::INFINITY);
        self.inner.after_drain(None);
        self.inner.polls.get() > before
    }

    /// Polls until the ready queue is empty, or `max_polls` polls, whichever comes first.
    ///
    /// A task that wakes itself on every poll never lets the queue empty, hence the limit.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Drained, Executor, RunMode, SimPlatform};
    /// use waker_playground::play::YieldNow;
    ///
    /// let exec = Executor::new(Rc::new(SimPlatform::new()), Config { mode: RunMode::Manual, ..Config::default() });
    /// exec.spawn("y", async {
    ///     for _ in 0..3 {
    ///         YieldNow::default().await;
    ///     }
    /// });
    /// assert_eq!(exec.run_until_stalled(2), Drained::Budget);
    /// assert_eq!(exec.run_until_stalled(100), Drained::Stalled);
    /// assert_eq!(exec.stats().polls, 4);
    /// ```
    pub fn run_until_stalled(&self, max_polls: u32) -> Drained {
        self.inner.drain_inbox();
        let end = self.inner.run_loop(max_polls, f64::INFINITY);
        self.inner.after_drain(None);
        end
    }

    /// Runs one budgeted drain now, as the platform would in an automatic mode.
    pub fn tick(&self) -> Drained {
        self.inner.drain_inbox();
        let (budget, time) = self.inner.budget();
        let end = self.inner.run_loop(budget, time);
        self.inner.after_drain(None);
        end
    }

    /// True when no task is alive (all completed or aborted).
    pub fn is_empty(&self) -> bool {
        self.inner.tasks.borrow().iter().all(|t| t.state.get() == TaskState::Done)
    }

    /// The current settings.
    pub fn config(&self) -> Config {
        self.inner.cfg.borrow().clone()
    }

    /// Switches the run mode. Ticks queued for the old mode are ignored.
    pub fn set_mode(&self, mode: RunMode) {
        self.inner.cfg.borrow_mut().mode = mode;
        self.inner.reschedule();
    }

    /// The run mode.
    pub fn mode(&self) -> RunMode {
        self.inner.cfg.borrow().mode
    }

    /// Sets the delay between polls (capped at [`MAX_SLOW_MOTION_MS`]).
    pub fn set_slow_motion(&self, ms: u32) {
        self.inner.cfg.borrow_mut().slow_motion_ms = ms.min(MAX_SLOW_MOTION_MS);
        self.inner.reschedule();
    }

    /// Sets the poll budget per tick (at least 1).
    pub fn set_poll_budget(&self, polls: u32) {
        self.inner.cfg.borrow_mut().poll_budget = polls.max(1);
    }

    /// Stops automatic draining. Timers keep firing and wakes keep queueing; `step` still works.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform, TimerFuture};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let t = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(5)).await });
    /// sim.settle();
    /// exec.pause();
    /// sim.advance(10.0);
    /// assert_eq!(exec.ready_queue(), [t], "woken by its timer, not polled");
    /// exec.resume();
    /// sim.settle();
    /// assert!(exec.is_empty());
    /// ```
    pub fn pause(&self) {
        self.inner.run.paused.set(true);
        self.inner.reschedule();
    }

    /// In microtask mode, the next tick requested runs as a macrotask of the host (as a drain
    /// that used up its budget continues), not in the current task's microtasks. The page asks
    /// it of a run it starts: the Run click's task then builds the started run's page (Yew
    /// renders in a microtask), and the first polls come in a task of their own (Chromium paints
    /// first; with a thousand tasks they made the click's task one long task). It applies to the
    /// next request only, whatever it asks for (a paused run or manual mode asks for none): every
    /// tick after it is the mode's own.
    pub fn paint_first(&self) {
        self.inner.run.paint_first.set(true);
    }

    /// Resumes automatic draining.
    pub fn resume(&self) {
        self.inner.run.paused.set(false);
        self.inner.reschedule();
    }

    /// Whether automatic draining is paused.
    pub fn is_paused(&self) -> bool {
        self.inner.run.paused.get()
    }

    /// Drops a task's future now. Its pending timers are cancelled. Returns false if it was done.
    ///
    /// From inside the task's own poll, the future is dropped as soon as that poll returns.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform, TimerFuture};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let t = exec.spawn("t", async { TimerFuture::new(Duration::from_secs(60)).await });
    /// sim.settle();
    /// assert!(exec.abort(t));
    /// assert_eq!(exec.timers().stats().cancelled, 1);
    /// assert_eq!(sim.stats().pending, 0, "its setTimeout was cleared");
    /// ```
    pub fn abort(&self, task: TaskId) -> bool {
        self.inner.abort(task)
    }

    /// An owned waker for a task, as outside code (a UI button) would hold. Counts as a clone.
    pub fn waker(&self, task: TaskId) -> Option<Waker> {
        let t = self.inner.tasks.borrow().get(task).cloned()?;
        Some((*WakerRef::new(&t)).clone())
    }

    /// The ready queue, front first.
    pub fn ready_queue(&self) -> Vec<TaskId> {
        // An aborted task may still sit in the queue until it is popped (and skipped).
        self.inner.ready.borrow().iter().filter(|t| t.state.get() != TaskState::Done).map(|t| t.id).collect()
    }

    /// Executor-wide counters.
    pub fn stats(&self) -> ExecStats {
        ExecStats { polls: self.inner.polls.get(), ..self.inner.stats.get() }
    }

    /// The clock, in milliseconds.
    pub fn now(&self) -> f64 {
        self.inner.platform.now()
    }
}

impl<H: Hooks> Drop for Executor<H> {
    fn drop(&mut self) {
        self.inner.shutdown();
    }
}

fn sanitize(mut c: Config) -> Config {
    c.poll_budget = c.poll_budget.max(1);
    c.slow_motion_ms = c.slow_motion_ms.min(MAX_SLOW_MOTION_MS);
    c.trace_cap = c.trace_cap.max(1);
    if !c.time_budget_ms.is_finite() || c.time_budget_ms <= 0.0 {
        c.time_budget_ms = Config::default().time_budget_ms;
    }
    if !c.never_yielded_ms.is_finite() || c.never_yielded_ms <= 0.0 {
        c.never_yielded_ms = Config::default().never_yielded_ms;
    }
    c
}

impl<H: Hooks> Queued for ExecInner<H> {
    /// A tick asked for in `generation` (see [`ExecInner::request_tick_now`]).
    fn on_queued(&self, generation: u64) {
        self.on_tick(generation);
    }
}

impl<H: Hooks> ExecHandle for ExecInner<H> {
    fn id(&self) -> u64 {
        self.id
    }

    fn platform(&self) -> &Rc<dyn Platform> {
        &self.platform
    }

    fn timer_slot(&self) -> &RefCell<Option<Rc<dyn Any>>> {
        &self.timer_slot
    }

    fn record(&self, at: Option<f64>, task: Option<TaskId>, kind: EventKind) {
        if self.hooks.timing() {
            self.hooks.event(&*self.platform, at, task, kind);
        }
    }

    fn intern_text(&self, text: &str) -> u32 {
        self.hooks.intern_text(text)
    }

    fn intern_list(&self, list: &[u32]) -> u32 {
        self.hooks.intern_list(list)
    }

    fn abort_task(&self, id: TaskId) -> bool {
        self.abort(id)
    }

    fn guest_spawn(&self, name: &str) -> Option<TaskId> {
        if self.run.closed.get() {
            return None;
        }
        let id = TaskId(self.next_task.get());
        self.next_task.set(id.0 + 1);
        let now = self.stamp();
        let name = self.intern(name);
        let hook = self.hooks.task(now);
        self.hooks.guest_spawned(id, &name, &hook, now);
        if let Ok(mut g) = self.guests.try_borrow_mut() {
            g.insert(id, GuestState { hook, queued: false, done: false });
        }
        Some(id)
    }

    fn guest(&self, id: TaskId, what: Guest) {
        let now = self.stamp();
        let Ok(mut guests) = self.guests.try_borrow_mut() else { return };
        let Some(g) = guests.get_mut(&id) else { return };
        match what {
            Guest::PollStarted => {
                g.queued = false;
                self.hooks.poll_started(id, &g.hook, now);
            }
            Guest::Polled(outcome, took_ms) => {
                let next = if outcome == Outcome::Ready {
                    None
                } else if g.queued {
                    Some(TaskState::Scheduled)
                } else {
                    Some(TaskState::Idle)
                };
                self.hooks.polled(id, &g.hook, now, outcome, took_ms, next);
            }
            Guest::Woken(by) => {
                let effect = if g.done {
                    WakeEffect::Ignored
                } else if g.queued {
                    WakeEffect::Coalesced
                } else {
                    WakeEffect::Queued { from_idle: true }
                };
                g.queued = g.queued || !g.done;
                self.hooks.woken(id, &g.hook, now, by, effect);
            }
            Guest::Completed => {
                if !g.done {
                    self.hooks.finished(id, &g.hook, Some(now), false);
                }
                // Nothing more happens to it: its state goes (a later wake is the program's own
                // business, and is not recorded).
                guests.remove(&id);
            }
        }
    }

    fn ready_len(&self) -> usize {
        let live = |q: &VecDeque<TaskRef<H>>| q.iter().filter(|t| t.state.get() != TaskState::Done).count();
        self.ready.try_borrow().map_or(1, |q| live(&q)) + self.deferred.try_borrow().map_or(1, |q| live(&q))
    }

    fn timer_owned(&self, (slot, task): (u32, TaskId), delta: i32) {
        if H::ENABLED {
            // `try_`: timers end inside futures' `Drop`, which may run while the table is lent out.
            if let Some(t) = self.tasks.try_borrow().ok().and_then(|tasks| tasks.at(slot, task).cloned()) {
                self.hooks.timer_owned(&t.hook, delta);
            }
        }
    }

    fn waker_op(&self, header: &WakerHeader, op: WakerOp) {
        match op {
            WakerOp::Clone => self.record(None, Some(header.task), EventKind::WakerCloned),
            WakerOp::Drop => self.record(None, Some(header.task), EventKind::WakerDropped),
            WakerOp::Wake | WakerOp::WakeByRef => {
                let by = if self.attributes() { wake_source(header.exec, header.task) } else { WakeSource::Other(None) };
                if !self.wake_task(header.slot, header.task, by) {
                    // The executor's state is lent out right now (no known path does this, but
                    // a vtable function must not panic or lose a wake): go through the inbox.
                    header.shared.push_remote(header);
                }
                if op == WakerOp::Wake {
                    self.record(None, Some(header.task), EventKind::WakerDropped);
                }
            }
        }
    }

    fn spawn(&self, name: &str, future: TaskFuture) -> Result<TaskId, SpawnError> {
        self.spawn_task(name, future)
    }
}

impl<H: Hooks> ExecInner<H> {
    /// The time to stamp an event with, if the hooks time things; 0 otherwise (no host call).
    fn stamp(&self) -> f64 {
        if self.hooks.timing() {
            self.hooks.stamp(&*self.platform)
        } else {
            0.0
        }
    }

    /// Whether wakes are attributed (self, another task, a timer): for the hooks, or to defer
    /// self-wakes. The bare executor with the default policy skips it.
    fn attributes(&self) -> bool {
        H::ENABLED || self.defer_self.get()
    }

    /// Shares the name's allocation with the previous task of the same name (mass spawns).
    fn intern(&self, name: &str) -> Rc<str> {
        let mut last = self.last_name.borrow_mut();
        match &*last {
            Some(n) if &**n == name => n.clone(),
            _ => {
                let n: Rc<str> = Rc::from(name);
                *last = Some(n.clone());
                n
            }
        }
    }

    fn spawn_task<F: Future<Output = ()> + 'static>(&self, name: &str, future: F) -> Result<TaskId, SpawnError> {
        if self.run.closed.get() {
            return Err(SpawnError);
        }
        let id = TaskId(self.next_task.get());
        self.next_task.set(id.0 + 1);
        let now = self.stamp();
        let slot = self.tasks.borrow_mut().next_slot();
        let task: TaskRef<H> = TaskRc::new(
            (self.id, slot, id),
            self.shared.clone(),
            Task {
                id,
                slot,
                name: self.intern(name),
                queued: Cell::new(true),
                abort_requested: Cell::new(false),
                state: Cell::new(TaskState::Scheduled),
                hook: self.hooks.task(now),
            },
            future,
        );
        self.tasks.borrow_mut().insert(task.clone());
        self.hooks.spawned(id, &task.name, &task.hook, now);
        // @code spawn
        self.ready.borrow_mut().push_back(task);
        let mut s = self.stats.get();
        s.spawned += 1;
        self.stats.set(s);
        self.request_tick(None);
        Ok(id)
    }

    /// Puts a task on the ready queue (or coalesces, or ignores the wake), and tells the hooks.
    ///
    /// Reached from waker vtable functions, so it never panics: every borrow is a `try_`. Returns
    /// `false` when the wake could not be delivered because state was lent out; the caller then
    /// leaves it in the inbox. (An unknown or finished task counts as delivered: nothing to do.)
    fn wake_task(&self, slot: u32, id: TaskId, by: WakeSource) -> bool {
        if self.run.closed.get() {
            return true;
        }
        let Ok(tasks) = self.tasks.try_borrow() else { return false };
        let Some(task) = tasks.at(slot, id) else { return true };
        let Ok(mut ready) = self.ready.try_borrow_mut() else { return false };
        let effect = if task.state.get() == TaskState::Done {
            WakeEffect::Ignored
        } else if task.queued.get() {
            // @code coalesce
            WakeEffect::Coalesced
        } else {
            // A self-wake under `defer_self_wakes` waits for the next tick (`after_drain` moves
            // it to the ready queue). Borrowed before anything changes, so a failed borrow
            // leaves the task as it was, for the inbox to retry.
            let defer = self.defer_self.get() && by == WakeSource::SelfWake && self.run.polling.get();
            let deferred = match defer.then(|| self.deferred.try_borrow_mut()) {
                Some(Ok(d)) => Some(d),
                Some(Err(_)) => return false,
                None => None,
            };
            // @code enqueue
            task.queued.set(true);
            let from_idle = task.state.get() == TaskState::Idle;
            if from_idle {
                task.state.set(TaskState::Scheduled);
            }
            match deferred {
                Some(mut deferred) => deferred.push_back(task.clone()),
                None => ready.push_back(task.clone()),
            }
            WakeEffect::Queued { from_idle }
        };
        drop(ready);
        self.hooks.woken(id, &task.hook, self.stamp(), by, effect);
        drop(tasks);
        if matches!(effect, WakeEffect::Queued { .. }) {
            self.request_tick(None);
        }
        true
    }

    fn budget(&self) -> (u32, f64) {
        let cfg = self.cfg.borrow();
        if cfg.slow_motion_ms > 0 {
            (1, f64::INFINITY)
        } else {
            (cfg.poll_budget, cfg.time_budget_ms)
        }
    }

    /// The one run loop. Polls ready tasks in FIFO order until the queue is empty, `max_polls`
    /// polls were made, or (with timing on) `max_ms` passed.
    fn run_loop(&self, max_polls: u32, max_ms: f64) -> Drained {
        if self.run.polling.replace(true) {
            return Drained::Reentrant;
        }
        // Clears `polling` however this returns, even if a future panics (natively).
        let _polling = PollingGuard(&self.run.polling);
        let Some(me) = self.self_weak.upgrade() else { return Drained::Stalled };
        let _drain = DrainGuard::enter(self.id, me);
        let timing = self.hooks.timing();
        // With timing off, the clock is first read after 256 polls: a short drain (one timer's
        // wake, say) makes no host call at all.
        let mut start = if timing { self.platform.now() } else { 0.0 };
        let mut clock = start;
        let mut polls = 0u32;
        loop {
            if self.run.closed.get() {
                return Drained::Stalled;
            }
            if polls >= max_polls {
                return if self.ready.borrow().is_empty() { Drained::Stalled } else { Drained::Budget };
            }
            // NOTE: the borrow ends with this statement, before the poll: the poll may wake tasks.
            // @code pop
            let next = self.ready.borrow_mut().pop_front();
            let Some(task) = next else { return Drained::Stalled };
            if self.poll_task(&task, &mut clock) {
                polls += 1;
            }
            // With timing off the clock is only read every 256 polls: `performance.now()` costs
            // about 250 ns from wasm in Chromium, several times a whole poll.
            if !timing && polls > 0 && polls % 256 == 0 {
                clock = self.platform.now();
                if polls == 256 {
                    start = clock;
                }
            }
            if clock - start >= max_ms {
                return if self.ready.borrow().is_empty() { Drained::Stalled } else { Drained::Budget };
            }
        }
    }

    /// Polls one task. `clock` is the time the poll starts (updated to when it ended).
    /// Returns false if the task had nothing to poll (finished or aborted while queued).
    fn poll_task(&self, task: &TaskRef<H>, clock: &mut f64) -> bool {
        task.queued.set(false);
        if task.state.get() == TaskState::Done {
            return false;
        }
        // Declared before the poll, so it drops after the future's own guard: if the poll panics
        // (natively; wasm aborts), the task is marked Done and never polled again. Where a panic
        // aborts (the page's release build), no poll unwinds, and no guard is made: it cost two
        // `std::thread::panicking()` calls a poll.
        #[cfg(panic = "unwind")]
        let unwind = UnwindGuard { inner: self, task, unwinding: std::thread::panicking() };
        if !task.future_present() {
            return false;
        }
        let timing = self.hooks.timing();
        let t0 = *clock;
        task.state.set(TaskState::Running);
        self.hooks.poll_started(task.id, &task.hook, t0);
        let poll = {
            let _enter = self.attributes().then(|| TaskGuard::enter(self.id, task.slot, task.id));
            let waker = WakerRef::new(task);
            let mut cx = Context::from_waker(&waker);
            // @code poll-task
            task.poll_future(&mut cx)
        };
        let Some(poll) = poll else {
            // The future went after the check above: a hook's `poll_started` aborted the task.
            // Nothing was polled.
            #[cfg(panic = "unwind")]
            drop(unwind);
            return false;
        };
        let t1 = if timing { self.platform.now() } else { t0 };
        *clock = t1;
        let took = t1 - t0;
        self.polls.set(self.polls.get() + 1);
        #[cfg(panic = "unwind")]
        drop(unwind);
        match poll {
            Poll::Ready(()) => {
                self.hooks.polled(task.id, &task.hook, t1, Outcome::Ready, took, None);
                // Done before the drop: wakes from the future's own Drop are then ignored.
                task.state.set(TaskState::Done);
                // Dropped right away, as wasm-bindgen-futures does; this may cancel timers and
                // drop wakers, which report their own events.
                // @code drop-future
                task.drop_future();
                self.finish(task, false);
            }
            Poll::Pending => {
                if task.abort_requested.get() {
                    self.hooks.polled(task.id, &task.hook, t1, Outcome::Pending, took, None);
                    self.abort(task.id);
                } else {
                    let next = if task.queued.get() { TaskState::Scheduled } else { TaskState::Idle };
                    task.state.set(next);
                    self.hooks.polled(task.id, &task.hook, t1, Outcome::Pending, took, Some(next));
                }
            }
        }
        true
    }

    /// The task is done: tell the hooks, and forget it (at once without hooks; else after the
    /// `retain_completed` newest finished tasks, whose metrics stay readable).
    fn finish(&self, task: &Task<H>, aborted: bool) {
        task.state.set(TaskState::Done);
        if H::ENABLED {
            let at = self.hooks.timing().then(|| self.stamp());
            self.hooks.finished(task.id, &task.hook, at, aborted);
        }
        if !H::ENABLED {
            // Nobody reads a finished task's record: forget it now.
            self.tasks.borrow_mut().remove(task.slot, task.id);
            return;
        }
        let keep = self.cfg.borrow().retain_completed;
        let mut finished = self.finished.borrow_mut();
        finished.push_back((task.slot, task.id));
        while finished.len() > keep {
            if let Some((slot, old)) = finished.pop_front() {
                // The evicted task's future is already gone; dropping its record runs no user code.
                self.tasks.borrow_mut().remove(slot, old);
            }
        }
    }

    fn abort(&self, id: TaskId) -> bool {
        let Some(task) = self.tasks.borrow().get(id).cloned() else { return false };
        if task.state.get() == TaskState::Done {
            return false;
        }
        if task.future_polling() {
            // Running right now: `poll_task` aborts it when the poll returns.
            task.abort_requested.set(true);
            return true;
        }
        task.queued.set(false);
        // Done before the drop: wakes from the future's own Drop are then ignored.
        task.state.set(TaskState::Done);
        task.drop_future();
        self.finish(&task, true);
        true
    }

    fn drain_inbox(&self) {
        for (slot, id) in self.shared.take_remote() {
            let task = self.tasks.borrow().at(slot, id).cloned();
            if let Some(t) = task {
                // Out of the inbox: the next remote wake may queue it again.
                t.header().remote_queued.store(false, Ordering::Release);
                if !self.wake_task(slot, id, WakeSource::Remote) {
                    self.shared.push_remote(t.header());
                }
            }
        }
    }

    /// Asks the platform for a tick, unless one is pending or none is wanted.
    /// `hop` overrides the mode's hop (to yield to the browser after a budgeted drain).
    ///
    /// The common case, a wake from inside a drain (or one with a tick already asked for), takes
    /// only the first branch, inlined into the wake: the rest is its own function.
    #[inline]
    fn request_tick(&self, hop: Option<Hop>) {
        let run = &self.run;
        if run.polling.get() || run.tick_requested.get() {
            // What the full path does then: a request with something to drain uses up
            // `paint_first`, and no tick is asked for.
            if run.paint_first.get() && !self.ready.try_borrow().is_ok_and(|r| r.is_empty()) {
                run.paint_first.set(false);
            }
            return;
        }
        self.request_tick_now(hop);
    }

    /// [`ExecInner::request_tick`] when no drain is under way and no tick asked for.
    #[inline(never)]
    fn request_tick_now(&self, hop: Option<Hop>) {
        let run = &self.run;
        // `try_`: reached from wakes, which must never panic (a busy queue is not empty, and a
        // busy config falls back to no tick, which the next drain or step makes up for). A
        // request with nothing to drain leaves `paint_first` to the first that has: a run's mode
        // is set before its first task is spawned (and used the flag up, until 2026-12-05, so
        // that a program's first polls ran in the Run click's task).
        if self.ready.try_borrow().is_ok_and(|r| r.is_empty()) {
            return;
        }
        let paint_first = run.paint_first.replace(false);
        if run.polling.get() || run.tick_requested.get() || run.paused.get() || run.closed.get() {
            return;
        }
        let Ok((mode, slow)) = self.cfg.try_borrow().map(|cfg| (cfg.mode, cfg.slow_motion_ms)) else { return };
        let Some(mode_hop) = mode.hop() else { return };
        run.tick_requested.set(true);
        let generation = run.generation.get();
        if slow > 0 {
            let weak = self.self_weak.clone();
            let callback = Box::new(move || {
                if let Some(inner) = weak.upgrade() {
                    inner.on_tick(generation);
                }
            });
            run.host_timeout.set(Some(self.platform.set_timeout(slow, callback)));
        } else {
            let hop = match hop {
                Some(hop) => hop,
                None if paint_first && mode_hop == Hop::Microtask => Hop::Macrotask,
                None => mode_hop,
            };
            // No closure boxed a tick: the platform keeps the executor's weak reference and the
            // generation (with self-wakes deferred, a tick comes after every poll).
            let target: Weak<dyn Queued> = self.self_weak.clone();
            self.platform.queue_call(hop, target, generation);
        }
    }

    fn on_tick(&self, generation: u64) {
        let run = &self.run;
        if generation != run.generation.get() {
            return;
        }
        run.tick_requested.set(false);
        run.host_timeout.set(None);
        if run.paused.get() || run.closed.get() || run.polling.get() {
            return;
        }
        let mut s = self.stats.get();
        s.ticks += 1;
        self.stats.set(s);
        self.drain_inbox();
        let (budget, time) = self.budget();
        let end = self.run_loop(budget, time);
        self.after_drain(Some(end));
    }

    /// After a drain: ask for the next tick if tasks are still ready. A drain that used up its
    /// budget in microtask mode continues in a macrotask, so the browser can render in between.
    fn after_drain(&self, end: Option<Drained>) {
        // Deferred self-wakes join the queue now, so the tick requested below polls them. (Only
        // with the policy on: the default drain never touches the second queue.)
        if self.defer_self.get() {
            if let (Ok(mut deferred), Ok(mut ready)) = (self.deferred.try_borrow_mut(), self.ready.try_borrow_mut()) {
                // A drain ends with its queue empty unless its budget stopped it: then the two
                // queues trade places (each keeps its buffer) rather than copying.
                if ready.is_empty() {
                    std::mem::swap(&mut *ready, &mut *deferred);
                } else {
                    ready.append(&mut deferred);
                }
            }
        }
        let mut hop = None;
        // A slow-motion tick polls one task by design: that is not a budget stop.
        let slow = self.cfg.borrow().slow_motion_ms > 0;
        let budget_stop = end == Some(Drained::Budget) && !slow;
        if budget_stop {
            let mut s = self.stats.get();
            s.yields += 1;
            self.stats.set(s);
            if self.cfg.borrow().mode == RunMode::Microtask {
                hop = Some(Hop::Macrotask);
            }
        }
        // A tick's end goes in the trace with the counters, so a replay counts ticks too.
        if end.is_some() {
            self.record(None, None, EventKind::TickEnded { budget_stop });
        }
        self.request_tick(hop);
    }

    /// Forgets any queued tick and asks again under the current settings.
    fn reschedule(&self) {
        let run = &self.run;
        run.generation.set(run.generation.get() + 1);
        run.tick_requested.set(false);
        if let Some(id) = run.host_timeout.take() {
            self.platform.clear_timeout(id);
        }
        self.request_tick(None);
    }

    fn shutdown(&self) {
        if self.run.closed.replace(true) {
            return;
        }
        self.shared.closed.store(true, Ordering::Release);
        self.reschedule();
        self.ready.borrow_mut().clear();
        let tasks: Vec<TaskRef<H>> = self.tasks.borrow().iter().cloned().collect();
        for task in tasks {
            // Dropped outside every borrow: a future's drop may wake, spawn (refused) or cancel timers.
            task.drop_future();
        }
        let _ = REGISTRY.try_with(|r| r.borrow_mut().retain(|(id, w)| *id != self.id && w.strong_count() > 0));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::SimPlatform;

    #[test]
    fn run_mode_keys_round_trip() {
        for m in RunMode::ALL {
            assert_eq!(RunMode::from_key(m.key()), Some(m));
        }
        assert_eq!(RunMode::from_key("turbo"), None);
    }

    /// `paint_first`: the first drain after it waits for a macrotask (the host renders first),
    /// in microtask mode only; the drains after it are microtasks again.
    #[test]
    fn paint_first_makes_only_the_next_microtask_drain_a_macrotask() {
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let polls = Rc::new(Cell::new(0u32));
        let counted = |polls: &Rc<Cell<u32>>| {
            let p = polls.clone();
            std::future::poll_fn(move |_| {
                p.set(p.get() + 1);
                Poll::Ready(())
            })
        };
        exec.paint_first();
        // A request with nothing to drain (the mode set before the first spawn, as a run is
        // started) leaves the flag to the spawn's.
        exec.set_mode(RunMode::Microtask);
        exec.spawn("t", counted(&polls));
        sim.run_microtasks();
        assert_eq!(polls.get(), 0, "the first drain waits for a macrotask");
        sim.settle();
        assert_eq!(polls.get(), 1);
        // The next spawn on the same executor is drained in a microtask again.
        exec.spawn("u", counted(&polls));
        sim.run_microtasks();
        assert_eq!(polls.get(), 2, "only the next tick was a macrotask");
        // A paused executor asks for no tick: the request it does not make uses the flag up,
        // and the drain after Resume is the mode's own.
        exec.pause();
        exec.paint_first();
        exec.spawn("v", counted(&polls));
        exec.resume();
        sim.run_microtasks();
        assert_eq!(polls.get(), 3);
        // The animation-frame mode keeps its own hop.
        let exec3 = Executor::new(Rc::new(sim.clone()), Config { mode: RunMode::AnimationFrame, ..Config::default() });
        exec3.paint_first();
        exec3.spawn("w", std::future::ready(()));
        sim.settle();
        assert_eq!(exec3.stats().polls, 0, "an animation frame, not a macrotask");
        sim.advance(50.0);
        assert_eq!(exec3.stats().polls, 1);
    }

    /// A waker's vtable functions run inside user code and `Drop`, at any moment: none of them may
    /// panic, whatever state of the executor is lent out at the time, and no wake may be lost.
    #[test]
    fn waker_vtable_functions_never_panic_while_state_is_lent_out() {
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config { mode: RunMode::Manual, ..Config::default() });
        let polls = Rc::new(Cell::new(0u32));
        let p = polls.clone();
        let task = exec.spawn(
            "t",
            std::future::poll_fn(move |_| {
                p.set(p.get() + 1);
                if p.get() > 5 {
                    Poll::Ready(())
                } else {
                    Poll::Pending
                }
            }),
        );
        assert!(exec.step());
        let waker = exec.waker(task).expect("a live task has a waker");
        let ops = |w: &Waker| {
            let clone = w.clone();
            clone.wake_by_ref();
            // `wake(self)`: a wake that also drops the waker.
            clone.wake();
        };
        let inner = &exec.inner;
        // Each piece of state that a wake, clone or drop reaches, lent out in turn.
        type Lend<'a> = &'a dyn Fn(&dyn Fn());
        let lend: [Lend<'_>; 5] = [
            &|f| {
                let _g = inner.tasks.borrow_mut();
                f()
            },
            &|f| {
                let _g = inner.ready.borrow_mut();
                f()
            },
            &|f| exec.with_trace(|_| f()),
            &|f| {
                let _g = inner.cfg.borrow_mut();
                f()
            },
            &|f| {
                REGISTRY.with(|r| {
                    let _g = r.borrow_mut();
                    f()
                })
            },
        ];
        for (i, lent) in lend.iter().enumerate() {
            lent(&|| ops(&waker));
            let before = polls.get();
            assert!(exec.step(), "case {i}: the wake was kept, not lost");
            assert_eq!(polls.get(), before + 1, "case {i}");
        }
        assert!(exec.is_empty());
    }

    #[test]
    fn config_is_sanitized() {
        let sim = SimPlatform::new();
        let c = Config { poll_budget: 0, slow_motion_ms: 99_999, time_budget_ms: f64::NAN, ..Config::default() };
        let exec = Executor::new(Rc::new(sim), c);
        let c = exec.config();
        assert_eq!((c.poll_budget, c.slow_motion_ms), (1, MAX_SLOW_MOTION_MS));
        assert!(c.time_budget_ms > 0.0);
    }
}
