use yew::prelude::*;

use crate::ui::state::{Level, Notice};

/// Props of [`Notices`].
#[derive(Clone, PartialEq, Properties)]
pub struct NoticesProps {
    /// Messages to show.
    pub notices: Vec<Notice>,
    /// Dismiss one.
    pub on_dismiss: Callback<u64>,
    /// Undo what a notice reports (a removed task).
    #[prop_or_default]
    pub on_undo: Callback<()>,
}

/// Messages about what just happened or was refused. Text only, never HTML.
#[function_component(Notices)]
pub fn notices(p: &NoticesProps) -> Html {
    // The Remove button that was pressed is gone: the keyboard's focus goes to Undo.
    let undo_ref = use_node_ref();
    {
        let undo_ref = undo_ref.clone();
        let offer = p.notices.iter().find(|n| n.undo).map(|n| n.uid);
        use_effect_with(offer, move |offer| {
            if offer.is_some() {
                if let Some(b) = undo_ref.cast::<web_sys::HtmlElement>() {
                    let _ = b.focus();
                }
            }
        });
    }
    if p.notices.is_empty() {
        return html! {};
    }
    html! {
        <ul class="notices" aria-live="polite" data-testid="notices">
            { for p.notices.iter().map(|n| {
                let uid = n.uid;
                let cb = p.on_dismiss.clone();
                let class = match n.level { Level::Info => "notice info", Level::Error => "notice error" };
                html! {
                    <li key={uid} class={class} role={if n.level == Level::Error { "alert" } else { "status" }}>
                        <span>{ &n.text }</span>
                        if n.undo {
                            <button class="undo" data-testid="undo" ref={undo_ref.clone()} onclick={p.on_undo.reform(|_| ())}>{ "Undo" }</button>
                        }
                        <button class="dismiss" aria-label="Dismiss message" onclick={Callback::from(move |_| cb.emit(uid))}>{ "✕" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}
