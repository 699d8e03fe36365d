use std::collections::HashMap;
use std::rc::Rc;

use web_sys::HtmlElement;
use yew::prelude::*;

use crate::core::{Event, TaskId};
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
    let source = SOURCES.iter().find(|s| s.id == shown).unwrap_or(&SOURCES[0]);
    let loaded = use_source(source);
    let text: &str = match &loaded {
        SourceText::Ready(t) => t,
        _ => "",
    };
    let lit: Vec<usize> = marks.iter().filter(|(s, _)| *s == source.id).filter_map(|(_, name)| anchor_line(text, name)).collect();
    let box_ref = use_node_ref();
    {
        let box_ref = box_ref.clone();
        // With nothing lit yet, open at TimerFuture's poll rather than at the module docs.
        let first = lit.first().copied().or_else(|| anchor_line(text, "poll"));
        use_effect_with((first, source.id, text.len()), move |(first, _, _)| {
            if let (Some(line), Some(el)) = (first, box_ref.cast::<HtmlElement>()) {
                // Scroll the code box only (not the page) so the lit line sits in the middle.
                let target = el.query_selector(&format!("[data-line=\"{line}\"]")).ok().flatten();
                if let Some(row) = target.and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlElement>(t).ok()) {
                    el.set_scroll_top((row.offset_top() - el.client_height() / 2).max(0));
                }
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
                    { e.task.map(|t| format!(" ({})", p.names.get(&t).map_or_else(|| t.to_string(), |n| n.to_string()))).unwrap_or_default() }
                    { format!(" — {}", describe_event(e, &p.names, p.start)) }
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
                <pre><code>
                    { for text.lines().enumerate().map(|(i, l)| {
                        let is_lit = lit.contains(&i);
                        let marker = l.trim_start().starts_with("// @code");
                        html! {
                            <span class={classes!("line", is_lit.then_some("lit"), marker.then_some("marker"))} data-line={i.to_string()}>
                                <span class="ln" aria-hidden="true">{ i + 1 }</span>{ l }{ "\n" }
                            </span>
                        }
                    }) }
                </code></pre>
            </div>
            <p class="path">{ source.path }</p>
        </section>
    }
}
