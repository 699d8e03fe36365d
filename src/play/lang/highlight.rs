//! What the editor colours: the program cut into pieces by the playground's own lexer, so that
//! what is coloured is exactly what the language reads. A keyword the language refuses (`extern`,
//! `macro_rules`, an unknown macro) is an `unsupported` piece carrying the check's own message; a
//! lexing error (a float, a stray character) is one too, and lexing goes on after it.

pub use super::lexer::floor_char;
use super::lexer::{lex_from, Span, Tok, Token};
use super::parser::{outside_at, KEYWORDS, LANGUAGE_SUMMARY};

/// What a piece is, as the editor's `data-tok` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokClass {
    /// `fn`, `let`, `async`, `true`, `self`…
    Keyword,
    /// A name, or a lifetime.
    Ident,
    /// An integer literal.
    Number,
    /// A string or character literal.
    String,
    /// A line or block comment (doc comments too).
    Comment,
    /// A macro's name and its `!`.
    Macro,
    /// Punctuation.
    Punct,
    /// Outside the language: the piece's note says why.
    Unsupported,
}

impl TokClass {
    /// The `data-tok` value.
    pub fn key(self) -> &'static str {
        match self {
            TokClass::Keyword => "keyword",
            TokClass::Ident => "ident",
            TokClass::Number => "number",
            TokClass::String => "string",
            TokClass::Comment => "comment",
            TokClass::Macro => "macro",
            TokClass::Punct => "punct",
            TokClass::Unsupported => "unsupported",
        }
    }
}

/// One coloured piece of the program.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// Where, in bytes.
    pub span: Span,
    /// What.
    pub class: TokClass,
    /// Why it is unsupported (shown on hover), for [`TokClass::Unsupported`] and an unclosed
    /// string or comment.
    pub note: Option<String>,
}

/// The program's pieces, in order, not overlapping; what lies between them is whitespace.
/// Never fails: text the lexer refuses becomes an `unsupported` piece, and lexing goes on.
///
/// ```
/// use waker_playground::play::lang::highlight::{highlight, TokClass};
/// let src = "fn main() { println!(\"hi\"); } // done\nextern \"C\" {}";
/// let ps = highlight(src);
/// let at = |text: &str| ps.iter().find(|p| &src[p.span.start as usize..p.span.end as usize] == text).unwrap().class;
/// assert_eq!(at("fn"), TokClass::Keyword);
/// assert_eq!(at("main"), TokClass::Ident);
/// assert_eq!(at("println!"), TokClass::Macro);
/// assert_eq!(at("\"hi\""), TokClass::String);
/// assert_eq!(at("// done"), TokClass::Comment);
/// assert_eq!(at("extern"), TokClass::Unsupported);
/// ```
pub fn highlight(src: &str) -> Vec<Piece> {
    let mut toks: Vec<Token> = Vec::new();
    let mut comments: Vec<Span> = Vec::new();
    let mut errors: Vec<Piece> = Vec::new();
    let mut from = 0usize;
    while let Err(e) = lex_from(src, from, &mut toks, Some(&mut comments)) {
        // The token in error starts after what was lexed (`0A`: the error names `A`).
        let lexed_to = toks.last().map_or(from, |t| t.span.end as usize).max(comments.last().map_or(from, |c| c.end as usize)).max(from);
        let token_start = lexed_to + (src[lexed_to..].len() - src[lexed_to..].trim_start().len());
        let start = floor_char(src, e.span.start as usize).max(from).min(token_start);
        // A string or comment never closed runs to the end, as rustc reads it.
        let class = if e.message.contains("string is never closed") {
            Some(TokClass::String)
        } else if e.message.contains("comment is never closed") {
            Some(TokClass::Comment)
        } else {
            None
        };
        let end = match class {
            Some(_) => src.len(),
            None => ceil_char(src, (e.span.end as usize).max(start + 1)),
        };
        errors.push(Piece { span: span(start, end), class: class.unwrap_or(TokClass::Unsupported), note: Some(e.into_message()) });
        if end >= src.len() {
            break;
        }
        from = end;
    }
    toks.retain(|t| t.tok != Tok::Eof);
    let mut out: Vec<Piece> = Vec::with_capacity(toks.len() + comments.len() + errors.len());
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        let next = toks.get(i + 1);
        if let Some(what) = outside_at(&toks, i) {
            // A macro outside the language: its name and `!` as one piece.
            let end = match (&t.tok, next) {
                (Tok::Ident(_), Some(n)) if n.tok == Tok::P("!") => {
                    i += 1;
                    n.span.end
                }
                _ => t.span.end,
            };
            let note = format!("{what} is outside what the playground runs, which is {LANGUAGE_SUMMARY}");
            out.push(Piece { span: Span { start: t.span.start, end }, class: TokClass::Unsupported, note: Some(note) });
            i += 1;
            continue;
        }
        let class = match &t.tok {
            Tok::Ident(name) => match next {
                // `name!(` is a macro call; `x != y` is not.
                Some(n) if n.tok == Tok::P("!") && n.span.start == t.span.end && !KEYWORDS.contains(&name.as_str()) => {
                    out.push(Piece { span: Span { start: t.span.start, end: n.span.end }, class: TokClass::Macro, note: None });
                    i += 2;
                    continue;
                }
                _ if KEYWORDS.contains(&name.as_str()) || matches!(name.as_str(), "self" | "Self") => TokClass::Keyword,
                _ => TokClass::Ident,
            },
            Tok::Int(..) | Tok::Float(..) => TokClass::Number,
            Tok::Str(_) | Tok::ByteStr(_) | Tok::Char(_) => TokClass::String,
            Tok::Lifetime(_) => TokClass::Ident,
            Tok::P(_) => TokClass::Punct,
            Tok::Eof => unreachable!("removed above"),
        };
        out.push(Piece { span: t.span, class, note: None });
        i += 1;
    }
    out.extend(comments.into_iter().map(|span| Piece { span, class: TokClass::Comment, note: None }));
    out.extend(errors);
    crate::core::sort_by_key(&mut out, |p| p.span.start);
    // An unclosed string or comment swallows what was lexed after it.
    let mut kept: Vec<Piece> = Vec::with_capacity(out.len());
    for p in out {
        if kept.last().is_some_and(|k| k.span.end > p.span.start) {
            continue;
        }
        kept.push(p);
    }
    kept
}

