//! Instrumented wakers: a hand-written `RawWakerVTable` that counts clones, drops and wakes.
//!
//! # Ground rules
//!
//! - This is the only file of the crate with `unsafe` code. Every block says why it is sound.
//! - A waker's data pointer is always an `Arc<WakerHeader>` pointer. An owned waker holds one
//!   strong count; a [`WakerRef`] borrows one from the task and holds none, so it can never be
//!   dropped or woken by value (only `&Waker` is handed out).
//! - `Waker` is `Send + Sync`, so its data must be too. The header holds only plain ids, atomics
//!   and an `Arc` to thread-safe executor state. Nothing `Rc` is reachable from a waker: a wake
//!   finds its executor through a thread-local registry (the executor's `on_op` hook), which only
//!   knows executors of the calling thread. A waker used on another thread leaves its task in a
//!   mutex-guarded inbox instead, and calls the host's notifier (`Platform::remote_notifier`),
//!   which empties the inbox on the executor's thread.
//! - The vtable functions never panic: they run inside user code, inside `Drop`, and across FFI.
//! - A task's future lives in its task's own allocation ([`TaskRc`]): polled in place (pinned,
//!   because the allocation's `Rc` never leaves this module, so nothing can move the future out)
//!   and dropped in place. A state says who may touch the future, and is the only way to it.

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

use super::ids::TaskId;
use super::platform::RemoteNotify;

/// What a waker was asked to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WakerOp {
    Clone,
    Drop,
    /// `wake(self)`: a wake that also consumes (drops) the waker.
    Wake,
    WakeByRef,
}

/// What happens to a waker operation after the waker updated its counters. The executor
/// installs its own when it creates its shared state: a plain function pointer, so this file
/// never names the executor (the arrows go executor -> waker only).
pub(crate) type OnOp = fn(&WakerHeader, WakerOp);

/// The operation hook of shared state that no executor owns (the vtable's own tests): a wake
/// waits in the inbox, as one from another thread does.
fn no_executor(header: &WakerHeader, op: WakerOp) {
    if matches!(op, WakerOp::Wake | WakerOp::WakeByRef) {
        header.shared.push_remote(header);
    }
}

/// State shared by an executor and every waker of its tasks. Thread-safe by construction.
#[derive(Debug)]
pub(crate) struct ExecShared {
    /// The executor's handling of wakes, clones and drops.
    pub(crate) on_op: OnOp,
    /// Whether wakers count what they do (fixed at start: the executor's hooks are enabled).
    pub(crate) counted: bool,
    /// Whether wakers report clone and drop events (read on every clone and drop).
    pub(crate) traced: AtomicBool,
    /// Set when the executor shuts down: later remote wakes are dropped.
    pub(crate) closed: AtomicBool,
    /// Tasks woken from other threads (slot and id), waiting for the next tick.
    pub(crate) inbox: Mutex<Vec<(u32, TaskId)>>,
    /// Fast check that spares the lock when the inbox is empty.
    pub(crate) inbox_pending: AtomicBool,
    /// Tells the executor's host that the inbox has work, from any thread (set once, at start).
    pub(crate) notify: OnceLock<Notifier>,
}

/// A [`RemoteNotify`] with a `Debug` impl.
pub(crate) struct Notifier(pub(crate) RemoteNotify);

impl std::fmt::Debug for Notifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Notifier")
    }
}

impl Default for ExecShared {
    fn default() -> Self {
        ExecShared {
            on_op: no_executor,
            counted: true,
            traced: AtomicBool::default(),
            closed: AtomicBool::default(),
            inbox: Mutex::default(),
            inbox_pending: AtomicBool::default(),
            notify: OnceLock::default(),
        }
    }
}

