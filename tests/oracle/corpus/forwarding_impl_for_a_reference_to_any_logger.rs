// A trait implemented for a reference to any type that implements it, and for a Box of one,
// by forwarding (Comprehensive Rust's logger exercise): a generic function given `&logger`
// or `Box<dyn Logger>` calls the logger's own method through it.
use std::cell::RefCell;

trait Logger {
    fn log(&self, verbosity: u8, message: &str);
}

struct StdoutLogger;
impl Logger for StdoutLogger {
    fn log(&self, verbosity: u8, message: &str) {
        println!("verbose={verbosity}: {message}");
    }
}

#[derive(Default)]
struct MemoryLogger {
    lines: RefCell<Vec<String>>,
}
impl Logger for MemoryLogger {
    fn log(&self, verbosity: u8, message: &str) {
        self.lines.borrow_mut().push(format!("{verbosity}|{message}"));
    }
}

impl<L: Logger + ?Sized> Logger for &L {
    fn log(&self, verbosity: u8, message: &str) {
        (**self).log(verbosity, message)
    }
}

impl<L: Logger + ?Sized> Logger for Box<L> {
    fn log(&self, verbosity: u8, message: &str) {
        (**self).log(verbosity, message)
    }
}

struct VerbosityFilter<L> {
    max_verbosity: u8,
    inner: L,
}
impl<L: Logger> Logger for VerbosityFilter<L> {
    fn log(&self, verbosity: u8, message: &str) {
        if verbosity <= self.max_verbosity {
            self.inner.log(verbosity, message);
        }
    }
}

fn log_all<L: Logger>(logger: L, messages: &[(u8, &str)]) {
    for &(v, m) in messages {
        logger.log(v, m);
    }
}

fn main() {
    let messages = [(5, "FYI"), (2, "Uhoh"), (1, "Oops")];
    let memory = MemoryLogger::default();
    log_all(&memory, &messages);
    log_all(VerbosityFilter { max_verbosity: 2, inner: &memory }, &messages);
    println!("{:?}", memory.lines.borrow());
    let boxed: Box<dyn Logger> = Box::new(StdoutLogger);
    log_all(&boxed, &messages[1..]);
    log_all(VerbosityFilter { max_verbosity: 1, inner: boxed }, &messages);
}
