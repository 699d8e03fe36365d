use std::rc::Rc;

use yew::prelude::*;

use std::cell::RefCell;
use std::collections::HashSet;

use wasm_bindgen::JsValue;

use crate::core::{Event, RunMode, TaskId, TaskState, TimerBackend};
use crate::play::{
    encode_share, parse_duration_ms, parse_share, preset, Clock, LiveEdit, PageOptions, ParentCommand, Scenario, Theme, MAX_SHARE_LEN,
};
use crate::ui::code::{anchors, anchors_in};
use crate::ui::components::{
    CodePanel, Controls, Editor, EventLog, ExecutorPanel, FieldKey, MetricsTable, Notices, Playhead, Seek, SessionHandle, ShareBar,
    Timeline,
};
use crate::ui::draw::fmt_ms;
use crate::ui::hooks::use_interval;
use crate::ui::session::{Session, Snapshot, Status};
use crate::ui::state::{Action, EditState, Level, StepKind};
use crate::web::embed::{link, set_fragment, ParentBridge};
use crate::web::BrowserPlatform;

/// Props of [`App`].
#[derive(Clone, Debug, Default, PartialEq, Properties)]
pub struct AppProps {
    /// The scenario to start with (from the URL); the first preset otherwise.
    #[prop_or_default]
    pub initial: Option<Scenario>,
    /// Problems found at start-up (a malformed share URL), shown as messages.
    #[prop_or_default]
    pub messages: Vec<String>,
    /// Embedded layout, autoplay, code panel.
    #[prop_or_default]
    pub options: PageOptions,
}

/// What has been reported to the parent page so far in this run.
#[derive(Default)]
struct Reported {
    /// Tasks whose completion was reported: each is reported exactly once.
    done: HashSet<TaskId>,
    status: Option<Status>,
}

/// The version of the `postMessage` protocol, sent in `ready` (see the README).
pub const PROTOCOL_VERSION: u32 = 1;

/// How often the panels are refreshed while a run exists.
const REFRESH_MS: u32 = 100;

