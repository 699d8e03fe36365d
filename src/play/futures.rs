//! The hand-written futures a program is made of, besides [`crate::core::TimerFuture`]:
//! `join!`, `select!`, `yield_now()`, and the three teaching bugs.
//!
//! # Ground rules
//!
//! - Each is a plain `impl Future` with its `poll` written out, as the async book writes
//!   `TimerFuture`: this file is the code panel's "Futures" tab, and `// @code` markers name the
//!   lines the panel lights.
//! - They know nothing of the language: the interpreter (`lang/interp.rs`) builds them.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

use crate::core::TimerFuture;

/// `join!`: polls every unfinished future each time it is polled, and is Ready with all their
/// outputs, in order, when the last one is. A finished future is dropped at once. The first
/// error ends the join, and drops the others.
pub struct Join<F, T> {
    futures: Vec<Option<F>>,
    outputs: Vec<Option<T>>,
}

impl<F, T, E> Join<F, T>
where
    F: Future<Output = Result<T, E>> + Unpin,
{
    /// Joins these futures.
    pub fn new(futures: Vec<F>) -> Self {
        let outputs = futures.iter().map(|_| None).collect();
        Self { futures: futures.into_iter().map(Some).collect(), outputs }
    }
}

impl<F, T, E> Future for Join<F, T>
where
    F: Future<Output = Result<T, E>> + Unpin,
    T: Unpin,
{
    type Output = Result<Vec<T>, E>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let me = &mut *self;
        let mut pending = false;
        for (slot, out) in me.futures.iter_mut().zip(me.outputs.iter_mut()) {
            if let Some(f) = slot {
                // Each pending branch is polled with the task's own context: each stores a clone
                // of the same waker, and any of them can wake the task.
                // @code join-poll
                match Pin::new(f).poll(cx) {
                    Poll::Ready(Ok(v)) => {
                        *out = Some(v);
                        *slot = None;
                    }
                    Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            return Poll::Pending;
        }
        Poll::Ready(Ok(me.outputs.iter_mut().filter_map(Option::take).collect()))
    }
}

/// `select!`: polls its futures in order; the first to be Ready wins, and the others are
/// dropped inside that same poll. Ready with the winner's position and output.
pub struct Select<F> {
    futures: Vec<F>,
}

impl<F: Future + Unpin> Select<F> {
    /// Races these futures.
    pub fn new(futures: Vec<F>) -> Self {
        Self { futures }
    }
}

impl<F: Future + Unpin> Future for Select<F> {
    type Output = Option<(usize, F::Output)>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.futures.is_empty() {
            return Poll::Ready(None);
        }
        for (i, f) in self.futures.iter_mut().enumerate() {
            // @code select-poll
            if let Poll::Ready(out) = Pin::new(f).poll(cx) {
                // The losers are dropped here, inside this poll: dropping a TimerFuture cancels it.
                // @code select-drop
                self.futures.clear();
                return Poll::Ready(Some((i, out)));
            }
        }
        Poll::Pending
    }
}

/// `yield_now()`: Pending once after waking itself, so the executor can run other tasks first.
#[derive(Default)]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            // A self-wake: the task goes straight back on the ready queue, behind the others.
            // @code yield
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// `lost_waker()`, a deliberately broken future: Pending without keeping the waker, so
/// nothing can wake it.
pub struct LostWaker;

impl Future for LostWaker {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        // BUG, on purpose: returning Pending promises a wake later, but no waker was stored.
        // @code lost-waker
        Poll::Pending
    }
}

/// `stale_waker()`, a teaching bug: a timer that keeps the waker of its first poll only.
/// Moved into another task, it still wakes the first one, and the task that awaits it now is
/// never woken by it.
pub struct StaleWaker {
    timer: TimerFuture,
    first: Option<Waker>,
}

impl StaleWaker {
    /// Wraps a timer.
    pub fn new(timer: TimerFuture) -> Self {
        Self { timer, first: None }
    }
}

impl Future for StaleWaker {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let me = &mut *self;
        // BUG, on purpose: the first waker is kept; later polls' wakers are ignored.
        // @code stale-waker
        let waker = me.first.get_or_insert_with(|| cx.waker().clone()).clone();
        let mut first_cx = Context::from_waker(&waker);
        Pin::new(&mut me.timer).poll(&mut first_cx)
    }
}

/// `wake_by_ref_then_pending()`, a teaching bug: wakes its own task, then returns Pending,
/// every time. The executor polls it again at once, and again: busy, never done. It gives up
/// after `limit` polls (Ready with `Err` of that count) so that the run ends.
pub struct WakeByRefThenPending {
    polls: u32,
    limit: u32,
}

impl WakeByRefThenPending {
    /// Gives up after `limit` polls.
    pub fn new(limit: u32) -> Self {
        Self { polls: 0, limit }
    }
}

impl Future for WakeByRefThenPending {
    type Output = Result<(), u32>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), u32>> {
        self.polls += 1;
        if self.polls > self.limit {
            return Poll::Ready(Err(self.limit));
        }
        // BUG, on purpose: a wake now, for a future that is not ready and will not be.
        // @code self-wake
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
