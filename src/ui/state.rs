//! The editor's state and its reducer: pure, natively tested, no browser and no executor.
//!
//! # Ground rules
//!
//! - Every list item has a stable `uid` (never a position) for Yew keys and for mapping a
//!   duration field to the timer it started (see [`EditState::step_refs`]).
//! - A field keeps the raw text a person typed, plus either its value or the reason it is wrong.
//!   The scenario is only ever built from valid fields.
//! - Limits (tasks, steps, branches) are enforced here with a notice, never by panicking.

use std::collections::HashMap;
use std::rc::Rc;

use yew::Reducible;

use crate::core::{RunMode, TimerBackend};
use crate::play::{
    parse_duration_ms, preset, valid_name, Clock, Scenario, Step, StepRef, TaskSpec, MAX_BRANCHES, MAX_NAME, MAX_STEPS, MAX_TASKS,
    MAX_TOTAL_STEPS, PRESETS,
};

/// The kinds of step, as the editor offers them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StepKind {
    /// `sleep(ms)`
    Sleep,
    /// `join(ms, ...)`
    Join,
    /// `select(ms, ...)`
    Select,
    /// `yield_now()`
    Yield,
    /// `spin(ms)`: block the thread
    Spin,
    /// A future that loses its waker
    LostWaker,
}

impl StepKind {
    /// Every kind, in menu order.
    pub const ALL: [StepKind; 6] =
        [StepKind::Sleep, StepKind::Join, StepKind::Select, StepKind::Yield, StepKind::Spin, StepKind::LostWaker];

    /// The keyword, as in the URL syntax.
    pub fn keyword(self) -> &'static str {
        match self {
            StepKind::Sleep => "sleep",
            StepKind::Join => "join",
            StepKind::Select => "select",
            StepKind::Yield => "yield",
            StepKind::Spin => "spin",
            StepKind::LostWaker => "lost_waker",
        }
    }

    /// A label for menus.
    pub fn label(self) -> &'static str {
        match self {
            StepKind::Sleep => "sleep (one timer)",
            StepKind::Join => "join (wait for all)",
            StepKind::Select => "select (first wins)",
            StepKind::Yield => "yield_now",
            StepKind::Spin => "spin (block the thread)",
            StepKind::LostWaker => "lost waker (bug)",
        }
    }

    /// Parses [`StepKind::keyword`].
    pub fn from_keyword(k: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.keyword() == k)
    }

    fn of(step: &Step) -> Self {
        match step {
            Step::Sleep(_) => StepKind::Sleep,
            Step::Join(_) => StepKind::Join,
            Step::Select(_) => StepKind::Select,
            Step::Yield => StepKind::Yield,
            Step::Spin(_) => StepKind::Spin,
            Step::LostWaker => StepKind::LostWaker,
        }
    }

    /// How many duration fields the kind starts with.
    fn default_fields(self) -> &'static [u64] {
        match self {
            StepKind::Sleep => &[1000],
            StepKind::Join | StepKind::Select => &[500, 1500],
            StepKind::Spin => &[100],
            StepKind::Yield | StepKind::LostWaker => &[],
        }
    }

    /// Whether the kind has several fields that can be added and removed.
    pub fn has_branches(self) -> bool {
        matches!(self, StepKind::Join | StepKind::Select)
    }
}

/// A duration field.
#[derive(Clone, Debug, PartialEq)]
pub struct Field {
    /// Stable id.
    pub uid: u64,
    /// What was typed.
    pub text: String,
    /// The value, when the text is valid.
    pub value: Option<u64>,
    /// Why the text is not valid.
    pub error: Option<String>,
}

/// A step being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditStep {
    /// Stable id.
    pub uid: u64,
    /// Its kind.
    pub kind: StepKind,
    /// Its durations.
    pub fields: Vec<Field>,
}

/// A task being edited.
#[derive(Clone, Debug, PartialEq)]
pub struct EditTask {
    /// Stable id.
    pub uid: u64,
    /// The name as typed.
    pub name: String,
    /// Why the name is not valid.
    pub name_error: Option<String>,
    /// Its steps.
    pub steps: Vec<EditStep>,
}

/// How serious a notice is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// Something worked.
    Info,
    /// Something was refused.
    Error,
}

/// A message shown above the editor.
#[derive(Clone, Debug, PartialEq)]
pub struct Notice {
    /// Stable id.
    pub uid: u64,
    /// What it is about, when a newer message on that topic replaces it.
    pub topic: Option<&'static str>,
    /// How serious.
    pub level: Level,
    /// What to say (shown as text, never as HTML).
    pub text: String,
    /// Whether it offers Undo (a removed task).
    pub undo: bool,
}

