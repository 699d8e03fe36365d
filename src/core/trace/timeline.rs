//! The trace, folded into what the UI draws: one lane per task, timer bars, polls, wakes, the
//! ready queue and the pending timers.
//!
//! # Ground rules
//!
//! - [`TraceView::apply`] consumes events in order and never looks anywhere else: the view is a
//!   pure function of the trace, so it can be tested natively and can never disagree with it.
//! - Folding is incremental. Each event costs O(1) (hash lookups), so a batch of 20,000 events is
//!   cheap, and the lanes keep their items sorted by time for binary search when drawing.
//! - If the trace dropped events before the view read them, [`TraceView::missed`] says how many.

use std::collections::{BTreeMap, HashMap, VecDeque};

use crate::core::rt::event::{Event, EventKind, Outcome, WakeSource};
use crate::core::rt::ids::{TaskId, TimerId};

/// A poll, from start to end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PollMark {
    /// When the poll started.
    pub start: f64,
    /// When it returned (equal to `start` while it runs).
    pub end: f64,
    /// What it returned; `None` while it runs.
    pub outcome: Option<Outcome>,
}

/// A wake of a task.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WakeMark {
    /// When.
    pub at: f64,
    /// Who woke it.
    pub by: WakeSource,
    /// Whether the task was already queued (the wake changed nothing).
    pub coalesced: bool,
}

/// How a timer ended.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TimerEnd {
    /// Its callback ran at or after the deadline.
    Fired {
        /// How late, in ms.
        lateness_ms: f64,
    },
    /// It was dropped while pending.
    Cancelled,
}

/// A timer, from armed to fired or cancelled.
#[derive(Clone, Debug, PartialEq)]
pub struct TimerBar {
    /// Which timer.
    pub id: TimerId,
    /// The task that created it.
    pub task: Option<TaskId>,
    /// When it was armed.
    pub armed_at: f64,
    /// Its current deadline.
    pub deadline: f64,
    /// Live edits: (when, old deadline, new deadline).
    pub reschedules: Vec<(f64, f64, f64)>,
    /// How and when it ended.
    pub end: Option<(f64, TimerEnd)>,
    /// The task its fire woke, if it woke one.
    pub woke: Option<TaskId>,
}

/// One task's row in the timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    /// The task.
    pub task: TaskId,
    /// When it was spawned.
    pub spawned_at: f64,
    /// Its polls, by start time.
    pub polls: Vec<PollMark>,
    /// Its wakes, by time.
    pub wakes: Vec<WakeMark>,
    /// Its timers (indices into [`TraceView::timers`]), by arming time.
    pub timers: Vec<usize>,
    /// When it completed or was aborted.
    pub done_at: Option<f64>,
    /// Whether it was aborted.
    pub aborted: bool,
    /// Whether it ended in an error or a panic (its program said so).
    pub failed: bool,
}

/// The trace folded for drawing.
#[derive(Clone, Debug, Default)]
pub struct TraceView {
    next_seq: u64,
    missed: u64,
    lanes: Vec<Lane>,
    lane_of: HashMap<TaskId, usize>,
    timers: Vec<TimerBar>,
    timer_of: HashMap<TimerId, usize>,
    pending: BTreeMap<TimerId, usize>,
    ready: VecDeque<TaskId>,
    first_at: Option<f64>,
    last_at: f64,
    events: u64,
}

impl TraceView {
    /// An empty view.
    pub fn new() -> Self {
        Self::default()
    }

    /// Folds in events (in trace order). Events already seen are skipped.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform, TimerFuture, TraceView};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// exec.spawn("t", async { TimerFuture::new(Duration::from_millis(50)).await });
    /// sim.advance(10.0);
    /// let mut view = TraceView::new();
    /// view.apply(&exec.events_since(view.next_seq()));
    /// assert_eq!(view.pending_timers().count(), 1);
    /// sim.advance(100.0);
    /// view.apply(&exec.events_since(view.next_seq()));
    /// assert_eq!(view.pending_timers().count(), 0);
    /// assert_eq!(view.lanes()[0].polls.len(), 2);
    /// ```
    pub fn apply(&mut self, events: &[Event]) {
        for e in events {
            if e.seq < self.next_seq {
                continue;
            }
            self.missed += e.seq - self.next_seq;
            self.next_seq = e.seq + 1;
            self.apply_one(e);
        }
    }

    fn lane(&mut self, task: TaskId, at: f64) -> usize {
        if let Some(&i) = self.lane_of.get(&task) {
            return i;
        }
        self.lanes.push(Lane {
            task,
            spawned_at: at,
            polls: Vec::new(),
            wakes: Vec::new(),
            timers: Vec::new(),
            done_at: None,
            aborted: false,
            failed: false,
        });
        let i = self.lanes.len() - 1;
        self.lane_of.insert(task, i);
        i
    }