/// The bracket beside the caret (before it, else after it) and its partner, as two byte spans;
/// the partner is `None` when the bracket has none.
///
/// ```
/// use waker_playground::play::lang::highlight::{highlight, bracket_pair};
/// let src = "f(a[1], (b))";
/// let ps = highlight(src);
/// let (a, b) = bracket_pair(src, &ps, 1).unwrap();   // the caret after `f`: `(` is after it
/// assert_eq!((a.start, b.unwrap().start), (1, 11));
/// let (a, b) = bracket_pair(src, &ps, 6).unwrap();   // after `]`
/// assert_eq!((a.start, b.unwrap().start), (5, 3));
/// assert!(bracket_pair("f(", &highlight("f("), 2).unwrap().1.is_none());
/// ```
pub fn bracket_pair(src: &str, pieces: &[Piece], caret: usize) -> Option<(Span, Option<Span>)> {
    let text = |p: &Piece| &src[p.span.start as usize..p.span.end as usize];
    let is_bracket = |p: &Piece| p.class == TokClass::Punct && matches!(text(p), "(" | ")" | "[" | "]" | "{" | "}");
    let at = pieces
        .iter()
        .position(|p| p.span.end as usize == caret && is_bracket(p))
        .or_else(|| pieces.iter().position(|p| p.span.start as usize == caret && is_bracket(p)))?;
    let (open, close, forward) = match text(&pieces[at]) {
        "(" => ("(", ")", true),
        "[" => ("[", "]", true),
        "{" => ("{", "}", true),
        ")" => ("(", ")", false),
        "]" => ("[", "]", false),
        _ => ("{", "}", false),
    };
    let mut depth = 0usize;
    let partner = if forward {
        pieces[at..].iter().find(|p| is_bracket(p) && step(&mut depth, text(p), open, close))
    } else {
        pieces[..=at].iter().rev().find(|p| is_bracket(p) && step(&mut depth, text(p), close, open))
    };
    Some((pieces[at].span, partner.map(|p| p.span)))
}

/// One bracket on the walk away from the first: `true` when it closes the first.
fn step(depth: &mut usize, t: &str, same: &str, other: &str) -> bool {
    if t == same {
        *depth += 1;
    } else if t == other {
        *depth -= 1;
        return *depth == 0;
    }
    false
}

fn span(a: usize, b: usize) -> Span {
    Span { start: a as u32, end: b as u32 }
}

fn ceil_char(s: &str, mut i: usize) -> usize {
    i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i += 1;
    }
    i
}
