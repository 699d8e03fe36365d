//! Exact waker counts.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::cell::RefCell;
use std::rc::Rc;
use std::task::{Poll, Waker};
use std::time::Duration;

use common::*;
use waker_playground::core::{EventKind, TimerFuture};

#[test]
fn a_timer_clones_once_per_pending_poll_and_lets_go_when_it_fires() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        // Three spurious wakes from outside make three extra polls, each replacing the stored waker.
        let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(100)).await });
        sim.settle();
        for t in [10.0, 20.0, 30.0] {
            sim.run_until(t);
            exec.waker(task).unwrap().wake();
            sim.settle();
            let m = exec.task_metrics(task).unwrap();
            assert_eq!(m.wakers.live(), 1, "{backend:?}: exactly one stored waker while pending");
        }
        sim.run_until_idle(1000.0);
        let m = exec.task_metrics(task).unwrap();
        // 4 pending polls = 4 clones by the timer, + 3 owned wakers handed out by `exec.waker`.
        assert_eq!(m.wakers.clones, 7, "{backend:?}");
        assert_eq!(m.wakers.drops, 7);
        assert_eq!(m.wakers.wakes, 4, "3 from outside + 1 by the timer callback");
        assert_eq!(m.wakers.wake_by_refs, 0);
        assert_eq!(m.wakers.live(), 0);
        assert_eq!(m.polls, 5);
        assert_eq!(count(&exec, |k| *k == EventKind::WakerCloned), 7);
        assert_eq!(count(&exec, |k| *k == EventKind::WakerDropped), 7);
    }
}

#[test]
fn live_wakers_count_what_futures_hold() {
    let (sim, exec) = setup(BACKENDS[0]);
    let held: Rc<RefCell<Vec<Waker>>> = Rc::default();
    let h = held.clone();
    let task = exec.spawn(
        "hoarder",
        std::future::poll_fn(move |cx| {
            for _ in 0..3 {
                h.borrow_mut().push(cx.waker().clone());
            }
            Poll::<()>::Pending
        }),
    );
    sim.settle();
    assert_eq!(exec.task_metrics(task).unwrap().wakers.live(), 3);
    held.borrow_mut().pop();
    assert_eq!(exec.task_metrics(task).unwrap().wakers.live(), 2);
    held.borrow_mut().clear();
    let m = exec.task_metrics(task).unwrap();
    assert_eq!((m.wakers.clones, m.wakers.drops, m.wakers.live()), (3, 3, 0));
}

#[test]
fn with_trace_off_counts_still_count() {
    for backend in BACKENDS {
        let (sim, exec) = setup_with(backend, waker_playground::core::Config { trace: false, ..Default::default() });
        let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(5)).await });
        sim.run_until_idle(100.0);
        assert!(events(&exec).is_empty());
        let m = exec.task_metrics(task).unwrap();
        assert_eq!((m.polls, m.wakes.timer, m.wakers.clones, m.wakers.drops), (2, 1, 1, 1));
        assert_eq!(m.state, waker_playground::core::TaskState::Done);
    }
}

#[test]
fn switching_timing_on_mid_run_starts_the_clocks_there() {
    let (sim, exec) = setup_with(BACKENDS[0], waker_playground::core::Config { trace: false, ..Default::default() });
    let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(100)).await });
    sim.advance(50.0);
    exec.set_trace(true);
    sim.advance(100.0);
    let m = exec.task_metrics(task).unwrap();
    assert_eq!(m.completed_at, Some(100.0));
    assert_eq!(m.idle_ms, 50.0, "idle counted from when timing was switched on, not from 0");
}

/// A waker kept from one poll names the same task as the next poll's (`will_wake`), and not
/// another task's, whether the executor records or is bare: every executor task's wakers share
/// one vtable, so the comparison rests on the task alone.
#[test]
fn a_kept_waker_will_wake_its_own_task_and_no_other() {
    use std::future::poll_fn;
    use waker_playground::core::{Config, Executor, SimPlatform};
    let sim = SimPlatform::new();
    let recording = Executor::new(Rc::new(sim.clone()), Config::default());
    let bare = Executor::bare(Rc::new(sim.clone()), Config::default());
    let kept: Rc<RefCell<Vec<Waker>>> = Rc::default();
    let seen: Rc<RefCell<Vec<(usize, bool)>>> = Rc::default();
    // Each task keeps its waker on its first poll, and on its second (once both kept theirs)
    // asks every kept waker whether it would wake this task.
    let task = |i: usize| {
        let (kept, seen) = (kept.clone(), seen.clone());
        let mut first = true;
        poll_fn(move |cx| {
            if first {
                first = false;
                kept.borrow_mut().push(cx.waker().clone());
                return Poll::Pending;
            }
            for (j, w) in kept.borrow().iter().enumerate() {
                seen.borrow_mut().push((i * 10 + j, w.will_wake(cx.waker())));
            }
            Poll::Ready(())
        })
    };
    let a = recording.spawn("a", task(0));
    sim.run_until_idle(100.0);
    bare.spawn("b", task(1));
    sim.run_until_idle(100.0);
    assert_eq!(kept.borrow().len(), 2);
    for w in kept.borrow().iter() {
        w.wake_by_ref();
    }
    sim.run_until_idle(100.0);
    assert!(recording.task_metrics(a).is_some_and(|m| m.completed_at.is_some()));
    assert!(bare.is_empty(), "both tasks finished");
    let mut seen = seen.borrow().clone();
    seen.sort_unstable();
    // Task 0 (kept waker 0) on the recording executor, task 1 (kept waker 1) on the bare one.
    assert_eq!(seen, [(0, true), (1, false), (10, false), (11, true)]);
}
