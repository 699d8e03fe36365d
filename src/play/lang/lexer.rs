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

/// A mistake in a program: where, and what. Parse errors and runtime errors alike. Its fields
/// are [`ErrorAt`]'s, read and written through it (`e.span`, `e.message`).
///
/// One pointer wide: every step of the evaluator returns a `Result` with this as its error, and
/// a result that carries a value or a pointer is moved and checked in less than one that carries
/// the whole error inline (a `Result<Value, _>` is a `Value`'s size).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LangError(Box<ErrorAt>);

/// What a [`LangError`] holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorAt {
    /// Where.
    pub span: Span,
    /// What, in a sentence.
    pub message: String,
    /// A learner's panic (`unwrap()` on `None`, `panic!`, an overflow), not a limit of the
    /// playground or a mistake it caught.
    pub panic: bool,
    /// A panic's payload is a `&'static str` (`Some(true)`) or a `String` (`Some(false)`), as
    /// the macro that made it tells; `None`: told by its message ([`ErrorAt::payload_is_str`]).
    pub static_str: Option<bool>,
}

impl ErrorAt {
    /// Whether a panic's payload is a `&'static str`, as `downcast_ref::<&str>()` finds it: a
    /// `panic!` of a literal, and std's messages made without formatting (`unwrap()` on
    /// `None`, an overflow, a failed `assert!`); else a `String` (`expect`, an index out of
    /// bounds, `Result::unwrap`).
    pub fn payload_is_str(&self) -> bool {
        self.static_str.unwrap_or_else(|| {
            let m = &self.message;
            m == "called `Option::unwrap()` on a `None` value"
                || m == "explicit panic"
                || m.starts_with("attempt to ")
                || m.starts_with("assertion failed: ")
        })
    }
}

impl std::ops::Deref for LangError {
    type Target = ErrorAt;
    fn deref(&self) -> &ErrorAt {
        &self.0
    }
}

impl std::ops::DerefMut for LangError {
    fn deref_mut(&mut self) -> &mut ErrorAt {
        &mut self.0
    }
}

impl LangError {
    /// An error at `span`.
    #[cold]
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        LangError(Box::new(ErrorAt { span, message: message.into(), panic: false, static_str: None }))
    }

    /// A panic at `span`, as Rust would report it.
    #[cold]
    pub fn panic(span: Span, message: impl Into<String>) -> Self {
        LangError(Box::new(ErrorAt { span, message: message.into(), panic: true, static_str: None }))
    }

    /// Its message, taken out of it.
    pub fn into_message(self) -> String {
        self.0.message
    }

    /// "line:col: message", for the source it came from.
    pub fn render(&self, src: &str) -> String {
        let (line, col) = self.span.line_col(src);
        format!("{line}:{col}: {}", self.message_in(src))
    }

    /// The message, with each `{byte N}` it holds (a place the parser knew only by its offset)
    /// written as `line L:C` of `src`.
    pub fn message_in(&self, src: &str) -> String {
        let mut out = String::with_capacity(self.message.len());
        let mut rest = self.message.as_str();
        while let Some(at) = rest.find("{byte ") {
            out.push_str(&rest[..at]);
            let tail = &rest[at + 6..];
            let Some(end) = tail.find('}') else {
                out.push_str(&rest[at..]);
                rest = "";
                break;
            };
            match tail[..end].parse::<u32>() {
                Ok(b) => {
                    let (l, c) = Span { start: b, end: b }.line_col(src);
                    out.push_str(&format!("line {l}:{c}"));
                }
                Err(_) => out.push_str(&rest[at..at + 6 + end + 1]),
            }
            rest = &tail[end + 1..];
        }
        out.push_str(rest);
        out
    }
}

impl fmt::Display for LangError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at byte {}: {}", self.span.start, self.message)
    }
}

/// An integer type, as a literal's suffix or a value's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IntTy {
    /// `i8`
    I8,
    /// `i16`
    I16,
    /// `i32`
    I32,
    /// `i64`
    I64,
    /// `isize` (64 bits, as on the Rust Playground's target)
    Isize,
    /// `u8`
    U8,
    /// `u16`
    U16,
    /// `u32`
    U32,
    /// `u64`
    U64,
    /// `usize` (64 bits)
    Usize,
}

