//! `TimerFuture`: the async book's timer, with a host timeout instead of a sleeping thread.
//!
//! # Ground rules
//!
//! - Shared state is the seed's `{ completed, waker }`. `poll` replaces the stored waker on every
//!   call. The callback sets `completed`, takes the waker out, releases the borrow, and only then
//!   wakes: waking while borrowed is the classic `BorrowMutError` (wasm-bindgen#2562).
//! - "Now" always comes from the [`Platform`], so the same code runs on the simulator and in the
//!   browser. The driver takes the time as an argument: [`Timers::process_at_time`].
//! - A timer never fires before its deadline. Delays are rounded up, and a deadline more than
//!   2^31−1 ms away is reached in hops (gloo#121 fires such timers at once). If a host callback
//!   comes early anyway, the timer re-arms for the rest.
//! - Dropping a pending timer cancels it: its host timeout is cleared and its callback freed, or
//!   its driver entry removed. Nothing is leaked or forgotten.
//! - Polling after `Ready` returns `Ready` again (gloo#570 panics there).
//! - Two backends pass the same tests: one host timeout per timer (the seed's design, the
//!   default), and a driver with one host timeout for the earliest deadline of a heap.

use std::cell::{Cell, RefCell};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

use crate::core::rt::event::{EventKind, WakeSource};
use crate::core::rt::executor::{current_exec, current_task, latest, with_wake_source, ExecHandle, Executor};
use crate::core::rt::hooks::Hooks;
use crate::core::rt::ids::{TaskId, TimerId};
use crate::core::rt::platform::{hop_delay_ms, HostTimeout, Platform};

/// How timers get their wake-up from the host.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimerBackend {
    /// One `setTimeout` per timer, like the seed's one thread per timer. Simple; the default.
    PerTimer,
    /// One `setTimeout` for the earliest deadline of a heap; it fires every due timer at once.
    Driver,
}

impl TimerBackend {
    /// The short name used in URLs and menus.
    pub fn key(self) -> &'static str {
        match self {
            TimerBackend::PerTimer => "timeout",
            TimerBackend::Driver => "driver",
        }
    }

    /// Parses [`TimerBackend::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        [TimerBackend::PerTimer, TimerBackend::Driver].into_iter().find(|b| b.key() == key)
    }
}

/// Why a live edit was refused.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EditError {
    /// The timer already fired; its task has moved on.
    AlreadyFired,
    /// The timer was dropped (cancelled, or its task finished or was aborted).
    Dropped,
    /// The timer is being fired or polled right now; try again.
    Busy,
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EditError::AlreadyFired => "this timer already fired, so there is nothing to reschedule",
            EditError::Dropped => "this timer was dropped (cancelled), so there is nothing to reschedule",
            EditError::Busy => "this timer is busy right now; try again",
        })
    }
}

impl std::error::Error for EditError {}

/// The result of a live edit.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rescheduled {
    /// Which timer.
    pub timer: TimerId,
    /// The deadline before.
    pub old_deadline: f64,
    /// The deadline now (`start + new duration`).
    pub new_deadline: f64,
}

/// Counters of timer activity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TimerStats {
    /// Timers created and armed.
    pub armed: u64,
    /// Timers that fired.
    pub fired: u64,
    /// Timers dropped while pending.
    pub cancelled: u64,
    /// Live edits applied.
    pub rescheduled: u64,
    /// Host callbacks that came before the deadline (a hop of a long timer) and re-armed.
    pub hops: u64,
    /// Timers alive and pending right now.
    pub pending: u64,
}

/// Converts a duration to clock milliseconds.
pub fn duration_ms(d: Duration) -> f64 {
    d.as_secs() as f64 * 1000.0 + f64::from(d.subsec_nanos()) / 1_000_000.0
}

// ---------------------------------------------------------------------------------------------
// The future
// ---------------------------------------------------------------------------------------------

