//! A run's trace as a file: our own JSON (versioned, read back by [`import_trace`]), and Chrome Trace
//! Event JSON for Perfetto (ui.perfetto.dev) and chrome://tracing.
//!
//! # Ground rules
//!
//! - Times are integer nanoseconds in our format (the recorder keeps them to the nanosecond), so
//!   a file reads back bit for bit, and no float formatting or parsing ships in the wasm.
//! - An import is hostile input. Its size, event count, task count and nesting are bounded; every
//!   field is checked, and a refusal names the field and the event index. Nothing panics, and an
//!   import only ever builds data: a trace runs no code.
//!
//! # Our format, version 1
//!
//! ```text
//! { "format": "waker-playground-trace", "version": 1, "first_seq": 0,
//!   "tasks": [[1, "seed"], ...],                  task id, name
//!   "events": [[at_ns, task_or_null, kind, ...], ...] }
//! ```
//!
//! The arguments after `kind` depend on it:
//! `spawned`, `poll-started`, `waker-cloned`, `waker-dropped`, `completed`, `aborted`: none;
//! `poll-pending`, `poll-ready`: took_ns;
//! `woken`, `wake-coalesced`, `wake-ignored`: source (`"timer"`, timer id | `"self"` |
//! `"other"`, task id or null | `"remote"`);
//! `timer-armed`: timer id, deadline_ns; `timer-fired`: timer id, lateness_ns, woke (bool);
//! `timer-cancelled`: timer id; `timer-rescheduled`: timer id, old deadline_ns, new deadline_ns;
//! `tick-ended`, `tick-budget-stop` (a host tick that drained the queue, or stopped on its
//! budget): none, and no task.
//!
//! A program running on the executor adds its own (version 2; version 1 files read too):
//! `note`: kind (`"print"`, `"notice"`, `"error"`, `"panic"`), text index, source start and end
//! (byte offsets, or null); `source`: why (`"ran"`, `"timer"`, `"clone"`, `"wake"`,
//! `"unpolled"`, `"self-waker"`), start, end; `parked`: list index; `failed`: panic (bool).
//! Their texts and lists are in `"texts": ["…", …]` and `"lists": [[n, …], …]`.
//!
//! A program that runs an executor of its own adds (version 3; older files read too):
//! `guest-spawned` (a task of theirs first seen), `enqueued` and `dequeued` (it went onto, or
//! left, the channel their executor receives tasks from): none.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::rc::Rc;

use super::json::{write_fixed, write_str, Json};
use super::log::Trace;
use super::replay::RunState;
use crate::core::rt::event::{Event, EventKind, NoteKind, Outcome, SourceKind, WakeSource};
use crate::core::rt::ids::{TaskId, TimerId};

/// The `format` field of our files.
pub const FORMAT: &str = "waker-playground-trace";
/// The version this build writes (it reads 1 and 2 too).
pub const VERSION: u64 = 4;
/// The most texts and lists an import reads.
pub const MAX_IMPORT_TABLE: usize = 200_000;
/// The longest text an import reads, in bytes.
pub const MAX_TEXT_LEN: usize = 4096;
/// The largest file an import reads.
pub const MAX_IMPORT_BYTES: usize = 32 * 1024 * 1024;
/// The most events an import reads.
pub const MAX_IMPORT_EVENTS: usize = 1_000_000;
/// The most tasks an import reads.
pub const MAX_IMPORT_TASKS: usize = 100_000;
/// The longest task name an import reads, in bytes.
pub const MAX_NAME_LEN: usize = 200;

fn ns(ms: f64) -> i64 {
    // Saturating: a deadline past i64 nanoseconds (292 years) is written as the largest.
    (ms * 1e6).round() as i64
}

fn ms(ns: i64) -> f64 {
    ns as f64 / 1e6
}

