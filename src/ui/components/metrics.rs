use std::rc::Rc;

use yew::prelude::*;

use crate::core::{Histogram, TaskState};
use crate::play::session::Snapshot;
use crate::ui::draw::fmt_ms;
use crate::ui::hooks::{use_deferred, Shown};

/// At most this many rows; tasks with warnings come first.
const ROWS: usize = 100;

/// A histogram as a row of bars, one per power of two of microseconds from its first bucket in
/// use to its last, and a description with its median and 95th percentile.
fn sparkline(h: &Histogram) -> (String, String) {
    const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let total = h.total();
    let (Some(lo), Some(hi)) = (h.buckets.iter().position(|&b| b > 0), h.buckets.iter().rposition(|&b| b > 0)) else {
        return (String::new(), "none yet".to_string());
    };
    let top = u64::from(h.buckets[lo..=hi].iter().copied().max().unwrap_or(1).max(1));
    let bars: String =
        h.buckets[lo..=hi].iter().map(|&b| if b == 0 { ' ' } else { BARS[((u64::from(b) * 7).div_ceil(top)) as usize % 8] }).collect();
    // The upper edge of the bucket where the cumulative count passes `p` of the total.
    let pct = |p: u64| {
        let mut seen = 0u64;
        let k = h.buckets.iter().position(|&b| {
            seen += u64::from(b);
            seen * 100 >= p * total
        });
        k.map_or(0.0, |k| Histogram::lower_ms(k + 1))
    };
    let title = format!(
        "{total} in all; half under {}, 95% under {} (from {} to under {})",
        fmt_ms(pct(50)),
        fmt_ms(pct(95)),
        fmt_ms(Histogram::lower_ms(lo)),
        fmt_ms(Histogram::lower_ms(hi + 1))
    );
    (bars, title)
}

/// Props of [`MetricsTable`].
#[derive(Clone, PartialEq, Properties)]
pub struct MetricsTableProps {
    /// The latest snapshot.
    pub snap: Option<Rc<Snapshot>>,
}

/// Per-task metrics, as tokio-console shows them. Out of view during a live run, it lets
/// refreshes go by (see [`use_deferred`]).
#[function_component(MetricsTable)]
pub fn metrics_table(p: &MetricsTableProps) -> Html {
    let section = use_node_ref();
    let shown = use_deferred(&section, &p.snap);
    html! {
        <section class="metrics panel" aria-labelledby="metrics-title" ref={section}>
            <MetricsBody snap={shown} />
        </section>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct MetricsBodyProps {
    snap: Shown,
}

#[function_component(MetricsBody)]
fn metrics_body(p: &MetricsBodyProps) -> Html {
    let Some(s) = &p.snap.0 else {
        return html! { <>
            <h2 id="metrics-title">{ "Tasks" }</h2>
            <p class="empty" data-testid="metrics">{ "Run the scenario to see each task's polls, wakes and wakers." }</p>
        </> };
    };
    let mut rows: Vec<_> = s.metrics.iter().collect();
    rows.sort_by_key(|m| (m.warnings.is_empty(), m.id));
    let warned = rows.iter().filter(|m| !m.warnings.is_empty()).count();
    html! { <>
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
                        <th scope="col" title="Each bar is a power of two of microseconds, shortest on the left">{ "poll times" }</th>
                        <th scope="col" title="From a wake to the poll it caused. Each bar is a power of two of microseconds, shortest on the left">{ "wake → poll" }</th>
                    </tr>
                </thead>
                <tbody>
                    { for rows.iter().take(ROWS).map(|m| {
                        let state = match (m.state, m.aborted, m.failed) {
                            (TaskState::Done, true, _) => "aborted",
                            (TaskState::Done, _, Some(true)) => "panicked",
                            (TaskState::Done, _, Some(false)) => "failed",
                            (st, _, _) => st.label(),
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
                                {{
                                    let (polls, sched) = s.histograms.get(&m.id).copied().unwrap_or_default();
                                    let ((pb, pt), (sb, st)) = (sparkline(&polls), sparkline(&sched));
                                    html! { <>
                                        <td class="hist" title={pt.clone()} aria-label={pt} data-testid="poll-hist">{ pb }</td>
                                        <td class="hist" title={st.clone()} aria-label={st}>{ sb }</td>
                                    </> }
                                }}

                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            </div>
            <p class="scroll-cue" data-testid="metrics-scroll-cue">{ "⇆ The table is wider than the screen: swipe it sideways for the wakes, wakers and times." }</p>
            if rows.len() > ROWS {
                <p class="more">{ format!("Showing {ROWS} of {} tasks ({warned} with warnings, listed first).", rows.len()) }</p>
            }
    </> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_histogram_reads_as_bars_from_its_first_bucket_to_its_last() {
        assert_eq!(sparkline(&Histogram::default()).0, "");
        let mut h = Histogram::default();
        h.add(0.010); // 10 µs: [8, 16)
        h.add(0.012);
        h.add(0.040); // 40 µs: [32, 64)
        let (bars, title) = sparkline(&h);
        assert_eq!(bars, "█ ▅");
        assert!(title.starts_with("3 in all; half under 0.02 ms"), "{title}");
        assert!(title.contains("95% under 0.06 ms"), "{title}");
    }
}
