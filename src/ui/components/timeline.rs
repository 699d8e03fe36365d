use yew::prelude::*;

use crate::ui::draw::{describe, hit, lane_items, Item, Palette};
use crate::ui::hooks::use_animation_frame;

use super::SessionHandle;

/// Props of [`Timeline`].
#[derive(Clone, PartialEq, Properties)]
pub struct TimelineProps {
    /// The run to draw.
    pub session: SessionHandle,
    /// Changes when a run starts or is reset.
    pub generation: u64,
    /// Whether a run exists (the frame loop only runs then).
    pub active: bool,
    /// A click on the timeline moves the playhead to that time (ms since the run started).
    #[prop_or_default]
    pub on_seek: Callback<f64>,
}

/// The live timeline: one lane per task, time on the x axis, drawn on a canvas every frame.
#[function_component(Timeline)]
pub fn timeline(p: &TimelineProps) -> Html {
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let hover = use_state(|| None::<(f64, f64, String)>);
    let selected = use_state(|| None::<(usize, Item)>);
    let detail = use_state(String::new);
    let cache = use_mut_ref(FrameCache::default);

    {
        // A new run, a reset or a new preset: forget the selection and wipe the old drawing.
        let (selected, detail, canvas, scroller, cache) =
            (selected.clone(), detail.clone(), canvas.clone(), scroller.clone(), cache.clone());
        use_effect_with((p.generation, p.active), move |_| {
            selected.set(None);
            detail.set(String::new());
            *cache.borrow_mut() = FrameCache::default();
            frame::clear(&canvas, &scroller);
        });
    }

    let on_frame = {
        let (session, scroller, spacer, canvas, cache, selected) =
            (p.session.clone(), scroller.clone(), spacer.clone(), canvas.clone(), cache.clone(), *selected);
        Callback::from(move |_t: f64| {
            frame::render(&session, &scroller, &spacer, &canvas, &mut cache.borrow_mut(), selected);
        })
    };
    use_animation_frame(p.active, on_frame);

    // Position the tooltip through the CSSOM: the page's CSP forbids inline style attributes.
    {
        let tooltip = tooltip.clone();
        let pos = hover.as_ref().map(|(x, y, _)| (*x, *y));
        use_effect_with(pos, move |pos| {
            if let (Some((x, y)), Some(el)) = (pos, tooltip.cast::<web_sys::HtmlElement>()) {
                let s = el.style();
                let _ = s.set_property("left", &px(x + 12.0));
                let _ = s.set_property("top", &px(y + 12.0));
            }
        });
    }

    let onmousemove = {
        let (session, scroller, hover, cache) = (p.session.clone(), scroller.clone(), hover.clone(), cache.clone());
        Callback::from(move |e: MouseEvent| {
            let found = frame::hover(&session, &scroller, &cache.borrow(), e.offset_x() as f64, e.offset_y() as f64);
            match found {
                Some(text) => {
                    let (x, y) = frame::pointer_in(&scroller, &e);
                    hover.set(Some((x, y, text)));
                }
                None => {
                    if hover.is_some() {
                        hover.set(None);
                    }
                }
            }
        })
    };
    let onclick = {
        let (cache, on_seek) = (cache.clone(), p.on_seek.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(t) = cache.borrow().geo.and_then(|g| g.t_at(f64::from(e.offset_x()))) {
                on_seek.emit(t.max(0.0));
            }
        })
    };
    let onmouseleave = {
        let hover = hover.clone();
        Callback::from(move |_| hover.set(None))
    };
    let onkeydown = {
        let (session, scroller, selected, detail, cache) =
            (p.session.clone(), scroller.clone(), selected.clone(), detail.clone(), cache.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if !matches!(key.as_str(), "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" | "Escape") {
                return;
            }
            e.prevent_default();
            if key == "Escape" {
                selected.set(None);
                detail.set(String::new());
                return;
            }
            let next = frame::navigate(&session, *selected, &key);
            if let Some((lane, item, text)) = next {
                frame::scroll_to_lane(&scroller, lane);
                selected.set(Some((lane, item)));
                detail.set(text);
                cache.borrow_mut().dirty = true;
            }
        })
    };

    html! {
        <section class="timeline panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ "Timeline" }</h2>
            <p class="caption">{ "One lane per task. Bars are timers, from armed to deadline; a dot is the setTimeout \
                callback firing, and its arrow points at the poll the wake caused. Boxes are polls: amber returned \
                Pending, green returned Ready. Triangles are wakes. The red line is now." }</p>
            <div class="timeline-scroll" ref={scroller.clone()} data-testid="timeline">
                <div class="timeline-spacer" ref={spacer}></div>
                <canvas ref={canvas} class="timeline-canvas" tabindex="0" role="img"
                    aria-label="Timeline of tasks, timers, polls and wakes. Use the arrow keys to step through events."
                    {onmousemove} {onmouseleave} {onkeydown} {onclick}></canvas>
                if let Some((_, _, text)) = hover.as_ref() {
                    <div class="tooltip" ref={tooltip} role="tooltip">{ text }</div>
                }
                if !p.active {
                    <p class="timeline-empty">{ "Press Run (or Step) to start: each task gets a lane here." }</p>
                }
            </div>
            <p class="timeline-detail" aria-live="polite" data-testid="timeline-detail">
                { if detail.is_empty() { "Hover an event for details, or focus the timeline and use the arrow keys.".to_string() } else { (*detail).clone() } }
            </p>
            <ul class="legend" aria-label="Legend">
                <li><span class="sw pending"></span>{ "poll → Pending" }</li>
                <li><span class="sw ready"></span>{ "poll → Ready" }</li>
                <li><span class="sw timer"></span>{ "timer (armed → deadline)" }</li>
                <li><span class="sw fired"></span>{ "fired → wake" }</li>
                <li><span class="sw cancel"></span>{ "cancelled" }</li>
                <li><span class="sw self"></span>{ "self-wake" }</li>
                <li><span class="sw hollow"></span>{ "coalesced wake (already queued)" }</li>
                <li><span class="sw late"></span>{ "late fire (after the deadline)" }</li>
                <li><span class="sw resched"></span>{ "live edit: old deadline ⇢ new" }</li>
                <li><span class="sw now"></span>{ "now" }</li>
            </ul>
        </section>
    }
}

