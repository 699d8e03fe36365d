//! The playground's built-ins as real Rust, on the playground's own executor and simulated
//! clock: what a corpus program sees through `use crate::prelude::*`.

use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

pub use std::time::Duration;
pub use waker_playground::core::TimerFuture;
use waker_playground::core::{Executor, Platform, Recorder, SimPlatform, Spawner};
pub use waker_playground::play::futures::YieldNow;

struct Run {
    sim: SimPlatform,
    spawner: Spawner,
    start: f64,
    console: Vec<(f64, String)>,
    partial: String,
}

thread_local! {
    static RUN: RefCell<Option<Run>> = const { RefCell::new(None) };
}

pub(crate) fn install(sim: &SimPlatform, exec: &Executor<Recorder>) {
    RUN.with(|r| {
        *r.borrow_mut() =
            Some(Run { sim: sim.clone(), spawner: exec.spawner(), start: sim.now(), console: Vec::new(), partial: String::new() })
    });
}

pub(crate) fn uninstall() {
    RUN.with(|r| *r.borrow_mut() = None);
    CALLBACKS.with(|c| c.borrow_mut().clear());
}

/// The console; what `print!` left without an end of line is its last line, as the process's
/// exit flushes it.
pub(crate) fn take_console() -> Vec<(f64, String)> {
    let at = now();
    RUN.with(|r| {
        r.borrow_mut()
            .as_mut()
            .map(|r| {
                if !r.partial.is_empty() {
                    let rest = std::mem::take(&mut r.partial);
                    r.console.push((at, rest));
                }
                std::mem::take(&mut r.console)
            })
            .unwrap_or_default()
    })
}

/// Records a program's panic, and its console line `panicked: …` at once: as Rust's panic hook
/// prints the message before the unwinding runs the `Drop`s of what the program held.
pub(crate) fn set_panic(msg: String) {
    let at = now();
    RUN.with(|r| {
        if let Ok(mut r) = r.try_borrow_mut() {
            if let Some(r) = r.as_mut() {
                // `print!`'s text without an end of line goes out before the message.
                if !r.partial.is_empty() {
                    let rest = std::mem::take(&mut r.partial);
                    r.console.push((at, rest));
                }
                for l in format!("panicked: {msg}").split('\n') {
                    r.console.push((at, l.to_string()));
                }
            }
        }
    });
}

fn now() -> f64 {
    RUN.with(|r| r.borrow().as_ref().map_or(0.0, |r| r.sim.now() - r.start))
}

/// A line of output.
pub fn emit(text: String) {
    let at = now();
    RUN.with(|r| {
        if let Some(r) = r.borrow_mut().as_mut() {
            let mut line = std::mem::take(&mut r.partial);
            line.push_str(&text);
            for l in line.split('\n') {
                r.console.push((at, l.to_string()));
            }
        }
    });
}

/// Text without a line break (`print!`).
pub fn emit_part(text: String) {
    let at = now();
    RUN.with(|r| {
        if let Some(r) = r.borrow_mut().as_mut() {
            r.partial.push_str(&text);
            while let Some(i) = r.partial.find('\n') {
                let rest = r.partial.split_off(i + 1);
                let mut line = std::mem::replace(&mut r.partial, rest);
                line.pop();
                r.console.push((at, line));
            }
        }
    });
}

/// `Instant`, read from the run's clock (the playground's prelude has it; std's reads the
/// machine's).
#[derive(Clone, Copy, Debug, PartialEq, PartialOrd)]
pub struct Instant(f64);

impl Instant {
    pub fn now() -> Instant {
        Instant(now())
    }
    pub fn elapsed(&self) -> Duration {
        Duration::from_nanos(((now() - self.0) * 1e6).round() as u64)
    }
    pub fn duration_since(&self, earlier: Instant) -> Duration {
        Duration::from_nanos(((self.0 - earlier.0) * 1e6).round().max(0.0) as u64)
    }
}

/// `sleep(ms)`: the engine's timer.
pub fn sleep(ms: u64) -> TimerFuture {
    TimerFuture::new(Duration::from_millis(ms))
}

