//! The hooks are chosen at compile time: the bare executor (`NoHooks`) records nothing, and still
//! schedules exactly as the recording one does.
//!
//! Property: for random programs of sleeps, joins, selects, yields, wakes of other tasks and
//! spawns from inside tasks, on both timer backends and both self-wake policies, the bare and the
//! recording executor complete the same tasks in the same order at the same virtual times, with
//! the same number of polls; and a counting hook sees every poll and wake the recorder records.
#![cfg(not(target_arch = "wasm32"))]

use std::cell::Cell;
use std::rc::Rc;

use proptest::prelude::*;
use waker_playground::core::{
    Config, EventKind, Executor, Hooks, NoHooks, Outcome, Platform, Recorder, RunMode, SimPlatform, TaskId, TaskState, TimerBackend,
    WakeEffect, WakeSource,
};
use waker_playground::play::YieldNow;

#[path = "common/programs.rs"]
mod programs;
use programs::{programs, sleep, spawn_all, Shared, Step};

struct Run {
    done: Vec<(String, f64)>,
    polls: u64,
    spawned: u64,
}

fn run<H: Hooks>(make: impl FnOnce(Rc<dyn Platform>) -> Executor<H>, programs: &[Vec<Step>], backend: TimerBackend) -> (Run, Executor<H>) {
    let sim = SimPlatform::new();
    let exec = make(Rc::new(sim.clone()));
    exec.timers().set_backend(backend);
    let shared = Rc::new(Shared::default());
    spawn_all(&exec, programs, &shared);
    sim.advance(10_000.0);
    // Wakers parked on the board would keep their tasks alive: drop them with the run.
    shared.board.borrow_mut().clear();
    let done = shared.done.borrow().clone();
    let s = exec.stats();
    (Run { done, polls: s.polls, spawned: s.spawned }, exec)
}

fn config(defer: bool) -> Config {
    Config { mode: RunMode::Microtask, defer_self_wakes: defer, ..Config::default() }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn bare_and_recording_executors_schedule_alike(
        programs in programs(),
        driver in any::<bool>(),
        defer in any::<bool>(),
    ) {
        let backend = if driver { TimerBackend::Driver } else { TimerBackend::PerTimer };
        let (bare, bare_exec) = run(|p| Executor::bare(p, config(defer)), &programs, backend);
        let (rec, rec_exec) = run(|p| Executor::new(p, config(defer)), &programs, backend);
        prop_assert_eq!(&bare.done, &rec.done, "same tasks, same order, same times");
        prop_assert_eq!(bare.polls, rec.polls);
        prop_assert_eq!(bare.spawned, rec.spawned);
        // Every task that did not park forever finished; the recording one says so in its trace.
        let completed = rec_exec.with_trace(|t| t.iter().filter(|e| e.kind == EventKind::Completed).count());
        prop_assert_eq!(completed, rec.done.len());
        let polls = rec_exec.with_trace(|t| t.iter().filter(|e| matches!(e.kind, EventKind::Polled { .. })).count() as u64);
        prop_assert_eq!(polls, rec.polls);
        // The bare one kept nothing: no per-task state, no waker counts, no finished tasks.
        let mut known = 0;
        bare_exec.for_each_task(|t| {
            known += 1;
            assert_ne!(t.state, TaskState::Done, "a finished task is forgotten at once");
            assert_eq!(t.wakers, Default::default(), "its wakers count nothing");
        });
        prop_assert_eq!(known, bare.spawned as usize - bare.done.len());
    }
}

