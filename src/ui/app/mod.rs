//! The playground's root component: it owns the editor and the run, and hands each panel the
//! folded state it shows. The handlers live beside it, one file per concern:
//!
//! - `ctx.rs`: the state handles every handler works on;
//! - `run.rs`: Run, Pause, Step, Reset and the settings;
//! - `replay.rs`: the playhead, export and import;
//! - `editing.rs`: the editor, and live edits of a running timer;
//! - `embedding.rs`: a parent page's commands, the address bar, autoplay, and reports.

mod ctx;
mod editing;
mod embedding;
mod replay;
mod run;

use std::rc::Rc;

use yew::prelude::*;

use crate::core::Event;
use crate::play::session::{ProgramView, Session, Snapshot, Status};
use crate::play::{encode_share, preset, PageOptions, Scenario, Theme, MAX_SHARE_LEN};
use crate::ui::code::{anchors, anchors_in};
use crate::ui::components::{
    CodePanel, Controls, Editor, EventLog, ExecutorPanel, MetricsTable, Notices, Playhead, ProgramPanel, SessionHandle, ShareBar, Timeline,
};
use crate::ui::hooks::use_interval;
use crate::ui::state::{Action, EditState, Level};
use crate::web::embed::{link, set_fragment, ParentBridge};

use ctx::{Ctx, Reported};
use editing::EditHandlers;
use embedding::{report, use_embedding};
use replay::ReplayHandlers;

