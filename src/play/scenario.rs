//! Scenarios: named tasks made of steps, which the UI edits and the executor runs.
//!
//! # Ground rules
//!
//! - A [`Scenario`] is plain data: it can be validated, compared, encoded in a URL and edited.
//! - [`Scenario::validate`] bounds everything a person or a URL can make big (tasks, steps,
//!   branches, name length) and names the first problem. Durations are any `u64` of ms.
//! - [`spawn_scenario`] turns each task into a future. Every timer it creates is registered in
//!   [`LiveTimers`] under its [`StepRef`], so the UI can edit a pending timer's duration.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use crate::core::{EditError, Executor, Hooks, Rescheduled, RunMode, TaskId, TimerBackend, TimerFuture, TimerHandle};

/// At most this many tasks.
pub const MAX_TASKS: usize = 1000;
/// At most this many steps in one task.
pub const MAX_STEPS: usize = 64;
/// At most this many steps in all.
pub const MAX_TOTAL_STEPS: usize = 4000;
/// At most this many timers in one join or select.
pub const MAX_BRANCHES: usize = 16;
/// At most this many characters in a task name.
pub const MAX_NAME: usize = 24;
/// At most this long for one `spin` (it blocks the page: a link must not be able to freeze it).
pub const MAX_SPIN_MS: u64 = 1000;
/// At most this much `spin` in a whole scenario.
pub const MAX_TOTAL_SPIN_MS: u64 = 5000;

/// One thing a task does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Await one `TimerFuture` of this many ms.
    Sleep(u64),
    /// Await all of these timers (the slowest decides).
    Join(Vec<u64>),
    /// Await the first of these timers; the others are dropped, which cancels them.
    Select(Vec<u64>),
    /// Wake itself and return Pending once, letting other tasks run (`yield_now`).
    Yield,
    /// Block the thread for this many ms inside one poll: what not to do in async code.
    Spin(u64),
    /// Return Pending without storing the waker: a deliberate bug. The task never completes.
    LostWaker,
}

impl Step {
    /// The durations of this step's timers, in branch order.
    pub fn durations(&self) -> &[u64] {
        match self {
            Step::Sleep(ms) => std::slice::from_ref(ms),
            Step::Join(v) | Step::Select(v) => v,
            Step::Yield | Step::Spin(_) | Step::LostWaker => &[],
        }
    }

    /// The keyword used in URLs and menus.
    pub fn keyword(&self) -> &'static str {
        match self {
            Step::Sleep(_) => "sleep",
            Step::Join(_) => "join",
            Step::Select(_) => "select",
            Step::Yield => "yield",
            Step::Spin(_) => "spin",
            Step::LostWaker => "lost_waker",
        }
    }

    /// How long the step takes on an idle executor with a perfect clock, if it ever ends.
    pub fn ideal_ms(&self) -> Option<u64> {
        match self {
            Step::Sleep(ms) | Step::Spin(ms) => Some(*ms),
            Step::Join(v) => Some(v.iter().copied().max().unwrap_or(0)),
            Step::Select(v) => Some(v.iter().copied().min().unwrap_or(0)),
            Step::Yield => Some(0),
            Step::LostWaker => None,
        }
    }
}

/// A named task.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct TaskSpec {
    /// Letters, digits, `-` and `_`; 1 to [`MAX_NAME`] characters.
    pub name: String,
    /// What it does, in order.
    pub steps: Vec<Step>,
}

impl TaskSpec {
    /// A task with a name and steps.
    pub fn new(name: &str, steps: Vec<Step>) -> Self {
        Self { name: name.to_string(), steps }
    }

    /// Milliseconds from spawn to completion on an idle executor with a perfect clock.
    ///
    /// # Examples
    ///
    /// ```
    /// use waker_playground::play::{Step, TaskSpec};
    /// let t = TaskSpec::new("t", vec![Step::Sleep(100), Step::Join(vec![5, 50]), Step::Select(vec![30, 7])]);
    /// assert_eq!(t.ideal_ms(), Some(157));
    /// ```
    pub fn ideal_ms(&self) -> Option<u64> {
        self.steps.iter().try_fold(0u64, |acc, s| s.ideal_ms().map(|ms| acc.saturating_add(ms)))
    }
}

