//! The program parser and checker: any text is a program or an error inside the text, never a
//! panic, and the error renders as "line:col: message".
#![no_main]
use libfuzzer_sys::fuzz_target;
use waker_playground::play::lang::{check, parse};

fuzz_target!(|src: &str| {
    match parse(src) {
        Ok(program) => {
            let _ = check(&program);
        }
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= src.len(), "{:?} in {} bytes", e.span, src.len());
            let shown = e.render(src);
            assert!(shown.contains(':') && !e.message.is_empty(), "{shown}");
        }
    }
});
