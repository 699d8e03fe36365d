//! Embeds: the query string that picks the embedded layout, and the iframe snippet.
//!
//! ```text
//! ?embed&autoplay&code&theme=dark&title=Who%20wakes%20a%20future%3F&caption=Watch%20the%20second%20poll
//! ```
//!
//! # Ground rules
//!
//! - The query is untrusted: at most [`MAX_QUERY_LEN`] bytes, every option known and given once,
//!   flags are bare or `=1`/`=0`, and the free texts (`title`, `caption`) are strictly
//!   percent-decoded UTF-8 without control characters, bounded in length. Any problem is an error
//!   that names it; nothing panics.
//! - The snippet escapes everything it writes into HTML. The Embed dialog and the mdBook
//!   preprocessor both write their iframes with [`iframe_snippet`], so the two never drift.

use std::fmt::Write as _;

use super::share::{err, percent_bytes, quote, ShareError};

/// Longest accepted query string, in bytes: room for the longest title and caption even when
/// every character is percent-encoded UTF-8 (up to 12 bytes each), plus the flags.
pub const MAX_QUERY_LEN: usize = 8192;
/// Longest embed title, in characters.
pub const MAX_TITLE: usize = 120;
/// Longest embed caption, in characters.
pub const MAX_CAPTION: usize = 400;
/// The range of `?history=` (events a run keeps for replay); the default is the top.
pub const HISTORY_RANGE: (usize, usize) = (1_000, crate::core::DEFAULT_TRACE_CAP);
/// The iframe height range the snippet accepts, in CSS pixels.
pub const EMBED_HEIGHTS: (u32, u32) = (320, 1600);

/// The colour theme an embed asks for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the reader's system (`prefers-color-scheme`).
    #[default]
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// The word used in URLs and fences.
    pub fn key(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// Parses [`Theme::key`].
    ///
    /// # Examples
    ///
    /// ```
    /// use waker_playground::play::Theme;
    /// assert_eq!(Theme::from_key("dark"), Some(Theme::Dark));
    /// assert_eq!(Theme::from_key("navy"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Theme> {
        [Theme::Auto, Theme::Light, Theme::Dark].into_iter().find(|t| t.key() == key)
    }
}

/// How the page was asked to show itself (the URL's query string).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PageOptions {
    /// `?embed`: the compact layout for iframes.
    pub embed: bool,
    /// `?autoplay`: run once the frame is in view.
    pub autoplay: bool,
    /// `?code`: show the code panel in the embedded layout.
    pub code: bool,
    /// `?theme=light|dark|auto`.
    pub theme: Theme,
    /// `?title=…`: the heading of an embed (the preset's title otherwise).
    pub title: Option<String>,
    /// `?caption=…`: a line under the heading of an embed.
    pub caption: Option<String>,
    /// `?history=N`: a run keeps its latest N events for replay (a page of many embeds may
    /// want less memory); `None` keeps the default million.
    pub history: Option<usize>,
    /// `?hide=3-5,9`: lines of the program (from 1) that run but are not shown, in increasing,
    /// separate ranges (a book's hidden lines, as mdBook's `# ` lines are).
    pub hide: Vec<(u32, u32)>,
}

/// The most ranges `hide=` takes.
pub const MAX_HIDE_RANGES: usize = 1000;

/// Parses `hide=`'s ranges: `3-5,9`, increasing and apart, lines from 1 to 100,000.
fn parse_hide(value: &str) -> Result<Vec<(u32, u32)>, ShareError> {
    let mut out: Vec<(u32, u32)> = Vec::new();
    for part in value.split(',').filter(|p| !p.is_empty()) {
        if out.len() == MAX_HIDE_RANGES {
            return err(format!("hide: more than {MAX_HIDE_RANGES} ranges"));
        }
        let (a, b) = part.split_once('-').unwrap_or((part, part));
        let line = |t: &str| t.parse::<u32>().ok().filter(|n| (1..=100_000).contains(n));
        let (Some(a), Some(b)) = (line(a), line(b)) else {
            return err(format!("hide: {} is not a line or a range of lines (from 1 to 100000)", quote(part)));
        };
        if b < a || out.last().is_some_and(|&(_, end)| a <= end + 1) {
            return err(format!("hide: {} is out of order (the ranges go up, apart)", quote(part)));
        }
        out.push((a, b));
    }
    Ok(out)
}

