//! Trace import: any file is a trace or an error naming the field, never a panic; an imported
//! trace exports to a file that imports to the same events (a fixpoint after one round).
#![no_main]
use libfuzzer_sys::fuzz_target;
use waker_playground::core::{export_trace, import_trace, perfetto_trace};

fuzz_target!(|text: &str| {
    let Ok(trace) = import_trace(text) else { return };
    let out = export_trace(&trace);
    let back = import_trace(&out).expect("our own export imports");
    assert_eq!(back.iter().collect::<Vec<_>>(), trace.iter().collect::<Vec<_>>());
    assert_eq!(export_trace(&back), out);
    let _ = perfetto_trace(&trace);
});
