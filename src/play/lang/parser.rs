//! A recursive-descent parser for the playground's Rust: Rust's everyday core.
//!
//! # Ground rules
//!
//! - What it accepts is Rust syntax with Rust's meaning; anything else is an error with a
//!   position, the token found and what was expected.
//! - Code outside the language (`extern`, `macro_rules!`, …) is found by one scan before
//!   parsing, and reported once, all of it, with what the playground runs.
//! - Nesting is bounded ([`MAX_DEPTH`]), so nothing downstream recurses without limit.

use std::rc::Rc;

use super::ast::*;
use super::lexer::{lex, IntTy, LangError, Span, Tok, Token};

/// How deep blocks, expressions, patterns and types may nest.
pub const MAX_DEPTH: usize = 64;

/// Rust's keywords.
pub(crate) const KEYWORDS: [&str; 38] = [
    "as",
    "async",
    "await",
    "break",
    "const",
    "continue",
    "crate",
    "dyn",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "yield",
    "macro_rules",
];

/// The macros the language knows.
pub const MACROS: [&str; 27] = [
    "println",
    "print",
    "eprintln",
    "eprint",
    "format",
    "panic",
    "assert",
    "assert_eq",
    "assert_ne",
    "debug_assert",
    "debug_assert_eq",
    "debug_assert_ne",
    "unreachable",
    "todo",
    "unimplemented",
    "write",
    "writeln",
    "vec",
    "matches",
    "join",
    "select",
    "pin",
    "try_join",
    "select_biased",
    "pin_mut",
    "dbg",
    "ready",
];

/// The built-in functions of the playground's prelude, and how many arguments each takes. A
/// program's own items shadow them.
pub const BUILTINS: [(&str, usize); 8] = [
    ("sleep", 1),
    ("yield_now", 0),
    ("spawn", 1),
    ("spin", 1),
    ("drop", 1),
    ("lost_waker", 0),
    ("stale_waker", 0),
    ("wake_by_ref_then_pending", 0),
];

/// What the playground runs, said once when a program steps outside it.
pub const LANGUAGE_SUMMARY: &str = "Rust's everyday core: fns and async fns, structs, enums, traits and impls, \
closures, match and patterns, std's common types (Option, Result, Vec, String, Box, Rc, Arc, Cell, RefCell, Mutex, Duration), \
futures, wakers and gloo-timers (see \"The language\" in the README)";

/// Whether `name` is taken: a Rust keyword or a built-in of the prelude.
pub fn is_reserved(name: &str) -> bool {
    KEYWORDS.contains(&name) || matches!(name, "_" | "self" | "Self") || BUILTINS.iter().any(|(b, _)| *b == name)
}

/// Parses and checks a program (see [`super::check`] for what is checked).
///
/// ```
/// use waker_playground::play::lang::parse;
/// let p = parse("async fn main() { sleep(10).await; }").unwrap();
/// assert!(p.find("main").is_some());
/// let src = "async fn main() { sleep(10).await }\nextern \"C\" {}";
/// assert!(parse(src).unwrap_err().render(src).starts_with("2:1: `extern` is outside what"));
/// ```
pub fn parse(src: &str) -> Result<Program, LangError> {
    parse_tokens(lex(src)?, src)
}

/// Parses a program the playground wrote itself from the step form's tasks, whose size the
/// form's own limits bound (1,000 tasks make more than the 64 KB a person may type).
pub fn parse_generated(src: &str) -> Result<Program, LangError> {
    parse_tokens(super::lexer::lex_within(src, usize::MAX)?, src)
}

fn parse_tokens(toks: Vec<Token>, src: &str) -> Result<Program, LangError> {
    let (toks, modules) = super::modules::flatten(toks)?;
    outside(&toks)?;
    let line_starts = std::iter::once(0).chain(src.match_indices('\n').map(|(i, _)| i + 1)).collect();
    let mut p = Parser {
        toks,
        pos: 0,
        depth: 0,
        durations: Vec::new(),
        duration_calls: Vec::new(),
        no_struct: false,
        line_starts,
        hoisted: Vec::new(),
        modules,
        aliases: Vec::new(),
        alias_at: Vec::new(),
        untyped_ints: false,
        module_uses: Vec::new(),
        raw_ptrs: false,
        default_attr: false,
        array_lens: Vec::new(),
    };
    if p.toks.iter().any(|t| matches!(&t.tok, Tok::Ident(k) if k == "type")) {
        p.collect_aliases()?;
    }
    let unmark = |mut e: LangError| {
        if e.message.contains('@') {
            e.message = super::modules::unmark(&e.message);
        }
        e
    };
    let program = p.program().map_err(unmark)?;
    super::compile::check(&program).map_err(unmark)?;
    Ok(program)
}

/// Finds, in one pass, everything outside the language, and reports it all at the first.
fn outside(toks: &[Token]) -> Result<(), LangError> {
    let mut found: Vec<(Span, String)> = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if let Some(w) = outside_at(toks, i) {
            if !found.iter().any(|(_, f)| *f == w) {
                found.push((t.span, w));
            }
        }
    }
    let Some((at, _)) = found.first() else { return Ok(()) };
    let list = found.iter().map(|(_, w)| w.as_str()).collect::<Vec<_>>().join(", ");
    Err(LangError::new(
        *at,
        format!("{list} {} outside what the playground runs, which is {LANGUAGE_SUMMARY}", if found.len() == 1 { "is" } else { "are" }),
    ))
}

/// What the token at `i` starts that is outside the language (`` `mod` ``, ``the macro `m!` ``),
/// if anything. The check and the editor's highlighting both ask this.
pub(crate) fn outside_at(toks: &[Token], i: usize) -> Option<String> {
    let t = &toks[i];
    let next = toks.get(i + 1).map(|t| &t.tok);
    {
        match &t.tok {
            Tok::Ident(k) if matches!(k.as_str(), "extern" | "yield" | "macro_rules") => Some(format!("`{k}`")),
            // `union` is a keyword only where it starts an item (`union U { … }`): a set's
            // `a.union(&b)` is a method.
            Tok::Ident(k) if k == "union" && matches!(next, Some(Tok::Ident(_))) => Some("`union`".into()),
            Tok::Ident(k) if k == "static" && matches!(next, Some(Tok::Ident(m)) if m == "mut") => Some("`static mut`".into()),
            Tok::Ident(m) if m == "thread_local" && next == Some(&Tok::P("!")) => None,
            // `if !(a && b)`, `return !(x)`: a keyword, then a negation.
            Tok::Ident(m)
                if next == Some(&Tok::P("!"))
                    && matches!(toks.get(i + 2).map(|t| &t.tok), Some(Tok::P("(" | "[" | "{")))
                    && !matches!(
                        m.as_str(),
                        "if" | "while" | "return" | "match" | "in" | "else" | "break" | "let" | "mut" | "as" | "move"
                    ) =>
            {
                let after_colons = i > 0 && toks[i - 1].tok == Tok::P("::");
                let path_ok = !after_colons
                    || i >= 2
                        && matches!(&toks[i - 2].tok, Tok::Ident(p) if matches!(p.as_str(), "futures" | "std" | "core" | "pin" | "tokio"));
                (!MACROS.contains(&m.as_str()) || !path_ok).then(|| format!("the macro `{m}!`"))
            }
            _ => None,
        }
    }
}

/// An untyped integer literal, negated or in arithmetic of such (`1`, `-5`, `60 * 60`).
fn untyped_int(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Int(_, None) => true,
        ExprKind::Unary(UnOp::Neg | UnOp::Not, x) => untyped_int(x),
        ExprKind::Binary(_, a, b) => untyped_int(a) || untyped_int(b),
        _ => false,
    }
}

/// `a == b`, with the first bytes compared before the strings: the parser asks "is the next
/// token this one?" many times a token, and most answers are no at the first byte.
#[inline]
fn same(a: &str, b: &str) -> bool {
    a.as_bytes().first() == b.as_bytes().first() && a == b
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    /// The duration literals seen so far (see [`Program::durations`]).
    durations: Vec<Span>,
    /// Each with the span of its call.
    duration_calls: Vec<(Span, Span)>,
    /// In the head of `if`, `while`, `match` and `for`: `Name {` starts the body, not a struct.
    no_struct: bool,
    /// Where each line of the source starts (for `dbg!`'s `[src/main.rs:line:col]`).
    line_starts: Vec<usize>,
    /// Items written inside functions, which are the program's.
    hoisted: Vec<Item>,
    /// The names of the program's `mod` blocks, whose items are the program's (`modules.rs`).
    modules: Vec<Rc<str>>,
    /// Whether a `let` or a `for` binds an untyped integer literal ([`Program::untyped_ints`]).
    untyped_ints: bool,
    /// Each `use` through the program's modules of an item of the program (`use crate::total;`,
    /// `use shapes::Rect;`), with its path as written: [`program`](Self::program) checks that
    /// the item is there, as rustc's unresolved-import error does.
    module_uses: Vec<(Rc<str>, String, Span)>,
    /// A raw pointer type was read ([`Program::raw_ptrs`]).
    raw_ptrs: bool,
    /// The attributes just read held `#[default]` (an enum's default variant).
    default_attr: bool,
    /// The lengths of the array types read (`[T; N]`), in order: the name, when one is written.
    array_lens: Vec<Option<Rc<str>>>,
    /// The program's type aliases (`type Grid = Vec<Vec<u8>>;`, `type Result<T> = …;`): each
    /// name, its parameters and its type. A type written with the name is the alias's type.
    aliases: Vec<(Rc<str>, Vec<Rc<str>>, Type)>,
    /// Where each alias's name is written.
    alias_at: Vec<(Rc<str>, Span)>,
}

type R<T> = Result<T, LangError>;

/// Whether a method's body is only a call of the method of the same name on `*self` or
/// `**self`, with its parameters in order (a forwarding impl for `&L`).
fn forwards_to_pointee(f: &FnDecl) -> bool {
    let Some(body) = &f.body else { return true };
    let [Stmt::Expr { expr, .. }] = body.stmts.as_slice() else { return false };
    let ExprKind::Method(recv, name, _, args, _) = &expr.kind else { return false };
    let mut r = &**recv;
    let mut derefs = 0;
    while let ExprKind::Unary(UnOp::Deref, inner) = &r.kind {
        r = inner;
        derefs += 1;
    }
    let is_self = matches!(&r.kind, ExprKind::Path(p) if p.single().is_some_and(|n| &**n == "self"));
    let params = f.params.iter().map(|p| match &p.pat.kind {
        PatKind::Bind { name, .. } => Some(name.clone()),
        _ => None,
    });
    let passed = args.iter().map(|a| match &a.kind {
        ExprKind::Path(p) => p.single().cloned(),
        _ => None,
    });
    *name == f.name
        && is_self
        && (1..=2).contains(&derefs)
        && args.len() == f.params.len()
        && params.zip(passed).all(|(a, b)| a.is_some() && a == b)
}

/// `<T>::default` of a type without a name (a tuple, an array): `|| { let d: T = Default::default(); d }`.
fn typed_default(ty: Type, span: Span) -> Expr {
    let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span };
    let d: Rc<str> = Rc::from("\u{1}default");
    let path = |segs: Vec<PathSeg>| expr(ExprKind::Path(Path { segs, span }), span);
    let call = expr(ExprKind::Call(Box::new(path(vec![seg("Default"), seg("default")])), Vec::new()), span);
    let bind = Pat { kind: PatKind::Bind { name: d.clone(), by_ref: false, mutable: false, sub: None }, span };
    let body = Block {
        stmts: vec![
            Stmt::Let { pat: bind, ty: Some(ty), init: Some(call), els: None, span },
            Stmt::Expr { expr: path(vec![PathSeg { name: d, generics: Vec::new(), span }]), semi: false },
        ],
        span,
    };
    expr(ExprKind::Closure(Vec::new(), Box::new(expr(ExprKind::Block(body), span)), false), span)
}

fn expr(kind: ExprKind, span: Span) -> Expr {
    Expr { kind, span }
}

fn pat(kind: PatKind, span: Span) -> Pat {
    Pat { kind, span }
}