/// Decodes a free-text option: `%XX` escapes of UTF-8, `+` as a space. Rejects control
/// characters and malformed escapes.
fn decode_text(key: &str, value: &str, max: usize) -> Result<String, ShareError> {
    let out = percent_bytes(value, true).or_else(|at| err(format!("{key}: a malformed %-escape at position {at}")))?;
    let Ok(text) = String::from_utf8(out) else { return err(format!("{key}: text that is not valid UTF-8")) };
    if text.chars().any(char::is_control) {
        return err(format!("{key}: control characters are not allowed"));
    }
    let text = text.trim().to_string();
    let n = text.chars().count();
    if n > max {
        return err(format!("{key} is {n} characters long; the limit is {max}"));
    }
    Ok(text)
}

/// Encodes free text for a query: everything but `A–Z a–z 0–9 - _ . ~` as `%XX`.
fn encode_text(out: &mut String, text: &str) {
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
}

/// Parses the query string: the flags `embed`, `autoplay` and `code` (bare or `=1` / `=0`),
/// `theme=light|dark|auto`, the free texts `title=` and `caption=`, `history=N`, and the
/// program's hidden lines `hide=3-5,9`.
///
/// # Examples
///
/// ```
/// use waker_playground::play::{parse_page_options, Theme};
/// let o = parse_page_options("?embed&autoplay=1&code=0&theme=dark&title=The%20seed").unwrap();
/// assert!(o.embed && o.autoplay && !o.code);
/// assert_eq!((o.theme, o.title.as_deref()), (Theme::Dark, Some("The seed")));
/// assert!(parse_page_options("?embed=yes").is_err());
/// assert_eq!(parse_page_options("?hide=1-3,7").unwrap().hide, [(1, 3), (7, 7)]);
/// assert!(parse_page_options("?hide=7,1-3").is_err());
/// ```
pub fn parse_page_options(query: &str) -> Result<PageOptions, ShareError> {
    if query.len() > MAX_QUERY_LEN {
        return err(format!("the query string is {} bytes long; the limit is {MAX_QUERY_LEN}", query.len()));
    }
    let mut o = PageOptions::default();
    let mut seen: Vec<&str> = Vec::new();
    for param in query.strip_prefix('?').unwrap_or(query).split('&').filter(|p| !p.is_empty()) {
        let (key, value) = param.split_once('=').unwrap_or((param, ""));
        if seen.contains(&key) {
            return err(format!("option {} is given twice", quote(key)));
        }
        let flag = || match value {
            "1" | "" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            v => err(format!("option {} should be 1 or 0, not {}", quote(key), quote(v))),
        };
        match key {
            "embed" => o.embed = flag()?,
            "autoplay" => o.autoplay = flag()?,
            "code" => o.code = flag()?,
            "theme" => match Theme::from_key(value) {
                Some(t) => o.theme = t,
                None => return err(format!("unknown theme {} (known: auto, light, dark)", quote(value))),
            },
            "title" => o.title = Some(decode_text("title", value, MAX_TITLE)?).filter(|t| !t.is_empty()),
            "caption" => o.caption = Some(decode_text("caption", value, MAX_CAPTION)?).filter(|t| !t.is_empty()),
            "hide" => o.hide = parse_hide(value)?,
            "history" => {
                let (lo, hi) = HISTORY_RANGE;
                match value.parse::<usize>() {
                    Ok(n) if (lo..=hi).contains(&n) => o.history = Some(n),
                    _ => return err(format!("history should be a number of events from {lo} to {hi}, not {}", quote(value))),
                }
            }
            k => {
                return err(format!(
                    "unknown option {} in the query (known: embed, autoplay, code, theme, title, caption, history, hide)",
                    quote(k)
                ))
            }
        }
        seen.push(key);
    }
    Ok(o)
}

/// Writes the options as a query string, without the `?`. Defaults are left out, so
/// [`parse_page_options`] of the result gives the same options back.
///
/// # Examples
///
/// ```
/// use waker_playground::play::{embed_query, parse_page_options, PageOptions, Theme};
/// let o = PageOptions { embed: true, theme: Theme::Light, title: Some("A & B?".into()), ..PageOptions::default() };
/// assert_eq!(embed_query(&o), "embed&theme=light&title=A%20%26%20B%3F");
/// assert_eq!(parse_page_options(&embed_query(&o)).unwrap(), o);
/// ```
pub fn embed_query(o: &PageOptions) -> String {
    let mut parts: Vec<String> = Vec::new();
    for (on, key) in [(o.embed, "embed"), (o.autoplay, "autoplay"), (o.code, "code")] {
        if on {
            parts.push(key.to_string());
        }
    }
    if o.theme != Theme::Auto {
        parts.push(format!("theme={}", o.theme.key()));
    }
    if let Some(n) = o.history {
        parts.push(format!("history={n}"));
    }
    if !o.hide.is_empty() {
        let ranges: Vec<String> = o.hide.iter().map(|&(a, b)| if a == b { a.to_string() } else { format!("{a}-{b}") }).collect();
        parts.push(format!("hide={}", ranges.join(",")));
    }
    for (key, text) in [("title", &o.title), ("caption", &o.caption)] {
        if let Some(t) = text.as_deref().filter(|t| !t.is_empty()) {
            let mut p = format!("{key}=");
            encode_text(&mut p, t);
            parts.push(p);
        }
    }
    parts.join("&")
}

