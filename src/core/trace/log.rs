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

use crate::core::rt::event::{Event, EventKind};
use crate::core::rt::executor::DEFAULT_TRACE_CAP;
use crate::core::rt::ids::TaskId;

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
    pub const DEFAULT_CAP: usize = DEFAULT_TRACE_CAP;

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
