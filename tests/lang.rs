//! The scenario language: every construct on the virtual clock, with exact times and events;
//! errors with positions; the limits; live edits through a literal; and a parser fuzz.
#![cfg(not(target_arch = "wasm32"))] // native: the browser suite is tests/web.rs
mod common;

use std::rc::Rc;

use common::*;
use proptest::prelude::*;
use waker_playground::core::{Config, EventKind, Executor, Recorder, SimPlatform, TaskId};
use waker_playground::play::lang::LiteralEdit;
use waker_playground::play::lang::{
    parse, start_on, Line, Output, Run, MAX_DEPTH, MAX_SOURCE, MAX_TOTAL_SPIN_MS, POLL_BUDGET, RUN_BUDGET, SELF_WAKE_POLLS,
};
use waker_playground::play::{Scenario, ScenarioRun, Step};

/// The issue's example, as a learner would type it (the Playwright suite types the same file).
const EXAMPLE: &str = include_str!("common/issue-example.rs.txt");

/// Runs `src` to the end on the virtual clock, on both timer backends; `check` sees each run.
fn run(src: &str, check: impl Fn(&SimPlatform, &Executor<Recorder>, &Run)) {
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let program = parse(src).unwrap_or_else(|e| panic!("{}", e.render(src)));
        let run = start_on(&exec, Rc::new(program)).expect("starts");
        sim.run_until_idle(1e7);
        check(&sim, &exec, &run);
    }
}

/// The console's lines as (ms, text).
fn printed(run: &Run) -> Vec<(f64, String)> {
    run.console().into_iter().filter(|o| o.kind == Line::Print).map(|o| (o.at, o.text)).collect()
}

/// The errors, as "line:col: message".
fn errors(run: &Run, src: &str) -> Vec<String> {
    run.errors().iter().map(|o| format!("{}: {}", o.span.map_or((0, 0), |s| s.line_col(src)).0, o.text)).collect()
}

fn parse_error(src: &str) -> String {
    parse(src).map(|_| ()).expect_err(src).render(src)
}

#[test]
fn the_issues_example_runs_with_the_books_timings() {
    run(EXAMPLE, |_, exec, run| {
        // howdy at once; the 2 s timer; the join ends with its slower sleep (2.7 s); the select
        // with its faster (2.8 s); then the worker sleeps 0, 100 and 200 ms (3.1 s).
        assert_eq!(printed(run), [(0.0, "howdy!".to_string()), (2800.0, "fast".to_string())]);
        assert_eq!(completed_at(exec, run.main().expect("an async main")), Some(3100.0));
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        // The select's loser was cancelled inside the poll that saw the winner.
        let cancelled: Vec<f64> =
            events(exec).iter().filter(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).map(|e| e.at).collect();
        assert_eq!(cancelled, [2800.0]);
        // The spawned worker is a task of its own, named after its function, and finished.
        let names = run.names();
        let worker: Vec<TaskId> = names.iter().filter(|(_, n)| &***n == "worker").map(|(t, _)| *t).collect();
        assert_eq!(worker.len(), 1);
        assert_eq!(completed_at(exec, worker[0]), Some(3100.0));
    });
}

#[test]
fn the_seed_program_records_the_same_trace_as_the_seed_preset() {
    for backend in BACKENDS {
        // The seed preset: the step form's one task, written as a program whose plain `fn main`
        // spawns it, as the book's `main` does.
        let (sim, exec) = setup(backend);
        let ids = spawn_tasks(&exec, &Scenario { backend, ..Scenario::default() });
        sim.run_until_idle(1e5);
        // The executor's and the timers' events: the program's own notes name source lines,
        // which differ between the two texts.
        let preset: Vec<(f64, Option<TaskId>, EventKind)> =
            events(&exec).iter().filter(|e| !e.kind.is_program()).map(|e| (e.at, e.task, e.kind)).collect();
        assert_eq!(completed_at(&exec, ids[0]), Some(2000.0));

        // The same, typed: `main` is the task.
        let (sim, exec) = setup(backend);
        let src = "async fn main() {\n    TimerFuture::new(Duration::from_millis(2000)).await;\n}\n";
        start_on(&exec, Rc::new(parse(src).unwrap())).unwrap();
        sim.run_until_idle(1e5);
        let program: Vec<(f64, Option<TaskId>, EventKind)> =
            events(&exec).iter().filter(|e| !e.kind.is_program()).map(|e| (e.at, e.task, e.kind)).collect();
        assert_eq!(program, preset, "{backend:?}");
        // The typed program names the line that made its timer, just before the timer is armed.
        let all = events(&exec);
        let armed = all.iter().position(|e| matches!(e.kind, EventKind::TimerArmed { .. })).expect("armed");
        let (start, end) = (src.find("TimerFuture::new").unwrap() as u32, src.find(".await").unwrap() as u32);
        assert_eq!(all[armed - 1].kind, EventKind::Source { why: waker_playground::core::SourceKind::Timer, start, end });
        assert!(program.len() >= 11);
    }
}

#[test]
fn every_step_form_preset_runs_as_its_program_and_finishes_on_time() {
    let mut checked = 0;
    for p in waker_playground::play::PRESETS {
        let scenario = p.scenario();
        if scenario.program.is_some() {
            continue;
        }
        checked += 1;
        let (sim, exec) = setup(BACKENDS[0]);
        let run = ScenarioRun::start(&exec, &scenario).unwrap_or_else(|e| panic!("{}: {e}", p.id));
        sim.run_until_idle(1e6);
        assert!(run.run().errors().is_empty(), "{}: {:?}", p.id, run.run().errors());
        // One task per form task, named after it, and no `main` task.
        let tasks = run.tasks();
        assert_eq!(tasks.len(), scenario.tasks.len(), "{}", p.id);
        let names = run.run().names();
        let spins = scenario.tasks.iter().any(|t| t.steps.iter().any(|s| matches!(s, Step::Spin(_))));
        for (spec, id) in scenario.tasks.iter().zip(&tasks) {
            assert_eq!(names.get(id).map(|n| n.to_string()), Some(spec.name.replace('-', "_")), "{}", p.id);
            let (got, ideal) = (completed_at(&exec, *id), spec.ideal_ms().map(|ms| ms as f64));
            if spins {
                // A spin blocks the thread: others finish late, never early.
                assert_eq!(got.is_some(), ideal.is_some(), "{} {}", p.id, spec.name);
                assert!(got >= ideal, "{} {}: {got:?} before {ideal:?}", p.id, spec.name);
            } else {
                // On an idle executor and a perfect clock, a task takes what its steps add up to.
                assert_eq!(got, ideal, "{} {}", p.id, spec.name);
            }
        }
    }
    assert!(checked >= 7, "{checked} presets");
}

/// Runs a preset that is a program, on the virtual clock.
fn preset_run(id: &str, check: impl Fn(&Executor<Recorder>, &Run)) {
    let p = waker_playground::play::preset(id).unwrap_or_else(|| panic!("no preset {id}"));
    let src = p.scenario().program.unwrap_or_else(|| panic!("{id} is not a program"));
    run(&src, |_, exec, run| check(exec, run));
}

/// The warnings the Tasks table shows for `task` at the end of the run: from the trace's fold,
/// as the page computes them (the executor's own counters cannot see a stale waker).
fn folded_warnings(exec: &Executor<Recorder>, task: TaskId) -> Vec<waker_playground::core::Warning> {
    let mut state = waker_playground::core::RunState::new();
    exec.with_trace(|t| t.iter().for_each(|e| state.apply(&e, |id| t.name(id))));
    let never_yielded_ms = exec.config().never_yielded_ms;
    state.metrics(state.at, never_yielded_ms).into_iter().find(|m| m.id == task).map(|m| m.warnings).unwrap_or_default()
}

fn by_name(run: &Run, name: &str) -> TaskId {
    run.names().into_iter().find(|(_, n)| &**n == name).map(|(t, _)| t).unwrap_or_else(|| panic!("no task {name}"))
}

/// The span of `needle` in `src` (its first occurrence).
fn span_of(src: &str, needle: &str) -> (u32, u32) {
    let at = src.find(needle).unwrap_or_else(|| panic!("no {needle:?}"));
    (at as u32, (at + needle.len()) as u32)
}

/// The kinds of the events of one task, with their times, from `from` on.
fn kinds(exec: &Executor<Recorder>) -> Vec<(f64, Option<TaskId>, EventKind)> {
    events(exec).iter().map(|e| (e.at, e.task, e.kind)).collect()
}

#[test]
fn the_six_hand_written_future_presets_do_what_their_captions_say() {
    use waker_playground::core::{SourceKind, WakeSource, Warning};
    let src_of = |id: &str| waker_playground::play::preset(id).and_then(|p| p.scenario().program).expect("a program preset");
    // The chapter's TimerFuture: its poll's lines are named as they run, the clone of the waker
    // comes from `cx.waker().clone()`, and the wake from `waker.wake()` in the Timeout's callback.
    let src = src_of("own-timer");
    preset_run("own-timer", |exec, run| {
        assert_eq!(printed(run), [(0.0, "howdy!".to_string()), (2000.0, "done!".to_string())]);
        let main = run.main().expect("an async main");
        assert_eq!(completed_at(exec, main), Some(2000.0));
        let all = kinds(exec);
        let clone = all.iter().position(|e| matches!(e.2, EventKind::WakerCloned)).expect("a clone");
        let (s, e) = span_of(&src, "cx.waker().clone()");
        assert_eq!(all[clone - 1].2, EventKind::Source { why: SourceKind::Clone, start: s, end: e }, "the clone comes from that line");
        let fired = all.iter().position(|e| matches!(e.2, EventKind::TimerFired { .. })).expect("fired");
        assert_eq!(all[fired].0, 2000.0);
        let (s, e) = span_of(&src, "waker.wake()");
        assert_eq!(all[fired + 1].2, EventKind::Source { why: SourceKind::Wake, start: s, end: e }, "the wake comes from that line");
        assert!(matches!(all[fired + 2].2, EventKind::Woken { by: WakeSource::Timer(_) }), "{:?}", all[fired + 2]);
        // Both polls of TimerFuture::poll named the lines they ran, the first its Pending, the
        // second its Ready.
        let ran: Vec<(f64, &str)> = all
            .iter()
            .filter_map(|ev| match ev.2 {
                EventKind::Source { why: SourceKind::Ran, start, end } => Some((ev.0, &src[start as usize..end as usize])),
                _ => None,
            })
            .collect();
        assert!(ran.contains(&(0.0, "Poll::Pending")) && ran.contains(&(2000.0, "Poll::Ready(())")), "{ran:?}");
    });
    // The stale waker, typed: the new owner is never polled again, and the Tasks table says
    // nothing can wake it.
    preset_run("own-stale-waker", |exec, run| {
        assert_eq!(printed(run), [(10.0, "main polled it once".to_string())]);
        let main = run.main().expect("an async main");
        let owner = run.tasks().into_iter().find(|&t| t != main).expect("the spawned owner");
        assert_eq!((completed_at(exec, main), completed_at(exec, owner)), (None, None));
        assert_eq!(exec.task_metrics(owner).map(|m| m.polls), Some(1));
        let woken_main: Vec<f64> =
            kinds(exec).iter().filter(|e| e.1 == Some(main) && matches!(e.2, EventKind::Woken { .. })).map(|e| e.0).collect();
        assert!(woken_main.contains(&500.0), "the callback wakes main: {woken_main:?}");
        // Its own warning, not "lost waker": the future kept main's waker, from main's poll.
        assert_eq!(folded_warnings(exec, owner), [Warning::StaleWaker], "the owner can never be woken, and why");
        assert!(folded_warnings(exec, main).is_empty(), "main holds live wakers");
        let stale = kinds(exec).into_iter().find(|e| matches!(e.2, EventKind::Source { why: SourceKind::Stale, .. })).expect("named");
        assert_eq!(stale.1, Some(owner));
        let (s, e) = span_of(&src_of("own-stale-waker"), "fut.await");
        assert_eq!(stale.2, EventKind::Source { why: SourceKind::Stale, start: s, end: e }, "at the owner's await");
    });
    // The lost waker: polled once, never again.
    preset_run("own-lost-waker", |exec, run| {
        assert_eq!(printed(run), [(0.0, "polled 1 time(s); no waker kept".to_string()), (300.0, "the other task is fine".to_string())]);
        let main = run.main().expect("an async main");
        let m = exec.task_metrics(main).expect("metrics");
        assert_eq!((m.polls, m.completed_at), (1, None));
        assert!(m.warnings.contains(&Warning::LostWaker), "{:?}", m.warnings);
        assert_eq!(folded_warnings(exec, main), [Warning::LostWaker], "lost, not stale: it kept no waker at all");
    });
    // The countdown wakes itself: five self-wakes, and the other task runs in between.
    preset_run("countdown", |exec, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            lines,
            ["5...", "other task, turn 0", "4...", "other task, turn 1", "3...", "other task, turn 2", "2...", "1...", "liftoff"]
        );
        let main = run.main().expect("an async main");
        assert_eq!(exec.task_metrics(main).map(|m| (m.polls, m.wakes.self_wake)), Some((6, 5)));
        // Each self-wake is named at the statement that made it (the evaluator runs
        // `cx.waker().wake_by_ref();` whole, in one turn of its inner loop).
        let src = src_of("countdown");
        let call = "cx.waker().wake_by_ref()";
        // The statement, not the comment above it that names it too.
        let s = src.rfind(&format!("{call};")).expect("the statement") as u32;
        let e = s + call.len() as u32;
        let all = kinds(exec);
        let wakes: Vec<_> = all.iter().filter(|ev| matches!(ev.2, EventKind::Source { why: SourceKind::Wake, .. })).collect();
        assert_eq!(wakes.len(), 5, "{wakes:?}");
        assert!(
            wakes.iter().all(|ev| ev.1 == Some(main) && ev.2 == EventKind::Source { why: SourceKind::Wake, start: s, end: e }),
            "{wakes:?}"
        );
    });
    // The book's Join: one task, four polls; a is done on the second, b on the fourth.
    preset_run("own-join", |exec, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["a ticks", "b ticks", "b ticks", "b ticks", "both done: a b"]);
        assert_eq!(exec.task_metrics(run.main().expect("an async main")).map(|m| m.polls), Some(4));
    });
    // The timeout: the work's sleep is cancelled at 500 ms; the forgotten Timeout of the second
    // race wakes a finished main at 1 s, and the wake is ignored.
    preset_run("own-timeout", |exec, run| {
        assert_eq!(printed(run), [(500.0, "timed out after 500 ms".to_string()), (800.0, "work finished: 42".to_string())]);
        let all = kinds(exec);
        assert!(all.iter().any(|e| e.0 == 500.0 && matches!(e.2, EventKind::TimerCancelled { .. })), "the slow work's sleep is dropped");
        assert!(all.iter().any(|e| e.0 == 1000.0 && matches!(e.2, EventKind::WakeIgnored { .. })), "a wake after main finished");
        assert!(run.errors().is_empty());
    });
}

#[test]
fn the_five_teaching_presets_do_what_their_captions_say() {
    preset_run("lazy", |exec, run| {
        assert_eq!(printed(run), [(300.0, "main is done, and hello() never ran".to_string())]);
        let notes: Vec<String> = run.console().into_iter().filter(|o| o.kind == Line::Note).map(|o| o.text).collect();
        assert!(
            notes.len() == 2 && notes.iter().any(|n| n.contains("`hello`")) && notes.iter().any(|n| n.contains("`sleep`")),
            "{notes:?}"
        );
        let cancelled: Vec<f64> =
            events(exec).iter().filter(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).map(|e| e.at).collect();
        assert_eq!(cancelled, [300.0]);
    });
    preset_run("lost-in-join", |exec, run| {
        let ticks: Vec<(f64, String)> = (0..5).map(|i| (200.0 * f64::from(i + 1), format!("tick {i}"))).collect();
        assert_eq!(printed(run), ticks);
        assert_eq!(completed_at(exec, run.main().expect("an async main")), None, "waits forever");
        assert_eq!(exec.task_metrics(run.main().expect("an async main")).map(|m| m.polls), Some(6), "the first poll, then one per tick");
    });
    preset_run("stale-waker", |exec, run| {
        assert_eq!(printed(run), [(10.0, "main polled s once, and moves on".to_string())]);
        let owner = by_name(run, "stale_waker");
        assert_eq!((completed_at(exec, run.main().expect("an async main")), completed_at(exec, owner)), (None, None));
        // The timer's wake went to main, the task that polled it first, at 100 ms.
        let woke: Vec<(f64, Option<TaskId>)> = events(exec)
            .iter()
            .filter(|e| matches!(e.kind, EventKind::Woken { by: waker_playground::core::WakeSource::Timer(_) }))
            .map(|e| (e.at, e.task))
            .collect();
        assert!(woke.contains(&(100.0, Some(run.main().expect("an async main")))), "{woke:?}");
        assert!(!woke.iter().any(|(_, t)| *t == Some(owner)), "{woke:?}");
        // The Tasks table names it a stale waker, as the caption does, not a lost one.
        assert_eq!(folded_warnings(exec, owner), [waker_playground::core::Warning::StaleWaker]);
    });
    preset_run("blocking-async", |exec, run| {
        assert_eq!(
            printed(run),
            [(100.0, "main blocks the thread for 400 ms".into()), (500.0, "main lets go".into()), (500.0, "punctual woke up, late".into())]
        );
        let late: Vec<f64> = events(exec)
            .iter()
            .filter_map(|e| match e.kind {
                EventKind::TimerFired { lateness_ms, .. } => Some(lateness_ms),
                _ => None,
            })
            .collect();
        assert!(late.contains(&300.0), "{late:?}");
    });
    preset_run("select-loop", |exec, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(
            printed(run),
            [
                (500.0, "created once: timeout after 2 ticks".into()),
                (2000.0, "recreated: 10 ticks, and the 500 ms timeout never fired".into())
            ]
        );
        let cancelled = events(exec).iter().filter(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).count();
        assert!(cancelled >= 10, "{cancelled}: a timeout dropped on every turn");
    });
}

