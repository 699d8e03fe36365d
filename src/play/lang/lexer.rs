//! Tokens of the playground's Rust subset, with their byte spans.

use std::fmt;

/// A byte range of the source.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// The span from `self`'s start to `other`'s end.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// 1-based line and column (in characters) of the span's start in `src`.
    ///
    /// ```
    /// use waker_playground::play::lang::Span;
    /// assert_eq!(Span { start: 4, end: 5 }.line_col("ab\ncd"), (2, 2));
    /// assert_eq!(Span { start: 99, end: 99 }.line_col("ab"), (1, 3));
    /// ```
    pub fn line_col(self, src: &str) -> (usize, usize) {
        let at = (self.start as usize).min(src.len());
        let before = src.get(..at).unwrap_or(src);
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        (line, col)
    }
}

/// Where each line of a source starts: a span's line in `O(log lines)`, where
/// [`Span::line_col`] reads the source up to the span (a panel that places 1,000 tasks in a
/// 60 KB program asks 1,000 times).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lines {
    starts: Vec<u32>,
}

impl Lines {
    /// The line starts of `src`.
    ///
    /// ```
    /// use waker_playground::play::lang::{Lines, Span};
    /// let src = "ab\ncd\n\nef";
    /// let lines = Lines::new(src);
    /// for at in 0..=src.len() as u32 + 2 {
    ///     let span = Span { start: at, end: at };
    ///     assert_eq!(lines.line_col(src, span), span.line_col(src), "{at}");
    /// }
    /// assert_eq!(lines.count(), 4);
    /// ```
    pub fn new(src: &str) -> Lines {
        let mut starts = vec![0];
        starts.extend(src.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i as u32 + 1));
        Lines { starts }
    }

    /// How many lines (a last line without a line break counts; an empty last one too).
    pub fn count(&self) -> usize {
        self.starts.len()
    }

    /// The 1-based line of `span`'s start.
    pub fn line(&self, span: Span) -> usize {
        self.starts.partition_point(|&s| s <= span.start).max(1)
    }

    /// 1-based line and column (in characters) of `span`'s start in `src`, which must be the
    /// text these lines came from; as [`Span::line_col`].
    pub fn line_col(&self, src: &str, span: Span) -> (usize, usize) {
        let at = (span.start as usize).min(src.len());
        let line = self.starts.partition_point(|&s| s as usize <= at).max(1);
        let start = self.starts.get(line - 1).map_or(0, |&s| s as usize);
        let col = src.get(start..at).map_or(0, |t| t.chars().count()) + 1;
        (line, col)
    }
}

/// A mistake in a program: where, and what. Parse errors and runtime errors alike.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangError {
    /// Where.
    pub span: Span,
    /// What, in a sentence.
    pub message: String,
}

impl LangError {
    /// An error at `span`.
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        LangError { span, message: message.into() }
    }

    /// "line:col: message", for the source it came from.
    pub fn render(&self, src: &str) -> String {
        let (line, col) = self.span.line_col(src);
        format!("{line}:{col}: {}", self.message)
    }
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.span.start, self.message)
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A name (keywords too: the parser tells them apart).
    Ident(String),
    /// An unsigned integer literal.
    Int(u64),
    /// A string literal, escapes resolved.
    Str(String),
    /// Punctuation, such as `::` or `=>`.
    P(&'static str),
    /// The end of the source.
    Eof,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Int(n) => write!(f, "`{n}`"),
            Tok::Str(_) => f.write_str("a string"),
            Tok::P(p) => write!(f, "`{p}`"),
            Tok::Eof => f.write_str("the end of the program"),
        }
    }
}

/// A token and where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The token.
    pub tok: Tok,
    /// Where.
    pub span: Span,
}

