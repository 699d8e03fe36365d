//! Time travel: the whole observable state of a run at any event, folded from the trace.
//!
//! # Ground rules
//!
//! - [`RunState::apply`] is a pure fold: one event in, the state after it out. Nothing here asks
//!   the executor anything, so a trace read back from a file replays exactly like a live one.
//! - The fold keeps time the way the recording hooks do (the same [`Meter`], fed at the same
//!   moments), so its busy, scheduled and idle times are the executor's own, to the bit.
//! - [`Replay`] keeps a checkpoint every `every` events: a seek clones the nearest one before the
//!   cursor and folds at most `every - 1` events on top.
//! - A trace that dropped its oldest events (over its cap) replays from its first kept event on:
//!   [`Replay::first_seq`] says where history starts, and the states before it are not invented.

use std::collections::{BTreeMap, VecDeque};
use std::rc::Rc;

use super::log::Trace;
use super::metrics::{Counts, Meter, TaskMetrics, WakeCounts};
use crate::core::rt::event::{Event, EventKind, Outcome, SourceKind};
use crate::core::rt::ids::{TaskId, TaskState, TimerId};
use crate::core::rt::waker::WakerStats;
use crate::core::time::timer::TimerStats;

/// Durations in log2 buckets of microseconds: bucket 0 holds everything under 2 µs, bucket `k`
/// holds `[2^k, 2^(k+1))` µs, and the last bucket everything from about 33 s on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Histogram {
    /// Counts per bucket.
    pub buckets: [u32; Histogram::BUCKETS],
}

impl Histogram {
    /// How many buckets.
    pub const BUCKETS: usize = 26;

    /// The bucket a duration of `ms` falls in (negative and NaN count as 0).
    pub fn bucket(ms: f64) -> usize {
        let us = ms * 1000.0;
        if us.is_nan() || us < 2.0 {
            return 0;
        }
        let mut k = 1;
        let mut edge = 4.0;
        while us >= edge && k < Self::BUCKETS - 1 {
            k += 1;
            edge *= 2.0;
        }
        k
    }

    /// The lower edge of bucket `k`, in milliseconds.
    pub fn lower_ms(k: usize) -> f64 {
        if k == 0 {
            0.0
        } else {
            (1u64 << k.min(62)) as f64 / 1000.0
        }
    }

    /// Counts one duration.
    pub fn add(&mut self, ms: f64) {
        let k = Self::bucket(ms);
        if let Some(b) = self.buckets.get_mut(k) {
            *b = b.saturating_add(1);
        }
    }

    /// How many durations were counted.
    pub fn total(&self) -> u64 {
        self.buckets.iter().map(|&b| u64::from(b)).sum()
    }
}

/// One task as the trace tells it, up to the cursor.
#[derive(Clone, Debug)]
pub struct TaskFold {
    /// The task.
    pub id: TaskId,
    /// Its name (from the trace's name table).
    pub name: Rc<str>,
    /// Where it is in its life.
    pub state: TaskState,
    /// Whether it sits on the ready queue.
    pub queued: bool,
    /// Whether it ended by abort.
    pub aborted: bool,
    /// Polls started.
    pub polls: u64,
    /// Wakes, by who woke it.
    pub wakes: WakeCounts,
    /// Wakes that found it queued already.
    pub coalesced: u64,
    /// Wakes after it was done.
    pub ignored: u64,
    /// Clones made of its waker.
    pub clones: u64,
    /// Clones of its waker dropped.
    pub drops: u64,
    /// How long each poll ran.
    pub poll_times: Histogram,
    /// How long each wake waited for its poll (tokio-console's "scheduled" latency).
    pub scheduled_times: Histogram,
    /// Where its program left it waiting after its last poll: a list in the trace's list table
    /// (`u32::MAX`: nowhere it said).
    pub parked: u32,
    /// It ended in an error (`Some(false)`) or a panic of the program's (`Some(true)`).
    pub failed: Option<bool>,
    /// It polled a future that wakes itself on every poll (`wake_by_ref_then_pending()`).
    pub self_waker: bool,
    /// A task of the program's own executor ([`EventKind::GuestSpawned`]), not one of ours.
    pub guest: bool,
    /// A guest task whose executor's queue is a channel the trace follows (it was
    /// [`EventKind::Enqueued`] once): it is on the ready queue only while it is in that channel.
    pub channel: bool,
    /// A guest task taken off its channel and not yet polled.
    pub taken: bool,
    /// A future it awaits returned Pending holding only another task's waker
    /// ([`SourceKind::Stale`]).
    pub stale: bool,
    meter: Meter,
    woken_at: Option<f64>,
}

