//! Each warning, and that it does not fire where it should not.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::time::Duration;

use common::*;
use waker_playground::core::{TimerFuture, Warning};
use waker_playground::play::{LostWaker, Scenario, Step, TaskSpec, YieldNow};

#[test]
fn lost_waker_is_flagged_and_the_task_never_completes() {
    let (sim, exec) = setup(BACKENDS[0]);
    let task = exec.spawn("bug", LostWaker);
    sim.run_until_idle(60_000.0);
    let m = exec.task_metrics(task).unwrap();
    assert_eq!(m.completed_at, None);
    assert_eq!(m.polls, 1);
    assert_eq!(m.warnings, [Warning::LostWaker]);
}

#[test]
fn a_pending_timer_is_not_a_lost_waker() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let task = exec.spawn("ok", async { TimerFuture::new(Duration::from_millis(500)).await });
        sim.advance(100.0);
        assert!(exec.task_metrics(task).unwrap().warnings.is_empty());
    }
}

#[test]
fn an_armed_timer_that_holds_no_waker_does_not_hide_a_lost_waker() {
    let (sim, exec) = setup(BACKENDS[0]);
    let task = exec.spawn("holder", async {
        let _t = TimerFuture::new(Duration::from_millis(500));
        std::future::pending::<()>().await;
    });
    sim.advance(10.0);
    // A timer is armed, but it was never polled, so it holds no waker: when it fires it wakes
    // nobody. The task is lost already, and says so.
    let m = exec.task_metrics(task).unwrap();
    assert_eq!((m.wakers.live(), m.timers_pending), (0, 1));
    assert_eq!(m.warnings, [Warning::LostWaker]);
    sim.advance(1000.0);
    let fired_without_waker =
        events(&exec).iter().any(|e| matches!(e.kind, waker_playground::core::EventKind::TimerFired { woke: false, .. }));
    assert!(fired_without_waker);
    assert_eq!(exec.task_metrics(task).unwrap().completed_at, None);
}

#[test]
fn one_yield_is_not_a_self_wake_problem() {
    let (sim, exec) = setup(BACKENDS[0]);
    let task = exec.spawn("once", YieldNow::default());
    sim.settle();
    assert!(exec.task_metrics(task).unwrap().warnings.is_empty());
}

#[test]
fn self_wake_is_flagged_past_half_of_the_wakes() {
    let (sim, exec) = setup(BACKENDS[0]);
    let yielder = exec.spawn("yielder", async {
        for _ in 0..5 {
            YieldNow::default().await;
        }
    });
    let mixed = exec.spawn("mixed", async {
        YieldNow::default().await;
        TimerFuture::new(Duration::from_millis(5)).await;
    });
    sim.run_until_idle(100.0);
    assert_eq!(exec.task_metrics(yielder).unwrap().warnings, [Warning::SelfWake { self_wakes: 5, wakes: 5 }]);
    // One self-wake out of two is not more than half.
    assert!(exec.task_metrics(mixed).unwrap().warnings.is_empty());
}

#[test]
fn never_yielded_flags_a_long_poll() {
    let (sim, exec) = setup(BACKENDS[0]);
    let s = Scenario {
        tasks: vec![
            TaskSpec::new("blocker", vec![Step::Spin(120)]),
            TaskSpec::new("polite", vec![Step::Spin(10), Step::Yield, Step::Spin(10)]),
        ],
        ..Scenario::default()
    };
    let ids = spawn_tasks(&exec, &s);
    sim.run_until_idle(1000.0);
    let blocker = exec.task_metrics(ids[0]).unwrap();
    assert_eq!(blocker.warnings, [Warning::NeverYielded { poll_ms: 120.0 }]);
    assert_eq!(blocker.busy_ms, 120.0);
    let polite = exec.task_metrics(ids[1]).unwrap();
    assert!(!polite.warnings.iter().any(|w| matches!(w, Warning::NeverYielded { .. })));
    assert!(Warning::LostWaker.to_string().contains("never be polled"));
}
