//! Threads as the page runs them, with their locks and channels, and the learner's own wakers.
//!
//! # Ground rules
//!
//! - A thread (`thread::spawn`, and `fn main` once it blocks) is a task of our executor whose
//!   stack is marked as a thread's. Threads interleave only where one blocks: `thread::sleep`,
//!   `join`, `lock` on a held `Mutex`, `recv` on an empty channel, `send` on a full one,
//!   `block_on`. A real OS could switch anywhere.
//! - A blocking call returns a future and marks the stack blocked ([`Interp::block`]); the
//!   evaluator polls that future in place of the call, and the thread's task is Pending until it
//!   is ready. Each blocked thread names what it waits in and where ([`TaskInfo::blocked`]), as
//!   Miri's `BlockReason` does.
//! - When every thread is blocked, no task is ready and no timer is pending, nothing can wake
//!   any of them: that is a deadlock, and the run stops with each thread's line.
//! - A learner's waker (`waker_ref(&task)` for `ArcWake`, `Waker::from(arc)` for `Wake`) is a
//!   real `std::task::Waker`; waking it runs the learner's `wake_by_ref` (or `wake`), on the
//!   thread that woke it.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::future::Future as _;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};
use std::time::Duration;

use super::lexer::{LangError, Span};
use super::rt::{deref_all, deref_shared, noop_context, At, Interp, TaskInfo, MAX_LEN, R};
use super::value::*;
use crate::core::{EventKind, Guest, Hop, Outcome, SourceKind, TaskId, TimerFuture, Timers, WakeSource};

/// At most this many threads running at once.
pub const MAX_THREADS: usize = 1000;
/// At most this many of the program's own tasks are traced as tasks.
pub const MAX_GUESTS: usize = 10_000;

/// A blocking call's future: its output is the call's value.
type Blocking = std::pin::Pin<Box<dyn std::future::Future<Output = R<Value>>>>;

impl Interp {
    /// Marks `fib` blocked on `fut` (made at `at`, named `what`); the value the evaluator
    /// pushes, and then polls in place of the call.
    pub(crate) fn block(&self, fib: &mut Fiber, what: &str, fut: Blocking, at: At) -> Value {
        fib.blocked = true;
        self.future(Rc::from(what), at.span, FutState::Native(fut), None)
    }

    /// Polls the future a blocked `fib` waits for. `true`: it is ready, and its output replaced
    /// it on the stack; `false`: the thread stays blocked (its task is Pending).
    pub(crate) fn resume_blocked(self: &Rc<Self>, fib: &mut Fiber, cx: &mut Context<'_>) -> R<bool> {
        let v = fib.stack.last().cloned().unwrap_or_default();
        let (span, what) = match &v {
            Value::Fut(f) => (f.span, f.what.clone()),
            _ => (Span::default(), Rc::from("a call")),
        };
        let at = At { span };
        // Only a thread's own code may wait: anywhere else the call is tried once, with no
        // waker left behind (it would be the context of whatever poll this code runs in).
        let can_block = fib.thread && self.nest.get() == self.thread_nest.get();
        let r = if can_block { self.poll_value(fib, &v, cx, at) } else { self.poll_value(fib, &v, &mut noop_context(), at) };
        drop(v);
        let info = self.current_info();
        match r {
            Ok(Poll::Ready(out)) => {
                fib.blocked = false;
                let fut = fib.stack.pop();
                drop(fut);
                fib.stack.push(out);
                if let Some(i) = &info {
                    *i.blocked.borrow_mut() = None;
                }
                Ok(true)
            }
            Ok(Poll::Pending) if can_block => {
                if let Some(i) = &info {
                    *i.blocked.borrow_mut() = Some((span, what));
                }
                self.park(&[(span, "blocked")]);
                Ok(false)
            }
            Ok(Poll::Pending) => {
                fib.blocked = false;
                let fut = fib.stack.pop();
                drop(fut);
                if &*what == "send" && self.guest_polled.get().is_some() {
                    return Err(at.err(
                        "deadlock: `send` waits here for room in a full channel, inside a poll (a wake sent from `poll`), on the thread that polls. When that thread is the one that receives from this channel, as the book's executor is, nothing can ever make room. `try_send` returns `Err(TrySendError::Full(..))` instead",
                    ));
                }
                Err(at.err(format!(
                    "`{what}` would block here, but this code is not a thread's own: it runs inside a poll, a waker's `wake`, or a closure that the playground called (or a `Drop` that such code set off), where a thread cannot wait in the playground (on an OS it could). Block in a thread's own code (`fn main`, `thread::spawn`), use `try_send`/`try_recv`, and await in async code"
                )))
            }
            Err(e) => {
                fib.blocked = false;
                let fut = fib.stack.pop();
                drop(fut);
                if let Some(i) = &info {
                    *i.blocked.borrow_mut() = None;
                }
                Err(e)
            }
        }
    }

    // ----- Threads -----

    /// `thread::spawn(f)`: a thread running the closure `f`; its `JoinHandle`.
    pub(crate) fn thread_spawn(self: &Rc<Self>, f: Value, name: Option<Rc<str>>, at: At) -> R<Value> {
        let live = self.infos.borrow().iter().filter(|i| i.thread.get() && !i.main_thread.get() && !i.done.get()).count();
        if live >= MAX_THREADS {
            return Err(at.err(format!("the program has {MAX_THREADS} threads running: that is the limit here")));
        }
        let fut = match &f {
            Value::Closure(c) => self.coroutine(c.func, Vec::new(), Some(&c.env), at)?,
            Value::Fn(func) => self.coroutine(*func, Vec::new(), None, at)?,
            other => return Err(at.err(format!("`thread::spawn` takes a closure, `move || {{ … }}`, not {}", other.type_name()))),
        };
        drop(f);
        mark_thread(&fut);
        self.threads.set(self.threads.get() + 1);
        let handle = Rc::new(HandleState::default());
        handle.thread.set(true);
        let info = Rc::new(TaskInfo::default());
        info.thread.set(true);
        // `main` is thread 1; the others are numbered in spawn order.
        let me = ThreadHandle::new(self.threads.get() as u64 + 1, name);
        *info.handle.borrow_mut() = Some(me.clone());
        *handle.thread_handle.borrow_mut() = Some(me);
        self.spawn_task_as("thread", fut, handle.clone(), info).map_err(|e| at.err(e.into_message()))?;
        Ok(Value::Native(Rc::new(Native::Handle(handle))))
    }

    /// `thread::sleep(d)`: blocks the thread on a timer.
    pub(crate) fn thread_sleep(self: &Rc<Self>, fib: &mut Fiber, d: Duration, at: At) -> R<Value> {
        let timer = self.timer_future("thread::sleep", d, at)?;
        let fut: Blocking = Box::pin(async move {
            let Value::Fut(f) = &timer else { return Ok(Value::Unit) };
            f.used.set(true);
            let FutState::Timer(t) = std::mem::replace(&mut *f.state.borrow_mut(), FutState::Done) else { return Ok(Value::Unit) };
            t.await;
            Ok(Value::Unit)
        });
        Ok(self.block(fib, "thread::sleep", fut, at))
    }

