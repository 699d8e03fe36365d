//! The folded view agrees with the executor it was folded from.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::time::Duration;

use common::*;
use proptest::prelude::*;
use waker_playground::core::{Config, EventKind, Outcome, RunMode, TimerEnd, TimerFuture, TraceView};
use waker_playground::play::{Scenario, Step, TaskSpec};

#[test]
fn lanes_timers_and_arrows_of_a_select() {
    let (sim, exec) = setup(BACKENDS[0]);
    let s = Scenario { tasks: vec![TaskSpec::new("race", vec![Step::Select(vec![300, 700])])], ..Scenario::default() };
    let ids = spawn_tasks(&exec, &s);
    let mut view = TraceView::new();
    sim.advance(100.0);
    view.apply(&exec.events_since(view.next_seq()));
    assert_eq!(view.pending_timers().map(|t| t.deadline).collect::<Vec<_>>(), [300.0, 700.0]);
    sim.run_until_idle(10_000.0);
    view.apply(&exec.events_since(view.next_seq()));
    let lane = &view.lanes()[0];
    assert_eq!(lane.task, ids[0]);
    assert_eq!(lane.polls.iter().map(|p| p.outcome).collect::<Vec<_>>(), [Some(Outcome::Pending), Some(Outcome::Ready)]);
    assert_eq!(lane.done_at, Some(300.0));
    let t = view.timers();
    assert_eq!(t[0].end, Some((300.0, TimerEnd::Fired { lateness_ms: 0.0 })));
    assert_eq!(t[0].woke, Some(ids[0]), "the arrow goes from the fire to this task");
    assert_eq!(t[1].end, Some((300.0, TimerEnd::Cancelled)));
    assert_eq!(lane.poll_after(300.0).map(|p| p.start), Some(300.0));
    assert_eq!(view.pending_timers().count(), 0);
    assert_eq!(view.missed(), 0);
}

#[test]
fn a_reschedule_moves_the_bar() {
    let (sim, exec) = setup(BACKENDS[0]);
    let timer = exec.timers().sleep(Duration::from_millis(5000));
    let h = timer.handle();
    exec.spawn("t", timer);
    sim.advance(100.0);
    h.set_duration(Duration::from_millis(500)).unwrap();
    let mut view = TraceView::new();
    view.apply(&exec.events_since(0));
    let bar = &view.timers()[0];
    assert_eq!(bar.deadline, 500.0);
    assert_eq!(bar.reschedules, [(100.0, 5000.0, 500.0)]);
}

#[test]
fn the_view_counts_what_the_trace_dropped() {
    let (sim, exec) = setup_with(BACKENDS[0], Config { trace_cap: 10, ..Config::default() });
    for i in 0..5 {
        exec.spawn(&format!("t{i}"), async { TimerFuture::new(Duration::from_millis(1)).await });
    }
    sim.run_until_idle(100.0);
    let mut view = TraceView::new();
    view.apply(&exec.events_since(view.next_seq()));
    assert_eq!(view.missed(), exec.with_trace(|t| t.dropped()));
    assert!(view.missed() > 0);
}

#[test]
fn a_poll_whose_start_the_trace_lost_is_drawn_back_from_its_end_by_its_length() {
    // A task that spins 30 ms in one poll; the view is given every event but the poll's start
    // (a trace cut there), so only the end and how long the poll took tell where it began.
    let (sim, exec) = setup(BACKENDS[0]);
    let s = Scenario { tasks: vec![TaskSpec::new("spinner", vec![Step::Sleep(10), Step::Spin(30)])], ..Scenario::default() };
    spawn_tasks(&exec, &s);
    sim.run_until_idle(10_000.0);
    let events: Vec<_> = exec.events_since(0).into_iter().filter(|e| !matches!(e.kind, EventKind::PollStarted)).collect();
    let took: Vec<f64> = events
        .iter()
        .filter_map(|e| match e.kind {
            EventKind::Polled { took_ms, .. } => Some(took_ms),
            _ => None,
        })
        .collect();
    assert!(took.iter().any(|&t| t >= 30.0), "the spinning poll took its 30 ms: {took:?}");
    let mut view = TraceView::new();
    view.apply(&events);
    let polls = &view.lanes()[0].polls;
    let long = polls.iter().find(|p| p.end - p.start >= 30.0).expect("the spinning poll");
    assert_eq!((long.start, long.end), (10.0, 40.0), "{polls:?}");
}

#[derive(Clone, Debug)]
enum Op {
    Spawn(Vec<Step>),
    Step,
    Advance(u16),
    Wake(usize),
}

fn op() -> impl Strategy<Value = Op> {
    let step =
        prop_oneof![(0u64..300).prop_map(Step::Sleep), prop::collection::vec(0u64..300, 1..3).prop_map(Step::Select), Just(Step::Yield),];
    prop_oneof![
        prop::collection::vec(step, 0..4).prop_map(Op::Spawn),
        Just(Op::Step),
        (0u16..200).prop_map(Op::Advance),
        (0usize..6).prop_map(Op::Wake),
    ]
}

proptest! {
    /// The ready queue and pending timers derived from the trace always equal the executor's own.
    #[test]
    fn derived_state_matches_the_executor(ops in prop::collection::vec(op(), 1..40), batch in 1usize..5) {
        let (sim, exec) = manual(BACKENDS[0]);
        let mut ids = Vec::new();
        let mut view = TraceView::new();
        for (n, op) in ops.into_iter().enumerate() {
            match op {
                Op::Spawn(steps) => {
                    let s = Scenario { tasks: vec![TaskSpec::new(&format!("t{n}"), steps)], mode: RunMode::Manual, ..Scenario::default() };
                    ids.extend(spawn_tasks(&exec, &s));
                }
                Op::Step => { exec.step(); }
                Op::Advance(ms) => sim.advance(f64::from(ms)),
                Op::Wake(i) => if let Some(w) = ids.get(i).and_then(|&t| exec.waker(t)) { w.wake() },
            }
            if n % batch == 0 {
                view.apply(&exec.events_since(view.next_seq()));
                prop_assert_eq!(view.ready_queue().collect::<Vec<_>>(), exec.ready_queue());
                prop_assert_eq!(view.pending_timers().count() as u64, exec.timers().stats().pending);
            }
        }
    }
}
