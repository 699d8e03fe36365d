use std::rc::Rc;

use yew::prelude::*;

use crate::play::session::{Snapshot, Status};
use crate::ui::draw::fmt_ms;

/// Props of [`Playhead`].
#[derive(Clone, PartialEq, Properties)]
pub struct PlayheadProps {
    /// The latest snapshot (with the playhead, if moved).
    pub snap: Option<Rc<Snapshot>>,
    /// Move the playhead.
    pub on_seek: Callback<Seek>,
    /// Follow the run again.
    pub on_live: Callback<()>,
    /// Export the trace: "trace" (ours) or "perfetto".
    pub on_export: Callback<&'static str>,
    /// A trace file picked to import.
    pub on_import: Callback<web_sys::File>,
}

/// Where to move the playhead.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Seek {
    /// By this many recorded events (negative: back).
    Events(i64),
    /// To just after the next (`true`) or previous poll.
    Poll(bool),
    /// To this many ms after the run started.
    Time(f64),
    /// To the start, before the first event.
    Start,
    /// To the last event recorded.
    End,
    /// To just after the next timer fires.
    NextTimer,
}

/// The playhead slider's keys: one event, one poll with Shift, or an end.
fn seek_for_key(key: &str, shift: bool) -> Option<Seek> {
    match (key, shift) {
        ("ArrowLeft", false) => Some(Seek::Events(-1)),
        ("ArrowRight", false) => Some(Seek::Events(1)),
        ("ArrowLeft", true) => Some(Seek::Poll(false)),
        ("ArrowRight", true) => Some(Seek::Poll(true)),
        ("Home", _) => Some(Seek::Start),
        ("End", _) => Some(Seek::End),
        _ => None,
    }
}

/// Back and Forward through what was recorded, Live, and the exports.
#[function_component(Playhead)]
pub fn playhead(p: &PlayheadProps) -> Html {
    let import = {
        let cb = p.on_import.clone();
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                cb.emit(file);
            }
            // The same file can be picked again.
            input.set_value("");
        })
    };
    let import = html! {
        <label class="import button-like" title="Replay a trace exported earlier (our JSON). You can also drop the file on the page.">
            { "Import trace…" }
            <input type="file" accept=".json,application/json" data-testid="import-trace" onchange={import} />
        </label>
    };
    let Some(s) = &p.snap else {
        return html! { <div class="playhead" role="group" aria-label="Replay a recorded run">{ import }</div> };
    };
    let seq = s.cursor.map_or(s.total_events, |c| c.seq);
    let following = s.cursor.is_none();
    let at = s.cursor.map_or(s.now, |c| c.at);
    let by = |n: i64| {
        let cb = p.on_seek.clone();
        Callback::from(move |_: MouseEvent| cb.emit(Seek::Events(n)))
    };
    let on_slide = {
        let cb = p.on_seek.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            // The slider's value is whole milliseconds: no float parsing (see `core::Fixed`).
            if let Ok(ms) = input.value().parse::<u64>() {
                cb.emit(Seek::Time(ms as f64));
            }
        })
    };
    let on_slider_key = {
        let cb = p.on_seek.clone();
        Callback::from(move |e: KeyboardEvent| {
            if let Some(seek) = seek_for_key(&e.key(), e.shift_key()) {
                e.prevent_default();
                cb.emit(seek);
            }
        })
    };
    let max_ms = s.span.max(at).max(0.0).ceil() as u64;
    let value_ms = at.max(0.0).round() as u64;
    let live = {
        let cb = p.on_live.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let export = |what: &'static str| {
        let cb = p.on_export.clone();
        Callback::from(move |_: MouseEvent| cb.emit(what))
    };
    html! {
        <div class="playhead" role="group" aria-label="Replay the recorded run">
            <button data-testid="cursor-back" onclick={by(-1)} disabled={seq <= s.first_seq}
                title="Show the run one recorded event earlier (nothing runs)">{ "◀ Back" }</button>
            <button data-testid="cursor-forward" onclick={by(1)} disabled={following || seq >= s.total_events}
                title="Show the run one recorded event later (nothing runs)">{ "Forward ▶" }</button>
            <button data-testid="next-timer" onclick={{
                    let cb = p.on_seek.clone();
                    Callback::from(move |_: MouseEvent| cb.emit(Seek::NextTimer))
                }} title="Jump to the next time a timer fires">{ "Next timer ⇥" }</button>
            <button data-testid="live" onclick={live} disabled={following} aria-pressed={following.to_string()}
                title="Follow the run as it happens">{ "Live" }</button>
            <input type="range" class="playhead-slider" data-testid="playhead" min="0" max={max_ms.to_string()} step="1"
                value={value_ms.to_string()} oninput={on_slide} onkeydown={on_slider_key}
                aria-label="Playhead: drag to a moment of the run; arrow keys move one event, Shift+arrow one poll, Home and End to the ends"
                aria-valuetext={fmt_ms(at)} />
            <span class="cursor-time" data-testid="cursor-time" aria-live="polite">{ fmt_ms(at) }</span>
            if let Some(c) = &s.cursor {
                // Events of one poll share a time: the event itself says where the playhead is.
                <span class="cursor-event" data-testid="cursor-event" aria-live="polite">{ match &c.last {
                    Some(e) => format!("event {} of {} · {}{}", c.seq, s.total_events,
                        e.task.map(|t| format!("{}: ", s.name(t))).unwrap_or_default(),
                        super::describe_event(e, &s.names, s.started_at, c.guest)),
                    None => format!("event {} of {} · the start", c.seq, s.total_events),
                } }</span>
            }
            <span class="caption">
                if following {
                    { "Live. Back rewinds through the recorded events; nothing runs. Step runs one more poll." }
                } else {
                    if s.status == Status::Imported {
                        { format!("Every panel shows the imported run after event {seq} of {}.", s.total_events) }
                    } else if matches!(s.status, Status::Running | Status::Paused) {
                        { format!("Rewound: every panel shows the run after event {seq} of {}. The run itself goes on; Live catches up.", s.total_events) }
                    } else {
                        { format!("Rewound: every panel shows the run after event {seq} of {}.", s.total_events) }
                    }
                }
            </span>
            if s.first_seq > 0 {
                <p class="field-error" role="status" data-testid="replay-cap">
                    { format!("The oldest {} events of this run were dropped (a run keeps its last {} events), so its start cannot be replayed: the playhead stops at event {}.",
                        s.first_seq, s.history, s.first_seq) }
                </p>
            }
            <span class="exports">
                <button data-testid="export-trace" onclick={export("trace")} title="Our own JSON trace (see the README for its schema)">{ "Export trace" }</button>
                <button data-testid="export-perfetto" onclick={export("perfetto")} title="Chrome Trace Event JSON: open it in ui.perfetto.dev">{ "Export for Perfetto" }</button>
                { import }
            </span>
            <p class="caption import-hint" data-testid="import-hint">
                { "Import trace… reads a file saved by Export trace. A Perfetto file opens at ui.perfetto.dev." }
            </p>
        </div>
    }
}
