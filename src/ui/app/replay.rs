//! The playhead, and trace files: moving through what was recorded, export and import.
//! Nothing here runs anything.

use yew::prelude::*;

use crate::play::session::Session;
use crate::ui::components::Seek;
use crate::ui::state::{Action, Level};

use super::ctx::Ctx;

/// The handlers of the Playhead bar and the timeline's click-to-seek.
#[derive(Clone)]
pub(super) struct ReplayHandlers {
    pub on_seek: Callback<Seek>,
    pub on_timeline_seek: Callback<f64>,
    pub on_live: Callback<()>,
    pub on_export: Callback<&'static str>,
    pub on_import: Callback<web_sys::File>,
    pub on_drop: Callback<DragEvent>,
    pub on_drag_over: Callback<DragEvent>,
}

impl ReplayHandlers {
    pub fn new(ctx: &Ctx) -> Self {
        let on_seek = seek(ctx);
        let on_import = import(ctx);
        ReplayHandlers {
            on_timeline_seek: on_seek.reform(Seek::Time),
            on_seek,
            on_live: {
                let ctx = ctx.clone();
                Callback::from(move |()| {
                    if let Ok(mut g) = ctx.session.0.try_borrow_mut() {
                        if let Some(s) = g.as_mut() {
                            s.follow();
                        }
                    }
                    ctx.picked.set(None);
                    ctx.refresh.emit(());
                })
            },
            on_export: export(ctx),
            on_drop: {
                let on_import = on_import.clone();
                Callback::from(move |e: DragEvent| {
                    e.prevent_default();
                    if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                        on_import.emit(file);
                    }
                })
            },
            on_drag_over: Callback::from(|e: DragEvent| e.prevent_default()),
            on_import,
        }
    }
}

/// Back, Forward, the slider, Home and End, Next timer.
fn seek(ctx: &Ctx) -> Callback<Seek> {
    let ctx = ctx.clone();
    Callback::from(move |seek: Seek| {
        let none_after = ctx.with_pumped(|s| {
            match seek {
                Seek::Events(by) => s.step_cursor(by),
                Seek::Poll(forward) => s.step_poll(forward),
                Seek::Time(ms) => s.seek_time(ms),
                Seek::Start => s.seek(0),
                Seek::End => s.seek(u64::MAX),
                Seek::NextTimer => return !s.seek_next_timer(),
            }
            false
        });
        if none_after == Some(true) {
            ctx.notify(Level::Info, "No timer fires after the playhead.".to_string());
        }
        ctx.picked.set(None);
        ctx.refresh.emit(());
    })
}

/// Downloads the trace, as ours ("trace") or as Chrome Trace Event JSON ("perfetto").
fn export(ctx: &Ctx) -> Callback<&'static str> {
    let ctx = ctx.clone();
    Callback::from(move |what: &'static str| {
        let file = ctx.session.with(|s| {
            let zero = s.started_at();
            s.with_trace(|t| match what {
                "perfetto" => ("waker-playground.perfetto.json", crate::core::perfetto_trace_from(t, zero)),
                _ => ("waker-playground.trace.json", crate::core::export_trace_with(t, s.scenario_text().as_deref())),
            })
        });
        match file {
            Some((name, text)) if crate::web::embed::download(name, "application/json", &text) => {
                if what == "perfetto" {
                    ctx.notify(
                        Level::Info,
                        format!("Saved {name}. Open https://ui.perfetto.dev and drop the file there (chrome://tracing reads it too); its times start at the run's 0 ms, as here. To replay it here, use Export trace instead."),
                    );
                }
            }
            Some(_) => ctx.notify(Level::Error, "The browser refused the download.".to_string()),
            None => ctx.notify(Level::Error, "There is no run to export: press Run first.".to_string()),
        }
    })
}

/// An import replaces the run with a read-only replay of the file. A trace is data: nothing runs.
fn import(ctx: &Ctx) -> Callback<web_sys::File> {
    let ctx = ctx.clone();
    Callback::from(move |file: web_sys::File| {
        let ctx = ctx.clone();
        let name = file.name();
        wasm_bindgen_futures::spawn_local(async move {
            let read = crate::web::read_file_text(file, crate::core::MAX_IMPORT_BYTES).await;
            match read.and_then(|text| crate::core::import_trace_with(&text).map_err(|e| e.to_string())) {
                Ok((trace, scenario)) => {
                    let events = trace.len();
                    // The file's scenario goes into the form and the editor, so that every panel
                    // shows the imported run; a file without one says so.
                    let scenario = scenario.map(|text| crate::play::parse_share(&text));
                    let said = match &scenario {
                        Some(Ok(s)) => {
                            ctx.edit.dispatch(Action::Load(s.clone()));
                            ctx.edit.dispatch(Action::Started);
                            "The form shows the scenario it was recorded from; Run runs that again.".to_string()
                        }
                        Some(Err(e)) => format!("Its scenario could not be read ({e}): the form still shows yours, which is not the one in the file."),
                        None => "The file does not carry its scenario (it was saved by an older version): the form still shows yours, which is not the one in the file.".to_string(),
                    };
                    ctx.replace(Some(Session::imported(trace, scenario.and_then(Result::ok))));
                    ctx.refresh.emit(());
                    ctx.notify(
                        Level::Info,
                        format!("Imported {name}: {events} events, replayed read-only. Back and Forward move through them. {said}"),
                    );
                }
                Err(why) => ctx.notify(Level::Error, format!("{name} could not be imported: {why}")),
            }
        });
    })
}
