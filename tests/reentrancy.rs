//! Everything that may happen at an awkward moment, and must not panic or lose a wake.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::task::Waker;
use std::time::Duration;

use common::*;
use waker_playground::core::{Drained, EventKind, Executor, Platform, Recorder, SpawnError, TaskId, TimerFuture, WakeSource};

#[test]
fn wake_after_completion_is_ignored_and_recorded() {
    let (sim, exec) = setup(BACKENDS[0]);
    let (fut, kept) = keeper(true);
    let task = exec.spawn("t", fut);
    sim.settle();
    let waker = kept.borrow_mut().take().unwrap();
    waker.wake_by_ref();
    waker.wake();
    sim.settle();
    let m = exec.task_metrics(task).unwrap();
    assert_eq!((m.polls, m.ignored), (1, 2));
    assert_eq!(count(&exec, |k| matches!(k, EventKind::WakeIgnored { .. })), 2);
}

#[test]
fn wake_after_the_executor_is_dropped_does_nothing() {
    let (sim, exec) = setup(BACKENDS[0]);
    let (fut, kept) = keeper(false);
    exec.spawn("t", fut);
    sim.settle();
    let spawner = exec.spawner();
    drop(exec);
    let waker = kept.borrow_mut().take().unwrap();
    let w2 = waker.clone();
    waker.wake();
    w2.wake_by_ref();
    drop(w2);
    sim.settle();
    assert_eq!(spawner.spawn("late", async {}), Err(SpawnError));
}

#[test]
fn spawn_from_inside_a_running_task() {
    let (sim, exec) = setup(BACKENDS[0]);
    let spawner = exec.spawner();
    let child = Rc::new(RefCell::new(None));
    let c = child.clone();
    let parent = exec.spawn("parent", async move {
        let id = spawner.spawn("child", async { TimerFuture::new(Duration::from_millis(5)).await });
        *c.borrow_mut() = Some(id);
    });
    sim.run_until_idle(100.0);
    let child = child.borrow().unwrap().unwrap();
    assert_eq!(completed_at(&exec, parent), Some(0.0));
    assert_eq!(completed_at(&exec, child), Some(5.0));
    assert_eq!(exec.task_metrics(child).unwrap().polls, 2);
}

#[test]
fn self_wake_inside_poll_requeues_once() {
    let (sim, exec) = setup(BACKENDS[0]);
    let (probe, polls, drops) = Probe::new(4, true);
    let task = exec.spawn("p", async move {
        probe.await;
    });
    sim.settle();
    assert_eq!(polls.get(), 4);
    assert_eq!(drops.get(), 1, "dropped as soon as it returned Ready");
    let m = exec.task_metrics(task).unwrap();
    assert_eq!(m.wakes.self_wake, 3);
    let wakes: Vec<_> = events(&exec)
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Woken { by } => Some(by),
            _ => None,
        })
        .collect();
    assert_eq!(wakes, [WakeSource::SelfWake; 3]);
}

#[test]
fn repeated_wakes_coalesce_into_one_queue_entry() {
    let (sim, exec) = manual(BACKENDS[0]);
    let (probe, polls, _) = Probe::new(2, false);
    let task = exec.spawn("p", probe);
    assert!(exec.step());
    let w = exec.waker(task).unwrap();
    for _ in 0..5 {
        w.wake_by_ref();
    }
    assert_eq!(exec.ready_queue(), [task]);
    assert_eq!(exec.run_until_stalled(100), Drained::Stalled);
    assert_eq!(polls.get(), 2);
    let m = exec.task_metrics(task).unwrap();
    assert_eq!((m.wakes.other, m.coalesced), (5, 4));
    assert_eq!(count(&exec, |k| matches!(k, EventKind::WakeCoalesced { .. })), 4);
    drop(w);
    sim.settle();
}

#[test]
fn a_timer_firing_while_the_executor_drains() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let sim2 = sim.clone();
        let timed = exec.spawn("timed", async { TimerFuture::new(Duration::from_millis(10)).await });
        // A task whose poll runs the event loop forward: the timer fires in the middle of the drain.
        let busy = exec.spawn("busy", async move {
            sim2.run_until(20.0);
        });
        sim.settle();
        assert_eq!(completed_at(&exec, busy), Some(20.0));
        sim.settle();
        assert_eq!(completed_at(&exec, timed), Some(20.0), "{backend:?}: the wake was queued during the drain, not lost");
        assert_eq!(exec.task_metrics(timed).unwrap().wakes.timer, 1);
    }
}