/// A floating-point type.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FloatTy {
    /// `f32`
    F32,
    /// `f64`
    F64,
}

impl FloatTy {
    /// How Rust spells it.
    pub fn name(self) -> &'static str {
        match self {
            FloatTy::F32 => "f32",
            FloatTy::F64 => "f64",
        }
    }

    /// The type a name spells.
    pub fn from_name(name: &str) -> Option<FloatTy> {
        match name {
            "f32" => Some(FloatTy::F32),
            "f64" => Some(FloatTy::F64),
            _ => None,
        }
    }
}

impl IntTy {
    /// Every integer type, in the order of their names in [`IntTy::name`].
    pub const ALL: [IntTy; 10] =
        [IntTy::I8, IntTy::I16, IntTy::I32, IntTy::I64, IntTy::Isize, IntTy::U8, IntTy::U16, IntTy::U32, IntTy::U64, IntTy::Usize];

    /// Its name in Rust.
    pub fn name(self) -> &'static str {
        match self {
            IntTy::I8 => "i8",
            IntTy::I16 => "i16",
            IntTy::I32 => "i32",
            IntTy::I64 => "i64",
            IntTy::Isize => "isize",
            IntTy::U8 => "u8",
            IntTy::U16 => "u16",
            IntTy::U32 => "u32",
            IntTy::U64 => "u64",
            IntTy::Usize => "usize",
        }
    }

    /// The type named `name`.
    pub fn from_name(name: &str) -> Option<IntTy> {
        IntTy::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Whether it is signed.
    #[inline]
    pub fn signed(self) -> bool {
        // The signed types come first (a test holds the order).
        (self as u8) < (IntTy::U8 as u8)
    }

    /// Its smallest and largest values.
    pub fn range(self) -> (i128, i128) {
        match self {
            IntTy::I8 => (i8::MIN.into(), i8::MAX.into()),
            IntTy::I16 => (i16::MIN.into(), i16::MAX.into()),
            IntTy::I32 => (i32::MIN.into(), i32::MAX.into()),
            IntTy::I64 | IntTy::Isize => (i64::MIN.into(), i64::MAX.into()),
            IntTy::U8 => (0, u8::MAX.into()),
            IntTy::U16 => (0, u16::MAX.into()),
            IntTy::U32 => (0, u32::MAX.into()),
            IntTy::U64 | IntTy::Usize => (0, u64::MAX.into()),
        }
    }

    /// Its width in bits.
    #[inline]
    pub fn bits(self) -> u32 {
        const BITS: [u32; 10] = [8, 16, 32, 64, 64, 8, 16, 32, 64, 64];
        BITS[self as usize]
    }
}

/// One token.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A name (keywords too: the parser tells them apart).
    Ident(String),
    /// An integer literal, with its suffix if it has one (`100u64`).
    Int(u64, Option<IntTy>),
    /// A floating-point literal (`2.5`, `1e-3`, `1.5f32`), with its suffix if it has one.
    Float(f64, Option<FloatTy>),
    /// A string literal, escapes resolved.
    Str(String),
    /// A byte string literal, `b"GET"` or `br"…"`: its bytes.
    ByteStr(Vec<u8>),
    /// A character literal.
    Char(char),
    /// A lifetime: `'a`, `'_`, `'static` (the name without the quote).
    Lifetime(String),
    /// Punctuation, such as `::` or `=>`.
    P(&'static str),
    /// The end of the source.
    Eof,
}

