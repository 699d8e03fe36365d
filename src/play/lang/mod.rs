//! The scenario as Rust: Rust's everyday core, compiled once and run on the real executor.
//!
//! ```text
//! async fn main() {
//!     println!("howdy!");
//!     TimerFuture::new(Duration::from_millis(2000)).await;
//!     let (a, b) = join!(sleep(300), sleep(700));
//! }
//! ```
//!
//! - `lexer.rs`: tokens and spans, and the error type ([`LangError`]: a span and a message).
//! - `ast.rs`, `parser.rs`: the syntax tree, by recursive descent; anything outside the language
//!   is an error with a position.
//! - `scan.rs`, `compile.rs`: names resolved once, functions compiled to op lists (`code.rs`).
//! - `rt.rs`: the state a run shares; `ops.rs`, `pattern.rs`, `show.rs`, `builtins.rs`,
//!   `methods.rs`: operators, patterns, formatting, the built-in functions and methods
//!   (`case.rs`: Unicode case, the browser's in the page);
//!   `vm.rs`: the one evaluator, on top of them all.
//! - `task.rs`, `interp.rs`: a program's tasks on the executor, and what the panels read of it.

mod anytype;
mod ast;
mod builtins;
pub mod case;
mod code;
mod compile;
mod decimal;
mod float;
mod format;
pub mod highlight;
mod intdefault;
mod interp;
mod keys;
mod layout;
mod lexer;
mod methods;
mod modules;
mod names;
mod ops;
mod parser;
mod pattern;
mod peephole;
mod raw;
mod rt;
mod scan;
mod show;
mod sync;
mod task;
mod value;
mod vm;

pub use ast::*;
pub use compile::check;
pub use format::pieces as format_pieces;
pub use interp::{error_text, start, start_on, LiteralEdit, Run};
pub use lexer::{lex, literal_edit, FloatTy, IntTy, LangError, Lines, Span, Tok, Token, MAX_SOURCE};
pub use parser::{is_reserved, parse, parse_generated, BUILTINS, LANGUAGE_SUMMARY, MACROS, MAX_DEPTH};
pub use rt::{
    Awaits, Line, Output, MAX_AWAIT_DEPTH, MAX_FRAMES, MAX_LIVE_TIMERS, MAX_SPIN_MS, MAX_TASKS as MAX_PROGRAM_TASKS, MAX_TOTAL_SPIN_MS,
    MAX_VALUES, POLL_BUDGET, RUN_BUDGET, SELF_WAKE_POLLS, STALE_WAKER_MS, THREAD_SLICE,
};
pub use sync::MAX_THREADS;
pub use task::{await_code, await_kind};
pub use value::Value;