impl Parser {
    fn peek(&self) -> &Token {
        // The lexer always ends with Eof, and `bump` never moves past it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }

    /// Whether an item starts here, after any attributes (`#[derive(Debug)] struct P;`,
    /// `use …;`, `const N: u8 = 3;`, `fn`, `async fn`, `impl`).
    fn item_ahead(&self) -> bool {
        let mut i = 0;
        // Attributes: `#[ … ]`, brackets matched.
        while matches!(self.peek_at(i), Tok::P("#")) && matches!(self.peek_at(i + 1), Tok::P("[")) {
            let mut depth = 0usize;
            i += 1;
            loop {
                match self.peek_at(i) {
                    Tok::P("[") => depth += 1,
                    Tok::P("]") => {
                        depth = depth.saturating_sub(1);
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    Tok::Eof => return false,
                    _ => {}
                }
                i += 1;
            }
        }
        if matches!(self.peek_at(i), Tok::Ident(k) if k == "pub") {
            i += 1;
        }
        match self.peek_at(i) {
            Tok::Ident(k) => match k.as_str() {
                "fn" | "struct" | "enum" | "impl" | "trait" | "use" | "static" | "type" | "mod" => true,
                "async" | "unsafe" => matches!(self.peek_at(i + 1), Tok::Ident(f) if f == "fn"),
                // `const N: u8 = 3;` or `const fn`, not a `const { }` block.
                "const" => matches!(self.peek_at(i + 1), Tok::Ident(_)),
                _ => false,
            },
            _ => false,
        }
    }

    fn prev_span(&self) -> Span {
        self.toks[self.pos.saturating_sub(1)].span
    }

    /// The text of tokens `from..to` as written, whitespace between two of them made one space
    /// (what `assert!`'s message shows of its condition: for code laid out as rustfmt lays it
    /// out, rustc's own rendering).
    fn text_of(&self, from: usize, to: usize) -> Rc<str> {
        let mut out = String::new();
        let mut end = None;
        for t in self.toks.get(from..to).unwrap_or_default() {
            if end.is_some_and(|e| t.span.start > e) {
                out.push(' ');
            }
            end = Some(t.span.end);
            match &t.tok {
                Tok::Ident(n) => out.push_str(n),
                Tok::Int(n, None) => out.push_str(&n.to_string()),
                Tok::Int(n, Some(ty)) => out.push_str(&format!("{n}{}", ty.name())),
                Tok::Float(x, ty) => out.push_str(&format!("{x:?}{}", ty.map_or("", |t| t.name()))),
                Tok::Str(s) => out.push_str(&format!("{s:?}")),
                Tok::ByteStr(bs) => out.push_str(&format!("b\"{}\"", bs.escape_ascii())),
                Tok::Char(c) => out.push_str(&format!("{c:?}")),
                Tok::Lifetime(l) => out.push_str(&format!("'{l}")),
                Tok::P(p) => out.push_str(p),
                Tok::Eof => {}
            }
        }
        Rc::from(out)
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn is_p(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::P(q) if same(q, p))
    }

    fn is_kw(&self, k: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if same(s, k))
    }

    fn eat_p(&mut self, p: &str) -> bool {
        let yes = self.is_p(p);
        if yes {
            self.bump();
        }
        yes
    }

    fn eat_kw(&mut self, k: &str) -> bool {
        let yes = self.is_kw(k);
        if yes {
            self.bump();
        }
        yes
    }

    /// Two `>` that touch: a shift, written as one token in Rust.
    fn is_shr(&self) -> bool {
        self.is_p(">") && matches!(self.peek_at(1), Tok::P(">")) && self.toks[self.pos + 1].span.start == self.peek().span.end
    }

    /// `>` then `>=`, touching: `>>=`.
    fn is_shr_assign(&self) -> bool {
        self.is_p(">") && matches!(self.peek_at(1), Tok::P(">=")) && self.toks[self.pos + 1].span.start == self.peek().span.end
    }

    /// An error at the next token: "expected X, found Y".
    fn expected(&self, what: &str) -> LangError {
        let t = self.peek();
        LangError::new(t.span, format!("expected {what}, found {}", t.tok))
    }

    fn expect_p(&mut self, p: &str) -> R<Span> {
        if self.is_p(p) {
            Ok(self.bump().span)
        } else {
            Err(self.expected(&format!("`{p}`")))
        }
    }

    fn expect_kw(&mut self, k: &str) -> R<Span> {
        if self.is_kw(k) {
            Ok(self.bump().span)
        } else {
            Err(self.expected(&format!("`{k}`")))
        }
    }

    /// A `>` closing generic arguments.
    fn expect_gt(&mut self) -> R<()> {
        if self.eat_p(">") {
            return Ok(());
        }
        if self.is_p(">=") {
            return Err(LangError::new(self.peek().span, "write `> =` with a space after generic arguments"));
        }
        Err(self.expected("`>`"))
    }

    fn ident(&mut self, what: &str) -> R<(Rc<str>, Span)> {
        match &self.peek().tok {
            Tok::Ident(s) if !KEYWORDS.contains(&s.as_str()) || s == "self" => {
                let t = self.bump();
                let Tok::Ident(s) = t.tok else { return Err(LangError::new(t.span, "expected a name")) };
                Ok((Rc::from(s), t.span))
            }
            Tok::Ident(s) => Err(LangError::new(self.peek().span, format!("expected {what}, found the keyword `{s}`"))),
            _ => Err(self.expected(what)),
        }
    }

    fn enter(&mut self) -> R<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(LangError::new(
                self.peek().span,
                format!("this nests more than {MAX_DEPTH} levels deep (blocks, calls, `else if`s and chains of operators each count)"),
            ));
        }
        Ok(())
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    // ----- Items -----

    fn program(&mut self) -> R<Program> {
        let mut items = Vec::new();
        while self.peek().tok != Tok::Eof {
            if let Some(item) = self.item()? {
                items.push(item);
            }
        }
        items.append(&mut self.hoisted);
        if !self.module_uses.is_empty() {
            self.check_module_uses(&items)?;
        }
        let mut durations = std::mem::take(&mut self.durations);
        crate::core::sort_by_key(&mut durations, |s| s.start);
        durations.dedup();
        let duration_calls = std::mem::take(&mut self.duration_calls);
        Ok(Program {
            items,
            durations,
            duration_calls,
            untyped_ints: self.untyped_ints,
            raw_ptrs: self.raw_ptrs,
            compiled: Default::default(),
        })
    }

    /// Attributes before an item: the names `#[derive(…)]` lists. Others are accepted.
    fn attributes(&mut self) -> R<Vec<Rc<str>>> {
        if !self.is_p("#") {
            return Ok(Vec::new());
        }
        self.attributes_written()
    }

    /// [`Parser::attributes`], where there are some (none in the step form's programs).
    #[inline(never)]
    fn attributes_written(&mut self) -> R<Vec<Rc<str>>> {
        let mut derives = Vec::new();
        while self.is_p("#") {
            let at = self.bump().span;
            self.eat_p("!");
            self.expect_p("[")?;
            let (name, span) = self.ident("an attribute")?;
            let mut full = name.to_string();
            while self.eat_p("::") {
                full.push_str("::");
                full.push_str(&self.ident("a name")?.0);
            }
            if matches!(full.as_str(), "tokio::main" | "async_std::main" | "tokio::test") {
                return Err(LangError::new(
                    at.to(span),
                    format!("`#[{full}]` starts a runtime the playground does not have: write `async fn main()` (the playground's executor runs it) or a plain `fn main()`"),
                ));
            }
            if full == "default" && self.is_p("]") {
                self.default_attr = true;
            }
            if full == "derive" {
                self.expect_p("(")?;
                while !self.is_p(")") {
                    let (mut d, _) = self.ident("a trait to derive")?;
                    while self.eat_p("::") {
                        d = self.ident("a name")?.0;
                    }
                    derives.push(d);
                    if !self.eat_p(",") {
                        break;
                    }
                }
                self.expect_p(")")?;
            } else {
                // The rest of the attribute, balanced.
                let mut depth = 0usize;
                loop {
                    match &self.peek().tok {
                        Tok::Eof => return Err(self.expected("`]` to close the attribute")),
                        Tok::P("(" | "[" | "{") => depth += 1,
                        Tok::P(")" | "}") => depth = depth.saturating_sub(1),
                        Tok::P("]") if depth == 0 => break,
                        Tok::P("]") => depth -= 1,
                        _ => {}
                    }
                    self.bump();
                }
            }
            self.expect_p("]")?;
        }
        Ok(derives)
    }

    fn visibility(&mut self) -> R<()> {
        if self.eat_kw("pub") && self.is_p("(") {
            self.bump();
            self.eat_kw("in");
            while !self.is_p(")") && self.peek().tok != Tok::Eof {
                self.bump();
            }
            self.expect_p(")")?;
        }
        Ok(())
    }

    fn item(&mut self) -> R<Option<Item>> {
        let derives = self.attributes()?;
        if self.peek().tok == Tok::Eof {
            return Ok(None);
        }
        self.visibility()?;
        if self.is_kw("fn") || self.is_kw("async") {
            return Ok(Some(Item::Fn(Rc::new(self.fn_decl(false)?))));
        }
        if self.is_kw("type") {
            self.alias()?;
            return Ok(None);
        }
        self.item_rare(derives).map(Some)
    }

    /// Every type alias outside a block, read before the items, so that a type written before
    /// its alias is the alias's too.
    #[inline(never)]
    fn collect_aliases(&mut self) -> R<()> {
        let mut depth = 0usize;
        let mut i = 0;
        while i < self.toks.len() {
            match &self.toks[i].tok {
                Tok::P("{") => depth += 1,
                Tok::P("}") => depth = depth.saturating_sub(1),
                Tok::Ident(k) if k == "type" && depth == 0 => {
                    self.pos = i;
                    self.alias()?;
                    i = self.pos;
                    continue;
                }
                _ => {}
            }
            i += 1;
        }
        self.pos = 0;
        Ok(())
    }

    /// `type Name<T> = Type;`: noted, once (the items' reading meets the ones read ahead).
    #[inline(never)]
    fn alias(&mut self) -> R<()> {
        self.expect_kw("type")?;
        let (name, span) = self.ident("the alias's name")?;
        let params = self.generic_params()?;
        self.expect_p("=")?;
        let ty = self.ty()?;
        self.expect_p(";")?;
        // Read twice (ahead, then with the items): the same alias is the same place.
        match self.alias_at.iter().find(|(n, _)| *n == name) {
            None => {
                self.alias_at.push((name.clone(), span));
                self.aliases.push((name, params, ty));
            }
            Some((_, first)) if *first == span => {}
            Some(_) => return Err(LangError::new(span, format!("the name `{name}` is defined multiple times"))),
        }
        Ok(())
    }

    /// The type an alias names, its parameters replaced by the arguments written (`_` for one
    /// not written).
    #[inline(never)]
    fn alias_type(&self, p: &Path) -> Option<Type> {
        let [seg] = p.segs.as_slice() else { return None };
        let (_, params, ty) = self.aliases.iter().find(|(n, _, _)| *n == seg.name)?;
        fn subst(t: &Type, params: &[Rc<str>], args: &[Type]) -> Type {
            let go = |t: &Type| subst(t, params, args);
            match t {
                Type::Path(p) => {
                    if let Some(i) = p.single().and_then(|n| params.iter().position(|q| q == n)) {
                        return args.get(i).cloned().unwrap_or(Type::Infer);
                    }
                    let segs = p.segs.iter().map(|s| PathSeg { generics: s.generics.iter().map(go).collect(), ..s.clone() }).collect();
                    Type::Path(Path { segs, span: p.span })
                }
                Type::Ref(m, t) => Type::Ref(*m, Box::new(go(t))),
                Type::Tuple(ts) => Type::Tuple(ts.iter().map(go).collect()),
                Type::Array(t, n) => Type::Array(Box::new(go(t)), *n),
                Type::Slice(t) => Type::Slice(Box::new(go(t))),
                Type::Ptr(m, t) => Type::Ptr(*m, Box::new(go(t))),
                Type::Opaque | Type::Infer | Type::Never => t.clone(),
            }
        }
        Some(subst(ty, params, &seg.generics))
    }

    /// The items [`item`](Self::item) leaves: all but `fn` and `async fn`, which are all the step
    /// form's programs have, in a function of their own, which an embed's first module does not
    /// need (tools/lazy-split splits by function).
    #[inline(never)]
    fn item_rare(&mut self, derives: Vec<Rc<str>>) -> R<Item> {
        if self.is_kw("thread_local") && matches!(self.peek_at(1), Tok::P("!")) {
            return self.thread_local_items();
        }
        if self.eat_kw("use") {
            let mut names = Vec::new();
            self.use_tree(&mut Vec::new(), &mut names)?;
            self.expect_p(";")?;
            self.use_through_modules(&mut names);
            return Ok(Item::Use(names));
        }
        if self.is_kw("struct") {
            return Ok(Item::Struct(Rc::new(self.struct_decl(derives)?)));
        }
        if self.is_kw("enum") {
            return Ok(Item::Enum(Rc::new(self.enum_decl(derives)?)));
        }
        // `unsafe impl Send for T {}`, `unsafe fn`: the playground checks what `unsafe` allows
        // at run time (a pointer taken back twice is an error there), so the word changes nothing.
        if self.is_kw("unsafe") && matches!(self.peek_at(1), Tok::Ident(k) if k == "impl") {
            self.bump();
        }
        if self.is_kw("impl") {
            return Ok(Item::Impl(Rc::new(self.impl_decl()?)));
        }
        if self.is_kw("trait") {
            return Ok(Item::Trait(Rc::new(self.trait_decl()?)));
        }
        if (self.is_kw("const") && !matches!(self.peek_at(1), Tok::Ident(k) if k == "fn")) || self.is_kw("static") {
            return Ok(Item::Const(Rc::new(self.const_decl()?)));
        }
        if self.is_kw("fn") || self.is_kw("async") || self.is_kw("const") || self.is_kw("unsafe") {
            return Ok(Item::Fn(Rc::new(self.fn_decl(false)?)));
        }
        Err(self.expected("an item (`fn`, `async fn`, `struct`, `enum`, `impl`, `trait`, `use` or `const`)"))
    }

    /// A `use` through the program's modules: the modules' names, `super` and `self` leave its
    /// path (`use super::shapes::Rect` brings in `Rect`, which is in scope already), and a `use`
    /// of a module itself, or of all a module's items (`use super::*`), brings in nothing new.
    #[inline(never)]
    fn use_through_modules(&mut self, uses: &mut Vec<UseName>) {
        let module_uses = &mut self.module_uses;
        let modules = &self.modules;
        uses.retain_mut(|u| {
            let skip = u.path.iter().take_while(|s| matches!(&***s, "super" | "self" | "crate") || modules.contains(s)).count();
            let written = u.path.join("::");
            u.path.drain(..skip);
            // What is left names an item in scope already (`use shapes::Rect` is `Rect`), if
            // the program has it.
            let in_scope = skip > 0 && u.path.len() == 1 && u.path[0] == u.name;
            if in_scope {
                module_uses.push((u.name.clone(), written, u.span));
            }
            !u.path.is_empty() && !in_scope
        });
    }

    /// rustc's unresolved import, for a `use` through the modules of a name no item has.
    #[inline(never)]
    fn check_module_uses(&self, items: &[Item]) -> R<()> {
        for (name, written, span) in &self.module_uses {
            let found = self.aliases.iter().any(|(a, _, _)| a == name)
                || items.iter().any(|item| match item {
                    Item::Fn(f) => &f.name == name,
                    Item::Struct(d) => &d.name == name,
                    Item::Enum(d) => &d.name == name,
                    Item::Trait(d) => &d.name == name,
                    Item::Const(d) => &d.name == name,
                    // A module's own `use` (`pub use std::collections::HashMap;`), or a glob,
                    // which may bring it in.
                    Item::Use(names) => names.iter().any(|u| &u.name == name || &*u.name == "*"),
                    Item::Impl(_) => false,
                });
            if !found {
                return Err(LangError::new(*span, format!("unresolved import `{written}`: the program has no item named `{name}`")));
            }
        }
        Ok(())
    }

