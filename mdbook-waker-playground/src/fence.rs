//! Finding `waker-playground` fences in a chapter and parsing their options. Pure: no I/O.
//!
//! ````markdown
//! ```waker-playground autoplay mode=manual title="Two timers race"
//! t=race:select(300,700)
//! ```
//! ````
//!
//! # Ground rules
//!
//! - Fences are tracked the CommonMark way, line by line: an opening fence is 3 or more backticks
//!   or tildes after at most 3 spaces; it closes only on a line of the same character, at least as
//!   many, and nothing else but spaces or tabs. Only fences whose info string's first word is
//!   exactly `waker-playground` are reported; any other fence hides what is inside it, so a
//!   `waker-playground` fence *shown* in a ````` ````markdown ````` block is not one.
//! - Up to 3 spaces of indent (a fence in a list item) are fine: the embed gets the same indent.
//!   A `waker-playground` fence the rewrite cannot follow, in a block quote, indented 4 spaces or
//!   more (an indented code block, or a nested list item) or on a list marker's line, is reported
//!   as [`Found::Misplaced`], so it fails the build instead of staying code. To find those, lines
//!   are also read through their containers (`>` markers, list markers, any indent), and fences
//!   there hide their content too, until they close or a line leaves their container.
//! - Chapter text is untrusted: every error is a message, nothing panics, and error messages
//!   quote at most 40 characters of what was written, with control characters escaped.

use std::ops::Range;

use waker_playground::core::{preset, RunMode, Theme, TimerBackend, EMBED_HEIGHTS, MAX_CAPTION, MAX_TITLE, PRESETS};

/// The info-string word that marks our fences.
pub const LANG: &str = "waker-playground";

/// Every option a fence accepts, in the order the error messages list them.
pub const KNOWN_OPTIONS: [&str; 9] = ["preset", "autoplay", "code", "height", "mode", "timers", "theme", "title", "caption"];

/// Why a `waker-playground` fence inside a block quote, or indented 4 spaces or more, is refused.
pub const NESTED: &str = "a waker-playground fence inside a blockquote or indented 4+ spaces is not supported: \
                          move it to the top level (or indent it at most 3 spaces in a list item)";

/// Why a `waker-playground` fence on a list item's marker line (`- ```waker-playground`) is refused.
pub const ON_A_MARKER: &str = "a waker-playground fence on the same line as a list marker is not supported: \
                               put it on a line of its own, indented at most 3 spaces";

/// One `waker-playground` fence found in a chapter, at the top level or indented at most 3 spaces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fence<'a> {
    /// The 1-based line number of the opening fence.
    pub line: usize,
    /// The bytes to replace: from the start of the opening line to the end of the closing line,
    /// its line break included (or to the end of the text for an unclosed fence).
    pub span: Range<usize>,
    /// The spaces before the opening fence (0 to 3): the embed gets them on every line, so it
    /// stays in the list item the fence was in.
    pub indent: &'a str,
    /// The info string after the word `waker-playground`: the options, unparsed.
    pub options: &'a str,
    /// The lines between the fences, without their line breaks.
    pub body: Vec<&'a str>,
    /// Whether a closing fence was found. An unclosed fence runs to the end of the chapter.
    pub closed: bool,
}

/// What [`scan`] finds: a fence to rewrite, or one where an embed cannot go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// A fence at the top level (or in a list item, indented at most 3 spaces).
    Fence(Fence<'a>),
    /// A fence in a block quote, indented 4 spaces or more, or on a list marker's line: the
    /// 1-based line of its opening, and why it is refused ([`NESTED`] or [`ON_A_MARKER`]).
    Misplaced { line: usize, reason: &'static str },
}

/// An opening fence: its character, its length, and the info string after it.
struct Opening<'a> {
    ch: u8,
    len: usize,
    info: &'a str,
}

/// Up to 3 spaces of indent; more (or a tab, which reaches column 4) makes an indented code
/// block, not a fence. Returns the indent and the rest of the line.
fn unindent(line: &str) -> Option<(&str, &str)> {
    let spaces = line.bytes().take_while(|&b| b == b' ').count();
    if spaces > 3 || line.as_bytes().get(spaces) == Some(&b'\t') {
        return None;
    }
    Some(line.split_at(spaces))
}

