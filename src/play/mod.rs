//! The playground's model: scenarios, the futures programs are made of, how they run, presets, share links,
//! embed options, and the input people type.
//!
//! # Ground rules
//!
//! - Built on [`crate::core`], the engine; the engine never reaches back here.
//! - Nothing here touches the browser (no `web_sys`, no `js_sys`): every line runs under plain
//!   `cargo test`, and the mdBook preprocessor builds it without the browser stack.
//! - Everything here takes untrusted input (a URL, a message, a fence, a field) and answers with
//!   a value or an error that names the problem. Nothing panics.

mod embed;
pub mod futures;
mod input;
pub mod lang;
mod preset_texts;
mod presets;
mod run;
mod scenario;
pub mod session;
mod share;

pub use embed::{
    embed_query, escape_html, iframe_snippet, is_local_address, mdbook_snippet, parse_page_options, program_height, PageOptions, Theme,
    ADDRESS_PLACEHOLDER, EMBED_CODE_HEIGHT, EMBED_DEFAULT_HEIGHT, EMBED_HEIGHTS, MAX_CAPTION, MAX_QUERY_LEN, MAX_TITLE,
};
pub use futures::{Join, LostWaker, Select, YieldNow};
pub use input::{describe_ms, parse_duration_ms, DurationError, MAX_INPUT_LEN};
pub use presets::{preset, Preset, PRESETS};
pub use run::ScenarioRun;
pub use scenario::{
    valid_name, Clock, Scenario, ScenarioError, Step, StepRef, TaskSpec, MAX_BRANCHES, MAX_NAME, MAX_SPIN_MS, MAX_STEPS, MAX_TASKS,
    MAX_TOTAL_SPIN_MS, MAX_TOTAL_STEPS,
};
pub use share::{
    encode_share, parse_command, parse_share, parse_share_keeping_program, ParentCommand, ShareError, MAX_SHARE_LEN, MESSAGE_TYPE,
};
