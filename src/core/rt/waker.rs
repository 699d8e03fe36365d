//! Tasks and their wakers: a task is one allocation (its header, its record, its future), and
//! its wakers a hand-written `RawWakerVTable` over that header that counts clones, drops and wakes.
//!
//! # Ground rules
//!
//! - This is the only file of the crate with `unsafe` code. Every block says why it is sound.
//! - A task is one allocation (async-task's layout): its [`WakerHeader`], its record and its
//!   future ([`TaskRc`]). A waker's data pointer is always a pointer to such an allocation,
//!   whose first field is the header. An owned waker holds one reference to the allocation; a
//!   [`WakerRef`] borrows the task's and holds none, so it can never be dropped or woken by value
//!   (only `&Waker` is handed out).
//! - `Waker` is `Send + Sync`, so its data must be too. The header holds only plain ids, atomics
//!   and an `Arc` to thread-safe executor state. Nothing `Rc` is reachable from a waker: a wake
//!   finds its executor through a thread-local registry (the executor's [`OnOp`] handler), which only
//!   knows executors of the calling thread. A waker used on another thread leaves its task in a
//!   mutex-guarded inbox instead, and calls the host's notifier (`Platform::remote_notifier`),
//!   which empties the inbox on the executor's thread.
//! - The vtable functions never panic: they run inside user code, inside `Drop`, and across FFI.
//! - A task's future lives in its task's own allocation ([`TaskRc`]): polled in place (pinned,
//!   because the allocation's pointer never leaves this module, so nothing can move the future
//!   out) and dropped in place. A state says who may touch the future, and is the only way to it.
//! - The allocation has two counts. The header's `refs` (atomic) counts the owned wakers, plus
//!   one for all the task's handles together; the last reference frees the memory, on whatever
//!   thread drops it. The handles' count (a `Cell`, read only on the task's thread: a handle is
//!   `!Send`) decides when the task's `!Send` parts, its record and its future, are dropped: by
//!   the last handle, on the task's thread, before it gives up the handles' reference. So a waker
//!   on another thread may free the memory but never drops, or reads, anything but the header.

#![deny(unsafe_op_in_unsafe_fn)]
#![deny(clippy::undocumented_unsafe_blocks)]

use std::cell::{Cell, UnsafeCell};
use std::future::Future;
use std::marker::PhantomData;
use std::mem::ManuallyDrop;
use std::ops::Deref;
use std::pin::Pin;
use std::ptr::NonNull;
use std::sync::atomic::{fence, AtomicBool, AtomicU64, AtomicUsize, Ordering};
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

/// What happens to a waker operation after the waker updated its counters: the handling of the
/// executor whose tasks' wakers use [`vtable`]`::<Self>()`. The executor names its own handler
/// type, so this file never names the executor (the arrows go executor -> waker only), and the
/// vtable's functions call the handler directly. (Until 2026-12-05 the handler was a function
/// pointer in the shared state: in Chromium that indirect call cost a ninth of a bare poll,
/// 31.8 -> 28.2 ns, twelve alternating pages each.)
pub(crate) trait OnOp: 'static {
    /// Handles `op` of a waker whose header is `header`. Never panics.
    fn on_op(header: &WakerHeader, op: WakerOp);
}

/// The handler of shared state that no executor owns (the vtable's own tests): a wake waits in
/// the inbox, as one from another thread does.
struct NoExecutor;

impl OnOp for NoExecutor {
    fn on_op(header: &WakerHeader, op: WakerOp) {
        if matches!(op, WakerOp::Wake | WakerOp::WakeByRef) {
            header.shared.push_remote(header);
        }
    }
}

static NO_EXECUTOR: TaskVTable = task_vtable::<NoExecutor>();

