use std::rc::Rc;

use yew::prelude::*;

use crate::core::TaskState;
use crate::ui::draw::fmt_ms;
use crate::ui::session::Snapshot;

/// At most this many rows; tasks with warnings come first.
const ROWS: usize = 100;

/// Props of [`MetricsTable`].
#[derive(Clone, PartialEq, Properties)]
pub struct MetricsTableProps {
    /// The latest snapshot.
    pub snap: Option<Rc<Snapshot>>,
}

/// Per-task metrics, as tokio-console shows them.
#[function_component(MetricsTable)]
pub fn metrics_table(p: &MetricsTableProps) -> Html {
    let Some(s) = &p.snap else {
        return html! {
            <section class="metrics panel" aria-labelledby="metrics-title">
                <h2 id="metrics-title">{ "Tasks" }</h2>
                <p class="empty" data-testid="metrics">{ "Run the scenario to see each task's polls, wakes and wakers." }</p>
            </section>
        };
    };
    let mut rows: Vec<_> = s.metrics.iter().collect();
    rows.sort_by_key(|m| (m.warnings.is_empty(), m.id));
    let warned = rows.iter().filter(|m| !m.warnings.is_empty()).count();
    html! {
        <section class="metrics panel" aria-labelledby="metrics-title">
            <h2 id="metrics-title">{ "Tasks" }</h2>
            <p class="caption">{ "Busy: inside poll. Scheduled: woken, waiting on the ready queue. Idle: waiting for a \
                wake. Live wakers: clones a future still holds; 0 while Pending means nothing can wake the task." }</p>
            <div class="table-wrap">
            <table data-testid="metrics">
                <thead>
                    <tr>
                        <th scope="col">{ "task" }</th><th scope="col">{ "state" }</th><th scope="col">{ "warnings" }</th><th scope="col">{ "polls" }</th>
                        <th scope="col">{ "wakes by timer / self / other" }</th>
                        <th scope="col">{ "wakers cloned / dropped / live" }</th>
                        <th scope="col">{ "busy" }</th><th scope="col">{ "scheduled" }</th><th scope="col">{ "idle" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().take(ROWS).map(|m| {
                        let state = match (m.state, m.aborted) {
                            (TaskState::Done, true) => "aborted",
                            (st, _) => st.label(),
                        };
                        html! {
                            <tr key={m.id.0} class={classes!((!m.warnings.is_empty()).then_some("warned"))} data-testid="metrics-row">
                                <th scope="row">{ m.name.to_string() }</th>
                                <td class={format!("state {state}")}>{ state }</td>
                                <td class="warnings">
                                    { for m.warnings.iter().map(|w| html! {
                                        <span class={format!("warning {}", w.key())} data-testid={format!("warning-{}", w.key())} title={w.to_string()}>
                                            { "⚠ " }{ w.to_string() }
                                        </span>
                                    }) }
                                </td>
                                <td>{ m.polls }</td>
                                <td>{ format!("{}/{}/{}", m.wakes.timer, m.wakes.self_wake, m.wakes.other + m.wakes.remote) }</td>
                                <td>{ format!("{}/{}/{}", m.wakers.clones, m.wakers.drops, m.wakers.live()) }</td>
                                <td>{ fmt_ms(m.busy_ms) }</td>
                                <td>{ fmt_ms(m.scheduled_ms) }</td>
                                <td>{ fmt_ms(m.idle_ms) }</td>

                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            if rows.len() > ROWS {
                <p class="more">{ format!("Showing {ROWS} of {} tasks ({warned} with warnings, listed first).", rows.len()) }</p>
            }
        </section>
    }
}
