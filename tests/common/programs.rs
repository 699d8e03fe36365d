//! Random programs for the engine's property tests: sleeps, joins, selects, yields, wakes of
//! other tasks through a shared board, spawns from inside tasks, and parking. Included by the
//! tests that need it (`#[path]`), so the browser suite never compiles proptest.
#![allow(dead_code)]

use std::cell::RefCell;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use proptest::prelude::*;
use waker_playground::core::{Executor, Hooks, TimerFuture};
use waker_playground::play::{Join, Select, YieldNow};

#[derive(Clone, Debug)]
pub enum Step {
    Sleep(u64),
    Join(Vec<u64>),
    Select(Vec<u64>),
    Yield,
    /// Wakes the waker that task `n` (mod the count) left in the shared board, if any.
    WakeOther(usize),
    /// Spawns a child that sleeps this long.
    Spawn(u64),
    /// Parks until another task wakes it through the board, or 300 ms pass (a select).
    Park,
}

pub fn step() -> impl Strategy<Value = Step> {
    let ms = 0u64..400;
    prop_oneof![
        4 => ms.clone().prop_map(Step::Sleep),
        1 => prop::collection::vec(ms.clone(), 1..4).prop_map(Step::Join),
        1 => prop::collection::vec(ms.clone(), 1..4).prop_map(Step::Select),
        2 => Just(Step::Yield),
        1 => (0usize..6).prop_map(Step::WakeOther),
        1 => ms.prop_map(Step::Spawn),
        1 => Just(Step::Park),
    ]
}

/// What every task of a run shares: the completion log, and a board of parked wakers.
#[derive(Default)]
pub struct Shared {
    pub done: RefCell<Vec<(String, f64)>>,
    pub board: RefCell<Vec<Option<Waker>>>,
}

/// A future that parks once: it leaves its waker on the board and returns Pending, then Ready.
struct Parked {
    slot: usize,
    shared: Rc<Shared>,
    parked: bool,
}

impl std::future::Future for Parked {
    type Output = ();
    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
        if self.parked {
            return std::task::Poll::Ready(());
        }
        self.parked = true;
        let slot = self.slot;
        if let Some(s) = self.shared.board.borrow_mut().get_mut(slot) {
            *s = Some(cx.waker().clone());
        }
        std::task::Poll::Pending
    }
}

pub fn sleep(ms: u64) -> TimerFuture {
    TimerFuture::new(Duration::from_millis(ms))
}

/// A timer whose output is a `Result`, as `Join` wants (it stops at the first error).
pub struct Infallible(pub TimerFuture);

impl std::future::Future for Infallible {
    type Output = Result<(), std::convert::Infallible>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        std::pin::Pin::new(&mut self.0).poll(cx).map(Ok)
    }
}

/// Spawns one task per program on `exec`; each logs its name and the time when it finishes.
pub fn spawn_all<H: Hooks>(exec: &Executor<H>, programs: &[Vec<Step>], shared: &Rc<Shared>) {
    shared.board.borrow_mut().resize(programs.len(), None);
    let n = programs.len();
    for (i, steps) in programs.iter().enumerate() {
        let (steps, shared, spawner, platform) = (steps.clone(), shared.clone(), exec.spawner(), exec.platform());
        exec.spawn(&format!("t{i}"), async move {
            for (k, step) in steps.into_iter().enumerate() {
                match step {
                    Step::Sleep(ms) => sleep(ms).await,
                    Step::Join(ms) => {
                        let _ = Join::new(ms.into_iter().map(|m| Infallible(sleep(m))).collect()).await;
                    }
                    Step::Select(ms) => {
                        Select::new(ms.into_iter().map(sleep).collect()).await;
                    }
                    Step::Yield => YieldNow::default().await,
                    Step::WakeOther(j) => {
                        let waker = shared.board.borrow_mut().get_mut(j % n).and_then(Option::take);
                        if let Some(w) = waker {
                            w.wake();
                        }
                    }
                    Step::Spawn(ms) => {
                        let (shared, platform) = (shared.clone(), platform.clone());
                        let name = format!("t{i}.{k}");
                        let _ = spawner.spawn(&name.clone(), async move {
                            sleep(ms).await;
                            shared.done.borrow_mut().push((name, platform.now()));
                        });
                    }
                    Step::Park => {
                        let parked = Parked { slot: i, shared: shared.clone(), parked: false };
                        // Whichever comes first: a wake through the board, or 300 ms.
                        let either: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()>>>> =
                            vec![Box::pin(parked), Box::pin(sleep(300))];
                        Select::new(either).await;
                    }
                }
            }
            shared.done.borrow_mut().push((format!("t{i}"), platform.now()));
        });
    }
}

/// Up to 5 programs of up to 5 steps.
pub fn programs() -> impl Strategy<Value = Vec<Vec<Step>>> {
    prop::collection::vec(prop::collection::vec(step(), 0..6), 1..6)
}
