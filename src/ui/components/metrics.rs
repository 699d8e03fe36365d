use std::rc::Rc;

use yew::prelude::*;

use crate::core::{Histogram, TaskState};
use crate::play::session::Snapshot;
use crate::ui::draw::fmt_ms;
use crate::ui::hooks::{use_deferred, Shown};

/// Rows built beyond each end of the table's scroll box: a quick scroll shows rows, not gaps.
const OVERSCAN: usize = 8;
/// A row's height until one has been measured (the stylesheet fixes it at 1.9rem).
const ROW_PX: f64 = 30.4;
/// The scroll box's height until it has been measured (its stylesheet height: at most 26rem).
const BOX_PX: f64 = 416.0;

/// From this many tasks the table scrolls (its box holds about 12 rows under its headings), and
/// says how many it has.
const SCROLLS_FROM: usize = 12;

/// The rows of `n` to build for a scroll box `box_px` tall scrolled to `top_px`, rows `row_px`
/// tall: those in view and [`OVERSCAN`] either side, as (first, how many).
fn window(top_px: f64, box_px: f64, row_px: f64, n: usize) -> (usize, usize) {
    let row = if row_px.is_finite() && row_px >= 4.0 { row_px } else { ROW_PX };
    let top = if top_px.is_finite() { top_px.max(0.0) } else { 0.0 };
    let height = if box_px.is_finite() && box_px > 0.0 { box_px.min(100_000.0) } else { BOX_PX };
    let first = ((top / row).floor() as usize).saturating_sub(OVERSCAN).min(n);
    let count = ((height / row).ceil() as usize + 2 * OVERSCAN).min(n - first);
    (first, count)
}

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

