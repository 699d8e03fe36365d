//! Facts about a function's body the compiler needs before it emits anything: which variables
//! a closure captures, and which variables must live in a shared place (borrowed with `&`, or
//! captured by a closure that does not `move`).

use std::collections::HashSet;
use std::rc::Rc;

use super::ast::*;

/// Names bound in scopes, innermost last.
struct Scopes {
    scopes: Vec<Vec<Rc<str>>>,
}

impl Scopes {
    fn bound(&self, name: &str) -> bool {
        self.scopes.iter().any(|s| s.iter().any(|n| &**n == name))
    }

    fn bind_pat(&mut self, p: &Pat) {
        let mut names = Vec::new();
        pat_names(p, &mut names);
        if let Some(s) = self.scopes.last_mut() {
            s.extend(names);
        }
    }
}

/// The names a pattern binds (single names count: they may be variants, which bind nothing,
/// but over-counting only makes the analysis cautious).
pub fn pat_names(p: &Pat, out: &mut Vec<Rc<str>>) {
    match &p.kind {
        PatKind::Bind { name, sub, .. } => {
            out.push(name.clone());
            if let Some(s) = sub {
                pat_names(s, out);
            }
        }
        PatKind::Tuple(ps) | PatKind::Slice(ps) | PatKind::TupleStruct(_, ps) | PatKind::Or(ps) => {
            ps.iter().for_each(|p| pat_names(p, out))
        }
        PatKind::Struct(_, fs, _) => fs.iter().for_each(|(_, p)| pat_names(p, out)),
        PatKind::Ref(p, _) => pat_names(p, out),
        PatKind::Wild | PatKind::Rest | PatKind::Lit(_) | PatKind::Range(..) | PatKind::Path(_) => {}
    }
}

/// Names in first-use order, each once (a set beside the list: a `main` that calls a thousand
/// functions by name would otherwise compare each new name with every one before it).
#[derive(Default)]
struct Free {
    order: Vec<Rc<str>>,
    seen: HashSet<Rc<str>>,
}

impl Free {
    fn add(&mut self, name: &Rc<str>) {
        if self.seen.insert(name.clone()) {
            self.order.push(name.clone());
        }
    }
}

/// What a walk collects.
struct Walk {
    scopes: Scopes,
    /// Free names used, in first-use order.
    free: Free,
    /// Names borrowed with `&` or captured by a closure that does not move.
    shared: HashSet<Rc<str>>,
    /// Only collect for the outermost function (nested closures' free names count as uses).
    depth: usize,
}

impl Walk {
    fn use_name(&mut self, name: &Rc<str>) {
        if !self.scopes.bound(name) {
            self.free.add(name);
        }
    }

    fn block(&mut self, b: &Block) {
        self.scopes.scopes.push(Vec::new());
        for s in &b.stmts {
            match s {
                Stmt::Let { pat, init, els, .. } => {
                    if let Some(e) = init {
                        self.expr(e);
                    }
                    if let Some(b) = els {
                        self.block(b);
                    }
                    self.scopes.bind_pat(pat);
                    self.pat_exprs(pat);
                }
                Stmt::Expr { expr, .. } => self.expr(expr),
            }
        }
        self.scopes.scopes.pop();
    }

    fn pat_exprs(&mut self, p: &Pat) {
        // Paths in patterns name constants or variants, never variables.
        let _ = p;
    }

    fn scoped(&mut self, pat: Option<&Pat>, f: impl FnOnce(&mut Self)) {
        self.scopes.scopes.push(Vec::new());
        if let Some(p) = pat {
            self.scopes.bind_pat(p);
        }
        f(self);
        self.scopes.scopes.pop();
    }

