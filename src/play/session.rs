//! A run of the scenario: the executor, its live timers and the folded trace.
//!
//! # Ground rules
//!
//! - A session is created by Run and dropped by Reset; dropping it drops the executor, which
//!   drops every future and so cancels every timer.
//! - It depends only on `core`, the scenario and the language, and a [`Platform`]: no Yew, so
//!   it is tested natively on the simulator (`src/ui/session_tests.rs` drives it as the editor
//!   does). The UI holds one, in its context.
//! - The panels get a [`Snapshot`]: plain data, cheap to compare, taken a few times a second.
//! - The trace is the one source of truth: the snapshot's queue, timers, tasks and log are the
//!   fold of the trace ([`Replay`]) at the cursor, which follows the run until the learner moves
//!   it back. Only the run's status and the editor's live fields come from the executor.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use crate::core::{
    Config, Event, ExecStats, Executor, Histogram, Platform, Recorder, Replay, Rescheduled, RunMode, RunState, TaskId, TaskMetrics,
    TimerId, TimerStats, TraceView,
};
use crate::play::lang::LiteralEdit;
use crate::play::{Clock, Scenario, ScenarioRun, StepRef};

/// How much virtual time a run on the virtual clock may take: a day.
pub const VIRTUAL_LIMIT_MS: f64 = 86_400_000.0;

/// How many events a virtual run leaves free in its trace when it stops because the trace is
/// full: the most one step (a timer's callback and the polls it sets off) is expected to add.
const TRACE_ROOM: usize = 4096;

/// How many statements a program's run on the virtual clock may execute. That run is computed
/// at once, in the page's own task: with the real clock's budget (20 million), a program that
/// never lets virtual time pass froze the page until it was spent (`loop { sleep(0).await }`:
/// 11 s natively; a gloo `Interval` of 0 ms: 22 s). A tenth of it is still far more than a
/// lesson's program runs (the 1,000-timer preset: 2,000).
pub const VIRTUAL_RUN_BUDGET: u64 = 2_000_000;

/// How many recent events the event log can show.
pub const LOG_EVENTS: usize = 2000;

/// What a Run click runs first, in little: `fn main` spawning tasks, `sleep`, `join!`,
/// `select!`, `yield_now`, the book's `TimerFuture`, a hand-written `impl Future` that wakes
/// itself, and `println!`. See [`warm_up`].
const WARM_UP: &str = "use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    left: u32,
}

