//! The integer type rustc gives a function's untyped integer variables, where the function alone
//! decides it: the written type that reaches them (`let y: u8 = x;`, `v[i]`, `x == 5u64`, a
//! parameter's or the return type), or else `i32`, Rust's default.
//!
//! The language's values carry their integer type, and an untyped literal takes the type of the
//! typed value it meets at run time. A variable that only ever meets untyped literals stayed
//! untyped, 64 bits wide: `let mut x = 1; for _ in 0..40 { x *= 2; }` printed 2^40 where Rust's
//! `i32` panics at 2^31, and `let x = 200; let y: u8 = x; x.checked_add(100)` gave `Some(300)`.
//!
//! The reading is conservative: variables joined by arithmetic, comparison and assignment form a
//! class (union-find), which takes a type from a written one it meets; a class that reaches
//! anything this reading does not follow (a call's argument, a field, a closure, a name bound
//! twice, a `match`) keeps the run-time behaviour it had. Only the literals of classes decided
//! here are typed, by the compiler (`Compiler::function`).

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::*;
use super::lexer::{IntTy, Span};

/// What an expression's value is, for this reading.
#[derive(Clone, Copy, PartialEq)]
enum Node {
    /// An untyped integer literal, at this span.
    Lit(Span),
    /// A member of class `n`.
    Class(usize),
    /// An integer of this written type.
    Typed(IntTy),
    /// Not an integer this reading follows (a call's value, a field, a `bool`).
    Other,
}

#[derive(Default)]
struct Class {
    parent: usize,
    /// A written type that reached it.
    ty: Option<IntTy>,
    /// It reached something this reading does not follow: left as it was.
    lost: bool,
    lits: Vec<Span>,
}

#[derive(Default)]
struct Reading {
    classes: Vec<Class>,
    /// What each name is now (a class, or a typed or other binding).
    names: HashMap<Rc<str>, Node>,
    /// Names bound more than once: their classes are lost (no scopes are kept here).
    rebound: Vec<Rc<str>>,
    ret: Option<IntTy>,
}

/// Methods of an integer whose value is the receiver's type and whose arguments are too.
const SAME_TYPE: [&str; 13] = [
    "min",
    "max",
    "clamp",
    "wrapping_add",
    "wrapping_sub",
    "wrapping_mul",
    "saturating_add",
    "saturating_sub",
    "saturating_mul",
    "abs",
    "rem_euclid",
    "div_euclid",
    "signum",
];

/// The untyped integer literals of `decl`'s body that rustc types, each with its type, in order
/// of position.
pub(crate) fn literal_types(decl: &FnDecl) -> Vec<(Span, IntTy)> {
    let Some(body) = &decl.body else { return Vec::new() };
    let mut r = Reading { ret: decl.ret.as_ref().and_then(Type::int), ..Reading::default() };
    for p in &decl.params {
        let node = p.ty.int().map_or(Node::Other, Node::Typed);
        r.bind_pat(&p.pat, node);
    }
    let tail = r.block(body);
    r.escape_to_ret(tail);
    for n in std::mem::take(&mut r.rebound) {
        if let Some(Node::Class(c)) = r.names.get(&n).copied() {
            r.lose(c);
        }
    }
    let mut out = Vec::new();
    for c in 0..r.classes.len() {
        if r.find(c) != c || r.classes[c].lost {
            continue;
        }
        let ty = r.classes[c].ty.unwrap_or(IntTy::I32);
        out.extend(r.classes[c].lits.iter().map(|&s| (s, ty)));
    }
    crate::core::sort_by_key(&mut out, |(s, _)| (s.start, s.end));
    out.dedup_by_key(|(s, _)| *s);
    out
}

impl Reading {
    fn find(&mut self, c: usize) -> usize {
        let p = self.classes[c].parent;
        if p == c {
            return c;
        }
        let root = self.find(p);
        self.classes[c].parent = root;
        root
    }

    fn new_class(&mut self) -> usize {
        let n = self.classes.len();
        self.classes.push(Class { parent: n, ..Class::default() });
        n
    }

    fn lose(&mut self, c: usize) {
        let c = self.find(c);
        self.classes[c].lost = true;
    }

    /// `node` goes where this reading does not follow it.
    fn escape(&mut self, node: Node) {
        if let Node::Class(c) = node {
            self.lose(c);
        }
    }

    fn escape_to_ret(&mut self, node: Node) {
        match self.ret {
            Some(t) => {
                self.unify(node, Node::Typed(t));
            }
            None => self.escape(node),
        }
    }

