use yew::prelude::*;

use crate::ui::draw::{describe, fmt_ms, hits, lane_items, pan_by, zoom_at, Item, LaneLayout, Palette};
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
    /// Changes whenever the panels' state does (new events, a seek): a timeline that went to
    /// sleep after its run ended wakes up to draw it.
    #[prop_or_default]
    pub revision: (u64, Option<u64>),
    /// A click on the timeline moves the playhead to that time (ms since the run started).
    #[prop_or_default]
    pub on_seek: Callback<f64>,
}

/// A pointer gesture on the canvas: a drag pans, two fingers pinch, a press without a move is a
/// click.
#[derive(Default)]
struct Gesture {
    /// Pointers down: id and x.
    pointers: Vec<(i32, f64)>,
    /// Where the drag started, and the time range then.
    from: Option<(f64, (f64, f64))>,
    /// Whether the pointer moved far enough to be a drag rather than a click.
    moved: bool,
    /// A pinch: the fingers' distance at its start, the range then, and the time between them.
    pinch: Option<(f64, (f64, f64), f64)>,
}

/// How far, in px, a press may move and still be a click.
const CLICK_SLOP_PX: f64 = 4.0;
/// The most items a tooltip lists.
const TOOLTIP_ITEMS: usize = 6;

/// The live timeline: one lane per task, time on the x axis, drawn on a canvas.
///
/// It zooms and pans (Ctrl+wheel or pinch, drag, the buttons and the keys), and its frame loop
/// sleeps once the run stops changing, waking for a seek, a scroll, a resize or a gesture.
#[function_component(Timeline)]
pub fn timeline(p: &TimelineProps) -> Html {
    let scroller = use_node_ref();
    let spacer = use_node_ref();
    let canvas = use_node_ref();
    let tooltip = use_node_ref();
    let hover = use_state(|| None::<(f64, f64, String)>);
    let selected = use_state(|| None::<(usize, Item)>);
    let detail = use_state(String::new);
    let zoomed = use_state(|| None::<(f64, f64)>);
    let cache = use_mut_ref(FrameCache::default);
    let gesture = use_mut_ref(Gesture::default);
    let force = use_force_update();

    // Marks the canvas for redrawing, and restarts the frame loop if it went to sleep.
    let wake = {
        let (cache, force) = (cache.clone(), force.clone());
        Callback::from(move |_: ()| {
            let mut c = cache.borrow_mut();
            c.dirty = true;
            c.idle = 0;
            if c.asleep {
                c.asleep = false;
                // The theme may have changed while it slept.
                c.palette = None;
                drop(c);
                force.force_update();
            }
        })
    };
    // Sets the time range by hand (`None`: fit the run again).
    let set_zoom = {
        let (cache, zoomed, wake) = (cache.clone(), zoomed.clone(), wake.clone());
        Callback::from(move |range: Option<(f64, f64)>| {
            cache.borrow_mut().zoom = range;
            zoomed.set(range);
            wake.emit(());
        })
    };

    {
        // A new run, a reset or a new preset: forget the selection and the zoom, wipe the drawing.
        let (selected, detail, canvas, scroller, cache, zoomed) =
            (selected.clone(), detail.clone(), canvas.clone(), scroller.clone(), cache.clone(), zoomed.clone());
        use_effect_with((p.generation, p.active), move |_| {
            selected.set(None);
            detail.set(String::new());
            zoomed.set(None);
            // The box keeps its size (its observer reports only changes); the rest starts over.
            let mut c = cache.borrow_mut();
            let drawn = c.geo.is_some();
            *c = FrameCache { size: c.size, ..FrameCache::default() };
            drop(c);
            // Nothing drawn yet (the first render): nothing to wipe. Wiping would make the
            // canvas's 2D context, 27 ms of an embed's start on Lighthouse's mobile profile,
            // before its Run button is there.
            if drawn {
                frame::clear(&canvas, &scroller);
            }
        });
    }
    {
        let wake = wake.clone();
        use_effect_with((p.revision, *selected), move |_| wake.emit(()));
    }
    {
        // The wheel listener is not passive, so that Ctrl+wheel can zoom instead of scrolling
        // the page; a plain wheel still scrolls (an embed must not trap a tutorial's reader).
        // The box's size comes from a ResizeObserver, which reports it after the browser's own
        // layout: a frame that read it instead would force a layout of the whole page, in the
        // middle of the frame, on every frame of a run. A change redraws at the new size.
        let (canvas, scroller, cache, set_zoom, wake) = (canvas.clone(), scroller.clone(), cache.clone(), set_zoom.clone(), wake.clone());
        use_effect_with((), move |_| {
            let observer = frame::observe_size(&scroller, &cache, &wake);
            // A new theme (the root's data-theme) repaints in its colours, even a finished run's.
            let theme = frame::observe_theme(&cache, &wake);
            let wake = wake.clone();
            let wheel = canvas.cast::<web_sys::Element>().map(|el| {
                let options = gloo_events::EventListenerOptions::enable_prevent_default();
                gloo_events::EventListener::new_with_options(&el, "wheel", options, move |e| {
                    use wasm_bindgen::JsCast;
                    let Some(e) = e.dyn_ref::<web_sys::WheelEvent>() else { return };
                    let Some(geo) = cache.borrow().geo else { return };
                    // Lines (Firefox) to pixels.
                    let scale = if e.delta_mode() == 1 { 33.0 } else { 1.0 };
                    let (dx, dy) = (e.delta_x() * scale, e.delta_y() * scale);
                    if e.ctrl_key() || e.meta_key() {
                        e.prevent_default();
                        let factor = 1.0 + (dy * 0.002).clamp(-0.5, 0.5);
                        set_zoom.emit(Some(zoom_at(geo.range(), geo.t(f64::from(e.offset_x())), factor)));
                    } else if e.shift_key() || dx.abs() > dy.abs() {
                        e.prevent_default();
                        let px = if dx.abs() > dy.abs() { dx } else { dy };
                        set_zoom.emit(Some(pan_by(geo.range(), px * (geo.t1 - geo.t0) / geo.plot_width())));
                    }
                })
            });
            // A zoom of the page changes the pixel ratio, which the box's size may not show.
            let resize = web_sys::window().map(|w| gloo_events::EventListener::new(&w, "resize", move |_| wake.emit(())));
            move || {
                if let Some((observer, _callback)) = &observer {
                    observer.disconnect();
                }
                if let Some((observer, _callback)) = &theme {
                    observer.disconnect();
                }
                drop((wheel, resize, observer, theme));
            }
        });
    }

    let on_frame = {
        let (session, scroller, spacer, canvas, cache, selected, force) =
            (p.session.clone(), scroller.clone(), spacer.clone(), canvas.clone(), cache.clone(), *selected, force.clone());
        Callback::from(move |_t: f64| {
            let mut c = cache.borrow_mut();
            let (drew, moving) = frame::render(&session, &scroller, &spacer, &canvas, &mut c, selected);
            c.idle = if drew || moving { 0 } else { c.idle.saturating_add(1) };
            // Half a second without anything to draw in a run that cannot change by itself.
            if c.idle > 30 {
                c.asleep = true;
                drop(c);
                force.force_update();
            }
        })
    };
    let asleep = cache.borrow().asleep;
    use_animation_frame(p.active && !asleep, on_frame);

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

    let onpointerdown = {
        let (gesture, cache, canvas) = (gesture.clone(), cache.clone(), canvas.clone());
        Callback::from(move |e: PointerEvent| {
            if e.button() != 0 {
                return;
            }
            let Some(geo) = cache.borrow().geo else { return };
            let x = f64::from(e.offset_x());
            let mut g = gesture.borrow_mut();
            g.pointers.retain(|(id, _)| *id != e.pointer_id());
            g.pointers.push((e.pointer_id(), x));
            if let Some(el) = canvas.cast::<web_sys::Element>() {
                let _ = el.set_pointer_capture(e.pointer_id());
            }
            match g.pointers.as_slice() {
                [_] => {
                    g.from = Some((x, geo.range()));
                    g.moved = false;
                    g.pinch = None;
                }
                [(_, a), (_, b), ..] => {
                    g.pinch = Some(((a - b).abs().max(1.0), geo.range(), geo.t((a + b) / 2.0)));
                    g.from = None;
                    g.moved = true;
                }
                [] => {}
            }
        })
    };
    let onpointermove = {
        let (session, hover, cache, gesture, set_zoom) =
            (p.session.clone(), hover.clone(), cache.clone(), gesture.clone(), set_zoom.clone());
        Callback::from(move |e: PointerEvent| {
            let x = f64::from(e.offset_x());
            let mut g = gesture.borrow_mut();
            if let Some(slot) = g.pointers.iter_mut().find(|(id, _)| *id == e.pointer_id()) {
                slot.1 = x;
            }
            let Some(geo) = cache.borrow().geo else { return };
            if let (Some((d0, range, at)), [(_, a), (_, b), ..]) = (g.pinch, g.pointers.as_slice()) {
                let d = (a - b).abs().max(1.0);
                set_zoom.emit(Some(zoom_at(range, at, d0 / d)));
                return;
            }
            if let Some((x0, range)) = g.from {
                if (x - x0).abs() > CLICK_SLOP_PX {
                    g.moved = true;
                }
                if g.moved {
                    set_zoom.emit(Some(pan_by(range, (x0 - x) * (range.1 - range.0) / geo.plot_width())));
                    if hover.is_some() {
                        hover.set(None);
                    }
                }
                return;
            }
            drop(g);
            let found = frame::hover(&session, &cache.borrow(), x, f64::from(e.offset_y()));
            match found {
                // The canvas is pinned to the top of the scroll box: its y is the box's.
                Some(text) => hover.set(Some((x, f64::from(e.offset_y()), text))),
                None => {
                    if hover.is_some() {
                        hover.set(None);
                    }
                }
            }
        })
    };
    let onpointerup = {
        let (gesture, cache, on_seek, session, selected, detail) =
            (gesture.clone(), cache.clone(), p.on_seek.clone(), p.session.clone(), selected.clone(), detail.clone());
        Callback::from(move |e: PointerEvent| {
            let mut g = gesture.borrow_mut();
            let click = g.from.is_some() && !g.moved && g.pointers.len() == 1;
            g.pointers.retain(|(id, _)| *id != e.pointer_id());
            if g.pointers.len() < 2 {
                g.pinch = None;
            }
            g.from = None;
            drop(g);
            if !click || e.type_() == "pointercancel" {
                return;
            }
            // A click selects what is under it and moves the playhead there.
            let (x, y) = (f64::from(e.offset_x()), f64::from(e.offset_y()));
            let c = cache.borrow();
            if let Some((lane, item, text)) = frame::pick(&session, &c, x, y) {
                selected.set(Some((lane, item)));
                detail.set(text);
            }
            if let Some(t) = c.geo.and_then(|g| g.t_at(x)) {
                on_seek.emit(t.max(0.0));
            }
        })
    };
    let onpointerleave = {
        let hover = hover.clone();
        Callback::from(move |_: PointerEvent| hover.set(None))
    };
    let zoom_by = {
        let (cache, set_zoom) = (cache.clone(), set_zoom.clone());
        move |factor: f64| {
            let (cache, set_zoom) = (cache.clone(), set_zoom.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(geo) = cache.borrow().geo {
                    set_zoom.emit(Some(zoom_at(geo.range(), (geo.t0 + geo.t1) / 2.0, factor)));
                }
            })
        }
    };
    let fit = {
        let set_zoom = set_zoom.clone();
        Callback::from(move |_: MouseEvent| set_zoom.emit(None))
    };
    let zoom_to_selection = {
        let (session, selected, set_zoom) = (p.session.clone(), selected.clone(), set_zoom.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(range) = selected.and_then(|(_, item)| frame::extent_of(&session, item)) {
                set_zoom.emit(Some(range));
            }
        })
    };
    let onkeydown = {
        let (session, scroller, selected, detail, cache, set_zoom, on_seek) =
            (p.session.clone(), scroller.clone(), selected.clone(), detail.clone(), cache.clone(), set_zoom.clone(), p.on_seek.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            let geo = cache.borrow().geo;
            let zoom = |f: f64| geo.map(|g| zoom_at(g.range(), (g.t0 + g.t1) / 2.0, f));
            match key.as_str() {
                "+" | "=" => set_zoom.emit(zoom(0.5)),
                "-" | "_" => set_zoom.emit(zoom(2.0)),
                "0" => set_zoom.emit(None),
                "z" | "Z" => {
                    if let Some(range) = selected.and_then(|(_, item)| frame::extent_of(&session, item)) {
                        set_zoom.emit(Some(range));
                    }
                }
                "Escape" => {
                    selected.set(None);
                    detail.set(String::new());
                }
                "ArrowLeft" | "ArrowRight" | "ArrowUp" | "ArrowDown" | "Home" | "End" => {
                    let next = frame::navigate(&session, *selected, &key);
                    if let Some((lane, item, text)) = next {
                        frame::scroll_to_lane(&scroller, &cache.borrow(), lane);
                        selected.set(Some((lane, item)));
                        detail.set(text);
                        cache.borrow_mut().dirty = true;
                        // The playhead follows the selection, as a click moves it.
                        if let Some(t) = frame::time_of(&session, item) {
                            on_seek.emit(t.max(0.0));
                        }
                    }
                }
                _ => return,
            }
            e.prevent_default();
        })
    };
    let onscroll = {
        let (wake, scroller, cache) = (wake.clone(), scroller.clone(), cache.clone());
        Callback::from(move |_: Event| {
            // Read here, where the layout is fresh, and not in the frame.
            if let Some(el) = scroller.cast::<web_sys::Element>() {
                cache.borrow_mut().scroll = f64::from(el.scroll_top());
            }
            wake.emit(());
        })
    };
    let range_text = match *zoomed {
        Some((t0, t1)) => format!("Zoomed: {} to {}", fmt_ms(t0), fmt_ms(t1)),
        None => "Whole run".to_string(),
    };

    html! {
        <section class="timeline panel" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{ "Timeline" }</h2>
            <p class="caption">{ "One lane per task. Bars are timers, from armed to deadline; a dot is the setTimeout \
                callback firing, and its arrow points at the poll the wake caused. Boxes are polls: amber returned \
                Pending, green returned Ready. Triangles are wakes. The red line is now." }</p>
            <div class="timeline-tools" role="toolbar" aria-label="Timeline zoom">
                <button type="button" onclick={zoom_by(2.0)} data-testid="timeline-zoom-out" aria-label="Zoom out" title="Zoom out (−)">{ "−" }</button>
                <button type="button" onclick={zoom_by(0.5)} data-testid="timeline-zoom-in" aria-label="Zoom in" title="Zoom in (+)">{ "+" }</button>
                <button type="button" onclick={fit} disabled={zoomed.is_none()} data-testid="timeline-fit" title="Show the whole run (0)">{ "Fit run" }</button>
                <button type="button" onclick={zoom_to_selection} disabled={selected.is_none()} data-testid="timeline-zoom-selection"
                    title="Zoom to the selected event (Z); click an event, or focus the timeline and use the arrows, to select one">{ "Zoom to selection" }</button>
                <span class="timeline-range" data-testid="timeline-range">{ range_text }</span>
                <span class="timeline-hint">{ "Ctrl+wheel or pinch: zoom · drag: pan" }</span>
            </div>
            // The tooltip sits outside the scroll box, so a long one is not cut at its edge.
            <div class="timeline-wrap">
                <div class="timeline-scroll" ref={scroller.clone()} data-testid="timeline" {onscroll}>
                    <div class="timeline-spacer" ref={spacer}></div>
                    <canvas ref={canvas} class="timeline-canvas" tabindex="0" role="img"
                        aria-label="Timeline of tasks, timers, polls and wakes. Arrow keys step through events and move the playhead to each; plus and minus zoom, 0 fits the run, Z zooms to the selected event."
                        {onpointerdown} {onpointermove} {onpointerup} onpointercancel={onpointerleave.clone()} onpointerleave={onpointerleave} {onkeydown}></canvas>
                    if !p.active {
                        <p class="timeline-empty">{ "Press Run (or Step) to start: each task gets a lane here." }</p>
                    }
                </div>
                if let Some((x, _, text)) = hover.as_ref() {
                    // Right of the pointer, or left of it in the right part of the timeline.
                    <div class={classes!("tooltip", (*x > cache.borrow().geo.map_or(f64::MAX, |g| g.width * 0.55)).then_some("flip"))}
                        ref={tooltip} role="tooltip">{ text }</div>
                }
            </div>
            <p class="timeline-detail" aria-live="polite" data-testid="timeline-detail">
                { if detail.is_empty() { "Hover an event for details, click one to select it, or focus the timeline and use the arrow keys.".to_string() } else { (*detail).clone() } }
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

/// What a frame drew: size, scroll, lanes, clock, warnings, playhead and zoom. Unchanged, the
/// canvas is not redrawn.
type FrameKey = (f64, f64, f64, u64, f64, usize, Option<u64>, Option<(u64, u64)>);

/// What the frame loop keeps between frames.
#[derive(Default)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct FrameCache {
    palette: Option<Palette>,
    last: Option<FrameKey>,
    geo: Option<crate::ui::draw::Geometry>,
    dirty: bool,
    /// The height last written to the scroll box, so it is written only when it changes.
    box_height: Option<f64>,
    /// Lane heights and timer rows.
    layout: LaneLayout,
    /// The time range chosen by zooming or panning; `None` fits the run.
    zoom: Option<(f64, f64)>,
    /// Frames in a row with nothing to draw.
    idle: u32,
    /// Whether the frame loop stopped (the run cannot change by itself, and nothing moved).
    asleep: bool,
    /// The scroll box's client width and height, as its ResizeObserver last reported them.
    size: Option<(f64, f64)>,
    /// The scroll box's scroll offset, as its last scroll event left it.
    scroll: f64,
}