fn kind_args(kind: &EventKind, out: &mut String) {
    let source = |out: &mut String, by: &WakeSource| match by {
        WakeSource::Timer(t) => {
            let _ = write!(out, ",\"timer\",{}", t.0);
        }
        WakeSource::SelfWake => out.push_str(",\"self\""),
        WakeSource::Other(Some(t)) => {
            let _ = write!(out, ",\"other\",{}", t.0);
        }
        WakeSource::Other(None) => out.push_str(",\"other\",null"),
        WakeSource::Remote => out.push_str(",\"remote\""),
    };
    match kind {
        EventKind::Polled { took_ms, .. } => {
            let _ = write!(out, ",{}", ns(*took_ms));
        }
        EventKind::Woken { by } | EventKind::WakeCoalesced { by } | EventKind::WakeIgnored { by } => source(out, by),
        EventKind::TimerArmed { timer, deadline } => {
            let _ = write!(out, ",{},{}", timer.0, ns(*deadline));
        }
        EventKind::TimerFired { timer, lateness_ms, woke } => {
            let _ = write!(out, ",{},{},{}", timer.0, ns(*lateness_ms), woke);
        }
        EventKind::TimerCancelled { timer } => {
            let _ = write!(out, ",{}", timer.0);
        }
        EventKind::TimerRescheduled { timer, old_deadline, new_deadline } => {
            let _ = write!(out, ",{},{},{}", timer.0, ns(*old_deadline), ns(*new_deadline));
        }
        EventKind::Note { kind, text, start, end } => {
            let _ = write!(out, ",\"{}\",{text},", kind.key());
            if *start == u32::MAX {
                out.push_str("null,null");
            } else {
                let _ = write!(out, "{start},{end}");
            }
        }
        EventKind::Source { why, start, end } => {
            let _ = write!(out, ",\"{}\",{start},{end}", why.key());
        }
        EventKind::Parked { awaits } => {
            let _ = write!(out, ",{awaits}");
        }
        EventKind::Failed { panic } => {
            let _ = write!(out, ",{panic}");
        }
        EventKind::Spawned
        | EventKind::GuestSpawned
        | EventKind::Enqueued
        | EventKind::Dequeued
        | EventKind::TickEnded { .. }
        | EventKind::PollStarted
        | EventKind::WakerCloned
        | EventKind::WakerDropped
        | EventKind::Completed
        | EventKind::Aborted => {}
    }
}

/// The trace in our own format.
pub fn export_trace(trace: &Trace) -> String {
    export_trace_with(trace, None)
}

/// The longest scenario a trace file may carry, in bytes (a share link's text: a program of the
/// language's 64 KB, escaped, fits).
pub const MAX_SCENARIO_LEN: usize = 256 * 1024;

/// The trace in our own format, with the scenario it was recorded from (`"scenario"`: the text a
/// share link carries), so that an import shows that scenario everywhere. Readers of version 3
/// that predate the field ignore it.
pub fn export_trace_with(trace: &Trace, scenario: Option<&str>) -> String {
    let mut out = String::with_capacity(64 + trace.len() * 40);
    let _ = write!(out, "{{\"format\":\"{FORMAT}\",\"version\":{VERSION},\"first_seq\":{},", trace.dropped());
    if let Some(s) = scenario.filter(|s| s.len() <= MAX_SCENARIO_LEN) {
        out.push_str("\"scenario\":");
        write_str(&mut out, s);
        out.push(',');
    }
    out.push_str("\"tasks\":[");
    let mut first = true;
    for (i, name) in trace.names().iter().enumerate() {
        if !first {
            out.push(',');
        }
        first = false;
        let _ = write!(out, "[{},", i + 1);
        write_str(&mut out, name);
        out.push(']');
    }
    out.push_str("],\"texts\":[");
    for (i, t) in trace.texts().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        write_str(&mut out, t);
    }
    out.push_str("],\"lists\":[");
    for (i, l) in trace.lists().iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        for (j, n) in l.iter().enumerate() {
            if j > 0 {
                out.push(',');
            }
            let _ = write!(out, "{n}");
        }
        out.push(']');
    }
    out.push_str("],\"events\":[");
    for (i, e) in trace.iter().enumerate() {
        if i > 0 {
            out.push_str(",\n");
        }
        let _ = write!(out, "[{},", ns(e.at));
        match e.task {
            Some(t) => {
                let _ = write!(out, "{}", t.0);
            }
            None => out.push_str("null"),
        }
        let _ = write!(out, ",\"{}\"", e.kind.name());
        kind_args(&e.kind, &mut out);
        out.push(']');
    }
    out.push_str("]}\n");
    out
}

