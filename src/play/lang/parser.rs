//! A recursive-descent parser for the playground's Rust subset.
//!
//! Anything outside the subset is an error with a position, the token found, and what was
//! expected; a Rust keyword the playground does not support says so.

use std::rc::Rc;

use super::ast::{BinOp, Block, Expr, ExprKind, FnDef, Pat, Piece, Program, SelectArm, Stmt};
use super::lexer::{lex, LangError, Span, Tok, Token};

/// How deep blocks and expressions may nest.
pub const MAX_DEPTH: usize = 64;

/// Rust keywords outside the subset.
const UNSUPPORTED: [&str; 22] = [
    "impl", "match", "struct", "enum", "trait", "move", "mod", "use", "pub", "where", "type", "const", "static", "unsafe", "dyn", "ref",
    "as", "self", "Self", "super", "crate", "extern",
];
const KEYWORDS: [&str; 14] =
    ["async", "fn", "let", "mut", "for", "in", "loop", "while", "if", "else", "break", "continue", "return", "await"];

/// Whether `name` is taken: a keyword, a Rust keyword outside the subset, or a built-in.
pub fn is_reserved(name: &str) -> bool {
    KEYWORDS.contains(&name)
        || UNSUPPORTED.contains(&name)
        || matches!(name, "true" | "false" | "_")
        || BUILTINS.iter().any(|(b, _)| *b == name)
}

/// The built-in functions and how many arguments each takes.
pub const BUILTINS: [(&str, usize); 13] = [
    ("sleep", 1),
    ("yield_now", 0),
    ("spawn", 1),
    ("spin", 1),
    ("drop", 1),
    ("lost_waker", 0),
    ("stale_waker", 0),
    ("wake_by_ref_then_pending", 0),
    ("TimerFuture::new", 1),
    ("Duration::from_millis", 1),
    ("Duration::from_secs", 1),
    ("Duration::new", 2),
    ("std::mem::drop", 1),
];

/// Parses and checks a program: every call names a function that exists, with the right
/// number of arguments, and `async fn main()` is there.
///
/// ```
/// use waker_playground::play::lang::parse;
/// let p = parse("async fn main() { sleep(10).await; }").unwrap();
/// assert_eq!(p.fns[0].name, "main");
/// let src = "async fn main() { sleep(10).await }\nasync fn f() { match x {} }";
/// assert_eq!(parse(src).unwrap_err().render(src), "2:16: `match` is not supported in the playground yet");
/// ```
pub fn parse(src: &str) -> Result<Program, LangError> {
    parse_tokens(lex(src)?)
}

/// Parses a program the playground wrote itself from the step form's tasks, whose size the
/// form's own limits bound (1,000 tasks make more than the 64 KB a person may type).
pub fn parse_generated(src: &str) -> Result<Program, LangError> {
    parse_tokens(super::lexer::lex_within(src, usize::MAX)?)
}

fn parse_tokens(toks: Vec<Token>) -> Result<Program, LangError> {
    let mut p = Parser { toks, pos: 0, depth: 0, durations: Vec::new() };
    let program = p.program()?;
    check(&program)?;
    Ok(program)
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    depth: usize,
    /// The duration literals seen so far (see [`Program::durations`]).
    durations: Vec<Span>,
}

type R<T> = Result<T, LangError>;

fn expr(kind: ExprKind, span: Span) -> Expr {
    let awaits = match &kind {
        ExprKind::Await(_) | ExprKind::Join(_) | ExprKind::Select(_) => true,
        ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::Unit | ExprKind::Var(_) => false,
        ExprKind::Tuple(es) | ExprKind::Call(_, es) | ExprKind::Println(_, es) => es.iter().any(|e| e.awaits),
        ExprKind::Not(e) => e.awaits,
        ExprKind::Binary(_, a, b) => a.awaits || b.awaits,
        ExprKind::If(c, then, els) => c.awaits || then.awaits || els.as_ref().is_some_and(|e| e.awaits),
        ExprKind::Block(b) => b.awaits,
    };
    Expr { kind, span, awaits }
}