#[test]
fn step_and_drain_from_inside_a_poll_are_refused_not_reentered() {
    let (sim, exec) = setup(BACKENDS[0]);
    let exec = Rc::new(exec);
    let e = exec.clone();
    let seen = Rc::new(RefCell::new(None));
    let s = seen.clone();
    exec.spawn("t", async move {
        *s.borrow_mut() = Some((e.step(), e.run_until_stalled(10), e.tick()));
    });
    sim.settle();
    assert_eq!(*seen.borrow(), Some((false, Drained::Reentrant, Drained::Reentrant)));
}

#[test]
fn abort_from_inside_its_own_poll_takes_effect_when_it_returns() {
    let (sim, exec) = setup(BACKENDS[0]);
    let exec = Rc::new(exec);
    let e = exec.clone();
    let me = Rc::new(RefCell::new(None));
    let m = me.clone();
    let task = exec.spawn("t", async move {
        let id = m.borrow().unwrap();
        assert!(e.abort(id));
        TimerFuture::new(Duration::from_millis(10)).await;
    });
    *me.borrow_mut() = Some(task);
    sim.run_until_idle(100.0);
    let metrics = exec.task_metrics(task).unwrap();
    assert!(metrics.aborted);
    assert_eq!(metrics.polls, 1);
    assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerCancelled { .. })), 1);
    assert_eq!(sim.stats().pending, 0);
}

#[test]
fn dropping_the_executor_drops_pending_futures_and_their_timers() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let (probe, _, drops) = Probe::new(100, false);
        exec.spawn("p", probe);
        exec.spawn("t", async { TimerFuture::new(Duration::from_millis(10)).await });
        sim.settle();
        drop(exec);
        assert_eq!(drops.get(), 1);
        assert_eq!(sim.stats().pending, 0, "{backend:?}");
        sim.advance(100.0);
    }
}

#[test]
fn a_task_that_spawns_during_executor_shutdown_is_refused() {
    struct SpawnOnDrop(waker_playground::core::Spawner, Rc<RefCell<Option<Result<(), SpawnError>>>>);
    impl Drop for SpawnOnDrop {
        fn drop(&mut self) {
            *self.1.borrow_mut() = Some(self.0.spawn("zombie", async {}).map(|_| ()));
        }
    }
    let (sim, exec) = setup(BACKENDS[0]);
    let result = Rc::new(RefCell::new(None));
    let guard = SpawnOnDrop(exec.spawner(), result.clone());
    exec.spawn("t", async move {
        let _g = guard;
        std::future::pending::<()>().await;
    });
    sim.settle();
    drop(exec);
    assert_eq!(*result.borrow(), Some(Err(SpawnError)));
}

#[test]
fn wakes_from_another_thread_wait_in_the_inbox() {
    let (sim, exec) = manual(BACKENDS[0]);
    let (probe, polls, _) = Probe::new(2, false);
    let task = exec.spawn("p", probe);
    exec.step();
    let w = exec.waker(task).unwrap();
    std::thread::spawn(move || w.wake()).join().unwrap();
    assert!(exec.ready_queue().is_empty(), "not queued until the next tick");
    exec.run_until_stalled(10);
    assert_eq!(polls.get(), 2);
    assert_eq!(exec.task_metrics(task).unwrap().wakes.remote, 1);
    sim.settle();
}

#[test]
fn a_wake_from_another_thread_reaches_an_idle_executor() {
    for backend in BACKENDS {
        // Automatic (microtask) mode, and nothing else going on: no tick is coming by itself.
        let (sim, exec) = setup(backend);
        let (probe, polls, _) = Probe::new(2, false);
        let task = exec.spawn("p", probe);
        sim.settle();
        assert_eq!(polls.get(), 1);
        assert_eq!(sim.next_due(), None, "idle: no timeout pending");
        let w = exec.waker(task).unwrap();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(20));
            w.wake();
        })
        .join()
        .unwrap();
        // The host hears of it: the next turn of its event loop polls the task, with no help.
        sim.settle();
        assert_eq!(polls.get(), 2, "{backend:?}");
        assert!(exec.is_empty(), "{backend:?}: the task completed");
        assert_eq!(exec.task_metrics(task).unwrap().wakes.remote, 1);
    }
}

