//! Scenarios: a program in the playground's language, or named tasks made of steps (the step
//! form), which are written out as a program.
//!
//! # Ground rules
//!
//! - A [`Scenario`] is plain data: it can be validated, compared, encoded in a URL and edited.
//! - [`Scenario::validate`] bounds everything a person or a URL can make big (tasks, steps,
//!   branches, name length) and names the first problem. Durations are any `u64` of ms.
//! - There is one way to run: the step form's tasks are written as a program
//!   ([`Scenario::to_program`]), and [`crate::play::ScenarioRun`] runs programs. A
//!   [`StepRef`] names a form field's number in that program, for live edits.

use std::fmt;

use crate::core::{RunMode, TimerBackend};

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
// The limits on `spin` are the language's (the form's steps run as a program), so they live there.
pub use crate::play::lang::{MAX_SPIN_MS, MAX_TOTAL_SPIN_MS};

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

    /// The tasks written as a program: a plain `fn main()` that spawns one task per form task,
    /// in order (as the book's `main` spawns with its `Spawner`), and one `async fn` per task,
    /// named after it. This is what a step-form scenario runs.
    ///
    /// ```
    /// use waker_playground::play::{lang, Scenario};
    /// let text = Scenario::default().to_program();
    /// assert!(text.starts_with("fn main() {\n    spawn(howdy());\n}\n"));
    /// assert!(text.contains("TimerFuture::new(Duration::from_millis(2000)).await;"));
    /// assert!(lang::parse(&text).is_ok());
    /// ```
    pub fn to_program(&self) -> String {
        self.to_program_mapped().0
    }

    /// [`Scenario::to_program`], and where each duration of each step is in its text: the
    /// number literal a live edit of that field changes.
    ///
    /// ```
    /// use waker_playground::play::{Scenario, Step, StepRef, TaskSpec};
    /// let s = Scenario { tasks: vec![TaskSpec::new("t", vec![Step::Join(vec![30, 700])])], ..Scenario::default() };
    /// let (text, spans) = s.to_program_mapped();
    /// let second = spans.iter().find(|(at, _)| *at == StepRef { task: 0, step: 0, branch: 1 }).unwrap().1;
    /// assert_eq!(&text[second.start as usize..second.end as usize], "700");
    /// ```
    pub fn to_program_mapped(&self) -> (String, Vec<(StepRef, crate::play::lang::Span)>) {
        use std::fmt::Write as _;
        let mut fn_names: Vec<String> = Vec::with_capacity(self.tasks.len());
        let mut taken = std::collections::HashSet::new();
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
            while taken.contains(&name) {
                name = format!("{base}_{n}");
                n += 1;
            }
            taken.insert(name.clone());
            fn_names.push(name);
        }
        let mut out = String::from("fn main() {\n");
        for f in &fn_names {
            let _ = writeln!(out, "    spawn({f}());");
        }
        out.push_str("}\n");
        let mut spans = Vec::new();
        // Writes `ms` and notes where it is.
        let mut number = |out: &mut String, at: StepRef, ms: u64| {
            let start = out.len();
            let _ = write!(out, "{ms}");
            spans.push((at, crate::play::lang::Span { start: start as u32, end: out.len() as u32 }));
        };
        for (task, (t, f)) in self.tasks.iter().zip(&fn_names).enumerate() {
            let _ = write!(out, "\nasync fn {f}() {{\n");
            for (step, s) in t.steps.iter().enumerate() {
                let at = |branch| StepRef { task, step, branch };
                out.push_str("    ");
                match s {
                    Step::Sleep(ms) => {
                        out.push_str("TimerFuture::new(Duration::from_millis(");
                        number(&mut out, at(0), *ms);
                        out.push_str(")).await;");
                    }
                    Step::Join(ms) | Step::Select(ms) => {
                        let select = matches!(s, Step::Select(_));
                        out.push_str(if select { "select! { " } else { "join!(" });
                        for (branch, m) in ms.iter().enumerate() {
                            if branch > 0 {
                                out.push_str(", ");
                            }
                            out.push_str(if select { "_ = sleep(" } else { "sleep(" });
                            number(&mut out, at(branch), *m);
                            out.push_str(if select { ") => {}" } else { ")" });
                        }
                        out.push_str(if select { " }" } else { ");" });
                    }
                    Step::Yield => out.push_str("yield_now().await;"),
                    Step::Spin(ms) => {
                        let _ = write!(out, "spin({ms});");
                    }
                    Step::LostWaker => out.push_str("lost_waker().await;"),
                }
                out.push('\n');
            }
            out.push_str("}\n");
        }
        (out, spans)
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