/// `yield_now()`.
pub fn yield_now() -> YieldNow {
    YieldNow::default()
}

/// `spin(ms)`: blocks the thread for `ms` of the clock.
pub fn spin(ms: u64) {
    RUN.with(|r| {
        if let Some(r) = r.borrow().as_ref() {
            r.sim.spin(ms as f64);
        }
    });
}

/// A task's output once it finished, and the waker of whoever awaits it.
type Slot<T> = Rc<RefCell<(Option<T>, Option<Waker>)>>;

/// A spawned task's output, when it has finished.
pub struct JoinHandle<T> {
    slot: Slot<T>,
}

impl<T> JoinHandle<T> {
    /// Whether the task has finished (its output waits in the handle), as tokio's handle says.
    pub fn is_finished(&self) -> bool {
        self.slot.borrow().0.is_some()
    }
}

impl<T> Future for JoinHandle<T> {
    type Output = T;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        let mut s = self.slot.borrow_mut();
        match s.0.take() {
            Some(v) => Poll::Ready(v),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// `spawn(fut)`: a task on the executor, named after what made the future where the
/// playground does it (here, always `task`: names are not compared).
pub fn spawn<F: Future + 'static>(f: F) -> JoinHandle<F::Output> {
    let slot: Slot<F::Output> = Rc::new(RefCell::new((None, None)));
    let s = slot.clone();
    let spawner = RUN.with(|r| r.borrow().as_ref().map(|r| r.spawner.clone()));
    if let Some(spawner) = spawner {
        let _ = spawner.spawn("task", async move {
            let v = f.await;
            let w = {
                let mut s = s.borrow_mut();
                s.0 = Some(v);
                s.1.take()
            };
            if let Some(w) = w {
                w.wake();
            }
        });
    }
    JoinHandle { slot }
}

/// `join!` of one future.
pub struct Join1<A: Future> {
    a: MaybeDone<A>,
}

impl<A: Future> Join1<A> {
    pub fn new(a: A) -> Self {
        Join1 { a: MaybeDone::Fut(Box::pin(a)) }
    }
}

impl<A: Future> Unpin for Join1<A> {}
impl<A: Future, B: Future> Unpin for Join2<A, B> {}
impl<A: Future, B: Future, C: Future> Unpin for Join3<A, B, C> {}

impl<A: Future> Future for Join1<A> {
    type Output = A::Output;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<A::Output> {
        if self.a.poll(cx) {
            return Poll::Ready(self.a.take());
        }
        Poll::Pending
    }
}

/// A future, or its output once it is done.
pub enum MaybeDone<F: Future> {
    Fut(Pin<Box<F>>),
    Done(Option<F::Output>),
}

impl<F: Future> MaybeDone<F> {
    /// Polls it if not done; whether it is done.
    fn poll(&mut self, cx: &mut Context<'_>) -> bool {
        if let MaybeDone::Fut(f) = self {
            match f.as_mut().poll(cx) {
                Poll::Ready(v) => *self = MaybeDone::Done(Some(v)),
                Poll::Pending => return false,
            }
        }
        true
    }

