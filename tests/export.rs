//! Export and import: our JSON reads back to an identical state at every cursor, hostile files are
//! refused with a message naming the field and the event, and the Perfetto export is well formed
//! (every slice has a duration, slices on a track nest, every flow ends, ids are numbers, times
//! are microseconds), and it holds one timer span per armed timer, one flow per wake a poll follows
//! and a ready-queue counter, each counted from the trace independently of the exporter.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, HashSet};
use std::rc::Rc;

use proptest::prelude::*;
use waker_playground::core::{
    export_trace, import_trace, perfetto_trace, perfetto_trace_from, Config, EventKind, Executor, Json, Recorder, Replay, SimPlatform,
    TimerBackend, Trace, MAX_IMPORT_BYTES, MAX_IMPORT_EVENTS, MAX_IMPORT_TABLE, MAX_IMPORT_TASKS,
};

#[path = "common/programs.rs"]
mod programs;
use programs::{programs, spawn_all, Shared};

fn run(programs: &[Vec<programs::Step>], driver: bool) -> Executor<Recorder> {
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    exec.timers().set_backend(if driver { TimerBackend::Driver } else { TimerBackend::PerTimer });
    let shared = Rc::new(Shared::default());
    spawn_all(&exec, programs, &shared);
    // A frame-length step puts fractions of a millisecond into the times.
    for _ in 0..700 {
        sim.advance(1000.0 / 60.0);
    }
    shared.board.borrow_mut().clear();
    exec
}