/// A CSS length in whole pixels (integer formatting; see `core::Fixed` on float formatting).
fn px(v: f64) -> String {
    format!("{}px", crate::core::Fixed(v, 0))
}

/// What a frame drew: size, scroll, lanes, clock, warnings and playhead. Unchanged, the
/// canvas is not redrawn.
type FrameKey = (f64, f64, f64, u64, f64, usize, Option<u64>);

/// What the frame loop keeps between frames.
#[derive(Default)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct FrameCache {
    palette: Option<Palette>,
    frames: u32,
    last: Option<FrameKey>,
    geo: Option<crate::ui::draw::Geometry>,
    dirty: bool,
    /// The height last written to the scroll box, so it is written only when it changes.
    box_height: Option<f64>,
}

mod frame {
    use super::*;
    use crate::ui::draw::{time_range, Geometry, HEADER_H, LANE_H};
    use web_sys::HtmlElement;

    #[cfg(target_arch = "wasm32")]
    fn read_palette(el: &web_sys::Element) -> Palette {
        let mut p = Palette::default();
        let Some(style) = web_sys::window().and_then(|w| w.get_computed_style(el).ok().flatten()) else { return p };
        let get = |name: &str, slot: &mut String| {
            if let Ok(v) = style.get_property_value(name) {
                let v = v.trim();
                if !v.is_empty() {
                    *slot = v.to_string();
                }
            }
        };
        get("--tl-bg", &mut p.bg);
        get("--tl-fg", &mut p.fg);
        get("--tl-muted", &mut p.muted);
        get("--tl-grid", &mut p.grid);
        get("--tl-stripe", &mut p.stripe);
        get("--tl-pending", &mut p.pending);
        get("--tl-ready", &mut p.ready);
        get("--tl-timer", &mut p.timer);
        get("--tl-fired", &mut p.fired);
        get("--tl-cancel", &mut p.cancel);
        get("--tl-self", &mut p.self_wake);
        get("--tl-other", &mut p.other_wake);
        get("--tl-now", &mut p.now);
        get("--tl-select", &mut p.select);
        p
    }