/// Why a file was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The event at fault (its index in `events`), if the fault is in one.
    pub event: Option<usize>,
    /// The field at fault.
    pub field: String,
    /// What is wrong with it.
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.event {
            Some(i) => write!(f, "event {i}, {}: {}", self.field, self.message),
            None => write!(f, "{}: {}", self.field, self.message),
        }
    }
}

impl std::error::Error for ImportError {}

fn refuse(event: Option<usize>, field: &str, message: impl Into<String>) -> ImportError {
    ImportError { event, field: field.to_string(), message: message.into() }
}

/// Reads a trace written by [`export_trace`]. The trace keeps every event of the file.
pub fn import_trace(text: &str) -> Result<Trace, ImportError> {
    import_trace_with(text).map(|(trace, _)| trace)
}

/// [`import_trace`], and the scenario the file carries, if it carries one (see
/// [`export_trace_with`]).
pub fn import_trace_with(text: &str) -> Result<(Trace, Option<String>), ImportError> {
    if text.len() > MAX_IMPORT_BYTES {
        return Err(refuse(None, "file", format!("{} bytes; at most {} MB are read", text.len(), MAX_IMPORT_BYTES / (1024 * 1024))));
    }
    // The events are checked and kept compact as they are read; the rest of the file is small.
    let mut read: Vec<(f64, Option<TaskId>, EventKind)> = Vec::new();
    let mut bad: Option<ImportError> = None;
    let parsed = Json::parse_streaming(text, 4, "events", &mut |i, e| {
        if i >= MAX_IMPORT_EVENTS {
            bad = Some(refuse(None, "events", format!("more than {MAX_IMPORT_EVENTS} events; at most that many are read")));
            return Err("too many events".into());
        }
        match event(&e) {
            Ok(ev) => {
                read.push(ev);
                Ok(())
            }
            Err((field, message)) => {
                bad = Some(refuse(Some(i), field, message));
                Err("a bad event".into())
            }
        }
    });
    if let Some(e) = bad {
        return Err(e);
    }
    let doc = parsed.map_err(|e| refuse(None, "file", e.to_string()))?;
    if !matches!(doc, Json::Obj(_)) {
        return Err(refuse(None, "file", "not a JSON object"));
    }
    match doc.get("format").and_then(Json::as_str) {
        Some(FORMAT) => {}
        Some(other) => return Err(refuse(None, "format", format!("\"{other}\" is not a Waker Playground trace"))),
        // The other file this page exports: say where it opens, and which file to pick instead.
        None if doc.get("traceEvents").is_some() => {
            return Err(refuse(
                None,
                "format",
                "this is a Chrome Trace Event file (what \"Export for Perfetto\" saves): open it at ui.perfetto.dev. \
                 Import reads the file \"Export trace\" saves (waker-playground.trace.json)",
            ))
        }
        None => return Err(refuse(None, "format", format!("missing: a trace file has \"format\": \"{FORMAT}\""))),
    }
    match doc.get("version").map(Json::as_u64) {
        Some(Some(1..=VERSION)) => {}
        Some(Some(v)) => {
            return Err(refuse(None, "version", format!("this playground reads versions 1 to {VERSION}; the file is version {v}")))
        }
        _ => return Err(refuse(None, "version", "missing or not a whole number")),
    }
    let first_seq = match doc.get("first_seq") {
        None => 0,
        Some(v) => v.as_u64().filter(|&n| n < u64::MAX / 2).ok_or_else(|| refuse(None, "first_seq", "not a whole number"))?,
    };
    let tasks = doc.get("tasks").and_then(Json::as_arr).ok_or_else(|| refuse(None, "tasks", "missing or not an array"))?;
    if tasks.len() > MAX_IMPORT_TASKS {
        return Err(refuse(None, "tasks", format!("{} tasks; at most {MAX_IMPORT_TASKS} are read", tasks.len())));
    }
    if !matches!(doc.get("events"), Some(Json::Arr(_))) {
        return Err(refuse(None, "events", "missing or not an array"));
    }
    let mut trace = Trace::starting_at(read.len().max(1), first_seq);
    let texts = match doc.get("texts") {
        None => &[][..],
        Some(t) => t.as_arr().ok_or_else(|| refuse(None, "texts", "not an array"))?,
    };
    let lists = match doc.get("lists") {
        None => &[][..],
        Some(t) => t.as_arr().ok_or_else(|| refuse(None, "lists", "not an array"))?,
    };
    if texts.len() > MAX_IMPORT_TABLE || lists.len() > MAX_IMPORT_TABLE {
        return Err(refuse(None, "texts", format!("more than {MAX_IMPORT_TABLE} texts or lists; at most that many are read")));
    }
    for (i, t) in texts.iter().enumerate() {
        let t = t.as_str().ok_or_else(|| refuse(None, "texts", format!("texts[{i}] is not a string")))?;
        if t.len() > MAX_TEXT_LEN {
            return Err(refuse(None, "texts", format!("texts[{i}] has {} bytes; at most {MAX_TEXT_LEN}", t.len())));
        }
        trace.intern_text(t);
    }
    for (i, l) in lists.iter().enumerate() {
        let items = l.as_arr().ok_or_else(|| refuse(None, "lists", format!("lists[{i}] is not an array")))?;
        if items.len() > 3 * 64 {
            return Err(refuse(None, "lists", format!("lists[{i}] is too long")));
        }
        let nums: Option<Vec<u32>> = items.iter().map(|n| n.as_u64().and_then(|n| u32::try_from(n).ok())).collect();
        let nums = nums.ok_or_else(|| refuse(None, "lists", format!("lists[{i}] holds something else than whole numbers")))?;
        trace.push_list(&nums);
    }
    for (i, (_, _, kind)) in read.iter().enumerate() {
        let bad = match *kind {
            EventKind::Note { text, .. } => text as usize >= texts.len() && text != u32::MAX,
            EventKind::Parked { awaits } => awaits as usize >= lists.len() && awaits != u32::MAX,
            _ => false,
        };
        if bad {
            return Err(refuse(Some(i), "text", "names a text or list the file does not have"));
        }
    }
    for (i, t) in tasks.iter().enumerate() {
        let field = format!("tasks[{i}]");
        let Some([id, name]) = t.as_arr() else { return Err(refuse(None, &field, "not an [id, name] pair")) };
        let id = id
            .as_u64()
            .filter(|&n| n >= 1 && n <= MAX_IMPORT_TASKS as u64)
            .ok_or_else(|| refuse(None, &field, "the id is not a task id"))?;
        let name = name.as_str().ok_or_else(|| refuse(None, &field, "the name is not a string"))?;
        if name.len() > MAX_NAME_LEN {
            return Err(refuse(None, &field, format!("a name of {} bytes; at most {MAX_NAME_LEN}", name.len())));
        }
        trace.set_name(TaskId(id), Rc::from(name));
    }
    for (at, task, kind) in read {
        trace.push(at, task, kind);
    }
    let scenario = match doc.get("scenario") {
        None => None,
        Some(Json::Str(s)) if s.len() <= MAX_SCENARIO_LEN => Some(s.to_string()),
        Some(Json::Str(s)) => return Err(refuse(None, "scenario", format!("{} bytes; at most {MAX_SCENARIO_LEN}", s.len()))),
        Some(_) => return Err(refuse(None, "scenario", "not a string")),
    };
    Ok((trace, scenario))
}

