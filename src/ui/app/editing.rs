//! The editor's handlers: its actions, and live edits of a running timer's duration.

use yew::prelude::*;

use crate::play::lang::LiteralEdit;
use crate::play::parse_duration_ms;
use crate::ui::components::FieldKey;
use crate::ui::draw::fmt_ms;
use crate::ui::state::{Action, Level, StepKind};

use super::ctx::Ctx;

/// The handlers of the Editor and the notices.
#[derive(Clone)]
pub(super) struct EditHandlers {
    pub dispatch: Callback<Action>,
    pub on_commit: Callback<(FieldKey, String)>,
    pub on_undo: Callback<()>,
    pub on_dismiss: Callback<u64>,
    pub on_code_settle: Callback<String>,
}

impl EditHandlers {
    pub fn new(ctx: &Ctx) -> Self {
        let edit = ctx.edit.clone();
        EditHandlers {
            dispatch: Callback::from({
                let edit = edit.clone();
                move |a: Action| edit.dispatch(a)
            }),
            on_commit: commit(ctx),
            on_undo: Callback::from({
                let edit = edit.clone();
                move |()| edit.dispatch(Action::UndoRemove)
            }),
            on_dismiss: Callback::from(move |uid: u64| edit.dispatch(Action::Dismiss(uid))),
            on_code_settle: code_settle(ctx),
        }
    }
}

/// The program's text settled while a run of it goes on: a number changed inside a pending
/// `sleep(…)` reschedules that timer; any other change waits for the next run, and says so.
fn code_settle(ctx: &Ctx) -> Callback<String> {
    let ctx = ctx.clone();
    Callback::from(move |text: String| {
        let live = matches!(
            ctx.session.with(crate::play::session::Session::status),
            Some(crate::play::session::Status::Running | crate::play::session::Status::Paused)
        );
        if !live {
            return;
        }
        let said = ctx.session.with_mut(|s| s.live_code_edit(&text)).flatten();
        if let Some(said) = said.filter(|s| !s.is_empty()) {
            ctx.notify_about("live-edit", Level::Info, said);
        }
        ctx.refresh.emit(());
    })
}

/// A duration committed in the editor (Enter, or leaving the field): during a run, a live edit
/// of the timer it armed, and a message that says what happened.
fn commit(ctx: &Ctx) -> Callback<(FieldKey, String)> {
    let ctx = ctx.clone();
    Callback::from(move |(key, text): (FieldKey, String)| {
        let Ok(ms) = parse_duration_ms(&text) else { return };
        // A spin is not a timer: nothing to reschedule; its new length is for the next run.
        let spin =
            ctx.edit.tasks.iter().filter(|t| t.uid == key.0).flat_map(|t| &t.steps).any(|s| s.uid == key.1 && s.kind == StepKind::Spin);
        if spin && ctx.session.with(|_| ()).is_some() {
            ctx.notify_about(
                "live-edit",
                Level::Info,
                "A spin blocks the thread; it holds no timer to reschedule. The new length applies to the next run.".to_string(),
            );
            return;
        }
        let Some((result, now)) = ctx.session.with_mut(|s| (s.live_edit(key, ms), s.elapsed())) else { return };
        let (level, text) = match result {
            // The new duration counts from when the timer was armed: shorter than the time
            // already gone by, the deadline is in the past and the timer fires at once.
            Some(LiteralEdit::Rescheduled(r)) if r.new_deadline <= now => (
                Level::Info,
                format!(
                    "{} is already past its new deadline: it fires now. A new duration counts from when the timer was armed (at {}), so {ms} ms ended at {}, before this edit at {}.",
                    r.timer,
                    fmt_ms(r.new_deadline - ms as f64),
                    fmt_ms(r.new_deadline),
                    fmt_ms(now)
                ),
            ),
            Some(LiteralEdit::Rescheduled(r)) => (
                Level::Info,
                format!(
                    "{} rescheduled while pending: now due at {} instead of {}. Its stored waker is kept.",
                    r.timer,
                    fmt_ms(r.new_deadline),
                    fmt_ms(r.old_deadline)
                ),
            ),
            Some(LiteralEdit::Upcoming) => (Level::Info, format!("That step has not started yet: this run will use {ms} ms when it gets there.")),
            Some(LiteralEdit::Past | LiteralEdit::NextRun) => {
                (Level::Info, "That timer already fired (or was cancelled): the new duration applies to the next run.".to_string())
            }
            Some(LiteralEdit::Refused(e)) => (Level::Error, format!("Could not reschedule: {e}.")),
            None => (Level::Info, "This field was added after Run: it applies to the next run.".to_string()),
        };
        ctx.notify_about("live-edit", level, text);
        // The program panel shows the new number, even once the run has stopped refreshing.
        ctx.refresh.emit(());
    })
}
