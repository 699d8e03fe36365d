//! Per-task metrics and warnings, in the spirit of tokio-console.
//!
//! # Ground rules
//!
//! - The executor feeds a [`Meter`] as things happen; [`TaskMetrics`] is a snapshot of it.
//! - Times are split by state: busy (running a poll), scheduled (woken, waiting on the ready queue)
//!   and idle (waiting for a wake). They add up to the task's lifetime. With timing off they stay 0.
//! - Warnings are judged on a snapshot, never stored: they appear and clear as the task moves on.

use std::fmt;
use std::rc::Rc;

use crate::core::fixed::Fixed;
use crate::core::rt::event::WakeSource;
use crate::core::rt::ids::{TaskId, TaskState};
use crate::core::rt::waker::WakerStats;

/// Wakes of one task, by who woke it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WakeCounts {
    /// From timer callbacks.
    pub timer: u64,
    /// From the task's own poll.
    pub self_wake: u64,
    /// From other tasks or outside code.
    pub other: u64,
    /// From other threads.
    pub remote: u64,
}

impl WakeCounts {
    /// All wakes.
    pub fn total(&self) -> u64 {
        self.timer + self.self_wake + self.other + self.remote
    }
}

/// A task needs at least this many wakes before the self-wake warning can apply: one `yield`
/// is not a busy loop.
pub const SELF_WAKE_MIN: u64 = 3;

/// Something about a task that is probably a bug.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Warning {
    /// Pending, not queued, and no live waker: nothing can ever wake it. (A timer that can wake
    /// its task holds a waker, so an armed timer that never stored one does not count.)
    LostWaker,
    /// More than half of its wakes came from its own polls: it may be busy-looping.
    SelfWake {
        /// Wakes from its own polls.
        self_wakes: u64,
        /// All wakes.
        wakes: u64,
    },
    /// One poll ran this long without returning: it blocked the thread (and the page).
    NeverYielded {
        /// The longest poll, in ms.
        poll_ms: f64,
    },
    /// A task of the program's own executor was woken, but its wake put it on no queue: its
    /// executor will never poll it (the lost wakeup of a `wake_by_ref` that forgets to send).
    NotQueued,
    /// Pending and nothing can wake it, as for [`Warning::LostWaker`], but not for want of a
    /// waker: the future it awaits keeps one of another task's, from a poll before it moved
    /// here. That task is woken in its place (the chapter's warning about stale wakers).
    StaleWaker,
}

impl Warning {
    /// A stable short name.
    pub fn key(&self) -> &'static str {
        match self {
            Warning::LostWaker => "lost-waker",
            Warning::SelfWake { .. } => "self-wake",
            Warning::NeverYielded { .. } => "never-yielded",
            Warning::NotQueued => "not-queued",
            Warning::StaleWaker => "stale-waker",
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::LostWaker => {
                f.write_str("lost waker: returned Pending, but no waker and no timer is left to wake it; it will never be polled again")
            }
            Warning::SelfWake { self_wakes, wakes } => {
                write!(f, "self-wake: {self_wakes} of {wakes} wakes came from its own poll")
            }
            Warning::NeverYielded { poll_ms } => {
                write!(f, "never yielded: one poll ran {} ms without returning, blocking the thread", Fixed(*poll_ms, 1))
            }
            Warning::NotQueued => f.write_str(
                "woken, never queued: its waker was woken, but the wake sent it to no queue of its executor's, so it will never be polled",
            ),
            Warning::StaleWaker => f.write_str(
                "stale waker: the future it awaits keeps the waker of another task, from a poll before it moved here; that task is woken instead, and this one never is",
            ),
        }
    }
}