    /// `handle.join()`: blocks until the thread ends; `Ok(its value)`, or `Err` if it panicked.
    pub(crate) fn thread_join(&self, fib: &mut Fiber, h: Rc<HandleState>, at: At) -> Value {
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            if !h.done.get() {
                *h.waiter.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            let v = h.result.borrow_mut().take().unwrap_or(Value::Unit);
            Poll::Ready(Ok(if h.failed.get() {
                // The payload: the panic's message, and whether it is a `&'static str`.
                let fields = match h.payload.borrow().as_ref() {
                    Some((m, is_str)) => vec![Value::Str(m.clone()), Value::Bool(*is_str)],
                    None => Vec::new(),
                };
                Value::result(false, Value::Obj(Obj::new(ty::PANIC_PAYLOAD, false, Data::Fields(fields))))
            } else {
                Value::result(true, v)
            }))
        }));
        self.block(fib, "join", fut, at)
    }

    /// The end of `thread::scope`: blocks until every thread spawned in the scope has finished
    /// (threads may spawn more in it meanwhile); a scoped thread that panicked makes the scope
    /// panic, as std's does, once they all have.
    pub(crate) fn scope_join(&self, fib: &mut Fiber, scope: &Value, at: At) -> R<Value> {
        let Value::Native(n) = deref_all(scope) else { return Err(at.err("internal error: not a scope")) };
        if !matches!(&*n, Native::Scope(_)) {
            return Err(at.err("internal error: not a scope"));
        }
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            let Native::Scope(handles) = &*n else { return Poll::Ready(Ok(Value::Unit)) };
            let handles = handles.borrow();
            if let Some(h) = handles.iter().find(|h| !h.done.get()) {
                *h.waiter.borrow_mut() = Some(cx.waker().clone());
                return Poll::Pending;
            }
            if handles.iter().any(|h| h.failed.get() && h.result.borrow().is_some()) {
                return Poll::Ready(Err(at.panic("a scoped thread panicked")));
            }
            Poll::Ready(Ok(Value::Unit))
        }));
        Ok(self.block(fib, "thread::scope", fut, at))
    }

    /// The thread running now: a thread's own handle, or `main`'s for an async task (tasks run
    /// on the main thread, as a single-threaded executor's do).
    pub(crate) fn current_thread(&self) -> Rc<ThreadHandle> {
        let info = self.current_info();
        info.and_then(|i| i.handle.borrow().clone()).unwrap_or_else(|| self.main_thread.clone())
    }

    /// `Ref::map(r, |v| &v.part)` (and `RefMut::map`): a guard of the same borrow that refers to
    /// what the closure picks, which keeps the `RefCell` borrowed until it goes (`r`'s hold
    /// passes to it).
    #[inline(never)]
    pub(crate) fn ref_map(self: &Rc<Self>, fib: &mut Fiber, r: Value, f: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let Value::Ref(p) = &r else { return Err(at.err(format!("`Ref::map` takes a `Ref` or `RefMut`, not {}", r.type_name()))) };
        let Ptr::Guard(g) = &**p else { return Err(at.err(format!("`Ref::map` takes a `Ref` or `RefMut`, not {}", r.type_name()))) };
        if g.released.get() {
            return Err(at.err("this `Ref` was released already"));
        }
        let part = self.call(fib, &f, vec![r.clone()], cx, at)?;
        let mapped = Guard { lock: g.lock.clone(), write: g.write, released: std::cell::Cell::new(false), proj: Some(part) };
        // The borrow is the new guard's now: the old one's drop releases nothing.
        g.released.set(true);
        Ok(Value::Ref(Rc::new(Ptr::Guard(mapped))))
    }

    /// `thread::yield_now()` (and `std::hint::spin_loop()`, a spin lock's wait): in a thread's
    /// own code, the thread's turn ends and the others run before it goes on; elsewhere it does
    /// nothing, as nothing else could run there.
    pub(crate) fn thread_yield(&self, fib: &mut Fiber, at: At) -> Value {
        if !fib.thread || self.nest.get() != self.thread_nest.get() {
            return Value::Unit;
        }
        let mut yielded = false;
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            if yielded {
                return Poll::Ready(Ok(Value::Unit));
            }
            yielded = true;
            cx.waker().wake_by_ref();
            Poll::Pending
        }));
        self.block(fib, "yield_now", fut, at)
    }

    /// `thread::park()`: blocks until the thread's token is set by `unpark` (and takes it).
    /// With `timeout` (`park_timeout`), it also returns when the time is up, token or not.
    pub(crate) fn thread_park(&self, fib: &mut Fiber, timeout: Option<Duration>, at: At) -> Value {
        let me = self.current_thread();
        let mut timer = timeout.map(TimerFuture::new);
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            if me.token.replace(false) || timer.as_mut().is_some_and(|t| std::pin::Pin::new(t).poll(cx).is_ready()) {
                *me.parked.borrow_mut() = None;
                return Poll::Ready(Ok(Value::Unit));
            }
            *me.parked.borrow_mut() = Some(cx.waker().clone());
            Poll::Pending
        }));
        self.block(fib, if timeout.is_some() { "park_timeout" } else { "park" }, fut, at)
    }

    /// `t.unpark()`: sets its token, and wakes it if it is parked.
    pub(crate) fn unpark(t: &ThreadHandle) {
        t.token.set(true);
        let w = t.parked.borrow_mut().take();
        if let Some(w) = w {
            w.wake();
        }
    }

    /// `cv.wait(guard)`: unlocks the guard's mutex, blocks until notified, locks it again.
    /// With `cond` (`wait_while`), it waits while the condition holds, asked first with the
    /// lock held and again after each wakeup; with `timeout` (`wait_timeout`), it also stops
    /// waiting when the time is up, and returns `(guard, WaitTimeoutResult)`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn condvar_wait(
        self: &Rc<Self>,
        fib: &mut Fiber,
        cv: Rc<Native>,
        guard: Value,
        cond: Option<Value>,
        timeout: Option<Duration>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Value> {
        let held = match &guard {
            Value::Ref(p) => match &**p {
                Ptr::Guard(g) if g.write && !g.released.get() && matches!(&*g.lock, Native::Mutex(_)) => Some(g.lock.clone()),
                _ => None,
            },
            _ => None,
        };
        let Some(lock) = held else {
            return Err(at.err(format!("`Condvar::wait` takes a `MutexGuard`, not {}", guard.type_name())));
        };
        let Native::Mutex(l) = &*lock else { return Err(at.err("internal error: not a mutex")) };
        // `wait_while` asks first, with the lock held: a condition already false waits for nothing.
        if let Some(f) = &cond {
            match self.call(fib, f, vec![guard.clone()], cx, at)? {
                Value::Bool(true) => {}
                Value::Bool(false) => {
                    let out = if timeout.is_some() { Value::tuple(vec![guard, wait_timeout(false)]) } else { guard };
                    return Ok(l.locked(out));
                }
                other => return Err(not_a_bool(&other, at)),
            }
        }
        // The guard is moved into `wait`: the mutex is unlocked now, and a copy of the guard
        // left anywhere unlocks nothing when it goes.
        release(&guard);
        drop(guard);
        let Native::Condvar(c) = &*cv else { return Err(at.err("internal error: not a condvar")) };
        let mut ticket = c.next.get();
        c.next.set(ticket + 1);
        let me = Rc::downgrade(self);
        let mut notified = false;
        let mut timer = timeout.map(TimerFuture::new);
        let mut timed_out = false;
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| loop {
            let (Native::Condvar(c), Native::Mutex(l)) = (&*cv, &*lock) else { return Poll::Ready(Err(at.err("internal error"))) };
            if !notified {
                let mut got = c.notified.borrow_mut();
                if let Some(i) = got.iter().position(|t| *t == ticket) {
                    got.remove(i);
                    notified = true;
                } else if timer.as_mut().is_some_and(|t| std::pin::Pin::new(t).poll(cx).is_ready()) {
                    // Time is up before a notification: no longer a waiter.
                    timer = None;
                    timed_out = true;
                    notified = true;
                    c.waiters.borrow_mut().retain(|(t, _)| *t != ticket);
                } else {
                    let mut waiting = c.waiters.borrow_mut();
                    waiting.retain(|(t, _)| *t != ticket);
                    waiting.push_back((ticket, cx.waker().clone()));
                    return Poll::Pending;
                }
            }
            if l.state.get() != 0 {
                add_waiter(&l.waiters, cx.waker());
                return Poll::Pending;
            }
            l.state.set(-1);
            let Some(vm) = me.upgrade() else { return Poll::Ready(Ok(Value::Unit)) };
            vm.hold(l);
            let guard = Value::Ref(Rc::new(Ptr::Guard(Guard::new(lock.clone(), true))));
            if let Some(f) = &cond {
                let mut fib = Fiber::default();
                let mut noop = noop_context();
                match vm.call(&mut fib, f, vec![guard.clone()], &mut noop, at) {
                    // Still true: it waits again (a new ticket), within the same time.
                    Ok(Value::Bool(true)) if !timed_out => {
                        release(&guard);
                        drop(guard);
                        ticket = c.next.get();
                        c.next.set(ticket + 1);
                        notified = false;
                        continue;
                    }
                    // Timed out: it timed out only if the condition still holds, as std's does.
                    Ok(Value::Bool(b)) => timed_out = timed_out && b,
                    Ok(other) => return Poll::Ready(Err(not_a_bool(&other, at))),
                    Err(e) => return Poll::Ready(Err(e)),
                }
            }
            let out = if timeout.is_some() { Value::tuple(vec![guard, wait_timeout(timed_out)]) } else { guard };
            return Poll::Ready(Ok(l.locked(out)));
        }));
        Ok(self.block(fib, "wait", fut, at))
    }

    /// `barrier.wait()`: the thread that completes the round is its leader and goes on; the
    /// others block until it arrives.
    pub(crate) fn barrier_wait(&self, fib: &mut Fiber, b: Rc<Native>, at: At) -> Value {
        let Native::Barrier(bar) = &*b else { return Value::Unit };
        let count = bar.count.get() + 1;
        if count >= bar.n {
            bar.count.set(0);
            bar.round.set(bar.round.get() + 1);
            let waiting = std::mem::take(&mut *bar.waiters.borrow_mut());
            for w in waiting {
                w.wake();
            }
            return Value::Native(Rc::new(Native::BarrierResult(true)));
        }
        bar.count.set(count);
        let round = bar.round.get();
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            let Native::Barrier(bar) = &*b else { return Poll::Ready(Ok(Value::Unit)) };
            if bar.round.get() != round {
                return Poll::Ready(Ok(Value::Native(Rc::new(Native::BarrierResult(false)))));
            }
            let mut waiting = bar.waiters.borrow_mut();
            if !waiting.iter().any(|w| w.will_wake(cx.waker())) {
                waiting.push(cx.waker().clone());
            }
            Poll::Pending
        }));
        self.block(fib, "Barrier::wait", fut, at)
    }

    /// `notify_one` (`all: false`) or `notify_all`.
    pub(crate) fn condvar_notify(c: &Condvar, all: bool) {
        let woken: Vec<(u64, Waker)> = {
            let mut w = c.waiters.borrow_mut();
            if all {
                w.drain(..).collect()
            } else {
                w.pop_front().into_iter().collect()
            }
        };
        for (ticket, waker) in woken {
            c.notified.borrow_mut().push(ticket);
            waker.wake();
        }
    }

    /// `block_on(f)`: the thread runs `f` to its end, parked between polls.
    pub(crate) fn block_on(&self, fib: &mut Fiber, f: Value, at: At) -> R<Value> {
        if !matches!(f, Value::Fut(_) | Value::Obj(_)) {
            return Err(at.err(format!("`block_on` takes a future, not {}", f.type_name())));
        }
        fib.blocked = true;
        Ok(f)
    }

    /// `lock()` / `write()` / `read()` on a lock another thread holds: blocks until it is free.
    pub(crate) fn lock_blocking(self: &Rc<Self>, fib: &mut Fiber, n: Rc<Native>, write: bool, what: &str, at: At) -> Value {
        let me = Rc::downgrade(self);
        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
            let (Native::Mutex(l) | Native::RwLock(l)) = &*n else { return Poll::Ready(Err(at.err("internal error: not a lock"))) };
            let state = l.state.get();
            let free = if write { state == 0 } else { state >= 0 };
            if !free {
                add_waiter(&l.waiters, cx.waker());
                return Poll::Pending;
            }
            if write {
                l.state.set(-1);
                if let Some(i) = me.upgrade() {
                    i.hold(l);
                }
            } else {
                l.state.set(state + 1);
            }
            let guard = Value::Ref(Rc::new(Ptr::Guard(Guard::new(n.clone(), write))));
            Poll::Ready(Ok(l.locked(guard)))
        }));
        self.block(fib, what, fut, at)
    }

    /// Called after a task of the program was polled: if a thread is blocked, a deadlock check
    /// runs once the host is idle.
    #[inline(always)]
    pub(crate) fn after_poll(self: &Rc<Self>) {
        if self.abort_due.get() {
            self.abort_stopped();
        }
        // A run without threads (most) has nothing to look for, after every task's poll.
        if self.deadlock_check.get() || self.over.get() || self.threads.get() == 0 && !self.has_main_thread() {
            return;
        }
        self.look_for_deadlock_soon();
    }

    #[inline(never)]
    fn look_for_deadlock_soon(self: &Rc<Self>) {
        let any_blocked = self.infos.borrow().iter().any(|i| i.thread.get() && !i.done.get() && i.blocked.borrow().is_some());
        if !any_blocked {
            return;
        }
        let Some(platform) = self.spawner.platform() else { return };
        self.deadlock_check.set(true);
        let me = Rc::downgrade(self);
        platform.queue(
            Hop::Macrotask,
            Box::new(move || {
                if let Some(me) = me.upgrade() {
                    me.deadlock_check.set(false);
                    me.check_deadlock();
                }
            }),
        );
    }

    fn has_main_thread(&self) -> bool {
        self.main_thread_task.get()
    }

    /// Every thread blocked, nothing ready, no timer pending: a deadlock. The run stops, and
    /// the console says where each thread waits.
    fn check_deadlock(self: &Rc<Self>) {
        if self.over.get() || self.spawner.ready_len() > 0 || Timers::current().is_some_and(|t| t.stats().pending > 0) {
            return;
        }
        let blocked: Vec<Rc<TaskInfo>> =
            self.infos.borrow().iter().filter(|i| i.thread.get() && !i.done.get() && !i.stopped.get()).cloned().collect();
        if blocked.is_empty() || blocked.iter().any(|i| i.blocked.borrow().is_none()) {
            return;
        }
        let names = self.names.borrow().clone();
        let list: Vec<String> = blocked
            .iter()
            .map(|i| {
                let name = i.id.get().and_then(|id| names.get(&id).cloned()).unwrap_or_else(|| Rc::from("main"));
                let what = i.blocked.borrow().as_ref().map_or_else(|| Rc::from("?"), |b| b.1.clone());
                format!("`{name}` in `{what}()`")
            })
            .collect();
        let first = blocked[0].blocked.borrow().as_ref().map(|b| b.0);
        // The learner's own tasks left woken but never polled: the wake did not reach the queue
        // their executor reads (the lost wakeup of a `wake_by_ref` that does not send).
        let lost: Vec<String> = self
            .guest_woken
            .borrow()
            .iter()
            .map(|(id, at)| {
                let name = names.get(id).cloned().unwrap_or_else(|| Rc::from("task"));
                format!(
                    " Your `{name}` was woken at {} and never polled again: the wake did not reach your executor's queue.",
                    crate::core::fmt_ms(*at)
                )
            })
            .collect();
        self.say_error(&LangError::new(
            first.unwrap_or_default(),
            format!(
                "deadlock: every thread is blocked and no timer is pending, so none can ever go on: {}. The run is stopped.{}",
                list.join(", "),
                lost.concat()
            ),
        ));
        for i in &blocked {
            if let Some((span, what)) = i.blocked.borrow().clone() {
                let name = i.id.get().and_then(|id| names.get(&id).cloned()).unwrap_or_else(|| Rc::from("main"));
                self.say(super::rt::Line::Note, Some(span), format!("`{name}` waits here, in `{what}()`"));
            }
            i.stopped.set(true);
        }
        self.over.set(true);
        self.abort_stopped();
    }

    /// Aborts every task the run stopped (every task once the run is over) now, rather than at
    /// its next poll: one that nothing wakes again (awaiting `pending()`, or a channel whose
    /// sender another stopped thread holds) stayed pending for ever, and the Tasks table showed
    /// it waiting. What each held goes without its `Drop`s running (the process is gone, as in
    /// Rust). A task polling now is aborted when its poll returns.
    #[inline(never)]
    pub(crate) fn abort_stopped(&self) {
        self.abort_due.set(false);
        let over = self.over.get();
        let stopped: Vec<Rc<TaskInfo>> =
            self.infos.borrow().iter().filter(|i| !i.done.get() && (over || i.stopped.get())).cloned().collect();
        for info in stopped {
            let Some(id) = info.id.get() else { continue };
            self.drops.discard(|| {
                if self.spawner.abort(id) {
                    info.done.set(true);
                }
            });
        }
    }

    /// `main` returned (or stopped: `Some(true)` by a panic, `Some(false)` by an error): the
    /// process exits, and threads still running stop with it.
    pub(crate) fn main_returned(&self, stopped: Option<bool>) {
        // What `print!` left without an end of line goes out, as the process's exit flushes it.
        self.flush_print();
        let names = self.names.borrow().clone();
        let alive: Vec<Rc<TaskInfo>> =
            self.infos.borrow().iter().filter(|i| i.thread.get() && !i.main_thread.get() && !i.done.get()).cloned().collect();
        if alive.is_empty() {
            return;
        }
        let mut shown = Vec::new();
        self.abort_due.set(true);
        for i in &alive {
            i.stopped.set(true);
            if shown.len() < 5 {
                let name = i.id.get().and_then(|id| names.get(&id).cloned()).unwrap_or_else(|| Rc::from("thread"));
                let where_ = i.blocked.borrow().as_ref().map_or(String::new(), |b| format!(" (in `{}()`)", b.1));
                shown.push(format!("`{name}`{where_}"));
            }
        }
        let more = if alive.len() > shown.len() { format!(" and {} more", alive.len() - shown.len()) } else { String::new() };
        let span = alive[0].blocked.borrow().as_ref().map(|b| b.0);
        let (n, verb) = if alive.len() == 1 { ("1 thread".to_string(), "was") } else { (format!("{} threads", alive.len()), "were") };
        self.say(
            super::rt::Line::Note,
            span,
            format!(
                "`main` {}, so the program ends: {n} {verb} still running and stop with it: {}{more}",
                match stopped {
                    None => "returned",
                    Some(true) => "panicked",
                    Some(false) => "stopped with an error",
                },
                shown.join(", ")
            ),
        );
    }

    // ----- Channels -----

    /// `channel()` (`None`) or `sync_channel(n)`: `(sender, receiver)`.
    pub(crate) fn channel(&self, cap: Option<usize>) -> Value {
        let chan = Chan::new(cap);
        if let Ok(mut all) = self.channels.try_borrow_mut() {
            // The gone ones are forgotten before the list would grow: O(1) a channel, amortized.
            if all.len() == all.capacity() {
                all.retain(|c| c.strong_count() > 0);
            }
            all.push(Rc::downgrade(&chan));
        }
        let tx = Value::Native(Rc::new(Native::Sender(SenderEnd(chan.clone()), cap.is_some())));
        let rx = Value::Native(Rc::new(Native::Receiver(ReceiverEnd(chan))));
        Value::tuple(vec![tx, rx])
    }

    /// A method of a `Sender`, `SyncSender` or `Receiver`.
    pub(crate) fn chan_method(self: &Rc<Self>, fib: &mut Fiber, n: &Rc<Native>, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
        let rx = n;
        let arg = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
        Ok(Some(match &**n {
            Native::Sender(end, sync) => {
                let chan = end.0.clone();
                match name {
                    "clone" => {
                        chan.senders.set(chan.senders.get() + 1);
                        Value::Native(Rc::new(Native::Sender(SenderEnd(chan), *sync)))
                    }
                    "send" => self.send(fib, chan, arg(0), at)?,
                    "try_send" if *sync => {
                        let v = arg(0);
                        if !chan.receiver.get() {
                            Value::result(false, self.make_obj(ty::TRY_SEND_ERROR, Some(1), vec![v], at)?)
                        } else if chan.cap.is_some_and(|c| chan.queue.borrow().len() >= c.max(1))
                            || chan.cap == Some(0) && chan.recv_waiters.borrow().is_empty()
                        {
                            Value::result(false, self.make_obj(ty::TRY_SEND_ERROR, Some(0), vec![v], at)?)
                        } else {
                            self.put(&chan, v, at)?;
                            Value::result(true, Value::Unit)
                        }
                    }
                    _ => return Ok(None),
                }
            }
            Native::Receiver(end) => {
                let chan = end.0.clone();
                match name {
                    "recv" => match self.take(&chan) {
                        Some(v) => Value::result(true, v),
                        None if chan.senders.get() == 0 => Value::result(false, self.make_obj(ty::RECV_ERROR, None, Vec::new(), at)?),
                        None => {
                            let me = Rc::downgrade(self);
                            let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
                                let Some(me) = me.upgrade() else { return Poll::Ready(Ok(Value::Unit)) };
                                if let Some(v) = me.take(&chan) {
                                    return Poll::Ready(Ok(Value::result(true, v)));
                                }
                                if chan.senders.get() == 0 {
                                    return Poll::Ready(me.make_obj(ty::RECV_ERROR, None, Vec::new(), at).map(|e| Value::result(false, e)));
                                }
                                add_waiter(&chan.recv_waiters, cx.waker());
                                Poll::Pending
                            }));
                            self.block(fib, "recv", fut, at)
                        }
                    },
                    "try_recv" => match self.take(&chan) {
                        Some(v) => Value::result(true, v),
                        None => {
                            let variant = u32::from(chan.senders.get() == 0);
                            Value::result(false, self.make_obj(ty::TRY_RECV_ERROR, Some(variant), Vec::new(), at)?)
                        }
                    },
                    "recv_timeout" => {
                        let Value::Dur(d) = deref_all(&arg(0)) else {
                            return Err(at.err(format!("`recv_timeout` takes a `Duration`, not {}", arg(0).type_name())));
                        };
                        let me = Rc::downgrade(self);
                        let mut timer = Some(TimerFuture::new(d));
                        let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
                            let Some(me) = me.upgrade() else { return Poll::Ready(Ok(Value::Unit)) };
                            if let Some(v) = me.take(&chan) {
                                return Poll::Ready(Ok(Value::result(true, v)));
                            }
                            if chan.senders.get() == 0 {
                                return Poll::Ready(
                                    me.make_obj(ty::RECV_TIMEOUT_ERROR, Some(1), Vec::new(), at).map(|e| Value::result(false, e)),
                                );
                            }
                            if let Some(t) = timer.as_mut() {
                                if std::pin::Pin::new(t).poll(cx).is_ready() {
                                    timer = None;
                                    return Poll::Ready(
                                        me.make_obj(ty::RECV_TIMEOUT_ERROR, Some(0), Vec::new(), at).map(|e| Value::result(false, e)),
                                    );
                                }
                            }
                            add_waiter(&chan.recv_waiters, cx.waker());
                            Poll::Pending
                        }));
                        self.block(fib, "recv_timeout", fut, at)
                    }
                    "iter" | "into_iter" => Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Recv(rx.clone(), true))))),
                    "try_iter" => Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Recv(rx.clone(), false))))),
                    _ => return Ok(None),
                }
            }
            _ => return Ok(None),
        }))
    }

    /// Before `for v in rx`'s next turn: `true` when the thread must wait for a value (it is
    /// then blocked, and the loop's step runs again when one comes or the last sender goes).
    pub(crate) fn recv_iter_waits(&self, fib: &Fiber, it: &Value, cx: &mut Context<'_>, at: At) -> bool {
        let Some(chan) = innermost_receiver(it) else { return false };
        let info = self.current_info();
        if !chan.queue.borrow().is_empty()
            || !chan.ahead.borrow().is_empty()
            || chan.senders.get() == 0
            || !fib.thread
            || self.nest.get() != self.thread_nest.get()
        {
            if let Some(i) = &info {
                *i.blocked.borrow_mut() = None;
            }
            return false;
        }
        add_waiter(&chan.recv_waiters, cx.waker());
        if let Some(i) = &info {
            *i.blocked.borrow_mut() = Some((at.span, Rc::from("recv")));
        }
        self.park(&[(at.span, "blocked")]);
        true
    }

    /// Whether an iterator chain reads a `Receiver`'s blocking iterator (whose consumers wait
    /// as [`Interp::consumer_waits`] says).
    pub(crate) fn reads_a_receiver(&self, it: &Value) -> bool {
        receiver_under(it, |_| false).is_some()
    }

    /// A method that reads an iterator to its end (`sum`, `collect`, `count`, …) of a chain over
    /// a `Receiver`'s blocking iterator, in a thread's own code: it reads every value sent until
    /// the last sender goes (or, under a `take(k)`, the first `k`), so it waits for that, then
    /// reads them all at once, the same values in the same order. While it waits, it receives
    /// what the channel holds ahead of reading it, as its reads would, so that a bounded
    /// channel's senders go on. True if it waits: the thread is parked, and the call runs again
    /// when the channel changes.
    #[inline(never)]
    pub(crate) fn consumer_waits(&self, fib: &Fiber, site: u32, cx: &mut Context<'_>, at: At) -> bool {
        let s = &self.code.methods[site as usize];
        let reads_all = matches!(
            (&*s.text, s.argc),
            ("sum" | "product" | "count" | "collect" | "collect_result" | "collect_option" | "last" | "max" | "min", 0)
                | ("fold", 2)
                | ("for_each" | "max_by_key" | "min_by_key" | "max_by" | "min_by", 1)
        );
        // A closure that joins may run in these too (they may stop early, which a channel's
        // reading cannot tell ahead; threads that finish first change nothing).
        let may_join = reads_all
            || matches!(
                (&*s.text, s.argc),
                ("any" | "all" | "position" | "find" | "find_map" | "reduce" | "partition" | "try_for_each", 1) | ("try_fold", 2)
            );
        if !may_join || self.nest.get() != self.thread_nest.get() {
            return false;
        }
        let Some(recv) = fib.stack.len().checked_sub(usize::from(s.argc) + 1).and_then(|i| fib.stack.get(i)) else { return false };
        let read = if reads_all { read_to_its_end(recv).map(|c| (c, None)).or_else(|| taken_from(recv)) } else { None };
        let Some((chan, need)) = read else { return self.joins_wait(recv, cx, at) };
        let have = receive_ahead(&chan, need);
        if chan.senders.get() == 0 || need.is_some_and(|k| have >= k) {
            if let Some(i) = self.current_info() {
                *i.blocked.borrow_mut() = None;
            }
            return false;
        }
        add_waiter(&chan.recv_waiters, cx.waker());
        if let Some(i) = self.current_info() {
            *i.blocked.borrow_mut() = Some((at.span, Rc::from("recv")));
        }
        self.park(&[(at.span, "blocked")]);
        true
    }

    /// `handles.into_iter().map(|h| h.join().unwrap()).collect()` in a thread: the closure that
    /// joins runs inside the consumer, where a thread cannot wait in the playground, so the
    /// consumer waits first, until every thread whose `JoinHandle` the chain's values hold has
    /// finished; then each `join` returns at once. (On an OS the joins would wait one by one,
    /// between the closure's calls; the threads run alongside either way.)
    #[inline(never)]
    fn joins_wait(&self, it: &Value, cx: &mut Context<'_>, at: At) -> bool {
        let Some(running) = running_handle_under(it) else { return false };
        *running.waiter.borrow_mut() = Some(cx.waker().clone());
        if let Some(i) = self.current_info() {
            *i.blocked.borrow_mut() = Some((at.span, Rc::from("join")));
        }
        self.park(&[(at.span, "blocked")]);
        true
    }

    /// `tx.send(v)`: queues `v`; on a full `sync_channel` (or a rendezvous one) it blocks until
    /// there is room (or the value is taken). `Err(SendError(v))` when the receiver is gone.
    fn send(self: &Rc<Self>, fib: &mut Fiber, chan: Rc<Chan>, v: Value, at: At) -> R<Value> {
        if !chan.receiver.get() {
            return Ok(Value::result(false, self.make_obj(ty::SEND_ERROR, None, vec![v], at)?));
        }
        match chan.cap {
            None => {
                self.put(&chan, v, at)?;
                Ok(Value::result(true, Value::Unit))
            }
            Some(c) if c > 0 && chan.queue.borrow().len() < c => {
                self.put(&chan, v, at)?;
                Ok(Value::result(true, Value::Unit))
            }
            Some(c) => {
                // Full, or a rendezvous: wait for room (or, with no room at all, for the value
                // to be taken).
                let me = Rc::downgrade(self);
                let mut held = Some(v);
                let mut mine: Option<u64> = None;
                let fut: Blocking = Box::pin(std::future::poll_fn(move |cx| {
                    let Some(me) = me.upgrade() else { return Poll::Ready(Ok(Value::Unit)) };
                    if let Some(seq) = mine {
                        if chan.taken.get() >= seq {
                            return Poll::Ready(Ok(Value::result(true, Value::Unit)));
                        }
                        if !chan.receiver.get() {
                            // The receiver went before taking it: the value comes back, as std's
                            // `Err(SendError(v))`.
                            let back = chan.returned.try_borrow_mut().ok().and_then(|mut r| {
                                let i = r.iter().position(|(s, _)| *s == seq)?;
                                Some(r.swap_remove(i).1)
                            });
                            return Poll::Ready(match back {
                                Some(v) => me.make_obj(ty::SEND_ERROR, None, vec![v], at).map(|e| Value::result(false, e)),
                                None => Ok(Value::result(true, Value::Unit)),
                            });
                        }
                    } else if !chan.receiver.get() {
                        let v = held.take().unwrap_or(Value::Unit);
                        return Poll::Ready(me.make_obj(ty::SEND_ERROR, None, vec![v], at).map(|e| Value::result(false, e)));
                    } else if c == 0 || chan.queue.borrow().len() < c {
                        let v = held.take().unwrap_or(Value::Unit);
                        if let Err(e) = me.put(&chan, v, at) {
                            return Poll::Ready(Err(e));
                        }
                        if c > 0 {
                            return Poll::Ready(Ok(Value::result(true, Value::Unit)));
                        }
                        mine = Some(chan.sent.get());
                    }
                    add_waiter(&chan.send_waiters, cx.waker());
                    Poll::Pending
                }));
                Ok(self.block(fib, "send", fut, at))
            }
        }
    }

    // ----- The learner's executor -----

    /// The guest task of `arc` when it is an `Arc` of a type that implements `ArcWake` or `Wake`
    /// (one of the learner's tasks), spawned the first time it is seen.
    pub(crate) fn guest_of(&self, arc: &Value) -> Option<TaskId> {
        if let Some(id) = self.known_guest(arc) {
            return Some(id);
        }
        // A raw waker's data pointer points at their task too (whatever its type's traits).
        let (bx, raw) = match super::raw::ptr_of(arc) {
            Some(p) => (p?.upgrade()?, true),
            None => match deref_shared(arc)? {
                (bx, true) => (bx, false),
                _ => return None,
            },
        };
        let key = Rc::as_ptr(&bx) as usize;
        let inner = deref_all(&bx.value.borrow().clone());
        let Value::Obj(o) = &inner else { return None };
        let info = self.code.types.get(o.ty as usize)?;
        if !raw && !info.traits.iter().any(|t| matches!(&**t, "ArcWake" | "Wake")) {
            return None;
        }
        // Past this many, their tasks still run, untraced: the trace and the panels stay small.
        if self.guests.borrow().len() >= MAX_GUESTS {
            return None;
        }
        let name = self.task_name(&info.name);
        let id = self.spawner.guest_spawn(&name)?;
        self.names.borrow_mut().insert(id, name);
        self.guests.borrow_mut().insert(key, (Rc::downgrade(&bx), id));
        Some(id)
    }

    /// Sends `v` on `chan`. When `v` is one of the learner's tasks, that channel is their
    /// executor's queue: the task goes onto it in the trace (and is spawned, the first time one
    /// goes onto a channel: the book's `spawn` sends it to the executor's queue).
    fn put(&self, chan: &Chan, v: Value, at: At) -> R<()> {
        let guest = if matches!(v, Value::Native(_)) { self.guest_of(&v) } else { None };
        push(chan, v, at)?;
        if let Some(id) = guest {
            self.spawner.record(Some(id), EventKind::Enqueued);
        }
        Ok(())
    }

    /// Receives the oldest value of `chan`, if any. One of the learner's tasks leaves their
    /// executor's queue in the trace.
    pub(crate) fn take(&self, chan: &Chan) -> Option<Value> {
        let v = take(chan)?;
        if matches!(v, Value::Native(_)) {
            if let Some(id) = self.known_guest(&v) {
                self.spawner.record(Some(id), EventKind::Dequeued);
            }
        }
        Some(v)
    }

    /// The guest task of `arc` if it has one already (see [`Interp::guest_of`]).
    fn known_guest(&self, arc: &Value) -> Option<TaskId> {
        let bx = match super::raw::ptr_of(arc) {
            Some(p) => p?.upgrade()?,
            None => match deref_shared(arc)? {
                (bx, true) => bx,
                _ => return None,
            },
        };
        let key = Rc::as_ptr(&bx) as usize;
        let guests = self.guests.borrow();
        let (w, id) = guests.get(&key)?;
        w.upgrade().is_some_and(|b| Rc::ptr_eq(&b, &bx)).then_some(*id)
    }

    /// The learner's executor polls `fut` with a context made from `w`: a poll of the task `w`
    /// belongs to. Returns its guest task, whose poll has started.
    pub(crate) fn guest_poll_start(&self, w: &Waker) -> Option<GuestPoll> {
        let (arc, _) = lookup(w)?;
        let id = self.guest_of(&arc)?;
        self.spawner.guest(id, Guest::PollStarted);
        self.guest_woken.borrow_mut().retain(|(g, _)| *g != id);
        // Where the polling thread is parked so far is its own; the guest's poll notes its own.
        let outer_parked = self.take_parked();
        Some(GuestPoll { id, outer: self.guest_polled.replace(Some(id)), outer_parked, started: self.platform.now() })
    }

    /// The guest poll of [`Interp::guest_poll_start`] returned.
    pub(crate) fn guest_poll_end(&self, g: GuestPoll, ready: bool) {
        let GuestPoll { id, outer, outer_parked, started } = g;
        self.guest_polled.set(outer);
        // Where the learner's task waits now goes in the trace as its own.
        let parked = self.take_parked();
        if !ready && !parked.is_empty() && self.spawner.recording() {
            let list: Vec<u32> = parked.iter().flat_map(|(s, what)| [s.start, s.end, super::task::await_code(what)]).collect();
            let awaits = self.spawner.intern_list(&list);
            self.spawner.record(Some(id), EventKind::Parked { awaits });
        }
        self.give_back_parked(parked);
        self.park(&outer_parked);
        // Timed on the host's clock, as our executor times its polls: a poll of theirs that
        // blocks the thread shows in the metrics and warnings as one of ours does.
        let took = (self.platform.now() - started).max(0.0);
        self.spawner.guest(id, Guest::Polled(if ready { Outcome::Ready } else { Outcome::Pending }, took));
        if ready {
            self.spawner.guest(id, Guest::Completed);
        }
    }

    // ----- The learner's wakers -----

    /// A clone of `w`. A clone of one of the learner's wakers is a waker of its own, whose
    /// clone and drop go in the trace as their task's (as our executor's wakers do).
    /// A raw waker's clone runs their vtable's `clone`, whose `RawWaker` is the clone's.
    pub(crate) fn clone_waker(self: &Rc<Self>, fib: &mut Fiber, w: &Waker, cx: &mut Context<'_>, at: At) -> R<Value> {
        let Some((arc, how, span)) = entry_of(w) else { return Ok(Value::Waker(Rc::new(WakerV(w.clone())))) };
        let guest = self.guest_of(&arc);
        if let WakeImpl::Raw([clone, ..]) = how {
            let raw = self.call_fn(fib, clone, vec![arc], None, cx, at)?;
            let w = self.waker_from_raw(&raw, at)?;
            if let (Some(id), Value::Waker(w)) = (guest, &w) {
                self.spawner.record(Some(id), EventKind::WakerCloned);
                set_counted(&w.0, id);
            }
            return Ok(w);
        }
        if let Some(id) = guest {
            self.spawner.record(Some(id), EventKind::WakerCloned);
        }
        // The clone holds an `Arc` of its own, as std's `Wake` waker's clone does: one more
        // count while it lives.
        let arc = match &arc {
            Value::Native(n) => match &**n {
                Native::Shared(b, is_arc) => Value::Native(Rc::new(Native::Shared(b.clone(), *is_arc))),
                _ => arc,
            },
            _ => arc,
        };
        Ok(Value::Waker(Rc::new(WakerV(self.new_user_waker(arc, how, span, guest)))))
    }

    fn new_user_waker(self: &Rc<Self>, arc: Value, how: WakeImpl, span: Span, counted: Option<TaskId>) -> Waker {
        // A run's first waker, and then whenever the live ones have doubled since the last look:
        // the look is a scan of them all, so a waker costs O(1) amortized however many live.
        if !self.wakers_seen.replace(true) || USER_WAKERS.try_with(|m| m.try_borrow().map_or(0, |m| m.len())).unwrap_or(0) >= PURGE_AT.get()
        {
            forget_dead_runs();
        }
        let wake = Arc::new(UserWake);
        let key = Arc::as_ptr(&wake) as usize;
        let owned = Cell::new(true);
        USER_WAKERS.with(|m| m.borrow_mut().insert(key, UserWaker { interp: Rc::downgrade(self), arc, how, span, counted, owned }));
        Waker::from(wake)
    }

    /// `Waker::from_raw(raw)`: a waker that calls the learner's vtable functions with the raw
    /// waker's data pointer.
    pub(crate) fn waker_from_raw(self: &Rc<Self>, raw: &Value, at: At) -> R<Value> {
        let Value::Native(n) = deref_all(raw) else {
            return Err(at.err(format!("`Waker::from_raw` takes a `RawWaker`, not {}", raw.type_name())));
        };
        let Native::RawWaker(p, fns) = &*n else {
            return Err(at.err(format!("`Waker::from_raw` takes a `RawWaker`, not {}", raw.type_name())));
        };
        let data = p.clone();
        Ok(Value::Waker(Rc::new(WakerV(self.new_user_waker(data, WakeImpl::Raw(*fns), at.span, None)))))
    }

    /// One of the learner's tasks was woken, by the thread running now: their wake code has run
    /// (and sent it to their queue, or not).
    fn guest_woken(&self, arc: &Value) {
        if let Some(id) = self.guest_of(arc) {
            self.spawner.guest(id, Guest::Woken(WakeSource::Other(self.current_task())));
            let mut woken = self.guest_woken.borrow_mut();
            if !woken.iter().any(|(g, _)| *g == id) {
                woken.push((id, self.now()));
            }
        }
    }

    /// A `Waker` that runs the learner's `ArcWake::wake_by_ref` or `Wake::wake` on the `Arc`
    /// `arc` (`waker_ref(&task)`, `Waker::from(task)`).
    pub(crate) fn user_waker(self: &Rc<Self>, arc: &Value, want_wake: bool, at: At) -> R<Value> {
        let Some((bx, true)) = deref_shared(arc) else {
            return Err(at.err(format!("a waker is made from an `Arc` of your task, not {}", arc.type_name())));
        };
        let inner = deref_all(&bx.value.borrow().clone());
        let Value::Obj(o) = &inner else {
            return Err(at.err(format!("the `Arc` holds {}, which implements neither `ArcWake` nor `Wake`", inner.type_name())));
        };
        let Some(info) = self.code.types.get(o.ty as usize) else { return Err(at.err("internal error: no such type")) };
        let find = |name: &str| -> Option<u32> {
            info.assoc.get(name).copied().or_else(|| self.code.name_id(name).and_then(|id| info.methods.get(&id).copied()))
        };
        let how = if info.traits.iter().any(|t| &**t == "ArcWake") {
            match find("wake_by_ref") {
                Some(by_ref) => WakeImpl::ArcWake { by_ref, wake: find("wake") },
                None => return Err(at.err(format!("`{}` implements `ArcWake` without `wake_by_ref`", info.name))),
            }
        } else if info.traits.iter().any(|t| &**t == "Wake") {
            match find("wake") {
                Some(wake) => WakeImpl::Wake { wake, by_ref: find("wake_by_ref") },
                None => return Err(at.err(format!("`{}` implements `Wake` without `wake`", info.name))),
            }
        } else {
            let which = if want_wake { "std::task::Wake" } else { "futures::task::ArcWake" };
            return Err(at.err(format!("`{}` does not implement `{which}`: there is no way to wake it", info.name)));
        };
        // The `Arc` given, not a new count: `Waker::from(arc)` takes it, and `waker_ref(&arc)`
        // borrows it (futures' `WakerRef` owns no count).
        let handle = super::rt::shared_handle(arc).unwrap_or_else(|| Value::Native(Rc::new(Native::Shared(bx, true))));
        Ok(Value::Waker(Rc::new(WakerV(self.new_user_waker(handle, how, at.span, None)))))
    }

    /// Wakes `w` if it is one of the learner's wakers, running their code on this thread
    /// (`by_ref`: `wake_by_ref`, else `wake`). `false`: it is the executor's own.
    pub(crate) fn wake_user(self: &Rc<Self>, fib: &mut Fiber, w: &Waker, by_ref: bool, cx: &mut Context<'_>, at: At) -> R<bool> {
        let Some((arc, how)) = lookup(w) else { return Ok(false) };
        self.source(SourceKind::Wake, at.span);
        if !by_ref && matches!(how, WakeImpl::Raw(_)) {
            // Their `wake` consumes the waker: it owns what its drop would have let go of.
            disown(w);
        }
        let (f, args) = how.call(&arc, by_ref);
        let r = self.call_fn(fib, f, args, None, cx, at);
        self.guest_woken(&arc);
        drop(arc);
        r.map(|_| true)
    }
}

