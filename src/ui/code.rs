//! The real source of the engine, for the code panel, and which lines each event lights.
//!
//! # Ground rules
//!
//! - The text is the real source file: Trunk copies engine files (`src/core/**/*.rs`) into the build's `code/`
//!   folder (see index.html), and the panel fetches it when it first shows it, so it is the code
//!   that runs, never a copy that drifts, and it costs the wasm nothing. The native tests read
//!   the same files with `include_str!`.
//! - Lines are found by `// @code <name>` markers in that source: the lit line is the first code
//!   line after the marker. A test checks that every marker named here exists.

use crate::core::{Event, EventKind, Outcome, SourceKind, WakeSource};

/// One source file shown in the code panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// A short id.
    pub id: &'static str,
    /// The tab title.
    pub title: &'static str,
    /// The path in the repository.
    pub path: &'static str,
    /// Where the build serves it, relative to the page.
    pub url: &'static str,
}

/// The files the code panel can show.
pub const SOURCES: [Source; 3] = [
    Source { id: "timer", title: "TimerFuture", path: "src/core/time/timer.rs", url: "code/timer.rs" },
    Source { id: "executor", title: "Executor", path: "src/core/rt/executor.rs", url: "code/executor.rs" },
    Source { id: "futures", title: "Futures", path: "src/play/futures.rs", url: "code/futures.rs" },
];

/// A marker to light: (source id, marker name).
pub type Anchor = (&'static str, &'static str);

/// What an event corresponds to in the source, with a one-line explanation.
pub fn anchors(kind: &EventKind) -> (&'static [Anchor], &'static str) {
    match kind {
        EventKind::Spawned => (&[("executor", "spawn")], "spawn puts the new task on the ready queue"),
        EventKind::PollStarted => {
            (&[("executor", "pop"), ("executor", "poll-task")], "the executor pops a task and calls its future's poll")
        }
        EventKind::WakerCloned => (&[("timer", "store")], "poll stores a clone of the waker, replacing the old one"),
        EventKind::Polled { outcome: Outcome::Pending, .. } => {
            (&[("timer", "check"), ("timer", "pending")], "not completed yet: poll returns Pending and the task goes idle")
        }
        EventKind::Polled { outcome: Outcome::Ready, .. } => {
            (&[("timer", "check"), ("timer", "ready")], "completed is set: poll returns Ready")
        }
        EventKind::Completed => (&[("executor", "drop-future")], "the task's future is dropped right after Ready"),
        EventKind::TimerArmed { .. } => (&[("timer", "set-timeout")], "TimerFuture::new arms a setTimeout for the deadline"),
        EventKind::TimerFired { .. } => (
            &[("timer", "fire"), ("timer", "set-completed"), ("timer", "take-waker")],
            "the setTimeout callback sets completed and takes the waker out",
        ),
        EventKind::Woken { by: WakeSource::Timer(_) } => {
            (&[("timer", "wake"), ("executor", "enqueue")], "the callback calls wake(): the task is queued, to be polled later")
        }
        EventKind::Woken { by: WakeSource::SelfWake } => {
            (&[("futures", "yield"), ("executor", "enqueue")], "the task woke itself (yield_now): back of the ready queue")
        }
        EventKind::Woken { .. } => (&[("executor", "enqueue")], "a wake only queues the task; the poll comes later"),
        EventKind::WakeCoalesced { .. } => (&[("executor", "coalesce")], "already queued: the extra wake is coalesced"),
        EventKind::TimerCancelled { .. } => {
            (&[("timer", "cancel")], "a pending TimerFuture was dropped: clearTimeout, and its waker let go")
        }
        EventKind::TimerRescheduled { .. } => {
            (&[("timer", "reschedule")], "a live edit: the old setTimeout is cleared and a new one armed; the waker stays")
        }
        _ => (&[], ""),
    }
}

/// A timer cancelled because its `sleep(…)` was dropped without ever being awaited (known from
/// the program's run, not from the trace, where it looks like a select's loser).
pub const UNAWAITED_DROP: (&[Anchor], &str) = (
    &[("timer", "cancel")],
    "a sleep that was never awaited was dropped (at the end of its scope, or by drop): TimerFuture's Drop clears its timeout",
);

