//! The trace and the folds over it: the event log, per-task metrics, the timeline, and the
//! recording hooks that fill them. Built on the runtime; the runtime never names anything here.

pub(crate) mod export;
pub(crate) mod json;
pub(crate) mod log;
pub(crate) mod metrics;
pub(crate) mod recorder;
pub(crate) mod replay;
pub(crate) mod timeline;