impl fmt::Display for Tok {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tok::Ident(s) => write!(f, "`{s}`"),
            Tok::Int(n, None) => write!(f, "`{n}`"),
            Tok::Int(n, Some(t)) => write!(f, "`{n}{}`", t.name()),
            Tok::Float(x, None) => write!(f, "`{x:?}`"),
            Tok::Float(x, Some(t)) => write!(f, "`{x:?}{}`", t.name()),
            Tok::Str(_) => f.write_str("a string"),
            Tok::ByteStr(_) => f.write_str("a byte string"),
            Tok::Char(c) => write!(f, "`{c:?}`"),
            Tok::Lifetime(l) => write!(f, "`'{l}`"),
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
            (Tok::Int(p, s), Tok::Int(q, t)) if s == t => out.push((x.span, y.span, *q, p != q)),
            (p, q) if p == q => {}
            _ => return None,
        }
    }
    Some(out)
}

/// The largest program accepted, in bytes.
pub const MAX_SOURCE: usize = 64 * 1024;

/// Longest first: the lexer takes the first that matches. `>` is always alone (`>>` and `>>=`
/// are put together by the parser), so that `Vec<Vec<u8>>` closes two generic lists.
const PUNCT: [&str; 51] = [
    "<<=", "...", "..=", "::", "=>", "==", "!=", "<=", ">=", "&&", "||", "+=", "-=", "*=", "/=", "%=", "^=", "&=", "|=", "<<", "->", "..",
    "(", ")", "{", "}", "[", "]", ",", ";", ":", ".", "=", "<", ">", "+", "-", "*", "/", "%", "!", "&", "|", "?", "#", "^", "@", "~", "$",
    "'", "\\",
];

/// The rest of a float literal whose digits before the point end at `i` (`2.5`, `1e-3`,
/// `1.5f32`): its token, and where it ends. Apart from the lexer's loop, which every program
/// runs, so that the page's first module does not carry std's float parsing.
#[inline(never)]
fn float_literal(src: &str, start: usize, mut i: usize, span: &dyn Fn(usize, usize) -> Span) -> Result<(Tok, usize), LangError> {
    let bytes = src.as_bytes();
    // The fraction and the exponent, then a suffix (`2.5f32`).
    if bytes.get(i) == Some(&b'.') {
        i += 1;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
    }
    if matches!(bytes.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(bytes.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let digits = i;
        while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'_') {
            i += 1;
        }
        if !src[digits..i].bytes().any(|b| b.is_ascii_digit()) {
            return Err(LangError::new(span(start, i), "expected at least one digit in exponent"));
        }
    }
    let text: String = src[start..i].chars().filter(|&c| c != '_').collect();
    let suffix_start = i;
    while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
        i += 1;
    }
    let ty = match &src[suffix_start..i] {
        "" => None,
        "f32" => Some(FloatTy::F32),
        "f64" => Some(FloatTy::F64),
        other => return Err(LangError::new(span(suffix_start, i), format!("invalid suffix `{other}` for float literal"))),
    };
    let Some(v) = super::decimal::parse(&text) else {
        return Err(LangError::new(span(start, i), "this is not a number Rust can read"));
    };
    Ok((Tok::Float(v, ty), i))
}

/// Splits `src` into tokens, ending with [`Tok::Eof`].
///
/// ```
/// use waker_playground::play::lang::{lex, Tok};
/// let toks: Vec<Tok> = lex("sleep(100).await; // nap").unwrap().into_iter().map(|t| t.tok).collect();
/// assert_eq!(toks[0], Tok::Ident("sleep".into()));
/// assert_eq!(toks[2], Tok::Int(100, None));
/// assert_eq!(toks.last(), Some(&Tok::Eof));
/// assert_eq!(lex("2.5e1f32").unwrap()[0].tok, Tok::Float(25.0, Some(waker_playground::play::lang::FloatTy::F32)));
/// let toks: Vec<Tok> = lex("'a' 'b '_").unwrap().into_iter().map(|t| t.tok).collect();
/// assert_eq!(toks[..3], [Tok::Char('a'), Tok::Lifetime("b".into()), Tok::Lifetime("_".into())]);
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
    let mut out: Vec<Token> = Vec::new();
    lex_from(src, 0, &mut out, None)?;
    Ok(out)
}

