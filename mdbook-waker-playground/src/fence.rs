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
//!   or tildes after at most 3 spaces of indent (counted from the text of the list item it is in,
//!   if any); it closes only on a line of the same character, at least as many, and nothing else
//!   but spaces or tabs, and it ends with its list item. Only fences whose info string's first
//!   word is exactly `waker-playground` are reported; any other fence hides what is inside it, so
//!   a `waker-playground` fence *shown* in a ````` ````markdown ````` block is not one.
//! - List items are followed ([`Lists`]): a fence indented like the text of the list item it is
//!   in (0 to 3 columns more, as in `10. Item` and then the fence indented 4 spaces) belongs to
//!   that item, and the embed gets the same indent. The tracking errs on one side only: when in
//!   doubt it takes a list item as ended, which can refuse a fence, but never takes an indented
//!   code block for a fence (the embed would then show as code).
//! - A `waker-playground` fence the rewrite cannot follow, in a block quote, indented 4 columns or
//!   more past its container (an indented code block) or on a list marker's line, is reported as
//!   [`Found::Misplaced`], so it fails the build instead of staying code. To find those, lines are
//!   also read through their containers (`>` markers, list markers, any indent), and fences there
//!   hide their content too, until they close or a line leaves their container.
//! - Chapter text is untrusted: every error is a message, nothing panics, and error messages
//!   quote at most 40 characters of what was written, with control characters escaped.

use std::ops::Range;

use waker_playground::core::{RunMode, TimerBackend};
use waker_playground::play::{preset, Theme, EMBED_HEIGHTS, MAX_CAPTION, MAX_TITLE, PRESETS};

/// The info-string word that marks our fences.
pub const LANG: &str = "waker-playground";

/// Every option a fence accepts, in the order the error messages list them.
pub const KNOWN_OPTIONS: [&str; 9] = ["preset", "autoplay", "code", "height", "mode", "timers", "theme", "title", "caption"];

/// Why a `waker-playground` fence inside a block quote, or in an indented code block, is refused.
pub const NESTED: &str = "a waker-playground fence inside a blockquote, or indented 4+ spaces (counted from the text of \
                          its list item, if it is in one), is not supported: move it to the top level, or indent it \
                          like the text of its list item";

/// Why a `waker-playground` fence on a list item's marker line (`- ```waker-playground`) is refused.
pub const ON_A_MARKER: &str = "a waker-playground fence on the same line as a list marker is not supported: \
                               put it on a line of its own, indented like the text of the list item";

/// Hint for title/caption values that were not double-quoted.
pub const QUOTE_HINT: &str = "title and caption values with spaces need double quotes: title=\"Two words\"";

/// One `waker-playground` fence found in a chapter, at the top level or in a list item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fence<'a> {
    /// The 1-based line number of the opening fence.
    pub line: usize,
    /// The bytes to replace: from the start of the opening line to the end of the closing line,
    /// its line break included (or to the end of its last line for an unclosed fence).
    pub span: Range<usize>,
    /// The whitespace before the opening fence (the list item's indent, plus 0 to 3 columns): the
    /// embed gets it on every line, so it stays in the list item the fence was in.
    pub indent: &'a str,
    /// The info string after the word `waker-playground`: the options, unparsed.
    pub options: &'a str,
    /// The lines between the fences, without their line breaks.
    pub body: Vec<&'a str>,
    /// Whether a closing fence was found. An unclosed fence runs to the end of the chapter, or of
    /// its list item.
    pub closed: bool,
    /// For a fence that is not closed because its list item ended: the 1-based line that ended it
    /// (a line indented less than the item's text).
    pub item_ended_at: Option<usize>,
    /// Whether the fence is the first line of a list item whose marker line is blank (`10.`
    /// alone): no blank line may go before the embed, as an item can start with only one.
    pub opens_item: bool,
    /// An ordinary ```rust block (with `rust-blocks = "button"`), not one of ours: `options`
    /// is then its whole info string (`rust,ignore`).
    pub rust: bool,
}

