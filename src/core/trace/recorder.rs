//! The recording hooks: what the playground's executor does at each moment of a task's life.
//!
//! # Ground rules
//!
//! - [`Recorder`] implements the runtime's [`Hooks`]. It appends every event to a [`Trace`] and
//!   keeps per-task counters and a time [`Meter`]; [`TaskMetrics`] are snapshots of them.
//! - Recording is a switch at run time ([`Executor::set_trace`]): off, only counters count, and
//!   the clock is not read per poll. The bare executor, `Executor<NoHooks>`, has no switch to
//!   flip: it compiles without any of this.
//! - Events inside a poll are stamped with the poll's start time, which saves a clock read per
//!   event (`performance.now()` costs about 250 ns from wasm in Chromium, whose clock is 100 µs
//!   coarse anyway). A fresher reading inside the poll (a timer's own) moves that clock on.
//! - Nothing here panics: hooks run inside waker vtable functions and timer callbacks. A trace
//!   lent out (inside [`Executor::with_trace`]) counts the event as lost instead.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::log::Trace;
use super::metrics::{Counts, Meter, TaskMetrics, WakeCounts};
use crate::core::rt::event::{Event, EventKind, Outcome, WakeSource};
use crate::core::rt::executor::{Config, Executor, TaskView};
use crate::core::rt::hooks::{Hooks, WakeEffect};
use crate::core::rt::ids::{TaskId, TaskState};
use crate::core::rt::platform::Platform;

/// Hooks that record everything: the trace, per-task counters and time accounting.
#[derive(Debug)]
pub struct Recorder {
    trace: RefCell<Trace>,
    timing: Cell<bool>,
    /// Events that could not be recorded because the trace was lent out.
    lost_events: Cell<u64>,
    /// The start time of the poll running now, for stamping events inside it.
    poll_clock: Cell<Option<f64>>,
}

/// What [`Recorder`] keeps per task. Counters on the hot path are plain cells; the meter (time
/// accounting) is only touched with timing on.
#[derive(Debug)]
pub struct TaskRecord {
    polls: Cell<u64>,
    wakes: Cell<WakeCounts>,
    coalesced: Cell<u64>,
    ignored: Cell<u64>,
    meter: RefCell<Meter>,
}

/// Keeps a time to the nanosecond: far below any browser clock's resolution (5 µs at best), and
/// what lets a trace written as integer nanoseconds read back bit for bit (exactly, for times
/// under 2^53 ns, about 104 days). A time exactly halfway between two nanoseconds goes to the
/// even one: `round_ties_even` is one instruction (wasm's `f64.nearest`), where `round`, which
/// rounds such a tie away from zero, is a call into libm; this ran on every event, eight times
/// a poll.
pub fn to_ns(ms: f64) -> f64 {
    if ms.is_finite() {
        (ms * 1e6).round_ties_even() / 1e6
    } else {
        ms
    }
}

/// The event with its times kept to the nanosecond.
fn quantized(kind: EventKind) -> EventKind {
    match kind {
        EventKind::Polled { outcome, took_ms } => EventKind::Polled { outcome, took_ms: to_ns(took_ms) },
        EventKind::TimerArmed { timer, deadline } => EventKind::TimerArmed { timer, deadline: to_ns(deadline) },
        EventKind::TimerFired { timer, lateness_ms, woke } => EventKind::TimerFired { timer, lateness_ms: to_ns(lateness_ms), woke },
        EventKind::TimerRescheduled { timer, old_deadline, new_deadline } => {
            EventKind::TimerRescheduled { timer, old_deadline: to_ns(old_deadline), new_deadline: to_ns(new_deadline) }
        }
        k => k,
    }
}

impl Recorder {
    /// Records into a trace of at most `cap` events; `on` is whether recording starts on.
    pub fn new(on: bool, cap: usize) -> Self {
        Recorder {
            trace: RefCell::new(Trace::with_cap(cap)),
            timing: Cell::new(on),
            lost_events: Cell::new(0),
            poll_clock: Cell::new(None),
        }
    }

    fn push(&self, at: f64, task: Option<TaskId>, kind: EventKind) {
        if !self.timing.get() {
            return;
        }
        self.push_ns(to_ns(at), task, quantized(kind));
    }