/// Lexes `src` from byte `from` (a char boundary), appending to `out` (ending with
/// [`Tok::Eof`]), and the comments' spans to `comments`. On an error, `out` holds the tokens
/// before it: the highlighter goes on after the error.
pub(crate) fn lex_from(src: &str, from: usize, out: &mut Vec<Token>, mut comments: Option<&mut Vec<Span>>) -> Result<(), LangError> {
    let bytes = src.as_bytes();
    let mut i = from;
    let span = |a: usize, b: usize| Span { start: a as u32, end: b as u32 };
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // What the step form's programs are made of, here: a name, a plain decimal number, a
        // punctuation mark. Every other token (and these too) is `lex_one`'s, out of line: an
        // embed of a step-form scenario never enters it, and it ships in the language's module
        // (tools/lazy-split). Each case below gives exactly the token `lex_one` gives.
        let next = bytes.get(i + 1).copied();
        let literal_prefix = match c {
            b'r' => matches!(next, Some(b'"' | b'#')),
            b'b' => matches!(next, Some(b'"' | b'\'')) || next == Some(b'r') && matches!(bytes.get(i + 2), Some(b'"' | b'#')),
            _ => false,
        };
        if (c.is_ascii_alphabetic() || c == b'_') && !literal_prefix {
            let start = i;
            i = ident_end(src, i);
            out.push(Token { tok: Tok::Ident(src[start..i].to_string()), span: span(start, i) });
            continue;
        }
        if let Some((value, end)) = plain_decimal(bytes, i) {
            out.push(Token { tok: Tok::Int(value, None), span: span(i, end) });
            i = end;
            continue;
        }
        if !matches!((c, next), (b'/', Some(b'/' | b'*')) | (b'\'' | b'\\' | b'$' | b'~', _)) {
            if let Some(p) = punct_at(&src[i..]) {
                out.push(Token { tok: Tok::P(p), span: span(i, i + p.len()) });
                i += p.len();
                continue;
            }
        }
        i = lex_one(src, i, out, comments.as_deref_mut())?;
    }
    out.push(Token { tok: Tok::Eof, span: span(bytes.len(), bytes.len()) });
    Ok(())
}

/// Where the name that starts at byte `i` ends.
fn ident_end(src: &str, mut i: usize) -> usize {
    while i < src.len() {
        let Some(ch) = src[i..].chars().next() else { break };
        if ch.is_alphanumeric() || ch == '_' {
            i += ch.len_utf8();
        } else {
            break;
        }
    }
    i
}

/// The punctuation mark `rest` starts with, the longest first ([`PUNCT`]'s order). The first
/// byte first: most entries are ruled out without comparing strings.
fn punct_at(rest: &str) -> Option<&'static str> {
    let c = *rest.as_bytes().first()?;
    PUNCT.iter().find(|p| p.as_bytes().first() == Some(&c) && rest.starts_with(**p)).copied()
}

/// A decimal number at `i` that is nothing else (no `0x`, `_`, point, exponent or suffix after
/// its digits, and within 19 digits, so it fits): its value and where it ends.
fn plain_decimal(bytes: &[u8], i: usize) -> Option<(u64, usize)> {
    let digits = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
    if digits == 0 || digits > 19 {
        return None;
    }
    let end = i + digits;
    if bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.')) {
        return None;
    }
    Some((bytes[i..end].iter().fold(0, |v, b| v * 10 + u64::from(b - b'0')), end))
}

