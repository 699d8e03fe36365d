use yew::prelude::*;

use crate::ui::state::{Level, Notice};

/// Props of [`Notices`].
#[derive(Clone, PartialEq, Properties)]
pub struct NoticesProps {
    /// Messages to show.
    pub notices: Vec<Notice>,
    /// Dismiss one.
    pub on_dismiss: Callback<u64>,
}

/// Messages about what just happened or was refused. Text only, never HTML.
#[function_component(Notices)]
pub fn notices(p: &NoticesProps) -> Html {
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
                        <button class="dismiss" aria-label="Dismiss message" onclick={Callback::from(move |_| cb.emit(uid))}>{ "✕" }</button>
                    </li>
                }
            }) }
        </ul>
    }
}
