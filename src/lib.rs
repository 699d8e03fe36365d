//! Waker Playground: watch Rust futures, wakers and a single-threaded executor at work.
//!
//! The async book's `TimerFuture`, ported to the browser (`setTimeout` instead of a thread), run by
//! an instrumented executor whose every spawn, poll, wake, waker clone and drop, and timer event
//! is recorded, and shown live by a Yew UI.
//!
//! - [`core`]: the platform-independent engine, tested natively on a virtual clock.
//! - `web`: browser glue: the `setTimeout` platform, `performance.now()`, the URL.
//! - `ui`: the Yew components.
//!
//! `web` and `ui` need the default `app` feature; without it (`default-features = false`) the
//! crate is the engine and the playground's model only, with no browser dependency: that is how
//! the mdBook preprocessor validates scenarios.

#![warn(missing_docs)]
// No unsafe code, except in the one module that opts out (the waker vtable, core/rt/waker.rs,
// which Miri checks); tests/layout.rs holds the crate to that.
#![deny(unsafe_code)]

pub mod core;
pub mod play;
#[cfg(feature = "app")]
pub mod ui;
#[cfg(feature = "app")]
pub mod web;
