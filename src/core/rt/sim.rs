//! A virtual browser event loop for native tests: a clock that only moves when told to, timeouts,
//! microtasks, macrotasks and animation frames.
//!
//! # Ground rules
//!
//! - Time stands still until [`SimPlatform::advance`], [`SimPlatform::run_until`] or
//!   [`Platform::spin`] moves it. A poll therefore takes zero virtual time, and a timer of `d` ms
//!   fires at exactly `start + d`.
//! - The loop follows the browser's order: run every microtask, then one macrotask (a posted
//!   message, else the earliest due timeout or animation frame), then microtasks again.
//! - Like a browser, a timeout delay above 2^31−1 ms overflows and fires at once. The engine must
//!   never ask for one (it chains instead); a test would see the early fire.
//! - No callback runs while the simulator borrows its own state.

use std::cell::{Cell, RefCell};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, HashMap, VecDeque};

use std::rc::Rc;
use std::sync::{Arc, Mutex, PoisonError};

use super::platform::{Hop, HostTimeout, Platform, RemoteNotify, MAX_HOST_DELAY_MS};

/// The frame interval of the simulated display: 60 Hz.
pub const FRAME_MS: f64 = 1000.0 / 60.0;

type Callback = Box<dyn FnOnce()>;

#[derive(Clone, Copy, PartialEq)]
struct Due(f64, u64);

impl Eq for Due {}

impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Due {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

#[derive(Default)]
struct SimState {
    heap: BinaryHeap<Reverse<Due>>,
    timeouts: HashMap<u64, Callback>,
    next_id: u64,
    microtasks: VecDeque<Callback>,
    macrotasks: VecDeque<Callback>,
    frames: Vec<Callback>,
    set_timeouts: u64,
    cleared: u64,
    fired: u64,
    overflowed: u64,
}

/// A deterministic stand-in for the browser, driven by hand from tests.
///
/// # Examples
///
/// ```
/// use std::{cell::Cell, rc::Rc};
/// use waker_playground::core::{Platform, SimPlatform};
///
/// let sim = SimPlatform::new();
/// let hit = Rc::new(Cell::new(None));
/// let h = hit.clone();
/// let sim2 = sim.clone();
/// sim.set_timeout(250, Box::new(move || h.set(Some(sim2.now()))));
/// sim.advance(100.0);
/// assert_eq!(hit.get(), None);
/// sim.advance(1000.0);
/// assert_eq!(hit.get(), Some(250.0));
/// ```
#[derive(Clone, Default)]
pub struct SimPlatform {
    inner: std::rc::Rc<SimInner>,
}

#[derive(Default)]
struct SimInner {
    now: Cell<f64>,
    state: RefCell<SimState>,
    /// Notices from other threads: the indexes of `listeners` to run, as macrotasks.
    remote: Arc<Mutex<Vec<usize>>>,
    /// What each [`Platform::remote_notifier`] asked to run on this thread.
    listeners: RefCell<Vec<Rc<dyn Fn()>>>,
}

/// Counters of what the simulated host was asked to do.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SimStats {
    /// `setTimeout` calls.
    pub set_timeouts: u64,
    /// `clearTimeout` calls that removed a pending timeout.
    pub cleared: u64,
    /// Timeout callbacks that ran.
    pub fired: u64,
    /// Timeouts asked for with a delay above 2^31−1 ms (they fire at once, as in a browser).
    pub overflowed: u64,
    /// Timeouts still pending.
    pub pending: usize,
}

impl SimPlatform {
    /// A simulator at time 0 with nothing queued.
    pub fn new() -> Self {
        Self::default()
    }

    /// Counters of timeout activity so far.
    pub fn stats(&self) -> SimStats {
        let s = self.inner.state.borrow();
        SimStats { set_timeouts: s.set_timeouts, cleared: s.cleared, fired: s.fired, overflowed: s.overflowed, pending: s.timeouts.len() }
    }