/// An event of a task of the program's own executor: none of the engine's code did it.
pub const GUEST_EVENT: (&[Anchor], &str) = (
    &[],
    "a task of your own executor: your code polled it, woke it or moved it on your channel, so its lines are lit in Your program; the playground's executor only ran the thread that did it",
);

/// A self-wake, or the Pending after one, in a task that polled `wake_by_ref_then_pending()`
/// (known from the program's run: the trace records it as `yield_now`'s self-wake).
pub const SELF_WAKER: (&[Anchor], &str) = (
    &[("futures", "self-wake"), ("executor", "enqueue")],
    "wake_by_ref_then_pending woke its own task and returned Pending: queued again at once, it is polled again and again, never done",
);

/// What an event corresponds to, looking at the events of its poll: a poll that returned
/// Pending after storing a waker, after waking itself, or without doing either (the lost-waker
/// bug) runs different code. `events[idx]` is the event; earlier events give the context.
pub fn anchors_in(events: &[Event], idx: usize) -> (&'static [Anchor], &'static str) {
    let Some(e) = events.get(idx) else { return (&[], "") };
    // The events of the poll `e` is part of, before it: `None` if `e` is not inside a poll.
    let in_poll = || {
        let before = events.get(..idx)?;
        let start = before.iter().rposition(|p| p.task == e.task && matches!(p.kind, EventKind::PollStarted | EventKind::Polled { .. }))?;
        before.get(start).filter(|p| matches!(p.kind, EventKind::PollStarted)).map(|_| before.get(start..).unwrap_or(&[]))
    };
    // The learner's own code made this event: the engine's tabs have nothing to light but the
    // executor's side of it (the lines are lit in "Your program").
    let from_own_line = idx > 0 && matches!(events[idx - 1].kind, EventKind::Source { why: SourceKind::Wake | SourceKind::Clone, .. });
    let own_poll = || {
        in_poll().is_some_and(|p| p.iter().any(|x| x.task == e.task && matches!(x.kind, EventKind::Source { why: SourceKind::Ran, .. })))
    };
    match e.kind {
        EventKind::Woken { .. } | EventKind::WakeCoalesced { .. } if from_own_line => {
            return (
                &[("executor", "enqueue")],
                "your code called wake(): the task is queued, to be polled later (your line is lit in Your program)",
            );
        }
        EventKind::WakerCloned if from_own_line || own_poll() => {
            return (&[], "your own poll stored a clone of the waker: the line is lit in Your program");
        }
        EventKind::Polled { outcome, .. } if own_poll() => {
            return (
                &[],
                if outcome == Outcome::Ready {
                    "your own poll returned Ready: its lines are lit in Your program"
                } else {
                    "your own poll returned Pending: its lines are lit in Your program; whatever it stored (or did not) decides who can wake it"
                },
            );
        }
        // A timer dropped inside its own task's poll: a select's loser, dropped by the winner's
        // select (the only place a scenario drops a pending timer mid-poll).
        EventKind::TimerCancelled { .. } if in_poll().is_some() => {
            return (
                &[("futures", "select-drop"), ("timer", "cancel")],
                "a branch of the select is ready: the select drops the losers right there, and each TimerFuture's Drop clears its timeout",
            );
        }
        // A poll that had several timers store the waker: a join or a select polling its
        // pending branches, each with the task's own context.
        EventKind::Polled { .. }
            if in_poll().is_some_and(|p| p.iter().filter(|x| x.task == e.task && x.kind == EventKind::WakerCloned).count() >= 2) =>
        {
            return (
                &[("futures", "join-poll"), ("futures", "select-poll"), ("timer", "store")],
                "a join or a select polled each of its pending branches; each TimerFuture stored a clone of the same waker",
            );
        }
        EventKind::Polled { outcome: Outcome::Pending, .. } => {}
        _ => return anchors(&e.kind),
    }
    let mut stored = false;
    let mut self_woke = false;
    for prev in events[..idx].iter().rev().filter(|p| p.task == e.task) {
        match prev.kind {
            EventKind::PollStarted => break,
            EventKind::WakerCloned => stored = true,
            EventKind::Woken { by: WakeSource::SelfWake } | EventKind::WakeCoalesced { by: WakeSource::SelfWake } => self_woke = true,
            _ => {}
        }
    }
    if stored {
        (
            &[("timer", "check"), ("timer", "store"), ("timer", "pending")],
            "not completed yet: poll stored a clone of the waker and returned Pending",
        )
    } else if self_woke {
        (&[("futures", "yield")], "yield_now woke its own task, then returned Pending: the task is already back on the ready queue")
    } else {
        (&[("futures", "lost-waker")], "returned Pending without storing a waker: nothing can ever wake this task (the lost-waker bug)")
    }
}