/// A poll by the learner's executor in progress: its task, and what it interrupted.
pub(crate) struct GuestPoll {
    id: TaskId,
    outer: Option<TaskId>,
    outer_parked: Vec<(Span, &'static str)>,
    started: f64,
}

/// The channel a chain of adapters over a `Receiver`'s blocking iterator reads, if reading `it`
/// to its end reads the channel to its end: no adapter in the chain stops early (`take`,
/// `take_while`, `scan`, `zip`).
fn read_to_its_end(it: &Value) -> Option<Rc<Chan>> {
    receiver_under(it, |k| matches!(k, AdapterKind::Take(_) | AdapterKind::TakeWhile(..) | AdapterKind::Scan(..) | AdapterKind::Zip(_)))
}

/// The channel, and how many of its values, a chain reads that takes `k` values of a
/// `Receiver`'s blocking iterator one for one (`rx.iter().take(3)`, `.map(…)`, `.enumerate()`).
fn taken_from(it: &Value) -> Option<(Rc<Chan>, Option<usize>)> {
    let mut cur = it.clone();
    let mut need: Option<u64> = None;
    for _ in 0..64 {
        let Value::Native(n) = &cur else { return None };
        let Native::Iter(cell) = &**n else { return None };
        let next = match &*cell.try_borrow().ok()? {
            Iter::Recv(rx, true) => return Some((rx.chan().cloned()?, Some(need? as usize))),
            Iter::Adapter(a) => match &a.kind {
                AdapterKind::Take(k) => {
                    need = Some(need.map_or(*k, |n| n.min(*k)));
                    a.inner.clone()
                }
                AdapterKind::Map(_) | AdapterKind::Enumerate(_) | AdapterKind::Inspect(_) | AdapterKind::Cloned => a.inner.clone(),
                _ => return None,
            },
            _ => return None,
        };
        cur = next;
    }
    None
}

/// Receives ahead what `chan` holds (at most up to `need` values received ahead in all), as a
/// reader's `recv` would take them: a sender blocked on a full channel goes on. How many are
/// received ahead now.
fn receive_ahead(chan: &Chan, need: Option<usize>) -> usize {
    let mut moved = false;
    loop {
        let have = chan.ahead.borrow().len();
        if need.is_some_and(|k| have >= k) {
            break;
        }
        let Some(v) = chan.queue.borrow_mut().pop_front() else { break };
        chan.taken.set(chan.taken.get() + 1);
        chan.ahead.borrow_mut().push_back(v);
        moved = true;
    }
    if moved {
        Chan::wake_all(&chan.send_waiters);
    }
    chan.ahead.borrow().len()
}

/// The channel a `Receiver`'s blocking iterator reads, through adapters (`rx.iter().take(3)`,
/// `.map(…)`, `.enumerate()`): a step of the chain that would wait for a value waits here.
fn innermost_receiver(it: &Value) -> Option<Rc<Chan>> {
    // An adapter that is done takes nothing more from what it reads.
    receiver_under(it, |k| matches!(k, AdapterKind::Take(0) | AdapterKind::TakeWhile(_, true)))
}

/// The channel of the `Receiver`'s blocking iterator under a chain of adapters, walked from `it`
/// inwards; `None` at an adapter `stops` picks, or when the chain reads no such iterator.
fn receiver_under(it: &Value, stops: impl Fn(&AdapterKind) -> bool) -> Option<Rc<Chan>> {
    let mut cur = it.clone();
    for _ in 0..64 {
        let Value::Native(n) = &cur else { return None };
        let Native::Iter(cell) = &**n else { return None };
        let next = match &*cell.try_borrow().ok()? {
            Iter::Recv(rx, true) => return rx.chan().cloned(),
            Iter::Adapter(a) if stops(&a.kind) => return None,
            Iter::Adapter(a) => a.inner.clone(),
            _ => return None,
        };
        cur = next;
    }
    None
}

/// A thread's `JoinHandle` among the values an iterator chain reads (walked from `it` inwards
/// to its source), whose thread has not finished.
fn running_handle_under(it: &Value) -> Option<Rc<HandleState>> {
    let mut cur = it.clone();
    for _ in 0..64 {
        let Value::Native(n) = &cur else { return None };
        let Native::Iter(cell) = &**n else { return None };
        let next = match &*cell.try_borrow().ok()? {
            Iter::Adapter(a) => a.inner.clone(),
            Iter::Values(items) => {
                return items.iter().find_map(|v| match v {
                    Value::Native(n) => match &**n {
                        Native::Handle(h) if h.thread.get() && !h.done.get() => Some(h.clone()),
                        _ => None,
                    },
                    _ => None,
                })
            }
            _ => return None,
        };
        cur = next;
    }
    None
}

/// Marks a thread's future: its stack may block.
fn mark_thread(fut: &Value) {
    if let Value::Fut(f) = fut {
        f.used.set(true);
        if let FutState::Coro(fib) = &mut *f.state.borrow_mut() {
            fib.thread = true;
        }
    }
}

/// Marks `fut` (a call of `fn main`) as the main thread's.
pub(crate) fn mark_main(fut: &Value) {
    mark_thread(fut);
}

/// Adds a waiter, once: a thread that waits again (a `recv_timeout` in a loop) is not listed
/// twice.
fn add_waiter(list: &RefCell<Vec<Waker>>, w: &Waker) {
    if let Ok(mut l) = list.try_borrow_mut() {
        if !l.iter().any(|x| x.will_wake(w)) {
            l.push(w.clone());
        }
    }
}

fn push(chan: &Chan, v: Value, at: At) -> R<()> {
    if chan.queue.borrow().len() >= MAX_LEN {
        return Err(at.err(format!("this channel holds {MAX_LEN} values that nobody received: that is the limit here")));
    }
    chan.queue.borrow_mut().push_back(v);
    chan.sent.set(chan.sent.get() + 1);
    Chan::wake_all(&chan.recv_waiters);
    Ok(())
}

/// The oldest value queued, taken (a sender blocked on a full channel may go on).
fn take(chan: &Chan) -> Option<Value> {
    // Received ahead (and counted as taken then) comes first.
    if let Some(v) = chan.ahead.borrow_mut().pop_front() {
        return Some(v);
    }
    let v = chan.queue.borrow_mut().pop_front()?;
    chan.taken.set(chan.taken.get() + 1);
    Chan::wake_all(&chan.send_waiters);
    Some(v)
}

/// What a learner's waker calls.
#[derive(Clone, Copy)]
enum WakeImpl {
    /// `futures::task::ArcWake`: `wake_by_ref(arc_self: &Arc<Self>)` (and maybe `wake`).
    ArcWake { by_ref: u32, wake: Option<u32> },
    /// `std::task::Wake`: `wake(self: Arc<Self>)` (and maybe `wake_by_ref`).
    Wake { wake: u32, by_ref: Option<u32> },
    /// A `RawWakerVTable`: `clone`, `wake`, `wake_by_ref`, `drop`, each taking the data pointer.
    Raw([u32; 4]),
}

impl WakeImpl {
    /// Whether two wakers call the same functions.
    fn same(self, other: WakeImpl) -> bool {
        match (self, other) {
            (WakeImpl::ArcWake { by_ref: a, wake: b }, WakeImpl::ArcWake { by_ref: c, wake: d }) => a == c && b == d,
            (WakeImpl::Wake { wake: a, by_ref: b }, WakeImpl::Wake { wake: c, by_ref: d }) => a == c && b == d,
            (WakeImpl::Raw(a), WakeImpl::Raw(b)) => a == b,
            _ => false,
        }
    }