    fn closure_like(&mut self, params: &[Param], body: ClosureBody<'_>, is_move: bool) {
        let mut inner =
            Walk { scopes: Scopes { scopes: vec![Vec::new()] }, free: Free::default(), shared: HashSet::new(), depth: self.depth + 1 };
        for p in params {
            inner.scopes.bind_pat(&p.pat);
        }
        match body {
            ClosureBody::Expr(e) => inner.expr(e),
            ClosureBody::Block(b) => inner.block(b),
        }
        for name in inner.free.order {
            if !self.scopes.bound(&name) {
                self.free.add(&name);
            } else if !is_move {
                self.shared.insert(name);
            }
        }
    }

    fn fmt(&mut self, f: &Format) {
        for (_, e) in &f.args {
            self.expr(e);
        }
        for p in &f.pieces {
            if let Piece::Arg(ArgRef::Name(n), spec) = p {
                if !f.args.iter().any(|(a, _)| a.as_deref() == Some(&**n)) {
                    self.use_name(n);
                }
                for c in [&spec.width, &spec.precision].into_iter().flatten() {
                    if let Count::Arg(ArgRef::Name(n)) = c {
                        if !f.args.iter().any(|(a, _)| a.as_deref() == Some(&**n)) {
                            self.use_name(n);
                        }
                    }
                }
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        // The kinds the step form's programs are made of; the others out of line (`expr_rare`,
        // which an embed of a step-form scenario then never enters: tools/lazy-split).
        match &e.kind {
            ExprKind::Int(..) | ExprKind::Unit => {}
            ExprKind::Path(p) => {
                if let Some(n) = p.single() {
                    self.use_name(n);
                }
            }
            ExprKind::Join(es, _) => es.iter().for_each(|e| self.expr(e)),
            ExprKind::Await(a) | ExprKind::Pin(a) => self.expr(a),
            ExprKind::Call(f, args) => {
                self.expr(f);
                args.iter().for_each(|e| self.expr(e));
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::Select(arms) => {
                for a in arms {
                    self.expr(&a.fut);
                    self.scoped(Some(&a.pat), |w| w.expr(&a.body));
                }
            }
            _ => self.expr_rare(e),
        }
    }

    /// [`Walk::expr`]'s other kinds.
    #[inline(never)]
    fn expr_rare(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Float(..) | ExprKind::Bool(_) | ExprKind::Char(_) | ExprKind::Str(_) => {}
            ExprKind::Tuple(es) | ExprKind::Array(es) | ExprKind::Vec(es) => es.iter().for_each(|e| self.expr(e)),
            ExprKind::Repeat(a, b) | ExprKind::VecRepeat(a, b) | ExprKind::Binary(_, a, b) | ExprKind::Index(a, b) => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::Assign(a, b) | ExprKind::AssignOp(_, a, b) => {
                self.expr(b);
                self.expr(a);
            }
            ExprKind::Struct(_, fs, base) => {
                fs.iter().for_each(|(_, e)| self.expr(e));
                if let Some(b) = base {
                    self.expr(b);
                }
            }
            ExprKind::Unary(_, a) | ExprKind::Cast(a, _) | ExprKind::Field(a, _) | ExprKind::TupleField(a, _) | ExprKind::Try(a) => {
                self.expr(a)
            }
            ExprKind::Ref(_, a) => {
                if let ExprKind::Path(p) = &a.kind {
                    if let Some(n) = p.single() {
                        if self.scopes.bound(n) {
                            self.shared.insert(n.clone());
                        }
                    }
                }
                self.expr(a);
            }
            ExprKind::Method(r, name, _, args, turbofish) => {
                // `v.downcast_mut::<u32>()` of a boxed number in `v` writes `v` (the compiler
                // borrows it).
                if let (ExprKind::Path(p), "downcast_mut", Some(_)) = (&r.kind, &**name, turbofish) {
                    if let Some(n) = p.single().filter(|n| self.scopes.bound(n)) {
                        self.shared.insert(n.clone());
                    }
                }
                self.expr(r);
                args.iter().for_each(|e| self.expr(e));
            }
            ExprKind::Range(a, b, _) => {
                if let Some(a) = a {
                    self.expr(a);
                }
                if let Some(b) = b {
                    self.expr(b);
                }
            }
            ExprKind::Async(b, is_move) => self.closure_like(&[], ClosureBody::Block(b), *is_move),
            ExprKind::Closure(params, body, is_move) => self.closure_like(params, ClosureBody::Expr(body), *is_move),
            ExprKind::If(c, then, els) => {
                self.scopes.scopes.push(Vec::new());
                self.expr(c);
                self.block(then);
                self.scopes.scopes.pop();
                if let Some(e) = els {
                    self.expr(e);
                }
            }
            ExprKind::Let(p, e) => {
                self.expr(e);
                // Bound in the enclosing `if`/`while` scope, for its body.
                self.scopes.bind_pat(p);
            }
            ExprKind::Match(s, arms) => {
                self.expr(s);
                for a in arms {
                    self.scoped(Some(&a.pat), |w| {
                        if let Some(g) = &a.guard {
                            w.expr(g);
                        }
                        w.expr(&a.body);
                    });
                }
            }
            ExprKind::While(_, c, body) => {
                self.scopes.scopes.push(Vec::new());
                self.expr(c);
                self.block(body);
                self.scopes.scopes.pop();
            }
            ExprKind::Loop(_, body) | ExprKind::LabeledBlock(_, body) => self.block(body),
            ExprKind::For(_, p, iter, body) => {
                self.expr(iter);
                self.scoped(Some(p), |w| w.block(body));
            }
            ExprKind::Break(_, v) | ExprKind::Return(v) => {
                if let Some(v) = v {
                    self.expr(v);
                }
            }
            ExprKind::Continue(_) => {}
            ExprKind::Fmt(_, dest, f) => {
                if let Some(d) = dest {
                    self.expr(d);
                }
                self.fmt(f);
            }
            ExprKind::Assert(c, m, _) => {
                self.expr(c);
                if let Some(m) = m {
                    self.fmt(m);
                }
            }
            ExprKind::AssertEq(_, a, b, m) => {
                self.expr(a);
                self.expr(b);
                if let Some(m) = m {
                    self.fmt(m);
                }
            }
            ExprKind::Matches(e, p, g) => {
                self.expr(e);
                self.scoped(Some(p), |w| {
                    if let Some(g) = g {
                        w.expr(g);
                    }
                });
            }
            // `Walk::expr`'s own.
            ExprKind::Int(..)
            | ExprKind::Unit
            | ExprKind::Path(_)
            | ExprKind::Join(..)
            | ExprKind::Await(_)
            | ExprKind::Pin(_)
            | ExprKind::Call(..)
            | ExprKind::Block(_)
            | ExprKind::Select(_) => {}
        }
    }
}

enum ClosureBody<'a> {
    Expr(&'a Expr),
    Block(&'a Block),
}

/// A function body's facts: the names that must live in a shared place.
pub fn shared_names(params: &[Param], body: &Block) -> HashSet<Rc<str>> {
    let mut w = Walk { scopes: Scopes { scopes: vec![Vec::new()] }, free: Free::default(), shared: HashSet::new(), depth: 0 };
    for p in params {
        w.scopes.bind_pat(&p.pat);
    }
    w.scopes.bind_pat(&Pat { kind: PatKind::Bind { name: Rc::from("self"), by_ref: false, mutable: false, sub: None }, span: body.span });
    w.block(body);
    w.shared
}

/// A closure's (or `async` block's) free names, in first-use order, and the names its own body
/// must keep in shared places.
pub fn closure_names(params: &[Param], body: Result<&Expr, &Block>) -> (Vec<Rc<str>>, HashSet<Rc<str>>) {
    let mut w = Walk { scopes: Scopes { scopes: vec![Vec::new()] }, free: Free::default(), shared: HashSet::new(), depth: 0 };
    for p in params {
        w.scopes.bind_pat(&p.pat);
    }
    match body {
        Ok(e) => w.expr(e),
        Err(b) => w.block(b),
    }
    (w.free.order, w.shared)
}