#[test]
fn the_books_three_spellings_of_a_duration() {
    let src = "async fn main() {
        TimerFuture::new(Duration::from_secs(1)).await;
        println!(\"a\");
        TimerFuture::new(Duration::new(0, 250000000)).await;
        println!(\"b\");
        TimerFuture::new(Duration::from_millis(5)).await;
        println!(\"c\");
    }";
    run(src, |_, _, run| {
        assert_eq!(printed(run), [(1000.0, "a".into()), (1250.0, "b".into()), (1255.0, "c".into())]);
    });
}

#[test]
fn a_future_never_awaited_is_armed_never_polled_and_dropped_at_the_end_of_its_scope() {
    let src = "async fn main() {\n    {\n        let t = sleep(500);\n        sleep(10).await;\n    }\n    let lazy = worker();\n    sleep(20).await;\n}\nasync fn worker() { println!(\"never\"); }\n";
    run(src, |_, exec, run| {
        // `sleep(500)`'s timer is armed when it is made, and cancelled when `t` goes out of scope
        // at 10 ms; it never fires, and nothing ever waited for it.
        let evs = events(exec);
        let armed = evs.iter().filter(|e| matches!(e.kind, EventKind::TimerArmed { .. })).count();
        let cancelled: Vec<f64> = evs.iter().filter(|e| matches!(e.kind, EventKind::TimerCancelled { .. })).map(|e| e.at).collect();
        assert_eq!((armed, cancelled), (3, vec![10.0]));
        assert_eq!(evs.iter().filter(|e| matches!(e.kind, EventKind::TimerFired { .. })).count(), 2);
        // `worker()` did nothing at all: it printed nothing, and was dropped at the end of main.
        assert!(printed(run).is_empty());
        let notes: Vec<(f64, String)> = run.console().into_iter().filter(|o| o.kind == Line::Note).map(|o| (o.at, o.text)).collect();
        assert_eq!(notes.len(), 2, "{notes:?}");
        assert!(notes[0].1.contains("`sleep`") && notes[0].0 == 10.0, "{notes:?}");
        assert!(notes[1].1.contains("`worker`") && notes[1].0 == 30.0, "{notes:?}");
    });
}

#[test]
fn join_select_spawn_and_loops_compute_and_wait_as_rust_does() {
    let src = "async fn main() {
        let (a, b) = join!(twice(3), twice(4));
        println!(\"{} {}\", a, b);
        let mut total = 0;
        let mut i = 0;
        while i < 5 { total += i; i = i + 1; }
        loop { if total > 100 { break; } total = total * 2; }
        for k in 1..=3 { total = total + k; }
        println!(\"total {total}\");
        let winner = select! {
            x = twice(50) => x,
            y = twice(10) => y + 1000,
        };
        println!(\"{}\", winner);
        let h = spawn(twice(7));
        let v = h.await;
        println!(\"{}\", v == 14 && !false);
    }
    async fn twice(n: u64) -> u64 {
        sleep(n).await;
        return n * 2;
    }";
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        // join: both at 4 ms; select: the 10 ms branch wins at 14 ms; the spawned task at 21 ms.
        assert_eq!(printed(run), [(4.0, "6 8".into()), (4.0, "total 166".into()), (14.0, "1020".into()), (21.0, "true".into())]);
    });
}

#[test]
fn runtime_errors_name_the_line_and_end_only_their_task() {
    let cases = [
        ("async fn main() {\n    let x: u64 = 18446744073709551615;\n    let y = x + 1;\n}", "3: panicked: attempt to add with overflow"),
        ("async fn main() {\n    let x: u8 = 200;\n    let y = x * 2;\n}", "3: panicked: attempt to multiply with overflow"),
        ("async fn main() {\n    let d = 5 - 5;\n    let z = 10 / d;\n}", "3: panicked: attempt to divide by zero"),
        (
            "async fn main() {\n    let m = i32::MIN;\n    let r = m.rem_euclid(-1);\n}",
            "3: panicked: attempt to calculate the remainder with overflow",
        ),
        (
            "async fn main() {\n    let m = i64::MIN;\n    let r = m % -1;\n}",
            "3: panicked: attempt to calculate the remainder with overflow",
        ),
        ("async fn main() {\n    let t = 5;\n    t.await;\n}", "3: an integer is not a future"),
        // A value behind no reference that is not a function either: an iterator called as one
        // (a mutated program of the fuzz below; the call went round the reference forever).
        ("async fn main() {\n    let v = vec![1, 2];\n    let x = v.iter()(|f| f);\n}", "3: an iterator is not a function: it cannot be called"),
        ("async fn main() {\n    let v = vec![1, 2];\n    let f = &v.iter();\n    f(0);\n}", "4: an iterator is not a function: it cannot be called"),
        // `peek` on an iterator that is not `Peekable`: the cell it was taken out of is given its
        // iterator back (the borrow that took it outlived the take, and the page panicked).
        (
            "async fn main() {\n    let mut it = \"a b\".split(' ');\n    println!(\"{:?}\", it.peek());\n}",
            "3: `peek` is a method of `Peekable`: call `.peekable()` on the iterator first",
        ),
        ("async fn main() {\n    let t = sleep(5);\n    t.await;\n    t.await;\n}", "4: use of a moved value"),
        ("async fn main() {\n    let n = 3;\n    if n { }\n}", "3: a condition must be a bool"),
        ("async fn main() {\n    spin(5000);\n}", "2: spinning 5000 ms would freeze the page"),
        (
            "async fn main() {\n    let v: Vec<u32> = Vec::new();\n    let x = v[2];\n}",
            "3: panicked: index out of bounds: the len is 0 but the index is 2",
        ),
        (
            "async fn main() {\n    let o: Option<u32> = None;\n    o.unwrap();\n}",
            "3: panicked: called `Option::unwrap()` on a `None` value",
        ),
        ("async fn main() {\n    panic!(\"boom {}\", 7);\n}", "2: panicked: boom 7"),
        // A literal stored into a typed place takes its type: it must fit, and overflows after.
        ("async fn main() {\n    let mut x = 1u8;\n    x = 300;\n}", "3: the literal `300` does not fit in `u8`"),
        ("async fn main() {\n    let mut v = vec![1u8];\n    v.push(256);\n}", "3: the literal `256` does not fit in `u8`"),
        ("struct P { x: u8 }\nasync fn main() {\n    let mut p = P { x: 1 };\n    p.x = 255;\n    p.x += 1;\n}", "5: panicked: attempt to add with overflow"),
        // A map whose type is not written knows its value type only from its values: `or_default`
        // on an empty one says so (with `HashMap<u8, u32>` written, it gives 0).
        (
            "use std::collections::HashMap;\nasync fn main() {\n    let mut m = HashMap::new();\n    *m.entry(1u8).or_default() += 1u32;\n}",
            "4: `or_default()` needs the map's value type, which the playground knows from the map's written type (`let mut m: HashMap<K, V> = HashMap::new()`) or from a value already in it",
        ),
        // `+=` on a program's own type needs its `AddAssign`, as rustc says; an `Add` is not enough.
        (
            "use std::ops::Add;\n#[derive(Clone, Copy)]\nstruct V(u8);\nimpl Add for V {\n    type Output = V;\n    fn add(self, o: V) -> V { V(self.0 + o.0) }\n}\nasync fn main() {\n    let mut v = V(1);\n    v += V(2);\n}",
            "10: binary assignment operation `+=` cannot be applied to type `V`: implement `std::ops::AddAssign` for it",
        ),
        // std's panic messages, each checked against rustc 1.95: clamp, radixes, slicing a
        // string (bounds, order, char boundaries) and a slice (inclusive ends named as written).
        ("async fn main() {\n    let a = 5; let b = 9; let x = 3i32.clamp(b, a);\n}", "2: panicked: min > max. min = 9, max = 5"),
        ("async fn main() {\n    let x = 'a'.clamp('z', 'b');\n}", "2: panicked: min > max. min = 'z', max = 'b'"),
        // `Ord::clamp` of a program's type: std's generic assertion.
        (
            "#[derive(PartialEq, Eq, PartialOrd, Ord)]\nenum L { A, B }\nasync fn main() {\n    let x = L::A.clamp(L::B, L::A);\n}",
            "4: panicked: assertion failed: min <= max",
        ),
        ("async fn main() {\n    let x = 0u32.ilog2();\n}", "2: panicked: argument of integer logarithm must be positive"),
        ("async fn main() {\n    let x = 7i8.wrapping_rem(0);\n}", "2: panicked: attempt to calculate the remainder with a divisor of zero"),
        ("async fn main() {\n    let x = 'a'.to_digit(40);\n}", "2: panicked: to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive"),
        ("async fn main() {\n    let x = char::from_digit(3, 40);\n}", "2: panicked: from_digit: radix is too high (maximum 36)"),
        ("async fn main() {\n    let x = u32::from_str_radix(\"1\", 1);\n}", "2: panicked: from_ascii_radix: radix must lie in the range `[2, 36]` - found 1"),
        ("async fn main() {\n    let x = i8::from_str_radix(\"1\", 37);\n}", "2: panicked: from_ascii_radix: radix must lie in the range `[2, 36]` - found 37"),
        ("async fn main() {\n    let s = \"hé\"; let t = &s[2..];\n}", "2: panicked: start byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `hé`"),
        ("async fn main() {\n    let s = String::from(\"hé\"); let t = &s[..2];\n}", "2: panicked: end byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `hé`"),
        ("async fn main() {\n    let s = String::from(\"abc\"); let t = &s[..9];\n}", "2: panicked: end byte index 9 is out of bounds of `abc`"),
        ("async fn main() {\n    let s = String::from(\"abc\"); let t = &s[5..2];\n}", "2: panicked: start byte index 5 is out of bounds of `abc`"),
        ("async fn main() {\n    let s = \"abcdef\"; let t = &s[4..2];\n}", "2: panicked: begin > end (4 > 2) when slicing `abcdef`"),
        ("async fn main() {\n    let s = String::from(\"abc\"); let t = &s[..=3];\n}", "2: panicked: end byte index 3 is out of bounds of `abc`"),
        ("async fn main() {\n    let v = [1, 2, 3]; let t = &v[5..2];\n}", "2: panicked: range start index 5 out of range for slice of length 3"),
        ("async fn main() {\n    let v = [1, 2, 3]; let t = &v[1..=3];\n}", "2: panicked: range end index 3 out of range for slice of length 3"),
        ("async fn main() {\n    let v = [1, 2, 3]; let t = &v[2..=0];\n}", "2: panicked: slice index starts at 2 but ends at 1"),
        ("async fn main() {\n    let mut v = vec![1, 2, 3]; let t: Vec<u8> = v.drain(4..).collect();\n}", "2: panicked: range start index 4 out of range for slice of length 3"),
        ("async fn main() {\n    let r: Result<u8, u8> = Ok(1); r.expect_err(\"was ok\");\n}", "2: panicked: was ok: 1"),
        ("async fn main() {\n    let mut d = std::collections::VecDeque::from(vec![1]); d.swap(0, 3);\n}", "2: panicked: assertion failed: j < self.len()"),
        ("async fn main() {\n    let mut d = std::collections::VecDeque::from([1]); d.swap(3, 0);\n}", "2: panicked: assertion failed: i < self.len()"),
        (
            "async fn main() {\n    let s = \"x\".repeat(300) + \"é\";\n    let t = &s[..301];\n}",
            "3: panicked: end byte index 301 is not a char boundary; it is inside 'é' (bytes 300..302) of `xxxxxxxx",
        ),
        // A literal returned from a function takes its return type, and overflows after.
        ("fn f() -> u8 { 255 }\nasync fn main() {\n    let x = f() + 1;\n}", "3: panicked: attempt to add with overflow"),
        // `trim_matches` searches from both ends: a `char`, not a `&str` (rustc's trait error).
        ("async fn main() {\n    let s = \"abab\".trim_matches(\"ab\");\n}", "2: `trim_matches` takes a `char` here, not `&str`"),
        // A failed assertion panics with std's message: the condition's text, or the message
        // given; `assert_eq!`/`assert_ne!` with both sides.
        ("async fn main() {\n    let x = 3;\n    assert!(x + 1 == 5);\n}", "3: panicked: assertion failed: x + 1 == 5"),
        ("async fn main() {\n    let x = 3;\n    assert!(x > 5, \"x is {}\", x);\n}", "3: panicked: x is 3"),
        (
            "async fn main() {\n    let v = vec![1];\n    assert!(!v.is_empty() && v.iter().all(|n| *n > 2));\n}",
            "3: panicked: assertion failed: !v.is_empty() && v.iter().all(|n| *n > 2)",
        ),
        ("async fn main() {\n    assert_eq!(1 + 1, 3);\n}", "2: panicked: assertion `left == right` failed\n  left: 2\n right: 3"),
        ("async fn main() {\n    assert_ne!('a', 'a', \"same\");\n}", "2: panicked: assertion `left != right` failed: same\n  left: 'a'\n right: 'a'"),
        // A trait an enum does not derive is named with the enum's name, as for a struct.
        ("enum E { A }\nasync fn main() {\n    println!(\"{:?}\", E::A);\n}", "3: `E` doesn't implement `Debug`: add `#[derive(Debug)]`"),
        (
            "#[derive(Debug)]\nenum E { A }\nasync fn main() {\n    let same = E::A == E::A;\n}",
            "4: binary operation `==` cannot be applied to type `E`: add `#[derive(PartialEq)]`",
        ),
    ];
    for (src, want) in cases {
        let (sim, exec) = setup(BACKENDS[0]);
        let run = start_on(&exec, Rc::new(parse(src).unwrap_or_else(|e| panic!("{}", e.render(src))))).unwrap();
        sim.run_until_idle(1e5);
        let got = errors(&run, src);
        assert!(got.len() == 1 && got[0].starts_with(want), "{src}\n{got:?}");
        assert!(exec.task_metrics(run.main().expect("an async main")).and_then(|m| m.completed_at).is_some(), "the task ended: {src}");
    }
    // A long text in a slicing panic is cut at 256 bytes, as std cuts it.
    let src = "async fn main() {\n    let s = \"x\".repeat(300) + \"é\";\n    let t = &s[..301];\n}";
    let (sim, exec) = setup(BACKENDS[0]);
    let long = start_on(&exec, Rc::new(parse(src).expect("parses"))).expect("starts");
    sim.run_until_idle(1e5);
    let got = errors(&long, src);
    assert!(got.len() == 1 && got[0].ends_with(&format!("of `{}`[...]", "x".repeat(256))), "{got:?}");
    // Another task goes on.
    let src =
        "async fn main() {\n    let h = spawn(ok());\n    let bad = 1 / 0;\n}\nasync fn ok() { sleep(5).await; println!(\"still here\"); }";
    run(src, |_, _, run| {
        assert_eq!(printed(run), [(5.0, "still here".to_string())]);
        assert_eq!(run.errors().len(), 1);
    });
}

/// Runs `src`: it prints `lines`, then fails once with `error`, reported at `at` in its text.
fn prints_then_fails_at(src: &str, lines: &[&str], error: &str, at: &str) {
    run(src, |_, _, run| {
        assert_eq!(printed(run).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), lines);
        let e = run.errors();
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].text, error);
        assert_eq!(e[0].span.map(|s| (s.start, s.end)), Some(span_of(src, at)));
    });
}

/// A field read of a local, an operator with a constant operand, and `e.f op= constant` each
/// run as one op (the peephole's joined pairs): the values are Rust's, and an error is reported
/// at the expression that failed (`p.x`, `p.y + 1`, `p.n += 1`), not at the local or the literal.
#[test]
fn a_field_of_a_local_and_a_constant_operand_compute_and_fail_where_rust_says() {
    let src = "struct P { x: u8, y: u8 }\nasync fn main() {\n    let p = P { x: 4, y: 255 };\n    let r = &p;\n    println!(\"{} {} {}\", p.x + r.x, p.x == 4, p.y - 5 > 200);\n    let z = p.y + 1;\n}";
    prints_then_fails_at(src, &["8 true true"], "panicked: attempt to add with overflow", "p.y + 1");
    let src = "struct P { x: u8 }\nasync fn main() {\n    let p = P { x: 4 };\n    let q = p;\n    let y = p.x;\n}";
    prints_then_fails_at(src, &[], "use of a moved value: it was moved out (or never given a value) before this point", "p.x");
    // `e.f op= constant`: in place for an integer, a `String`'s `+=`, a program's own `AddAssign`.
    let src = "use std::ops::AddAssign;\n#[derive(Debug, Clone, Copy)]\nstruct V(u8);\nimpl AddAssign<u8> for V {\n    fn add_assign(&mut self, o: u8) { self.0 += o * 2; }\n}\nstruct P { s: String, n: u8, v: V }\nasync fn main() {\n    let mut p = P { s: String::from(\"a\"), n: 250, v: V(1) };\n    p.s += \"bc\";\n    p.n += 5;\n    p.v += 3;\n    println!(\"{} {} {:?}\", p.s, p.n, p.v);\n    p.n += 1;\n}";
    prints_then_fails_at(src, &["abc 255 V(7)"], "panicked: attempt to add with overflow", "p.n += 1");
    let src = "struct P { x: u8 }\nasync fn main() {\n    let p = P { x: 4 };\n    let y = p.nope;\n}";
    run(src, |_, _, run| {
        let e = errors(run, src);
        assert_eq!(e, ["4: no field `nope` on type `P`"]);
    });
}

/// A comparison with a constant that an `if` or a `while` tests, and a field stepped by a
/// constant, at each integer type's edges: the inner loop answers the usual cases itself (a
/// literal below 128, one type) and leaves the rest (a negative literal, one of 128 or more, an
/// overflow) to the general path: the values are Rust's either way, the overflow at its line.
#[test]
fn a_tested_comparison_and_a_stepped_field_mean_what_rust_says_at_each_types_edges() {
    let src = "struct C { a: i8, b: u8, c: u64, d: i64 }\nasync fn main() {\n    let mut c = C { a: -128, b: 0, c: 18446744073709551615, d: -1 };\n    let mut n: u32 = 0;\n    if c.a < 0 { n += 1; }\n    if c.a == -128 { n += 10; }\n    if c.b < 200 { n += 100; }\n    if c.c > 5 { n += 1000; }\n    if c.d < 0 { n += 10000; }\n    if c.c == 5 { n += 7; }\n    if c.d >= 0 { n += 7; }\n    while c.b < 3 {\n        c.b += 1;\n    }\n    c.a += 127;\n    c.d -= 1;\n    c.c -= 1;\n    println!(\"{} {} {} {} {}\", n, c.a, c.b, c.c, c.d);\n    c.b -= 4;\n}";
    prints_then_fails_at(src, &["11111 -1 3 18446744073709551614 -2"], "panicked: attempt to subtract with overflow", "c.b -= 4");
    let src = "struct C { a: i8 }\nasync fn main() {\n    let mut c = C { a: 127 };\n    c.a -= 1;\n    c.a += 1;\n    println!(\"{}\", c.a);\n    c.a += 2;\n}";
    prints_then_fails_at(src, &["127"], "panicked: attempt to add with overflow", "c.a += 2");
}

/// A program's `poll` returning `Pending` to the `.await` that called it: when the run does not
/// record and the poll has no local left to drop, the evaluator parks the task without making
/// the `Poll` (the return and the parking in one step; `Bare` here); a poll with a local that has
/// a `Drop` impl (`Thrice`) drops it before the task parks and before any other task runs. Both
/// run as they do when the run records (the general path) and in Rust.
#[test]
fn a_poll_returning_pending_to_its_await_drops_its_locals_before_the_task_parks() {
    let src = "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{Context, Poll};\n\nstruct Guard(u32);\nimpl Drop for Guard {\n    fn drop(&mut self) {\n        println!(\"guard {} dropped\", self.0);\n    }\n}\n\nstruct Thrice {\n    polls: u32,\n}\n\nimpl Future for Thrice {\n    type Output = u32;\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {\n        let _g = Guard(self.polls);\n        self.polls += 1;\n        if self.polls == 3 {\n            return Poll::Ready(self.polls * 10);\n        }\n        cx.waker().wake_by_ref();\n        Poll::Pending\n    }\n}\n\nstruct Bare {\n    polls: u32,\n}\n\nimpl Future for Bare {\n    type Output = u32;\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {\n        println!(\"bare poll {}\", self.polls);\n        self.polls += 1;\n        if self.polls == 2 {\n            return Poll::Ready(self.polls);\n        }\n        cx.waker().wake_by_ref();\n        Poll::Pending\n    }\n}\n\nimpl Drop for Bare {\n    fn drop(&mut self) {\n        println!(\"bare dropped after {}\", self.polls);\n    }\n}\n\nasync fn main() {\n    spawn(async {\n        println!(\"other\");\n        yield_now().await;\n        println!(\"other again\");\n    });\n    let n = Thrice { polls: 0 }.await;\n    println!(\"ready {}\", n);\n    let m = Bare { polls: 0 }.await;\n    println!(\"bare ready {}\", m);\n}\n";
    let mut values = Vec::new();
    for trace in [false, true] {
        let (sim, exec) = setup_with(BACKENDS[0], Config { trace, ..Config::default() });
        let run = start_on(&exec, Rc::new(parse(src).unwrap_or_else(|e| panic!("{}", e.render(src))))).expect("starts");
        sim.run_until_idle(1e7);
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        values.push(run.values_made());
        let lines: Vec<String> = printed(&run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            lines,
            [
                "guard 0 dropped",
                "other",
                "guard 1 dropped",
                "other again",
                "guard 2 dropped",
                "ready 30",
                "bare poll 0",
                "bare poll 1",
                "bare dropped after 2",
                "bare ready 2"
            ],
            "trace: {trace}"
        );
        let main = run.main().expect("an async main");
        assert_eq!(exec.task_metrics(main).map(|m| m.polls), Some(4), "trace: {trace}");
    }
    // The values budget counts the same either way: the `Poll::Pending` the evaluator parks on
    // without making it counts as the one the general path makes.
    assert_eq!(values[0], values[1], "values made without and with the trace");
}

/// `{:?}` of an `Instant` names its time on the run's clock, in milliseconds.
#[test]
fn an_instant_prints_its_time_on_the_runs_clock() {
    let src = "use std::time::Instant;\nasync fn main() {\n    println!(\"{:?}\", Instant::now());\n    sleep(250).await;\n    println!(\"{:?}\", Instant::now());\n}";
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run), [(0.0, "Instant { ms: 0 }".to_string()), (250.0, "Instant { ms: 250 }".to_string())]);
    });
}

/// The evaluator's inner loop runs the straight-line ops of the chapter's kind of code: a
/// hand-written countdown's polls run in it whole, its `.await` of the countdown included (when
/// the run does not record), and so do a `for` loop's turns of `yield_now().await`.
/// (Both paths mean the same, so only this count tells that the fast one is taken.)
#[test]
fn straight_line_ops_stay_in_the_evaluators_inner_loop() {
    let countdown = |n: u32| {
        format!(
            "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{{Context, Poll}};\n\nstruct Countdown {{\n    left: u32,\n}}\n\nimpl Future for Countdown {{\n    type Output = ();\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {{\n        if self.left == 0 {{\n            return Poll::Ready(());\n        }}\n        self.left -= 1;\n        cx.waker().wake_by_ref();\n        Poll::Pending\n    }}\n}}\n\nasync fn main() {{\n    let mut k: u64 = 0;\n    for i in 0..3u64 {{\n        k = k + i;\n    }}\n    Countdown {{ left: {n} }}.await;\n    println!(\"{{}}\", k);\n}}\n"
        )
    };
    let yields = |n: u32| {
        format!(
            "async fn main() {{\n    let mut total: u32 = 0;\n    for k in 0..{n}u32 {{\n        total = total + k;\n        yield_now().await;\n    }}\n    println!(\"{{}}\", total);\n}}\n"
        )
    };
    let general_with = |src: String, trace: bool| {
        let (sim, exec) = setup_with(BACKENDS[0], Config { trace, ..Config::default() });
        let run = start_on(&exec, Rc::new(parse(&src).unwrap_or_else(|e| panic!("{}", e.render(&src))))).expect("starts");
        sim.run_until_idle(1e7);
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        run.general_ops()
    };
    let general = |src: String| general_with(src, true);
    // A poll that returns `Pending`: the `.await` (which calls `poll`), the field test, the
    // field's decrement, the wake, the `Poll::Pending` made from the spare one, the return to
    // the `.await`, and the `.await` parking the task all stay in the inner loop when the run
    // does not record; when it records, the parking is the general path's (it looks for a
    // stale waker to note).
    assert_eq!(general_with(countdown(30), false) - general_with(countdown(10), false), 0);
    assert!(general_with(countdown(10), false) > 0, "the general path still runs the rest of main");
    assert_eq!(general(countdown(30)) - general(countdown(10)), 20);
    // Each turn: the yield, run twice (pending, then ready), the loop's step, the sum, its store
    // and the end of the turn's scope stay in the inner loop.
    assert_eq!(general(yields(30)) - general(yields(10)), 0);
    assert!(general(yields(10)) > 0, "the general path still runs the rest of main");
}