/// Everything needed to replay a run: tasks, run mode, slow motion and timer backend.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scenario {
    /// The tasks, spawned in this order.
    pub tasks: Vec<TaskSpec>,
    /// Real `setTimeout` time, or a simulated event loop that runs the whole scenario at once.
    pub clock: Clock,
    /// How the executor drains.
    pub mode: RunMode,
    /// Delay between polls, 0 to 1000 ms.
    pub slow_motion_ms: u32,
    /// How timers are driven.
    pub backend: TimerBackend,
    /// The scenario written as async Rust: when there is one, it runs instead of the tasks
    /// (see [`crate::play::lang`]).
    pub program: Option<String>,
}

/// Which clock a run uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Clock {
    /// The browser's: `setTimeout` and `performance.now()`. Timers fire in real time.
    #[default]
    Real,
    /// A simulated event loop: the whole run happens at once, deterministically, on virtual time
    /// (a 2 s sleep takes no time), and then the learner scrubs through it.
    Virtual,
}

impl Clock {
    /// Both, in menu order.
    pub const ALL: [Clock; 2] = [Clock::Real, Clock::Virtual];

    /// The short name used in links and menus.
    pub fn key(self) -> &'static str {
        match self {
            Clock::Real => "real",
            Clock::Virtual => "virtual",
        }
    }

    /// Parses [`Clock::key`].
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.key() == key)
    }
}

impl Default for Scenario {
    /// The seed: one task that sleeps 2 s.
    fn default() -> Self {
        Self {
            tasks: vec![TaskSpec::new("howdy", vec![Step::Sleep(2000)])],
            clock: Clock::Real,
            mode: RunMode::Microtask,
            slow_motion_ms: 0,
            backend: TimerBackend::PerTimer,
            program: None,
        }
    }
}

/// What is wrong with a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScenarioError {
    /// No tasks at all.
    NoTasks,
    /// Too many tasks.
    TooManyTasks(usize),
    /// A task has too many steps.
    TooManySteps {
        /// The task's name.
        task: String,
        /// How many it has.
        steps: usize,
    },
    /// Too many steps in all.
    TooManyTotalSteps(usize),
    /// A join or select with no timers, or too many.
    Branches {
        /// The task's name.
        task: String,
        /// The step's position, from 1.
        step: usize,
        /// How many timers it has.
        count: usize,
    },
    /// A name that is empty, too long or has characters outside `[A-Za-z0-9_-]`.
    BadName(String),
    /// Two tasks with the same name.
    DuplicateName(String),
    /// Slow motion above 1000 ms.
    SlowMotion(u64),
    /// A spin too long, or too much spinning in all: it would freeze the page.
    Spin {
        /// The task's name.
        task: String,
        /// The spin, or the total.
        ms: u64,
    },
    /// The program does not parse: "line:col: what".
    Program(String),
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ScenarioError::NoTasks => f.write_str("there are no tasks: add one to have something to run"),
            ScenarioError::TooManyTasks(n) => write!(f, "{n} tasks is too many: the limit is {MAX_TASKS}"),
            ScenarioError::TooManySteps { task, steps } => {
                write!(f, "task \"{task}\" has {steps} steps: the limit is {MAX_STEPS} per task")
            }
            ScenarioError::TooManyTotalSteps(n) => write!(f, "{n} steps in all is too many: the limit is {MAX_TOTAL_STEPS}"),
            ScenarioError::Branches { task, step, count } => write!(
                f,
                "task \"{task}\", step {step}: a join or select needs 1 to {MAX_BRANCHES} timers, not {count}"
            ),
            ScenarioError::BadName(name) => write!(
                f,
                "the task name \"{}\" is not allowed: use 1 to {MAX_NAME} letters, digits, - or _",
                name.chars().take(40).collect::<String>()
            ),
            ScenarioError::DuplicateName(name) => write!(f, "two tasks are named \"{name}\": names must differ"),
            ScenarioError::SlowMotion(ms) => write!(f, "slow motion of {ms} ms is too slow: use 0 to 1000 ms"),
            ScenarioError::Program(e) => write!(f, "the program has an error at {e}"),
            ScenarioError::Spin { task, ms } => write!(
                f,
                "task \"{task}\": spinning {ms} ms would freeze the page; a spin is at most {MAX_SPIN_MS} ms, and all spins together at most {MAX_TOTAL_SPIN_MS} ms"
            ),
        }
    }
}