/// Escapes text for an HTML attribute or element.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
    out
}

/// Builds the iframe snippet for an embed link. `height` is clamped to [`EMBED_HEIGHTS`]. The
/// border is a translucent grey, so it reads on light and dark host pages alike.
///
/// # Examples
///
/// ```
/// use waker_playground::play::iframe_snippet;
/// let s = iframe_snippet("https://x.test/?embed#p=seed", "The \"seed\"", 420);
/// assert!(s.contains(r#"sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox""#));
/// assert!(s.contains(r#"title="Waker Playground: The &quot;seed&quot;""#));
/// assert!(s.contains(r#"height="420""#));
/// ```
pub fn iframe_snippet(src: &str, title: &str, height: u32) -> String {
    let height = height.clamp(EMBED_HEIGHTS.0, EMBED_HEIGHTS.1);
    format!(
        "<iframe src=\"{}\"\n  title=\"Waker Playground: {}\"\n  width=\"100%\" height=\"{height}\" loading=\"lazy\"\n  \
         sandbox=\"allow-scripts allow-popups allow-popups-to-escape-sandbox\"\n  \
         style=\"max-width: 960px; border: 1px solid rgba(128, 128, 128, 0.45); border-radius: 8px;\"></iframe>",
        escape_html(src),
        escape_html(title)
    )
}

/// An embed's height without a code panel, in pixels.
pub const EMBED_DEFAULT_HEIGHT: u32 = 440;

/// What the Embed dialog's snippet says where the playground lives, when this page's own address
/// is one that readers cannot reach.
pub const ADDRESS_PLACEHOLDER: &str = "https://YOUR-SITE.example/waker-playground/";

/// Whether `url` is an address only this machine can open: `localhost`, a loopback or
/// unspecified IP, or a file. A snippet pointing there works for its author and for no reader.
///
/// ```
/// use waker_playground::play::is_local_address;
/// assert!(is_local_address("http://127.0.0.1:8080/"));
/// assert!(is_local_address("http://localhost:8080/index.html"));
/// assert!(is_local_address("http://[::1]:8080/"));
/// assert!(is_local_address("http://0.0.0.0/"));
/// assert!(is_local_address("file:///home/me/dist/index.html"));
/// assert!(!is_local_address("https://you.github.io/waker-playground/"));
/// assert!(!is_local_address("https://localhost.example.org/"));
/// ```
pub fn is_local_address(url: &str) -> bool {
    let Some((scheme, rest)) = url.split_once("://") else { return true };
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return true;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host =
        if host.starts_with('[') { host.split(']').next().map_or(host, |h| &h[1..]) } else { host.split(':').next().unwrap_or(host) };
    let host = host.to_ascii_lowercase();
    host == "localhost" || host.ends_with(".localhost") || host.starts_with("127.") || host == "::1" || host == "0.0.0.0" || host.is_empty()
}
/// What the code panel adds to an embed's height.
pub const EMBED_CODE_HEIGHT: u32 = 400;

/// An embed's default height for a program: the compact layout, the program's lines and its
/// console, within [`EMBED_HEIGHTS`] (leaving room for the code panel).
///
/// ```
/// use waker_playground::play::{program_height, EMBED_HEIGHTS};
/// assert_eq!(program_height("async fn main() {\n}\n"), 440 + 200 + 2 * 17);
/// assert_eq!(program_height(&"\n".repeat(10_000)), EMBED_HEIGHTS.1 - 400);
/// ```
pub fn program_height(src: &str) -> u32 {
    let lines = u32::try_from(src.lines().count()).unwrap_or(u32::MAX);
    lines.saturating_mul(17).saturating_add(EMBED_DEFAULT_HEIGHT + 200).clamp(EMBED_HEIGHTS.0, EMBED_HEIGHTS.1 - EMBED_CODE_HEIGHT)
}

