//! Property test: random sequences of spawn, wake, abort, advance-clock and live edit.
//!
//! Checked against an independent model of when each task must complete on a perfect clock:
//! - nothing panics;
//! - every armed timer fires exactly once or is cancelled, and never before its deadline;
//! - no task is polled after it completed or was aborted;
//! - no wake is lost: every wake is followed by a poll, and every task that was not aborted completes;
//! - every task completes at exactly the virtual time the model implies.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
use std::collections::HashMap;

use proptest::prelude::*;
use waker_playground::core::{EventKind, Executor, Platform, RunMode, SimPlatform, TaskId, TimerBackend, TimerId};
use waker_playground::play::lang::LiteralEdit;
use waker_playground::play::{Scenario, ScenarioRun, Step, StepRef, TaskSpec};

#[derive(Clone, Debug)]
enum Op {
    Spawn(Vec<Step>),
    Wake(usize),
    Abort(usize),
    Advance(u32),
    Edit { task: usize, ahead: bool, branch: usize, ms: u64 },
}

fn step() -> impl Strategy<Value = Step> {
    let ms = 0u64..1500;
    prop_oneof![
        3 => ms.clone().prop_map(Step::Sleep),
        1 => prop::collection::vec(ms.clone(), 1..4).prop_map(Step::Join),
        1 => prop::collection::vec(ms, 1..4).prop_map(Step::Select),
        1 => Just(Step::Yield),
    ]
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => prop::collection::vec(step(), 0..5).prop_map(Op::Spawn),
        2 => (0usize..8).prop_map(Op::Wake),
        1 => (0usize..8).prop_map(Op::Abort),
        4 => (0u32..800).prop_map(Op::Advance),
        3 => (0usize..8, any::<bool>(), 0usize..3, 0u64..2000).prop_map(|(task, ahead, branch, ms)| Op::Edit { task, ahead, branch, ms }),
    ]
}

/// The model of one task on a perfect clock.
struct ModelTask {
    steps: Vec<Step>,
    idx: usize,
    step_start: f64,
    /// Fire times of the current step's timers.
    fires: Vec<f64>,
    /// Durations edited before their step started: (step, branch) → ms.
    upcoming: HashMap<(usize, usize), u64>,
    done_at: Option<f64>,
    aborted: bool,
}

impl ModelTask {
    fn new(steps: Vec<Step>, now: f64) -> Self {
        let mut t =
            ModelTask { steps, idx: 0, step_start: now, fires: Vec::new(), upcoming: HashMap::new(), done_at: None, aborted: false };
        t.begin_step(now);
        t
    }

    fn begin_step(&mut self, at: f64) {
        self.step_start = at;
        let idx = self.idx;
        self.fires = match self.steps.get(idx) {
            Some(s) => {
                let ms: Vec<u64> = s.durations().to_vec();
                ms.iter().enumerate().map(|(b, &ms)| at + self.upcoming.remove(&(idx, b)).unwrap_or(ms) as f64).collect()
            }
            None => {
                self.done_at = Some(at);
                Vec::new()
            }
        };
    }

    fn step_end(&self) -> Option<f64> {
        match self.steps.get(self.idx)? {
            Step::Sleep(_) | Step::Join(_) => self.fires.iter().copied().reduce(f64::max),
            Step::Select(_) => self.fires.iter().copied().reduce(f64::min),
            Step::Yield => Some(self.step_start),
            _ => None,
        }
    }

    /// Completes every step that ends by `t`.
    fn advance(&mut self, t: f64) {
        while self.done_at.is_none() && !self.aborted {
            match self.step_end() {
                Some(end) if end <= t => {
                    self.idx += 1;
                    self.begin_step(end);
                }
                _ => return,
            }
        }
    }

    /// Whether branch `b` of the current step has a timer that has not fired by `now`.
    fn pending_branch(&self, b: usize, now: f64) -> bool {
        self.done_at.is_none() && !self.aborted && self.fires.get(b).is_some_and(|&f| f > now)
    }
}