impl std::error::Error for ScenarioError {}

/// Whether a task name is allowed.
pub fn valid_name(name: &str) -> bool {
    (1..=MAX_NAME).contains(&name.chars().count()) && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

impl Scenario {
    /// Checks every limit; returns the first problem found.
    ///
    /// # Examples
    ///
    /// ```
    /// use waker_playground::play::{Scenario, ScenarioError};
    /// let mut s = Scenario::default();
    /// assert!(s.validate().is_ok());
    /// s.tasks.clear();
    /// assert_eq!(s.validate(), Err(ScenarioError::NoTasks));
    /// ```
    pub fn validate(&self) -> Result<(), ScenarioError> {
        if self.slow_motion_ms > crate::core::MAX_SLOW_MOTION_MS {
            return Err(ScenarioError::SlowMotion(u64::from(self.slow_motion_ms)));
        }
        if let Some(src) = &self.program {
            return crate::play::lang::parse(src).map(|_| ()).map_err(|e| ScenarioError::Program(e.render(src)));
        }
        if self.tasks.is_empty() {
            return Err(ScenarioError::NoTasks);
        }
        if self.tasks.len() > MAX_TASKS {
            return Err(ScenarioError::TooManyTasks(self.tasks.len()));
        }
        if self.slow_motion_ms > crate::core::MAX_SLOW_MOTION_MS {
            return Err(ScenarioError::SlowMotion(u64::from(self.slow_motion_ms)));
        }
        let mut total = 0usize;
        let mut spin = 0u64;
        let mut names = std::collections::HashSet::new();
        for task in &self.tasks {
            if !valid_name(&task.name) {
                return Err(ScenarioError::BadName(task.name.clone()));
            }
            if !names.insert(task.name.as_str()) {
                return Err(ScenarioError::DuplicateName(task.name.clone()));
            }
            if task.steps.len() > MAX_STEPS {
                return Err(ScenarioError::TooManySteps { task: task.name.clone(), steps: task.steps.len() });
            }
            total += task.steps.len();
            for (i, step) in task.steps.iter().enumerate() {
                match step {
                    Step::Join(v) | Step::Select(v) if v.is_empty() || v.len() > MAX_BRANCHES => {
                        return Err(ScenarioError::Branches { task: task.name.clone(), step: i + 1, count: v.len() });
                    }
                    Step::Spin(ms) => {
                        spin = spin.saturating_add(*ms);
                        if *ms > MAX_SPIN_MS || spin > MAX_TOTAL_SPIN_MS {
                            return Err(ScenarioError::Spin { task: task.name.clone(), ms: (*ms).max(spin) });
                        }
                    }
                    _ => {}
                }
            }
        }
        if total > MAX_TOTAL_STEPS {
            return Err(ScenarioError::TooManyTotalSteps(total));
        }
        Ok(())
    }

    /// The tasks written as a program: one `async fn` per task, which `main` spawns in order
    /// and then awaits. It does what the tasks do, plus `main` itself.
    ///
    /// ```
    /// use waker_playground::play::{lang, Scenario};
    /// let text = Scenario::default().to_program();
    /// assert!(text.contains("TimerFuture::new(Duration::from_millis(2000)).await;"));
    /// assert!(lang::parse(&text).is_ok());
    /// ```
    pub fn to_program(&self) -> String {
        use std::fmt::Write as _;
        let mut fn_names: Vec<String> = Vec::with_capacity(self.tasks.len());
        for t in &self.tasks {
            // Task names may hold `-`; a function name may not. Clashes get a number.
            let mut name: String = t.name.chars().map(|c| if c == '-' { '_' } else { c }).collect();
            if name.is_empty()
                || name.starts_with(|c: char| c.is_ascii_digit())
                || name == "main"
                || name == "_"
                || crate::play::lang::is_reserved(&name)
            {
                name = format!("task_{name}");
            }
            let base = name.clone();
            let mut n = 2;
            while fn_names.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            fn_names.push(name);
        }
        let mut out = String::from("async fn main() {\n");
        if let [only] = fn_names.as_slice() {
            let _ = writeln!(out, "    {only}().await;");
        } else {
            for (i, f) in fn_names.iter().enumerate() {
                let _ = writeln!(out, "    let t{i} = spawn({f}());");
            }
            for i in 0..fn_names.len() {
                let _ = writeln!(out, "    t{i}.await;");
            }
        }
        out.push_str("}\n");
        let list = |ms: &[u64]| ms.iter().map(|m| format!("sleep({m})")).collect::<Vec<_>>().join(", ");
        for (t, f) in self.tasks.iter().zip(&fn_names) {
            let _ = write!(out, "\nasync fn {f}() {{\n");
            for step in &t.steps {
                let line = match step {
                    Step::Sleep(ms) => format!("TimerFuture::new(Duration::from_millis({ms})).await;"),
                    Step::Join(ms) => format!("join!({});", list(ms)),
                    Step::Select(ms) => {
                        let arms: Vec<String> = ms.iter().map(|m| format!("_ = sleep({m}) => {{}}")).collect();
                        format!("select! {{ {} }}", arms.join(", "))
                    }
                    Step::Yield => "yield_now().await;".to_string(),
                    Step::Spin(ms) => format!("spin({ms});"),
                    Step::LostWaker => "lost_waker().await;".to_string(),
                };
                let _ = writeln!(out, "    {line}");
            }
            out.push_str("}\n");
        }
        out
    }

    /// A task name not used yet: `task1`, `task2`, ...
    pub fn fresh_name(&self) -> String {
        (1..).map(|i| format!("task{i}")).find(|n| self.tasks.iter().all(|t| &t.name != n)).unwrap_or_default()
    }
}

/// Where a timer comes from in a scenario: task, step and branch, all by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StepRef {
    /// The task's position in the scenario.
    pub task: usize,
    /// The step's position in the task.
    pub step: usize,
    /// The timer's position in a join or select (0 for sleep).
    pub branch: usize,
}