/// The token (or the comment) that starts at byte `i`, pushed to `out` (the comment's span to
/// `comments`), and where it ends; `i` is not at a space.
#[inline(never)]
fn lex_one(src: &str, mut i: usize, out: &mut Vec<Token>, comments: Option<&mut Vec<Span>>) -> Result<usize, LangError> {
    let bytes = src.as_bytes();
    let span = |a: usize, b: usize| Span { start: a as u32, end: b as u32 };
    let c = bytes[i];
    // Comments (doc comments too): `//` to the end of the line, `/* */` nested.
    if src[i..].starts_with("//") {
        let start = i;
        i = src[i..].find('\n').map_or(bytes.len(), |n| i + n);
        if let Some(c) = comments {
            c.push(span(start, i));
        }
        return Ok(i);
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
        if let Some(c) = comments {
            c.push(span(start, i));
        }
        return Ok(i);
    }
    // Raw strings: r"…", r#"…"#.
    if c == b'r' && matches!(bytes.get(i + 1), Some(b'"' | b'#')) {
        let start = i;
        let mut j = i + 1;
        let mut hashes = 0;
        while bytes.get(j) == Some(&b'#') {
            hashes += 1;
            j += 1;
        }
        if bytes.get(j) == Some(&b'"') {
            let close = format!("\"{}", "#".repeat(hashes));
            let body = j + 1;
            let Some(end) = src[body..].find(&close) else {
                return Err(LangError::new(span(start, body), "this raw string is never closed"));
            };
            out.push(Token { tok: Tok::Str(src[body..body + end].to_string()), span: span(start, body + end + close.len()) });
            i = body + end + close.len();
            return Ok(i);
        }
    }
    // A byte string, `b"…"` or raw, `br"…"`, `br#"…"#`: a `&[u8; N]`.
    if c == b'b' && (bytes.get(i + 1) == Some(&b'"') || bytes.get(i + 1) == Some(&b'r') && matches!(bytes.get(i + 2), Some(b'"' | b'#'))) {
        let start = i;
        let (value, end) = byte_string(src, i + 1).map_err(|(at, msg)| LangError::new(span(start, at.max(start + 2)), msg))?;
        out.push(Token { tok: Tok::ByteStr(value), span: span(start, end) });
        i = end;
        return Ok(i);
    }
    // A byte literal, `b'a'` or `b'\xff'`: a `u8`.
    if c == b'b' && bytes.get(i + 1) == Some(&b'\'') {
        let start = i;
        let (value, end) = byte_literal(src, i + 2).map_err(|(at, msg)| LangError::new(span(start, at.max(start + 2)), msg))?;
        out.push(Token { tok: Tok::Int(u64::from(value), Some(IntTy::U8)), span: span(start, end) });
        i = end;
        return Ok(i);
    }
    if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 {
        let start = i;
        i = ident_end(src, i);
        if i == start {
            let ch = src[i..].chars().next().unwrap_or('?');
            return Err(LangError::new(span(i, i + ch.len_utf8()), format!("unexpected character `{ch}`")));
        }
        out.push(Token { tok: Tok::Ident(src[start..i].to_string()), span: span(start, i) });
        return Ok(i);
    }
    if c.is_ascii_digit() {
        let start = i;
        let after_dot = matches!(out.last(), Some(Token { tok: Tok::P("."), .. }));
        let (radix, digits_at) = match (c, bytes.get(i + 1)) {
            (b'0', Some(b'x')) => (16, i + 2),
            (b'0', Some(b'o')) => (8, i + 2),
            (b'0', Some(b'b')) => (2, i + 2),
            _ => (10, i),
        };
        i = digits_at;
        let mut value: u64 = 0;
        let mut overflow = false;
        let mut any = false;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'_' {
                i += 1;
                continue;
            }
            let Some(d) = (b as char).to_digit(radix) else { break };
            // `1e3` is a float; in hex, `e` is a digit.
            any = true;
            match value.checked_mul(u64::from(radix)).and_then(|v| v.checked_add(u64::from(d))) {
                Some(v) => value = v,
                None => overflow = true,
            }
            i += 1;
        }
        if !any {
            return Err(LangError::new(span(start, i), "this number has no digits"));
        }
        // `1.5` and `1e3` are floats; `0..3` is a range, `t.0.1` two tuple fields, `1.max(2)` a call.
        let float = radix == 10
            && !after_dot
            && ((i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit())
                || (i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E'))
                || (i + 1 < bytes.len()
                    && bytes[i] == b'.'
                    && !matches!(bytes[i + 1], b'.' | b'_')
                    && !bytes[i + 1].is_ascii_alphabetic()
                    && bytes[i + 1] < 0x80));
        if float {
            let (tok, end) = float_literal(src, start, i, &span)?;
            i = end;
            out.push(Token { tok, span: span(start, i) });
            return Ok(i);
        }
        // An integer suffix, as in `100u64`.
        let suffix_start = i;
        while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
            i += 1;
        }
        let suffix = &src[suffix_start..i];
        let ty = if suffix.is_empty() {
            None
        } else if let Some(t) = IntTy::from_name(suffix) {
            Some(t)
        } else if matches!(suffix, "f32" | "f64") && radix == 10 {
            // `1f64`: a float written without a point.
            let ty = if suffix == "f32" { FloatTy::F32 } else { FloatTy::F64 };
            out.push(Token { tok: Tok::Float(value as f64, Some(ty)), span: span(start, i) });
            return Ok(i);
        } else if matches!(suffix, "i128" | "u128") {
            return Err(LangError::new(span(suffix_start, i), "128-bit integers are not supported in the playground yet"));
        } else {
            return Err(LangError::new(span(suffix_start, i), format!("invalid suffix `{suffix}` for number literal")));
        };
        if overflow {
            return Err(LangError::new(span(start, i), "this number does not fit in a u64 (the largest is 18446744073709551615)"));
        }
        out.push(Token { tok: Tok::Int(value, ty), span: span(start, i) });
        return Ok(i);
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
                    // A `\` before a line break skips the break and the next line's indent.
                    if src[i..].starts_with('\n') || src[i..].starts_with("\r\n") {
                        i += src[i..].len() - src[i..].trim_start().len();
                        continue;
                    }
                    s.push(escape(src, &mut i, start)?);
                }
                ch => s.push(ch),
            }
        }
        out.push(Token { tok: Tok::Str(s), span: span(start, i) });
        return Ok(i);
    }
    if c == b'\'' {
        let start = i;
        let rest = &src[i + 1..];
        let mut chars = rest.chars();
        match (chars.next(), chars.next()) {
            (Some('\\'), _) => {
                i += 2;
                let ch = escape(src, &mut i, start)?;
                if bytes.get(i) != Some(&b'\'') {
                    return Err(LangError::new(span(start, i), "this character literal is never closed: expected `'`"));
                }
                i += 1;
                out.push(Token { tok: Tok::Char(ch), span: span(start, i) });
                return Ok(i);
            }
            (Some(ch), Some('\'')) => {
                i += 1 + ch.len_utf8() + 1;
                out.push(Token { tok: Tok::Char(ch), span: span(start, i) });
                return Ok(i);
            }
            (Some(ch), _) if ch.is_alphabetic() || ch == '_' => {
                let name_start = i + 1;
                i = ident_end(src, name_start);
                out.push(Token { tok: Tok::Lifetime(src[name_start..i].to_string()), span: span(start, i) });
                return Ok(i);
            }
            _ => return Err(LangError::new(span(start, start + 1), "this character literal is never closed: expected `'`")),
        }
    }
    let rest = &src[i..];
    if let Some(p) = punct_at(rest) {
        if matches!(p, "'" | "\\" | "$" | "~") {
            return Err(LangError::new(span(i, i + 1), format!("unexpected character `{p}`")));
        }
        out.push(Token { tok: Tok::P(p), span: span(i, i + p.len()) });
        i += p.len();
        return Ok(i);
    }
    let ch = rest.chars().next().unwrap_or('?');
    Err(LangError::new(span(i, i + ch.len_utf8()), format!("unexpected character `{ch}`")))
}