#[test]
fn a_loop_that_never_awaits_is_stopped_with_the_blocking_message() {
    let src = "async fn main() {\n    println!(\"before\");\n    loop {}\n}\n";
    run(src, |_, exec, run| {
        let errs = run.errors();
        assert_eq!(errs.len(), 1);
        assert!(errs[0].text.contains("100,000 statements without awaiting: this is what blocking the executor looks like"));
        assert_eq!(errs[0].span.map(|s| s.line_col(src)), Some((3, 5)));
        assert!(run.steps() > POLL_BUDGET && run.steps() < POLL_BUDGET + 10);
        assert!(completed_at(exec, run.main().expect("an async main")).is_some());
    });
    // The budget is per poll: a long loop that awaits now and then runs to the end.
    let src = "async fn main() {\n    for i in 0..300000 {\n        if i % 20000 == 0 { yield_now().await; }\n    }\n    println!(\"done\");\n}\n";
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run).len(), 1);
    });
}

/// Runs `src` on the virtual clock with a run budget of `steps` statements, to its end.
/// How each task ended, in the trace: completed or aborted.
fn task_ends(exec: &Executor<Recorder>) -> Vec<(Option<TaskId>, EventKind)> {
    kinds(exec).into_iter().filter(|(_, _, k)| matches!(k, EventKind::Completed | EventKind::Aborted)).map(|(_, t, k)| (t, k)).collect()
}

fn run_with_budget(src: &str, steps: u64) -> (Executor<Recorder>, Run) {
    let (sim, exec) = setup(BACKENDS[0]);
    let run = start_on(&exec, Rc::new(parse(src).unwrap())).unwrap();
    run.set_run_budget(steps);
    sim.run_until_idle(1e6);
    (exec, run)
}

#[test]
fn a_run_that_awaits_forever_stops_at_its_statement_budget() {
    let src = "async fn main() {\n    loop {\n        yield_now().await;\n    }\n}\n";
    let (exec, run) = run_with_budget(src, 10_000);
    assert_eq!(errors(&run, src), ["3: the run has executed 10000 statements: it is stopped here".to_string()]);
    assert!(completed_at(&exec, run.main().expect("an async main")).is_some());
}

#[test]
fn the_statement_budget_stops_the_whole_run_a_gloo_interval_included() {
    // A gloo `Interval` of 0 ms calls back at the same instant again and again: the budget
    // stops it, and the run with it (it went on calling back forever, each call stopped at
    // its first statement, and virtual time never moved on: found by the mutation fuzz). One
    // of 5 ms stops the same way, with time left; a task asleep then is not run again.
    for (period, at) in [(0, 0.0), (5, 5.0)] {
        let src = format!(
            "use gloo_timers::callback::Interval;\nuse std::cell::Cell;\nuse std::rc::Rc;\n\nasync fn main() {{\n    spawn(late());\n    let n = Rc::new(Cell::new(0));\n    let m = n.clone();\n    let interval = Interval::new({period}, move || {{\n        m.set(m.get() + 1);\n    }});\n    sleep(1000000).await;\n    drop(interval);\n}}\n\nasync fn late() {{\n    sleep(100000).await;\n    println!(\"never\");\n}}\n"
        );
        let (sim, exec) = setup(BACKENDS[0]);
        let run = start_on(&exec, Rc::new(parse(&src).unwrap_or_else(|e| panic!("{}", e.render(&src))))).unwrap();
        run.set_run_budget(1_000);
        sim.run_until_idle(1e7);
        assert_eq!(sim.next_due(), None, "every timer is gone or has fired: the run ended");
        assert_eq!(errors(&run, &src), ["10: the run has executed 1000 statements: it is stopped here".to_string()], "{period} ms");
        assert!(printed(&run).is_empty(), "`late` never ran its line: {:?} ({period} ms)", printed(&run));
        // About 1,000 calls back, each a statement: at once, or 5 ms apart (about 5 s).
        let stopped = run.console().into_iter().find(|o| o.kind == Line::Error).map(|o| o.at);
        assert!(stopped.is_some_and(|t| t >= at * 990.0 && t <= at * 1000.0), "stopped at {stopped:?} for a period of {period} ms");
    }
}

#[test]
fn a_panic_unwinding_nine_thousand_frames_drops_each_frames_value_once() {
    // Each frame's value waits below the floor of the drops run inside it while the panic
    // unwinds: the queue was scanned from its front for each, 9,001 times over (quadratic: a
    // mutated program recursing 10,000 frames deep took 2 s natively, 28 s unoptimized).
    let src = "use std::cell::Cell;\nuse std::rc::Rc;\n\nstruct Count(Rc<Cell<u32>>);\n\nimpl Drop for Count {\n    fn drop(&mut self) {\n        self.0.set(self.0.get() + 1);\n    }\n}\n\nfn down(n: u32, c: &Rc<Cell<u32>>) {\n    let _k = Count(c.clone());\n    if n == 0 {\n        panic!(\"bottom\");\n    }\n    down(n - 1, c);\n}\n\nasync fn main() {\n    let c = Rc::new(Cell::new(0));\n    let d = c.clone();\n    let h = spawn(async move {\n        down(9000, &d);\n    });\n    sleep(1).await;\n    println!(\"{}\", c.get());\n}\n";
    run(src, |_, _, run| {
        assert_eq!(errors(run, src), ["15: panicked: bottom".to_string()]);
        assert_eq!(printed(run), [(1.0, "9001".to_string())]);
    });
}

#[test]
fn print_without_an_end_of_line_becomes_a_line_once_it_passes_the_longest_line() {
    // 600,000 characters twice with `print!`: past a million, the text waiting for its end of
    // line goes to the console as it is, at once, rather than growing without bound.
    let src = "async fn main() {\n    let s = \"x\".repeat(600000);\n    print!(\"{}\", s);\n    print!(\"{}\", s);\n    sleep(10).await;\n    println!(\"end\");\n}\n";
    run(src, |_, _, run| {
        let lines: Vec<(f64, usize)> = printed(run).into_iter().map(|(at, text)| (at, text.len())).collect();
        assert_eq!(lines, [(0.0, 1_200_000), (10.0, 3)]);
    });
}

#[test]
fn a_collection_the_playground_does_not_have_is_refused_where_it_is_named() {
    // Named by its path in a turbofish or a `let`'s type, it would be a `Vec`.
    let src =
        "async fn main() {\n    let v = vec![1, 1, 2];\n    let n = v.into_iter().collect::<std::collections::LinkedList<_>>().len();\n}\n";
    assert!(parse_error(src).starts_with("3:13: `LinkedList` is not in the playground yet"), "{}", parse_error(src));
    let src = "async fn main() {\n    let s: std::collections::LinkedList<u8> = vec![1].into_iter().collect();\n}\n";
    assert!(parse_error(src).starts_with("2:47: `LinkedList` is not in the playground yet"), "{}", parse_error(src));
}

#[test]
fn sets_named_by_their_path_keep_each_element_once_and_a_btree_one_in_order() {
    // The collections that were refused above until sets came: a turbofish and a `let` type.
    let src = "async fn main() {\n    let v = vec![3, 1, 3, 2, 1];\n    let n = v.iter().collect::<std::collections::HashSet<_>>().len();\n    let s: std::collections::BTreeSet<u8> = v.into_iter().collect();\n    println!(\"{n} {s:?}\");\n    let mut m = std::collections::BTreeMap::new();\n    m.insert(\"b\", 2);\n    m.insert(\"a\", 1);\n    *m.entry(\"c\").or_insert(0) += 3;\n    *m.entry(\"0\").or_insert(0) += 4;\n    println!(\"{m:?}\");\n}\n";
    run(src, |_, _, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, ["3 {1, 2, 3}", "{\"0\": 4, \"a\": 1, \"b\": 2, \"c\": 3}"], "{:?}", errors(run, src));
    });
    // Elements that cannot be ordered are an error at the insert, not a page panic.
    let src = "use std::collections::BTreeSet;\nstruct P(u8);\nfn main() {\n    let mut s = BTreeSet::new();\n    s.insert(P(1));\n    s.insert(P(2));\n}\n";
    run(src, |_, _, run| {
        let errs = errors(run, src);
        assert!(errs.len() == 1 && errs[0].starts_with("6: binary operation `<` cannot be applied to type `P`"), "{errs:?}");
    });
}

#[test]
fn std_types_take_the_programs_own_traits_and_the_orphan_rules_are_rustcs_errors() {
    // std's trait for std's type (E0117), an inherent impl of std's type (E0116): refused
    // before running, at the impl.
    let src = "use std::fmt;\nimpl fmt::Display for Vec<i32> {\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {\n        write!(f, \"v\")\n    }\n}\nfn main() {}\n";
    assert!(
        parse_error(src).starts_with(
            "2:1: only traits defined in this program can be implemented for types defined outside of it (`Display` for `Vec`)"
        ),
        "{}",
        parse_error(src)
    );
    let src = "impl String {\n    fn shout(&self) {}\n}\nfn main() {}\n";
    assert!(parse_error(src).starts_with("1:1: cannot define inherent `impl` for the type `String`"), "{}", parse_error(src));
    // The program's own trait for `i32` and `u8`: the literal is an `i32`, the typed value
    // takes its own type's method.
    let src = "trait Name {\n    fn name(&self) -> String;\n}\nimpl Name for i32 {\n    fn name(&self) -> String {\n        format!(\"i32 {self}\")\n    }\n}\nimpl Name for u8 {\n    fn name(&self) -> String {\n        format!(\"u8 {self}\")\n    }\n}\nfn main() {\n    let b: u8 = 2;\n    println!(\"{} {}\", 1.name(), b.name());\n}\n";
    run(src, |_, _, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, l)| l).collect();
        assert_eq!(lines, ["i32 1 u8 2"], "{:?}", errors(run, src));
    });
}

#[test]
fn a_recursive_async_fn_is_refused_unboxed_and_stops_at_the_await_depth_limit_boxed() {
    // rustc's E0733: the future would contain itself.
    let src = "async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    down(n + 1).await;\n}\n";
    assert!(parse_error(src).starts_with("5:5: recursion in an `async fn` requires boxing"), "{}", parse_error(src));
    // Boxed, it compiles, and runs until awaits nest too deep.
    let src = "async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    Box::pin(down(n + 1)).await;\n}\n";
    run(src, |_, exec, run| {
        assert_eq!(errors(run, src), ["5: awaits nest more than 32 deep here: does an async fn await itself?".to_string()]);
        assert!(completed_at(exec, run.main().expect("an async main")).is_some());
        assert!(run.failed(run.main().expect("an async main")), "a task that ends in an error is failed, not done");
    });
    // A `yield_now().await` at the limit's depth is stopped there too, at its own line.
    let src = "async fn main() {\n    down(0).await;\n}\nasync fn down(n: u64) {\n    if n == 31 {\n        yield_now().await;\n    } else {\n        Box::pin(down(n + 1)).await;\n    }\n}\n";
    run(src, |_, _, run| {
        assert_eq!(errors(run, src), ["6: awaits nest more than 32 deep here: does an async fn await itself?".to_string()]);
    });
}

#[test]
fn the_deepest_nesting_the_parser_allows_runs_with_an_await_at_the_bottom() {
    // 30 blocks inside each other (each is a block and an expression: 60 of the 64 levels the
    // parser allows), awaiting at the bottom: each
    // level is a poll inside a poll when the task resumes, and the stack holds.
    let src = format!("async fn main() {{\n{}sleep(5).await; println!(\"deep\");{}\n}}\n", "{ ".repeat(30), " }".repeat(30));
    run(&src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run), [(5.0, "deep".to_string())]);
    });
}

#[test]
fn the_limits_on_tasks_and_pending_timers_are_errors() {
    let src = "async fn main() {\n    for i in 0..1100 { let h = spawn(nap()); }\n}\nasync fn nap() { sleep(1).await; }\n";
    run(src, |_, _, run| {
        let e = errors(run, src);
        assert_eq!(e, ["2: at most 1000 tasks".to_string()]);
    });
    let src = "async fn main() {\n    for i in 0..999 { let h = spawn(many()); }\n}\nasync fn many() { join!(sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9), sleep(9)); }\n";
    run(src, |_, _, run| {
        let e = run.errors();
        assert!(!e.is_empty() && e.iter().all(|o| o.text.contains("10000 timers are pending already")), "{e:?}");
    });
}

#[test]
fn teaching_futures_misbehave_as_advertised() {
    // A lost waker inside a join: the sibling's wake polls the join again, and the join still
    // waits on the lost one forever; the task never finishes.
    let src = "async fn main() {\n    join!(lost_waker(), sleep(100));\n    println!(\"unreachable\");\n}\n";
    run(src, |_, exec, run| {
        assert!(printed(run).is_empty());
        assert_eq!(completed_at(exec, run.main().expect("an async main")), None);
        assert_eq!(exec.task_metrics(run.main().expect("an async main")).map(|m| m.polls), Some(2));
    });
    // A stale waker: polled first by `main`, then moved into another task, it still wakes
    // `main` (which is done), and the task that awaits it now is never woken by it.
    let src = "async fn main() {\n    let s = stale_waker();\n    select! { _ = s => println!(\"won\"), _ = sleep(0) => println!(\"sleep won\") }\n}\n";
    run(src, |_, _, run| assert_eq!(printed(run), [(0.0, "sleep won".to_string())]));
    let src = "async fn main() {\n    let w = wake_by_ref_then_pending();\n    w.await;\n}\n";
    run(src, |_, exec, run| {
        let e = run.errors();
        assert!(e.len() == 1 && e[0].text.contains("always wakes itself"), "{e:?}");
        assert_eq!(exec.task_metrics(run.main().expect("an async main")).map(|m| m.polls), Some(u64::from(SELF_WAKE_POLLS) + 1));
        assert_eq!(exec.task_metrics(run.main().expect("an async main")).map(|m| m.wakes.self_wake), Some(u64::from(SELF_WAKE_POLLS)));
    });
}

#[test]
fn the_await_tree_says_where_each_task_is_parked() {
    let src =
        "async fn main() {\n    let h = spawn(worker());\n    join!(sleep(100), h);\n}\nasync fn worker() {\n    sleep(50).await;\n}\n";
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let run = start_on(&exec, Rc::new(parse(src).unwrap())).unwrap();
        sim.advance(10.0);
        let tree = run.await_tree();
        let lines: Vec<(usize, Vec<(usize, &str)>)> =
            tree.iter().map(|(t, frames)| (t.0 as usize, frames.iter().map(|(s, what)| (s.line_col(src).0, *what)).collect())).collect();
        assert_eq!(lines, [(1, vec![(3, "join!")]), (2, vec![(6, "await")])], "{backend:?}");
        sim.run_until_idle(1e5);
        assert!(run.await_tree().is_empty(), "nothing parked once done");
    }
}

#[test]
fn a_live_edit_of_a_sleep_literal_reschedules_that_timer() {
    let src = "async fn main() {\n    sleep(5000).await;\n    println!(\"woke\");\n}\n";
    for backend in BACKENDS {
        let (sim, exec) = setup(backend);
        let mut run = ScenarioRun::start(&exec, &Scenario { backend, program: Some(src.to_string()), ..Scenario::default() }).unwrap();
        sim.advance(100.0);
        let edits = run.edit_text(&src.replace("5000", "500")).expect("only a number changed");
        let [(span, LiteralEdit::Rescheduled(r))] = edits.as_slice() else { panic!("{edits:?}") };
        assert_eq!(&run.source()[span.start as usize..span.end as usize], "500");
        assert_eq!((r.old_deadline, r.new_deadline), (5000.0, 500.0));
        sim.run_until_idle(1e5);
        assert_eq!(printed(run.run()), [(500.0, "woke".to_string())], "{backend:?}");
        let again = run.edit_text(&src.replace("5000", "10")).expect("a number");
        assert!(matches!(again.as_slice(), [(_, LiteralEdit::Past)]), "no longer pending: {again:?}");
        assert!(run.edit_text(&src.replace("woke", "awake")).is_none(), "more than a number: the next run");
    }
}

#[test]
fn a_live_edit_reaches_a_sleep_not_run_yet_and_every_later_timer_of_a_loop() {
    // Digits added before a literal move it: the edits still find their sleeps.
    let src =
        "async fn main() {\n    sleep(5).await;\n    for i in 0..3 {\n        sleep(100).await;\n        println!(\"{i}\");\n    }\n}\n";
    let (sim, exec) = setup(BACKENDS[0]);
    let mut run = ScenarioRun::start(&exec, &Scenario { program: Some(src.to_string()), ..Scenario::default() }).unwrap();
    sim.advance(1.0);
    let one = src.replace("sleep(5)", "sleep(5000)");
    assert!(matches!(run.edit_text(&one).as_deref(), Some([(_, LiteralEdit::Rescheduled(_))])));
    let two = one.replace("sleep(100)", "sleep(7)");
    assert!(matches!(run.edit_text(&two).as_deref(), Some([(_, LiteralEdit::Upcoming)])), "not run yet");
    let three = two.replace("0..3", "0..30");
    assert!(matches!(run.edit_text(&three).as_deref(), Some([(_, LiteralEdit::NextRun)])), "a loop bound is for the next run");
    sim.run_until_idle(1e5);
    let at: Vec<f64> = printed(run.run()).into_iter().map(|(at, _)| at).collect();
    assert_eq!(at, [5007.0, 5014.0, 5021.0], "the first sleep rescheduled to 5 s, then 7 ms each, three times");
}

