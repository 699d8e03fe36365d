use std::collections::HashMap;
use std::rc::Rc;

use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::{Event, EventKind, Fixed, NoteKind, Outcome, SourceKind, TaskId, WakeSource};
use crate::play::session::{task_name, Snapshot, Status};
use crate::ui::draw::fmt_ms;
use crate::ui::hooks::{use_deferred, Shown};

/// At most this many rows are shown (the newest that match).
const ROWS: usize = 250;
/// How many rows the log keeps in the page while a run is live and the log follows the newest:
/// enough for several screens of the 300 px box, and few enough that a busy run (hundreds of
/// events a refresh) does not spend its frames building and removing rows nobody can see.
const LIVE_ROWS: usize = 60;

/// Props of [`EventLog`].
#[derive(Clone, PartialEq, Properties)]
pub struct EventLogProps {
    /// The latest snapshot.
    pub snap: Option<Rc<Snapshot>>,
    /// An event was clicked: light its code.
    pub on_select: Callback<Event>,
    /// The event selected, if any.
    pub selected: Option<u64>,
}

#[derive(Clone, Copy, PartialEq)]
enum Filter {
    All,
    Polls,
    Wakes,
    Wakers,
    Timers,
    Tasks,
}

impl Filter {
    const ALL: [(Filter, &'static str, &'static str); 6] = [
        (Filter::All, "all", "all events"),
        (Filter::Polls, "polls", "polls"),
        (Filter::Wakes, "wakes", "wakes"),
        (Filter::Wakers, "wakers", "waker clones and drops"),
        (Filter::Timers, "timers", "timers"),
        (Filter::Tasks, "tasks", "spawn and completion"),
    ];

    fn keeps(self, k: &EventKind) -> bool {
        match self {
            Filter::All => true,
            Filter::Polls => matches!(k, EventKind::PollStarted | EventKind::Polled { .. }),
            Filter::Wakes => matches!(k, EventKind::Woken { .. } | EventKind::WakeCoalesced { .. } | EventKind::WakeIgnored { .. }),
            Filter::Wakers => matches!(k, EventKind::WakerCloned | EventKind::WakerDropped),
            Filter::Timers => k.timer().is_some() && !matches!(k, EventKind::Woken { .. }),
            Filter::Tasks => {
                matches!(
                    k,
                    EventKind::Spawned
                        | EventKind::GuestSpawned
                        | EventKind::Enqueued
                        | EventKind::Dequeued
                        | EventKind::Completed
                        | EventKind::Aborted
                )
            }
        }
    }
}

/// A sentence about an event, with task names; `start` makes deadlines run-relative. `guest`:
/// the event's task is one of the program's own executor's, which its code polls and queues.
pub fn describe_event(e: &Event, names: &HashMap<TaskId, Rc<str>>, start: f64, guest: bool) -> String {
    let name = |t: TaskId| task_name(names, t);
    let by = |b: WakeSource| match b {
        WakeSource::Timer(t) => format!("{t}"),
        WakeSource::SelfWake => "itself".into(),
        WakeSource::Other(Some(t)) => name(t),
        WakeSource::Other(None) => "outside code".into(),
        WakeSource::Remote => "another thread".into(),
    };
    match e.kind {
        EventKind::PollStarted if guest => "your executor calls its poll".into(),
        EventKind::Woken { by: b } if guest => format!("woken by {}: your wake code ran (did it queue the task?)", by(b)),
        EventKind::WakeCoalesced { by: b } if guest => format!("woken again by {} before your executor polled it", by(b)),
        EventKind::Completed if guest => "completed: its future returned Ready to your executor".into(),
        EventKind::Spawned => "spawned: queued for its first poll".into(),
        EventKind::GuestSpawned => "a task of your executor's, first seen: your code polls it".into(),
        EventKind::Enqueued => "sent to your executor's queue (its channel)".into(),
        EventKind::Dequeued => "your executor took it off its queue".into(),
        EventKind::PollStarted => "poll started".into(),
        EventKind::Polled { outcome: Outcome::Pending, took_ms } => format!("poll returned Pending ({} ms)", Fixed(took_ms, 3)),
        EventKind::Polled { outcome: Outcome::Ready, took_ms } => format!("poll returned Ready ({} ms)", Fixed(took_ms, 3)),
        EventKind::Woken { by: b } => format!("woken by {}: queued", by(b)),
        EventKind::WakeCoalesced { by: b } => format!("wake by {} coalesced: already queued", by(b)),
        EventKind::WakeIgnored { by: b } => format!("wake by {} ignored: task is done", by(b)),
        EventKind::WakerCloned => "waker cloned (a future stored it)".into(),
        EventKind::WakerDropped => "waker dropped".into(),
        EventKind::Completed => "completed: future dropped".into(),
        EventKind::Aborted => "aborted: future dropped".into(),
        EventKind::TimerArmed { timer, .. } => format!("{timer} armed"),
        EventKind::TimerFired { timer, lateness_ms, woke } => {
            format!("{timer} fired, {} ms late{}", Fixed(lateness_ms, 2), if woke { "" } else { " (no waker stored)" })
        }
        EventKind::TimerCancelled { timer } => format!("{timer} cancelled: clearTimeout"),
        EventKind::TimerRescheduled { timer, old_deadline, new_deadline } => {
            format!("{timer} rescheduled: due at {} (was {})", fmt_ms(new_deadline - start), fmt_ms(old_deadline - start))
        }
        EventKind::TickEnded { budget_stop: false } => "tick ended: the ready queue is empty".into(),
        EventKind::TickEnded { budget_stop: true } => {
            "tick stopped on its budget: the thread goes back to the browser, tasks still ready".into()
        }
        EventKind::Note { kind: NoteKind::Print, .. } => "the program printed a line (see the console)".into(),
        EventKind::Note { kind: NoteKind::Notice, .. } => "the program made a note (see the console)".into(),
        EventKind::Note { kind: NoteKind::Error, .. } => "the task stopped on an error (see the console)".into(),
        EventKind::Note { kind: NoteKind::Panic, .. } => "the task panicked (see the console)".into(),
        EventKind::Source { why, .. } => format!(
            "your code: {}",
            match why {
                SourceKind::Ran => "a line of your poll ran",
                SourceKind::Timer => "this line makes a timer",
                SourceKind::Clone => "this line clones the waker",
                SourceKind::Wake => "this line wakes a task",
                SourceKind::Unpolled => "a future made here is dropped unpolled",
                SourceKind::SelfWaker => "a self-waking future is polled here",
                SourceKind::Stale => "the future awaited here keeps another task's waker (a stale waker)",
            }
        ),
        EventKind::Parked { .. } => "parked at its awaits (see Your program)".into(),
        EventKind::Failed { panic: true } => "failed: it panicked".into(),
        EventKind::Failed { panic: false } => "failed: it stopped on an error".into(),
    }
}

