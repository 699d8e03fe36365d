//! The components. Each has `XxxProps` and reports user intent through `on*` callbacks.

mod code_editor;
mod code_panel;
mod controls;
mod editor;
mod event_log;
mod executor_panel;
mod metrics;
mod notices;
mod playhead;
mod program_panel;
mod share;
mod timeline;

pub use code_editor::{CodeEditor, CodeEditorProps};
pub use code_panel::{CodePanel, CodePanelProps};
pub use controls::{ControlHandlers, Controls, ControlsProps};
pub use editor::{Editor, EditorProps, FieldKey};
pub use event_log::{describe_event, EventLog, EventLogProps};
pub use executor_panel::{ExecutorPanel, ExecutorPanelProps};
pub use metrics::{MetricsTable, MetricsTableProps};
pub use notices::{Notices, NoticesProps};
pub use playhead::{Playhead, PlayheadProps, Seek};
pub use program_panel::{ProgramPanel, ProgramPanelProps};
pub use share::{ShareBar, ShareBarProps};
pub use timeline::{Timeline, TimelineProps};

use std::cell::RefCell;
use std::rc::Rc;

use crate::play::session::Session;

/// The current run, shared by the app and the timeline. Compared by identity.
#[derive(Clone, Default)]
pub struct SessionHandle(pub Rc<RefCell<Option<Session>>>);

impl SessionHandle {
    /// Runs `f` on the current run, if there is one (and it is not borrowed right now).
    pub fn with<R>(&self, f: impl FnOnce(&Session) -> R) -> Option<R> {
        self.0.try_borrow().ok().and_then(|g| g.as_ref().map(f))
    }

    /// Runs `f` on the current run, mutably, if there is one (and it is not borrowed).
    pub fn with_mut<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        self.0.try_borrow_mut().ok().and_then(|mut g| g.as_mut().map(f))
    }
}

impl PartialEq for SessionHandle {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}