/// The escape after a `\` at `*i` (which moves past it), in a literal that starts at `start`.
/// The byte of a byte literal whose text starts at `i` (after `b'`), and where it ends (after
/// its closing `'`); or where it goes wrong, and why. Like Rust's: one ASCII character, or an
/// escape, where `\x` may go up to `\xff`.
fn byte_literal(src: &str, i: usize) -> Result<(u8, usize), (usize, &'static str)> {
    let rest = &src[i..];
    let (value, len) = match rest.as_bytes() {
        [b'\\', b'x', h, l, ..] => {
            let hex = |d: u8| (d as char).to_digit(16);
            match (hex(*h), hex(*l)) {
                (Some(h), Some(l)) => ((h * 16 + l) as u8, 4),
                _ => return Err((i + 4, "invalid character in numeric character escape: a byte escape is `\\x` and two hex digits")),
            }
        }
        [b'\\', e, ..] => match e {
            b'n' => (b'\n', 2),
            b'r' => (b'\r', 2),
            b't' => (b'\t', 2),
            b'0' => (0, 2),
            b'\\' => (b'\\', 2),
            b'\'' => (b'\'', 2),
            b'"' => (b'"', 2),
            _ => return Err((i + 2, "unknown byte escape")),
        },
        [b'\'', ..] => return Err((i + 1, "empty byte literal")),
        [c, ..] if c.is_ascii() => (*c, 1),
        [_, ..] => return Err((i + rest.chars().next().map_or(1, char::len_utf8), "non-ASCII character in byte literal")),
        [] => return Err((i, "this byte literal is never closed: expected `'`")),
    };
    if src.as_bytes().get(i + len) != Some(&b'\'') {
        return Err((i + len, "this byte literal is never closed: expected `'`"));
    }
    Ok((value, i + len + 1))
}