/// The whole editor.
#[derive(Clone, Debug, PartialEq)]
pub struct EditState {
    /// Tasks, in spawn order.
    pub tasks: Vec<Rc<EditTask>>,
    /// Run mode.
    pub mode: RunMode,
    /// Slow motion in ms.
    pub slow_motion_ms: u32,
    /// Timer backend.
    pub backend: TimerBackend,
    /// Real or virtual clock.
    pub clock: Clock,
    /// The preset loaded last, if the scenario is still that preset.
    pub preset: Option<&'static str>,
    /// Messages, newest last.
    pub notices: Vec<Notice>,
    /// Whether the tasks' structure changed since the last Run (durations apply live).
    pub changed: bool,
    /// The task removed last, and where it was, for Undo.
    removed: Option<(usize, Rc<EditTask>)>,
    /// The program "Back to the step form" dropped, for Undo.
    dropped_code: Option<Rc<str>>,
    /// The scenario written as async Rust, when the code editor is in use (it replaces the
    /// step form: one scenario, one model).
    pub code: Option<Rc<str>>,
    /// The program's first error.
    pub code_error: Option<CodeError>,
    next_uid: u64,
}

/// A program's first error, as the editor shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CodeError {
    /// "line:col: message".
    pub text: String,
    /// The 1-based line.
    pub line: usize,
    /// Where, in bytes of the program.
    pub span: crate::play::lang::Span,
    /// The message alone.
    pub message: String,
}

impl CodeError {
    /// The error `e` in `src`.
    pub fn new(e: &crate::play::lang::LangError, src: &str) -> Self {
        CodeError { text: e.render(src), line: e.span.line_col(src).0, span: e.span, message: e.message_in(src) }
    }
}

/// Notices on these topics are about the page's own link (see [`Action::ClearNotices`]).
pub const LINK_TOPICS: [&str; 2] = ["link", "link-options"];

/// Everything the editor can be asked to do.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Replace the scenario with a preset.
    LoadPreset(String),
    /// Replace the scenario (from a URL or a parent page).
    Load(Scenario),
    /// Add a task with a fresh name and one sleep.
    AddTask,
    /// Remove a task (Undo puts it back).
    RemoveTask(u64),
    /// Put back the task removed last, where it was.
    UndoRemove,
    /// Replace the program's text (typed in the code editor).
    SetCode(String),
    /// Write the step form's tasks as a program, and edit that.
    EditAsCode,
    /// Drop the program and go back to the step form.
    BackToForm,
    /// Rename a task.
    Rename(u64, String),
    /// Add a step to a task.
    AddStep(u64, StepKind),
    /// Remove a step.
    RemoveStep(u64, u64),
    /// Change a step's kind.
    SetKind(u64, u64, StepKind),
    /// Type into a duration field: task, step, field, text.
    SetField(u64, u64, u64, String),
    /// Add a timer to a join or select.
    AddBranch(u64, u64),
    /// Remove a timer from a join or select.
    RemoveBranch(u64, u64, u64),
    /// Change the run mode.
    SetMode(RunMode),
    /// Change the slow motion (ms, capped at 1000).
    SetSlowMotion(u32),
    /// Choose the clock of the next run.
    SetClock(Clock),
    /// Change the timer backend.
    SetBackend(TimerBackend),
    /// Show a message.
    Notify(Level, String),
    /// Show a message that replaces any earlier one with the same key (one per topic).
    NotifyAbout(&'static str, Level, String),
    /// Hide every message (a new run, a reset).
    ClearNotices,
    /// Hide a message.
    Dismiss(u64),
    /// The scenario was just started.
    Started,
}

/// At most this many notices are kept.
const MAX_NOTICES: usize = 4;

impl Default for EditState {
    fn default() -> Self {
        let mut s = EditState {
            tasks: Vec::new(),
            mode: RunMode::Microtask,
            slow_motion_ms: 0,
            backend: TimerBackend::PerTimer,
            clock: Clock::Real,
            preset: None,
            notices: Vec::new(),
            changed: false,
            removed: None,
            dropped_code: None,
            code: None,
            code_error: None,
            next_uid: 1,
        };
        s.load(&PRESETS[0].scenario());
        s.preset = Some(PRESETS[0].id);
        s
    }
}

impl EditState {
    /// The editor holding `scenario`.
    pub fn from_scenario(scenario: &Scenario) -> Self {
        let mut s = Self::default();
        s.load(scenario);
        s
    }