/// A future that completes once its duration has passed.
///
/// # Examples
///
/// ```
/// use std::{rc::Rc, time::Duration};
/// use waker_playground::core::{Config, Executor, SimPlatform, TimerFuture};
///
/// let sim = SimPlatform::new();
/// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
/// let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(10)).await });
/// sim.advance(9.0);
/// assert!(exec.task_metrics(task).unwrap().completed_at.is_none());
/// sim.advance(1.0);
/// assert_eq!(exec.task_metrics(task).unwrap().completed_at, Some(10.0));
/// ```
pub struct TimerFuture {
    /// `None` until bound to a timer service (see `unbound`), and after a cancel.
    shared: Option<Rc<TimerShared>>,
    /// Created with no executor anywhere on the thread: the duration, armed on the first poll
    /// that finds a timer service.
    unbound: Option<Duration>,
}

/// Shared between the future and whatever fires it.
struct TimerShared {
    id: TimerId,
    /// The task that created the timer (its slot and id), for the trace and the task's metrics.
    owner: Option<(u32, TaskId)>,
    backend: TimerBackend,
    timers: Rc<TimersInner>,
    state: RefCell<SharedState>,
}

/// The seed's shared state, plus what live editing and cancelling need.
struct SharedState {
    /// Whether or not the sleep time has elapsed.
    completed: bool,
    /// The waker of the task that last polled this timer.
    waker: Option<Waker>,
    /// Dropped before it fired.
    cancelled: bool,
    start: f64,
    deadline: f64,
    /// The earliest the timer could fire: its start, or the time of the last live edit.
    not_before: f64,
    /// How the wake-up is arranged; dropping it cancels it.
    arm: Arm,
}

impl Future for TimerFuture {
    type Output = ();

    // @code poll
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let Some(shared) = self.bind() else { return Poll::Pending };
        // Look at the shared state to see if the timer has already completed.
        // (Never borrowed elsewhere across a call that could poll: `try_` only to never panic.)
        let Ok(mut state) = shared.state.try_borrow_mut() else {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        };
        // @code check
        if state.completed {
            // @code ready
            Poll::Ready(())
        } else {
            // Replace the waker on every poll: this future may have moved to another task since
            // the last one, and the old waker would wake the wrong task.
            // @code store
            let old = state.waker.replace(cx.waker().clone());
            // The old waker is dropped after the borrow ends, like everything that calls out.
            drop(state);
            drop(old);
            // @code pending
            Poll::Pending
        }
    }
}

impl TimerFuture {
    /// A timer of `duration`, on the timers of the executor running this code.
    ///
    /// Inside a task that is the task's executor. Elsewhere it is the executor created last on
    /// this thread.
    ///
    /// A timer created where there is no executor at all is armed by its first poll, on the
    /// timers of the executor polling it, and its duration counts from that poll. Polled where
    /// there is still none (another executor, a test's own `block_on`), it is a bug in the
    /// caller: debug builds panic with "no timer context", as tokio does; release builds stay
    /// `Pending` (nothing can wake the task, and the playground's lost-waker warning says so),
    /// because a panic would take the whole wasm app down.
    pub fn new(duration: Duration) -> Self {
        match Timers::current() {
            Some(timers) => timers.sleep(duration),
            None => TimerFuture { shared: None, unbound: Some(duration) },
        }
    }

    /// The shared state, arming an unbound timer on the current executor's timers first.
    fn bind(&mut self) -> Option<&Rc<TimerShared>> {
        if self.shared.is_none() {
            let duration = self.unbound.take()?;
            match Timers::current() {
                Some(timers) => *self = timers.sleep(duration),
                None => {
                    self.unbound = Some(duration);
                    #[cfg(debug_assertions)]
                    panic!(
                        "no timer context: a TimerFuture created outside any executor was polled outside one too; \
                         create it inside a task, or use Timers::sleep"
                    );
                }
            }
        }
        self.shared.as_ref()
    }