/// State shared by an executor and every waker of its tasks. Thread-safe by construction.
#[derive(Debug)]
pub(crate) struct ExecShared {
    /// The vtable of its tasks' wakers, whose functions hand each operation to the executor's
    /// [`OnOp`] handler: a `static` of the executor's (one address, so that `Waker::will_wake`
    /// sees two wakers of one task as the same). Only [`task_vtable`] makes one.
    pub(crate) vtable: &'static TaskVTable,
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
            vtable: &NO_EXECUTOR,
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

/// What a waker points to: the start of its task's allocation ([`TaskRc`]), the part of a task
/// that any thread may reach. Which task of which executor, counters, and the allocation's count.
#[derive(Debug)]
pub(crate) struct WakerHeader {
    /// References to the allocation: one per owned waker, plus one for the task's handles
    /// together while any is alive. The last one frees the allocation ([`WakerHeader::release`]).
    refs: AtomicUsize,
    /// Frees the allocation this header starts: made by [`TaskRc::new`] for its types.
    free: unsafe fn(NonNull<WakerHeader>),
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
    /// A reference more for a new owned waker. Never panics: a count that would overflow aborts,
    /// as `Arc`'s does (it cannot happen without leaking wakers by the billion).
    fn acquire(&self) {
        if self.refs.fetch_add(1, Ordering::Relaxed) > isize::MAX as usize {
            std::process::abort();
        }
    }

    /// Gives back one reference to the allocation `this` starts, and frees it if it was the last.
    ///
    /// # Safety
    ///
    /// The caller owns one reference (an owned waker's, or the handles' one), and `this` is a
    /// pointer with the provenance of the whole allocation (derived from the cell's own pointer,
    /// never from a reference to the header alone). Neither is used again.
    unsafe fn release(this: NonNull<WakerHeader>) {
        // SAFETY: the caller's reference keeps the allocation alive up to this decrement.
        let last = unsafe { this.as_ref() }.refs.fetch_sub(1, Ordering::Release) == 1;
        if last {
            // Every other reference's use of the allocation happened before its decrement
            // (`Release`), and so before what follows, as in `Arc`'s drop.
            fence(Ordering::Acquire);
            // SAFETY: that was the last reference: nothing else reaches the allocation, and
            // nothing will (a new reference is only made from an existing one). `free` is the
            // function `TaskRc::new` stored for the allocation's own types, and the task's
            // record and future are gone already: the handles drop them before they give up
            // their reference. (The function pointer is read first: no reference to the header
            // is held while it frees the memory.)
            let free = unsafe { this.as_ref() }.free;
            // SAFETY: as above.
            unsafe { free(this) };
        }
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

/// A waker vtable of this module's: its functions take the data pointer of a waker made by
/// [`WakerRef::new`] or by a clone of one, the start of a live task allocation. The field is
/// private and [`task_vtable`] the only way to make one, so no other table (an `Arc<impl Wake>`
/// waker's, say, which safe code can read) can ever be given a task's pointer.
#[derive(Debug)]
pub(crate) struct TaskVTable(RawWakerVTable);

/// The waker vtable of tasks whose wakers' operations `T` handles.
pub(crate) const fn task_vtable<T: OnOp>() -> TaskVTable {
    TaskVTable(RawWakerVTable::new(clone_raw::<T>, wake_raw::<T>, wake_by_ref_raw::<T>, drop_raw::<T>))
}

/// A waker that borrows a task's reference for one poll, without touching the count.
///
/// The same trick as futures-task's `WakerRef`: only `&Waker` is reachable, so the borrowed waker
/// can be cloned (which takes a real reference) but never dropped or consumed by `wake()`.
pub(crate) struct WakerRef<'a> {
    waker: ManuallyDrop<Waker>,
    _task: PhantomData<&'a WakerHeader>,
}

impl<'a> WakerRef<'a> {
    pub(crate) fn new<R>(task: &'a TaskRc<R>) -> Self {
        let raw = RawWaker::new(task.cell.cast::<()>().as_ptr().cast_const(), &task.header().shared.vtable.0);
        // SAFETY: the pointer is to a live task allocation (its header first), with the whole
        // allocation's provenance, kept alive for `'a` by the handle's reference. The
        // `ManuallyDrop` never runs `drop_raw`, and `wake_raw` needs the waker by value, which
        // `Deref` does not give out; so no reference this waker does not own is ever released.
        // The header is Send + Sync (asserted above), and the vtable touches nothing else: it
        // is a `TaskVTable`, whose functions are this module's (only `task_vtable` makes one).
        let waker = unsafe { Waker::from_raw(raw) };
        Self { waker: ManuallyDrop::new(waker), _task: PhantomData }
    }
}

impl Deref for WakerRef<'_> {
    type Target = Waker;