/// What [`scan`] finds: a fence to rewrite, or one where an embed cannot go.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Found<'a> {
    /// A fence at the top level or in a list item (indented like the item's text, 0 to 3 more).
    Fence(Fence<'a>),
    /// A fence in a block quote, in an indented code block, or on a list marker's line: the
    /// 1-based line of its opening, and why it is refused ([`NESTED`] or [`ON_A_MARKER`]).
    Misplaced { line: usize, reason: &'static str },
}

/// An opening fence: its character, its length, and the info string after it.
struct Opening<'a> {
    ch: u8,
    len: usize,
    info: &'a str,
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

/// Whether `rest` (the indent already taken off) closes a fence opened by `open`.
fn closes_at(rest: &str, open: &Opening<'_>) -> bool {
    match fence_run(rest) {
        Some((ch, len)) => ch == open.ch && len >= open.len && rest[len..].bytes().all(|b| b == b' ' || b == b'\t'),
        None => false,
    }
}

/// The column of a line's first non-blank character (tabs stop every 4 columns) and its byte
/// index; for a blank line, the line's length.
fn indentation(line: &str) -> (usize, usize) {
    let mut col = 0;
    for (i, c) in line.bytes().enumerate() {
        match c {
            b' ' | b'\t' => col = advance(col, c),
            _ => return (col, i),
        }
    }
    (col, line.len())
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

/// Whether the last line read belongs to a paragraph, which decides whether the next line may
/// be a lazy continuation line, and whether a list marker may start a list there.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Paragraph {
    /// Not in a paragraph (after a blank line, a heading, a fence, a list marker alone…).
    #[default]
    No,
    /// Surely in a paragraph: a line of plain text.
    Yes,
    /// Perhaps (a line that starts with punctuation the tracking does not read: a table row, a
    /// footnote, a setext underline…): lazy lines are not trusted, and markers are read as if in
    /// a paragraph.
    Maybe,
}

/// An open list item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Item {
    /// The column its text starts at: a line indented at least this much stays in the item.
    /// `usize::MAX` when unknown (a tab after the marker): nothing then counts as inside it.
    content: usize,
    /// Whether the item began with a blank marker line (`10.` alone) and has no text yet: a
    /// blank line then ends it.
    fresh: bool,
}

/// The list items a line is in, read the CommonMark way (as mdBook's pulldown-cmark does), for
/// lines outside fences and block quotes.
///
/// It errs on one side only: where it cannot be sure, it takes an item as ended (a dropped
/// lazy continuation line, a list inside an HTML block or a footnote…). A fence is then read
/// against an outer item's text, or the margin, and may be refused as an indented code block;
/// but a fence it accepts is a fence for CommonMark too, in that item or one nested deeper, so
/// the embed is never shown as code.
#[derive(Clone, Debug, Default)]
struct Lists {
    /// The open items, outermost first; their content columns only grow.
    items: Vec<Item>,
    paragraph: Paragraph,
    /// In what may be an HTML block (a line starting with `<`), until a blank line: no list
    /// starts there.
    html: bool,
}

/// Whether `s` (a line after its indent) is a thematic break: 3 or more `*`, `-` or `_`, and
/// nothing else but spaces and tabs.
fn thematic_break(s: &str) -> bool {
    let Some(&c @ (b'*' | b'-' | b'_')) = s.as_bytes().first() else { return false };
    s.bytes().all(|b| b == c || b == b' ' || b == b'\t') && s.bytes().filter(|&b| b == c).count() >= 3
}

/// Whether `s` is an ATX heading's start: 1 to 6 `#` and a space, a tab or the end.
fn atx_heading(s: &str) -> bool {
    let n = s.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&n) && matches!(s.as_bytes().get(n), None | Some(b' ' | b'\t'))
}

/// Whether `s` may start an HTML block (`<tag`, `</tag`, `<!--`, `<?`).
fn html_start(s: &str) -> bool {
    let b = s.as_bytes();
    b.first() == Some(&b'<') && b.get(1).is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'))
}

