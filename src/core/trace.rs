//! The trace: every moment of the executor's life, timestamped, in order.
//!
//! # Ground rules
//!
//! - The trace is the single source of truth. The UI draws it; the metrics agree with it.
//! - Events get consecutive sequence numbers from 0. When the trace is full, the oldest events go
//!   first; [`Trace::dropped`] counts them, and sequence numbers keep counting.
//! - Recording never calls out of the trace, so it can happen from anywhere: inside a poll, a waker
//!   vtable function or a timer callback.

use std::collections::VecDeque;
use std::fmt;

use super::fixed::Fixed;
use super::ids::{TaskId, TimerId};

/// What a poll returned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// `Poll::Pending`: the future stored a waker (we hope) and will be polled after a wake.
    Pending,
    /// `Poll::Ready`: the future is finished and has been dropped.
    Ready,
}

/// Who called `wake`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WakeSource {
    /// A timer's callback, after it set `completed`.
    Timer(TimerId),
    /// The task itself, from inside its own poll (as `yield_now` does).
    SelfWake,
    /// Anything else: another task (named when known), a UI event, test code.
    Other(Option<TaskId>),
    /// Another thread. Such wakes go through an inbox that the executor empties on its own thread.
    Remote,
}

impl WakeSource {
    /// A short label for tables and logs.
    pub fn label(&self) -> &'static str {
        match self {
            WakeSource::Timer(_) => "timer",
            WakeSource::SelfWake => "self",
            WakeSource::Other(_) => "other",
            WakeSource::Remote => "remote",
        }
    }
}

/// One kind of moment in the executor's life.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventKind {
    /// A task was created and put on the ready queue.
    Spawned,
    /// The executor took a task off the ready queue and called its `poll`.
    PollStarted,
    /// The executor polled a task. `took_ms` is 0 when timing is off.
    Polled {
        /// What `poll` returned.
        outcome: Outcome,
        /// How long the poll ran.
        took_ms: f64,
    },
    /// A waker put its task on the ready queue.
    Woken {
        /// Who called `wake`.
        by: WakeSource,
    },
    /// A wake arrived while the task was already queued; it changed nothing.
    WakeCoalesced {
        /// Who called `wake`.
        by: WakeSource,
    },
    /// A wake arrived after the task had completed; it was ignored.
    WakeIgnored {
        /// Who called `wake`.
        by: WakeSource,
    },
    /// A waker was cloned (a future kept a copy to wake the task later).
    WakerCloned,
    /// A waker was dropped (or consumed by `wake`).
    WakerDropped,
    /// The task's future returned Ready and was dropped.
    Completed,
    /// The task was aborted: its future was dropped before it finished.
    Aborted,
    /// A timer was created and its wake-up arranged.
    TimerArmed {
        /// Which timer.
        timer: TimerId,
        /// When it is due, in clock milliseconds.
        deadline: f64,
    },
    /// A timer's callback found it due, set `completed` and woke the stored waker (if any).
    TimerFired {
        /// Which timer.
        timer: TimerId,
        /// How long after its deadline the callback ran.
        lateness_ms: f64,
        /// Whether a waker was stored to wake.
        woke: bool,
    },
    /// A pending timer was dropped; its host timeout was cleared.
    TimerCancelled {
        /// Which timer.
        timer: TimerId,
    },
    /// A pending timer's duration was edited; it was re-armed for the new deadline.
    TimerRescheduled {
        /// Which timer.
        timer: TimerId,
        /// The deadline before the edit.
        old_deadline: f64,
        /// The deadline after the edit.
        new_deadline: f64,
    },
}

impl EventKind {
    /// A short, stable name for filters and logs.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Spawned => "spawned",
            EventKind::PollStarted => "poll-started",
            EventKind::Polled { outcome: Outcome::Pending, .. } => "poll-pending",
            EventKind::Polled { outcome: Outcome::Ready, .. } => "poll-ready",
            EventKind::Woken { .. } => "woken",
            EventKind::WakeCoalesced { .. } => "wake-coalesced",
            EventKind::WakeIgnored { .. } => "wake-ignored",
            EventKind::WakerCloned => "waker-cloned",
            EventKind::WakerDropped => "waker-dropped",
            EventKind::Completed => "completed",
            EventKind::Aborted => "aborted",
            EventKind::TimerArmed { .. } => "timer-armed",
            EventKind::TimerFired { .. } => "timer-fired",
            EventKind::TimerCancelled { .. } => "timer-cancelled",
            EventKind::TimerRescheduled { .. } => "timer-rescheduled",
        }
    }

    /// The timer this event is about, if any.
    pub fn timer(&self) -> Option<TimerId> {
        match *self {
            EventKind::TimerArmed { timer, .. }
            | EventKind::TimerFired { timer, .. }
            | EventKind::TimerCancelled { timer }
            | EventKind::TimerRescheduled { timer, .. } => Some(timer),
            EventKind::Woken { by: WakeSource::Timer(timer) } => Some(timer),
            _ => None,
        }
    }
}

/// One timestamped event.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Event {
    /// Position in the whole trace, from 0, never reused.
    pub seq: u64,
    /// Clock time in milliseconds.
    pub at: f64,
    /// The task concerned, when there is one.
    pub task: Option<TaskId>,
    /// What happened.
    pub kind: EventKind,
}