    fn deref(&self) -> &Waker {
        &self.waker
    }
}

unsafe fn clone_raw<T: OnOp>(ptr: *const ()) -> RawWaker {
    // SAFETY: `ptr` comes from an owned waker or a `WakerRef`, so the allocation is alive for the
    // duration of this call (that waker's reference, or the handles' one, keeps it); we only take
    // a shared reference to its header.
    let header = unsafe { &*ptr.cast::<WakerHeader>() };
    header.acquire();
    header.count(WakerOp::Clone);
    T::on_op(header, WakerOp::Clone);
    RawWaker::new(ptr, &header.shared.vtable.0)
}

unsafe fn wake_raw<T: OnOp>(ptr: *const ()) {
    {
        // SAFETY: `wake` takes an owned waker, whose reference keeps the allocation alive until
        // it is released below, after this borrow ends.
        let header = unsafe { &*ptr.cast::<WakerHeader>() };
        header.count(WakerOp::Wake);
        T::on_op(header, WakerOp::Wake);
    }
    // SAFETY: the waker's own reference, given back once; `ptr` is the waker's data pointer,
    // which has the allocation's provenance (see `WakerRef::new` and `clone_raw`).
    unsafe { WakerHeader::release(NonNull::new_unchecked(ptr.cast_mut()).cast()) };
}

unsafe fn wake_by_ref_raw<T: OnOp>(ptr: *const ()) {
    // SAFETY: the waker calling us is alive, so the allocation it points to is too.
    let header = unsafe { &*ptr.cast::<WakerHeader>() };
    header.count(WakerOp::WakeByRef);
    T::on_op(header, WakerOp::WakeByRef);
}

unsafe fn drop_raw<T: OnOp>(ptr: *const ()) {
    {
        // SAFETY: only owned wakers are dropped (a `WakerRef` is `ManuallyDrop`), and each holds
        // one reference, released below, after this borrow ends.
        let header = unsafe { &*ptr.cast::<WakerHeader>() };
        header.count(WakerOp::Drop);
        T::on_op(header, WakerOp::Drop);
    }
    // SAFETY: as in `wake_raw`.
    unsafe { WakerHeader::release(NonNull::new_unchecked(ptr.cast_mut()).cast()) };
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
/// It exists only inside a [`TaskCell`]: nothing outside this module can make one, hold one by
/// value, or move one. It has no `Drop` of its own: the task's last handle drops the future, on
/// the task's thread (a cell freed with its future still there would leak it, never drop it on
/// another thread).
struct FutureCell<F: ?Sized> {
    slot: Cell<Slot>,
    future: UnsafeCell<ManuallyDrop<F>>,
}

/// A task: one allocation (async-task's layout) holding the header its wakers point to, its
/// record, and its future, last so that the cell unsizes to `TaskCell<R, dyn Future<…>>`.
/// `repr(C)` puts the header first: a pointer to the cell is a pointer to its header.
#[repr(C)]
struct TaskCell<R, F: ?Sized> {
    header: WakerHeader,
    /// Handles ([`TaskRc`]) alive. Only the task's thread touches it (a handle is `!Send`).
    handles: Cell<usize>,
    /// Dropped by the last handle (on the task's thread), never by the cell's own drop.
    record: ManuallyDrop<R>,
    future: FutureCell<F>,
}

/// Frees a task's allocation. Stored in its header by [`TaskRc::new`], with the types it made.
///
/// # Safety
///
/// `header` starts a `TaskCell<R, F>` made by `TaskRc::new`, with the whole allocation's
/// provenance; no reference to the allocation is left; its record and its future are gone.
unsafe fn free_cell<R, F>(header: NonNull<WakerHeader>) {
    // Held at compile time: freeing runs no drop glue of `R` or `F` (a `Drop` added to either
    // wrapper would run `!Send` code on whatever thread frees the cell).
    const {
        assert!(!std::mem::needs_drop::<ManuallyDrop<R>>() && !std::mem::needs_drop::<FutureCell<F>>());
    }
    // SAFETY: the header is the cell's first field (`repr(C)`), so its pointer is the cell's,
    // which came from `Box::leak` of a `Box<TaskCell<R, F>>`; the caller gives the last
    // reference. Dropping the box drops the header (thread-safe) and nothing else: the record
    // is `ManuallyDrop`, and so is the future, inside a cell with no `Drop`. So this may run on
    // any thread, though `R` and `F` may be `!Send`: neither is touched.
    drop(unsafe { Box::from_raw(header.cast::<TaskCell<R, F>>().as_ptr()) });
}

/// A handle to a task: its record (through `Deref`) and its future, which is polled and dropped
/// in place. The cell's pointer is private to this module and never handed out, so nothing can
/// move the future after its first poll, which is what makes pinning it in place sound. A
/// handle is `!Send` and `!Sync` (the pointer), so handles stay on the task's thread.
pub(crate) struct TaskRc<R> {
    cell: NonNull<TaskCell<R, dyn Future<Output = ()>>>,
    /// Says that the handles own an `R` (the last of them drops it).
    _record: PhantomData<R>,
}

impl<R> TaskRc<R> {
    /// A new task of executor `exec`, in table slot `slot`, with no waker yet.
    pub(crate) fn new<F: Future<Output = ()> + 'static>(
        (exec, slot, task): (u64, u32, TaskId),
        shared: Arc<ExecShared>,
        record: R,
        future: F,
    ) -> Self
    where
        R: 'static,
    {
        let header = WakerHeader {
            refs: AtomicUsize::new(1),
            free: free_cell::<R, F>,
            exec,
            slot,
            task,
            shared,
            counts: WakerCounts::default(),
            remote_queued: AtomicBool::new(false),
        };
        let cell = Box::new(TaskCell { header, handles: Cell::new(1), record: ManuallyDrop::new(record), future: FutureCell::new(future) });
        let cell: NonNull<TaskCell<R, F>> = NonNull::from(Box::leak(cell));
        TaskRc { cell, _record: PhantomData }
    }

    fn cell(&self) -> &TaskCell<R, dyn Future<Output = ()>> {
        // SAFETY: this handle is one of the handles, which keep the allocation (their reference)
        // and the record and the future (their count) alive; only shared references are made.
        unsafe { self.cell.as_ref() }
    }

    /// The header the task's wakers point to.
    pub(crate) fn header(&self) -> &WakerHeader {
        &self.cell().header
    }

    /// Polls the future in place; `None` if it is gone, or already being polled (from inside
    /// its own poll).
    pub(crate) fn poll_future(&self, cx: &mut Context<'_>) -> Option<Poll<()>> {
        self.cell().future.poll(cx)
    }

    /// Whether the future is being polled right now.
    pub(crate) fn future_polling(&self) -> bool {
        self.cell().future.is_polling()
    }

    /// Whether the future is still there (not dropped).
    pub(crate) fn future_present(&self) -> bool {
        self.cell().future.is_present()
    }

    /// Drops the future in place, unless it is gone or being polled; returns whether it did.
    /// Its `Drop` may re-enter the executor: it then finds the future gone.
    pub(crate) fn drop_future(&self) -> bool {
        self.cell().future.drop_future()
    }
}

impl<R> Clone for TaskRc<R> {
    fn clone(&self) -> Self {
        let handles = &self.cell().handles;
        // Never panics: a count that would overflow aborts, as `Rc`'s does.
        match handles.get().checked_add(1) {
            Some(n) => handles.set(n),
            None => std::process::abort(),
        }
        TaskRc { cell: self.cell, _record: PhantomData }
    }
}

impl<R> Drop for TaskRc<R> {
    fn drop(&mut self) {
        let cell = self.cell();
        // A count already at 0 would be a handle dropped twice: nothing may go on from there.
        let Some(left) = cell.handles.get().checked_sub(1) else { std::process::abort() };
        cell.handles.set(left);
        if left > 0 {
            return;
        }
        // The last handle, on the task's thread: the task's `!Send` parts go here. A poll holds a
        // handle (its caller's), so the future cannot be being polled; were it ever, freeing it
        // mid-poll would break `Pin`'s promise: stop instead.
        if cell.future.is_polling() {
            std::process::abort();
        }
        // The record and the handles' reference go after the future, even if the future's
        // `Drop` panics (natively; the page aborts on a panic): a future whose `Drop` panicked
        // counts as dropped, so the memory may then go too.
        let _rest = LastHandleRest(self.cell);
        // The future first: its `Drop` may run code that wakes the task (the executor no longer
        // holds it, so the wake finds nothing).
        cell.future.drop_future();
    }
}

/// What the last handle does after dropping the future: drops the record, then gives back the
/// handles' reference (even if the record's `Drop` panics).
struct LastHandleRest<R>(NonNull<TaskCell<R, dyn Future<Output = ()>>>);

impl<R> Drop for LastHandleRest<R> {
    fn drop(&mut self) {
        /// Gives back the handles' reference when dropped.
        struct Release(NonNull<WakerHeader>);
        impl Drop for Release {
            fn drop(&mut self) {
                // SAFETY: the handles' reference, given back once, by the last handle (only it
                // makes a `LastHandleRest`, once); the pointer is the cell's own, with the whole
                // allocation's provenance.
                unsafe { WakerHeader::release(self.0) };
            }
        }
        let _release = Release(self.0.cast());
        // SAFETY: only handles reach the record, and the last one is going: nothing reads it
        // again, and it is dropped once (the count reached 0 once). The place is reached from
        // the cell's own pointer, not from a reference to the cell (the last handle's is no
        // longer used); the `&mut` covers the record alone, which no other reference covers.
        unsafe { ManuallyDrop::drop(&mut (*self.0.as_ptr()).record) };
    }
}

impl<R> Deref for TaskRc<R> {
    type Target = R;

