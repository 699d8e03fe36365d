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
use std::rc::Rc;

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
    events: VecDeque<Packed>,
    cap: usize,
    next_seq: u64,
    /// Task names, by id (task ids count up from 1). Kept when old events go: they are small,
    /// and a replay of the events that remain needs them.
    names: Vec<Rc<str>>,
    /// Texts of the program's notes ([`EventKind::Note`]), by index.
    texts: Vec<Rc<str>>,
    /// Lists of numbers ([`EventKind::Parked`]'s awaits), by index.
    lists: Vec<Rc<[u32]>>,
    /// The sequence numbers of the notes, in order (the console is read through these).
    notes: Vec<u64>,
}

/// One event as stored: 48 bytes, because a run keeps up to a million of them. Its sequence
/// number is its place in the trace, and "no task" is task 0, which no task has.
#[derive(Clone, Copy, Debug)]
struct Packed {
    at: f64,
    task: u64,
    kind: EventKind,
}

const _: () = assert!(std::mem::size_of::<Packed>() <= 48);

impl Packed {
    fn unpack(&self, seq: u64) -> Event {
        Event { seq, at: self.at, task: (self.task != 0).then_some(TaskId(self.task)), kind: self.kind }
    }
}

impl Default for Trace {
    fn default() -> Self {
        Self::with_cap(Self::DEFAULT_CAP)
    }
}

impl Trace {
    /// The cap used unless configured (see [`DEFAULT_TRACE_CAP`]).
    pub const DEFAULT_CAP: usize = DEFAULT_TRACE_CAP;

    /// What one stored event costs, in bytes.
    pub const BYTES_PER_EVENT: usize = std::mem::size_of::<Packed>();

    /// An empty trace that keeps at most `cap` events (at least 1).
    pub fn with_cap(cap: usize) -> Self {
        let cap = cap.max(1);
        Self {
            events: VecDeque::with_capacity(cap.min(4096)),
            cap,
            next_seq: 0,
            names: Vec::new(),
            texts: Vec::new(),
            lists: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// An empty trace whose first event will be number `first_seq` (the ones before it count
    /// as dropped): a trace read back from a file that started mid-run.
    pub fn starting_at(cap: usize, first_seq: u64) -> Self {
        let mut t = Self::with_cap(cap);
        t.next_seq = first_seq;
        t
    }

    /// Task names, by id: the name of task `n` is at `n - 1`.
    pub fn names(&self) -> &[Rc<str>] {
        &self.names
    }

    /// At most this many task names are kept.
    pub const MAX_NAMES: usize = 1_000_000;

    /// Records the name of task `id` (ids count up from 1; a gap is filled with "?").
    pub fn set_name(&mut self, id: TaskId, name: Rc<str>) {
        let Some(i) = usize::try_from(id.0).ok().and_then(|i| i.checked_sub(1)) else { return };
        if i >= Self::MAX_NAMES {
            return;
        }
        if i >= self.names.len() {
            let unknown: Rc<str> = Rc::from("?");
            self.names.resize(i, unknown);
            self.names.push(name);
        } else if let Some(slot) = self.names.get_mut(i) {
            *slot = name;
        }
    }

    /// The name of task `id`, or "task N" if the trace does not know it.
    pub fn name(&self, id: TaskId) -> Rc<str> {
        usize::try_from(id.0)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.names.get(i))
            .cloned()
            .unwrap_or_else(|| Rc::from(id.to_string()))
    }

    /// At most this many texts and lists are kept (a note past them reads as "…").
    pub const MAX_TABLE: usize = 200_000;

    /// Keeps a text; its index (`u32::MAX` when the table is full).
    pub fn intern_text(&mut self, text: &str) -> u32 {
        if self.texts.len() >= Self::MAX_TABLE {
            return u32::MAX;
        }
        self.texts.push(Rc::from(text));
        (self.texts.len() - 1) as u32
    }

    /// Keeps a list of numbers; its index (the last one again if it is equal; `u32::MAX` when
    /// the table is full).
    pub fn intern_list(&mut self, list: &[u32]) -> u32 {
        if let Some(last) = self.lists.last() {
            if **last == *list {
                return (self.lists.len() - 1) as u32;
            }
        }
        if self.lists.len() >= Self::MAX_TABLE {
            return u32::MAX;
        }
        self.lists.push(Rc::from(list));
        (self.lists.len() - 1) as u32
    }

    /// Appends a list as it is (an import: indices must stay as the file has them).
    pub fn push_list(&mut self, list: &[u32]) {
        if self.lists.len() < Self::MAX_TABLE {
            self.lists.push(Rc::from(list));
        }
    }

    /// The text at `i` ("…" if it was not kept).
    pub fn text(&self, i: u32) -> Rc<str> {
        self.texts.get(i as usize).cloned().unwrap_or_else(|| Rc::from("…"))
    }

    /// The list at `i` (empty if it was not kept).
    pub fn list(&self, i: u32) -> Rc<[u32]> {
        self.lists.get(i as usize).cloned().unwrap_or_else(|| Rc::from(Vec::new()))
    }

    /// Every text, in order.
    pub fn texts(&self) -> &[Rc<str>] {
        &self.texts
    }

    /// Every list, in order.
    pub fn lists(&self) -> &[Rc<[u32]>] {
        &self.lists
    }

    /// The sequence numbers of the notes, in order (some may be dropped over the cap).
    pub fn notes(&self) -> &[u64] {
        &self.notes
    }

    /// The event numbered `seq`, if it is still held.
    pub fn get(&self, seq: u64) -> Option<Event> {
        let first = self.dropped();
        let i = usize::try_from(seq.checked_sub(first)?).ok()?;
        self.events.get(i).map(|p| p.unpack(seq))
    }

    /// Appends an event, dropping the oldest one if the trace is full.
    pub fn push(&mut self, at: f64, task: Option<TaskId>, kind: EventKind) -> u64 {
        if self.events.len() >= self.cap {
            self.events.pop_front();
        }
        let seq = self.next_seq;
        self.next_seq += 1;
        if let EventKind::Note { .. } = kind {
            self.notes.push(seq);
        }
        self.events.push_back(Packed { at, task: task.map_or(0, |t| t.0), kind });
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
    pub fn since(&self, from: u64) -> impl Iterator<Item = Event> + '_ {
        let first = self.dropped();
        let skip = usize::try_from(from.saturating_sub(first)).unwrap_or(usize::MAX);
        self.events.iter().enumerate().skip(skip).map(move |(i, p)| p.unpack(first + i as u64))
    }

    /// All held events, oldest first.
    pub fn iter(&self) -> impl Iterator<Item = Event> + '_ {
        self.since(0)
    }

    /// The newest event.
    pub fn last(&self) -> Option<Event> {
        self.events.back().map(|p| p.unpack(self.next_seq - 1))
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