impl ExecShared {
    /// Leaves a task in the inbox, at most once until the executor takes it (so a thread that
    /// wakes in a loop cannot grow the inbox). Never panics, even if another thread panicked
    /// holding the lock.
    pub(crate) fn push_remote(&self, header: &WakerHeader) {
        if self.closed.load(Ordering::Acquire) || header.remote_queued.swap(true, Ordering::AcqRel) {
            return;
        }
        {
            let mut inbox = self.inbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            inbox.push((header.slot, header.task));
            self.inbox_pending.store(true, Ordering::Release);
        }
        // Outside the lock. Once per task that enters the inbox, so a thread that wakes in a loop
        // cannot flood the host either. An idle executor is only reached this way.
        if let Some(Notifier(notify)) = self.notify.get() {
            notify();
        }
    }

    /// Takes every task left in the inbox.
    pub(crate) fn take_remote(&self) -> Vec<(u32, TaskId)> {
        if !self.inbox_pending.swap(false, Ordering::AcqRel) {
            return Vec::new();
        }
        let mut inbox = self.inbox.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        std::mem::take(&mut *inbox)
    }
}

/// Counts of what a task's wakers did. Relaxed atomics: they are statistics, not synchronisation.
#[derive(Debug, Default)]
pub(crate) struct WakerCounts {
    pub(crate) clones: AtomicU64,
    pub(crate) drops: AtomicU64,
    pub(crate) wakes: AtomicU64,
    pub(crate) wake_by_refs: AtomicU64,
}

/// A snapshot of [`WakerCounts`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WakerStats {
    /// Clones made of the task's waker (each is a waker some future kept).
    pub clones: u64,
    /// Clones dropped, including those consumed by `wake()`.
    pub drops: u64,
    /// Calls to `wake()` (by value).
    pub wakes: u64,
    /// Calls to `wake_by_ref()`.
    pub wake_by_refs: u64,
}

impl WakerStats {
    /// Wakers alive now: clones minus drops. The executor's own reference is not counted.
    pub fn live(&self) -> i64 {
        i64::try_from(self.clones).unwrap_or(i64::MAX) - i64::try_from(self.drops).unwrap_or(i64::MAX)
    }
}

/// What a waker points to: which task of which executor, plus counters.
#[derive(Debug)]
pub(crate) struct WakerHeader {
    pub(crate) exec: u64,
    /// Where the task sits in its executor's table (checked against `task` before use).
    pub(crate) slot: u32,
    pub(crate) task: TaskId,
    pub(crate) shared: Arc<ExecShared>,
    pub(crate) counts: WakerCounts,
    /// Set while this task sits in the remote inbox.
    pub(crate) remote_queued: AtomicBool,
}

// `Waker: Send + Sync` requires the data behind it to be. This fails to compile if a field that
// is not thread-safe (an `Rc`, a `Cell`) is ever added to the header.
const _: fn() = || {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<WakerHeader>();
};

impl WakerHeader {
    pub(crate) fn new(exec: u64, slot: u32, task: TaskId, shared: Arc<ExecShared>) -> Arc<Self> {
        Arc::new(Self { exec, slot, task, shared, counts: WakerCounts::default(), remote_queued: AtomicBool::new(false) })
    }

    pub(crate) fn stats(&self) -> WakerStats {
        WakerStats {
            clones: self.counts.clones.load(Ordering::Relaxed),
            drops: self.counts.drops.load(Ordering::Relaxed),
            wakes: self.counts.wakes.load(Ordering::Relaxed),
            wake_by_refs: self.counts.wake_by_refs.load(Ordering::Relaxed),
        }
    }

    fn count(&self, op: WakerOp) {
        if !self.shared.counted {
            return;
        }
        let c = &self.counts;
        match op {
            WakerOp::Clone => c.clones.fetch_add(1, Ordering::Relaxed),
            WakerOp::Drop => c.drops.fetch_add(1, Ordering::Relaxed),
            WakerOp::Wake => {
                c.drops.fetch_add(1, Ordering::Relaxed);
                c.wakes.fetch_add(1, Ordering::Relaxed)
            }
            WakerOp::WakeByRef => c.wake_by_refs.fetch_add(1, Ordering::Relaxed),
        };
    }
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, wake_raw, wake_by_ref_raw, drop_raw);

