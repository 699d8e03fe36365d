//! The rebuild of the interpreter (one evaluator, compiled once) changed no behaviour of the old
//! language: 1,000 programs of its subset, generated from seeds (tests/common/old_subset.rs),
//! record the same trace and print the same console here as they did on the interpreter before
//! the rebuild. tests/data/old-subset-traces.txt holds, per seed, a hash of that record as the
//! old interpreter made it (commit 389f661), and its length in lines.
#![cfg(not(target_arch = "wasm32"))]
#[path = "common/old_subset.rs"]
mod old_subset;

use std::fmt::Write as _;
use std::rc::Rc;

use waker_playground::core::{Config, Executor, SimPlatform};
use waker_playground::play::lang::{parse, start_on};

/// What a program did: every event of the executor and the timers (the program's own notes in
/// the trace are new, and left out), then its console.
fn record(seed: u64) -> String {
    let src = old_subset::program(seed);
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let program = match parse(&src) {
        Ok(p) => p,
        Err(e) => return format!("parse error {}", e.render(&src)),
    };
    let run = start_on(&exec, Rc::new(program)).expect("starts");
    sim.run_until_idle(1e7);
    let mut out = String::new();
    for e in exec.events_since(0).iter().filter(|e| !e.kind.is_program()) {
        let _ = writeln!(out, "{e}");
    }
    for o in run.console() {
        let _ = writeln!(out, "console {:.3} {:?} {}", o.at, o.kind, o.text);
    }
    out
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf29ce484222325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}

#[test]
fn a_thousand_programs_of_the_old_subset_record_the_traces_they_recorded_before_the_rebuild() {
    let golden = include_str!("data/old-subset-traces.txt");
    let mut checked = 0;
    let mut events = 0;
    for line in golden.lines() {
        let parts: Vec<&str> = line.split(' ').collect();
        let [seed, hash, lines] = parts[..] else { panic!("a bad golden line: {line}") };
        let seed: u64 = seed.parse().expect("a seed");
        let r = record(seed);
        assert!(!r.starts_with("parse error"), "seed {seed}: {r}\n{}", old_subset::program(seed));
        assert_eq!(
            (format!("{:016x}", fnv(&r)), r.lines().count().to_string()),
            (hash.to_string(), lines.to_string()),
            "seed {seed} behaves differently from before the rebuild:\n{}\n{r}",
            old_subset::program(seed)
        );
        checked += 1;
        events += r.lines().count();
    }
    assert_eq!(checked, 1000);
    assert!(events > 100_000, "the programs did something: {events} lines");
}