/// Whether `s` surely is paragraph text: it starts with a letter or a digit, or with punctuation
/// that starts no block (emphasis, inline code, an image, a quotation mark, a parenthesis).
fn plain_text(s: &str) -> bool {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('(' | '"' | '\'' | '!' | '`') => true,
        Some('*' | '_') => chars.next().is_some_and(|c| c.is_alphanumeric() || c == '*' || c == '_'),
        _ => false,
    }
}

impl Lists {
    /// The text column of the innermost open item (0: the margin).
    fn innermost(&self) -> usize {
        self.items.last().map_or(0, |i| i.content)
    }

    fn blank(&mut self) {
        // A list item can begin with at most one blank line.
        if self.items.last().is_some_and(|i| i.fresh) {
            self.items.pop();
        }
        self.paragraph = Paragraph::No;
        self.html = false;
    }

    /// A line hidden in a fence the rewrite does not follow (code): it ends the items it is
    /// less indented than.
    fn code(&mut self, line: &str) {
        let (col, first) = indentation(line);
        if first == line.len() {
            self.blank();
            return;
        }
        let matched = self.items.iter().take_while(|i| i.content <= col).count();
        self.items.truncate(matched);
        self.paragraph = Paragraph::No;
        self.html = false;
    }

    /// Reads a line outside any fence. When the line opens a fence at 0 to 3 columns past the
    /// text of its innermost list item, returns the column that text starts at (0: the margin),
    /// and whether the fence is the first line of an item whose marker line was blank.
    fn read(&mut self, line: &str) -> Option<(usize, bool)> {
        let (col, first) = indentation(line);
        if first == line.len() {
            self.blank();
            return None;
        }
        let matched = self.items.iter().take_while(|i| i.content <= col).count();
        let fresh = matched > 0 && self.items[matched - 1].fresh;
        self.block(&line[first..], col).map(|c| (c, fresh))
    }

    /// Reads `rest`, the text of a line from its first non-blank character, at column `col`.
    /// Returns what [`Lists::read`] does, without the freshness.
    fn block(&mut self, rest: &str, col: usize) -> Option<usize> {
        let matched = self.items.iter().take_while(|i| i.content <= col).count();
        let all = matched == self.items.len();
        let base = if matched == 0 { 0 } else { self.items[matched - 1].content };
        let rel = col - base;
        for item in &mut self.items[..matched] {
            item.fresh = false;
        }
        if self.html && all {
            // The HTML block goes on. (Fences are still read there, as at the top level.)
            return (rel < 4 && opening_at(rest).is_some()).then_some(base);
        }
        self.html = false;
        if rel >= 4 {
            if self.paragraph == Paragraph::Yes {
                // Paragraph continuation text, lazy if the line is less indented than the
                // innermost item's text: every item stays open.
                return None;
            }
            // An indented code block (or, after a Maybe, perhaps a paragraph's continuation: the
            // paragraph stays a Maybe).
            self.items.truncate(matched);
            return None;
        }
        // The line would continue a paragraph unless it starts a block that may interrupt one.
        let in_paragraph = all && self.paragraph != Paragraph::No;
        let fence = opening_at(rest).is_some();
        if fence || thematic_break(rest) || atx_heading(rest) || rest.starts_with('>') {
            self.items.truncate(matched);
            self.paragraph = Paragraph::No;
            return fence.then_some(base);
        }
        if html_start(rest) {
            self.items.truncate(matched);
            self.paragraph = Paragraph::No;
            self.html = true;
            return None;
        }
        if let Some(len) = list_marker(rest) {
            let after = &rest[len..];
            let empty = after.trim_matches([' ', '\t']).is_empty();
            let ordered = rest.as_bytes()[0].is_ascii_digit();
            // CommonMark: a list may interrupt a paragraph only if its first item is not empty,
            // and an ordered one only if it starts at 1. Otherwise the line continues the
            // paragraph.
            if in_paragraph && (empty || (ordered && rest[..len - 1].parse::<u32>() != Ok(1))) {
                // (`-` alone may also be a setext heading's underline, which ends the paragraph.)
                self.paragraph = Paragraph::Maybe;
                return None;
            }
            self.items.truncate(matched);
            self.paragraph = Paragraph::No;
            let marker_end = col + len;
            let spaces = after.bytes().take_while(|&b| b == b' ').count();
            if empty {
                self.items.push(Item { content: marker_end + 1, fresh: true });
            } else if after.as_bytes().get(spaces) == Some(&b'\t') {
                // Tabs after a marker are counted in ways not worth following: nothing counts
                // as inside this item.
                self.items.push(Item { content: usize::MAX, fresh: false });
            } else if spaces > 4 {
                // The item's text starts with an indented code block, one column after the marker.
                self.items.push(Item { content: marker_end + 1, fresh: false });
            } else {
                self.items.push(Item { content: marker_end + spaces, fresh: false });
                // The rest of the line is the item's first line (a nested marker, text…).
                let _ = self.block(&after[spaces..], marker_end + spaces);
            }
            // A fence on a marker's line is not followed (see ON_A_MARKER).
            return None;
        }
        if self.paragraph == Paragraph::Yes && !all && plain_text(rest) {
            // A lazy continuation line: the items stay open.
            return None;
        }
        self.items.truncate(matched);
        self.paragraph = match (in_paragraph, plain_text(rest)) {
            (_, false) => Paragraph::Maybe,
            (true, true) => self.paragraph,
            (false, true) => Paragraph::Yes,
        };
        None
    }
}