    fn uid(&mut self) -> u64 {
        self.next_uid += 1;
        self.next_uid
    }

    fn field(&mut self, ms: u64) -> Field {
        Field { uid: self.uid(), text: ms.to_string(), value: Some(ms), error: None }
    }

    fn step(&mut self, step: &Step) -> EditStep {
        let fields = match step {
            Step::Spin(ms) => vec![self.field(*ms)],
            s => s.durations().to_vec().into_iter().map(|ms| self.field(ms)).collect(),
        };
        EditStep { uid: self.uid(), kind: StepKind::of(step), fields }
    }

    fn load(&mut self, scenario: &Scenario) {
        let tasks = scenario
            .tasks
            .iter()
            .map(|t| {
                let steps = t.steps.iter().map(|s| self.step(s)).collect();
                Rc::new(EditTask { uid: self.uid(), name: t.name.clone(), name_error: None, steps })
            })
            .collect();
        self.tasks = tasks;
        // Undo never brings a task of the old scenario into the new one.
        self.removed = None;
        self.dropped_code = None;
        self.code = None;
        self.code_error = None;
        if let Some(p) = &scenario.program {
            self.set_code(p.clone());
        }
        self.notices.retain(|n| !n.undo);
        self.mode = scenario.mode;
        self.slow_motion_ms = scenario.slow_motion_ms.min(crate::core::MAX_SLOW_MOTION_MS);
        self.backend = scenario.backend;
        self.clock = scenario.clock;
        // A link that names a preset's tasks (p=...) shows that preset's title and caption.
        self.preset = PRESETS
            .iter()
            .filter(|p| p.is_program() == scenario.program.is_some())
            .find(|p| {
                let ps = p.scenario();
                ps.tasks == scenario.tasks && ps.program == scenario.program
            })
            .map(|p| p.id);
        self.changed = true;
    }

    fn notify(&mut self, topic: Option<&'static str>, level: Level, text: String) {
        // The same message again, or a newer one on the same topic, replaces the old one.
        self.notices.retain(|n| !(n.level == level && n.text == text) && (topic.is_none() || n.topic != topic));
        let uid = self.uid();
        self.notices.push(Notice { uid, topic, level, text, undo: false });
        if self.notices.len() > MAX_NOTICES {
            self.notices.remove(0);
        }
    }

    fn set_code(&mut self, text: String) {
        self.code_error = crate::play::lang::parse(&text).err().map(|e| CodeError::new(&e, &text));
        self.code = Some(Rc::from(text));
    }

    fn task_mut(&mut self, uid: u64) -> Option<&mut EditTask> {
        // Copy on write: the tasks that did not change stay shared with the previous state.
        self.tasks.iter_mut().find(|t| t.uid == uid).map(Rc::make_mut)
    }

    fn step_mut(&mut self, task: u64, step: u64) -> Option<&mut EditStep> {
        self.task_mut(task)?.steps.iter_mut().find(|s| s.uid == step)
    }

    fn total_steps(&self) -> usize {
        self.tasks.iter().map(|t| t.steps.len()).sum()
    }

    /// Builds the scenario, or says what to fix first.
    ///
    /// # Examples
    ///
    /// ```
    /// use waker_playground::ui::state::EditState;
    /// assert_eq!(EditState::default().scenario().unwrap().tasks[0].name, "howdy");
    /// ```
    pub fn scenario(&self) -> Result<Scenario, String> {
        self.scenario_with(true)
    }

    /// What a link to the page holds: [`Self::scenario`], but a program with an error too (a
    /// learner shares code that does not compile, to ask about it; it opens with its error).
    pub fn link_scenario(&self) -> Result<Scenario, String> {
        self.scenario_with(false)
    }