    fn deref(&self) -> &R {
        &self.cell().record
    }
}

impl<F> FutureCell<F> {
    /// Only for `TaskRc::new`: pinning in `poll` relies on the cell never leaving a `TaskCell`.
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
        // the future: `poll` and `drop_future` touch it only from `Present`, and only this
        // function sets `Polling` (its `PollEnd` sets it back). The future is initialised (it is
        // dropped only on the way to `Gone`, never to be reached again), and it never moves: a
        // cell is made only inside a `TaskCell`, whose pointer only its `TaskRc`s hold and never
        // give out; the future stays there until the last handle drops it in place, before the
        // memory can be freed. So pinning it here is sound.
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

#[cfg(test)]
mod tests {
    //! Run these under Miri too: `cargo +nightly miri test --lib core::rt::waker`.
    use super::*;
    use std::cell::RefCell;
    use std::rc::Rc;

    /// A task of executor id 0, which is never registered: its wakers exercise the "no executor
    /// here" path (a wake waits in the inbox).
    fn new_task<R: 'static>(record: R, future: impl Future<Output = ()> + 'static) -> TaskRc<R> {
        TaskRc::new((0, 0, TaskId(7)), Arc::new(ExecShared::default()), record, future)
    }

    fn idle() -> TaskRc<()> {
        new_task((), std::future::pending())
    }