/// What the executor knows about one task, at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct TaskMetrics {
    /// The task.
    pub id: TaskId,
    /// Its name.
    pub name: Rc<str>,
    /// Its state.
    pub state: TaskState,
    /// Whether it ended by abort rather than Ready.
    pub aborted: bool,
    /// Polls so far.
    pub polls: u64,
    /// Wakes by source (including coalesced and ignored ones).
    pub wakes: WakeCounts,
    /// Wakes that found the task already queued.
    pub coalesced: u64,
    /// Wakes that came after it finished.
    pub ignored: u64,
    /// Waker clones, drops and wakes.
    pub wakers: WakerStats,
    /// Time spent inside polls.
    pub busy_ms: f64,
    /// Time spent on the ready queue, from wake to poll.
    pub scheduled_ms: f64,
    /// Time spent waiting for a wake.
    pub idle_ms: f64,
    /// The longest single poll.
    pub longest_poll_ms: f64,
    /// When it was spawned.
    pub spawned_at: f64,
    /// When it finished.
    pub completed_at: Option<f64>,
    /// Timers it armed that have neither fired nor been cancelled.
    pub timers_pending: u32,
    /// What looks wrong right now.
    pub warnings: Vec<Warning>,
    /// It ended in an error (`Some(false)`) or a panic of its program's (`Some(true)`): it
    /// failed, it is not done. Only a trace tells (a program says so in it).
    pub failed: Option<bool>,
    /// A task of the program's own executor (a guest task), polled by the program's code.
    pub guest: bool,
}

/// A task's counters, read out of its cells for a snapshot.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Counts {
    pub(crate) state: TaskState,
    pub(crate) queued: bool,
    pub(crate) polls: u64,
    pub(crate) wakes: WakeCounts,
    pub(crate) coalesced: u64,
    pub(crate) ignored: u64,
    /// A guest task woken (or spawned) but in none of its executor's queue: see
    /// [`Warning::NotQueued`]. Only a trace tells.
    pub(crate) unqueued: bool,
    /// A future it awaits holds only another task's waker: see [`Warning::StaleWaker`].
    pub(crate) stale: bool,
}

impl WakeCounts {
    pub(crate) fn add(&mut self, by: WakeSource) {
        match by {
            WakeSource::Timer(_) => self.timer += 1,
            WakeSource::SelfWake => self.self_wake += 1,
            WakeSource::Other(_) => self.other += 1,
            WakeSource::Remote => self.remote += 1,
        }
    }
}

/// The executor's running tally of one task's time (only kept with timing on).
#[derive(Clone, Debug)]
pub(crate) struct Meter {
    spawned_at: f64,
    cur: TaskState,
    since: f64,
    busy_ms: f64,
    scheduled_ms: f64,
    idle_ms: f64,
    longest_poll_ms: f64,
    completed_at: Option<f64>,
    aborted: bool,
    pub(crate) timers_pending: u32,
}

impl Meter {
    pub(crate) fn new(now: f64) -> Self {
        Self {
            spawned_at: now,
            cur: TaskState::Scheduled,
            since: now,
            busy_ms: 0.0,
            scheduled_ms: 0.0,
            idle_ms: 0.0,
            longest_poll_ms: 0.0,
            completed_at: None,
            aborted: false,
            timers_pending: 0,
        }
    }

    fn bucket(&mut self, state: TaskState) -> Option<&mut f64> {
        match state {
            TaskState::Running => Some(&mut self.busy_ms),
            TaskState::Scheduled => Some(&mut self.scheduled_ms),
            TaskState::Idle => Some(&mut self.idle_ms),
            TaskState::Done => None,
        }
    }

    /// Moves to `next` at `now`, charging the time since the last move to the old state.
    pub(crate) fn enter(&mut self, next: TaskState, now: f64) {
        let spent = (now - self.since).max(0.0);
        let cur = self.cur;
        if let Some(b) = self.bucket(cur) {
            *b += spent;
        }
        self.cur = next;
        self.since = now;
    }

    pub(crate) fn start_poll(&mut self, t0: f64) {
        self.enter(TaskState::Running, t0);
    }

    pub(crate) fn end_poll(&mut self, took_ms: f64) {
        if took_ms > self.longest_poll_ms {
            self.longest_poll_ms = took_ms;
        }
    }