/// Props of [`App`].
#[derive(Clone, Debug, Default, PartialEq, Properties)]
pub struct AppProps {
    /// The scenario to start with (from the URL); the first preset otherwise.
    #[prop_or_default]
    pub initial: Option<Scenario>,
    /// Problems found at start-up (a malformed share URL), shown as messages.
    #[prop_or_default]
    pub messages: Vec<(&'static str, String)>,
    /// Embedded layout, autoplay, code panel.
    #[prop_or_default]
    pub options: PageOptions,
}

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
            for (topic, m) in messages {
                edit.dispatch(Action::NotifyAbout(topic, Level::Error, m));
            }
        });
    }
    {
        // Once the page has first shown (an embed waits for the pointer or the focus on Run),
        // and the language module is there: see `play::session::warm_up_once`.
        let embed = props.options.embed;
        use_effect_with((), move |_| {
            let later =
                (!embed).then(|| gloo_timers::callback::Timeout::new(0, || crate::web::lazy::then(crate::play::session::warm_up_once)));
            move || drop(later)
        });
    }
    {
        // The step form's program is parsed while the form sits (a quarter of a second after
        // its last change), so that Run does not parse it: see `ScenarioRun::prepare`.
        let (edit, later) = (edit.clone(), use_mut_ref(|| None::<gloo_timers::callback::Timeout>));
        use_effect_with((edit.tasks.clone(), edit.code.is_some()), move |(_, code)| {
            let code = *code;
            *later.borrow_mut() = (!code).then(|| {
                gloo_timers::callback::Timeout::new(250, move || {
                    if let Ok(scenario) = edit.scenario() {
                        crate::play::ScenarioRun::prepare(&scenario);
                    }
                })
            });
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

    let ctx = Ctx {
        edit: edit.clone(),
        session: session.clone(),
        generation: generation.clone(),
        snap: snap.clone(),
        picked: picked.clone(),
        reported,
        bridge: bridge.clone(),
        refresh,
        history: props.options.history.unwrap_or(crate::core::DEFAULT_TRACE_CAP),
        embed: props.options.embed,
    };
    let run = run::handlers(&ctx);
    let editing = EditHandlers::new(&ctx);

    let encoded = |s: Scenario| {
        let text = encode_share(&s);
        if text.len() > MAX_SHARE_LEN {
            Err(format!("the link would be {} bytes; the limit is {MAX_SHARE_LEN}", text.len()))
        } else {
            Ok(text)
        }
    };
    // What embeds and the parent page get: a scenario that runs.
    let share: Result<String, String> = edit.scenario().and_then(encoded);
    // What a link to the page holds: a program with an error too, to be asked about.
    let link: Result<String, String> = edit.link_scenario().and_then(encoded);
    // The address bar follows the scenario, so a reload or a copied address keeps it.
    {
        let text = link.clone().ok();
        use_effect_with(text, |text| set_fragment(text.as_deref()));
    }
    use_embedding(&ctx, &run, bridge, share.clone().ok(), &props.options);

    // What the timeline redraws for once its run stopped changing by itself.
    let revision = snap.as_ref().map_or((0, None), |s| (s.version, s.cursor.map(|c| c.seq)));
    let current_status = snap.as_ref().map(|s| s.status).or_else(|| session.with(Session::status));
    let failed = snap.as_ref().and_then(|s| s.program.as_ref()).map_or((0, 0), |p| {
        let panicked = p.failed.iter().filter(|(_, panic)| *panic).count();
        (panicked, p.failed.len() - panicked)
    });
    // The event to show in the code panel: the one picked in the log, else the latest that has
    // code behind it; its poll's earlier events say which code (see `anchors_in`).
    let (code_event, code_marks) = match &*snap {
        Some(s) => {
            let idx = match *picked {
                Some(p) => s.events.iter().position(|e| e.seq == p.seq),
                None => s.events.iter().rposition(|e| !anchors(&e.kind).0.is_empty()),
            };
            match idx {
                Some(i) => {
                    let e = s.events.get(i).copied();
                    let marks = anchors_in(&s.events, i);
                    // The program's run knows what the trace cannot tell apart.
                    let (unawaited, self_waker, guest) = e
                        .and_then(|e| {
                            session.with(|run| {
                                (run.unawaited_drop(&e), run.self_waker_event(&e, marks.0), e.task.is_some_and(|t| run.is_guest(t)))
                            })
                        })
                        .unwrap_or((false, false, false));
                    let marks = if guest {
                        crate::ui::code::GUEST_EVENT
                    } else if unawaited {
                        crate::ui::code::UNAWAITED_DROP
                    } else if self_waker {
                        crate::ui::code::SELF_WAKER
                    } else {
                        marks
                    };
                    (e, marks)
                }
                None => (*picked, picked.map_or((&[][..], ""), |e| anchors(&e.kind))),
            }
        }
        None => (None, (&[][..], "")),
    };
    let code_guest = code_event.and_then(|e| e.task).is_some_and(|t| session.with(|run| run.is_guest(t)).unwrap_or(false));
    let started_at = snap.as_ref().map_or(0.0, |s| s.started_at);
    let names = snap.as_ref().map(|s| s.names.clone()).unwrap_or_default();
    let caption = edit.preset.and_then(preset).map(|p| p.caption);

    let title = props
        .options
        .title
        .clone()
        .or_else(|| edit.preset.and_then(preset).map(|p| p.title.to_string()))
        .unwrap_or_else(|| "a custom scenario".to_string());
    let next = session.with(|s| s.next_to_poll()).flatten();
    let controls = html! {
        <Controls status={current_status} failed={failed} mode={edit.mode} slow_motion_ms={edit.slow_motion_ms} backend={edit.backend}
            preset={edit.preset} compact={props.options.embed} {next} clock={edit.clock} on={run.clone()} />
    };
    let page = Page {
        props,
        ctx,
        run,
        editing,
        wide: *wide,
        share,
        link,
        title,
        caption,
        controls,
        revision,
        code: CodeView { event: code_event, marks: code_marks, start: started_at, names, guest: code_guest },
    };
    // Two functions, so that the full page's markup is not in the code an embed loads first
    // (tools/lazy-split: the split is by function).
    if props.options.embed {
        embed_view(page)
    } else {
        full_view(page)
    }
}

/// What the code panel shows.
struct CodeView {
    event: Option<Event>,
    marks: (&'static [crate::ui::code::Anchor], &'static str),
    start: f64,
    names: Rc<std::collections::HashMap<crate::core::TaskId, Rc<str>>>,
    guest: bool,
}

impl CodeView {
    fn panel(self) -> Html {
        let CodeView { event, marks, start, names, guest } = self;
        html! { <CodePanel {event} {marks} {start} {names} {guest} /> }
    }
}

/// What [`App`] computed for its view, embedded or full.
struct Page<'a> {
    props: &'a AppProps,
    ctx: Ctx,
    run: run::RunHandlers,
    editing: EditHandlers,
    wide: bool,
    share: Result<String, String>,
    /// The link to the page (a program with an error too): see `link_scenario`.
    link: Result<String, String>,
    title: String,
    caption: Option<&'static str>,
    controls: Html,
    revision: (u64, Option<u64>),
    code: CodeView,
}

#[inline(never)]
fn embed_view(page: Page<'_>) -> Html {
    let Page { props, ctx, editing, share, title, caption, controls, revision, code, .. } = page;
    let (edit, snap, session, generation) = (&ctx.edit, &ctx.snap, &ctx.session, &ctx.generation);
    // The full playground keeps the embed's explicit theme (a dark book opens a dark app).
    let full_query = match props.options.theme {
        Theme::Auto => String::new(),
        t => format!("theme={}", t.key()),
    };
    let full = link(&full_query, share.as_deref().unwrap_or(""));
    // The embed's own caption, else the preset's: what to watch for.
    let embed_caption = props.options.caption.clone().or_else(|| caption.map(str::to_string));
    let queue = snap.as_ref().map(|s| s.ready.iter().map(|&t| s.name(t)).collect::<Vec<_>>().join(", ")).unwrap_or_default();
    html! {
        <div class="app embed" data-testid="embed-app">
            <header class="embed-head">
                <strong>{ "Waker Playground" }</strong>
                <span class="embed-title" data-testid="embed-title">{ title }</span>
                <a href={full} target="_blank" rel="noopener" data-testid="open-full">{ "Open in full playground ↗" }</a>
            </header>
            if let Some(c) = embed_caption {
                <p class="embed-caption" data-testid="embed-caption">{ c }</p>
            }
            { controls }
            <Notices notices={edit.notices.clone()} on_dismiss={editing.on_dismiss.clone()} on_undo={editing.on_undo.clone()} />
            <Timeline session={session.clone()} generation={**generation} active={snap.is_some()} {revision} />
            <p class="embed-queue" data-testid="ready-queue">{ "Ready queue: " }{ if queue.is_empty() { "empty".to_string() } else { queue } }</p>
            if let Some(s) = &**snap {
                <p class="embed-queue" data-testid="embed-counts">{ format!("timers: {} armed · {} fired · {} cancelled",
                    s.timer_stats.armed, s.timer_stats.fired, s.timer_stats.cancelled) }</p>
            }
            // A program is the scenario itself: the reader sees it, lit, with its console. The
            // step form's program shows with the code panel.
            if let Some(program) = snap
                .as_ref()
                .and_then(|s| s.program.clone())
                .or_else(|| edit.code.clone().map(ProgramView::not_run))
                .filter(|p| !p.generated || props.options.code)
            {
                <ProgramPanel view={program} names={snap.as_ref().map(|s| s.names.clone()).unwrap_or_default()}
                    hide={Rc::new(props.options.hide.clone())} />
            }
            if props.options.code {
                { code.panel() }
            }
        </div>
    }
}

#[inline(never)]
fn full_view(page: Page<'_>) -> Html {
    let Page { ctx, run, editing, wide, share, link, title, caption, controls, revision, code, .. } = page;
    let (edit, snap, session, generation, picked) = (&ctx.edit, &ctx.snap, &ctx.session, &ctx.generation, &ctx.picked);
    let replay = ReplayHandlers::new(&ctx);
    let on_pick = {
        let picked = picked.clone();
        Callback::from(move |e: Event| picked.set(Some(e)))
    };
    let on_notice = {
        let ctx = ctx.clone();
        Callback::from(move |(ok, text): (bool, String)| ctx.notify(if ok { Level::Info } else { Level::Error }, text))
    };
    // Ctrl+Enter in the program runs it as it is now: a run in progress is dropped first.
    let on_code_run = {
        let (reset, go) = (run.on_reset.clone(), run.on_run.clone());
        Callback::from(move |()| {
            reset.emit(());
            go.emit(());
        })
    };
    let live = snap.as_ref().map(|s| s.live_fields.clone()).unwrap_or_default();
    html! {
        <div class="app">
            <header class="top">
                <h1>{ "Waker Playground" }</h1>
                <p class="tagline">{ "The async book's TimerFuture, woken by setTimeout, run by an executor that records every \
                    poll, wake and waker. Pick a preset, press Run, and watch." }</p>
                <nav aria-label="Share">
                    <ShareBar share={share.clone()} link={link.clone()} title={title.clone()} {on_notice}
                        default_height={edit.code.as_deref().map_or(crate::play::EMBED_DEFAULT_HEIGHT, crate::play::program_height)} />
                    <a class="tutorial-link" href="static/tutorial.html">{ "Tutorial" }</a>
                </nav>
            </header>
            <main class={classes!("layout", edit.code.is_some().then_some("code-first"))} ondrop={replay.on_drop.clone()} ondragover={replay.on_drag_over.clone()}>
                <div class="side">
                    <Primer open={wide && edit.code.is_none()} />
                    { controls }
                    if let Some(c) = caption {
                        <p class="preset-caption" data-testid="preset-caption">{ c }</p>
                    }
                    if edit.changed && snap.is_some() {
                        <p class="hint">{ "The tasks changed since this run started: Reset, then Run, to run the new ones. \
                            (Duration changes apply to the running tasks at once.)" }</p>
                    }
                    <Notices notices={edit.notices.clone()} on_dismiss={editing.on_dismiss.clone()} on_undo={editing.on_undo.clone()} />
                    <Editor tasks={edit.tasks.clone()} dispatch={editing.dispatch.clone()} on_commit={editing.on_commit.clone()} {live}
                        code={edit.code.clone()} code_error={edit.code_error.clone()} on_code_settle={editing.on_code_settle.clone()}
                        {on_code_run} />
                </div>
                <div class="stage">
                    <Timeline session={session.clone()} generation={**generation} active={snap.is_some()} {revision} on_seek={replay.on_timeline_seek.clone()} />
                    <Playhead snap={(**snap).clone()} on_seek={replay.on_seek.clone()} on_live={replay.on_live.clone()}
                        on_export={replay.on_export.clone()} on_import={replay.on_import.clone()} />
                    if let Some(program) = snap.as_ref().and_then(|s| s.program.clone()) {
                        <ProgramPanel view={program} names={snap.as_ref().map(|s| s.names.clone()).unwrap_or_default()} />
                    }
                    if let Some(lines) = snap.as_ref().and_then(|s| s.program_hidden) {
                        <p class="panel program-hidden" data-testid="program-hidden">{ format!(
                            "Your tasks, as a program, are {lines} lines of near-identical async fns, spawned by fn main: too long to show \
                            here, and the timeline above says the same. A scenario of fewer tasks shows its program, lit."
                        ) }</p>
                    }
                    <div class="row">
                        <ExecutorPanel snap={(**snap).clone()} mode={edit.mode} />
                        { code.panel() }
                    </div>
                    <MetricsTable snap={(**snap).clone()} />
                    <EventLog snap={(**snap).clone()} on_select={on_pick} selected={picked.map(|e| e.seq)} />
                </div>
            </main>
            <footer class="foot">
                <p>{ "Built with Rust, wasm-bindgen and Yew. Every event above comes from the executor's trace; \
                    the code panel shows the source that ran." }</p>
            </footer>
        </div>
    }
}

/// The three words a newcomer needs, open beside the timeline where there is room.
#[derive(Clone, PartialEq, Properties)]
struct PrimerProps {
    open: bool,
}

#[function_component(Primer)]
fn primer(p: &PrimerProps) -> Html {
    html! {
                    <details class="primer" open={p.open} data-testid="primer">
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
    }
}