    /// Sets a timeout with a raw delay, as JavaScript would: above 2^31−1 it fires at once.
    ///
    /// [`Platform::set_timeout`] takes a `u32`; this is the door for tests that show the overflow.
    pub fn set_timeout_raw(&self, delay_ms: u64, callback: Box<dyn FnOnce()>) -> HostTimeout {
        let mut s = self.inner.state.borrow_mut();
        let delay = if delay_ms > u64::from(MAX_HOST_DELAY_MS) {
            s.overflowed += 1;
            0.0
        } else {
            delay_ms as f64
        };
        s.set_timeouts += 1;
        s.next_id += 1;
        let id = s.next_id;
        let due = self.inner.now.get() + delay;
        s.heap.push(Reverse(Due(due, id)));
        s.timeouts.insert(id, callback);
        HostTimeout(id)
    }

    /// Runs queued microtasks until none are left. Returns how many ran.
    pub fn run_microtasks(&self) -> usize {
        let mut ran = 0;
        loop {
            let next = self.inner.state.borrow_mut().microtasks.pop_front();
            match next {
                Some(cb) => {
                    cb();
                    ran += 1;
                }
                None => return ran,
            }
        }
    }

    /// Runs the event loop up to virtual time `t`, then sets the clock to `t` (if it is later).
    /// A `t` that is not finite only settles what is due now.
    pub fn run_until(&self, t: f64) {
        let t = if t.is_finite() { t } else { self.inner.now.get() };
        loop {
            self.run_microtasks();
            if let Some(cb) = self.take_macrotask() {
                cb();
                continue;
            }
            match self.take_due(t) {
                Some(batch) => {
                    for cb in batch {
                        cb();
                        self.run_microtasks();
                    }
                }
                None => break,
            }
        }
        if t > self.inner.now.get() {
            self.inner.now.set(t);
        }
    }

    /// Runs the event loop for `ms` milliseconds of virtual time.
    pub fn advance(&self, ms: f64) {
        self.run_until(self.inner.now.get() + ms);
    }

    /// Runs the event loop without moving the clock: microtasks, posted messages and anything due now.
    pub fn settle(&self) {
        self.run_until(self.inner.now.get());
    }

    /// Moves through time, one due item at a time, until nothing is left or `limit` ms have passed.
    ///
    /// Animation frames alone do not keep it going: it stops when only frames remain.
    pub fn run_until_idle(&self, limit: f64) {
        self.run_until_idle_while(limit, false, &|| true);
    }

    /// [`SimPlatform::run_until_idle`] with animation frames keeping it going as well: for a run
    /// whose executor drains on frames (it asks for one only while it has work, so this ends when
    /// the run has nothing left to do, or at `limit`).
    pub fn run_until_idle_with_frames(&self, limit: f64) {
        self.run_until_idle_while(limit, true, &|| true);
    }

    /// [`SimPlatform::run_until_idle`] (with animation frames keeping it going if `frames`)
    /// that also stops, between two due items, once `go_on` says no; whether it stopped so.
    pub fn run_until_idle_while(&self, limit: f64, frames: bool, go_on: &dyn Fn() -> bool) -> bool {
        let end = self.inner.now.get() + limit;
        loop {
            self.settle();
            let next = {
                let s = self.inner.state.borrow();
                let timer = s.heap.peek().map(|Reverse(Due(t, _))| *t);
                let frame = (frames && !s.frames.is_empty()).then(|| ((self.inner.now.get() / FRAME_MS).floor() + 1.0) * FRAME_MS);
                [timer, frame].into_iter().flatten().reduce(f64::min)
            };
            match next {
                Some(_) if !go_on() => return true,
                Some(t) if t <= end => self.run_until(t),
                _ => return false,
            }
        }
    }

    /// The earliest pending timeout's due time, if any.
    pub fn next_due(&self) -> Option<f64> {
        let s = self.inner.state.borrow();
        s.heap.iter().filter(|Reverse(Due(_, id))| s.timeouts.contains_key(id)).map(|Reverse(Due(t, _))| *t).reduce(f64::min)
    }

