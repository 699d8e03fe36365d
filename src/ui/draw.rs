//! Drawing the timeline on a canvas, and finding what is under the pointer.
//!
//! # Ground rules
//!
//! - Only visible lanes are drawn, and within a lane only items in the visible time range (binary
//!   search on the sorted lanes of [`TraceView`]), so a frame costs the same at 10 tasks or 1,000.
//! - Geometry and hit testing are plain arithmetic, tested natively; only [`draw`] needs a canvas.
//! - Times on screen are relative to the run's start.

use std::ops::Range;
use std::rc::Rc;

use crate::core::{Fixed, Outcome, TaskId, TimerEnd, TraceView, WakeSource};

/// Lane height in CSS pixels.
pub const LANE_H: f64 = 32.0;
/// Time axis height.
pub const HEADER_H: f64 = 24.0;
/// Width of the name column.
pub const GUTTER: f64 = 92.0;
/// How far ahead of now the axis may extend for pending deadlines.
pub const LOOKAHEAD_MS: f64 = 30_000.0;

/// Where things are on the canvas.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Geometry {
    /// CSS width.
    pub width: f64,
    /// CSS height.
    pub height: f64,
    /// How far the lanes are scrolled.
    pub scroll_top: f64,
    /// Left edge time (run-relative ms).
    pub t0: f64,
    /// Right edge time.
    pub t1: f64,
}

impl Geometry {
    /// x of run-relative time `t`.
    pub fn x(&self, t: f64) -> f64 {
        let span = (self.t1 - self.t0).max(1e-9);
        GUTTER + (t - self.t0) / span * (self.width - GUTTER - 12.0).max(1.0)
    }

    /// The time at x (the inverse of [`Geometry::x`]); `None` in the lane labels' gutter.
    pub fn t_at(&self, x: f64) -> Option<f64> {
        if x < GUTTER {
            return None;
        }
        let span = (self.t1 - self.t0).max(1e-9);
        Some(self.t0 + (x - GUTTER) / (self.width - GUTTER - 12.0).max(1.0) * span)
    }

    /// Run-relative time at `x`.
    pub fn t(&self, x: f64) -> f64 {
        let span = (self.t1 - self.t0).max(1e-9);
        self.t0 + (x - GUTTER) / (self.width - GUTTER - 12.0).max(1.0) * span
    }

    /// Top of lane `i`, in canvas coordinates.
    pub fn lane_y(&self, i: usize) -> f64 {
        HEADER_H + i as f64 * LANE_H - self.scroll_top
    }

    /// The lane at canvas `y`, if any.
    pub fn lane_at(&self, y: f64, lanes: usize) -> Option<usize> {
        if y < HEADER_H {
            return None;
        }
        let i = ((y - HEADER_H + self.scroll_top) / LANE_H).floor();
        (i >= 0.0 && (i as usize) < lanes).then_some(i as usize)
    }

    /// The lanes at least partly visible.
    pub fn visible(&self, lanes: usize) -> Range<usize> {
        let first = (self.scroll_top / LANE_H).floor().max(0.0) as usize;
        let count = ((self.height - HEADER_H) / LANE_H).ceil().max(0.0) as usize + 1;
        first.min(lanes)..(first + count).min(lanes)
    }
}

/// The time range to show: from 0 to now, stretched to pending deadlines up to 30 s ahead.
///
/// # Examples
///
/// ```
/// use waker_playground::ui::draw::time_range;
/// assert_eq!(time_range(0.0, &[]), (0.0, 1000.0));
/// let (_, t1) = time_range(500.0, &[2000.0]);
/// assert!(t1 > 2000.0 && t1 < 2200.0);
/// let (_, t1) = time_range(0.0, &[1e12]);
/// assert!(t1 < 40_000.0);
/// ```
pub fn time_range(now: f64, deadlines: &[f64]) -> (f64, f64) {
    let mut end = now.max(0.0);
    for &d in deadlines {
        end = end.max(d.min(now + LOOKAHEAD_MS));
    }
    let end = if end <= 0.0 { 1000.0 } else { (end * 1.05).max(1000.0) };
    (0.0, end)
}