/// A byte string's bytes, from its `"` (or its `r`) at `i`, and where it ends; escapes as a byte
/// literal's, and a `\` before a line break skips it and the next line's indent.
#[inline(never)]
fn byte_string(src: &str, i: usize) -> Result<(Vec<u8>, usize), (usize, &'static str)> {
    let bytes = src.as_bytes();
    if bytes[i] == b'r' {
        let mut j = i + 1;
        while bytes.get(j) == Some(&b'#') {
            j += 1;
        }
        if bytes.get(j) != Some(&b'"') {
            return Err((j, "expected `\"` to start the raw byte string"));
        }
        let close = format!("\"{}", "#".repeat(j - i - 1));
        let Some(end) = src[j + 1..].find(&close) else { return Err((j + 1, "this raw byte string is never closed")) };
        let body = &src[j + 1..j + 1 + end];
        if let Some(k) = body.find(|c: char| !c.is_ascii()) {
            return Err((j + 1 + k, "non-ASCII character in raw byte string literal"));
        }
        return Ok((body.as_bytes().to_vec(), j + 1 + end + close.len()));
    }
    let mut out = Vec::new();
    let mut k = i + 1;
    loop {
        match bytes.get(k) {
            None => return Err((i + 1, "this byte string is never closed: expected `\"`")),
            Some(b'"') => return Ok((out, k + 1)),
            Some(b'\\') if matches!(bytes.get(k + 1), Some(b'\n' | b'\r')) => {
                k += 1;
                k += src[k..].len() - src[k..].trim_start().len();
            }
            Some(b'\\') => {
                // A byte literal's escape, read as one: `\x7f'` is what `byte_literal` reads.
                let len = if bytes.get(k + 1) == Some(&b'x') { 4 } else { 2 };
                let piece = format!("{}'", src.get(k..k + len).unwrap_or("\\"));
                let (b, _) = byte_literal(&piece, 0).map_err(|(at, m)| (k + at, m))?;
                out.push(b);
                k += len;
            }
            Some(&b) if b.is_ascii() => {
                out.push(b);
                k += 1;
            }
            Some(_) => return Err((k + src[k..].chars().next().map_or(1, char::len_utf8), "non-ASCII character in byte string literal")),
        }
    }
}

