//! Time travel's foundation: the fold of the trace is the executor's own account of the run.
//!
//! Properties, for random programs on both timer backends:
//! - in manual mode, at every poll boundary, the fold of the trace so far equals what the
//!   executor reports at that moment: every task's metrics (state, polls, wakes by source,
//!   coalesced and ignored wakes, waker clones and drops, busy / scheduled / idle, timers
//!   pending, warnings), the ready queue in order, and the pending timers;
//! - afterwards, a seek to each of those boundaries (a checkpoint plus a short fold) gives the
//!   same state as the fold from zero did;
//! - in every automatic run mode, the fold of the whole trace equals the executor's final report.
#![cfg(not(target_arch = "wasm32"))]

use std::rc::Rc;

use proptest::prelude::*;
use waker_playground::core::{
    Config, EventKind, Executor, Histogram, Platform, Recorder, Replay, RunMode, RunState, SimPlatform, TaskMetrics, TimerBackend, Trace,
};

#[path = "common/programs.rs"]
mod programs;
use programs::{programs, spawn_all, Shared, Step};

const NEVER_YIELDED_MS: f64 = 50.0;

/// The executor's metrics, without the `wake()` / `wake_by_ref()` split the trace does not carry.
fn reported(exec: &Executor<Recorder>) -> Vec<TaskMetrics> {
    let mut m = exec.metrics();
    for t in &mut m {
        t.wakers.wakes = 0;
        t.wakers.wake_by_refs = 0;
    }
    m
}

fn folded(state: &RunState, now: f64) -> Vec<TaskMetrics> {
    state.metrics(now, NEVER_YIELDED_MS)
}

fn setup(mode: RunMode, driver: bool) -> (SimPlatform, Executor<Recorder>) {
    let sim = SimPlatform::new();
    let exec =
        Executor::new(Rc::new(sim.clone()), Config { mode, never_yielded_ms: NEVER_YIELDED_MS, trace_cap: 1_000_000, ..Config::default() });
    exec.timers().set_backend(if driver { TimerBackend::Driver } else { TimerBackend::PerTimer });
    (sim, exec)
}

/// What the executor said at one poll boundary.
struct Boundary {
    seq: u64,
    now: f64,
    metrics: Vec<TaskMetrics>,
    ready: Vec<waker_playground::core::TaskId>,
    timers: usize,
}

fn check_manual(programs: &[Vec<Step>], driver: bool, every: u64) -> Result<usize, TestCaseError> {
    let (sim, exec) = setup(RunMode::Manual, driver);
    let shared = Rc::new(Shared::default());
    spawn_all(&exec, programs, &shared);
    let mut replay = Replay::new(every);
    let mut boundaries = Vec::new();
    for _ in 0..10_000 {
        if !exec.step() {
            match sim.next_due() {
                Some(t) => sim.run_until(t),
                None => break,
            }
            continue;
        }
        exec.with_trace(|t| replay.extend(t));
        let now = sim.now();
        let state = replay.live();
        let b = Boundary {
            seq: state.next_seq,
            now,
            metrics: reported(&exec),
            ready: exec.ready_queue(),
            timers: exec.timers().stats().pending as usize,
        };
        prop_assert_eq!(&folded(state, now), &b.metrics, "metrics after event {}", b.seq);
        prop_assert_eq!(state.ready.iter().copied().collect::<Vec<_>>(), b.ready.clone(), "ready queue after event {}", b.seq);
        prop_assert_eq!(state.timers.len(), b.timers, "pending timers after event {}", b.seq);
        // Histograms count what the trace holds: one poll time per poll.
        let polls: u64 = state.tasks.iter().map(|t| t.polls).sum();
        let timed: u64 = state.tasks.iter().map(|t| t.poll_times.total()).sum();
        prop_assert!(timed == polls || timed + 1 == polls, "{timed} poll times for {polls} polls");
        boundaries.push(b);
    }
    shared.board.borrow_mut().clear();
    // Seeks land on the same states, through checkpoints.
    exec.with_trace(|trace| -> Result<(), TestCaseError> {
        for b in &boundaries {
            let state = replay.state_at(trace, b.seq).ok_or_else(|| TestCaseError::fail(format!("no state at {}", b.seq)))?;
            prop_assert_eq!(&folded(&state, b.now), &b.metrics, "seek to {}", b.seq);
            prop_assert_eq!(state.ready.iter().copied().collect::<Vec<_>>(), b.ready.clone(), "seek to {}", b.seq);
        }
        Ok(())
    })?;
    Ok(boundaries.len())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn at_every_poll_the_fold_is_what_the_executor_reports(programs in programs(), driver in any::<bool>(), every in 1u64..40) {
        check_manual(&programs, driver, every)?;
    }

    #[test]
    fn in_every_mode_the_fold_of_the_whole_trace_is_the_final_report(programs in programs(), driver in any::<bool>(), mode in 0usize..3) {
        let mode = [RunMode::Microtask, RunMode::Macrotask, RunMode::AnimationFrame][mode];
        let (sim, exec) = setup(mode, driver);
        let shared = Rc::new(Shared::default());
        spawn_all(&exec, &programs, &shared);
        sim.advance(10_000.0);
        let mut replay = Replay::new(Replay::DEFAULT_EVERY);
        exec.with_trace(|t| replay.extend(t));
        let now = sim.now();
        prop_assert_eq!(folded(replay.live(), now), reported(&exec));
        prop_assert_eq!(replay.live().ready.iter().copied().collect::<Vec<_>>(), exec.ready_queue());
        prop_assert_eq!(replay.live().timers.len(), exec.timers().stats().pending as usize);
        // The executor's counters too: polls, spawns, host ticks and budget stops.
        let s = exec.stats();
        let state = replay.live();
        prop_assert_eq!((state.polls(), state.tasks.len() as u64, state.ticks, state.budget_stops), (s.polls, s.spawned, s.ticks, s.yields));
        prop_assert!(s.polls == 0 || s.ticks > 0, "the polls ran in ticks");
        shared.board.borrow_mut().clear();
    }
}