    /// A handle to edit this timer while it is pending.
    pub fn handle(&self) -> TimerHandle {
        TimerHandle { shared: self.shared.clone() }
    }

    /// The timer's id, if it is bound to a timer driver.
    pub fn id(&self) -> Option<TimerId> {
        self.shared.as_ref().map(|s| s.id)
    }

    /// When the timer is due, in clock ms.
    pub fn deadline(&self) -> Option<f64> {
        self.shared.as_ref().and_then(|s| s.state.try_borrow().ok().map(|st| st.deadline))
    }

    /// Whether the timer has fired.
    pub fn is_completed(&self) -> bool {
        self.shared.as_ref().is_some_and(|s| s.state.try_borrow().is_ok_and(|st| st.completed))
    }
}

impl Drop for TimerFuture {
    fn drop(&mut self) {
        if let Some(shared) = self.shared.take() {
            shared.cancel();
        }
    }
}

impl fmt::Debug for TimerFuture {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerFuture").field("id", &self.id()).field("deadline", &self.deadline()).finish()
    }
}

/// Edits a pending timer.
///
/// It shares the timer's state (not its wake-up, nor its waker once the timer is done), so it
/// can tell an edit that came too late from one on a dropped timer.
#[derive(Clone, Debug, Default)]
pub struct TimerHandle {
    shared: Option<Rc<TimerShared>>,
}

impl fmt::Debug for TimerShared {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TimerShared").field("id", &self.id).finish()
    }
}

impl TimerHandle {
    /// Changes the duration of a pending timer. The deadline becomes start + `duration`; if that
    /// has passed, the timer fires on the next host tick. The stored waker is kept.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, EditError, Executor, SimPlatform, Timers};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let timer = exec.timers().sleep(Duration::from_millis(5000));
    /// let handle = timer.handle();
    /// let task = exec.spawn("t", timer);
    /// sim.advance(100.0);
    /// assert_eq!(handle.set_duration(Duration::from_millis(500)).unwrap().new_deadline, 500.0);
    /// sim.advance(400.0);
    /// assert_eq!(exec.task_metrics(task).unwrap().completed_at, Some(500.0));
    /// assert_eq!(handle.set_duration(Duration::from_millis(1)), Err(EditError::AlreadyFired));
    /// ```
    pub fn set_duration(&self, duration: Duration) -> Result<Rescheduled, EditError> {
        let shared = self.shared.as_ref().ok_or(EditError::Dropped)?;
        shared.reschedule(duration_ms(duration))
    }

    /// The timer's id, while it exists.
    pub fn id(&self) -> Option<TimerId> {
        self.shared.as_ref().map(|s| s.id)
    }

    /// Whether the timer is still waiting to fire.
    pub fn is_pending(&self) -> bool {
        self.shared.as_ref().is_some_and(|s| s.state.try_borrow().is_ok_and(|st| !st.completed && !st.cancelled))
    }
}

impl TimerShared {
    fn task(&self) -> Option<TaskId> {
        self.owner.map(|(_, t)| t)
    }

    /// The host (or driver) says the timer may be due.
    // @code fire
    fn fire(self: &Rc<Self>, now: f64) {
        if !now.is_finite() {
            return;
        }
        let (waker, lateness) = {
            // Never borrowed across a call that could fire a timer: `try_` only to never panic.
            let Ok(mut state) = self.state.try_borrow_mut() else { return };
            if state.completed || state.cancelled {
                return;
            }
            state.arm.defuse();
            if now < state.deadline {
                // A hop of a long timer ended, or the host came early: wait for the rest.
                let deadline = state.deadline;
                state.arm = self.timers.arm(self, deadline, now);
                self.timers.count(|s| s.hops += 1);
                return;
            }
            // Signal that the timer has completed, and take the waker out...
            // @code set-completed
            state.completed = true;
            // @code take-waker
            (state.waker.take(), now - state.deadline.max(state.not_before))
            // ...so the borrow ends here, before anything is woken.
        };
        self.timers.count(|s| {
            s.fired += 1;
            s.pending = s.pending.saturating_sub(1);
        });
        self.timers.record(Some(now), self.task(), EventKind::TimerFired { timer: self.id, lateness_ms: lateness, woke: waker.is_some() });
        self.timers.owned(self.owner, -1);
        if let Some(waker) = waker {
            // @code wake
            with_wake_source(WakeSource::Timer(self.id), || waker.wake());
        }
    }

