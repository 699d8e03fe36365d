//! Helpers shared by the native integration tests.
#![allow(dead_code)]

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use waker_playground::core::{Config, Event, EventKind, Executor, Recorder, RunMode, SimPlatform, TaskId, TimerBackend};

/// Both timer backends: every timer test runs against each.
pub const BACKENDS: [TimerBackend; 2] = [TimerBackend::PerTimer, TimerBackend::Driver];

pub fn setup(backend: TimerBackend) -> (SimPlatform, Executor<Recorder>) {
    setup_with(backend, Config::default())
}

pub fn setup_with(backend: TimerBackend, config: Config) -> (SimPlatform, Executor<Recorder>) {
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), config);
    exec.timers().set_backend(backend);
    (sim, exec)
}

pub fn manual(backend: TimerBackend) -> (SimPlatform, Executor<Recorder>) {
    setup_with(backend, Config { mode: RunMode::Manual, ..Config::default() })
}

pub fn events(exec: &Executor<Recorder>) -> Vec<Event> {
    exec.events_since(0)
}

/// The event names of one task, in order.
pub fn names_for(exec: &Executor<Recorder>, task: TaskId) -> Vec<&'static str> {
    events(exec).iter().filter(|e| e.task == Some(task)).map(|e| e.kind.name()).collect()
}

pub fn count(exec: &Executor<Recorder>, pred: impl Fn(&EventKind) -> bool) -> usize {
    events(exec).iter().filter(|e| pred(&e.kind)).count()
}

pub fn completed_at(exec: &Executor<Recorder>, task: TaskId) -> Option<f64> {
    exec.task_metrics(task).and_then(|m| m.completed_at)
}

/// A future that keeps a clone of its waker where the test can take it, and is Ready or
/// Pending as asked. Returns the future and the slot.
pub fn keeper(ready: bool) -> (impl Future<Output = ()>, Rc<std::cell::RefCell<Option<std::task::Waker>>>) {
    let kept: Rc<std::cell::RefCell<Option<std::task::Waker>>> = Rc::default();
    let k = kept.clone();
    let fut = std::future::poll_fn(move |cx| {
        *k.borrow_mut() = Some(cx.waker().clone());
        if ready {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    });
    (fut, kept)
}

/// A future that counts its polls and drops, and is Ready after `ready_after` polls
/// (waking itself by ref in between, when `self_wake` is set).
pub struct Probe {
    pub polls: Rc<Cell<u32>>,
    pub drops: Rc<Cell<u32>>,
    pub ready_after: u32,
    pub self_wake: bool,
}

impl Probe {
    pub fn new(ready_after: u32, self_wake: bool) -> (Self, Rc<Cell<u32>>, Rc<Cell<u32>>) {
        let polls = Rc::new(Cell::new(0));
        let drops = Rc::new(Cell::new(0));
        (Probe { polls: polls.clone(), drops: drops.clone(), ready_after, self_wake }, polls, drops)
    }
}

impl Future for Probe {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let n = self.polls.get() + 1;
        self.polls.set(n);
        if n >= self.ready_after {
            Poll::Ready(())
        } else {
            if self.self_wake {
                cx.waker().wake_by_ref();
            }
            Poll::Pending
        }
    }
}

impl Drop for Probe {
    fn drop(&mut self) {
        self.drops.set(self.drops.get() + 1);
    }
}

/// Starts a scenario's program on `exec` (a form's tasks are written as one) and returns its
/// tasks in spawn order: a form's tasks in the form's order.
#[allow(dead_code)]
pub fn spawn_tasks<H: waker_playground::core::Hooks>(exec: &Executor<H>, scenario: &waker_playground::play::Scenario) -> Vec<TaskId> {
    match waker_playground::play::ScenarioRun::start(exec, scenario) {
        Ok(run) => run.tasks(),
        Err(e) => panic!("{e}"),
    }
}
