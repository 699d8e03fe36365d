//! Browser glue: the [`BrowserPlatform`] (clock, `setTimeout`, task queues).
//!
//! # Ground rules
//!
//! - Only this module (and `ui/`) talks to the browser. It implements the seams that
//!   [`crate::core`] defines and adds nothing to the engine's logic.
//! - Everything here compiles on the host too, so `cargo test` covers the pure parts; calling
//!   into JavaScript only works on `wasm32`.

pub mod embed;
mod fetch;
pub mod lazy;
mod panic;
mod platform;

pub use fetch::{fetch_text, read_file_text};
pub use panic::{show_overlay, show_panic};
pub use platform::BrowserPlatform;

/// Calls `f` once, in a task of its own after the browser has painted its next frame (a zero
/// timeout from that frame's callback): work that would otherwise hold that frame back. A frame
/// never comes to a hidden page (or to an offscreen frame, where Chromium stops them), so `f`
/// runs after `at_most_ms` anyway.
pub fn after_next_paint(f: impl FnOnce() + 'static, at_most_ms: i32) {
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    type Once = Rc<Cell<Option<Box<dyn FnOnce()>>>>;
    fn run(pending: &Once) {
        if let Some(f) = pending.take() {
            f();
        }
    }
    // Each closure frees itself when called (`once_into_js`); the frame's is left if no frame
    // ever comes, the one thing that is.
    fn timeout(pending: &Once, ms: i32) -> bool {
        let p = pending.clone();
        let cb = Closure::once_into_js(move || run(&p));
        web_sys::window().is_some_and(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(cb.unchecked_ref(), ms).is_ok())
    }
    let pending: Once = Rc::new(Cell::new(Some(Box::new(f))));
    if !timeout(&pending, at_most_ms) {
        return run(&pending);
    }
    let p = pending.clone();
    let frame = Closure::once_into_js(move || {
        timeout(&p, 0);
    });
    if let Some(w) = web_sys::window() {
        let _ = w.request_animation_frame(frame.unchecked_ref());
    }
}