/// The fence characters at the start of `rest` (all one byte: slicing after them is safe).
fn fence_run(rest: &str) -> Option<(u8, usize)> {
    let ch = *rest.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = rest.bytes().take_while(|&b| b == ch).count();
    (len >= 3).then_some((ch, len))
}

/// An opening fence at the very start of `rest`.
fn opening_at(rest: &str) -> Option<Opening<'_>> {
    let (ch, len) = fence_run(rest)?;
    let info = rest[len..].trim();
    // CommonMark: a backtick fence's info string may not contain a backtick (that line is
    // inline code, not a fence).
    if ch == b'`' && info.contains('`') {
        return None;
    }
    Some(Opening { ch, len, info })
}

/// A top-level opening fence, and its indent.
fn opening(line: &str) -> Option<(&str, Opening<'_>)> {
    let (indent, rest) = unindent(line)?;
    Some((indent, opening_at(rest)?))
}

/// Whether `rest` (the indent already taken off) closes a fence opened by `open`.
fn closes_at(rest: &str, open: &Opening<'_>) -> bool {
    match fence_run(rest) {
        Some((ch, len)) => ch == open.ch && len >= open.len && rest[len..].bytes().all(|b| b == b' ' || b == b'\t'),
        None => false,
    }
}

fn closes(line: &str, open: &Opening<'_>) -> bool {
    unindent(line).is_some_and(|(_, rest)| closes_at(rest, open))
}

/// A line without its line break (`\n` or `\r\n`).
fn strip_eol(line: &str) -> &str {
    let line = line.strip_suffix('\n').unwrap_or(line);
    line.strip_suffix('\r').unwrap_or(line)
}

/// Splits an info string into its first word and the rest.
fn first_word(info: &str) -> (&str, &str) {
    match info.find(char::is_whitespace) {
        Some(i) => (&info[..i], info[i..].trim()),
        None => (info, ""),
    }
}

/// A list item's marker at the start of `s` (`-`, `+`, `*`, or 1 to 9 digits and `.` or `)`),
/// followed by a space, a tab or the end of the line: its length in bytes.
fn list_marker(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    let len = match b.first()? {
        b'-' | b'+' | b'*' => 1,
        _ => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if !(1..=9).contains(&digits) || !matches!(b.get(digits), Some(b'.' | b')')) {
                return None;
            }
            digits + 1
        }
    };
    matches!(b.get(len), None | Some(b' ' | b'\t')).then_some(len)
}

/// A line seen through the containers (block quotes, list items) it may be in. Lenient on
/// purpose: any indent is skipped, so a fence under a list item nested in an indented code block
/// is still seen.
struct Layout<'a> {
    /// How many `>` markers were taken off.
    quotes: usize,
    /// Whether a list marker was taken off.
    marker: bool,
    /// Per quote depth (0: the line itself): the byte where that depth's content starts, its
    /// column, and the column of its first non-blank character (or of the line's end).
    depths: Vec<(usize, usize, usize)>,
    /// The text after every container and the indent.
    rest: &'a str,
    /// The column `rest` starts at.
    col: usize,
}

/// The column after `c` in a line at column `col` (tabs stop every 4 columns).
fn advance(col: usize, c: u8) -> usize {
    if c == b'\t' {
        col + 4 - col % 4
    } else {
        col + 1
    }
}

fn layout(line: &str) -> Layout<'_> {
    let b = line.as_bytes();
    let (mut i, mut col) = (0, 0);
    let mut layout = Layout { quotes: 0, marker: false, depths: vec![(0, 0, 0)], rest: "", col: 0 };
    let mut first_seen = false;
    loop {
        while let Some(&c @ (b' ' | b'\t')) = b.get(i) {
            col = advance(col, c);
            i += 1;
        }
        if !first_seen {
            if let Some(d) = layout.depths.last_mut() {
                d.2 = col;
            }
            first_seen = true;
        }
        if b.get(i) == Some(&b'>') {
            i += 1;
            col += 1;
            // The optional space after `>` belongs to the marker.
            if b.get(i) == Some(&b' ') {
                i += 1;
                col += 1;
            }
            layout.quotes += 1;
            layout.depths.push((i, col, col));
            first_seen = false;
        } else if let Some(len) = list_marker(&line[i..]) {
            i += len;
            col += len;
            if b.get(i) == Some(&b' ') {
                i += 1;
                col += 1;
            }
            layout.marker = true;
        } else {
            break;
        }
    }
    layout.rest = &line[i..];
    layout.col = col;
    layout
}

