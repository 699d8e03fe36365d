//! A scenario running: its program on an executor, and live edits of its numbers.
//!
//! # Ground rules
//!
//! - One way to run. A step-form scenario is written as a program first
//!   ([`Scenario::to_program`]); then a form's scenario and a typed program run alike, through
//!   [`crate::play::lang`].
//! - A live edit is an edit of the program's text: a form field's new duration is its number
//!   literal rewritten, exactly as if the learner had typed it in the code editor.

use std::collections::HashMap;
use std::rc::Rc;

use crate::core::{Executor, Hooks, TaskId};
use crate::play::lang::{self, Lines, LiteralEdit, Run, Span};
use crate::play::scenario::{Scenario, StepRef};

thread_local! {
    /// The step form's program last parsed, by its text (see [`ScenarioRun::prepare`]).
    static PREPARED: std::cell::RefCell<Option<(String, Rc<lang::Program>)>> = const { std::cell::RefCell::new(None) };
}

/// The step form's program `src`, parsed and checked: the prepared one if it is the same text.
fn generated(src: &str) -> Result<Rc<lang::Program>, String> {
    let ready = PREPARED.with(|p| p.borrow().as_ref().filter(|(text, _)| text == src).map(|(_, program)| program.clone()));
    if let Some(program) = ready {
        return Ok(program);
    }
    let program = Rc::new(lang::parse_generated(src).map_err(|e| format!("the tasks' program has an error at {}", e.render(src)))?);
    PREPARED.with(|p| *p.borrow_mut() = Some((src.to_string(), program.clone())));
    Ok(program)
}

/// A scenario's program, started on an executor.
pub struct ScenarioRun {
    run: Run,
    /// The program's text as it is now (live edits rewrite its numbers).
    source: Rc<str>,
    /// Where its lines start.
    lines: Rc<Lines>,
    /// Where each form field's number is in `source` (empty for a typed program).
    fields: HashMap<StepRef, Span>,
}

impl ScenarioRun {
    /// Parses the step form's program for `scenario` ahead of Run (the page calls it once the
    /// form has been left alone a moment), so that Run finds it parsed and checked: the
    /// 1,000-timer preset's 96 KB program is most of what a Run click costs. A program typed in
    /// the editor is not prepared (the editor's own check parses it as the learner types).
    pub fn prepare(scenario: &Scenario) {
        if scenario.program.is_none() {
            let _ = generated(&scenario.to_program());
        }
    }