/// Makes an owned, counted waker. The caller's strong count moves into it.
#[cfg(test)]
pub(crate) fn into_waker(header: Arc<WakerHeader>) -> Waker {
    let raw = RawWaker::new(Arc::into_raw(header).cast(), &VTABLE);
    // SAFETY: the data pointer comes from `Arc::into_raw`, so it owns one strong count, which is
    // exactly what every VTABLE function expects of an owned waker. The header is Send + Sync
    // (asserted above), so the waker may cross threads.
    unsafe { Waker::from_raw(raw) }
}

/// A waker that borrows the task's header for one poll, without touching its reference count.
///
/// The same trick as futures-task's `WakerRef`: only `&Waker` is reachable, so the borrowed waker
/// can be cloned (which takes a real count) but never dropped or consumed by `wake()`.
pub(crate) struct WakerRef<'a> {
    waker: ManuallyDrop<Waker>,
    _header: PhantomData<&'a WakerHeader>,
}

impl<'a> WakerRef<'a> {
    pub(crate) fn new(header: &'a Arc<WakerHeader>) -> Self {
        let raw = RawWaker::new(Arc::as_ptr(header).cast(), &VTABLE);
        // SAFETY: the pointer is to a live `Arc<WakerHeader>` allocation that `'a` keeps alive.
        // The `ManuallyDrop` never runs `drop_raw`, and `wake_raw` needs the waker by value, which
        // `Deref` does not give out; so no count this waker does not own is ever released.
        let waker = unsafe { Waker::from_raw(raw) };
        Self { waker: ManuallyDrop::new(waker), _header: PhantomData }
    }
}

impl Deref for WakerRef<'_> {
    type Target = Waker;

    fn deref(&self) -> &Waker {
        &self.waker
    }
}

unsafe fn clone_raw(ptr: *const ()) -> RawWaker {
    // SAFETY: `ptr` comes from an owned waker or a `WakerRef`, so the header allocation is alive
    // for the duration of this call, and adding a count for the new waker is allowed.
    unsafe { Arc::increment_strong_count(ptr.cast::<WakerHeader>()) };
    // SAFETY: alive, as above; we only take a shared reference.
    let header = unsafe { &*ptr.cast::<WakerHeader>() };
    header.count(WakerOp::Clone);
    (header.shared.on_op)(header, WakerOp::Clone);
    RawWaker::new(ptr, &VTABLE)
}

unsafe fn wake_raw(ptr: *const ()) {
    // SAFETY: `wake` takes an owned waker, whose data holds one strong count; we take it back
    // here and release it when `header` goes out of scope.
    let header = unsafe { Arc::from_raw(ptr.cast::<WakerHeader>()) };
    header.count(WakerOp::Wake);
    (header.shared.on_op)(&header, WakerOp::Wake);
}

unsafe fn wake_by_ref_raw(ptr: *const ()) {
    // SAFETY: the waker calling us is alive, so the header it points to is too.
    let header = unsafe { &*ptr.cast::<WakerHeader>() };
    header.count(WakerOp::WakeByRef);
    (header.shared.on_op)(header, WakerOp::WakeByRef);
}

unsafe fn drop_raw(ptr: *const ()) {
    // SAFETY: only owned wakers are dropped (a `WakerRef` is `ManuallyDrop`), and each holds one
    // strong count, released when `header` goes out of scope after the bookkeeping.
    let header = unsafe { Arc::from_raw(ptr.cast::<WakerHeader>()) };
    header.count(WakerOp::Drop);
    (header.shared.on_op)(&header, WakerOp::Drop);
}

/// Who may touch a [`FutureCell`]'s future.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Slot {
    /// There, and nobody holds a reference to it.
    Present,
    /// Being polled: the poll holds the only reference to it.
    Polling,
    /// Dropped (or being dropped): nothing touches it again.
    Gone,
}

