use std::collections::HashSet;
use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::ui::state::{Action, EditStep, EditTask, StepKind};

use super::CodeEditor;

/// Identifies a duration field: (task uid, step uid, field uid).
pub type FieldKey = (u64, u64, u64);

/// How many tasks are shown before "show all".
const COLLAPSED: usize = 24;

/// Props of [`Editor`].
#[derive(Clone, PartialEq, Properties)]
pub struct EditorProps {
    /// The tasks (shared with the editor state: a render copies no task).
    pub tasks: Vec<Rc<EditTask>>,
    /// Changes to the state.
    pub dispatch: Callback<Action>,
    /// A duration was committed (Enter or leaving the field): try a live edit.
    pub on_commit: Callback<(FieldKey, String)>,
    /// Fields whose timer is pending right now.
    pub live: Rc<HashSet<FieldKey>>,
    /// The program, when the scenario is written as code.
    #[prop_or_default]
    pub code: Option<Rc<str>>,
    /// The program's first error.
    #[prop_or_default]
    pub code_error: Option<crate::ui::state::CodeError>,
    /// The program's text settled (a live edit of a running program may apply).
    #[prop_or_default]
    pub on_code_settle: Callback<String>,
    /// Ctrl+Enter in the program: run it, as it is now.
    #[prop_or_default]
    pub on_code_run: Callback<()>,
}

/// The scenario editor: tasks, their steps, and duration fields.
#[function_component(Editor)]
pub fn editor(p: &EditorProps) -> Html {
    let show_all = use_state(|| false);
    let n = p.tasks.len();
    let shown = if *show_all { n } else { n.min(COLLAPSED) };
    let add_task = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::AddTask))
    };
    let toggle = {
        let s = show_all.clone();
        Callback::from(move |_| s.set(!*s))
    };
    if let Some(code) = &p.code {
        let on_input = p.dispatch.reform(Action::SetCode);
        let back = p.dispatch.reform(|_: MouseEvent| Action::BackToForm);
        return html! {
            <section class="editor panel" aria-labelledby="editor-title">
                <h2 id="editor-title">{ "Scenario, as async Rust" }</h2>
                <p class="caption">{ "Rust's everyday core: structs, enums, traits, impl Future for your own types, closures, \
                    match, Rc, Arc, Mutex, RefCell, Vec and the rest, with gloo-timers' Timeout and Interval for the browser's \
                    timers and spawn_local to start tasks. async fn main() is the first task; a plain fn main() only spawns, as \
                    the book's does. The playground's prelude adds sleep(ms), TimerFuture::new(d), join!, select!, spawn, \
                    yield_now and spin, and lost_waker(), stale_waker() and wake_by_ref_then_pending(), futures with a bug on \
                    purpose. Run runs it on this page's executor." }</p>
                <CodeEditor text={code.clone()} error={p.code_error.clone()} {on_input} on_settle={p.on_code_settle.clone()}
                    on_run={p.on_code_run.clone()} />
                <button class="link" data-testid="back-to-form" onclick={back} title="Drops the program (Undo in the notice brings it back)">{ "Back to the step form" }</button>
            </section>
        };
    }
    let as_code = p.dispatch.reform(|_: MouseEvent| Action::EditAsCode);
    html! {
        <section class="editor panel" aria-labelledby="editor-title">
            <h2 id="editor-title">{ "Scenario" }</h2>
            <p class="caption">{ "Each task is an async fn that runs its steps in order: the form writes them as a program, \
                which is what runs. A duration change on a pending timer reschedules it at once (press Enter or leave the field)." }</p>
            if n == 0 {
                <p class="empty" role="status">{ "No tasks: add one to have something to run." }</p>
            }
            <ol class="tasks">
                { for p.tasks.iter().take(shown).map(|t| html! { <TaskEditor key={t.uid} task={t.clone()}
                    dispatch={p.dispatch.clone()} on_commit={p.on_commit.clone()} live={p.live.clone()} /> }) }
            </ol>
            if n > COLLAPSED {
                <button class="link" onclick={toggle}>
                    { if *show_all { "Show fewer tasks".to_string() } else { format!("Show all {n} tasks") } }
                </button>
            }
            <button data-testid="add-task" onclick={add_task}>{ "+ Add task" }</button>
            <button class="link" data-testid="edit-as-code" onclick={as_code} title="Write these tasks as async Rust, and edit that">{ "Edit as code" }</button>
        </section>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct TaskEditorProps {
    task: Rc<EditTask>,
    dispatch: Callback<Action>,
    on_commit: Callback<(FieldKey, String)>,
    live: Rc<HashSet<FieldKey>>,
}

#[function_component(TaskEditor)]
fn task_editor(p: &TaskEditorProps) -> Html {
    let t = &p.task;
    let uid = t.uid;
    let rename = {
        let d = p.dispatch.clone();
        Callback::from(move |e: InputEvent| d.emit(Action::Rename(uid, e.target_unchecked_into::<HtmlInputElement>().value())))
    };
    let remove = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::RemoveTask(uid)))
    };
    let add_step = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            let sel = e.target_unchecked_into::<HtmlSelectElement>();
            if let Some(k) = StepKind::from_keyword(&sel.value()) {
                d.emit(Action::AddStep(uid, k));
            }
            sel.set_value("");
        })
    };
    let name_id = format!("task-{uid}-name");
    html! {
        <li class="task" data-testid="task">
            <div class="task-head">
                <label class="sr-only" for={name_id.clone()}>{ "Task name" }</label>
                <input id={name_id} class="task-name" data-testid="task-name" value={t.name.clone()} oninput={rename}
                    aria-invalid={t.name_error.is_some().to_string()} maxlength="96" spellcheck="false" />
            </div>
            if let Some(err) = &t.name_error {
                <p class="field-error" role="alert">{ err }</p>
            }
            <ol class="steps">
                { for t.steps.iter().enumerate().map(|(i, s)| html! { <StepEditor key={s.uid} task={uid} index={i} step={s.clone()}
                    dispatch={p.dispatch.clone()} on_commit={p.on_commit.clone()} live={p.live.clone()} /> }) }
            </ol>
            <div class="task-foot">
                <label class="add-step">
                    <span class="sr-only">{ "Add a step" }</span>
                    <select onchange={add_step} data-testid="add-step">
                        <option value="" selected=true>{ "+ add step…" }</option>
                        { for StepKind::ALL.iter().map(|k| html! { <option value={k.keyword()}>{ k.label() }</option> }) }
                    </select>
                </label>
                // Last in the task, so that Tab from the name goes to its steps, not to a removal.
                <button class="remove-task" onclick={remove} aria-label={format!("Remove task {}", t.name)} title="Remove task">{ "✕ remove task" }</button>
            </div>
        </li>
    }
}