    /// Starts `scenario` on `exec`: its mode, slow motion and timer backend are applied to the
    /// executor, then its program starts (a form's tasks are written as one first).
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Executor, SimPlatform};
    /// use waker_playground::play::{Scenario, ScenarioRun};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let run = ScenarioRun::start(&exec, &Scenario::default()).unwrap();
    /// sim.run_until_idle(10_000.0);
    /// let howdy = run.tasks()[0];
    /// assert_eq!(exec.task_metrics(howdy).unwrap().completed_at, Some(2000.0));
    /// ```
    pub fn start<H: Hooks>(exec: &Executor<H>, scenario: &Scenario) -> Result<ScenarioRun, String> {
        let (source, fields, parsed) = match &scenario.program {
            Some(src) => (
                src.clone(),
                HashMap::new(),
                Rc::new(lang::parse(src).map_err(|e| format!("the program has an error at {}", e.render(src)))?),
            ),
            None => {
                let (src, fields) = scenario.to_program_mapped();
                let parsed = generated(&src)?;
                (src, fields.into_iter().collect(), parsed)
            }
        };
        exec.set_mode(scenario.mode);
        exec.set_slow_motion(scenario.slow_motion_ms);
        exec.timers().set_backend(scenario.backend);
        let run = lang::start_on(exec, parsed)?;
        let lines = Rc::new(Lines::new(&source));
        Ok(ScenarioRun { run, source: Rc::from(source), lines, fields })
    }

    /// The program running.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// Its text, with live edits.
    pub fn source(&self) -> &Rc<str> {
        &self.source
    }

    /// Where the lines of [`ScenarioRun::source`] start.
    pub fn lines(&self) -> &Rc<Lines> {
        &self.lines
    }

    /// Its tasks, in spawn order: a form's tasks in the form's order.
    pub fn tasks(&self) -> Vec<TaskId> {
        self.run.tasks()
    }

    /// Where the number of the form field `at` is in the text now.
    pub fn field_span(&self, at: StepRef) -> Option<Span> {
        self.fields.get(&at).copied()
    }

    /// Whether the timer of the form field `at` is pending.
    pub fn field_pending(&self, at: StepRef) -> bool {
        self.field_span(at).is_some_and(|s| self.run.literal_pending(s))
    }

    /// The form fields whose timers are pending, in order.
    pub fn pending_fields(&self) -> Vec<StepRef> {
        let mut pending: Vec<StepRef> = self.fields.iter().filter(|(_, s)| self.run.literal_pending(**s)).map(|(f, _)| *f).collect();
        crate::core::sort(&mut pending);
        pending
    }

    /// A new duration for the form field `at`: its number in the program is rewritten, which
    /// reschedules its timer if that is pending, or is used when its step starts. `None` if the
    /// field is not part of this run.
    ///
    /// ```
    /// use std::rc::Rc;
    /// use waker_playground::core::{Config, Executor, SimPlatform};
    /// use waker_playground::play::lang::LiteralEdit;
    /// use waker_playground::play::{Scenario, ScenarioRun, Step, StepRef, TaskSpec};
    ///
    /// let sim = SimPlatform::new();
    /// let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    /// let s = Scenario { tasks: vec![TaskSpec::new("t", vec![Step::Sleep(100), Step::Sleep(100)])], ..Scenario::default() };
    /// let mut run = ScenarioRun::start(&exec, &s).unwrap();
    /// sim.advance(10.0);
    /// let first = StepRef { task: 0, step: 0, branch: 0 };
    /// let second = StepRef { step: 1, ..first };
    /// assert!(matches!(run.edit_field(first, 50), Some(LiteralEdit::Rescheduled(_))));
    /// assert_eq!(run.edit_field(second, 20), Some(LiteralEdit::Upcoming));
    /// assert!(run.source().contains("from_millis(50)"));
    /// sim.run_until_idle(1000.0);
    /// assert_eq!(exec.task_metrics(run.tasks()[0]).unwrap().completed_at, Some(70.0));
    /// assert_eq!(run.edit_field(first, 10), Some(LiteralEdit::Past));
    /// ```
    pub fn edit_field(&mut self, at: StepRef, ms: u64) -> Option<LiteralEdit> {
        let span = self.field_span(at)?;
        let (start, end) = (span.start as usize, span.end as usize);
        let text = format!("{}{ms}{}", self.source.get(..start)?, self.source.get(end..)?);
        // The field's number counts as changed even when it is the same: the edit is made, as
        // the form's Enter asks (a pending timer is re-armed for the same duration).
        let edits = self.apply(&text, Some(span))?;
        edits.into_iter().next().map(|(_, what)| what).or(Some(LiteralEdit::NextRun))
    }

    /// The program's text changed while it runs. If only number literals changed, each changed
    /// `sleep(…)` duration takes effect (see [`Run::apply_literal_edit`]) and the text is
    /// updated; returns what each changed number did. `None` if more than numbers changed:
    /// that applies to the next run only.
    pub fn edit_text(&mut self, text: &str) -> Option<Vec<(Span, LiteralEdit)>> {
        self.apply(text, None)
    }

    /// [`ScenarioRun::edit_text`], with the literal at `edited` (as the text was) counted as
    /// changed whatever its value.
    fn apply(&mut self, text: &str, edited: Option<Span>) -> Option<Vec<(Span, LiteralEdit)>> {
        let mut moved = lang::literal_edit(&self.source, text)?;
        if let Some(m) = moved.iter_mut().find(|m| Some(m.0) == edited) {
            m.3 = true;
        }
        let out = self.run.apply_literal_edit(&moved);
        if !self.fields.is_empty() {
            let to: std::collections::HashMap<Span, Span> = moved.iter().map(|(old, new, ..)| (*old, *new)).collect();
            for span in self.fields.values_mut() {
                *span = to.get(span).copied().unwrap_or(*span);
            }
        }
        self.source = Rc::from(text);
        self.lines = Rc::new(Lines::new(text));
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{Config, SimPlatform};

    #[test]
    fn a_prepared_form_program_is_the_one_run_uses_and_a_changed_form_is_parsed_anew() {
        let sc = crate::play::preset("thousand").map(|p| p.scenario()).unwrap();
        ScenarioRun::prepare(&sc);
        let src = sc.to_program();
        let first = generated(&src).unwrap();
        assert!(Rc::ptr_eq(&first, &generated(&src).unwrap()), "the prepared program is reused");
        let other = crate::play::Scenario::default();
        ScenarioRun::prepare(&other);
        assert!(!Rc::ptr_eq(&first, &generated(&src).unwrap()), "another form's program replaced it");
        // Prepared or not, a run is the same: 1,000 tasks, each done at its own duration.
        ScenarioRun::prepare(&sc);
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let run = ScenarioRun::start(&exec, &sc).unwrap();
        sim.run_until_idle(10_000.0);
        assert_eq!(run.tasks().len(), 1000);
        for (i, t) in run.tasks().iter().enumerate() {
            let due = 100 + (i as u64 * 7919) % 2900;
            assert_eq!(exec.task_metrics(*t).unwrap().completed_at, Some(due as f64), "t{i}");
        }
    }
}