/// A task's future, kept inline in its task's allocation (see [`TaskRc`]). Polled in place and
/// dropped in place; it never moves, so pinning it is sound. It is `!Sync` (a `Cell`).
///
/// It exists only inside a [`TaskRc`]'s allocation: nothing outside this module can make one,
/// hold one by value, or move one.
struct FutureCell<F: ?Sized> {
    slot: Cell<Slot>,
    future: UnsafeCell<ManuallyDrop<F>>,
}

/// A task's record and its future, in one allocation behind an `Rc` (as async-task lays a task
/// out: one allocation per task, not the task and a `Box` for its future).
struct TaskBox<R, F: ?Sized> {
    record: R,
    /// Last, so that the box unsizes to `TaskBox<R, dyn Future<Output = ()>>`.
    future: FutureCell<F>,
}

/// A shared handle to a task: its record (through `Deref`) and its future, which is polled and
/// dropped in place. The `Rc` inside is private to this module and never handed out, so its
/// allocation cannot be unwrapped and the future cannot be moved after its first poll, which is
/// what makes pinning it in place sound.
pub(crate) struct TaskRc<R>(Rc<TaskBox<R, dyn Future<Output = ()>>>);

impl<R> TaskRc<R> {
    pub(crate) fn new<F: Future<Output = ()> + 'static>(record: R, future: F) -> Self {
        let task: Rc<TaskBox<R, dyn Future<Output = ()>>> = Rc::new(TaskBox { record, future: FutureCell::new(future) });
        TaskRc(task)
    }

    /// Polls the future in place; `None` if it is gone, or already being polled (from inside
    /// its own poll).
    pub(crate) fn poll_future(&self, cx: &mut Context<'_>) -> Option<Poll<()>> {
        self.0.future.poll(cx)
    }

    /// Whether the future is being polled right now.
    pub(crate) fn future_polling(&self) -> bool {
        self.0.future.is_polling()
    }

    /// Whether the future is still there (not dropped).
    pub(crate) fn future_present(&self) -> bool {
        self.0.future.is_present()
    }

    /// Drops the future in place, unless it is gone or being polled; returns whether it did.
    /// Its `Drop` may re-enter the executor: it then finds the future gone.
    pub(crate) fn drop_future(&self) -> bool {
        self.0.future.drop_future()
    }
}

impl<R> Clone for TaskRc<R> {
    fn clone(&self) -> Self {
        TaskRc(Rc::clone(&self.0))
    }
}

impl<R> Deref for TaskRc<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.0.record
    }
}

impl<F> FutureCell<F> {
    /// Only for `TaskRc::new`: pinning in `poll` relies on the cell never leaving a `TaskBox`.
    fn new(future: F) -> Self {
        FutureCell { slot: Cell::new(Slot::Present), future: UnsafeCell::new(ManuallyDrop::new(future)) }
    }
}

/// Puts a cell back to `Present` when its poll ends, by a return or by an unwind (natively; wasm
/// aborts), unless the poll was not the last to set it.
struct PollEnd<'a>(&'a Cell<Slot>);

impl Drop for PollEnd<'_> {
    fn drop(&mut self) {
        if self.0.get() == Slot::Polling {
            self.0.set(Slot::Present);
        }
    }
}

impl<F: Future<Output = ()> + ?Sized> FutureCell<F> {
    /// Polls the future in place; `None` if it is gone, or already being polled (from inside its
    /// own poll).
    fn poll(&self, cx: &mut Context<'_>) -> Option<Poll<()>> {
        if self.slot.get() != Slot::Present {
            return None;
        }
        self.slot.set(Slot::Polling);
        let _end = PollEnd(&self.slot);
        // SAFETY: the slot was `Present` and is now `Polling`, so this is the only reference to
        // the future: `poll`, `drop_future` and `Drop` touch it only from `Present`, and only this
        // function sets `Polling` (its `PollEnd` sets it back). The future is initialised (it is
        // dropped only on the way to `Gone`, never to be reached again), and it never moves: a
        // cell is made only inside a `TaskBox` inside an `Rc` that only its `TaskRc` holds, which
        // never gives the `Rc` out, so nothing can unwrap the allocation; the future stays there
        // until it is dropped in place. So pinning it here is sound.
        let future = unsafe { Pin::new_unchecked(&mut **self.future.get()) };
        Some(future.poll(cx))
    }
}