/// The snippet for an mdBook page: raw HTML is allowed in mdBook's Markdown, between blank lines.
pub fn mdbook_snippet(src: &str, title: &str, height: u32) -> String {
    format!("<!-- Waker Playground: paste into any chapter's .md file -->\n\n{}\n\n", iframe_snippet(src, title, height))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_programs_embed_is_as_tall_as_its_lines_within_the_bounds() {
        // The compact layout and the console, then 17 px a line.
        assert_eq!(program_height("async fn main() {\n}\n"), EMBED_DEFAULT_HEIGHT + 200 + 2 * 17);
        assert_eq!(program_height(&"x\n".repeat(10)), EMBED_DEFAULT_HEIGHT + 200 + 10 * 17);
        // A very long program stops where the code panel still fits in the tallest embed.
        assert_eq!(program_height(&"\n".repeat(10_000)), EMBED_HEIGHTS.1 - EMBED_CODE_HEIGHT);
        assert!(program_height("") >= EMBED_HEIGHTS.0);
    }

    #[test]
    fn options_round_trip_through_the_query() {
        let o = PageOptions {
            embed: true,
            autoplay: true,
            code: true,
            theme: Theme::Dark,
            title: Some("Wer weckt — ein Future? 100% & <b>".into()),
            caption: Some("Watch the second poll + the wake".into()),
            history: Some(5000),
            hide: vec![(1, 3), (7, 7), (9, 100_000)],
        };
        let q = embed_query(&o);
        assert!(q.contains("hide=1-3,7,9-100000"), "{q}");
        assert!(q.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_.~%&=,".contains(&b)), "{q}");
        assert_eq!(parse_page_options(&format!("?{q}")).unwrap(), o);
        assert_eq!(embed_query(&PageOptions::default()), "");
    }

    #[test]
    fn the_longest_texts_in_any_script_still_fit_the_query() {
        let o = PageOptions {
            embed: true,
            autoplay: true,
            code: true,
            theme: Theme::Light,
            title: Some("唤醒者".repeat(MAX_TITLE / 3)),
            caption: Some("🦀".repeat(MAX_CAPTION)),
            history: Some(HISTORY_RANGE.1),
            hide: Vec::new(),
        };
        let q = embed_query(&o);
        assert!(q.len() <= MAX_QUERY_LEN, "{} bytes", q.len());
        assert_eq!(parse_page_options(&q).unwrap(), o);
        // Four-byte characters: the worst case per character.
        let worst = PageOptions { title: Some("🦀".repeat(MAX_TITLE)), ..o };
        assert_eq!(parse_page_options(&embed_query(&worst)).unwrap(), worst);
    }

    #[test]
    fn bad_queries_name_the_problem() {
        let long = format!("title={}", "a".repeat(MAX_TITLE + 1));
        let cases = [
            ("?embed=yes", "should be 1 or 0"),
            ("?embed&embed", "twice"),
            ("?theme=navy", "unknown theme"),
            ("?title=%zz", "malformed"),
            ("?title=%C3", "UTF-8"),
            ("?caption=a%0Ab", "control"),
            ("?frame", "unknown option"),
            (long.as_str(), "limit is 120"),
            ("?history=999", "from 1000 to 1000000"),
            ("?history=1000001", "from 1000 to 1000000"),
            ("?history=-5", "not \"-5\""),
            ("?history=1e6", "not \"1e6\""),
            ("?history=99999999999999999999999", "from 1000"),
            ("?history=", "not \"\""),
            ("?hide=0", "from 1 to 100000"),
            ("?hide=3-x", "not a line"),
            ("?hide=5-3", "out of order"),
            ("?hide=1-3,3", "out of order"),
            ("?hide=1-3,4", "out of order"),
            ("?hide=9,2", "out of order"),
        ];
        for (q, needle) in cases {
            let e = parse_page_options(q).expect_err(q).to_string();
            assert!(e.contains(needle), "{q}: {e}");
        }
        assert!(parse_page_options(&"&".repeat(MAX_QUERY_LEN + 1)).unwrap_err().to_string().contains("limit"));
        assert_eq!(parse_page_options("?title=a+b").unwrap().title.as_deref(), Some("a b"));
    }

    #[test]
    fn the_snippet_escapes_what_it_writes() {
        let s = iframe_snippet("https://x.test/?a=1&b=\"><script>", "<img onerror=x>", 99);
        assert!(!s.contains("<script>") && !s.contains("<img"), "{s}");
        assert!(s.contains("?a=1&amp;b=&quot;&gt;&lt;script&gt;"));
        assert!(s.contains("height=\"320\""), "clamped: {s}");
    }
}