    fn take(&mut self) -> F::Output {
        match self {
            MaybeDone::Done(v) => v.take().expect("taken once"),
            MaybeDone::Fut(_) => panic!("not done"),
        }
    }
}

/// `join!` of two futures.
pub struct Join2<A: Future, B: Future> {
    a: MaybeDone<A>,
    b: MaybeDone<B>,
}

impl<A: Future, B: Future> Join2<A, B> {
    pub fn new(a: A, b: B) -> Self {
        Join2 { a: MaybeDone::Fut(Box::pin(a)), b: MaybeDone::Fut(Box::pin(b)) }
    }
}

impl<A: Future, B: Future> Future for Join2<A, B> {
    type Output = (A::Output, B::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let a = self.a.poll(cx);
        let b = self.b.poll(cx);
        if a && b {
            return Poll::Ready((self.a.take(), self.b.take()));
        }
        Poll::Pending
    }
}

/// `join!` of three futures.
pub struct Join3<A: Future, B: Future, C: Future> {
    a: MaybeDone<A>,
    b: MaybeDone<B>,
    c: MaybeDone<C>,
}

impl<A: Future, B: Future, C: Future> Join3<A, B, C> {
    pub fn new(a: A, b: B, c: C) -> Self {
        Join3 { a: MaybeDone::Fut(Box::pin(a)), b: MaybeDone::Fut(Box::pin(b)), c: MaybeDone::Fut(Box::pin(c)) }
    }
}

impl<A: Future, B: Future, C: Future> Future for Join3<A, B, C> {
    type Output = (A::Output, B::Output, C::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let a = self.a.poll(cx);
        let b = self.b.poll(cx);
        let c = self.c.poll(cx);
        if a && b && c {
            return Poll::Ready((self.a.take(), self.b.take(), self.c.take()));
        }
        Poll::Pending
    }
}

/// Which of two futures won a `select!`.
pub enum Either<A, B> {
    A(A),
    B(B),
}

/// Which of three futures won a `select!`.
pub enum Either3<A, B, C> {
    A(A),
    B(B),
    C(C),
}

/// `select!` of two futures: polled in order; the losers are dropped with the select.
pub struct Select2<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
}

impl<A: Future, B: Future> Select2<A, B> {
    pub fn new(a: A, b: B) -> Self {
        Select2 { a: Box::pin(a), b: Box::pin(b) }
    }
}

impl<A: Future, B: Future> Future for Select2<A, B> {
    type Output = Either<A::Output, B::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.a.as_mut().poll(cx) {
            return Poll::Ready(Either::A(v));
        }
        if let Poll::Ready(v) = self.b.as_mut().poll(cx) {
            return Poll::Ready(Either::B(v));
        }
        Poll::Pending
    }
}

/// `select!` of three futures.
pub struct Select3<A: Future, B: Future, C: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    c: Pin<Box<C>>,
}

impl<A: Future, B: Future, C: Future> Select3<A, B, C> {
    pub fn new(a: A, b: B, c: C) -> Self {
        Select3 { a: Box::pin(a), b: Box::pin(b), c: Box::pin(c) }
    }
}

impl<A: Future, B: Future, C: Future> Future for Select3<A, B, C> {
    type Output = Either3<A::Output, B::Output, C::Output>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.a.as_mut().poll(cx) {
            return Poll::Ready(Either3::A(v));
        }
        if let Poll::Ready(v) = self.b.as_mut().poll(cx) {
            return Poll::Ready(Either3::B(v));
        }
        if let Poll::Ready(v) = self.c.as_mut().poll(cx) {
            return Poll::Ready(Either3::C(v));
        }
        Poll::Pending
    }
}

// ----- gloo-timers, as the playground runs it: the closure runs from the timer's callback -----

thread_local! {
    static CALLBACKS: RefCell<HashMap<u64, Keep>> = RefCell::new(HashMap::new());
    static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

enum Keep {
    Weak(Weak<Cb>),
    Strong(Rc<Cb>),
}

struct Cb {
    id: u64,
    f: RefCell<Option<Box<dyn FnMut()>>>,
    timer: RefCell<Option<TimerFuture>>,
    period: Option<Duration>,
    once: bool,
}

struct CbWake(u64);

impl Wake for CbWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }
    fn wake_by_ref(self: &Arc<Self>) {
        let id = self.0;
        let cb = CALLBACKS.with(|c| match c.borrow().get(&id) {
            Some(Keep::Weak(w)) => w.upgrade(),
            Some(Keep::Strong(s)) => Some(s.clone()),
            None => None,
        });
        if let Some(cb) = cb {
            cb.fire();
        }
    }
}

impl Cb {
    fn arm(&self, d: Duration) {
        let mut t = TimerFuture::new(d);
        let waker = Waker::from(Arc::new(CbWake(self.id)));
        let mut cx = Context::from_waker(&waker);
        let _ = Pin::new(&mut t).poll(&mut cx);
        *self.timer.borrow_mut() = Some(t);
    }

