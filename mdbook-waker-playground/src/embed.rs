//! From a parsed fence to the iframe that replaces it.
//!
//! The scenario goes through the playground's own parser ([`parse_share`]) and comes out in its
//! canonical form ([`encode_share`]); the options go through [`embed_query`]; the iframe is
//! written by [`iframe_snippet`], the same function as the app's Embed dialog, so the book and
//! the dialog never drift apart.

use std::path::{Component, Path};

use waker_playground::core::{embed_query, encode_share, iframe_snippet, parse_share, preset, PageOptions, Theme};

use crate::fence::FenceOptions;

/// Where `install` puts the playground, inside the book's source folder.
pub const INSTALL_DIR: &str = "waker-playground";

/// The frame height without `height=`: the compact layout, or room for the code panel too.
pub const DEFAULT_HEIGHT: u32 = 440;
/// The frame height with `code` and without `height=`.
pub const DEFAULT_HEIGHT_WITH_CODE: u32 = 840;

/// What an embed takes from its chapter and the book.
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// The playground's URL, without query or fragment.
    pub url: &'a str,
    /// The theme of fences without `theme=`.
    pub theme: Theme,
    /// The chapter's name: the frame's title when nothing better is given.
    pub chapter_name: &'a str,
}

/// The URL of the installed copy as seen from a chapter: `waker-playground/`, with one `../`
/// per folder the chapter's page is in (`part/ch1.md` becomes `part/ch1.html`).
pub fn installed_url(chapter_path: &Path) -> String {
    let mut depth = 0usize;
    for c in chapter_path.parent().map(Path::components).into_iter().flatten() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::ParentDir => depth = depth.saturating_sub(1),
            // `./a.md`, or an absolute path (which mdBook does not produce).
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    format!("{}{INSTALL_DIR}/", "../".repeat(depth))
}

/// Whether share text sets `key` itself (`key=…` as one of its `&`-separated parameters).
fn sets(text: &str, key: &str) -> bool {
    text.split('&').any(|p| p.split_once('=').map_or(p, |(k, _)| k) == key)
}

/// The scenario as a canonical URL fragment (without `#`): from `preset=` or the body, with the
/// `mode=` and `timers=` options added.
pub fn fragment(o: &FenceOptions, body: &str) -> Result<String, String> {
    let mut text = match (o.preset, body.is_empty()) {
        (Some(id), true) => format!("p={id}"),
        (None, false) => body.to_string(),
        (Some(_), false) => {
            return Err("give the scenario once: either preset= or a body (share-link text), not both".into());
        }
        (None, true) => {
            return Err("no scenario: give preset=<id> on the fence line, or share-link text in the body, as in t=a:sleep(500)".into())
        }
    };
    for (key, value) in [("mode", o.mode.map(|m| m.key())), ("timers", o.timers.map(|t| t.key()))] {
        if let Some(value) = value {
            if o.preset.is_none() && sets(body, key) {
                return Err(format!("{key}= is given twice: as an option and in the body"));
            }
            text.push_str(&format!("&{key}={value}"));
        }
    }
    let scenario = parse_share(&text).map_err(|e| format!("bad scenario: {e}"))?;
    Ok(encode_share(&scenario))
}

/// A chapter name as a frame title: one line, so the raw HTML block is never cut by a blank line.
fn one_line(name: &str) -> String {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        "embedded scenario".to_string()
    } else {
        words.join(" ")
    }
}