#[test]
fn two_executors_on_one_thread_keep_their_wakes_apart() {
    let (sim, a) = setup(BACKENDS[0]);
    let b = Executor::new(Rc::new(sim.clone()) as Rc<dyn Platform>, Default::default());
    let ta = a.spawn("a", async { TimerFuture::new(Duration::from_millis(5)).await });
    let tb = b.spawn("b", async { TimerFuture::new(Duration::from_millis(7)).await });
    sim.run_until_idle(100.0);
    assert_eq!(completed_at(&a, ta), Some(5.0));
    assert_eq!(completed_at(&b, tb), Some(7.0));
    // Every event about a task is about that executor's own (a tick's end names no task).
    assert!(events(&a).iter().all(|e| e.task.is_none_or(|t| t == ta)));
    assert!(events(&b).iter().all(|e| e.task.is_none_or(|t| t == tb)));
    assert!(events(&a).iter().filter(|e| e.task.is_some()).count() >= 5);
}

#[test]
fn a_panicking_future_leaves_the_executor_usable() {
    let (_sim, exec) = manual(BACKENDS[0]);
    let bad = exec.spawn("bad", async { panic!("boom") });
    let (probe, polls, _) = Probe::new(1, false);
    let good = exec.spawn("good", probe);
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| exec.step()));
    assert!(r.is_err(), "the panic reaches the caller");
    assert!(exec.step(), "the executor is not stuck in 'polling'");
    assert_eq!(polls.get(), 1);
    assert_eq!(exec.task_metrics(good).unwrap().state, waker_playground::core::TaskState::Done);
    assert_eq!(exec.task_metrics(bad).unwrap().state, waker_playground::core::TaskState::Done, "never polled again");
    if let Some(w) = exec.waker(bad) {
        w.wake();
    }
    assert_eq!(exec.run_until_stalled(10), Drained::Stalled);
}

#[test]
fn a_panicking_poll_drops_its_future_and_cancels_its_timers() {
    /// Arms a timer on its first poll (keeping it), then panics on the second.
    struct ArmThenPanic(Option<std::pin::Pin<Box<TimerFuture>>>, u32);
    impl std::future::Future for ArmThenPanic {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
            self.1 += 1;
            if self.1 == 2 {
                panic!("boom on the second poll");
            }
            let timer = self.0.get_or_insert_with(|| Box::pin(TimerFuture::new(Duration::from_millis(500))));
            let _ = timer.as_mut().poll(cx);
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    }
    for backend in BACKENDS {
        let (sim, exec) = manual(backend);
        let task = exec.spawn("armed", ArmThenPanic(None, 0));
        assert!(exec.step());
        assert_eq!(exec.timers().stats().pending, 1, "{backend:?}: the first poll armed its timer");
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| exec.step()));
        assert!(r.is_err(), "the panic reaches the caller");
        // The future is gone: its timer was cancelled on the spot, and nothing fires later.
        assert_eq!(exec.timers().stats().pending, 0, "{backend:?}");
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerCancelled { .. })), 1, "{backend:?}");
        let m = exec.task_metrics(task).unwrap();
        assert_eq!(m.state, waker_playground::core::TaskState::Done);
        assert!(m.aborted, "{backend:?}: recorded as aborted");
        assert_eq!(names_for(&exec, task).last(), Some(&"aborted"), "{backend:?}");
        sim.advance(1000.0);
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerFired { .. })), 0, "{backend:?}");
        assert!(exec.is_empty());
    }
}

#[test]
fn wakes_from_the_drop_of_a_finished_future_are_ignored() {
    struct WakeOnDrop(Option<Waker>);
    impl Drop for WakeOnDrop {
        fn drop(&mut self) {
            if let Some(w) = self.0.take() {
                w.wake();
            }
        }
    }
    // Ready on the first poll, keeping a clone of its own waker that its Drop uses: the wake comes
    // when the executor drops the finished future, after Ready.
    struct Finisher(WakeOnDrop);
    impl std::future::Future for Finisher {
        type Output = ();
        fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<()> {
            self.0 .0 = Some(cx.waker().clone());
            std::task::Poll::Ready(())
        }
    }
    let (sim, exec) = setup(BACKENDS[0]);
    let task = exec.spawn("t", Finisher(WakeOnDrop(None)));
    sim.settle();
    let m = exec.task_metrics(task).unwrap();
    assert_eq!((m.polls, m.ignored), (1, 1));
    assert!(exec.ready_queue().is_empty());
    assert_eq!(count(&exec, |k| matches!(k, EventKind::Woken { .. })), 0);
}

