use std::rc::Rc;

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// Props of [`CodeEditor`].
#[derive(Clone, PartialEq, Properties)]
pub struct CodeEditorProps {
    /// The program.
    pub text: Rc<str>,
    /// Its first error: "line:col: message", and the 1-based line.
    pub error: Option<(String, usize)>,
    /// The text changed.
    pub on_input: Callback<String>,
    /// The text settled: typing paused for [`SETTLE_MS`], or the editor lost the focus.
    #[prop_or_default]
    pub on_settle: Callback<String>,
}

/// How long typing must pause before the text counts as settled (a live edit applies then).
pub const SETTLE_MS: u32 = 700;

/// How many spaces Tab inserts.
const INDENT: &str = "    ";

/// A small code editor: a textarea with line numbers, Tab to indent, and the first error
/// marked on its line. No editor framework.
///
/// Tab indents; Escape, then Tab, moves the focus on (so the keyboard is never trapped).
#[function_component(CodeEditor)]
pub fn code_editor(p: &CodeEditorProps) -> Html {
    let area = use_node_ref();
    let gutter = use_node_ref();
    // After Escape, the next Tab leaves the editor instead of indenting.
    let tab_leaves = use_mut_ref(|| false);
    // The pending "settled" call; replaced on every input, dropped (cancelled) on unmount.
    let settle = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let oninput = {
        let (cb, on_settle, settle) = (p.on_input.clone(), p.on_settle.clone(), settle.clone());
        Callback::from(move |e: InputEvent| {
            let text = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let (on_settle, later) = (on_settle.clone(), text.clone());
            *settle.borrow_mut() = Some(gloo_timers::callback::Timeout::new(SETTLE_MS, move || on_settle.emit(later)));
            cb.emit(text);
        })
    };
    let onchange = {
        let (on_settle, settle) = (p.on_settle.clone(), settle.clone());
        Callback::from(move |e: Event| {
            settle.borrow_mut().take();
            on_settle.emit(e.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    let onkeydown = {
        let (cb, tab_leaves) = (p.on_input.clone(), tab_leaves.clone());
        Callback::from(move |e: KeyboardEvent| {
            let key = e.key();
            if key == "Escape" {
                *tab_leaves.borrow_mut() = true;
                return;
            }
            if key != "Tab" || e.shift_key() || e.ctrl_key() || e.alt_key() || e.meta_key() || std::mem::take(&mut *tab_leaves.borrow_mut())
            {
                return;
            }
            let area = e.target_unchecked_into::<HtmlTextAreaElement>();
            e.prevent_default();
            if area
                .set_range_text_with_start_and_end_and_mode(
                    INDENT,
                    area.selection_start().ok().flatten().unwrap_or(0),
                    area.selection_end().ok().flatten().unwrap_or(0),
                    "end",
                )
                .is_ok()
            {
                cb.emit(area.value());
            }
        })
    };
    // The line numbers scroll with the text.
    let onscroll = {
        let (area, gutter) = (area.clone(), gutter.clone());
        Callback::from(move |_: Event| {
            if let (Some(a), Some(g)) = (area.cast::<web_sys::Element>(), gutter.cast::<web_sys::Element>()) {
                g.set_scroll_top(a.scroll_top());
            }
        })
    };
    let lines = p.text.split('\n').count().max(1);
    let error_line = p.error.as_ref().map(|(_, l)| *l);
    html! {
        <div class="code-editor-wrap">
            <div class="code-editor">
                <pre class="gutter" ref={gutter} aria-hidden="true">
                    { for (1..=lines).map(|n| html! {
                        <span class={classes!((error_line == Some(n)).then_some("err"))}>{ n }{ "\n" }</span>
                    }) }
                </pre>
                <textarea ref={area} data-testid="code-editor" spellcheck="false" autocapitalize="off" autocomplete="off"
                    aria-label="The program, in async Rust. Tab indents; Escape then Tab moves on."
                    aria-invalid={if p.error.is_some() { "true" } else { "false" }}
                    aria-describedby="code-error"
                    value={p.text.to_string()} {oninput} {onchange} {onkeydown} {onscroll} />
            </div>
            if let Some((e, _)) = &p.error {
                <p class="code-error" id="code-error" data-testid="code-error" role="alert">{ e }</p>
            } else {
                <p class="code-ok" id="code-error">{ "No errors: Run runs it." }</p>
            }
        </div>
    }
}
