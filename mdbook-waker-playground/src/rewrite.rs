//! Rewriting chapters: every `waker-playground` fence becomes an iframe; every other byte stays.
//!
//! Errors never leave a half-done book: all of them are collected, across every chapter, so one
//! build shows every bad fence, and then the build fails.

use std::path::{Path, PathBuf};

use mdbook_preprocessor::book::{Book, Chapter};

use crate::config::{Settings, NAME};
use crate::embed::{chapter_url, iframe, Body, Page};
use crate::fence::{body_text, parse_options, program_text, quote, rust_block_runs, scan_with, Fence, FenceOptions, Found};

/// A bad fence: its 1-based line in the chapter (as mdBook hands the chapter over, after
/// `{{#include}}` expansion), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FenceError {
    /// The line of the opening fence.
    pub line: usize,
    /// What is wrong, in words.
    pub reason: String,
}

/// Rewrites one chapter's text. On any bad fence, returns every bad fence and no text.
///
/// Line numbers count the lines of `content`: the chapter as mdBook hands it over, so after
/// `{{#include}}` and the other preprocessors that ran before this one.
#[cfg(test)]
pub fn rewrite_chapter(content: &str, page: &Page<'_>) -> Result<String, Vec<FenceError>> {
    rewrite_chapter_with(content, page, false)
}

/// The "Run in the page" button after a ```rust block: a raw HTML block whose button swaps the
/// code block before it (the element right before the box) for the embed kept in its template.
fn run_button(iframe: &str) -> String {
    const SWAP: &str = "var box=this.parentElement;var frame=box.querySelector('template').content.cloneNode(true);\
var code=box.previousElementSibling;if(code){code.replaceWith(frame);}else{box.before(frame);}box.remove();";
    let mut html = format!(
        "<div class=\"waker-playground-run-box\"><button type=\"button\" class=\"waker-playground-run\" onclick=\"{SWAP}\">\
         Run in the page</button><template>\n"
    );
    for line in iframe.lines().filter(|l| !l.trim().is_empty()) {
        html.push_str(line);
        html.push('\n');
    }
    html.push_str("</template></div>\n");
    html
}

/// The button for a ```rust block, if it gets one: a closed block that asks to run
/// ([`rust_block_runs`]), holding a program the playground's language accepts. Anything else
/// keeps mdBook's own behaviour and gets nothing (never a broken button).
fn rust_block_button(fence: &Fence<'_>, page: &Page<'_>) -> Option<String> {
    if !fence.closed || !rust_block_runs(fence.options) {
        return None;
    }
    let (src, hidden) = program_text(fence)?;
    waker_playground::play::lang::parse(&src).ok()?;
    let options = FenceOptions { autoplay: true, ..FenceOptions::default() };
    iframe(&options, Body::Program(&src, &hidden), page).ok().map(|html| run_button(&html))
}