impl<F: ?Sized> FutureCell<F> {
    fn is_polling(&self) -> bool {
        self.slot.get() == Slot::Polling
    }

    fn is_present(&self) -> bool {
        self.slot.get() != Slot::Gone
    }

    fn drop_future(&self) -> bool {
        if self.slot.get() != Slot::Present {
            return false;
        }
        self.slot.set(Slot::Gone);
        // SAFETY: the slot was `Present`: the future is initialised and no reference to it is
        // held (a poll holds one only while `Polling`). It is `Gone` now, so nothing reaches it
        // again, and it is dropped exactly once. In place, so Pin's drop guarantee holds.
        unsafe { ManuallyDrop::drop(&mut *self.future.get()) };
        true
    }
}

impl<F: ?Sized> Drop for FutureCell<F> {
    fn drop(&mut self) {
        // `&mut self`: no poll is running. The same transition as `drop_future`.
        self.drop_future();
    }
}

#[cfg(test)]
mod tests {
    //! Run these under Miri too: `cargo +nightly miri test --lib core::waker`.
    use super::*;
    use std::cell::RefCell;

    fn header() -> Arc<WakerHeader> {
        // Executor id 0 is never registered, so these wakers exercise the "no executor here" path.
        WakerHeader::new(0, 0, TaskId(7), Arc::new(ExecShared::default()))
    }

    #[test]
    fn clone_and_drop_are_counted_and_balance_the_arc() {
        let h = header();
        let w = into_waker(h.clone());
        let w2 = w.clone();
        let w3 = w2.clone();
        assert_eq!(Arc::strong_count(&h), 4);
        drop(w2);
        drop(w3);
        assert_eq!(h.stats(), WakerStats { clones: 2, drops: 2, wakes: 0, wake_by_refs: 0 });
        assert_eq!(h.stats().live(), 0);
        drop(w);
        assert_eq!(Arc::strong_count(&h), 1);
    }

    #[test]
    fn wake_by_value_consumes_and_counts_a_drop() {
        let h = header();
        let w = into_waker(h.clone());
        let w2 = w.clone();
        w2.wake();
        w.wake_by_ref();
        let s = h.stats();
        assert_eq!((s.clones, s.drops, s.wakes, s.wake_by_refs), (1, 1, 1, 1));
        drop(w);
        assert_eq!(Arc::strong_count(&h), 1);
    }

    #[test]
    fn waker_ref_borrows_without_counting() {
        let h = header();
        {
            let r = WakerRef::new(&h);
            assert_eq!(Arc::strong_count(&h), 1);
            let owned = (*r).clone();
            assert_eq!(Arc::strong_count(&h), 2);
            assert!(owned.will_wake(&r));
            owned.wake();
        }
        assert_eq!(Arc::strong_count(&h), 1);
        assert_eq!(h.stats().live(), 0);
    }

    #[test]
    fn wakers_cross_threads_and_land_in_the_inbox() {
        let h = header();
        let w = (*WakerRef::new(&h)).clone();
        let handle = std::thread::spawn(move || {
            let w2 = w.clone();
            w.wake();
            w2.wake_by_ref();
        });
        assert!(handle.join().is_ok());
        assert_eq!(h.shared.take_remote(), [(0, TaskId(7))], "two wakes, queued once");
        assert_eq!(h.stats().live(), 0);
        assert_eq!(Arc::strong_count(&h), 1);
    }

