use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::{Fixed, TaskId};
use crate::play::lang::Line;
use crate::play::session::{task_name, ProgramView};

/// A program up to this many lines is shown whole.
const FULL_PROGRAM_LINES: usize = 300;
/// A longer one shows its first lines…
const PROGRAM_HEAD_LINES: usize = 20;
/// …and the lines around this many lit ones.
const LIT_WINDOWS: usize = 40;
/// The await tree lists this many tasks.
const MAX_TREE_TASKS: usize = 50;

/// Props of [`ProgramPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct ProgramPanelProps {
    /// The program, its console, await tree and lit lines, at the playhead.
    pub view: Rc<ProgramView>,
    /// Task names.
    pub names: Rc<HashMap<TaskId, Rc<str>>>,
    /// Lines (from 1) that run but are not shown: a book's hidden lines (`?hide=`).
    #[prop_or_default]
    pub hide: Rc<Vec<(u32, u32)>>,
}

/// The learner's own program with the lines that matter lit, its console, and its await tree.
#[function_component(ProgramPanel)]
pub fn program_panel(p: &ProgramPanelProps) -> Html {
    let v = &p.view;
    let name = |t: TaskId| task_name(&p.names, t);
    let lit: HashMap<usize, Vec<&str>> = v.lit.iter().fold(HashMap::new(), |mut m, (line, why)| {
        m.entry(*line).or_insert_with(Vec::new).push(why.as_str());
        m
    });
    let line_of = |span: crate::play::lang::Span| v.lines.line(span);
    let text: Vec<&str> = v.source.strip_suffix('\n').unwrap_or(&v.source).split('\n').collect();
    // A long program (a form's 1,000 tasks) shows its start and the lines around the first lit
    // ones: drawing thousands of rows every refresh would stall the page.
    let mut lit_lines: Vec<usize> = lit.keys().copied().collect();
    crate::core::sort(&mut lit_lines);
    let long = text.len() > FULL_PROGRAM_LINES;
    let shown: Vec<bool> = if long {
        let mut keep = vec![false; text.len()];
        keep.iter_mut().take(PROGRAM_HEAD_LINES).for_each(|k| *k = true);
        for &l in lit_lines.iter().take(LIT_WINDOWS) {
            for k in keep.iter_mut().take(l + 2).skip(l.saturating_sub(1)) {
                *k = true;
            }
        }
        keep
    } else {
        vec![true; text.len()]
    };
    let mut rows: Vec<Html> = Vec::new();
    let mut hidden = 0usize;
    let book_hidden = |i: usize| {
        let n = u32::try_from(i + 1).unwrap_or(u32::MAX);
        p.hide.iter().any(|&(a, b)| (a..=b).contains(&n))
    };
    for (i, line) in text.iter().enumerate() {
        if book_hidden(i) {
            // Hidden by the page that embeds it: left out without a gap row, as mdBook hides them.
            continue;
        }
        if !shown.get(i).copied().unwrap_or(true) {
            hidden += 1;
            continue;
        }
        if hidden > 0 {
            rows.push(html! { <li class="gap" data-line="⋮"><code>{ format!("{hidden} lines not shown") }</code></li> });
            hidden = 0;
        }
        let why = lit.get(&i);
        rows.push(html! {
            <li class={classes!(why.is_some().then_some("lit"))} data-line={(i + 1).to_string()}>
                <code>{ if line.is_empty() { " " } else { line } }</code>
                if let Some(why) = why {
                    <span class="why">{ format!("← {}", why.join("; ")) }</span>
                }
            </li>
        });
    }
    if hidden > 0 {
        rows.push(html! { <li class="gap" data-line="⋮"><code>{ format!("{hidden} lines not shown") }</code></li> });
    }
    let tree_more = v.await_tree.len().saturating_sub(MAX_TREE_TASKS);
    // The first lit line is scrolled into the code box's view (the box only: the page, which may
    // be a tutorial hosting an embed, never moves).
    let code_box = use_node_ref();
    {
        let code_box = code_box.clone();
        let first_lit = lit_lines.first().copied();
        use_effect_with(first_lit, move |first| {
            if let (Some(line), Some(el)) = (first, code_box.cast::<web_sys::HtmlElement>()) {
                let selector = format!("li[data-line=\"{}\"]", line + 1);
                if let Ok(Some(li)) = el.query_selector(&selector) {
                    if let Ok(li) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(li) {
                        let top = li.offset_top() - el.client_height() / 3;
                        let visible = li.offset_top() >= el.scroll_top()
                            && li.offset_top() + li.offset_height() <= el.scroll_top() + el.client_height();
                        if !visible {
                            el.set_scroll_top(top.max(0));
                        }
                    }
                }
            }
        });
    }
    html! {
        <section class="program panel" aria-labelledby="program-title">
            <h2 id="program-title">{ if v.generated { "Your tasks, as a program" } else { "Your program" } }</h2>
            if v.generated {
                <p class="caption" data-testid="program-generated">{ "The step form's tasks are this program: fn main spawns one task per form task, as the book's main does with its Spawner. \
                    A duration edited in the form changes its number here. Edit as code to write it yourself." }</p>
            }
            <p class="caption">{ "Lit: where each task waits (its .awaits, a join's branches each); in a poll of your own future, the lines it ran, \
                the line that cloned the waker and the one that woke the task; and the line that made the timer of the event at the playhead." }</p>
            if long {
                <p class="caption" data-testid="program-long">{ format!(
                    "A long program ({} lines): shown are its first {PROGRAM_HEAD_LINES} lines and the lines around {} of the {} lit.",
                    text.len(), lit_lines.len().min(LIT_WINDOWS), lit_lines.len()
                ) }</p>
            }
            <div class="program-code code-box" data-testid="program-code" ref={code_box}>
                <ol class="program-lines">
                    { for rows }
                </ol>
            </div>
            <div class="row">
                <div class="console-box">
                    <h3>{ "Console" }</h3>
                    <ol class="console" data-testid="console" aria-live="polite">
                        if v.console_hidden > 0 {
                            <li class="note">{ format!("… {} earlier lines", v.console_hidden) }</li>
                        }
                        if v.console.is_empty() {
                            <li class="empty">{ "println! output shows here, with the time it was printed." }</li>
                        }
                        { for v.console.iter().map(|o| {
                            let class = match o.kind { Line::Print => "print", Line::Note => "note", Line::Error => "error" };
                            let at = o.span.map(|s| { let (l, c) = v.lines.line_col(&v.source, s); format!(" (line {l}:{c})") }).unwrap_or_default();
                            html! {
                                <li class={class}>
                                    <span class="t">{ format!("{} ms", Fixed(o.at, 1)) }</span>
                                    <span class="who" title={o.task.map(name)}>{ o.task.map(name).unwrap_or_default() }
                                        // Read aloud (and copied) as "name: message", never run together.
                                        if o.task.is_some() { <span class="sr-only">{ ": " }</span> }
                                    </span>
                                    <span class="text">{ match o.kind {
                                        Line::Print => o.text.clone(),
                                        Line::Note => format!("note{at}: {}", o.text),
                                        Line::Error => match o.text.strip_prefix("panicked: ") {
                                            // As Rust reports one: where, then the message.
                                            Some(msg) => format!("panicked{at}: {msg}"),
                                            None => format!("error{at}: {}", o.text),
                                        },
                                    } }</span>
                                </li>
                            }
                        }) }
                    </ol>
                </div>
                <div class="await-tree-box">
                    <h3>{ "Await tree" }</h3>
                    if v.rewound {
                        <p class="caption">{ "At the playhead: where each task was parked after its latest poll." }</p>
                    }
                    <ul class="await-tree" data-testid="await-tree">
                        { for v.failed.iter().map(|(t, panic)| html! {
                            <li class="failed" data-testid="await-tree-failed">
                                <strong>{ name(*t) }</strong>{ if *panic { " ✗ panicked: it will never be polled again" } else { " ✗ stopped on an error: it will never be polled again" } }
                            </li>
                        }) }
                        if v.await_tree.is_empty() && v.failed.is_empty() {
                            <li class="empty">{ "No task is waiting at an .await right now." }</li>
                        }
                        { for v.await_tree.iter().take(MAX_TREE_TASKS).map(|(t, frames)| html! {
                            <li>
                                <strong>{ name(*t) }</strong>
                                <ul>
                                    { for frames.iter().map(|(span, what)| html! {
                                        <li>{ format!("{what} at line {}", line_of(*span)) }</li>
                                    }) }
                                </ul>
                            </li>
                        }) }
                        if tree_more > 0 {
                            <li class="more">{ format!("… and {tree_more} more tasks") }</li>
                        }
                    </ul>
                </div>
            </div>
        </section>
    }
}