impl TaskFold {
    fn new(id: TaskId, name: Rc<str>, at: f64) -> Self {
        TaskFold {
            id,
            name,
            state: TaskState::Scheduled,
            queued: true,
            aborted: false,
            polls: 0,
            wakes: WakeCounts::default(),
            coalesced: 0,
            ignored: 0,
            clones: 0,
            drops: 0,
            poll_times: Histogram::default(),
            scheduled_times: Histogram::default(),
            parked: u32::MAX,
            failed: None,
            self_waker: false,
            guest: false,
            channel: false,
            taken: false,
            stale: false,
            meter: Meter::new(at),
            woken_at: Some(at),
        }
    }

    /// The metrics the executor would report for this task at time `now`. The waker's
    /// `wake()` / `wake_by_ref()` split is not in the trace: both read 0.
    pub fn metrics(&self, now: f64, never_yielded_ms: f64) -> TaskMetrics {
        let counts = Counts {
            state: self.state,
            queued: self.queued,
            polls: self.polls,
            wakes: self.wakes,
            coalesced: self.coalesced,
            ignored: self.ignored,
            unqueued: self.channel && self.state == TaskState::Scheduled && !self.queued && !self.taken,
            stale: self.stale,
        };
        let wakers = WakerStats { clones: self.clones, drops: self.drops, wakes: 0, wake_by_refs: 0 };
        let now = (self.state != TaskState::Done).then_some(now);
        let mut m = self.meter.snapshot(self.id, &self.name, &counts, wakers, now, never_yielded_ms);
        m.failed = self.failed;
        m.guest = self.guest;
        m
    }

    /// Timers armed by this task and still pending.
    pub fn timers_pending(&self) -> u32 {
        self.meter.timers_pending
    }
}

/// A timer armed and not yet fired or cancelled.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PendingTimer {
    /// The timer.
    pub id: TimerId,
    /// The task that armed it, if it was armed inside a poll.
    pub task: Option<TaskId>,
    /// When it was armed.
    pub armed_at: f64,
    /// When it is due.
    pub deadline: f64,
    /// The line of the program that made it, if a program named one.
    pub source: Option<(u32, u32)>,
}

/// Everything observable about a run after a prefix of its trace.
#[derive(Clone, Debug, Default)]
pub struct RunState {
    /// The sequence number of the next event to apply: the cursor.
    pub next_seq: u64,
    /// The time of the last event applied.
    pub at: f64,
    /// The last event applied.
    pub last: Option<Event>,
    /// Tasks in spawn order.
    pub tasks: Vec<TaskFold>,
    /// The ready queue, front first.
    pub ready: VecDeque<TaskId>,
    /// Pending timers, by id.
    pub timers: BTreeMap<TimerId, PendingTimer>,
    /// Events that named a task the fold never saw spawned (a trace that starts mid-run).
    pub unknown: u64,
    /// Timers armed, fired, cancelled and rescheduled so far (`pending` is those still pending).
    pub timer_stats: TimerStats,
    /// Host ticks that ended so far.
    pub ticks: u64,
    /// Of those, the ticks that stopped on their budget with tasks still ready.
    pub budget_stops: u64,
    /// The program's notes (console lines) so far: the trace's first `notes` notes.
    pub notes: u64,
    /// The lines the program named since the last poll started (at most [`RunState::SOURCES`]):
    /// what ran, where a waker was cloned or woken, what made a timer. Cleared by each poll.
    pub sources: Vec<(SourceKind, u32, u32, Option<TaskId>)>,
    /// The line that made the timer of the last timer event that ended one, with the timer.
    pub ended_timer: Option<(TimerId, Option<(u32, u32)>)>,
    /// The last timer cancelled was a future dropped without being polled (not a race's loser).
    pub unpolled_cancel: Option<TimerId>,
    /// A timer's source named, waiting for its `TimerArmed`.
    pending_source: Option<(u32, u32)>,
    /// An unpolled future's drop named, waiting for its timer's cancel.
    pending_unpolled: bool,
    /// A poll just ended: its named lines stay until the next event of the executor's.
    after_poll: bool,
}