    fn scenario_with(&self, check_program: bool) -> Result<Scenario, String> {
        if let Some(code) = &self.code {
            if let (Some(e), true) = (&self.code_error, check_program) {
                return Err(format!("the program has an error at {}", e.text));
            }
            let s = Scenario {
                tasks: Vec::new(),
                clock: self.clock,
                mode: self.mode,
                slow_motion_ms: self.slow_motion_ms,
                backend: self.backend,
                program: Some(code.to_string()),
            };
            if self.code_error.is_some() {
                return Ok(s);
            }
            return s.validate().map(|()| s).map_err(|e| e.to_string());
        }
        let mut tasks = Vec::with_capacity(self.tasks.len());
        for t in &self.tasks {
            if t.name_error.is_some() {
                return Err(format!("fix the name of task \"{}\" first", t.name.chars().take(MAX_NAME).collect::<String>()));
            }
            let mut steps = Vec::with_capacity(t.steps.len());
            for (i, s) in t.steps.iter().enumerate() {
                let mut values = Vec::with_capacity(s.fields.len());
                for f in &s.fields {
                    match f.value {
                        Some(v) if f.error.is_none() => values.push(v),
                        _ => return Err(format!("task \"{}\", step {}: fix the highlighted duration first", t.name, i + 1)),
                    }
                }
                let one = values.first().copied().unwrap_or(0);
                steps.push(match s.kind {
                    StepKind::Sleep => Step::Sleep(one),
                    StepKind::Join => Step::Join(values),
                    StepKind::Select => Step::Select(values),
                    StepKind::Yield => Step::Yield,
                    StepKind::Spin => Step::Spin(one),
                    StepKind::LostWaker => Step::LostWaker,
                });
            }
            tasks.push(TaskSpec { name: t.name.clone(), steps });
        }
        let s = Scenario {
            tasks,
            clock: self.clock,
            mode: self.mode,
            slow_motion_ms: self.slow_motion_ms,
            backend: self.backend,
            program: None,
        };
        s.validate().map_err(|e| e.to_string())?;
        Ok(s)
    }

    /// Runs the scenario as it stands (the form's, or the program typed), on `platform`.
    pub fn start_session(
        &self,
        platform: std::rc::Rc<dyn crate::core::Platform>,
        paused: bool,
        history: usize,
    ) -> Result<crate::play::session::Session, String> {
        crate::play::session::Session::start(self.scenario()?, self.step_refs(), platform, paused, history)
    }

    /// Where each duration field's timer will be, by (task, step, field) uid, for live edits.
    pub fn step_refs(&self) -> HashMap<(u64, u64, u64), StepRef> {
        let mut map = HashMap::new();
        for (ti, t) in self.tasks.iter().enumerate() {
            for (si, s) in t.steps.iter().enumerate() {
                if matches!(s.kind, StepKind::Sleep | StepKind::Join | StepKind::Select) {
                    for (bi, f) in s.fields.iter().enumerate() {
                        map.insert((t.uid, s.uid, f.uid), StepRef { task: ti, step: si, branch: bi });
                    }
                }
            }
        }
        map
    }