/// What became of a duration edited while a scenario runs.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveEdit {
    /// The timer was pending: it was re-armed for start + new duration, keeping its waker.
    Rescheduled(Rescheduled),
    /// The step has not started yet: it will use the new duration when it does.
    Upcoming,
    /// That timer already fired (or was cancelled, or its task is over): nothing to change.
    Past,
    /// The timer refused the edit.
    Refused(EditError),
}

/// Where a task stands, for live edits.
const DONE: usize = usize::MAX;

/// The timers of a running scenario, by where they come from, and the edits waiting for steps
/// that have not started yet.
#[derive(Default, Debug)]
pub struct LiveTimers {
    map: RefCell<HashMap<StepRef, TimerHandle>>,
    /// Durations edited before their step started.
    upcoming: RefCell<HashMap<StepRef, u64>>,
    /// The step each started task is on ([`DONE`] when finished).
    progress: RefCell<HashMap<usize, usize>>,
}

impl LiveTimers {
    /// An empty registry.
    pub fn new() -> Rc<Self> {
        Rc::new(Self::default())
    }

    fn insert(&self, at: StepRef, handle: TimerHandle) {
        self.map.borrow_mut().insert(at, handle);
    }

    fn enter_step(&self, task: usize, step: usize) {
        self.progress.borrow_mut().insert(task, step);
        self.map.borrow_mut().retain(|k, _| k.task != task);
    }

    /// The duration for a timer about to start: an edit made while it was upcoming wins.
    fn duration(&self, at: StepRef, ms: u64) -> u64 {
        self.upcoming.borrow_mut().remove(&at).unwrap_or(ms)
    }

    /// Forgets timers that are no longer pending (those of aborted tasks, say).
    pub fn prune(&self) {
        self.map.borrow_mut().retain(|_, h| h.is_pending());
    }

    /// The timer at `at`, if it is pending right now.
    pub fn pending(&self, at: StepRef) -> Option<TimerHandle> {
        self.map.borrow().get(&at).filter(|h| h.is_pending()).cloned()
    }