impl RunState {
    /// How many named lines a poll keeps.
    pub const SOURCES: usize = 200;

    /// The fold of no events.
    pub fn new() -> Self {
        Self::default()
    }

    /// Polls started so far.
    pub fn polls(&self) -> u64 {
        self.tasks.iter().map(|t| t.polls).sum()
    }

    /// The task with this id, if it was spawned within the fold.
    pub fn task(&self, id: TaskId) -> Option<&TaskFold> {
        self.index(id).and_then(|i| self.tasks.get(i))
    }

    /// Task ids count up from 1 in spawn order, so a task's place is found by a short search
    /// around its id (a trace may start mid-run, after some spawns).
    fn index(&self, id: TaskId) -> Option<usize> {
        let first = self.tasks.first()?.id.0;
        let guess = usize::try_from(id.0.checked_sub(first)?).ok()?;
        match self.tasks.get(guess) {
            Some(t) if t.id == id => Some(guess),
            _ => self.tasks.iter().position(|t| t.id == id),
        }
    }

    fn task_mut(&mut self, id: Option<TaskId>) -> Option<&mut TaskFold> {
        let i = id.and_then(|id| self.index(id));
        match i {
            Some(i) => self.tasks.get_mut(i),
            None => {
                self.unknown += u64::from(id.is_some());
                None
            }
        }
    }

    /// Takes a task off the ready queue: almost always its front (the task being polled).
    fn unqueue(&mut self, id: TaskId) {
        if self.ready.front() == Some(&id) {
            self.ready.pop_front();
        } else if let Some(i) = self.ready.iter().position(|&t| t == id) {
            self.ready.remove(i);
        }
    }

