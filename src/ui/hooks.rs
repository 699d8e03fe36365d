//! Custom hooks. Each owns what it starts and stops it in its cleanup.

mod use_deferred;
mod use_frame;
mod use_interval;
mod use_source;

pub use use_deferred::{use_deferred, Shown, DEFER_MS};
pub use use_frame::use_animation_frame;
pub use use_interval::use_interval;
pub use use_source::{use_source, SourceText};