/// A fence in a container the scan does not follow (a block quote, a list marker's line, an
/// indented code block): its content is skipped until it closes, or until a line leaves its
/// container.
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

/// A fence the scan follows: at the top level, or in a list item.
struct Open<'a> {
    opening: Opening<'a>,
    /// The column the text of its list item starts at (0: the margin). A non-blank line
    /// indented less ends the item, and the fence with it.
    container: usize,
    /// The fence, when it is ours.
    ours: Option<Fence<'a>>,
}

/// Finds every `waker-playground` fence in `text`, in order.
///
/// Other fences are skipped whole, so nothing inside them is reported; so are fences in block
/// quotes, on list marker lines and in indented code blocks, but ours there are reported as
/// [`Found::Misplaced`].
#[cfg(test)]
pub fn scan(text: &str) -> Vec<Found<'_>> {
    scan_with(text, false)
}

/// Whether a ```rust block's info string (`rust`, `rust,ignore`, `rust editable`) asks for a run
/// button: a `rust` block, unless it is `ignore`, `compile_fail` or `no_run` (blocks not meant to
/// run), which the author may opt in with `waker-playground` (`rust,ignore,waker-playground`).
pub fn rust_block_runs(info: &str) -> bool {
    let words: Vec<&str> = info.split(|c: char| c == ',' || c.is_whitespace()).filter(|w| !w.is_empty()).collect();
    if words.first() != Some(&"rust") {
        return false;
    }
    words.contains(&LANG) || !words.iter().any(|w| matches!(*w, "ignore" | "compile_fail" | "no_run"))
}

