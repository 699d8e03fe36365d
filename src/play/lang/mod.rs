//! The scenario as async Rust: a small, honest subset of Rust, run on the real executor.
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
//! - `ast.rs`: the syntax tree.
//! - `parser.rs`: recursive descent; anything outside the subset is an error with a position.
//! - `interp.rs`: every call of an `async fn` is a future on the executor, every `.await` a real
//!   poll, every `sleep` a real [`crate::core::TimerFuture`].

mod ast;
mod interp;
mod lexer;
mod parser;

pub use ast::{BinOp, Block, Expr, ExprKind, FnDef, Pat, Piece, Program, SelectArm, Stmt};
pub use interp::{
    start, start_on, Awaits, Line, LiteralEdit, Output, Run, Value, MAX_LIVE_TIMERS, MAX_TASKS as MAX_PROGRAM_TASKS, POLL_BUDGET,
    RUN_BUDGET, SELF_WAKE_POLLS, STALE_WAKER_MS,
};
pub use lexer::{lex, literal_edit, LangError, Lines, Span, Tok, Token, MAX_SOURCE};
pub use parser::{is_reserved, parse, parse_generated, BUILTINS, MAX_DEPTH};