fn run(ops: Vec<Op>, backend: TimerBackend) -> Result<(), TestCaseError> {
    let sim = SimPlatform::new();
    let exec = Executor::new(std::rc::Rc::new(sim.clone()), Default::default());
    let mut ids: Vec<TaskId> = Vec::new();
    let mut model: Vec<ModelTask> = Vec::new();
    let mut runs: Vec<ScenarioRun> = Vec::new();

    for op in ops {
        let now = sim.now();
        match op {
            Op::Spawn(steps) => {
                let n = ids.len();
                let s = Scenario {
                    tasks: vec![TaskSpec::new(&format!("t{n}"), steps.clone())],
                    mode: RunMode::Microtask,
                    slow_motion_ms: 0,
                    backend,
                    ..Scenario::default()
                };
                let run = ScenarioRun::start(&exec, &s).map_err(TestCaseError::fail)?;
                ids.extend(run.tasks());
                runs.push(run);
                model.push(ModelTask::new(steps, now));
            }
            Op::Wake(i) => {
                if let Some(w) = ids.get(i).and_then(|&id| exec.waker(id)) {
                    w.wake();
                }
            }
            Op::Abort(i) => {
                if let (Some(&id), Some(m)) = (ids.get(i), model.get_mut(i)) {
                    let alive = m.done_at.is_none() && !m.aborted;
                    prop_assert_eq!(exec.abort(id), alive, "abort of {} (model alive: {})", id, alive);
                    m.aborted = true;
                }
            }
            Op::Advance(ms) => {
                let t = now + f64::from(ms);
                sim.run_until(t);
                model.iter_mut().for_each(|m| m.advance(t));
            }
            Op::Edit { task, ahead, branch, ms } => {
                if let (Some(m), Some(run)) = (model.get_mut(task), runs.get_mut(task)) {
                    let step = m.idx + usize::from(ahead);
                    let result = run.edit_field(StepRef { task: 0, step, branch }, ms);
                    let alive = m.done_at.is_none() && !m.aborted;
                    // A form field: a timer's duration in a step the task has.
                    let field = m.steps.get(step).is_some_and(|s| branch < s.durations().len());
                    if !field {
                        prop_assert_eq!(result, None, "no field at step {} branch {}", step, branch);
                    } else if ahead && alive {
                        prop_assert_eq!(result, Some(LiteralEdit::Upcoming));
                        m.upcoming.insert((step, branch), ms);
                    } else if !ahead && m.pending_branch(branch, now) {
                        prop_assert!(matches!(result, Some(LiteralEdit::Rescheduled(_))), "edit of a pending timer failed: {:?}", result);
                        m.fires[branch] = (m.step_start + ms as f64).max(now);
                    } else {
                        prop_assert!(
                            !matches!(result, Some(LiteralEdit::Rescheduled(_))),
                            "edit of a timer the model says is not pending: {:?}",
                            result
                        );
                    }
                }
            }
        }
        // As a browser does after each event: run microtasks, posted messages and due timers.
        // The model likewise completes every step that ends by now.
        sim.settle();
        let now = sim.now();
        model.iter_mut().for_each(|m| m.advance(now));
    }
    sim.run_until_idle(1e7);
    let end = sim.now();
    model.iter_mut().for_each(|m| m.advance(end));

    // Every task completes at the time the model implies (or was aborted).
    for (m, &id) in model.iter().zip(&ids) {
        let real = exec.task_metrics(id).expect("metrics kept");
        if m.aborted {
            prop_assert!(real.aborted || real.completed_at.is_some());
        } else {
            prop_assert!(!real.aborted);
            prop_assert_eq!(real.completed_at, m.done_at, "{} completion time", id);
        }
    }

    // Timers: fire exactly once or are cancelled; never before the (latest) deadline.
    let events = exec.events_since(0);
    prop_assert_eq!(exec.with_trace(|t| t.dropped()), 0);
    let mut deadline: HashMap<TimerId, f64> = HashMap::new();
    let mut ended: HashMap<TimerId, &'static str> = HashMap::new();
    for e in &events {
        match e.kind {
            EventKind::TimerArmed { timer, deadline: d } => {
                prop_assert!(deadline.insert(timer, d).is_none(), "{} armed twice", timer);
            }
            EventKind::TimerRescheduled { timer, new_deadline, .. } => {
                prop_assert!(!ended.contains_key(&timer), "{} rescheduled after it ended", timer);
                deadline.insert(timer, new_deadline);
            }
            EventKind::TimerFired { timer, .. } | EventKind::TimerCancelled { timer } => {
                prop_assert!(ended.insert(timer, e.kind.name()).is_none(), "{} ended twice", timer);
                if let EventKind::TimerFired { .. } = e.kind {
                    prop_assert!(e.at >= deadline[&timer], "{} fired at {} before its deadline {}", timer, e.at, deadline[&timer]);
                }
            }
            _ => {}
        }
    }
    prop_assert_eq!(ended.len(), deadline.len(), "every armed timer ended");
    prop_assert_eq!(sim.stats().pending, 0);

    // No poll after Ready; every wake is followed by a poll (or the task was aborted).
    for &id in &ids {
        let mine: Vec<_> = events.iter().filter(|e| e.task == Some(id)).collect();
        if let Some(end) = mine.iter().position(|e| matches!(e.kind, EventKind::Completed | EventKind::Aborted)) {
            prop_assert!(
                !mine[end..].iter().any(|e| matches!(e.kind, EventKind::PollStarted | EventKind::Polled { .. })),
                "{} polled after it ended",
                id
            );
        }
        let last_wake = mine.iter().rposition(|e| matches!(e.kind, EventKind::Woken { .. }));
        if let Some(w) = last_wake {
            prop_assert!(
                mine[w..].iter().any(|e| matches!(e.kind, EventKind::PollStarted | EventKind::Aborted)),
                "{} was woken and never polled",
                id
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_sequences_per_timer_backend(ops in prop::collection::vec(op(), 1..40)) {
        run(ops, TimerBackend::PerTimer)?;
    }

    #[test]
    fn random_sequences_driver_backend(ops in prop::collection::vec(op(), 1..40)) {
        run(ops, TimerBackend::Driver)?;
    }
}