mod frame {
    use super::*;
    use crate::ui::draw::{extent, frame_span, time_range, Geometry, HEADER_H, LANE_H};
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

    /// Pumps new events, and redraws if anything visible changed. Says whether it drew, and
    /// whether the run can still change by itself.
    pub(super) fn render(
        session: &SessionHandle,
        scroller: &NodeRef,
        spacer: &NodeRef,
        canvas: &NodeRef,
        cache: &mut FrameCache,
        selected: Option<(usize, Item)>,
    ) -> (bool, bool) {
        let Ok(mut guard) = session.0.try_borrow_mut() else { return (false, true) };
        let Some(s) = guard.as_mut() else { return (false, false) };
        let fresh = s.pump();
        let running = matches!(s.status(), crate::play::session::Status::Running | crate::play::session::Status::Paused);
        let (Some(scroller), Some(spacer)) = (scroller.cast::<HtmlElement>(), spacer.cast::<HtmlElement>()) else {
            return (false, running);
        };
        cache.layout.update(s.view());
        let lanes = s.view().lanes().len();
        let total = HEADER_H + cache.layout.height() + 4.0;
        // The box is as tall as the lanes, up to its CSS max-height; the canvas fills what shows.
        // Written only when it changes: a style write followed by the size reads below would
        // force a second layout of the whole page on every frame.
        if cache.box_height != Some(total) {
            let _ = scroller.style().set_property("height", &px(total));
            cache.box_height = Some(total);
        }
        // Read from the box only before its observer first reports (one layout, once).
        let (width, box_h) = *cache.size.get_or_insert_with(|| (f64::from(scroller.client_width()), f64::from(scroller.client_height())));
        let height = total.min(box_h).max(HEADER_H + LANE_H);
        let scroll = cache.scroll;
        let now = s.elapsed();
        // The clock line moves only while something can still happen; a finished or stuck run
        // stays framed around its events.
        let playhead = s.cursor_at();
        let zoom = cache.zoom.map(|(a, b)| (a.to_bits(), b.to_bits()));
        let key =
            (width, height, scroll, lanes as u64, if running { now } else { 0.0 }, s.warned_count(), playhead.map(f64::to_bits), zoom);
        if fresh == 0 && !cache.dirty && cache.last == Some(key) {
            return (false, running);
        }
        cache.last = Some(key);
        cache.dirty = false;
        let _ = spacer.style().set_property("height", &px(total));
        let deadlines: Vec<f64> = s.view().pending_timers().map(|t| t.deadline - s.started_at()).collect();
        let last_event = s.view().span().map_or(0.0, |(_, last)| last - s.started_at());
        let shown_now = if running { now } else { now.min(last_event.max(0.0)).max(last_event) };
        let (t0, t1) = cache.zoom.unwrap_or_else(|| time_range(shown_now, &deadlines));
        let geo = Geometry { width, height, scroll_top: scroll, t0, t1 };
        cache.geo = Some(geo);
        // The range shown, for tests and tools that read the page.
        if let Some(c) = canvas.cast::<web_sys::Element>() {
            let _ = c.set_attribute("data-range", &format!("{} {}", crate::core::Fixed(t0, 3), crate::core::Fixed(t1, 3)));
            let _ = c.set_attribute("data-lanes", &lanes.to_string());
            // How many of them are the program's own executor's (the first group).
            let _ = c.set_attribute("data-guest-lanes", &s.view().guest_lanes().to_string());
        }
        #[cfg(target_arch = "wasm32")]
        {
            use wasm_bindgen::JsCast;
            let Some(canvas) = canvas.cast::<web_sys::HtmlCanvasElement>() else { return (false, running) };
            let dpr = web_sys::window().map_or(1.0, |w| w.device_pixel_ratio()).max(1.0);
            let (pw, ph) = ((width * dpr).round() as u32, (height * dpr).round() as u32);
            if canvas.width() != pw || canvas.height() != ph {
                canvas.set_width(pw);
                canvas.set_height(ph);
                let st = canvas.style();
                let _ = st.set_property("width", &px(width));
                let _ = st.set_property("height", &px(height));
            }
            // The colours come from the stylesheet: read once, and again after a theme change
            // (its observer forgets them), as reading them computes the page's style.
            if cache.palette.is_none() {
                cache.palette = Some(read_palette(&canvas));
            }
            let Some(ctx) = canvas.get_context("2d").ok().flatten().and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
            else {
                return (false, running);
            };
            let _ = ctx.set_transform(dpr, 0.0, 0.0, dpr, 0.0, 0.0);
            let names = |t| s.name(t);
            let warned = |t| s.warned(t);
            let pal = cache.palette.clone().unwrap_or_default();
            let drawn =
                crate::ui::draw::draw(&ctx, &geo, &cache.layout, &pal, s.view(), s.started_at(), shown_now, &names, &warned, selected);
            // What the frame wrote, as the canvas cannot say it: for tests and tools.
            if let Some(c) = canvas.dyn_ref::<web_sys::Element>() {
                let _ = c.set_attribute("data-labels", &drawn.labels.join("|"));
                let _ = c.set_attribute("data-ticks", &drawn.ticks.join("|"));
            }
            // The playhead, when the learner moved it back (and it is in view): every panel shows
            // this moment.
            if let Some(x) = playhead.map(|at| geo.x(at)).filter(|x| (crate::ui::draw::GUTTER..=width).contains(x)) {
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
        let _ = (selected, shown_now, playhead);
        (true, running)
    }

    /// A ResizeObserver and the callback it calls (which must live as long as it).
    pub(super) type SizeObserver = (web_sys::ResizeObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>);

    /// Watches the scroll box's size: each change is stored in the cache and wakes the frame
    /// loop. The observer and its callback live as long as the returned pair.
    pub(super) fn observe_size(
        scroller: &NodeRef,
        cache: &std::rc::Rc<std::cell::RefCell<FrameCache>>,
        wake: &Callback<()>,
    ) -> Option<SizeObserver> {
        use wasm_bindgen::JsCast;
        let el = scroller.cast::<web_sys::Element>()?;
        let (cache, wake) = (cache.clone(), wake.clone());
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let last = entries.iter().filter_map(|e| e.dyn_into::<web_sys::ResizeObserverEntry>().ok()).next_back();
            let Some(target) = last.and_then(|e| e.target().dyn_into::<HtmlElement>().ok()) else { return };
            // Layout is fresh while observers are told, so these reads cost nothing.
            let size = (f64::from(target.client_width()), f64::from(target.client_height()));
            let changed = cache.borrow().size != Some(size);
            cache.borrow_mut().size = Some(size);
            if changed {
                wake.emit(());
            }
        });
        let observer = web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        observer.observe(&el);
        Some((observer, callback))
    }