#[test]
fn parse_errors_say_where_what_was_found_and_what_was_expected() {
    let cases = [
        ("async fn main() {\n    let x = 1\n}", "3:1: expected `;`, found `}`"),
        ("async fn main() {\n    match x {}\n}", "2:11: cannot find value `x` in this scope"),
        ("async fn main() {\n    unsafe x\n}", "2:12: expected a block after `unsafe`, found `x`"),
        ("macro_rules! m { () => {} }\nextern fn f() {}", "1:1: `macro_rules`, `extern` are outside what the playground runs"),
        // A known macro by a path the playground does not know is not that macro.
        ("async fn main() {\n    other::println!(\"x\");\n}", "2:12: the macro `println!` is outside what the playground runs"),
        // A lifetime's bounds are joined by `+`: two side by side are an error, as in rustc.
        ("fn f<'a, 'b: 'a 'a>() {}\nasync fn main() {}", "1:17: expected"),
        ("impl Foo {}", "1:1: cannot find type `Foo` in this scope"),
        ("fn helper() {}", "1:1: there is no `main`"),
        ("fn main() { sleep(1).await; }", "1:13: `.await` is only allowed inside `async` functions and blocks"),
        ("async fn main() { let x = 1.5e; }", "1:27: expected at least one digit in exponent"),
        ("async fn main() {\n    'a: {\n        continue 'a;\n    }\n}", "3:9: `continue` pointing to a labeled block"),
        ("enum E { A = 1, B = 1 }\nasync fn main() {}", "1:17: discriminant value `1` assigned more than once"),
        ("async fn main() { foo(); }", "1:19: cannot find value `foo` in this scope"),
        ("async fn main() { sleep(1, 2).await; }", "1:19: `sleep` takes 1 argument(s), not 2"),
        ("async fn helper() {}", "1:1: there is no `main`: the program starts there"),
        ("async fn main() { x.len(); }", "1:19: cannot find value `x` in this scope"),
        ("async fn main() { \"open }", "1:19: this string is never closed"),
        ("async fn main() { a < b < c; }", "1:21: comparison operators cannot be chained"),
        ("async fn main() { println!(\"{} {}\", 1); }", "1:28: the format string has 2 `{}` but 1 argument(s) follow"),
        ("async fn main() { let x = 99999999999999999999; }", "1:27: this number does not fit in a u64"),
        ("async fn main() {", "1:18: expected `}` to close the block"),
        ("async fn main() { join!(sleep(200), sleep(400)).await; }", "1:19: `join!(…)` is not a future"),
        ("async fn main() { true.await; }", "1:19: this literal is not a future"),
        ("async fn main() { \"now\".await; }", "1:19: this literal is not a future"),
        ("async fn main() { 'c'.await; }", "1:19: this literal is not a future"),
        ("async fn main() { ().await; }", "1:19: this literal is not a future"),
        // Parentheses widen the span of what they hold: the error points at the `(`.
        ("async fn main() { (true).await; }", "1:19: this literal is not a future"),
        ("struct P { x: u32 }\nasync fn main() { P { x: 1 }.await; }", "2:19: `P` is not a future: it has no `impl Future`"),
        ("use tokio::time::sleep;\nasync fn main() {}", "1:18: unresolved import `tokio::time::sleep`"),
        ("async fn main() { let x = 5; x = 6; }", "1:30: cannot assign twice to immutable variable `x`"),
        ("struct P { x: u32 }\nasync fn main() { let p = P { y: 1 }; }", "2:34: struct `P` has no field named `y`"),
        ("struct P { x: u32 }\nasync fn main() { let p = P {}; }", "2:27: missing field `x` in initializer of `P`"),
        ("async fn main() { break; }", "1:19: `break` outside of a loop"),
        ("async fn main() { let s = String::frob(); }", "1:27: no function or associated item named `frob` found for `String`"),
        // A function's generic parameters are types in its body: one that no argument holds is
        // told by a turbofish or the `let`'s type, and a call with neither is refused.
        (
            "fn make<T: Default>() -> T { T::default() }\nasync fn main() { let x = make(); }",
            "2:27: `make` names an item of its type parameter `T`, and no argument holds a `T`: the playground knows it only from a turbofish, `make::<YourType>(…)`, or from a `let`'s written type where the result goes",
        ),
        (
            "fn helper() { sleep(1).await; }\nasync fn main() {}",
            "1:15: `.await` is only allowed inside `async` functions and blocks: `fn helper` is not async",
        ),
        (
            "const X: u32 = {\n    sleep(1).await;\n    1\n};\nasync fn main() {}",
            "2:5: `.await` is only allowed inside `async` functions and blocks: `const X` is not async",
        ),
        // Items and patterns rustc rejects, each at its place.
        ("async fn main(x: u32) {}", "1:10: `main` takes no parameters"),
        ("trait T { fn f(&self); }\nstruct S;\nimpl T for S { fn f(&self); }\nasync fn main() {}", "3:19: `f` has no body"),
        ("struct S;\nimpl Missing for S {}\nasync fn main() {}", "2:6: cannot find trait `Missing` in this scope (is it imported?)"),
        ("async fn main() { let v = Vec::frob(); }", "1:27: no function or associated item named `frob` found for `Vec` in the playground"),
        ("enum E { A { x: u8 } }\nasync fn main() { let a = E::A { x: 1 }; let b = E::A { ..a }; }", "2:50: `..base` is for structs"),
        ("enum E { A { x: u8, y: u8 } }\nasync fn main() { let a = E::A { x: 1 }; }", "2:27: missing field `y` in initializer of `E::A`"),
        ("enum E { A { x: u8 } }\nasync fn main() { let a = E::A { z: 1 }; }", "2:37: variant `E::A` has no field named `z`"),
        ("struct P(u8, u8);\nasync fn main() { let p = P(1, 2); let P(a) = p; }", "2:40: this pattern has 1 field(s), but `P` has 2"),
        ("struct P { x: u8 }\nasync fn main() { let p = P { x: 1 }; let P { z } = p; }", "2:47: `P` does not have a field named `z`"),
        (
            "struct P { x: u8, y: u8 }\nasync fn main() { let p = P { x: 1, y: 2 }; let P { x } = p; }",
            "2:49: pattern does not mention every field of `P`: add `..`",
        ),
        // An enum's name is not a struct's: a struct literal of it is an error.
        ("enum E { A }\nasync fn main() { let x = E {}; }", "2:27: cannot find struct `E` in this scope"),
        // Byte literals are `u8`s; each malformed one is an error at the literal, as in rustc.
        ("async fn main() { let b = b'\u{e9}'; }", "1:27: non-ASCII character in byte literal"),
        ("async fn main() { let b = b''; }", "1:27: empty byte literal"),
        ("async fn main() { let b = b'ab'; }", "1:27: this byte literal is never closed"),
        ("async fn main() { let b = b'\\q'; }", "1:27: unknown byte escape"),
        ("async fn main() { let b = b'\\xZ1'; }", "1:27: invalid character in numeric character escape"),
        ("async fn main() { let b = b'", "1:27: this byte literal is never closed"),
        ("async fn main() { let b = b\"a\u{e9}\"; }", "1:27: non-ASCII character in byte string literal"),
        ("async fn main() { let b = b\"a\\q\"; }", "1:27: unknown byte escape"),
        ("async fn main() { let b = b\"ab", "1:27: this byte string is never closed"),
        ("async fn main() { let b = br#\"ab\"; }", "1:27: this raw byte string is never closed"),
        ("async fn main() { let b = br\"\u{e9}\"; }", "1:27: non-ASCII character in raw byte string literal"),
    ];
    for (src, want) in cases {
        let got = parse_error(src);
        assert!(got.starts_with(want), "{src:?}\n got: {got}\nwant: {want}");
    }
    let deep = format!("async fn main() {{ {} }}", "{".repeat(100) + &"}".repeat(100));
    assert!(parse_error(&deep).contains("nests more than 64 levels"));
    // Long chains recurse as deep as nested blocks when run: they are bounded the same way.
    let sum = format!("async fn main() {{ let x = {}1; }}", "1 + ".repeat(5000));
    assert!(parse_error(&sum).contains("nests more than 64 levels"));
    let chain = format!("async fn main() {{ {} {{}} }}", "if true {} else ".repeat(3000));
    assert!(parse_error(&chain).contains("nests more than 64 levels"));
    let nots = format!("async fn main() {{ let x = {}true; }}", "!".repeat(5000));
    assert!(parse_error(&nots).contains("nests more than 64 levels"));
    let ok = format!("async fn main() {{ let x = {}1; }}", "1 + ".repeat(40));
    assert!(parse(&ok).is_ok());
    let long = format!("async fn main() {{}}{}", " ".repeat(70_000));
    assert!(parse_error(&long).contains("the limit is 65536"));
}

/// Programs that parse, for the mutation fuzz: the old subset's, and the differential test's
/// programs with structs, impls, traits, closures, patterns and hand-written futures.
const CORPUS: [&str; 12] = [
    EXAMPLE,
    include_str!("../src/play/programs/own_timer.rs"),
    include_str!("oracle/corpus/closures_in_structs.rs"),
    include_str!("oracle/corpus/traits_and_generics.rs"),
    include_str!("oracle/corpus/patterns_refs.rs"),
    include_str!("../src/play/programs/own_join.rs"),
    include_str!("oracle/corpus/rc_refcell.rs"),
    include_str!("oracle/corpus/format_specs.rs"),
    include_str!("oracle/corpus/enum_methods_state.rs"),
    "async fn main() { let (a, b) = join!(sleep(3), f(2)); if a == () { println!(\"{}\", b); } }\nasync fn f(n: u64) -> u64 { n * 2 }",
    "async fn main() { let mut i = 0; while i < 10 { i += 1; yield_now().await; } select! { _ = sleep(1) => {}, x = g() => {} } }\nasync fn g() {}",
    "async fn main() { for i in 0..3 { let h = spawn(w(i)); h.await; } drop(sleep(5)); }\nasync fn w(n: u64) { sleep(n).await; }",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Whatever the form holds (any allowed names, clashing once `-` becomes `_`, or taken by
    /// the language), it writes a program that parses and runs one task per form task.
    #[test]
    fn every_valid_form_writes_a_program_that_runs_its_tasks(
        names in prop::collection::vec(prop_oneof![
            "[A-Za-z0-9_-]{1,6}",
            Just("main".to_string()), Just("sleep".to_string()), Just("fn".to_string()), Just("_".to_string()),
            Just("self".to_string()), Just("true".to_string()), Just("a-b".to_string()), Just("a_b".to_string()),
        ], 1..6),
        ms in prop::collection::vec(0u64..500, 1..4),
    ) {
        let mut seen = std::collections::HashSet::new();
        let tasks: Vec<waker_playground::play::TaskSpec> = names
            .iter()
            .filter(|n| seen.insert(n.to_string()))
            .map(|n| waker_playground::play::TaskSpec::new(n, vec![Step::Sleep(ms[0]), Step::Join(ms.clone()), Step::Select(ms.clone()), Step::Yield]))
            .collect();
        let scenario = Scenario { tasks, ..Scenario::default() };
        prop_assert!(scenario.validate().is_ok());
        let (sim, exec) = setup(BACKENDS[0]);
        let run = ScenarioRun::start(&exec, &scenario).map_err(TestCaseError::fail)?;
        sim.run_until_idle(1e5);
        prop_assert!(run.run().errors().is_empty(), "{:?}", run.run().errors());
        let ids = run.tasks();
        prop_assert_eq!(ids.len(), scenario.tasks.len());
        for (spec, id) in scenario.tasks.iter().zip(&ids) {
            prop_assert_eq!(completed_at(&exec, *id), spec.ideal_ms().map(|ms| ms as f64));
        }
    }

    #[test]
    fn arbitrary_text_never_panics_and_errors_point_inside_it(src in "\\PC{0,200}") {
        if let Err(e) = parse(&src) {
            prop_assert!((e.span.start as usize) <= src.len(), "{e:?} in {} bytes", src.len());
            let (line, col) = e.span.line_col(&src);
            prop_assert!(line >= 1 && col >= 1);
        }
    }

    #[test]
    fn mutated_programs_never_panic_and_run_to_an_end(which in 0..CORPUS.len(), at in 0usize..20_000, cut in 0usize..6, insert in "[ -~]{0,4}") {
        let base = CORPUS[which];
        let at = base.char_indices().map(|(i, _)| i).nth(at % base.chars().count()).unwrap_or(0);
        let end = (at + cut).min(base.len());
        let end = (end..=base.len()).find(|&i| base.is_char_boundary(i)).unwrap_or(base.len());
        let src = format!("{}{}{}", &base[..at], insert, &base[end..]);
        // On a thread with the stack the deepest programs' test gives them: the language bounds
        // nesting by count, which the page's wasm stack holds (tests/web.rs measures it), and an
        // unoptimized build's frames are several times larger than the page's.
        let checked = std::thread::Builder::new()
            .stack_size(16 << 20)
            .spawn(move || -> Result<(), String> {
                match parse(&src) {
                    Err(e) if (e.span.start as usize) <= src.len() => Ok(()),
                    Err(e) => Err(format!("an error past the end: {e:?}")),
                    Ok(program) => {
                        let (sim, exec) = setup(BACKENDS[0]);
                        let run = start_on(&exec, Rc::new(program)).map_err(|e| format!("did not start: {e}"))?;
                        run.set_run_budget(100_000);
                        // Whatever it does, it ends: every budget and limit holds, so nothing is
                        // left to happen (virtual time is free: a sleep of a day costs nothing)
                        // but a timer past the horizon, a sleep longer than it (`sleep(!i)`, u64::MAX
                        // ms less i: the page's clock stops at a day and says that timer never fires).
                        const HORIZON_MS: f64 = 1e12;
                        sim.run_until_idle(HORIZON_MS);
                        match sim.next_due() {
                            None => Ok(()),
                            Some(due) if due > HORIZON_MS => Ok(()),
                            Some(due) => Err(format!("a timer still due at {due} ms: {src}")),
                        }
                    }
                }
            })
            .expect("a thread")
            .join();
        prop_assert!(matches!(checked, Ok(Ok(()))), "{:?}", checked.map_err(|_| "the run panicked"));
    }
}

#[test]
fn a_plain_fn_main_spawns_tasks_before_the_executor_polls_any() {
    // As the book's `main`: it spawns, returns, and only then does the executor run.
    let src = "fn main() {\n    println!(\"spawning\");\n    for i in 1..4 {\n        spawn(worker(i));\n    }\n    let t = sleep(50);\n}\n\nasync fn worker(n: u64) {\n    sleep(100 * n).await;\n    println!(\"worker {n}\");\n}\n";
    run(src, |_, exec, run| {
        assert_eq!(run.main(), None, "main is no task");
        let tasks = run.tasks();
        assert_eq!(tasks.len(), 3);
        // Tasks of one function are told apart.
        let names: Vec<String> = tasks.iter().map(|t| run.names().get(t).map(|n| n.to_string()).unwrap_or_default()).collect();
        assert_eq!(names, ["worker", "worker#2", "worker#3"]);
        let done: Vec<Option<f64>> = tasks.iter().map(|&t| completed_at(exec, t)).collect();
        assert_eq!(done, [Some(100.0), Some(200.0), Some(300.0)]);
        assert_eq!(
            printed(run),
            [(0.0, "spawning".to_string()), (100.0, "worker 1".into()), (200.0, "worker 2".into()), (300.0, "worker 3".into())]
        );
        // The sleep main made and never awaited was dropped as main returned, before any poll.
        let notes: Vec<Output> = run.console().into_iter().filter(|o| o.kind == Line::Note).collect();
        assert!(notes.iter().any(|o| o.at == 0.0 && o.task.is_none() && o.text.contains("without ever being awaited")), "{notes:?}");
        let first_poll = events(exec).iter().position(|e| e.kind == EventKind::PollStarted);
        let last_spawn = events(exec).iter().rposition(|e| e.kind == EventKind::Spawned);
        assert!(last_spawn < first_poll, "every spawn comes before the first poll");
    });
    // A `fn main` that never returns is the main thread looping: it is preempted like any thread
    // (so the page and the executor's tasks go on), and the run's budget stops it.
    let (sim, exec) = setup(BACKENDS[0]);
    let src = "fn main() {\n    spawn(async { println!(\"a task still runs\"); });\n    loop {}\n}\n";
    let run = start_on(&exec, Rc::new(parse(src).expect("parses"))).expect("starts");
    run.set_run_budget(100_000);
    sim.run_until_idle(1e7);
    assert_eq!(printed(&run), [(0.0, "a task still runs".to_string())]);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].text, "the run has executed 100000 statements: it is stopped here");
    assert!(exec.is_empty());
}

#[test]
fn a_run_that_awaits_forever_stops_at_the_default_budget_of_twenty_million_statements() {
    // No override: the budget a learner's run gets. Each poll runs about 60,000 statements, under the
    // per-poll budget, so only the per-run budget can stop it.
    let src = "async fn main() {\n    loop {\n        let mut i = 0;\n        while i < 30000 {\n            i += 1;\n        }\n        yield_now().await;\n    }\n}\n";
    let (sim, exec) = setup(BACKENDS[0]);
    let run = start_on(&exec, Rc::new(parse(src).unwrap())).unwrap();
    sim.run_until_idle(1e9);
    let errs = errors(&run, src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].ends_with(&format!("the run has executed {RUN_BUDGET} statements: it is stopped here")), "{errs:?}");
    assert!(run.steps() >= RUN_BUDGET && run.steps() < RUN_BUDGET + 10, "{}", run.steps());
    assert!(completed_at(&exec, run.main().expect("an async main")).is_some());
}

#[test]
fn a_program_of_exactly_64_kb_runs_and_one_byte_more_is_refused() {
    let body = "async fn main() {\n    println!(\"fits\");\n}\n";
    let pad = |n: usize| format!("{body}//{}", "x".repeat(n - body.len() - 2));
    let exact = pad(MAX_SOURCE);
    assert_eq!(exact.len(), MAX_SOURCE);
    run(&exact, |_, _, run| assert_eq!(printed(run), [(0.0, "fits".to_string())]));
    let over = pad(MAX_SOURCE + 1);
    assert_eq!(
        parse(&over).expect_err("too long").message,
        format!("the program is {} bytes long; the limit is {MAX_SOURCE}", MAX_SOURCE + 1)
    );
}

#[test]
fn nesting_runs_up_to_the_depth_limit_and_one_level_more_is_refused_at_that_level() {
    // Parentheses around a number: each pair is one more level. Find the deepest that parses,
    // then check that it runs, and that one more pair is refused at the pair that goes past.
    let src = |n: usize| format!("async fn main() {{\n    let x = {}7{};\n    println!(\"{{}}\", x);\n}}\n", "(".repeat(n), ")".repeat(n));
    let deepest = (1..=MAX_DEPTH).rev().find(|&n| parse(&src(n)).is_ok()).expect("some nesting parses");
    // The function, its block and the statement take a few of the levels; the rest are the parentheses'.
    assert!(deepest + 8 >= MAX_DEPTH && deepest < MAX_DEPTH, "{deepest} of {MAX_DEPTH}");
    run(&src(deepest), |_, _, run| assert_eq!(printed(run), [(0.0, "7".to_string())]));
    let over = src(deepest + 1);
    let err = parse(&over).expect_err("one level more");
    assert!(err.message.starts_with(&format!("this nests more than {MAX_DEPTH} levels deep")), "{}", err.message);
    let (line, col) = err.span.line_col(&over);
    assert_eq!(line, 2);
    assert!(col > 13 && col <= 13 + deepest + 1, "the error is on a parenthesis: column {col}");
}

#[test]
fn spins_add_up_to_five_seconds_in_a_run_and_no_more() {
    // Five one-second spins are the most a run may spin in all; the sixth is refused at its line.
    let src = "async fn main() {\n    for i in 0..5 {\n        spin(1000);\n        println!(\"{}\", i);\n    }\n    spin(1);\n    println!(\"never\");\n}\n";
    run(src, |_, _, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["0", "1", "2", "3", "4"]);
        let errs = errors(run, src);
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert!(errs[0].starts_with("6: spinning 1 ms would freeze the page"), "{errs:?}");
        assert!(errs[0].contains(&format!("all spins together at most {MAX_TOTAL_SPIN_MS} ms")), "{errs:?}");
    });
    // Each spin takes its time: the fifth line is printed no earlier than 5 s in.
    run(src, |_, _, run| assert!(printed(run)[4].0 >= 5000.0, "{:?}", printed(run)));
}

#[test]
fn corpus_programs_found_by_mutation_testing_print_what_rustc_prints() {
    // The differential test checks these programs against rustc; here their lines are checked in
    // the crate's own suite too (each was written for mutants that the suite let through).
    let programs: [(&str, &[&str]); 12] = [
        (include_str!("oracle/corpus/module_imports_with_self.rs"), &["1.5s 2s 500ms true", "poll then wake"]),
        (
            include_str!("oracle/corpus/int_signs_and_cell_parts.rs"),
            &["-3: false true -1", "0: false false 0", "5: true false 1", "false true false true ", "7", "15 Cell { value: 15 }", "[1, 2] 2"],
        ),
        (
            include_str!("oracle/corpus/break_after_ranges.rs"),
            &["round 1: 30 70 1 3", "round 2: 30 70 3 3", "total 109", "k 1 s 3", "k 2 s 6", "k 3 s 9", "found Some((2, 2))"],
        ),
        (
            include_str!("oracle/corpus/format_width_from_arguments.rs"),
            &["[    42]", "[ab    |  cd  ]", "[   7]", "[ab]", "[     wak]", "[00009] [00012]", "----mid---- 11"],
        ),
        (include_str!("oracle/corpus/inspect_sees_each_item.rs"), &["6 [10, 20, 30]", "1 2 3 [1, 3]"]),
        (
            include_str!("oracle/corpus/ufcs_xor_attributes.rs"),
            &[
                "Pair(1, 2) Pair(2, 4) true",
                "Some(3) Some(4)",
                "Some(2) Some(1)",
                "None None",
            ],
        ),
        (
            include_str!("oracle/corpus/filter_calls_and_refcell_debug.rs"),
            &[
                "Some(4) None None 2",
                "RefCell { value: [1, 2] }",
                "RefCell { value: <borrowed> }",
                "RefCell { value: [1, 2, 3] } RefCell { value: \"x\" }",
            ],
        ),
        (
            include_str!("oracle/corpus/clone_through_refs_and_whitespace.rs"),
            &[
                "[1, 2] [1, 2, 3]",
                "[7, 20] [10, 20] [20]",
                "Some(5) 6",
                "3 false true",
            ],
        ),
        (
            include_str!("oracle/corpus/result_or_else_and_default_path.rs"),
            &[
                "Ok(1) Ok(2) 1",
                "Settings { retries: 0, name: \"\" } 3 \"\"",
            ],
        ),
        (
            include_str!("oracle/corpus/shifts_into_the_sign_bit.rs"),
            &[
                "-128 -2147483648 -4611686018427387904",
                "13835058055282163712 -4",
                "Ac",
            ],
        ),
        (
            include_str!("oracle/corpus/try_from_at_the_edges.rs"),
            &[
                "Ok(0) Ok(255) Err(TryFromIntError(())) Err(TryFromIntError(()))",
                "Ok(-128) Err(TryFromIntError(())) Ok(127)",
                "out of range integral type conversion attempted",
                "Err(ParseIntError { kind: PosOverflow }) Err(ParseIntError { kind: NegOverflow }) Err(ParseIntError { kind: InvalidDigit })",
                "Err(ParseIntError { kind: Empty }) Err(ParseIntError { kind: InvalidDigit }) Ok(255)",
                "number too small to fit in target type / 38",
                "true",
            ],
        ),
        (
            include_str!("oracle/corpus/builder_mut_self.rs"),
            &[
                "Request { url: \"/a\", retries: 3 }",
                "Request { url: \"/home\", retries: 0 } Request { url: \"/b\", retries: 0 }",
            ],
        ),
    ];
    for (src, want) in programs {
        run(src, |_, _, run| {
            assert!(run.errors().is_empty(), "{:?}", run.errors());
            let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
            assert_eq!(lines, want);
        });
    }
}