    /// `a` and `b` are of one type; the node of that type.
    fn unify(&mut self, a: Node, b: Node) -> Node {
        match (a, b) {
            (Node::Class(x), Node::Class(y)) => {
                let (x, y) = (self.find(x), self.find(y));
                if x != y {
                    let (yt, ylost, ylits) = {
                        let yc = &mut self.classes[y];
                        yc.parent = x;
                        (yc.ty, yc.lost, std::mem::take(&mut yc.lits))
                    };
                    let xc = &mut self.classes[x];
                    xc.lits.extend(ylits);
                    xc.lost |= ylost || matches!((xc.ty, yt), (Some(p), Some(q)) if p != q);
                    xc.ty = xc.ty.or(yt);
                }
                Node::Class(x)
            }
            (Node::Class(c), Node::Lit(s)) | (Node::Lit(s), Node::Class(c)) => {
                let c = self.find(c);
                self.classes[c].lits.push(s);
                Node::Class(c)
            }
            (Node::Class(c), Node::Typed(t)) | (Node::Typed(t), Node::Class(c)) => {
                let c = self.find(c);
                let cl = &mut self.classes[c];
                cl.lost |= cl.ty.is_some_and(|u| u != t);
                cl.ty = Some(t);
                Node::Class(c)
            }
            (Node::Class(c), Node::Other) | (Node::Other, Node::Class(c)) => {
                self.lose(c);
                Node::Other
            }
            // Two literals: a class of their own, typed by what it meets later.
            (Node::Lit(s), Node::Lit(t)) => {
                let c = self.new_class();
                self.classes[c].lits.extend([s, t]);
                Node::Class(c)
            }
            (Node::Lit(_), n) | (n, Node::Lit(_)) => n,
            (Node::Typed(t), _) | (_, Node::Typed(t)) => Node::Typed(t),
            (Node::Other, Node::Other) => Node::Other,
        }
    }

    fn bind(&mut self, name: &Rc<str>, node: Node) {
        // A name bound twice: without scopes, which binding a later use means is not known, so
        // neither is followed, and every later use of the name is not either.
        if self.names.contains_key(name) {
            self.rebound.push(name.clone());
            if let Some(Node::Class(c)) = self.names.get(name).copied() {
                self.lose(c);
            }
            self.escape(node);
            self.names.insert(name.clone(), Node::Other);
            return;
        }
        self.names.insert(name.clone(), node);
    }

    /// Binds a `let`'s or a `for`'s pattern to `node`: a plain name joins its class.
    fn bind_pat(&mut self, pat: &Pat, node: Node) {
        match &pat.kind {
            PatKind::Bind { name, sub: None, by_ref: false, .. } => {
                let node = match node {
                    Node::Lit(s) => {
                        let c = self.new_class();
                        self.classes[c].lits.push(s);
                        Node::Class(c)
                    }
                    n => n,
                };
                self.bind(name, node);
            }
            _ => {
                self.escape(node);
                self.bind_others(pat);
            }
        }
    }

    /// The names a pattern binds, none of them followed.
    fn bind_others(&mut self, pat: &Pat) {
        match &pat.kind {
            PatKind::Bind { name, sub, .. } => {
                self.bind(name, Node::Other);
                if let Some(s) = sub {
                    self.bind_others(s);
                }
            }
            PatKind::Tuple(ps) | PatKind::Slice(ps) | PatKind::TupleStruct(_, ps) | PatKind::Or(ps) => {
                for p in ps {
                    self.bind_others(p);
                }
            }
            PatKind::Struct(_, fs, _) => {
                for (_, p) in fs {
                    self.bind_others(p);
                }
            }
            PatKind::Ref(p, _) => self.bind_others(p),
            _ => {}
        }
    }

    fn block(&mut self, b: &Block) -> Node {
        let mut last = Node::Other;
        for (i, s) in b.stmts.iter().enumerate() {
            match s {
                Stmt::Let { pat, ty, init, els, .. } => {
                    let node = init.as_ref().map_or(Node::Other, |e| self.expr(e));
                    let node = match ty {
                        Some(t) => self.unify(node, t.int().map_or(Node::Other, Node::Typed)),
                        None => node,
                    };
                    if let Some(b) = els {
                        self.block(b);
                    }
                    if els.is_some() {
                        self.escape(node);
                        self.bind_others(pat);
                    } else {
                        self.bind_pat(pat, node);
                    }
                }
                Stmt::Expr { expr, semi } => {
                    let n = self.expr(expr);
                    if i + 1 == b.stmts.len() && !semi {
                        last = n;
                    }
                }
            }
        }
        last
    }