impl fmt::Display for Event {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:>10} ms  ", Fixed(self.at, 3).to_string())?;
        match self.task {
            Some(t) => write!(f, "{t:<8} ")?,
            None => write!(f, "{:<8} ", "-")?,
        }
        match self.kind {
            EventKind::Polled { outcome, took_ms } => write!(f, "polled -> {outcome:?} ({} ms)", Fixed(took_ms, 3)),
            EventKind::Woken { by } => write!(f, "woken by {}", describe_source(by)),
            EventKind::WakeCoalesced { by } => write!(f, "wake by {} coalesced (already queued)", describe_source(by)),
            EventKind::WakeIgnored { by } => write!(f, "wake by {} ignored (task done)", describe_source(by)),
            EventKind::TimerArmed { timer, deadline } => write!(f, "{timer} armed, due at {} ms", Fixed(deadline, 3)),
            EventKind::TimerFired { timer, lateness_ms, woke } => {
                write!(f, "{timer} fired {} ms late{}", Fixed(lateness_ms, 3), if woke { ", woke its waker" } else { ", no waker stored" })
            }
            EventKind::TimerCancelled { timer } => write!(f, "{timer} cancelled (clearTimeout)"),
            EventKind::TimerRescheduled { timer, old_deadline, new_deadline } => {
                write!(f, "{timer} rescheduled {} -> {} ms", Fixed(old_deadline, 3), Fixed(new_deadline, 3))
            }
            k => f.write_str(k.name()),
        }
    }
}

fn describe_source(by: WakeSource) -> String {
    match by {
        WakeSource::Timer(t) => t.to_string(),
        WakeSource::SelfWake => "itself".into(),
        WakeSource::Other(Some(t)) => t.to_string(),
        WakeSource::Other(None) => "outside code".into(),
        WakeSource::Remote => "another thread".into(),
    }
}

/// A bounded, append-only log of events.
///
/// # Examples
///
/// ```
/// use waker_playground::core::{EventKind, Trace};
/// let mut trace = Trace::with_cap(2);
/// for t in 0..3 {
///     trace.push(f64::from(t), None, EventKind::Spawned);
/// }
/// assert_eq!(trace.len(), 2);
/// assert_eq!(trace.dropped(), 1);
/// assert_eq!(trace.since(0).next().map(|e| e.seq), Some(1));
/// ```
#[derive(Clone, Debug)]
pub struct Trace {
    events: VecDeque<Event>,
    cap: usize,
    next_seq: u64,
}

impl Default for Trace {
    fn default() -> Self {
        Self::with_cap(Self::DEFAULT_CAP)
    }
}

impl Trace {
    /// The cap used unless configured: enough for 1,000 tasks with 20 events each, and more.
    pub const DEFAULT_CAP: usize = 50_000;

    /// An empty trace that keeps at most `cap` events (at least 1).
    pub fn with_cap(cap: usize) -> Self {
        let cap = cap.max(1);
        Self { events: VecDeque::with_capacity(cap.min(4096)), cap, next_seq: 0 }
    }

    /// Appends an event, dropping the oldest one if the trace is full.
    pub fn push(&mut self, at: f64, task: Option<TaskId>, kind: EventKind) -> u64 {
        if self.events.len() >= self.cap {
            self.events.pop_front();
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        self.events.push_back(Event { seq, at, task, kind });
        seq
    }

    /// Changes the cap, dropping the oldest events if there are too many.
    pub fn set_cap(&mut self, cap: usize) {
        self.cap = cap.max(1);
        while self.events.len() > self.cap {
            self.events.pop_front();
        }
    }

    /// The cap.
    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Events held now.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// True when no events are held.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Events recorded in all, including dropped ones. Also the next sequence number.
    pub fn total(&self) -> u64 {
        self.next_seq
    }

    /// Events dropped because the trace was full.
    pub fn dropped(&self) -> u64 {
        self.next_seq - self.events.len() as u64
    }

    /// The events with `seq >= from` that are still held, oldest first.
    pub fn since(&self, from: u64) -> impl Iterator<Item = &Event> + '_ {
        let skip = from.saturating_sub(self.dropped());
        self.events.iter().skip(usize::try_from(skip).unwrap_or(usize::MAX))
    }

    /// All held events, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = &Event> + '_ {
        self.events.iter()
    }

    /// The newest event.
    pub fn last(&self) -> Option<&Event> {
        self.events.back()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_skips_by_sequence_number_across_drops() {
        let mut t = Trace::with_cap(3);
        for i in 0..10 {
            t.push(f64::from(i), None, EventKind::Spawned);
        }
        let seqs: Vec<u64> = t.since(8).map(|e| e.seq).collect();
        assert_eq!(seqs, [8, 9]);
        let seqs: Vec<u64> = t.since(0).map(|e| e.seq).collect();
        assert_eq!(seqs, [7, 8, 9]);
        assert_eq!(t.since(10).count(), 0);
        assert_eq!(t.since(u64::MAX).count(), 0);
    }

    #[test]
    fn shrinking_the_cap_drops_the_oldest() {
        let mut t = Trace::with_cap(10);
        for i in 0..5 {
            t.push(f64::from(i), None, EventKind::Spawned);
        }
        t.set_cap(2);
        assert_eq!(t.iter().map(|e| e.seq).collect::<Vec<_>>(), [3, 4]);
        assert_eq!(t.dropped(), 3);
    }
}
