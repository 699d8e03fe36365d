//! A panel out of view lets a live run's refreshes go by.
//!
//! A run refreshes the panels several times a second. A panel the reader cannot see (below the
//! timeline, say: the Tasks table and the event log usually are) would rebuild its rows each time
//! for nobody: with a thousand tasks that was most of the page's work in a frame, and most of
//! the Run click's first render. Out of view, and while a run is live, such a panel shows a
//! snapshot at most [`DEFER_MS`] old; it catches up as it comes into view (a tenth of a screen
//! before it shows), and whenever the run stops, pauses or is rewound. Tests and tools that read
//! it without scrolling see it at most that late, and never late at the end of a run.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::play::session::{Snapshot, Status};

/// How stale an out-of-view panel may get during a live run.
pub const DEFER_MS: f64 = 500.0;

/// A snapshot that compares by identity: a panel given the same one again is not rendered again.
#[derive(Clone)]
pub struct Shown(pub Option<Rc<Snapshot>>);

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        match (&self.0, &other.0) {
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            (None, None) => true,
            _ => false,
        }
    }
}

/// What the panel at `section` shows of `snap`: `snap` itself when the panel is in view (or
/// nothing is running), else the last one it showed, renewed every [`DEFER_MS`].
#[hook]
pub fn use_deferred(section: &NodeRef, snap: &Option<Rc<Snapshot>>) -> Shown {
    // In view until an observer says otherwise (and where there is no observer).
    let near = use_mut_ref(|| true);
    let force = use_force_update();
    {
        let (section, near, force) = (section.clone(), near.clone(), force.clone());
        use_effect_with((), move |_| {
            let watch = Watch::new(&section, near, force);
            move || drop(watch)
        });
    }
    // The snapshot shown, when it was taken, and whether the run was live then.
    let state = use_mut_ref(|| (snap.clone(), 0.0f64, false));
    let later = use_mut_ref(|| None::<gloo_timers::callback::Timeout>);
    let mut st = state.borrow_mut();
    let live = snap.as_ref().is_some_and(|s| s.status == Status::Running);
    let now = js_sys::Date::now();
    if live && !st.2 {
        // A run just started: the Run click's own task (spawning the tasks, the timeline's
        // first frame) does not build this panel too. In view, it is built in a task of its own
        // right after; out of view, at its first renewal.
        *st = (st.0.clone(), now, true);
        if *near.borrow() {
            let force = force.clone();
            *later.borrow_mut() = Some(gloo_timers::callback::Timeout::new(0, move || force.force_update()));
        }
    } else if !live || *near.borrow() || now - st.1 >= DEFER_MS {
        *st = (snap.clone(), now, live);
    }
    Shown(st.0.clone())
}

/// An IntersectionObserver on the panel, with a margin of a tenth of the screen above and below.
struct Watch {
    observer: web_sys::IntersectionObserver,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Watch {
    fn new(section: &NodeRef, near: Rc<RefCell<bool>>, force: UseForceUpdateHandle) -> Option<Watch> {
        use wasm_bindgen::JsCast;
        let el = section.cast::<web_sys::Element>()?;
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(move |entries: js_sys::Array| {
            let Some(entry) = entries.iter().filter_map(|e| e.dyn_into::<web_sys::IntersectionObserverEntry>().ok()).next_back() else {
                return;
            };
            let was = near.replace(entry.is_intersecting());
            if entry.is_intersecting() && !was {
                // Coming into view: catch up now.
                force.force_update();
            }
        });
        let options = web_sys::IntersectionObserverInit::new();
        options.set_root_margin("10% 0px");
        let observer = web_sys::IntersectionObserver::new_with_options(callback.as_ref().unchecked_ref(), &options).ok()?;
        observer.observe(&el);
        Some(Watch { observer, _callback: callback })
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        self.observer.disconnect();
    }
}
