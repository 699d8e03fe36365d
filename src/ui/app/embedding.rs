//! The app inside a tutorial page: the parent page's commands, what is reported back, a new
//! link in the address bar, and autoplay once the frame comes into view.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::core::TaskState;
use crate::play::session::{Session, Snapshot, Status};
use crate::play::{parse_share, PageOptions, ParentCommand};
use crate::ui::state::{Action, Level};
use crate::web::embed::ParentBridge;

use super::ctx::{Ctx, Reported};
use super::run::RunHandlers;

/// The version of the `postMessage` protocol, sent in `ready` (see the README).
pub const PROTOCOL_VERSION: u32 = 1;

/// What the listeners call: the latest render's state, handlers and share text.
type Latest = Option<(Ctx, RunHandlers, Option<String>)>;

/// Listens to the parent page and the address bar for as long as the app lives, and autoplays.
///
/// The listeners are installed once; each call to a handler goes to the latest render's
/// callbacks (kept in `latest`), so it sees the current scenario and run.
#[hook]
pub(super) fn use_embedding(
    ctx: &Ctx,
    run: &RunHandlers,
    bridge: Rc<RefCell<Option<ParentBridge>>>,
    share: Option<String>,
    options: &PageOptions,
) {
    let latest: Rc<RefCell<Latest>> = use_mut_ref(|| None);
    *latest.borrow_mut() = Some((ctx.clone(), run.clone(), share));
    let (autoplay, theme) = (options.autoplay, options.theme);
    use_effect_with((), move |_| {
        let on_command = {
            let (latest, bridge) = (latest.clone(), bridge.clone());
            move |cmd: Result<ParentCommand, String>| {
                let Some((ctx, run, share)) = latest.borrow().clone() else { return };
                command(&ctx, &run, &bridge, share.as_deref(), cmd);
            }
        };
        *bridge.borrow_mut() = ParentBridge::listen(on_command);
        let hash_listener = {
            let latest = latest.clone();
            crate::web::embed::on_hash_change(move |hash| {
                let Some((ctx, _, share)) = latest.borrow().clone() else { return };
                hash_changed(&ctx, share.as_deref(), &hash);
            })
        };
        let theme_listener = crate::web::embed::apply_theme(theme);
        // Autoplay waits until the frame is in view: a frame far down a tutorial must not run
        // (or draw attention) before the reader gets there. By then a parent may have loaded
        // another scenario, or run this one already: so the latest Run, and only if nothing ran.
        let visible = if autoplay {
            let play = {
                let latest = latest.clone();
                move || {
                    let Some((ctx, run, _)) = latest.borrow().clone() else { return };
                    if ctx.session.with(Session::status).is_none() {
                        run.on_run.emit(());
                    }
                }
            };
            let watcher = crate::web::embed::OnVisible::new(play.clone());
            if watcher.is_none() {
                play();
            }
            watcher
        } else {
            None
        };
        move || {
            bridge.borrow_mut().take();
            drop((hash_listener, theme_listener, visible));
        }
    });
}

/// One command from the parent page.
fn command(ctx: &Ctx, run: &RunHandlers, bridge: &RefCell<Option<ParentBridge>>, share: Option<&str>, cmd: Result<ParentCommand, String>) {
    match cmd {
        Ok(ParentCommand::Hello) => {
            if let Some(b) = bridge.borrow().as_ref() {
                b.post(
                    "ready",
                    &[("version", JsValue::from_f64(f64::from(PROTOCOL_VERSION))), ("scenario", JsValue::from_str(share.unwrap_or("")))],
                );
            }
            // A run that ended before the parent spoke is not refreshed again by itself: report
            // what the parent missed (its completions and status) now.
            ctx.refresh.emit(());
        }
        Ok(ParentCommand::Run) => {
            run.on_run.emit(());
        }
        Ok(ParentCommand::Pause) => run.on_pause.emit(()),
        Ok(ParentCommand::Step) => run.on_step.emit(()),
        Ok(ParentCommand::Reset) => run.on_reset.emit(()),
        Ok(ParentCommand::Load(s)) => {
            ctx.clear();
            ctx.edit.dispatch(Action::Load(s));
        }
        Err(e) => {
            ctx.notify(Level::Error, format!("The parent page sent a bad scenario: {e}."));
            if let Some(b) = bridge.borrow().as_ref() {
                b.post("error", &[("message", JsValue::from_str(&e))]);
            }
        }
    }
}

/// A new fragment typed or pasted into this tab's address bar loads that scenario.
fn hash_changed(ctx: &Ctx, current: Option<&str>, hash: &str) {
    let text = hash.strip_prefix('#').unwrap_or(hash);
    if text.is_empty() || current == Some(text) {
        return;
    }
    match parse_share(text) {
        Ok(s) => {
            ctx.clear();
            ctx.edit.dispatch(Action::Load(s));
        }
        Err(e) => ctx.notify(Level::Error, format!("The new link's scenario could not be loaded ({e}); the current one is kept.")),
    }
}

/// Tells the parent page about tasks completed and status changes since the last report.
///
/// Completions are read from the tasks' states, not from a window of recent events, so a burst
/// of any size (1,000 tasks finishing in one tick) is reported in full, each task once.
///
/// Nothing counts as reported before a parent has said hello: a parent that subscribes after a
/// short autoplay run still hears every completion and the final status.
pub(super) fn report(bridge: &ParentBridge, snap: &Snapshot, seen: &mut Reported) {
    if !bridge.is_connected() {
        return;
    }
    let mut new: Vec<_> = snap.metrics.iter().filter(|m| m.state == TaskState::Done && !seen.done.contains(&m.id)).collect();
    // In the order they finished (several may finish between two refreshes).
    crate::core::sort_by(&mut new, |a, b| {
        a.completed_at.unwrap_or(f64::MAX).total_cmp(&b.completed_at.unwrap_or(f64::MAX)).then(a.id.0.cmp(&b.id.0))
    });
    for m in new {
        seen.done.insert(m.id);
        let at = m.completed_at.map_or(snap.now, |t| t - snap.started_at);
        bridge.post(
            "task-completed",
            &[
                ("task", JsValue::from_str(&m.name)),
                ("id", JsValue::from_f64(m.id.0 as f64)),
                ("aborted", JsValue::from_bool(m.aborted)),
                ("at_ms", JsValue::from_f64(at)),
            ],
        );
    }
    if seen.status != Some(snap.status) {
        seen.status = Some(snap.status);
        let status = match snap.status {
            Status::Running => "running",
            Status::Paused => "paused",
            Status::Stuck => "stuck",
            Status::Finished => "finished",
            Status::Imported => "imported",
        };
        bridge.post("status", &[("status", JsValue::from_str(status)), ("completed", JsValue::from_f64(seen.done.len() as f64))]);
    }
}
