//! From a parsed fence to the iframe that replaces it.
//!
//! The scenario goes through the playground's own parser ([`parse_share`]) and comes out in its
//! canonical form ([`encode_share`]); the options go through [`embed_query`]; the iframe is
//! written by [`iframe_snippet`], the same function as the app's Embed dialog, so the book and
//! the dialog never drift apart. The one change a book may ask for, `same-origin = true`, is
//! made to that snippet in one place: [`with_same_origin`].

use std::path::{Component, Path};

use waker_playground::play::{
    embed_query, encode_share, iframe_snippet, parse_share, preset, program_height, PageOptions, Preset, Scenario, Theme,
    EMBED_CODE_HEIGHT, EMBED_DEFAULT_HEIGHT, MAX_SHARE_LEN, MAX_TITLE,
};

use crate::config::is_relative;
use crate::fence::FenceOptions;

/// Where `install` puts the playground, inside the book's source folder.
pub const INSTALL_DIR: &str = "waker-playground";

/// The page of the installed copy, inside [`INSTALL_DIR`]. Named, not left to the host's
/// directory index: S3 buckets and some CDNs have none.
pub const INSTALL_PAGE: &str = "index.html";

/// The frame height without `height=`: the compact layout (the playground's own default).
pub const DEFAULT_HEIGHT: u32 = EMBED_DEFAULT_HEIGHT;
/// The frame height with `code` and without `height=`.
pub const DEFAULT_HEIGHT_WITH_CODE: u32 = EMBED_DEFAULT_HEIGHT + EMBED_CODE_HEIGHT;

/// The sandbox of [`iframe_snippet`] (the app's Embed dialog): scripts run, but the frame has an
/// opaque origin of its own.
pub const SANDBOX: &str = "allow-scripts allow-popups allow-popups-to-escape-sandbox";
/// The sandbox with `same-origin = true`: the frame keeps the origin of the page it is loaded
/// from, the book's own host.
pub const SANDBOX_SAME_ORIGIN: &str = "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox";

/// What an embed takes from its chapter and the book.
#[derive(Clone, Debug)]
pub struct Page<'a> {
    /// The playground's URL as seen from the chapter, without query or fragment.
    pub url: &'a str,
    /// The theme of fences without `theme=`.
    pub theme: Theme,
    /// The chapter's name: the frame's title when nothing better is given.
    pub chapter_name: &'a str,
    /// Whether the frame keeps the book's origin (`same-origin = true`, installed copy only).
    pub same_origin: bool,
}

/// `../` once per folder the chapter's page is in (`part/ch1.md` becomes `part/ch1.html`): what
/// takes a URL relative to the book's root to one relative to the chapter.
pub fn to_root(chapter_path: &Path) -> String {
    let mut depth = 0usize;
    for c in chapter_path.parent().map(Path::components).into_iter().flatten() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::ParentDir => depth = depth.saturating_sub(1),
            // `./a.md`, or an absolute path (which mdBook does not produce).
            Component::CurDir | Component::RootDir | Component::Prefix(_) => {}
        }
    }
    "../".repeat(depth)
}

/// The URL of the installed copy as seen from a chapter: `waker-playground/index.html`, with one
/// `../` per folder the chapter's page is in.
pub fn installed_url(chapter_path: &Path) -> String {
    format!("{}{INSTALL_DIR}/{INSTALL_PAGE}", to_root(chapter_path))
}

/// The playground's URL as seen from a chapter: the installed copy without a configured `url`;
/// a relative `url` is relative to the book's root, so it gets the chapter's `../`s; an absolute
/// one (`https://…`, `/…`) is used as is.
pub fn chapter_url(url: Option<&str>, chapter_path: &Path) -> String {
    match url {
        None => installed_url(chapter_path),
        Some(u) if is_relative(u) => format!("{}{u}", to_root(chapter_path)),
        Some(u) => u.to_string(),
    }
}

