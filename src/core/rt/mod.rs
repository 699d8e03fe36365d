//! The runtime: task ids and events (a leaf), wakers, the executor and the host it runs on.
//!
//! The arrows inside point one way: `ids` ← `event` ← `hooks` ← `executor`, and `waker` and
//! `platform` below the executor. Nothing here names a timer or the trace: timers find their
//! executor through [`executor::ExecHandle`] (as tokio's `Sleep` finds its time handle through
//! context), and the trace listens through a [`Hooks`](hooks::Hooks) implementation chosen at
//! compile time.

pub(crate) mod event;
pub(crate) mod executor;
pub(crate) mod hooks;
pub(crate) mod ids;
pub(crate) mod platform;
pub(crate) mod sim;
// The crate's only unsafe code: a task in one allocation (header, record, future) and the
// `RawWakerVTable` over it, under its own SAFETY rules.
#[allow(unsafe_code)]
pub(crate) mod waker;
