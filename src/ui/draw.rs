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

    /// Width of the plot, right of the lane names.
    pub fn plot_width(&self) -> f64 {
        (self.width - GUTTER - 12.0).max(1.0)
    }

    /// The time range, as a pair.
    pub fn range(&self) -> (f64, f64) {
        (self.t0, self.t1)
    }
}

/// Height of one timer row in a lane.
pub const ROW_H: f64 = 7.0;
/// The most timer rows a lane gets; more timers at once share the rows that free up first.
pub const MAX_ROWS: usize = 6;

/// The height of a lane with `rows` timer rows: the rows, then the polls, then the wakes.
pub fn lane_height(rows: usize) -> f64 {
    25.0 + ROW_H * rows.clamp(1, MAX_ROWS) as f64
}

/// Where each lane sits, and which row each of its timers takes.
///
/// Timers that overlap in time get rows of their own (a join's three sleeps are three rows), so
/// no bar hides another; a lane is as tall as its rows need. Rows are handed out greedily in
/// arming order, so a timer keeps its row as later timers arrive.
///
/// # Examples
///
/// ```
/// use waker_playground::ui::draw::{lane_height, LaneLayout};
/// let layout = LaneLayout::default();
/// assert_eq!(layout.lanes(), 0);
/// assert_eq!(layout.lane_at(10.0), None);
/// assert_eq!(lane_height(1), 32.0);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LaneLayout {
    /// The top of each lane, from the first lane's top, then the bottom of the last.
    tops: Vec<f64>,
    /// Timer rows of each lane.
    rows: Vec<u8>,
    /// The row of each timer (indexed like the view's timers).
    timer_row: Vec<u8>,
    /// What it was computed from: lanes, timers, events folded.
    key: (usize, usize, u64),
}

impl LaneLayout {
    /// The layout of `view`.
    pub fn of(view: &TraceView) -> Self {
        let (lanes, timers) = (view.lanes(), view.timers());
        let mut layout = LaneLayout {
            tops: Vec::with_capacity(lanes.len() + 1),
            rows: Vec::with_capacity(lanes.len()),
            timer_row: vec![0; timers.len()],
            key: Self::key_of(view),
        };
        let mut y = 0.0;
        // When each row is next free.
        let mut free_at: Vec<f64> = Vec::with_capacity(MAX_ROWS);
        for lane in lanes {
            free_at.clear();
            for &ti in &lane.timers {
                let Some(t) = timers.get(ti) else { continue };
                let end = t.end.map_or(t.deadline, |(at, _)| at).max(t.armed_at);
                // A sleep armed as the previous one fires (a loop of sleeps) shares its row: the
                // fired dot marks the seam.
                let row = match free_at.iter().position(|&f| f <= t.armed_at) {
                    Some(r) => r,
                    None if free_at.len() < MAX_ROWS => {
                        free_at.push(f64::NEG_INFINITY);
                        free_at.len() - 1
                    }
                    None => free_at.iter().enumerate().min_by(|a, b| a.1.total_cmp(b.1)).map_or(0, |(r, _)| r),
                };
                if let (Some(f), Some(slot)) = (free_at.get_mut(row), layout.timer_row.get_mut(ti)) {
                    *f = f.max(end);
                    *slot = row as u8;
                }
            }
            let rows = free_at.len().max(1);
            layout.tops.push(y);
            layout.rows.push(rows as u8);
            y += lane_height(rows);
        }
        layout.tops.push(y);
        layout
    }

    fn key_of(view: &TraceView) -> (usize, usize, u64) {
        (view.lanes().len(), view.timers().len(), view.event_count())
    }

    /// Recomputes the layout if the view changed since.
    pub fn update(&mut self, view: &TraceView) {
        if self.key != Self::key_of(view) || self.tops.is_empty() {
            *self = Self::of(view);
        }
    }

    /// How many lanes.
    pub fn lanes(&self) -> usize {
        self.rows.len()
    }

    /// The height of all lanes.
    pub fn height(&self) -> f64 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// Timer rows of lane `i`.
    pub fn rows(&self, i: usize) -> usize {
        self.rows.get(i).map_or(1, |&r| usize::from(r))
    }

    /// The height of lane `i`.
    pub fn lane_h(&self, i: usize) -> f64 {
        lane_height(self.rows(i))
    }