impl Parser {
    fn peek(&self) -> &Token {
        // The lexer always ends with Eof, and `bump` never moves past it.
        &self.toks[self.pos.min(self.toks.len() - 1)]
    }

    fn peek2(&self) -> &Tok {
        &self.toks[(self.pos + 1).min(self.toks.len() - 1)].tok
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }

    fn is_p(&self, p: &str) -> bool {
        matches!(&self.peek().tok, Tok::P(q) if *q == p)
    }

    fn is_kw(&self, k: &str) -> bool {
        matches!(&self.peek().tok, Tok::Ident(s) if s == k)
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

    /// An error at the next token: "expected X, found Y" (or the keyword's own message).
    fn expected(&self, what: &str) -> LangError {
        let t = self.peek();
        if let Tok::Ident(s) = &t.tok {
            if UNSUPPORTED.contains(&s.as_str()) {
                return LangError::new(t.span, format!("`{s}` is not supported in the playground yet"));
            }
        }
        if t.tok == Tok::P("|") || t.tok == Tok::P("||") && what.contains("expression") {
            return LangError::new(t.span, "closures are not supported in the playground yet");
        }
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

    fn name(&mut self, what: &str) -> R<(String, Span)> {
        match &self.peek().tok {
            Tok::Ident(s) if !KEYWORDS.contains(&s.as_str()) && !UNSUPPORTED.contains(&s.as_str()) => {
                let t = self.bump();
                let Tok::Ident(s) = t.tok else { return Err(LangError::new(t.span, "expected a name")) };
                Ok((s, t.span))
            }
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

    fn program(&mut self) -> R<Program> {
        let mut fns = Vec::new();
        while self.peek().tok != Tok::Eof {
            // A plain `fn` only for `main`, which runs before the executor does (it spawns).
            let is_async = !(self.is_kw("fn") && matches!(self.peek2(), Tok::Ident(n) if n == "main"));
            if self.is_kw("fn") && is_async {
                return Err(LangError::new(self.peek().span, "only `main` may be a plain `fn` in the playground: write `async fn`"));
            }
            if is_async {
                self.expect_kw("async").map_err(|e| if e.message.starts_with("expected") { self.expected("`async fn`") } else { e })?;
            }
            self.expect_kw("fn")?;
            let (name, span) = self.name("a function name")?;
            self.expect_p("(")?;
            let mut params = Vec::new();
            while !self.is_p(")") {
                let (p, ps) = self.name("a parameter name")?;
                self.expect_p(":")?;
                self.int_type()?;
                params.push((Rc::from(p), ps));
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p(")")?;
            if self.eat_p("->") {
                if self.eat_p("(") {
                    self.expect_p(")")?;
                } else {
                    self.int_type()?;
                }
            }
            let body = self.block()?;
            fns.push(FnDef { name, is_async, span, params, body });
        }
        let mut durations = std::mem::take(&mut self.durations);
        durations.sort_by_key(|s| s.start);
        Ok(Program { fns, durations })
    }

    fn int_type(&mut self) -> R<()> {
        match &self.peek().tok {
            Tok::Ident(t) if matches!(t.as_str(), "u8" | "u16" | "u32" | "u64" | "usize") => {
                self.bump();
                Ok(())
            }
            _ => Err(self.expected("an integer type such as `u64` (parameters are whole numbers)")),
        }
    }

    fn block(&mut self) -> R<Block> {
        self.enter()?;
        let open = self.expect_p("{")?;
        let mut stmts = Vec::new();
        while !self.is_p("}") {
            if self.peek().tok == Tok::Eof {
                return Err(LangError::new(self.peek().span, format!("expected `}}` to close the block opened at byte {}", open.start)));
            }
            if self.eat_p(";") {
                continue;
            }
            stmts.push(self.stmt()?);
        }
        let close = self.expect_p("}")?;
        self.depth -= 1;
        let awaits = stmts.iter().any(Stmt::awaits);
        let binds = stmts.iter().any(|s| matches!(s, Stmt::Let { .. }));
        Ok(Block { stmts, span: open.to(close), awaits, binds })
    }

    fn pat(&mut self) -> R<Pat> {
        if self.eat_p("(") {
            let mut items = Vec::new();
            while !self.is_p(")") {
                items.push(self.pat()?);
                if !self.eat_p(",") {
                    break;
                }
            }
            self.expect_p(")")?;
            return Ok(Pat::Tuple(items));
        }
        if self.eat_kw("_") {
            return Ok(Pat::Wild);
        }
        self.eat_kw("mut");
        let (n, s) = self.name("a name or `_`")?;
        Ok(Pat::Bind(Rc::from(n), s))
    }

    fn stmt(&mut self) -> R<Stmt> {
        let start = self.peek().span;
        if self.eat_kw("let") {
            let pat = self.pat()?;
            if self.eat_p(":") {
                return Err(LangError::new(self.peek().span, "type annotations on `let` are not supported in the playground yet"));
            }
            self.expect_p("=")?;
            let value = self.expr()?;
            let end = self.expect_p(";")?;
            return Ok(Stmt::Let { pat, value, span: start.to(end) });
        }
        if self.eat_kw("for") {
            let var = self.pat()?;
            self.expect_kw("in")?;
            let from = self.expr()?;
            let inclusive = if self.eat_p("..=") {
                true
            } else if self.eat_p("..") {
                false
            } else {
                return Err(self.expected("`..` (a range: `for i in 0..n`)"));
            };
            let to = self.expr()?;
            let span = start.to(to.span);
            let body = self.block()?;
            return Ok(Stmt::For { var, from, to, inclusive, body, span });
        }
        if self.eat_kw("while") {
            let cond = self.expr()?;
            let body = self.block()?;
            return Ok(Stmt::While { cond, body, span: start });
        }
        if self.eat_kw("loop") {
            let body = self.block()?;
            return Ok(Stmt::Loop { body, span: start });
        }
        if self.eat_kw("break") {
            return Ok(Stmt::Break(start));
        }
        if self.eat_kw("continue") {
            return Ok(Stmt::Continue(start));
        }
        if self.eat_kw("return") {
            let value = if self.is_p(";") || self.is_p("}") { None } else { Some(self.expr()?) };
            return Ok(Stmt::Return(value, start));
        }
        // `name = value;` and `name += value;`
        if let Tok::Ident(name) = &self.peek().tok {
            let op = match self.peek2() {
                Tok::P("=") => Some(None),
                Tok::P("+=") => Some(Some(BinOp::Add)),
                Tok::P("-=") => Some(Some(BinOp::Sub)),
                Tok::P("*=") => Some(Some(BinOp::Mul)),
                Tok::P("/=") => Some(Some(BinOp::Div)),
                Tok::P("%=") => Some(Some(BinOp::Rem)),
                _ => None,
            };
            if let Some(op) = op {
                let name = name.clone();
                self.bump();
                self.bump();
                let value = self.expr()?;
                let end = self.expect_p(";")?;
                return Ok(Stmt::Assign { name, op, value, span: start.to(end) });
            }
        }
        let e = self.expr()?;
        if self.eat_p(";") {
            return Ok(Stmt::Expr { expr: e, semi: true });
        }
        let block_like = matches!(e.kind, ExprKind::If(..) | ExprKind::Block(_) | ExprKind::Select(_));
        if block_like || self.is_p("}") {
            return Ok(Stmt::Expr { expr: e, semi: false });
        }
        Err(self.expected("`;`"))
    }

    fn expr(&mut self) -> R<Expr> {
        self.enter()?;
        let e = self.or();
        self.depth -= 1;
        e
    }

    fn binary(&mut self, ops: &[(&str, BinOp)], next: fn(&mut Self) -> R<Expr>, chain: bool) -> R<Expr> {
        let mut left = next(self)?;
        // Each operator in a chain nests the tree one level deeper (`a + b + c` is
        // `(a + b) + c`), and running it recurses as deep: a chain counts toward the depth limit.
        let outer = self.depth;
        let result = loop {
            let Some(&(_, op)) = ops.iter().find(|(p, _)| self.is_p(p)) else { break Ok(left) };
            if let Err(e) = self.enter() {
                break Err(e);
            }
            let at = self.bump().span;
            let right = match next(self) {
                Ok(r) => r,
                Err(e) => break Err(e),
            };
            let span = left.span.to(right.span);
            left = expr(ExprKind::Binary(op, Box::new(left), Box::new(right)), span);
            if !chain && ops.iter().any(|(p, _)| self.is_p(p)) {
                break Err(LangError::new(at.to(self.peek().span), "comparison operators cannot be chained: use `&&`"));
            }
        };
        self.depth = outer;
        result
    }

    fn or(&mut self) -> R<Expr> {
        self.binary(&[("||", BinOp::Or)], Self::and, true)
    }

    fn and(&mut self) -> R<Expr> {
        self.binary(&[("&&", BinOp::And)], Self::cmp, true)
    }

    fn cmp(&mut self) -> R<Expr> {
        let ops = [("==", BinOp::Eq), ("!=", BinOp::Ne), ("<=", BinOp::Le), (">=", BinOp::Ge), ("<", BinOp::Lt), (">", BinOp::Gt)];
        self.binary(&ops, Self::add, false)
    }

    fn add(&mut self) -> R<Expr> {
        self.binary(&[("+", BinOp::Add), ("-", BinOp::Sub)], Self::mul, true)
    }

    fn mul(&mut self) -> R<Expr> {
        self.binary(&[("*", BinOp::Mul), ("/", BinOp::Div), ("%", BinOp::Rem)], Self::unary, true)
    }

    fn unary(&mut self) -> R<Expr> {
        let start = self.peek().span;
        if self.eat_p("!") {
            self.enter()?;
            let e = self.unary()?;
            self.depth -= 1;
            let span = start.to(e.span);
            return Ok(expr(ExprKind::Not(Box::new(e)), span));
        }
        if self.is_p("-") {
            return Err(LangError::new(start, "numbers here are u64: there are no negative numbers"));
        }
        if self.is_p("&") || self.is_p("*") {
            return Err(LangError::new(start, "references and pointers are not supported in the playground yet"));
        }
        self.postfix()
    }

    fn postfix(&mut self) -> R<Expr> {
        let mut e = self.primary()?;
        loop {
            if self.is_p(".") {
                self.bump();
                if self.eat_kw("await") {
                    let span = e.span.to(self.toks[self.pos.saturating_sub(1)].span);
                    e = expr(ExprKind::Await(Box::new(e)), span);
                    continue;
                }
                return Err(self.expected("`await` (method calls and fields are not supported in the playground yet)"));
            }
            if self.is_p("?") {
                return Err(LangError::new(self.peek().span, "the `?` operator is not supported in the playground yet"));
            }
            if self.is_p("(") {
                return Err(LangError::new(self.peek().span, "only a function's name can be called"));
            }
            return Ok(e);
        }
    }

    fn args(&mut self, close: &str) -> R<Vec<Expr>> {
        let mut args = Vec::new();
        while !self.is_p(close) {
            args.push(self.expr()?);
            if !self.eat_p(",") {
                break;
            }
        }
        self.expect_p(close)?;
        Ok(args)
    }

    fn primary(&mut self) -> R<Expr> {
        let t = self.peek().clone();
        match &t.tok {
            Tok::Int(n) => {
                self.bump();
                Ok(expr(ExprKind::Int(*n), t.span))
            }
            Tok::Str(s) => {
                self.bump();
                Ok(expr(ExprKind::Str(s.clone()), t.span))
            }
            Tok::P("(") => {
                self.bump();
                if let Ok(end) = self.expect_p(")") {
                    return Ok(expr(ExprKind::Unit, t.span.to(end)));
                }
                let first = self.expr()?;
                if self.is_p(")") {
                    self.bump();
                    return Ok(first);
                }
                self.expect_p(",")?;
                let mut items = vec![first];
                items.extend(self.args(")")?);
                let end = self.toks[self.pos.saturating_sub(1)].span;
                Ok(expr(ExprKind::Tuple(items), t.span.to(end)))
            }
            Tok::P("{") => {
                let b = self.block()?;
                let span = b.span;
                Ok(expr(ExprKind::Block(b), span))
            }
            Tok::P("[") => Err(LangError::new(t.span, "arrays are not supported in the playground yet")),
            Tok::Ident(k) if k == "true" || k == "false" => {
                self.bump();
                Ok(expr(ExprKind::Bool(k == "true"), t.span))
            }
            Tok::Ident(k) if k == "if" => self.if_expr(),
            Tok::Ident(k) if k == "async" => {
                Err(LangError::new(t.span, "async blocks are not supported in the playground yet: call an `async fn`"))
            }
            Tok::Ident(k) if KEYWORDS.contains(&k.as_str()) || UNSUPPORTED.contains(&k.as_str()) => Err(self.expected("an expression")),
            Tok::Ident(_) => self.path_expr(),
            _ => Err(self.expected("an expression")),
        }
    }

    fn if_expr(&mut self) -> R<Expr> {
        // `else if` chains recurse, in the parser and when run: each counts as a level.
        self.enter()?;
        let e = self.if_chain();
        self.depth -= 1;
        e
    }

    fn if_chain(&mut self) -> R<Expr> {
        let start = self.expect_kw("if")?;
        if self.is_kw("let") {
            return Err(LangError::new(self.peek().span, "`if let` is not supported in the playground yet"));
        }
        let cond = self.expr()?;
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

    fn path_expr(&mut self) -> R<Expr> {
        let (first, start) = self.name("a name")?;
        let mut path = first;
        let mut span = start;
        while self.eat_p("::") {
            let (seg, s) = self.name("a name after `::`")?;
            path.push_str("::");
            path.push_str(&seg);
            span = span.to(s);
        }
        if self.is_p("!") {
            self.bump();
            return self.macro_call(path, span);
        }
        if self.eat_p("(") {
            let args = self.args(")")?;
            let end = self.toks[self.pos.saturating_sub(1)].span;
            // The number a live edit may change: `sleep(500)`, `TimerFuture::new(Duration::from_millis(500))`.
            let literal = |e: &Expr| matches!(e.kind, ExprKind::Int(_)).then_some(e.span);
            let duration = match (path.as_str(), args.as_slice()) {
                ("sleep", [ms]) => literal(ms),
                ("TimerFuture::new", [d]) => match &d.kind {
                    ExprKind::Call(f, inner) if f == "Duration::from_millis" => inner.first().and_then(literal),
                    _ => None,
                },
                _ => None,
            };
            self.durations.extend(duration);
            return Ok(expr(ExprKind::Call(path, args), span.to(end)));
        }
        if path.contains("::") {
            return Err(LangError::new(span, format!("`{path}` is not a value: only calls such as `Duration::from_millis(…)` are")));
        }
        Ok(expr(ExprKind::Var(path), span))
    }

    fn macro_call(&mut self, name: String, start: Span) -> R<Expr> {
        match name.as_str() {
            "println" => {
                self.expect_p("(")?;
                let fmt_tok = self.bump();
                let Tok::Str(fmt) = fmt_tok.tok else {
                    return Err(LangError::new(fmt_tok.span, "println! needs a string literal first, such as \"{}\""));
                };
                let pieces = pieces(&fmt).map_err(|m| LangError::new(fmt_tok.span, m))?;
                let mut args = Vec::new();
                if self.eat_p(",") {
                    args = self.args(")")?;
                } else {
                    self.expect_p(")")?;
                }
                let wanted = pieces.iter().filter(|p| matches!(p, Piece::Next)).count();
                let end = self.toks[self.pos.saturating_sub(1)].span;
                if wanted != args.len() {
                    return Err(LangError::new(
                        start.to(end),
                        format!("the format string has {wanted} `{{}}` but {} argument(s) follow", args.len()),
                    ));
                }
                Ok(expr(ExprKind::Println(pieces, args), start.to(end)))
            }
            "join" => {
                self.expect_p("(")?;
                let args = self.args(")")?;
                let end = self.toks[self.pos.saturating_sub(1)].span;
                if args.is_empty() {
                    return Err(LangError::new(start.to(end), "join! needs at least one future"));
                }
                Ok(expr(ExprKind::Join(args), start.to(end)))
            }
            "select" => {
                self.expect_p("{")?;
                let mut arms = Vec::new();
                while !self.is_p("}") {
                    let pat = self.pat()?;
                    self.expect_p("=")?;
                    let fut = self.expr()?;
                    self.expect_p("=>")?;
                    let body = self.expr()?;
                    let block = matches!(body.kind, ExprKind::Block(_));
                    arms.push(SelectArm { pat, fut, body });
                    if !self.eat_p(",") && !block {
                        break;
                    }
                }
                let end = self.expect_p("}")?;
                if arms.is_empty() {
                    return Err(LangError::new(start.to(end), "select! needs at least one arm: `_ = future => expression`"));
                }
                Ok(expr(ExprKind::Select(arms), start.to(end)))
            }
            other => Err(LangError::new(
                start,
                format!("the macro `{other}!` is not supported in the playground yet (println!, join! and select! are)"),
            )),
        }
    }
}

/// Splits a format string into pieces: `{}`, `{name}`, `{:?}` and `{{` `}}` escapes.
fn pieces(fmt: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err("a `{` in the format string is never closed".into()),
                    }
                }
                let name = inner.split(':').next().unwrap_or("").trim();
                if !lit.is_empty() {
                    out.push(Piece::Lit(std::mem::take(&mut lit)));
                }
                if name.is_empty() {
                    out.push(Piece::Next);
                } else if name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit()) {
                    out.push(Piece::Var(name.to_string()));
                } else {
                    return Err(format!("`{{{inner}}}` is not supported in a format string here: use `{{}}` or `{{name}}`"));
                }
            }
            '}' => return Err("a lone `}` in the format string: write `}}`".into()),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(lit));
    }
    Ok(out)
}

