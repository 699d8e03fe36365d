use std::rc::Rc;

use yew::prelude::*;

use crate::ui::draw::fmt_ms;
use crate::ui::session::{Snapshot, Status};

/// Props of [`Playhead`].
#[derive(Clone, PartialEq, Properties)]
pub struct PlayheadProps {
    /// The latest snapshot (with the playhead, if moved).
    pub snap: Option<Rc<Snapshot>>,
    /// Move the playhead by this many recorded events.
    pub on_move: Callback<i64>,
    /// Follow the run again.
    pub on_live: Callback<()>,
    /// Export the trace: "trace" (ours) or "perfetto".
    pub on_export: Callback<&'static str>,
    /// A trace file picked to import.
    pub on_import: Callback<web_sys::File>,
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
        let cb = p.on_move.clone();
        Callback::from(move |_: MouseEvent| cb.emit(n))
    };
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
            <button data-testid="live" onclick={live} disabled={following} aria-pressed={following.to_string()}
                title="Follow the run as it happens">{ "Live" }</button>
            <span class="cursor-time" data-testid="cursor-time" aria-live="polite">{ fmt_ms(at) }</span>
            <span class="caption">
                if following {
                    { "Live. Back rewinds through the recorded events; nothing runs. Step runs one more poll." }
                } else {
                    if s.status == Status::Imported {
                        { format!("Every panel shows the imported run after event {seq} of {}.", s.total_events) }
                    } else {
                        { format!("Rewound: every panel shows the run after event {seq} of {}. The run itself goes on; Live catches up.", s.total_events) }
                    }
                }
            </span>
            <span class="exports">
                <button data-testid="export-trace" onclick={export("trace")} title="Our own JSON trace (see the README for its schema)">{ "Export trace" }</button>
                <button data-testid="export-perfetto" onclick={export("perfetto")} title="Chrome Trace Event JSON: open it in ui.perfetto.dev">{ "Export for Perfetto" }</button>
                { import }
            </span>
        </div>
    }
}