    fn use_tree(&mut self, prefix: &mut Vec<Rc<str>>, out: &mut Vec<UseName>) -> R<()> {
        self.eat_p("::");
        loop {
            if self.is_p("{") {
                self.bump();
                while !self.is_p("}") {
                    let keep = prefix.len();
                    self.use_tree(prefix, out)?;
                    prefix.truncate(keep);
                    if !self.eat_p(",") {
                        break;
                    }
                }
                self.expect_p("}")?;
                return Ok(());
            }
            if self.is_p("*") {
                let span = self.bump().span;
                out.push(UseName { name: Rc::from("*"), path: prefix.clone(), span });
                return Ok(());
            }
            let (seg, span) = match self.peek().tok.clone() {
                Tok::Ident(s) if matches!(s.as_str(), "self" | "crate" | "super") => {
                    let t = self.bump();
                    (Rc::from(s.as_str()), t.span)
                }
                _ => self.ident("a name in the `use` path")?,
            };
            if self.eat_p("::") {
                // `crate::` and `self::` stay, for `use_through_modules` to take off.
                prefix.push(seg);
                continue;
            }
            let mut path = prefix.clone();
            let name = if &*seg == "self" {
                prefix.last().cloned().ok_or_else(|| LangError::new(span, "`self` in a `use` needs a path before it"))?
            } else {
                path.push(seg.clone());
                seg
            };
            let name = if self.eat_kw("as") { self.ident("a name after `as`")?.0 } else { name };
            out.push(UseName { name, path, span });
            return Ok(());
        }
    }

    /// `<T: Bound, 'a, const N: usize>`: the type parameters' names.
    fn generic_params(&mut self) -> R<Vec<Rc<str>>> {
        let (names, consts) = self.generic_params_with_consts()?;
        if let Some((_, span)) = consts.first() {
            return Err(LangError::new(
                *span,
                "const generics on a type, an impl or a trait (`struct Grid<const N: usize>`) are not in the playground yet: a function's own `const N: usize`, read from an array parameter's length, is",
            ));
        }
        Ok(names)
    }

    /// Generic parameters: the type parameters' names, and the const parameters' (`const N: usize`).
    fn generic_params_with_consts(&mut self) -> R<(Vec<Rc<str>>, Vec<Named>)> {
        let mut names = Vec::new();
        let mut consts = Vec::new();
        if !self.eat_p("<") {
            return Ok((names, consts));
        }
        while !self.is_p(">") {
            if let Tok::Lifetime(_) = self.peek().tok {
                self.bump();
                if self.eat_p(":") {
                    while matches!(self.peek().tok, Tok::Lifetime(_)) {
                        self.bump();
                        if !self.eat_p("+") {
                            break;
                        }
                    }
                }
            } else {
                let is_const = self.eat_kw("const");
                let (n, span) = self.ident("a generic parameter")?;
                if is_const {
                    consts.push((n.clone(), span));
                }
                if self.eat_p(":") {
                    if is_const {
                        self.ty()?;
                    } else {
                        self.bounds()?;
                    }
                }
                if self.eat_p("=") {
                    self.ty()?;
                }
                if !is_const {
                    names.push(n);
                }
            }
            if !self.eat_p(",") {
                break;
            }
        }
        self.expect_gt()?;
        Ok((names, consts))
    }

    /// `Trait + Other<X> + 'a + ?Sized`.
    fn bounds(&mut self) -> R<()> {
        loop {
            if matches!(self.peek().tok, Tok::Lifetime(_)) {
                self.bump();
            } else {
                self.eat_p("?");
                if self.eat_kw("for") {
                    self.generic_params()?;
                }
                let paren = self.eat_p("(");
                self.path(true)?;
                if paren {
                    self.expect_p(")")?;
                }
            }
            if !self.eat_p("+") {
                return Ok(());
            }
        }
    }

    fn where_clause(&mut self) -> R<()> {
        if !self.eat_kw("where") {
            return Ok(());
        }
        while !self.is_p("{") && !self.is_p(";") && self.peek().tok != Tok::Eof {
            if matches!(self.peek().tok, Tok::Lifetime(_)) {
                self.bump();
            } else {
                self.ty()?;
            }
            self.expect_p(":")?;
            if !self.is_p(",") && !self.is_p("{") {
                self.bounds()?;
            }
            if !self.eat_p(",") {
                break;
            }
        }
        Ok(())
    }