    /// [`Recorder::push`] of a time and a kind already kept to the nanosecond: the poll and wake
    /// hooks, three events a poll, keep theirs first and do not pay for it twice.
    fn push_ns(&self, at: f64, task: Option<TaskId>, kind: EventKind) {
        if !self.timing.get() {
            return;
        }
        // A fresher clock reading inside a poll moves the poll's clock on, so the events that
        // follow are not stamped earlier than this one.
        if let Some(t) = self.poll_clock.get() {
            if at > t {
                self.poll_clock.set(Some(at));
            }
        }
        match self.trace.try_borrow_mut() {
            Ok(mut t) => {
                t.push(at, task, kind);
            }
            Err(_) => self.lost_events.set(self.lost_events.get() + 1),
        }
    }

    fn meter(&self, task: &TaskRecord, f: impl FnOnce(&mut Meter)) {
        if self.timing.get() {
            if let Ok(mut m) = task.meter.try_borrow_mut() {
                f(&mut m);
            }
        }
    }
}

impl Hooks for Recorder {
    type Task = TaskRecord;
    const ENABLED: bool = true;

    fn task(&self, at: f64) -> TaskRecord {
        TaskRecord {
            polls: Cell::new(0),
            wakes: Cell::new(WakeCounts::default()),
            coalesced: Cell::new(0),
            ignored: Cell::new(0),
            meter: RefCell::new(Meter::new(to_ns(at))),
        }
    }

    fn timing(&self) -> bool {
        self.timing.get()
    }

    fn stamp(&self, platform: &dyn Platform) -> f64 {
        self.poll_clock.get().unwrap_or_else(|| platform.now())
    }

    fn spawned(&self, id: TaskId, name: &Rc<str>, _task: &TaskRecord, at: f64) {
        let at = to_ns(at);
        if self.timing.get() {
            if let Ok(mut t) = self.trace.try_borrow_mut() {
                t.set_name(id, name.clone());
            }
        }
        self.push(at, Some(id), EventKind::Spawned);
    }

    fn guest_spawned(&self, id: TaskId, name: &Rc<str>, _task: &TaskRecord, at: f64) {
        let at = to_ns(at);
        if self.timing.get() {
            if let Ok(mut t) = self.trace.try_borrow_mut() {
                t.set_name(id, name.clone());
            }
        }
        self.push(at, Some(id), EventKind::GuestSpawned);
    }

    fn poll_started(&self, id: TaskId, task: &TaskRecord, at: f64) {
        let at = to_ns(at);
        task.polls.set(task.polls.get() + 1);
        self.meter(task, |m| m.start_poll(at));
        self.push_ns(at, Some(id), EventKind::PollStarted);
        if self.timing.get() {
            self.poll_clock.set(Some(at));
        }
    }

    fn polled(&self, id: TaskId, task: &TaskRecord, at: f64, outcome: Outcome, took_ms: f64, next: Option<TaskState>) {
        let (at, took_ms) = (to_ns(at), to_ns(took_ms));
        self.poll_clock.set(None);
        self.meter(task, |m| m.end_poll(took_ms));
        self.push_ns(at, Some(id), EventKind::Polled { outcome, took_ms });
        if let Some(next) = next {
            self.meter(task, |m| m.enter(next, at));
        }
    }

    fn poll_unwound(&self) {
        self.poll_clock.set(None);
    }

    fn woken(&self, id: TaskId, task: &TaskRecord, at: f64, by: WakeSource, effect: WakeEffect) {
        let at = to_ns(at);
        let mut wakes = task.wakes.get();
        wakes.add(by);
        task.wakes.set(wakes);
        let kind = match effect {
            WakeEffect::Ignored => {
                task.ignored.set(task.ignored.get() + 1);
                EventKind::WakeIgnored { by }
            }
            WakeEffect::Coalesced => {
                task.coalesced.set(task.coalesced.get() + 1);
                EventKind::WakeCoalesced { by }
            }
            WakeEffect::Queued { from_idle } => {
                if from_idle {
                    self.meter(task, |m| m.enter(TaskState::Scheduled, at));
                }
                EventKind::Woken { by }
            }
        };
        self.push_ns(at, Some(id), kind);
    }

    fn finished(&self, id: TaskId, task: &TaskRecord, at: Option<f64>, aborted: bool) {
        let at = at.map(to_ns);
        if let Ok(mut m) = task.meter.try_borrow_mut() {
            m.finish(at, aborted);
        }
        self.push(at.unwrap_or(0.0), Some(id), if aborted { EventKind::Aborted } else { EventKind::Completed });
    }

    fn timer_owned(&self, task: &TaskRecord, delta: i32) {
        if let Ok(mut m) = task.meter.try_borrow_mut() {
            m.timers_pending = m.timers_pending.saturating_add_signed(delta);
        }
    }