/// Adds `allow-same-origin` to the sandbox of a snippet written by [`iframe_snippet`]: the
/// attribute `sandbox="`[`SANDBOX`]`"` must be there exactly once, and its value is replaced by
/// [`SANDBOX_SAME_ORIGIN`]. Everything else the snippet writes is HTML-escaped (a `"` in a URL
/// or a title is `&quot;`), so no other text can match. If the app's snippet ever changes its
/// sandbox, this is an error, not a frame with some other sandbox.
pub fn with_same_origin(snippet: &str) -> Result<String, String> {
    let attr = format!("sandbox=\"{SANDBOX}\"");
    match snippet.matches(&attr).count() {
        1 => Ok(snippet.replacen(&attr, &format!("sandbox=\"{SANDBOX_SAME_ORIGIN}\""), 1)),
        n => Err(format!(
            "same-origin: the playground's iframe snippet has {n} sandbox attributes equal to \"{SANDBOX}\", not 1; \
             this mdbook-waker-playground does not match the playground it is built with"
        )),
    }
}

/// Whether share text sets `key` itself (`key=…` as one of its `&`-separated parameters).
fn sets(text: &str, key: &str) -> bool {
    text.split('&').any(|p| p.split_once('=').map_or(p, |(k, _)| k) == key)
}

/// What a fence's body holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body<'a> {
    /// Share-link text (`t=…`, `p=…`), joined into one line; empty for none.
    Share(&'a str),
    /// A program in the playground's language, already parsed without error, and its hidden
    /// lines (from 1: run, not shown).
    Program(&'a str, &'a [usize]),
}

/// Line numbers as increasing ranges: `[1, 2, 3, 7]` is `[(1, 3), (7, 7)]`.
fn ranges(lines: &[usize]) -> Vec<(u32, u32)> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for &l in lines {
        let l = u32::try_from(l).unwrap_or(u32::MAX);
        match out.last_mut() {
            Some((_, end)) if *end + 1 == l => *end = l,
            _ => out.push((l, l)),
        }
    }
    out
}

