//! What every handler of the app works on: the editor, the run, and the panels' snapshot.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::{Event, RunMode, TaskId};
use crate::play::session::{Session, Snapshot, Status};
use crate::ui::components::SessionHandle;
use crate::ui::state::{Action, EditState, Level};
use crate::web::embed::ParentBridge;
use crate::web::BrowserPlatform;

/// What has been reported to the parent page so far in this run (see `embedding::report`).
#[derive(Default)]
pub(super) struct Reported {
    /// Tasks whose completion was reported: each is reported exactly once.
    pub done: HashSet<TaskId>,
    /// The status reported last.
    pub status: Option<Status>,
}

/// The app's state handles, cloned into each callback.
#[derive(Clone)]
pub(super) struct Ctx {
    /// The editor.
    pub edit: UseReducerHandle<EditState>,
    /// The run, if any.
    pub session: SessionHandle,
    /// Bumped when a run starts or is reset (the timeline forgets its drawing).
    pub generation: UseStateHandle<u64>,
    /// What the panels show.
    pub snap: UseStateHandle<Option<Rc<Snapshot>>>,
    /// The event picked in the log, if any.
    pub picked: UseStateHandle<Option<Event>>,
    /// What was reported to a parent page in this run.
    pub reported: Rc<RefCell<Reported>>,
    /// The parent page's channel, once the app listens for one.
    pub bridge: Rc<RefCell<Option<ParentBridge>>>,
    /// Pumps the run and takes a new snapshot if anything changed.
    pub refresh: Callback<()>,
    /// Events a run keeps for replay.
    pub history: usize,
    /// Whether this page is an embed (it never scrolls itself to show the run).
    pub embed: bool,
}

impl Ctx {
    /// Shows a message.
    pub fn notify(&self, level: Level, text: String) {
        self.edit.dispatch(Action::Notify(level, text));
    }

    /// Shows a message that replaces the previous one on `topic`.
    pub fn notify_about(&self, topic: &'static str, level: Level, text: String) {
        self.edit.dispatch(Action::NotifyAbout(topic, level, text));
    }

    /// Replaces the run. The old one is dropped outside the borrow: dropping an executor drops
    /// its futures, which cancels their timers.
    pub fn replace(&self, next: Option<Session>) {
        let old = self.session.0.try_borrow_mut().ok().map(|mut g| std::mem::replace(&mut *g, next));
        drop(old);
        *self.reported.borrow_mut() = Reported::default();
        self.generation.set(*self.generation + 1);
        self.picked.set(None);
    }

    /// Throws the run away, and what the panels showed of it.
    pub fn clear(&self) {
        self.replace(None);
        self.snap.set(None);
    }

    /// Starts the editor's scenario; says whether it could.
    pub fn start(&self, paused: bool) -> bool {
        // Manual mode never drains by itself: starting it paused would only add a Resume.
        let paused = paused && self.edit.mode != RunMode::Manual;
        match self.edit.start_session(BrowserPlatform::shared(), paused, self.history) {
            Ok(s) => {
                let cut_off = s.cut_off();
                let full = s.trace_full().then(|| s.elapsed());
                self.replace(Some(s));
                self.edit.dispatch(Action::ClearNotices);
                self.edit.dispatch(Action::Started);
                if let (Some(at), Some(due)) = (full, cut_off) {
                    self.notify_about(
                        "run",
                        Level::Error,
                        format!(
                            "This run recorded as many events as the page keeps by {}, so it stopped there, with the timer due at {} \
                             still pending: it runs forever (a forgotten `Interval`?). Make it end, or use the real clock.",
                            crate::core::fmt_ms(at),
                            crate::core::fmt_ms(due)
                        ),
                    );
                } else if let Some(due) = cut_off {
                    self.notify_about(
                        "run",
                        Level::Error,
                        format!(
                            "The virtual clock runs a day at most: this run stopped there, and the timer due at {} never fires. \
                             Shorten it, or use the real clock.",
                            crate::core::fmt_ms(due)
                        ),
                    );
                }
                true
            }
            Err(e) => {
                // A newer reason replaces the older one: the text it was about has changed.
                self.notify_about("run", Level::Error, format!("Cannot run: {e}"));
                false
            }
        }
    }

    /// Whether a parent page has spoken to the app (and hears its reports).
    pub fn has_parent(&self) -> bool {
        self.bridge.borrow().as_ref().is_some_and(ParentBridge::is_connected)
    }

    /// Runs `f` on the session, mutably, after pumping its new events.
    pub fn with_pumped<R>(&self, f: impl FnOnce(&mut Session) -> R) -> Option<R> {
        let mut guard = self.session.0.try_borrow_mut().ok()?;
        let s = guard.as_mut()?;
        s.pump();
        Some(f(s))
    }
}