    /// A block whose value goes where this reading does not follow it.
    fn block_escaping(&mut self, b: &Block) {
        let n = self.block(b);
        self.escape(n);
    }

    fn exprs_escaping(&mut self, es: &[Expr]) {
        for e in es {
            self.expr_escaping(e);
        }
    }

    /// Every name `e` uses is lost: what a closure or an unfollowed construct does with it is
    /// not read.
    fn lose_names_in(&mut self, e: &Expr) {
        let mut used = Vec::new();
        names_in(e, &mut used);
        for n in used {
            if let Some(Node::Class(c)) = self.names.get(&n).copied() {
                self.lose(c);
            }
        }
    }

    /// An expression whose value goes where this reading does not follow it.
    fn expr_escaping(&mut self, e: &Expr) {
        let n = self.expr(e);
        self.escape(n);
    }

    /// A format's arguments: printed, any integer type prints alike; a width or a precision
    /// taken from an argument (`{:w$}`, `{:.1$}`, `{:.*}`) is a `usize`.
    fn format(&mut self, f: &Format) {
        let args: Vec<Node> = f.args.iter().map(|(_, a)| self.expr(a)).collect();
        for piece in &f.pieces {
            let Piece::Arg(_, spec) = piece else { continue };
            for count in [&spec.width, &spec.precision].into_iter().flatten() {
                let Count::Arg(r) = count else { continue };
                let node = match r {
                    ArgRef::Index(i) => args.get(*i).copied().unwrap_or(Node::Other),
                    ArgRef::Name(n) => match f.args.iter().position(|(m, _)| m.as_ref() == Some(n)) {
                        Some(i) => args[i],
                        None => self.names.get(n).copied().unwrap_or(Node::Other),
                    },
                    // Counted among the arguments: not followed.
                    ArgRef::Next => {
                        args.iter().for_each(|&a| self.escape(a));
                        continue;
                    }
                };
                self.unify(node, Node::Typed(IntTy::Usize));
            }
        }
    }