#[test]
fn dropping_the_executor_from_inside_a_poll_stops_everything() {
    let (sim, exec) = setup(BACKENDS[0]);
    let holder: Rc<RefCell<Option<Executor<Recorder>>>> = Rc::new(RefCell::new(None));
    let h = holder.clone();
    let (probe, polls, _) = Probe::new(100, true);
    exec.spawn("spinner", probe);
    exec.spawn("killer", async move {
        drop(h.borrow_mut().take());
    });
    *holder.borrow_mut() = Some(exec);
    sim.settle();
    assert!(polls.get() <= 2, "no polls after shutdown: {}", polls.get());
}

#[test]
fn a_task_of_another_executor_with_the_same_id_is_not_a_self_wake() {
    let (sim, a) = setup(BACKENDS[0]);
    let b = Executor::new(Rc::new(sim.clone()) as Rc<dyn Platform>, Default::default());
    let (probe, _, _) = Probe::new(2, false);
    let tb = b.spawn("b", probe);
    sim.settle();
    let wb = b.waker(tb).unwrap();
    let ta = a.spawn("a", async move { wb.wake() });
    assert_eq!((ta, tb), (TaskId(1), TaskId(1)), "same ids in both executors");
    sim.settle();
    let m = b.task_metrics(tb).unwrap();
    assert_eq!((m.wakes.self_wake, m.wakes.other), (0, 1));
}

#[test]
fn budget_means_work_is_left() {
    let (_sim, exec) = manual(BACKENDS[0]);
    exec.spawn("a", async {});
    exec.spawn("b", async {});
    assert_eq!(exec.run_until_stalled(2), Drained::Stalled, "2 polls emptied the queue");
    exec.spawn("c", async {});
    exec.spawn("d", async {});
    assert_eq!(exec.run_until_stalled(1), Drained::Budget);
}

#[test]
fn dropping_a_waker_while_the_trace_is_lent_out_does_not_panic() {
    let (sim, exec) = setup(BACKENDS[0]);
    let (fut, kept) = keeper(false);
    exec.spawn("t", fut);
    sim.settle();
    exec.with_trace(|_| drop(kept.borrow_mut().take()));
    assert_eq!(exec.lost_events(), 1);
    assert_eq!(exec.metrics()[0].wakers.live(), 0);
}

#[test]
fn a_thread_that_wakes_in_a_loop_queues_the_task_once() {
    let (sim, exec) = manual(BACKENDS[0]);
    let (probe, polls, _) = Probe::new(3, false);
    let task = exec.spawn("p", probe);
    exec.step();
    let w = exec.waker(task).unwrap();
    std::thread::spawn(move || {
        for _ in 0..10_000 {
            w.wake_by_ref();
        }
    })
    .join()
    .unwrap();
    exec.run_until_stalled(10);
    assert_eq!(polls.get(), 2, "one remote wake delivered");
    let w = exec.waker(task).unwrap();
    std::thread::spawn(move || w.wake()).join().unwrap();
    exec.run_until_stalled(10);
    assert_eq!(polls.get(), 3, "and it can be queued again afterwards");
    sim.settle();
}

/// A program's interpreter asks a spawner whether to make its notes, on every statement it
/// traces: the answer follows `set_trace` at once, is `false` once the executor is gone, and
/// is never `true` for an executor without a recorder.
#[test]
fn a_spawner_says_whether_its_executor_records_now() {
    let sim = waker_playground::core::SimPlatform::new();
    let config = |trace| waker_playground::core::Config { trace, ..waker_playground::core::Config::default() };
    let exec = Executor::new(Rc::new(sim.clone()), config(false));
    let spawner = exec.spawner();
    assert!(!spawner.recording());
    exec.set_trace(true);
    assert!(spawner.recording());
    let later = exec.spawner();
    assert!(later.recording());
    exec.set_trace(false);
    assert!(!spawner.recording() && !later.recording());
    exec.set_trace(true);
    drop(exec);
    assert!(!spawner.recording(), "the executor is gone");
    let on = Executor::new(Rc::new(sim.clone()), config(true));
    assert!(on.spawner().recording());
    let bare: Executor = Executor::with_hooks(Rc::new(sim), config(true), waker_playground::core::NoHooks);
    assert!(!bare.spawner().recording(), "no recorder, nothing recorded");
}