#[test]
fn a_run_has_poll_boundaries_to_check() {
    // The property above must see real runs, not empty ones.
    let programs =
        vec![vec![Step::Sleep(10), Step::Yield, Step::Join(vec![5, 20])], vec![Step::Park, Step::Spawn(3)], vec![Step::WakeOther(1)]];
    let n = check_manual(&programs, false, 3).expect("the fold agrees");
    assert!(n >= 8, "{n} poll boundaries");
}

#[test]
fn the_seed_rewinds_to_the_moment_between_fire_and_second_poll() {
    let (sim, exec) = setup(RunMode::Microtask, false);
    let task = exec.spawn("seed", async { programs::sleep(2000).await });
    sim.advance(3000.0);
    let mut replay = Replay::new(2);
    exec.with_trace(|trace| {
        replay.extend(trace);
        let fired = trace.iter().find(|e| matches!(e.kind, EventKind::Woken { .. })).expect("the timer woke the task").seq;
        let state = replay.state_at(trace, fired + 1).expect("a state after the wake");
        assert_eq!(state.ready, [task], "woken, waiting for its second poll");
        assert_eq!(state.timers.len(), 0, "its timer fired");
        let t = state.task(task).expect("spawned");
        assert_eq!((t.polls, t.state), (1, waker_playground::core::TaskState::Scheduled));
        let before = replay.state_at(trace, fired - 1).expect("a state before");
        assert_eq!(before.timers.len(), 1, "pending until it fired");
        assert!(replay.state_at(trace, trace.total() + 1).is_none(), "no state after the end");
    });
}

#[test]
fn a_trace_that_dropped_its_start_replays_from_its_first_kept_event() {
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config { trace_cap: 10, ..Config::default() });
    for i in 0..5u64 {
        exec.spawn("t", async move { programs::sleep(10 * i).await });
    }
    sim.advance(100.0);
    let mut replay = Replay::new(4);
    exec.with_trace(|trace: &Trace| {
        assert!(trace.dropped() > 0);
        replay.extend(trace);
        assert_eq!(replay.first_seq(), trace.dropped());
        assert!(replay.state_at(trace, 0).is_none(), "the dropped part is not invented");
        assert!(replay.state_at(trace, replay.first_seq()).is_some());
        assert!(replay.live().unknown > 0, "events about tasks spawned before the kept part are counted, not guessed");
    });
}

#[test]
fn histograms_bucket_by_powers_of_two_microseconds() {
    assert_eq!(Histogram::bucket(0.0), 0);
    assert_eq!(Histogram::bucket(0.0019), 0);
    assert_eq!(Histogram::bucket(0.002), 1);
    assert_eq!(Histogram::bucket(0.004), 2);
    assert_eq!(Histogram::bucket(1.0), 9, "1 ms is in [512, 1024) µs");
    assert_eq!(Histogram::bucket(f64::NAN), 0);
    assert_eq!(Histogram::bucket(1e12), Histogram::BUCKETS - 1);
    let mut h = Histogram::default();
    h.add(0.5);
    h.add(60.0);
    assert_eq!(h.total(), 2);
    assert!(Histogram::lower_ms(9) <= 1.0 && 1.0 < Histogram::lower_ms(10));
}

