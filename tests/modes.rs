//! Run modes, budgets, slow motion, pause and resume.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::time::Duration;

use common::*;
use waker_playground::core::{Config, Drained, RunMode, TimerFuture, FRAME_MS};

#[test]
fn microtask_mode_polls_before_any_macrotask() {
    let (sim, exec) = setup(BACKENDS[0]);
    let (probe, polls, _) = Probe::new(1, false);
    exec.spawn("p", probe);
    assert_eq!(polls.get(), 0, "spawn never polls synchronously");
    sim.run_microtasks();
    assert_eq!(polls.get(), 1);
}

#[test]
fn macrotask_mode_waits_for_the_next_event_loop_task() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { mode: RunMode::Macrotask, ..Config::default() });
    let (probe, polls, _) = Probe::new(1, false);
    exec.spawn("p", probe);
    sim.run_microtasks();
    assert_eq!(polls.get(), 0);
    sim.settle();
    assert_eq!(polls.get(), 1);
}

#[test]
fn frame_mode_polls_on_the_next_frame() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { mode: RunMode::AnimationFrame, ..Config::default() });
    let (probe, polls, _) = Probe::new(3, true);
    exec.spawn("p", probe);
    sim.settle();
    assert_eq!(polls.get(), 0);
    sim.run_until(FRAME_MS);
    // The self-wakes land during the drain and are polled in the same frame.
    assert_eq!(polls.get(), 3);
}

#[test]
fn manual_mode_polls_exactly_one_task_per_step() {
    let (sim, exec) = manual(BACKENDS[0]);
    let (a, pa, _) = Probe::new(2, true);
    let (b, pb, _) = Probe::new(2, true);
    let ta = exec.spawn("a", a);
    let tb = exec.spawn("b", b);
    sim.advance(1000.0);
    assert_eq!((pa.get(), pb.get()), (0, 0), "nothing runs by itself");
    assert_eq!(exec.ready_queue(), [ta, tb]);
    assert!(exec.step());
    assert_eq!((pa.get(), pb.get()), (1, 0));
    assert_eq!(exec.ready_queue(), [tb, ta], "the self-wake went to the back");
    assert!(exec.step());
    assert_eq!((pa.get(), pb.get()), (1, 1));
    assert!(exec.step());
    assert!(exec.step());
    assert!(!exec.step(), "queue empty: nothing to poll");
    assert_eq!(exec.stats().polls, 4);
}

#[test]
fn budget_yields_to_the_host_and_continues_in_a_macrotask() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { poll_budget: 10, ..Config::default() });
    let (probe, polls, _) = Probe::new(35, true);
    exec.spawn("spinner", probe);
    sim.run_microtasks();
    assert_eq!(polls.get(), 10, "one microtask drain stops at the budget");
    sim.settle();
    assert_eq!(polls.get(), 35);
    let s = exec.stats();
    assert_eq!(s.yields, 3);
    assert_eq!(s.ticks, 4, "4 ticks for 35 polls: the self-wakes inside a drain cost no extra tick");
}

#[test]
fn run_until_stalled_is_bounded_for_tasks_that_never_stall() {
    let (_sim, exec) = manual(BACKENDS[0]);
    let (probe, polls, _) = Probe::new(u32::MAX, true);
    exec.spawn("forever", probe);
    assert_eq!(exec.run_until_stalled(500), Drained::Budget);
    assert_eq!(polls.get(), 500);
}

#[test]
fn slow_motion_spaces_polls_out() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { slow_motion_ms: 250, ..Config::default() });
    let (a, pa, _) = Probe::new(1, false);
    let (b, pb, _) = Probe::new(1, false);
    exec.spawn("a", a);
    exec.spawn("b", b);
    sim.advance(249.0);
    assert_eq!((pa.get(), pb.get()), (0, 0));
    sim.advance(1.0);
    assert_eq!((pa.get(), pb.get()), (1, 0));
    sim.advance(250.0);
    assert_eq!((pa.get(), pb.get()), (1, 1));
}

#[test]
fn pause_lets_wakes_queue_up_and_resume_drains_them() {
    let (sim, exec) = setup(BACKENDS[0]);
    let task = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(10)).await });
    sim.settle();
    exec.pause();
    sim.advance(50.0);
    assert_eq!(exec.ready_queue(), [task], "the timer fired and woke the task; nobody polled it");
    assert_eq!(completed_at(&exec, task), None);
    assert!(exec.step(), "step works while paused");
    assert_eq!(completed_at(&exec, task), Some(50.0));
    let t2 = exec.spawn("t2", async {});
    assert_eq!(sim.run_microtasks(), 0, "a paused executor asks the page for no tick");
    sim.advance(10.0);
    assert_eq!(completed_at(&exec, t2), None);
    exec.resume();
    sim.settle();
    assert_eq!(completed_at(&exec, t2), Some(60.0));
}

#[test]
fn switching_modes_at_runtime_drops_the_stale_tick() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { mode: RunMode::AnimationFrame, ..Config::default() });
    let (probe, polls, _) = Probe::new(1, false);
    exec.spawn("p", probe);
    exec.set_mode(RunMode::Manual);
    sim.advance(100.0);
    assert_eq!(polls.get(), 0, "the queued frame tick was ignored");
    exec.set_mode(RunMode::Microtask);
    sim.run_microtasks();
    assert_eq!(polls.get(), 1);
}

#[test]
fn time_budget_yields_after_long_polls() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { time_budget_ms: 8.0, ..Config::default() });
    for i in 0..3 {
        let s = sim.clone();
        exec.spawn(&format!("slow{i}"), async move { waker_playground::core::Platform::spin(&s, 5.0) });
    }
    sim.run_microtasks();
    assert_eq!(exec.stats().polls, 2, "5 + 5 ms passes the 8 ms budget");
    sim.settle();
    assert_eq!(exec.stats().polls, 3);
}

#[test]
fn deferring_self_wakes_costs_one_tick_per_wake_and_changes_nothing_else() {
    // The benchmark's executor_one compares drain policies: ours re-polls a self-woken task in the
    // same drain; `defer_self_wakes` waits for the next tick, as spawn_local does.
    let mut outcomes = Vec::new();
    for defer in [false, true] {
        let (sim, exec) = setup_with(BACKENDS[0], Config { defer_self_wakes: defer, ..Config::default() });
        let (yielder, y_polls, _) = Probe::new(50, true);
        let (other, o_polls, _) = Probe::new(1, false);
        let y = exec.spawn("y", yielder);
        let o = exec.spawn("o", other);
        // Microtasks only: no time passes, and no macrotask is needed either way.
        let mut hops = 0;
        while sim.run_microtasks() > 0 {
            hops += 1;
        }
        assert_eq!((y_polls.get(), o_polls.get()), (50, 1), "defer={defer}");
        assert!(exec.is_empty());
        let ticks = exec.stats().ticks;
        let order: Vec<_> = events(&exec).iter().filter(|e| e.kind.name() == "completed").map(|e| e.task).collect();
        outcomes.push((ticks, hops, order, exec.stats().polls));
        let _ = (y, o);
    }
    let (eager, deferred) = (&outcomes[0], &outcomes[1]);
    assert_eq!(eager.0, 1, "one drain polls everything");
    assert_eq!(deferred.0, 50, "one tick per poll of the self-waking task");
    assert_eq!(eager.3, deferred.3, "the same polls");
    assert_eq!(eager.2.len(), 2);
    // The other task finishes first either way (it is polled in the first drain).
    assert_eq!(eager.2, deferred.2);
}
