//! The interpreter: any program that parses runs on the simulated clock within small budgets and
//! ends (no panic, no hang); every error it reports is at a place inside the program.
#![no_main]
use std::rc::Rc;

use libfuzzer_sys::fuzz_target;
use waker_playground::core::{Config, Executor, SimPlatform};
use waker_playground::play::lang::{parse, start_on};

fuzz_target!(|src: &str| {
    let Ok(program) = parse(src) else { return };
    let sim = SimPlatform::new();
    let exec = Executor::new(Rc::new(sim.clone()), Config::default());
    let Ok(run) = start_on(&exec, Rc::new(program)) else { return };
    // Small budgets: a fuzzer wants many short runs, not a few long ones. (200,000 statements
    // of a gloo `Interval` of 0 ms, each call a timer armed anew, took 15 s under the sanitizer
    // and hit libFuzzer's timeout; natively they take 0.2 s.)
    run.set_run_budget(50_000);
    sim.run_until_idle(60_000.0);
    for e in run.errors() {
        if let Some(span) = e.span {
            assert!(span.end as usize <= src.len(), "{span:?} in {} bytes", src.len());
        }
    }
    drop(run);
    drop(exec);
});