    fn event(&self, platform: &dyn Platform, at: Option<f64>, task: Option<TaskId>, kind: EventKind) {
        if self.timing.get() {
            let at = at.unwrap_or_else(|| self.stamp(platform));
            self.push(at, task, kind);
        }
    }

    fn intern_text(&self, text: &str) -> u32 {
        match self.trace.try_borrow_mut() {
            Ok(mut t) if self.timing.get() => t.intern_text(text),
            _ => u32::MAX,
        }
    }

    fn intern_list(&self, list: &[u32]) -> u32 {
        match self.trace.try_borrow_mut() {
            Ok(mut t) if self.timing.get() => t.intern_list(list),
            _ => u32::MAX,
        }
    }
}

fn snapshot(t: &TaskView<'_, Recorder>, now: Option<f64>, never_yielded_ms: f64) -> TaskMetrics {
    let r = t.hook;
    let counts = Counts {
        state: t.state,
        queued: t.queued,
        polls: r.polls.get(),
        wakes: r.wakes.get(),
        coalesced: r.coalesced.get(),
        ignored: r.ignored.get(),
        unqueued: false,
        stale: false,
    };
    r.meter.borrow().snapshot(t.id, t.name, &counts, t.wakers, now, never_yielded_ms)
}

/// The playground's executor: everything it does is recorded.
impl Executor<Recorder> {
    /// An executor on `platform`, with its own timers and trace (recording from the start if
    /// `config.trace`).
    pub fn new(platform: Rc<dyn Platform>, config: Config) -> Self {
        let hooks = Recorder::new(config.trace, config.trace_cap);
        Executor::with_hooks(platform, config, hooks)
    }

    /// Turns event recording and poll timing on or off. Counters keep counting either way.
    pub fn set_trace(&self, on: bool) {
        let was = self.hooks().timing.replace(on);
        self.update_config(|c| c.trace = on);
        self.sync_timing();
        if on && !was {
            // Untimed until now: start every live task's clock here, in its current state.
            let now = to_ns(self.now());
            self.for_each_task(|t| {
                if t.state != TaskState::Done {
                    if let Ok(mut m) = t.hook.meter.try_borrow_mut() {
                        m.restart(t.state, now);
                    }
                }
            });
        }
    }

    /// Puts a recorded trace in place of this executor's own, to read a run back (an import).
    /// Meant for an executor that has run nothing: its own events are dropped.
    pub fn replace_trace(&self, trace: Trace) {
        if let Ok(mut t) = self.hooks().trace.try_borrow_mut() {
            *t = trace;
        }
    }

    /// Changes how many events the trace keeps.
    pub fn set_trace_cap(&self, cap: usize) {
        self.update_config(|c| c.trace_cap = cap.max(1));
        self.hooks().trace.borrow_mut().set_cap(cap);
    }

    /// Per-task metrics, in spawn order, as of now.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Executor, SimPlatform, Warning};
    /// use waker_playground::play::LostWaker;
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// exec.spawn("bug", LostWaker);
    /// sim.settle();
    /// let m = &exec.metrics()[0];
    /// assert_eq!((m.polls, m.wakers.live()), (1, 0));
    /// assert_eq!(m.warnings, [Warning::LostWaker]);
    /// ```
    pub fn metrics(&self) -> Vec<TaskMetrics> {
        let now = self.hooks().timing().then(|| self.now());
        let never_yielded_ms = self.config().never_yielded_ms;
        let mut out = Vec::new();
        self.for_each_task(|t| out.push(snapshot(&t, now, never_yielded_ms)));
        crate::core::sort_by_key(&mut out, |m| m.id);
        out
    }

    /// One task's metrics, as of now.
    pub fn task_metrics(&self, task: TaskId) -> Option<TaskMetrics> {
        let now = self.hooks().timing().then(|| self.now());
        let never_yielded_ms = self.config().never_yielded_ms;
        self.with_task(task, |t| snapshot(&t, now, never_yielded_ms))
    }

    /// Reads the trace. Events that happen while `f` runs (a waker dropped inside it, say)
    /// cannot be recorded; [`Executor::lost_events`] counts them.
    pub fn with_trace<R>(&self, f: impl FnOnce(&Trace) -> R) -> R {
        f(&self.hooks().trace.borrow())
    }

    /// Events lost because they happened inside [`Executor::with_trace`].
    pub fn lost_events(&self) -> u64 {
        self.hooks().lost_events.get()
    }

    /// Copies the events with `seq >= from`.
    pub fn events_since(&self, from: u64) -> Vec<Event> {
        self.hooks().trace.borrow().since(from).collect()
    }
}