    fn fields(&mut self) -> R<Fields> {
        if self.eat_p("{") {
            let mut out = Vec::new();
            while !self.is_p("}") {
                self.attributes()?;
                self.visibility()?;
                let (name, span) = self.ident("a field name")?;
                self.expect_p(":")?;
                let ty = self.ty()?;
                if out.iter().any(|(n, _, _): &(Rc<str>, Type, Span)| *n == name) {
                    return Err(LangError::new(span, format!("field `{name}` is already declared")));
                }
                out.push((name, ty, span));
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p("}")?;
            return Ok(Fields::Named(out));
        }
        if self.eat_p("(") {
            let mut out = Vec::new();
            while !self.is_p(")") {
                self.attributes()?;
                self.visibility()?;
                out.push(self.ty()?);
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p(")")?;
            return Ok(Fields::Tuple(out));
        }
        Ok(Fields::Unit)
    }

    fn struct_decl(&mut self, derives: Vec<Rc<str>>) -> R<StructDecl> {
        self.expect_kw("struct")?;
        let (name, span) = self.ident("the struct's name")?;
        let generics = self.generic_params()?;
        self.where_clause()?;
        let fields = self.fields()?;
        if !matches!(fields, Fields::Named(_)) {
            self.where_clause()?;
            self.expect_p(";")?;
        }
        Ok(StructDecl { name, span, fields, derives, generics })
    }

    fn enum_decl(&mut self, derives: Vec<Rc<str>>) -> R<EnumDecl> {
        self.expect_kw("enum")?;
        let (name, span) = self.ident("the enum's name")?;
        let generics = self.generic_params()?;
        self.where_clause()?;
        self.expect_p("{")?;
        let mut variants: Vec<(Rc<str>, Fields, Span)> = Vec::new();
        let mut discriminants: Vec<i128> = Vec::new();
        let mut written = false;
        let mut default_variant = None;
        while !self.is_p("}") {
            self.default_attr = false;
            let at = self.peek().span;
            self.attributes()?;
            let (v, vs) = self.ident("a variant")?;
            let fields = self.fields()?;
            // `#[default]`: the variant `#[derive(Default)]` makes, as rustc checks it.
            if std::mem::take(&mut self.default_attr) {
                if !matches!(fields, Fields::Unit) {
                    return Err(LangError::new(at.to(vs), "the `#[default]` attribute may only be used on unit enum variants"));
                }
                if default_variant.is_some() {
                    return Err(LangError::new(at.to(vs), "multiple declared defaults"));
                }
                default_variant = Some(variants.len() as u32);
            }
            // `Red = 0xff0000`: a number (maybe negative); the next counts on from it.
            let next = discriminants.last().map_or(0, |d| d + 1);
            if self.eat_p("=") {
                let neg = self.eat_p("-");
                let t = self.bump();
                let Tok::Int(n, _) = t.tok else {
                    return Err(LangError::new(t.span, "a discriminant is a number here (`Red = 1`, `Big = 0xff`)"));
                };
                if !matches!(fields, Fields::Unit) {
                    return Err(LangError::new(t.span, "a discriminant on a variant with fields is not supported in the playground"));
                }
                written = true;
                discriminants.push(if neg { -i128::from(n) } else { i128::from(n) });
            } else {
                discriminants.push(next);
            }
            if discriminants[..discriminants.len() - 1].contains(discriminants.last().unwrap_or(&0)) {
                return Err(LangError::new(
                    vs,
                    format!("discriminant value `{}` assigned more than once", discriminants.last().unwrap_or(&0)),
                ));
            }
            if variants.iter().any(|(n, _, _)| *n == v) {
                return Err(LangError::new(vs, format!("the variant `{v}` is defined twice")));
            }
            variants.push((v, fields, vs));
            if !self.eat_p(",") {
                break;
            }
        }
        self.expect_p("}")?;
        if !written {
            discriminants.clear();
        }
        if derives.iter().any(|d| &**d == "Default") && default_variant.is_none() {
            return Err(LangError::new(
                span,
                "no default declared: `#[derive(Default)]` on an enum needs a unit variant marked `#[default]`",
            ));
        }
        Ok(EnumDecl { name, span, variants, derives, discriminants, default_variant, generics })
    }

    fn impl_decl(&mut self) -> R<ImplDecl> {
        let span = self.expect_kw("impl")?;
        let generics = self.generic_params()?;
        let negative = self.eat_p("!");
        let first = self.ty()?;
        let (trait_, ty) = if self.eat_kw("for") {
            let Type::Path(p) = first else { return Err(LangError::new(span, "expected a trait before `for`")) };
            (Some(p), self.ty()?)
        } else {
            (None, first)
        };
        // `impl<T: Display> Describe for T`: for every type at once.
        let blanket = ty.name().is_some_and(|n| generics.iter().any(|g| &**g == n));
        if blanket && trait_.is_none() {
            return Err(LangError::new(
                span,
                format!("cannot define inherent `impl` for a type parameter (`{}`)", ty.name().unwrap_or("T")),
            ));
        }
        if negative {
            return Err(LangError::new(span, "negative impls (`impl !Trait for T`) are not supported"));
        }
        self.where_clause()?;
        self.expect_p("{")?;
        let mut fns = Vec::new();
        let mut consts = Vec::new();
        let mut assoc: Vec<(Rc<str>, Type)> = Vec::new();
        while !self.is_p("}") {
            self.attributes()?;
            self.visibility()?;
            if self.eat_kw("type") {
                let (name, _) = self.ident("an associated type")?;
                self.generic_params()?;
                self.expect_p("=")?;
                assoc.push((name, self.ty()?));
                self.expect_p(";")?;
                continue;
            }
            if self.is_kw("const") && !matches!(self.peek_at(1), Tok::Ident(k) if k == "fn") {
                consts.push(Rc::new(self.const_decl()?));
                continue;
            }
            if self.peek().tok == Tok::Eof {
                return Err(self.expected("`}` to close the impl"));
            }
            fns.push(Rc::new(self.fn_decl(true)?));
        }
        self.expect_p("}")?;
        // `-> Poll<Self::Output>`: the return type as the impl's `type Output = …;` writes it
        // (`?` in a `poll` returning `Poll<Result<…>>` wraps its `Err` in `Ready`).
        if !assoc.is_empty() {
            for f in &mut fns {
                if let Some(ret) = f.ret.as_ref().and_then(|r| with_assoc_types(r, &assoc)) {
                    Rc::make_mut(f).ret = Some(ret);
                }
            }
        }
        // `impl<L: Logger + ?Sized> Logger for &L { fn log(&self, m: &str) { (**self).log(m) } }`.
        let pointee = match &ty {
            Type::Ref(_, inner) => Some(&**inner),
            Type::Path(p) if p.last() == "Box" => p.segs.last().and_then(|s| s.generics.first()),
            _ => None,
        };
        let forwards = trait_.is_some() && pointee.and_then(Type::name).is_some_and(|n| generics.iter().any(|g| &**g == n));
        if forwards {
            if let Some(f) = fns.iter().find(|f| !forwards_to_pointee(f)) {
                return Err(LangError::new(
                    f.span,
                    format!("an impl for a reference to any type (`{}`) is supported where each method calls the type's own (`(**self).{}(…)`): here a method already reaches its receiver's through the reference", ty.text(), f.name),
                ));
            }
        }
        Ok(ImplDecl { trait_, ty, fns, consts, span, blanket, forwards, generics })
    }

    fn trait_decl(&mut self) -> R<TraitDecl> {
        self.expect_kw("trait")?;
        let (name, span) = self.ident("the trait's name")?;
        self.generic_params()?;
        if self.eat_p(":") {
            self.bounds()?;
        }
        self.where_clause()?;
        self.expect_p("{")?;
        let mut fns = Vec::new();
        let mut consts = Vec::new();
        while !self.is_p("}") {
            self.attributes()?;
            if self.eat_kw("type") {
                self.ident("an associated type")?;
                if self.eat_p(":") {
                    self.bounds()?;
                }
                if self.eat_p("=") {
                    self.ty()?;
                }
                self.expect_p(";")?;
                continue;
            }
            if self.is_kw("const") && !matches!(self.peek_at(1), Tok::Ident(k) if k == "fn") {
                consts.push(self.trait_const()?);
                continue;
            }
            if self.peek().tok == Tok::Eof {
                return Err(self.expected("`}` to close the trait"));
            }
            fns.push(Rc::new(self.fn_decl(true)?));
        }
        self.expect_p("}")?;
        Ok(TraitDecl { name, span, fns, consts })
    }

    /// `const NAME: T;` or `const NAME: T = value;` in a trait.
    #[inline(never)]
    fn trait_const(&mut self) -> R<TraitConst> {
        self.expect_kw("const")?;
        let (name, span) = self.ident("the constant's name")?;
        self.expect_p(":")?;
        let ty = self.ty()?;
        let default = if self.eat_p("=") {
            let value = self.expr()?;
            Some(Rc::new(ConstDecl { name: name.clone(), span, ty, value, is_static: false, thread_local: false }))
        } else {
            None
        };
        self.expect_p(";")?;
        Ok(TraitConst { name, span, default })
    }

    fn const_decl(&mut self) -> R<ConstDecl> {
        let is_static = self.is_kw("static");
        self.bump();
        let (name, span) = self.ident("the constant's name")?;
        self.expect_p(":")?;
        let ty = self.ty()?;
        self.expect_p("=")?;
        let value = self.expr()?;
        self.expect_p(";")?;
        Ok(ConstDecl { name, span, ty, value, is_static, thread_local: false })
    }

    /// `thread_local! { static NAME: T = value; … }` (a value may be written `const { … }`):
    /// each a `static` of its own for each thread. The first is the item; the others are added
    /// after the program's items.
    #[inline(never)]
    fn thread_local_items(&mut self) -> R<Item> {
        let at = self.bump().span;
        self.expect_p("!")?;
        let close = match self.bump().tok {
            Tok::P("{") => "}",
            Tok::P("(") => ")",
            _ => {
                return Err(LangError::new(at, "`thread_local!` takes its statics in braces: `thread_local! { static NAME: T = value; }`"))
            }
        };
        let mut decls = Vec::new();
        while !self.is_p(close) {
            self.attributes()?;
            self.visibility()?;
            if !self.is_kw("static") {
                return Err(self.expected("`static` in `thread_local!`"));
            }
            self.bump();
            let (name, span) = self.ident("the static's name")?;
            self.expect_p(":")?;
            let ty = self.ty()?;
            self.expect_p("=")?;
            // `const { Cell::new(0) }`: made without lazy initialisation; the same value here.
            let value = if self.is_kw("const") && matches!(self.peek_at(1), Tok::P("{")) {
                self.bump();
                let b = self.block()?;
                Expr { span: b.span, kind: ExprKind::Block(b) }
            } else {
                self.expr()?
            };
            decls.push(ConstDecl { name, span, ty, value, is_static: true, thread_local: true });
            if !self.eat_p(";") {
                break;
            }
        }
        self.expect_p(close)?;
        if close != "}" {
            self.eat_p(";");
        }
        let mut decls = decls.into_iter();
        let Some(first) = decls.next() else { return Err(LangError::new(at, "`thread_local!` declares no static")) };
        self.hoisted.extend(decls.map(|d| Item::Const(Rc::new(d))));
        Ok(Item::Const(Rc::new(first)))
    }

    fn fn_decl(&mut self, method: bool) -> R<FnDecl> {
        self.eat_kw("const");
        let is_async = self.eat_kw("async");
        self.eat_kw("unsafe");
        self.expect_kw("fn").map_err(|e| if method { self.expected("`fn`, `type` or `const`") } else { e })?;
        let (name, span) = self.ident("a function name")?;
        let (generics, consts) = self.generic_params_with_consts()?;
        // Each const parameter's value: the length of the first parameter whose array type
        // it is (`m: &[[f64; N]; N]` gives `N = m.len()`).
        let mut const_from: Vec<Option<(Rc<str>, usize)>> = vec![None; consts.len()];
        self.expect_p("(")?;
        let (self_kind, self_mut) = if method { self.self_param()? } else { (None, false) };
        // No parameters in the step form's programs: `params`, out of line, ships in the
        // language's module (tools/lazy-split).
        let params = if self.is_p(")") { Vec::new() } else { self.params(&consts, &mut const_from)? };
        self.expect_p(")")?;
        let ret = if self.eat_p("->") { Some(self.ty()?) } else { None };
        self.where_clause()?;
        let body = if self.eat_p(";") {
            if !method {
                return Err(LangError::new(span, format!("`{name}` has no body: write `{{ … }}`")));
            }
            None
        } else {
            Some(self.block()?)
        };
        let body = match body {
            Some(b) if !consts.is_empty() => Some(const_params_bound(b, &consts, &const_from)?),
            b => b,
        };
        Ok(FnDecl { name, span, is_async, generics, self_kind, self_mut, params, ret, body })
    }

    /// A method's `self` parameter, if it has one (`self`, `&self`, `&mut self`, `self: Pin<&mut
    /// Self>`, `mut self`), and whether it is `mut self`.
    #[inline(never)]
    fn self_param(&mut self) -> R<(Option<SelfKind>, bool)> {
        let mut self_kind = None;
        let mut self_mut = false;
        // `self`, `mut self`, `&self`, `&'a mut self`, `self: Pin<&mut Self>`.
        let save = self.pos;
        let r = self.eat_p("&");
        if r && matches!(self.peek().tok, Tok::Lifetime(_)) {
            self.bump();
        }
        let m = self.eat_kw("mut");
        if self.eat_kw("self") {
            self_kind = Some(match (r, m) {
                (true, true) => SelfKind::RefMut,
                (true, false) => SelfKind::Ref,
                (false, _) => SelfKind::Value,
            });
            self_mut = m && !r;
            if self.eat_p(":") {
                let t = self.ty()?;
                self_kind = Some(match t {
                    Type::Ref(_, inner) if inner.is_shared_self() => SelfKind::SharedRef,
                    t if t.is_shared_self() => SelfKind::Shared,
                    Type::Ref(true, _) => SelfKind::RefMut,
                    Type::Ref(false, _) => SelfKind::Ref,
                    Type::Path(p) if p.last() == "Self" => SelfKind::Value,
                    _ => SelfKind::Typed,
                });
            }
            if !self.eat_p(",") && !self.is_p(")") {
                return Err(self.expected("`,` or `)`"));
            }
        } else {
            self.pos = save;
        }
        Ok((self_kind, self_mut))
    }

    /// A function's parameters after its `(` and `self`, up to its `)` (not consumed); the first
    /// parameter named in each const generic's array length is where the length is read from.
    #[inline(never)]
    fn params(&mut self, consts: &[Named], const_from: &mut [Option<(Rc<str>, usize)>]) -> R<Vec<Param>> {
        let mut params = Vec::new();
        while !self.is_p(")") {
            self.attributes()?;
            let p = self.pattern()?;
            if let PatKind::Bind { name, .. } = &p.kind {
                if &**name == "self" {
                    return Err(LangError::new(p.span, "`self` is only a parameter of methods, first"));
                }
            }
            self.expect_p(":")?;
            let seen = self.array_lens.len();
            let ty = self.ty()?;
            // Arrays in arrays (`&[[f64; N]; M]`): their lengths were read innermost first, so
            // reversed they are the levels from the outside in, the level the depth of the
            // indexing (`m[0].len()`) that reads it.
            let mut levels = 0;
            let mut t = &ty;
            loop {
                match t {
                    Type::Ref(_, inner) => t = inner,
                    Type::Array(inner, _) => {
                        levels += 1;
                        t = inner;
                    }
                    _ => break,
                }
            }
            let lens: Vec<Option<Rc<str>>> = self.array_lens.drain(seen..).rev().collect();
            if let (true, PatKind::Bind { name, sub: None, .. }) = (lens.len() == levels, &p.kind) {
                for (depth, len) in lens.iter().enumerate() {
                    if let Some(i) = len.as_ref().and_then(|len| consts.iter().position(|(c, _)| c == len)) {
                        const_from[i].get_or_insert_with(|| (name.clone(), depth));
                    }
                }
            }
            params.push(Param { pat: p, ty });
            if !self.eat_p(",") {
                break;
            }
        }
        Ok(params)
    }

    // ----- Types -----

    fn ty(&mut self) -> R<Type> {
        self.enter()?;
        let t = self.ty_inner();
        self.leave();
        t
    }

    fn ty_inner(&mut self) -> R<Type> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::P("&" | "&&") => {
                let double = self.is_p("&&");
                self.bump();
                if matches!(self.peek().tok, Tok::Lifetime(_)) {
                    self.bump();
                }
                let m = self.eat_kw("mut");
                let inner = Type::Ref(m, Box::new(self.ty()?));
                Ok(if double { Type::Ref(false, Box::new(inner)) } else { inner })
            }
            Tok::P("*") => {
                // `*const T`, `*mut T`: what `Arc::into_raw` gives and a `RawWaker` carries.
                self.bump();
                let m = self.eat_kw("mut");
                if !m && !self.eat_kw("const") {
                    return Err(self.expected("`const` or `mut` after `*` in a pointer type"));
                }
                self.raw_ptrs = true;
                Ok(Type::Ptr(m, Box::new(self.ty()?)))
            }
            Tok::P("(") => {
                self.bump();
                let mut items = Vec::new();
                while !self.is_p(")") {
                    items.push(self.ty()?);
                    if !self.eat_p(",") {
                        if items.len() == 1 && self.is_p(")") {
                            self.bump();
                            return Ok(items.pop().unwrap_or(Type::Tuple(Vec::new())));
                        }
                        break;
                    }
                }
                self.expect_p(")")?;
                Ok(Type::Tuple(items))
            }
            Tok::P("[") => {
                self.bump();
                let inner = self.ty()?;
                if self.eat_p(";") {
                    let n = self.expr()?;
                    self.expect_p("]")?;
                    // A name (a function's `const N`) is noted, for its parameters.
                    self.array_lens.push(match &n.kind {
                        ExprKind::Path(p) if p.segs.len() == 1 => Some(p.segs[0].name.clone()),
                        _ => None,
                    });
                    let n = match n.kind {
                        ExprKind::Int(n, _) => Some(n),
                        _ => None,
                    };
                    return Ok(Type::Array(Box::new(inner), n));
                }
                self.expect_p("]")?;
                Ok(Type::Slice(Box::new(inner)))
            }
            Tok::P("!") => {
                self.bump();
                Ok(Type::Never)
            }
            // `_` is lexed as a name.
            Tok::Ident(k) if k == "_" => {
                self.bump();
                Ok(Type::Infer)
            }
            Tok::Ident(k) if k == "impl" || k == "dyn" => {
                self.bump();
                self.bounds()?;
                Ok(Type::Opaque)
            }
            Tok::Ident(k) if k == "fn" => {
                self.bump();
                self.expect_p("(")?;
                while !self.is_p(")") {
                    self.ty()?;
                    if !self.eat_p(",") {
                        break;
                    }
                }
                self.expect_p(")")?;
                if self.eat_p("->") {
                    self.ty()?;
                }
                Ok(Type::Opaque)
            }
            Tok::Ident(_) | Tok::P("::") => {
                let p = self.path(true)?;
                if !self.aliases.is_empty() {
                    if let Some(t) = self.alias_type(&p) {
                        return Ok(t);
                    }
                }
                // `Box<dyn Fn() + Send>` ends its bounds inside the generic list.
                Ok(Type::Path(p))
            }
            // `<O::Item as IntoIterator>::IntoItem`: a trait's associated type, which the
            // playground does not check (values carry their types).
            Tok::P("<") => {
                self.bump();
                self.ty()?;
                if !self.eat_kw("as") {
                    return Err(self.expected("`as` in a qualified path (`<T as Trait>::Item`)"));
                }
                self.path(true)?;
                self.expect_gt()?;
                loop {
                    self.expect_p("::")?;
                    self.ident("an associated type's name")?;
                    if !self.is_p("::") {
                        break;
                    }
                }
                Ok(Type::Infer)
            }
            _ => Err(self.expected("a type")),
        }
    }

    /// A path. In a type (`in_type`), `<…>` are generic arguments; in an expression they need
    /// `::<…>` (turbofish).
    fn path(&mut self, in_type: bool) -> R<Path> {
        let start = self.peek().span;
        self.eat_p("::");
        let mut segs = Vec::new();
        loop {
            let (name, span) = match self.peek().tok.clone() {
                Tok::Ident(s) if matches!(s.as_str(), "self" | "Self" | "crate" | "super") => {
                    let t = self.bump();
                    (Rc::from(s.as_str()), t.span)
                }
                _ => self.ident("a name")?,
            };
            // A segment's generics (`Vec<u8>`, `collect::<Vec<_>>`, `Fn(u8) -> u8`): none in the
            // step form's programs, and `segment_generics`, out of line, ships in the language's
            // module (tools/lazy-split).
            let turbofish = self.is_p("::") && matches!(self.peek_at(1), Tok::P("<"));
            let generics = if turbofish && !in_type || in_type && (self.is_p("<") || self.is_p("<<") || self.is_p("(")) {
                self.segment_generics(in_type, &name)?
            } else {
                Vec::new()
            };
            segs.push(PathSeg { name, generics, span });
            if self.is_p("::") && matches!(self.peek_at(1), Tok::Ident(_)) {
                self.bump();
                continue;
            }
            break;
        }
        // `crate::`, `self::`, `super::` and the program's modules lead to the item at the end:
        // one namespace holds them all (`modules.rs`).
        while segs.len() > 1 && (matches!(&*segs[0].name, "crate" | "self" | "super") || self.modules.contains(&segs[0].name)) {
            segs.remove(0);
        }
        if segs.first().is_some_and(|s| &*s.name == "super") {
            return Err(LangError::new(start, "`super` alone is a module, not a value or a type"));
        }
        // `Grid::new()` with `type Grid = Vec<Vec<u8>>`: the path of the alias's type.
        if !in_type && !self.aliases.is_empty() {
            let head = Path { segs: vec![segs[0].clone()], span: segs[0].span };
            if let Some(Type::Path(p)) = self.alias_type(&head) {
                segs.splice(0..1, p.segs);
            }
        }
        Ok(Path { segs, span: start.to(self.prev_span()) })
    }

