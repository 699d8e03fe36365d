//! The platform-independent engine: executor, wakers, timers, trace, metrics and scenarios.
//!
//! # Ground rules
//!
//! - Nothing here touches the browser. Time, timeouts and task queues come through the
//!   [`Platform`] trait, so every line runs under plain `cargo test` on [`SimPlatform`].
//! - Nothing here panics on input from a person, a URL or a badly behaved future.
//! - The only `unsafe` code is in `waker.rs`, under its own rules.

mod embed;
mod executor;
mod input;
mod metrics;
mod platform;
mod presets;
mod scenario;
mod share;
mod sim;
mod timeline;
mod timer;
mod trace;
mod waker;

pub use embed::{
    embed_query, escape_html, iframe_snippet, mdbook_snippet, parse_page_options, PageOptions, Theme, EMBED_HEIGHTS, MAX_CAPTION,
    MAX_QUERY_LEN, MAX_TITLE,
};
pub use executor::{Config, Drained, ExecStats, Executor, RunMode, SpawnError, Spawner, TaskId, MAX_SLOW_MOTION_MS};
pub use input::{describe_ms, parse_duration_ms, DurationError, Fixed, MAX_INPUT_LEN};
pub use metrics::{TaskMetrics, TaskState, WakeCounts, Warning};
pub use platform::{hop_delay_ms, Hop, HostTimeout, Platform, RemoteNotify, MAX_HOST_DELAY_MS};
pub use presets::{preset, Preset, PRESETS};
pub use scenario::{
    spawn_scenario, valid_name, Join, LiveEdit, LiveTimers, LostWaker, Scenario, ScenarioError, Select, Step, StepRef, TaskSpec, YieldNow,
    MAX_BRANCHES, MAX_NAME, MAX_SPIN_MS, MAX_STEPS, MAX_TASKS, MAX_TOTAL_SPIN_MS, MAX_TOTAL_STEPS,
};
pub use share::{encode_share, parse_command, parse_share, ParentCommand, ShareError, MAX_SHARE_LEN, MESSAGE_TYPE};
pub use sim::{SimPlatform, SimStats, FRAME_MS};
pub use timeline::{Lane, PollMark, TimerBar, TimerEnd, TraceView, WakeMark};
pub use timer::{duration_ms, EditError, Rescheduled, TimerBackend, TimerFuture, TimerHandle, TimerStats, Timers};
pub use trace::{Event, EventKind, Outcome, TimerId, Trace, WakeSource};
pub use waker::WakerStats;
