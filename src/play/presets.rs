//! Ready-made scenarios, each with a caption that says what to watch for.

use super::preset_texts::program_text;
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
    made: Made,
}

/// How a preset's scenario is made.
#[derive(Clone, Copy, Debug)]
enum Made {
    /// Tasks in the step form.
    Steps(fn() -> Scenario),
    /// A program: its text is [`program_text`]'s (by the preset's id).
    Program,
}

impl Preset {
    /// The scenario.
    pub fn scenario(&self) -> Scenario {
        match self.made {
            Made::Steps(build) => build(),
            Made::Program => Scenario { program: Some(program_text(self.id).to_string()), ..one(Vec::new()) },
        }
    }

    /// Whether the preset is written as a program, known without reading the program: what a
    /// page does before the language's module is there asks this, never for the text.
    pub fn is_program(&self) -> bool {
        matches!(self.made, Made::Program)
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
        made: Made::Steps(Scenario::default),
    },
    Preset {
        id: "join",
        title: "join: two timers",
        caption: "join polls both timers and waits for the slower. Each timer wakes the task once: watch the \
                  poll after the first wake return Pending again. Slow motion (200 ms) makes each step visible.",
        made: Made::Steps(|| one(vec![TaskSpec::new("joiner", vec![Step::Join(vec![800, 2000])])])),
    },
    Preset {
        id: "select",
        title: "select: the first wins, the loser is cancelled",
        caption: "select returns when the first timer fires. The other TimerFuture is dropped right there, and \
                  its Drop calls clearTimeout: its bar ends in a cross, and it never fires. Try slow motion (200 ms).",
        made: Made::Steps(|| one(vec![TaskSpec::new("race", vec![Step::Select(vec![1000, 3000])])])),
    },
    Preset {
        id: "live-edit",
        title: "live edit: change a pending timer",
        caption: "Press Run, then change the 5000 ms duration while it is pending. The timer is re-armed for \
                  start + new duration, keeps its stored waker, and the trace records TimerRescheduled.",
        made: Made::Steps(|| {
            one(vec![
                TaskSpec::new("editable", vec![Step::Sleep(5000)]),
                TaskSpec::new("companion", vec![Step::Sleep(1500), Step::Sleep(1500)]),
            ])
        }),
    },
    Preset {
        id: "lost-waker",
        title: "lost waker bug",
        caption: "The buggy task's future returns Pending without storing the waker. Nothing can ever wake it: \
                  the lost-waker warning appears, and it never completes. The healthy task is for comparison.",
        made: Made::Steps(|| {
            one(vec![
                TaskSpec::new("buggy", vec![Step::Sleep(500), Step::LostWaker]),
                TaskSpec::new("healthy", vec![Step::Sleep(500), Step::Sleep(1000)]),
            ])
        }),
    },
    Preset {
        id: "yield",
        title: "self-waking yield",
        caption: "yield_now wakes its own task and returns Pending: the task goes to the back of the ready queue, \
                  so the others get a turn. Most of its wakes are self-wakes, so it gets the self-wake warning. \
                  All of this takes a fraction of a millisecond: set slow motion to 200 ms, or use manual mode and Step.",
        made: Made::Steps(|| {
            one(vec![
                TaskSpec::new("yielder", vec![Step::Yield; 10].into_iter().chain([Step::Sleep(300)]).collect()),
                TaskSpec::new("sleeper", vec![Step::Sleep(100), Step::Sleep(100)]),
            ])
        }),
    },
    Preset {
        id: "blocking",
        title: "blocking the thread",
        caption: "spin(300) busy-waits inside one poll. Nothing else runs meanwhile, not even the timer that was \
                  due: see its lateness. The task gets the never-yielded warning.",
        made: Made::Steps(|| {
            one(vec![TaskSpec::new("blocker", vec![Step::Sleep(200), Step::Spin(300)]), TaskSpec::new("punctual", vec![Step::Sleep(300)])])
        }),
    },
    Preset {
        id: "lazy",
        title: "code: a future never awaited",
        caption: "Futures are lazy. hello() is called but never awaited: it never prints, and the console notes \
                  that it was dropped unpolled. sleep(1000) arms its timer when it is made; nothing awaits it, and \
                  the drop at the end of main cancels it: a cross on the timeline at 300 ms.",
        made: Made::Program,
    },
    Preset {
        id: "lost-in-join",
        title: "code: a lost waker hidden in a join",
        caption: "lost_waker() returns Pending without keeping the waker. Inside a join it hides: every tick of its \
                  sibling wakes the task, the join polls both, and the task looks alive. After the fifth tick nothing \
                  is left to wake it, and it waits forever.",
        made: Made::Program,
    },
    Preset {
        id: "stale-waker",
        title: "code: a stale waker",
        caption: "stale_waker() keeps the waker of its first poll only. main polls it once, then spawns it into a new \
                  task. When its timer fires it wakes main, not the task that now owns it: that task is never polled \
                  again, and main waits for it forever. Watch the wake land on main's lane.",
        made: Made::Program,
    },
    Preset {
        id: "blocking-async",
        title: "code: blocking inside async",
        caption: "spin(400) busy-waits inside one poll of main. punctual's timer is due at 200 ms, but its \
                  setTimeout callback cannot run until main lets go at 500 ms: see the late fire on the timeline \
                  and the time on the console.",
        made: Made::Program,
    },
    Preset {
        id: "select-loop",
        title: "code: select! in a loop",
        caption: "recreated() makes a new sleep(500) on every turn of its loop, so a 200 ms tick always wins and \
                  the timeout never fires (watch the cancelled bars). created_once() makes its timeout once, \
                  before the loop, and races it in place: it fires at 500 ms, after 2 ticks.",
        made: Made::Program,
    },
    Preset {
        id: "own-timer",
        title: "write it: the chapter's TimerFuture",
        caption: "The chapter's own code, typed out: struct, impl Future, and a gloo Timeout whose callback wakes \
                  the task. Watch the first poll of TimerFuture::poll clone the waker (a waker clone at that line), \
                  the timer fire at 2 s, and the wake come from its callback, then the second poll return Ready.",
        made: Made::Program,
    },
    Preset {
        id: "own-stale-waker",
        title: "write it: a stale waker",
        caption: "The future stores the waker on its first poll only. main polls it once, then spawns it into a new \
                  task. At 500 ms the callback wakes main, which no longer owns it: the new task is never polled \
                  again. Its lane ends in a wait that nothing will end.",
        made: Made::Program,
    },
    Preset {
        id: "own-lost-waker",
        title: "write it: a lost waker",
        caption: "poll returns Pending without storing the waker. The executor polls main once and never again: \
                  nothing is left to wake it (see the warning), while the other task finishes normally.",
        made: Made::Program,
    },
    Preset {
        id: "countdown",
        title: "write it: a future that wakes itself",
        caption: "Countdown calls cx.waker().wake_by_ref() and returns Pending: its task goes straight back on the \
                  ready queue, behind the other task, so the two take turns. Every wake is a self-wake.",
        made: Made::Program,
    },
    Preset {
        id: "own-join",
        title: "write it: a Join of two futures",
        caption: "The book's Join, by hand: each poll polls every side that is not done, and drops a side once it is \
                  ready. a finishes on the second poll; b needs four. Watch one task poll two futures.",
        made: Made::Program,
    },
    Preset {
        id: "own-timeout",
        title: "write it: a timeout with your TimerFuture",
        caption: "Your TimerFuture raced against slow work with select! (async-book#70). The first race times out at \
                  500 ms and the work's sleep is cancelled (dropped with the select). In the second the work wins at \
                  800 ms; your forgotten Timeout still fires at 1 s and wakes main, which has finished: the wake is ignored.",
        made: Made::Program,
    },
    Preset {
        id: "book-executor",
        title: "the book's executor, with a timer thread",
        caption: "The async book's two listings as one file: a TimerFuture whose thread sleeps 2 s, then locks the \
                  shared state and wakes the stored waker; your executor's wake_by_ref sends the Arc<Task> back on \
                  its channel, and run() receives and polls it. Lanes: main (blocked in recv), the thread, and your \
                  Task, which the Tasks table and the ready queue follow.",
        made: Made::Program,
    },
    Preset {
        id: "book-block-on",
        title: "the book's timer under block_on",
        caption: "futures::executor::block_on polls the TimerFuture on main's own thread and parks it between \
                  polls: main waits 1 s for the first timer thread, then 500 ms for the second.",
        made: Made::Program,
    },
    Preset {
        id: "book-wake",
        title: "the book's executor with std's Wake",
        caption: "The same executor with std::task::Wake instead of futures' ArcWake: Waker::from(task.clone()) \
                  makes the waker, and wake(self: Arc<Self>) sends the task back on the channel.",
        made: Made::Program,
    },
    Preset {
        id: "book-lost-wakeup",
        title: "bug: a wake that never reaches the queue",
        caption: "wake_by_ref forgets to send the task. At 2 s the timer thread wakes your Task, and nothing polls \
                  it again: it sits woken in the Tasks table while main waits in recv() for a task that never comes. \
                  Every thread is blocked and no timer is left: the run stops with a deadlock.",
        made: Made::Program,
    },
    Preset {
        id: "book-full-channel",
        title: "bug: a full channel (why the book uses try_send)",
        caption: "sync_channel(1): the second task fills the channel, then the first wakes itself from inside its \
                  poll. send waits for room that only main's recv can make, on main itself: a deadlock. Change both \
                  send calls to try_send and run again: expect(\"too many tasks queued\") panics instead.",
        made: Made::Program,
    },
    Preset {
        id: "thousand",
        title: "1,000 timers",
        caption: "1,000 tasks, one timer each, due between 100 ms and 3 s. Scroll the timeline; try the driver \
                  backend, which arms a single setTimeout for all of them.",
        made: Made::Steps(|| {
            let tasks = (0..1000u64)
                .map(|i| {
                    // A fixed spread (no randomness: the same scenario every time).
                    let ms = 100 + (i * 7919) % 2900;
                    TaskSpec::new(&format!("t{i}"), vec![Step::Sleep(ms)])
                })
                .collect();
            one(tasks)
        }),
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

    #[test]
    fn a_preset_is_a_program_exactly_when_it_has_a_program_s_text() {
        let programs: Vec<&str> = PRESETS.iter().filter(|p| p.is_program()).map(|p| p.id).collect();
        assert_eq!(programs.len(), 16, "{programs:?}");
        for p in PRESETS {
            let s = p.scenario();
            assert_eq!(s.program.is_some(), p.is_program(), "{}", p.id);
            assert_eq!(!program_text(p.id).is_empty(), p.is_program(), "{}", p.id);
            if p.is_program() {
                assert!(s.tasks.is_empty() && s.program.as_deref().is_some_and(|t| t.contains("fn main()")), "{}", p.id);
            }
        }
        assert_eq!(program_text("seed"), "");
        assert_eq!(program_text("no-such-preset"), "");
    }
}