/// Every call names a built-in or a function of the program, with the right number of
/// arguments; `main` exists and takes none; no two functions share a name.
fn check(p: &Program) -> R<()> {
    for (i, f) in p.fns.iter().enumerate() {
        if p.fns[..i].iter().any(|g| g.name == f.name) {
            return Err(LangError::new(f.span, format!("`{}` is defined twice", f.name)));
        }
        if BUILTINS.iter().any(|(b, _)| *b == f.name) {
            return Err(LangError::new(f.span, format!("`{}` is a built-in: choose another name", f.name)));
        }
    }
    match p.find("main") {
        None => {
            return Err(LangError::new(
                Span::default(),
                "there is no `main`: the program starts there (write `async fn main()`, or a plain `fn main()` that spawns tasks)",
            ))
        }
        Some((_, m)) if !m.params.is_empty() => return Err(LangError::new(m.span, "`main` takes no parameters")),
        Some((_, m)) if !m.is_async && m.body.awaits => {
            let at = first_await(&m.body).unwrap_or(m.span);
            return Err(LangError::new(
                at,
                "`.await` is only allowed inside `async fn`s: `fn main` is not async (write `async fn main()`, or spawn the future)",
            ));
        }
        _ => {}
    }
    for f in &p.fns {
        check_block(p, &f.body)?;
    }
    Ok(())
}

