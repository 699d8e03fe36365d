//! What the executor and its timers tell the world: the events of the trace.
//!
//! The vocabulary lives here, beside the ids, so that the runtime can speak it without knowing
//! where events go (the trace, in `trace/`, is one listener among possible others).

use std::fmt;

use super::ids::{TaskId, TimerId};
use crate::core::fixed::Fixed;

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

/// What a program's note in the trace is (see [`EventKind::Note`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// A line the program printed.
    Print,
    /// Something to notice (a future dropped without being polled).
    Notice,
    /// An error that ended a task (a limit, a mistake the playground caught).
    Error,
    /// A panic of the program's own (`unwrap()` on `None`, `panic!`, an overflow).
    Panic,
}

impl NoteKind {
    /// A short, stable name.
    pub fn key(self) -> &'static str {
        match self {
            NoteKind::Print => "print",
            NoteKind::Notice => "notice",
            NoteKind::Error => "error",
            NoteKind::Panic => "panic",
        }
    }

    /// Parses [`NoteKind::key`].
    pub fn from_key(k: &str) -> Option<NoteKind> {
        [NoteKind::Print, NoteKind::Notice, NoteKind::Error, NoteKind::Panic].into_iter().find(|n| n.key() == k)
    }
}

/// Why a program's code is named in the trace (see [`EventKind::Source`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A statement of a hand-written `poll` ran (its lines light while it is polled).
    Ran,
    /// The next timer armed was made here (`sleep(…)`, `Timeout::new(…)`).
    Timer,
    /// The next waker clone is made here (`cx.waker().clone()`).
    Clone,
    /// The next wake comes from here (`waker.wake()`, `wake_by_ref()`).
    Wake,
    /// The future made here is dropped without ever being polled: the next timer cancel is
    /// that drop.
    Unpolled,
    /// A future that wakes itself on every poll (`wake_by_ref_then_pending()`) is polled here.
    SelfWaker,
    /// A future awaited here returned Pending holding a waker of another task only (kept from
    /// an earlier poll, before it moved): its wake goes there, not to the task awaiting it.
    Stale,
}

impl SourceKind {
    /// A short, stable name.
    pub fn key(self) -> &'static str {
        match self {
            SourceKind::Ran => "ran",
            SourceKind::Timer => "timer",
            SourceKind::Clone => "clone",
            SourceKind::Wake => "wake",
            SourceKind::Unpolled => "unpolled",
            SourceKind::SelfWaker => "self-waker",
            SourceKind::Stale => "stale",
        }
    }

    /// Parses [`SourceKind::key`].
    pub fn from_key(k: &str) -> Option<SourceKind> {
        [
            SourceKind::Ran,
            SourceKind::Timer,
            SourceKind::Clone,
            SourceKind::Wake,
            SourceKind::Unpolled,
            SourceKind::SelfWaker,
            SourceKind::Stale,
        ]
        .into_iter()
        .find(|n| n.key() == k)
    }
}

/// One kind of moment in the executor's life.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EventKind {
    /// A task was created and put on the ready queue.
    Spawned,
    /// A task of the program's own executor (a guest task) was first seen: sent to its queue, or
    /// its waker used. It is drawn and counted as a task, but the program polls it; it is on no
    /// queue of ours (see [`EventKind::Enqueued`]).
    GuestSpawned,
    /// The program put a guest task on the queue of its executor (a channel its executor
    /// receives from): it waits there to be polled.
    Enqueued,
    /// The program's executor took a guest task off its queue (to poll it, we expect).
    Dequeued,
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
    /// A tick of the host (a microtask, macrotask or animation frame the executor asked for)
    /// ended: it drained the ready queue, or stopped on its budget and handed the thread back.
    TickEnded {
        /// Whether it stopped on its budget with tasks still ready.
        budget_stop: bool,
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
    /// The program running on the executor wrote a line (or met an error, or panicked).
    Note {
        /// What kind of line.
        kind: NoteKind,
        /// The text, in the trace's text table.
        text: u32,
        /// Where in the program's source (byte offsets; `start == end == u32::MAX` for none).
        start: u32,
        /// One past the last byte.
        end: u32,
    },
    /// The program names one of its lines: it ran, or the next event comes from it.
    Source {
        /// Why.
        why: SourceKind,
        /// The first byte of the program's source.
        start: u32,
        /// One past the last byte.
        end: u32,
    },
    /// The task's poll left it waiting at these awaits (a list in the trace's list table:
    /// start, end and kind of each, outermost first).
    Parked {
        /// The list.
        awaits: u32,
    },
    /// The task ended in an error or a panic (its `Completed` follows): it failed.
    Failed {
        /// A panic of the program's own, rather than a limit or a mistake caught.
        panic: bool,
    },
}

impl EventKind {
    /// A short, stable name for filters and logs.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::Spawned => "spawned",
            EventKind::GuestSpawned => "guest-spawned",
            EventKind::Enqueued => "enqueued",
            EventKind::Dequeued => "dequeued",
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
            EventKind::TickEnded { budget_stop: false } => "tick-ended",
            EventKind::TickEnded { budget_stop: true } => "tick-budget-stop",
            EventKind::Note { .. } => "note",
            EventKind::Source { .. } => "source",
            EventKind::Parked { .. } => "parked",
            EventKind::Failed { .. } => "failed",
        }
    }

    /// Whether the program wrote it (a note, a source line, where it parked, a failure), rather
    /// than the executor or a timer.
    pub fn is_program(&self) -> bool {
        matches!(self, EventKind::Note { .. } | EventKind::Source { .. } | EventKind::Parked { .. } | EventKind::Failed { .. })
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
            EventKind::Note { kind, text, .. } => write!(f, "{} #{text}", kind.key()),
            EventKind::Source { why, start, end } => write!(f, "source {} {start}..{end}", why.key()),
            EventKind::Parked { awaits } => write!(f, "parked at list #{awaits}"),
            EventKind::Failed { panic } => f.write_str(if panic { "failed (panicked)" } else { "failed (error)" }),
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