    fn refs<R>(t: &TaskRc<R>) -> usize {
        t.header().refs.load(Ordering::Relaxed)
    }

    /// Notes its drop.
    struct Note(Rc<Cell<bool>>);

    impl Drop for Note {
        fn drop(&mut self) {
            self.0.set(true);
        }
    }

    #[test]
    fn clone_and_drop_are_counted_and_balance_the_references() {
        let t = idle();
        let w = (*WakerRef::new(&t)).clone();
        let w2 = w.clone();
        let w3 = w2.clone();
        assert_eq!(refs(&t), 4, "three wakers and the handles' one");
        drop(w2);
        drop(w3);
        assert_eq!(t.header().stats(), WakerStats { clones: 3, drops: 2, wakes: 0, wake_by_refs: 0 });
        assert_eq!(t.header().stats().live(), 1);
        drop(w);
        assert_eq!(refs(&t), 1);
        assert_eq!(t.header().stats().live(), 0);
    }

    #[test]
    fn wake_by_value_consumes_and_counts_a_drop() {
        let t = idle();
        let w = (*WakerRef::new(&t)).clone();
        let w2 = w.clone();
        w2.wake();
        w.wake_by_ref();
        let s = t.header().stats();
        assert_eq!((s.clones, s.drops, s.wakes, s.wake_by_refs), (2, 1, 1, 1));
        drop(w);
        assert_eq!(refs(&t), 1);
    }