    fn fire(self: &Rc<Self>) {
        let done = self.timer.borrow_mut().take();
        drop(done);
        let f = self.f.borrow_mut().take();
        if let Some(mut f) = f {
            f();
            if self.once {
                drop(f);
                let id = self.id;
                CALLBACKS.with(|c| c.borrow_mut().remove(&id));
            } else {
                *self.f.borrow_mut() = Some(f);
            }
        }
        if let Some(p) = self.period {
            self.arm(p);
        }
    }
}

impl Drop for Cb {
    fn drop(&mut self) {
        let id = self.id;
        let _ = CALLBACKS.try_with(|c| c.try_borrow_mut().map(|mut c| c.remove(&id)));
    }
}

fn make_cb(ms: u32, f: Box<dyn FnMut()>, period: bool) -> Rc<Cb> {
    let id = NEXT.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    });
    let d = Duration::from_millis(u64::from(ms));
    let cb = Rc::new(Cb { id, f: RefCell::new(Some(f)), timer: RefCell::new(None), period: period.then_some(d), once: !period });
    CALLBACKS.with(|c| c.borrow_mut().insert(id, Keep::Weak(Rc::downgrade(&cb))));
    cb.arm(d);
    cb
}

/// gloo-timers, as the playground provides it.
pub mod gloo_timers {
    pub mod callback {
        use std::rc::Rc;

        /// A one-shot timer; dropping it cancels it.
        pub struct Timeout {
            cb: Option<Rc<super::super::Cb>>,
        }

        impl Timeout {
            pub fn new<F: FnOnce() + 'static>(ms: u32, f: F) -> Timeout {
                let mut f = Some(f);
                let call = move || {
                    if let Some(f) = f.take() {
                        f();
                    }
                };
                Timeout { cb: Some(super::super::make_cb(ms, Box::new(call), false)) }
            }

            pub fn forget(mut self) {
                if let Some(cb) = self.cb.take() {
                    let id = cb.id;
                    super::super::CALLBACKS.with(|c| c.borrow_mut().insert(id, super::super::Keep::Strong(cb)));
                }
            }

            pub fn cancel(mut self) {
                self.cb.take();
            }
        }

        /// A repeating timer; dropping it cancels it.
        pub struct Interval {
            cb: Option<Rc<super::super::Cb>>,
        }

        impl Interval {
            pub fn new<F: FnMut() + 'static>(ms: u32, f: F) -> Interval {
                Interval { cb: Some(super::super::make_cb(ms, Box::new(f), true)) }
            }

            pub fn forget(mut self) {
                if let Some(cb) = self.cb.take() {
                    let id = cb.id;
                    super::super::CALLBACKS.with(|c| c.borrow_mut().insert(id, super::super::Keep::Strong(cb)));
                }
            }

            pub fn cancel(mut self) {
                self.cb.take();
            }
        }
    }

    pub mod future {
        use std::future::Future;
        use std::pin::Pin;
        use std::task::{Context, Poll};
        use std::time::Duration;

        use waker_playground::core::TimerFuture;

        /// A timer future, as gloo's.
        pub struct TimeoutFuture(TimerFuture);

        impl TimeoutFuture {
            pub fn new(ms: u32) -> TimeoutFuture {
                TimeoutFuture(TimerFuture::new(Duration::from_millis(u64::from(ms))))
            }
        }

        impl Future for TimeoutFuture {
            type Output = ();
            fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
                Pin::new(&mut self.0).poll(cx)
            }
        }

        /// `gloo_timers::future::sleep`.
        pub fn sleep(d: Duration) -> TimeoutFuture {
            TimeoutFuture(TimerFuture::new(d))
        }
    }
}

/// wasm-bindgen-futures, as the playground provides it.
pub mod wasm_bindgen_futures {
    use std::future::Future;

    /// A task on the page's executor.
    pub fn spawn_local<F: Future<Output = ()> + 'static>(f: F) {
        drop(super::spawn(f));
    }
}