/// Scrolls the log to its end when the row it observes (the newest) is first laid out.
struct Follower {
    observer: web_sys::ResizeObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Follower {
    fn new(list: &NodeRef) -> Option<Follower> {
        use wasm_bindgen::JsCast;
        let list = list.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            // A log out of view is not laid out (content-visibility), and its rows report no
            // size: reading its height would lay it out just to scroll it. It is scrolled when it
            // comes into view, as its newest row then gets its size.
            let laid_out =
                entries.iter().filter_map(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok()).any(|e| e.content_rect().height() > 0.0);
            if !laid_out {
                return;
            }
            if let Some(el) = list.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        Some(Follower { observer, _callback: callback })
    }
}

/// The trace as text: filterable, and following the newest event. Out of view during a live
/// run, it lets refreshes go by (see [`use_deferred`]).
#[function_component(EventLog)]
pub fn event_log(p: &EventLogProps) -> Html {
    let section = use_node_ref();
    let shown = use_deferred(&section, &p.snap);
    html! {
        <section class="log panel" aria-labelledby="log-title" ref={section}>
            <EventLogBody snap={shown} on_select={p.on_select.clone()} selected={p.selected} />
        </section>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct EventLogBodyProps {
    snap: Shown,
    on_select: Callback<Event>,
    selected: Option<u64>,
}

#[function_component(EventLogBody)]
fn event_log_body(p: &EventLogBodyProps) -> Html {
    let snap = &p.snap.0;
    let filter = use_state(|| Filter::All);
    let text = use_state(String::new);
    let follow = use_state(|| true);
    let list = use_node_ref();

    let rows: Vec<(Event, String, String)> = match snap {
        Some(s) => {
            let needle = text.trim().to_ascii_lowercase();
            let guests: std::collections::HashSet<TaskId> = s.metrics.iter().filter(|m| m.guest).map(|m| m.id).collect();
            let mut v: Vec<_> = s
                .events
                .iter()
                .rev()
                .filter(|e| filter.keeps(&e.kind))
                .map(|e| {
                    let who = e.task.map(|t| s.name(t)).unwrap_or_default();
                    let guest = e.task.is_some_and(|t| guests.contains(&t));
                    (*e, who, describe_event(e, &s.names, s.started_at, guest))
                })
                .filter(|(_, who, what)| {
                    needle.is_empty() || who.to_ascii_lowercase().contains(&needle) || what.to_ascii_lowercase().contains(&needle)
                })
                .take(if s.status == Status::Running && *follow { LIVE_ROWS } else { ROWS })
                .collect();
            v.reverse();
            v
        }
        None => Vec::new(),
    };
    let start = snap.as_ref().map_or(0.0, |s| s.started_at);
    let newest = rows.last().map(|r| r.0.seq);

    // Following the newest row: scrolled to the end when the browser reports the new row's size
    // (a ResizeObserver is told after layout, when the list's height costs nothing to read).
    // Reading it right after the render instead forced a layout of the whole page on every
    // refresh of a busy run, and the log is often out of view, where it is not laid out at all.
    let follower = use_mut_ref(|| None::<Follower>);
    {
        let (list, follower) = (list.clone(), follower.clone());
        let follow = *follow;
        use_effect_with((newest, follow), move |_| {
            let mut slot = follower.borrow_mut();
            if slot.is_none() {
                *slot = Follower::new(&list);
            }
            if let (Some(f), Some(el)) = (slot.as_ref(), list.cast::<web_sys::Element>()) {
                f.observer.disconnect();
                if follow {
                    if let Some(last) = el.last_element_child() {
                        f.observer.observe(&last);
                    }
                }
            }
        });
    }
    {
        let follower = follower.clone();
        use_effect_with((), move |_| {
            move || {
                if let Some(f) = follower.borrow_mut().take() {
                    f.observer.disconnect();
                }
            }
        });
    }

    // Up and Down move between the rows' buttons, Home and End to the first and last, as the
    // timeline's arrow keys do.
    let on_arrows = Callback::from(|e: KeyboardEvent| {
        use wasm_bindgen::JsCast;
        let key = e.key();
        if !matches!(key.as_str(), "ArrowUp" | "ArrowDown" | "Home" | "End") {
            return;
        }
        let Some(list) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Ok(buttons) = list.query_selector_all("li button") else { return };
        let n = buttons.length();
        if n == 0 {
            return;
        }
        let active = web_sys::window().and_then(|w| w.document()).and_then(|d| d.active_element());
        let at = (0..n).find(|&i| buttons.item(i).and_then(|b| b.dyn_into::<web_sys::Element>().ok()) == active);
        let next = match (key.as_str(), at) {
            ("Home", _) => 0,
            ("End", _) | ("ArrowUp", None) => n - 1,
            (_, None) => 0,
            ("ArrowUp", Some(i)) => i.saturating_sub(1),
            (_, Some(i)) => (i + 1).min(n - 1),
        };
        if let Some(b) = buttons.item(next).and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok()) {
            e.prevent_default();
            let _ = b.focus();
        }
    });
    let on_filter = {
        let f = filter.clone();
        Callback::from(move |e: web_sys::Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some((k, _, _)) = Filter::ALL.iter().find(|(_, key, _)| *key == v) {
                f.set(*k);
            }
        })
    };
    let on_text = {
        let t = text.clone();
        Callback::from(move |e: InputEvent| t.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_follow = {
        let f = follow.clone();
        Callback::from(move |e: web_sys::Event| f.set(e.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    html! { <>
            <h2 id="log-title">{ "Event log" }</h2>
            <p class="caption">{ "Every event the executor recorded, newest last. Click one to light its code." }</p>
            <div class="log-tools">
                <label>{ "Show " }
                    <select onchange={on_filter} data-testid="log-filter">
                        { for Filter::ALL.iter().map(|(k, key, label)| html! { <option value={*key} selected={*k == *filter}>{ *label }</option> }) }
                    </select>
                </label>
                <label>{ "Search " }<input type="search" value={(*text).clone()} oninput={on_text} placeholder="task or text" /></label>
                <label><input type="checkbox" checked={*follow} onchange={on_follow} />{ " follow newest" }</label>
                if let Some(s) = snap {
                    if s.total_events > s.events.len() as u64 {
                        <span class="more" data-testid="log-window">{ format!("searching the latest {} of {} events", s.events.len(), s.total_events) }</span>
                    }
                }
            </div>
            <ol class="events" ref={list} data-testid="event-log" aria-label="Events (arrow keys move between them)" tabindex="0" onkeydown={on_arrows}>
                if rows.is_empty() {
                    <li class="empty">{ if snap.as_ref().is_some_and(|s| !s.events.is_empty()) { "no events match" } else { "no events yet" } }</li>
                }
                // A fragment of its own, so the rows are reconciled by key (see the executor panel):
                // as the window slides, old rows leave and new ones arrive, and the rest stay.
                <>{ for rows.into_iter().map(|(e, who, what)| {
                    let cb = p.on_select.clone();
                    let selected = p.selected == Some(e.seq);
                    html! {
                        <li key={e.seq} class={classes!("event", e.kind.name(), selected.then_some("selected"))} data-kind={e.kind.name()} data-at-ms={Fixed(e.at - start, 3).to_string()}>
                            <button class="event-row" onclick={Callback::from(move |_| cb.emit(e))} aria-pressed={selected.to_string()}>
                                <span class="t">{ fmt_ms(e.at - start) }</span>
                                <span class="who">{ who }</span>
                                <span class="what">{ what }</span>
                            </button>
                        </li>
                    }
                }) }</>
            </ol>
    </> }
}
