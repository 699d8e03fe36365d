//! A program's inline modules and its test code, before parsing.
//!
//! - `mod name { … }` is read as its items: the playground puts all of a program's items in one
//!   namespace, so the parser drops the `mod name {` and its `}` and reads the items between as
//!   the program's own, at their own lines. A path through modules (`geometry::shapes::Rect`,
//!   `self::helpers::make`, `super::Rect`, `crate::total`) then names the item at its end: the
//!   parser strips the modules' names, `crate`, `self` and `super` from the front of a path
//!   (`Parser::path`), and a `use` that names only modules brings in nothing new.
//!   Two items of one name in two modules cannot share that namespace: the parser says so.
//!   What is not checked, where rustc would refuse: an item used outside its module without
//!   `pub`, or inside a module without the `use` that brings it in (the README lists both).
//! - `mod name;` reads another file, which a pasted program does not have: an error says so.
//! - `#[cfg(test)]` items (the `mod tests { … }` a program ends with) and `#[test]` functions
//!   are not part of the program `cargo run` builds, so they are dropped with their tokens,
//!   whatever they contain.

use std::rc::Rc;

use super::lexer::{LangError, Tok, Token};

/// The tokens with test items dropped and modules opened, and the modules' names.
pub(crate) fn flatten(toks: Vec<Token>) -> Result<(Vec<Token>, Vec<Rc<str>>), LangError> {
    if !toks.iter().any(|t| matches!(&t.tok, Tok::Ident(k) if k == "mod" || k == "test")) {
        return Ok((toks, Vec::new()));
    }
    open_modules(toks)
}

/// [`flatten`]'s work, for a program that has a `mod` or a `test` (the step form's never do).
#[inline(never)]
fn open_modules(toks: Vec<Token>) -> Result<(Vec<Token>, Vec<Rc<str>>), LangError> {
    let mut out: Vec<Token> = Vec::with_capacity(toks.len());
    let mut modules: Vec<Rc<str>> = Vec::new();
    // For each `{` open in `out`'s reading: whether it opened a module (its `}` is dropped).
    let mut braces: Vec<bool> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let t = &toks[i];
        match &t.tok {
            Tok::P("#") if matches!(toks.get(i + 1).map(|t| &t.tok), Some(Tok::P("["))) => {
                let end = attribute_end(&toks, i + 1);
                if is_test_attribute(&toks[i + 2..end.saturating_sub(1).max(i + 2)]) {
                    i = item_end(&toks, end);
                    continue;
                }
                out.extend_from_slice(&toks[i..end]);
                i = end;
                continue;
            }
            Tok::Ident(k) if k == "mod" => {
                let name = match toks.get(i + 1).map(|t| &t.tok) {
                    Some(Tok::Ident(n)) => n.clone(),
                    _ => return Err(LangError::new(t.span, "expected a module's name after `mod`")),
                };
                match toks.get(i + 2).map(|t| &t.tok) {
                    Some(Tok::P("{")) => {}
                    Some(Tok::P(";")) => {
                        return Err(LangError::new(
                            t.span.to(toks[i + 2].span),
                            format!("`mod {name};` reads the module from another file, which a program in the playground does not have: write it here, as `mod {name} {{ … }}`"),
                        ))
                    }
                    _ => return Err(LangError::new(toks[i + 1].span, format!("expected `{{` after `mod {name}`"))),
                }
                // `pub mod`, `pub(crate) mod`: the visibility goes with the `mod`.
                if matches!(out.last().map(|t| &t.tok), Some(Tok::P(")"))) {
                    if let Some(open) = out.iter().rposition(|t| t.tok == Tok::P("(")) {
                        if open > 0 && matches!(&out[open - 1].tok, Tok::Ident(p) if p == "pub") {
                            out.truncate(open);
                        }
                    }
                }
                if matches!(out.last().map(|t| &t.tok), Some(Tok::Ident(p)) if p == "pub") {
                    out.pop();
                }
                if !modules.iter().any(|m| **m == *name) {
                    modules.push(Rc::from(name.as_str()));
                }
                braces.push(true);
                i += 3;
                continue;
            }
            Tok::P("{") => braces.push(false),
            Tok::P("}") if braces.last() == Some(&true) => {
                braces.pop();
                i += 1;
                continue;
            }
            Tok::P("}") => {
                braces.pop();
            }
            _ => {}
        }
        out.push(t.clone());
        i += 1;
    }
    Ok((out, modules))
}

/// Where the attribute whose `[` is at `open` ends (just past its `]`), brackets matched.
fn attribute_end(toks: &[Token], open: usize) -> usize {
    let mut depth = 0usize;
    for (j, t) in toks.iter().enumerate().skip(open) {
        match t.tok {
            Tok::P("[") => depth += 1,
            Tok::P("]") => {
                depth -= 1;
                if depth == 0 {
                    return j + 1;
                }
            }
            Tok::Eof => return j,
            _ => {}
        }
    }
    toks.len()
}

/// `test` or `cfg(test)`: the tokens between `#[` and `]`.
fn is_test_attribute(inner: &[Token]) -> bool {
    let words: Vec<&Tok> = inner.iter().map(|t| &t.tok).collect();
    match words.as_slice() {
        [Tok::Ident(t)] => t == "test",
        [Tok::Ident(c), Tok::P("("), Tok::Ident(t), Tok::P(")")] => c == "cfg" && t == "test",
        _ => false,
    }
}

/// Where the item starting at `from` (after its attributes) ends: past its first block's `}`
/// (and a `;` after it), or past a `;` outside every bracket; further attributes before it are
/// the item's too.
fn item_end(toks: &[Token], from: usize) -> usize {
    let mut depth = 0usize;
    let mut j = from;
    while j < toks.len() {
        match toks[j].tok {
            Tok::Eof => return j,
            Tok::P("#") if depth == 0 && matches!(toks.get(j + 1).map(|t| &t.tok), Some(Tok::P("["))) => {
                j = attribute_end(toks, j + 1);
                continue;
            }
            Tok::P("(" | "[" | "{") => depth += 1,
            Tok::P(")" | "]") => depth = depth.saturating_sub(1),
            // A `}` before any item: the test attribute ends its module, and the item is empty.
            Tok::P("}") if depth == 0 => return j,
            Tok::P("}") => {
                depth -= 1;
                if depth == 0 {
                    let after = j + 1;
                    return if matches!(toks.get(after).map(|t| &t.tok), Some(Tok::P(";"))) { after + 1 } else { after };
                }
            }
            Tok::P(";") if depth == 0 => return j + 1,
            _ => {}
        }
        j += 1;
    }
    j
}
