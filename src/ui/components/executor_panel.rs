use std::rc::Rc;

use yew::prelude::*;

use crate::core::RunMode;
use crate::play::session::Snapshot;
use crate::ui::draw::fmt_ms;

/// At most this many entries per list.
const SHOWN: usize = 40;

/// "1 poll", "2 polls".
pub(crate) fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Props of [`ExecutorPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct ExecutorPanelProps {
    /// The latest snapshot, if there is a run.
    pub snap: Option<Rc<Snapshot>>,
    /// The selected run mode.
    pub mode: RunMode,
}

/// The ready queue, the pending timers and the run mode.
#[function_component(ExecutorPanel)]
pub fn executor_panel(p: &ExecutorPanelProps) -> Html {
    let name = |t: crate::core::TaskId| p.snap.as_ref().map_or_else(|| t.to_string(), |s| s.name(t));
    let (ready, timers) = match &p.snap {
        Some(s) => (s.ready.clone(), s.timers.clone()),
        None => (Vec::new(), Vec::new()),
    };
    html! {
        <section class="executor panel" aria-labelledby="exec-title">
            <h2 id="exec-title">{ "Executor" }</h2>
            <p class="mode-line">{ "Mode: " }<strong data-testid="current-mode">{ p.mode.key() }</strong>
                if let Some(s) = &p.snap {
                    <span class="counts" title="A tick is one drain of the ready queue, scheduled by the run mode; a budget stop is a tick that stopped at its poll or time budget to let the page breathe. Step polls outside ticks.">
                        { format!(" · {} · {} · {}", plural(s.stats.polls, "poll"), plural(s.stats.ticks, "tick"), plural(s.stats.yields, "budget stop")) }
                    </span>
                }
            </p>
            <p class="caption">{ "A tick is one drain of the ready queue, scheduled by the run mode; a budget stop \
                is a tick that stopped at its poll or time budget, to let the page breathe. Step polls outside ticks." }</p>
            <h3>{ "Ready queue" }</h3>
            <p class="caption">{ "Tasks that were woken and wait for a poll, front first. A wake only queues the task; \
                the poll comes later, when the executor drains the queue." }</p>
            <ol class="queue" data-testid="ready-queue" aria-label="Ready queue, front first">
                if ready.is_empty() {
                    <li class="empty">{ "empty: nothing to poll until something wakes a task" }</li>
                }
                // A fragment of its own: a list is reconciled by key only when all its children
                // have keys, and the rows beside it have none. Unkeyed, every shift of the queue
                // would rebuild every row.
                <>{ for ready.iter().take(SHOWN).map(|&t| html! { <li key={t.0} class="chip">{ name(t) }</li> }) }</>
                if ready.len() > SHOWN {
                    <li class="more">{ format!("and {} more", ready.len() - SHOWN) }</li>
                }
            </ol>
            <h3>{ "Pending timers" }</h3>
            <p class="caption">{ "Each pending TimerFuture holds the waker of the last poll. When its setTimeout \
                fires, the callback sets completed and wakes that waker." }</p>
            <table class="timers" data-testid="timers">
                <thead><tr><th scope="col">{ "timer" }</th><th scope="col">{ "task" }</th><th scope="col">{ "due at" }</th><th scope="col">{ "remaining" }</th></tr></thead>
                <tbody>
                    if timers.is_empty() {
                        <tr><td colspan="4" class="empty">{ "none pending" }</td></tr>
                    }
                    <>{ for timers.iter().take(SHOWN).map(|t| html! {
                        <tr key={t.id.0}>
                            <td>{ t.id.0 }</td>
                            <td>{ t.task.map(name).unwrap_or_default() }</td>
                            <td>{ fmt_ms(t.deadline) }</td>
                            <td>{ if t.remaining > 0.0 { fmt_ms(t.remaining) } else { "due".to_string() } }</td>
                        </tr>
                    }) }</>
                    if timers.len() > SHOWN {
                        <tr><td colspan="4" class="more">{ format!("and {} more", timers.len() - SHOWN) }</td></tr>
                    }
                </tbody>
            </table>
            if let Some(s) = &p.snap {
                <p class="counts">{ format!("timers: {} armed · {} fired · {} cancelled · {} rescheduled",
                    s.timer_stats.armed, s.timer_stats.fired, s.timer_stats.cancelled, s.timer_stats.rescheduled) }</p>
            }
        </section>
    }
}