    /// Judges every task's name again: a name is wrong if it is not a valid name, or if another
    /// task has it too (then both say so, and clear together).
    fn check_names(&mut self) {
        let mut count: HashMap<String, usize> = HashMap::new();
        for t in &self.tasks {
            *count.entry(t.name.clone()).or_default() += 1;
        }
        for t in &mut self.tasks {
            let error = if !valid_name(&t.name) {
                Some(format!("use 1 to {MAX_NAME} letters, digits, - or _"))
            } else if count.get(&t.name).copied().unwrap_or(0) > 1 {
                Some("another task has this name".into())
            } else {
                None
            };
            // Only a task whose verdict changed is copied.
            if t.name_error != error {
                Rc::make_mut(t).name_error = error;
            }
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        // Edits of the tasks' structure need a new run; durations apply to the running one (see
        // `Session::live_edit`), and mode, slow motion and backend apply live too.
        let structural = matches!(
            action,
            Action::AddTask
                | Action::RemoveTask(_)
                | Action::UndoRemove
                | Action::SetCode(_)
                | Action::EditAsCode
                | Action::BackToForm
                | Action::Rename(..)
                | Action::AddStep(..)
                | Action::RemoveStep(..)
                | Action::SetKind(..)
                | Action::AddBranch(..)
                | Action::RemoveBranch(..)
        );
        let task_edit = structural || matches!(action, Action::SetField(..));
        let loaded = matches!(action, Action::LoadPreset(_) | Action::Load(_));
        match action {
            Action::LoadPreset(id) => match preset(&id) {
                Some(p) => {
                    self.notices.clear();
                    // A preset is tasks: the run mode, slow motion, backend and clock chosen stay.
                    let (mode, slow, backend, clock) = (self.mode, self.slow_motion_ms, self.backend, self.clock);
                    self.load(&p.scenario());
                    self.clock = clock;
                    (self.mode, self.slow_motion_ms, self.backend) = (mode, slow, backend);
                    self.preset = Some(p.id);
                }
                None => {
                    self.notify(None, Level::Error, format!("there is no preset named \"{}\"", id.chars().take(40).collect::<String>()))
                }
            },
            Action::Load(s) => {
                self.notices.clear();
                self.load(&s);
            }
            edit @ (Action::AddTask
            | Action::RemoveTask(_)
            | Action::SetCode(_)
            | Action::EditAsCode
            | Action::BackToForm
            | Action::UndoRemove
            | Action::Rename(..)
            | Action::AddStep(..)
            | Action::RemoveStep(..)
            | Action::SetKind(..)
            | Action::SetField(..)
            | Action::AddBranch(..)
            | Action::RemoveBranch(..)) => self.apply_edit(edit),
            Action::SetMode(m) => self.mode = m,
            Action::SetSlowMotion(ms) => self.slow_motion_ms = ms.min(crate::core::MAX_SLOW_MOTION_MS),
            Action::SetBackend(b) => self.backend = b,
            Action::SetClock(c) => self.clock = c,
            Action::Notify(level, text) => self.notify(None, level, text),
            Action::NotifyAbout(topic, level, text) => self.notify(Some(topic), level, text),
            // What was wrong with the page's own link stays until dismissed: an autoplaying
            // embed must not hide that it shows the default scenario instead.
            Action::ClearNotices => self.notices.retain(|n| n.topic.is_some_and(|t| LINK_TOPICS.contains(&t))),
            Action::Dismiss(uid) => self.notices.retain(|n| n.uid != uid),
            Action::Started => self.changed = false,
        }
        if task_edit {
            self.preset = None;
        }
        if structural || loaded {
            self.changed = true;
        }
    }

    /// The editor's actions, which only the full page has: a function of their own, which an
    /// embed's first module does not need (tools/lazy-split splits by function).
    #[inline(never)]
    fn apply_edit(&mut self, action: Action) {
        match action {
            Action::AddTask => {
                if self.tasks.len() >= MAX_TASKS {
                    self.notify(None, Level::Error, format!("at most {MAX_TASKS} tasks"));
                } else if self.total_steps() >= MAX_TOTAL_STEPS {
                    self.notify(None, Level::Error, format!("at most {MAX_TOTAL_STEPS} steps in all"));
                } else {
                    let name = self.scenario_names_fresh();
                    let step = self.step(&Step::Sleep(1000));
                    let uid = self.uid();
                    self.tasks.push(Rc::new(EditTask { uid, name, name_error: None, steps: vec![step] }));
                }
            }
            Action::RemoveTask(uid) => {
                if let Some(at) = self.tasks.iter().position(|t| t.uid == uid) {
                    let task = self.tasks.remove(at);
                    let text = format!("Removed task {}.", if task.name.trim().is_empty() { "(unnamed)" } else { task.name.trim() });
                    self.removed = Some((at, task));
                    self.notify(Some("undo"), Level::Info, text);
                    if let Some(n) = self.notices.last_mut() {
                        n.undo = true;
                    }
                }
                self.check_names();
            }
            Action::SetCode(text) => self.set_code(text),
            Action::EditAsCode => match self.scenario() {
                Ok(s) => {
                    let text = s.to_program();
                    if text.len() > crate::play::lang::MAX_SOURCE {
                        self.notify(
                            None,
                            Level::Error,
                            format!(
                                "these tasks written as a program would be {} bytes: more than the 64 KB a program may have",
                                text.len()
                            ),
                        );
                    } else {
                        self.set_code(text);
                    }
                }
                // No tasks yet: an editor with an empty `main` to start from.
                Err(_) if self.tasks.is_empty() => self.set_code("async fn main() {\n    \n}\n".to_string()),
                Err(e) => self.notify(None, Level::Error, format!("Cannot write the tasks as code: {e}")),
            },
            Action::BackToForm => {
                self.code_error = None;
                if let Some(code) = self.code.take() {
                    self.dropped_code = Some(code);
                    self.notify(
                        Some("undo"),
                        Level::Info,
                        "The program was dropped: the form shows the tasks it had before. Undo brings the program back.".into(),
                    );
                    if let Some(n) = self.notices.last_mut() {
                        n.undo = true;
                    }
                }
            }
            Action::UndoRemove => {
                if let Some(code) = self.dropped_code.take() {
                    self.set_code(code.to_string());
                } else if let Some((at, task)) = self.removed.take() {
                    let at = at.min(self.tasks.len());
                    self.tasks.insert(at, task);
                    self.check_names();
                }
                self.notices.retain(|n| !n.undo);
            }
            Action::Rename(uid, text) => {
                let text: String = text.chars().take(MAX_NAME * 4).collect();
                if let Some(t) = self.task_mut(uid) {
                    t.name = text;
                }
                // Every task's: renaming one can end (or start) a clash with another.
                self.check_names();
            }
            Action::AddStep(task, kind) => {
                let too_many = self.task_mut(task).is_some_and(|t| t.steps.len() >= MAX_STEPS);
                if too_many {
                    self.notify(None, Level::Error, format!("at most {MAX_STEPS} steps per task"));
                } else if self.total_steps() >= MAX_TOTAL_STEPS {
                    self.notify(None, Level::Error, format!("at most {MAX_TOTAL_STEPS} steps in all"));
                } else {
                    let fields = kind.default_fields().iter().map(|&ms| self.field(ms)).collect();
                    let uid = self.uid();
                    if let Some(t) = self.task_mut(task) {
                        t.steps.push(EditStep { uid, kind, fields });
                    }
                }
            }
            Action::RemoveStep(task, step) => {
                if let Some(t) = self.task_mut(task) {
                    t.steps.retain(|s| s.uid != step);
                }
            }
            Action::SetKind(task, step, kind) => {
                let want = kind.default_fields().len();
                let mut extra = Vec::new();
                for &ms in kind.default_fields() {
                    extra.push(self.field(ms));
                }
                if let Some(s) = self.step_mut(task, step) {
                    s.kind = kind;
                    // Keep what was typed where it still fits.
                    s.fields.truncate(if kind.has_branches() { s.fields.len().max(1) } else { want });
                    while s.fields.len() < want {
                        let i = s.fields.len();
                        s.fields.push(extra[i].clone());
                    }
                }
            }
            Action::SetField(task, step, field, text) => {
                let parsed = parse_duration_ms(&text);
                if let Some(f) = self.step_mut(task, step).and_then(|s| s.fields.iter_mut().find(|f| f.uid == field)) {
                    f.text = text.chars().take(crate::play::MAX_INPUT_LEN + 1).collect();
                    match parsed {
                        Ok(v) => {
                            f.value = Some(v);
                            f.error = None;
                        }
                        Err(e) => {
                            f.value = None;
                            f.error = Some(e.to_string());
                        }
                    }
                }
            }
            Action::AddBranch(task, step) => {
                let f = self.field(1000);
                match self.step_mut(task, step) {
                    Some(s) if s.kind.has_branches() && s.fields.len() < MAX_BRANCHES => s.fields.push(f),
                    Some(s) if s.kind.has_branches() => {
                        let _ = s;
                        self.notify(None, Level::Error, format!("at most {MAX_BRANCHES} timers in one join or select"));
                    }
                    _ => {}
                }
            }
            Action::RemoveBranch(task, step, field) => {
                if let Some(s) = self.step_mut(task, step) {
                    if s.fields.len() > 1 {
                        s.fields.retain(|f| f.uid != field);
                    }
                }
            }
            // `apply`'s own: never sent here.
            Action::LoadPreset(_)
            | Action::Load(_)
            | Action::SetMode(_)
            | Action::SetSlowMotion(_)
            | Action::SetBackend(_)
            | Action::SetClock(_)
            | Action::Notify(..)
            | Action::NotifyAbout(..)
            | Action::ClearNotices
            | Action::Dismiss(_)
            | Action::Started => {}
        }
    }

    fn scenario_names_fresh(&self) -> String {
        (1..).map(|i| format!("task{i}")).find(|n| self.tasks.iter().all(|t| &t.name != n)).unwrap_or_default()
    }
}

impl Reducible for EditState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &EditState) -> (u64, u64, u64) {
        let t = &s.tasks[0];
        (t.uid, t.steps[0].uid, t.steps[0].fields[0].uid)
    }

    #[test]
    fn bad_durations_keep_the_text_and_block_the_run() {
        let mut s = EditState::default();
        let (t, st, f) = ids(&s);
        for (text, needle) in
            [("", "enter"), ("-5", "negative"), ("1.5", "whole"), ("abc", "not a number"), ("99999999999999999999", "too large")]
        {
            s.apply(Action::SetField(t, st, f, text.into()));
            let field = &s.tasks[0].steps[0].fields[0];
            assert_eq!(field.text, text);
            assert!(field.error.as_deref().unwrap_or("").contains(needle), "{text}: {:?}", field.error);
            assert!(s.scenario().unwrap_err().contains("fix the highlighted duration"));
        }
        s.apply(Action::SetField(t, st, f, "3000000000".into()));
        assert_eq!(s.scenario().unwrap().tasks[0].steps, [Step::Sleep(3_000_000_000)]);
    }

    #[test]
    fn zero_tasks_is_reported() {
        let mut s = EditState::default();
        let uid = s.tasks[0].uid;
        s.apply(Action::RemoveTask(uid));
        assert!(s.scenario().unwrap_err().contains("no tasks"));
    }

    #[test]
    fn step_limits_give_notices() {
        let mut s = EditState::default();
        let t = s.tasks[0].uid;
        for _ in 0..10_000 {
            s.apply(Action::AddStep(t, StepKind::Yield));
        }
        assert_eq!(s.tasks[0].steps.len(), MAX_STEPS);
        assert!(s.notices.last().unwrap().text.contains("at most 64 steps"));
        assert!(s.notices.len() <= MAX_NOTICES);
        assert!(s.scenario().is_ok());
    }

    #[test]
    fn renames_are_validated_and_names_stay_unique() {
        let mut s = EditState::default();
        s.apply(Action::AddTask);
        let (a, b) = (s.tasks[0].uid, s.tasks[1].uid);
        s.apply(Action::Rename(b, "howdy".into()));
        assert_eq!(s.tasks[1].name_error.as_deref(), Some("another task has this name"));
        assert!(s.scenario().is_err());
        s.apply(Action::Rename(b, "<img src=x>".into()));
        assert!(s.tasks[1].name_error.is_some());
        s.apply(Action::Rename(b, "second".into()));
        assert!(s.scenario().is_ok());
        s.apply(Action::Rename(a, String::new()));
        assert!(s.tasks[0].name_error.is_some());
    }

    #[test]
    fn a_clash_clears_when_the_other_task_is_renamed_or_removed() {
        let mut s = EditState::default();
        s.apply(Action::AddTask);
        s.apply(Action::AddTask);
        let (a, b, c) = (s.tasks[0].uid, s.tasks[1].uid, s.tasks[2].uid);
        s.apply(Action::Rename(b, "howdy".into()));
        assert!(s.tasks[0].name_error.is_some() && s.tasks[1].name_error.is_some(), "both clashing tasks say so");
        s.apply(Action::Rename(a, "first".into()));
        assert_eq!((s.tasks[0].name_error.as_ref(), s.tasks[1].name_error.as_ref()), (None, None), "renaming the other ends it");
        assert!(s.scenario().is_ok(), "and Run is allowed again");
        s.apply(Action::Rename(c, "howdy".into()));
        assert!(s.scenario().is_err());
        s.apply(Action::RemoveTask(b));
        assert!(s.tasks.iter().all(|t| t.name_error.is_none()), "removing the other ends it");
        assert!(s.scenario().is_ok());
    }

    #[test]
    fn kinds_and_branches_keep_typed_values() {
        let mut s = EditState::default();
        let (t, st, f) = ids(&s);
        s.apply(Action::SetField(t, st, f, "250".into()));
        s.apply(Action::SetKind(t, st, StepKind::Select));
        s.apply(Action::AddBranch(t, st));
        // The typed 250 stays; the second default fills the new slot; the branch comes last.
        assert_eq!(s.scenario().unwrap().tasks[0].steps, [Step::Select(vec![250, 1500, 1000])]);
        let uids: Vec<u64> = s.tasks[0].steps[0].fields.iter().map(|f| f.uid).collect();
        for uid in uids {
            s.apply(Action::RemoveBranch(t, st, uid));
        }
        assert_eq!(s.tasks[0].steps[0].fields.len(), 1, "a select keeps at least one timer");
        s.apply(Action::SetKind(t, st, StepKind::Yield));
        assert_eq!(s.scenario().unwrap().tasks[0].steps, [Step::Yield]);
    }

    #[test]
    fn uids_are_stable_across_removals_and_map_to_positions() {
        let mut s = EditState::default();
        s.apply(Action::AddTask);
        s.apply(Action::AddTask);
        let keep = s.tasks[2].uid;
        let gone = s.tasks[1].uid;
        s.apply(Action::RemoveTask(gone));
        assert_eq!(s.tasks[1].uid, keep);
        let refs = s.step_refs();
        let t = &s.tasks[1];
        assert_eq!(refs[&(t.uid, t.steps[0].uid, t.steps[0].fields[0].uid)], StepRef { task: 1, step: 0, branch: 0 });
    }

    #[test]
    fn a_loaded_scenario_that_is_a_preset_keeps_its_title_until_its_tasks_change() {
        let mut s = EditState::default();
        s.apply(Action::Load(preset("select").unwrap().scenario()));
        assert_eq!(s.preset, Some("select"));
        s.apply(Action::SetMode(RunMode::Manual));
        assert_eq!(s.preset, Some("select"), "the mode is not part of the preset's tasks");
        s.apply(Action::AddTask);
        assert_eq!(s.preset, None);
    }

    #[test]
    fn notices_do_not_stack_up() {
        let mut s = EditState::default();
        for _ in 0..5 {
            s.apply(Action::Notify(Level::Info, "same".into()));
        }
        assert_eq!(s.notices.len(), 1);
        s.apply(Action::NotifyAbout("edit", Level::Info, "will use 300 ms".into()));
        s.apply(Action::NotifyAbout("edit", Level::Info, "will use 400 ms".into()));
        assert_eq!(s.notices.len(), 2);
        assert_eq!(s.notices[1].text, "will use 400 ms");
        s.apply(Action::LoadPreset("join".into()));
        assert!(s.notices.is_empty(), "a new scenario starts with a clean slate");
    }

    #[test]
    fn a_preset_keeps_the_chosen_mode_and_a_duration_edit_needs_no_new_run() {
        let mut s = EditState::default();
        s.apply(Action::SetMode(RunMode::AnimationFrame));
        s.apply(Action::SetSlowMotion(400));
        s.apply(Action::LoadPreset("join".into()));
        assert_eq!((s.mode, s.slow_motion_ms), (RunMode::AnimationFrame, 400));
        s.apply(Action::Started);
        let (t, st, f) = ids(&s);
        s.apply(Action::SetField(t, st, f, "123".into()));
        assert!(!s.changed);
        assert_eq!(s.preset, None, "no longer the preset's tasks");
        s.apply(Action::AddTask);
        assert!(s.changed);
    }

    #[test]
    fn presets_load_and_unknown_ones_are_refused() {
        let mut s = EditState::default();
        s.apply(Action::LoadPreset("thousand".into()));
        assert_eq!(s.tasks.len(), 1000);
        assert_eq!(s.preset, Some("thousand"));
        s.apply(Action::LoadPreset("<script>".into()));
        assert_eq!(s.notices.last().unwrap().level, Level::Error);
        s.apply(Action::AddTask);
        assert!(s.notices.last().unwrap().text.contains("at most 1000 tasks"));
    }

    #[test]
    fn back_to_the_form_can_be_undone_and_an_empty_form_opens_an_editor() {
        let mut s = EditState::default();
        s.apply(Action::LoadPreset("own-timer".into()));
        let code = s.code.clone().expect("a program preset");
        s.apply(Action::SetCode(format!("{code}// mine\n")));
        s.apply(Action::BackToForm);
        assert!(s.code.is_none());
        assert!(s.notices.iter().any(|n| n.undo && n.text.contains("program was dropped")));
        s.apply(Action::UndoRemove);
        assert_eq!(s.code.as_deref(), Some(format!("{code}// mine\n").as_str()), "the edited program, back");
        assert!(s.notices.iter().all(|n| !n.undo));
        // A form with no tasks still opens the editor, with an empty main.
        s.apply(Action::BackToForm);
        while let Some(t) = s.tasks.first().map(|t| t.uid) {
            s.apply(Action::RemoveTask(t));
        }
        s.apply(Action::EditAsCode);
        assert_eq!(s.code.as_deref(), Some("async fn main() {\n    \n}\n"));
        assert!(s.code_error.is_none());
    }

    #[test]
    fn undo_puts_a_removed_task_back_where_it_was() {
        let mut s = EditState::default();
        s.apply(Action::AddTask);
        s.apply(Action::AddTask);
        let names: Vec<String> = s.tasks.iter().map(|t| t.name.clone()).collect();
        let middle = s.tasks[1].clone();
        s.apply(Action::RemoveTask(middle.uid));
        assert_eq!(s.tasks.len(), 2);
        let notice = s.notices.last().unwrap();
        assert!(notice.undo && notice.text.contains(&middle.name), "{notice:?}");
        s.apply(Action::UndoRemove);
        assert_eq!(s.tasks.iter().map(|t| t.name.clone()).collect::<Vec<_>>(), names);
        assert_eq!(s.tasks[1], middle, "the same task, steps and ids");
        assert!(s.notices.iter().all(|n| !n.undo), "the offer is gone");
        // Only once.
        s.apply(Action::UndoRemove);
        assert_eq!(s.tasks.len(), 3);
        // A new scenario forgets the removed task.
        s.apply(Action::RemoveTask(middle.uid));
        s.apply(Action::LoadPreset("join".into()));
        let before = s.tasks.clone();
        s.apply(Action::UndoRemove);
        assert_eq!(s.tasks, before);
        assert!(s.notices.iter().all(|n| !n.undo));
    }
}