/// The state at every cursor, as comparable text.
fn states(trace: &Trace) -> Vec<String> {
    let mut replay = Replay::new(16);
    replay.extend(trace);
    (replay.first_seq()..=trace.total())
        .map(|seq| {
            let s = replay.state_at(trace, seq).expect("a state at every cursor");
            format!("{:?} {:?} {:?}", s.metrics(s.at, 50.0), s.ready, s.timers)
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn export_then_import_gives_the_same_state_at_every_cursor(programs in programs(), driver in any::<bool>()) {
        let exec = run(&programs, driver);
        exec.with_trace(|trace| -> Result<(), TestCaseError> {
            let text = export_trace(trace);
            let back = import_trace(&text).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(back.total(), trace.total());
            prop_assert_eq!(back.iter().collect::<Vec<_>>(), trace.iter().collect::<Vec<_>>(), "every event, bit for bit");
            prop_assert_eq!(states(&back), states(trace));
            prop_assert_eq!(export_trace(&back), text, "a fixpoint");
            check_perfetto(trace)?;
            Ok(())
        })?;
    }
}

#[test]
fn a_trace_that_starts_mid_run_keeps_its_numbering() {
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config { trace_cap: 15, ..Config::default() });
    for i in 0..6u64 {
        exec.spawn(&format!("t{i}"), async move { programs::sleep(5 * i).await });
    }
    sim.advance(100.0);
    exec.with_trace(|trace| {
        assert!(trace.dropped() > 0);
        let back = import_trace(&export_trace(trace)).expect("reads back");
        assert_eq!(back.dropped(), trace.dropped());
        assert_eq!(back.iter().map(|e| e.seq).collect::<Vec<_>>(), trace.iter().map(|e| e.seq).collect::<Vec<_>>());
        assert_eq!(&*back.name(waker_playground::core::TaskId(3)), "t2");
    });
}

fn refused(text: &str) -> String {
    match import_trace(text) {
        Ok(_) => panic!("accepted: {text:.200}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn hostile_files_are_refused_with_the_field_and_the_event() {
    let head = r#"{"format":"waker-playground-trace","version":1,"tasks":[[1,"a"]],"events":["#;
    let with = |events: &str| format!("{head}{events}]}}");
    let ok = with(r#"[0,1,"spawned"],[0,1,"poll-started"]"#);
    assert!(import_trace(&ok).is_ok(), "the base case reads");
    let cases: &[(String, &str)] = &[
        (String::new(), "file: not valid JSON at byte 0"),
        ("[]".into(), "file: not a JSON object"),
        (ok[..ok.len() - 3].to_string(), "file: not valid JSON"),
        (ok.replace("waker-playground-trace", "chrome"), "format: \"chrome\" is not a Waker Playground trace"),
        (ok.replace("\"version\":1", "\"version\":5"), "version: this playground reads versions 1 to 4; the file is version 5"),
        (with(r#"[0,1,"note","print",0,null,null]"#), "event 0, text: names a text or list the file does not have"),
        (with(r#"[0,1,"note","shout",0,null,null]"#), "event 0, note: not a note kind"),
        (with(r#"[0,1,"source","ran",5]"#), "event 0, kind: \"source\" takes 3 argument(s), the event has 2"),
        (with(r#"[0,1,"parked",7]"#), "event 0, text: names a text or list the file does not have"),
        (with(r#"[0,1,"failed","yes"]"#), "event 0, panic: not true or false"),
        (ok.replace("\"tasks\"", "\"texts\":[7],\"tasks\""), "texts: texts[0] is not a string"),
        (ok.replace("\"tasks\"", "\"lists\":[[-1]],\"tasks\""), "lists: lists[0] holds something else than whole numbers"),
        (ok.replace("\"version\":1", "\"version\":\"1\""), "version: missing or not a whole number"),
        (with(r#"[0,1,"spawned"],[0,1,"explode"]"#), "event 1, kind: \"explode\" is not an event kind"),
        (with(r#"[0,1,"spawned"],[0.5,1,"poll-started"]"#), "event 1, at: not a whole number of nanoseconds"),
        (with(r#"[0,-3,"spawned"]"#), "event 0, task: not a task id or null"),
        (with(r#"[0,1,"poll-pending"]"#), "event 0, kind: \"poll-pending\" takes 1 argument(s), the event has 0"),
        (with(r#"[0,1,"woken","timer"]"#), "event 0, source: \"timer\" with 1 argument(s) is not a wake source"),
        (with(r#"[0,1,"timer-fired",1,0,"yes"]"#), "event 0, woke: not true or false"),
        (with(r#"[0,1,"timer-armed",1,1e9]"#), "file: not valid JSON"),
        (with(r#"{"at":0}"#), "event 0, event: not an array"),
        (format!("{head}[[[[[[0]]]]]]]}}"), "nested too deeply"),
        (ok.replace("[[1,\"a\"]]", "[[0,\"a\"]]"), "tasks[0]: the id is not a task id"),
        (ok.replace("\"a\"", &format!("\"{}\"", "x".repeat(300))), "tasks[0]: a name of 300 bytes; at most 200"),
    ];
    for (text, want) in cases {
        let got = refused(text);
        assert!(got.contains(want), "{text:.120}\n  got: {got}\n want: {want}");
    }
    let huge = format!("{head}{}]}}", " ".repeat(MAX_IMPORT_BYTES));
    assert!(refused(&huge).starts_with("file: "), "too big");
}

/// The Chrome Trace Event checks the issue lists, on our own reader.
fn check_perfetto(trace: &Trace) -> Result<(), TestCaseError> {
    let text = perfetto_trace(trace);
    let doc = Json::parse(&text, 8).map_err(|e| TestCaseError::fail(e.to_string()))?;
    let events = doc.get("traceEvents").and_then(Json::as_arr).ok_or_else(|| TestCaseError::fail("no traceEvents"))?;
    let mut slices: BTreeMap<i64, Vec<(i64, i64)>> = BTreeMap::new();
    let (mut starts, mut ends) = (BTreeMap::new(), BTreeMap::new());
    // Timer spans: id -> begin time, and every end with its time.
    let mut begins: BTreeMap<u64, i64> = BTreeMap::new();
    let mut span_ends: Vec<(u64, i64)> = Vec::new();
    let mut counter: Vec<i64> = Vec::new();
    let mut names = HashSet::new();
    for e in events {
        let ph = e.get("ph").and_then(Json::as_str).unwrap_or_default();
        let tid = e.get("tid").and_then(Json::as_i64).unwrap_or(-1);
        // ts in µs, with at most 3 decimals (whole nanoseconds).
        let ts = e.get("ts").map(|t| t.as_fixed(3));
        let at = ts.flatten().unwrap_or(-1);
        match ph {
            "M" => {
                names.insert(e.get("args").and_then(|a| a.get("name")).and_then(Json::as_str).unwrap_or_default().to_string());
                continue;
            }
            "X" => {
                let dur = e.get("dur").and_then(|d| d.as_fixed(3));
                prop_assert!(dur.is_some_and(|d| d >= 0), "an X without a duration: {e:?}");
                slices.entry(tid).or_default().push((at, dur.unwrap_or(0)));
            }
            "s" | "f" => {
                let id = e.get("id").and_then(Json::as_u64);
                prop_assert!(id.is_some(), "a flow id that is not a number");
                let side = if ph == "s" { &mut starts } else { &mut ends };
                prop_assert!(side.insert(id, at).is_none(), "two flow {ph} events with id {id:?}");
            }
            "b" | "e" => {
                let id = e.get("id").and_then(Json::as_u64);
                prop_assert!(id.is_some(), "an async id that is not a number");
                prop_assert_eq!(e.get("cat").and_then(Json::as_str), Some("timer"));
                if ph == "b" {
                    prop_assert!(begins.insert(id.unwrap_or(0), at).is_none(), "timer span {id:?} begun twice");
                    // A timer is due no earlier than it is armed (ms, three decimals; ts in µs).
                    let deadline = e.get("args").and_then(|a| a.get("deadline_ms")).and_then(|d| d.as_fixed(3));
                    prop_assert!(deadline.is_some_and(|d| d * 1000 >= at), "timer span {id:?} due before it is armed: {e:?}");
                } else {
                    span_ends.push((id.unwrap_or(0), at));
                }
            }
            "C" => {
                prop_assert_eq!(e.get("name").and_then(Json::as_str), Some("ready queue"));
                let n = e.get("args").and_then(|a| a.get("tasks")).and_then(Json::as_i64);
                prop_assert!(n.is_some_and(|n| n >= 0), "a counter without a task count: {e:?}");
                prop_assert_ne!(counter.last().copied(), n, "a counter event that repeats the value before it");
                counter.push(n.unwrap_or(-1));
            }
            "i" => prop_assert!(e.get("name").and_then(Json::as_str).is_some(), "an instant without a name"),
            other => prop_assert!(false, "unexpected phase {other}"),
        }
        prop_assert!(matches!(ts, Some(Some(t)) if t >= 0), "a timestamp that is not microseconds: {e:?}");
    }
    prop_assert!(names.contains("executor") && names.contains("JS timers"), "track names: {names:?}");
    // Every flow starts once and ends once, never before it starts.
    prop_assert_eq!(starts.keys().collect::<Vec<_>>(), ends.keys().collect::<Vec<_>>(), "flows without both ends");
    for (id, s) in &starts {
        prop_assert!(ends[id] >= *s, "flow {id:?} ends before it starts");
    }
    // Each end closes a span begun earlier, and no span ends twice.
    let mut ended = HashSet::new();
    for (id, at) in &span_ends {
        prop_assert!(begins.get(id).is_some_and(|b| b <= at), "timer span {id} ends at {at} without an earlier begin");
        prop_assert!(ended.insert(*id), "timer span {id} ends twice");
    }
    // What the trace holds, counted here without the exporter: every armed timer is a span, every
    // fired or cancelled one closes it, and every wake that a poll of its task follows is a flow.
    let (mut armed, mut closed, mut flows, mut polls) = (0, 0, 0, 0);
    let mut woken_since_poll = HashSet::new();
    for e in trace.iter() {
        match e.kind {
            EventKind::TimerArmed { .. } => armed += 1,
            EventKind::TimerFired { .. } | EventKind::TimerCancelled { .. } => closed += 1,
            EventKind::Woken { .. } => {
                woken_since_poll.insert(e.task);
            }
            EventKind::PollStarted => {
                polls += 1;
                if woken_since_poll.remove(&e.task) {
                    flows += 1;
                }
            }
            _ => {}
        }
    }
    prop_assert_eq!(begins.len(), armed, "one span per armed timer");
    prop_assert_eq!(span_ends.len(), closed, "one span end per fired or cancelled timer");
    prop_assert_eq!(starts.len(), flows, "one flow per wake that a poll follows");
    // Every poll follows a spawn or a wake, so the queue held a task at least once.
    if polls > 0 {
        prop_assert!(counter.iter().any(|&n| n >= 1), "polls, but the ready queue counter never shows a task: {counter:?}");
    }
    for (tid, mut xs) in slices {
        xs.sort_by_key(|&(ts, dur)| (ts, -dur));
        let mut open: Vec<i64> = Vec::new();
        for (ts, dur) in xs {
            while open.last().is_some_and(|&end| end <= ts && !(end == ts && dur == 0)) {
                open.pop();
            }
            if let Some(&end) = open.last() {
                prop_assert!(ts + dur <= end, "track {tid}: a slice at {ts} that overlaps its parent's end {end}");
            }
            open.push(ts + dur);
        }
    }
    // The first poll's slice starts where the trace says, in microseconds.
    let first_poll = trace.iter().find(|e| e.kind == EventKind::PollStarted);
    if let Some(p) = first_poll {
        let want = (p.at * 1e6).round() as i64;
        let got = events.iter().find(|e| e.get("cat").and_then(Json::as_str) == Some("poll")).and_then(|e| e.get("ts")?.as_fixed(3));
        prop_assert_eq!(got, Some(want));
    }
    Ok(())
}

/// Found by the property above: a task that wakes itself and finishes in the same poll leaves a
/// wake that no poll follows. It must draw no flow, rather than a flow that never ends.
#[test]
fn a_perfetto_file_counts_from_the_runs_zero_and_importing_one_says_where_it_opens() {
    use std::time::Duration;
    use waker_playground::core::TimerFuture;
    // The page's clock reads 2.4 s when the run starts.
    let sim = SimPlatform::new();
    sim.advance(2400.0);
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let _ = exec.spawn("t", async { TimerFuture::new(Duration::from_millis(40)).await });
    sim.run_until_idle(1e6);
    let text = exec.with_trace(|t| {
        let first = t.iter().next().map_or(0.0, |e| e.at);
        assert_eq!(first, 2400.0);
        perfetto_trace_from(t, first)
    });
    let doc = Json::parse(&text, 8).expect("JSON");
    let ts: Vec<i64> = doc
        .get("traceEvents")
        .and_then(Json::as_arr)
        .expect("events")
        .iter()
        .filter_map(|e| e.get("ts").and_then(|t| t.as_fixed(3)))
        .collect();
    // From 0 (the first event) to the timer, 40 ms later (in µs, three decimals).
    assert_eq!(ts.iter().min(), Some(&0));
    // The timer's span says when it is due, from the same zero: 40 ms.
    let due: Vec<Option<i64>> = doc
        .get("traceEvents")
        .and_then(Json::as_arr)
        .expect("events")
        .iter()
        .filter(|e| e.get("ph").and_then(Json::as_str) == Some("b"))
        .map(|e| e.get("args")?.get("deadline_ms")?.as_fixed(3))
        .collect();
    assert_eq!(due, [Some(40_000)]);
    assert!(ts.iter().max().is_some_and(|&m| (40_000_000..50_000_000).contains(&m)), "{ts:?}");
    let e = import_trace(&text).expect_err("a Perfetto file is not ours");
    assert!(
        e.to_string()
            .starts_with("format: this is a Chrome Trace Event file (what \"Export for Perfetto\" saves): open it at ui.perfetto.dev"),
        "{e}"
    );
}

#[test]
fn a_wake_that_no_poll_follows_draws_no_flow() {
    use programs::Step;
    let exec = run(&[vec![Step::Park, Step::WakeOther(5)], vec![], vec![], vec![], vec![]], false);
    exec.with_trace(|trace| {
        let woke_itself = trace.iter().any(|e| matches!(e.kind, EventKind::Woken { by: waker_playground::core::WakeSource::SelfWake }));
        assert!(woke_itself, "the case still happens");
        check_perfetto(trace).expect("well formed");
    });
}

/// The caps on an imported file, exactly at the limit and one past it.
#[test]
fn an_import_keeps_a_million_events_and_a_hundred_thousand_tasks_and_refuses_one_more() {
    let file = |tasks: usize, events: usize| {
        let mut s = String::from(r#"{"format":"waker-playground-trace","version":2,"tasks":["#);
        for i in 1..=tasks {
            if i > 1 {
                s.push(',');
            }
            s.push_str(&format!("[{i},\"t\"]"));
        }
        s.push_str(r#"],"events":["#);
        for i in 0..events {
            if i > 0 {
                s.push(',');
            }
            s.push_str(r#"[0,1,"spawned"]"#);
        }
        s.push_str("]}");
        s
    };
    let at_limit = file(1, MAX_IMPORT_EVENTS);
    assert!(at_limit.len() < MAX_IMPORT_BYTES, "the file is within the byte cap, so only the event cap can refuse it");
    let trace = import_trace(&at_limit).expect("exactly at the event cap");
    assert_eq!(trace.total(), MAX_IMPORT_EVENTS as u64);
    assert_eq!(
        refused(&file(1, MAX_IMPORT_EVENTS + 1)),
        format!("events: more than {MAX_IMPORT_EVENTS} events; at most that many are read")
    );
    let trace = import_trace(&file(MAX_IMPORT_TASKS, 1)).expect("exactly at the task cap");
    assert_eq!(trace.names().len(), MAX_IMPORT_TASKS);
    assert_eq!(
        refused(&file(MAX_IMPORT_TASKS + 1, 1)),
        format!("tasks: {} tasks; at most {MAX_IMPORT_TASKS} are read", MAX_IMPORT_TASKS + 1)
    );
}

/// The texts and lists tables each have their cap, whichever of the two is past it.
#[test]
fn an_import_refuses_more_texts_or_more_lists_than_its_table_holds() {
    let file = |texts: usize, lists: usize| {
        let table = |n: usize, item: &str| vec![item; n].join(",");
        format!(
            r#"{{"format":"waker-playground-trace","version":2,"tasks":[[1,"a"]],"texts":[{}],"lists":[{}],"events":[[0,1,"spawned"]]}}"#,
            table(texts, "\"t\""),
            table(lists, "[1]")
        )
    };
    assert!(import_trace(&file(MAX_IMPORT_TABLE, MAX_IMPORT_TABLE)).is_ok(), "both at the cap");
    let want = format!("texts: more than {MAX_IMPORT_TABLE} texts or lists; at most that many are read");
    assert_eq!(refused(&file(MAX_IMPORT_TABLE + 1, 0)), want, "texts past the cap, no lists");
    assert_eq!(refused(&file(0, MAX_IMPORT_TABLE + 1)), want, "lists past the cap, no texts");
}

/// A program's run has notes (console lines) and parked-await lists: they survive an export and
/// an import, and the import exports to the very same file.
#[test]
fn a_programs_notes_and_parked_lists_survive_export_and_import() {
    use waker_playground::play::lang::{parse, start_on};
    let src = "async fn main() {\n    println!(\"a\");\n    let h = spawn(child());\n    sleep(5).await;\n    h.await;\n    println!(\"b\");\n}\nasync fn child() {\n    sleep(10).await;\n}\n";
    let sim = SimPlatform::new();
    let exec: Executor<Recorder> = Executor::new(Rc::new(sim.clone()), Config::default());
    let run = start_on(&exec, Rc::new(parse(src).expect("parses"))).expect("starts");
    sim.run_until_idle(1000.0);
    drop(run);
    exec.with_trace(|trace| {
        assert!(
            !trace.lists().is_empty() && !trace.texts().is_empty(),
            "the case happens: lists {} texts {}",
            trace.lists().len(),
            trace.texts().len()
        );
        let text = export_trace(trace);
        let back = import_trace(&text).expect("imports");
        assert_eq!(back.lists(), trace.lists());
        assert_eq!(back.texts(), trace.texts());
        assert_eq!(export_trace(&back), text);
    });
}

#[test]
fn a_trace_file_carries_its_scenario_and_refuses_a_bad_one() {
    use waker_playground::core::{export_trace_with, import_trace_with, MAX_SCENARIO_LEN};
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    exec.spawn("howdy", async move { programs::sleep(20).await });
    sim.advance(50.0);
    exec.with_trace(|trace| {
        let text = export_trace_with(trace, Some("t=howdy:sleep(20)\"quoted\""));
        let (back, scenario) = import_trace_with(&text).expect("reads back");
        assert_eq!(scenario.as_deref(), Some("t=howdy:sleep(20)\"quoted\""));
        assert_eq!(back.len(), trace.len());
        // Without one, the file is as before, and reads back with none.
        let plain = export_trace(trace);
        assert!(!plain.contains("\"scenario\""));
        assert_eq!(import_trace_with(&plain).unwrap().1, None);
        // A scenario that is not a string, or too long, is refused by name.
        let wrong = plain.replacen("\"tasks\":", "\"scenario\":5,\"tasks\":", 1);
        assert_eq!(import_trace_with(&wrong).unwrap_err().field, "scenario");
        let long = plain.replacen("\"tasks\":", &format!("\"scenario\":\"{}\",\"tasks\":", "x".repeat(MAX_SCENARIO_LEN + 1)), 1);
        let e = import_trace_with(&long).unwrap_err();
        assert_eq!(e.field, "scenario");
        assert!(e.message.contains("at most"), "{e}");
        // Too long to carry: the export leaves it out rather than write a file it would refuse.
        assert_eq!(import_trace_with(&export_trace_with(trace, Some(&"y".repeat(MAX_SCENARIO_LEN + 1)))).unwrap().1, None);
    });
}