#[derive(Clone, PartialEq, Properties)]
struct StepEditorProps {
    task: u64,
    index: usize,
    step: EditStep,
    dispatch: Callback<Action>,
    on_commit: Callback<(FieldKey, String)>,
    live: Rc<HashSet<FieldKey>>,
}

#[function_component(StepEditor)]
fn step_editor(p: &StepEditorProps) -> Html {
    let (task, s) = (p.task, &p.step);
    let step = s.uid;
    let set_kind = {
        let d = p.dispatch.clone();
        Callback::from(move |e: Event| {
            if let Some(k) = StepKind::from_keyword(&e.target_unchecked_into::<HtmlSelectElement>().value()) {
                d.emit(Action::SetKind(task, step, k));
            }
        })
    };
    let remove = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::RemoveStep(task, step)))
    };
    let add_branch = {
        let d = p.dispatch.clone();
        Callback::from(move |_| d.emit(Action::AddBranch(task, step)))
    };
    let branches = s.fields.len();
    let fields = s.fields.iter().enumerate().map(|(b, f)| {
        let field = f.uid;
        let key = (task, step, field);
        let d = p.dispatch.clone();
        let oninput = Callback::from(move |e: InputEvent| {
            d.emit(Action::SetField(task, step, field, e.target_unchecked_into::<HtmlInputElement>().value()))
        });
        let c = p.on_commit.clone();
        let onchange = Callback::from(move |e: Event| c.emit((key, e.target_unchecked_into::<HtmlInputElement>().value())));
        let d = p.dispatch.clone();
        let remove_branch = Callback::from(move |_| d.emit(Action::RemoveBranch(task, step, field)));
        let id = format!("f-{field}");
        let err_id = format!("f-{field}-err");
        let live = p.live.contains(&key);
        html! {
            <span class="field" key={field}>
                <label class="sr-only" for={id.clone()}>{
                    if branches > 1 {
                        format!("Duration of timer {} of {branches} in step {}, in milliseconds", b + 1, p.index + 1)
                    } else {
                        format!("Duration of step {} in milliseconds", p.index + 1)
                    }
                }</label>
                <input id={id} type="text" inputmode="numeric" class="duration" data-testid="duration" value={f.text.clone()}
                    oninput={oninput} onchange={onchange} aria-invalid={f.error.is_some().to_string()}
                    aria-describedby={f.error.as_ref().map(|_| err_id.clone())} autocomplete="off" spellcheck="false" />
                <span class="unit">{ "ms" }</span>
                if live {
                    // A dot, not a word: it must not push the row's buttons onto another line.
                    <span class="live-badge" title="This timer is pending now: changing it reschedules it">
                        <span aria-hidden="true">{ "●" }</span><span class="sr-only">{ "pending" }</span>
                    </span>
                }
                if s.kind.has_branches() && s.fields.len() > 1 {
                    <button class="icon small" onclick={remove_branch} aria-label={format!("Remove timer {} of step {}", b + 1, p.index + 1)}>{ "−" }</button>
                }
                if let Some(err) = &f.error {
                    <span id={err_id} class="field-error" role="alert" data-testid="duration-error">{ err }</span>
                }
            </span>
        }
    });
    html! {
        <li class="step" data-testid="step-row">
            <label class="sr-only" for={format!("k-{step}")}>{ format!("Kind of step {}", p.index + 1) }</label>
            <select id={format!("k-{step}")} class="kind" onchange={set_kind}>
                { for StepKind::ALL.iter().map(|k| html! { <option value={k.keyword()} selected={*k == s.kind}>{ k.keyword() }</option> }) }
            </select>
            <span class="fields">{ for fields }</span>
            if s.kind.has_branches() {
                <button class="icon small" onclick={add_branch} aria-label="Add a timer" title="Add a timer">{ "+" }</button>
            }
            <button class="icon" onclick={remove} aria-label={format!("Remove step {}", p.index + 1)} title="Remove step">{ "✕" }</button>
        </li>
    }
}