/// The scenario as a canonical URL fragment (without `#`): from `preset=` or the body, with the
/// `mode=` and `timers=` options added.
pub fn fragment(o: &FenceOptions, body: Body<'_>) -> Result<String, String> {
    let body = match body {
        Body::Share(text) => text,
        Body::Program(src, _) => return program_fragment(o, src),
    };
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

/// A program's fragment: `code=` (or `p=` for a preset's own program), with the options.
fn program_fragment(o: &FenceOptions, src: &str) -> Result<String, String> {
    if o.preset.is_some() {
        return Err("give the scenario once: either preset= or a body (a program, or share-link text), not both".into());
    }
    let seed = Scenario::default();
    let scenario = Scenario {
        program: Some(src.to_string()),
        tasks: Vec::new(),
        mode: o.mode.unwrap_or(seed.mode),
        backend: o.timers.unwrap_or(seed.backend),
        ..seed
    };
    scenario.validate().map_err(|e| format!("bad scenario: {e}"))?;
    let text = encode_share(&scenario);
    if text.len() > MAX_SHARE_LEN {
        return Err(format!(
            "the program is too long for a link: {} bytes encoded, and a link holds at most {MAX_SHARE_LEN}; shorten it",
            text.len()
        ));
    }
    // What the playground will read back is what the book says.
    let back = parse_share(&text).map_err(|e| format!("bad scenario: {e}"))?;
    if back.program.as_deref() != Some(src) {
        return Err("the program does not survive its link: this is a bug in the preprocessor".into());
    }
    Ok(text)
}

/// A chapter name as a frame title: one line (so the raw HTML block is never cut by a blank
/// line), at most [`MAX_TITLE`] characters (cut on a character boundary, with `…`).
pub fn chapter_title(name: &str) -> String {
    let words: Vec<&str> = name.split(|c: char| c.is_whitespace() || c.is_control()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return "embedded scenario".to_string();
    }
    let line = words.join(" ");
    if line.chars().count() <= MAX_TITLE {
        return line;
    }
    let mut cut: String = line.chars().take(MAX_TITLE - 1).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// The preset a canonical fragment shows (`p=<id>…`): a body that is a preset's tasks is one.
fn shown_preset(fragment: &str) -> Option<&'static Preset> {
    fragment.split('&').find_map(|p| p.strip_prefix("p=")).and_then(preset)
}

/// The iframe for one fence.
pub fn iframe(o: &FenceOptions, body: Body<'_>, page: &Page<'_>) -> Result<String, String> {
    let fragment = fragment(o, body)?;
    // The frame's title attribute and the embed's heading agree: the fence's title; else a
    // preset's own title (the playground shows it without being told); else the chapter's name,
    // which the playground is told, as it would say "a custom scenario" otherwise.
    let (title, told) = match (&o.title, shown_preset(&fragment)) {
        (Some(t), _) => (t.clone(), Some(t.clone())),
        (None, Some(p)) => (p.title.to_string(), None),
        (None, None) => {
            let t = chapter_title(page.chapter_name);
            (t.clone(), Some(t))
        }
    };
    let options = PageOptions {
        embed: true,
        autoplay: o.autoplay,
        code: o.code,
        theme: o.theme.unwrap_or(page.theme),
        title: told,
        caption: o.caption.clone(),
        history: None,
        hide: match body {
            Body::Program(_, hidden) => ranges(hidden),
            Body::Share(_) => Vec::new(),
        },
    };
    let src = format!("{}?{}#{fragment}", page.url, embed_query(&options));
    let code_panel = if o.code { DEFAULT_HEIGHT_WITH_CODE - DEFAULT_HEIGHT } else { 0 };
    let height = o.height.unwrap_or(match body {
        // The program, lit, and its console show too: room for every line of it.
        Body::Program(src, hidden) => {
            let shown: String =
                src.lines().enumerate().filter(|(i, _)| !hidden.contains(&(i + 1))).map(|(_, l)| format!("{l}\n")).collect();
            program_height(&shown) + code_panel
        }
        Body::Share(_) => DEFAULT_HEIGHT + code_panel,
    });
    let html = iframe_snippet(&src, &title, height);
    if page.same_origin {
        with_same_origin(&html)
    } else {
        Ok(html)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fence::parse_options;

    const PAGE: Page<'static> = Page { url: "waker-playground/index.html", theme: Theme::Auto, chapter_name: "Wakers", same_origin: false };

    fn frame(options: &str, body: &str) -> Result<String, String> {
        iframe(&parse_options(options)?, Body::Share(body), &PAGE)
    }

    fn attr<'a>(html: &'a str, name: &str) -> &'a str {
        let start = html.find(&format!("{name}=\"")).map(|i| i + name.len() + 2).unwrap_or(0);
        let end = html[start..].find('"').map_or(html.len(), |i| start + i);
        &html[start..end]
    }

    #[test]
    fn a_preset_fence() {
        let html = frame("preset=lost-waker autoplay height=420", "").unwrap();
        assert_eq!(attr(&html, "src"), "waker-playground/index.html?embed&amp;autoplay#p=lost-waker");
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
            "waker-playground/index.html?embed&amp;autoplay&amp;title=Two%20timers%20race&amp;caption=The%20loser%20is%20cancelled\
             #t=race:select(300,700)&amp;mode=manual&amp;timers=driver"
        );
        assert_eq!(attr(&html, "title"), "Waker Playground: Two timers race");
        assert_eq!(attr(&html, "height"), "440");
        // Canonical: a body that is a preset's tasks becomes p=…, and repeats are folded.
        assert_eq!(fragment(&parse_options("").unwrap(), Body::Share("t=race:select(1000,3000)")).unwrap(), "p=select");
        assert_eq!(fragment(&parse_options("").unwrap(), Body::Share("t=y:yield,yield,yield&mode=micro")).unwrap(), "t=y:yield*3");
        assert_eq!(fragment(&parse_options("preset=seed mode=frame").unwrap(), Body::Share("")).unwrap(), "p=seed&mode=frame");
    }

    #[test]
    fn code_theme_and_the_title_fallbacks() {
        // A custom scenario without title=: the chapter's name, in the frame's title attribute and
        // in the query, so the embed's heading says the same.
        let html = frame("code theme=dark", "t=a:yield").unwrap();
        assert_eq!(attr(&html, "src"), "waker-playground/index.html?embed&amp;code&amp;theme=dark&amp;title=Wakers#t=a:yield");
        assert_eq!(attr(&html, "height"), "840");
        assert_eq!(attr(&html, "title"), "Waker Playground: Wakers");
        // A preset (by preset= or as a body that is a preset's tasks): the preset's own title,
        // which the playground shows by itself; nothing in the query.
        for (options, body) in [("preset=join", ""), ("", "p=join"), ("", "t=race:select(1000,3000)")] {
            let html = frame(options, body).unwrap();
            let want = preset(if body.starts_with("t=") { "select" } else { "join" }).unwrap().title;
            assert_eq!(attr(&html, "title"), format!("Waker Playground: {want}"), "{options} / {body}");
            assert!(!attr(&html, "src").contains("title="), "{html}");
        }
        // title= wins over both, and goes in the query.
        let html = frame("preset=join title=\"Mine\"", "").unwrap();
        assert_eq!(
            (attr(&html, "title"), attr(&html, "src")),
            ("Waker Playground: Mine", "waker-playground/index.html?embed&amp;title=Mine#p=join")
        );
        // The book's theme applies when the fence has none; the fence's wins otherwise.
        let dark = Page { theme: Theme::Dark, ..PAGE };
        assert!(attr(&iframe(&parse_options("").unwrap(), Body::Share("p=join"), &dark).unwrap(), "src").contains("theme=dark"));
        let light = iframe(&parse_options("theme=light").unwrap(), Body::Share("p=join"), &dark).unwrap();
        assert_eq!(attr(&light, "src"), "waker-playground/index.html?embed&amp;theme=light#p=join");
        let odd = Page { chapter_name: " Two\n\nlines\u{7} ", ..PAGE };
        let html = iframe(&parse_options("").unwrap(), Body::Share("t=a:yield"), &odd).unwrap();
        assert_eq!(
            (attr(&html, "title"), attr(&html, "src")),
            ("Waker Playground: Two lines", "waker-playground/index.html?embed&amp;title=Two%20lines#t=a:yield")
        );
    }

    #[test]
    fn chapter_titles_are_one_line_and_at_most_max_title_characters() {
        assert_eq!(chapter_title("  Wakers,\tand\r\nwhy  "), "Wakers, and why");
        assert_eq!(chapter_title(" \n\u{1b} "), "embedded scenario");
        let exact = "é".repeat(MAX_TITLE);
        assert_eq!(chapter_title(&exact), exact);
        // Cut on a character boundary (multi-byte characters), with "…", MAX_TITLE in all.
        let long = "🦀".repeat(MAX_TITLE + 1);
        let t = chapter_title(&long);
        assert_eq!(t.chars().count(), MAX_TITLE);
        assert_eq!(t, format!("{}…", "🦀".repeat(MAX_TITLE - 1)));
        // No space before the "…".
        let words = format!("{} {}", "a".repeat(MAX_TITLE - 2), "b".repeat(10));
        assert_eq!(chapter_title(&words), format!("{}…", "a".repeat(MAX_TITLE - 2)));
        // And the playground accepts what goes into the query.
        let page = Page { chapter_name: &long, ..PAGE };
        let html = iframe(&parse_options("").unwrap(), Body::Share("t=a:yield"), &page).unwrap();
        let src = attr(&html, "src").replace("&amp;", "&");
        let query = src.split_once('?').and_then(|(_, q)| q.split_once('#')).map(|(q, _)| q).unwrap();
        let parsed = waker_playground::play::parse_page_options(query).unwrap();
        assert_eq!(parsed.title.as_deref(), Some(t.as_str()));
    }

    #[test]
    fn same_origin_adds_allow_same_origin_to_the_sandbox_only() {
        let plain = frame("preset=seed autoplay", "").unwrap();
        let same = iframe(&parse_options("preset=seed autoplay").unwrap(), Body::Share(""), &Page { same_origin: true, ..PAGE }).unwrap();
        assert_eq!(attr(&plain, "sandbox"), SANDBOX);
        assert_eq!(attr(&same, "sandbox"), "allow-scripts allow-same-origin allow-popups allow-popups-to-escape-sandbox");
        // Nothing else changes.
        assert_eq!(same.replace(SANDBOX_SAME_ORIGIN, SANDBOX), plain);
        // The default is exactly the app's Embed dialog's sandbox.
        let dialog = iframe_snippet("x/?embed#p=seed", "t", 440);
        assert_eq!(attr(&dialog, "sandbox"), SANDBOX);
        assert_eq!(attr(&with_same_origin(&dialog).unwrap(), "sandbox"), SANDBOX_SAME_ORIGIN);
        // Text that looks like the attribute, in a title or a URL, is escaped and never matched.
        let sneaky = format!("sandbox=\"{SANDBOX}\"");
        let html = iframe_snippet(&format!("x/?{sneaky}"), &sneaky, 440);
        let done = with_same_origin(&html).unwrap();
        assert_eq!(done.matches(SANDBOX_SAME_ORIGIN).count(), 1, "{done}");
        assert_eq!(done.matches("allow-same-origin").count(), 1, "{done}");
        assert!(done.contains(&format!("title=\"Waker Playground: sandbox=&quot;{SANDBOX}&quot;\"")), "{done}");
        // A snippet without that exact sandbox (or with two) is an error, never some other sandbox.
        for bad in [
            "<iframe src=\"x\"></iframe>".to_string(),
            html.replace(SANDBOX, "allow-scripts"),
            format!("{html}{html}"),
            with_same_origin(&html).unwrap(),
        ] {
            assert!(with_same_origin(&bad).unwrap_err().contains("sandbox"), "{bad}");
        }
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
            ("intro.md", "waker-playground/index.html"),
            ("./intro.md", "waker-playground/index.html"),
            ("part/ch1.md", "../waker-playground/index.html"),
            ("a/b/c/deep.md", "../../../waker-playground/index.html"),
            ("a/../b.md", "waker-playground/index.html"),
        ] {
            assert_eq!(installed_url(Path::new(path)), want, "{path}");
            assert_eq!(chapter_url(None, Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn a_relative_url_is_relative_to_the_books_root_and_an_absolute_one_is_kept() {
        for (url, path, want) in [
            ("wp/", "intro.md", "wp/"),
            ("wp/", "part/ch1.md", "../wp/"),
            ("static/wp/index.html", "a/b/c.md", "../../static/wp/index.html"),
            ("./wp/", "part/ch1.md", ".././wp/"),
            ("../shared/wp/", "part/ch1.md", "../../shared/wp/"),
            ("/static/wp/", "a/b/c.md", "/static/wp/"),
            ("//cdn.example.org/wp/", "part/ch1.md", "//cdn.example.org/wp/"),
            ("https://example.org/wp/", "a/b/c.md", "https://example.org/wp/"),
            ("HTTP://example.org/wp/", "part/ch1.md", "HTTP://example.org/wp/"),
        ] {
            assert_eq!(chapter_url(Some(url), Path::new(path)), want, "{url} from {path}");
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
        let html = iframe(&parse_options("").unwrap(), Body::Share("t=a:yield"), &evil).unwrap();
        assert!(!html.contains("<script"), "{html}");
        let html = iframe(&parse_options("").unwrap(), Body::Share("t=a:yield"), &Page { same_origin: true, ..evil }).unwrap();
        assert!(!html.contains("<script"), "{html}");
    }
}