impl Future for Countdown {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.left == 0 {
            return Poll::Ready(());
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

fn main() {
    spawn(a());
    spawn(b());
}

async fn a() {
    join!(sleep(5), sleep(10));
    yield_now().await;
    TimerFuture::new(Duration::from_millis(5)).await;
    Countdown { left: 3 }.await;
    println!(\"a {}\", 1);
}

async fn b() {
    select! { _ = sleep(3) => {}, _ = sleep(8) => {} }
}
";

/// Runs a small program ([`WARM_UP`]) start to finish on the virtual clock, and takes the
/// snapshot the panels would draw of it, and drops them (see [`warm_up_once`]).
///
/// A browser compiles a wasm function the first time it is called: the page's first Run click
/// compiled the evaluator, the executor's recording and the snapshot as it went. With the
/// 1,000-timer preset, starting its program took 19-22 ms of the click's task in Chromium 148,
/// and 2 ms for a second Run on the same page.
pub fn warm_up() -> Result<(Session, Snapshot), String> {
    let scenario = Scenario { clock: Clock::Virtual, program: Some(WARM_UP.to_string()), ..Scenario::default() };
    let mut session = Session::start(scenario, HashMap::new(), Rc::new(crate::core::SimPlatform::new()), false, 1000)?;
    session.pump();
    let snapshot = session.snapshot();
    Ok((session, snapshot))
}

thread_local! {
    static WARMED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// [`warm_up`], the first time it is called on this thread (the page's), and nothing after.
/// The page calls it when it has first shown (not an embed: a page of ten embeds that nobody
/// touches would keep ten warmed-up memories), and when the pointer or the focus first comes
/// onto Run.
pub fn warm_up_once() {
    if !WARMED.with(|w| w.replace(true)) {
        drop(warm_up());
    }
}

/// Where a run stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Tasks are ready or timers are pending, and the executor drains.
    Running,
    /// Automatic draining is paused (Step still polls).
    Paused,
    /// Nothing is ready and no timer is pending, yet some tasks are not done: they are stuck.
    Stuck,
    /// A trace read from a file: replayed, read-only; nothing runs.
    Imported,
    /// Every task finished.
    Finished,
}

/// A pending timer, for the executor panel.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingTimer {
    /// Which timer.
    pub id: TimerId,
    /// The task that armed it.
    pub task: Option<TaskId>,
    /// Its deadline, in ms since the run started.
    pub deadline: f64,
    /// How long until it is due.
    pub remaining: f64,
}

/// What the panels show, taken from a session at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// Events folded so far (changes whenever anything happened).
    pub version: u64,
    /// Milliseconds since the run started.
    pub now: f64,
    /// The run mode.
    pub mode: RunMode,
    /// Where the run stands.
    pub status: Status,
    /// The ready queue, front first.
    pub ready: Vec<TaskId>,
    /// Pending timers, soonest first.
    pub timers: Vec<PendingTimer>,
    /// Per-task metrics.
    pub metrics: Rc<Vec<TaskMetrics>>,
    /// The latest events (at most [`LOG_EVENTS`]).
    pub events: Rc<Vec<Event>>,
    /// Task names.
    pub names: Rc<HashMap<TaskId, Rc<str>>>,
    /// When the run started, in clock ms (event times minus this are run-relative).
    pub started_at: f64,
    /// Executor counters.
    pub stats: ExecStats,
    /// Timer counters.
    pub timer_stats: TimerStats,
    /// Events the trace dropped before the view read them.
    pub missed: u64,
    /// Editor fields whose timer is pending right now.
    pub live_fields: Rc<HashSet<(u64, u64, u64)>>,
    /// Events recorded in all (the log holds the latest [`LOG_EVENTS`]).
    pub total_events: u64,
    /// Where the playhead is, when the learner moved it back: the panels show the run as it was
    /// after that many events.
    pub cursor: Option<Cursor>,
    /// Where replayable history starts (events before it were dropped over the trace's cap).
    pub first_seq: u64,
    /// How many events the run keeps (the trace's cap).
    pub history: usize,
    /// The run's length so far: the time of its last event, in ms since it started.
    pub span: f64,
    /// Per task, its poll times and its wake-to-poll (scheduled) latencies, from the trace.
    pub histograms: Rc<HashMap<TaskId, (Histogram, Histogram)>>,
    /// When the scenario is a program: its source, console, await tree and lit lines.
    pub program: Option<Rc<ProgramView>>,
    /// The length in lines of a program the form wrote that is too long to show.
    pub program_hidden: Option<usize>,
}

/// A task's name, or its id where the run has no name for it (an imported trace may not).
pub fn task_name(names: &HashMap<TaskId, Rc<str>>, task: TaskId) -> String {
    names.get(&task).map_or_else(|| task.to_string(), |n| n.to_string())
}

impl Snapshot {
    /// A task's name (see [`task_name`]).
    pub fn name(&self, task: TaskId) -> String {
        task_name(&self.names, task)
    }
}

/// A playhead moved back from "now".
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cursor {
    /// Events applied: the panels show the state after events `0..seq`.
    pub seq: u64,
    /// The time of the last of them, in ms since the run started.
    pub at: f64,
    /// The last of them (events in one poll share a time: this tells them apart).
    pub last: Option<Event>,
    /// Whether its task is one of the program's own executor's.
    pub guest: bool,
}

/// One run.
pub struct Session {
    exec: Executor<Recorder>,
    view: TraceView,
    refs: HashMap<(u64, u64, u64), StepRef>,
    names: Rc<HashMap<TaskId, Rc<str>>>,
    ids: Vec<TaskId>,
    started_at: f64,
    scenario: Scenario,
    /// Tasks with a warning as of the last snapshot, for the timeline's lane labels.
    warned: std::cell::RefCell<HashSet<TaskId>>,
    /// The trace folded, with checkpoints for seeking.
    replay: Replay,
    /// The playhead, when moved back from "now" (`None` follows the run).
    cursor: Option<u64>,
    /// A trace read from a file: nothing runs, and "now" is its last event.
    imported: bool,
    /// An imported run's program text and its lines, when the file carried its scenario.
    imported_source: Option<(Rc<str>, Rc<crate::play::lang::Lines>)>,
    /// The time the playhead was put at (ms since the run started), when it was put at a time
    /// rather than at an event: the panels show that moment (a timer 1,000 ms from due).
    cursor_time: Option<f64>,
    /// The scenario's program running (a form's tasks written as one, or the learner's); `None`
    /// for an imported trace.
    program: Option<ScenarioRun>,
    /// On the virtual clock, when the run stopped at [`VIRTUAL_LIMIT_MS`] with a timer still
    /// pending: that timer's due time, ms since the run started.
    cut_off: Option<f64>,
    /// On the virtual clock, whether the run stopped because its trace was full (before the
    /// day was over).
    trace_full: bool,
}

/// A program the step form wrote is shown up to this many lines.
pub const GENERATED_PROGRAM_LINES: usize = 300;

/// The console shows this many of the latest lines.
pub const CONSOLE_LINES: usize = 200;

/// What the program panels show: the learner's source, its console, and where tasks wait.
#[derive(Clone, Debug, PartialEq)]
pub struct ProgramView {
    /// The source.
    pub source: Rc<str>,
    /// Where its lines start.
    pub lines: Rc<crate::play::lang::Lines>,
    /// Whether the playground wrote it, from the step form's tasks.
    pub generated: bool,
    /// Console lines up to the playhead: the latest [`CONSOLE_LINES`].
    pub console: Vec<crate::play::lang::Output>,
    /// How many earlier lines there are.
    pub console_hidden: usize,
    /// Each task's await points, outermost first: live, or as of the playhead (where each task
    /// was parked after its latest poll).
    pub await_tree: Vec<(TaskId, Vec<(crate::play::lang::Span, &'static str)>)>,
    /// Whether the await tree shows a rewound moment (innermost awaits only).
    pub rewound: bool,
    /// Tasks that ended in an error (`false`) or a panic (`true`) at the playhead.
    pub failed: Vec<(TaskId, bool)>,
    /// The lines to light, 0-based, with why: where each task waits, and the `sleep(…)` of
    /// the timer event at the playhead.
    pub lit: Vec<(usize, String)>,
}

impl ProgramView {
    /// A program before it runs: its text, nothing lit, an empty console.
    pub fn not_run(source: Rc<str>) -> Rc<ProgramView> {
        let lines = Rc::new(crate::play::lang::Lines::new(&source));
        Rc::new(ProgramView {
            source,
            lines,
            generated: false,
            console: Vec::new(),
            console_hidden: 0,
            await_tree: Vec::new(),
            rewound: false,
            failed: Vec::new(),
            lit: Vec::new(),
        })
    }
}

impl Session {
    /// Starts the editor's scenario on `platform`, paused if asked (for stepping from the start).
    ///
    /// On the virtual clock the platform is a simulated event loop instead, and the whole run
    /// happens here, at once (up to [`VIRTUAL_LIMIT_MS`] of virtual time).
    ///
    /// The run keeps its latest `history` events for replay.
    ///
    /// `refs` names where each of the step form's number fields lives in the program (see
    /// [`crate::play::Scenario::to_program`]), for live edits from the form; empty for a program.
    pub fn start(
        scenario: Scenario,
        refs: HashMap<(u64, u64, u64), StepRef>,
        platform: Rc<dyn Platform>,
        paused: bool,
        history: usize,
    ) -> Result<Session, String> {
        let sim = (scenario.clock == Clock::Virtual).then(crate::core::SimPlatform::new);
        let platform: Rc<dyn Platform> = match &sim {
            Some(sim) => Rc::new(sim.clone()),
            None => platform,
        };
        // The scenario's run mode, slow motion and timer backend are set by `ScenarioRun::start`.
        let exec = Executor::new(platform, Config { trace_cap: history, ..Config::default() });
        if paused && sim.is_none() {
            exec.pause();
        }
        if sim.is_none() {
            // The started run's page is built before its first polls, which come in a task of
            // their own (see `paint_first`).
            exec.paint_first();
        }
        let started_at = exec.now();
        let program = ScenarioRun::start(&exec, &scenario)?;
        let mut trace_full = false;
        if let Some(sim) = &sim {
            program.run().set_run_budget(VIRTUAL_RUN_BUDGET);
            // Manual mode drains only on Step: run it as the microtask mode would, so the whole
            // run appears at once whatever the mode.
            if scenario.mode == RunMode::Manual {
                exec.set_mode(RunMode::Microtask);
            }
            // The frame mode drains on animation frames, which the simulator runs only when told
            // to (it stopped before the first, and the run stood still with its tasks ready).
            // With the page's whole history (not a lower `?history=` the page was asked to keep,
            // whose run keeps its last events), the run stops before its trace is full, so that
            // it drops none of it (its first console lines among them: a forgotten 100 ms
            // `Interval` fires 864,000 times a day).
            let whole = history >= crate::core::DEFAULT_TRACE_CAP;
            let room = |t: &crate::core::Trace| !whole || t.len() + TRACE_ROOM < t.cap() && t.dropped() == 0;
            let frames = scenario.mode == RunMode::AnimationFrame;
            trace_full = sim.run_until_idle_while(VIRTUAL_LIMIT_MS, frames, &|| exec.with_trace(room));
        }
        let cut_off = sim.as_ref().and_then(|s| s.next_due()).map(|due| due - started_at);
        let names = program.run().names();
        let ids = program.tasks();
        Ok(Session {
            exec,
            view: TraceView::new(),
            refs,
            names: Rc::new(names),
            ids,
            started_at,
            scenario,
            warned: Default::default(),
            replay: Replay::new(Replay::DEFAULT_EVERY),
            cursor: None,
            imported: false,
            imported_source: None,
            cursor_time: None,
            program: Some(program),
            cut_off,
            trace_full,
        })
    }

    /// A read-only replay of a trace read from a file. It runs no code: its executor (on a
    /// simulated clock, never advanced) has no tasks, and holds the trace only to show it.
    ///
    /// With the `scenario` the file carries, the panels show its program, lit as it ran.
    pub fn imported(trace: crate::core::Trace, scenario: Option<Scenario>) -> Session {
        // It never gets a task, so its run mode is never used: the default one.
        let exec = Executor::new(Rc::new(crate::core::SimPlatform::new()), Config::default());
        let started_at = trace.iter().next().map_or(0.0, |e| e.at);
        let names: HashMap<TaskId, Rc<str>> = trace.names().iter().enumerate().map(|(i, n)| (TaskId(i as u64 + 1), n.clone())).collect();
        let mut ids: Vec<TaskId> = names.keys().copied().collect();
        crate::core::sort(&mut ids);
        exec.replace_trace(trace);
        Session {
            exec,
            view: TraceView::new(),
            refs: HashMap::new(),
            names: Rc::new(names),
            ids,
            started_at,
            imported_source: scenario.as_ref().map(|s| {
                let source: Rc<str> = match &s.program {
                    Some(p) => Rc::from(p.as_str()),
                    None => Rc::from(s.to_program_mapped().0),
                };
                let lines = Rc::new(crate::play::lang::Lines::new(&source));
                (source, lines)
            }),
            scenario: scenario.unwrap_or_default(),
            warned: Default::default(),
            replay: Replay::new(Replay::DEFAULT_EVERY),
            cursor: None,
            imported: true,
            program: None,
            cursor_time: None,
            cut_off: None,
            trace_full: false,
        }
    }

    /// The scenario to write into an exported trace, as a share link's text: this run's, with
    /// its program as it ran (live edits included).
    /// `None` for an imported run whose file carried no scenario.
    pub fn scenario_text(&self) -> Option<String> {
        if self.imported && self.imported_source.is_none() {
            return None;
        }
        let mut s = self.scenario.clone();
        if let (Some(_), Some(program)) = (&s.program, &self.program) {
            s.program = Some(program.source().to_string());
        }
        if let (true, Some((source, _))) = (s.program.is_some(), &self.imported_source) {
            s.program = Some(source.to_string());
        }
        Some(crate::play::encode_share(&s))
    }

    /// Whether this is a trace read from a file.
    pub fn is_imported(&self) -> bool {
        self.imported
    }

    /// Folds new events into the view. Returns how many there were.
    pub fn pump(&mut self) -> usize {
        let before = self.view.event_count();
        let batch = self.exec.events_since(self.view.next_seq());
        self.view.apply(&batch);
        // A program spawns tasks as it runs: their names arrive with them.
        if let Some(run) = self.program.as_ref().map(ScenarioRun::run) {
            if run.task_count() != self.names.len() {
                self.names = Rc::new(run.names());
                self.ids = {
                    let mut ids: Vec<TaskId> = self.names.keys().copied().collect();
                    crate::core::sort(&mut ids);
                    ids
                };
            }
        }
        let replay = &mut self.replay;
        self.exec.with_trace(|t| replay.extend(t));
        (self.view.event_count() - before) as usize
    }

    /// The playhead: `None` follows the run.
    pub fn cursor(&self) -> Option<u64> {
        self.cursor
    }

    /// Moves the playhead by `events` (negative: back), within the recorded history. Moving
    /// forward onto the newest event keeps the playhead there; [`Session::follow`] returns to
    /// following the run.
    pub fn step_cursor(&mut self, events: i64) {
        let (first, last) = (self.replay.first_seq(), self.replay.live().next_seq);
        let from = self.cursor.unwrap_or(last);
        let to = if events < 0 { from.saturating_sub(events.unsigned_abs()) } else { from.saturating_add(events as u64) };
        self.cursor = Some(to.clamp(first, last));
        self.cursor_time = None;
    }

    /// Puts the playhead after `seq` events (clamped to the recorded history).
    pub fn seek(&mut self, seq: u64) {
        let (first, last) = (self.replay.first_seq(), self.replay.live().next_seq);
        self.cursor = Some(seq.clamp(first, last));
        self.cursor_time = None;
    }

    /// The playhead's time in ms since the run started, when it was moved back from "now".
    pub fn cursor_at(&self) -> Option<f64> {
        let c = self.cursor.filter(|&c| c < self.replay.live().next_seq)?;
        if let Some(ms) = self.cursor_time {
            return Some(ms);
        }
        let at = self.exec.with_trace(|t| if c == 0 { None } else { t.since(c - 1).next().map(|e| e.at) });
        Some(at.unwrap_or(self.started_at) - self.started_at)
    }

    /// Moves the playhead to just after the next (or previous) poll ends: the state a poll left.
    pub fn step_poll(&mut self, forward: bool) {
        let last = self.replay.live().next_seq;
        let from = self.cursor.unwrap_or(last);
        let polled = |e: &crate::core::Event| matches!(e.kind, crate::core::EventKind::Polled { .. });
        let to = self.exec.with_trace(|t| {
            if forward {
                t.since(from).find(polled).map(|e| e.seq + 1)
            } else {
                // Back over the latest poll that started before the playhead, to the end of the
                // one before it (a poll's aftermath, such as its Completed event, goes with it).
                let started = |e: &crate::core::Event| e.kind == crate::core::EventKind::PollStarted;
                let current = t.iter().take_while(|e| e.seq + 1 < from).filter(started).last().map(|e| e.seq)?;
                t.iter().take_while(|e| e.seq < current).filter(polled).last().map(|e| e.seq + 1)
            }
        });
        let to = to.unwrap_or(if forward { last } else { self.replay.first_seq() });
        self.seek(to);
    }

    /// Moves the playhead to just after the next timer fires (from the playhead, or from the start
    /// when it follows the run). Returns false if no timer fires after it.
    pub fn seek_next_timer(&mut self) -> bool {
        let from = self.cursor.unwrap_or(self.replay.first_seq());
        let next = self
            .exec
            .with_trace(|t| t.since(from).find(|e| matches!(e.kind, crate::core::EventKind::TimerFired { .. })).map(|e| e.seq + 1));
        match next {
            Some(seq) => {
                self.seek(seq);
                true
            }
            None => false,
        }
    }

    /// Whether this run is on the virtual clock (it happened all at once, at Run).
    pub fn is_virtual(&self) -> bool {
        self.scenario.clock == Clock::Virtual
    }

    /// Moves the playhead to `ms` after the run started: after the last event at or before it.
    pub fn seek_time(&mut self, ms: f64) {
        let at = self.started_at + ms;
        let seq = self.exec.with_trace(|t| Replay::seq_at_time(t, at)).unwrap_or(self.replay.first_seq());
        self.seek(seq);
        self.cursor_time = Some(ms.max(0.0));
    }

    /// The run's length so far, in ms: the time of its last event.
    pub fn span(&self) -> f64 {
        self.exec.with_trace(|t| t.last().map_or(0.0, |e| e.at - self.started_at)).max(0.0)
    }

    /// The playhead follows the run again.
    pub fn follow(&mut self) {
        self.cursor = None;
        self.cursor_time = None;
    }

    /// The run's state at the playhead (the newest, when following).
    fn state(&self) -> std::borrow::Cow<'_, RunState> {
        match self.cursor {
            Some(c) if c < self.replay.live().next_seq => match self.exec.with_trace(|t| self.replay.state_at(t, c)) {
                Some(s) => std::borrow::Cow::Owned(s),
                None => std::borrow::Cow::Borrowed(self.replay.live()),
            },
            _ => std::borrow::Cow::Borrowed(self.replay.live()),
        }
    }

    /// The executor.
    pub fn exec(&self) -> &Executor<Recorder> {
        &self.exec
    }

    /// The folded trace.
    pub fn view(&self) -> &TraceView {
        &self.view
    }

    /// The scenario this run started from.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// The task ids, in scenario order.
    pub fn task_ids(&self) -> &[TaskId] {
        &self.ids
    }

    /// A task's name.
    pub fn name(&self, task: TaskId) -> Rc<str> {
        self.names.get(&task).cloned().unwrap_or_else(|| Rc::from(task.to_string().as_str()))
    }

    /// How many tasks had a warning at the last snapshot.
    pub fn warned_count(&self) -> usize {
        self.warned.borrow().len()
    }

    /// Whether a task had a warning at the last snapshot.
    pub fn warned(&self, task: TaskId) -> bool {
        self.warned.borrow().contains(&task)
    }

    /// The task at the front of the ready queue: the one Step polls next.
    pub fn next_to_poll(&self) -> Option<Rc<str>> {
        self.view.ready_queue().next().map(|t| self.name(t))
    }

    /// When the run started, in clock ms.
    pub fn started_at(&self) -> f64 {
        self.started_at
    }

    /// Milliseconds since the run started.
    pub fn elapsed(&self) -> f64 {
        if self.imported {
            return self.exec.with_trace(|t| t.last().map_or(self.started_at, |e| e.at)) - self.started_at;
        }
        self.exec.now() - self.started_at
    }

    /// Applies a duration edit to the timer of that field in this run: its number in the
    /// program is rewritten, which reschedules the timer if it is pending, or is used when its
    /// step starts. `None` if the field is not part of this run (it was added after Run).
    /// Deadlines in the answer are relative to the run's start.
    pub fn live_edit(&mut self, field: (u64, u64, u64), ms: u64) -> Option<LiteralEdit> {
        let at = *self.refs.get(&field)?;
        let started_at = self.started_at;
        Some(match self.program.as_mut()?.edit_field(at, ms)? {
            LiteralEdit::Rescheduled(r) => LiteralEdit::Rescheduled(Rescheduled {
                old_deadline: r.old_deadline - started_at,
                new_deadline: r.new_deadline - started_at,
                ..r
            }),
            other => other,
        })
    }

    /// On the virtual clock, a run that reached [`VIRTUAL_LIMIT_MS`] of virtual time with a timer
    /// still pending stops there: the due time of the next timer it did not fire (ms since the
    /// run started). `None` for a run that ended within the day, and on the real clock.
    pub fn cut_off(&self) -> Option<f64> {
        self.cut_off
    }

    /// On the virtual clock, whether the run stopped (at [`Session::elapsed`]) because its trace
    /// was full, before the day was over: it kept every event it recorded.
    pub fn trace_full(&self) -> bool {
        self.trace_full
    }

    /// Where the run stands.
    pub fn status(&self) -> Status {
        if self.imported {
            Status::Imported
        } else if self.exec.is_empty() {
            Status::Finished
        } else if self.exec.is_paused() {
            Status::Paused
        } else if self.exec.ready_queue().is_empty() && self.exec.timers().stats().pending == 0 {
            Status::Stuck
        } else {
            Status::Running
        }
    }

    /// What the panels show: the run at the playhead.
    pub fn snapshot(&self) -> Snapshot {
        let state = self.state();
        let rewound = self.cursor.is_some_and(|c| c < self.replay.live().next_seq);
        // Before the first event the playhead is at the run's start.
        let at = self.cursor_time.unwrap_or_else(|| match state.last {
            Some(_) => state.at - self.started_at,
            // A run over its history cap replays from its first kept event, at that event's time.
            None if self.replay.first_seq() > 0 => {
                self.exec.with_trace(|t| t.since(self.replay.first_seq()).next().map_or(0.0, |e| e.at - self.started_at))
            }
            None => 0.0,
        });
        let cursor = self.cursor.map(|seq| Cursor {
            seq,
            at,
            last: state.last,
            guest: state.last.and_then(|e| e.task).is_some_and(|t| self.is_guest(t)),
        });
        let now = if rewound { at } else { self.elapsed() };
        let never_yielded_ms = self.exec.config().never_yielded_ms;
        let metrics = state.metrics(self.started_at + now, never_yielded_ms);
        if !rewound {
            *self.warned.borrow_mut() = metrics.iter().filter(|m| !m.warnings.is_empty()).map(|m| m.id).collect();
        }
        let mut timers: Vec<PendingTimer> = state
            .timers
            .values()
            .map(|t| PendingTimer {
                id: t.id,
                task: t.task,
                deadline: t.deadline - self.started_at,
                remaining: t.deadline - self.started_at - now,
            })
            .collect();
        crate::core::sort_by(&mut timers, |a, b| a.deadline.total_cmp(&b.deadline));
        let end = state.next_seq;
        let events = self.exec.with_trace(|t| {
            let from = end.saturating_sub(LOG_EVENTS as u64);
            t.since(from).take_while(|e| e.seq < end).collect::<Vec<_>>()
        });
        Snapshot {
            version: state.next_seq,
            now,
            mode: self.exec.mode(),
            status: self.status(),
            ready: state.ready.iter().copied().collect(),
            timers,
            metrics: Rc::new(metrics),
            events: Rc::new(events),
            names: self.names.clone(),
            started_at: self.started_at,
            stats: if rewound || self.imported {
                ExecStats { polls: state.polls(), spawned: state.tasks.len() as u64, ticks: state.ticks, yields: state.budget_stops }
            } else {
                self.exec.stats()
            },
            timer_stats: if rewound || self.imported { state.timer_stats } else { self.exec.timers().stats() },
            missed: self.view.missed(),
            live_fields: Rc::new(match &self.program {
                Some(p) => self.refs.iter().filter(|(_, at)| p.field_pending(**at)).map(|(k, _)| *k).collect(),
                None => Default::default(),
            }),
            total_events: self.exec.with_trace(|t| t.total()),
            cursor,
            first_seq: self.replay.first_seq(),
            history: self.exec.with_trace(|t| t.cap()),
            span: self.span(),
            histograms: Rc::new(state.tasks.iter().map(|t| (t.id, (t.poll_times, t.scheduled_times))).collect()),
            program: self.program_view(&state, now, rewound),
            program_hidden: self
                .program
                .as_ref()
                .map(|p| p.lines().count())
                .filter(|&n| self.scenario.program.is_none() && n > GENERATED_PROGRAM_LINES),
        }
    }

    /// The program panels at the playhead, all from the trace folded to the cursor: the console
    /// is the program's notes so far, where each task waits is its last `Parked` list, and the
    /// lit lines are what the program named in the current poll and the timer at the playhead.
    fn program_view(&self, state: &RunState, now: f64, rewound: bool) -> Option<Rc<ProgramView>> {
        use crate::core::{EventKind, NoteKind, SourceKind};
        use crate::play::lang::{Line, Output, Span};
        let (source, lines) = match (&self.program, &self.imported_source) {
            (Some(program), _) => (program.source(), program.lines()),
            (None, Some((source, lines))) => (source, lines),
            (None, None) => return None,
        };
        // A long program the form wrote (its 1,000-timer preset is 4,000 lines of near-identical
        // functions) says nothing the timeline does not, and would cost every refresh.
        if self.scenario.program.is_none() && lines.count() > GENERATED_PROGRAM_LINES {
            return None;
        }
        let _ = now;
        let line = |span: Span| lines.line(span).saturating_sub(1);
        let started_at = self.started_at;
        self.exec.with_trace(|trace| {
            // Where a task waits at the playhead: after its last finished poll (a poll under
            // way resumes from where the one before it parked).
            let parked = |t: &crate::core::TaskFold| -> Vec<(Span, &'static str)> {
                if t.state == crate::core::TaskState::Done || t.parked == u32::MAX {
                    return Vec::new();
                }
                trace
                    .list(t.parked)
                    .chunks_exact(3)
                    .map(|c| (Span { start: c[0], end: c[1] }, crate::play::lang::await_kind(c[2])))
                    .collect()
            };
            let mut lit: Vec<(usize, String)> = Vec::new();
            for t in &state.tasks {
                for (span, _) in parked(t) {
                    let why = match t.state {
                        crate::core::TaskState::Running => "is being polled: it resumed here",
                        _ if t.queued => "woken: polled next from here",
                        _ => "waits here",
                    };
                    lit.push((line(span), format!("{} {why}", t.name)));
                }
            }
            // What the program named in the poll at the playhead: the lines of a hand-written
            // poll that ran, where a waker was cloned, what woke a task.
            for &(why, start, end, task) in &state.sources {
                let who = task.and_then(|t| state.task(t)).map_or_else(|| "a timer's callback".to_string(), |t| t.name.to_string());
                let what = match why {
                    SourceKind::Ran => format!("ran in {who}'s poll"),
                    SourceKind::Clone => format!("{who}'s waker is cloned here"),
                    SourceKind::Wake => "a wake comes from here".to_string(),
                    SourceKind::Unpolled => "a future made here is dropped unpolled".to_string(),
                    SourceKind::Stale => format!("{who} awaits a future here that holds another task's waker: a stale waker"),
                    SourceKind::Timer | SourceKind::SelfWaker => continue,
                };
                lit.push((line(Span { start, end }), what));
            }
            let timer_source = match state.last.map(|e| e.kind) {
                Some(EventKind::TimerFired { timer, .. } | EventKind::TimerCancelled { timer }) => {
                    state.ended_timer.filter(|(t, _)| *t == timer).and_then(|(t, s)| s.map(|s| (t, s)))
                }
                Some(k) => k.timer().and_then(|t| state.timers.get(&t).and_then(|p| p.source.map(|s| (t, s)))),
                None => None,
            };
            if let Some((timer, (start, end))) = timer_source {
                lit.push((line(Span { start, end }), format!("{timer} was made here")));
            }
            // The console: the notes folded so far, the latest CONSOLE_LINES of them.
            let notes = trace.notes();
            let upto = usize::try_from(state.notes).unwrap_or(usize::MAX).min(notes.len());
            let from = upto.saturating_sub(CONSOLE_LINES);
            let console: Vec<Output> = notes[from..upto]
                .iter()
                .filter_map(|&seq| trace.get(seq))
                .filter_map(|e| match e.kind {
                    EventKind::Note { kind, text, start, end } => Some(Output {
                        at: e.at - started_at,
                        task: e.task,
                        kind: match kind {
                            NoteKind::Print => Line::Print,
                            NoteKind::Notice => Line::Note,
                            NoteKind::Error | NoteKind::Panic => Line::Error,
                        },
                        span: (start != u32::MAX).then_some(Span { start, end }),
                        text: trace.text(text).to_string(),
                    }),
                    _ => None,
                })
                .collect();
            let await_tree = state.tasks.iter().map(|t| (t.id, parked(t))).filter(|(_, f)| !f.is_empty()).collect();
            Some(Rc::new(ProgramView {
                source: source.clone(),
                lines: lines.clone(),
                generated: self.scenario.program.is_none(),
                console,
                console_hidden: from,
                await_tree,
                lit,
                rewound,
                failed: state.tasks.iter().filter_map(|t| Some((t.id, t.failed?))).collect(),
            }))
        })
    }

    /// The program's text changed while it runs. If only number literals changed, the pending
    /// timers their `sleep`s made are rescheduled, and the run goes on with the new text.
    /// Says what happened, for a notice; `None` when this run has no program.
    pub fn live_code_edit(&mut self, text: &str) -> Option<String> {
        let program = self.program.as_mut()?;
        if **program.source() == *text {
            return Some(String::new());
        }
        let Some(results) = program.edit_text(text) else {
            return Some(
                "The text now differs from the running program in more than numbers: changes apply to the next run (Reset, then Run). \
                 A number inside a sleep(…) changes this run only while the rest of the text is as it ran."
                    .to_string(),
            );
        };
        let now = self.exec.now() - self.started_at;
        let at = |ms: f64| crate::core::fmt_ms(ms - self.started_at);
        let said: Vec<String> = results
            .into_iter()
            .map(|(span, r)| {
                let (line, col) = span.line_col(text);
                match r {
                    LiteralEdit::Rescheduled(r) if r.new_deadline - self.started_at <= now => format!(
                        "line {line}:{col}: {} is already past its new deadline: it fires now (a new duration counts from when the timer was armed)",
                        r.timer
                    ),
                    LiteralEdit::Rescheduled(r) => format!(
                        "line {line}:{col}: {} rescheduled while pending: due at {} instead of {}; its stored waker is kept",
                        r.timer,
                        at(r.new_deadline),
                        at(r.old_deadline)
                    ),
                    LiteralEdit::Refused(e) => format!("line {line}:{col}: could not reschedule: {e}"),
                    LiteralEdit::Upcoming => format!("line {line}:{col}: this sleep has not run yet: it will use the new number when it does"),
                    LiteralEdit::Past => format!(
                        "line {line}:{col}: this sleep's timer is over: the new number applies if it runs again (in a loop), and to the next run"
                    ),
                    LiteralEdit::NextRun => format!("line {line}:{col}: not a sleep's duration: it applies to the next run"),
                }
            })
            .collect();
        Some(said.join(". "))
    }

    /// Whether `e` is the cancel of a timer whose `sleep(…)` was dropped without being awaited:
    /// the program named the unpolled drop just before it, in the trace.
    pub fn unawaited_drop(&self, e: &crate::core::Event) -> bool {
        use crate::core::{EventKind, SourceKind};
        if !matches!(e.kind, EventKind::TimerCancelled { .. }) {
            return false;
        }
        self.exec.with_trace(|t| {
            (1..=3)
                .map_while(|k| e.seq.checked_sub(k).and_then(|s| t.get(s)))
                .take_while(|p| p.kind.is_program())
                .any(|p| matches!(p.kind, EventKind::Source { why: SourceKind::Unpolled, .. }))
        })
    }

    /// Whether `e` is a self-wake (or the Pending after one) of a task that polled
    /// `wake_by_ref_then_pending()`, rather than `yield_now()`: the trace says which task did.
    pub fn self_waker_event(&self, e: &crate::core::Event, lit: &[(&'static str, &'static str)]) -> bool {
        use crate::core::{EventKind, WakeSource};
        let self_wake = match e.kind {
            EventKind::Woken { by: WakeSource::SelfWake } | EventKind::WakeCoalesced { by: WakeSource::SelfWake } => true,
            EventKind::Polled { .. } => lit.contains(&("futures", "yield")),
            _ => false,
        };
        self_wake && e.task.and_then(|t| self.replay.live().task(t)).is_some_and(|t| t.self_waker)
    }

    /// Whether `task` is a task of the program's own executor (a guest task), as far as the
    /// trace has told.
    pub fn is_guest(&self, task: TaskId) -> bool {
        self.replay.live().task(task).is_some_and(|t| t.guest)
    }

    /// The trace, for export.
    pub fn with_trace<R>(&self, f: impl FnOnce(&crate::core::Trace) -> R) -> R {
        self.exec.with_trace(f)
    }
}