    // @code cancel
    fn cancel(&self) {
        let (arm, waker) = {
            let Ok(mut state) = self.state.try_borrow_mut() else { return };
            if state.completed || state.cancelled {
                return;
            }
            state.cancelled = true;
            (std::mem::replace(&mut state.arm, Arm::None), state.waker.take())
        };
        // clearTimeout (or leave the driver) first, then let the waker go.
        drop(arm);
        drop(waker);
        self.timers.count(|s| {
            s.cancelled += 1;
            s.pending = s.pending.saturating_sub(1);
        });
        self.timers.record(None, self.task(), EventKind::TimerCancelled { timer: self.id });
        self.timers.owned(self.owner, -1);
    }

    // @code reschedule
    fn reschedule(self: &Rc<Self>, ms: f64) -> Result<Rescheduled, EditError> {
        let done = {
            let mut state = self.state.try_borrow_mut().map_err(|_| EditError::Busy)?;
            if state.completed {
                return Err(EditError::AlreadyFired);
            }
            if state.cancelled {
                return Err(EditError::Dropped);
            }
            let old = state.deadline;
            let new = state.start + ms;
            let now = self.timers.platform.now();
            state.deadline = new;
            // Moved into the past, it can fire no sooner than now: lateness counts from here.
            state.not_before = now;
            // Cancel the old wake-up, then arm the new one. The stored waker stays.
            let old_arm = std::mem::replace(&mut state.arm, Arm::None);
            drop(old_arm);
            state.arm = self.timers.arm(self, new, now);
            (Rescheduled { timer: self.id, old_deadline: old, new_deadline: new }, now)
        };
        let (done, now) = done;
        self.timers.count(|s| s.rescheduled += 1);
        self.timers.record(
            Some(now),
            self.task(),
            EventKind::TimerRescheduled { timer: self.id, old_deadline: done.old_deadline, new_deadline: done.new_deadline },
        );
        Ok(done)
    }
}

// ---------------------------------------------------------------------------------------------
// Arming: the RAII layer
// ---------------------------------------------------------------------------------------------

/// How a timer's wake-up is arranged. Dropping it cancels the wake-up.
enum Arm {
    None,
    Host(HostArm),
    Driver(DriverArm),
}

impl Arm {
    /// The wake-up happened: forget it without cancelling.
    fn defuse(&mut self) {
        match std::mem::replace(self, Arm::None) {
            Arm::None => {}
            Arm::Host(mut h) => h.id = None,
            Arm::Driver(mut d) => d.key = None,
        }
    }
}

/// One pending host timeout. Like gloo's `Timeout`: dropping it calls `clearTimeout`.
#[must_use = "timeouts cancel on drop"]
struct HostArm {
    platform: Rc<dyn Platform>,
    id: Option<HostTimeout>,
}

impl Drop for HostArm {
    fn drop(&mut self) {
        if let Some(id) = self.id.take() {
            self.platform.clear_timeout(id);
        }
    }
}

/// One entry in the driver's heap. Dropping it removes the entry.
#[must_use = "driver entries cancel on drop"]
struct DriverArm {
    timers: Rc<TimersInner>,
    key: Option<DriverKey>,
}

