//! The ids and task states every part of the engine names: a leaf, it imports nothing from the engine.

use std::fmt;

/// Identifies a task for the life of its executor. Numbers count up from 1 in spawn order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TaskId(pub u64);

impl fmt::Display for TaskId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "task {}", self.0)
    }
}

/// Identifies a timer for the life of its executor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimerId(pub u64);

impl fmt::Display for TimerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "timer {}", self.0)
    }
}

/// Where a task is in its life.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TaskState {
    /// Returned Pending and is not queued: only a wake brings it back.
    Idle,
    /// On the ready queue, waiting for its poll.
    Scheduled,
    /// Being polled right now.
    Running,
    /// Returned Ready (or was aborted); its future is gone.
    Done,
}

impl TaskState {
    /// A short label.
    pub fn label(self) -> &'static str {
        match self {
            TaskState::Idle => "idle",
            TaskState::Scheduled => "scheduled",
            TaskState::Running => "running",
            TaskState::Done => "done",
        }
    }
}