#[test]
fn only_the_two_stale_waker_presets_name_a_stale_waker() {
    use waker_playground::core::SourceKind;
    let named = std::cell::RefCell::new(Vec::new());
    for p in waker_playground::play::PRESETS {
        let Some(src) = p.scenario().program else { continue };
        run(&src, |_, exec, _| {
            let stale: Vec<String> = events(exec)
                .iter()
                .filter_map(|e| match e.kind {
                    EventKind::Source { why: SourceKind::Stale, start, end } => {
                        Some(format!("{:?} {}", e.task, &src[start as usize..end as usize]))
                    }
                    _ => None,
                })
                .collect();
            if !stale.is_empty() && !named.borrow().contains(&p.id) {
                named.borrow_mut().push(p.id);
            }
        });
    }
    assert_eq!(named.into_inner(), ["stale-waker", "own-stale-waker"]);
}

/// An integer type of the language, with its range.
fn int_types() -> impl Strategy<Value = (&'static str, i128, i128)> {
    prop_oneof![
        Just(("u8", 0i128, 255i128)),
        Just(("i8", -128, 127)),
        Just(("u32", 0, i128::from(u32::MAX))),
        Just(("i32", i128::from(i32::MIN), i128::from(i32::MAX))),
        Just(("i64", i128::from(i64::MIN), i128::from(i64::MAX))),
        Just(("u64", 0, i128::from(u64::MAX))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// `a op b` of two typed integers, of a typed integer and a literal (on either side), and of two references
    /// (the evaluator's direct path and its general one) all mean what Rust's checked
    /// arithmetic and comparisons mean: the value, or the overflow panic at the line.
    #[test]
    fn integer_operators_mean_rusts_checked_arithmetic_on_every_path(
        (ty, lo, hi) in int_types(),
        (fx, fy) in (0.0f64..=1.0, 0.0f64..=1.0),
        small in prop::bool::ANY,
        op in prop::sample::select(vec!["+", "-", "*", "==", "!=", "<", "<=", ">", ">="]),
    ) {
        // Values across the type's range, or small ones (where most arithmetic fits).
        let pick = |f: f64| -> i128 {
            if small { (lo.max(-20) as f64 + f * ((hi.min(20) - lo.max(-20)) as f64)).round() as i128 }
            else { (lo as f64 + f * (hi - lo) as f64).clamp(lo as f64, hi as f64) as i128 }
        };
        let (x, y) = (pick(fx).clamp(lo, hi), pick(fy).clamp(lo, hi));
        let want = match op {
            "+" | "-" | "*" => {
                let n = match op { "+" => x.checked_add(y), "-" => x.checked_sub(y), _ => x.checked_mul(y) };
                match n.filter(|n| (lo..=hi).contains(n)) {
                    Some(n) => Ok(n.to_string()),
                    None => Err(format!("4: panicked: attempt to {} with overflow", match op { "+" => "add", "-" => "subtract", _ => "multiply" })),
                }
            }
            _ => Ok(match op {
                "==" => x == y, "!=" => x != y, "<" => x < y, "<=" => x <= y, ">" => x > y, _ => x >= y,
            }.to_string()),
        };
        for (form, lhs, rhs) in [("typed", "a", "b"), ("literal", "a", "LIT"), ("literal first", "LIT", "b"), ("references", "&a", "&b")] {
            let lhs = if lhs == "LIT" { x.to_string() } else { lhs.to_string() };
            let rhs = if rhs == "LIT" { y.to_string() } else { rhs.to_string() };
            let src = format!("async fn main() {{\n    let a: {ty} = {x};\n    let b: {ty} = {y};\n    println!(\"{{}}\", {lhs} {op} {rhs});\n}}\n");
            let (sim, exec) = setup(BACKENDS[0]);
            let run = start_on(&exec, Rc::new(parse(&src).unwrap_or_else(|e| panic!("{}", e.render(&src))))).expect("starts");
            sim.run_until_idle(1e5);
            let got = match errors(&run, &src).first() {
                Some(e) => Err(e.clone()),
                None => Ok(printed(&run).first().map(|(_, t)| t.clone()).unwrap_or_default()),
            };
            prop_assert_eq!(&got, &want, "{} form: {}", form, src);
        }
    }
}

/// `yield_now().await` keeps its future in the task's fiber instead of making it as a value: a
/// future made first and awaited later (`let y = yield_now(); y.await`) is the general path.
/// Both must be the same to the executor and the learner, in tasks and in a `join!`'s async
/// blocks: the same events (kind, time, task) in the same order, the same console, and the same
/// await tree (what each task awaits, how deep) after each turn of the event loop.
#[test]
fn yield_now_awaited_in_place_is_the_same_as_a_yield_now_future_awaited() {
    let body = |yield_expr: &str| {
        format!(
            "async fn main() {{\n    for i in 0..3u64 {{\n        spawn(worker(i));\n    }}\n    {yield_expr};\n    join!(async {{ {yield_expr}; println!(\"a\"); }}, async {{ {yield_expr}; {yield_expr}; println!(\"b\"); }});\n    println!(\"main\");\n}}\n\nasync fn worker(n: u64) {{\n    for k in 0..n + 2 {{\n        {yield_expr};\n        println!(\"{{}} {{}}\", n, k);\n    }}\n    sleep(5).await;\n    {yield_expr};\n}}\n"
        )
    };
    let observe = |src: &str| {
        let (sim, exec) = setup(BACKENDS[0]);
        let run = start_on(&exec, Rc::new(parse(src).unwrap_or_else(|e| panic!("{}", e.render(src))))).expect("starts");
        // Where each task is parked (what it awaits, how deep), after each turn of the loop.
        let mut trees = Vec::new();
        for _ in 0..200 {
            trees.push(
                run.await_tree().into_iter().map(|(t, a)| (t, a.into_iter().map(|(_, w)| w).collect::<Vec<_>>())).collect::<Vec<_>>(),
            );
            if sim.run_microtasks() == 0 {
                match sim.next_due() {
                    Some(t) => sim.run_until(t),
                    None => break,
                }
            }
        }
        sim.run_until_idle(1e5);
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        let evs: Vec<(f64, Option<TaskId>, &'static str)> = events(&exec).iter().map(|e| (e.at, e.task, e.kind.name())).collect();
        (evs, printed(&run), trees)
    };
    let (in_place, made) = (body("yield_now().await"), body("let y = yield_now();\n        y.await"));
    let (a, b) = (observe(&in_place), observe(&made));
    assert!(a.0.iter().filter(|e| e.2 == "woken").count() >= 12, "the workers yield: {:?}", a.0);
    assert_eq!(a.1.len(), 12, "{:?}", a.1);
    assert_eq!(a.0, b.0, "events");
    assert_eq!(a.1, b.1, "console");
    assert_eq!(a.2, b.2, "await trees");
    assert!(a.2.iter().any(|t| t.len() == 3 && t.iter().all(|(_, w)| w == &["await"])), "the workers are seen parked: {:?}", a.2);
}

/// Only a direct `yield_now().await` keeps its future in the fiber: a `yield_now()` that is one
/// branch of what is awaited is a future value like any other, and every branch is awaited.
#[test]
fn a_yield_now_future_chosen_by_a_branch_is_awaited_whichever_branch_made_it() {
    let src = "async fn main() {\n    for i in 0..4u32 {\n        (if i % 2 == 0 { yield_now() } else { yield_now() }).await;\n        let f = match i { 0 => yield_now(), _ => yield_now() };\n        f.await;\n        println!(\"{}\", i);\n    }\n}\n";
    run(src, |_, exec, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["0", "1", "2", "3"]);
        // Two yields a turn, each a poll of its own: 8 Pendings, then the last poll.
        assert_eq!(exec.stats().polls, 9);
    });
}

/// `cx.waker().wake_by_ref()` wakes through the borrowed waker, as in Rust: no clone of the
/// executor's waker is made (or counted, or dropped) for it. `cx.waker().clone()` is a clone.
#[test]
fn wake_by_ref_through_cx_makes_no_clone_and_a_clone_is_one() {
    let program = |body: &str| {
        format!(
            "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{{Context, Poll}};\nstruct Once(bool);\nimpl Future for Once {{\n    type Output = ();\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {{\n        if self.0 {{\n            return Poll::Ready(());\n        }}\n        self.0 = true;\n        {body}\n        Poll::Pending\n    }}\n}}\nasync fn main() {{\n    Once(false).await;\n}}\n"
        )
    };
    for (body, clones) in [("cx.waker().wake_by_ref();", 0), ("let w = cx.waker().clone();\n        w.wake();", 1)] {
        let src = program(body);
        run(&src, |_, exec, run| {
            assert!(run.errors().is_empty(), "{:?}", run.errors());
            let main = run.main().expect("an async main");
            let w = exec.task_metrics(main).expect("metrics").wakers;
            assert_eq!((w.clones, w.drops), (clones, clones), "{body}");
            let cloned = events(exec).iter().filter(|e| matches!(e.kind, EventKind::WakerCloned)).count() as u64;
            assert_eq!(cloned, clones, "{body}");
            assert_eq!(exec.stats().polls, 2, "woken once, polled again: {body}");
        });
    }
}

/// A closure is compiled in its function's context: `Self` is the impl's type, the function's
/// generic parameters are types, and messages name it after its function.
#[test]
fn closures_see_their_functions_self_and_generics_and_are_named_after_it() {
    let src = "struct Counter { n: u32 }\nimpl Counter {\n    fn start() -> u32 { 10 }\n    fn bump(&mut self) -> u32 {\n        let add = |k: u32| Self::start() + k;\n        self.n = add(self.n);\n        self.n\n    }\n}\nasync fn main() {\n    let mut c = Counter { n: 1 };\n    println!(\"{}\", c.bump());\n    let h = spawn(async { sleep(5).await; 7 });\n    println!(\"{}\", h.await);\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run), [(0.0, "11".to_string()), (5.0, "7".to_string())]);
    });
    let awaits = "async fn main() {\n    let c = || { sleep(1).await; };\n}\n";
    assert_eq!(parse_error(awaits), "2:18: `.await` is only allowed inside `async` functions and blocks: `fn main::closure` is not async");
    let generic = "fn make<T: Default>() -> T {\n    let c = || T::default();\n    c()\n}\nasync fn main() {}";
    assert_eq!(
        parse_error(generic),
        "2:16: `T::default`: associated items of a generic type (`T::new()`, `T::MAX`) are not supported in the playground yet"
    );
}

/// futures' `select!` arms `complete` and `default`: a finished future is skipped, `complete`
/// runs once every future has finished, `default` when none is ready; a select whose futures
/// have all finished, without a `complete` arm, panics with futures' message; one `complete`
/// arm at most. (The async book's listing itself is in the differential test's thread programs.)
#[test]
fn select_complete_and_default_arms_do_what_futures_does() {
    let src = "async fn main() {\n    let mut a = std::future::ready(1);\n    let mut b = sleep(100);\n    let mut idle = 0;\n    loop {\n        select! {\n            x = a => println!(\"a {x}\"),\n            _ = b => println!(\"b\"),\n            complete => break,\n            default => { idle += 1; sleep(30).await; }\n        }\n    }\n    println!(\"idle turns {}\", idle > 0);\n}";
    run(src, |_, _, run| {
        let lines = printed(run);
        let texts: Vec<&str> = lines.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(texts, ["a 1", "b", "idle turns true"]);
        assert!(lines[1].0 >= 100.0, "the sleep finished no earlier than its 100 ms: {lines:?}");
    });
    let src = "async fn main() {\n    let mut a = std::future::ready(1);\n    loop {\n        select! {\n            x = a => println!(\"a {x}\"),\n        }\n    }\n}";
    prints_then_fails_at(
        src,
        &["a 1"],
        "panicked: all futures in select! were completed, but no `complete =>` handler was provided",
        "select! {\n            x = a => println!(\"a {x}\"),\n        }",
    );
    let twice = "async fn main() {\n    select! { _ = sleep(1) => {}, complete => {}, complete => {} }\n}";
    assert!(parse_error(twice).contains("select! has one `complete` arm at most"), "{}", parse_error(twice));
}

/// When the run's statement budget stops it, a task that had not finished is aborted (its
/// future dropped unfinished, as when a process ends), never shown as done: its code after the
/// stop never runs, its lane ends in an abort, and its state in the Tasks table's fold is
/// aborted. (Before, it returned Ready, and the Tasks table showed it done.)
#[test]
fn a_task_the_run_budget_stopped_is_aborted_not_done() {
    let src = "async fn main() {\n    spawn(async {\n        println!(\"task start\");\n        sleep(10).await;\n        println!(\"timer task ran\");\n    });\n    sleep(1).await;\n    loop {\n        yield_now().await;\n    }\n}\n";
    let (exec, run) = run_with_budget(src, 10_000);
    assert_eq!(printed(&run).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["task start"]);
    let main = run.main().expect("an async main");
    let ends = task_ends(&exec);
    assert_eq!(ends.len(), 2, "{ends:?}");
    assert!(ends.contains(&(Some(main), EventKind::Completed)), "main ended in its error: {ends:?}");
    let other = ends.iter().find(|(t, _)| *t != Some(main)).expect("the spawned task ended");
    assert_eq!(other.1, EventKind::Aborted, "{ends:?}");
    let mut state = waker_playground::core::RunState::new();
    exec.with_trace(|t| t.iter().for_each(|e| state.apply(&e, |id| t.name(id))));
    let m = state.metrics(state.at, 1e9).into_iter().find(|m| Some(m.id) == other.0).expect("its row");
    assert!(m.aborted, "the Tasks table shows it aborted");
}

/// A task that nothing would ever wake again (it awaits `pending()`) is aborted too when the run
/// is stopped, not left waiting: it is never polled again, so it is aborted from outside its poll.
#[test]
fn a_task_nothing_wakes_is_aborted_when_the_run_stops() {
    let src = "async fn main() {\n    spawn(async {\n        println!(\"parked\");\n        std::future::pending::<()>().await;\n    });\n    sleep(1).await;\n    loop {\n        yield_now().await;\n    }\n}\n";
    let (exec, run) = run_with_budget(src, 10_000);
    assert_eq!(printed(&run).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["parked"]);
    let main = run.main().expect("an async main");
    let ends = task_ends(&exec);
    assert_eq!(ends.len(), 2, "both tasks ended: {ends:?}");
    let other = ends.iter().find(|(t, _)| *t != Some(main)).expect("the parked task ended");
    assert_eq!(other.1, EventKind::Aborted, "{ends:?}");
    assert!(exec.is_empty(), "no task is left waiting");
}

/// Awaiting the handle of a task that panicked never ends (there is no value to give; it gave
/// `()` and the awaiting task went on with a value of the wrong type): the console says why,
/// once, at the `.await`, and the awaiting task stays parked there.
#[test]
fn awaiting_a_task_that_panicked_never_ends_and_says_why() {
    let src = "async fn main() {\n    let h = spawn(async {\n        sleep(10).await;\n        if true { panic!(\"child failed\"); }\n        42u32\n    });\n    let v = h.await;\n    println!(\"v = {:?}\", v);\n}\n";
    run(src, |_, exec, run| {
        assert!(printed(run).is_empty(), "nothing after the await runs: {:?}", printed(run));
        let notes: Vec<String> = run.console().into_iter().filter(|o| o.kind == Line::Note).map(|o| o.text).collect();
        assert_eq!(notes.iter().filter(|n| n.contains("the task awaited here panicked")).count(), 1, "{notes:?}");
        assert_eq!(errors(run, src), ["4: panicked: child failed".to_string()]);
        assert!(!exec.is_empty(), "main waits at the await, not done");
    });
}

/// A `main` that returns a `Result` and gives an `Err` ends as Rust's `Termination` ends it:
/// `Error: {e:?}` in the console and `main` failed (it ended silently as a success).
#[test]
fn main_returning_err_fails_with_rusts_error_line() {
    let sync = "fn main() -> Result<(), std::num::ParseIntError> {\n    let n: i32 = \"12\".parse()?;\n    println!(\"n = {n}\");\n    let _m: i32 = \"x\".parse()?;\n    println!(\"not reached\");\n    Ok(())\n}\n";
    run(sync, |_, _, run| {
        assert_eq!(printed(run), [(0.0, "n = 12".to_string())]);
        assert_eq!(errors(run, sync), ["1: Error: ParseIntError { kind: InvalidDigit }".to_string()]);
    });
    let asynchronous =
        "#[derive(Debug)]\nenum E { Late(u64) }\nasync fn main() -> Result<(), E> {\n    sleep(5).await;\n    Err(E::Late(5))\n}\n";
    run(asynchronous, |_, exec, run| {
        assert_eq!(errors(run, asynchronous), ["3: Error: Late(5)".to_string()]);
        let main = run.main().expect("an async main");
        assert!(kinds(exec).iter().any(|(_, t, k)| *t == Some(main) && matches!(k, EventKind::Failed { panic: false })), "main failed");
    });
    let fine = "fn main() -> Result<(), String> {\n    println!(\"ok\");\n    Ok(())\n}\n";
    run(fine, |_, _, run| assert!(run.errors().is_empty(), "{:?}", run.errors()));
}

/// `dbg!` prints `[src/main.rs:line:col] expression = {:#?}` (the Rust Book's chapter 5.2,
/// checked against rustc 1.95 with the file named as a Cargo project's) and gives the value on.
#[test]
fn dbg_prints_where_and_what_and_passes_the_value_on() {
    let src = "#[derive(Debug)]\nstruct Rectangle {\n    width: u32,\n    height: u32,\n}\n\nfn main() {\n    let scale = 2;\n    let rect1 = Rectangle {\n        width: dbg!(30 * scale),\n        height: 50,\n    };\n\n    dbg!(&rect1);\n    let n = dbg!(dbg!(1) + 1);\n    println!(\"{n}\");\n}\n";
    run(src, |_, _, run| {
        let texts: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(
            texts,
            [
                "[src/main.rs:10:16] 30 * scale = 60",
                "[src/main.rs:14:5] &rect1 = Rectangle {",
                "    width: 60,",
                "    height: 50,",
                "}",
                "[src/main.rs:15:18] 1 = 1",
                "[src/main.rs:15:13] dbg!(1) + 1 = 2",
                "2",
            ]
        );
    });
}

/// A blanket impl gives its methods to every value (the corpus's `blanket_impls.rs` runs them);
/// one of a trait that is not the program's is rustc's orphan-rule error, and an inherent impl
/// for a type parameter rustc's E0118.
#[test]
fn blanket_impls_of_a_foreign_trait_or_without_a_trait_are_rustcs_errors() {
    let src = "use std::fmt::Display;\nstruct W;\nimpl<T: Display> From<T> for T {\n    fn from(t: T) -> T { t }\n}\nfn main() {}\n";
    assert!(
        parse_error(src).starts_with("3:1: type parameter `T` must be used as the type parameter for some local type"),
        "{}",
        parse_error(src)
    );
    let inherent = "impl<T> T {\n    fn f(&self) {}\n}\nfn main() {}\n";
    assert_eq!(parse_error(inherent), "1:1: cannot define inherent `impl` for a type parameter (`T`)");
}

/// A type alias after an impl block is the program's alias, not the impl's associated type (it
/// was taken for one, then "expected an item, found `type`"), and types the `let` that names it;
/// a malformed alias says what it expected; `pin_mut!` takes local names, and pins them in place.
#[test]
fn type_aliases_after_an_impl_type_what_names_them_and_pin_mut_pins_locals() {
    let alias = "struct S;\nimpl Clone for S {\n    fn clone(&self) -> S { S }\n}\ntype Small = u8;\nfn main() {\n    let x: Small = 200;\n    println!(\"{}\", x.checked_add(100).is_none());\n}";
    run(alias, |_, _, run| assert_eq!(printed(run), [(0.0, "true".to_string())]));
    assert_eq!(parse_error("type Meters u32;\nfn main() {}"), "1:13: expected `=`, found `u32`");
    assert_eq!(parse_error("type = u32;\nfn main() {}"), "1:6: expected the alias's name, found `=`");
    let not_a_name = "async fn main() {\n    pin_mut!(sleep(1));\n}";
    assert!(parse_error(not_a_name).contains("`pin_mut!` takes the names of local variables"), "{}", parse_error(not_a_name));
    let src = "async fn main() {\n    let f = sleep(20);\n    pin_mut!(f);\n    f.await;\n    println!(\"slept\");\n}";
    run(src, |_, _, run| assert_eq!(printed(run), [(20.0, "slept".to_string())]));
}

