//! The thread programs' console: real OS threads print into it, each line with the real time
//! since the program started.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

struct Console {
    start: Instant,
    lines: Vec<(f64, String)>,
}

static CONSOLE: Mutex<Option<Console>> = Mutex::new(None);
/// One thread program at a time: they share the console.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());
/// Whether a thread program runs now (its threads' panics are not printed).
pub static RUNNING: AtomicBool = AtomicBool::new(false);

/// A line of output, from any thread.
pub fn emit(text: String) {
    if let Ok(mut c) = CONSOLE.lock() {
        if let Some(c) = c.as_mut() {
            let at = c.start.elapsed().as_secs_f64() * 1000.0;
            for l in text.split('\n') {
                c.lines.push((at, l.to_string()));
            }
        }
    }
}

/// Runs a thread program's `main` on this thread, with real threads and the real clock; the
/// lines it printed, with their times in ms.
pub fn run(main: fn()) -> Vec<(f64, String)> {
    let _one = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if let Ok(mut c) = CONSOLE.lock() {
        *c = Some(Console { start: Instant::now(), lines: Vec::new() });
    }
    crate::quiet_panics();
    RUNNING.store(true, Ordering::SeqCst);
    main();
    RUNNING.store(false, Ordering::SeqCst);
    CONSOLE.lock().ok().and_then(|mut c| c.take()).map(|c| c.lines).unwrap_or_default()
}