impl Drop for DriverArm {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            self.timers.driver_remove(key);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The driver: a heap of deadlines behind one host timeout
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct DriverKey {
    index: u32,
    generation: u32,
}

#[derive(Clone, Copy)]
struct HeapItem {
    deadline: f64,
    seq: u64,
    key: DriverKey,
}

impl PartialEq for HeapItem {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for HeapItem {}

impl PartialOrd for HeapItem {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for HeapItem {
    fn cmp(&self, other: &Self) -> Ordering {
        self.deadline.total_cmp(&other.deadline).then(self.seq.cmp(&other.seq))
    }
}

struct Slot {
    generation: u32,
    timer: Option<Weak<TimerShared>>,
}

/// Deadlines in a min-heap. Removal is lazy (the slot's generation moves on and the heap item
/// goes stale); the heap is rebuilt when stale items outnumber live ones, so memory stays bounded.
#[derive(Default)]
struct Driver {
    heap: BinaryHeap<Reverse<HeapItem>>,
    slots: Vec<Slot>,
    free: Vec<u32>,
    seq: u64,
    live: usize,
    stale: usize,
}

impl Driver {
    fn insert(&mut self, deadline: f64, timer: Weak<TimerShared>) -> DriverKey {
        let index = match self.free.pop() {
            Some(i) => i,
            None => {
                self.slots.push(Slot { generation: 0, timer: None });
                u32::try_from(self.slots.len() - 1).unwrap_or(u32::MAX)
            }
        };
        let key = match self.slots.get_mut(index as usize) {
            Some(slot) => {
                slot.timer = Some(timer);
                DriverKey { index, generation: slot.generation }
            }
            None => DriverKey { index, generation: u32::MAX },
        };
        self.seq += 1;
        self.heap.push(Reverse(HeapItem { deadline, seq: self.seq, key }));
        self.live += 1;
        key
    }

    fn vacate(&mut self, key: DriverKey) -> Option<Weak<TimerShared>> {
        let slot = self.slots.get_mut(key.index as usize)?;
        if slot.generation != key.generation {
            return None;
        }
        let timer = slot.timer.take()?;
        slot.generation = slot.generation.wrapping_add(1);
        self.free.push(key.index);
        self.live -= 1;
        Some(timer)
    }

    fn remove(&mut self, key: DriverKey) {
        if self.vacate(key).is_some() {
            self.stale += 1;
            if self.stale > 64 && self.stale > self.live {
                let slots = &self.slots;
                self.heap.retain(|Reverse(item)| {
                    slots.get(item.key.index as usize).is_some_and(|s| s.generation == item.key.generation && s.timer.is_some())
                });
                self.stale = 0;
            }
        }
    }

    /// Drops stale items off the top, then peeks at the earliest live deadline.
    fn next_deadline(&mut self) -> Option<f64> {
        while let Some(Reverse(item)) = self.heap.peek() {
            let live = self.slots.get(item.key.index as usize).is_some_and(|s| s.generation == item.key.generation && s.timer.is_some());
            if live {
                return Some(item.deadline);
            }
            self.heap.pop();
            self.stale = self.stale.saturating_sub(1);
        }
        None
    }