/// `?` where the function's return type cannot take it is refused before running, at the `?`,
/// as rustc refuses it (E0277): in `async fn main()` it returned early and printed nothing, and
/// in a `-> u32` function it failed later at the caller with an unrelated message.
#[test]
fn a_question_mark_in_a_function_that_cannot_return_it_is_refused_before_running() {
    let in_main =
        "async fn main() {\n    let r: Result<u32, String> = Err(\"bad\".to_string());\n    let n = r?;\n    println!(\"{}\", n);\n}";
    let e = parse_error(in_main);
    assert!(e.starts_with("3:14: the `?` operator can only be used in an async function that returns `Result` or `Option`"), "{e}");
    let in_u32 = "fn first(v: &[u32]) -> u32 {\n    let x = v.first()?;\n    *x\n}\nfn main() {\n    println!(\"{}\", first(&[]));\n}";
    let e = parse_error(in_u32);
    assert!(e.starts_with("2:22: the `?` operator can only be used in a function that returns `Result` or `Option`"), "{e}");
    // Where it can: an `Option` function, a closure's, an async block's.
    let fine = "fn first(v: &[u32]) -> Option<u32> {\n    let x = v.first()?;\n    Some(*x + 1)\n}\nasync fn main() {\n    let f = |s: &str| -> Result<u8, std::num::ParseIntError> { Ok(s.parse::<u8>()? + 1) };\n    let b = async { let n: Option<u8> = None; n?; Some(1) };\n    println!(\"{:?} {:?} {:?} {:?}\", first(&[1]), first(&[]), f(\"7\"), b.await);\n}";
    run(fine, |_, _, run| assert_eq!(printed(run), [(0.0, "Some(2) None Ok(8) None".to_string())]));
}

/// A gloo `Timeout` dropped before it fires is cancelled, and the console says so at the line
/// that set it (the task that waited for its closure was only "stuck" before); one that fired,
/// was forgotten or was cancelled with `.cancel()` says nothing.
#[test]
fn a_timeout_dropped_before_it_fired_is_noted_where_it_was_set() {
    let src = "use gloo_timers::callback::Timeout;\nasync fn main() {\n    let _ = Timeout::new(50, || println!(\"never\"));\n    let kept = Timeout::new(10, || println!(\"kept\"));\n    Timeout::new(20, || println!(\"forgotten\")).forget();\n    let c = Timeout::new(30, || println!(\"cancelled\"));\n    let _f = c.cancel();\n    sleep(100).await;\n    drop(kept);\n}";
    run(src, |_, _, run| {
        let texts: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["kept", "forgotten"]);
        let notes: Vec<(String, Option<(u32, u32)>)> =
            run.console().into_iter().filter(|o| o.kind == Line::Note).map(|o| (o.text, o.span.map(|s| (s.start, s.end)))).collect();
        let dropped: Vec<_> = notes.iter().filter(|(t, _)| t.starts_with("this `Timeout` was dropped before it fired")).collect();
        assert_eq!(dropped.len(), 1, "{notes:?}");
        assert_eq!(dropped[0].1.map(|s| s.0), Some(span_of(src, "Timeout::new(50").0), "{notes:?}");
    });
}

/// `.fuse()` of a program's own future drops it as soon as it is ready, as futures' `Fuse::poll`
/// does (it sets its future to `None`): the winner's `Drop` runs before the arm, not at the end
/// of `main`; the loser, held in a variable, is dropped where the program drops it.
#[test]
fn a_fused_future_of_the_program_is_dropped_when_it_is_ready() {
    let src = "use std::future::Future;\nuse std::pin::Pin;\nuse std::task::{Context, Poll};\nuse futures::{select_biased, FutureExt};\nstruct Loud {\n    left: u32,\n    name: &'static str,\n}\nimpl Drop for Loud {\n    fn drop(&mut self) {\n        println!(\"drop {}\", self.name);\n    }\n}\nimpl Future for Loud {\n    type Output = &'static str;\n    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {\n        if self.left == 0 {\n            return Poll::Ready(self.name);\n        }\n        self.left -= 1;\n        cx.waker().wake_by_ref();\n        Poll::Pending\n    }\n}\nasync fn main() {\n    let mut a = Loud { left: 5, name: \"slow\" }.fuse();\n    let mut b = Loud { left: 1, name: \"fast\" }.fuse();\n    let w = select_biased! {\n        x = a => x,\n        y = b => y,\n    };\n    println!(\"winner {w}\");\n    drop(a);\n    println!(\"end\");\n}";
    run(src, |_, _, run| {
        let texts: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(texts, ["drop fast", "winner fast", "drop slow", "end"]);
        assert!(run.errors().is_empty(), "{:?}", run.errors());
    });
}

/// With a `default` arm, futures' `select!` polls with a waker that does nothing: a pending
/// future registers no wake, so its timer firing while the task awaits elsewhere does not poll
/// the task (two polls of `main`, not three).
#[test]
fn a_select_with_a_default_arm_polls_with_a_waker_that_does_nothing() {
    let src = "async fn main() {\n    let mut t = sleep(10);\n    let mut turns = 0;\n    loop {\n        select! {\n            _ = t => {\n                println!(\"t done after {turns} turn(s)\");\n                break;\n            }\n            default => {\n                turns += 1;\n                sleep(30).await;\n            }\n        }\n    }\n}";
    run(src, |_, exec, run| {
        assert_eq!(printed(run), [(30.0, "t done after 1 turn(s)".to_string())]);
        let main = run.main().expect("an async main");
        let polls = kinds(exec).iter().filter(|(_, t, k)| *t == Some(main) && *k == EventKind::PollStarted).count();
        assert_eq!(polls, 2, "{:?}", kinds(exec));
    });
}

/// `mod name { … }`: the items inside are the program's, reached by any path through the
/// modules (`crate::`, `self::`, `super::` or the modules' names); the test code `cargo run` does
/// not build is dropped, whatever it holds; what the playground cannot read says why.
#[test]
fn inline_modules_are_read_as_the_programs_items_and_test_code_is_dropped() {
    let src = "pub(crate) mod a {\n    pub mod b {\n        pub fn f() -> u32 { super::g() + crate::a::G }\n    }\n    \
               pub fn g() -> u32 { 40 }\n    pub const G: u32 = 2;\n}\n\
               use crate::a::b;\nuse a::*;\n\
               fn main() {\n    println!(\"{} {} {}\", b::f(), self::a::b::f(), g());\n}\n\
               #[cfg(test)]\nmod tests {\n    use super::*;\n    #[test]\n    fn t() { not_a_macro_here!(=> 1); }\n}\n\
               #[test]\nfn also_a_test() { unknown!(); }\n";
    run(src, |_, _, r| {
        assert_eq!(printed(r).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["42 42 40"]);
    });
    // `use crate::…` inside a module, renamed too.
    let src = "pub struct P(u8);\nmod m {\n    use crate::P;\n    use crate::P as Q;\n    pub fn f() -> P { Q(7) }\n}\nfn main() {\n    println!(\"{}\", m::f().0);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "7".to_string())]));
    // Nothing but the test module in it: the program is what is left.
    run("fn main() { println!(\"hi\"); }\n#[cfg(test)]\nmod tests {}\n", |_, _, r| {
        assert_eq!(printed(r).len(), 1);
    });
    assert_eq!(
        parse_error("mod shapes;\nfn main() {}"),
        "1:1: `mod shapes;` reads the module from another file, which a program in the playground does not have: write it here, as `mod shapes { … }`"
    );
    // Items of one name in two modules are each module's own, as rustc keeps them: bare inside
    // their module, through `crate::`, `super::`, a `use` and a glob; one module's duplicate is
    // still rustc's error.
    let src = "pub fn f() -> u32 { 1 }\nmod a {\n    pub fn f() -> u32 { 10 }\n    pub fn g() -> u32 { f() + super::f() }\n    pub struct S;\n}\n\
               mod b {\n    pub fn f() -> u32 { 100 }\n    pub mod c {\n        use crate::a::*;\n        pub fn h() -> u32 { f() + crate::b::f() }\n    }\n    \
               #[derive(Debug)]\n    pub struct S(pub u8);\n}\nuse b::S;\nfn main() {\n    println!(\"{} {} {} {}\", f(), a::g(), b::c::h(), crate::b::f());\n    \
               println!(\"{:?}\", S(4));\n    let _unit = a::S;\n}\n";
    run(src, |_, _, r| {
        assert_eq!(printed(r).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["1 11 110 100", "S(4)"]);
    });
    assert_eq!(
        parse_error("mod a {\n    pub fn f() {}\n    pub fn f() {}\n}\nmod b { pub fn f() {} }\nfn main() {}"),
        "3:12: the name `f` is defined multiple times"
    );
    // A module's `use … as` name is the module's: `main`'s `fruit` is a binding of its own.
    let src = "mod snacks {\n    pub use self::fruits::PEAR as fruit;\n    mod fruits { pub const PEAR: &str = \"Pear\"; }\n}\n\
               fn main() {\n    for fruit in [\"fig\"] { println!(\"{} {}\", fruit, snacks::fruit); }\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "fig Pear".to_string())]));
    // A field named like a module's `as` name leaves the name the module's; an enum of one name
    // in two modules is each module's through `use self::Light::*`.
    let src = "mod snacks {\n    mod fruits { pub const PEAR: &str = \"Pear\"; }\n    use self::fruits::PEAR as fruit;\n    pub fn pick() -> &'static str { fruit }\n}\n\
               struct Basket { fruit: &'static str }\nfn main() {\n    let b = Basket { fruit: snacks::pick() };\n    println!(\"{}\", b.fruit);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "Pear".to_string())]));
    let src = "mod traffic {\n    #[derive(Debug)]\n    pub enum Light { Red, Green }\n    use self::Light::*;\n    pub fn start() -> Light { Red }\n    pub fn other() -> Light { Green }\n}\n\
               mod car {\n    #[derive(Debug)]\n    pub enum Light { Head }\n    pub fn start() -> Light { Light::Head }\n}\n\
               fn main() {\n    println!(\"{:?} {:?} {:?}\", traffic::start(), car::start(), traffic::other());\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "Red Head Green".to_string())]));
    // A module's `as` name beside a field of that name in the same module (a struct's field
    // and a literal's are fields, not the constant).
    let src = "mod shop {\n    pub use self::stock::PEAR as fruit;\n    mod stock { pub const PEAR: &str = \"pear\"; }\n    pub struct Basket { pub fruit: &'static str }\n    \
               pub fn fill() -> Basket { Basket { fruit: \"fig\" } }\n    pub fn label() -> String { format!(\"{} basket\", fruit) }\n}\n\
               fn main() {\n    let fruit = shop::fill().fruit;\n    println!(\"{} {} {}\", fruit, shop::fruit, shop::label());\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "fig pear pear basket".to_string())]));
    // Globs that import each other, many times over, end within the lookup's steps.
    let globs = "        use super::c1::*;\n".repeat(300);
    let src = format!("mod a {{ pub fn f() {{}} }}\nmod b {{ pub fn f() {{}} }}\nmod c0 {{\n{globs}        pub fn g() {{ {} }}\n}}\nmod c1 {{\n{}}}\nfn main() {{ a::f(); b::f(); }}\n", "f(); ".repeat(300), globs.replace("c1", "c0"));
    let started = std::time::Instant::now();
    let _ = waker_playground::play::lang::parse(&src);
    assert!(started.elapsed() < std::time::Duration::from_secs(20), "{:?}", started.elapsed());
    // Without modules, the message is rustc's alone.
    assert_eq!(parse_error("fn f() {}\nfn f() {}\nfn main() {}"), "2:4: the name `f` is defined multiple times");
    // A `use` through the modules of a name no item has is rustc's unresolved import; one that a
    // module's own `use` brings in (`pub use std::…`) is found.
    assert_eq!(
        parse_error("use crate::Nope;\nfn main() {}"),
        "1:12: unresolved import `crate::Nope`: the program has no item named `Nope`"
    );
    assert_eq!(
        parse_error("mod a { pub fn f() {} }\nuse a::g;\nfn main() { a::f(); }"),
        "2:8: unresolved import `a::g`: the program has no item named `g`"
    );
    let src =
        "mod m {\n    pub use std::collections::HashMap;\n    pub type R = u32;\n    pub const C: u8 = 2;\n}\nuse m::{HashMap, R, C};\n\
               fn main() {\n    let mut h: HashMap<u8, R> = HashMap::new();\n    h.insert(1, 2);\n    println!(\"{:?} {}\", h, C);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "{1: 2} 2".to_string())]));
    assert_eq!(parse_error("mod {}\nfn main() {}"), "1:1: expected a module's name after `mod`");
    assert_eq!(parse_error("mod a {}\nfn main() { let x = super; }"), "2:21: `super` alone is a module, not a value or a type");
}

/// An untyped integer variable that nothing else types is an `i32`, Rust's default, so that
/// doubling it past 2^31 panics as rustc's build does (`intdefault.rs`); one that meets a written
/// type, here a parameter's through a call this reading does not follow, stays as wide as the
/// run needs, and a literal that does not fit an `i32` is rustc's error.
#[test]
fn an_untyped_integer_is_an_i32_unless_something_types_it() {
    let src = "fn main() {\n    let mut x = 1;\n    for _ in 0..31 {\n        x *= 2;\n    }\n    println!(\"{}\", x);\n}\n";
    run(src, |_, _, r| {
        assert!(printed(r).is_empty());
        assert_eq!(errors(r, src), ["4: panicked: attempt to multiply with overflow"]);
    });
    let src = "fn show(n: u64) {\n    println!(\"{}\", n);\n}\nfn main() {\n    let mut x = 1;\n    for _ in 0..40 {\n        x *= 2;\n    }\n    show(x);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "1099511627776".to_string())]));
    assert_eq!(
        parse_error("fn main() {\n    let big = 3000000000;\n    println!(\"{}\", big);\n}"),
        "2:15: literal out of range for `i32`"
    );
}

/// A trait's associated consts: an impl that leaves out one without a default, or writes one the
/// trait does not declare, gets rustc's errors; a generic type's is refused at its path.
#[test]
fn trait_consts_missing_or_foreign_are_rustcs_errors() {
    let missing = "trait A {\n    const N: u32;\n}\nstruct S;\nimpl A for S {}\nfn main() {}";
    assert_eq!(parse_error(missing), "5:1: not all trait items implemented, missing: `N`");
    let foreign = "trait A {\n    const N: u32 = 1;\n}\nstruct S;\nimpl A for S {\n    const M: u32 = 2;\n}\nfn main() {}";
    assert_eq!(parse_error(foreign), "6:11: const `M` is not a member of trait `A`");
    // A generic type's const is told by a turbofish; a call without one is refused (a function
    // no code calls compiles, as rustc compiles it).
    let generic = "trait A {\n    const N: u32;\n}\nfn n<T: A>() -> u32 {\n    T::N\n}\nstruct S;\nimpl A for S {\n    const N: u32 = 3;\n}\nfn main() {\n    println!(\"{}\", n::<S>());\n    n();\n}";
    assert!(parse_error(generic).starts_with("13:5: `n` names an item of its type parameter `T`"), "{}", parse_error(generic));
    run(&generic.replace("    n();\n", ""), |_, _, r| assert_eq!(printed(r), [(0.0, "3".to_string())]));
    run("trait A {\n    const N: u32;\n}\nfn n<T: A>() -> u32 {\n    T::N\n}\nfn main() {}", |_, _, r| assert!(printed(r).is_empty()));
    let defaulted = "trait A {\n    const N: u32 = 7;\n    fn n(&self) -> u32 {\n        Self::N * 2\n    }\n}\nstruct S;\nimpl A for S {}\nfn main() {\n    println!(\"{}\", S.n());\n}";
    run(defaulted, |_, _, r| assert_eq!(printed(r), [(0.0, "14".to_string())]));
}

/// `T::zero()` in a generic function takes `T` from the argument that holds one: a slice's first
/// element, so an empty slice gives the playground nothing to read it from, which it says (rustc
/// knows `T` from the call's types); one no parameter holds is told by a turbofish.
#[test]
fn a_type_parameters_item_comes_from_the_argument_that_holds_one() {
    let src = "trait Zero {\n    fn zero() -> Self;\n}\nimpl Zero for i64 {\n    fn zero() -> Self { 0 }\n}\n\
               fn first_or_zero<T: Zero + Copy>(xs: &[T]) -> T {\n    let z = T::zero();\n    xs.first().copied().unwrap_or(z)\n}\n\
               fn main() {\n    println!(\"{}\", first_or_zero(&[7i64]));\n    let none: [i64; 0] = [];\n    println!(\"{}\", first_or_zero(&none));\n}\n";
    run(src, |_, _, r| {
        assert_eq!(printed(r), [(0.0, "7".to_string())]);
        let e = errors(r, src);
        assert!(
            e.len() == 1
                && e[0].starts_with("8: `zero` of a type parameter: the playground takes the type from the argument's first element"),
            "{e:?}"
        );
    });
    // A type parameter no argument holds: a turbofish tells it (a copy of the function for that
    // type), and a call without one is refused (rustc would infer it where the call's result
    // goes, or ask for it, E0282).
    let unheld = "trait N {\n    const K: u32;\n}\nstruct A;\nimpl N for A {\n    const K: u32 = 3;\n}\nfn k<T: N>(n: u32) -> u32 {\n    T::K * n\n}\nfn main() {\n    println!(\"{}\", k::<A>(2));\n}";
    run(unheld, |_, _, r| assert_eq!(printed(r), [(0.0, "6".to_string())]));
    let untold = unheld.replace("k::<A>(2)", "k(2)");
    assert!(parse_error(&untold).starts_with("12:20: `k` names an item of its type parameter `T`, and no argument holds a `T`: the playground knows it only from a turbofish"), "{}", parse_error(&untold));
}

/// What the sixth round of learner programs found refused or wrong, each with its meaning: `?`
/// in a function returning `Poll<Option<Result<…>>>` wraps its `Err` in `Ready(Some(…))`;
/// `ready!` returns `Pending` from the function; variants imported by their path; an `async fn`
/// method through a trait; a `Wake` impl's `wake` gets the waker's own `Arc`, not a new count.
#[test]
fn poll_question_marks_ready_variant_imports_async_trait_methods_and_wake_counts() {
    let src = "use std::task::Poll::{self, Ready, Pending};\nuse std::task::ready;\n\
               fn next(r: Result<u8, String>) -> Poll<Option<Result<u8, String>>> {\n    let v = r?;\n    Ready(Some(Ok(v + 1)))\n}\n\
               fn twice(p: Poll<u8>) -> Poll<u8> {\n    let v = ready!(p);\n    println!(\"ready with {v}\");\n    Ready(v * 2)\n}\n\
               fn main() {\n    println!(\"{:?} {:?}\", next(Ok(1)), next(Err(\"no\".to_string())));\n    println!(\"{:?} {:?}\", twice(Ready(4)), twice(Pending));\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["Ready(Some(Ok(2))) Ready(Some(Err(\"no\")))", "ready with 4", "Ready(8) Pending"]);
    });
    let src = "trait Source {\n    async fn fetch(&self, key: u32) -> String;\n}\nstruct Db;\n\
               impl Source for Db {\n    async fn fetch(&self, key: u32) -> String {\n        sleep(30).await;\n        format!(\"row {key}\")\n    }\n}\n\
               async fn main() {\n    let f = Db.fetch(1);\n    println!(\"made\");\n    println!(\"{}\", f.await);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "made".to_string()), (30.0, "row 1".to_string())]));
    let src = "use std::sync::Arc;\nuse std::task::{Wake, Waker};\nstruct Task {\n    id: u32,\n}\n\
               impl Wake for Task {\n    fn wake(self: Arc<Self>) {\n        println!(\"wake: {} strong\", Arc::strong_count(&self));\n        self.wake_by_ref();\n    }\n\
               fn wake_by_ref(self: &Arc<Self>) {\n        let again = self.clone();\n        println!(\"woken {} strong={}\", again.id, Arc::strong_count(&again));\n    }\n}\n\
               fn main() {\n    let w = Waker::from(Arc::new(Task { id: 7 }));\n    w.wake_by_ref();\n    w.wake();\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["woken 7 strong=2", "wake: 1 strong", "woken 7 strong=2"]);
    });
    // `PhantomData` and `PhantomPinned` are values too.
    let src =
        "use std::marker::{PhantomData, PhantomPinned};\nstruct T<X> {\n    a: u8,\n    _m: PhantomData<X>,\n    _p: PhantomPinned,\n}\n\
               fn main() {\n    let t: T<u32> = T { a: 1, _m: PhantomData, _p: PhantomPinned };\n    println!(\"{}\", t.a);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "1".to_string())]));
    assert_eq!(
        parse_error("use std::sync::atomic::Ordering::Sloppy;\nfn main() {}"),
        "1:34: there is no `std::sync::atomic::Ordering::Sloppy` in the playground's std (or it is not supported yet)"
    );
}