/// [`scan`], and with `rust_blocks` the ```rust blocks too (as fences with [`Fence::rust`]).
pub fn scan_with(text: &str, rust_blocks: bool) -> Vec<Found<'_>> {
    let mut found = Vec::new();
    let mut lists = Lists::default();
    let mut open: Option<Open<'_>> = None;
    let mut nested: Option<Nested<'_>> = None;
    let mut offset = 0;
    for (i, raw) in text.split_inclusive('\n').enumerate() {
        let line = strip_eol(raw);
        let start = offset;
        let end = offset + raw.len();
        offset = end;
        let (col, first) = indentation(line);
        let blank = first == line.len();
        if let Some(mut o) = open.take() {
            if blank || col >= o.container {
                if !blank && col - o.container <= 3 && closes_at(&line[first..], &o.opening) {
                    if let Some(mut f) = o.ours {
                        f.span.end = end;
                        f.closed = true;
                        found.push(Found::Fence(f));
                    }
                } else {
                    if let Some(f) = o.ours.as_mut() {
                        f.body.push(line);
                        f.span.end = end;
                    }
                    open = Some(o);
                }
                continue;
            }
            // Less indented than its list item's text: the item ends, and the fence with it.
            if let Some(mut f) = o.ours {
                f.item_ended_at = Some(i + 1);
                found.push(Found::Fence(f));
            }
            // Read the line afresh.
        }
        let l = layout(line);
        if let Some(n) = nested.take() {
            if n.contains(line, &l) {
                lists.code(line);
                if !n.closed_by(&l) {
                    nested = Some(n);
                }
                continue;
            }
            // The line leaves the fence's container, which ends the fence: read it afresh.
        }
        if let Some((container, opens_item)) = lists.read(line) {
            if let Some(opening) = opening_at(&line[first..]).filter(|_| col - container <= 3) {
                let (word, options) = first_word(opening.info);
                let rust = word != LANG && rust_blocks && opening.info.trim_start().starts_with("rust");
                let ours = (word == LANG || rust).then(|| Fence {
                    line: i + 1,
                    span: start..end,
                    indent: &line[..first],
                    options: if rust { opening.info.trim() } else { options },
                    body: Vec::new(),
                    closed: false,
                    item_ended_at: None,
                    opens_item,
                    rust,
                });
                open = Some(Open { opening, container, ours });
                continue;
            }
        }
        if let Some(o) = opening_at(l.rest) {
            let (_, start_col, _) = l.depths[l.quotes];
            let indent = l.col - start_col;
            // Outside quotes, an indented code block starts 4 columns past the list item's text.
            let code_at = if l.quotes == 0 { lists.innermost().saturating_add(4) } else { 4 };
            let need = if l.marker {
                indent
            } else if indent >= code_at {
                code_at
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
    if let Some(Open { ours: Some(f), .. }) = open {
        found.push(Found::Fence(f));
    }
    found
}

/// A line of a Rust listing as rustdoc and mdBook read hidden lines: `# code` and a lone `#` are
/// hidden lines (run, not shown, their marker off), and `##x` is the shown line `#x` (the escape
/// for a line that starts with `#`). `(text, hidden)`.
pub fn unhide(line: &str) -> (std::borrow::Cow<'_, str>, bool) {
    let start = line.len() - line.trim_start().len();
    let (indent, rest) = line.split_at(start);
    if rest == "#" {
        return ("".into(), true);
    }
    if let Some(code) = rest.strip_prefix("# ") {
        return (format!("{indent}{code}").into(), true);
    }
    if let Some(escaped) = rest.strip_prefix("##") {
        return (format!("{indent}#{escaped}").into(), false);
    }
    (line.into(), false)
}

/// The body as a program, when it is one: its first line that is not blank or a `//` comment
/// starts an item (`async fn`, `fn`, `use`, `struct`, `#[…]`, …), or a line starts `fn main(`
/// or `async fn main(` (a listing put together by `{{#include …}}`). Its lines, each without
/// the fence's indent (as CommonMark takes it off a fenced code block's lines), hidden lines
/// (`# `, as mdBook's Rust blocks and `{{#rustdoc_include}}` write them) with their marker off;
/// and the numbers (from 1) of the hidden lines.
pub fn program_text(fence: &Fence<'_>) -> Option<(String, Vec<usize>)> {
    const ITEMS: [&str; 14] = [
        "async fn ",
        "fn ",
        "use ",
        "struct ",
        "enum ",
        "impl",
        "trait ",
        "const ",
        "static ",
        "pub ",
        "#[",
        "#![",
        "extern crate",
        "type ",
    ];
    let cut = fence.indent.len();
    let lines: Vec<(std::borrow::Cow<'_, str>, bool)> = fence
        .body
        .iter()
        .map(|line| {
            // At most the indent's width of leading whitespace comes off.
            let skip = line.bytes().take(cut).take_while(|b| *b == b' ' || *b == b'\t').count();
            unhide(line.get(skip..).unwrap_or(line))
        })
        .collect();
    let first = lines.iter().map(|(l, _)| l.trim()).find(|l| !l.is_empty() && !l.starts_with("//"))?;
    let has_main = lines.iter().any(|(l, _)| {
        let l = l.trim_start();
        let l = l.strip_prefix("pub ").unwrap_or(l);
        l.starts_with("fn main(") || l.starts_with("async fn main(")
    });
    if !(ITEMS.iter().any(|i| first.starts_with(i)) && (has_main || first.starts_with("fn ") || first.starts_with("async fn "))) {
        return None;
    }
    let mut text = String::new();
    let mut hidden = Vec::new();
    for (i, (line, hide)) in lines.iter().enumerate() {
        text.push_str(line);
        text.push('\n');
        if *hide {
            hidden.push(i + 1);
        }
    }
    Some((text, hidden))
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
    /// Whether the value was written in double quotes.
    pub quoted: bool,
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
            tokens.push(Token { key, value: None, quoted: false });
            continue;
        }
        let mut value = String::new();
        let quoted = chars.next_if_eq(&'"').is_some();
        if quoted {
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
        tokens.push(Token { key, value: Some(value), quoted });
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
    // Whether the previous option was a title or caption whose value was not double-quoted: an
    // unknown option right after it is most likely the rest of its words.
    let mut after_bare_text = false;
    for Token { key, value, quoted } in tokenize(text)? {
        if !KNOWN_OPTIONS.contains(&key.as_str()) {
            if after_bare_text {
                return Err(format!("unknown option {}: {QUOTE_HINT}", quote(&key)));
            }
            return Err(format!("unknown option {} (known: {})", quote(&key), KNOWN_OPTIONS.join(", ")));
        }
        let free = key == "title" || key == "caption";
        if free && !quoted && value.as_deref().is_some_and(|v| v.starts_with('\'')) {
            // Single quotes are not quotes here: title='A' would be the title 'A', quotes included.
            return Err(format!("{key}= is in single quotes: {QUOTE_HINT}"));
        }
        after_bare_text = free && !quoted && value.is_some();
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

    #[test]
    fn hidden_lines_lose_their_marker_and_a_double_hash_is_a_shown_hash() {
        assert_eq!(unhide("# use std::rc::Rc;"), ("use std::rc::Rc;".into(), true));
        assert_eq!(unhide("    # let x = 1;"), ("    let x = 1;".into(), true));
        assert_eq!(unhide("#"), ("".into(), true));
        assert_eq!(unhide("##[derive(Debug)]"), ("#[derive(Debug)]".into(), false));
        assert_eq!(unhide("#[derive(Debug)]"), ("#[derive(Debug)]".into(), false));
        assert_eq!(unhide("let s = \"# not\";"), ("let s = \"# not\";".into(), false));
    }

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
            // 4+ columns past a list item's text: an indented code block in the item.
            ("- a\n  - b\n\n        ```waker-playground preset=seed\n        ```\n", 4),
            ("10. a\n\n        ```waker-playground preset=seed\n        ```\n", 3),
            ("1.  a\n\n        ```waker-playground preset=seed\n", 3),
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

    /// (line, indent, body, closed) of the fences to rewrite.
    fn in_items(text: &str) -> Vec<(usize, &str, Vec<&str>, bool)> {
        fences(text).into_iter().map(|f| (f.line, f.indent, f.body, f.closed)).collect()
    }

    #[test]
    fn a_fence_indented_like_its_list_items_text_belongs_to_the_item() {
        // A real 10-item list: the tenth item's text starts at column 4.
        let mut ten: String = (1..=9).map(|n| format!("{n}. Step {n}.\n")).collect();
        ten.push_str("10. The tenth step:\n\n    ```waker-playground preset=seed\n    t=a:yield\n    ```\n\nAfter the list.\n");
        let f = fences(&ten);
        assert_eq!(f.len(), 1);
        assert_eq!((f[0].line, f[0].indent, f[0].body.clone(), f[0].closed), (12, "    ", vec!["    t=a:yield"], true));
        assert_eq!(&ten[f[0].span.clone()], "    ```waker-playground preset=seed\n    t=a:yield\n    ```\n");
        for text in [
            // Two spaces after "1." or three after "-": the text is at column 4 too.
            "1.  Two spaces:\n\n    ```waker-playground\n    ```\n",
            "-   Three spaces:\n\n    ```waker-playground\n    ```\n",
            "* a\n\n  text\n\n    ```waker-playground\n    ```\n",
            // A nested item: its own text's column.
            "- a\n  - b\n\n    ```waker-playground\n    ```\n",
            "+ a\n\n  b\n  - c\n\n    ```waker-playground\n    ```\n",
            // No blank line before the fence (it interrupts the paragraph), or a marker line alone
            // followed by the item's text.
            "10. a\n    ```waker-playground\n    ```\n",
            "10.\n    a\n\n    ```waker-playground\n    ```\n",
            // A lazy continuation line keeps the item open.
            "10. Some text\ncontinued lazily.\n\n    ```waker-playground\n    ```\n",
            // The item goes on after a blank line and other blocks in it.
            "10. a\n\n    > quoted\n\n    # Heading\n\n    ```waker-playground\n    ```\n",
        ] {
            assert_eq!(in_items(text).iter().map(|f| (f.1, f.3)).collect::<Vec<_>>(), [("    ", true)], "{text:?}");
        }
        // 0 to 3 columns past the item's text; the closing fence has its own 0 to 3.
        assert_eq!(in_items("10. a\n\n       ```waker-playground\n    ```\n")[0].1, "       ");
        assert!(in_items("10. a\n\n    ```waker-playground\n       ```\n")[0].3);
        assert_eq!(in_items("- a\n  - b\n\n      ```waker-playground\n    ```\n"), [(4, "      ", vec![], true)]);
        assert_eq!(in_items("10. a\n    - b\n\n      ```waker-playground\n      ```\n")[0].1, "      ");
        // A tab reaching the item's text: the embed gets the same tab.
        assert_eq!(in_items("10. a\n\n\t```waker-playground\n\t```\n")[0].1, "\t");
        // Right after a marker line that is blank: the item's first line.
        let f = fences("  2.\n       ```waker-playground\n       ```\n");
        assert_eq!((f[0].indent, f[0].closed, f[0].opens_item), ("       ", true, true));
        assert!(fences("10.\n    a\n\n    ```waker-playground\n    ```\n").iter().all(|f| !f.opens_item));
        assert!(fences("10. a\n    ```waker-playground\n    ```\n").iter().all(|f| !f.opens_item));
        // Blank lines in the body need no indent.
        assert_eq!(in_items("10. a\n\n    ```waker-playground\n\n    t=a:yield\n    ```\n")[0].2, ["", "    t=a:yield"]);
    }

    #[test]
    fn a_fence_after_its_list_item_ended_is_read_at_the_margin() {
        for (text, line) in [
            // A paragraph at the margin ends the list.
            ("10. a\n\nText.\n\n    ```waker-playground\n    ```\n", 5),
            // "10." cannot start a list in a paragraph: the line is the paragraph's text.
            ("Text\n10. not a list\n\n    ```waker-playground\n    ```\n", 4),
            // An item may start with one blank line, not two.
            ("10.\n\n    ```waker-playground\n    ```\n", 3),
            // A setext underline ends the paragraph, so the next line is not lazy.
            ("10. Title\n    -\nnot lazy\n\n    ```waker-playground\n", 5),
            // A list in an HTML block is not one.
            ("<div>\n10. a\n</div>\n\n    ```waker-playground\n", 5),
            // Less indented than the nested item's text, and not lazy (after a blank line).
            ("10. a\n    - b\n\n     text\n\n        ```waker-playground\n", 6),
            // A tab after the marker: not followed, so refused.
            ("10.\tText\n\n    ```waker-playground\n", 3),
            // Fences in a block quote in a list item.
            ("10. a\n\n    > ```waker-playground\n    > ```\n", 3),
        ] {
            assert_eq!(misplaced(text), [(line, NESTED)], "{text:?}");
        }
        // Indented less than the item's text, a fence is at the margin (it ends the list).
        assert_eq!(in_items("10. a\n\n  ```waker-playground\n  ```\n"), [(3, "  ", vec![], true)]);
    }

    #[test]
    fn a_fence_in_a_list_item_ends_with_the_item() {
        // The closing fence is less indented than the item's text: it ends the item, and so the
        // fence, unclosed (and then opens a fence of its own, at the margin).
        let text = "10. a\n\n    ```waker-playground preset=seed\n```\ncode\n```\n```waker-playground preset=join\n```\n";
        let found = scan(text);
        assert_eq!(found.len(), 2, "{found:?}");
        let Found::Fence(f) = &found[0] else { panic!("{found:?}") };
        assert_eq!((f.line, f.closed, f.item_ended_at), (3, false, Some(4)));
        assert_eq!(&text[f.span.clone()], "    ```waker-playground preset=seed\n");
        assert!(matches!(&found[1], Found::Fence(f) if f.line == 7 && f.closed && f.indent.is_empty()));
        // Another fence in an item hides our fence until the item ends.
        let text = "10. a\n\n    ```text\n    ```waker-playground\nb\n```waker-playground preset=seed\n```\n";
        assert_eq!(in_items(text), [(6, "", vec![], true)]);
        // A body line at the margin ends it too.
        let f = fences("- a\n\n  ```waker-playground\nt=a:yield\n  ```\n");
        assert_eq!((f[0].closed, f[0].item_ended_at, f[0].body.len()), (false, Some(4), 0));
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
            ("preset=nope", "unknown preset \"nope\" (known: seed, join, select, live-edit, lost-waker, yield, blocking, lazy, lost-in-join, stale-waker, blocking-async, select-loop, own-timer, own-stale-waker, own-lost-waker, countdown, own-join, own-timeout, book-executor, book-block-on, book-wake, book-lost-wakeup, book-full-channel, thousand)"),
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
            // Unquoted text with spaces, or single quotes.
            ("title=Two words", "unknown option \"words\": title and caption values with spaces need double quotes: title=\"Two words\""),
            ("preset=seed caption=The loser", "unknown option \"loser\": title and caption values with spaces"),
            (
                "title='Single quotes'",
                "title= is in single quotes: title and caption values with spaces need double quotes: title=\"Two words\"",
            ),
            ("caption='One'", "caption= is in single quotes: title and caption values with spaces need double quotes"),
        ];
        for (text, needle) in cases {
            let e = parse_options(text).expect_err(text);
            assert!(e.contains(needle), "{text:?}: {e}");
        }
    }

    #[test]
    fn the_quoting_hint_is_only_given_where_it_helps() {
        // An unknown option after a quoted title, or after another option, is just unknown.
        for text in ["title=\"Two\" words", "mode=manual words", "words", "title=Two code=true colour"] {
            let e = parse_options(text).unwrap_err();
            assert!(e.contains("(known: preset, autoplay"), "{text}: {e}");
            assert!(!e.contains("double quotes"), "{text}: {e}");
        }
        // An apostrophe inside a quoted title, or later in a bare one, is text.
        assert_eq!(parse_options("title=\"'Tis so\"").unwrap().title.as_deref(), Some("'Tis so"));
        assert_eq!(parse_options("title=Rust's").unwrap().title.as_deref(), Some("Rust's"));
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
