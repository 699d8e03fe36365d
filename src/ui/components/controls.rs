use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::{RunMode, TimerBackend, MAX_SLOW_MOTION_MS};
use crate::play::session::Status;
use crate::play::{Clock, PRESETS};

/// Props of [`Controls`].
#[derive(Clone, PartialEq, Properties)]
pub struct ControlsProps {
    /// The run's status, if there is a run.
    pub status: Option<Status>,
    /// How many of the run's tasks ended in a panic, and how many in another error, at the
    /// playhead: a finished run with either is not shown as a plain "finished".
    #[prop_or_default]
    pub failed: (usize, usize),
    /// Run mode.
    pub mode: RunMode,
    /// Slow motion, ms.
    pub slow_motion_ms: u32,
    /// Timer backend.
    pub backend: TimerBackend,
    /// Real or virtual clock.
    #[prop_or_default]
    pub clock: Clock,
    /// The preset loaded, if unchanged.
    pub preset: Option<&'static str>,
    /// Compact (embedded) layout: no preset menu or backend choice.
    #[prop_or_default]
    pub compact: bool,
    /// The task Step would poll (the front of the ready queue).
    #[prop_or_default]
    pub next: Option<std::rc::Rc<str>>,
    /// What the buttons and settings do.
    pub on: ControlHandlers,
}

/// What the Controls' buttons and settings do.
#[derive(Clone, PartialEq)]
pub struct ControlHandlers {
    /// Run (or resume). Says whether a run is going on after it (not when the run could not
    /// start, nor when it was computed at once on the virtual clock).
    pub on_run: Callback<(), bool>,
    /// Pause.
    pub on_pause: Callback<()>,
    /// Poll one task (or, on the virtual clock, step through the recording).
    pub on_step: Callback<()>,
    /// Drop the run.
    pub on_reset: Callback<()>,
    /// Change the mode.
    pub on_mode: Callback<RunMode>,
    /// Change slow motion.
    pub on_slow_motion: Callback<u32>,
    /// Change the backend.
    pub on_backend: Callback<TimerBackend>,
    /// Choose the clock of the next run.
    pub on_clock: Callback<Clock>,
    /// Load a preset.
    pub on_preset: Callback<String>,
}

fn mode_label(m: RunMode) -> &'static str {
    match m {
        RunMode::Microtask => "microtask (queueMicrotask)",
        RunMode::Macrotask => "macrotask (MessageChannel)",
        RunMode::AnimationFrame => "animation frame",
        RunMode::Manual => "manual (Step only)",
    }
}