/// The iframe for one fence.
pub fn iframe(o: &FenceOptions, body: &str, page: &Page<'_>) -> Result<String, String> {
    let fragment = fragment(o, body)?;
    let options = PageOptions {
        embed: true,
        autoplay: o.autoplay,
        code: o.code,
        theme: o.theme.unwrap_or(page.theme),
        // Only an explicit title goes in the query: without one the playground shows the
        // preset's title, or its own heading for a custom scenario.
        title: o.title.clone(),
        caption: o.caption.clone(),
    };
    let src = format!("{}?{}#{fragment}", page.url, embed_query(&options));
    let title = match (&o.title, o.preset.and_then(preset)) {
        (Some(t), _) => t.clone(),
        (None, Some(p)) => p.title.to_string(),
        (None, None) => one_line(page.chapter_name),
    };
    let height = o.height.unwrap_or(if o.code { DEFAULT_HEIGHT_WITH_CODE } else { DEFAULT_HEIGHT });
    Ok(iframe_snippet(&src, &title, height))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fence::parse_options;

    const PAGE: Page<'static> = Page { url: "waker-playground/", theme: Theme::Auto, chapter_name: "Wakers" };

    fn frame(options: &str, body: &str) -> Result<String, String> {
        iframe(&parse_options(options)?, body, &PAGE)
    }

    fn attr<'a>(html: &'a str, name: &str) -> &'a str {
        let start = html.find(&format!("{name}=\"")).map(|i| i + name.len() + 2).unwrap_or(0);
        let end = html[start..].find('"').map_or(html.len(), |i| start + i);
        &html[start..end]
    }

    #[test]
    fn a_preset_fence() {
        let html = frame("preset=lost-waker autoplay height=420", "").unwrap();
        assert_eq!(attr(&html, "src"), "waker-playground/?embed&amp;autoplay#p=lost-waker");
        assert_eq!(attr(&html, "title"), "Waker Playground: lost waker bug");
        assert_eq!(attr(&html, "height"), "420");
        assert!(html.contains(r#"sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox""#), "{html}");
    }

    #[test]
    fn a_body_fence_is_canonical_and_gets_mode_and_timers() {
        let html = frame(
            "autoplay mode=manual timers=driver title=\"Two timers race\" caption=\"The loser is cancelled\"",
            "t=race:select(300,700)",
        )
        .unwrap();
        assert_eq!(
            attr(&html, "src"),
            "waker-playground/?embed&amp;autoplay&amp;title=Two%20timers%20race&amp;caption=The%20loser%20is%20cancelled\
             #t=race:select(300,700)&amp;mode=manual&amp;timers=driver"
        );
        assert_eq!(attr(&html, "title"), "Waker Playground: Two timers race");
        assert_eq!(attr(&html, "height"), "440");
        // Canonical: a body that is a preset's tasks becomes p=…, and repeats are folded.
        assert_eq!(fragment(&parse_options("").unwrap(), "t=race:select(1000,3000)").unwrap(), "p=select");
        assert_eq!(fragment(&parse_options("").unwrap(), "t=y:yield,yield,yield&mode=micro").unwrap(), "t=y:yield*3");
        assert_eq!(fragment(&parse_options("preset=seed mode=frame").unwrap(), "").unwrap(), "p=seed&mode=frame");
    }

    #[test]
    fn code_theme_and_the_title_fallbacks() {
        let html = frame("code theme=dark", "t=a:yield").unwrap();
        assert_eq!(attr(&html, "src"), "waker-playground/?embed&amp;code&amp;theme=dark#t=a:yield");
        assert_eq!(attr(&html, "height"), "840");
        assert_eq!(attr(&html, "title"), "Waker Playground: Wakers");
        // The book's theme applies when the fence has none; the fence's wins otherwise.
        let dark = Page { theme: Theme::Dark, ..PAGE };
        assert!(attr(&iframe(&parse_options("").unwrap(), "p=join", &dark).unwrap(), "src").contains("theme=dark"));
        let light = iframe(&parse_options("theme=light").unwrap(), "p=join", &dark).unwrap();
        assert_eq!(attr(&light, "src"), "waker-playground/?embed&amp;theme=light#p=join");
        let odd = Page { chapter_name: " Two\n\nlines\u{7} ", ..PAGE };
        assert_eq!(attr(&iframe(&parse_options("").unwrap(), "p=join", &odd).unwrap(), "title"), "Waker Playground: Two lines");
    }

    #[test]
    fn scenario_rules() {
        let cases = [
            ("", "", "no scenario: give preset=<id>"),
            ("preset=seed", "t=a:yield", "either preset= or a body"),
            ("mode=manual", "t=a:yield&mode=micro", "mode= is given twice: as an option and in the body"),
            ("timers=driver", "t=a:yield&timers=driver", "timers= is given twice"),
            ("", "t=a:slep(5)", "bad scenario: task \"a\": unknown step \"slep\""),
            ("", "t=a:yield&mode=turbo", "bad scenario: unknown run mode"),
            ("", "hello", "bad scenario: unknown parameter"),
            ("mode=manual", "t=a:yield%26mode%3Dmicro", "bad scenario: \"mode\" is given twice"),
        ];
        for (options, body, needle) in cases {
            let e = frame(options, body).expect_err(body);
            assert!(e.contains(needle), "{options} / {body}: {e}");
        }
    }

    #[test]
    fn the_installed_copy_is_relative_to_the_chapter() {
        for (path, want) in [
            ("intro.md", "waker-playground/"),
            ("./intro.md", "waker-playground/"),
            ("part/ch1.md", "../waker-playground/"),
            ("a/b/c/deep.md", "../../../waker-playground/"),
            ("a/../b.md", "waker-playground/"),
        ] {
            assert_eq!(installed_url(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn hostile_text_is_escaped_or_refused() {
        let html = frame("title=\"<script>alert(1)</script>\" caption=\"\\\"><script>x</script>\"", "p=seed").unwrap();
        assert!(!html.contains("<script"), "{html}");
        assert_eq!(attr(&html, "title"), "Waker Playground: &lt;script&gt;alert(1)&lt;/script&gt;");
        assert!(frame("", "t=<script>:yield").unwrap_err().contains("not allowed"));
        assert!(frame("", "t=a:yield\"><script>").is_err());
        let evil = Page { url: "x/\"><script>", chapter_name: "<script>", ..PAGE };
        let html = iframe(&parse_options("").unwrap(), "t=a:yield", &evil).unwrap();
        assert!(!html.contains("<script"), "{html}");
    }
}
