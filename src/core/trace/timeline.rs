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
    /// A task of the program's own executor (a guest task): its lane is in the first group.
    pub guest: bool,
    /// A guest task whose queue is a channel the trace follows: only `Enqueued` queues it.
    pub channel: bool,
}

/// The trace folded for drawing.
#[derive(Clone, Debug, Default)]
pub struct TraceView {
    next_seq: u64,
    missed: u64,
    /// Guest lanes first (the program's own executor), then ours (tasks and threads).
    lanes: Vec<Lane>,
    guests: usize,
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

    /// The lane of `task`, made on its first event. A guest task's lane goes at the end of the
    /// guest group, before our lanes (whose indices move down one).
    fn lane(&mut self, task: TaskId, at: f64, guest: bool) -> usize {
        if let Some(&i) = self.lane_of.get(&task) {
            return i;
        }
        let lane = Lane {
            task,
            spawned_at: at,
            polls: Vec::new(),
            wakes: Vec::new(),
            timers: Vec::new(),
            done_at: None,
            aborted: false,
            failed: false,
            guest,
            channel: false,
        };
        let i = if guest {
            let i = self.guests;
            self.guests += 1;
            if i < self.lanes.len() {
                for l in &self.lanes[i..] {
                    if let Some(j) = self.lane_of.get_mut(&l.task) {
                        *j += 1;
                    }
                }
            }
            self.lanes.insert(i, lane);
            i
        } else {
            self.lanes.push(lane);
            self.lanes.len() - 1
        };
        self.lane_of.insert(task, i);
        i
    }

    fn apply_one(&mut self, e: &Event) {
        self.events += 1;
        self.first_at.get_or_insert(e.at);
        self.last_at = self.last_at.max(e.at);
        let guest = e.kind == EventKind::GuestSpawned;
        let lane = e.task.map(|t| self.lane(t, e.at, guest));
        match (e.kind, lane) {
            (EventKind::Spawned, Some(_)) => {
                if let Some(t) = e.task {
                    self.ready.push_back(t);
                }
            }
            (EventKind::Enqueued, Some(l)) if self.lanes[l].done_at.is_none() => {
                self.lanes[l].channel = true;
                if let Some(t) = e.task {
                    self.ready.push_back(t);
                }
            }
            (EventKind::Dequeued, Some(_)) => {
                if let Some(t) = e.task {
                    if let Some(pos) = self.ready.iter().position(|&r| r == t) {
                        self.ready.remove(pos);
                    }
                }
            }
            (EventKind::PollStarted, Some(l)) => {
                // A guest task on a channel stays there: only `Dequeued` takes it off.
                if let (false, Some(t)) = (self.lanes[l].channel, e.task) {
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
                if !coalesced && !self.lanes[l].channel {
                    if let Some(t) = e.task {
                        self.ready.push_back(t);
                    }
                }
            }
            (EventKind::Failed { .. }, Some(l)) => self.lanes[l].failed = true,
            (EventKind::Completed, Some(l)) | (EventKind::Aborted, Some(l)) => {
                self.lanes[l].done_at = Some(e.at);
                self.lanes[l].aborted = e.kind == EventKind::Aborted;
                // A guest task in its channel stays there until its executor takes it.
                if let (false, Some(t)) = (self.lanes[l].channel, e.task) {
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

    /// The lanes: the guest group (tasks of the program's own executor), then ours (its
    /// tasks and threads); each group in the order its tasks were first seen.
    pub fn lanes(&self) -> &[Lane] {
        &self.lanes
    }

    /// How many lanes the guest group has (the first ones of [`TraceView::lanes`]).
    pub fn guest_lanes(&self) -> usize {
        self.guests
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

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(seq: u64, task: u64, kind: EventKind) -> Event {
        Event { seq, at: seq as f64, task: Some(TaskId(task)), kind }
    }

    #[test]
    fn a_guest_lane_seen_late_goes_above_ours_and_every_lane_is_found_where_it_is() {
        let mut v = TraceView::new();
        v.apply(&[
            ev(0, 1, EventKind::Spawned),
            ev(1, 2, EventKind::Spawned),
            ev(2, 3, EventKind::GuestSpawned),
            ev(3, 4, EventKind::Spawned),
            ev(4, 5, EventKind::GuestSpawned),
            ev(5, 1, EventKind::PollStarted),
        ]);
        let order: Vec<u64> = v.lanes().iter().map(|l| l.task.0).collect();
        assert_eq!(order, [3, 5, 1, 2, 4]);
        assert_eq!(v.guest_lanes(), 2);
        for (i, l) in v.lanes().iter().enumerate() {
            assert_eq!(v.lane_index(l.task), Some(i));
        }
        // The poll went to task 1's lane, wherever it moved.
        assert_eq!(v.lanes()[2].polls.len(), 1);
    }

    #[test]
    fn a_guest_on_a_channel_is_ready_from_enqueued_to_dequeued_and_a_wake_alone_queues_nothing() {
        let mut v = TraceView::new();
        let ready = |v: &TraceView| v.ready_queue().map(|t| t.0).collect::<Vec<_>>();
        v.apply(&[ev(0, 7, EventKind::GuestSpawned)]);
        assert_eq!(ready(&v), [0; 0]);
        v.apply(&[ev(1, 7, EventKind::Enqueued)]);
        assert_eq!(ready(&v), [7]);
        v.apply(&[ev(2, 7, EventKind::Dequeued), ev(3, 7, EventKind::PollStarted)]);
        assert_eq!(ready(&v), [0; 0]);
        v.apply(&[ev(4, 7, EventKind::Polled { outcome: Outcome::Pending, took_ms: 0.0 })]);
        v.apply(&[ev(5, 7, EventKind::Woken { by: WakeSource::Other(None) })]);
        assert_eq!(ready(&v), [0; 0], "a wake that sent it nowhere");
        v.apply(&[ev(6, 7, EventKind::Enqueued), ev(7, 7, EventKind::Enqueued)]);
        assert_eq!(ready(&v), [7, 7], "sent twice, in the channel twice");
        // A guest without a channel is queued by its wakes, as ours are.
        v.apply(&[ev(8, 9, EventKind::GuestSpawned), ev(9, 9, EventKind::Woken { by: WakeSource::Other(None) })]);
        assert_eq!(ready(&v), [7, 7, 9]);
    }
}