    fn take_macrotask(&self) -> Option<Callback> {
        // Notices that other threads sent since the last look become macrotasks, like a
        // `postMessage` from a worker.
        let notices = std::mem::take(&mut *self.inner.remote.lock().unwrap_or_else(PoisonError::into_inner));
        for i in notices {
            if let Some(listener) = self.inner.listeners.borrow().get(i).cloned() {
                self.inner.state.borrow_mut().macrotasks.push_back(Box::new(move || listener()));
            }
        }
        self.inner.state.borrow_mut().macrotasks.pop_front()
    }

    /// The next macrotask that is due by `limit`: a timeout, or the animation frames of the next
    /// frame boundary, whichever comes first. Moves the clock to its time.
    fn take_due(&self, limit: f64) -> Option<Vec<Callback>> {
        let now = self.inner.now.get();
        let mut s = self.inner.state.borrow_mut();
        // Skip heap entries whose timeout was cleared.
        while let Some(Reverse(Due(_, id))) = s.heap.peek() {
            if s.timeouts.contains_key(id) {
                break;
            }
            s.heap.pop();
        }
        let timer_due = s.heap.peek().map(|Reverse(Due(t, _))| *t);
        let frame_due = if s.frames.is_empty() { None } else { Some(((now / FRAME_MS).floor() + 1.0) * FRAME_MS) };
        let pick_timer = match (timer_due, frame_due) {
            (Some(t), Some(f)) => t <= f,
            (Some(_), None) => true,
            (None, Some(_)) => false,
            (None, None) => return None,
        };
        if pick_timer {
            let t = timer_due.unwrap_or(now);
            if t > limit {
                return None;
            }
            let Reverse(Due(_, id)) = s.heap.pop()?;
            let cb = s.timeouts.remove(&id)?;
            s.fired += 1;
            self.inner.now.set(now.max(t));
            Some(vec![cb])
        } else {
            let f = frame_due.unwrap_or(now);
            if f > limit {
                return None;
            }
            self.inner.now.set(now.max(f));
            Some(std::mem::take(&mut s.frames))
        }
    }
}

impl Platform for SimPlatform {
    fn now(&self) -> f64 {
        self.inner.now.get()
    }

    fn set_timeout(&self, delay_ms: u32, callback: Box<dyn FnOnce()>) -> HostTimeout {
        self.set_timeout_raw(u64::from(delay_ms), callback)
    }

    fn clear_timeout(&self, id: HostTimeout) {
        let removed = {
            let mut s = self.inner.state.borrow_mut();
            let removed = s.timeouts.remove(&id.0);
            if removed.is_some() {
                s.cleared += 1;
            }
            removed
        };
        // Dropped here, after the borrow: the callback's captures may clear other timeouts.
        drop(removed);
    }

    fn queue(&self, hop: Hop, callback: Box<dyn FnOnce()>) {
        let mut s = self.inner.state.borrow_mut();
        match hop {
            Hop::Microtask => s.microtasks.push_back(callback),
            Hop::Macrotask => s.macrotasks.push_back(callback),
            Hop::AnimationFrame => s.frames.push(callback),
        }
    }

    fn spin(&self, ms: f64) {
        if ms.is_finite() && ms > 0.0 {
            self.inner.now.set(self.inner.now.get() + ms);
        }
    }

