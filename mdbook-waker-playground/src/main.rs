//! `mdbook-waker-playground`: an mdBook preprocessor that turns `waker-playground` fences into
//! embedded Waker Playgrounds.
//!
//! ```text
//! mdbook-waker-playground                      read [context, book] JSON on stdin, write the book
//! mdbook-waker-playground supports RENDERER    exit 0 for html, 1 otherwise
//! mdbook-waker-playground install [BOOK_DIR] [--dist DIR]
//! ```
//!
//! - [`fence`]: finding fences in a chapter and parsing their options (pure).
//! - [`embed`]: from a parsed fence to its iframe (pure).
//! - [`config`]: the `[preprocessor.waker-playground]` table.
//! - [`rewrite`]: chapters and the whole book, with every error collected.
//! - [`install`]: the `install` subcommand.

#![forbid(unsafe_code)]

mod config;
mod embed;
mod fence;
mod install;
mod rewrite;

use std::io::{self, Write as _};
use std::process::ExitCode;

use mdbook_preprocessor::book::Book;
use mdbook_preprocessor::errors::{Error, Result};
use mdbook_preprocessor::{parse_input, Preprocessor, PreprocessorContext, MDBOOK_VERSION};

use crate::config::NAME;

const USAGE: &str = "\
mdbook-waker-playground: an mdBook preprocessor for ```waker-playground fences

usage:
  mdbook-waker-playground                        run as mdBook's preprocessor ([context, book] JSON on stdin)
  mdbook-waker-playground supports RENDERER      exit 0 if RENDERER is supported (html), 1 otherwise
  mdbook-waker-playground install [BOOK_DIR] [--dist DIR]
                                                 copy the playground into the book and enable the preprocessor
  mdbook-waker-playground --help | --version";

/// The preprocessor, as mdBook sees it.
struct WakerPlayground;

impl Preprocessor for WakerPlayground {
    fn name(&self) -> &str {
        NAME
    }

    fn run(&self, ctx: &PreprocessorContext, mut book: Book) -> Result<Book> {
        let settings = config::settings(&ctx.config).map_err(|e| Error::msg(format!("{NAME}: {e}")))?;
        let errors = rewrite::rewrite_book(&mut book, &settings, &ctx.config.book.src);
        if errors.is_empty() {
            return Ok(book);
        }
        let n = errors.len();
        let summary = format!("{NAME}: {n} bad fence{}; no embed was written", if n == 1 { "" } else { "s" });
        Err(Error::msg(format!("{}\n{summary}", errors.join("\n"))))
    }

    fn supports_renderer(&self, renderer: &str) -> Result<bool> {
        // The embeds are raw HTML iframes: other renderers would show them as text, or drop them.
        Ok(renderer == "html")
    }
}

/// The version up to the minor number: mdBook's JSON may change between 0.x minors.
fn minor(version: &str) -> &str {
    version.rfind('.').map_or(version, |i| &version[..i])
}

/// Reads the book from stdin, rewrites it, writes it to stdout.
fn preprocess() -> Result<()> {
    let (ctx, book) = parse_input(io::stdin().lock()).map_err(|e| Error::msg(format!("{NAME}: cannot read mdBook's input: {e:#}")))?;
    if minor(&ctx.mdbook_version) != minor(MDBOOK_VERSION) {
        eprintln!(
            "{NAME}: warning: built for mdBook {MDBOOK_VERSION}, called by mdBook {}; it may not understand the book",
            ctx.mdbook_version
        );
    }
    let book = WakerPlayground.run(&ctx, book)?;
    let mut out = io::stdout().lock();
    serde_json::to_writer(&mut out, &book).map_err(|e| Error::msg(format!("{NAME}: cannot write the book: {e}")))?;
    out.flush().map_err(|e| Error::msg(format!("{NAME}: cannot write the book: {e}")))?;
    Ok(())
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("mdbook-waker-playground: {message}\n\n{USAGE}");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    // `std::env::args` would panic on an argument that is not UTF-8.
    let Ok(args) = std::env::args_os().skip(1).map(|a| a.into_string()).collect::<Result<Vec<String>, _>>() else {
        return usage_error("arguments must be valid UTF-8");
    };
    match args.first().map(String::as_str) {
        None => match preprocess() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("{e:#}");
                ExitCode::FAILURE
            }
        },
        Some("supports") => match &args[1..] {
            [renderer] => match WakerPlayground.supports_renderer(renderer) {
                Ok(true) => ExitCode::SUCCESS,
                _ => ExitCode::FAILURE,
            },
            _ => usage_error("supports takes one renderer name"),
        },
        Some("install") => match install::parse_args(&args[1..]) {
            Ok(None) => {
                println!("{}", install::USAGE);
                ExitCode::SUCCESS
            }
            Ok(Some(a)) => match install::install(&a) {
                Ok(done) => {
                    for line in done {
                        println!("{NAME}: {line}");
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("{NAME}: install failed: {e}");
                    ExitCode::FAILURE
                }
            },
            Err(e) => {
                eprintln!("mdbook-waker-playground install: {e}\n\n{}", install::USAGE);
                ExitCode::from(2)
            }
        },
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Some("-V" | "--version") => {
            println!("mdbook-waker-playground {} (for mdBook {MDBOOK_VERSION})", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Some(other) => usage_error(&format!("unknown command {}", fence::quote(other))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renderers_and_versions() {
        assert!(WakerPlayground.supports_renderer("html").unwrap());
        assert!(!WakerPlayground.supports_renderer("latex").unwrap());
        assert!(!WakerPlayground.supports_renderer("HTML").unwrap());
        assert_eq!(minor("0.5.4"), "0.5");
        assert_eq!(minor("x"), "x");
    }
}