    /// A future that borrows from itself across an await (so it is `!Unpin`), counting its polls
    /// and noting its drop.
    fn self_borrowing(polls: Rc<Cell<u32>>, dropped: Rc<Cell<bool>>) -> impl Future<Output = ()> {
        struct Note(Rc<Cell<bool>>);
        impl Drop for Note {
            fn drop(&mut self) {
                self.0.set(true);
            }
        }
        let note = Note(dropped);
        async move {
            let _note = note;
            let data = [1u8, 2, 3];
            let view = &data[1..];
            std::future::poll_fn(|_| {
                polls.set(polls.get() + 1);
                if polls.get() < 3 {
                    Poll::Pending
                } else {
                    Poll::Ready(())
                }
            })
            .await;
            assert_eq!(view, [2, 3]);
        }
    }

    #[test]
    fn a_task_polls_its_future_in_place_and_drops_it_once() {
        let (polls, dropped) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
        let task = TaskRc::new("record", self_borrowing(polls.clone(), dropped.clone()));
        assert_eq!(*task, "record");
        let waker = into_waker(header());
        let mut cx = Context::from_waker(&waker);
        assert_eq!(task.poll_future(&mut cx), Some(Poll::Pending));
        assert_eq!(task.clone().poll_future(&mut cx), Some(Poll::Pending));
        assert_eq!(polls.get(), 2);
        assert!(!dropped.get() && task.future_present());
        assert!(task.drop_future());
        assert!(dropped.get() && !task.future_present());
        // Gone: neither polled nor dropped again.
        assert_eq!(task.poll_future(&mut cx), None);
        assert!(!task.drop_future());
        drop(task);
        // Polled to the end in place: the view into its own array held across the awaits.
        let (polls, dropped) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
        let task = TaskRc::new((), self_borrowing(polls.clone(), dropped.clone()));
        while task.poll_future(&mut cx) == Some(Poll::Pending) {}
        assert_eq!(polls.get(), 3);
        assert!(dropped.get(), "an async block drops its locals when it completes");
        assert!(task.drop_future());
    }

    #[test]
    fn a_task_dropped_with_its_future_drops_it_and_a_drop_from_inside_its_poll_is_refused() {
        let (polls, dropped) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
        let task = TaskRc::new((), self_borrowing(polls.clone(), dropped.clone()));
        let other = task.clone();
        drop(task);
        assert!(!dropped.get(), "a handle still holds it");
        drop(other);
        assert!(dropped.get() && polls.get() == 0);
        // A poll that tries to drop its own future (an abort from inside the task) is refused,
        // and the future is there again once the poll returns.
        let me: Rc<RefCell<Option<TaskRc<()>>>> = Rc::default();
        let seen = Rc::new(Cell::new((false, false)));
        let (me2, seen2) = (me.clone(), seen.clone());
        let task = TaskRc::new(
            (),
            std::future::poll_fn(move |_| {
                let own = me2.borrow().clone().expect("set before the poll");
                seen2.set((own.future_polling(), own.drop_future()));
                Poll::Pending
            }),
        );
        *me.borrow_mut() = Some(task.clone());
        let waker = into_waker(header());
        assert_eq!(task.poll_future(&mut Context::from_waker(&waker)), Some(Poll::Pending));
        assert_eq!(seen.get(), (true, false));
        assert!(!task.future_polling() && task.future_present());
        me.borrow_mut().take();
        assert!(task.drop_future());
    }

    #[test]
    fn a_task_whose_poll_unwinds_has_its_future_back_and_can_drop_it() {
        let dropped = Rc::new(Cell::new(false));
        struct Note(Rc<Cell<bool>>);
        impl Drop for Note {
            fn drop(&mut self) {
                self.0.set(true);
            }
        }
        let note = Note(dropped.clone());
        let task = TaskRc::new(
            (),
            std::future::poll_fn(move |_| -> Poll<()> {
                let _keep = &note;
                panic!("a panicking poll");
            }),
        );
        let waker = into_waker(header());
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| task.poll_future(&mut Context::from_waker(&waker))));
        assert!(unwound.is_err());
        assert!(task.future_present() && !task.future_polling() && !dropped.get());
        assert!(task.drop_future());
        assert!(dropped.get());
    }
}
