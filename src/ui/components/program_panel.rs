use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::{Fixed, TaskId};
use crate::play::lang::Line;
use crate::ui::session::{task_name, ProgramView};

/// Props of [`ProgramPanel`].
#[derive(Clone, PartialEq, Properties)]
pub struct ProgramPanelProps {
    /// The program, its console, await tree and lit lines, at the playhead.
    pub view: Rc<ProgramView>,
    /// Task names.
    pub names: Rc<HashMap<TaskId, Rc<str>>>,
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
    let line_of = |span: crate::play::lang::Span| span.line_col(&v.source).0;
    html! {
        <section class="program panel" aria-labelledby="program-title">
            <h2 id="program-title">{ if v.generated { "Your tasks, as a program" } else { "Your program" } }</h2>
            if v.generated {
                <p class="caption" data-testid="program-generated">{ "The step form's tasks are this program: fn main spawns one task per form task, as the book's main does with its Spawner. \
                    A duration edited in the form changes its number here. Edit as code to write it yourself." }</p>
            }
            <p class="caption">{ "Lit: where each task waits (its .awaits, a join's branches each), and the sleep behind the timer event at the playhead." }</p>
            <div class="program-code code-box" data-testid="program-code">
                <ol class="program-lines">
                    { for v.source.strip_suffix('\n').unwrap_or(&v.source).split('\n').enumerate().map(|(i, text)| {
                        let why = lit.get(&i);
                        html! {
                            <li class={classes!(why.is_some().then_some("lit"))} data-line={(i + 1).to_string()}>
                                <code>{ if text.is_empty() { " " } else { text } }</code>
                                if let Some(why) = why {
                                    <span class="why">{ format!("← {}", why.join("; ")) }</span>
                                }
                            </li>
                        }
                    }) }
                </ol>
            </div>
            <div class="row">
                <div class="console-box">
                    <h3>{ "Console" }</h3>
                    <ol class="console" data-testid="console" aria-live="polite">
                        if v.console.is_empty() {
                            <li class="empty">{ "println! output shows here, with the time it was printed." }</li>
                        }
                        { for v.console.iter().map(|o| {
                            let class = match o.kind { Line::Print => "print", Line::Note => "note", Line::Error => "error" };
                            let at = o.span.map(|s| { let (l, c) = s.line_col(&v.source); format!(" (line {l}:{c})") }).unwrap_or_default();
                            html! {
                                <li class={class}>
                                    <span class="t">{ format!("{} ms", Fixed(o.at, 1)) }</span>
                                    <span class="who">{ o.task.map(name).unwrap_or_default() }</span>
                                    <span class="text">{ match o.kind {
                                        Line::Print => o.text.clone(),
                                        Line::Note => format!("note{at}: {}", o.text),
                                        Line::Error => format!("error{at}: {}", o.text),
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
                        if v.await_tree.is_empty() {
                            <li class="empty">{ "No task is waiting at an .await right now." }</li>
                        }
                        { for v.await_tree.iter().map(|(t, frames)| html! {
                            <li>
                                <strong>{ name(*t) }</strong>
                                <ul>
                                    { for frames.iter().map(|(span, what)| html! {
                                        <li>{ format!("{what} at line {}", line_of(*span)) }</li>
                                    }) }
                                </ul>
                            </li>
                        }) }
                    </ul>
                </div>
            </div>
        </section>
    }
}