type Refusal = (&'static str, String);

/// A byte offset of a program's source (less than 4 GiB).
fn span_end(n: u64) -> Result<u32, Refusal> {
    u32::try_from(n).ok().filter(|&n| n != u32::MAX).ok_or(("span", "not a byte offset".to_string()))
}

fn event(e: &Json) -> Result<(f64, Option<TaskId>, EventKind), Refusal> {
    let a = e.as_arr().ok_or(("event", "not an array".to_string()))?;
    let at = a.first().and_then(Json::as_i64).ok_or(("at", "not a whole number of nanoseconds".to_string()))?;
    let task = match a.get(1) {
        Some(Json::Null) => None,
        Some(v) => Some(TaskId(v.as_u64().filter(|&n| n >= 1).ok_or(("task", "not a task id or null".to_string()))?)),
        None => return Err(("task", "missing".to_string())),
    };
    let name = a.get(2).and_then(Json::as_str).ok_or(("kind", "missing or not a string".to_string()))?;
    let args = a.get(3..).unwrap_or_default();
    let want = |n: usize| -> Result<(), Refusal> {
        if args.len() == n {
            Ok(())
        } else {
            Err(("kind", format!("\"{name}\" takes {n} argument(s), the event has {}", args.len())))
        }
    };
    let int = |k: usize, field: &'static str| -> Result<i64, Refusal> {
        args.get(k).and_then(Json::as_i64).ok_or((field, "not a whole number".to_string()))
    };
    let id = |k: usize, field: &'static str| -> Result<u64, Refusal> {
        args.get(k).and_then(Json::as_u64).ok_or((field, "not an id".to_string()))
    };
    let source = || -> Result<WakeSource, Refusal> {
        let by = args.first().and_then(Json::as_str).ok_or(("source", "missing or not a string".to_string()))?;
        match (by, args.len()) {
            ("timer", 2) => Ok(WakeSource::Timer(TimerId(id(1, "source")?))),
            ("self", 1) => Ok(WakeSource::SelfWake),
            ("remote", 1) => Ok(WakeSource::Remote),
            ("other", 2) => match args.get(1) {
                Some(Json::Null) => Ok(WakeSource::Other(None)),
                _ => Ok(WakeSource::Other(Some(TaskId(id(1, "source")?)))),
            },
            _ => Err(("source", format!("\"{by}\" with {} argument(s) is not a wake source", args.len()))),
        }
    };
    let kind = match name {
        "spawned" | "guest-spawned" | "enqueued" | "dequeued" | "poll-started" | "waker-cloned" | "waker-dropped" | "completed"
        | "aborted" | "tick-ended" | "tick-budget-stop" => {
            want(0)?;
            match name {
                "spawned" => EventKind::Spawned,
                "guest-spawned" => EventKind::GuestSpawned,
                "enqueued" => EventKind::Enqueued,
                "dequeued" => EventKind::Dequeued,
                "tick-ended" => EventKind::TickEnded { budget_stop: false },
                "tick-budget-stop" => EventKind::TickEnded { budget_stop: true },
                "poll-started" => EventKind::PollStarted,
                "waker-cloned" => EventKind::WakerCloned,
                "waker-dropped" => EventKind::WakerDropped,
                "completed" => EventKind::Completed,
                _ => EventKind::Aborted,
            }
        }
        "poll-pending" | "poll-ready" => {
            want(1)?;
            let outcome = if name == "poll-ready" { Outcome::Ready } else { Outcome::Pending };
            EventKind::Polled { outcome, took_ms: ms(int(0, "took")?) }
        }
        "woken" => EventKind::Woken { by: source()? },
        "wake-coalesced" => EventKind::WakeCoalesced { by: source()? },
        "wake-ignored" => EventKind::WakeIgnored { by: source()? },
        "timer-armed" => {
            want(2)?;
            EventKind::TimerArmed { timer: TimerId(id(0, "timer")?), deadline: ms(int(1, "deadline")?) }
        }
        "timer-fired" => {
            want(3)?;
            let woke = match args.get(2) {
                Some(Json::Bool(b)) => *b,
                _ => return Err(("woke", "not true or false".to_string())),
            };
            EventKind::TimerFired { timer: TimerId(id(0, "timer")?), lateness_ms: ms(int(1, "lateness")?), woke }
        }
        "timer-cancelled" => {
            want(1)?;
            EventKind::TimerCancelled { timer: TimerId(id(0, "timer")?) }
        }
        "timer-rescheduled" => {
            want(3)?;
            EventKind::TimerRescheduled {
                timer: TimerId(id(0, "timer")?),
                old_deadline: ms(int(1, "old deadline")?),
                new_deadline: ms(int(2, "new deadline")?),
            }
        }
        "note" => {
            want(4)?;
            let kind = args.first().and_then(Json::as_str).and_then(NoteKind::from_key).ok_or(("note", "not a note kind".to_string()))?;
            let text = u32::try_from(id(1, "text")?).map_err(|_| ("text", "too large".to_string()))?;
            let (start, end) = match (args.get(2), args.get(3)) {
                (Some(Json::Null), Some(Json::Null)) => (u32::MAX, u32::MAX),
                _ => (span_end(id(2, "start")?)?, span_end(id(3, "end")?)?),
            };
            EventKind::Note { kind, text, start, end }
        }
        "source" => {
            want(3)?;
            let why =
                args.first().and_then(Json::as_str).and_then(SourceKind::from_key).ok_or(("source", "not a source kind".to_string()))?;
            EventKind::Source { why, start: span_end(id(1, "start")?)?, end: span_end(id(2, "end")?)? }
        }
        "parked" => {
            want(1)?;
            EventKind::Parked { awaits: u32::try_from(id(0, "awaits")?).map_err(|_| ("awaits", "too large".to_string()))? }
        }
        "failed" => {
            want(1)?;
            match args.first() {
                Some(Json::Bool(b)) => EventKind::Failed { panic: *b },
                _ => return Err(("panic", "not true or false".to_string())),
            }
        }
        other => return Err(("kind", format!("\"{other}\" is not an event kind"))),
    };
    Ok((ms(at), task, kind))
}