    /// Applies one event. `name` gives a spawned task its name.
    pub fn apply(&mut self, e: &Event, name: impl FnOnce(TaskId) -> Rc<str>) {
        self.next_seq = e.seq + 1;
        self.at = e.at;
        self.last = Some(*e);
        let at = e.at;
        // The lines a poll named show at its end, and go with the next thing that happens.
        if self.after_poll && !e.kind.is_program() {
            self.sources.clear();
            self.after_poll = false;
        }
        match e.kind {
            EventKind::Spawned => {
                if let Some(id) = e.task {
                    self.tasks.push(TaskFold::new(id, name(id), at));
                    self.ready.push_back(id);
                }
            }
            EventKind::GuestSpawned => {
                // On no queue yet: its executor's queue gets it with `Enqueued`, or a wake does
                // (an executor whose queue the trace cannot see).
                if let Some(id) = e.task {
                    let mut t = TaskFold::new(id, name(id), at);
                    t.guest = true;
                    t.queued = false;
                    t.woken_at = None;
                    self.tasks.push(t);
                }
            }
            EventKind::Enqueued => {
                let mut queued = false;
                if let Some(t) = self.task_mut(e.task) {
                    if t.state != TaskState::Done {
                        t.channel = true;
                        t.queued = true;
                        if t.state == TaskState::Idle {
                            t.state = TaskState::Scheduled;
                            t.meter.enter(TaskState::Scheduled, at);
                        }
                        t.woken_at.get_or_insert(at);
                        queued = true;
                    }
                }
                if let (true, Some(id)) = (queued, e.task) {
                    self.ready.push_back(id);
                }
            }
            EventKind::Dequeued => {
                if let Some(id) = e.task {
                    self.unqueue(id);
                    let still = self.ready.contains(&id);
                    if let Some(t) = self.task_mut(e.task) {
                        t.queued = still;
                        t.taken = true;
                    }
                }
            }
            EventKind::PollStarted => {
                if let Some(t) = self.task_mut(e.task) {
                    t.taken = false;
                    t.polls += 1;
                    t.meter.start_poll(at);
                    t.state = TaskState::Running;
                    if let Some(w) = t.woken_at.take() {
                        t.scheduled_times.add(at - w);
                    }
                }
                // A guest task on a channel stays there: only `Dequeued` takes it off.
                let channel = self.task(e.task.unwrap_or(TaskId(0))).is_some_and(|t| t.channel);
                if let (false, Some(id)) = (channel, e.task) {
                    self.unqueue(id);
                    if let Some(t) = self.task_mut(e.task) {
                        t.queued = false;
                    }
                }
                self.sources.clear();
            }
            EventKind::Polled { outcome, took_ms } => {
                self.after_poll = true;
                if let Some(t) = self.task_mut(e.task) {
                    t.meter.end_poll(took_ms);
                    t.poll_times.add(took_ms);
                    if outcome == Outcome::Pending {
                        let next = if t.queued { TaskState::Scheduled } else { TaskState::Idle };
                        t.state = next;
                        t.meter.enter(next, at);
                    }
                }
            }
            EventKind::Woken { by } => {
                let mut queued = false;
                if let Some(t) = self.task_mut(e.task) {
                    t.wakes.add(by);
                    if t.state == TaskState::Idle {
                        t.state = TaskState::Scheduled;
                        t.meter.enter(TaskState::Scheduled, at);
                    }
                    // A guest task on a channel is queued by its `Enqueued`, not by the wake:
                    // a wake that sends it nowhere leaves it off the queue (a lost wakeup).
                    if t.channel {
                        t.woken_at.get_or_insert(at);
                    } else {
                        t.queued = true;
                        t.woken_at = Some(at);
                        queued = true;
                    }
                }
                if let (true, Some(id)) = (queued, e.task) {
                    self.ready.push_back(id);
                }
            }
            EventKind::WakeCoalesced { by } => {
                if let Some(t) = self.task_mut(e.task) {
                    t.wakes.add(by);
                    t.coalesced += 1;
                }
            }
            EventKind::WakeIgnored { by } => {
                if let Some(t) = self.task_mut(e.task) {
                    t.wakes.add(by);
                    t.ignored += 1;
                }
            }
            EventKind::WakerCloned => {
                if let Some(t) = self.task_mut(e.task) {
                    t.clones += 1;
                }
            }
            EventKind::WakerDropped => {
                if let Some(t) = self.task_mut(e.task) {
                    t.drops += 1;
                }
            }
            EventKind::Completed | EventKind::Aborted => {
                let aborted = e.kind == EventKind::Aborted;
                // Only a task still queued is searched for (a scan of the whole queue otherwise).
                // A guest task in its channel stays there until its executor takes it (and finds
                // its future gone): the channel still holds it.
                let queued = self.task(e.task.unwrap_or(TaskId(0))).is_some_and(|t| t.queued && !t.channel);
                if let Some(t) = self.task_mut(e.task) {
                    t.state = TaskState::Done;
                    t.queued = false;
                    t.aborted = aborted;
                    t.woken_at = None;
                    t.parked = u32::MAX;
                    t.meter.finish(Some(at), aborted);
                }
                if let (true, Some(id)) = (queued, e.task) {
                    self.unqueue(id);
                }
            }
            EventKind::TimerArmed { timer, deadline } => {
                self.timer_stats.armed += 1;
                let source = self.pending_source.take();
                self.timers.insert(timer, PendingTimer { id: timer, task: e.task, armed_at: at, deadline, source });
                if let Some(t) = self.task_mut(e.task) {
                    t.meter.timers_pending = t.meter.timers_pending.saturating_add(1);
                }
            }
            EventKind::TimerFired { timer, .. } | EventKind::TimerCancelled { timer } => {
                if matches!(e.kind, EventKind::TimerFired { .. }) {
                    self.timer_stats.fired += 1;
                } else {
                    self.timer_stats.cancelled += 1;
                    self.unpolled_cancel = std::mem::take(&mut self.pending_unpolled).then_some(timer);
                }
                let gone = self.timers.remove(&timer);
                self.ended_timer = Some((timer, gone.and_then(|p| p.source)));
                if let Some(t) = self.task_mut(e.task) {
                    t.meter.timers_pending = t.meter.timers_pending.saturating_sub(1);
                }
            }
            EventKind::TimerRescheduled { timer, new_deadline, .. } => {
                self.timer_stats.rescheduled += 1;
                if let Some(p) = self.timers.get_mut(&timer) {
                    p.deadline = new_deadline;
                }
            }
            EventKind::TickEnded { budget_stop } => {
                self.ticks += 1;
                self.budget_stops += u64::from(budget_stop);
            }
            EventKind::Note { .. } => self.notes += 1,
            EventKind::Source { why, start, end } => match why {
                SourceKind::Timer => self.pending_source = Some((start, end)),
                SourceKind::SelfWaker => {
                    if let Some(t) = self.task_mut(e.task) {
                        t.self_waker = true;
                    }
                }
                _ => {
                    if why == SourceKind::Unpolled {
                        self.pending_unpolled = true;
                    }
                    if why == SourceKind::Stale {
                        if let Some(t) = self.task_mut(e.task) {
                            t.stale = true;
                        }
                    }
                    if self.sources.len() < Self::SOURCES {
                        self.sources.push((why, start, end, e.task));
                    }
                }
            },
            EventKind::Parked { awaits } => {
                if let Some(t) = self.task_mut(e.task) {
                    t.parked = awaits;
                }
            }
            EventKind::Failed { panic } => {
                if let Some(t) = self.task_mut(e.task) {
                    t.failed = Some(panic);
                }
            }
        }
        self.timer_stats.pending = self.timers.len() as u64;
    }