/// [`rewrite_chapter`], and with `rust_blocks` a run button after each ```rust block that can
/// run here (`rust-blocks = "button"`).
pub fn rewrite_chapter_with(content: &str, page: &Page<'_>, rust_blocks: bool) -> Result<String, Vec<FenceError>> {
    let mut out = String::with_capacity(content.len());
    let mut errors = Vec::new();
    let mut copied = 0;
    for found in scan_with(content, rust_blocks) {
        let fence = match found {
            Found::Fence(fence) => fence,
            Found::Misplaced { line, reason } => {
                errors.push(FenceError { line, reason: reason.to_string() });
                continue;
            }
        };
        if fence.rust {
            // The block stays as mdBook renders it; the button goes right after it.
            if let Some(button) = rust_block_button(&fence, page) {
                out.push_str(&content[copied..fence.span.end]);
                if !content[..fence.span.end].ends_with('\n') {
                    out.push('\n');
                }
                out.push('\n');
                for line in button.lines() {
                    out.push_str(fence.indent);
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
                copied = fence.span.end;
            }
            continue;
        }
        let frame = match (fence.closed, fence.item_ended_at) {
            (true, _) => parse_options(fence.options).and_then(|o| match program_text(&fence) {
                // A program: checked by the playground's own parser, errors at the chapter's line.
                Some((src, hidden)) => match waker_playground::play::lang::parse(&src) {
                    Ok(_) => iframe(&o, Body::Program(&src, &hidden), page),
                    Err(e) => {
                        let (line, col) = e.span.line_col(&src);
                        Err(format!(
                            "the program has an error at line {} of the chapter (line {line}, column {col} of the program): {}",
                            fence.line + line,
                            e.message
                        ))
                    }
                },
                None => iframe(&o, Body::Share(&body_text(&fence.body)), page),
            }),
            (false, Some(at)) => Err(format!(
                "the fence is never closed: line {at} is indented less than the text of the fence's list item, which ends \
                 the item and the fence; indent the body and the closing fence at least like the opening fence"
            )),
            // CommonMark would run it to the end of the chapter; that is never what was meant.
            (false, None) => Err("the fence is never closed: close it with a line of the same fence characters".to_string()),
        };
        match frame {
            Ok(html) => {
                out.push_str(&content[copied..fence.span.start]);
                // Raw HTML needs a blank line after it to end the block, and the fence's indent
                // on every line to stay in the list item the fence was in. A blank line before
                // it keeps the Markdown readable; none goes right after a blank marker line
                // (`10.` alone), as a second blank line would end that item.
                if !fence.opens_item {
                    out.push('\n');
                }
                for line in html.lines() {
                    if !line.is_empty() {
                        out.push_str(fence.indent);
                    }
                    out.push_str(line);
                    out.push('\n');
                }
                out.push('\n');
            }
            Err(reason) => errors.push(FenceError { line: fence.line, reason }),
        }
        copied = fence.span.end;
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    out.push_str(&content[copied..]);
    Ok(out)
}

/// Rewrites every chapter. Returns one message per bad fence, naming the chapter (its name and
/// source path, `src_dir` included), the line and the reason. The line counts the chapter's text
/// as mdBook hands it over: after `{{#include}}` expansion, so in a chapter that includes files it
/// may not be the line of the `.md` file.
pub fn rewrite_book(book: &mut Book, settings: &Settings, src_dir: &Path) -> Vec<String> {
    // for_each_chapter_mut visits sub-chapters before their parent; errors are reported in
    // reading order (the order of book.chapters()) instead.
    let order: Vec<Option<PathBuf>> = book.chapters().map(|c| c.path.clone()).collect();
    let mut messages: Vec<(usize, String)> = Vec::new();
    book.for_each_chapter_mut(|chapter: &mut Chapter| {
        // Drafts have no path and are not rendered; for_each_chapter_mut skips them.
        let Some(path) = chapter.path.clone() else { return };
        // The page is rendered at `path` (with .html), so that decides the relative URL.
        let url = chapter_url(settings.url.as_deref(), &path);
        let page = Page { url: &url, theme: settings.theme, chapter_name: &chapter.name, same_origin: settings.same_origin };
        match rewrite_chapter_with(&chapter.content, &page, settings.rust_blocks) {
            Ok(text) => chapter.content = text,
            Err(errors) => {
                let source = chapter.source_path.as_deref().unwrap_or(&path);
                let shown = src_dir.join(source);
                let rank = order.iter().position(|p| p.as_deref() == Some(path.as_path())).unwrap_or(usize::MAX);
                for e in errors {
                    let m = format!("{NAME}: chapter {} ({}), line {}: {}", quote(&chapter.name), shown.display(), e.line, e.reason);
                    messages.push((rank, m));
                }
            }
        }
    });
    // A stable sort: the fences of one chapter stay in line order.
    messages.sort_by_key(|(rank, _)| *rank);
    messages.into_iter().map(|(_, m)| m).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mdbook_preprocessor::book::BookItem;
    use proptest::prelude::*;
    use waker_playground::play::Theme;

    const PAGE: Page<'static> = Page { url: "waker-playground/index.html", theme: Theme::Auto, chapter_name: "Wakers", same_origin: false };

    fn settings(url: Option<&str>, theme: Theme) -> Settings {
        Settings { url: url.map(str::to_string), theme, same_origin: false, rust_blocks: false }
    }

    #[test]
    fn only_fences_change_and_everything_else_is_kept_byte_for_byte() {
        let before = "# Wakers\r\n\r\nText  with trailing spaces  \n\t\ttabs ünïcödé 🦀\n";
        let middle = "\nBetween.\n````markdown\n```waker-playground preset=seed\n```\n````\n";
        let after = "~~~\n```waker-playground\n~~~\nThe end, no newline";
        let text = format!("{before}```waker-playground preset=seed autoplay\n```\n{middle}~~~waker-playground\nt=a:yield\n~~~\n{after}");
        let out = rewrite_chapter(&text, &PAGE).unwrap();
        let first =
            "<iframe src=\"waker-playground/index.html?embed&amp;autoplay#p=seed\"\n  title=\"Waker Playground: The seed: one 2 s timer\"\n  \
                     width=\"100%\" height=\"440\" loading=\"lazy\"\n  \
                     sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"\n  \
                     style=\"max-width: 960px; border: 1px solid rgba(128, 128, 128, 0.45); border-radius: 8px;\"></iframe>";
        let second =
            first.replace("?embed&amp;autoplay#p=seed", "?embed&amp;title=Wakers#t=a:yield").replace("The seed: one 2 s timer", "Wakers");
        assert_eq!(out, format!("{before}\n{first}\n\n{middle}\n{second}\n\n{after}"));
        // No fence: the very same text.
        let plain = "````\n```waker-playground preset=nope\n```\n````\n";
        assert_eq!(rewrite_chapter(plain, &PAGE).unwrap(), plain);
    }

    #[test]
    fn bad_fences_are_all_reported_with_their_lines_and_nothing_is_written() {
        let text = "# T\n\n```waker-playground colour=red\n```\n\n```waker-playground preset=seed\n```\n\n```waker-playground\nt=a:slep(1)\n```\n\n```waker-playground preset=join\n";
        let errors = rewrite_chapter(text, &PAGE).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 9, 13]);
        assert!(errors[0].reason.starts_with("unknown option \"colour\""), "{errors:?}");
        assert!(errors[1].reason.contains("unknown step \"slep\""), "{errors:?}");
        assert!(errors[2].reason.contains("never closed"), "{errors:?}");
    }

    #[test]
    fn an_indented_fence_gives_an_embed_indented_the_same_to_stay_in_its_list_item() {
        let text = "1. First:\n\n   ```waker-playground preset=seed\n   ```\n2. Second.\n";
        let out = rewrite_chapter(text, &PAGE).unwrap();
        let frame = rewrite_chapter("```waker-playground preset=seed\n```\n", &PAGE).unwrap();
        let indented: String = frame.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("   {l}\n") }).collect();
        assert_eq!(out, format!("1. First:\n\n{indented}2. Second.\n"));
        assert!(out.contains("\n\n   <iframe src=\"waker-playground/index.html?embed#p=seed\"\n     title="), "{out}");
        assert_eq!(out.lines().filter(|l| !l.is_empty() && !l.starts_with("   ")).count(), 2, "{out}");
    }

    #[test]
    fn a_program_body_becomes_its_code_link_and_its_errors_give_the_chapters_line() {
        use waker_playground::play::{parse_share, preset};
        // In a list item: the item's indent comes off every line, as CommonMark takes it off.
        let program = "async fn main() {\n    println!(\"howdy!\");\n    sleep(500).await;\n}\n";
        let indented: String = program.lines().map(|l| format!("   {l}\n")).collect();
        let text = format!("1. Run this:\n\n   ```waker-playground mode=macro\n{indented}   ```\n");
        let out = rewrite_chapter(&text, &PAGE).expect("a program fence");
        let src = out.split("src=\"").nth(1).and_then(|s| s.split('"').next()).expect("an iframe src");
        let fragment = src.split_once('#').map(|(_, f)| f.replace("&amp;", "&")).expect("a fragment");
        assert!(fragment.starts_with("code="), "{fragment}");
        let back = parse_share(&fragment).expect("the playground reads it");
        assert_eq!(back.program.as_deref(), Some(program), "the program, byte for byte, without the indent");
        assert_eq!(back.mode, waker_playground::core::RunMode::Macrotask);
        // A preset's own program is named by the preset, and gets its title.
        let lazy = preset("lazy").and_then(|p| p.scenario().program).expect("the lazy preset is a program");
        let out = rewrite_chapter(&format!("```waker-playground\n{lazy}```\n"), &PAGE).expect("the lazy preset");
        assert!(out.contains("#p=lazy\""), "{out}");
        // Errors: the chapter's own line, and where in the program.
        let bad = "Intro\n\n```waker-playground\nasync fn main() {\n    sleep(500).await\n    match x {}\n}\n```\n";
        let errors = rewrite_chapter(bad, &PAGE).expect_err("a bad program");
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].line, 3);
        assert!(
            errors[0].reason.starts_with("the program has an error at line 6 of the chapter (line 3, column 5 of the program)"),
            "{}",
            errors[0].reason
        );
        let both = rewrite_chapter("```waker-playground preset=seed\nfn main() {}\n```\n", &PAGE).expect_err("two scenarios");
        assert!(both[0].reason.contains("either preset= or a body"), "{both:?}");
        let long = format!("```waker-playground\nasync fn main() {{\n{}}}\n```\n", "    yield_now().await;\n".repeat(400));
        let e = rewrite_chapter(&long, &PAGE).expect_err("too long for a link");
        assert!(e[0].reason.contains("too long for a link"), "{e:?}");
    }

    #[test]
    fn a_fence_in_a_ten_item_list_becomes_an_embed_in_the_tenth_item() {
        let frame = rewrite_chapter("```waker-playground preset=seed\n```\n", &PAGE).unwrap();
        let indent =
            |by: &str| -> String { frame.lines().map(|l| if l.is_empty() { "\n".to_string() } else { format!("{by}{l}\n") }).collect() };
        let nine: String = (1..=9).map(|n| format!("{n}. Step {n}.\n")).collect();
        let text = format!("{nine}10. The tenth step:\n\n    ```waker-playground preset=seed\n    ```\n11. After.\n");
        let out = rewrite_chapter(&text, &PAGE).unwrap();
        assert_eq!(out, format!("{nine}10. The tenth step:\n\n{}11. After.\n", indent("    ")));
        // 0 to 3 columns more: kept as written.
        let text = "- a\n  - b\n\n      ```waker-playground preset=seed\n    ```\n";
        assert_eq!(rewrite_chapter(text, &PAGE).unwrap(), format!("- a\n  - b\n\n{}", indent("      ")));
        // Right after a blank marker line: no blank line before the embed, which would end the item.
        let out = rewrite_chapter("10.\n    ```waker-playground preset=seed\n    ```\n", &PAGE).unwrap();
        assert_eq!(out, format!("10.\n{}", &indent("    ")[1..]));
        // A fence whose item ends before it closes.
        let errors = rewrite_chapter("10. a\n\n    ```waker-playground preset=seed\n```\n", &PAGE).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            (errors[0].line, errors[0].reason.as_str()),
            (
                3,
                "the fence is never closed: line 4 is indented less than the text of the fence's list item, which ends the item \
                 and the fence; indent the body and the closing fence at least like the opening fence"
            )
        );
    }

    #[test]
    fn fences_in_block_quotes_or_indented_four_spaces_fail_and_shown_ones_stay() {
        let text = "# T\n\n> ```waker-playground preset=seed\n> ```\n\n    ```waker-playground preset=seed\n    ```\n\n\
                    - ```waker-playground preset=seed\n  ```\n\n```waker-playground preset=nope\n```\n";
        let errors = rewrite_chapter(text, &PAGE).unwrap_err();
        let got: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.reason.as_str())).collect();
        assert_eq!(
            got[..3],
            [
                (
                    3,
                    "a waker-playground fence inside a blockquote, or indented 4+ spaces (counted from the text of its list item, \
                     if it is in one), is not supported: move it to the top level, or indent it like the text of its list item"
                ),
                (6, crate::fence::NESTED),
                (
                    9,
                    "a waker-playground fence on the same line as a list marker is not supported: put it on a line of its own, \
                     indented like the text of the list item"
                ),
            ]
        );
        assert_eq!(got[3].0, 12);
        assert!(got[3].1.starts_with("unknown preset \"nope\""), "{got:?}");
        // Shown inside other fences (in a quote, in a list item): untouched.
        let shown = "> ````markdown\n> ```waker-playground preset=nope\n> ```\n> ````\n\n- a\n  - b\n\n    ~~~\n    > ```waker-playground\n    ~~~\n";
        assert_eq!(rewrite_chapter(shown, &PAGE).unwrap(), shown);
    }

    fn chapter(name: &str, path: &str, content: &str) -> Chapter {
        Chapter::new(name, content.to_string(), path, Vec::new())
    }

    #[test]
    fn the_book_gets_relative_urls_by_depth_and_errors_name_the_chapter() {
        let fence = "```waker-playground preset=seed\n```\n";
        let mut nested = chapter("Deep", "part/deep.md", fence);
        nested.sub_items.push(BookItem::Chapter(chapter("Deeper", "part/more/deeper.md", fence)));
        let mut book = Book::new_with_items(vec![
            BookItem::Chapter(chapter("Intro", "intro.md", fence)),
            BookItem::Separator,
            BookItem::Chapter(nested),
            BookItem::Chapter(Chapter::new_draft("Draft", Vec::new())),
        ]);
        assert_eq!(rewrite_book(&mut book, &settings(None, Theme::Dark), Path::new("src")), Vec::<String>::new());
        let srcs: Vec<String> = book
            .iter()
            .filter_map(|i| match i {
                BookItem::Chapter(c) if c.path.is_some() => Some(c.content.clone()),
                _ => None,
            })
            .map(|c| c.split('"').nth(1).unwrap_or_default().to_string())
            .collect();
        assert_eq!(
            srcs,
            [
                "waker-playground/index.html?embed&amp;theme=dark#p=seed",
                "../waker-playground/index.html?embed&amp;theme=dark#p=seed",
                "../../waker-playground/index.html?embed&amp;theme=dark#p=seed"
            ]
        );

        // An absolute URL is used as given, whatever the depth; a relative one is relative to the
        // book's root, like the installed copy.
        for (url, want) in [
            ("https://example.org/wp/", ["https://example.org/wp/", "https://example.org/wp/"]),
            ("/static/wp/", ["/static/wp/", "/static/wp/"]),
            ("static/wp/index.html", ["static/wp/index.html", "../static/wp/index.html"]),
        ] {
            let mut book = Book::new_with_items(vec![
                BookItem::Chapter(chapter("Intro", "intro.md", fence)),
                BookItem::Chapter(chapter("Deep", "part/deep.md", fence)),
            ]);
            assert!(rewrite_book(&mut book, &settings(Some(url), Theme::Auto), Path::new("src")).is_empty());
            let srcs: Vec<&str> = book.chapters().map(|c| c.content.split('"').nth(1).unwrap_or_default()).collect();
            assert_eq!(srcs, want.map(|u| format!("{u}?embed#p=seed")), "{url}");
        }

        // same-origin: every frame's sandbox gets allow-same-origin.
        let mut book = Book::new_with_items(vec![BookItem::Chapter(chapter("Deep", "part/deep.md", fence))]);
        let same = Settings { same_origin: true, ..settings(None, Theme::Auto) };
        assert!(rewrite_book(&mut book, &same, Path::new("src")).is_empty());
        let content = &book.chapters().next().unwrap().content;
        assert!(content.contains("src=\"../waker-playground/index.html?embed#p=seed\""), "{content}");
        assert!(content.contains("sandbox=\"allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox\""), "{content}");

        let mut book = Book::new_with_items(vec![
            BookItem::Chapter(chapter("Wakers", "wakers.md", "a\n\n```waker-playground colour=red\n```\n")),
            BookItem::Chapter(chapter("Fine", "fine.md", fence)),
            BookItem::Chapter(chapter("Two \"bad\"", "part/two.md", "```waker-playground\n```\n```waker-playground height=1\n```\n")),
        ]);
        let before = book.clone();
        let errors = rewrite_book(&mut book, &settings(None, Theme::Auto), Path::new("src"));
        assert_eq!(
            errors,
            [
                "waker-playground: chapter \"Wakers\" (src/wakers.md), line 3: unknown option \"colour\" \
                 (known: preset, autoplay, code, height, mode, timers, theme, title, caption)",
                "waker-playground: chapter \"Two \\\"bad\\\"\" (src/part/two.md), line 1: no scenario: give preset=<id> on the fence \
                 line, or share-link text in the body, as in t=a:sleep(500)",
                "waker-playground: chapter \"Two \\\"bad\\\"\" (src/part/two.md), line 3: height=1 is out of range (320 to 1600 pixels)",
            ]
        );
        // Reading order: a parent's errors come before its sub-chapter's.
        let mut parent = chapter("Parent", "p.md", "```waker-playground\n```\n");
        parent.sub_items.push(BookItem::Chapter(chapter("Child", "p/c.md", "```waker-playground\n```\n")));
        let mut nested = Book::new_with_items(vec![BookItem::Chapter(parent)]);
        let order: Vec<String> = rewrite_book(&mut nested, &settings(None, Theme::Auto), Path::new("src"))
            .iter()
            .map(|m| m.split(',').next().unwrap_or_default().to_string())
            .collect();
        assert_eq!(order, ["waker-playground: chapter \"Parent\" (src/p.md)", "waker-playground: chapter \"Child\" (src/p/c.md)"]);
        // The bad chapters are left alone (the build fails anyway).
        assert_eq!(book.chapters().next().map(|c| &c.content), before.chapters().next().map(|c| &c.content));
    }

    #[test]
    fn hostile_bodies_do_not_panic() {
        let long = "a".repeat(100_000);
        for body in
            [long.as_str(), "\u{0}\u{1b}[31m", "t=ä:yield", "t=a:sleep(5)\u{202e}", "%%%%", "t=a:yield*99999999999999999999", "😀😀😀"]
        {
            let text = format!("```waker-playground\n{body}\n```\n");
            assert!(rewrite_chapter(&text, &PAGE).is_err(), "{body:?}");
        }
        let huge = format!("```waker-playground\nt={}\n```\n", "a:yield;".repeat(5000));
        assert!(rewrite_chapter(&huge, &PAGE).unwrap_err()[0].reason.contains("limit is 8192"));
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        // Any body, any options, any text around: no panic, and the text around is kept.
        #[test]
        fn any_fence_is_an_iframe_or_an_error(
            before in "[^`~]{0,40}",
            options in "\\PC{0,40}",
            body in proptest::collection::vec(".{0,60}", 0..4),
            after in "(?s).{0,40}",
        ) {
            let text = format!("{before}\n```waker-playground {options}\n{}\n```\n{after}", body.join("\n"));
            if let Ok(out) = rewrite_chapter(&text, &PAGE) {
                let head = format!("{before}\n");
                prop_assert!(out.starts_with(&head));
                prop_assert!(!out.contains("<script"));
            }
        }

        // Valid options, in any order, around any text: always an iframe, and it says what the
        // options asked for. Checked here from the options themselves, not through the embed code.
        #[test]
        fn valid_options_become_the_iframe_they_describe(
            before in "[a-z .,]{0,30}",
            preset in proptest::sample::select(waker_playground::play::PRESETS.iter().map(|p| p.id).collect::<Vec<_>>()),
            autoplay in any::<bool>(),
            code in any::<bool>(),
            height in proptest::option::of(320u32..=1600),
            mode in proptest::option::of(proptest::sample::select(vec!["micro", "macro", "frame", "manual"])),
            timers in proptest::option::of(proptest::sample::select(vec!["timeout", "driver"])),
            theme in proptest::option::of(proptest::sample::select(vec!["auto", "light", "dark"])),
            title in proptest::option::of("[A-Za-z][A-Za-z0-9 <>&'\"é🦀]{0,30}[A-Za-z]"),
            order in Just(()).prop_perturb(|_, mut rng| rng.random::<u64>()),
            after in "[a-z .,]{0,30}",
        ) {
            let mut options = vec![format!("preset={preset}")];
            if autoplay { options.push("autoplay".into()); }
            if code { options.push("code".into()); }
            if let Some(h) = height { options.push(format!("height={h}")); }
            if let Some(m) = mode { options.push(format!("mode={m}")); }
            if let Some(t) = timers { options.push(format!("timers={t}")); }
            if let Some(t) = theme { options.push(format!("theme={t}")); }
            if let Some(t) = &title { options.push(format!("title=\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))); }
            // Any order: rotate by a random amount and maybe reverse.
            let n = options.len();
            options.rotate_left((order % n as u64) as usize);
            if order & (1 << 40) != 0 { options.reverse(); }
            let text = format!("{before}\n```waker-playground {}\n```\n{after}", options.join(" "));
            let out = rewrite_chapter(&text, &PAGE).map_err(|e| TestCaseError::fail(format!("{text}: {e:?}")))?;
            prop_assert!(out.starts_with(&format!("{before}\n")) && out.ends_with(&after), "{}", out);
            prop_assert_eq!(out.matches("<iframe ").count(), 1, "{}", out);
            let attr = |name: &str| -> String {
                let at = out.find(&format!(" {name}=\"")).map(|i| i + name.len() + 3).unwrap_or(0);
                out[at..].split('"').next().unwrap_or_default().to_string()
            };
            let want_height = height.unwrap_or(if code { 840 } else { 440 });
            prop_assert_eq!(attr("height"), want_height.to_string());
            if let Some(t) = &title {
                let escaped = t.replace('&', "&amp;").replace('"', "&quot;").replace('\'', "&#39;").replace('<', "&lt;").replace('>', "&gt;");
                prop_assert_eq!(attr("title"), format!("Waker Playground: {escaped}"));
            }
            let src = attr("src").replace("&amp;", "&");
            let (query, fragment) = src.split_once('#').unwrap_or((&src, ""));
            let (page, query) = query.split_once('?').unwrap_or((query, ""));
            prop_assert_eq!(page, "waker-playground/index.html");
            let keys: Vec<&str> = query.split('&').map(|p| p.split('=').next().unwrap_or(p)).collect();
            let mut want = vec!["embed"];
            if autoplay { want.push("autoplay"); }
            if code { want.push("code"); }
            if theme.is_some_and(|t| t != "auto") { want.push("theme"); }
            if title.is_some() { want.push("title"); }
            prop_assert_eq!(keys, want, "{}", src);
            if let Some(t) = theme.filter(|t| *t != "auto") {
                prop_assert!(query.contains(&format!("theme={t}")), "{}", src);
            }
            // The fragment is the preset, with the mode and timers asked for.
            let scenario = waker_playground::play::parse_share(fragment).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let base = waker_playground::play::parse_share(&format!("p={preset}")).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&scenario.tasks, &base.tasks);
            prop_assert_eq!(&scenario.program, &base.program);
            prop_assert_eq!(scenario.mode.key(), mode.unwrap_or(base.mode.key()));
            prop_assert_eq!(scenario.backend.key(), timers.unwrap_or(base.backend.key()));
        }

        // Text without our fences comes back unchanged.
        #[test]
        fn text_without_our_fences_is_untouched(text in "(?s)[^w]{0,200}") {
            prop_assert_eq!(rewrite_chapter(&text, &PAGE).map_err(|e| e.len()), Ok(text.clone()));
        }
    }

    #[test]
    fn a_listing_that_starts_with_use_is_a_program_and_its_hidden_lines_run_but_are_not_shown() {
        use waker_playground::play::{parse_page_options, parse_share};
        // As `{{#rustdoc_include}}` leaves it: the lines outside the anchor hidden with `# `.
        let text = "```waker-playground\n# use std::time::Duration;\n#\nasync fn main() {\n    println!(\"howdy!\");\n#     sleep(10).await;\n    println!(\"## not hidden\");\n}\n```\n";
        let out = rewrite_chapter(text, &PAGE).expect("a program fence");
        let src = out.split("src=\"").nth(1).and_then(|s| s.split('"').next()).expect("an iframe src").replace("&amp;", "&");
        let (query, fragment) = src.split_once('?').and_then(|(_, r)| r.split_once('#')).expect("a query and a fragment");
        let program = parse_share(fragment).expect("the playground reads it").program.expect("a program");
        assert_eq!(
            program,
            "use std::time::Duration;\n\nasync fn main() {\n    println!(\"howdy!\");\n    sleep(10).await;\n    println!(\"## not hidden\");\n}\n"
        );
        assert_eq!(parse_page_options(query).expect("the playground reads it").hide, [(1, 2), (5, 5)]);
        // A listing that starts with `use` and has a `main` is a program; share text is not.
        let listing = "```waker-playground\nuse std::time::Duration;\n\nasync fn main() {\n    sleep(10).await;\n}\n```\n";
        assert!(rewrite_chapter(listing, &PAGE).expect("a program").contains("#code="));
        let share = "```waker-playground\nt=race:select(300,700)\n```\n";
        assert!(!rewrite_chapter(share, &PAGE).expect("share text").contains("#code="));
    }

    #[test]
    fn rust_blocks_the_language_accepts_get_a_run_button_and_the_others_nothing() {
        let ok = "```rust\nasync fn main() {\n    sleep(10).await;\n}\n```\n";
        let text = format!(
            "# Blocks\n\n{ok}\n```rust\nmod inner {{}}\nfn main() {{}}\n```\n\n```rust,ignore\nfn main() {{}}\n```\n\n\
             ```rust,ignore,waker-playground\nfn main() {{}}\n```\n\n```rust\nlet x = 1;\n```\n\n```text\nfn main() {{}}\n```\n"
        );
        // Off by default: the chapter is untouched.
        assert_eq!(rewrite_chapter_with(&text, &PAGE, false).unwrap(), text);
        let out = rewrite_chapter_with(&text, &PAGE, true).unwrap();
        // Two buttons: the accepted block, and the ignore block opted in. Not the one with
        // `mod` (outside the language), not the plain ignore, not a snippet without `main`, and
        // not a ```text block.
        assert_eq!(out.matches("class=\"waker-playground-run\"").count(), 2, "{out}");
        // Each code block stays as it was; its button follows it, with its embed in a template.
        assert!(out.starts_with(&format!("# Blocks\n\n{ok}\n<div class=\"waker-playground-run-box\">")), "{out}");
        let template = out.split("<template>").nth(1).and_then(|t| t.split("</template>").next()).expect("a template");
        assert!(template.contains("<iframe") && template.contains("autoplay") && template.contains("#code="), "{template}");
        let a = out.find("<div class=\"waker-playground-run-box\">").expect("a box");
        let b = out[a..].find("</div>").expect("its end") + a;
        assert!(!out[a..b].contains("\n\n"), "no blank line inside the raw HTML block: {}", &out[a..b]);
        // Everything else of the chapter is still there, in order.
        let mut stripped = out.clone();
        while let Some(a) = stripped.find("<div class=\"waker-playground-run-box\">") {
            let b = stripped[a..].find("</template></div>\n").expect("the box ends") + a + "</template></div>\n".len();
            stripped.replace_range(a..b, "");
        }
        while stripped.contains("\n\n\n") {
            stripped = stripped.replace("\n\n\n", "\n\n");
        }
        assert_eq!(stripped, text);
    }

    #[test]
    fn rust_blocks_is_button_or_off() {
        let config = |v: &str| -> Result<Settings, String> {
            let c: mdbook_preprocessor::config::Config =
                format!("[preprocessor.waker-playground]\nrust-blocks = \"{v}\"\n").parse().map_err(|e| format!("{e:#}"))?;
            crate::config::settings(&c)
        };
        assert!(config("button").unwrap().rust_blocks);
        assert!(!config("off").unwrap().rust_blocks);
        assert!(config("all").unwrap_err().contains("rust-blocks should be \"button\" or \"off\""));
    }
}
