//! The Yew UI: a view of the executor's trace, and the controls that drive it.
//!
//! # Ground rules
//!
//! - `state.rs` (the editor reducer) is pure enough to test natively; the run it starts is a
//!   [`crate::play::session::Session`], which the app holds in one place (its context) and
//!   `session_tests.rs` drives as the editor does.
//! - Components read a [`crate::play::session::Snapshot`] or draw from the session's [`crate::core::TraceView`];
//!   they never keep their own copy of what happened.
//! - Effects own what they start: every interval, animation frame and listener is dropped by the
//!   effect's cleanup.

pub mod code;
pub mod components;
pub mod draw;
pub mod hooks;
#[cfg(test)]
mod session_tests;
pub mod state;

mod app;
pub use app::{App, AppProps};

/// Renders the playground into the page's body, as the URL asks.
pub fn start() {
    // The language is a second wasm module (`web::lazy`): an embed of a step-form scenario shows
    // and runs without it, and asks for it when first touched; every other page starts once it
    // is there (see `web::embed::starts_before_the_language`).
    if crate::web::lazy::is_ready() {
        render();
    } else if crate::web::embed::starts_before_the_language() {
        crate::web::lazy::preload_on_first_touch();
        render();
    } else {
        wasm_bindgen_futures::spawn_local(async move {
            match crate::web::lazy::ready().await {
                Ok(()) => render(),
                // Rendering anyway would reach the module's functions, and a synchronous request
                // for what just failed.
                Err(e) => crate::web::show_overlay(
                    "The playground could not load all of itself",
                    "Reloading the page tries again. The details:",
                    &e,
                ),
            }
        });
    }
}

fn render() {
    let startup = crate::web::embed::read_startup();
    let props = AppProps { initial: startup.scenario, messages: startup.errors, options: startup.options };
    yew::Renderer::<App>::with_props(props).render();
}