/// The source with this id.
pub fn source(id: &str) -> Option<&'static Source> {
    SOURCES.iter().find(|s| s.id == id)
}

/// The 0-based line lit for marker `name` in `text`: the first non-comment line after it.
pub fn anchor_line(text: &str, name: &str) -> Option<usize> {
    let mut lines = text.lines().enumerate();
    let found = lines.by_ref().find(|(_, l)| l.trim().strip_prefix("// @code ").is_some_and(|n| n.trim() == name))?;
    let _ = found;
    lines.find(|(_, l)| !l.trim().starts_with("//")).map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{TimerId, WakeSource};

    /// The files the build copies, as the tests see them.
    fn text(id: &str) -> &'static str {
        match id {
            "timer" => include_str!("../core/time/timer.rs"),
            "executor" => include_str!("../core/rt/executor.rs"),
            "futures" => include_str!("../play/futures.rs"),
            other => panic!("no source {other}"),
        }
    }

    #[test]
    fn the_build_copies_every_source_to_its_url() {
        let index = include_str!("../../index.html");
        for s in SOURCES {
            let link = format!(r#"<link data-trunk rel="copy-file" href="{}" data-target-path="code" />"#, s.path);
            assert!(index.contains(&link), "index.html does not copy {}", s.path);
            assert_eq!(s.url, format!("code/{}", s.path.rsplit('/').next().unwrap_or_default()));
            assert!(!text(s.id).is_empty());
        }
    }

    #[test]
    fn every_anchor_exists_in_its_source() {
        let kinds = [
            EventKind::Spawned,
            EventKind::PollStarted,
            EventKind::WakerCloned,
            EventKind::Polled { outcome: Outcome::Pending, took_ms: 0.0 },
            EventKind::Polled { outcome: Outcome::Ready, took_ms: 0.0 },
            EventKind::Completed,
            EventKind::TimerArmed { timer: TimerId(1), deadline: 0.0 },
            EventKind::TimerFired { timer: TimerId(1), lateness_ms: 0.0, woke: true },
            EventKind::Woken { by: WakeSource::Timer(TimerId(1)) },
            EventKind::Woken { by: WakeSource::SelfWake },
            EventKind::Woken { by: WakeSource::Other(None) },
            EventKind::WakeCoalesced { by: WakeSource::SelfWake },
            EventKind::TimerCancelled { timer: TimerId(1) },
            EventKind::TimerRescheduled { timer: TimerId(1), old_deadline: 0.0, new_deadline: 1.0 },
        ];
        for (list, _) in [UNAWAITED_DROP, SELF_WAKER] {
            for (src, name) in list {
                assert!(anchor_line(text(src), name).is_some(), "marker {name} missing in {src}");
            }
        }
        for k in kinds {
            let (list, why) = anchors(&k);
            assert!(!list.is_empty() && !why.is_empty(), "{k:?}");
            for (src, name) in list {
                assert!(source(src).is_some(), "{src}");
                assert!(anchor_line(text(src), name).is_some(), "marker {name} missing in {src}");
            }
        }
    }

    #[test]
    fn a_pending_poll_lights_what_its_future_did() {
        use crate::core::{Config, Executor, SimPlatform, TimerFuture};
        use crate::play::{LostWaker, YieldNow};
        use std::rc::Rc;
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        let timer = exec.spawn("timer", async { TimerFuture::new(std::time::Duration::from_millis(5)).await });
        let yielder = exec.spawn("yield", YieldNow::default());
        let lost = exec.spawn("lost", LostWaker);
        sim.settle();
        let events = exec.events_since(0);
        let pending_of = |task| {
            let i =
                events.iter().position(|e| e.task == Some(task) && matches!(e.kind, EventKind::Polled { outcome: Outcome::Pending, .. }));
            anchors_in(&events, i.unwrap()).0
        };
        assert!(pending_of(timer).contains(&("timer", "store")));
        assert_eq!(pending_of(yielder), [("futures", "yield")]);
        assert_eq!(pending_of(lost), [("futures", "lost-waker")]);
    }

    #[test]
    fn a_hand_written_poll_and_its_wake_light_no_engine_timer_code() {
        use crate::core::{Config, Executor, SimPlatform};
        use std::rc::Rc;
        let src = include_str!("../play/programs/own_timer.rs");
        let sim = SimPlatform::new();
        let exec = Executor::new(Rc::new(sim.clone()), Config::default());
        crate::play::lang::start_on(&exec, Rc::new(crate::play::lang::parse(src).unwrap())).unwrap();
        sim.run_until_idle(10_000.0);
        let events = exec.events_since(0);
        let at = |f: &dyn Fn(&EventKind) -> bool| anchors_in(&events, events.iter().position(|e| f(&e.kind)).unwrap());
        // The learner's TimerFuture stored the waker and returned Pending: the engine's
        // TimerFuture did not run that poll, so its tab lights nothing.
        let (lit, why) = at(&|k| *k == EventKind::WakerCloned);
        assert!(lit.is_empty() && why.contains("your own poll"), "{lit:?} {why}");
        let (lit, why) = at(&|k| matches!(k, EventKind::Polled { outcome: Outcome::Pending, .. }));
        assert!(lit.is_empty() && why.contains("returned Pending"), "{lit:?} {why}");
        // The Timeout's closure called wake(): the executor's queue is the engine's part.
        let (lit, why) = at(&|k| matches!(k, EventKind::Woken { .. }));
        assert_eq!(lit, [("executor", "enqueue")], "{why}");
        assert!(why.contains("your code called wake()"));
        // The final poll returned Ready from the learner's poll too.
        let (lit, _) = at(&|k| matches!(k, EventKind::Polled { outcome: Outcome::Ready, .. }));
        assert!(lit.is_empty());
    }

    #[test]
    fn the_lit_line_is_the_code_after_the_marker() {
        let text = text("timer");
        let i = anchor_line(text, "store").unwrap();
        assert!(text.lines().nth(i).unwrap().contains("state.waker.replace(cx.waker().clone())"));
        let i = anchor_line(text, "wake").unwrap();
        assert!(text.lines().nth(i).unwrap().contains("waker.wake()"));
        assert_eq!(anchor_line(text, "no-such-marker"), None);
    }

    #[test]
    fn a_join_or_select_lights_its_own_poll_and_a_losers_cancel_lights_the_select() {
        use crate::play::{Scenario, ScenarioRun, Step, TaskSpec};
        use std::rc::Rc;
        let sim = crate::core::SimPlatform::new();
        let exec = crate::core::Executor::new(Rc::new(sim.clone()), crate::core::Config::default());
        let s = Scenario {
            tasks: vec![TaskSpec::new("race", vec![Step::Select(vec![100, 300])]), TaskSpec::new("both", vec![Step::Join(vec![100, 300])])],
            ..Scenario::default()
        };
        let ids = ScenarioRun::start(&exec, &s).expect("a valid scenario").tasks();
        sim.run_until_idle(1e4);
        let events = exec.events_since(0);
        let cancel = events.iter().position(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).expect("the loser is cancelled");
        assert_eq!(anchors_in(&events, cancel).0, [("futures", "select-drop"), ("timer", "cancel")]);
        for task in ids {
            let first = events.iter().position(|e| e.task == Some(task) && matches!(e.kind, EventKind::Polled { .. })).expect("polled");
            assert!(anchors_in(&events, first).0.contains(&("futures", "join-poll")), "{task}");
        }
        // A plain sleep's poll is not a join's.
        let (events, i) = {
            let sim = crate::core::SimPlatform::new();
            let exec = crate::core::Executor::new(Rc::new(sim.clone()), crate::core::Config::default());
            ScenarioRun::start(&exec, &Scenario::default()).expect("the seed");
            sim.settle();
            let events = exec.events_since(0);
            let i = events.iter().position(|e| matches!(e.kind, EventKind::Polled { .. })).expect("polled");
            (events, i)
        };
        assert!(!anchors_in(&events, i).0.contains(&("futures", "join-poll")));
        for name in ["join-poll", "select-poll", "select-drop"] {
            assert!(anchor_line(text("futures"), name).is_some(), "{name}");
        }
    }
}