    #[test]
    fn waker_ref_borrows_without_counting() {
        let t = idle();
        {
            let r = WakerRef::new(&t);
            assert_eq!(refs(&t), 1);
            let owned = (*r).clone();
            assert_eq!(refs(&t), 2);
            assert!(owned.will_wake(&r));
            owned.wake();
        }
        assert_eq!(refs(&t), 1);
        assert_eq!(t.header().stats().live(), 0);
    }

    #[test]
    fn task_handles_share_one_reference() {
        let t = idle();
        let (t2, t3) = (t.clone(), t.clone());
        assert_eq!(refs(&t), 1);
        assert_eq!(t.cell().handles.get(), 3);
        drop((t2, t3));
        assert_eq!(t.cell().handles.get(), 1);
    }

    #[test]
    fn wakers_cross_threads_and_land_in_the_inbox() {
        let t = idle();
        let w = (*WakerRef::new(&t)).clone();
        let handle = std::thread::spawn(move || {
            let w2 = w.clone();
            w.wake();
            w2.wake_by_ref();
        });
        assert!(handle.join().is_ok());
        assert_eq!(t.header().shared.take_remote(), [(0, TaskId(7))], "two wakes, queued once");
        assert_eq!(t.header().stats().live(), 0);
        assert_eq!(refs(&t), 1);
    }