    /// The generics after a path's segment `name` (its turbofish outside a type), consumed.
    #[inline(never)]
    fn segment_generics(&mut self, in_type: bool, name: &str) -> R<Vec<Type>> {
        let mut generics = Vec::new();
        let turbofish = !in_type && self.is_p("::") && matches!(self.peek_at(1), Tok::P("<"));
        if turbofish {
            self.bump();
        }
        // `Option<<T as Trait>::Assoc>`: the lexer's `<<` is two `<` here.
        if in_type && self.is_p("<<") {
            let sp = self.toks[self.pos].span;
            self.toks[self.pos] = Token { tok: Tok::P("<"), span: Span { start: sp.start + 1, end: sp.end } };
            self.toks.insert(self.pos, Token { tok: Tok::P("<"), span: Span { start: sp.start, end: sp.start + 1 } });
        }
        if (in_type || turbofish) && self.is_p("<") {
            self.bump();
            while !self.is_p(">") {
                if matches!(self.peek().tok, Tok::Lifetime(_)) {
                    self.bump();
                } else if matches!(self.peek().tok, Tok::Ident(_)) && matches!(self.peek_at(1), Tok::P("=")) {
                    // `Output = ()`
                    self.bump();
                    self.bump();
                    generics.push(self.ty()?);
                } else if matches!(self.peek().tok, Tok::Ident(_))
                    && matches!(self.peek_at(1), Tok::P(":"))
                    && !matches!(self.peek_at(2), Tok::P(":"))
                {
                    self.bump();
                    self.bump();
                    self.bounds()?;
                } else if self.is_p("{") || matches!(self.peek().tok, Tok::Int(..)) {
                    self.primary()?;
                } else {
                    generics.push(self.ty()?);
                    if self.is_p("+") {
                        self.bump();
                        self.bounds()?;
                    }
                }
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_gt()?;
        } else if in_type && self.is_p("(") && matches!(name, "Fn" | "FnMut" | "FnOnce" | "AsyncFn" | "AsyncFnMut" | "AsyncFnOnce") {
            self.bump();
            while !self.is_p(")") {
                generics.push(self.ty()?);
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p(")")?;
            if self.eat_p("->") {
                self.ty()?;
            }
        }
        Ok(generics)
    }

    // ----- Blocks and statements -----

    fn block(&mut self) -> R<Block> {
        self.enter()?;
        let open = self.expect_p("{")?;
        let outer = std::mem::replace(&mut self.no_struct, false);
        let mut stmts = Vec::new();
        while !self.is_p("}") {
            if self.peek().tok == Tok::Eof {
                return Err(LangError::new(
                    self.peek().span,
                    format!("expected `}}` to close the block opened at {{byte {}}}", open.start),
                ));
            }
            if self.eat_p(";") {
                continue;
            }
            stmts.push(self.stmt()?);
        }
        let close = self.expect_p("}")?;
        self.no_struct = outer;
        self.leave();
        Ok(Block { stmts, span: open.to(close) })
    }

    fn stmt(&mut self) -> R<Stmt> {
        let start = self.peek().span;
        // A statement's own attributes (`#[allow(…)] let …`) are read here; an item's, with it.
        if self.is_p("#") && !self.item_ahead() {
            self.attributes()?;
        }
        if self.is_kw("let") {
            self.bump();
            let p = self.pattern_top()?;
            let ty = if self.eat_p(":") { Some(self.ty()?) } else { None };
            let init = if self.eat_p("=") { Some(self.expr()?) } else { None };
            let els = if init.is_some() && self.eat_kw("else") { Some(self.block()?) } else { None };
            let end = self.expect_p(";")?;
            self.untyped_ints |= ty.is_none() && init.as_ref().is_some_and(untyped_int);
            return Ok(Stmt::Let { pat: p, ty, init, els, span: start.to(end) });
        }
        // A `const` inside a function: a binding of its value (its name is in scope from here on).
        if self.is_kw("const") && matches!(self.peek_at(1), Tok::Ident(_)) && matches!(self.peek_at(2), Tok::P(":")) {
            self.bump();
            let p = self.pattern_top()?;
            self.expect_p(":")?;
            let ty = Some(self.ty()?);
            self.expect_p("=")?;
            let init = Some(self.expr()?);
            let end = self.expect_p(";")?;
            return Ok(Stmt::Let { pat: p, ty, init, els: None, span: start.to(end) });
        }
        // An item inside a function (`use`, `struct`, `enum`, `impl`, `fn`, `const`, …): it
        // names nothing of the function's, so it is an item of the program, as if written at
        // the top level (two functions' items of one name are then a duplicate).
        if self.item_ahead() {
            if let Some(item) = self.item()? {
                self.hoisted.push(item);
            }
            return Ok(Stmt::Expr { expr: expr(ExprKind::Unit, start), semi: true });
        }
        let e = self.expr_stmt()?;
        if self.eat_p(";") {
            return Ok(Stmt::Expr { expr: e, semi: true });
        }
        if e.kind.block_like() || self.is_p("}") {
            return Ok(Stmt::Expr { expr: e, semi: false });
        }
        Err(self.expected("`;`"))
    }

    /// An expression in statement position: a block-like one (`if`, `match`, a loop) ends the
    /// statement, unless a method call or `?` follows it.
    fn expr_stmt(&mut self) -> R<Expr> {
        let block_like = matches!(&self.peek().tok, Tok::Ident(k) if matches!(k.as_str(), "if" | "match" | "loop" | "while" | "for"))
            || self.is_p("{")
            || matches!(self.peek().tok, Tok::Lifetime(_));
        if !block_like {
            return self.expr();
        }
        self.enter()?;
        let e = self.primary()?;
        let e = if self.is_p(".") || self.is_p("?") {
            let e = self.postfix_on(e)?;
            self.binary_rest(e, 0)?
        } else {
            e
        };
        self.leave();
        Ok(e)
    }

    // ----- Expressions -----

    fn expr(&mut self) -> R<Expr> {
        self.enter()?;
        let e = self.assign();
        self.leave();
        e
    }

    fn expr_no_struct(&mut self) -> R<Expr> {
        let outer = std::mem::replace(&mut self.no_struct, true);
        let e = self.expr();
        self.no_struct = outer;
        e
    }

    fn assign(&mut self) -> R<Expr> {
        let left = self.range()?;
        let op = match &self.peek().tok {
            Tok::P("=") => Some(None),
            Tok::P("+=") => Some(Some(BinOp::Add)),
            Tok::P("-=") => Some(Some(BinOp::Sub)),
            Tok::P("*=") => Some(Some(BinOp::Mul)),
            Tok::P("/=") => Some(Some(BinOp::Div)),
            Tok::P("%=") => Some(Some(BinOp::Rem)),
            Tok::P("^=") => Some(Some(BinOp::BitXor)),
            Tok::P("&=") => Some(Some(BinOp::BitAnd)),
            Tok::P("|=") => Some(Some(BinOp::BitOr)),
            Tok::P("<<=") => Some(Some(BinOp::Shl)),
            _ if self.is_shr_assign() => {
                self.bump();
                Some(Some(BinOp::Shr))
            }
            _ => None,
        };
        let Some(op) = op else { return Ok(left) };
        self.bump();
        let right = self.expr()?;
        let span = left.span.to(right.span);
        Ok(match op {
            None => expr(ExprKind::Assign(Box::new(left), Box::new(right)), span),
            Some(op) => expr(ExprKind::AssignOp(op, Box::new(left), Box::new(right)), span),
        })
    }

    fn range(&mut self) -> R<Expr> {
        let start = self.peek().span;
        if self.is_p("..") || self.is_p("..=") {
            let inclusive = self.bump().tok == Tok::P("..=");
            let hi = if self.range_end() { None } else { Some(Box::new(self.binary(0)?)) };
            let span = start.to(self.prev_span());
            return Ok(expr(ExprKind::Range(None, hi, inclusive), span));
        }
        let lo = self.binary(0)?;
        if self.is_p("..") || self.is_p("..=") {
            let inclusive = self.bump().tok == Tok::P("..=");
            let hi = if self.range_end() { None } else { Some(Box::new(self.binary(0)?)) };
            let span = lo.span.to(self.prev_span());
            return Ok(expr(ExprKind::Range(Some(Box::new(lo)), hi, inclusive), span));
        }
        Ok(lo)
    }

    /// Whether a range ends here (`a..` with nothing after).
    fn range_end(&self) -> bool {
        matches!(self.peek().tok, Tok::P(")" | "]" | "}" | "," | ";" | "=>") | Tok::Eof) || (self.no_struct && self.is_p("{"))
    }

    /// Binary operators by precedence level, lowest first.
    const LEVELS: [&'static [(&'static str, BinOp)]; 9] = [
        &[("||", BinOp::Or)],
        &[("&&", BinOp::And)],
        &[("==", BinOp::Eq), ("!=", BinOp::Ne), ("<=", BinOp::Le), (">=", BinOp::Ge), ("<", BinOp::Lt), (">", BinOp::Gt)],
        &[("|", BinOp::BitOr)],
        &[("^", BinOp::BitXor)],
        &[("&", BinOp::BitAnd)],
        &[("<<", BinOp::Shl), (">>", BinOp::Shr)],
        &[("+", BinOp::Add), ("-", BinOp::Sub)],
        &[("*", BinOp::Mul), ("/", BinOp::Div), ("%", BinOp::Rem)],
    ];

    /// The operator at the next token at `level`, and how many tokens it takes.
    fn op_at(&self, level: usize) -> Option<(BinOp, usize)> {
        // Every operand ends by asking each of the nine levels: a name or a literal next is
        // no operator at any of them.
        if !matches!(self.peek().tok, Tok::P(_)) {
            return None;
        }
        if level == 6 && self.is_shr() {
            return Some((BinOp::Shr, 2));
        }
        // `a > >= b` is not a thing; `x >>= 1` is an assignment, not a comparison.
        if level == 2 && (self.is_shr() || self.is_shr_assign()) {
            return None;
        }
        Self::LEVELS[level].iter().find(|(p, _)| self.is_p(p)).map(|(_, op)| (*op, 1))
    }

    /// A binary expression whose operators are all at level `min` or tighter, by precedence
    /// climbing: a frame per operator that nests, not one per level (each parenthesis or
    /// closure body costs one of these on the wasm stack, not nine).
    fn binary(&mut self, min: usize) -> R<Expr> {
        let left = self.cast()?;
        self.binary_rest(left, min)
    }

    /// The operator at the next token at level `min` or tighter: the operator, how many tokens
    /// it takes, and its level.
    fn op_from(&self, min: usize) -> Option<(BinOp, usize, usize)> {
        (min..Self::LEVELS.len()).find_map(|level| self.op_at(level).map(|(op, width)| (op, width, level)))
    }

    /// Continues a binary expression whose left operand is parsed, with operators at level `min`
    /// or tighter.
    fn binary_rest(&mut self, mut left: Expr, min: usize) -> R<Expr> {
        // Each operator taken here nests the tree one level deeper (`a + b + c` is
        // `(a + b) + c`, `a * b + c` is `(a * b) + c`), and compiling and running it recurse as
        // deep: each counts toward the depth limit until the expression ends.
        let outer = self.depth;
        let result = loop {
            let Some((op, width, level)) = self.op_from(min) else { break Ok(left) };
            if let Err(e) = self.enter() {
                break Err(e);
            }
            let at = self.peek().span;
            for _ in 0..width {
                self.bump();
            }
            let right = match self.binary(level + 1) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            let span = left.span.to(right.span);
            left = expr(ExprKind::Binary(op, Box::new(left), Box::new(right)), span);
            if level == 2 && self.op_at(2).is_some() {
                break Err(LangError::new(at.to(self.peek().span), "comparison operators cannot be chained: use `&&`"));
            }
        };
        self.depth = outer;
        result
    }

    fn cast(&mut self) -> R<Expr> {
        let mut e = self.unary()?;
        while self.eat_kw("as") {
            let ty = self.ty()?;
            let span = e.span.to(self.prev_span());
            e = expr(ExprKind::Cast(Box::new(e), ty), span);
        }
        Ok(e)
    }

    fn unary(&mut self) -> R<Expr> {
        let start = self.peek().span;
        let op = match &self.peek().tok {
            Tok::P("!") => Some(UnOp::Not),
            Tok::P("-") => Some(UnOp::Neg),
            Tok::P("*") => Some(UnOp::Deref),
            _ => None,
        };
        if let Some(op) = op {
            self.bump();
            self.enter()?;
            let e = self.unary()?;
            self.leave();
            let span = start.to(e.span);
            return Ok(expr(ExprKind::Unary(op, Box::new(e)), span));
        }
        if self.is_p("&") || self.is_p("&&") {
            let double = self.bump().tok == Tok::P("&&");
            let m = self.eat_kw("mut");
            self.enter()?;
            let e = self.unary()?;
            self.leave();
            let span = start.to(e.span);
            let inner = expr(ExprKind::Ref(m, Box::new(e)), span);
            return Ok(if double { expr(ExprKind::Ref(false, Box::new(inner)), span) } else { inner });
        }
        let e = self.primary()?;
        self.postfix_on(e)
    }

    fn postfix_on(&mut self, mut e: Expr) -> R<Expr> {
        let outer = self.depth;
        let result = loop {
            if !(self.is_p(".") || self.is_p("?") || self.is_p("(") || self.is_p("[")) {
                break Ok(e);
            }
            // A chain `a.b().c()` nests as deep as it is long.
            if let Err(err) = self.enter() {
                break Err(err);
            }
            if self.eat_p("?") {
                let span = e.span.to(self.prev_span());
                e = expr(ExprKind::Try(Box::new(e)), span);
                continue;
            }
            if self.is_p("(") {
                self.bump();
                let args = self.args(")")?;
                let span = e.span.to(self.prev_span());
                self.note_duration(&e, &args, span);
                // `From::from(x)` is `x.into()` (std's blanket impl): where the value goes
                // decides the conversion, as for `into()`.
                if let (ExprKind::Path(q), [_]) = (&e.kind, args.as_slice()) {
                    if matches!(q.joined().as_str(), "From::from" | "std::convert::From::from" | "core::convert::From::from") {
                        let name_span = q.span;
                        let recv = args.into_iter().next().unwrap_or_else(|| expr(ExprKind::Tuple(Vec::new()), span));
                        e = expr(ExprKind::Method(Box::new(recv), Rc::from("into"), name_span, Vec::new(), None), span);
                        continue;
                    }
                }
                e = expr(ExprKind::Call(Box::new(e), args), span);
                continue;
            }
            if self.eat_p("[") {
                let outer_ns = std::mem::replace(&mut self.no_struct, false);
                let i = self.expr()?;
                self.no_struct = outer_ns;
                self.expect_p("]")?;
                let span = e.span.to(self.prev_span());
                e = expr(ExprKind::Index(Box::new(e), Box::new(i)), span);
                continue;
            }
            self.bump();
            if self.eat_kw("await") {
                let span = e.span.to(self.prev_span());
                e = expr(ExprKind::Await(Box::new(e)), span);
                continue;
            }
            // A field, a tuple field or a method call: out of line (none in the step form's
            // programs; tools/lazy-split).
            match self.member(e) {
                Ok(next) => e = next,
                Err(err) => break Err(err),
            }
        };
        self.depth = outer;
        result
    }