/// Raw pointers to places (the async book's Pinning chapter): a pointer to a field stays at
/// that field's address when `mem::swap` moves the data; one to a local reads what the local
/// holds now; a null one is a panic when it is dereferenced. A type holding `PhantomPinned` is
/// not `Unpin`: `Pin::new` and `get_mut` of it are rustc's E0277, at their line.
#[test]
fn raw_pointers_to_places_and_types_that_are_not_unpin() {
    let src = "struct S {\n    a: String,\n    p: *const String,\n}\n\
               fn aimed(t: &str) -> S {\n    S { a: t.to_string(), p: std::ptr::null() }\n}\n\
               fn main() {\n    let mut x = 1;\n    let px = &x as *const i32;\n    x += 41;\n    println!(\"{}\", unsafe { *px });\n\
               let mut s = aimed(\"s\");\n    s.p = &s.a as *const String;\n    let mut t = aimed(\"t\");\n    t.p = &t.a;\n\
               std::mem::swap(&mut s, &mut t);\n    println!(\"{} {} {}\", t.a, unsafe { &*t.p }, t.p.is_null());\n\
               let n = aimed(\"n\");\n    println!(\"{}\", unsafe { &*n.p });\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["42", "s t false"]);
        let err = r.console().into_iter().find(|o| o.kind == Line::Error).map(|o| o.text).unwrap_or_default();
        assert_eq!(err, "panicked: null pointer dereference");
    });
    for (call, what) in [("Pin::new(&mut g)", "Pin::new"), ("Box::pin(g).as_mut().get_mut()", "Pin::get_mut")] {
        let src = format!(
            "use std::marker::PhantomPinned;\nuse std::pin::Pin;\nstruct Inner {{\n    _p: PhantomPinned,\n}}\nstruct G {{\n    n: u8,\n    inner: Inner,\n}}\n\
             fn main() {{\n    let mut g = G {{ n: 1, inner: Inner {{ _p: PhantomPinned }} }};\n    let _ = {call};\n    println!(\"not reached\");\n}}\n"
        );
        run(&src, |_, _, r| {
            assert!(printed(r).is_empty(), "{call}");
            let err = r.console().into_iter().find(|o| o.kind == Line::Error).map(|o| o.text).unwrap_or_default();
            assert_eq!(
                err,
                format!("`PhantomPinned` cannot be unpinned: `G` holds one, so it is not `Unpin`, and `{what}` needs `Unpin` (once pinned, only `unsafe {{ Pin::new_unchecked(…) }}` and `get_unchecked_mut()` reach it)")
            );
        });
    }
}

/// A `Context` made from a waker variable borrows it: `drop(waker)` after the last poll runs the
/// raw waker's `drop` function there, as in Rust (the context held the waker, so it ran only when
/// the context went); and `&*(p as *const String)` of `Arc::into_raw` reads what the `Arc` shares.
#[test]
fn a_context_borrows_its_waker_and_a_raw_pointer_from_an_arc_reads_through() {
    let src = "use std::sync::Arc;\nuse std::sync::atomic::{AtomicUsize, Ordering};\nuse std::task::{Context, RawWaker, RawWakerVTable, Waker};\n\
               static DROPS: AtomicUsize = AtomicUsize::new(0);\n\
               unsafe fn c_clone(p: *const ()) -> RawWaker {\n    Arc::increment_strong_count(p as *const String);\n    RawWaker::new(p, &VT)\n}\n\
               unsafe fn c_wake(p: *const ()) {\n    drop(Arc::from_raw(p as *const String));\n}\n\
               unsafe fn c_by_ref(p: *const ()) {\n    let s = &*(p as *const String);\n    println!(\"woken: {}\", s);\n}\n\
               unsafe fn c_drop(p: *const ()) {\n    DROPS.fetch_add(1, Ordering::SeqCst);\n    drop(Arc::from_raw(p as *const String));\n}\n\
               static VT: RawWakerVTable = RawWakerVTable::new(c_clone, c_wake, c_by_ref, c_drop);\n\
               fn main() {\n    let name = Arc::new(String::from(\"t1\"));\n    let waker = unsafe { Waker::from_raw(RawWaker::new(Arc::into_raw(name.clone()) as *const (), &VT)) };\n\
               let cx = Context::from_waker(&waker);\n    cx.waker().wake_by_ref();\n    drop(waker);\n\
               println!(\"drops {} strong {}\", DROPS.load(Ordering::SeqCst), Arc::strong_count(&name));\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["woken: t1", "drops 1 strong 1"]);
    });
}

/// A struct's field written as a map with a value type (`HashMap<String, Vec<u32>>`) teaches the
/// map put there its value type, for `entry(k).or_default()`, whether the struct is made by a
/// literal or by `#[derive(Default)]`, as a `let` with the type does.
#[test]
fn or_default_knows_the_value_type_a_struct_field_writes() {
    let src = "use std::collections::{BTreeMap, HashMap};
#[derive(Default)]
struct Bus {
    handlers: HashMap<String, Vec<u32>>,
}
               struct Index {
    words: BTreeMap<String, Vec<usize>>,
    counts: HashMap<char, u32>,
}
               fn main() {
    let mut b = Bus::default();
    b.handlers.entry(\"a\".to_string()).or_default().push(1);
    println!(\"{:?}\", b.handlers);
               let mut ix = Index { words: BTreeMap::new(), counts: HashMap::new() };
               for (i, w) in \"a b a\".split(' ').enumerate() {
        ix.words.entry(w.to_string()).or_default().push(i);
        *ix.counts.entry('x').or_default() += 1;
    }
               println!(\"{:?} {:?}\", ix.words, ix.counts);
}
";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["{\"a\": [1]}", "{\"a\": [0, 2], \"b\": [1]} {'x': 3}"]);
    });
}

/// What a review of the session's readings found, each with its meaning: `x.into()` of a type
/// with one `From` impl converts wherever the value goes (an argument), and of one with several
/// is an error that asks for a written type, not a guess; a raw pointer to a `Vec`'s element
/// reads what is there after a `swap`; `?` of a `Poll<Result<…>>` gives `Poll<T>`, and `?` in a
/// function returning `Poll<u32>` is rustc's E0277 before running; `impl Unpin` makes a type
/// with `PhantomPinned` `Unpin`.
#[test]
fn into_by_its_one_impl_raw_elements_poll_question_marks_and_impl_unpin() {
    let src = "#[derive(Debug, Clone, Copy)]\nstruct A(u8);\n#[derive(Debug)]\nstruct B(u8);\nimpl From<A> for B {\n    fn from(a: A) -> B {\n        B(a.0 + 10)\n    }\n}\n\
               fn take(b: B) {\n    println!(\"{:?}\", b);\n}\n\
               fn main() {\n    take(A(1).into());\n    let mut v = vec![String::from(\"x\"), String::from(\"y\")];\n    let p: *const String = &v[0];\n    v.swap(0, 1);\n    println!(\"{}\", unsafe { &*p });\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["B(11)", "y"]);
    });
    let src = "struct Rgb(u8);\nimpl From<Rgb> for u32 {\n    fn from(c: Rgb) -> u32 {\n        c.0 as u32\n    }\n}\nimpl From<Rgb> for String {\n    fn from(c: Rgb) -> String {\n        c.0.to_string()\n    }\n}\n\
               fn show(s: String) {\n    println!(\"{s}\");\n}\nfn main() {\n    let n: u32 = Rgb(5).into();\n    println!(\"{n}\");\n    show(Rgb(6).into());\n}\n";
    run(src, |_, _, r| {
        assert_eq!(printed(r), [(0.0, "5".to_string())]);
        let err = r.console().into_iter().find(|o| o.kind == Line::Error).map(|o| o.text).unwrap_or_default();
        assert_eq!(err, "`Rgb` has 2 `From` impls (`impl From<Rgb> for …`): the playground picks one by a written type, `let x: u32 = v.into()` (or call `u32::from(v)`)");
    });
    let src = "use std::task::{ready, Poll};\nfn inner(x: u32) -> Poll<Result<u32, String>> {\n    if x == 0 {\n        Poll::Pending\n    } else if x > 9 {\n        Poll::Ready(Err(format!(\"{x} is too big\")))\n    } else {\n        Poll::Ready(Ok(x))\n    }\n}\n\
               fn outer(x: u32) -> Poll<Result<u32, String>> {\n    let v = ready!(inner(x)?);\n    Poll::Ready(Ok(v + 1))\n}\n\
               fn main() {\n    println!(\"{:?} {:?} {:?}\", outer(3), outer(0), outer(12));\n}\n";
    run(src, |_, _, r| {
        assert_eq!(printed(r), [(0.0, "Ready(Ok(4)) Pending Ready(Err(\"12 is too big\"))".to_string())]);
    });
    assert_eq!(
        parse_error("use std::task::Poll;\nfn f(r: Result<u32, ()>) -> Poll<u32> {\n    Poll::Ready(r?)\n}\nfn main() {}"),
        "3:18: the `?` operator can only be used in a function that returns `Result` or `Option`, or `Poll` of a `Result` (or of an `Option` of one)"
    );
    let src = "use std::marker::PhantomPinned;\nuse std::pin::Pin;\nstruct P {\n    n: u8,\n    _p: PhantomPinned,\n}\nimpl Unpin for P {}\n\
               fn main() {\n    let mut p = P { n: 2, _p: PhantomPinned };\n    Pin::new(&mut p).get_mut().n += 1;\n    println!(\"{}\", p.n);\n}\n";
    run(src, |_, _, r| assert_eq!(printed(r), [(0.0, "3".to_string())]));
}

/// `Arc::strong_count` through wakers, as std and futures count: a `Wake` waker's clone holds
/// an `Arc` of its own while it lives, `Waker::from(arc)` takes the `Arc` it is given, and
/// futures' `waker_ref(&arc)` borrows it (no count).
#[test]
fn wakers_hold_the_arc_counts_std_and_futures_give_them() {
    let src = "use std::sync::Arc;\nuse std::task::{Context, Wake, Waker};\nuse futures::task::{waker_ref, ArcWake};\nstruct W;\n\
               impl Wake for W {\n    fn wake(self: Arc<Self>) {\n        println!(\"wake: {}\", Arc::strong_count(&self));\n    }\n}\n\
               struct T;\nimpl ArcWake for T {\n    fn wake_by_ref(a: &Arc<Self>) {\n        println!(\"arcwake: {}\", Arc::strong_count(a));\n    }\n}\n\
               fn main() {\n    let w = Arc::new(W);\n    let waker: Waker = w.clone().into();\n    let w2 = waker.clone();\n    println!(\"{}\", Arc::strong_count(&w));\n\
               w2.wake();\n    println!(\"{}\", Arc::strong_count(&w));\n    drop(waker);\n    println!(\"{}\", Arc::strong_count(&w));\n\
               let t = Arc::new(T);\n    let wr = waker_ref(&t);\n    let cx = Context::from_waker(&wr);\n    cx.waker().wake_by_ref();\n\
               let c = cx.waker().clone();\n    println!(\"with a clone {}\", Arc::strong_count(&t));\n    drop(c);\n    println!(\"after {}\", Arc::strong_count(&t));\n}\n";
    run(src, |_, _, r| {
        let lines: Vec<String> = printed(r).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["3", "wake: 3", "2", "1", "arcwake: 1", "with a clone 2", "after 1"]);
    });
}

/// A temporary that a use borrows lives to the end of its statement; a `while let`'s scrutinee's
/// through each turn of the loop, ended by `continue` and `break` too, as in Rust (2021).
#[test]
fn a_while_lets_guard_lives_through_its_turn_and_ends_with_continue_and_break() {
    let src = r#"use std::cell::RefCell;
use std::sync::Mutex;

struct Loud(u32);
impl Drop for Loud {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}
impl Loud {
    fn id(&self) -> u32 {
        self.0
    }
}

fn main() {
    let m = Mutex::new(vec![1, 2, 3, 4]);
    // `continue` and `break` end the turn's guard: the next turn (and the code after the loop)
    // locks again without waiting on itself.
    while let Some(x) = m.lock().unwrap().pop() {
        if x == 4 {
            continue;
        }
        if x == 2 {
            break;
        }
        println!("turn {}", x);
    }
    println!("after the loop {:?}", m.lock().unwrap());
    // A thousand statements' temporaries share a few slots.
    let mut sum = 0;
    for i in 0..1000 {
        sum += Loud(i).id() % 2;
        if i == 999 {
            println!("sum {}", sum);
        }
    }
    let q = RefCell::new(vec![1, 2]);
    while let Some(x) = q.borrow_mut().pop() {
        println!("popped {}", x);
        println!("len {}", q.borrow().len());
    }
}
"#;
    run(src, |_, _, run| {
        let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        let drops = lines.iter().filter(|l| l.starts_with("drop ")).count();
        let others: Vec<&str> = lines.iter().filter(|l| !l.starts_with("drop ")).map(|l| l.as_str()).collect();
        // Each `Loud(i)` is dropped at the end of its statement: before the line the last
        // turn prints.
        assert_eq!(drops, 1000);
        assert_eq!(lines.iter().position(|l| l == "sum 500"), Some(1002));
        assert_eq!(others, ["turn 3", "after the loop [1]", "sum 500", "popped 2"]);
        // The `borrow()` inside the body finds the scrutinee's `borrow_mut()` still held.
        assert_eq!(errors(run, src), ["41: panicked: RefCell already mutably borrowed".to_string()]);
    });
}

/// `io::stdout()` is the console: `flush()` is `Ok`, `write!`/`writeln!` and `write_all` print
/// as `print!` does, and `lock()` is the same console. The lines are rustc's build's (checked by
/// hand: the differential corpus captures `println!`, not the process's standard output).
#[test]
fn io_stdout_flush_and_writes_print_to_the_console_as_rustcs_build_prints() {
    let src = r#"use std::io::{self, Write};

fn report(out: &mut impl Write, n: u32) -> io::Result<()> {
    writeln!(out, "report {}", n)?;
    Ok(())
}

fn main() -> io::Result<()> {
    print!("> ");
    io::stdout().flush()?;
    println!("ready");
    let mut out = io::stdout();
    write!(out, "a ")?;
    writeln!(out, "b")?;
    let mut lock = io::stdout().lock();
    writeln!(lock, "locked {}", 1)?;
    lock.write_all(b"bytes\n")?;
    report(&mut io::stdout(), 7)?;
    io::stdout().flush().unwrap();
    Ok(())
}
"#;
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        let lines: Vec<String> = printed(run).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["> ready", "a b", "locked 1", "bytes", "report 7"]);
    });
    // Input is not there to read: refused before running, at the path.
    let err = parse_error("use std::io;\nfn main() {\n    let mut s = String::new();\n    io::stdin().read_line(&mut s).unwrap();\n}\n");
    assert!(err.contains("`std::io::stdin` is not in the playground yet: a program here reads no input"), "{err}");
}

/// A `DebugMap` used out of order panics with std's messages, at the call; `write_char` of
/// something else than a `char` is an error there. (The builders' output is in the differential
/// corpus: `debug_builders_by_hand`.)
#[test]
fn debug_builders_misused_panic_as_std_does_at_the_call() {
    let program = |body: &str| {
        format!(
            "use std::fmt;\nstruct M;\nimpl fmt::Debug for M {{\n    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {{\n        {body}\n    }}\n}}\nfn main() {{\n    println!(\"before\");\n    println!(\"{{:?}}\", M);\n}}\n"
        )
    };
    for (body, message, at) in [
        ("f.debug_map().value(&1).finish()", "panicked: attempted to format a map value before its key", "value(&1)"),
        ("f.debug_map().key(&1).finish()", "panicked: attempted to finish a map with a partial entry", "finish()"),
        (
            "f.debug_map().key(&1).key(&2).finish()",
            "panicked: attempted to begin a new map entry without completing the previous one",
            "key(&2)",
        ),
        ("f.write_char(\"ab\")", "`write_char` takes a `char`", "write_char(\"ab\")"),
    ] {
        let src = program(body);
        run(&src, |_, _, run| {
            assert_eq!(printed(run).iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), ["before"], "{body}");
            let e = run.errors();
            assert_eq!(e.len(), 1, "{e:?}");
            assert_eq!(e[0].text, message, "{body}");
            let (start, end) = span_of(&src, at);
            let span = e[0].span.map(|s| (s.start, s.end)).unwrap_or_default();
            assert!(span.0 <= start && end <= span.1, "{body}: the error is at {span:?}, not around `{at}` {:?}", (start, end));
        });
    }
}

/// `String::drain`, `replace_range` and `str::split_at` refuse a range or an index that does not
/// cut the string, each with std's message (checked against rustc's build by hand), at the call.
#[test]
fn string_cuts_outside_the_string_or_inside_a_char_panic_with_stds_words() {
    for (body, message) in [
        ("let mut s = String::from(\"héllo\");\n    s.drain(1..2);", "assertion failed: self.is_char_boundary(end)"),
        ("let mut s = String::from(\"hello\");\n    s.drain(2..9);", "range end index 9 out of range for slice of length 5"),
        ("let mut s = String::from(\"hello\");\n    s.drain(3..2);", "slice index starts at 3 but ends at 2"),
        ("let mut s = String::from(\"héllo\");\n    s.replace_range(2..3, \"x\");", "start of range should be a character boundary"),
        ("let s = \"héllo\";\n    s.split_at(2);", "end byte index 2 is not a char boundary; it is inside 'é' (bytes 1..3) of `héllo`"),
        ("let s = \"hello\";\n    s.split_at(9);", "end byte index 9 is out of bounds of `hello`"),
    ] {
        let src = format!("fn main() {{\n    println!(\"before\");\n    {body}\n    println!(\"after\");\n}}\n");
        let call = body.rsplit("    ").next().unwrap_or_default().trim_end_matches(';');
        prints_then_fails_at(&src, &["before"], &format!("panicked: {message}"), call);
    }
}

/// `#[derive(Default)]` on an enum makes its `#[default]` variant; the check refuses what rustc
/// refuses: no `#[default]`, one on a variant with fields, two of them. (Its output is in the
/// differential corpus: `enum_default_and_errors_boxed_from`.)
#[test]
fn an_enums_derived_default_is_its_default_variant_and_rustcs_errors_are_the_checks() {
    let src = "#[derive(Debug, Default, PartialEq)]\nenum E {\n    A(u8),\n    #[default]\n    B,\n}\nfn main() {\n    println!(\"{:?} {}\", E::default(), E::default() == E::B);\n}\n";
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["B true"]);
    });
    for (src, want) in [
        (
            "#[derive(Default)]\nenum E { A, B }\nfn main() {}\n",
            "no default declared: `#[derive(Default)]` on an enum needs a unit variant marked `#[default]`",
        ),
        (
            "#[derive(Default)]\nenum E { #[default] A(u8), B }\nfn main() {}\n",
            "the `#[default]` attribute may only be used on unit enum variants",
        ),
        ("#[derive(Default)]\nenum E { #[default] A, #[default] B }\nfn main() {}\n", "multiple declared defaults"),
    ] {
        let err = parse_error(src);
        assert!(err.contains(want), "{src}\n{err}");
    }
}

/// A function's `const N: usize` is the length of the array parameter typed with it; where no
/// parameter gives it, and on a type, the check says what the playground reads instead.
#[test]
fn a_const_parameter_is_read_from_its_array_parameter_and_elsewhere_the_check_says_so() {
    let src = "fn width<const N: usize>(rows: &[[u8; N]; 2]) -> usize {\n    N\n}\nfn count<const N: usize>(a: [u8; N]) -> usize {\n    N * 10\n}\nfn main() {\n    println!(\"{} {} {}\", count([1, 2, 3]), count([]), width(&[[1, 2, 3], [4, 5, 6]]));\n}\n";
    run(src, |_, _, run| {
        assert!(run.errors().is_empty(), "{:?}", run.errors());
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["30 0 3"]);
    });
    let err = parse_error("fn zeros<const N: usize>() -> [i32; N] {\n    [0; N]\n}\nfn main() {}\n");
    assert!(err.contains("1:16") && err.contains("reads a const parameter from the length of an array parameter"), "{err}");
    let err = parse_error("struct G<const N: usize> {\n    a: [u8; N],\n}\nfn main() {}\n");
    assert!(err.contains("const generics on a type, an impl or a trait"), "{err}");
}

/// `x.try_into()` of an integer takes the integer type written where its value goes (a `let`, a
/// `Result` it is, a function's return type, through `unwrap`/`expect`); with none, the error
/// asks for one, as rustc's E0282 does.
#[test]
fn an_integers_try_into_converts_to_the_type_written_where_it_goes() {
    let src = "fn small(x: i64) -> Result<u8, std::num::TryFromIntError> {\n    x.try_into()\n}\nfn main() {\n    let z: Result<i8, _> = (-129i64).try_into();\n    let n: u32 = 5u64.try_into().unwrap();\n    println!(\"{:?} {} {:?} {:?}\", z, n, small(7), small(300));\n    let w = 3i32.try_into();\n}\n";
    run(src, |_, _, run| {
        assert_eq!(
            printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(),
            ["Err(TryFromIntError(())) 5 Ok(7) Err(TryFromIntError(()))"]
        );
        assert_eq!(errors(run, src).len(), 1);
        assert!(errors(run, src)[0].starts_with("8: type annotations needed: `try_into()`"), "{:?}", errors(run, src));
    });
}

/// The ninth learner round's methods refuse a value of the wrong kind with a message at the
/// call (their meaning is the corpus programs `transpose_rfold_fetch_update` and
/// `peekable_next_if_tuple_from_char_try_from`).
#[test]
fn transpose_fetch_update_map_ok_and_char_try_from_refuse_the_wrong_kind_at_the_call() {
    for (body, message, call) in [
        ("let o = Some(3);\n    o.transpose();", "`transpose` turns an `Option` of a `Result` around, not an `Option` of an integer", "o.transpose()"),
        ("let r: Result<u8, u8> = Ok(3);\n    r.transpose();", "`transpose` turns a `Result` of an `Option` around, not a `Result` of `u8`", "r.transpose()"),
        (
            "let a = std::sync::atomic::AtomicU32::new(1);\n    a.fetch_update(std::sync::atomic::Ordering::SeqCst, std::sync::atomic::Ordering::SeqCst, |x| x + 1);",
            "`fetch_update`'s closure returns an `Option`, not `u32`",
            "a.fetch_update(std::sync::atomic::Ordering::SeqCst, std::sync::atomic::Ordering::SeqCst, |x| x + 1)",
        ),
        ("let p = std::task::Poll::Ready(5);\n    p.map_ok(|v: i32| v + 1);", "`map_ok` maps the `Result` a `Poll` holds, not an integer", "p.map_ok(|v: i32| v + 1)"),
        ("let c = char::try_from(\"x\");", "`char::try_from` takes a `u32` (or a `u8`), not `&str`", "char::try_from(\"x\")"),
    ] {
        let src = format!("fn main() {{\n    println!(\"before\");\n    {body}\n    println!(\"after\");\n}}\n");
        prints_then_fails_at(&src, &["before"], message, call);
    }
}