/// How `new` differs from `old` when only number literals changed: for every number, its old
/// span, its new span, its new value, and whether the value changed. `None` when anything else
/// changed (or either does not lex).
///
/// ```
/// use waker_playground::play::lang::literal_edit;
/// let moved = literal_edit("sleep(5000).await; sleep(7)", "sleep(500).await; sleep(7)").unwrap();
/// assert_eq!(moved.iter().map(|m| (m.2, m.3)).collect::<Vec<_>>(), [(500, true), (7, false)]);
/// assert_eq!((moved[1].0.start, moved[1].1.start), (25, 24));
/// assert!(literal_edit("sleep(5)", "sleep(5); x").is_none());
/// ```
pub fn literal_edit(old: &str, new: &str) -> Option<Vec<(Span, Span, u64, bool)>> {
    // No length limit: a program the form wrote may be longer than one a person may type.
    let (a, b) = (lex_within(old, usize::MAX).ok()?, lex_within(new, usize::MAX).ok()?);
    if a.len() != b.len() {
        return None;
    }
    let mut out = Vec::new();
    for (x, y) in a.iter().zip(&b) {
        match (&x.tok, &y.tok) {
            (Tok::Int(p), Tok::Int(q)) => out.push((x.span, y.span, *q, p != q)),
            (p, q) if p == q => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The largest program accepted, in bytes.
pub const MAX_SOURCE: usize = 64 * 1024;

/// Longest first: the lexer takes the first that matches.
const PUNCT: [&str; 33] = [
    "..=", "::", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "->", "..", "(", ")", "{", "}", "[", "]", ",",
    ";", ":", ".", "=", "<", ">", "+", "-", "*", "/",
];
const PUNCT1: [&str; 6] = ["%", "!", "&", "|", "?", "#"];

/// Splits `src` into tokens, ending with [`Tok::Eof`].
///
/// ```
/// use waker_playground::play::lang::{lex, Tok};
/// let toks: Vec<Tok> = lex("sleep(100).await; // nap").unwrap().into_iter().map(|t| t.tok).collect();
/// assert_eq!(toks[0], Tok::Ident("sleep".into()));
/// assert_eq!(toks[2], Tok::Int(100));
/// assert_eq!(toks.last(), Some(&Tok::Eof));
/// assert!(lex("let x = 1.5;").unwrap_err().message.contains("whole"));
/// ```
pub fn lex(src: &str) -> Result<Vec<Token>, LangError> {
    lex_within(src, MAX_SOURCE)
}

/// [`lex`], with another limit on the length (spans are `u32`, so 4 GiB at most).
pub(crate) fn lex_within(src: &str, limit: usize) -> Result<Vec<Token>, LangError> {
    let limit = limit.min(u32::MAX as usize);
    if src.len() > limit {
        return Err(LangError::new(
            Span { start: limit as u32, end: limit as u32 },
            format!("the program is {} bytes long; the limit is {limit}", src.len()),
        ));
    }
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    let span = |a: usize, b: usize| Span { start: a as u32, end: b as u32 };
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // Comments: `//` to the end of the line, `/* */` nested.
        if src[i..].starts_with("//") {
            i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
            continue;
        }
        if src[i..].starts_with("/*") {
            let start = i;
            let mut depth = 0usize;
            while i < bytes.len() {
                if src[i..].starts_with("/*") {
                    depth += 1;
                    i += 2;
                } else if src[i..].starts_with("*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += src[i..].chars().next().map_or(1, char::len_utf8);
                }
            }
            if depth > 0 {
                return Err(LangError::new(span(start, start + 2), "this comment is never closed: expected `*/`"));
            }
            continue;
        }
        if c.is_ascii_alphabetic() || c == b'_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push(Token { tok: Tok::Ident(src[start..i].to_string()), span: span(start, i) });
            continue;
        }
        if c.is_ascii_digit() {
            let start = i;
            let mut value: u64 = 0;
            let mut overflow = false;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
                if bytes[i] != b'_' {
                    match value.checked_mul(10).and_then(|v| v.checked_add(u64::from(bytes[i] - b'0'))) {
                        Some(v) => value = v,
                        None => overflow = true,
                    }
                }
                i += 1;
            }
            // `1.5` is a float; `0..3` is a range.
            if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                return Err(LangError::new(
                    span(start, i + 2),
                    "floating-point numbers are not supported: use whole numbers (milliseconds are whole here)",
                ));
            }
            // An integer suffix, as in `100u64`.
            let suffix_start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let suffix = &src[suffix_start..i];
            if !suffix.is_empty() && !matches!(suffix, "u8" | "u16" | "u32" | "u64" | "usize") {
                return Err(LangError::new(span(suffix_start, i), format!("unknown number suffix `{suffix}`: numbers here are u64")));
            }
            if overflow {
                return Err(LangError::new(span(start, i), "this number does not fit in a u64 (the largest is 18446744073709551615)"));
            }
            out.push(Token { tok: Tok::Int(value), span: span(start, i) });
            continue;
        }
        if c == b'"' {
            let start = i;
            i += 1;
            let mut s = String::new();
            loop {
                let Some(ch) = src[i..].chars().next() else {
                    return Err(LangError::new(span(start, start + 1), "this string is never closed: expected `\"`"));
                };
                i += ch.len_utf8();
                match ch {
                    '"' => break,
                    '\\' => {
                        let Some(e) = src[i..].chars().next() else { continue };
                        i += e.len_utf8();
                        s.push(match e {
                            'n' => '\n',
                            't' => '\t',
                            '\\' => '\\',
                            '"' => '"',
                            '0' => '\0',
                            other => {
                                return Err(LangError::new(span(i - 1 - other.len_utf8(), i), format!("unknown escape `\\{other}`")));
                            }
                        });
                    }
                    ch => s.push(ch),
                }
            }
            out.push(Token { tok: Tok::Str(s), span: span(start, i) });
            continue;
        }
        if c == b'\'' {
            return Err(LangError::new(span(i, i + 1), "characters and lifetimes are not supported in the playground yet"));
        }
        let rest = &src[i..];
        if let Some(p) = PUNCT.iter().chain(PUNCT1.iter()).find(|p| rest.starts_with(**p)) {
            out.push(Token { tok: Tok::P(p), span: span(i, i + p.len()) });
            i += p.len();
            continue;
        }
        let ch = rest.chars().next().unwrap_or('?');
        return Err(LangError::new(span(i, i + ch.len_utf8()), format!("unexpected character `{ch}`")));
    }
    out.push(Token { tok: Tok::Eof, span: span(bytes.len(), bytes.len()) });
    Ok(out)
}
