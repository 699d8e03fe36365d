//! The run's controls: Run, Pause, Step, Reset, and the settings beside them.

use yew::prelude::*;

use crate::core::{RunMode, TimerBackend};
use crate::play::session::{Session, Status};
use crate::play::Clock;
use crate::ui::components::ControlHandlers;
use crate::ui::state::{Action, Level};

use super::ctx::Ctx;

/// The handlers of the Controls panel.
pub(super) type RunHandlers = ControlHandlers;

/// Builds the Controls' handlers over `ctx`.
pub(super) fn handlers(ctx: &Ctx) -> RunHandlers {
    ControlHandlers {
        on_run: run(ctx),
        on_pause: {
            let ctx = ctx.clone();
            Callback::from(move |()| {
                ctx.session.with(|s| s.exec().pause());
                ctx.refresh.emit(());
            })
        },
        on_step: step(ctx),
        on_reset: {
            let ctx = ctx.clone();
            Callback::from(move |()| {
                ctx.clear();
                ctx.edit.dispatch(Action::ClearNotices);
            })
        },
        on_mode: {
            let ctx = ctx.clone();
            Callback::from(move |m: RunMode| {
                ctx.edit.dispatch(Action::SetMode(m));
                ctx.session.with(|s| s.exec().set_mode(m));
                ctx.refresh.emit(());
            })
        },
        on_slow_motion: {
            let ctx = ctx.clone();
            Callback::from(move |ms: u32| {
                ctx.edit.dispatch(Action::SetSlowMotion(ms));
                ctx.session.with(|s| s.exec().set_slow_motion(ms));
            })
        },
        on_backend: {
            let ctx = ctx.clone();
            Callback::from(move |b: TimerBackend| {
                ctx.edit.dispatch(Action::SetBackend(b));
                ctx.session.with(|s| s.exec().timers().set_backend(b));
            })
        },
        // The clock applies to the next run (a run cannot change clocks halfway).
        on_clock: {
            let edit = ctx.edit.clone();
            Callback::from(move |c: Clock| edit.dispatch(Action::SetClock(c)))
        },
        on_preset: {
            let ctx = ctx.clone();
            Callback::from(move |id: String| {
                // A run that is still going is not thrown away: the preset waits in the editor.
                let moving = matches!(ctx.session.with(Session::status), Some(Status::Running | Status::Paused));
                if !moving {
                    ctx.clear();
                }
                ctx.edit.dispatch(Action::LoadPreset(id));
                if moving {
                    ctx.notify(
                        Level::Info,
                        "The run goes on with its own tasks; the preset is in the editor. Reset, then Run, to run it.".into(),
                    );
                }
            })
        },
    }
}

/// Run: resumes a paused run, or starts a new one.
fn run(ctx: &Ctx) -> Callback<(), bool> {
    let ctx = ctx.clone();
    Callback::from(move |()| {
        match ctx.session.with(Session::status) {
            Some(Status::Paused) => {
                ctx.session.with(|s| s.exec().resume());
            }
            Some(Status::Running) => {}
            _ => {
                // The panels show the new run after the click's frame is painted, in a task of
                // their own: with a thousand tasks, building them in the click's task made it a
                // long task, and held that frame back. The frame shows Run pressed and the
                // status, not the last run's panels (which stay if the start fails). Not where a
                // parent page listens: it hears "running" first, however short the run.
                if ctx.start(false) && !ctx.has_parent() {
                    ctx.snap.set(None);
                    // An embed shows its timeline near its top, and its page is the reader's: it
                    // never scrolls itself (opened on its own at 700 px, it did, hiding its title).
                    if !ctx.embed {
                        // One column: bring the timeline into view, where the run shows.
                        crate::web::embed::reveal("[data-testid=timeline]", 1100.0);
                    }
                    let refresh = ctx.refresh.clone();
                    crate::web::after_next_paint(move || refresh.emit(()), 100);
                    return ctx.session.with(Session::status) == Some(Status::Running);
                }
            }
        }
        ctx.refresh.emit(());
        ctx.session.with(Session::status) == Some(Status::Running)
    })
}

/// Step: on the real clock, polls one task; on the virtual clock, walks the recorded run.
fn step(ctx: &Ctx) -> Callback<()> {
    let ctx = ctx.clone();
    Callback::from(move |()| {
        // On the virtual clock the run is recorded at once; Step walks through it, one event
        // at a time, from the start.
        let virtual_run = ctx.session.with(Session::is_virtual);
        if virtual_run.is_some_and(|v| v) || (virtual_run.is_none() && ctx.edit.clock == Clock::Virtual) {
            if virtual_run.is_none() {
                if !ctx.start(false) {
                    return;
                }
                ctx.with_pumped(|s| s.seek(0));
            }
            let at_end = ctx.with_pumped(|s| {
                let before = s.cursor();
                s.step_cursor(1);
                before.is_none() || before == s.cursor()
            });
            if at_end == Some(true) {
                ctx.notify(Level::Info, "This is the end of the recorded run: on the virtual clock it all happened at Run. Back, Home or the slider go back through it.".into());
            }
            ctx.refresh.emit(());
            return;
        }
        match ctx.session.with(Session::status) {
            // Step from scratch: start paused, then poll the first task.
            None if !ctx.start(true) => return,
            None => {}
            Some(Status::Finished) => {
                ctx.notify(Level::Info, "This run is finished: press Reset, then Step to go through a new run poll by poll.".into());
                return;
            }
            Some(Status::Imported) => {
                ctx.notify(Level::Info, "This is an imported trace: nothing runs. Back and Forward move through it; Reset, then Run or Step, starts your scenario.".into());
                return;
            }
            _ => {}
        }
        let polled = ctx.session.with(|s| {
            let pending = s.exec().timers().stats().pending;
            (s.exec().step(), pending)
        });
        if let Some((false, pending)) = polled {
            let why = match pending {
                0 => "and no timer is pending".to_string(),
                1 => "1 timer is pending: its callback will wake a task".to_string(),
                n => format!("{n} timers are pending: their callbacks will wake tasks"),
            };
            ctx.notify_about("step", Level::Info, format!("Nothing to poll: the ready queue is empty, {why}."));
        }
        ctx.refresh.emit(());
    })
}