    /// Pumps new events, and redraws if anything visible changed.
    pub(super) fn render(
        session: &SessionHandle,
        scroller: &NodeRef,
        spacer: &NodeRef,
        canvas: &NodeRef,
        cache: &mut FrameCache,
        selected: Option<(usize, Item)>,
    ) {
        let Ok(mut guard) = session.0.try_borrow_mut() else { return };
        let Some(s) = guard.as_mut() else { return };
        let fresh = s.pump();
        let (Some(scroller), Some(spacer)) = (scroller.cast::<HtmlElement>(), spacer.cast::<HtmlElement>()) else { return };
        let lanes = s.view().lanes().len();
        let total = HEADER_H + lanes as f64 * LANE_H + 4.0;
        // The box is as tall as the lanes, up to its CSS max-height; the canvas fills what shows.
        // Written only when it changes: a style write followed by the size reads below would
        // force a second layout of the whole page on every frame.
        if cache.box_height != Some(total) {
            let _ = scroller.style().set_property("height", &px(total));
            cache.box_height = Some(total);
        }
        let width = f64::from(scroller.client_width());
        let height = total.min(f64::from(scroller.client_height())).max(HEADER_H + LANE_H);
        let scroll = f64::from(scroller.scroll_top());
        let now = s.elapsed();
        // The clock line moves only while something can still happen; a finished or stuck run
        // stays framed around its events.
        let running = matches!(s.status(), crate::ui::session::Status::Running | crate::ui::session::Status::Paused);
        let playhead = s.cursor_at();
        let key = (width, height, scroll, lanes as u64, if running { now } else { 0.0 }, s.warned_count(), playhead.map(f64::to_bits));
        if fresh == 0 && !cache.dirty && cache.last == Some(key) {
            return;
        }
        cache.last = Some(key);
        cache.dirty = false;
        let _ = spacer.style().set_property("height", &px(total));
        let deadlines: Vec<f64> = s.view().pending_timers().map(|t| t.deadline - s.started_at()).collect();
        let last_event = s.view().span().map_or(0.0, |(_, last)| last - s.started_at());
        let shown_now = if running { now } else { now.min(last_event.max(0.0)).max(last_event) };
        let (t0, t1) = time_range(shown_now, &deadlines);
        let geo = Geometry { width, height, scroll_top: scroll, t0, t1 };
        cache.geo = Some(geo);
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() else { return };
            let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
            let (pw, ph) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
            if canvas.width() != pw || canvas.height() != ph {
                canvas.set_width(pw);
                canvas.set_height(ph);
                let st = canvas.style();
                let _ = st.set_property("width", &px(width));
                let _ = st.set_property("height", &px(height));
            }
            if cache.palette.is_none() || cache.frames % 60 == 0 {
                cache.palette = Some(read_palette(&canvas));
            }
            cache.frames = cache.frames.wrapping_add(1);
            let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            else {
                return;
            };
            let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
            let names = |t| s.name(t);
            let warned = |t| s.warned(t);
            let pal = cache.palette.clone().unwrap_or_default();
            crate::ui::draw::draw(&ctx, &geo, &pal, s.view(), s.started_at(), shown_now, &names, &warned, selected);
            if let Some(at) = playhead {
                // The playhead, when the learner moved it back: every panel shows this moment.
                let x = geo.x(at);
                ctx.set_stroke_style_str(&pal.select);
                ctx.set_line_width(2.0);
                ctx.begin_path();
                ctx.move_to(x, 0.0);
                ctx.line_to(x, height);
                ctx.stroke();
                ctx.set_fill_style_str(&pal.select);
                // The label sits on whichever side of the line has room.
                let label_x = if x + 64.0 > width { x - 60.0 } else { x + 4.0 };
                let _ = ctx.fill_text("playhead", label_x, height - 6.0);
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = (canvas, selected, shown_now, playhead);
    }

    /// Wipes the canvas and shrinks the box back to its empty size.
    pub(super) fn clear(canvas: &NodeRef, scroller: &NodeRef) {
        if let Some(el) = scroller.cast::<HtmlElement>() {
            let _ = el.style().remove_property("height");
            el.set_scroll_top(0);
        }
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            if let Some(c) = canvas.cast::<web_sys::HtmlCanvasElement>() {
                if let Some(ctx) = c.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok()) {
                    let _ = ctx.set_transform(1.0, 0.0, 0.0, 1.0, 0.0, 0.0);
                    ctx.clear_rect(0.0, 0.0, f64::from(c.width()), f64::from(c.height()));
                }
            }
        }
        #[cfg(not(target_arch = "wasm32"))]
        let _ = canvas;
    }

    /// The description of what is under the pointer.
    pub(super) fn hover(session: &SessionHandle, _scroller: &NodeRef, cache: &FrameCache, x: f64, y: f64) -> Option<String> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let geo = cache.geo?;
        let lane = geo.lane_at(y, s.view().lanes().len())?;
        let item = hit(&geo, s.view(), s.started_at(), lane, x)?;
        Some(describe(item, s.view(), s.started_at(), &|t| s.name(t)))
    }

    /// The pointer position inside the scroll box (for the tooltip).
    pub(super) fn pointer_in(scroller: &NodeRef, e: &MouseEvent) -> (f64, f64) {
        let off = scroller.cast::<HtmlElement>().map_or(0.0, |el| f64::from(el.scroll_top()));
        (f64::from(e.offset_x()), f64::from(e.offset_y()) + off)
    }

    /// The next selection for an arrow key.
    pub(super) fn navigate(session: &SessionHandle, current: Option<(usize, Item)>, key: &str) -> Option<(usize, Item, String)> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let view = s.view();
        let lanes = view.lanes().len();
        if lanes == 0 {
            return None;
        }
        let (mut lane, pos) = match current {
            Some((lane, item)) => (lane.min(lanes - 1), lane_items(view, lane).iter().position(|(_, it)| *it == item)),
            None => (0, None),
        };
        let mut items = lane_items(view, lane);
        let idx = match (key, pos) {
            ("ArrowRight", Some(i)) => (i + 1).min(items.len().saturating_sub(1)),
            ("ArrowLeft", Some(i)) => i.saturating_sub(1),
            ("Home", _) => 0,
            ("End", _) => items.len().saturating_sub(1),
            ("ArrowDown", _) | ("ArrowUp", _) => {
                let t = pos.and_then(|i| items.get(i)).map_or(0.0, |(t, _)| *t);
                lane = if key == "ArrowDown" { (lane + 1).min(lanes - 1) } else { lane.saturating_sub(1) };
                items = lane_items(view, lane);
                items.iter().position(|(it, _)| *it >= t).unwrap_or(items.len().saturating_sub(1))
            }
            _ => 0,
        };
        let (_, item) = *items.get(idx)?;
        Some((lane, item, describe(item, view, s.started_at(), &|t| s.name(t))))
    }

    /// Scrolls so that `lane` is visible.
    pub(super) fn scroll_to_lane(scroller: &NodeRef, lane: usize) {
        if let Some(el) = scroller.cast::<HtmlElement>() {
            let top = lane as f64 * LANE_H;
            let view = f64::from(el.client_height()) - HEADER_H;
            let cur = f64::from(el.scroll_top());
            if top < cur {
                el.set_scroll_top(top as i32);
            } else if top + LANE_H > cur + view {
                el.set_scroll_top((top + LANE_H - view) as i32);
            }
        }
    }
}