/// The trace as Chrome Trace Event JSON: polls as slices on an "executor" track (the polls the
/// program's own executor makes, and its queue, on a "your executor" track), timer callbacks
/// on a "JS timers" track, each timer as an async span from armed to fired or cancelled, each
/// wake as a flow to the poll it caused, and the ready queue's length as a counter.
pub fn perfetto_trace(trace: &Trace) -> String {
    perfetto_trace_from(trace, 0.0)
}

/// [`perfetto_trace`] with its times counted from `zero_ms`, in the trace's clock: the run's
/// start, so that Perfetto's timeline starts where the playground's does (0 ms), not at the
/// page's clock when the run began. Times before it (a run has none) are written as 0.
pub fn perfetto_trace_from(trace: &Trace, zero_ms: f64) -> String {
    const PID: u32 = 1;
    const EXEC: u32 = 1;
    const TIMERS: u32 = 2;
    const GUESTS: u32 = 3;
    let mut out = String::with_capacity(256 + trace.len() * 120);
    out.push_str("{\"displayTimeUnit\":\"ms\",\"traceEvents\":[\n");
    let _ =
        write!(out, "{{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":{PID},\"tid\":{EXEC},\"args\":{{\"name\":\"Waker Playground\"}}}}");
    let _ = write!(out, ",\n{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{PID},\"tid\":{EXEC},\"args\":{{\"name\":\"executor\"}}}}");
    let _ = write!(out, ",\n{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{PID},\"tid\":{TIMERS},\"args\":{{\"name\":\"JS timers\"}}}}");
    let mut guests_named = false;
    // Timestamps in microseconds, written from integer nanoseconds with three decimals.
    let ts = |out: &mut String, ms_: f64| write_fixed(out, ns((ms_ - zero_ms).max(0.0)), 3);
    let mut state = RunState::new();
    let mut poll_start: HashMap<TaskId, f64> = HashMap::new();
    // A wake's flow is written when the poll it caused starts: a wake that no poll follows (the
    // task finished in the same poll that woke it) draws no arrow, so every flow has its end.
    let mut flow_to: HashMap<TaskId, (u64, u32, f64)> = HashMap::new();
    let mut next_flow = 1u64;
    let mut ready_len = usize::MAX;
    let name_of = |t: Option<TaskId>| t.map_or_else(|| "outside any task".to_string(), |t| trace.name(t).to_string());
    for e in trace.iter() {
        state.apply(&e, |id| trace.name(id));
        let Event { at, task, kind, .. } = e;
        // A task of the program's own executor is polled by its code, inside a poll of ours: its
        // polls and its queue go on a track of their own.
        let guest = task.and_then(|t| state.task(t)).is_some_and(|t| t.guest);
        let track = if guest { GUESTS } else { EXEC };
        if guest && !guests_named {
            guests_named = true;
            let _ = write!(
                out,
                ",\n{{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":{PID},\"tid\":{GUESTS},\"args\":{{\"name\":\"your executor\"}}}}"
            );
        }
        match kind {
            EventKind::GuestSpawned | EventKind::Enqueued | EventKind::Dequeued => {
                out.push_str(",\n{\"ph\":\"i\",\"s\":\"t\",\"name\":");
                let what = match kind {
                    EventKind::GuestSpawned => "first seen",
                    EventKind::Enqueued => "sent to its queue",
                    _ => "taken off its queue",
                };
                write_str(&mut out, &format!("{} {what}", name_of(task)));
                let _ = write!(out, ",\"cat\":\"queue\",\"pid\":{PID},\"tid\":{GUESTS},\"ts\":");
                ts(&mut out, at);
                out.push('}');
            }
            EventKind::PollStarted => {
                if let Some(t) = task {
                    poll_start.insert(t, at);
                    if let Some((id, tid, woke_at)) = flow_to.remove(&t) {
                        out.push_str(",\n{\"ph\":\"s\",\"name\":\"wake\",\"cat\":\"wake\",\"id\":");
                        let _ = write!(out, "{id},\"pid\":{PID},\"tid\":{tid},\"ts\":");
                        ts(&mut out, woke_at);
                        out.push('}');
                        out.push_str(",\n{\"ph\":\"f\",\"bp\":\"e\",\"name\":\"wake\",\"cat\":\"wake\",\"id\":");
                        let _ = write!(out, "{id},\"pid\":{PID},\"tid\":{track},\"ts\":");
                        ts(&mut out, at);
                        out.push('}');
                    }
                }
            }
            EventKind::Polled { outcome, took_ms } => {
                let start = task.and_then(|t| poll_start.remove(&t)).unwrap_or(at - took_ms);
                out.push_str(",\n{\"ph\":\"X\",\"name\":");
                write_str(&mut out, &format!("poll {}", name_of(task)));
                let _ = write!(out, ",\"cat\":\"poll\",\"pid\":{PID},\"tid\":{track},\"ts\":");
                ts(&mut out, start);
                out.push_str(",\"dur\":");
                ts(&mut out, took_ms.max(0.0));
                let _ = write!(out, ",\"args\":{{\"task\":{},\"outcome\":\"{outcome:?}\"}}}}", task.map_or(0, |t| t.0));
            }
            EventKind::Woken { by } => {
                if let Some(t) = task {
                    let tid = if matches!(by, WakeSource::Timer(_)) { TIMERS } else { EXEC };
                    flow_to.insert(t, (next_flow, tid, at));
                    next_flow += 1;
                }
            }
            EventKind::TimerArmed { timer, deadline } => {
                out.push_str(",\n{\"ph\":\"b\",\"name\":");
                write_str(&mut out, &format!("{timer} ({})", name_of(task)));
                let _ = write!(out, ",\"cat\":\"timer\",\"id\":{},\"pid\":{PID},\"tid\":{TIMERS},\"ts\":", timer.0);
                ts(&mut out, at);
                out.push_str(",\"args\":{\"deadline_ms\":");
                write_fixed(&mut out, ns((deadline - zero_ms).max(0.0)) / 1000, 3);
                out.push_str("}}");
            }
            EventKind::TimerFired { timer, lateness_ms, woke } => {
                // The callback itself: an instant-long slice that the wake's flow starts from.
                out.push_str(",\n{\"ph\":\"X\",\"name\":");
                write_str(&mut out, &format!("setTimeout callback: {timer}"));
                let _ = write!(out, ",\"cat\":\"timer\",\"pid\":{PID},\"tid\":{TIMERS},\"ts\":");
                ts(&mut out, at);
                let _ = write!(out, ",\"dur\":0,\"args\":{{\"woke\":{woke},\"late_ms\":");
                write_fixed(&mut out, ns(lateness_ms) / 1000, 3);
                out.push_str("}}");
                end_span(&mut out, timer, at, "fired", ts);
            }
            EventKind::TimerCancelled { timer } => end_span(&mut out, timer, at, "cancelled", ts),
            EventKind::Note { kind, text, .. } => {
                // A line the program printed: an instant on the executor's track.
                out.push_str(",\n{\"ph\":\"i\",\"s\":\"t\",\"name\":");
                write_str(&mut out, &trace.text(text));
                let _ = write!(out, ",\"cat\":\"{}\",\"pid\":{PID},\"tid\":{EXEC},\"ts\":", kind.key());
                ts(&mut out, at);
                out.push_str(",\"args\":{\"task\":");
                write_str(&mut out, &name_of(task));
                out.push_str("}}");
            }
            EventKind::Failed { panic } => {
                out.push_str(",\n{\"ph\":\"i\",\"s\":\"t\",\"name\":");
                write_str(&mut out, &format!("{} {}", name_of(task), if panic { "panicked" } else { "failed" }));
                let _ = write!(out, ",\"cat\":\"failed\",\"pid\":{PID},\"tid\":{EXEC},\"ts\":");
                ts(&mut out, at);
                out.push('}');
            }
            _ => {}
        }
        if state.ready.len() != ready_len {
            ready_len = state.ready.len();
            let _ = write!(out, ",\n{{\"ph\":\"C\",\"name\":\"ready queue\",\"pid\":{PID},\"tid\":{EXEC},\"ts\":");
            ts(&mut out, at);
            let _ = write!(out, ",\"args\":{{\"tasks\":{ready_len}}}}}");
        }
    }
    out.push_str("\n]}\n");
    out
}

fn end_span(out: &mut String, timer: TimerId, at: f64, how: &str, ts: impl Fn(&mut String, f64)) {
    out.push_str(",\n{\"ph\":\"e\",\"name\":");
    write_str(out, &timer.to_string());
    let _ = write!(out, ",\"cat\":\"timer\",\"id\":{},\"pid\":1,\"tid\":2,\"ts\":", timer.0);
    ts(out, at);
    let _ = write!(out, ",\"args\":{{\"end\":\"{how}\"}}}}");
}