    fn remote_notifier(&self, on_host: Box<dyn Fn()>) -> Option<RemoteNotify> {
        let index = {
            let mut listeners = self.inner.listeners.borrow_mut();
            listeners.push(Rc::from(on_host));
            listeners.len() - 1
        };
        let remote = self.inner.remote.clone();
        Some(Arc::new(move || remote.lock().unwrap_or_else(PoisonError::into_inner).push(index)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    type Log = Rc<RefCell<Vec<String>>>;

    fn log() -> (Log, impl Fn(&str) -> Box<dyn FnOnce()>) {
        let log = Rc::new(RefCell::new(Vec::new()));
        let l = log.clone();
        (log, move |s: &str| {
            let l = l.clone();
            let s = s.to_string();
            Box::new(move || l.borrow_mut().push(s)) as Box<dyn FnOnce()>
        })
    }

    #[test]
    fn microtasks_run_before_macrotasks_and_timers() {
        let sim = SimPlatform::new();
        let (log, cb) = log();
        sim.set_timeout(0, cb("timeout"));
        sim.queue(Hop::Macrotask, cb("message"));
        sim.queue(Hop::Microtask, cb("micro"));
        sim.settle();
        assert_eq!(*log.borrow(), ["micro", "message", "timeout"]);
    }

    #[test]
    fn equal_deadlines_fire_in_order_of_setting() {
        let sim = SimPlatform::new();
        let (log, cb) = log();
        sim.set_timeout(5, cb("a"));
        sim.set_timeout(5, cb("b"));
        sim.set_timeout(3, cb("c"));
        sim.advance(10.0);
        assert_eq!(*log.borrow(), ["c", "a", "b"]);
        assert_eq!(sim.now(), 10.0);
    }

    #[test]
    fn cleared_timeouts_never_run() {
        let sim = SimPlatform::new();
        let (log, cb) = log();
        let id = sim.set_timeout(5, cb("a"));
        sim.clear_timeout(id);
        sim.clear_timeout(id);
        sim.advance(10.0);
        assert!(log.borrow().is_empty());
        assert_eq!(sim.stats().cleared, 1);
    }

    #[test]
    fn overflowing_delay_fires_at_once_like_a_browser() {
        let sim = SimPlatform::new();
        let (log, cb) = log();
        sim.set_timeout_raw(1 << 31, cb("early"));
        sim.settle();
        assert_eq!(*log.borrow(), ["early"]);
        assert_eq!(sim.stats().overflowed, 1);
    }

    #[test]
    fn frames_keep_a_run_going_only_when_asked() {
        // A callback that asks for the next frame until it has run three times.
        let sim = SimPlatform::new();
        let count = Rc::new(std::cell::Cell::new(0));
        fn again(sim: SimPlatform, count: Rc<std::cell::Cell<u32>>) {
            let (s, c) = (sim.clone(), count.clone());
            sim.queue(
                Hop::AnimationFrame,
                Box::new(move || {
                    c.set(c.get() + 1);
                    if c.get() < 3 {
                        again(s.clone(), c.clone());
                    }
                }),
            );
        }
        again(sim.clone(), count.clone());
        sim.run_until_idle(1000.0);
        assert_eq!(count.get(), 0, "frames alone do not keep run_until_idle going");
        sim.run_until_idle_with_frames(1000.0);
        assert_eq!(count.get(), 3);
        assert_eq!(sim.now(), 3.0 * FRAME_MS, "three frame boundaries");
        // Frames asked for until told to stop end at the limit.
        let forever = SimPlatform::new();
        let (n, stop) = (Rc::new(std::cell::Cell::new(0)), Rc::new(std::cell::Cell::new(false)));
        fn loop_(sim: SimPlatform, n: Rc<std::cell::Cell<u32>>, stop: Rc<std::cell::Cell<bool>>) {
            let (s, c) = (sim.clone(), n.clone());
            sim.queue(
                Hop::AnimationFrame,
                Box::new(move || {
                    c.set(c.get() + 1);
                    if !stop.get() {
                        loop_(s.clone(), c.clone(), stop.clone());
                    }
                }),
            );
        }
        loop_(forever.clone(), n.clone(), stop.clone());
        forever.run_until_idle_with_frames(100.0);
        assert_eq!(n.get(), 6, "the frames within 100 ms");
        // The frame still asked for holds the simulator: it runs once more and asks for none.
        stop.set(true);
        forever.run_until_idle_with_frames(100.0);
        assert_eq!(n.get(), 7);
    }

    #[test]
    fn frames_run_on_the_next_frame_boundary() {
        let sim = SimPlatform::new();
        let (log, cb) = log();
        sim.queue(Hop::AnimationFrame, cb("frame"));
        sim.advance(10.0);
        assert!(log.borrow().is_empty());
        sim.advance(10.0);
        assert_eq!(*log.borrow(), ["frame"]);
    }
}