/// The table holds a row for every task, but builds only the rows in its scroll box and a few
/// either side ([`window`]): two spacer rows stand for the others. With a thousand tasks that is
/// about 30 rows of 12 cells instead of a thousand (or, before, the first hundred: 1,200 cells,
/// 40-80 ms of the page's time to build each time the run renewed the table).
#[function_component(MetricsBody)]
fn metrics_body(p: &MetricsBodyProps) -> Html {
    let wrap = use_node_ref();
    let (above, below) = (use_node_ref(), use_node_ref());
    // The rows built, and the measured row height the window was computed with.
    let shown = use_state(|| window(0.0, BOX_PX, ROW_PX, usize::MAX));
    let row_px = use_mut_ref(|| ROW_PX);
    let n = p.snap.0.as_ref().map_or(0, |s| s.metrics.len());
    let rewindow = {
        let (wrap, shown, row_px) = (wrap.clone(), shown.clone(), row_px.clone());
        move || {
            let Some(el) = wrap.cast::<web_sys::HtmlElement>() else { return };
            let next = window(f64::from(el.scroll_top()), f64::from(el.client_height()), *row_px.borrow(), usize::MAX);
            if next != *shown {
                shown.set(next);
            }
        }
    };
    let onscroll = {
        let rewindow = rewindow.clone();
        Callback::from(move |_: Event| rewindow())
    };
    {
        // After each render: the spacers take the height of the rows they stand for (through
        // the CSSOM: the page's Content-Security-Policy refuses `style` attributes). A row is
        // measured once (a read of the layout), which may move the window. A new box (the table
        // left for its empty state, after Reset, and came back) starts at its top, and so does
        // the window: no scroll event would say so.
        let (wrap, above, below, row_px, shown) = (wrap.clone(), above.clone(), below.clone(), row_px.clone(), shown.clone());
        let (measured, last_box) = (use_mut_ref(|| false), use_mut_ref(|| None::<web_sys::Element>));
        use_effect(move || {
            let el = wrap.cast::<web_sys::Element>();
            if el.is_some() && *last_box.borrow() != el {
                *last_box.borrow_mut() = el.clone();
                let top = window(0.0, BOX_PX, *row_px.borrow(), usize::MAX);
                if *shown != top {
                    // Rendered again with the new window, and this effect runs again then.
                    shown.set(top);
                    return;
                }
            }
            let (first, count) = *shown;
            let px = *row_px.borrow();
            let last = first.saturating_add(count).min(n);
            for (spacer, rows) in [(&above, first.min(n)), (&below, n - last)] {
                if let Some(el) = spacer.cast::<web_sys::HtmlElement>() {
                    let _ = el.style().set_property("height", &format!("{}px", crate::core::Fixed(rows as f64 * px, 3)));
                }
            }
            if !*measured.borrow() {
                if let Some(row) = el.and_then(|w| w.query_selector("tr[data-testid=metrics-row]").ok().flatten()) {
                    *measured.borrow_mut() = true;
                    let h = row.get_bounding_client_rect().height();
                    if h >= 4.0 && (h - px).abs() > 0.5 {
                        *row_px.borrow_mut() = h;
                        rewindow();
                    }
                }
            }
        });
    }
    let Some(s) = &p.snap.0 else {
        return html! { <>
            <h2 id="metrics-title">{ "Tasks" }</h2>
            <p class="empty" data-testid="metrics">{ "Run the scenario to see each task's polls, wakes and wakers." }</p>
        </> };
    };
    let mut rows: Vec<_> = s.metrics.iter().collect();
    crate::core::sort_by_key(&mut rows, |m| (m.warnings.is_empty(), m.id));
    let warned = rows.iter().filter(|m| !m.warnings.is_empty()).count();
    let (first, count) = {
        let (first, count) = *shown;
        let first = first.min(rows.len());
        (first, count.min(rows.len() - first))
    };
    html! { <>
            <h2 id="metrics-title">{ "Tasks" }</h2>
            <p class="caption">{ "Busy: inside poll. Scheduled: woken, waiting on the ready queue. Idle: waiting for a \
                wake. Live wakers: clones a future still holds; 0 while Pending means nothing can wake the task." }</p>
            <div class="table-wrap" ref={wrap} {onscroll} tabindex="0" role="region" aria-label="Tasks, one row each (scrolls)">
            <table data-testid="metrics" aria-rowcount={(rows.len() + 1).to_string()}>
                <thead>
                    <tr aria-rowindex="1">
                        <th scope="col">{ "task" }</th><th scope="col">{ "state" }</th><th scope="col">{ "warnings" }</th><th scope="col">{ "polls" }</th>
                        <th scope="col">{ "wakes by timer / self / other" }</th>
                        <th scope="col">{ "wakers cloned / dropped / live" }</th>
                        <th scope="col">{ "busy" }</th><th scope="col">{ "scheduled" }</th><th scope="col">{ "idle" }</th>
                        <th scope="col" title="Each bar is a power of two of microseconds, shortest on the left">{ "poll times" }</th>
                        <th scope="col" title="From a wake to the poll it caused. Each bar is a power of two of microseconds, shortest on the left">{ "wake → poll" }</th>
                    </tr>
                </thead>
                <tbody>
                    if first > 0 {
                        <tr class="spacer" ref={above} aria-hidden="true"><td colspan="11"></td></tr>
                    }
                    { for rows.iter().enumerate().skip(first).take(count).map(|(i, m)| {
                        let state = match (m.state, m.aborted, m.failed) {
                            (TaskState::Done, true, _) => "aborted",
                            (TaskState::Done, _, Some(true)) => "panicked",
                            (TaskState::Done, _, Some(false)) => "failed",
                            (st, _, _) => st.label(),
                        };
                        html! {
                            <tr key={m.id.0} class={classes!((!m.warnings.is_empty()).then_some("warned"))} data-testid="metrics-row"
                                aria-rowindex={(i + 2).to_string()}>
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
                    if first + count < rows.len() {
                        <tr class="spacer" ref={below} aria-hidden="true"><td colspan="11"></td></tr>
                    }
                </tbody>
            </table>
            </div>
            <p class="scroll-cue" data-testid="metrics-scroll-cue">{ "⇆ The table is wider than the screen: swipe it sideways for the wakes, wakers and times." }</p>
            if rows.len() > SCROLLS_FROM {
                <p class="more" data-testid="metrics-count">{ format!("{} tasks ({warned} with warnings, listed first): scroll the table for the rest.", rows.len()) }</p>
            }
    </> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_is_the_rows_in_view_and_a_few_either_side() {
        // 30 px rows in a 300 px box: 10 rows in view.
        assert_eq!(window(0.0, 300.0, 30.0, 1000), (0, 10 + 2 * OVERSCAN));
        // Scrolled to row 100: from 8 rows above it.
        assert_eq!(window(3000.0, 300.0, 30.0, 1000), (100 - OVERSCAN, 10 + 2 * OVERSCAN));
        // At the end, and past it: never beyond the last row.
        assert_eq!(window(29_700.0, 300.0, 30.0, 1000), (990 - OVERSCAN, 10 + OVERSCAN));
        assert_eq!(window(1e9, 300.0, 30.0, 1000), (1000, 0));
        // Fewer rows than the box holds: all of them.
        assert_eq!(window(0.0, 300.0, 30.0, 5), (0, 5));
        // Nonsense measures fall back to the defaults rather than dividing by zero.
        assert_eq!(window(f64::NAN, 0.0, 0.0, 1000), window(0.0, BOX_PX, ROW_PX, 1000));
        assert_eq!(window(-50.0, f64::INFINITY, 30.0, 1000).0, 0);
    }

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