    /// The task is done; `now` is `None` when untimed (then no completion time is known).
    pub(crate) fn finish(&mut self, now: Option<f64>, aborted: bool) {
        if let Some(now) = now {
            self.enter(TaskState::Done, now);
        } else {
            self.cur = TaskState::Done;
        }
        self.completed_at = now;
        self.aborted = aborted;
    }

    /// Starts timing afresh at `now`, in `state` (when timing is switched on mid-run).
    pub(crate) fn restart(&mut self, state: TaskState, now: f64) {
        self.cur = state;
        self.since = now;
    }

    pub(crate) fn snapshot(
        &self,
        id: TaskId,
        name: &Rc<str>,
        counts: &Counts,
        wakers: WakerStats,
        now: Option<f64>,
        never_yielded_ms: f64,
    ) -> TaskMetrics {
        let (state, queued) = (counts.state, counts.queued);
        let mut m = self.clone();
        if let Some(now) = now {
            m.enter(m.cur, now);
        }
        let mut warnings = Vec::new();
        // A pending timer that holds no waker (armed, never polled) cannot wake the task either,
        // so only live wakers count: a timer that can wake its task holds one of them.
        if state == TaskState::Idle && !queued && wakers.live() <= 0 {
            warnings.push(if counts.stale { Warning::StaleWaker } else { Warning::LostWaker });
        }
        let wakes = counts.wakes.total();
        if wakes >= SELF_WAKE_MIN && counts.wakes.self_wake * 2 > wakes {
            warnings.push(Warning::SelfWake { self_wakes: counts.wakes.self_wake, wakes });
        }
        if m.longest_poll_ms >= never_yielded_ms {
            warnings.push(Warning::NeverYielded { poll_ms: m.longest_poll_ms });
        }
        if counts.unqueued {
            warnings.push(Warning::NotQueued);
        }
        TaskMetrics {
            id,
            name: name.clone(),
            state,
            aborted: m.aborted,
            polls: counts.polls,
            wakes: counts.wakes,
            coalesced: counts.coalesced,
            ignored: counts.ignored,
            wakers,
            busy_ms: m.busy_ms,
            scheduled_ms: m.scheduled_ms,
            idle_ms: m.idle_ms,
            longest_poll_ms: m.longest_poll_ms,
            spawned_at: m.spawned_at,
            completed_at: m.completed_at,
            timers_pending: m.timers_pending,
            warnings,
            failed: None,
            guest: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_add_up_to_the_lifetime() {
        let mut m = Meter::new(0.0);
        m.start_poll(2.0); // scheduled 2
        m.end_poll(3.0);
        m.enter(TaskState::Idle, 5.0); // busy 3
        m.enter(TaskState::Scheduled, 15.0); // idle 10
        m.start_poll(16.0); // scheduled 1
        m.finish(Some(17.0), false); // busy 1
        assert_eq!((m.busy_ms, m.scheduled_ms, m.idle_ms), (4.0, 3.0, 10.0));
        assert_eq!(m.busy_ms + m.scheduled_ms + m.idle_ms, 17.0);
        assert_eq!(m.longest_poll_ms, 3.0);
    }

    #[test]
    fn snapshot_charges_the_current_state_up_to_now() {
        let mut m = Meter::new(0.0);
        m.start_poll(0.0);
        m.enter(TaskState::Idle, 1.0);
        let name: Rc<str> = Rc::from("t");
        let counts = Counts {
            state: TaskState::Idle,
            queued: false,
            polls: 1,
            wakes: WakeCounts::default(),
            coalesced: 0,
            ignored: 0,
            unqueued: false,
            stale: false,
        };
        let s = m.snapshot(TaskId(1), &name, &counts, WakerStats::default(), Some(11.0), 50.0);
        assert_eq!(s.idle_ms, 10.0);
        assert_eq!(s.warnings, [Warning::LostWaker]);
    }
}
