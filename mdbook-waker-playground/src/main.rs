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

/// The preprocessor protocol mdBook speaks: 0.4.x and 0.5.x differ in the book's JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Protocol {
    /// mdBook 0.4: the book is `{"sections": [...], "__non_exhaustive": null}`.
    V04,
    /// mdBook 0.5: the book is `{"items": [...]}`.
    V05,
}

/// Reads mdBook's `[context, book]` input in either protocol, told apart by the book's own
/// shape (its `sections` or `items`), not by the version it states. A 0.4 book is given the
/// 0.5 shape, which is otherwise the same (chapters, separators, part titles).
fn read_input(text: &str) -> std::result::Result<(Protocol, String), String> {
    let mut input: serde_json::Value = serde_json::from_str(text).map_err(|e| format!("not JSON: {e}"))?;
    let book = input.get_mut(1).and_then(serde_json::Value::as_object_mut).ok_or("expected [context, book]")?;
    let protocol = match (book.contains_key("items"), book.remove("sections")) {
        (false, Some(sections)) => {
            book.remove("__non_exhaustive");
            book.insert("items".into(), sections);
            Protocol::V04
        }
        (_, _) => Protocol::V05,
    };
    Ok((protocol, input.to_string()))
}

/// The book as `protocol` expects it back.
fn write_book(book: &Book, protocol: Protocol) -> std::result::Result<String, String> {
    let mut value = serde_json::to_value(book).map_err(|e| e.to_string())?;
    if protocol == Protocol::V04 {
        if let Some(map) = value.as_object_mut() {
            let items = map.remove("items").unwrap_or(serde_json::Value::Array(Vec::new()));
            map.insert("sections".into(), items);
            map.insert("__non_exhaustive".into(), serde_json::Value::Null);
        }
    }
    Ok(value.to_string())
}

/// Reads the book from stdin, rewrites it, writes it to stdout, in mdBook 0.4's protocol or
/// 0.5's, whichever came in.
fn preprocess() -> Result<()> {
    let mut text = String::new();
    io::Read::read_to_string(&mut io::stdin().lock(), &mut text)
        .map_err(|e| Error::msg(format!("{NAME}: cannot read mdBook's input: {e}")))?;
    let (protocol, text) = read_input(&text).map_err(|e| Error::msg(format!("{NAME}: cannot read mdBook's input: {e}")))?;
    let (ctx, book) = parse_input(text.as_bytes()).map_err(|e| Error::msg(format!("{NAME}: cannot read mdBook's input: {e:#}")))?;
    let known = matches!(minor(&ctx.mdbook_version), "0.4" | "0.5");
    if !known {
        eprintln!(
            "{NAME}: warning: built for mdBook 0.4 and 0.5 ({MDBOOK_VERSION}), called by mdBook {}; it may not understand the book",
            ctx.mdbook_version
        );
    }
    let book = WakerPlayground.run(&ctx, book)?;
    let json = write_book(&book, protocol).map_err(|e| Error::msg(format!("{NAME}: cannot write the book: {e}")))?;
    let mut out = io::stdout().lock();
    out.write_all(json.as_bytes()).map_err(|e| Error::msg(format!("{NAME}: cannot write the book: {e}")))?;
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

    const CHAPTER: &str = r#"{"Chapter":{"name":"Intro","content":"hi","number":[1],"sub_items":[],"path":"intro.md","source_path":"intro.md","parent_names":[]}}"#;

    #[test]
    fn a_04_book_is_read_as_05_and_written_back_as_04() {
        let input = format!(r#"[{{"root":"/b"}},{{"sections":[{CHAPTER},"Separator",{{"PartTitle":"P"}}],"__non_exhaustive":null}}]"#);
        let (protocol, text) = read_input(&input).unwrap();
        assert_eq!(protocol, Protocol::V04);
        let v: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(v[1].get("sections").is_none() && v[1].get("__non_exhaustive").is_none());
        let book: Book = serde_json::from_value(v[1].clone()).unwrap();
        assert_eq!(book.items.len(), 3);
        let back: serde_json::Value = serde_json::from_str(&write_book(&book, Protocol::V04).unwrap()).unwrap();
        assert_eq!(back["sections"].as_array().map(Vec::len), Some(3));
        assert_eq!(back["__non_exhaustive"], serde_json::Value::Null);
        assert!(back.get("items").is_none());
        assert_eq!(back["sections"][0]["Chapter"]["name"], "Intro");
    }

    #[test]
    fn a_05_book_stays_05_and_bad_input_says_what_is_wrong() {
        let input = format!(r#"[{{"root":"/b"}},{{"items":[{CHAPTER}]}}]"#);
        let (protocol, _) = read_input(&input).unwrap();
        assert_eq!(protocol, Protocol::V05);
        let book: Book = serde_json::from_str(&format!(r#"{{"items":[{CHAPTER}]}}"#)).unwrap();
        let out: serde_json::Value = serde_json::from_str(&write_book(&book, Protocol::V05).unwrap()).unwrap();
        assert!(out.get("items").is_some() && out.get("sections").is_none());
        assert!(read_input("[1, 2").unwrap_err().starts_with("not JSON"));
        assert_eq!(read_input("[{}]").unwrap_err(), "expected [context, book]");
    }
}