/// A fence in a container the top-level scan does not follow (a block quote, a list marker's
/// line, 4 spaces of indent or more): its content is skipped until it closes, or until a line
/// leaves its container.
struct Nested<'a> {
    open: Opening<'a>,
    /// The quote depth it is in.
    quotes: usize,
    /// The indent (in columns, within its quote depth) a non-blank line needs to stay inside.
    need: usize,
}

impl Nested<'_> {
    /// Whether `line` (seen as `l`) is still inside; `false` when it leaves the container.
    fn contains(&self, line: &str, l: &Layout<'_>) -> bool {
        let Some(&(start, start_col, first_col)) = l.depths.get(self.quotes) else { return false };
        // A blank line (within the quote) stays; a non-blank one needs the indent.
        line[start..].trim().is_empty() || first_col - start_col >= self.need
    }

    /// Whether `l`, inside, closes the fence.
    fn closed_by(&self, l: &Layout<'_>) -> bool {
        l.quotes == self.quotes && !l.marker && closes_at(l.rest, &self.open)
    }
}

/// Finds every `waker-playground` fence in `text`, in order.
///
/// Other fences are skipped whole, so nothing inside them is reported; so are fences in block
/// quotes and list items the rewrite cannot follow, but ours there are reported as
/// [`Found::Misplaced`].
pub fn scan(text: &str) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    // (opening fence, its Fence when it is ours)
    let mut open: Option<(Opening<'_>, Option<Fence<'_>>)> = None;
    let mut nested: Option<Nested<'_>> = None;
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = strip_eol(raw);
        let end = offset + raw.len();
        offset = end;
        if let Some((o, mut ours)) = open.take() {
            if closes(line, &o) {
                if let Some(mut f) = ours {
                    f.span.end = end;
                    f.closed = true;
                    found.push(Found::Fence(f));
                }
            } else {
                if let Some(f) = ours.as_mut() {
                    f.body.push(line);
                    f.span.end = end;
                }
                open = Some((o, ours));
            }
            continue;
        }
        let l = layout(line);
        if let Some(n) = nested.take() {
            if n.contains(line, &l) {
                if !n.closed_by(&l) {
                    nested = Some(n);
                }
                continue;
            }
            // The line leaves the fence's container, which ends the fence: read it afresh.
        }
        let start = end - raw.len();
        if let Some((indent, o)) = opening(line) {
            let (word, options) = first_word(o.info);
            let ours = (word == LANG).then(|| Fence { line: i + 1, span: start..end, indent, options, body: Vec::new(), closed: false });
            open = Some((o, ours));
        } else if let Some(o) = opening_at(l.rest) {
            let (_, start_col, _) = l.depths[l.quotes];
            let indent = l.col - start_col;
            let need = if l.marker {
                indent
            } else if indent >= 4 {
                4
            } else {
                0
            };
            if first_word(o.info).0 == LANG {
                let reason = if l.quotes == 0 && l.marker { ON_A_MARKER } else { NESTED };
                found.push(Found::Misplaced { line: i + 1, reason });
            }
            nested = Some(Nested { open: o, quotes: l.quotes, need });
        }
    }
    // An unclosed fence runs to the end of the text.
    if let Some((_, Some(f))) = open {
        found.push(Found::Fence(f));
    }
    found
}

/// The body as share-link text: lines trimmed and joined, blank lines and `//` comments dropped.
pub fn body_text(body: &[&str]) -> String {
    body.iter().map(|l| l.trim()).filter(|l| !l.is_empty() && !l.starts_with("//")).collect()
}