    #[test]
    fn the_last_handle_drops_the_record_and_the_future_and_the_last_waker_frees_the_task() {
        let (record, future) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(false)));
        let note = Note(future.clone());
        let shared = Arc::new(ExecShared::default());
        let t = TaskRc::new((0, 0, TaskId(7)), shared.clone(), Note(record.clone()), async move {
            let _note = note;
            std::future::pending::<()>().await;
        });
        let waker = (*WakerRef::new(&t)).clone();
        let other = t.clone();
        drop(t);
        assert!(!record.get() && !future.get(), "a handle is left");
        drop(other);
        assert!(record.get() && future.get(), "the last handle drops both, though a waker lives");
        assert_eq!(Arc::strong_count(&shared), 2, "the header stays for the waker");
        // A waker whose task is gone still works: its wake waits in the inbox, where an executor
        // would find no task for it.
        waker.wake_by_ref();
        assert_eq!(shared.take_remote(), [(0, TaskId(7))]);
        drop(waker);
        assert_eq!(Arc::strong_count(&shared), 1, "the last waker freed the task");
    }

    #[test]
    fn a_waker_on_another_thread_frees_the_task_once_its_handles_are_gone() {
        let dropped = Rc::new(Cell::new(false));
        let shared = Arc::new(ExecShared::default());
        let t = TaskRc::new((0, 0, TaskId(7)), shared.clone(), Note(dropped.clone()), std::future::pending());
        let waker = (*WakerRef::new(&t)).clone();
        let (go, wait) = std::sync::mpsc::channel::<()>();
        let handle = std::thread::spawn(move || {
            let clone = waker.clone();
            // Waits for the task's thread to drop the task, then drops the last references here.
            let _ = wait.recv();
            clone.wake_by_ref();
            waker.wake();
            drop(clone);
        });
        drop(t);
        assert!(dropped.get(), "the record went on the task's thread");
        let _ = go.send(());
        assert!(handle.join().is_ok());
        assert_eq!(Arc::strong_count(&shared), 1, "the other thread freed the task");
        assert_eq!(shared.take_remote(), [(0, TaskId(7))]);
    }

    #[test]
    fn the_last_handle_and_the_last_waker_may_go_at_once_on_two_threads() {
        // No other synchronisation between the two drops: which of them frees the task is up to
        // the scheduler (Miri tries one order per seed; `-Zmiri-many-seeds` tries many), and the
        // counts' ordering alone must keep the handle's writes (the future and the record
        // dropped, the handles' count) before the free.
        let shared = Arc::new(ExecShared::default());
        let dropped = Rc::new(Cell::new(false));
        let t = TaskRc::new((0, 0, TaskId(7)), shared.clone(), Note(dropped.clone()), std::future::pending());
        let waker = (*WakerRef::new(&t)).clone();
        let other = std::thread::spawn(move || drop(waker));
        drop(t);
        assert!(other.join().is_ok());
        assert!(dropped.get());
        assert_eq!(Arc::strong_count(&shared), 1, "freed once, by one of the two");
    }

    #[test]
    fn a_future_whose_drop_panics_still_lets_the_record_and_the_task_go() {
        struct Boom;
        impl Drop for Boom {
            fn drop(&mut self) {
                panic!("a Drop that panics");
            }
        }
        let shared = Arc::new(ExecShared::default());
        let dropped = Rc::new(Cell::new(false));
        let boom = Boom;
        let t = TaskRc::new((0, 0, TaskId(7)), shared.clone(), Note(dropped.clone()), async move {
            let _boom = boom;
            std::future::pending::<()>().await;
        });
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(move || drop(t)));
        assert!(unwound.is_err(), "the panic comes through");
        assert!(dropped.get(), "the record went all the same");
        assert_eq!(Arc::strong_count(&shared), 1, "and so did the task");
    }

    /// A future that borrows from itself across an await (so it is `!Unpin`), counting its polls
    /// and noting its drop.
    fn self_borrowing(polls: Rc<Cell<u32>>, dropped: Rc<Cell<bool>>) -> impl Future<Output = ()> {
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
        let task = new_task("record", self_borrowing(polls.clone(), dropped.clone()));
        assert_eq!(*task, "record");
        let waker = (*WakerRef::new(&idle())).clone();
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
        let task = new_task((), self_borrowing(polls.clone(), dropped.clone()));
        while task.poll_future(&mut cx) == Some(Poll::Pending) {}
        assert_eq!(polls.get(), 3);
        assert!(dropped.get(), "an async block drops its locals when it completes");
        assert!(task.drop_future());
    }

    #[test]
    fn a_task_dropped_with_its_future_drops_it_and_a_drop_from_inside_its_poll_is_refused() {
        let (polls, dropped) = (Rc::new(Cell::new(0)), Rc::new(Cell::new(false)));
        let task = new_task((), self_borrowing(polls.clone(), dropped.clone()));
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
        let task = new_task(
            (),
            std::future::poll_fn(move |_| {
                let own = me2.borrow().clone().expect("set before the poll");
                seen2.set((own.future_polling(), own.drop_future()));
                Poll::Pending
            }),
        );
        *me.borrow_mut() = Some(task.clone());
        let waker = (*WakerRef::new(&idle())).clone();
        assert_eq!(task.poll_future(&mut Context::from_waker(&waker)), Some(Poll::Pending));
        assert_eq!(seen.get(), (true, false));
        assert!(!task.future_polling() && task.future_present());
        me.borrow_mut().take();
        assert!(task.drop_future());
    }

    #[test]
    fn a_task_whose_poll_unwinds_has_its_future_back_and_can_drop_it() {
        let dropped = Rc::new(Cell::new(false));
        let note = Note(dropped.clone());
        let task = new_task(
            (),
            std::future::poll_fn(move |_| -> Poll<()> {
                let _keep = &note;
                panic!("a panicking poll");
            }),
        );
        let waker = (*WakerRef::new(&idle())).clone();
        let unwound = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| task.poll_future(&mut Context::from_waker(&waker))));
        assert!(unwound.is_err());
        assert!(task.future_present() && !task.future_polling() && !dropped.get());
        assert!(task.drop_future());
        assert!(dropped.get());
    }
}