#[test]
fn a_run_over_its_history_cap_rewound_to_its_start_is_at_its_first_kept_event() {
    // Ten tasks of ten 10 ms sleeps on the real clock (a simulated one here), keeping 60
    // events of several hundred: the playhead moved all the way back stops at the first kept
    // event, and its time is that event's, not the run's start. (A run on the virtual clock
    // stops before its trace is full instead: see the session's tests.)
    use std::collections::HashMap;
    use waker_playground::play::session::Session;
    use waker_playground::play::{Clock, Scenario, Step as Form, TaskSpec};
    let tasks = (0..10).map(|i| TaskSpec::new(&format!("t{i}"), vec![Form::Sleep(10); 10])).collect();
    let scenario = Scenario { tasks, clock: Clock::Real, ..Scenario::default() };
    let sim = SimPlatform::new();
    let mut session = Session::start(scenario, HashMap::new(), Rc::new(sim.clone()), false, 60).expect("starts");
    sim.run_until_idle(1000.0);
    session.pump();
    let live = session.snapshot();
    assert!(
        live.first_seq > 0 && live.total_events > 60,
        "over the cap: {} of {} (history {}, missed {})",
        live.first_seq,
        live.total_events,
        live.history,
        live.missed
    );
    session.seek(0);
    let snap = session.snapshot();
    let cursor = snap.cursor.expect("rewound");
    assert_eq!(cursor.seq, snap.first_seq, "clamped to the first kept event");
    assert!(cursor.last.is_none(), "no event applied yet at the start of the kept history");
    assert!(cursor.at > 0.0 && cursor.at <= 100.0, "the first kept event's time, not the run's start: {}", cursor.at);
}

/// The frame mode on the virtual clock runs to the end, one drain a frame: it stood still before
/// its first frame, its tasks ready and the page saying "running".
#[test]
fn a_frame_mode_run_on_the_virtual_clock_finishes_no_earlier_than_its_timers() {
    use std::collections::HashMap;
    use waker_playground::core::RunMode;
    use waker_playground::play::session::{Session, Status};
    use waker_playground::play::{Clock, Scenario, Step as Form, TaskSpec};
    let tasks = vec![TaskSpec::new("a", vec![Form::Sleep(120), Form::Yield]), TaskSpec::new("b", vec![Form::Join(vec![30, 60])])];
    let scenario = Scenario { tasks, clock: Clock::Virtual, mode: RunMode::AnimationFrame, ..Scenario::default() };
    let mut session = Session::start(scenario, HashMap::new(), Rc::new(SimPlatform::new()), false, 100_000).expect("starts");
    session.pump();
    assert_eq!(session.status(), Status::Finished);
    let snap = session.snapshot();
    assert!(snap.now >= 120.0, "the 120 ms sleep's task finished at {} ms", snap.now);
    // A drain a frame: the run ends on a frame boundary after 120 ms, not hours later.
    assert!(snap.now < 120.0 + 3.0 * 16.7, "ended at {} ms", snap.now);
    // A lost waker in the same mode is reported stuck, not running.
    let lost = Scenario {
        tasks: vec![TaskSpec::new("a", vec![Form::Sleep(10), Form::LostWaker])],
        clock: Clock::Virtual,
        mode: RunMode::AnimationFrame,
        ..Scenario::default()
    };
    let mut session = Session::start(lost, HashMap::new(), Rc::new(SimPlatform::new()), false, 100_000).expect("starts");
    session.pump();
    assert_eq!(session.status(), Status::Stuck);
}

/// A run in step mode on the real clock waits for Step: the page's event loop running on does
/// not poll any task, and each Step polls one.
#[test]
fn a_step_mode_session_on_the_real_clock_polls_only_on_step() {
    use std::collections::HashMap;
    use waker_playground::core::RunMode;
    use waker_playground::play::session::Session;
    use waker_playground::play::{Clock, Scenario, Step as Form, TaskSpec};
    let tasks = (0..2).map(|i| TaskSpec::new(&format!("t{i}"), vec![Form::Yield; 3])).collect();
    let scenario = Scenario { tasks, clock: Clock::Real, mode: RunMode::Manual, ..Scenario::default() };
    let page = SimPlatform::new();
    let session = Session::start(scenario, HashMap::new(), Rc::new(page.clone()), false, 1000).expect("starts");
    page.run_until_idle(1e4);
    assert_eq!(session.exec().stats().polls, 0, "nothing is polled before Step");
    assert!(session.exec().step(), "Step polls a task");
    page.run_until_idle(1e4);
    assert_eq!(session.exec().stats().polls, 1, "one Step, one poll");
}