    /// The top of lane `i` below the axis, unscrolled.
    pub fn top(&self, i: usize) -> f64 {
        self.tops.get(i).copied().unwrap_or_else(|| self.height())
    }

    /// The top of lane `i` on the canvas.
    pub fn y(&self, geo: &Geometry, i: usize) -> f64 {
        HEADER_H + self.top(i) - geo.scroll_top
    }

    /// Where timer `timer`'s bar sits, below its lane's top.
    pub fn timer_dy(&self, timer: usize) -> f64 {
        3.0 + ROW_H * self.timer_row.get(timer).map_or(0.0, |&r| f64::from(r))
    }

    /// Where lane `i`'s poll boxes sit, below its top (9 px tall; the wakes sit right under).
    pub fn poll_dy(&self, i: usize) -> f64 {
        7.0 + ROW_H * self.rows(i) as f64
    }

    /// The lane at `y` below the first lane's top (unscrolled), if any.
    pub fn lane_at(&self, y: f64) -> Option<usize> {
        if !(y >= 0.0 && y < self.height()) {
            return None;
        }
        let i = self.tops.partition_point(|&t| t <= y);
        i.checked_sub(1).filter(|&i| i < self.lanes())
    }

    /// The lane under canvas `y`.
    pub fn lane_at_canvas(&self, geo: &Geometry, y: f64) -> Option<usize> {
        if y < HEADER_H {
            return None;
        }
        self.lane_at(y - HEADER_H + geo.scroll_top)
    }

    /// The lanes at least partly visible on the canvas.
    pub fn visible(&self, geo: &Geometry) -> Range<usize> {
        let (from, to) = (geo.scroll_top, geo.scroll_top + (geo.height - HEADER_H).max(0.0));
        let first = self.tops.partition_point(|&t| t <= from).saturating_sub(1).min(self.lanes());
        let last = self.tops.partition_point(|&t| t < to).min(self.lanes());
        first..last.max(first)
    }
}

/// The shortest time range the axis zooms to (10 µs).
pub const MIN_SPAN_MS: f64 = 0.01;
/// The longest (ten days).
pub const MAX_SPAN_MS: f64 = 864_000_000.0;

/// `range` zoomed by `factor` (below 1 zooms in) about time `at`, which stays where it is on
/// screen. The span stays within [`MIN_SPAN_MS`, `MAX_SPAN_MS`]; a factor that is not a finite
/// positive number changes nothing.
///
/// # Examples
///
/// ```
/// use waker_playground::ui::draw::zoom_at;
/// assert_eq!(zoom_at((0.0, 1000.0), 500.0, 0.5), (250.0, 750.0));
/// assert_eq!(zoom_at((0.0, 1000.0), 0.0, 2.0), (0.0, 2000.0));
/// assert_eq!(zoom_at((0.0, 1000.0), 500.0, f64::NAN), (0.0, 1000.0));
/// ```
pub fn zoom_at(range: (f64, f64), at: f64, factor: f64) -> (f64, f64) {
    let (t0, t1) = range;
    let span = (t1 - t0).max(MIN_SPAN_MS);
    if !(factor.is_finite() && factor > 0.0 && t0.is_finite() && t1.is_finite()) {
        return range;
    }
    let new = (span * factor).clamp(MIN_SPAN_MS, MAX_SPAN_MS);
    let at = if at.is_finite() { at.max(t0).min(t0 + span) } else { t0 + span / 2.0 };
    let left = at - (at - t0) / span * new;
    (left, left + new)
}

/// `range` moved by `dt` ms, stopping a tenth of a span before the run's start.
///
/// ```
/// use waker_playground::ui::draw::pan_by;
/// assert_eq!(pan_by((100.0, 200.0), 50.0), (150.0, 250.0));
/// assert_eq!(pan_by((100.0, 200.0), -500.0), (-10.0, 90.0));
/// ```
pub fn pan_by(range: (f64, f64), dt: f64) -> (f64, f64) {
    let (t0, t1) = range;
    if !dt.is_finite() {
        return range;
    }
    let span = t1 - t0;
    let left = (t0 + dt).max(-span / 10.0);
    (left, left + span)
}

