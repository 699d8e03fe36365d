//! join, select and cancel, driven through scenarios.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use common::*;
use waker_playground::core::{EventKind, RunMode, TimerBackend};
use waker_playground::play::lang::LiteralEdit;
use waker_playground::play::{Scenario, ScenarioRun, Step, StepRef, TaskSpec};

fn scenario(tasks: Vec<TaskSpec>, backend: TimerBackend) -> Scenario {
    Scenario { tasks, mode: RunMode::Microtask, slow_motion_ms: 0, backend, ..Scenario::default() }
}

#[test]
fn join_waits_for_the_slowest_and_wakes_once_per_timer() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let ids = spawn_tasks(&exec, &scenario(vec![TaskSpec::new("j", vec![Step::Join(vec![300, 700])])], backend));
        sim.advance(699.0);
        assert_eq!(completed_at(&exec, ids[0]), None);
        sim.advance(1.0);
        assert_eq!(completed_at(&exec, ids[0]), Some(700.0));
        let m = exec.task_metrics(ids[0]).unwrap();
        assert_eq!((m.polls, m.wakes.timer), (3, 2), "{backend:?}: first poll, then one per timer");
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerFired { .. })), 2);
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerCancelled { .. })), 0);
    }
}

#[test]
fn select_first_wins_and_the_loser_is_cancelled() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let ids = spawn_tasks(&exec, &scenario(vec![TaskSpec::new("race", vec![Step::Select(vec![700, 300])])], backend));
        sim.run_until_idle(10_000.0);
        assert_eq!(completed_at(&exec, ids[0]), Some(300.0), "{backend:?}");
        let evs = events(&exec);
        let armed: Vec<_> = evs
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::TimerArmed { timer, deadline } => Some((timer, deadline)),
                _ => None,
            })
            .collect();
        let loser = armed.iter().find(|(_, d)| *d == 700.0).unwrap().0;
        let winner = armed.iter().find(|(_, d)| *d == 300.0).unwrap().0;
        let cancelled: Vec<_> = evs.iter().filter(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).collect();
        assert_eq!(cancelled.len(), 1);
        assert_eq!(cancelled[0].kind, EventKind::TimerCancelled { timer: loser });
        assert_eq!(cancelled[0].at, 300.0, "cancelled inside the winning poll");
        assert!(evs.iter().any(|e| matches!(e.kind, EventKind::TimerFired { timer, .. } if timer == winner)));
        assert!(!evs.iter().any(|e| matches!(e.kind, EventKind::TimerFired { timer, .. } if timer == loser)));
        assert_eq!(sim.stats().pending, 0, "{backend:?}: no host timeout left behind");
    }
}

#[test]
fn aborting_a_task_cancels_all_its_timers() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let ids = spawn_tasks(&exec, &scenario(vec![TaskSpec::new("j", vec![Step::Join(vec![100, 200, 300])])], backend));
        sim.advance(150.0);
        assert!(exec.abort(ids[0]));
        assert!(!exec.abort(ids[0]), "aborting twice does nothing");
        assert_eq!(count(&exec, |k| matches!(k, EventKind::TimerCancelled { .. })), 2);
        sim.run_until_idle(1000.0);
        let m = exec.task_metrics(ids[0]).unwrap();
        assert!(m.aborted);
        assert_eq!(m.completed_at, Some(150.0));
        assert_eq!(m.wakers.live(), 0, "{backend:?}: the cancelled timers let their wakers go");
        assert_eq!(sim.stats().pending, 0);
    }
}

#[test]
fn steps_run_in_order_and_times_add_up() {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let spec =
            TaskSpec::new("t", vec![Step::Sleep(100), Step::Yield, Step::Join(vec![5, 50]), Step::Select(vec![30, 7]), Step::Sleep(0)]);
        let ideal = spec.ideal_ms().unwrap() as f64;
        let ids = spawn_tasks(&exec, &scenario(vec![spec], backend));
        sim.run_until_idle(10_000.0);
        assert_eq!(completed_at(&exec, ids[0]), Some(ideal));
    }
}

#[test]
fn a_form_fields_number_is_edited_in_the_running_program() {
    let backend = TimerBackend::PerTimer;
    let (sim, exec) = setup(backend);
    let s = scenario(vec![TaskSpec::new("t", vec![Step::Sleep(100), Step::Join(vec![5000, 50])])], backend);
    let mut run = ScenarioRun::start(&exec, &s).unwrap();
    let ids = run.tasks();
    let at = StepRef { task: 0, step: 1, branch: 0 };
    sim.advance(50.0);
    assert!(!run.field_pending(at), "step 1 has not started");
    assert_eq!(run.edit_field(StepRef { branch: 1, ..at }, 40), Some(LiteralEdit::Upcoming), "kept for when step 1 starts");
    assert!(run.source().contains("join!(sleep(5000), sleep(40));"), "{}", run.source());
    sim.advance(60.0);
    assert_eq!(run.pending_fields(), [at, StepRef { branch: 1, ..at }]);
    let Some(LiteralEdit::Rescheduled(r)) = run.edit_field(at, 500) else { panic!("the pending timer is rescheduled") };
    assert_eq!((r.old_deadline, r.new_deadline), (5100.0, 600.0));
    sim.advance(50.0);
    assert_eq!(run.edit_field(StepRef { branch: 1, ..at }, 99), Some(LiteralEdit::Past), "branch 1 ran 40 ms and fired at 140");
    assert_eq!(run.edit_field(StepRef { step: 0, ..at }, 99), Some(LiteralEdit::Past));
    assert_eq!(run.edit_field(StepRef { step: 7, ..at }, 99), None, "no such step");
    sim.run_until_idle(10_000.0);
    assert_eq!(completed_at(&exec, ids[0]), Some(600.0));
    assert!(run.pending_fields().is_empty());
    let fired_at_140 = events(&exec).iter().any(|e| e.at == 140.0 && matches!(e.kind, EventKind::TimerFired { .. }));
    assert!(fired_at_140, "the upcoming edit was used when step 1 started");
    // The text says what ran: every edit is in it, digits added and removed.
    assert!(run.source().contains("from_millis(99)") && run.source().contains("join!(sleep(500), sleep(99));"), "{}", run.source());
}

#[test]
fn spin_blocks_the_thread_for_everyone() {
    let (sim, exec) = setup(TimerBackend::PerTimer);
    let ids = spawn_tasks(
        &exec,
        &scenario(
            vec![TaskSpec::new("blocker", vec![Step::Spin(120)]), TaskSpec::new("timer", vec![Step::Sleep(10)])],
            TimerBackend::PerTimer,
        ),
    );
    sim.run_until_idle(1000.0);
    assert_eq!(completed_at(&exec, ids[0]), Some(120.0));
    // The timer was armed after the spin (the second task's first poll came after it).
    assert_eq!(completed_at(&exec, ids[1]), Some(130.0));
}