/// A tick step giving about `target` ticks over `span` ms: 1, 2 or 5 times a power of ten.
pub fn tick_step(span: f64, target: f64) -> f64 {
    let raw = (span / target.max(1.0)).max(1e-3);
    // The largest power of ten not above `raw` (a loop: `powf` and `log10` would link libm).
    let mut pow = 1e-3;
    while pow * 10.0 <= raw && pow < 1e300 {
        pow *= 10.0;
    }
    [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * pow).find(|&s| s >= raw).unwrap_or(10.0 * pow)
}

/// Formats a run-relative time for the axis and tooltips.
pub fn fmt_ms(ms: f64) -> String {
    if !ms.is_finite() {
        "∞".into()
    } else if ms.abs() >= 86_400_000.0 {
        format!("{} days", Fixed(ms / 86_400_000.0, 1))
    } else if ms.abs() >= 10_000.0 {
        format!("{} s", Fixed(ms / 1000.0, 1))
    } else if ms.abs() >= 1000.0 {
        format!("{} s", Fixed(ms / 1000.0, 2))
    } else if ms.abs() >= 10.0 {
        format!("{} ms", Fixed(ms, 0))
    } else {
        format!("{} ms", Fixed(ms, 2))
    }
}

/// Something drawn in a lane.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Item {
    /// Poll `n` of lane `lane`.
    Poll {
        /// The lane.
        lane: usize,
        /// Index in the lane's polls.
        n: usize,
    },
    /// Wake `n` of lane `lane`.
    Wake {
        /// The lane.
        lane: usize,
        /// Index in the lane's wakes.
        n: usize,
    },
    /// A timer (index into the view's timers).
    Timer {
        /// The timer.
        timer: usize,
    },
}