/// Shows at most 40 characters of untrusted text, in quotes, with control characters escaped.
pub fn quote(s: &str) -> String {
    let shown: String = s.chars().take(40).flat_map(char::escape_default).collect();
    if s.chars().count() > 40 {
        format!("\"{shown}…\"")
    } else {
        format!("\"{shown}\"")
    }
}

/// The options of one fence, parsed and checked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FenceOptions {
    /// `preset=<id>`: a known preset id.
    pub preset: Option<&'static str>,
    /// `autoplay`: run once the frame is in view.
    pub autoplay: bool,
    /// `code`: show the code panel.
    pub code: bool,
    /// `height=<px>`, within [`EMBED_HEIGHTS`].
    pub height: Option<u32>,
    /// `mode=micro|macro|frame|manual`.
    pub mode: Option<RunMode>,
    /// `timers=timeout|driver`.
    pub timers: Option<TimerBackend>,
    /// `theme=auto|light|dark`.
    pub theme: Option<Theme>,
    /// `title="…"`: trimmed, non-empty, at most [`MAX_TITLE`] characters.
    pub title: Option<String>,
    /// `caption="…"`: trimmed, non-empty, at most [`MAX_CAPTION`] characters.
    pub caption: Option<String>,
}

/// One `key` or `key=value` of an info string.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The option name.
    pub key: String,
    /// The value, unquoted; `None` for a bare `key`.
    pub value: Option<String>,
}

/// Splits options on whitespace. A value is either a run of non-space characters without `"`,
/// or a whole double-quoted string with `\"` and `\\` escapes.
pub fn tokenize(text: &str) -> Result<Vec<Token>, String> {
    let mut tokens = Vec::new();
    let mut chars = text.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.peek().is_none() {
            return Ok(tokens);
        }
        let mut key = String::new();
        while let Some(c) = chars.next_if(|&c| !c.is_whitespace() && c != '=') {
            key.push(c);
        }
        if key.is_empty() {
            return Err("an option with no name before '='".into());
        }
        if key.contains('"') {
            return Err(format!("unexpected '\"' in {}: only values may be quoted, as in title=\"A title\"", quote(&key)));
        }
        if chars.next_if_eq(&'=').is_none() {
            tokens.push(Token { key, value: None });
            continue;
        }
        let mut value = String::new();
        if chars.next_if_eq(&'"').is_some() {
            loop {
                match chars.next() {
                    None => return Err(format!("the quoted value of {key}= is never closed (a '\"' is missing)")),
                    Some('"') => break,
                    Some('\\') => match chars.next() {
                        Some(c @ ('"' | '\\')) => value.push(c),
                        Some(c) => {
                            let c = c.escape_default();
                            return Err(format!("unknown escape \"\\{c}\" in the value of {key}= (only \\\" and \\\\ are allowed)"));
                        }
                        None => return Err(format!("the quoted value of {key}= is never closed (a '\"' is missing)")),
                    },
                    Some(c) => value.push(c),
                }
            }
            if chars.peek().is_some_and(|c| !c.is_whitespace()) {
                return Err(format!("text right after the closing '\"' of {key}=: put a space between options"));
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace()) {
                value.push(c);
            }
            if value.contains('"') {
                return Err(format!("a '\"' inside the value of {key}=: quote the whole value, as in {key}=\"…\""));
            }
        }
        tokens.push(Token { key, value: Some(value) });
    }
}

/// A flag: bare, `=true` or `=false`.
fn flag(key: &str, value: Option<&str>) -> Result<bool, String> {
    match value {
        None | Some("true") => Ok(true),
        Some("false") => Ok(false),
        Some(v) => Err(format!("{key} is a flag: write {key}, {key}=true or {key}=false, not {key}={}", quote(v))),
    }
}

/// A free text (title, caption): no control characters, trimmed, not empty, bounded.
fn free_text(key: &str, value: &str, max: usize) -> Result<String, String> {
    if value.chars().any(char::is_control) {
        return Err(format!("{key}: control characters are not allowed"));
    }
    let value = value.trim();
    if value.is_empty() {
        return Err(format!("{key} is empty"));
    }
    let n = value.chars().count();
    if n > max {
        return Err(format!("{key} is {n} characters long; the limit is {max}"));
    }
    Ok(value.to_string())
}

