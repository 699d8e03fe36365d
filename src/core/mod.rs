//! The platform-independent engine: executor, wakers, timers, the trace and its folds.
//!
//! # Ground rules
//!
//! - Nothing here touches the browser. Time, timeouts and task queues come through the
//!   [`Platform`] trait, so every line runs under plain `cargo test` on [`SimPlatform`].
//! - Nothing here knows about the playground: scenarios, presets, share links and input live in
//!   [`crate::play`], which builds on this module and never the other way round.
//! - Nothing here panics on input from a person, a URL or a badly behaved future.
//! - The only `unsafe` code is in `waker.rs`, under its own rules.

mod executor;
mod fixed;
mod ids;
mod metrics;
mod platform;
mod sim;
mod timeline;
mod timer;
mod trace;
mod waker;

pub use executor::{Config, Drained, ExecStats, Executor, RunMode, SpawnError, Spawner, MAX_SLOW_MOTION_MS};
pub use fixed::Fixed;
pub use ids::{TaskId, TimerId};
pub use metrics::{TaskMetrics, TaskState, WakeCounts, Warning};
pub use platform::{hop_delay_ms, Hop, HostTimeout, Platform, RemoteNotify, MAX_HOST_DELAY_MS};
pub use sim::{SimPlatform, SimStats, FRAME_MS};
pub use timeline::{Lane, PollMark, TimerBar, TimerEnd, TraceView, WakeMark};
pub use timer::{duration_ms, EditError, Rescheduled, TimerBackend, TimerFuture, TimerHandle, TimerStats, Timers};
pub use trace::{Event, EventKind, Outcome, Trace, WakeSource};
pub use waker::WakerStats;