    /// Applies a new duration to the timer at `at`: at once if it is pending, when its step
    /// starts if that is still to come.
    ///
    /// # Examples
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Executor, SimPlatform};
    /// use waker_playground::play::{spawn_scenario, LiveEdit, LiveTimers, Scenario, Step, StepRef, TaskSpec};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let live = LiveTimers::new();
    /// let s = Scenario { tasks: vec![TaskSpec::new("t", vec![Step::Sleep(100), Step::Sleep(100)])], ..Scenario::default() };
    /// let ids = spawn_scenario(&exec, &s, &live);
    /// sim.advance(10.0);
    /// let first = StepRef { task: 0, step: 0, branch: 0 };
    /// let second = StepRef { step: 1, ..first };
    /// assert!(matches!(live.edit(first, 50), LiveEdit::Rescheduled(_)));
    /// assert_eq!(live.edit(second, 20), LiveEdit::Upcoming);
    /// sim.run_until_idle(1000.0);
    /// assert_eq!(exec.task_metrics(ids[0]).unwrap().completed_at, Some(70.0));
    /// assert_eq!(live.edit(first, 10), LiveEdit::Past);
    /// ```
    pub fn edit(&self, at: StepRef, ms: u64) -> LiveEdit {
        let current = self.progress.borrow().get(&at.task).copied();
        match current {
            Some(DONE) => LiveEdit::Past,
            Some(step) if at.step < step => LiveEdit::Past,
            Some(step) if at.step == step => {
                let handle = self.map.borrow().get(&at).cloned();
                match handle.map(|h| h.set_duration(Duration::from_millis(ms))) {
                    Some(Ok(r)) => LiveEdit::Rescheduled(r),
                    Some(Err(EditError::Busy)) => LiveEdit::Refused(EditError::Busy),
                    // A branch that fired or lost, or a step that is not a timer.
                    Some(Err(_)) | None => LiveEdit::Past,
                }
            }
            // Not started, or on an earlier step.
            _ => {
                self.upcoming.borrow_mut().insert(at, ms);
                LiveEdit::Upcoming
            }
        }
    }

    /// Every step position with a pending timer.
    pub fn pending_refs(&self) -> Vec<StepRef> {
        let mut v: Vec<StepRef> = self.map.borrow().iter().filter(|(_, h)| h.is_pending()).map(|(k, _)| *k).collect();
        v.sort();
        v
    }
}

/// Spawns every task of `scenario` on `exec`, in order. Returns their ids.
///
/// The scenario's mode, slow motion and backend are applied to the executor first.
///
/// # Examples
///
/// ```
/// use std::rc::Rc;
/// use waker_playground::core::{Config, Executor, SimPlatform};
/// use waker_playground::play::{spawn_scenario, LiveTimers, Scenario};
///
/// let sim = SimPlatform::new();
/// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
/// let ids = spawn_scenario(&exec, &Scenario::default(), &LiveTimers::new());
/// sim.run_until_idle(10_000.0);
/// assert_eq!(exec.task_metrics(ids[0]).unwrap().completed_at, Some(2000.0));
/// ```
pub fn spawn_scenario<H: Hooks>(exec: &Executor<H>, scenario: &Scenario, live: &Rc<LiveTimers>) -> Vec<TaskId> {
    exec.set_mode(scenario.mode);
    exec.set_slow_motion(scenario.slow_motion_ms);
    exec.timers().set_backend(scenario.backend);
    scenario
        .tasks
        .iter()
        .enumerate()
        .map(|(index, task)| {
            let platform = exec.platform();
            exec.spawn(&task.name, run_task(index, task.steps.clone(), live.clone(), platform))
        })
        .collect()
}

// @code task
async fn run_task(index: usize, steps: Vec<Step>, live: Rc<LiveTimers>, platform: Rc<dyn crate::core::Platform>) {
    for (i, step) in steps.into_iter().enumerate() {
        live.enter_step(index, i);
        let timers = |durations: &[u64]| -> Vec<TimerFuture> {
            durations
                .iter()
                .enumerate()
                .map(|(branch, &ms)| {
                    let at = StepRef { task: index, step: i, branch };
                    let timer = TimerFuture::new(Duration::from_millis(live.duration(at, ms)));
                    live.insert(at, timer.handle());
                    timer
                })
                .collect()
        };
        match step {
            Step::Sleep(ms) => {
                let mut t = timers(&[ms]);
                if let Some(timer) = t.pop() {
                    timer.await;
                }
            }
            Step::Join(ms) => Join::new(timers(&ms)).await,
            Step::Select(ms) => {
                Select::new(timers(&ms)).await;
            }
            Step::Yield => YieldNow::default().await,
            Step::Spin(ms) => platform.spin(ms as f64),
            Step::LostWaker => LostWaker.await,
        }
    }
    live.enter_step(index, DONE);
}

/// Awaits every future; completes when the last one does. Finished ones are dropped at once.
pub struct Join<F> {
    futures: Vec<Option<F>>,
}