    fn expr(&mut self, e: &Expr) -> Node {
        match &e.kind {
            ExprKind::Int(_, None) => Node::Lit(e.span),
            ExprKind::Int(_, Some(t)) => Node::Typed(*t),
            ExprKind::Unary(UnOp::Neg | UnOp::Not, inner) => self.expr(inner),
            ExprKind::Path(p) => match p.single() {
                Some(n) => self.names.get(n).copied().unwrap_or(Node::Other),
                None => Node::Other,
            },
            ExprKind::Binary(op, a, b) => {
                let (x, y) = (self.expr(a), self.expr(b));
                match op {
                    BinOp::And | BinOp::Or => {
                        self.escape(x);
                        self.escape(y);
                        Node::Other
                    }
                    // The shift's amount is any integer type.
                    BinOp::Shl | BinOp::Shr => x,
                    BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                        self.unify(x, y);
                        Node::Other
                    }
                    _ => self.unify(x, y),
                }
            }
            ExprKind::Assign(place, v) | ExprKind::AssignOp(_, place, v) => {
                let (p, v) = (self.expr(place), self.expr(v));
                if !matches!(e.kind, ExprKind::AssignOp(BinOp::Shl | BinOp::Shr, ..)) {
                    self.unify(p, v);
                }
                Node::Other
            }
            // `x as u64` leaves `x`'s type as it is.
            ExprKind::Cast(inner, t) => {
                self.expr(inner);
                t.int().map_or(Node::Other, Node::Typed)
            }
            ExprKind::Index(base, i) => {
                self.expr_escaping(base);
                let i = self.expr(i);
                if !matches!(i, Node::Other) {
                    self.unify(i, Node::Typed(IntTy::Usize));
                }
                Node::Other
            }
            ExprKind::Method(recv, name, _, args, _) => {
                let r = self.expr(recv);
                let same = SAME_TYPE.contains(&&**name)
                    || name.starts_with("checked_") && !matches!(&**name, "checked_pow" | "checked_shl" | "checked_shr");
                if matches!(r, Node::Class(_)) && same {
                    for a in args {
                        let n = self.expr(a);
                        self.unify(r, n);
                    }
                    return if name.starts_with("checked_") { Node::Other } else { r };
                }
                if matches!(r, Node::Class(_)) && matches!(&**name, "pow" | "to_string" | "is_positive" | "is_negative" | "count_ones") {
                    self.exprs_escaping(args);
                    return if &**name == "pow" { r } else { Node::Other };
                }
                self.escape(r);
                self.exprs_escaping(args);
                Node::Other
            }
            ExprKind::Fmt(_, target, f) => {
                if let Some(t) = target {
                    self.expr_escaping(t);
                }
                self.format(f);
                Node::Other
            }
            ExprKind::Ref(_, inner) => {
                self.expr_escaping(inner);
                Node::Other
            }
            ExprKind::Block(b) => self.block(b),
            ExprKind::If(cond, then, els) => {
                self.expr_escaping(cond);
                let t = self.block(then);
                match els {
                    Some(x) => {
                        let x = self.expr(x);
                        self.unify(t, x)
                    }
                    None => {
                        self.escape(t);
                        Node::Other
                    }
                }
            }
            ExprKind::While(_, cond, body) => {
                self.expr_escaping(cond);
                self.block_escaping(body);
                Node::Other
            }
            ExprKind::Loop(_, body) | ExprKind::LabeledBlock(_, body) => {
                self.block_escaping(body);
                Node::Other
            }
            ExprKind::For(_, pat, iter, body) => {
                let item = match &iter.kind {
                    ExprKind::Range(Some(lo), hi, _) => {
                        let lo = self.expr(lo);
                        match hi {
                            Some(hi) => {
                                let hi = self.expr(hi);
                                self.unify(lo, hi)
                            }
                            None => lo,
                        }
                    }
                    _ => {
                        self.expr_escaping(iter);
                        Node::Other
                    }
                };
                self.bind_pat(pat, item);
                self.block_escaping(body);
                Node::Other
            }
            ExprKind::Return(v) | ExprKind::Break(_, v) => {
                if let Some(v) = v {
                    let n = self.expr(v);
                    if matches!(e.kind, ExprKind::Return(_)) {
                        self.escape_to_ret(n);
                    } else {
                        self.escape(n);
                    }
                }
                Node::Other
            }
            ExprKind::Assert(c, f, _) => {
                self.expr_escaping(c);
                if let Some(f) = f {
                    self.format(f);
                }
                Node::Other
            }
            ExprKind::AssertEq(_, a, b, f) => {
                let (x, y) = (self.expr(a), self.expr(b));
                self.unify(x, y);
                if let Some(f) = f {
                    self.format(f);
                }
                Node::Other
            }
            // What a closure uses is not followed: its names are lost.
            ExprKind::Closure(..) | ExprKind::Async(..) => {
                self.lose_names_in(e);
                Node::Other
            }
            ExprKind::Match(scrutinee, arms) => {
                self.expr_escaping(scrutinee);
                for a in arms {
                    self.bind_others(&a.pat);
                    if let Some(g) = &a.guard {
                        self.expr_escaping(g);
                    }
                    self.expr_escaping(&a.body);
                }
                Node::Other
            }
            ExprKind::Let(pat, v) => {
                self.expr_escaping(v);
                self.bind_others(pat);
                Node::Other
            }
            ExprKind::Call(f, args) => {
                self.expr_escaping(f);
                self.exprs_escaping(args);
                Node::Other
            }
            ExprKind::Tuple(es) | ExprKind::Array(es) | ExprKind::Vec(es) | ExprKind::Join(es, _) => {
                self.exprs_escaping(es);
                Node::Other
            }
            ExprKind::Repeat(a, b) | ExprKind::VecRepeat(a, b) => {
                let (x, y) = (self.expr(a), self.expr(b));
                self.escape(x);
                self.unify(y, Node::Typed(IntTy::Usize));
                Node::Other
            }
            ExprKind::Struct(_, fields, base) => {
                for (_, f) in fields {
                    self.expr_escaping(f);
                }
                if let Some(b) = base {
                    self.expr_escaping(b);
                }
                Node::Other
            }
            ExprKind::Field(x, _) | ExprKind::TupleField(x, _) | ExprKind::Try(x) | ExprKind::Await(x) | ExprKind::Pin(x) => {
                self.expr_escaping(x);
                Node::Other
            }
            ExprKind::Unary(_, x) => {
                self.expr_escaping(x);
                Node::Other
            }
            ExprKind::Range(a, b, _) => {
                for x in [a, b].into_iter().flatten() {
                    self.expr_escaping(x);
                }
                Node::Other
            }
            // Anything else: every name in it is lost.
            _ => {
                self.lose_names_in(e);
                Node::Other
            }
        }
    }
}

/// Every single-segment path named inside `e`, by a walk of its text's spans: the names a closure
/// or an unfollowed construct may use. Over-approximates (a name bound inside counts too), which
/// only loses more.
fn names_in(e: &Expr, out: &mut Vec<Rc<str>>) {
    walk_expr(e, &mut |x| {
        if let ExprKind::Path(p) = &x.kind {
            if let Some(n) = p.single() {
                out.push(n.clone());
            }
        }
    });
}