/// The first `.await`, `join!` or `select!` in `b`.
fn first_await(b: &Block) -> Option<Span> {
    fn in_expr(e: &Expr) -> Option<Span> {
        if !e.awaits {
            return None;
        }
        match &e.kind {
            ExprKind::Await(_) | ExprKind::Join(_) | ExprKind::Select(_) => Some(e.span),
            ExprKind::Tuple(es) | ExprKind::Call(_, es) | ExprKind::Println(_, es) => es.iter().find_map(in_expr),
            ExprKind::Not(a) => in_expr(a),
            ExprKind::Binary(_, a, b) => in_expr(a).or_else(|| in_expr(b)),
            ExprKind::If(c, then, els) => in_expr(c).or_else(|| first_await(then)).or_else(|| els.as_deref().and_then(in_expr)),
            ExprKind::Block(b) => first_await(b),
            ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::Unit | ExprKind::Var(_) => None,
        }
    }
    b.stmts.iter().find_map(|s| match s {
        Stmt::Let { value, .. } | Stmt::Assign { value, .. } | Stmt::Expr { expr: value, .. } | Stmt::Return(Some(value), _) => {
            in_expr(value)
        }
        Stmt::For { from, to, body, .. } => in_expr(from).or_else(|| in_expr(to)).or_else(|| first_await(body)),
        Stmt::While { cond, body, .. } => in_expr(cond).or_else(|| first_await(body)),
        Stmt::Loop { body, .. } => first_await(body),
        Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return(None, _) => None,
    })
}