    /// Every task's metrics at time `now`, in spawn order.
    pub fn metrics(&self, now: f64, never_yielded_ms: f64) -> Vec<TaskMetrics> {
        self.tasks.iter().map(|t| t.metrics(now, never_yielded_ms)).collect()
    }
}

/// A run's states at every event, for seeking: the live state, plus a checkpoint every `every`
/// events.
#[derive(Clone, Debug)]
pub struct Replay {
    every: u64,
    /// The first sequence number history starts at (0 unless the trace dropped events before
    /// the replay saw them).
    first_seq: u64,
    checkpoints: Vec<RunState>,
    live: RunState,
}

impl Replay {
    /// Checkpoints every 4,096 events: a seek folds at most 4,095.
    pub const DEFAULT_EVERY: u64 = 4096;

    /// An empty replay that checkpoints every `every` events (at least 1).
    pub fn new(every: u64) -> Self {
        Replay { every: every.max(1), first_seq: 0, checkpoints: vec![RunState::new()], live: RunState::new() }
    }

    /// Where replayable history starts.
    pub fn first_seq(&self) -> u64 {
        self.first_seq
    }

    /// The state after every event folded so far.
    pub fn live(&self) -> &RunState {
        &self.live
    }

    /// Folds the events of `trace` it has not seen yet. If the trace already dropped some of
    /// them, history restarts at the trace's first kept event (earlier states are gone).
    pub fn extend(&mut self, trace: &Trace) {
        let first_kept = trace.total() - trace.len() as u64;
        if first_kept > self.live.next_seq {
            // A gap: what happened in between is unknown. Start afresh at the first kept event.
            self.first_seq = first_kept;
            self.live = RunState { next_seq: first_kept, ..RunState::new() };
            self.checkpoints = vec![self.live.clone()];
        }
        for e in trace.since(self.live.next_seq) {
            self.live.apply(&e, |id| trace.name(id));
            if (e.seq + 1 - self.first_seq) % self.every == 0 {
                self.checkpoints.push(self.live.clone());
            }
        }
    }

    /// The state with the cursor at `seq`: after every event before it. `None` if `seq` is
    /// before history starts or after the last event folded.
    pub fn state_at(&self, trace: &Trace, seq: u64) -> Option<RunState> {
        if seq < self.first_seq || seq > self.live.next_seq {
            return None;
        }
        if seq == self.live.next_seq {
            return Some(self.live.clone());
        }
        let k = usize::try_from((seq - self.first_seq) / self.every).ok()?;
        let mut state = self.checkpoints.get(k)?.clone();
        for e in trace.since(state.next_seq).take_while(|e| e.seq < seq) {
            state.apply(&e, |id| trace.name(id));
        }
        (state.next_seq == seq).then_some(state)
    }

    /// The cursor of the last event at or before time `at` (the event a playhead at `at` shows).
    pub fn seq_at_time(trace: &Trace, at: f64) -> Option<u64> {
        let mut last = None;
        for e in trace.iter() {
            if e.at > at {
                break;
            }
            last = Some(e.seq + 1);
        }
        last
    }
}