    /// What follows a `.` after `e` (not an `.await`): a tuple field, a field or a method call.
    #[inline(never)]
    fn member(&mut self, e: Expr) -> R<Expr> {
        if let Tok::Int(n, None) = self.peek().tok {
            let t = self.bump();
            let Ok(n) = u32::try_from(n) else { return Err(LangError::new(t.span, "no such field")) };
            let span = e.span.to(t.span);
            return Ok(expr(ExprKind::TupleField(Box::new(e), n), span));
        }
        let (name, name_span) = self.ident("a field or method name after `.`")?;
        let mut turbofish = None;
        if self.is_p("::") && matches!(self.peek_at(1), Tok::P("<")) {
            // `iter.collect::<Vec<_>>()`, `s.parse::<u32>()`.
            self.bump();
            self.bump();
            while !self.is_p(">") {
                let t = self.ty()?;
                turbofish.get_or_insert(t);
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_gt()?;
        }
        if self.eat_p("(") {
            let args = self.args(")")?;
            let span = e.span.to(self.prev_span());
            Ok(expr(ExprKind::Method(Box::new(e), name, name_span, args, turbofish), span))
        } else {
            let span = e.span.to(name_span);
            Ok(expr(ExprKind::Field(Box::new(e), name), span))
        }
    }

    /// Notes the number a live edit may change: `sleep(500)`,
    /// `TimerFuture::new(Duration::from_millis(500))`.
    fn note_duration(&mut self, callee: &Expr, args: &[Expr], call: Span) {
        let ExprKind::Path(p) = &callee.kind else { return };
        let literal = |e: &Expr| matches!(e.kind, ExprKind::Int(..)).then_some(e.span);
        let found = match (p.joined().as_str(), args) {
            ("sleep", [ms]) => literal(ms),
            ("TimerFuture::new", [d]) => match &d.kind {
                ExprKind::Call(f, inner) if matches!(&f.kind, ExprKind::Path(q) if q.joined() == "Duration::from_millis") => {
                    inner.first().and_then(literal)
                }
                _ => None,
            },
            _ => None,
        };
        if let Some(lit) = found {
            self.durations.push(lit);
            self.duration_calls.push((call, lit));
        }
    }

    fn args(&mut self, close: &str) -> R<Vec<Expr>> {
        let outer = std::mem::replace(&mut self.no_struct, false);
        let mut args = Vec::new();
        while !self.is_p(close) {
            args.push(self.expr()?);
            if !self.eat_p(",") {
                break;
            }
        }
        self.no_struct = outer;
        self.expect_p(close)?;
        Ok(args)
    }

    fn label(&mut self) -> Option<Rc<str>> {
        if let Tok::Lifetime(l) = &self.peek().tok {
            let l = Rc::from(l.as_str());
            self.bump();
            return Some(l);
        }
        None
    }

    fn primary(&mut self) -> R<Expr> {
        let t = self.peek();
        match &t.tok {
            Tok::Int(n, ty) => {
                let e = expr(ExprKind::Int(*n, *ty), t.span);
                self.bump();
                Ok(e)
            }
            Tok::P("{") => {
                let b = self.block()?;
                let span = b.span;
                Ok(expr(ExprKind::Block(b), span))
            }
            Tok::P("::") => self.path_expr(),
            Tok::Ident(k) if !KEYWORDS.contains(&k.as_str()) && !matches!(k.as_str(), "true" | "false") => self.path_expr(),
            _ => self.primary_rare(),
        }
    }

    /// The expressions [`primary`](Self::primary) leaves: those that the step form's programs
    /// never have (see `Scenario::to_program`), in a function of their own, which an embed's first
    /// module does not need (tools/lazy-split splits by function).
    #[inline(never)]
    fn primary_rare(&mut self) -> R<Expr> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Int(n, ty) => {
                self.bump();
                Ok(expr(ExprKind::Int(*n, *ty), t.span))
            }
            Tok::Float(x, ty) => {
                self.bump();
                Ok(expr(ExprKind::Float(*x, *ty), t.span))
            }
            Tok::Str(s) => {
                self.bump();
                Ok(expr(ExprKind::Str(Rc::from(s.as_str())), t.span))
            }
            Tok::ByteStr(bs) => {
                self.bump();
                let items = bs.iter().map(|b| expr(ExprKind::Int(u64::from(*b), Some(IntTy::U8)), t.span)).collect();
                Ok(expr(ExprKind::Ref(false, Box::new(expr(ExprKind::Array(items), t.span))), t.span))
            }
            Tok::Char(c) => {
                self.bump();
                Ok(expr(ExprKind::Char(*c), t.span))
            }
            Tok::Lifetime(_) => {
                let label = self.label();
                self.expect_p(":")?;
                match &self.peek().tok {
                    Tok::Ident(k) if k == "loop" => self.loop_expr(label),
                    Tok::Ident(k) if k == "while" => self.while_expr(label),
                    Tok::Ident(k) if k == "for" => self.for_expr(label),
                    Tok::P("{") => {
                        let b = self.block()?;
                        let span = t.span.to(b.span);
                        match label {
                            Some(l) => Ok(expr(ExprKind::LabeledBlock(l, b), span)),
                            None => Err(LangError::new(span, "a labeled block needs its label")),
                        }
                    }
                    _ => Err(self.expected("`loop`, `while`, `for` or a block after a label")),
                }
            }
            Tok::P("(") => {
                self.bump();
                let outer = std::mem::replace(&mut self.no_struct, false);
                let r = (|| {
                    if let Ok(end) = self.expect_p(")") {
                        return Ok(expr(ExprKind::Unit, t.span.to(end)));
                    }
                    let first = self.expr()?;
                    if self.eat_p(")") {
                        // Parentheses keep the span of what they hold, wider.
                        return Ok(Expr { span: t.span.to(self.prev_span()), ..first });
                    }
                    self.expect_p(",")?;
                    let mut items = vec![first];
                    items.extend(self.args(")")?);
                    Ok(expr(ExprKind::Tuple(items), t.span.to(self.prev_span())))
                })();
                self.no_struct = outer;
                r
            }
            Tok::P("[") => {
                self.bump();
                let outer = std::mem::replace(&mut self.no_struct, false);
                let r = (|| {
                    if self.eat_p("]") {
                        return Ok(expr(ExprKind::Array(Vec::new()), t.span.to(self.prev_span())));
                    }
                    let first = self.expr()?;
                    if self.eat_p(";") {
                        let n = self.expr()?;
                        self.expect_p("]")?;
                        return Ok(expr(ExprKind::Repeat(Box::new(first), Box::new(n)), t.span.to(self.prev_span())));
                    }
                    let mut items = vec![first];
                    if self.eat_p(",") {
                        items.extend(self.args("]")?);
                    } else {
                        self.expect_p("]")?;
                    }
                    Ok(expr(ExprKind::Array(items), t.span.to(self.prev_span())))
                })();
                self.no_struct = outer;
                r
            }
            Tok::P("{") => {
                let b = self.block()?;
                let span = b.span;
                Ok(expr(ExprKind::Block(b), span))
            }
            Tok::P("|" | "||") => self.closure(false),
            Tok::P("::" | "<") if matches!(t.tok, Tok::P("::")) => self.path_expr(),
            Tok::P("<") => self.qualified_path_expr(),
            Tok::Ident(k) => match k.as_str() {
                "true" | "false" => {
                    self.bump();
                    Ok(expr(ExprKind::Bool(k == "true"), t.span))
                }
                "if" => self.if_expr(),
                "match" => self.match_expr(),
                "loop" => self.loop_expr(None),
                "while" => self.while_expr(None),
                "for" => self.for_expr(None),
                "move" => {
                    self.bump();
                    if self.is_p("|") || self.is_p("||") {
                        return self.closure(true);
                    }
                    Err(self.expected("a closure after `move`"))
                }
                "unsafe" => {
                    self.bump();
                    if !self.is_p("{") {
                        return Err(self.expected("a block after `unsafe`"));
                    }
                    let b = self.block()?;
                    let span = t.span.to(b.span);
                    Ok(expr(ExprKind::Block(b), span))
                }
                "async" => {
                    self.bump();
                    let is_move = self.eat_kw("move");
                    // `async |x| body` (an async closure): a closure whose call is the future
                    // of its body, `|x| async { body }` (`move |x| async { body }` for `async
                    // move`): each call's future shares what the closure holds, as an async
                    // closure's futures borrow it, so it can be called again.
                    if self.is_p("|") || self.is_p("||") {
                        let c = self.closure(is_move)?;
                        let ExprKind::Closure(params, body, _) = c.kind else { return Ok(c) };
                        let b = match body.kind {
                            ExprKind::Block(b) => b,
                            _ => Block { span: body.span, stmts: vec![Stmt::Expr { expr: *body, semi: false }] },
                        };
                        let fut = expr(ExprKind::Async(b, false), c.span);
                        return Ok(expr(ExprKind::Closure(params, Box::new(fut), is_move), t.span.to(c.span)));
                    }
                    let b = self.block()?;
                    let span = t.span.to(b.span);
                    Ok(expr(ExprKind::Async(b, is_move), span))
                }
                "break" => {
                    self.bump();
                    let label = self.label();
                    let value = if self.starts_expr() { Some(Box::new(self.expr()?)) } else { None };
                    Ok(expr(ExprKind::Break(label, value), t.span.to(self.prev_span())))
                }
                "continue" => {
                    self.bump();
                    let label = self.label();
                    Ok(expr(ExprKind::Continue(label), t.span.to(self.prev_span())))
                }
                "return" => {
                    self.bump();
                    let value = if self.starts_expr() { Some(Box::new(self.expr()?)) } else { None };
                    Ok(expr(ExprKind::Return(value), t.span.to(self.prev_span())))
                }
                "let" => Err(LangError::new(t.span, "`let` is only allowed as a statement, or as the condition of `if` and `while`")),
                "self" | "Self" | "crate" | "super" => self.path_expr(),
                k if KEYWORDS.contains(&k) => Err(self.expected("an expression")),
                _ => self.path_expr(),
            },
            _ => Err(self.expected("an expression")),
        }
    }

    /// Whether an expression can start at the next token (after `break` or `return`).
    fn starts_expr(&self) -> bool {
        !matches!(self.peek().tok, Tok::P(")" | "]" | "}" | "," | ";" | "=>") | Tok::Eof)
    }

    fn closure(&mut self, is_move: bool) -> R<Expr> {
        let start = self.peek().span;
        let mut params = Vec::new();
        if !self.eat_p("||") {
            self.expect_p("|")?;
            while !self.is_p("|") {
                let p = self.pattern()?;
                let ty = if self.eat_p(":") { self.ty()? } else { Type::Infer };
                params.push(Param { pat: p, ty });
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p("|")?;
        }
        let body = if self.eat_p("->") {
            // `|w| -> String { … }`: the block's value typed as a `let` of that type is
            // (`{ let r: String = { … }; r }`), so a `collect()` in it makes a `String`.
            let ty = self.ty()?;
            let b = self.block()?;
            let span = b.span;
            let name: Rc<str> = Rc::from("\u{1}ret");
            let var =
                Expr { kind: ExprKind::Path(Path { segs: vec![PathSeg { name: name.clone(), generics: Vec::new(), span }], span }), span };
            let stmts = vec![
                Stmt::Let {
                    pat: Pat { kind: PatKind::Bind { name, by_ref: false, mutable: false, sub: None }, span },
                    ty: Some(ty),
                    init: Some(expr(ExprKind::Block(b), span)),
                    els: None,
                    span,
                },
                Stmt::Expr { expr: var, semi: false },
            ];
            expr(ExprKind::Block(Block { stmts, span }), span)
        } else {
            self.expr()?
        };
        let span = start.to(body.span);
        Ok(expr(ExprKind::Closure(params, Box::new(body), is_move), span))
    }

    fn if_expr(&mut self) -> R<Expr> {
        // `else if` chains recurse, in the parser and when run: each counts as a level.
        self.enter()?;
        let e = self.if_chain();
        self.leave();
        e
    }

    /// The condition of `if` or `while`: an expression, or `let pat = value`.
    fn cond(&mut self) -> R<Expr> {
        if self.is_kw("let") {
            let start = self.bump().span;
            let p = self.pattern_top()?;
            self.expect_p("=")?;
            let outer = std::mem::replace(&mut self.no_struct, true);
            // The scrutinee binds tighter than `&&` and `||` (let chains are not Rust 2021).
            let value = self.binary(2);
            self.no_struct = outer;
            let value = value?;
            if self.is_p("&&") || self.is_p("||") {
                return Err(LangError::new(self.peek().span, "`let` chains (`if let … && …`) are not stable Rust: nest the `if`s"));
            }
            let span = start.to(value.span);
            return Ok(expr(ExprKind::Let(Box::new(p), Box::new(value)), span));
        }
        self.expr_no_struct()
    }

    fn if_chain(&mut self) -> R<Expr> {
        let start = self.expect_kw("if")?;
        let cond = self.cond()?;
        let then = self.block()?;
        let mut span = start.to(then.span);
        let els = if self.eat_kw("else") {
            let e = if self.is_kw("if") {
                self.if_expr()?
            } else {
                let b = self.block()?;
                let s = b.span;
                expr(ExprKind::Block(b), s)
            };
            span = span.to(e.span);
            Some(Box::new(e))
        } else {
            None
        };
        Ok(expr(ExprKind::If(Box::new(cond), then, els), span))
    }

    fn match_expr(&mut self) -> R<Expr> {
        let start = self.expect_kw("match")?;
        let scrutinee = self.expr_no_struct()?;
        self.expect_p("{")?;
        let outer = std::mem::replace(&mut self.no_struct, false);
        let mut arms = Vec::new();
        while !self.is_p("}") {
            if self.peek().tok == Tok::Eof {
                return Err(self.expected("`}` to close the match"));
            }
            self.attributes()?;
            let p = self.pattern_top()?;
            let guard = if self.eat_kw("if") { Some(self.expr()?) } else { None };
            self.expect_p("=>")?;
            let body = self.expr_stmt()?;
            let block = body.kind.block_like();
            arms.push(Arm { pat: p, guard, body });
            if !self.eat_p(",") && !block && !self.is_p("}") {
                return Err(self.expected("`,` after a match arm"));
            }
        }
        let end = self.expect_p("}")?;
        self.no_struct = outer;
        Ok(expr(ExprKind::Match(Box::new(scrutinee), arms), start.to(end)))
    }

    fn loop_expr(&mut self, label: Option<Rc<str>>) -> R<Expr> {
        let start = self.expect_kw("loop")?;
        let body = self.block()?;
        Ok(expr(ExprKind::Loop(label, body), start))
    }

    fn while_expr(&mut self, label: Option<Rc<str>>) -> R<Expr> {
        let start = self.expect_kw("while")?;
        let cond = self.cond()?;
        let body = self.block()?;
        Ok(expr(ExprKind::While(label, Box::new(cond), body), start))
    }

    fn for_expr(&mut self, label: Option<Rc<str>>) -> R<Expr> {
        let start = self.expect_kw("for")?;
        let p = self.pattern_top()?;
        self.expect_kw("in")?;
        let iter = self.expr_no_struct()?;
        let span = start.to(iter.span);
        self.untyped_ints |= matches!(&iter.kind, ExprKind::Range(Some(lo), _, _) if untyped_int(lo));
        let body = self.block()?;
        Ok(expr(ExprKind::For(label, Box::new(p), Box::new(iter), body), span))
    }

    /// `<Dog as Animal>::baby_name`: the trait's item of that type, named `Animal::baby_name` on
    /// the type (the name its impl's functions also have, beside their own).
    #[inline(never)]
    fn qualified_path_expr(&mut self) -> R<Expr> {
        let start = self.expect_p("<")?;
        let ty = self.ty()?;
        if !self.eat_kw("as") {
            // `<str>::len(s)`, `<Vec<u8>>::new()`: the type's item, as `str::len` names it.
            let head = match &ty {
                Type::Path(tp) => tp.segs.last().cloned(),
                _ => None,
            };
            let Some(head) = head else {
                // `<(i32, String)>::default()`, `<[f32; 3]>::default()`: the closure
                // `|| { let d: T = Default::default(); d }`, whose `let` types the default.
                if matches!(ty, Type::Tuple(_) | Type::Array(..))
                    && self.is_p(">")
                    && matches!(self.peek_at(2), Tok::Ident(n) if n == "default")
                {
                    self.expect_p(">")?;
                    self.expect_p("::")?;
                    let (_, span) = self.ident("an item of the type")?;
                    return Ok(typed_default(ty, start.to(span)));
                }
                return Err(LangError::new(
                    start,
                    "qualified paths are supported for a named type here (`<str>::len`, `<Dog as Animal>::name`)",
                ));
            };
            self.expect_p(">")?;
            self.expect_p("::")?;
            let (name, span) = self.ident("an item of the type")?;
            let item = PathSeg { name, generics: Vec::new(), span };
            let path = Path { segs: vec![head, item], span: start.to(span) };
            return Ok(expr(ExprKind::Path(path), start.to(span)));
        }
        let tr = self.path(true)?;
        self.expect_p(">")?;
        self.expect_p("::")?;
        let (name, span) = self.ident("an item of the trait")?;
        let Type::Path(tp) = ty else {
            return Err(LangError::new(start, "qualified paths are supported for a named type here (`<Dog as Animal>::name`)"));
        };
        let Some(head) = tp.segs.last().cloned() else { return Err(self.expected("a type")) };
        let item = PathSeg { name: Rc::from(format!("{}::{name}", tr.last())), generics: Vec::new(), span };
        let path = Path { segs: vec![PathSeg { generics: Vec::new(), ..head }, item], span: start.to(span) };
        Ok(expr(ExprKind::Path(path), start.to(span)))
    }

    fn path_expr(&mut self) -> R<Expr> {
        let path = self.path(false)?;
        let span = path.span;
        if self.is_p("!") && !matches!(self.peek_at(1), Tok::P("=")) {
            self.bump();
            return self.macro_call(path);
        }
        if self.is_p("{") && !self.no_struct {
            return self.struct_lit(path);
        }
        Ok(expr(ExprKind::Path(path), span))
    }

    #[inline(never)]
    fn struct_lit(&mut self, path: Path) -> R<Expr> {
        self.expect_p("{")?;
        let outer = std::mem::replace(&mut self.no_struct, false);
        let mut fields: Vec<(Rc<str>, Expr)> = Vec::new();
        let mut base = None;
        while !self.is_p("}") {
            if self.eat_p("..") {
                base = Some(Box::new(self.expr()?));
                break;
            }
            let (name, span) = match self.peek().tok {
                Tok::Int(n, None) => {
                    let t = self.bump();
                    (Rc::from(n.to_string().as_str()), t.span)
                }
                _ => self.ident("a field name")?,
            };
            let value = if self.eat_p(":") {
                self.expr()?
            } else {
                expr(ExprKind::Path(Path { segs: vec![PathSeg { name: name.clone(), generics: Vec::new(), span }], span }), span)
            };
            if fields.iter().any(|(n, _)| *n == name) {
                return Err(LangError::new(span, format!("field `{name}` specified more than once")));
            }
            fields.push((name, value));
            if !self.eat_p(",") {
                break;
            }
        }
        let end = self.expect_p("}")?;
        self.no_struct = outer;
        let span = path.span.to(end);
        Ok(expr(ExprKind::Struct(path, fields, base), span))
    }

    /// The format string and arguments of `println!` and friends.
    fn format_args(&mut self, close: &str, required: bool) -> R<Option<Box<Format>>> {
        if self.is_p(close) {
            if required {
                return Err(self.expected("a format string"));
            }
            return Ok(None);
        }
        let fmt_tok = self.bump();
        let Tok::Str(fmt) = fmt_tok.tok else {
            return Err(LangError::new(fmt_tok.span, "a format string literal must come first, such as \"{}\""));
        };
        let pieces = super::format::pieces(&fmt).map_err(|m| LangError::new(fmt_tok.span, m))?;
        let mut args = Vec::new();
        while self.eat_p(",") {
            if self.is_p(close) {
                break;
            }
            let name = if matches!(self.peek().tok, Tok::Ident(_)) && matches!(self.peek_at(1), Tok::P("=")) {
                let n = self.ident("a name")?.0;
                self.bump();
                Some(n)
            } else {
                None
            };
            args.push((name, self.expr()?));
        }
        super::format::check_args(&pieces, &args).map_err(|m| LangError::new(fmt_tok.span, m))?;
        Ok(Some(Box::new(Format { pieces, args, span: fmt_tok.span })))
    }

    fn macro_call(&mut self, path: Path) -> R<Expr> {
        let start = path.span;
        let name = path.last().to_string();
        let close = match &self.peek().tok {
            Tok::P("(") => ")",
            Tok::P("[") => "]",
            Tok::P("{") => "}",
            _ => return Err(self.expected("`(`, `[` or `{` after the macro's name")),
        };
        self.bump();
        let outer = std::mem::replace(&mut self.no_struct, false);
        let kind = self.macro_body(&name, close, start);
        self.no_struct = outer;
        let kind = kind?;
        let end = self.expect_p(close)?;
        Ok(expr(kind, start.to(end)))
    }

    /// `dbg!(e)`: `{ let v = e; eprintln!("[src/main.rs:L:C] e = {:#?}", &v); v }`, its value
    /// passed on (a function of its own: an embed's first module does not need it).
    #[inline(never)]
    fn dbg_macro(&mut self, close: &str, start: Span) -> R<ExprKind> {
        let from = self.pos;
        let e = self.expr()?;
        let text = self.text_of(from, self.pos);
        self.eat_p(",");
        if !self.is_p(close) {
            return Err(LangError::new(start, "`dbg!` of several values is not supported in the playground yet: one `dbg!` each"));
        }
        let at = start.start as usize;
        let line = self.line_starts.partition_point(|&s| s <= at).max(1);
        let col = at - self.line_starts.get(line - 1).copied().unwrap_or(0) + 1;
        let name: Rc<str> = Rc::from("\u{1}dbg");
        let var = || Expr {
            kind: ExprKind::Path(Path { segs: vec![PathSeg { name: name.clone(), generics: Vec::new(), span: start }], span: start }),
            span: start,
        };
        let spec = Spec { alternate: true, kind: Some('?'), ..Spec::default() };
        let f = Format {
            pieces: vec![Piece::Lit(Rc::from(format!("[src/main.rs:{line}:{col}] {text} = "))), Piece::Arg(ArgRef::Next, Box::new(spec))],
            args: vec![(None, Expr { kind: ExprKind::Ref(false, Box::new(var())), span: start })],
            span: start,
        };
        let stmts = vec![
            Stmt::Let {
                pat: Pat { kind: PatKind::Bind { name: name.clone(), by_ref: false, mutable: false, sub: None }, span: start },
                ty: None,
                init: Some(e),
                els: None,
                span: start,
            },
            Stmt::Expr { expr: Expr { kind: ExprKind::Fmt(FmtKind::Eprintln, None, Box::new(f)), span: start }, semi: true },
            Stmt::Expr { expr: var(), semi: false },
        ];
        Ok(ExprKind::Block(Block { stmts, span: start }))
    }

    /// `ready!(e)`: `match e { Poll::Ready(t) => t, Poll::Pending => return Poll::Pending }`.
    #[inline(never)]
    fn ready_macro(&mut self, start: Span) -> R<ExprKind> {
        let e = self.expr()?;
        self.eat_p(",");
        let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span: start };
        let poll = |v: &str| Path { segs: vec![seg("std"), seg("task"), seg("Poll"), seg(v)], span: start };
        let at = |kind| Expr { kind, span: start };
        let t: Rc<str> = Rc::from("__ready");
        let bind = Pat { kind: PatKind::Bind { name: t.clone(), by_ref: false, mutable: false, sub: None }, span: start };
        let ready = Arm {
            pat: Pat { kind: PatKind::TupleStruct(poll("Ready"), vec![bind]), span: start },
            guard: None,
            body: at(ExprKind::Path(Path { segs: vec![seg(&t)], span: start })),
        };
        let pending = Arm {
            pat: Pat { kind: PatKind::Path(poll("Pending")), span: start },
            guard: None,
            body: at(ExprKind::Return(Some(Box::new(at(ExprKind::Path(poll("Pending"))))))),
        };
        Ok(ExprKind::Match(Box::new(e), vec![ready, pending]))
    }

    fn macro_body(&mut self, name: &str, close: &str, start: Span) -> R<ExprKind> {
        // The step form's macros here; every other one out of line (an embed of a step-form
        // scenario never enters `macro_body_rare`, which ships in the language's module).
        match name {
            "join" => {
                let args = self.args_until(close)?;
                if args.is_empty() {
                    return Err(LangError::new(start, "join! needs at least one future"));
                }
                Ok(ExprKind::Join(args, false))
            }
            "select" | "select_biased" => self.select_macro(close, start),
            _ => self.macro_body_rare(name, close, start),
        }
    }

    /// [`Parser::macro_body`]'s other macros.
    #[inline(never)]
    fn macro_body_rare(&mut self, name: &str, close: &str, start: Span) -> R<ExprKind> {
        let fmt_kind = match name {
            "println" => Some(FmtKind::Println),
            "print" => Some(FmtKind::Print),
            "eprintln" => Some(FmtKind::Eprintln),
            "eprint" => Some(FmtKind::Eprint),
            "format" => Some(FmtKind::Format),
            "panic" => Some(FmtKind::Panic),
            "unreachable" => Some(FmtKind::Unreachable),
            "todo" => Some(FmtKind::Todo),
            "unimplemented" => Some(FmtKind::Unimplemented),
            _ => None,
        };
        if let Some(kind) = fmt_kind {
            let required = kind == FmtKind::Format;
            let f = self.format_args(close, required)?;
            let f = f.unwrap_or_else(|| Box::new(Format { pieces: Vec::new(), args: Vec::new(), span: start }));
            return Ok(ExprKind::Fmt(kind, None, f));
        }
        Ok(match name {
            "write" | "writeln" => {
                let dest = self.expr()?;
                let f = if self.eat_p(",") { self.format_args(close, name == "write")? } else { None };
                let f = f.unwrap_or_else(|| Box::new(Format { pieces: Vec::new(), args: Vec::new(), span: start }));
                ExprKind::Fmt(if name == "write" { FmtKind::Write } else { FmtKind::Writeln }, Some(Box::new(dest)), f)
            }
            "vec" => {
                if self.is_p(close) {
                    return Ok(ExprKind::Vec(Vec::new()));
                }
                let first = self.expr()?;
                if self.eat_p(";") {
                    let n = self.expr()?;
                    return Ok(ExprKind::VecRepeat(Box::new(first), Box::new(n)));
                }
                let mut items = vec![first];
                while self.eat_p(",") {
                    if self.is_p(close) {
                        break;
                    }
                    items.push(self.expr()?);
                }
                ExprKind::Vec(items)
            }
            // `dbg!(e)`: `{ let v = e; eprintln!("[src/main.rs:L:C] e = {:#?}", &v); v }`, its
            // value passed on.
            "dbg" => self.dbg_macro(close, start)?,
            "ready" => self.ready_macro(start)?,
            "assert" | "debug_assert" => {
                let from = self.pos;
                let cond = self.expr()?;
                let text = self.text_of(from, self.pos);
                let msg = if self.eat_p(",") { self.format_args(close, false)? } else { None };
                ExprKind::Assert(Box::new(cond), msg, text)
            }
            "assert_eq" | "assert_ne" | "debug_assert_eq" | "debug_assert_ne" => {
                let a = self.expr()?;
                self.expect_p(",")?;
                let b = self.expr()?;
                let msg = if self.eat_p(",") { self.format_args(close, false)? } else { None };
                ExprKind::AssertEq(name.ends_with("eq"), Box::new(a), Box::new(b), msg)
            }
            "matches" => {
                let e = self.expr()?;
                self.expect_p(",")?;
                let p = self.pattern_top()?;
                let guard = if self.eat_kw("if") { Some(Box::new(self.expr()?)) } else { None };
                self.eat_p(",");
                ExprKind::Matches(Box::new(e), Box::new(p), guard)
            }
            "try_join" => {
                let args = self.args_until(close)?;
                if args.is_empty() {
                    return Err(LangError::new(start, "try_join! needs at least one future"));
                }
                ExprKind::Join(args, true)
            }
            "pin" => {
                let e = self.expr()?;
                ExprKind::Pin(Box::new(e))
            }
            // `pin_mut!(a, b)` pins each variable where it is: a pinned value moves nowhere here
            // (futures are polled where they live), so the names stay as they are.
            "pin_mut" => {
                let args = self.args_until(close)?;
                if let Some(e) = args.iter().find(|e| !matches!(&e.kind, ExprKind::Path(p) if p.single().is_some())) {
                    return Err(LangError::new(e.span, "`pin_mut!` takes the names of local variables: `pin_mut!(fut)`"));
                }
                ExprKind::Unit
            }
            other => {
                return Err(LangError::new(
                    start,
                    format!("the macro `{other}!` is outside what the playground runs, which is {LANGUAGE_SUMMARY}"),
                ));
            }
        })
    }

    /// `select!`'s arms, up to `close` (not consumed).
    fn select_macro(&mut self, close: &str, start: Span) -> R<ExprKind> {
        let mut arms = Vec::new();
        // `select!` takes its arms in braces; `select!(…)` is accepted as well.
        while !self.is_p(close) {
            // futures' `complete => …` and `default => …` arms.
            let special = match &self.peek().tok {
                Tok::Ident(w) if matches!(self.peek_at(1), Tok::P(p) if same(p, "=>")) => match w.as_str() {
                    "complete" => Some(SelectArmKind::Complete),
                    "default" => Some(SelectArmKind::Default),
                    _ => None,
                },
                _ => None,
            };
            let (p, fut, kind) = match special {
                Some(kind) => {
                    let at = self.bump().span;
                    if arms.iter().any(|a: &SelectArm| a.kind == kind) {
                        let name = if kind == SelectArmKind::Complete { "complete" } else { "default" };
                        return Err(LangError::new(at, format!("select! has one `{name}` arm at most")));
                    }
                    (pat(PatKind::Wild, at), Expr { kind: ExprKind::Unit, span: at }, kind)
                }
                None => {
                    let p = self.pattern_top()?;
                    self.expect_p("=")?;
                    (p, self.expr()?, SelectArmKind::Future)
                }
            };
            self.expect_p("=>")?;
            let body = self.expr_stmt()?;
            let block = body.kind.block_like();
            arms.push(SelectArm { pat: p, fut, body, kind });
            if !self.eat_p(",") && !block {
                break;
            }
        }
        if !arms.iter().any(|a| a.kind == SelectArmKind::Future) {
            return Err(LangError::new(start, "select! needs at least one arm: `_ = future => expression`"));
        }
        Ok(ExprKind::Select(arms))
    }

    /// Comma-separated expressions up to `close` (not consumed).
    fn args_until(&mut self, close: &str) -> R<Vec<Expr>> {
        let mut args = Vec::new();
        while !self.is_p(close) {
            args.push(self.expr()?);
            if !self.eat_p(",") {
                break;
            }
        }
        Ok(args)
    }

    // ----- Patterns -----

    /// A pattern where `a | b` is allowed (after `let`, in a match arm, `if let`, `for`).
    fn pattern_top(&mut self) -> R<Pat> {
        self.eat_p("|");
        let first = self.pattern()?;
        if !self.is_p("|") {
            return Ok(first);
        }
        let mut alts = vec![first];
        while self.eat_p("|") {
            alts.push(self.pattern()?);
        }
        let span = alts[0].span.to(alts[alts.len() - 1].span);
        Ok(pat(PatKind::Or(alts), span))
    }

    fn pattern(&mut self) -> R<Pat> {
        self.enter()?;
        let p = self.pattern_inner();
        self.leave();
        p
    }

    fn pattern_inner(&mut self) -> R<Pat> {
        // `_`, the only pattern of the step form's programs (a `select!` arm's).
        if matches!(&self.peek().tok, Tok::Ident(k) if k == "_") {
            let start = self.bump().span;
            return Ok(pat(PatKind::Wild, start));
        }
        self.pattern_rare()
    }

    /// The patterns [`pattern_inner`](Self::pattern_inner) leaves, in a function of their own,
    /// which an embed's first module does not need (tools/lazy-split splits by function).
    #[inline(never)]
    fn pattern_rare(&mut self) -> R<Pat> {
        let t = self.peek().clone();
        let start = t.span;
        match &t.tok {
            Tok::P("(") => {
                self.bump();
                let mut items = Vec::new();
                let mut trailing = false;
                while !self.is_p(")") {
                    items.push(self.pattern_top()?);
                    trailing = self.eat_p(",");
                    if !trailing {
                        break;
                    }
                }
                let end = self.expect_p(")")?;
                if items.len() == 1 && !trailing {
                    let inner = items.pop().unwrap_or(pat(PatKind::Wild, start));
                    return Ok(Pat { span: start.to(end), ..inner });
                }
                Ok(pat(PatKind::Tuple(items), start.to(end)))
            }
            Tok::P("[") => {
                self.bump();
                let mut items = Vec::new();
                while !self.is_p("]") {
                    items.push(self.pattern_top()?);
                    if !self.eat_p(",") {
                        break;
                    }
                }
                let end = self.expect_p("]")?;
                Ok(pat(PatKind::Slice(items), start.to(end)))
            }
            Tok::P("&" | "&&") => {
                let double = self.bump().tok == Tok::P("&&");
                let m = self.eat_kw("mut");
                let inner = self.pattern()?;
                let span = start.to(inner.span);
                let p = pat(PatKind::Ref(Box::new(inner), m), span);
                Ok(if double { pat(PatKind::Ref(Box::new(p), false), span) } else { p })
            }
            Tok::P("..") => {
                self.bump();
                Ok(pat(PatKind::Rest, start))
            }
            Tok::P("..=") => {
                self.bump();
                let hi = self.range_bound()?;
                Ok(pat(PatKind::Range(None, Some(Box::new(hi)), true), start.to(self.prev_span())))
            }
            Tok::Int(..) | Tok::Char(_) | Tok::Str(_) | Tok::P("-") => {
                let lo = self.range_bound()?;
                self.range_pattern(lo)
            }
            // `b"GET"` matches the bytes `&[b'G', b'E', b'T']`.
            Tok::ByteStr(bs) => {
                self.bump();
                let lit = |b: &u8| pat(PatKind::Lit(Box::new(expr(ExprKind::Int(u64::from(*b), Some(IntTy::U8)), start))), start);
                Ok(pat(PatKind::Ref(Box::new(pat(PatKind::Slice(bs.iter().map(lit).collect()), start)), false), start))
            }
            Tok::Ident(k) if k == "_" => {
                self.bump();
                Ok(pat(PatKind::Wild, start))
            }
            Tok::Ident(k) if k == "true" || k == "false" => {
                self.bump();
                Ok(pat(PatKind::Lit(Box::new(expr(ExprKind::Bool(k == "true"), start))), start))
            }
            Tok::Ident(k) if k == "ref" || k == "mut" => {
                let by_ref = self.eat_kw("ref");
                let mutable = self.eat_kw("mut");
                let (name, span) = self.ident("a name to bind")?;
                let sub = if self.eat_p("@") { Some(Box::new(self.pattern()?)) } else { None };
                Ok(pat(PatKind::Bind { name, by_ref, mutable, sub }, start.to(span)))
            }
            Tok::Ident(_) | Tok::P("::") => {
                let path = self.path(false)?;
                if self.is_p("(") {
                    self.bump();
                    let mut items = Vec::new();
                    while !self.is_p(")") {
                        items.push(self.pattern_top()?);
                        if !self.eat_p(",") {
                            break;
                        }
                    }
                    let end = self.expect_p(")")?;
                    return Ok(pat(PatKind::TupleStruct(path, items), start.to(end)));
                }
                if self.is_p("{") {
                    self.bump();
                    let mut fields = Vec::new();
                    let mut rest = false;
                    while !self.is_p("}") {
                        if self.eat_p("..") {
                            rest = true;
                            break;
                        }
                        let by_ref = self.eat_kw("ref");
                        let mutable = self.eat_kw("mut");
                        let (name, span) = match self.peek().tok {
                            Tok::Int(n, None) => {
                                let t = self.bump();
                                (Rc::from(n.to_string().as_str()), t.span)
                            }
                            _ => self.ident("a field name")?,
                        };
                        let p = if !by_ref && !mutable && self.eat_p(":") {
                            self.pattern_top()?
                        } else {
                            pat(PatKind::Bind { name: name.clone(), by_ref, mutable, sub: None }, span)
                        };
                        fields.push((name, p));
                        if !self.eat_p(",") {
                            break;
                        }
                    }
                    let end = self.expect_p("}")?;
                    return Ok(pat(PatKind::Struct(path, fields, rest), start.to(end)));
                }
                if self.is_p("..=") || self.is_p("..") {
                    let span = path.span;
                    return self.range_pattern(expr(ExprKind::Path(path), span));
                }
                // A single name binds, unless the compiler finds it names a unit variant, a
                // unit struct or a constant (`None`), as Rust decides.
                if let Some(name) = path.single().cloned() {
                    let sub = if self.eat_p("@") { Some(Box::new(self.pattern()?)) } else { None };
                    return Ok(pat(PatKind::Bind { name, by_ref: false, mutable: false, sub }, start.to(self.prev_span())));
                }
                Ok(pat(PatKind::Path(path), start))
            }
            _ => Err(self.expected("a pattern")),
        }
    }

    /// A literal (maybe negative) or a path, as a range pattern's bound.
    fn range_bound(&mut self) -> R<Expr> {
        let t = self.bump();
        Ok(match t.tok {
            Tok::Int(n, ty) => expr(ExprKind::Int(n, ty), t.span),
            Tok::Char(c) => expr(ExprKind::Char(c), t.span),
            Tok::Str(s) => expr(ExprKind::Str(Rc::from(s.as_str())), t.span),
            Tok::P("-") => {
                let n = self.bump();
                let Tok::Int(v, ty) = n.tok else { return Err(LangError::new(n.span, "expected a number after `-`")) };
                let lit = expr(ExprKind::Int(v, ty), n.span);
                expr(ExprKind::Unary(UnOp::Neg, Box::new(lit)), t.span.to(n.span))
            }
            Tok::Ident(_) => {
                self.pos -= 1;
                let p = self.path(false)?;
                let span = p.span;
                expr(ExprKind::Path(p), span)
            }
            _ => return Err(LangError::new(t.span, format!("expected a literal, found {}", t.tok))),
        })
    }

    fn range_pattern(&mut self, lo: Expr) -> R<Pat> {
        let start = lo.span;
        if self.eat_p("..=") {
            let hi = self.range_bound()?;
            return Ok(pat(PatKind::Range(Some(Box::new(lo)), Some(Box::new(hi)), true), start.to(self.prev_span())));
        }
        if self.eat_p("..") {
            if matches!(self.peek().tok, Tok::Int(..) | Tok::Char(_) | Tok::P("-")) {
                let hi = self.range_bound()?;
                return Ok(pat(PatKind::Range(Some(Box::new(lo)), Some(Box::new(hi)), false), start.to(self.prev_span())));
            }
            return Ok(pat(PatKind::Range(Some(Box::new(lo)), None, false), start.to(self.prev_span())));
        }
        Ok(match lo.kind {
            ExprKind::Path(p) => pat(PatKind::Path(p), start),
            kind => pat(PatKind::Lit(Box::new(Expr { kind, span: start })), start),
        })
    }
}