fn check_block(p: &Program, b: &Block) -> R<()> {
    for s in &b.stmts {
        match s {
            Stmt::Let { value, .. } | Stmt::Assign { value, .. } | Stmt::Expr { expr: value, .. } | Stmt::Return(Some(value), _) => {
                check_expr(p, value)?
            }
            Stmt::For { from, to, body, .. } => {
                check_expr(p, from)?;
                check_expr(p, to)?;
                check_block(p, body)?;
            }
            Stmt::While { cond, body, .. } => {
                check_expr(p, cond)?;
                check_block(p, body)?;
            }
            Stmt::Loop { body, .. } => check_block(p, body)?,
            Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return(None, _) => {}
        }
    }
    Ok(())
}

fn check_expr(p: &Program, e: &Expr) -> R<()> {
    match &e.kind {
        ExprKind::Call(name, args) => {
            let arity = BUILTINS.iter().find(|(b, _)| b == name).map(|(_, n)| *n).or_else(|| p.find(name).map(|(_, f)| f.params.len()));
            match arity {
                None => return Err(LangError::new(e.span, format!("there is no function `{name}`"))),
                Some(n) if n != args.len() => {
                    return Err(LangError::new(e.span, format!("`{name}` takes {n} argument(s), not {}", args.len())));
                }
                _ => {}
            }
            args.iter().try_for_each(|a| check_expr(p, a))
        }
        ExprKind::Tuple(es) | ExprKind::Println(_, es) | ExprKind::Join(es) => es.iter().try_for_each(|a| check_expr(p, a)),
        ExprKind::Not(a) | ExprKind::Await(a) => check_expr(p, a),
        ExprKind::Binary(_, a, b) => {
            check_expr(p, a)?;
            check_expr(p, b)
        }
        ExprKind::Select(arms) => arms.iter().try_for_each(|a| {
            check_expr(p, &a.fut)?;
            check_expr(p, &a.body)
        }),
        ExprKind::If(c, then, els) => {
            check_expr(p, c)?;
            check_block(p, then)?;
            els.as_deref().map_or(Ok(()), |e| check_expr(p, e))
        }
        ExprKind::Block(b) => check_block(p, b),
        ExprKind::Int(_) | ExprKind::Bool(_) | ExprKind::Str(_) | ExprKind::Unit | ExprKind::Var(_) => Ok(()),
    }
}