    /// The function to run for a wake, and its arguments.
    fn call(self, arc: &Value, by_ref: bool) -> (u32, Vec<Value>) {
        let fresh = || match arc {
            Value::Native(n) => match &**n {
                Native::Shared(b, a) => Value::Native(Rc::new(Native::Shared(b.clone(), *a))),
                _ => arc.clone(),
            },
            _ => arc.clone(),
        };
        match self {
            WakeImpl::ArcWake { wake: Some(w), .. } if !by_ref => (w, vec![fresh()]),
            WakeImpl::ArcWake { by_ref: f, .. } => (f, vec![arc.clone()]),
            WakeImpl::Wake { by_ref: Some(f), .. } if by_ref => (f, vec![arc.clone()]),
            // `Waker::wake` consumes the waker: its own `Arc` goes into `wake(self: Arc<Self>)`,
            // no new count (std's default `wake_by_ref` clones one).
            WakeImpl::Wake { wake, .. } => (wake, vec![if by_ref { fresh() } else { arc.clone() }]),
            WakeImpl::Raw([_, wake, by_ref_f, _]) => (if by_ref { by_ref_f } else { wake }, vec![arc.clone()]),
        }
    }
}

struct UserWaker {
    interp: Weak<Interp>,
    /// The `Arc` it holds (a waker keeps its task alive, as an `Arc` clone does).
    arc: Value,
    how: WakeImpl,
    /// Where it was made.
    span: Span,
    /// The guest task whose waker clone it is (its drop is a waker drop of that task's).
    counted: Option<TaskId>,
    /// A raw waker not yet consumed by its `wake`: its drop calls the vtable's `drop`.
    owned: Cell<bool>,
}

/// A raw waker's `wake` consumed it: its drop calls nothing.
fn disown(w: &Waker) {
    let key = w.data() as usize;
    let _ = USER_WAKERS.try_with(|m| {
        if let Some(u) = m.try_borrow().ok().as_ref().and_then(|m| m.get(&key)) {
            u.owned.set(false);
        }
    });
}

/// The waker `w` is a clone of `id`'s (its drop is counted as that task's).
fn set_counted(w: &Waker, id: TaskId) {
    let key = w.data() as usize;
    let _ = USER_WAKERS.try_with(|m| {
        if let Some(u) = m.try_borrow_mut().ok().as_mut().and_then(|m| m.get_mut(&key)) {
            u.counted = Some(id);
        }
    });
}

thread_local! {
    /// The learner's wakers alive, by the address of their `UserWake`.
    static USER_WAKERS: RefCell<HashMap<usize, UserWaker>> = RefCell::new(HashMap::new());
}

thread_local! {
    /// How many of the learner's wakers may be alive before the next look for dead runs' ones.
    static PURGE_AT: Cell<usize> = const { Cell::new(64) };
}

/// Forgets the wakers of runs that are gone: what they hold (the program's tasks, which may
/// hold the wakers themselves) would otherwise stay alive in this thread-local for good.
pub(crate) fn forget_dead_runs() {
    let dead: Vec<UserWaker> = USER_WAKERS
        .try_with(|m| {
            m.try_borrow_mut()
                .map(|mut m| {
                    let keys: Vec<usize> = m.iter().filter(|(_, u)| u.interp.strong_count() == 0).map(|(k, _)| *k).collect();
                    keys.into_iter().filter_map(|k| m.remove(&k)).collect()
                })
                .unwrap_or_default()
        })
        .unwrap_or_default();
    // Dropped after the borrow: what they held may drop other wakers.
    drop(dead);
    let live = USER_WAKERS.try_with(|m| m.try_borrow().map_or(0, |m| m.len())).unwrap_or(0);
    PURGE_AT.set((2 * live).max(64));
}

fn entry_of(w: &Waker) -> Option<(Value, WakeImpl, Span)> {
    let key = w.data() as usize;
    USER_WAKERS.try_with(|m| m.try_borrow().ok().and_then(|m| m.get(&key).map(|u| (u.arc.clone(), u.how, u.span)))).ok().flatten()
}

/// `a.will_wake(b)` as Rust answers it for the learner's wakers too: two wakers of theirs wake
/// the same thing when they share their data (the `Arc` or the raw pointer) and their functions.
/// (Each clone of theirs is its own `std` waker here, so `std`'s own answer would be `false`.)
pub(crate) fn wakes_same(a: &Waker, b: &Waker) -> bool {
    match (lookup(a), lookup(b)) {
        (Some((x, hx)), Some((y, hy))) => same_data(&x, &y) && hx.same(hy),
        (None, None) => a.will_wake(b),
        _ => false,
    }
}

fn same_data(x: &Value, y: &Value) -> bool {
    match (x, y) {
        (Value::Native(x), Value::Native(y)) => match (&**x, &**y) {
            (Native::Shared(a, _), Native::Shared(b, _)) => Rc::ptr_eq(a, b),
            (Native::RawPtr(Some(a)), Native::RawPtr(Some(b))) => a.ptr_eq(b),
            (Native::RawPtr(None), Native::RawPtr(None)) => true,
            (Native::RawAddr(a), Native::RawAddr(b)) => a == b,
            (Native::Shared(a, _), Native::RawPtr(Some(b))) | (Native::RawPtr(Some(b)), Native::Shared(a, _)) => {
                std::ptr::eq(Rc::as_ptr(a), b.as_ptr())
            }
            _ => false,
        },
        _ => false,
    }
}

/// Whether `w` is a waker of the learner's (made by `Waker::from`/`from_raw` of their code).
pub(crate) fn is_user_waker(w: &Waker) -> bool {
    let key = w.data() as usize;
    // Most programs make no waker of their own: no hashing then.
    USER_WAKERS.try_with(|m| m.try_borrow().is_ok_and(|m| !m.is_empty() && m.contains_key(&key))).unwrap_or(false)
}

fn lookup(w: &Waker) -> Option<(Value, WakeImpl)> {
    let key = w.data() as usize;
    USER_WAKERS.try_with(|m| m.try_borrow().ok().and_then(|m| m.get(&key).map(|u| (u.arc.clone(), u.how)))).ok().flatten()
}

/// The `std` side of a learner's waker: it finds its entry by its own address.
struct UserWake;

impl UserWake {
    fn key(&self) -> usize {
        self as *const UserWake as usize
    }