/// A constant in a pattern is compared as its value (the corpus program
/// `overloads_by_reference_and_const_patterns`) when the check can read that value: a literal,
/// integer arithmetic of literals, another such constant. A `static`, or a constant made by a
/// call, is refused where it is used, with what to write instead.
#[test]
fn constants_in_patterns_are_compared_or_refused_before_running() {
    let refused =
        "constants in patterns are supported here when written as a literal (`const MAX: u32 = 10;`): compare with `==` in a guard";
    for (src, at) in [
        ("static S: i32 = 3;\nfn main() {\n    match 3 {\n        S => {}\n        _ => {}\n    }\n}\n", "4:9"),
        ("const S: i32 = f();\nconst fn f() -> i32 { 3 }\nfn main() {\n    match 3 {\n        S => {}\n        _ => {}\n    }\n}\n", "5:9"),
        ("const A: i32 = B;\nconst B: i32 = A;\nfn main() {\n    match 3 {\n        A => {}\n        _ => {}\n    }\n}\n", "5:9"),
    ] {
        assert_eq!(parse_error(src), format!("{at}: {refused}"), "{src}");
    }
}

/// `Duration::MAX` is the constant (it was taken for `Ord::max`, a function, and a
/// `park_timeout(Duration::MAX)` said it was given a closure).
#[test]
fn duration_max_is_a_duration() {
    let src = "use std::time::Duration;\nfn main() {\n    println!(\"{:?} {:?}\", Duration::MAX, Duration::MAX.checked_add(Duration::from_nanos(1)));\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["18446744073709551615.999999999s None"]);
    });
}

/// `impl<L: Logger> Logger for &L` whose methods forward to `(**self)` adds nothing here (the
/// corpus program `forwarding_impl_for_a_reference_to_any_logger` runs one); one that does more
/// is refused, where it does, rather than silently skipped.
#[test]
fn an_impl_for_a_reference_to_any_type_must_forward() {
    let src = "trait T { fn f(&self) -> i32; }\nimpl<X: T> T for &X {\n    fn f(&self) -> i32 { (**self).f() + 1 }\n}\nfn main() {}\n";
    assert_eq!(
        parse_error(src),
        "3:8: an impl for a reference to any type (`&X`) is supported where each method calls the type's own (`(**self).f(…)`): here a method already reaches its receiver's through the reference"
    );
}

/// `size_of` and `size_of_val` are constants the check computes (their meaning is the corpus
/// program `size_of_and_size_of_val`'s); what the playground cannot lay out as rustc would, it
/// refuses before running rather than guess: a type it does not lay out (`RefCell`), a type
/// parameter, a variable whose type is not written. (An enum with data is laid out as
/// rustc lays it out: the corpus program `enum_layouts_tagged_and_niche_filled`.)
#[test]
fn size_of_refuses_what_it_cannot_lay_out_as_rustc_does() {
    for (src, want) in [
        (
            "use std::cell::RefCell;\nenum Shape { Circle(RefCell<f64>), Square(f64) }\nfn main() {\n    let n = std::mem::size_of::<Shape>();\n}\n",
            "4:13: the size of this type is not known to the playground: `RefCell` is not laid out by the playground",
        ),
        (
            "struct W<T> { v: T }\nfn main() {\n    let n = std::mem::size_of::<W<u8>>();\n}\n",
            "3:13: the size of this type is not known to the playground: `T` is not laid out by the playground",
        ),
        (
            "fn main() {\n    let v = vec![1u8];\n    let n = std::mem::size_of_val(&v);\n}\n",
            "3:13: `size_of_val` here takes `&x` of a variable whose type is written (`let p: Point = …;`): the playground does not infer types",
        ),
        ("fn main() {\n    let n = std::mem::size_of();\n}\n", "2:13: `size_of` needs its type: `size_of::<T>()`"),
    ] {
        assert_eq!(parse_error(src), want);
    }
}

/// A range of floats or strings is bounds to compare with (the corpus program
/// `string_and_float_ranges_and_select_nth`): stepping through one is an error at its line, and
/// a `BTreeMap::range` whose start is past its end panics as std's does.
#[test]
fn a_range_of_floats_or_strings_is_not_an_iterator() {
    let src = "use std::collections::BTreeMap;\nfn main() {\n    println!(\"{}\", (0.5..1.0).contains(&0.75));\n    for x in 0.0..1.0 {\n        println!(\"{x}\");\n    }\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["true"]);
        assert_eq!(
            errors(run, src),
            ["4: a range of floats is not an iterator: `for` needs a range, a collection or an iterator".to_string()]
        );
    });
    // (An empty map looks at no key, and std's does not panic then.)
    let src = "use std::collections::BTreeMap;\nfn main() {\n    let mut m: BTreeMap<&str, i32> = BTreeMap::new();\n    println!(\"{}\", m.range(\"d\"..\"b\").count());\n    m.insert(\"a\", 1);\n    let n = m.range(\"d\"..\"b\").count();\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["0"]);
        assert_eq!(errors(run, src), ["6: panicked: range start is greater than range end in BTreeMap".to_string()]);
    });
}

/// `Rc::make_mut` and `Rc::get_mut` (their meaning is the corpus program
/// `rc_make_mut_and_get_mut`'s): what they are given must be `&mut` of an `Rc` or an `Arc`, and
/// a `&mut` from `make_mut` writes into the `Rc` it was taken of, not into a clone.
#[test]
fn rc_make_mut_writes_into_its_own_rc_and_refuses_what_is_not_one() {
    let src = "use std::rc::Rc;\nfn main() {\n    let mut a = Rc::new(vec![1]);\n    let b = Rc::clone(&a);\n    Rc::make_mut(&mut a).push(2);\n    Rc::make_mut(&mut a).push(3);\n    println!(\"{:?} {:?} {} {}\", a, b, Rc::strong_count(&a), Rc::get_mut(&mut a).is_some());\n    let mut n = 5;\n    Rc::make_mut(&mut n);\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["[1, 2, 3] [1] 1 true"]);
        assert_eq!(
            errors(run, src),
            ["9: `Rc::make_mut` takes `&mut` of an `Rc` or an `Arc` (`Rc::make_mut(&mut rc)`), not an integer".to_string()]
        );
    });
}

/// `<str>::len(s)` and `str::len(s)` call the method on the first argument (the corpus program
/// `destructuring_assignment_and_tenth_round`); what is not a method is refused: before running
/// without an argument, at the call with one, a smart pointer's function that is not one of
/// the playground's (its functions are not its methods: `Rc::unwrap_or_clone`), and a qualified path of a type without
/// a name, by the check.
#[test]
fn a_builtin_types_path_calls_its_method_and_refuses_what_is_none() {
    for (src, want) in [
        (
            "fn main() {\n    let n = str::nope();\n}\n",
            "2:13: no function or associated item named `nope` found for `str` in the playground",
        ),
        (
            "use std::rc::Rc;\nfn main() {\n    let r = Rc::new(5);\n    let n = Rc::unwrap_or_clone(r);\n}\n",
            "4:13: no function or associated item named `unwrap_or_clone` found for `Rc` in the playground",
        ),
        (
            "fn main() {\n    let v = vec![1];\n    let n = <[i32]>::len(&v);\n}\n",
            "3:13: qualified paths are supported for a named type here (`<str>::len`, `<Dog as Animal>::name`)",
        ),
    ] {
        assert_eq!(parse_error(src), want);
    }
    let src = "fn main() {\n    println!(\"{}\", <str>::len(\"abc\") + str::len(\"de\") + i32::abs(-4) as usize);\n    let n = str::nope(\"x\");\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["9"]);
        assert_eq!(errors(run, src), ["3: no method named `nope` found for `&str` (or it is not in the playground yet)".to_string()]);
    });
}

#[test]
fn a_qualified_associated_type_is_parsed_and_a_malformed_one_says_what_it_expected() {
    for (src, want) in [
        (
            "struct S {\n    f: Option<<u8 Iterator>::Item>,\n}\nfn main() {}\n",
            "2:19: expected `as` in a qualified path (`<T as Trait>::Item`), found `Iterator`",
        ),
        ("struct S {\n    f: Option<<u8 as Iterator>>,\n}\nfn main() {}\n", "2:31: expected `::`, found `>`"),
    ] {
        assert_eq!(parse_error(src), want);
    }
    // `<<` that opens two generic lists, and one that is a shift, side by side.
    let src = "struct W<I: Iterator> {\n    front: Option<<I as Iterator>::Item>,\n}\nfn main() {\n    let w = W { front: Some(1 << 3) };\n    let v: Vec<<Vec<u8> as IntoIterator>::Item> = vec![2 << 1];\n    println!(\"{:?} {:?}\", w.front, v);\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["Some(8) [4]"]);
    });
}

#[test]
fn try_from_impls_are_picked_by_the_arguments_type_and_a_missing_one_is_named() {
    let src = "use std::convert::TryFrom;\nstruct C(u8);\nimpl TryFrom<(i16, i16)> for C {\n    type Error = ();\n    fn try_from(t: (i16, i16)) -> Result<C, ()> { Ok(C(t.0 as u8)) }\n}\nimpl TryFrom<[i16; 2]> for C {\n    type Error = ();\n    fn try_from(a: [i16; 2]) -> Result<C, ()> { Ok(C(a[1] as u8)) }\n}\nfn main() {\n    println!(\"{}\", C::try_from((1, 2)).unwrap().0);\n    println!(\"{}\", C::try_from([3, 4]).unwrap().0);\n    let c = C::try_from(\"ab\");\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["1", "4"]);
        assert_eq!(errors(run, src), ["14: the trait `TryFrom<&str>` is not implemented for `C`"]);
    });
}

#[test]
fn ref_map_of_something_else_says_what_it_takes() {
    let src = "use std::cell::Ref;\nfn main() {\n    let x = 5;\n    let r = Ref::map(x, |v| v);\n}\n";
    run(src, |_, _, run| {
        assert_eq!(errors(run, src), ["4: `Ref::map` takes a `Ref` or `RefMut`, not an integer"]);
    });
}

/// `std::any` (its meaning is the corpus program `any_downcasts_type_ids_and_type_names`'s):
/// what it refuses, and where a value's run-time type says less than rustc's static one. A
/// type parameter that no turbofish or argument of type `T` tells (`v: Vec<T>` does not) is an
/// error where it is asked, at run time (a turbofish at the call makes a copy that knows it);
/// `TypeId::of` and `type_name` need their turbofish and take no arguments; a `TypeId` prints
/// as std's does (`TypeId(0x` and 32 hex digits), the same for the same type. Where the answer
/// hangs on a part of a value's type that is not kept (an empty `Vec`'s elements, a generic
/// struct's arguments) it is an error that says so, where a definite part decides it is the
/// answer; `b.type_id()` of a variable written `Box<dyn Any>` is the box's, as rustc has it.
#[test]
fn std_any_asks_a_values_type_and_refuses_a_type_it_cannot_know() {
    for (src, want) in [
        ("use std::any::TypeId;\nfn main() {\n    let t = TypeId::of();\n}\n", "3:13: `TypeId::of` needs its type: `TypeId::of::<T>()`"),
        (
            "use std::any::type_name;\nfn main() {\n    let t = type_name::<u8>(5);\n}\n",
            "3:13: `type_name` takes no arguments: `type_name::<T>()`",
        ),
        (
            "fn main() {\n    let t = std::any::type_name_of_val();\n}\n",
            "2:13: `type_name_of_val` takes 1 argument: `type_name_of_val(&x)`",
        ),
    ] {
        assert_eq!(parse_error(src), want);
    }
    // The old refusal of `std::any` spoke of files and processes.
    assert!(parse("use std::any::Any;\nfn main() {}\n").is_ok());
    let src = "use std::any::{Any, TypeId};\nfn first<T: 'static>() -> bool {\n    TypeId::of::<T>() == TypeId::of::<u8>()\n}\nfn main() {\n    println!(\"{}\", first::<u8>());\n    println!(\"{:?}\", TypeId::of::<u8>() == TypeId::of::<u8>());\n    let a = format!(\"{:?}\", TypeId::of::<u8>());\n    println!(\"{} {}\", a.len(), a == format!(\"{:?}\", 7u8.type_id()));\n    let b: Box<dyn Any> = Box::new(5i32);\n    println!(\"{} {}\", b.type_id() == TypeId::of::<i32>(), (*b).type_id() == TypeId::of::<i32>());\n    let empty: Vec<String> = Vec::new();\n    let any: &dyn Any = &empty;\n    println!(\"{}\", any.is::<Option<u8>>());\n    println!(\"{}\", of_items(vec![1u8]));\n}\nfn of_items<T: 'static>(v: Vec<T>) -> bool {\n    TypeId::of::<T>() == TypeId::of::<u8>()\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["true", "true", "42 true", "false true", "false"]);
        assert_eq!(
            errors(run, src),
            ["18: `TypeId::of::<T>()` names a type parameter that nothing here tells: the playground knows one from a turbofish at a function's call (`f::<i32>(…)`; a method's turbofish makes no copy) or from an argument of that type (`x: T` or `x: &T`)".to_string()]
        );
    });
}

/// Where whether a value is a type hangs on what its run-time value does not keep, `is`,
/// `downcast_ref`, `type_id()` and `type_name_of_val` say so at their line instead of guessing
/// (rustc knows the static type; a generic struct's or enum's arguments are not kept either);
/// a part that differs still answers `false`.
#[test]
fn std_any_refuses_to_guess_a_type_a_value_does_not_keep() {
    let src = "use std::any::Any;\nstruct Res<T>(T);\nfn main() {\n    let names: Vec<String> = Vec::new();\n    let any: &dyn Any = &names;\n    println!(\"{}\", any.is::<Option<u8>>());\n    println!(\"{}\", any.is::<Vec<u8>>());\n}\nfn two() {\n    let r = Res(5u8);\n    println!(\"{:?}\", (&r as &dyn Any).type_id());\n}\nfn three() {\n    let o: Option<u8> = None;\n    println!(\"{}\", std::any::type_name_of_val(&o));\n}\nenum Slot<T> { Full(T), Empty }\nfn four() {\n    let a: Slot<i32> = Slot::Full(1);\n    println!(\"{:?}\", a.type_id());\n}\n";
    for (entry, line, text) in [
        ("main", 7, "`is::<Vec<u8>>()`: the playground cannot tell whether this `Vec<_>` is one"),
        ("two", 11, "the playground cannot tell this `Res`'s whole type for its `TypeId`"),
        ("three", 15, "the playground cannot tell this `Option<_>`'s whole type to name it"),
        ("four", 20, "the playground cannot tell this `Slot`'s whole type for its `TypeId`"),
    ] {
        let src = if entry == "main" {
            src.to_string()
        } else {
            src.replace("fn main() {", "fn original() {").replace(&format!("fn {entry}() {{"), "fn main() {")
        };
        run(&src, |_, _, run| {
            let e = errors(run, &src);
            assert_eq!(e.len(), 1, "{e:?}");
            assert!(e[0].starts_with(&format!("{line}: {text}")) && e[0].contains("not kept at run time"), "{e:?}");
            if entry == "main" {
                assert_eq!(printed(run).into_iter().map(|(_, t)| t).collect::<Vec<_>>(), ["false"]);
            }
        });
    }
}

#[test]
fn assigning_through_a_box_in_a_field_or_an_element_writes_the_place() {
    // A `Box` is its value here: `*pair.0 = 100` once said "cannot assign through an integer".
    let src = "fn main() {\n    let mut pair = (Box::new(1), 2);\n    *pair.0 = 100;\n    *pair.0 += 1;\n    let mut v = vec![Box::new(1), Box::new(2)];\n    *v[1] = 20;\n    println!(\"{} {} {:?}\", pair.0, pair.1, v);\n    let mut a = 5;\n    {\n        let r = (&mut a,);\n        *r.0 += 10;\n    }\n    println!(\"{a}\");\n    *v[5] = 3;\n    println!(\"not reached\");\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run), [(0.0, "101 2 [1, 20]".to_string()), (0.0, "15".to_string())]);
        assert_eq!(errors(run, src), ["14: panicked: index out of bounds: the len is 2 but the index is 5"]);
    });
}

#[test]
fn futures_join_and_select_take_futures_and_select_takes_them_pinned() {
    // rustc's E0277: `select` needs `Unpin` futures, and an `async fn`'s future is not.
    let src = "use futures::future::select;\nasync fn job() -> u32 { 1 }\nasync fn main() {\n    let _ = select(job(), Box::pin(job())).await;\n}\n";
    assert!(parse_error(src).starts_with("4:20: `select` needs futures that are `Unpin`"), "{}", parse_error(src));
    let src = "use futures::future::select;\nasync fn main() {\n    let _ = select(Box::pin(sleep(1)), async { 2 }).await;\n}\n";
    assert!(parse_error(src).starts_with("3:40: `select` needs futures that are `Unpin`"), "{}", parse_error(src));
    let src = "use futures::future::join;\nasync fn main() {\n    let _ = join(1, sleep(1)).await;\n}\n";
    assert!(parse_error(src).starts_with("3:18: an integer is not a future"), "{}", parse_error(src));
    let src = "use futures::future::join3;\nasync fn main() {\n    let _ = join3(sleep(1), sleep(2)).await;\n}\n";
    assert!(parse_error(src).contains("takes 3 argument(s), not 2"), "{}", parse_error(src));
    // The future left over from a `select` goes on where it was: the sleep of 50 ms started
    // at 0 ends at 50, not 50 ms after the select.
    let src = "use futures::future::{select, Either};\nasync fn main() {\n    let slow = Box::pin(sleep(50));\n    match select(slow, Box::pin(sleep(20))).await {\n        Either::Right(((), slow)) => {\n            println!(\"fast\");\n            slow.await;\n            println!(\"slow\");\n        }\n        Either::Left(_) => println!(\"wrong\"),\n    }\n}\n";
    run(src, |_, _, run| {
        assert_eq!(printed(run), [(20.0, "fast".to_string()), (50.0, "slow".to_string())]);
    });
}

#[test]
fn try_join_and_the_try_combinators_need_results_and_say_so_at_their_line() {
    let src = "async fn main() {\n    let x = async { 1 }.map_ok(|x: u32| x).await;\n    println!(\"not reached {x:?}\");\n}\n";
    run(src, |_, _, run| {
        assert!(printed(run).is_empty());
        assert_eq!(errors(run, src), ["2: `map_ok` needs a future whose output is a `Result`, not an integer"]);
    });
    let src = "use futures::try_join;\nasync fn main() {\n    let x = try_join!(async { Ok::<u32, ()>(2) }, async { 1 });\n    println!(\"not reached {x:?}\");\n}\n";
    run(src, |_, _, run| {
        assert_eq!(errors(run, src), ["3: `try_join!` takes futures whose outputs are `Result`s: this one gave an integer"]);
    });
    let src = "use futures::future::FutureExt;\nasync fn main() {\n    let x = async { 1 }.then(|x| x + 1).await;\n}\n";
    run(src, |_, _, run| {
        assert_eq!(errors(run, src), ["3: the closure of `then` must give a future (an `async` block), not an integer"]);
    });
    let src = "use futures::try_join;\nasync fn main() {\n    let x = try_join!(async { Ok::<u32, ()>(2) }).await;\n}\n";
    assert!(parse_error(src).contains("`try_join!(…)` is not a future"), "{}", parse_error(src));
}

#[test]
fn combinators_work_on_the_programs_own_future_and_a_chain_of_them_is_bounded() {
    let src = "use futures::future::FutureExt;\nuse std::{future::Future, pin::Pin, task::{Context, Poll}};\nstruct Two;\nimpl Future for Two {\n    type Output = u32;\n    fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<u32> {\n        Poll::Ready(2)\n    }\n}\nasync fn main() {\n    println!(\"{}\", Two.map(|x| x + 1).await);\n}\n";
    run(src, |_, _, run| assert_eq!(printed(run), [(0.0, "3".to_string())]));
    // 5,000 `map`s, each polling the next in the page's stack: stopped with a message, the page lives.
    let src = "use futures::future::{FutureExt, LocalBoxFuture};\nasync fn main() {\n    let mut f: LocalBoxFuture<'static, u64> = async { 0 }.boxed_local();\n    for _ in 0..5000 {\n        f = f.map(|x| x + 1).boxed_local();\n    }\n    println!(\"{}\", f.await);\n}\n";
    run(src, |_, _, run| {
        assert!(printed(run).is_empty());
        assert_eq!(errors(run, src), ["7: panicked: stack overflow: futures polled inside each other nest more than 48 deep"]);
    });
}
