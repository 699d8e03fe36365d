//! Ready-made scenarios, each with a caption that says what to watch for.

use super::scenario::{Clock, Scenario, Step, TaskSpec};
use crate::core::{RunMode, TimerBackend};

/// A named, explained scenario.
#[derive(Clone, Copy, Debug)]
pub struct Preset {
    /// A short stable id, used in menus and tests.
    pub id: &'static str,
    /// The menu title.
    pub title: &'static str,
    /// What to watch for, in one or two sentences.
    pub caption: &'static str,
    build: fn() -> Scenario,
}

impl Preset {
    /// The scenario.
    pub fn scenario(&self) -> Scenario {
        (self.build)()
    }
}

fn one(tasks: Vec<TaskSpec>) -> Scenario {
    Scenario { tasks, clock: Clock::Real, mode: RunMode::Microtask, slow_motion_ms: 0, backend: TimerBackend::PerTimer, program: None }
}

/// Every preset, in menu order. The first is the default.
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "seed",
        title: "The seed: one 2 s timer",
        caption: "The async book's example. The first poll returns Pending after storing a waker; 2 s later the \
                  setTimeout callback sets completed and wakes it; the second poll returns Ready. Set slow motion \
                  to 500 ms to see that the wake and the poll are two separate moments.",
        build: Scenario::default,
    },
    Preset {
        id: "join",
        title: "join: two timers",
        caption: "join polls both timers and waits for the slower. Each timer wakes the task once: watch the \
                  poll after the first wake return Pending again. Slow motion (200 ms) makes each step visible.",
        build: || one(vec![TaskSpec::new("joiner", vec![Step::Join(vec![800, 2000])])]),
    },
    Preset {
        id: "select",
        title: "select: the first wins, the loser is cancelled",
        caption: "select returns when the first timer fires. The other TimerFuture is dropped right there, and \
                  its Drop calls clearTimeout: its bar ends in a cross, and it never fires. Try slow motion (200 ms).",
        build: || one(vec![TaskSpec::new("race", vec![Step::Select(vec![1000, 3000])])]),
    },
    Preset {
        id: "live-edit",
        title: "live edit: change a pending timer",
        caption: "Press Run, then change the 5000 ms duration while it is pending. The timer is re-armed for \
                  start + new duration, keeps its stored waker, and the trace records TimerRescheduled.",
        build: || {
            one(vec![
                TaskSpec::new("editable", vec![Step::Sleep(5000)]),
                TaskSpec::new("companion", vec![Step::Sleep(1500), Step::Sleep(1500)]),
            ])
        },
    },
    Preset {
        id: "lost-waker",
        title: "lost waker bug",
        caption: "The buggy task's future returns Pending without storing the waker. Nothing can ever wake it: \
                  the lost-waker warning appears, and it never completes. The healthy task is for comparison.",
        build: || {
            one(vec![
                TaskSpec::new("buggy", vec![Step::Sleep(500), Step::LostWaker]),
                TaskSpec::new("healthy", vec![Step::Sleep(500), Step::Sleep(1000)]),
            ])
        },
    },
    Preset {
        id: "yield",
        title: "self-waking yield",
        caption: "yield_now wakes its own task and returns Pending: the task goes to the back of the ready queue, \
                  so the others get a turn. Most of its wakes are self-wakes, so it gets the self-wake warning. \
                  All of this takes a fraction of a millisecond: set slow motion to 200 ms, or use manual mode and Step.",
        build: || {
            one(vec![
                TaskSpec::new("yielder", vec![Step::Yield; 10].into_iter().chain([Step::Sleep(300)]).collect()),
                TaskSpec::new("sleeper", vec![Step::Sleep(100), Step::Sleep(100)]),
            ])
        },
    },
    Preset {
        id: "blocking",
        title: "blocking the thread",
        caption: "spin(300) busy-waits inside one poll. Nothing else runs meanwhile, not even the timer that was \
                  due: see its lateness. The task gets the never-yielded warning.",
        build: || {
            one(vec![TaskSpec::new("blocker", vec![Step::Sleep(200), Step::Spin(300)]), TaskSpec::new("punctual", vec![Step::Sleep(300)])])
        },
    },
    Preset {
        id: "thousand",
        title: "1,000 timers",
        caption: "1,000 tasks, one timer each, due between 100 ms and 3 s. Scroll the timeline; try the driver \
                  backend, which arms a single setTimeout for all of them.",
        build: || {
            let tasks = (0..1000u64)
                .map(|i| {
                    // A fixed spread (no randomness: the same scenario every time).
                    let ms = 100 + (i * 7919) % 2900;
                    TaskSpec::new(&format!("t{i}"), vec![Step::Sleep(ms)])
                })
                .collect();
            one(tasks)
        },
    },
];

/// A preset by id.
pub fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_is_valid_and_ids_are_unique() {
        let mut ids = std::collections::HashSet::new();
        for p in PRESETS {
            assert!(ids.insert(p.id), "{}", p.id);
            assert_eq!(p.scenario().validate(), Ok(()), "{}", p.id);
        }
        assert_eq!(preset("thousand").map(|p| p.scenario().tasks.len()), Some(1000));
        assert_eq!(PRESETS[0].scenario(), Scenario::default());
    }
}