    /// A wake that comes from the engine (a timer, a finished task), not from the learner's
    /// code: their `wake_by_ref` runs now, on a stack of its own.
    fn run(&self, by_ref: bool) {
        let key = self.key();
        let Some((interp, arc, how, span)) = USER_WAKERS
            .try_with(|m| m.try_borrow().ok().and_then(|m| m.get(&key).map(|u| (u.interp.clone(), u.arc.clone(), u.how, u.span))))
            .ok()
            .flatten()
        else {
            return;
        };
        let Some(interp) = interp.upgrade() else { return };
        if interp.over.get() {
            return;
        }
        // The playground's own copies of a raw waker (a timer their future awaited keeps one)
        // own nothing of theirs: their wake is by reference.
        let by_ref = by_ref || matches!(how, WakeImpl::Raw(_));
        let (f, args) = how.call(&arc, by_ref);
        let mut fib = Fiber::default();
        let mut cx = noop_context();
        let at = At { span };
        let r = interp.call_fn(&mut fib, f, args, None, &mut cx, at).and_then(|_| interp.run_drops(&mut fib, &mut cx, at));
        interp.guest_woken(&arc);
        drop(arc);
        if let Err(e) = r {
            interp.say_error(&e);
        }
        // Their wake may have been the last thing that could happen (a lost wakeup).
        interp.after_poll();
    }
}

impl Wake for UserWake {
    fn wake(self: Arc<Self>) {
        self.run(false);
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.run(true);
    }
}

impl Drop for UserWake {
    fn drop(&mut self) {
        let key = self.key();
        // Taken out first, dropped after: what the `Arc` held may drop other wakers.
        let entry = USER_WAKERS.try_with(|m| m.try_borrow_mut().ok().and_then(|mut m| m.remove(&key))).ok().flatten();
        if let Some(e) = &entry {
            if let (Some(id), Some(interp)) = (e.counted, e.interp.upgrade()) {
                interp.spawner.record(Some(id), EventKind::WakerDropped);
            }
            // A raw waker's `drop` runs where the program's `Drop` impls run, next.
            if let (WakeImpl::Raw([.., drop_fn]), true, Some(interp)) = (e.how, e.owned.get(), e.interp.upgrade()) {
                if !interp.over.get() {
                    interp.drops.push_call(drop_fn, e.arc.clone());
                }
            }
        }
        drop(entry);
    }
}

/// Whether `v` holds wakers (in its fields, through `Rc`/`Arc`, cells and locks, a few steps
/// deep) and none of them wakes `current`: a future polled here that kept the waker of an
/// earlier poll, in another task. Values it cannot read now (borrowed) are passed over.
pub fn holds_stale_waker(v: &Value, current: &std::task::Waker) -> bool {
    let (mut mine, mut other) = (false, false);
    let mut budget = 256u32;
    walk_wakers(v, 0, &mut budget, &mut |w| {
        if wakes_same(w, current) {
            mine = true;
        } else {
            other = true;
        }
    });
    other && !mine
}

fn walk_wakers(v: &Value, depth: u32, budget: &mut u32, f: &mut dyn FnMut(&std::task::Waker)) {
    if depth > 8 || *budget == 0 {
        return;
    }
    *budget -= 1;
    match v {
        Value::Waker(w) => f(&w.0),
        Value::Ready(x) => walk_wakers(x, depth + 1, budget, f),
        Value::Obj(o) => {
            let Ok(d) = o.data.try_borrow() else { return };
            match &*d {
                Data::Fields(vs) | Data::Variant(_, vs) | Data::Vec(vs) => vs.iter().for_each(|x| walk_wakers(x, depth + 1, budget, f)),
                Data::Deque(q) => q.iter().for_each(|x| walk_wakers(x, depth + 1, budget, f)),
                Data::Map(m) => m.iter().for_each(|(_, x)| walk_wakers(x, depth + 1, budget, f)),
                Data::Str(_) => {}
            }
        }
        Value::Native(n) => {
            let cell = match &**n {
                Native::Shared(b, _) => &b.value,
                Native::Cell(c) => c,
                Native::RefCell(l) | Native::Mutex(l) | Native::RwLock(l) => &l.value,
                _ => return,
            };
            if let Ok(x) = cell.try_borrow() {
                walk_wakers(&x, depth + 1, budget, f);
            }
        }
        _ => {}
    }
}

/// Unlocks what a `MutexGuard` value holds, once.
fn release(guard: &Value) {
    if let Value::Ref(p) = guard {
        if let Ptr::Guard(g) = &**p {
            g.release();
        }
    }
}

/// The error of a `wait_while` condition that gave something else than a `bool`.
fn not_a_bool(v: &Value, at: At) -> LangError {
    at.err(format!("the condition of a `wait_while` returns a `bool`, not {}", v.type_name()))
}

/// A `WaitTimeoutResult`.
fn wait_timeout(timed_out: bool) -> Value {
    Value::Native(Rc::new(Native::WaitTimeout(timed_out)))
}
