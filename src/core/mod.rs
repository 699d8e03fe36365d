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

pub(crate) mod fixed;
pub(crate) mod rt;
pub(crate) mod sort;
pub(crate) mod time;
pub(crate) mod trace;

pub use fixed::{fmt_ms, Fixed};
pub use rt::event::{Event, EventKind, NoteKind, Outcome, SourceKind, WakeSource};
pub use rt::executor::{
    Config, Drained, ExecStats, Executor, Guest, RunMode, SpawnError, Spawner, TaskView, DEFAULT_TRACE_CAP, MAX_SLOW_MOTION_MS,
};
pub use rt::hooks::{Hooks, NoHooks, WakeEffect};
pub use rt::ids::{TaskId, TaskState, TimerId};
pub use rt::platform::{hop_delay_ms, Hop, HostTimeout, Platform, Queued, RemoteNotify, MAX_HOST_DELAY_MS};
pub use rt::sim::{SimPlatform, SimStats, FRAME_MS};
pub use rt::waker::WakerStats;
pub use sort::{sort, sort_by, sort_by_key};
pub use time::timer::{duration_ms, EditError, Rescheduled, TimerBackend, TimerFuture, TimerHandle, TimerStats, Timers};
pub use trace::export::{
    export_trace, export_trace_with, import_trace, import_trace_with, perfetto_trace, perfetto_trace_from, ImportError, MAX_IMPORT_BYTES,
    MAX_IMPORT_EVENTS, MAX_IMPORT_TABLE, MAX_IMPORT_TASKS, MAX_SCENARIO_LEN,
};
pub use trace::json::{Json, JsonError};
pub use trace::log::Trace;
pub use trace::metrics::{TaskMetrics, WakeCounts, Warning};
pub use trace::recorder::{to_ns, Recorder};
pub use trace::replay::{Histogram, PendingTimer, Replay, RunState, TaskFold};
pub use trace::timeline::{Lane, PollMark, TimerBar, TimerEnd, TraceView, WakeMark};
