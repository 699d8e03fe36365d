//! The executor's instrumentation points, chosen at compile time.
//!
//! An [`Executor<H>`](super::executor::Executor) calls its `H` at each moment of a task's life:
//! spawn, poll start and end, wake, finish, and the events its wakers and timers report. What to
//! do with them is the hooks' business, in the spirit of tokio's task hooks and of a `tracing`
//! `Layer`. The playground's hooks record everything into a trace (`trace::Recorder`).
//!
//! [`NoHooks`] is the default. Its methods are empty and inlined, its per-task state is `()`, and
//! [`Hooks::ENABLED`] is `false`, so the executor also skips what only instrumentation needs: it
//! reads the clock once per 256 polls (for its time budget) instead of twice per poll, does not
//! mark the running task for wake attribution, and its wakers count nothing. The bare executor
//! compiles to the plain run loop; there is still only one.

use std::rc::Rc;

use super::event::{EventKind, Outcome, WakeSource};
use super::ids::{TaskId, TaskState};
use super::platform::Platform;

/// What became of a wake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeEffect {
    /// The task went onto the ready queue; `from_idle` when it was waiting for this wake (not
    /// running: a task that wakes itself during its poll is queued but still `Running`).
    Queued {
        /// The task was idle and is now scheduled.
        from_idle: bool,
    },
    /// The task was already queued: nothing changed.
    Coalesced,
    /// The task is done: the wake was ignored.
    Ignored,
}

/// Instrumentation of an executor. Every method has an empty default.
///
/// Methods are called at the moment they describe, possibly from inside a waker's vtable
/// function or a timer callback, and possibly while the executor holds a borrow of its own state:
/// they must not panic, and must not call back into the executor.
pub trait Hooks: 'static {
    /// What the hooks keep per task (counters, a time meter). `()` for nothing.
    type Task;

    /// `false` lets the executor skip what only instrumentation needs (see the module docs).
    const ENABLED: bool;

    /// The per-task state of a task spawned at `at`.
    fn task(&self, at: f64) -> Self::Task;

    /// Whether polls are timed and events stamped right now: a switch at run time, within
    /// [`Hooks::ENABLED`]. Off, the executor reads the clock only for its time budget.
    #[inline]
    fn timing(&self) -> bool {
        false
    }

    /// The time to stamp an event with now (only asked while [`Hooks::timing`] is on).
    #[inline]
    fn stamp(&self, platform: &dyn Platform) -> f64 {
        let _ = platform;
        0.0
    }

    /// A task named `name` was spawned and queued.
    #[inline]
    fn spawned(&self, id: TaskId, name: &Rc<str>, task: &Self::Task, at: f64) {
        let _ = (id, name, task, at);
    }

    /// A guest task (a task of an executor the program wrote, see
    /// [`Spawner::guest_spawn`](super::executor::Spawner::guest_spawn)) was first seen. By
    /// default, a spawn like any other.
    #[inline]
    fn guest_spawned(&self, id: TaskId, name: &Rc<str>, task: &Self::Task, at: f64) {
        self.spawned(id, name, task, at);
    }

    /// A poll of `id` starts at `at`.
    #[inline]
    fn poll_started(&self, id: TaskId, task: &Self::Task, at: f64) {
        let _ = (id, task, at);
    }

    /// The poll of `id` returned at `at` after `took_ms`. `next` is the state the task moves to
    /// (`None` when it finishes or is aborted: [`Hooks::finished`] follows).
    #[inline]
    fn polled(&self, id: TaskId, task: &Self::Task, at: f64, outcome: Outcome, took_ms: f64, next: Option<TaskState>) {
        let _ = (id, task, at, outcome, took_ms, next);
    }

    /// A poll unwound (a panicking future, natively): the poll's clock must stop.
    #[inline]
    fn poll_unwound(&self) {}

    /// `by` woke `id`.
    #[inline]
    fn woken(&self, id: TaskId, task: &Self::Task, at: f64, by: WakeSource, effect: WakeEffect) {
        let _ = (id, task, at, by, effect);
    }

    /// The task finished (completed or aborted). `at` is `None` when untimed.
    #[inline]
    fn finished(&self, id: TaskId, task: &Self::Task, at: Option<f64>, aborted: bool) {
        let _ = (id, task, at, aborted);
    }

    /// A timer owned by the task was armed (+1) or ended (-1).
    #[inline]
    fn timer_owned(&self, task: &Self::Task, delta: i32) {
        let _ = (task, delta);
    }

    /// Anything else worth recording: a waker cloned or dropped, a timer's events. `at` is
    /// `None` for "now" (see [`Hooks::stamp`]).
    #[inline]
    fn event(&self, platform: &dyn Platform, at: Option<f64>, task: Option<TaskId>, kind: EventKind) {
        let _ = (platform, at, task, kind);
    }

    /// Keeps a text for a note of the program's; its index (`u32::MAX` when nothing is kept).
    #[inline]
    fn intern_text(&self, text: &str) -> u32 {
        let _ = text;
        u32::MAX
    }

    /// Keeps a list of numbers; its index (`u32::MAX` when nothing is kept).
    #[inline]
    fn intern_list(&self, list: &[u32]) -> u32 {
        let _ = list;
        u32::MAX
    }
}

/// No instrumentation at all: the bare executor.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoHooks;

impl Hooks for NoHooks {
    type Task = ();
    const ENABLED: bool = false;

    #[inline]
    fn task(&self, _at: f64) {}
}
