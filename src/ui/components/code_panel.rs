use std::collections::HashMap;
use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::core::{Event, TaskId};
use crate::play::session::task_name;
use crate::ui::code::{anchor_line, Anchor, SOURCES};
use crate::ui::hooks::{use_source, SourceText};

use super::describe_event;

/// Props of [`CodePanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct CodePanelProps {
    /// The event whose code to light.
    pub event: Option<Event>,
    /// The markers to light for it (see `ui::code::anchors_in`) and why.
    pub marks: (&'static [Anchor], &'static str),
    /// When the run started, for run-relative times.
    #[prop_or_default]
    pub start: f64,
    /// Task names, for the explanation.
    pub names: Rc<HashMap<TaskId, Rc<str>>>,
    /// The event's task is one of the program's own executor's.
    #[prop_or_default]
    pub guest: bool,
}

/// The real source of TimerFuture and the executor, with the lines of an event lit.
#[function_component(CodePanel)]
pub fn code_panel(p: &CodePanelProps) -> Html {
    let (marks, why) = p.marks;
    // The file of the first lit line, unless the reader picked a tab.
    let auto = marks.first().map_or("timer", |(src, _)| *src);
    let picked = use_state(|| None::<&'static str>);
    {
        let picked = picked.clone();
        use_effect_with(p.event.map(|e| e.seq), move |_| picked.set(None));
    }
    let shown = picked.unwrap_or(auto);
    // All three files are fetched when the panel first shows, and each keeps its own DOM: the
    // panel follows the events from file to file many times a second during a busy run, and a
    // switch is then an attribute change, not a thousand lines rebuilt.
    let all = [use_source(&SOURCES[0]), use_source(&SOURCES[1]), use_source(&SOURCES[2])];
    let index = SOURCES.iter().position(|s| s.id == shown).unwrap_or(0);
    let source = &SOURCES[index];
    let loaded = all[index].clone();
    let text: &str = match &loaded {
        SourceText::Ready(t) => t,
        _ => "",
    };
    let lit: Vec<usize> = marks.iter().filter(|(s, _)| *s == source.id).filter_map(|(_, name)| anchor_line(text, name)).collect();
    let box_ref = use_node_ref();
    // With nothing lit yet, open at TimerFuture's poll rather than at the module docs.
    let first = lit.first().copied().or_else(|| anchor_line(text, "poll"));
    {
        let box_ref = box_ref.clone();
        let lines = text.lines().count();
        use_effect_with((first, source.id, lines), move |&(first, _, lines)| {
            let text = box_ref.cast::<HtmlElement>().and_then(|el| {
                let pre = el.query_selector(".source:not([hidden]) pre.text").ok().flatten()?;
                Some((el, wasm_bindgen::JsCast::dyn_into::<HtmlElement>(pre).ok()?))
            });
            if let (Some(line), Some((el, pre))) = (first, text) {
                // Scroll the code box only (not the page) so the line sits in the middle. Every
                // line of the text is as tall as the next.
                let line_h = f64::from(pre.offset_height()) / lines.max(1) as f64;
                let top = f64::from(pre.offset_top()) + line as f64 * line_h;
                el.set_scroll_top((top - f64::from(el.client_height()) / 2.0).max(0.0) as i32);
            }
        });
    }
    let tabs = SOURCES.iter().map(|s| {
        let picked = picked.clone();
        let id = s.id;
        let has_lit = marks.iter().any(|(src, _)| *src == id);
        html! {
            <button role="tab" aria-selected={(id == source.id).to_string()} class={classes!("tab", has_lit.then_some("has-lit"))}
                onclick={Callback::from(move |_| picked.set(Some(id)))}>{ s.title }</button>
        }
    });
    html! {
        <section class="code panel" aria-labelledby="code-title">
            <h2 id="code-title">{ "The code that ran" }</h2>
            <p class="caption" data-testid="code-caption">
                if let Some(e) = &p.event {
                    <strong>{ e.kind.name() }</strong>{ ": " }{ why }
                    { e.task.map(|t| format!(" ({})", task_name(&p.names, t))).unwrap_or_default() }
                    { format!(" — {}", describe_event(e, &p.names, p.start, p.guest)) }
                } else {
                    { "The real source of the engine, as built. Run or Step to light the lines behind each event." }
                }
            </p>
            <div class="tabs" role="tablist" aria-label="Source files">{ for tabs }</div>
            <div class="code-box" ref={box_ref} data-testid="code" tabindex="0" aria-label={format!("Source of {}", source.path)}>
                if let SourceText::Loading = loaded {
                    <p class="caption" data-testid="code-loading">{ format!("Loading {}…", source.path) }</p>
                }
                if let SourceText::Failed(why) = &loaded {
                    <p class="field-error" role="alert" data-testid="code-error">{ format!("The source could not be loaded: {why}.") }</p>
                }
                <>{ for SOURCES.iter().zip(all.iter()).map(|(s, l)| match l {
                    SourceText::Ready(text) => {
                        let here = s.id == source.id;
                        html! {
                            <CodeLines key={s.id} text={text.clone()} lit={Rc::new(if here { lit.clone() } else { Vec::new() })} hidden={!here} />
                        }
                    }
                    _ => html! {},
                }) }</>
            </div>
            <p class="path">{ source.path }</p>
        </section>
    }
}

/// Props of [`CodeLines`].
#[derive(Clone, PartialEq, Properties)]
struct CodeLinesProps {
    text: Rc<str>,
    lit: Rc<Vec<usize>>,
    hidden: bool,
}

/// One line drawn over the file at its place: the lit lines, and the `// @code` markers (muted).
/// Its `--i` (the 0-based line number, which places it) is set through the CSSOM after render,
/// because the page's Content-Security-Policy refuses `style` attributes.
fn band(text: &str, i: usize, class: &'static str) -> Html {
    html! {
        <div class={classes!("band", class)} data-line={i.to_string()}>
            <span class="ln" aria-hidden="true">{ i + 1 }</span>{ text }
        </div>
    }
}

/// One file: its text as a single text node beside a gutter of line numbers, with the few lines
/// that need a style drawn over it. A thousand lines are then two text nodes rather than three
/// thousand elements, which keeps every layout of the page cheap while a run refreshes it many
/// times a second. A component of its own, keyed by file, so a refresh that lights the same lines
/// costs nothing.
#[function_component(CodeLines)]
fn code_lines(p: &CodeLinesProps) -> Html {
    let numbers = use_memo(p.text.clone(), |t| (1..=t.lines().count()).map(|n| format!("{n}\n")).collect::<String>());
    let lines: Vec<&str> = p.text.lines().collect();
    let markers = lines.iter().enumerate().filter(|(_, l)| l.trim_start().starts_with("// @code"));
    let at = |i: usize| lines.get(i).copied().unwrap_or_default();
    let bands = use_node_ref();
    {
        let bands = bands.clone();
        use_effect_with((p.lit.clone(), p.text.len()), move |_| {
            let Some(el) = bands.cast::<HtmlElement>() else { return };
            let children = el.children();
            for k in 0..children.length() {
                let band = children.item(k).and_then(|c| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(c).ok());
                if let Some(band) = band {
                    let line = band.get_attribute("data-line").unwrap_or_default();
                    let _ = band.style().set_property("--i", &line);
                }
            }
        });
    }
    html! {
        <div class="source" hidden={p.hidden}>
            <pre class="gutter" aria-hidden="true">{ (*numbers).clone() }</pre>
            <pre class="text"><code>{ p.text.to_string() }</code></pre>
            <div class="bands" ref={bands} aria-hidden="true">
                { for markers.map(|(i, l)| band(l, i, "marker")) }
                { for p.lit.iter().map(|&i| band(at(i), i, "lit")) }
            </div>
        </div>
    }
}