/// `t` with each `Self::Name` of `assoc` (an impl's associated types) replaced by its type;
/// `None` when it names none.
fn with_assoc_types(t: &Type, assoc: &[(Rc<str>, Type)]) -> Option<Type> {
    match t {
        Type::Path(p) => {
            if let [s, name] = p.segs.as_slice() {
                if &*s.name == "Self" && name.generics.is_empty() {
                    return assoc.iter().find(|(n, _)| *n == name.name).map(|(_, t)| t.clone());
                }
            }
            let mut changed = false;
            let mut p = p.clone();
            for seg in &mut p.segs {
                for g in &mut seg.generics {
                    if let Some(t) = with_assoc_types(g, assoc) {
                        *g = t;
                        changed = true;
                    }
                }
            }
            changed.then_some(Type::Path(p))
        }
        Type::Ref(m, inner) => with_assoc_types(inner, assoc).map(|t| Type::Ref(*m, Box::new(t))),
        _ => None,
    }
}

/// A name and where it is written.
type Named = (Rc<str>, Span);

/// A function's body with its const parameters bound first, each to the length of the
/// parameter that gives it (`let N: usize = m.len();`), as rustc infers `N` from the argument.
fn const_params_bound(mut body: Block, consts: &[Named], from: &[Option<(Rc<str>, usize)>]) -> R<Block> {
    let mut lets = Vec::new();
    for ((name, span), param) in consts.iter().zip(from) {
        let Some((param, depth)) = param else {
            return Err(LangError::new(
                *span,
                format!("the playground reads a const parameter from the length of an array parameter (`a: [T; {name}]`), and no parameter of this function is one: pass the array, or make `{name}` an argument"),
            ));
        };
        let path = |n: &Rc<str>| Path { segs: vec![PathSeg { name: n.clone(), generics: Vec::new(), span: *span }], span: *span };
        let mut recv = expr(ExprKind::Path(path(param)), *span);
        for _ in 0..*depth {
            recv = expr(ExprKind::Index(Box::new(recv), Box::new(expr(ExprKind::Int(0, None), *span))), *span);
        }
        let len = expr(ExprKind::Method(Box::new(recv), Rc::from("len"), *span, Vec::new(), None), *span);
        lets.push(Stmt::Let {
            pat: Pat { kind: PatKind::Bind { name: name.clone(), by_ref: false, mutable: false, sub: None }, span: *span },
            ty: Some(Type::Path(path(&Rc::from("usize")))),
            init: Some(len),
            els: None,
            span: *span,
        });
    }
    lets.append(&mut body.stmts);
    body.stmts = lets;
    Ok(body)
}