/// A number edited in the running program's text: a pending `sleep`'s timer moves (and fires at
/// its new time), a `sleep` not reached yet will use it, a number that is no sleep's applies to
/// the next run, and an edit of more than numbers applies to the next run. Each is said with
/// its line and column.
#[test]
fn numbers_edited_while_the_program_runs_say_what_they_changed() {
    use std::collections::HashMap;
    use waker_playground::core::EventKind;
    use waker_playground::play::session::Session;
    use waker_playground::play::{Clock, Scenario};
    let src = "async fn main() {\n    sleep(500).await;\n    sleep(300).await;\n    println!(\"{}\", 7);\n}\n";
    let scenario = Scenario { program: Some(src.into()), clock: Clock::Real, ..Scenario::default() };
    let page = SimPlatform::new();
    let mut session = Session::start(scenario, HashMap::new(), Rc::new(page.clone()), false, 1000).expect("starts");
    page.run_until(100.0);
    assert_eq!(session.live_code_edit(src).as_deref(), Some(""), "the same text changes nothing");
    let said = session.live_code_edit(&src.replace("500", "800")).expect("a program");
    assert!(said.starts_with("line 2:11: ") && said.contains("rescheduled while pending: due at 800 ms instead of 500 ms"), "{said}");
    let said = session.live_code_edit(&src.replace("500", "800").replace("300", "200")).expect("a program");
    assert!(said.contains("line 3:11: this sleep has not run yet: it will use the new number when it does"), "{said}");
    let said = session.live_code_edit(&src.replace("500", "800").replace("300", "200").replace('7', "8")).expect("a program");
    assert!(said.contains("line 4:20: not a sleep's duration: it applies to the next run"), "{said}");
    let said = session.live_code_edit(&src.replace("println", "print")).expect("a program");
    assert!(said.starts_with("The text now differs from the running program in more than numbers"), "{said}");
    page.run_until_idle(1e4);
    let fired: Vec<f64> =
        session.with_trace(|t| t.iter().filter(|e| matches!(e.kind, EventKind::TimerFired { .. })).map(|e| e.at).collect());
    assert_eq!(fired, [800.0, 1000.0], "the first timer at its new time, the second 200 ms after it");
}

/// "Next timer" moves the playhead to just after each timer's firing in turn, and the
/// playhead's time is that firing's; past the last it stays.
#[test]
fn next_timer_seeks_each_firing_in_turn() {
    use std::collections::HashMap;
    use waker_playground::play::session::Session;
    use waker_playground::play::{Clock, Scenario};
    let src = "async fn main() {\n    sleep(10).await;\n    sleep(20).await;\n}\n";
    let scenario = Scenario { program: Some(src.into()), clock: Clock::Virtual, ..Scenario::default() };
    let mut session = Session::start(scenario, HashMap::new(), Rc::new(SimPlatform::new()), false, 1000).expect("starts");
    session.pump();
    session.seek(0);
    assert!(session.seek_next_timer());
    assert_eq!(session.cursor_at(), Some(10.0));
    assert!(session.seek_next_timer());
    assert_eq!(session.cursor_at(), Some(30.0));
    let at = session.cursor();
    assert!(!session.seek_next_timer(), "no timer after the last");
    assert_eq!(session.cursor(), at);
}

/// The code panel hides a program the step form wrote only when it is long (1,000 tasks make
/// thousands of lines); a program the learner typed is always shown, however long.
#[test]
fn only_a_long_generated_program_is_hidden_from_the_code_panel() {
    use std::collections::HashMap;
    use waker_playground::play::session::{Session, GENERATED_PROGRAM_LINES};
    use waker_playground::play::{Clock, Scenario, Step as Form, TaskSpec};
    let start = |scenario: Scenario| {
        let mut s = Session::start(scenario, HashMap::new(), Rc::new(SimPlatform::new()), false, 100).expect("starts");
        s.pump();
        s.snapshot().program_hidden
    };
    let form = |tasks: usize| Scenario {
        tasks: (0..tasks).map(|i| TaskSpec::new(&format!("t{i}"), vec![Form::Yield])).collect(),
        clock: Clock::Virtual,
        ..Scenario::default()
    };
    assert_eq!(start(form(2)), None, "a short generated program is shown");
    let hidden = start(form(200)).expect("a long generated program is hidden");
    assert!(hidden > GENERATED_PROGRAM_LINES, "{hidden} lines");
    let typed = format!("async fn main() {{\n{}}}\n", "    yield_now().await;\n".repeat(GENERATED_PROGRAM_LINES + 10));
    assert_eq!(start(Scenario { program: Some(typed), clock: Clock::Virtual, ..Scenario::default() }), None, "a typed program is shown");
}