    fn apply_one(&mut self, e: &Event) {
        self.events += 1;
        self.first_at.get_or_insert(e.at);
        self.last_at = self.last_at.max(e.at);
        let lane = e.task.map(|t| self.lane(t, e.at));
        match (e.kind, lane) {
            (EventKind::Spawned, Some(_)) => {
                if let Some(t) = e.task {
                    self.ready.push_back(t);
                }
            }
            (EventKind::PollStarted, Some(l)) => {
                if let Some(t) = e.task {
                    if let Some(pos) = self.ready.iter().position(|&r| r == t) {
                        self.ready.remove(pos);
                    }
                }
                self.lanes[l].polls.push(PollMark { start: e.at, end: e.at, outcome: None });
            }
            (EventKind::Polled { outcome, took_ms }, Some(l)) => match self.lanes[l].polls.last_mut() {
                Some(p) if p.outcome.is_none() => {
                    p.end = e.at;
                    p.outcome = Some(outcome);
                }
                _ => self.lanes[l].polls.push(PollMark { start: e.at - took_ms, end: e.at, outcome: Some(outcome) }),
            },
            (EventKind::Woken { by }, Some(l)) | (EventKind::WakeCoalesced { by }, Some(l)) => {
                let coalesced = matches!(e.kind, EventKind::WakeCoalesced { .. });
                self.lanes[l].wakes.push(WakeMark { at: e.at, by, coalesced });
                if let (WakeSource::Timer(id), Some(t)) = (by, e.task) {
                    if let Some(&i) = self.timer_of.get(&id) {
                        self.timers[i].woke = Some(t);
                    }
                }
                if !coalesced {
                    if let Some(t) = e.task {
                        self.ready.push_back(t);
                    }
                }
            }
            (EventKind::Failed { .. }, Some(l)) => self.lanes[l].failed = true,
            (EventKind::Completed, Some(l)) | (EventKind::Aborted, Some(l)) => {
                self.lanes[l].done_at = Some(e.at);
                self.lanes[l].aborted = e.kind == EventKind::Aborted;
                if let Some(t) = e.task {
                    self.ready.retain(|&r| r != t);
                }
            }
            (EventKind::TimerArmed { timer, deadline }, _) => {
                let i = self.timers.len();
                self.timers.push(TimerBar {
                    id: timer,
                    task: e.task,
                    armed_at: e.at,
                    deadline,
                    reschedules: Vec::new(),
                    end: None,
                    woke: None,
                });
                self.timer_of.insert(timer, i);
                self.pending.insert(timer, i);
                if let Some(l) = lane {
                    self.lanes[l].timers.push(i);
                }
            }
            (EventKind::TimerRescheduled { timer, old_deadline, new_deadline }, _) => {
                if let Some(&i) = self.timer_of.get(&timer) {
                    self.timers[i].deadline = new_deadline;
                    self.timers[i].reschedules.push((e.at, old_deadline, new_deadline));
                }
            }
            (EventKind::TimerFired { timer, lateness_ms, .. }, _) => {
                if let Some(&i) = self.timer_of.get(&timer) {
                    self.timers[i].end = Some((e.at, TimerEnd::Fired { lateness_ms }));
                }
                self.pending.remove(&timer);
            }
            (EventKind::TimerCancelled { timer }, _) => {
                if let Some(&i) = self.timer_of.get(&timer) {
                    self.timers[i].end = Some((e.at, TimerEnd::Cancelled));
                }
                self.pending.remove(&timer);
            }
            _ => {}
        }
    }

    /// The sequence number of the next event to read.
    pub fn next_seq(&self) -> u64 {
        self.next_seq
    }

    /// Events the trace dropped before this view read them.
    pub fn missed(&self) -> u64 {
        self.missed
    }

    /// Events folded in so far.
    pub fn event_count(&self) -> u64 {
        self.events
    }

    /// The lanes, in spawn order.
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// Every timer seen, in arming order.
    pub fn timers(&self) -> &[TimerBar] {
        &self.timers
    }

    /// Timers armed and not yet fired or cancelled, oldest first.
    pub fn pending_timers(&self) -> impl Iterator<Item = &TimerBar> + '_ {
        self.pending.values().map(move |&i| &self.timers[i])
    }

    /// The ready queue as the trace tells it, front first.
    pub fn ready_queue(&self) -> impl Iterator<Item = TaskId> + '_ {
        self.ready.iter().copied()
    }

    /// The lane of a task.
    pub fn lane_index(&self, task: TaskId) -> Option<usize> {
        self.lane_of.get(&task).copied()
    }

    /// The time of the first and of the latest event.
    pub fn span(&self) -> Option<(f64, f64)> {
        self.first_at.map(|f| (f, self.last_at))
    }
}

impl Lane {
    /// The first poll that starts at or after `t`.
    pub fn poll_after(&self, t: f64) -> Option<&PollMark> {
        let i = self.polls.partition_point(|p| p.start < t);
        self.polls.get(i)
    }

    /// The polls that overlap `[from, to]`.
    pub fn polls_in(&self, from: f64, to: f64) -> &[PollMark] {
        let a = self.polls.partition_point(|p| p.end < from);
        let b = self.polls.partition_point(|p| p.start <= to);
        self.polls.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The wakes within `[from, to]`.
    pub fn wakes_in(&self, from: f64, to: f64) -> &[WakeMark] {
        let a = self.wakes.partition_point(|w| w.at < from);
        let b = self.wakes.partition_point(|w| w.at <= to);
        self.wakes.get(a..b.max(a)).unwrap_or(&[])
    }
}
