//! The session as the editor drives it: a scenario edited in the form or the code editor, run,
//! edited live, rewound (the session itself is [`crate::play::session`]).

#[cfg(test)]
mod tests {
    use std::rc::Rc;

    use crate::core::{RunMode, SimPlatform, DEFAULT_TRACE_CAP};
    use crate::play::lang::LiteralEdit;
    use crate::play::session::*;
    use crate::play::Clock;
    use crate::ui::state::{Action, EditState};

    fn start(edit: &EditState) -> (SimPlatform, Session) {
        let sim = SimPlatform::new();
        sim.advance(1000.0); // the page has been open a while: times are relative to Run
        let s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).unwrap();
        (sim, s)
    }

    /// The page's warm-up runs every piece it is there to compile, to the end, without an error:
    /// both tasks, the hand-written future polled to its end, the line it prints at its time.
    #[test]
    fn the_warm_up_program_runs_to_its_end_through_each_of_its_pieces() {
        let (session, snap) = warm_up().expect("the warm-up starts");
        assert_eq!(snap.status, Status::Finished);
        assert_eq!(snap.metrics.len(), 2);
        let program = snap.program.as_ref().expect("a program's run shows its program");
        assert!(program.failed.is_empty(), "{:?}", program.failed);
        let console: Vec<(f64, &str)> = program.console.iter().map(|o| (o.at, o.text.as_str())).collect();
        // join! of 5 and 10 ms, a yield, a 5 ms TimerFuture, the countdown's three self-wakes.
        assert_eq!(console, [(15.0, "a 1")]);
        // The countdown: its three Pending polls and the Ready one, each a poll of task `a`.
        assert!(snap.stats.polls >= 2 + 4, "{:?}", snap.stats);
        drop(session);
    }

    #[test]
    fn a_live_edit_reaches_the_pending_timer_of_that_field() {
        let mut edit = EditState::default();
        let (t, s, f) = (edit.tasks[0].uid, edit.tasks[0].steps[0].uid, edit.tasks[0].steps[0].fields[0].uid);
        edit.apply(Action::SetField(t, s, f, "5000".into()));
        let (sim, mut session) = start(&edit);
        sim.advance(100.0);
        match session.live_edit((t, s, f), 500) {
            Some(LiteralEdit::Rescheduled(r)) => assert_eq!((r.old_deadline, r.new_deadline), (5000.0, 500.0)),
            other => panic!("{other:?}"),
        }
        sim.advance(400.0);
        session.pump();
        assert_eq!(session.status(), Status::Finished);
        assert_eq!(session.live_edit((t, s, f), 100), Some(LiteralEdit::Past));
        assert_eq!(session.live_edit((0, 0, 0), 100), None);
    }

    #[test]
    fn an_exported_run_imports_with_its_program_lit_and_the_same_counts_everywhere() {
        let mut edit = EditState::default();
        edit.apply(Action::LoadPreset("own-timer".into()));
        edit.apply(Action::SetClock(Clock::Virtual));
        let (_sim, mut session) = start(&edit);
        session.pump();
        let ran = session.snapshot();
        assert_eq!(ran.status, Status::Finished);
        let text = session.with_trace(|t| crate::core::export_trace_with(t, session.scenario_text().as_deref()));
        let (trace, scenario) = crate::core::import_trace_with(&text).unwrap();
        let scenario = crate::play::parse_share(&scenario.expect("the file carries its scenario")).unwrap();
        assert_eq!(scenario.program, edit.scenario().unwrap().program);
        // The form takes the file's scenario: the editor shows the program that ran.
        let mut other = EditState::default();
        other.apply(Action::Load(scenario.clone()));
        assert_eq!(other.code.as_deref(), scenario.program.as_deref());
        let mut imported = Session::imported(trace, Some(scenario));
        imported.pump();
        let back = imported.snapshot();
        // The Executor panel counts what the Tasks table counts, and both what the run did.
        assert_eq!(back.stats.polls, ran.stats.polls);
        assert!(back.stats.polls > 0);
        assert_eq!(back.stats.polls, back.metrics.iter().map(|m| m.polls).sum::<u64>());
        // The program is there, with its console, as it ran.
        let (p, q) = (back.program.as_ref().expect("the program shows"), ran.program.as_ref().unwrap());
        assert_eq!(p.source, q.source);
        assert_eq!(
            p.console.iter().map(|o| o.text.clone()).collect::<Vec<_>>(),
            q.console.iter().map(|o| o.text.clone()).collect::<Vec<_>>()
        );
        // A file without a scenario shows no program, and exports none.
        let bare = Session::imported(crate::core::import_trace(&text).unwrap(), None);
        assert!(bare.snapshot().program.is_none());
        assert_eq!(bare.scenario_text(), None);
    }

    #[test]
    fn snapshot_times_are_relative_to_the_run() {
        let (sim, mut session) = start(&EditState::default());
        sim.advance(500.0);
        session.pump();
        let snap = session.snapshot();
        assert_eq!(snap.now, 500.0);
        assert_eq!(snap.timers.len(), 1);
        assert_eq!((snap.timers[0].deadline, snap.timers[0].remaining), (2000.0, 1500.0));
        assert_eq!(snap.status, Status::Running);
        assert_eq!(&*snap.names[&session.task_ids()[0]], "howdy");
    }

    #[test]
    fn a_lost_waker_run_ends_stuck() {
        let mut edit = EditState::default();
        edit.apply(Action::LoadPreset("lost-waker".into()));
        let (sim, mut session) = start(&edit);
        sim.run_until_idle(10_000.0);
        session.pump();
        assert_eq!(session.status(), Status::Stuck);
        let snap = session.snapshot();
        assert!(snap.metrics.iter().any(|m| m.warnings.contains(&crate::core::Warning::LostWaker)));
        // The timeline marks exactly the tasks with a warning: the one that lost its waker, not
        // the ones that finished.
        let (warned, fine): (Vec<_>, Vec<_>) = snap.metrics.iter().partition(|m| !m.warnings.is_empty());
        assert!(!warned.is_empty() && !fine.is_empty(), "{:?}", snap.metrics.iter().map(|m| (m.id, m.warnings.len())).collect::<Vec<_>>());
        assert!(warned.iter().all(|m| session.warned(m.id)) && fine.iter().all(|m| !session.warned(m.id)));
        assert_eq!(session.warned_count(), warned.len());
    }

    #[test]
    fn the_playhead_rewinds_the_seed_to_between_the_fire_and_the_second_poll() {
        let (sim, mut session) = start(&EditState::default());
        sim.advance(3000.0);
        session.pump();
        assert_eq!(session.status(), Status::Finished);
        let woken = session.snapshot().events.iter().find(|e| matches!(e.kind, crate::core::EventKind::Woken { .. })).map(|e| e.seq);
        let woken = woken.expect("the timer woke the task");
        session.seek(woken + 1);
        let snap = session.snapshot();
        assert_eq!(snap.ready, session.task_ids(), "on the ready queue, waiting for its second poll");
        assert!(snap.timers.is_empty(), "its timer fired");
        assert_eq!(snap.metrics[0].polls, 1);
        assert_eq!(snap.events.last().map(|e| e.seq), Some(woken), "the log ends at the playhead");
        assert_eq!(snap.cursor.map(|c| c.at), Some(2000.0));
        session.step_cursor(-1_000_000);
        assert_eq!(session.cursor(), Some(0), "clamped to the start");
        assert_eq!(session.snapshot().cursor.map(|c| c.at), Some(0.0), "the start of the run, not the clock's zero");
        assert!(session.snapshot().metrics.is_empty(), "before the first spawn");
        session.step_cursor(1_000_000);
        let end = session.snapshot();
        assert_eq!(end.metrics[0].state, crate::core::TaskState::Done);
        session.follow();
        assert_eq!(session.snapshot().cursor, None);
        // A poll at a time: from the end back to after the first poll, then to the start.
        session.step_poll(false);
        let after_first = session.snapshot();
        assert_eq!(after_first.metrics[0].polls, 1);
        assert!(matches!(after_first.events.last().map(|e| e.kind), Some(crate::core::EventKind::Polled { .. })));
        session.step_poll(false);
        assert_eq!(session.cursor(), Some(0));
        session.step_poll(true);
        assert_eq!(session.snapshot().metrics[0].polls, 1);
        // At a time: the panels show that moment.
        session.seek_time(1000.0);
        let at = session.snapshot();
        assert_eq!((at.timers.len(), at.timers[0].remaining), (1, 1000.0));
        assert_eq!(at.metrics[0].state, crate::core::TaskState::Idle);
    }

    #[test]
    fn on_the_virtual_clock_the_whole_run_happens_at_once() {
        let mut edit = EditState::default();
        edit.apply(Action::SetClock(Clock::Virtual));
        edit.apply(Action::SetMode(RunMode::Manual));
        // The browser's platform is never touched: a simulator runs the scenario.
        let real = crate::core::SimPlatform::new();
        let mut session = edit.start_session(Rc::new(real.clone()), true, DEFAULT_TRACE_CAP).expect("starts");
        session.pump();
        assert_eq!(session.status(), Status::Finished, "even in manual mode, and asked to pause");
        assert_eq!(session.elapsed(), 2000.0, "2 s of virtual time");
        assert_eq!(real.stats().set_timeouts, 0);
        let snap = session.snapshot();
        assert_eq!(snap.metrics[0].completed_at.map(|t| t - snap.started_at), Some(2000.0));
    }

    #[test]
    fn a_virtual_run_that_would_overflow_its_trace_stops_before_and_keeps_its_first_lines() {
        // A forgotten 100 ms `Interval` fires 864,000 times in the virtual day: the trace would
        // drop its oldest events, the console's lines among them.
        let src = "async fn main() {\n    println!(\"hello\");\n    gloo_timers::callback::Interval::new(100, || {}).forget();\n    println!(\"bye\");\n}\n";
        let mut edit = EditState::default();
        edit.apply(Action::SetClock(Clock::Virtual));
        edit.apply(Action::SetCode(src.into()));
        let cap = DEFAULT_TRACE_CAP;
        let mut session = edit.start_session(Rc::new(SimPlatform::new()), false, cap).expect("starts");
        session.pump();
        assert!(session.trace_full(), "stopped by the full trace");
        assert!(session.elapsed() < VIRTUAL_LIMIT_MS, "before the day was over: {}", session.elapsed());
        let due = session.cut_off().expect("the interval's next fire is cut off");
        assert!(due > session.elapsed(), "{due} after {}", session.elapsed());
        let console: Vec<String> = session.snapshot().program.expect("a program").console.iter().map(|l| l.text.clone()).collect();
        assert_eq!(console, ["hello", "bye"]);
        // A run that fits its trace is not stopped by it.
        let mut edit = EditState::default();
        edit.apply(Action::SetClock(Clock::Virtual));
        edit.apply(Action::SetCode("async fn main() {\n    sleep(5000).await;\n}\n".into()));
        let session = edit.start_session(Rc::new(SimPlatform::new()), false, cap).expect("starts");
        assert!(!session.trace_full());
        // A lower history the page was asked to keep (`?history=`) keeps the run's last events.
        let mut edit = EditState::default();
        edit.apply(Action::SetClock(Clock::Virtual));
        edit.apply(Action::SetCode(src.replace("Interval::new(100,", "Interval::new(1000,")));
        let session = edit.start_session(Rc::new(SimPlatform::new()), false, 5_000).expect("starts");
        assert!(!session.trace_full());
        assert_eq!(session.cut_off(), Some(VIRTUAL_LIMIT_MS + 1000.0), "it ran the whole day");
    }

    #[test]
    fn the_virtual_clock_runs_a_day_exactly_and_says_what_it_cut_off() {
        let run = |src: &str| {
            let mut edit = EditState::default();
            edit.apply(Action::SetClock(Clock::Virtual));
            edit.apply(Action::SetCode(src.into()));
            let mut session = edit.start_session(Rc::new(SimPlatform::new()), false, DEFAULT_TRACE_CAP).expect("starts");
            session.pump();
            session
        };
        // A timer due at exactly one day fires, and the run ends there.
        let day = run("async fn main() {\n    sleep(86_400_000).await;\n    println!(\"a day\");\n}\n");
        assert_eq!(day.status(), Status::Finished);
        assert_eq!(day.elapsed(), VIRTUAL_LIMIT_MS);
        assert_eq!(day.cut_off(), None);
        // One millisecond more: the run stops at the day, the timer still pending, and says so.
        let more = run("async fn main() {\n    sleep(10).await;\n    sleep(86_399_991).await;\n    println!(\"never\");\n}\n");
        assert_eq!(more.status(), Status::Running, "its timer is pending");
        assert!(more.elapsed() <= VIRTUAL_LIMIT_MS, "{}", more.elapsed());
        assert_eq!(more.cut_off(), Some(VIRTUAL_LIMIT_MS + 1.0));
        let console: Vec<String> = more.snapshot().program.expect("a program").console.iter().map(|l| l.text.clone()).collect();
        assert!(console.is_empty(), "{console:?}");
        let day_console: Vec<String> = day.snapshot().program.expect("a program").console.iter().map(|l| l.text.clone()).collect();
        assert_eq!(day_console, ["a day"]);
    }

    #[test]
    fn a_program_that_never_lets_virtual_time_pass_stops_at_the_virtual_clocks_budget() {
        // Computed at once, in the page's task: its budget is a tenth of the real clock's.
        let mut edit = EditState::default();
        edit.apply(Action::SetClock(Clock::Virtual));
        edit.apply(Action::SetCode("async fn main() {\n    loop {\n        sleep(0).await;\n    }\n}\n".into()));
        let mut session = edit.start_session(Rc::new(SimPlatform::new()), false, DEFAULT_TRACE_CAP).expect("starts");
        session.pump();
        assert_eq!(session.elapsed(), 0.0, "no virtual time passed");
        let console: Vec<String> = session.snapshot().program.expect("a program").console.iter().map(|l| l.text.clone()).collect();
        let stopped = format!("the run has executed {VIRTUAL_RUN_BUDGET} statements: it is stopped here");
        assert!(console.iter().any(|l| l.contains(&stopped)), "{console:?}");
    }

    /// A started run's first polls wait for a macrotask, so that the page renders the started
    /// run first: for the form's scenarios and for a program alike (the mode, set before the
    /// first spawn, used the flag up until 2026-12-05, and a program's first polls ran in the
    /// click's task).
    #[test]
    fn a_started_runs_first_polls_wait_for_a_macrotask() {
        let mut program = EditState::default();
        program.apply(Action::SetCode("async fn main() {\n    println!(\"first\");\n}\n".into()));
        for edit in [EditState::default(), program] {
            let (sim, mut s) = start(&edit);
            sim.run_microtasks();
            s.pump();
            assert_eq!(s.snapshot().stats.polls, 0, "no poll before the host's next task");
            sim.settle();
            s.pump();
            assert!(s.snapshot().stats.polls > 0);
        }
    }

    #[test]
    fn an_invalid_editor_does_not_start() {
        let mut edit = EditState::default();
        let uid = edit.tasks[0].uid;
        edit.apply(Action::RemoveTask(uid));
        assert!(edit.start_session(Rc::new(SimPlatform::new()), false, DEFAULT_TRACE_CAP).is_err());
    }

    #[test]
    fn a_programs_lit_lines_and_await_tree_rewind_with_the_playhead() {
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        let src = "async fn main() {\n    println!(\"a\");\n    sleep(1000).await;\n    sleep(1000).await;\n    println!(\"b\");\n}\n";
        edit.apply(Action::SetCode(src.into()));
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        sim.advance(1500.0);
        s.pump();
        let line_of = |v: &ProgramView| v.lit.iter().map(|(l, _)| *l + 1).collect::<Vec<_>>();
        let tree = |v: &ProgramView| {
            v.await_tree.iter().map(|(_, f)| f.iter().map(|(sp, _)| sp.line_col(src).0).collect::<Vec<_>>()).collect::<Vec<_>>()
        };
        let live = s.snapshot().program.expect("a program");
        assert_eq!((line_of(&live), tree(&live), live.rewound), (vec![4], vec![vec![4]], false));
        let said = |v: &ProgramView| v.lit.iter().map(|(_, t)| t.clone()).collect::<Vec<_>>();
        assert_eq!(said(&live), ["main waits here"], "on its timer, not on the ready queue");
        // Between its timer's wake and the poll that follows: on the ready queue, still parked.
        let woken = s.snapshot().events.iter().find(|e| matches!(e.kind, crate::core::EventKind::Woken { .. })).map(|e| e.seq);
        s.seek(woken.expect("the first timer woke main") + 1);
        let queued = s.snapshot().program.expect("a program");
        assert_eq!((line_of(&queued), said(&queued)), (vec![3], vec!["main woken: polled next from here".to_string()]));
        s.seek_time(500.0);
        let then = s.snapshot().program.expect("a program");
        assert_eq!((line_of(&then), tree(&then), then.rewound), (vec![3], vec![vec![3]], true));
        assert_eq!(then.console.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["a"]);
        s.follow();
        sim.advance(1000.0);
        s.pump();
        let done = s.snapshot().program.expect("a program");
        assert!(done.lit.iter().all(|(l, _)| *l != 2 && *l != 3), "{:?}", done.lit);
        assert!(done.await_tree.is_empty());
        assert_eq!(done.console.len(), 2);
    }

    #[test]
    fn a_hand_written_poll_lights_its_lines_the_clone_and_the_wake_at_their_events_rewound() {
        use crate::core::EventKind;
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        edit.apply(Action::LoadPreset("own-timer".into()));
        let src = edit.code.clone().expect("a code preset");
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        sim.advance(2500.0);
        s.pump();
        let events = s.with_trace(|t| t.iter().collect::<Vec<_>>());
        let line_no = |needle: &str| src.lines().position(|l| l.contains(needle)).map(|i| i + 1).unwrap_or(0);
        let lit_at = |s: &mut Session, seq: u64| {
            s.seek(seq + 1);
            let v = s.snapshot().program.expect("a program");
            let mut lines: Vec<(usize, String)> = v.lit.iter().map(|(l, why)| (*l + 1, why.clone())).collect();
            lines.sort();
            lines
        };
        // At the waker clone: the lines of the first poll that ran so far, the clone's among them.
        let clone = events.iter().find(|e| e.kind == EventKind::WakerCloned).expect("a clone");
        let lit = lit_at(&mut s, clone.seq);
        let clone_line = line_no("cx.waker().clone()");
        assert!(lit.iter().any(|(l, why)| *l == clone_line && why.contains("waker is cloned here")), "{lit:?}");
        assert!(lit.iter().any(|(l, why)| *l == line_no("if shared_state.completed") && why.contains("ran in main's poll")), "{lit:?}");
        // At the wake, 2 s later: the callback's `waker.wake()`, and nothing of the first poll.
        let woken = events.iter().find(|e| matches!(e.kind, EventKind::Woken { .. })).expect("a wake");
        let lit = lit_at(&mut s, woken.seq);
        assert!(lit.iter().any(|(l, why)| *l == line_no("waker.wake()") && why.contains("wake comes from here")), "{lit:?}");
        assert!(!lit.iter().any(|(l, _)| *l == clone_line), "{lit:?}");
        // At the second poll's end: its Ready line.
        let ready = events.iter().rfind(|e| matches!(e.kind, EventKind::Polled { .. })).expect("the last poll");
        let lit = lit_at(&mut s, ready.seq);
        assert!(lit.iter().any(|(l, why)| *l == line_no("Poll::Ready(())") && why.contains("ran")), "{lit:?}");
        // The console rewinds too: at the clone only the first line was printed.
        s.seek(clone.seq + 1);
        let v = s.snapshot().program.expect("a program");
        assert_eq!(v.console.iter().map(|o| o.text.as_str()).collect::<Vec<_>>(), ["howdy!"]);
    }

    #[test]
    fn a_panic_is_a_failed_task_in_the_tasks_table_and_the_await_tree() {
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        edit.apply(Action::SetCode("async fn main() {\n    sleep(10).await;\n    let v: Vec<u32> = Vec::new();\n    v[3];\n}\n".into()));
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        sim.advance(100.0);
        s.pump();
        let snap = s.snapshot();
        assert_eq!(snap.metrics[0].failed, Some(true), "panicked, not done");
        let v = snap.program.expect("a program");
        assert_eq!(v.failed, [(snap.metrics[0].id, true)]);
        assert!(v.console.iter().any(|o| o.text == "panicked: index out of bounds: the len is 0 but the index is 3"), "{:?}", v.console);
    }

    #[test]
    fn a_plain_main_that_panics_or_returns_err_is_a_failed_main_task() {
        // A `fn main` that ends before it ever waits runs outside the executor: its failure is
        // still a task `main` in the Tasks table, failed, after the tasks it spawned.
        for (src, panic, said) in [
            (
                "fn main() {\n    spawn(async { println!(\"hi\"); });\n    let v: Vec<u32> = Vec::new();\n    v[3];\n}\n",
                true,
                "panicked: index out of bounds: the len is 0 but the index is 3",
            ),
            ("fn main() -> Result<(), String> {\n    Err(\"no\".to_string())\n}\n", false, "Error: \"no\""),
        ] {
            let sim = SimPlatform::new();
            let mut edit = EditState::default();
            edit.apply(Action::SetCode(src.into()));
            let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
            sim.advance(100.0);
            s.pump();
            let snap = s.snapshot();
            let main = snap.metrics.iter().find(|m| &*snap.names[&m.id] == "main").expect("a task main");
            assert_eq!(main.failed, Some(panic), "{src}");
            let v = snap.program.expect("a program");
            assert_eq!(v.failed, [(main.id, panic)], "{src}");
            assert!(v.console.iter().any(|o| o.text == said), "{:?}", v.console);
            // Only a failed `main` is shown: the other tasks are the program's own.
            assert_eq!(snap.metrics.len(), if panic { 2 } else { 1 });
        }
        // A plain `main` that ends well is no task of its own (the form's scenarios are such).
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        edit.apply(Action::SetCode("fn main() {\n    println!(\"ok\");\n}\n".into()));
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        s.pump();
        assert!(s.snapshot().metrics.is_empty());
    }

    #[test]
    fn a_lost_waker_hidden_in_a_join_is_lit_beside_its_sibling() {
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        edit.apply(Action::LoadPreset("lost-in-join".into()));
        let src = edit.code.clone().expect("a code preset");
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        sim.advance(2000.0);
        s.pump();
        s.seek_time(500.0);
        let v = s.snapshot().program.expect("a program");
        let mut lines: Vec<usize> = v.lit.iter().map(|(l, _)| *l + 1).collect();
        lines.sort_unstable();
        // The join, the lost waker's await and the ticker's sleep: main waits at all three.
        let at = |needle: &str| src.lines().position(|l| l.contains(needle)).map(|i| i + 1);
        assert_eq!(lines.iter().map(|&l| Some(l)).collect::<Vec<_>>(), [at("join!("), at("lost_waker()"), at("sleep(200)")]);
        assert_eq!(v.await_tree.first().map(|(_, f)| f.len()), Some(3));
    }

    /// Runs the editor after `action` for `ms` on the simulator: the session and its trace.
    fn run_for(action: Action, ms: f64) -> (Session, Vec<crate::core::Event>) {
        let sim = SimPlatform::new();
        let mut edit = EditState::default();
        edit.apply(action);
        let mut s = edit.start_session(Rc::new(sim.clone()), false, DEFAULT_TRACE_CAP).expect("starts");
        sim.advance(ms);
        s.pump();
        let events = s.with_trace(|t| t.iter().collect::<Vec<_>>());
        (s, events)
    }

    #[test]
    fn a_sleep_dropped_unawaited_is_told_apart_from_a_selects_loser() {
        let cancels = |preset: &str| {
            let (s, events) = run_for(Action::LoadPreset(preset.into()), 10_000.0);
            let cancelled: Vec<bool> = events
                .iter()
                .filter(|e| matches!(e.kind, crate::core::EventKind::TimerCancelled { .. }))
                .map(|e| s.unawaited_drop(e))
                .collect();
            cancelled
        };
        // The lazy preset's sleep is never awaited: its cancel is that drop.
        assert_eq!(cancels("lazy"), [true]);
        // A select's loser is cancelled by the select.
        assert_eq!(cancels("select"), [false]);
    }

    #[test]
    fn a_self_wake_of_wake_by_ref_then_pending_is_told_apart_from_yield_now() {
        let self_wakes = |src: &str| {
            let (s, events) = run_for(Action::SetCode(src.into()), 1000.0);
            let woke: Vec<&crate::core::Event> = events
                .iter()
                .filter(|e| matches!(e.kind, crate::core::EventKind::Woken { by: crate::core::WakeSource::SelfWake }))
                .collect();
            (woke.len(), woke.iter().filter(|e| s.self_waker_event(e, &[])).count())
        };
        assert_eq!(self_wakes("async fn main() {\n    yield_now().await;\n    yield_now().await;\n}\n"), (2, 0));
        let (all, theirs) = self_wakes("async fn main() {\n    wake_by_ref_then_pending().await;\n}\n");
        assert!(all > 100 && theirs == all, "{all} self-wakes, {theirs} told apart");
    }
}