/// A range that shows `[from, to]` with a margin either side; an instant gets half a millisecond.
///
/// ```
/// use waker_playground::ui::draw::frame_span;
/// assert_eq!(frame_span(100.0, 200.0), (80.0, 220.0));
/// let (a, b) = frame_span(5.0, 5.0);
/// assert!(a < 5.0 && b > 5.0 && b - a >= 0.5);
/// ```
pub fn frame_span(from: f64, to: f64) -> (f64, f64) {
    let (from, to) = (from.min(to), from.max(to));
    let margin = ((to - from) * 0.2).max(0.25);
    (from - margin, to + margin)
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

pub use crate::core::fmt_ms;

/// How many characters of the 12 px monospace font fit left of the lanes (7.2 px each, with
/// room for the margin).
const LABEL_CHARS: usize = 11;

/// A lane's label: its task's name between `before` and `after` (a mark), cut with `…` so that
/// the whole fits the names' column: `created_once` done is `created_… ✓`, never clipped.
pub fn lane_label(name: &str, before: &str, after: &str) -> String {
    let room = LABEL_CHARS.saturating_sub(before.chars().count() + after.chars().count()).max(2);
    let n = name.chars().count();
    let shown: String = if n <= room { name.to_string() } else { name.chars().take(room - 1).chain(['…']).collect() };
    format!("{before}{shown}{after}")
}

/// A tick's label, with as many decimals as the step between ticks needs: zoomed in to a few
/// milliseconds at 3 s, the ticks read `3.021 s`, `3.022 s`, not `3.02 s` each.
pub fn fmt_tick(t: f64, step: f64) -> String {
    let secs = t.abs() >= 1000.0 && step < 86_400_000.0;
    let (value, unit_step) = if secs { (t / 1000.0, step / 1000.0) } else { (t, step) };
    // The decimals that show the step exactly.
    let mut need = 0u8;
    let mut x = unit_step;
    while need < 6 && (x - x.round()).abs() > 1e-6 * x.abs().max(1.0) {
        x *= 10.0;
        need += 1;
    }
    let plain = fmt_ms(t);
    let usual = plain.split(' ').next().and_then(|v| v.split('.').nth(1)).map_or(0, |d| d.len() as u8);
    if need <= usual || t.abs() >= 86_400_000.0 {
        return plain;
    }
    format!("{} {}", crate::core::Fixed(value, need), if secs { "s" } else { "ms" })
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
    crate::core::sort_by(&mut items, |a, b| a.0.total_cmp(&b.0).then(rank(&a.1).cmp(&rank(&b.1))));
    items
}

/// Pointer slack, in px, around thin things (a wake, an instant poll, a bar's ends).
pub const SLACK_PX: f64 = 5.0;

/// Everything under the pointer at canvas `(x, y)`, the item drawn under it first.
///
/// A timer is hit anywhere along its bar, from armed to its end (or deadline), not only at its
/// ends; a poll anywhere across its box; a wake at its triangle. Where items overlap, all of
/// them are returned, so the tooltip can offer each one: the nearest in height first, then the
/// nearest in time.
pub fn hits(geo: &Geometry, layout: &LaneLayout, view: &TraceView, start: f64, x: f64, y: f64) -> Vec<Item> {
    let Some(lane) = layout.lane_at_canvas(geo, y) else { return Vec::new() };
    let Some(l) = view.lanes().get(lane) else { return Vec::new() };
    let dy = y - layout.y(geo, lane);
    let slack = SLACK_PX * (geo.t1 - geo.t0).max(1e-9) / geo.plot_width();
    let Some(t) = geo.t_at(x).map(|t| t + start) else { return Vec::new() };
    // (height distance, time distance, item)
    let mut found: Vec<(f64, f64, Item)> = Vec::new();
    let poll_dy = layout.poll_dy(lane);
    let off = |from: f64, to: f64| {
        if t < from {
            from - t
        } else if t > to {
            t - to
        } else {
            0.0
        }
    };
    let first_poll = l.polls.partition_point(|p| p.end < t - slack);
    for (i, p) in l.polls.iter().enumerate().skip(first_poll) {
        if p.start > t + slack {
            break;
        }
        found.push(((dy - poll_dy - 4.5).abs(), off(p.start, p.end), Item::Poll { lane, n: i }));
    }
    let first_wake = l.wakes.partition_point(|w| w.at < t - slack);
    for (i, w) in l.wakes.iter().enumerate().skip(first_wake) {
        if w.at > t + slack {
            break;
        }
        found.push(((dy - poll_dy - 11.5).abs(), off(w.at, w.at), Item::Wake { lane, n: i }));
    }
    // Timers armed after the pointer cannot be under it; earlier ones may still run past it.
    let armed_before = l.timers.partition_point(|&ti| view.timers().get(ti).is_some_and(|tb| tb.armed_at <= t + slack));
    for &ti in l.timers.get(..armed_before).unwrap_or(&[]) {
        let Some(tb) = view.timers().get(ti) else { continue };
        let end = match tb.end {
            Some((at, _)) => at,
            // A pending bar is drawn out to its deadline, or to the edge of the axis.
            None => tb.deadline.min(geo.t1 + start),
        };
        if t + slack >= tb.armed_at && t - slack <= end {
            found.push(((dy - layout.timer_dy(ti) - 2.0).abs(), off(tb.armed_at, end), Item::Timer { timer: ti }));
        }
    }
    crate::core::sort_by(&mut found, |a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    found.into_iter().map(|(_, _, item)| item).collect()
}

/// The time an item covers (trace time), for "zoom to selection".
pub fn extent(item: Item, view: &TraceView) -> Option<(f64, f64)> {
    match item {
        Item::Poll { lane, n } => view.lanes().get(lane)?.polls.get(n).map(|p| (p.start, p.end)),
        Item::Wake { lane, n } => view.lanes().get(lane)?.wakes.get(n).map(|w| (w.at, w.at)),
        Item::Timer { timer } => view.timers().get(timer).map(|t| (t.armed_at, t.end.map_or(t.deadline, |(at, _)| at).max(t.deadline))),
    }
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
pub use canvas::{draw, Drawn};

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
        layout: &LaneLayout,
        pal: &Palette,
        view: &TraceView,
        start: f64,
        now: f64,
        name: &dyn Fn(TaskId) -> Rc<str>,
        warned: &dyn Fn(TaskId) -> bool,
        selected: Option<(usize, Item)>,
    ) -> Drawn {
        let mut drawn = Drawn::default();
        let (w, h) = (geo.width, geo.height);
        ctx.set_fill_style_str(&pal.bg);
        ctx.fill_rect(0.0, 0.0, w, h);
        let lanes = view.lanes();
        let visible = layout.visible(geo);
        let (t0, t1) = (geo.t0, geo.t1);

        // Stripes and names.
        ctx.set_font("12px ui-monospace, SFMono-Regular, Menlo, monospace");
        ctx.set_text_baseline("middle");
        for i in visible.clone() {
            let y = layout.y(geo, i);
            if i % 2 == 1 {
                ctx.set_fill_style_str(&pal.stripe);
                ctx.fill_rect(0.0, y, w, layout.lane_h(i));
            }
            let lane = &lanes[i];
            let warn = warned(lane.task);
            let (before, after) = match (lane.done_at.is_some(), warn) {
                (true, _) => ("", if lane.aborted || lane.failed { " ✗" } else { " ✓" }),
                (false, true) => ("⚠ ", ""),
                (false, false) => ("", ""),
            };
            let label = lane_label(&name(lane.task), before, after);
            drawn.labels.push(label.clone());
            ctx.set_text_align("right");
            ctx.set_fill_style_str(if warn {
                &pal.pending
            } else if lane.done_at.is_some() {
                &pal.muted
            } else {
                &pal.fg
            });
            let _ = ctx.fill_text(&label, GUTTER - 8.0, y + layout.lane_h(i) / 2.0);
        }
        // Two groups when the program runs an executor of its own: its tasks first, then ours
        // (its threads, and tasks of ours), each headed by a small caption, with a rule between.
        let guests = view.guest_lanes();
        if guests > 0 {
            ctx.set_font("9px system-ui, sans-serif");
            ctx.set_text_align("left");
            ctx.set_text_baseline("top");
            ctx.set_fill_style_str(&pal.muted);
            for (first, caption) in [(0, "your executor"), (guests, "threads (ours)")] {
                if first < lanes.len() && visible.contains(&first) {
                    let _ = ctx.fill_text(caption, 4.0, layout.y(geo, first) + 1.0);
                }
            }
            if guests < lanes.len() && (visible.contains(&guests) || visible.contains(&(guests - 1))) {
                ctx.set_stroke_style_str(&pal.fg);
                ctx.set_line_width(1.0);
                let y = layout.y(geo, guests).round() + 0.5;
                line(ctx, 0.0, y, w, y);
            }
            ctx.set_font("12px ui-monospace, SFMono-Regular, Menlo, monospace");
            ctx.set_text_baseline("middle");
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
            let tick = fmt_tick(t, step);
            let _ = ctx.fill_text(&tick, x, HEADER_H / 2.0);
            drawn.ticks.push(tick);
            t += step;
            ticks += 1;
        }

        // Everything on the time axis stays right of the names: zoomed in, items that start
        // before the left edge are cut there.
        ctx.save();
        ctx.begin_path();
        ctx.rect(GUTTER - 1.0, 0.0, (w - GUTTER + 1.0).max(0.0), h);
        ctx.clip();

        // Now: under everything else, so that what happened at the last moment (a cancel, a
        // wake) is drawn over it, not hidden by it.
        let xn = geo.x(now);
        ctx.set_stroke_style_str(&pal.now);
        ctx.set_line_width(1.5);
        line(ctx, xn, HEADER_H - 6.0, xn, h);

        // Lanes: timers, polls, wakes.
        for i in visible.clone() {
            let lane = &lanes[i];
            let y = layout.y(geo, i);
            let pdy = layout.poll_dy(i);
            for &ti in &lane.timers {
                let Some(tb) = view.timers().get(ti) else { continue };
                let a = tb.armed_at - start;
                let end = tb.end.map(|(at, _)| at - start);
                let due = tb.deadline - start;
                if a > t1 || end.is_some_and(|e| e < t0) {
                    continue;
                }
                let bar_end = end.unwrap_or(due.min(t1));
                let (xa, xb) = (geo.x(a), geo.x(bar_end).max(geo.x(a) + 1.0));
                // Its own row: the timers of a join or select do not hide each other.
                let by = y + layout.timer_dy(ti);
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
                ctx.fill_rect(xs, y + pdy, xe - xs, 9.0);
            }
            for wk in lane.wakes_in(t0 + start, t1 + start) {
                let x = geo.x(wk.at - start);
                let color = match wk.by {
                    WakeSource::Timer(_) => &pal.timer,
                    WakeSource::SelfWake => &pal.self_wake,
                    _ => &pal.other_wake,
                };
                ctx.begin_path();
                ctx.move_to(x, y + pdy + 9.0);
                ctx.line_to(x - 4.0, y + pdy + 14.0);
                ctx.line_to(x + 4.0, y + pdy + 14.0);
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
            for &ti in &lane.timers {
                let Some(tb) = view.timers().get(ti) else { continue };
                let (Some((fired, TimerEnd::Fired { .. })), Some(target)) = (tb.end, tb.woke) else { continue };
                let Some(j) = view.lane_index(target) else { continue };
                let Some(poll) = lanes[j].poll_after(fired) else { continue };
                let (x0, y0) = (geo.x(fired - start), layout.y(geo, i) + layout.timer_dy(ti) + 2.0);
                let (x1, y1) = (geo.x(poll.start - start), layout.y(geo, j) + layout.poll_dy(j));
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
                    ctx.stroke_rect(x - 6.0, layout.y(geo, lane) + 1.0, 12.0, layout.lane_h(lane) - 2.0);
                }
            }
        }

        ctx.restore();

        // Header background over scrolled lanes, then the labels again.
        ctx.set_fill_style_str(&pal.bg);
        ctx.fill_rect(0.0, 0.0, GUTTER - 2.0, HEADER_H);
        ctx.set_fill_style_str(&pal.muted);
        ctx.set_text_align("left");
        let _ = ctx.fill_text("task", 6.0, HEADER_H / 2.0);
        drawn
    }

    /// The words a frame drew, for the page to expose to tests and tools (the canvas has no text).
    #[derive(Default)]
    pub struct Drawn {
        /// The lane labels on screen, top to bottom.
        pub labels: Vec<String>,
        /// The time axis's tick labels, left to right.
        pub ticks: Vec<String>,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lane_labels_fit_the_names_column_with_their_mark() {
        assert_eq!(lane_label("created_once", "", " ✓"), "created_… ✓");
        assert_eq!(lane_label("created_once", "⚠ ", ""), "⚠ created_…");
        assert_eq!(lane_label("main", "", " ✓"), "main ✓");
        assert_eq!(lane_label("exactly_11c", "", ""), "exactly_11c");
        assert_eq!(lane_label("exactly_12ch", "", ""), "exactly_12…");
        for l in [lane_label("a_very_long_task_name", "⚠ ", ""), lane_label("ünïcödé_nämé_long", "", " ✗")] {
            assert!(l.chars().count() <= LABEL_CHARS, "{l}");
        }
    }

    #[test]
    fn tick_labels_have_the_decimals_their_step_needs() {
        // The whole run: as fmt_ms writes them.
        assert_eq!(fmt_tick(500.0, 500.0), "500 ms");
        assert_eq!(fmt_tick(1500.0, 500.0), "1.50 s");
        // Zoomed in at 3 s: each tick tells itself apart.
        let ticks: Vec<String> = (0..4).map(|i| fmt_tick(3020.0 + f64::from(i), 1.0)).collect();
        assert_eq!(ticks, ["3.020 s", "3.021 s", "3.022 s", "3.023 s"]);
        assert_eq!(fmt_tick(3020.2, 0.2), "3.0202 s");
        assert_eq!(fmt_tick(12.5, 0.5), "12.5 ms");
        assert_eq!(fmt_tick(2.25, 0.05), "2.25 ms");
        assert_eq!(fmt_tick(2.001, 0.001), "2.001 ms");
        // Far past a day, the days stay.
        assert_eq!(fmt_tick(2.0 * 86_400_000.0, 1000.0), "2.0 days");
    }

    #[test]
    fn x_and_t_are_inverse() {
        let g = Geometry { width: 800.0, height: 300.0, scroll_top: 0.0, t0: 0.0, t1: 2000.0 };
        for t in [0.0, 1.0, 999.5, 2000.0] {
            assert!((g.t(g.x(t)) - t).abs() < 1e-9);
        }
        assert_eq!(g.x(0.0), GUTTER);
    }

    /// The view of a scenario run to the end on the simulator.
    fn view_of(tasks: Vec<crate::play::TaskSpec>) -> (TraceView, f64) {
        use crate::core::{Config, Executor, SimPlatform};
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let s = crate::play::Scenario { tasks, ..crate::play::Scenario::default() };
        let _run = crate::play::ScenarioRun::start(&exec, &s).expect("a valid scenario");
        sim.run_until_idle(1e6);
        let mut view = TraceView::new();
        view.apply(&exec.events_since(0));
        let start = view.span().map_or(0.0, |(a, _)| a);
        (view, start)
    }

    #[test]
    fn only_visible_lanes_are_drawn() {
        use crate::play::{Step, TaskSpec};
        let (view, _) = view_of((0..1000).map(|i| TaskSpec::new(&format!("t{i}"), vec![Step::Sleep(10)])).collect());
        let layout = LaneLayout::of(&view);
        assert_eq!(layout.lanes(), 1000);
        assert_eq!(layout.height(), 1000.0 * LANE_H, "one timer at a time: one row each");
        let g = Geometry { width: 800.0, height: HEADER_H + 10.0 * LANE_H, scroll_top: 100.0 * LANE_H + 5.0, t0: 0.0, t1: 1.0 };
        let v = layout.visible(&g);
        assert_eq!(v.start, 100);
        assert!(v.len() <= 12, "{v:?}");
        assert_eq!(layout.lane_at_canvas(&g, HEADER_H + 1.0), Some(100));
        assert_eq!(layout.lane_at_canvas(&g, 1.0), None);
        let past = Geometry { scroll_top: 2000.0 * LANE_H, ..g };
        assert!(layout.visible(&past).is_empty());
        assert_eq!(layout.lane_at(-1.0), None);
        assert_eq!(layout.lane_at(f64::NAN), None);
        assert_eq!(layout.lane_at(layout.height()), None);
    }

    #[test]
    fn a_joins_timers_get_rows_of_their_own_and_sequential_ones_share_one() {
        use crate::play::{Step, TaskSpec};
        let (view, _) = view_of(vec![
            TaskSpec::new("join", vec![Step::Join(vec![300, 500, 700])]),
            TaskSpec::new("seq", vec![Step::Sleep(100), Step::Sleep(100), Step::Sleep(100)]),
        ]);
        let layout = LaneLayout::of(&view);
        assert_eq!((layout.rows(0), layout.rows(1)), (3, 1));
        assert_eq!(layout.lane_h(0), LANE_H + 2.0 * ROW_H);
        assert_eq!(layout.top(1), layout.lane_h(0));
        let dys: Vec<f64> = view.lanes()[0].timers.iter().map(|&t| layout.timer_dy(t)).collect();
        assert_eq!(dys, vec![3.0, 3.0 + ROW_H, 3.0 + 2.0 * ROW_H]);
        assert!(view.lanes()[1].timers.iter().all(|&t| layout.timer_dy(t) == 3.0));
        // Polls sit below the last row, in both lanes.
        assert_eq!(layout.poll_dy(0), layout.poll_dy(1) + 2.0 * ROW_H);
        assert!(layout.poll_dy(0) > dys[2] + 4.0);
    }

    #[test]
    fn hover_hits_the_whole_bar_and_every_item_under_the_pointer() {
        use crate::play::{Step, TaskSpec};
        let (view, start) = view_of(vec![TaskSpec::new("join", vec![Step::Join(vec![300, 500, 700])])]);
        let layout = LaneLayout::of(&view);
        let g = Geometry { width: 1000.0, height: 300.0, scroll_top: 0.0, t0: 0.0, t1: 800.0 };
        let timers = &view.lanes()[0].timers;
        // The middle of the bars, far from any end: at 200 ms all three run.
        let x = g.x(200.0);
        for (row, &ti) in timers.iter().enumerate() {
            let y = layout.y(&g, 0) + layout.timer_dy(ti) + 2.0;
            let found = hits(&g, &layout, &view, start, x, y);
            assert_eq!(found.first(), Some(&Item::Timer { timer: ti }), "row {row}: the bar under the pointer comes first");
            for &other in timers {
                assert!(found.contains(&Item::Timer { timer: other }), "row {row}: every overlapping bar is offered");
            }
        }
        // At 600 ms only the 700 ms timer runs.
        let y = layout.y(&g, 0) + 3.0;
        let found = hits(&g, &layout, &view, start, g.x(600.0), y);
        assert_eq!(found, vec![Item::Timer { timer: timers[2] }]);
        // A poll is hit across its box, and the first poll and the three timers start together.
        let poll_y = layout.y(&g, 0) + layout.poll_dy(0) + 4.0;
        let found = hits(&g, &layout, &view, start, g.x(0.0), poll_y);
        assert_eq!(found.first(), Some(&Item::Poll { lane: 0, n: 0 }));
        assert_eq!(found.len(), 4, "{found:?}");
        // Nothing in the gutter, above the lanes or below them.
        assert!(hits(&g, &layout, &view, start, 10.0, poll_y).is_empty());
        assert!(hits(&g, &layout, &view, start, x, 5.0).is_empty());
        assert!(hits(&g, &layout, &view, start, x, 299.0).is_empty());
        assert!(hits(&g, &layout, &view, start, f64::NAN, f64::NAN).is_empty());
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer_and_pan_stops_near_the_start() {
        let r = (0.0, 1000.0);
        for at in [0.0, 123.0, 999.0] {
            let z = zoom_at(r, at, 0.2);
            assert!((z.1 - z.0 - 200.0).abs() < 1e-9);
            let g0 = Geometry { width: 900.0, height: 100.0, scroll_top: 0.0, t0: r.0, t1: r.1 };
            let g1 = Geometry { t0: z.0, t1: z.1, ..g0 };
            assert!((g0.x(at) - g1.x(at)).abs() < 1e-6, "{at} stays put");
        }
        let mut tiny = r;
        for _ in 0..100 {
            tiny = zoom_at(tiny, 500.0, 0.1);
        }
        assert!((tiny.1 - tiny.0 - MIN_SPAN_MS).abs() < 1e-9);
        let mut huge = r;
        for _ in 0..100 {
            huge = zoom_at(huge, 500.0, 10.0);
        }
        assert!(huge.1 - huge.0 <= MAX_SPAN_MS);
        assert_eq!(zoom_at(r, 1.0, 0.0), r);
        assert_eq!(zoom_at(r, 1.0, -2.0), r);
        assert_eq!(pan_by(r, f64::INFINITY), r);
        assert_eq!(pan_by(r, -1e9).0, -100.0);
    }

    #[test]
    fn ticks_are_round() {
        assert_eq!(tick_step(2000.0, 8.0), 500.0);
        assert_eq!(tick_step(10_000.0, 5.0), 2000.0);
        assert_eq!(fmt_ms(1500.0), "1.50 s");
        assert_eq!(fmt_ms(12.0), "12 ms");
    }
}