fn escape(src: &str, i: &mut usize, start: usize) -> Result<char, LangError> {
    let at = *i;
    let bad = |msg: String| LangError::new(Span { start: at.saturating_sub(1) as u32, end: (at + 1) as u32 }, msg);
    let Some(e) = src[at..].chars().next() else {
        return Err(LangError::new(Span { start: start as u32, end: start as u32 + 1 }, "this literal is never closed"));
    };
    *i += e.len_utf8();
    Ok(match e {
        'n' => '\n',
        't' => '\t',
        'r' => '\r',
        '\\' => '\\',
        '"' => '"',
        '\'' => '\'',
        '0' => '\0',
        'x' => {
            let hex = src.get(*i..*i + 2).ok_or_else(|| bad("`\\x` needs two hex digits".into()))?;
            let v = u8::from_str_radix(hex, 16).map_err(|_| bad("`\\x` needs two hex digits".into()))?;
            if v > 0x7f {
                return Err(bad("`\\x` escapes go up to `\\x7f` in a character or string".into()));
            }
            *i += 2;
            char::from(v)
        }
        'u' => {
            let rest = &src[*i..];
            let close =
                rest.find('}').filter(|_| rest.starts_with('{')).ok_or_else(|| bad("write a unicode escape as `\\u{1F600}`".into()))?;
            let hex: String = rest[1..close].chars().filter(|c| *c != '_').collect();
            let ch = u32::from_str_radix(&hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| bad(format!("`\\u{{{hex}}}` is not a character")))?;
            *i += close + 1;
            ch
        }
        other => return Err(bad(format!("unknown character escape `\\{other}`"))),
    })
}

/// The char boundary at or before byte `i` of `s` (at most its length).
pub fn floor_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::{lex_from, lex_one, IntTy, Span, Token};

    /// Lexed by `lex_one` alone, spaces skipped as `lex_from` skips them: what `lex_from` gives
    /// without its fast paths.
    fn slow(src: &str) -> (Vec<Token>, Vec<Span>, Option<String>) {
        let (mut out, mut comments, mut i) = (Vec::new(), Vec::new(), 0);
        while i < src.len() {
            if src.as_bytes()[i].is_ascii_whitespace() {
                i += 1;
                continue;
            }
            match lex_one(src, i, &mut out, Some(&mut comments)) {
                Ok(next) => i = next,
                Err(e) => return (out, comments, Some(format!("{e:?}"))),
            }
        }
        out.push(Token { tok: super::Tok::Eof, span: Span { start: src.len() as u32, end: src.len() as u32 } });
        (out, comments, None)
    }

    fn fast(src: &str) -> (Vec<Token>, Vec<Span>, Option<String>) {
        let (mut out, mut comments) = (Vec::new(), Vec::new());
        let err = lex_from(src, 0, &mut out, Some(&mut comments)).err().map(|e| format!("{e:?}"));
        (out, comments, err)
    }

    #[test]
    fn the_fast_paths_give_the_tokens_lex_one_gives_on_every_corpus_program() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/oracle/corpus");
        let mut n = 0;
        for entry in std::fs::read_dir(dir).expect("the corpus") {
            let src = std::fs::read_to_string(entry.expect("an entry").path()).expect("a program");
            assert_eq!(fast(&src), slow(&src));
            n += 1;
        }
        assert!(n >= 50, "{n} programs");
        for src in [
            "break br b'x' b\"x\" br\"x\" br#\"x\"# r#\"x\"# r#x",
            "0..3 t.0.1 1.5 1e3 0x1f 1_000 100u64 99999999999999999999 1f32",
            "a/b // c\n/* d */ e'f 'a' '\\n' $ ~ \\ é",
        ] {
            assert_eq!(fast(src), slow(src), "{src}");
        }
    }

    // Native only: proptest is not built for wasm32.
    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn the_fast_paths_give_the_tokens_lex_one_gives_on_any_text(src in "[a-z0-9_ .#'\"/*\\$~+\\-<>=!&|:;(){}\n]{0,40}") {
            proptest::prop_assert_eq!(fast(&src), slow(&src));
        }
    }

    #[test]
    fn each_integer_types_sign_and_width_agree_with_its_range() {
        // `signed` and `bits` read the enum's order; `range` names each type.
        let all =
            [IntTy::I8, IntTy::I16, IntTy::I32, IntTy::I64, IntTy::Isize, IntTy::U8, IntTy::U16, IntTy::U32, IntTy::U64, IntTy::Usize];
        for t in all {
            let (lo, hi) = t.range();
            assert_eq!(t.signed(), lo < 0, "{t:?}");
            assert_eq!(hi - lo + 1, 1i128 << t.bits(), "{t:?}");
        }
    }
}