/// The playground.
#[function_component(App)]
pub fn app(props: &AppProps) -> Html {
    let edit = {
        let initial = props.initial.clone();
        use_reducer(move || initial.map_or_else(EditState::default, |s| EditState::from_scenario(&s)))
    };
    {
        let (edit, messages) = (edit.clone(), props.messages.clone());
        use_effect_with((), move |_| {
            for m in messages {
                edit.dispatch(Action::Notify(Level::Error, m));
            }
        });
    }
    let session = (*use_state(SessionHandle::default)).clone();
    // The primer opens by itself only where there is room for it beside the timeline.
    let wide = use_state(|| crate::web::embed::viewport_width() >= 1100.0);
    let generation = use_state(|| 0u64);
    let snap = use_state(|| None::<Rc<Snapshot>>);
    let picked = use_state(|| None::<Event>);

    let bridge = use_mut_ref(|| None::<ParentBridge>);
    let reported = use_mut_ref(Reported::default);
    let refresh = {
        let (session, snap, bridge, reported) = (session.clone(), snap.clone(), bridge.clone(), reported.clone());
        Callback::from(move |_: ()| {
            let next = session.0.try_borrow_mut().ok().and_then(|mut g| {
                g.as_mut().map(|s| {
                    s.pump();
                    s.snapshot()
                })
            });
            if let (Some(n), Some(b)) = (&next, bridge.borrow().as_ref()) {
                report(b, n, &mut reported.borrow_mut());
            }
            match next {
                Some(n) => {
                    let changed = snap.as_ref().is_none_or(|o| {
                        o.version != n.version
                            || o.status != n.status
                            || o.mode != n.mode
                            || o.cursor != n.cursor
                            || (o.status == Status::Running && (n.now - o.now).abs() >= 90.0)
                    });
                    if changed {
                        snap.set(Some(Rc::new(n)));
                    }
                }
                None => {
                    if snap.is_some() {
                        snap.set(None);
                    }
                }
            }
        })
    };
    // Refreshes only while the run can still change by itself: a finished, stuck or imported run
    // changes only when the learner acts, and those actions refresh at once.
    let moving = snap.as_ref().is_some_and(|s| matches!(s.status, Status::Running | Status::Paused));
    use_interval(if moving { REFRESH_MS } else { 0 }, refresh.clone());

    let notify = {
        let edit = edit.clone();
        move |level: Level, text: String| edit.dispatch(Action::Notify(level, text))
    };
    let notify_about = {
        let edit = edit.clone();
        move |topic: &'static str, level: Level, text: String| edit.dispatch(Action::NotifyAbout(topic, level, text))
    };

    // Replaces the run. The old one is dropped outside the borrow: dropping an executor drops
    // its futures, which cancels their timers.
    let replace = {
        let (session, generation, picked, reported) = (session.clone(), generation.clone(), picked.clone(), reported.clone());
        move |next: Option<Session>| {
            let old = session.0.try_borrow_mut().ok().map(|mut g| std::mem::replace(&mut *g, next));
            drop(old);
            *reported.borrow_mut() = Reported::default();
            generation.set(*generation + 1);
            picked.set(None);
        }
    };

    let start = {
        let (edit, replace, notify) = (edit.clone(), replace.clone(), notify.clone());
        move |paused: bool| -> bool {
            // Manual mode never drains by itself: starting it paused would only add a Resume.
            let paused = paused && edit.mode != RunMode::Manual;
            match Session::start(&edit, BrowserPlatform::shared(), paused) {
                Ok(s) => {
                    replace(Some(s));
                    edit.dispatch(Action::ClearNotices);
                    edit.dispatch(Action::Started);
                    true
                }
                Err(e) => {
                    notify(Level::Error, format!("Cannot run: {e}"));
                    false
                }
            }
        }
    };

    let on_run = {
        let (session, start, refresh) = (session.clone(), start.clone(), refresh.clone());
        Callback::from(move |_| {
            match session.with(Session::status) {
                Some(Status::Paused) => {
                    session.with(|s| s.exec().resume());
                }
                Some(Status::Running) => {}
                _ => {
                    if start(false) {
                        // One column: bring the timeline into view, where the run shows.
                        crate::web::embed::reveal("[data-testid=timeline]", 1100.0);
                    }
                }
            }
            refresh.emit(());
        })
    };
    let on_pause = {
        let (session, refresh) = (session.clone(), refresh.clone());
        Callback::from(move |_| {
            session.with(|s| s.exec().pause());
            refresh.emit(());
        })
    };
    let on_step = {
        let (session, start, refresh, notify, notify_about) =
            (session.clone(), start.clone(), refresh.clone(), notify.clone(), notify_about.clone());
        let edit_clock = edit.clock;
        Callback::from(move |_| {
            // On the virtual clock the run is recorded at once; Step walks through it, one event
            // at a time, from the start.
            let virtual_run = session.with(Session::is_virtual);
            if virtual_run.is_some_and(|v| v) || (virtual_run.is_none() && edit_clock == Clock::Virtual) {
                if virtual_run.is_none() {
                    if !start(false) {
                        return;
                    }
                    if let Ok(mut g) = session.0.try_borrow_mut() {
                        if let Some(s) = g.as_mut() {
                            s.pump();
                            s.seek(0);
                        }
                    }
                }
                let at_end = session.0.try_borrow_mut().ok().and_then(|mut g| {
                    g.as_mut().map(|s| {
                        s.pump();
                        let before = s.cursor();
                        s.step_cursor(1);
                        before.is_none() || before == s.cursor()
                    })
                });
                if at_end == Some(true) {
                    notify(Level::Info, "This is the end of the recorded run: on the virtual clock it all happened at Run. Back, Home or the slider go back through it.".into());
                }
                refresh.emit(());
                return;
            }
            match session.with(Session::status) {
                // Step from scratch: start paused, then poll the first task.
                None if !start(true) => return,
                None => {}
                Some(Status::Finished) => {
                    notify(Level::Info, "This run is finished: press Reset, then Step to go through a new run poll by poll.".into());
                    return;
                }
                Some(Status::Imported) => {
                    notify(Level::Info, "This is an imported trace: nothing runs. Back and Forward move through it; Reset, then Run or Step, starts your scenario.".into());
                    return;
                }
                _ => {}
            }
            let polled = session.with(|s| {
                let pending = s.exec().timers().stats().pending;
                (s.exec().step(), pending)
            });
            if let Some((false, pending)) = polled {
                let why = match pending {
                    0 => "and no timer is pending".to_string(),
                    1 => "1 timer is pending: its callback will wake a task".to_string(),
                    n => format!("{n} timers are pending: their callbacks will wake tasks"),
                };
                notify_about("step", Level::Info, format!("Nothing to poll: the ready queue is empty, {why}."));
            }
            refresh.emit(());
        })
    };
    // The playhead: Back, Forward and Live move through what was recorded; nothing runs.
    let on_cursor = {
        let (session, refresh, picked, notify) = (session.clone(), refresh.clone(), picked.clone(), notify.clone());
        Callback::from(move |seek: Seek| {
            if let Ok(mut g) = session.0.try_borrow_mut() {
                if let Some(s) = g.as_mut() {
                    s.pump();
                    match seek {
                        Seek::Events(by) => s.step_cursor(by),
                        Seek::Poll(forward) => s.step_poll(forward),
                        Seek::Time(ms) => s.seek_time(ms),
                        Seek::Start => s.seek(0),
                        Seek::End => s.seek(u64::MAX),
                        Seek::NextTimer => {
                            if !s.seek_next_timer() {
                                notify(Level::Info, "No timer fires after the playhead.".to_string());
                            }
                        }
                    }
                }
            }
            picked.set(None);
            refresh.emit(());
        })
    };
    let on_timeline_seek = {
        let on_cursor = on_cursor.clone();
        Callback::from(move |ms: f64| on_cursor.emit(Seek::Time(ms)))
    };
    let on_live = {
        let (session, refresh, picked) = (session.clone(), refresh.clone(), picked.clone());
        Callback::from(move |_: ()| {
            if let Ok(mut g) = session.0.try_borrow_mut() {
                if let Some(s) = g.as_mut() {
                    s.follow();
                }
            }
            picked.set(None);
            refresh.emit(());
        })
    };
    let on_export = {
        let (session, notify) = (session.clone(), notify.clone());
        Callback::from(move |what: &'static str| {
            let file = session.with(|s| {
                s.with_trace(|t| match what {
                    "perfetto" => ("waker-playground.perfetto.json", crate::core::perfetto_trace(t)),
                    _ => ("waker-playground.trace.json", crate::core::export_trace(t)),
                })
            });
            match file {
                Some((name, text)) if crate::web::embed::download(name, "application/json", &text) => {}
                Some(_) => notify(Level::Error, "The browser refused the download.".to_string()),
                None => notify(Level::Error, "There is no run to export: press Run first.".to_string()),
            }
        })
    };
    // An import replaces the run with a read-only replay of the file. A trace is data: nothing runs.
    let on_import = {
        let (replace, refresh, notify) = (replace.clone(), refresh.clone(), notify.clone());
        Callback::from(move |file: web_sys::File| {
            let (replace, refresh, notify) = (replace.clone(), refresh.clone(), notify.clone());
            let name = file.name();
            wasm_bindgen_futures::spawn_local(async move {
                let read = crate::web::read_file_text(file, crate::core::MAX_IMPORT_BYTES).await;
                match read.and_then(|text| crate::core::import_trace(&text).map_err(|e| e.to_string())) {
                    Ok(trace) => {
                        let events = trace.len();
                        replace(Some(Session::imported(trace)));
                        refresh.emit(());
                        notify(Level::Info, format!("Imported {name}: {events} events, replayed read-only. Back and Forward move through them; Run starts your scenario again."));
                    }
                    Err(why) => notify(Level::Error, format!("{name} could not be imported: {why}")),
                }
            });
        })
    };
    let on_drop = {
        let on_import = on_import.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            if let Some(file) = e.data_transfer().and_then(|d| d.files()).and_then(|f| f.get(0)) {
                on_import.emit(file);
            }
        })
    };
    let on_drag_over = Callback::from(|e: DragEvent| e.prevent_default());
    let on_reset = {
        let (replace, snap, edit) = (replace.clone(), snap.clone(), edit.clone());
        Callback::from(move |_| {
            replace(None);
            snap.set(None);
            edit.dispatch(Action::ClearNotices);
        })
    };
    let on_mode = {
        let (edit, session, refresh) = (edit.clone(), session.clone(), refresh.clone());
        Callback::from(move |m: RunMode| {
            edit.dispatch(Action::SetMode(m));
            session.with(|s| s.exec().set_mode(m));
            refresh.emit(());
        })
    };
    let on_slow_motion = {
        let (edit, session) = (edit.clone(), session.clone());
        Callback::from(move |ms: u32| {
            edit.dispatch(Action::SetSlowMotion(ms));
            session.with(|s| s.exec().set_slow_motion(ms));
        })
    };
    let on_backend = {
        let (edit, session) = (edit.clone(), session.clone());
        Callback::from(move |b: TimerBackend| {
            edit.dispatch(Action::SetBackend(b));
            session.with(|s| s.exec().timers().set_backend(b));
        })
    };
    // The clock applies to the next run (a run cannot change clocks halfway).
    let on_clock = {
        let edit = edit.clone();
        Callback::from(move |c: Clock| edit.dispatch(Action::SetClock(c)))
    };
    let on_preset = {
        let (edit, replace, snap, session, notify) = (edit.clone(), replace.clone(), snap.clone(), session.clone(), notify.clone());
        Callback::from(move |id: String| {
            // A run that is still going is not thrown away: the preset waits in the editor.
            let moving = matches!(session.with(Session::status), Some(Status::Running | Status::Paused));
            if !moving {
                replace(None);
                snap.set(None);
            }
            edit.dispatch(Action::LoadPreset(id));
            if moving {
                notify(Level::Info, "The run goes on with its own tasks; the preset is in the editor. Reset, then Run, to run it.".into());
            }
        })
    };
    let on_commit = {
        let (session, notify_about, edit) = (session.clone(), notify_about.clone(), edit.clone());
        Callback::from(move |(key, text): (FieldKey, String)| {
            let Ok(ms) = parse_duration_ms(&text) else { return };
            // A spin is not a timer: nothing to reschedule; its new length is for the next run.
            let spin =
                edit.tasks.iter().filter(|t| t.uid == key.0).flat_map(|t| &t.steps).any(|s| s.uid == key.1 && s.kind == StepKind::Spin);
            if spin && session.with(|_| ()).is_some() {
                notify_about(
                    "live-edit",
                    Level::Info,
                    "A spin blocks the thread; it holds no timer to reschedule. The new length applies to the next run.".to_string(),
                );
                return;
            }
            let Some((result, now)) = session.with(|s| (s.live_edit(key, ms), s.elapsed())) else { return };
            let (level, text) = match result {
                // The new duration counts from when the timer was armed: shorter than the time
                // already gone by, the deadline is in the past and the timer fires at once.
                Some(LiveEdit::Rescheduled(r)) if r.new_deadline <= now => (
                    Level::Info,
                    format!(
                        "{} is already past its new deadline: it fires now. A new duration counts from when the timer was armed (at {}), so {ms} ms ended at {}, before this edit at {}.",
                        r.timer,
                        fmt_ms(r.new_deadline - ms as f64),
                        fmt_ms(r.new_deadline),
                        fmt_ms(now)
                    ),
                ),
                Some(LiveEdit::Rescheduled(r)) => (
                    Level::Info,
                    format!(
                        "{} rescheduled while pending: now due at {} instead of {}. Its stored waker is kept.",
                        r.timer,
                        fmt_ms(r.new_deadline),
                        fmt_ms(r.old_deadline)
                    ),
                ),
                Some(LiveEdit::Upcoming) => {
                    (Level::Info, format!("That step has not started yet: this run will use {ms} ms when it gets there."))
                }
                Some(LiveEdit::Past) => {
                    (Level::Info, "That timer already fired (or was cancelled): the new duration applies to the next run.".to_string())
                }
                Some(LiveEdit::Refused(e)) => (Level::Error, format!("Could not reschedule: {e}.")),
                None => (Level::Info, "This field was added after Run: it applies to the next run.".to_string()),
            };
            notify_about("live-edit", level, text);
        })
    };
    let dispatch = {
        let edit = edit.clone();
        Callback::from(move |a: Action| edit.dispatch(a))
    };
    let on_undo = {
        let edit = edit.clone();
        Callback::from(move |()| edit.dispatch(Action::UndoRemove))
    };
    let on_dismiss = {
        let edit = edit.clone();
        Callback::from(move |uid: u64| edit.dispatch(Action::Dismiss(uid)))
    };
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| picked.set(Some(e)))
    };

    let share: Result<String, String> = edit.scenario().and_then(|s| {
        let text = encode_share(&s);
        if text.len() > MAX_SHARE_LEN {
            Err(format!("the link would be {} bytes; the limit is {MAX_SHARE_LEN}", text.len()))
        } else {
            Ok(text)
        }
    });
    // The address bar follows the scenario, so a reload or a copied address keeps it.
    {
        let text = share.clone().ok();
        use_effect_with(text, |text| set_fragment(text.as_deref()));
    }
    let on_share_notice = {
        let notify = notify.clone();
        Callback::from(move |(ok, text): (bool, String)| notify(if ok { Level::Info } else { Level::Error }, text))
    };

    // Commands from a parent page. The listener lives as long as the app; it always calls the
    // latest handler, which sees this render's callbacks.
    let handler: Rc<RefCell<Callback<Result<ParentCommand, String>>>> = use_mut_ref(Callback::noop);
    *handler.borrow_mut() = {
        let (on_run, on_pause, on_step, on_reset) = (on_run.clone(), on_pause.clone(), on_step.clone(), on_reset.clone());
        let (edit, replace, snap, bridge, notify) = (edit.clone(), replace.clone(), snap.clone(), bridge.clone(), notify.clone());
        let share = share.clone();
        Callback::from(move |cmd: Result<ParentCommand, String>| match cmd {
            Ok(ParentCommand::Hello) => {
                if let Some(b) = bridge.borrow().as_ref() {
                    b.post(
                        "ready",
                        &[
                            ("version", JsValue::from_f64(f64::from(PROTOCOL_VERSION))),
                            ("scenario", JsValue::from_str(share.as_deref().unwrap_or(""))),
                        ],
                    );
                }
            }
            Ok(ParentCommand::Run) => on_run.emit(()),
            Ok(ParentCommand::Pause) => on_pause.emit(()),
            Ok(ParentCommand::Step) => on_step.emit(()),
            Ok(ParentCommand::Reset) => on_reset.emit(()),
            Ok(ParentCommand::Load(s)) => {
                replace(None);
                snap.set(None);
                edit.dispatch(Action::Load(s));
            }
            Err(e) => {
                notify(Level::Error, format!("The parent page sent a bad scenario: {e}."));
                if let Some(b) = bridge.borrow().as_ref() {
                    b.post("error", &[("message", JsValue::from_str(&e))]);
                }
            }
        })
    };
    // The Run handler of the latest render, for autoplay (see the effect below).
    let latest_run: Rc<RefCell<Callback<()>>> = use_mut_ref(Callback::noop);
    *latest_run.borrow_mut() = on_run.clone();
    // A new fragment typed or pasted into this tab's address bar loads that scenario.
    let on_hash: Rc<RefCell<Callback<String>>> = use_mut_ref(Callback::noop);
    *on_hash.borrow_mut() = {
        let (edit, replace, snap, notify) = (edit.clone(), replace.clone(), snap.clone(), notify.clone());
        let current = share.clone().ok();
        Callback::from(move |hash: String| {
            let text = hash.strip_prefix('#').unwrap_or(&hash).to_string();
            if text.is_empty() || current.as_deref() == Some(text.as_str()) {
                return;
            }
            match parse_share(&text) {
                Ok(s) => {
                    replace(None);
                    snap.set(None);
                    edit.dispatch(Action::Load(s));
                }
                Err(e) => notify(Level::Error, format!("The new link's scenario could not be loaded ({e}); the current one is kept.")),
            }
        })
    };
    {
        let (bridge, handler, on_run, on_hash) = (bridge.clone(), handler.clone(), on_run.clone(), on_hash.clone());
        let (autoplay, theme) = (props.options.autoplay, props.options.theme);
        let (latest_run, session) = (latest_run.clone(), session.clone());
        use_effect_with((), move |_| {
            *bridge.borrow_mut() = ParentBridge::listen(move |cmd| {
                let cb = handler.borrow().clone();
                cb.emit(cmd);
            });
            let hash_listener = crate::web::embed::on_hash_change(move |hash| {
                let cb = on_hash.borrow().clone();
                cb.emit(hash);
            });
            let theme_listener = crate::web::embed::apply_theme(theme);
            // Autoplay waits until the frame is in view: a frame far down a tutorial must not run
            // (or draw attention) before the reader gets there.
            let visible = if autoplay {
                // This effect runs once, but the frame may come into view much later: by then a
                // parent may have loaded another scenario, or run this one already. So it calls
                // the latest Run handler, and only if nothing has run yet.
                let watcher = crate::web::embed::OnVisible::new(move || {
                    if session.with(Session::status).is_none() {
                        let run = latest_run.borrow().clone();
                        run.emit(());
                    }
                });
                if watcher.is_none() {
                    on_run.emit(());
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

    // What the timeline redraws for once its run stopped changing by itself.
    let revision = snap.as_ref().map_or((0, None), |s| (s.version, s.cursor.map(|c| c.seq)));
    let current_status = snap.as_ref().map(|s| s.status).or_else(|| session.with(Session::status));
    // The event to show in the code panel: the one picked in the log, else the latest that has
    // code behind it; its poll's earlier events say which code (see `anchors_in`).
    let (code_event, code_marks) = match &*snap {
        Some(s) => {
            let idx = match *picked {
                Some(p) => s.events.iter().position(|e| e.seq == p.seq),
                None => s.events.iter().rposition(|e| !anchors(&e.kind).0.is_empty()),
            };
            match idx {
                Some(i) => (s.events.get(i).copied(), anchors_in(&s.events, i)),
                None => (*picked, picked.map_or((&[][..], ""), |e| anchors(&e.kind))),
            }
        }
        None => (None, (&[][..], "")),
    };
    let started_at = snap.as_ref().map_or(0.0, |s| s.started_at);
    let names = snap.as_ref().map(|s| s.names.clone()).unwrap_or_default();
    let live = snap.as_ref().map(|s| s.live_fields.clone()).unwrap_or_default();
    let caption = edit.preset.and_then(preset).map(|p| p.caption);

    let title = props
        .options
        .title
        .clone()
        .or_else(|| edit.preset.and_then(preset).map(|p| p.title.to_string()))
        .unwrap_or_else(|| "a custom scenario".to_string());
    let next = session.with(|s| s.next_to_poll()).flatten();
    let controls = html! {
        <Controls status={current_status} mode={edit.mode} slow_motion_ms={edit.slow_motion_ms} backend={edit.backend}
            preset={edit.preset} compact={props.options.embed} {next} {on_run} {on_pause} {on_step} {on_reset} {on_mode} {on_slow_motion} {on_backend} {on_preset} {on_clock} clock={edit.clock} />
    };
    if props.options.embed {
        // The full playground keeps the embed's explicit theme (a dark book opens a dark app).
        let full_query = match props.options.theme {
            Theme::Auto => String::new(),
            t => format!("theme={}", t.key()),
        };
        let full = link(&full_query, share.as_deref().unwrap_or(""));
        // The embed's own caption, else the preset's: what to watch for.
        let embed_caption = props.options.caption.clone().or_else(|| caption.map(str::to_string));
        let queue = snap
            .as_ref()
            .map(|s| s.ready.iter().map(|t| s.names.get(t).map_or_else(|| t.to_string(), |n| n.to_string())).collect::<Vec<_>>().join(", "))
            .unwrap_or_default();
        return html! {
            <div class="app embed" data-testid="embed-app">
                <header class="embed-head">
                    <strong>{ "Waker Playground" }</strong>
                    <span class="embed-title" data-testid="embed-title">{ title.clone() }</span>
                    <a href={full} target="_blank" rel="noopener" data-testid="open-full">{ "Open in full playground ↗" }</a>
                </header>
                if let Some(c) = embed_caption {
                    <p class="embed-caption" data-testid="embed-caption">{ c }</p>
                }
                { controls }
                <Notices notices={edit.notices.clone()} {on_dismiss} on_undo={on_undo.clone()} />
                <Timeline session={session.clone()} generation={*generation} active={snap.is_some()} {revision} />
                <p class="embed-queue" data-testid="ready-queue">{ "Ready queue: " }{ if queue.is_empty() { "empty".to_string() } else { queue } }</p>
                if let Some(s) = &*snap {
                    <p class="embed-queue" data-testid="embed-counts">{ format!("timers: {} armed · {} fired · {} cancelled",
                        s.timer_stats.armed, s.timer_stats.fired, s.timer_stats.cancelled) }</p>
                }
                if props.options.code {
                    <CodePanel event={code_event} marks={code_marks} start={started_at} names={names} />
                }
            </div>
        };
    }
    html! {
        <div class="app">
            <header class="top">
                <h1>{ "Waker Playground" }</h1>
                <p class="tagline">{ "The async book's TimerFuture, woken by setTimeout, run by an executor that records every \
                    poll, wake and waker. Pick a preset, press Run, and watch." }</p>
                <nav aria-label="Share">
                    <ShareBar share={share.clone()} title={title.clone()} on_notice={on_share_notice} />
                    <a class="tutorial-link" href="static/tutorial.html">{ "Tutorial" }</a>
                </nav>
            </header>
            <main class="layout" ondrop={on_drop} ondragover={on_drag_over}>
                <div class="side">
                    <details class="primer" open={*wide} data-testid="primer">
                        <summary>{ "New here? How to read this" }</summary>
                        <dl>
                            <dt>{ "poll" }</dt>
                            <dd>{ "The executor calls a task's future: \"can you finish?\" It answers Ready (done) or \
                                Pending (not yet). A future does nothing between polls." }</dd>
                            <dt>{ "waker" }</dt>
                            <dd>{ "Before answering Pending, the future keeps a clone of the waker it was handed. \
                                It is the promise: \"I will tell you when to poll me again\"." }</dd>
                            <dt>{ "wake" }</dt>
                            <dd>{ "Something (here, a setTimeout callback) calls waker.wake(). That only puts the \
                                task on the ready queue; the executor polls it a moment later." }</dd>
                        </dl>
                        <p>{ "Press Run and watch the timeline: a box for each poll, a bar for each timer, a \
                            triangle for each wake. Slow motion and Step let you follow one poll at a time." }</p>
                    </details>
                    { controls }
                    if let Some(c) = caption {
                        <p class="preset-caption" data-testid="preset-caption">{ c }</p>
                    }
                    if edit.changed && snap.is_some() {
                        <p class="hint">{ "The tasks changed since this run started: Reset, then Run, to run the new ones. \
                            (Duration changes apply to the running tasks at once.)" }</p>
                    }
                    <Notices notices={edit.notices.clone()} {on_dismiss} on_undo={on_undo.clone()} />
                    <Editor tasks={edit.tasks.clone()} {dispatch} {on_commit} {live} />
                </div>
                <div class="stage">
                    <Timeline session={session.clone()} generation={*generation} active={snap.is_some()} {revision} on_seek={on_timeline_seek} />
                    <Playhead snap={(*snap).clone()} on_seek={on_cursor} {on_live} {on_export} {on_import} />
                    <div class="row">
                        <ExecutorPanel snap={(*snap).clone()} mode={edit.mode} />
                        <CodePanel event={code_event} marks={code_marks} start={started_at} names={names} />
                    </div>
                    <MetricsTable snap={(*snap).clone()} />
                    <EventLog snap={(*snap).clone()} on_select={on_pick} selected={picked.map(|e| e.seq)} />
                </div>
            </main>
            <footer class="foot">
                <p>{ "Built with Rust, wasm-bindgen and Yew. Every event above comes from the executor's trace; \
                    the code panel shows the source that ran." }</p>
            </footer>
        </div>
    }
}

/// Tells the parent page about tasks completed and status changes since the last report.
///
/// Completions are read from the tasks' states, not from a window of recent events, so a burst
/// of any size (1,000 tasks finishing in one tick) is reported in full, each task once.
///
/// Nothing counts as reported before a parent has said hello: a parent that subscribes after a
/// short autoplay run still hears every completion and the final status.
fn report(bridge: &ParentBridge, snap: &Snapshot, seen: &mut Reported) {
    if !bridge.is_connected() {
        return;
    }
    let mut new: Vec<_> = snap.metrics.iter().filter(|m| m.state == TaskState::Done && !seen.done.contains(&m.id)).collect();
    // In the order they finished (several may finish between two refreshes).
    new.sort_by(|a, b| a.completed_at.unwrap_or(f64::MAX).total_cmp(&b.completed_at.unwrap_or(f64::MAX)).then(a.id.0.cmp(&b.id.0)));
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