impl<F: Future + Unpin> Join<F> {
    /// Joins these futures.
    pub fn new(futures: Vec<F>) -> Self {
        Self { futures: futures.into_iter().map(Some).collect() }
    }
}

impl<F: Future + Unpin> Future for Join<F> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut pending = false;
        for slot in self.futures.iter_mut() {
            if let Some(f) = slot {
                // Each pending branch is polled with the task's own context: each stores a clone
                // of the waker.
                // @code join-poll
                if Pin::new(f).poll(cx).is_ready() {
                    *slot = None;
                } else {
                    pending = true;
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    }
}

/// Awaits the first future to finish and returns its position; the others are dropped.
pub struct Select<F> {
    futures: Vec<F>,
}

impl<F: Future + Unpin> Select<F> {
    /// Races these futures.
    pub fn new(futures: Vec<F>) -> Self {
        Self { futures }
    }
}

impl<F: Future + Unpin> Future for Select<F> {
    type Output = Option<usize>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<usize>> {
        if self.futures.is_empty() {
            return Poll::Ready(None);
        }
        // @code select-poll
        let winner = self.futures.iter_mut().position(|f| Pin::new(f).poll(cx).is_ready());
        match winner {
            Some(i) => {
                // The losers are dropped here, inside this poll: dropping a TimerFuture cancels it.
                // @code select-drop
                self.futures.clear();
                Poll::Ready(Some(i))
            }
            None => Poll::Pending,
        }
    }
}

/// Returns Pending once after waking itself, so the executor can run other tasks first.
#[derive(Default)]
pub struct YieldNow {
    yielded: bool,
}

impl Future for YieldNow {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.yielded {
            Poll::Ready(())
        } else {
            self.yielded = true;
            // A self-wake: the task goes straight back on the ready queue, behind the others.
            // @code yield
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

/// A deliberately broken future: Pending without keeping the waker, so nothing can wake it.
pub struct LostWaker;

impl Future for LostWaker {
    type Output = ();

    fn poll(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        // BUG, on purpose: returning Pending promises a wake later, but no waker was stored.
        // @code lost-waker
        Poll::Pending
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_checked() {
        assert!(valid_name("a-b_9"));
        assert!(!valid_name(""));
        assert!(!valid_name("<script>"));
        assert!(!valid_name(&"x".repeat(MAX_NAME + 1)));
        assert!(!valid_name("héllo"));
    }

    #[test]
    fn limits_are_reported_with_the_task_name() {
        let mut s = Scenario::default();
        s.tasks[0].steps = vec![Step::Yield; MAX_STEPS + 1];
        assert_eq!(s.validate(), Err(ScenarioError::TooManySteps { task: "howdy".into(), steps: MAX_STEPS + 1 }));
        s.tasks[0].steps = vec![Step::Join(vec![])];
        assert!(s.validate().unwrap_err().to_string().contains("step 1"));
        s.tasks = (0..MAX_TASKS + 1).map(|i| TaskSpec::new(&format!("t{i}"), vec![])).collect();
        assert_eq!(s.validate(), Err(ScenarioError::TooManyTasks(MAX_TASKS + 1)));
        s.tasks = (0..100).map(|i| TaskSpec::new(&format!("t{i}"), vec![Step::Yield; 50])).collect();
        assert_eq!(s.validate(), Err(ScenarioError::TooManyTotalSteps(5000)));
        s.tasks = vec![TaskSpec::new("a", vec![]), TaskSpec::new("a", vec![])];
        assert_eq!(s.validate(), Err(ScenarioError::DuplicateName("a".into())));
        s.tasks = vec![TaskSpec::new("a", vec![Step::Spin(u64::MAX)])];
        assert!(s.validate().unwrap_err().to_string().contains("freeze"));
        s.tasks = (0..6).map(|i| TaskSpec::new(&format!("t{i}"), vec![Step::Spin(MAX_SPIN_MS)])).collect();
        assert!(matches!(s.validate(), Err(ScenarioError::Spin { .. })), "6 s of spinning in all");
    }

    #[test]
    fn fresh_names_skip_taken_ones() {
        let mut s = Scenario::default();
        s.tasks.push(TaskSpec::new("task1", vec![]));
        assert_eq!(s.fresh_name(), "task2");
    }
}