/// Run, Pause, Step, Reset, and the executor's settings.
#[function_component(Controls)]
pub fn controls(p: &ControlsProps) -> Html {
    let running = p.status == Some(Status::Running);
    let paused = p.status == Some(Status::Paused);
    // Run disables itself once the run starts; the keyboard's focus would drop to the page. When
    // the person pressed Run (never for an autoplay, which must not take the host page's focus),
    // the focus moves to Pause, the control that makes sense next.
    let pause_ref = use_node_ref();
    let run_ref = use_node_ref();
    let pressed_run = use_mut_ref(|| false);
    {
        // Run's click disables it by hand (below), before the render; a run that ended before
        // that render (a program that fails in its first poll) never shows as running, so no
        // render disables Run, and none would enable it again. Each render puts it right.
        let run_ref = run_ref.clone();
        use_effect(move || {
            if let Some(b) = run_ref.cast::<web_sys::Element>() {
                if !running && b.has_attribute("disabled") {
                    let _ = b.remove_attribute("disabled");
                }
            }
        });
    }
    {
        let (pause_ref, pressed_run) = (pause_ref.clone(), pressed_run.clone());
        use_effect_with(running, move |&running| {
            if running && std::mem::take(&mut *pressed_run.borrow_mut()) {
                if let Some(b) = pause_ref.cast::<web_sys::HtmlElement>() {
                    // Pause sits beside Run, in view: no scroll, so no layout to find where to.
                    let options = web_sys::FocusOptions::new();
                    options.set_prevent_scroll(true);
                    let _ = b.focus_with_options(&options);
                }
            }
        });
    }
    // The pointer or the focus coming onto Run: a small program runs through the evaluator, the
    // executor's recording and the snapshot (once a page), so that the browser has compiled them
    // before the click needs them (see `play::session::warm_up`).
    let warm = Callback::from(|()| crate::web::lazy::then(crate::play::session::warm_up_once));
    let on_run = {
        let (cb, pressed_run) = (p.on.on_run.clone(), pressed_run.clone());
        Callback::from(move |e: MouseEvent| {
            // A run going on disables Run, and Run disables itself here, before the render
            // changes the rest of the page. Disabled, the button under the pointer, and focused,
            // makes Chromium lay the page out as it is then (to move the focus away, and the
            // hover): done in the render, after the panels changed, that was a whole layout of
            // the new page inside the click's task (10-22 ms with a thousand tasks, traced); here
            // the layout is still clean. The render then sets the same attribute. The focus goes
            // first, and the effect above gives it to Pause. (A run that could not start, or that
            // the virtual clock computed at once, leaves Run enabled, and focused.)
            // (Yew's listeners sit on the page's root: the button is the event's target, not its
            // `current_target`.)
            let going = cb.emit(());
            // Only a run this press started takes the focus to Pause (not one started later by
            // Ctrl+Enter in the editor, or by the page an embed sits in).
            *pressed_run.borrow_mut() = going;
            if going {
                let button = e
                    .target_dyn_into::<web_sys::Element>()
                    .and_then(|t| t.closest("button").ok().flatten())
                    .and_then(|b| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(b).ok());
                if let Some(b) = button {
                    let _ = b.blur();
                    let _ = b.set_attribute("disabled", "disabled");
                }
            }
        })
    };
    let click = |cb: &Callback<()>| {
        let cb = cb.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let on_mode = {
        let cb = p.on.on_mode.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(m) = RunMode::from_key(&v) {
                cb.emit(m);
            }
        })
    };
    let on_backend = {
        let cb = p.on.on_backend.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(b) = TimerBackend::from_key(&v) {
                cb.emit(b);
            }
        })
    };
    let on_slow = {
        let cb = p.on.on_slow_motion.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            if let Ok(ms) = v.parse::<u32>() {
                cb.emit(ms.min(MAX_SLOW_MOTION_MS));
            }
        })
    };
    let on_preset = {
        let cb = p.on.on_preset.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if !v.is_empty() {
                cb.emit(v);
            }
        })
    };
    let on_clock = {
        let cb = p.on.on_clock.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(c) = Clock::from_key(&v) {
                cb.emit(c);
            }
        })
    };
    let (status_class, status_text) = match p.status {
        None => ("status idle", "not started"),
        Some(Status::Running) if p.mode == RunMode::Manual => ("status paused", "manual: press Step"),
        Some(Status::Running) => ("status running", "running"),
        Some(Status::Paused) if p.clock == Clock::Real => ("status paused", "paused: timers keep firing"),
        Some(Status::Paused) => ("status paused", "paused"),
        Some(Status::Finished) if p.failed.0 > 0 => {
            ("status failed", if p.failed.0 == 1 { "finished: a task panicked" } else { "finished: tasks panicked" })
        }
        Some(Status::Finished) if p.failed.1 > 0 => {
            ("status failed", if p.failed.1 == 1 { "finished: a task failed" } else { "finished: tasks failed" })
        }
        Some(Status::Finished) => ("status finished", "finished"),
        Some(Status::Stuck) => ("status stuck", "stuck: a task can never be woken"),
        Some(Status::Imported) => ("status finished", "imported: a read-only replay"),
    };
    html! {
        <section class="controls" aria-label="Executor controls">
            <div class="buttons" role="group" aria-label="Run controls">
                <button data-testid="run" ref={run_ref} class="primary" onclick={on_run} disabled={running}
                    onpointerenter={warm.reform(|_: PointerEvent| ())} onfocus={warm.reform(|_: FocusEvent| ())}
                    title="Start the scenario (or resume after Pause)">
                    { if paused { "▶ Resume" } else { "▶ Run" } }
                </button>
                <button data-testid="pause" ref={pause_ref} onclick={click(&p.on.on_pause)} disabled={!running}
                    title="Stop draining the ready queue; timers keep firing">{ "❚❚ Pause" }</button>
                <button data-testid="step" onclick={click(&p.on.on_step)}
                    title="Poll exactly one task from the front of the ready queue">{ "Step ›" }</button>
                <button data-testid="reset" onclick={click(&p.on.on_reset)} disabled={p.status.is_none()}
                    title="Drop the executor: every future is dropped and every timer cancelled">{ "⟲ Reset" }</button>
                // After Reset, so that it never pushes a button onto another row.
                if let (Some(next), true) = (&p.next, p.status.is_some() && (paused || p.mode == RunMode::Manual)) {
                    <span class="next" data-testid="next">{ "next: " }<strong>{ next.to_string() }</strong></span>
                }
                <span class={status_class} role="status" data-testid="status">{ status_text }</span>
            </div>
            <div class="settings">
                <label>{ "Run mode " }
                    <select data-testid="mode" onchange={on_mode}>
                        { for RunMode::ALL.iter().map(|m| html! {
                            <option value={m.key()} selected={*m == p.mode}>{ mode_label(*m) }</option>
                        }) }
                    </select>
                </label>
                <label class="slowmo">{ "Slow motion " }
                    <input type="range" data-testid="slowmo" min="0" max={MAX_SLOW_MOTION_MS.to_string()} step="50"
                        value={p.slow_motion_ms.to_string()} oninput={on_slow}
                        aria-valuetext={format!("{} ms between polls", p.slow_motion_ms)} />
                    <output>{ format!("{} ms", p.slow_motion_ms) }</output>
                </label>
                if !p.compact {
                    <label>{ "Clock " }
                        <select data-testid="clock" onchange={on_clock}
                            title="Real: setTimeout fires in real time, and keeps firing while you Pause or Step. Virtual: a simulated event loop runs the whole scenario at once; then scrub it with the playhead.">
                            <option value="real" selected={p.clock == Clock::Real}>{ "real setTimeout" }</option>
                            <option value="virtual" selected={p.clock == Clock::Virtual}>{ "virtual: all at once" }</option>
                        </select>
                    </label>
                    <label>{ "Timers " }
                        <select data-testid="backend" onchange={on_backend}>
                            <option value="timeout" selected={p.backend == TimerBackend::PerTimer}>{ "one setTimeout each (the seed)" }</option>
                            <option value="driver" selected={p.backend == TimerBackend::Driver}>{ "driver: one setTimeout for all" }</option>
                        </select>
                    </label>
                    <label>{ "Preset " }
                        <select data-testid="preset" onchange={on_preset}>
                            <option value="" selected={p.preset.is_none()}>{ "(your scenario)" }</option>
                            { for PRESETS.iter().map(|pr| html! {
                                <option value={pr.id} selected={p.preset == Some(pr.id)}>{ pr.title }</option>
                            }) }
                        </select>
                    </label>
                }
            </div>
        </section>
    }
}