    /// Moves every timer due by `now` into `out`, earliest first.
    fn pop_due(&mut self, now: f64, out: &mut Vec<Weak<TimerShared>>) {
        while let Some(deadline) = self.next_deadline() {
            if deadline > now {
                break;
            }
            if let Some(Reverse(item)) = self.heap.pop() {
                if let Some(timer) = self.vacate(item.key) {
                    out.push(timer);
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Timers: the service
// ---------------------------------------------------------------------------------------------

/// The timer service of one executor: creates timers and runs the driver.
#[derive(Clone)]
pub struct Timers {
    inner: Rc<TimersInner>,
}

pub(crate) struct TimersInner {
    platform: Rc<dyn Platform>,
    exec: Weak<dyn ExecHandle>,
    /// The executor's id, to recognise its tasks as owners.
    exec_id: u64,
    backend: Cell<TimerBackend>,
    next_id: Cell<u64>,
    stats: Cell<TimerStats>,
    driver: RefCell<Driver>,
    /// The driver's host timeout, and the deadline it was set for.
    driver_host: RefCell<Option<(HostArm, f64)>>,
    due_buffer: RefCell<Vec<Weak<TimerShared>>>,
    self_weak: Weak<TimersInner>,
}

impl<H: Hooks> Executor<H> {
    /// The timers that `TimerFuture::new` uses inside this executor's tasks.
    pub fn timers(&self) -> Timers {
        Timers::of(&self.handle())
    }
}

impl Timers {
    fn new(platform: Rc<dyn Platform>, exec: Weak<dyn ExecHandle>, exec_id: u64) -> Self {
        let inner = Rc::new_cyclic(|weak| TimersInner {
            platform,
            exec,
            exec_id,
            backend: Cell::new(TimerBackend::PerTimer),
            next_id: Cell::new(1),
            stats: Cell::new(TimerStats::default()),
            driver: RefCell::new(Driver::default()),
            driver_host: RefCell::new(None),
            due_buffer: RefCell::new(Vec::new()),
            self_weak: weak.clone(),
        });
        Timers { inner }
    }

    /// The timer service of `exec`, created on first use. The executor keeps it in a slot typed
    /// `Any`, so it never names this module: timers reach the executor, never the reverse.
    pub(crate) fn of(exec: &Rc<dyn ExecHandle>) -> Timers {
        let found = exec.timer_slot().try_borrow().ok().and_then(|slot| slot.clone()).and_then(|any| any.downcast::<TimersInner>().ok());
        if let Some(inner) = found {
            return Timers { inner };
        }
        let timers = Timers::new(exec.platform().clone(), Rc::downgrade(exec), exec.id());
        if let Ok(mut slot) = exec.timer_slot().try_borrow_mut() {
            *slot = Some(timers.inner.clone());
        }
        timers
    }

    /// The timers of the task being polled, else those of the newest live executor on this thread.
    pub fn current() -> Option<Timers> {
        current_exec().or_else(latest).map(|exec| Timers::of(&exec))
    }

    /// A timer of `duration`, armed now.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let timer = exec.timers().sleep(Duration::from_millis(30));
    /// assert_eq!(timer.deadline(), Some(30.0));
    /// sim.advance(30.0);
    /// assert!(timer.is_completed());
    /// ```
    pub fn sleep(&self, duration: Duration) -> TimerFuture {
        self.sleep_ms(duration_ms(duration))
    }

    /// A timer of `ms` milliseconds (negative or NaN counts as 0), armed now.
    pub fn sleep_ms(&self, ms: f64) -> TimerFuture {
        let ms = if ms.is_nan() || ms < 0.0 { 0.0 } else { ms };
        let inner = &self.inner;
        let id = TimerId(inner.next_id.get());
        inner.next_id.set(id.0 + 1);
        let owner = current_task(inner.exec_id);
        let task = owner.map(|(_, t)| t);
        let start = inner.platform.now();
        let deadline = start + ms;
        let shared = Rc::new(TimerShared {
            id,
            owner,
            backend: inner.backend.get(),
            timers: inner.clone(),
            state: RefCell::new(SharedState {
                completed: false,
                waker: None,
                cancelled: false,
                start,
                deadline,
                not_before: start,
                arm: Arm::None,
            }),
        });
        inner.count(|s| {
            s.armed += 1;
            s.pending += 1;
        });
        inner.record(Some(start), task, EventKind::TimerArmed { timer: id, deadline });
        inner.owned(owner, 1);
        let arm = inner.arm(&shared, deadline, start);
        if let Ok(mut state) = shared.state.try_borrow_mut() {
            state.arm = arm;
        }
        TimerFuture { shared: Some(shared), unbound: None }
    }

    /// Chooses the backend for timers created from now on. Pending timers keep theirs.
    pub fn set_backend(&self, backend: TimerBackend) {
        self.inner.backend.set(backend);
    }

    /// The backend new timers get.
    pub fn backend(&self) -> TimerBackend {
        self.inner.backend.get()
    }

    /// Counters.
    pub fn stats(&self) -> TimerStats {
        self.inner.stats.get()
    }

    /// Fires every driver timer due at `now`, then re-arms the driver's host timeout for the next
    /// one. Returns how many fired. The host timeout calls this; tests may call it directly.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::{rc::Rc, time::Duration};
    /// use waker_playground::core::{Config, Executor, SimPlatform, TimerBackend};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// exec.timers().set_backend(TimerBackend::Driver);
    /// let timers: Vec<_> = (1..=3).map(|ms| exec.timers().sleep(Duration::from_millis(ms * 10))).collect();
    /// assert_eq!(sim.stats().pending, 1, "one host timeout for all three");
    /// assert_eq!(exec.timers().process_at_time(20.0), 2);
    /// assert!(timers[0].is_completed() && timers[1].is_completed() && !timers[2].is_completed());
    /// ```
    pub fn process_at_time(&self, now: f64) -> usize {
        self.inner.process_at_time(now)
    }

    /// Timers in the driver's heap right now.
    pub fn driver_len(&self) -> usize {
        self.inner.driver.borrow().live
    }
}

impl TimersInner {
    fn count(&self, f: impl FnOnce(&mut TimerStats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }

    /// Records a timer event. `at` is the time it happened, when the caller read the clock for
    /// its own logic; events inside a poll would otherwise carry the poll's start time, and a
    /// timer armed after a long spin would seem armed before it.
    fn record(&self, at: Option<f64>, task: Option<TaskId>, kind: EventKind) {
        if let Some(exec) = self.exec.upgrade() {
            exec.record(at, task, kind);
        }
    }

    fn owned(&self, owner: Option<(u32, TaskId)>, delta: i32) {
        if let (Some(owner), Some(exec)) = (owner, self.exec.upgrade()) {
            exec.timer_owned(owner, delta);
        }
    }

    /// Arranges for `timer` to be fired no earlier than `deadline`. `now` is the caller's clock
    /// reading (each `performance.now()` costs about 250 ns from wasm, so it is read once).
    fn arm(&self, timer: &Rc<TimerShared>, deadline: f64, now: f64) -> Arm {
        match timer.backend {
            TimerBackend::PerTimer => {
                let delay = hop_delay_ms(now, deadline);
                let weak = Rc::downgrade(timer);
                // @code set-timeout
                let id = self.platform.set_timeout(
                    delay,
                    Box::new(move || {
                        if let Some(timer) = weak.upgrade() {
                            let now = timer.timers.platform.now();
                            timer.fire(now);
                        }
                    }),
                );
                Arm::Host(HostArm { platform: self.platform.clone(), id: Some(id) })
            }
            TimerBackend::Driver => {
                let key = self.driver.borrow_mut().insert(deadline, Rc::downgrade(timer));
                self.sync_driver_host(now);
                match self.self_weak.upgrade() {
                    Some(timers) => Arm::Driver(DriverArm { timers, key: Some(key) }),
                    None => Arm::None,
                }
            }
        }
    }

    fn driver_remove(&self, key: DriverKey) {
        let emptied = {
            let mut d = self.driver.borrow_mut();
            d.remove(key);
            d.live == 0
        };
        if emptied {
            // Nothing left to fire: clear the host timeout rather than wake for nothing.
            let host = self.driver_host.borrow_mut().take();
            drop(host);
        }
    }

    /// Keeps exactly one host timeout armed, for the earliest driver deadline.
    fn sync_driver_host(&self, now: f64) {
        let next = self.driver.borrow_mut().next_deadline();
        let mut host = self.driver_host.borrow_mut();
        match next {
            None => {
                let old = host.take();
                drop(host);
                drop(old);
            }
            Some(deadline) => {
                if matches!(&*host, Some((_, armed_for)) if *armed_for <= deadline) {
                    // The armed timeout fires first; it re-syncs then.
                    return;
                }
                let old = host.take();
                let weak = self.self_weak.clone();
                let delay = hop_delay_ms(now, deadline);
                let id = self.platform.set_timeout(
                    delay,
                    Box::new(move || {
                        if let Some(timers) = weak.upgrade() {
                            if let Some((mut arm, _)) = timers.driver_host.borrow_mut().take() {
                                arm.id = None;
                            }
                            let now = timers.platform.now();
                            timers.process_at_time(now);
                        }
                    }),
                );
                *host = Some((HostArm { platform: self.platform.clone(), id: Some(id) }, deadline));
                drop(host);
                drop(old);
            }
        }
    }

    fn process_at_time(&self, now: f64) -> usize {
        if !now.is_finite() {
            // NaN compares false with every deadline, which would read as "all due".
            return 0;
        }
        let mut due = std::mem::take(&mut *self.due_buffer.borrow_mut());
        self.driver.borrow_mut().pop_due(now, &mut due);
        let n = due.len();
        if n == 0 {
            // A hop of a long deadline ended, or the earliest timer was removed.
            self.count(|s| s.hops += 1);
        }
        // No borrow is held while firing: a fired timer's wake may create or drop timers.
        for weak in due.drain(..) {
            if let Some(timer) = weak.upgrade() {
                timer.fire(now);
            }
        }
        *self.due_buffer.borrow_mut() = due;
        self.sync_driver_host(now);
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Config, Executor, SimPlatform};

    #[test]
    fn the_driver_heap_is_compacted_and_keeps_its_live_timers() {
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        exec.timers().set_backend(TimerBackend::Driver);
        let mut timers: Vec<Option<TimerFuture>> = (0..200u64).map(|i| Some(exec.timers().sleep_ms(1000.0 + i as f64))).collect();
        // Drop 150 of them: more stale entries than live ones, so the heap is rebuilt.
        for (i, t) in timers.iter_mut().enumerate() {
            if i % 4 != 0 {
                *t = None;
            }
        }
        let heap_len = exec.timers().inner.driver.borrow().heap.len();
        assert!(heap_len < 200, "compacted: {heap_len} heap entries for 50 timers");
        assert_eq!(exec.timers().driver_len(), 50);
        for (i, t) in timers.iter().enumerate() {
            if let Some(t) = t {
                assert!(!t.is_completed());
                sim.run_until(1000.0 + i as f64 - 0.5);
                assert!(!t.is_completed(), "timer {i} fired early");
                sim.run_until(1000.0 + i as f64);
                assert!(t.is_completed(), "timer {i} fired late or not at all");
            }
        }
        assert_eq!(exec.timers().driver_len(), 0);
        assert_eq!(sim.stats().pending, 0);
    }

    #[test]
    fn rescheduling_re_arms_without_a_second_timer() {
        for backend in [TimerBackend::PerTimer, TimerBackend::Driver] {
            let sim = SimPlatform::new();
            let exec = Executor::new(Rc::new(sim.clone()), Config::default());
            exec.timers().set_backend(backend);
            let t = exec.timers().sleep_ms(100.0);
            let h = t.handle();
            for ms in [50, 500, 20, 300] {
                assert!(h.set_duration(Duration::from_millis(ms)).is_ok());
                assert_eq!(sim.stats().pending, 1, "{backend:?}: one host timeout, never two");
            }
            sim.run_until(299.0);
            assert!(!t.is_completed());
            sim.run_until(300.0);
            assert!(t.is_completed(), "{backend:?}");
            assert_eq!(exec.timers().stats().rescheduled, 4);
        }
    }
}