fn height(value: &str) -> Result<u32, String> {
    let (lo, hi) = EMBED_HEIGHTS;
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("height {} is not a whole number of pixels", quote(value)));
    }
    match value.parse::<u32>() {
        Ok(h) if (lo..=hi).contains(&h) => Ok(h),
        // All digits here, so only the length needs bounding in the message.
        _ => Err(format!("height={} is out of range ({lo} to {hi} pixels)", quote(value).trim_matches('"'))),
    }
}

fn known_presets() -> String {
    PRESETS.iter().map(|p| p.id).collect::<Vec<_>>().join(", ")
}

/// Parses a fence's options (the info string after `waker-playground`).
///
/// Every option may be given once; unknown options, missing or malformed values are errors.
pub fn parse_options(text: &str) -> Result<FenceOptions, String> {
    let mut o = FenceOptions::default();
    let mut seen: Vec<String> = Vec::new();
    for Token { key, value } in tokenize(text)? {
        if !KNOWN_OPTIONS.contains(&key.as_str()) {
            return Err(format!("unknown option {} (known: {})", quote(&key), KNOWN_OPTIONS.join(", ")));
        }
        if seen.contains(&key) {
            return Err(format!("option {key} is given twice"));
        }
        let value = value.as_deref();
        // Every option but the two flags needs a value.
        let needs = |example: &str| value.ok_or_else(|| format!("option {key} needs a value, as in {key}={example}"));
        match key.as_str() {
            "autoplay" => o.autoplay = flag(&key, value)?,
            "code" => o.code = flag(&key, value)?,
            "preset" => {
                let id = needs("seed")?;
                match preset(id) {
                    Some(p) => o.preset = Some(p.id),
                    None => return Err(format!("unknown preset {} (known: {})", quote(id), known_presets())),
                }
            }
            "height" => o.height = Some(height(needs("440")?)?),
            "mode" => {
                let v = needs("manual")?;
                let m = RunMode::from_key(v).ok_or_else(|| format!("unknown mode {} (known: micro, macro, frame, manual)", quote(v)))?;
                o.mode = Some(m);
            }
            "timers" => {
                let v = needs("driver")?;
                let b = TimerBackend::from_key(v).ok_or_else(|| format!("unknown timers {} (known: timeout, driver)", quote(v)))?;
                o.timers = Some(b);
            }
            "theme" => {
                let v = needs("dark")?;
                let t = Theme::from_key(v).ok_or_else(|| format!("unknown theme {} (known: auto, light, dark)", quote(v)))?;
                o.theme = Some(t);
            }
            "title" => o.title = Some(free_text("title", needs("\"A title\"")?, MAX_TITLE)?),
            "caption" => o.caption = Some(free_text("caption", needs("\"What to watch for\"")?, MAX_CAPTION)?),
            // Unreachable: KNOWN_OPTIONS was checked above. An error, not a panic, all the same.
            _ => return Err(format!("unknown option {}", quote(&key))),
        }
        seen.push(key);
    }
    Ok(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fences to rewrite; none may be misplaced.
    fn fences(text: &str) -> Vec<Fence<'_>> {
        scan(text)
            .into_iter()
            .map(|f| match f {
                Found::Fence(f) => f,
                Found::Misplaced { line, reason } => panic!("line {line}: {reason}"),
            })
            .collect()
    }

    fn spans(text: &str) -> Vec<(usize, &str, Vec<&str>, bool)> {
        fences(text).into_iter().map(|f| (f.line, &text[f.span.clone()], f.body, f.closed)).collect()
    }

    /// The misplaced fences: (line, reason); none may be a fence to rewrite.
    fn misplaced(text: &str) -> Vec<(usize, &'static str)> {
        scan(text)
            .into_iter()
            .map(|f| match f {
                Found::Misplaced { line, reason } => (line, reason),
                Found::Fence(f) => panic!("line {} is rewritten", f.line),
            })
            .collect()
    }

    #[test]
    fn finds_backtick_and_tilde_fences_with_lines_and_spans() {
        let text = "# T\n\n```waker-playground preset=seed\n```\nmid\n~~~~ waker-playground  autoplay \nt=a:yield\n\n~~~~~\nend\n";
        let f = fences(text);
        assert_eq!(f.len(), 2);
        assert_eq!((f[0].line, f[0].options, f[0].closed), (3, "preset=seed", true));
        assert_eq!(&text[f[0].span.clone()], "```waker-playground preset=seed\n```\n");
        assert_eq!((f[1].line, f[1].options), (6, "autoplay"));
        assert_eq!(f[1].body, ["t=a:yield", ""]);
        assert_eq!(&text[f[1].span.clone()], "~~~~ waker-playground  autoplay \nt=a:yield\n\n~~~~~\n");
    }

    #[test]
    fn fences_inside_other_fences_are_not_ours() {
        let text = "````markdown\n```waker-playground preset=seed\n```\n````\n\n~~~\n```waker-playground\n~~~\n```waker-playground preset=join\n```\n";
        assert_eq!(spans(text), [(9, "```waker-playground preset=join\n```\n", vec![], true)]);
    }

    #[test]
    fn a_fence_closes_only_with_the_same_char_and_at_least_as_many() {
        // ``` inside a ```` fence and ~~~ inside a ``` fence do not close it.
        let text = "````waker-playground\nt=a:yield\n```\n~~~~\n`````  \nafter\n";
        assert_eq!(spans(text), [(1, "````waker-playground\nt=a:yield\n```\n~~~~\n`````  \n", vec!["t=a:yield", "```", "~~~~"], true)]);
        // A closing line with text after the fence does not close it.
        assert_eq!(spans("```waker-playground\n``` x\n```")[0].2, ["``` x"]);
    }

    #[test]
    fn an_unclosed_fence_runs_to_the_end() {
        assert_eq!(spans("a\n```waker-playground\nt=a:yield\n"), [(2, "```waker-playground\nt=a:yield\n", vec!["t=a:yield"], false)]);
        // An unclosed other fence hides everything after it.
        assert!(scan("```\ncode\n```waker-playground\nt=a:yield\n```\n").is_empty());
        assert!(scan("````\n```waker-playground preset=seed\n```\n").is_empty());
    }

    #[test]
    fn only_the_exact_first_word() {
        for text in [
            "```waker-playgrounds\n```\n",
            "```Waker-Playground\n```\n",
            "```rust,waker-playground\n```\n",
            "``waker-playground\n``\n",
            "```waker-playground `x`\n```\n",
            "> ```rust,waker-playground\n> ```\n",
            "    ~~~waker-playgrounds\n",
        ] {
            assert!(scan(text).is_empty(), "{text:?}");
        }
    }

    #[test]
    fn up_to_three_spaces_of_indent_are_kept_for_the_embed() {
        let text = "   ```waker-playground\r\nt=a:yield\r\n   ```\r\nx";
        let f = fences(text);
        assert_eq!(
            (f.len(), f[0].indent, f[0].body.clone(), &text[f[0].span.clone()]),
            (1, "   ", vec!["t=a:yield"], "   ```waker-playground\r\nt=a:yield\r\n   ```\r\n")
        );
        let text = "- A list item:\n\n  ```waker-playground preset=seed\n  ```\n- Next.\n";
        let f = fences(text);
        assert_eq!((f.len(), f[0].line, f[0].indent, &text[f[0].span.clone()]), (1, 3, "  ", "  ```waker-playground preset=seed\n  ```\n"));
        assert_eq!(fences("```waker-playground\n```\n")[0].indent, "");
    }

    #[test]
    fn fences_in_block_quotes_or_indented_four_spaces_are_misplaced() {
        for (text, line) in [
            ("> ```waker-playground preset=seed\n> ```\n", 1),
            (">```waker-playground\n>```\n", 1),
            ("> Quoted:\n>\n> > ~~~ waker-playground\n> > t=a:yield\n> > ~~~\n", 3),
            ("Text.\n\n    ```waker-playground preset=seed\n    ```\n", 3),
            ("\t```waker-playground\n```\n", 1),
            ("  \t```waker-playground\n", 1),
            ("- a\n  - b\n\n    ```waker-playground preset=seed\n    ```\n", 4),
            ("1. a\n\n   > ```waker-playground\n   > ```\n", 3),
            ("- > ```waker-playground\n  > ```\n", 1),
        ] {
            assert_eq!(misplaced(text), [(line, NESTED)], "{text:?}");
        }
        for text in ["- ```waker-playground preset=seed\n  ```\n", "10) ```waker-playground\n    ```\n", "* - ```waker-playground\n"] {
            assert_eq!(misplaced(text), [(1, ON_A_MARKER)], "{text:?}");
        }
        // Each is reported once, its body and closing fence skipped; top-level fences around are found.
        let text = "```waker-playground preset=seed\n```\n> ```waker-playground\n> ```waker-playground\n> ```\n\n\
                    ```waker-playground preset=join\n```\n";
        let found = scan(text);
        assert_eq!(found.len(), 3);
        assert!(matches!(&found[0], Found::Fence(f) if f.line == 1));
        assert_eq!(found[1], Found::Misplaced { line: 3, reason: NESTED });
        assert!(matches!(&found[2], Found::Fence(f) if f.line == 7 && f.options == "preset=join"));
    }

    #[test]
    fn fences_shown_inside_other_fences_are_never_misplaced() {
        for text in [
            // In a top-level fence: code, whatever it looks like.
            "````markdown\n> ```waker-playground\n    ```waker-playground\n- ```waker-playground\n````\n",
            // In a fence in a block quote, in a nested list item, in an indented code block.
            "> ````markdown\n> ```waker-playground preset=seed\n> ```\n> ````\n",
            "> ~~~\n>```waker-playground\n>\n>   > ```waker-playground\n> ~~~\n",
            "- a\n  - b\n\n    ````markdown\n    ```waker-playground\n\n    ```\n    ````\n",
            "- ````markdown\n  ```waker-playground\n  ```\n  ````\n",
            "    ````\n    ```waker-playground\n    ````\n",
        ] {
            assert_eq!(scan(text), [], "{text:?}");
        }
    }

    #[test]
    fn a_line_that_leaves_its_container_ends_a_nested_fence() {
        // An unclosed fence in a quote ends with the quote; one in an indented code block ends
        // at a line indented less than 4 spaces.
        let text = "> ```text\n\n```waker-playground preset=seed\n```\n";
        assert_eq!(spans(text), [(3, "```waker-playground preset=seed\n```\n", vec![], true)]);
        let text = "    ```text\n    code\n\nText.\n> ```waker-playground\n";
        assert_eq!(misplaced(text), [(5, NESTED)]);
        // In a list item: a less indented line leaves it; a new item too.
        let text = "- ```text\n  code\n- ```waker-playground\n";
        assert_eq!(misplaced(text), [(3, ON_A_MARKER)]);
        let text = "- a\n  - b\n\n    ```text\n  ```waker-playground preset=seed\n  ```\n";
        assert_eq!(spans(text), [(5, "  ```waker-playground preset=seed\n  ```\n", vec![], true)]);
    }

    #[test]
    fn several_fences_and_non_ascii_text_around_them() {
        let text = "é ```waker-playground\n```waker-playground preset=seed\n```\n— 🦀\n```waker-playground\nt=b:yield\n```";
        let f = fences(text);
        assert_eq!(f.iter().map(|f| f.line).collect::<Vec<_>>(), [2, 5]);
        assert_eq!(&text[f[1].span.clone()], "```waker-playground\nt=b:yield\n```");
    }

    #[test]
    fn body_text_trims_joins_and_drops_comments() {
        assert_eq!(
            body_text(&["  // a comment", "t=a:sleep(5);", "", "   b:yield  ", "//x", "&mode=manual"]),
            "t=a:sleep(5);b:yield&mode=manual"
        );
        assert_eq!(body_text(&["", "  ", "// only"]), "");
    }

    #[test]
    fn every_option_parses() {
        let o = parse_options(
            "preset=lost-waker autoplay code=false height=420 mode=manual timers=driver theme=dark title=\"Two \\\"timers\\\" \\\\ race\" caption=Short",
        )
        .unwrap();
        assert_eq!(
            o,
            FenceOptions {
                preset: Some("lost-waker"),
                autoplay: true,
                code: false,
                height: Some(420),
                mode: Some(RunMode::Manual),
                timers: Some(TimerBackend::Driver),
                theme: Some(Theme::Dark),
                title: Some("Two \"timers\" \\ race".into()),
                caption: Some("Short".into()),
            }
        );
        assert_eq!(parse_options("").unwrap(), FenceOptions::default());
        assert!(parse_options("autoplay=true code").map(|o| o.autoplay && o.code).unwrap());
        assert_eq!(parse_options("title=\"  ünïcödé 🦀  \"").unwrap().title.as_deref(), Some("ünïcödé 🦀"));
        assert_eq!(parse_options("height=320").unwrap().height, Some(320));
        assert_eq!(parse_options("height=1600").unwrap().height, Some(1600));
        assert_eq!(parse_options("theme=auto mode=frame").unwrap().mode, Some(RunMode::AnimationFrame));
    }

    #[test]
    fn every_bad_option_names_the_problem() {
        let long_title = format!("title=\"{}\"", "t".repeat(MAX_TITLE + 1));
        let long_caption = format!("caption={}", "c".repeat(MAX_CAPTION + 1));
        let cases = [
            ("colour=red", "unknown option \"colour\" (known: preset, autoplay, code, height, mode, timers, theme, title, caption)"),
            ("autoplay autoplay", "option autoplay is given twice"),
            ("title=a title=b", "option title is given twice"),
            ("autoplay=yes", "autoplay is a flag: write autoplay, autoplay=true or autoplay=false, not autoplay=\"yes\""),
            ("code=1", "code is a flag"),
            ("preset", "option preset needs a value, as in preset=seed"),
            ("preset=nope", "unknown preset \"nope\" (known: seed, join, select, live-edit, lost-waker, yield, blocking, thousand)"),
            ("preset=", "unknown preset \"\""),
            ("height=abc", "height \"abc\" is not a whole number of pixels"),
            ("height=-5", "not a whole number"),
            ("height=4.5", "not a whole number"),
            ("height=319", "height=319 is out of range (320 to 1600 pixels)"),
            ("height=1601", "out of range"),
            ("height=99999999999999999999", "out of range"),
            ("height", "needs a value"),
            ("mode=turbo", "unknown mode \"turbo\" (known: micro, macro, frame, manual)"),
            ("timers=thread", "unknown timers \"thread\" (known: timeout, driver)"),
            ("theme=navy", "unknown theme \"navy\" (known: auto, light, dark)"),
            ("title=", "title is empty"),
            ("title=\"   \"", "title is empty"),
            (long_title.as_str(), "title is 121 characters long; the limit is 120"),
            (long_caption.as_str(), "caption is 401 characters long; the limit is 400"),
            ("title=\"a\u{7}b\"", "title: control characters are not allowed"),
            ("title=\"never closed", "the quoted value of title= is never closed"),
            ("title=\"ends in a backslash\\", "never closed"),
            ("title=\"a\\nb\"", "unknown escape \"\\n\" in the value of title="),
            ("title=\"a\"b", "text right after the closing '\"' of title="),
            ("title=a\"b\"", "a '\"' inside the value of title=: quote the whole value"),
            ("\"title\"=a", "unexpected '\"'"),
            ("=a", "an option with no name"),
        ];
        for (text, needle) in cases {
            let e = parse_options(text).expect_err(text);
            assert!(e.contains(needle), "{text:?}: {e}");
        }
    }

    #[test]
    fn quoting_keeps_spaces_and_separates_options() {
        let t = tokenize("  a=\"x y\"\tb  c=d\u{a0}e=\"\" ").unwrap();
        let pairs: Vec<_> = t.iter().map(|t| (t.key.as_str(), t.value.as_deref())).collect();
        assert_eq!(pairs, [("a", Some("x y")), ("b", None), ("c", Some("d")), ("e", Some(""))]);
    }

    #[test]
    fn quote_escapes_and_truncates() {
        assert_eq!(quote("a\nb"), "\"a\\nb\"");
        assert_eq!(quote(&"x".repeat(41)), format!("\"{}…\"", "x".repeat(40)));
    }
}
