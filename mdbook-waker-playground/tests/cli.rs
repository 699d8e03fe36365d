//! The built binary, driven the way mdBook drives it: `supports`, the JSON protocol, `install`.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use mdbook_preprocessor::book::{Book, BookItem, Chapter};
use mdbook_preprocessor::config::Config;
use mdbook_preprocessor::PreprocessorContext;

const BIN: &str = env!("CARGO_BIN_EXE_mdbook-waker-playground");

fn run(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary starts");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("stdin is written");
    child.wait_with_output().expect("the binary ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// mdBook's input: the `[context, book]` pair, serialised from the real types.
fn input(toml: &str, chapters: Vec<Chapter>) -> String {
    let config: Config = toml.parse().expect("config");
    let ctx = PreprocessorContext::new(PathBuf::from("/books/async"), config, "html".to_string());
    let book = Book::new_with_items(chapters.into_iter().map(BookItem::Chapter).collect());
    serde_json::to_string(&(ctx, book)).expect("json")
}

#[test]
fn supports_only_html() {
    assert_eq!(run(&["supports", "html"], "").status.code(), Some(0));
    assert_eq!(run(&["supports", "latex"], "").status.code(), Some(1));
    assert_eq!(run(&["supports"], "").status.code(), Some(2));
}

#[test]
fn help_and_unknown_commands() {
    let help = run(&["--help"], "");
    assert_eq!(help.status.code(), Some(0));
    assert!(text(&help.stdout).contains("mdbook-waker-playground install [BOOK_DIR] [--dist DIR]"));
    let bad = run(&["frobnicate"], "");
    assert_eq!(bad.status.code(), Some(2));
    assert!(text(&bad.stderr).contains("unknown command \"frobnicate\""));
    assert!(text(&bad.stderr).contains("usage:"));
}

#[test]
fn the_book_comes_back_with_iframes() {
    let intro = Chapter::new("Intro", "# Intro\n\n```waker-playground preset=seed autoplay\n```\n\nAfter.\n".into(), "intro.md", vec![]);
    let deep = Chapter::new(
        "Deep",
        "# Deep\n\n```waker-playground title=\"Two timers race\"\nt=race:select(300,700)\n```\n".into(),
        "part/deep.md",
        vec![],
    );
    let json = input("[book]\ntitle = \"Async\"\n[output.html]\ndefault-theme = \"navy\"\n", vec![intro, deep]);
    let out = run(&[], &json);
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let book: Book = serde_json::from_slice(&out.stdout).expect("the output is a book");
    let contents: Vec<&str> = book.chapters().map(|c| c.content.as_str()).collect();
    assert_eq!(contents.len(), 2);
    assert!(
        contents[0].starts_with(
            "# Intro\n\n\n<iframe src=\"waker-playground/index.html?embed&amp;autoplay&amp;theme=dark#p=seed\"\n  \
             title=\"Waker Playground: The seed: one 2 s timer\"\n  width=\"100%\" height=\"440\""
        ),
        "{}",
        contents[0]
    );
    assert!(contents[0].ends_with("</iframe>\n\n\nAfter.\n"), "{}", contents[0]);
    assert!(
        contents[1].contains(
            "<iframe src=\"../waker-playground/index.html?embed&amp;theme=dark&amp;title=Two%20timers%20race#t=race:select(300,700)\"\n  \
             title=\"Waker Playground: Two timers race\""
        ),
        "{}",
        contents[1]
    );
    assert!(!text(&out.stdout).contains("```waker-playground"));
}

#[test]
fn same_origin_and_a_relative_url_from_book_toml() {
    let fence = "```waker-playground preset=seed\n```\n";
    let deep = || Chapter::new("Deep", fence.into(), "part/deep.md", vec![]);
    let out = run(&[], &input("[preprocessor.waker-playground]\nsame-origin = true\n", vec![deep()]));
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains(r#"src=\"../waker-playground/index.html?embed#p=seed\""#), "{said}");
    assert!(said.contains(r#"sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\""#), "{said}");

    let out = run(&[], &input("[preprocessor.waker-playground]\nurl = \"static/wp/\"\n", vec![deep()]));
    assert!(out.status.success(), "stderr: {}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains(r#"src=\"../static/wp/?embed#p=seed\""#), "{said}");
    assert!(said.contains(r#"sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\""#), "{said}");

    let out = run(&[], &input("[preprocessor.waker-playground]\nsame-origin = true\nurl = \"https://example.org/wp/\"\n", vec![deep()]));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = text(&out.stderr);
    assert!(err.contains("same-origin = true only works with the installed copy"), "{err}");
    assert!(err.contains("must stay fully sandboxed"), "{err}");
}

#[test]
fn a_bad_fence_fails_with_chapter_and_line() {
    let ok = Chapter::new("Fine", "```waker-playground preset=join\n```\n".into(), "fine.md", vec![]);
    let bad = Chapter::new("Wakers", "# Wakers\n\nText.\n\n```waker-playground colour=red\n```\n".into(), "wakers.md", vec![]);
    let out = run(&[], &input("[book]\nsrc = \"text\"\n", vec![ok, bad]));
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "no book is written on error");
    let err = text(&out.stderr);
    assert!(
        err.contains(
            "waker-playground: chapter \"Wakers\" (text/wakers.md), line 5: unknown option \"colour\" \
             (known: preset, autoplay, code, height, mode, timers, theme, title, caption)"
        ),
        "{err}"
    );
    assert!(err.contains("1 bad fence; no embed was written"), "{err}");
}

#[test]
fn bad_config_and_bad_input_fail_clearly() {
    let ch = Chapter::new("A", "```waker-playground preset=join\n```\n".into(), "a.md", vec![]);
    let out = run(&[], &input("[preprocessor.waker-playground]\nurl = \"x\\\"><script>\"\n", vec![ch]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("[preprocessor.waker-playground] url"), "{}", text(&out.stderr));
    let ch = Chapter::new("A", "```waker-playground preset=join\n```\n".into(), "a.md", vec![]);
    let out = run(&[], &input("[preprocessor.waker-playground]\nurl = \"https://example.org/wp\"\n", vec![ch]));
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("url \"https://example.org/wp\" should end with \"/\""), "{}", text(&out.stderr));
    let garbage = run(&[], "not json");
    assert_eq!(garbage.status.code(), Some(1));
    assert!(text(&garbage.stderr).contains("cannot read mdBook's input"), "{}", text(&garbage.stderr));
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wp-cli-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn write(path: &Path, content: &str) {
    fs::create_dir_all(path.parent().expect("a parent")).expect("dir");
    fs::write(path, content).expect("write");
}

#[test]
fn install_copies_the_build_and_enables_the_preprocessor() {
    let tmp = temp("install");
    let dist = tmp.join("dist");
    write(&dist.join("index.html"), "<!doctype html>");
    write(&dist.join("waker-playground-1234_bg.wasm"), "\0asm");
    write(&dist.join("static").join("tutorial.html"), "<p>");
    let book = tmp.join("book");
    write(&book.join("book.toml"), "[book]\ntitle = \"T\"\n");

    let out =
        Command::new(BIN).args(["install", book.to_str().expect("utf-8"), "--dist", dist.to_str().expect("utf-8")]).output().expect("runs");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("copied 3 files"), "{said}");
    assert!(said.contains("added [preprocessor.waker-playground]"), "{said}");
    let target = book.join("src").join("waker-playground");
    assert!(target.join("static").join("tutorial.html").is_file());
    // The marker is published with the book: the tool and its version, no local path.
    let marker = fs::read_to_string(target.join(".waker-playground-install")).expect("marker");
    assert_eq!(marker, format!("mdbook-waker-playground {}\n", env!("CARGO_PKG_VERSION")));
    assert!(!marker.contains(dist.to_str().expect("utf-8")) && !marker.contains('/'), "{marker}");
    assert!(fs::read_to_string(book.join("book.toml"))
        .expect("toml")
        .ends_with("title = \"T\"\n\n[preprocessor.waker-playground]\ncommand = \"mdbook-waker-playground\"\nafter = [\"links\"]\n"));

    // No book.toml, a missing dist, or a stray argument: clear failures.
    let empty = tmp.join("empty");
    fs::create_dir_all(&empty).expect("dir");
    let out = Command::new(BIN)
        .args(["install", empty.to_str().expect("utf-8"), "--dist", dist.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("book.toml"), "{}", text(&out.stderr));
    let out = Command::new(BIN)
        .args(["install", book.to_str().expect("utf-8"), "--dist", tmp.join("none").to_str().expect("utf-8")])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("make build"), "{}", text(&out.stderr));
    let out = Command::new(BIN).args(["install", "--bogus"]).output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("usage: mdbook-waker-playground install"), "{}", text(&out.stderr));
    let _ = fs::remove_dir_all(&tmp);
}