    /// A MutationObserver and the callback it calls.
    pub(super) type ThemeObserver = (web_sys::MutationObserver, wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>);

    /// When the root's `data-theme` changes: forgets the palette and wakes the frame loop.
    pub(super) fn observe_theme(cache: &std::rc::Rc<std::cell::RefCell<FrameCache>>, wake: &Callback<()>) -> Option<ThemeObserver> {
        use wasm_bindgen::JsCast;
        let root = web_sys::window()?.document()?.document_element()?;
        let (cache, wake) = (cache.clone(), wake.clone());
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |_: js_sys::Array| {
            cache.borrow_mut().palette = None;
            wake.emit(());
        });
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).ok()?;
        let options = web_sys::MutationObserverInit::new();
        options.set_attribute_filter(&js_sys::Array::of1(&"data-theme".into()));
        observer.observe_with_options(&root, &options).ok()?;
        Some((observer, callback))
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

    /// What is under the pointer, described, the item drawn under it first.
    pub(super) fn hover(session: &SessionHandle, cache: &FrameCache, x: f64, y: f64) -> Option<String> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let geo = cache.geo?;
        let found = hits(&geo, &cache.layout, s.view(), s.started_at(), x, y);
        if found.is_empty() {
            return None;
        }
        let name = |t| s.name(t);
        let mut lines: Vec<String> =
            found.iter().take(TOOLTIP_ITEMS).map(|&item| describe(item, s.view(), s.started_at(), &name)).collect();
        if found.len() > TOOLTIP_ITEMS {
            lines.push(format!("… and {} more here: zoom in to tell them apart", found.len() - TOOLTIP_ITEMS));
        }
        Some(lines.join("\n"))
    }

    /// The item a click at `(x, y)` selects, with its lane and description.
    pub(super) fn pick(session: &SessionHandle, cache: &FrameCache, x: f64, y: f64) -> Option<(usize, Item, String)> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let geo = cache.geo?;
        let lane = cache.layout.lane_at_canvas(&geo, y)?;
        let item = *hits(&geo, &cache.layout, s.view(), s.started_at(), x, y).first()?;
        Some((lane, item, describe(item, s.view(), s.started_at(), &|t| s.name(t))))
    }

    /// The range that frames `item` (run-relative).
    pub(super) fn extent_of(session: &SessionHandle, item: Item) -> Option<(f64, f64)> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let (a, b) = extent(item, s.view())?;
        Some(frame_span(a - s.started_at(), b - s.started_at()))
    }

    /// Where the playhead goes for a selected item (ms since the run started): after a poll,
    /// at a wake, at a timer's end (its fire or cancel).
    pub(super) fn time_of(session: &SessionHandle, item: Item) -> Option<f64> {
        let guard = session.0.try_borrow().ok()?;
        let s = guard.as_ref()?;
        let (_, b) = extent(item, s.view())?;
        Some(b - s.started_at())
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
    pub(super) fn scroll_to_lane(scroller: &NodeRef, cache: &FrameCache, lane: usize) {
        if let Some(el) = scroller.cast::<HtmlElement>() {
            let (top, h) = (cache.layout.top(lane), cache.layout.lane_h(lane));
            let view = f64::from(el.client_height()) - HEADER_H;
            let cur = f64::from(el.scroll_top());
            if top < cur {
                el.set_scroll_top(top as i32);
            } else if top + h > cur + view {
                el.set_scroll_top((top + h - view) as i32);
            }
        }
    }
}