#[test]
fn the_bare_executor_counts_no_waker_clone_while_the_recording_one_does() {
    // A task that keeps two clones of its waker and never wakes: the recording executor counts
    // them on the task; the bare one counts nothing (its wakers skip the counters).
    fn keeper() -> impl std::future::Future<Output = ()> {
        let mut kept = Vec::new();
        std::future::poll_fn(move |cx| {
            kept.push(cx.waker().clone());
            kept.push(cx.waker().clone());
            std::task::Poll::<()>::Pending
        })
    }
    let sim = SimPlatform::new();
    let bare = Executor::bare(Rc::new(sim.clone()), Config::default());
    let rec = Executor::new(Rc::new(sim.clone()), Config::default());
    bare.spawn("keeper", keeper());
    rec.spawn("keeper", keeper());
    sim.settle();
    let (mut b, mut r) = (Vec::new(), Vec::new());
    bare.for_each_task(|t| b.push(t.wakers.clones));
    rec.for_each_task(|t| r.push(t.wakers.clones));
    assert_eq!(b, [0], "bare: the task is known, its clones are not counted");
    assert_eq!(r, [2], "recording: both clones counted");
}

#[test]
fn no_hooks_is_nothing_at_all() {
    assert_eq!(std::mem::size_of::<NoHooks>(), 0);
    assert_eq!(std::mem::size_of::<<NoHooks as Hooks>::Task>(), 0);
    const { assert!(!NoHooks::ENABLED) };
    const { assert!(Recorder::ENABLED) };
}

/// A hook that counts what it is told, to show where the executor calls its hooks.
#[derive(Default)]
struct Counting {
    spawned: Cell<u64>,
    polls: Cell<u64>,
    ready: Cell<u64>,
    queued: Cell<u64>,
    coalesced: Cell<u64>,
    self_wakes: Cell<u64>,
    finished: Cell<u64>,
}

impl Hooks for Counting {
    type Task = Cell<u64>;
    const ENABLED: bool = true;

    fn task(&self, _at: f64) -> Cell<u64> {
        Cell::new(0)
    }

    fn spawned(&self, _id: TaskId, _name: &Rc<str>, _task: &Cell<u64>, _at: f64) {
        self.spawned.set(self.spawned.get() + 1);
    }

    fn poll_started(&self, _id: TaskId, task: &Cell<u64>, _at: f64) {
        task.set(task.get() + 1);
        self.polls.set(self.polls.get() + 1);
    }

    fn polled(&self, _id: TaskId, _task: &Cell<u64>, _at: f64, outcome: Outcome, _took: f64, next: Option<TaskState>) {
        if outcome == Outcome::Ready {
            assert_eq!(next, None);
            self.ready.set(self.ready.get() + 1);
        }
    }

    fn woken(&self, _id: TaskId, _task: &Cell<u64>, _at: f64, by: WakeSource, effect: WakeEffect) {
        match effect {
            WakeEffect::Queued { .. } => self.queued.set(self.queued.get() + 1),
            WakeEffect::Coalesced => self.coalesced.set(self.coalesced.get() + 1),
            WakeEffect::Ignored => {}
        }
        if by == WakeSource::SelfWake {
            self.self_wakes.set(self.self_wakes.get() + 1);
        }
    }

    fn finished(&self, _id: TaskId, task: &Cell<u64>, _at: Option<f64>, aborted: bool) {
        assert!(!aborted);
        assert!(task.get() > 0, "a finished task was polled");
        self.finished.set(self.finished.get() + 1);
    }
}

#[test]
fn a_custom_hook_sees_every_moment() {
    let sim = SimPlatform::new();
    let exec = Executor::with_hooks(Rc::new(sim.clone()), Config::default(), Counting::default());
    for i in 0..3u64 {
        exec.spawn("y", async move {
            for _ in 0..i {
                YieldNow::default().await;
            }
            sleep(10 * i).await;
        });
    }
    sim.advance(100.0);
    let h = exec.hooks();
    assert_eq!((h.spawned.get(), h.ready.get(), h.finished.get()), (3, 3, 3));
    assert_eq!(h.polls.get(), exec.stats().polls);
    assert_eq!(h.self_wakes.get(), 3, "0 + 1 + 2 yields");
    assert_eq!(h.queued.get() + 3, h.polls.get(), "every poll after the first came from a wake");
    assert!(exec.is_empty());
}
