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