/// Everything in one lane, by time, for keyboard navigation and hit testing.
pub fn lane_items(view: &TraceView, lane: usize) -> Vec<(f64, Item)> {
    let Some(l) = view.lanes().get(lane) else { return Vec::new() };
    let mut items: Vec<(f64, Item)> = Vec::with_capacity(l.polls.len() + l.wakes.len() + l.timers.len());
    items.extend(l.polls.iter().enumerate().map(|(n, p)| (p.start, Item::Poll { lane, n })));
    items.extend(l.wakes.iter().enumerate().map(|(n, w)| (w.at, Item::Wake { lane, n })));
    for &timer in &l.timers {
        if let Some(t) = view.timers().get(timer) {
            items.push((t.armed_at, Item::Timer { timer }));
        }
    }
    // Equal times are common (the browser's clock is coarse): order them as they happen, a wake
    // before the poll it causes, and a poll before the timers it arms.
    let rank = |item: &Item| match item {
        Item::Wake { .. } => 0,
        Item::Poll { .. } => 1,
        Item::Timer { .. } => 2,
    };
    items.sort_by(|a, b| a.0.total_cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
    items
}

/// The item nearest to `x` in `lane`, within 6 px. A timer is near at its start, its deadline
/// and its end (fire or cancel).
pub fn hit(geo: &Geometry, view: &TraceView, start: f64, lane: usize, x: f64) -> Option<Item> {
    let dist = |t: f64| (geo.x(t - start) - x).abs();
    let best = lane_items(view, lane)
        .into_iter()
        .map(|(t, item)| {
            let d = match item {
                Item::Timer { timer } => view.timers().get(timer).map_or(f64::INFINITY, |tb| {
                    let end = tb.end.map_or(tb.deadline, |(at, _)| at);
                    dist(tb.armed_at).min(dist(tb.deadline)).min(dist(end))
                }),
                _ => dist(t),
            };
            (d, item)
        })
        .filter(|(d, _)| *d <= 6.0)
        .min_by(|a, b| a.0.total_cmp(&b.0));
    best.map(|(_, item)| item)
}

/// A sentence about an item, for the tooltip and the screen-reader line.
pub fn describe(item: Item, view: &TraceView, start: f64, name: &dyn Fn(TaskId) -> Rc<str>) -> String {
    match item {
        Item::Poll { lane, n } => {
            let Some(l) = view.lanes().get(lane) else { return String::new() };
            let Some(p) = l.polls.get(n) else { return String::new() };
            let outcome = match p.outcome {
                Some(Outcome::Pending) => "returned Pending".to_string(),
                Some(Outcome::Ready) => "returned Ready".to_string(),
                None => "running".to_string(),
            };
            format!("{}: poll #{} at {}, {outcome}, took {} ms", name(l.task), n + 1, fmt_ms(p.start - start), Fixed(p.end - p.start, 3))
        }
        Item::Wake { lane, n } => {
            let Some(l) = view.lanes().get(lane) else { return String::new() };
            let Some(w) = l.wakes.get(n) else { return String::new() };
            let by = match w.by {
                WakeSource::Timer(t) => format!("{t}'s callback"),
                WakeSource::SelfWake => "itself (inside its own poll)".into(),
                WakeSource::Other(Some(t)) => name(t).to_string(),
                WakeSource::Other(None) => "outside code".into(),
                WakeSource::Remote => "another thread".into(),
            };
            let what = if w.coalesced { "coalesced: it was already queued" } else { "queued for a poll" };
            format!("{}: woken by {by} at {}, {what}", name(l.task), fmt_ms(w.at - start))
        }
        Item::Timer { timer } => {
            let Some(t) = view.timers().get(timer) else { return String::new() };
            let mut s = format!("{}: armed at {}, due at {}", t.id, fmt_ms(t.armed_at - start), fmt_ms(t.deadline - start));
            for (at, old, new) in &t.reschedules {
                s.push_str(&format!("; rescheduled at {} from {} to {}", fmt_ms(at - start), fmt_ms(old - start), fmt_ms(new - start)));
            }
            match t.end {
                Some((at, TimerEnd::Fired { lateness_ms })) => {
                    s.push_str(&format!("; fired at {} ({} ms late)", fmt_ms(at - start), Fixed(lateness_ms, 2)));
                    if let Some(task) = t.woke {
                        s.push_str(&format!(", woke {}", name(task)));
                    } else {
                        s.push_str(", no waker stored");
                    }
                }
                Some((at, TimerEnd::Cancelled)) => s.push_str(&format!("; cancelled at {} (dropped: clearTimeout)", fmt_ms(at - start))),
                None => s.push_str("; pending"),
            }
            s
        }
    }
}

/// Colours, read from the page's CSS custom properties.
#[derive(Clone, Debug, PartialEq)]
pub struct Palette {
    /// Background.
    pub bg: String,
    /// Text.
    pub fg: String,
    /// Secondary text.
    pub muted: String,
    /// Grid lines.
    pub grid: String,
    /// Every other lane.
    pub stripe: String,
    /// Polls that returned Pending.
    pub pending: String,
    /// Polls that returned Ready.
    pub ready: String,
    /// Timer bars.
    pub timer: String,
    /// Timer fire markers.
    pub fired: String,
    /// Cancelled timers.
    pub cancel: String,
    /// Self-wakes.
    pub self_wake: String,
    /// Other wakes.
    pub other_wake: String,
    /// The now line.
    pub now: String,
    /// The keyboard selection.
    pub select: String,
}

impl Default for Palette {
    fn default() -> Self {
        let s = |v: &str| v.to_string();
        Palette {
            bg: s("#ffffff"),
            fg: s("#1b1f24"),
            muted: s("#6b7280"),
            grid: s("#e5e7eb"),
            stripe: s("#f8fafc"),
            pending: s("#d97706"),
            ready: s("#16a34a"),
            timer: s("#2563eb"),
            fired: s("#2563eb"),
            cancel: s("#9ca3af"),
            self_wake: s("#9333ea"),
            other_wake: s("#0891b2"),
            now: s("#dc2626"),
            select: s("#f59e0b"),
        }
    }
}

#[cfg(target_arch = "wasm32")]
pub use canvas::draw;

#[cfg(target_arch = "wasm32")]
mod canvas {
    use super::*;
    use web_sys::CanvasRenderingContext2d as Ctx;

    fn line(ctx: &Ctx, x0: f64, y0: f64, x1: f64, y1: f64) {
        ctx.begin_path();
        ctx.move_to(x0, y0);
        ctx.line_to(x1, y1);
        ctx.stroke();
    }

    /// Draws the whole visible timeline.
    #[allow(clippy::too_many_arguments)]
    pub fn draw(
        ctx: &Ctx,
        geo: &Geometry,
        pal: &Palette,
        view: &TraceView,
        start: f64,
        now: f64,
        name: &dyn Fn(TaskId) -> Rc<str>,
        warned: &dyn Fn(TaskId) -> bool,
        selected: Option<(usize, Item)>,
    ) {
        let (w, h) = (geo.width, geo.height);
        ctx.set_fill_style_str(&pal.bg);
        ctx.fill_rect(0.0, 0.0, w, h);
        let lanes = view.lanes();
        let visible = geo.visible(lanes.len());
        let (t0, t1) = (geo.t0, geo.t1);

        // Stripes and names.
        ctx.set_font("12px ui-monospace, SFMono-Regular, Menlo, monospace");
        ctx.set_text_baseline("middle");
        for i in visible.clone() {
            let y = geo.lane_y(i);
            if i % 2 == 1 {
                ctx.set_fill_style_str(&pal.stripe);
                ctx.fill_rect(0.0, y, w, LANE_H);
            }
            let lane = &lanes[i];
            let mut label: String = name(lane.task).chars().take(11).collect();
            let warn = warned(lane.task);
            if lane.done_at.is_some() {
                label = format!("{label} {}", if lane.aborted { "✗" } else { "✓" });
            } else if warn {
                label = format!("⚠ {label}");
            }
            ctx.set_text_align("right");
            ctx.set_fill_style_str(if warn {
                &pal.pending
            } else if lane.done_at.is_some() {
                &pal.muted
            } else {
                &pal.fg
            });
            let _ = ctx.fill_text(&label, GUTTER - 8.0, y + LANE_H / 2.0);
        }

        // Time grid.
        let step = tick_step(t1 - t0, (w / 110.0).max(2.0));
        ctx.set_stroke_style_str(&pal.grid);
        ctx.set_line_width(1.0);
        ctx.set_text_align("center");
        let mut t = (t0 / step).ceil() * step;
        let mut ticks = 0;
        while t <= t1 && ticks < 100 {
            let x = geo.x(t).round() + 0.5;
            line(ctx, x, HEADER_H - 4.0, x, h);
            ctx.set_fill_style_str(&pal.muted);
            let _ = ctx.fill_text(&fmt_ms(t), x, HEADER_H / 2.0);
            t += step;
            ticks += 1;
        }

        // Lanes: timers, polls, wakes.
        for i in visible.clone() {
            let lane = &lanes[i];
            let y = geo.lane_y(i);
            for (k, &ti) in lane.timers.iter().enumerate() {
                let Some(tb) = view.timers().get(ti) else { continue };
                let a = tb.armed_at - start;
                let end = tb.end.map(|(at, _)| at - start);
                let due = tb.deadline - start;
                if a > t1 || end.is_some_and(|e| e < t0) {
                    continue;
                }
                let bar_end = end.unwrap_or(due.min(t1));
                let (xa, xb) = (geo.x(a), geo.x(bar_end).max(geo.x(a) + 1.0));
                // Up to three rows, so the timers of a join or select do not hide each other.
                let by = y + 3.0 + (k % 3) as f64 * 5.0;
                // A live edit: the old deadline stays as a dashed ghost, with an arrow to the new.
                for &(_, old, new) in &tb.reschedules {
                    let (xo, xn) = (geo.x(old - start), geo.x(new - start));
                    ctx.set_stroke_style_str(&pal.muted);
                    ctx.set_line_width(1.0);
                    let _ = ctx.set_line_dash(&js_sys::Array::of2(&2.0.into(), &2.0.into()));
                    line(ctx, xo, by - 4.0, xo, by + 8.0);
                    let _ = ctx.set_line_dash(&js_sys::Array::new());
                    line(ctx, xo, by - 3.0, xn, by - 3.0);
                    let back = if xn < xo { 4.0 } else { -4.0 };
                    line(ctx, xn, by - 3.0, xn + back, by - 6.0);
                    line(ctx, xn, by - 3.0, xn + back, by);
                }
                match tb.end {
                    Some((_, TimerEnd::Cancelled)) => {
                        // A dashed ghost out to the deadline it will never reach.
                        if due > bar_end {
                            ctx.set_stroke_style_str(&pal.cancel);
                            ctx.set_line_width(1.0);
                            let _ = ctx.set_line_dash(&js_sys::Array::of2(&3.0.into(), &3.0.into()));
                            line(ctx, xb, by + 2.0, geo.x(due.min(t1)), by + 2.0);
                            let _ = ctx.set_line_dash(&js_sys::Array::new());
                        }
                        ctx.set_fill_style_str(&pal.cancel);
                        ctx.fill_rect(xa, by, xb - xa, 4.0);
                        ctx.set_stroke_style_str(&pal.cancel);
                        ctx.set_line_width(1.5);
                        line(ctx, xb - 4.0, by - 3.0, xb + 4.0, by + 7.0);
                        line(ctx, xb - 4.0, by + 7.0, xb + 4.0, by - 3.0);
                    }
                    Some((_, TimerEnd::Fired { .. })) => {
                        // Solid up to the deadline (or the live edit that moved it into the past);
                        // a thin tail from there to the fire is lateness.
                        let due = tb.reschedules.last().map_or(due, |(at, _, _)| due.max(at - start));
                        let xd = geo.x(due).max(xa).min(xb); // not `clamp`: it panics on NaN bounds
                        ctx.set_fill_style_str(&pal.timer);
                        ctx.fill_rect(xa, by, (xd - xa).max(1.0), 4.0);
                        if xb - xd >= 1.0 {
                            ctx.fill_rect(xd, by + 1.5, xb - xd, 1.0);
                            ctx.set_stroke_style_str(&pal.timer);
                            ctx.set_line_width(1.5);
                            line(ctx, xd, by - 2.0, xd, by + 6.0);
                        }
                        ctx.set_fill_style_str(&pal.fired);
                        ctx.begin_path();
                        let _ = ctx.arc(xb, by + 2.0, 4.0, 0.0, std::f64::consts::TAU);
                        ctx.fill();
                    }
                    None => {
                        // Pending: solid up to now, faint up to the deadline.
                        let xn = geo.x(now.min(bar_end)).max(xa);
                        ctx.set_fill_style_str(&pal.timer);
                        ctx.fill_rect(xa, by, xn - xa, 4.0);
                        ctx.set_global_alpha(0.35);
                        ctx.fill_rect(xn, by, (xb - xn).max(0.0), 4.0);
                        ctx.set_global_alpha(1.0);
                        if due <= t1 {
                            ctx.set_stroke_style_str(&pal.timer);
                            ctx.set_line_width(2.0);
                            line(ctx, geo.x(due), by - 3.0, geo.x(due), by + 7.0);
                        } else {
                            ctx.set_fill_style_str(&pal.timer);
                            ctx.set_text_align("right");
                            let _ = ctx.fill_text(&format!("due {} →", fmt_ms(due)), w - 14.0, by + 2.0);
                        }
                    }
                }
                // Where a live edit moved the deadline from.
                for &(_, old, _) in &tb.reschedules {
                    let xo = geo.x(old - start);
                    if (GUTTER..=w).contains(&xo) {
                        ctx.set_stroke_style_str(&pal.muted);
                        ctx.set_line_width(1.0);
                        let _ = ctx.set_line_dash(&js_sys::Array::of2(&2.0.into(), &2.0.into()));
                        line(ctx, xo, by - 3.0, xo, by + 7.0);
                        let _ = ctx.set_line_dash(&js_sys::Array::new());
                    }
                }
            }
            for p in lane.polls_in(t0 + start, t1 + start) {
                let xs = geo.x(p.start - start);
                let xe = geo.x(p.end - start).max(xs + 3.0);
                ctx.set_fill_style_str(match p.outcome {
                    Some(Outcome::Ready) => &pal.ready,
                    Some(Outcome::Pending) => &pal.pending,
                    None => &pal.fg,
                });
                ctx.fill_rect(xs, y + 17.0, xe - xs, 9.0);
            }
            for wk in lane.wakes_in(t0 + start, t1 + start) {
                let x = geo.x(wk.at - start);
                let color = match wk.by {
                    WakeSource::Timer(_) => &pal.timer,
                    WakeSource::SelfWake => &pal.self_wake,
                    _ => &pal.other_wake,
                };
                ctx.begin_path();
                ctx.move_to(x, y + 26.0);
                ctx.line_to(x - 4.0, y + 31.0);
                ctx.line_to(x + 4.0, y + 31.0);
                ctx.close_path();
                if wk.coalesced {
                    ctx.set_stroke_style_str(color);
                    ctx.set_line_width(1.0);
                    ctx.stroke();
                } else {
                    ctx.set_fill_style_str(color);
                    ctx.fill();
                }
            }
        }

        // Arrows: from a timer's fire to the poll it caused.
        ctx.set_line_width(1.2);
        for i in visible.clone() {
            let lane = &lanes[i];
            for (k, &ti) in lane.timers.iter().enumerate() {
                let Some(tb) = view.timers().get(ti) else { continue };
                let (Some((fired, TimerEnd::Fired { .. })), Some(target)) = (tb.end, tb.woke) else { continue };
                let Some(j) = view.lane_index(target) else { continue };
                let Some(poll) = lanes[j].poll_after(fired) else { continue };
                let (x0, y0) = (geo.x(fired - start), geo.lane_y(i) + 5.0 + (k % 3) as f64 * 5.0);
                let (x1, y1) = (geo.x(poll.start - start), geo.lane_y(j) + 17.0);
                if x1.max(x0) < GUTTER || x0.min(x1) > w {
                    continue;
                }
                ctx.set_stroke_style_str(&pal.fired);
                ctx.begin_path();
                ctx.move_to(x0, y0);
                let cx = (x0 + x1) / 2.0 + 6.0;
                ctx.quadratic_curve_to(cx, y0 - 2.0, x1, y1);
                ctx.stroke();
                ctx.set_fill_style_str(&pal.fired);
                ctx.begin_path();
                ctx.move_to(x1, y1);
                ctx.line_to(x1 - 3.5, y1 - 5.0);
                ctx.line_to(x1 + 3.0, y1 - 4.0);
                ctx.close_path();
                ctx.fill();
            }
        }

        // The keyboard selection.
        if let Some((lane, item)) = selected {
            if visible.contains(&lane) {
                let t = lane_items(view, lane).into_iter().find(|(_, it)| *it == item).map(|(t, _)| t);
                if let Some(t) = t {
                    let x = geo.x(t - start);
                    ctx.set_stroke_style_str(&pal.select);
                    ctx.set_line_width(2.0);
                    ctx.stroke_rect(x - 6.0, geo.lane_y(lane) + 1.0, 12.0, LANE_H - 2.0);
                }
            }
        }

        // Now.
        let xn = geo.x(now);
        ctx.set_stroke_style_str(&pal.now);
        ctx.set_line_width(1.5);
        line(ctx, xn, HEADER_H - 6.0, xn, h);

        // Header background over scrolled lanes, then the labels again.
        ctx.set_fill_style_str(&pal.bg);
        ctx.fill_rect(0.0, 0.0, GUTTER - 2.0, HEADER_H);
        ctx.set_fill_style_str(&pal.muted);
        ctx.set_text_align("left");
        let _ = ctx.fill_text("task", 6.0, HEADER_H / 2.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn x_and_t_are_inverse() {
        let g = Geometry { width: 800.0, height: 300.0, scroll_top: 0.0, t0: 0.0, t1: 2000.0 };
        for t in [0.0, 1.0, 999.5, 2000.0] {
            assert!((g.t(g.x(t)) - t).abs() < 1e-9);
        }
        assert_eq!(g.x(0.0), GUTTER);
    }

    #[test]
    fn only_visible_lanes_are_drawn() {
        let g = Geometry { width: 800.0, height: HEADER_H + 10.0 * LANE_H, scroll_top: 100.0 * LANE_H + 5.0, t0: 0.0, t1: 1.0 };
        let v = g.visible(1000);
        assert_eq!(v.start, 100);
        assert!(v.len() <= 12);
        assert_eq!(g.visible(50), 50..50);
        assert_eq!(g.lane_at(HEADER_H + 1.0, 1000), Some(100));
        assert_eq!(g.lane_at(1.0, 1000), None);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(2000.0, 8.0), 500.0);
        assert_eq!(tick_step(10_000.0, 5.0), 2000.0);
        assert_eq!(fmt_ms(1500.0), "1.50 s");
        assert_eq!(fmt_ms(12.0), "12 ms");
    }
}
