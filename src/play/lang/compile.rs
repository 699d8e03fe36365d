//! Compiles a program once, before it runs: every name resolved to a slot, a function, a type or
//! a built-in; every function an op list ([`super::code`]).
//!
//! # Ground rules
//!
//! - Resolution happens here, never at run time: a variable is a slot of its frame (captured
//!   variables are slots too, holding shared places), a function call names its function.
//! - What rustc would reject before running and this pass can know is an error here, with its
//!   span: unknown names, wrong argument counts, `.await` outside `async`, `.await` on what is
//!   surely no future, `break` outside a loop, assigning twice to an immutable variable.
//! - Only method calls and field names wait for run time, where the receiver's type is known.

use std::collections::{HashMap, HashSet};
use std::rc::Rc;

use super::ast::*;
use super::code::*;
use super::layout::{self, Layout, Niche};
use super::lexer::{IntTy, LangError, Span};
use super::names::{self, BTy, Known, B};
use super::scan;
use super::value::{ty, TyId, Value};

type R<T> = Result<T, LangError>;

/// Checks a program as [`compile`] does, and throws the result away.
pub fn check(p: &Program) -> R<()> {
    compiled(p).map(|_| ())
}

/// `p` compiled: the code its check compiled, or compiled now (and kept for the next run).
pub fn compiled(p: &Program) -> R<Rc<Code>> {
    if let Some(code) = p.compiled.0.get().and_then(|c| c.clone().downcast::<Code>().ok()) {
        return Ok(code);
    }
    let code = Rc::new(compile(p)?);
    let _ = p.compiled.0.set(code.clone());
    Ok(code)
}

/// The integer types of a function's parameters, up to the last one that has one: a call gives
/// those their types, and a function without any (a `poll`, most methods) has nothing to do.
fn int_params(types: impl Iterator<Item = Option<IntTy>>) -> Vec<Option<IntTy>> {
    let mut v: Vec<Option<IntTy>> = types.collect();
    while let Some(None) = v.last() {
        v.pop();
    }
    v
}

/// How many local slots a function may use.
const MAX_LOCALS: usize = 60_000;

/// What a name at the top level means.
#[derive(Clone, Debug)]
enum Global {
    Fn(u32),
    Const(u32),
    /// A struct or enum variant constructor: type, variant, field count, tuple-like.
    Ctor(TyId, Option<u32>, usize, bool),
    Known(Known),
}

/// What a type name means.
#[derive(Clone, Debug)]
enum TyRef {
    User(TyId),
    Builtin(BTy),
    Trait,
    Module(Vec<Rc<str>>),
    Generic,
}

#[derive(Clone, Debug)]
struct LocalInfo {
    name: Rc<str>,
    boxed: bool,
    mutable: bool,
    /// Holds a reference (a `&T` parameter, `&self`, `let r = &x`): patterns on it bind by
    /// reference.
    is_ref: bool,
    /// The reference it holds is `&mut` (`s: &mut [u8]`, `let r = &mut v`): `for x in s`
    /// iterates its places.
    mut_ref: bool,
    /// Declared with a value (`let x = 5`): assigning to it again needs `mut`.
    init: bool,
    /// The type written for it (`let mut out: Vec<String>`, `dst: &mut Vec<String>`, references
    /// taken off), which types what a `push` or an `insert` puts in it (`out.push(it.collect())`).
    ty: Option<Rc<Type>>,
    /// Its type as written (`let mut u: BTreeSet<char>`), which types what is assigned to it
    /// later (`u = s.chars().collect();`).
    decl_ty: Option<Rc<Type>>,
}

impl LocalInfo {
    /// A variable with a value and nothing known of its type.
    fn named(name: Rc<str>, boxed: bool, mutable: bool) -> LocalInfo {
        LocalInfo { name, boxed, mutable, is_ref: false, mut_ref: false, init: true, ty: None, decl_ty: None }
    }
}

/// `T`'s name in a written `Option<T>` or `Result<T, E>`.
fn payload_name(t: &Type) -> Option<Rc<str>> {
    let Type::Path(p) = t else { return None };
    if !matches!(p.last(), "Option" | "Result") {
        return None;
    }
    p.segs.last()?.generics.first()?.name().map(Rc::from)
}

struct LoopCx {
    label: Option<Rc<str>>,
    head: u32,
    breaks: Vec<usize>,
    result: Option<Local>,
    scopes: usize,
    depth: i32,
    is_loop: bool,
    /// A labeled block (`'a: { … }`): only `break 'a` reaches it.
    block: bool,
}

/// An associated function of a generic impl: its declaration, `Self`, the impl's type as
/// written, and the impl's type parameters.
type ImplAssoc = (Rc<FnDecl>, TyRef, Type, Rc<[Rc<str>]>);

/// A generic function's name and the types a turbofish gives its type parameters.
type Specialization = (Rc<str>, Vec<TyId>);

#[derive(Default)]
struct FnCx {
    /// The function being compiled.
    id: u32,
    /// Type parameters bound to a type, in a copy made for a turbofish (`Compiler::specialized`).
    bound: Vec<(Rc<str>, TyId)>,
    /// Type parameters written as a std type in the turbofish of a copy made for it
    /// (`parse_all::<f64>`, whose body reads `s.parse::<T>()`): `T` is that type here.
    subst: Vec<(Rc<str>, Type)>,
    /// The parameters a type parameter's values come in (`x: T`, `xs: &[T]`): for `T::item`.
    carriers: Vec<(Rc<str>, Local, bool)>,
    /// A type parameter's key ([`super::anytype`]), read from its carrier on entry, where the
    /// body asks its identity (`TypeId::of::<T>()`): the parameter may be moved before.
    any_keys: Vec<(Rc<str>, Local)>,
    /// Its untyped integer literals that rustc types, and their types, by position
    /// (`intdefault.rs`).
    int_lits: Vec<(Span, IntTy)>,
    ops: Vec<Op>,
    spans: Vec<Span>,
    locals: Vec<LocalInfo>,
    scopes: Vec<Vec<Local>>,
    next: usize,
    max: usize,
    loops: Vec<LoopCx>,
    depth: i32,
    is_async: bool,
    shared: HashSet<Rc<str>>,
    self_ty: Option<TyRef>,
    ret_int: Option<IntTy>,
    ret_float: Option<super::lexer::FloatTy>,
    /// The collect a `collect()` returned from this function is ([`collect_target`] of its return
    /// type), and where its tail `collect()` call is.
    ret_collect: Option<&'static str>,
    ret_collect_at: Option<Span>,
    /// The return type as written, where it types what the tail (or a `return`) computes:
    /// `collect()` into a `String` or a `HashMap`, `parse()` into a `u8`.
    ret_ty: Option<Type>,
    /// The program's type `E` of a `-> Result<_, E>` with `From` impls: `?` converts into it.
    ret_err: Option<TyId>,
    /// What `?` wraps an early return in: [`Op::Try`]'s count (a `-> Poll<Result<…>>`'s).
    ret_poll: u8,
    generics: Vec<Rc<str>>,
    /// The type parameters of the impl whose method this is.
    impl_generics: Rc<[Rc<str>]>,
    /// Captured names and their slots here (closures and async blocks).
    captures: Vec<(Rc<str>, Local)>,
    name: Rc<str>,
    /// A `const`'s initializer, not a function's body (for messages).
    is_const: bool,
    /// Why `?` cannot be used here (a function whose return type cannot take it: rustc's E0277).
    no_try: Option<&'static str>,
    /// The temporaries kept alive until the end of their statement ([`Op::KeepTemp`]), in the
    /// order they were made; and the slots of ended ones, free for the next.
    temps: Vec<Local>,
    temp_free: Vec<Local>,
    /// The `&` expressions of the `let` being compiled whose temporary lives as long as the
    /// variable (`let r = &make().a;`, `let s = Some(&make());`), by span.
    extend_refs: Vec<Span>,
}

/// The borrows in `e`'s extending positions, as a `let`'s initializer: `e` itself, and the
/// operands of a tuple, an array, a struct literal or a tuple struct's (or variant's)
/// constructor there. Their temporaries live to the end of the block, as rustc extends them.
fn extending_refs(e: &Expr, out: &mut Vec<Span>) {
    match &e.kind {
        ExprKind::Ref(..) => out.push(e.span),
        ExprKind::Tuple(es) | ExprKind::Array(es) => es.iter().for_each(|x| extending_refs(x, out)),
        ExprKind::Struct(_, fields, _) => fields.iter().for_each(|(_, x)| extending_refs(x, out)),
        ExprKind::Call(f, args) if matches!(&f.kind, ExprKind::Path(p) if p.last().starts_with(|c: char| c.is_ascii_uppercase())) => {
            args.iter().for_each(|x| extending_refs(x, out));
        }
        _ => {}
    }
}

struct Compiler<'p> {
    p: &'p Program,
    code: Code,
    values: HashMap<Rc<str>, Global>,
    types: HashMap<Rc<str>, TyRef>,
    globs: Vec<Vec<Rc<str>>>,
    traits: HashMap<Rc<str>, Rc<TraitDecl>>,
    cur: FnCx,
    outer: Vec<FnCx>,
    /// Functions still to compile: id, declaration, the type of `Self`.
    todo: Vec<(u32, Rc<FnDecl>, Option<TyRef>)>,
    /// An impl's methods' ids, and the impl's type parameters' names.
    impl_generics: HashMap<u32, Rc<[Rc<str>]>>,
    /// A generic function's copies for the types a turbofish names (`total_legs::<Dog>(3)`), by
    /// its name and those types, where its body names a type parameter's item (`A::LEGS`).
    specialized: Vec<(Specialization, u32)>,
    /// Each copy's type parameters, bound.
    bindings: HashMap<u32, Vec<(Rc<str>, TyId)>>,
    /// The associated functions (no `self`) of a generic impl whose body names an item of one
    /// of the impl's type parameters that no argument holds (`P::default()` in `impl<P>
    /// Image<P>`'s `new`): their declaration, `Self`, the impl's type as written and its type
    /// parameters, for the copies a `let`'s type asks for ([`Compiler::impl_copy`]).
    impl_assoc: HashMap<u32, ImplAssoc>,
    /// The generic functions whose body parses into a type parameter (`s.parse::<T>()`).
    parse_generic: Vec<Rc<str>>,
    /// Each copy made for a turbofish of one of those: its type parameters' written types.
    type_args: HashMap<u32, Vec<(Rc<str>, Type)>>,
    /// Those copies, by function and turbofish.
    parse_copies: Vec<(ParseCopy, u32)>,
    /// The generic functions that name an item of a type parameter no argument holds, each with
    /// that parameter ([`unheld_generic_item`]): only a turbofish tells it.
    unheld: Vec<(Rc<str>, Rc<str>)>,
    const_decls: Vec<Rc<ConstDecl>>,
    /// How many constants a pattern's constant is being read through ([`Compiler::const_pat`]).
    const_depth: u32,
    ctor_fns: HashMap<(TyId, Option<u32>), u32>,
    /// Calls of `async fn`s made in `async fn` bodies: caller, callee, where (for E0733).
    async_calls: Vec<(u32, u32, Span)>,
    /// Inside `Box::pin(…)`: a call there is boxed, so recursion through it is fine.
    boxing: bool,
    /// The program implements `IntoFuture`: an `.await` calls `into_future` first.
    into_future: bool,
    /// The program has an `impl From<Own> for` a built-in type: its `into()` is a method.
    own_into: bool,
    /// The functions of impls for a reference type (`impl Mul for &Matrix`): their `self` is one.
    ref_self: HashSet<u32>,
    /// Each function's parameter types as written (`self` left out), by id: they type what an
    /// argument's `parse()`, `collect()` or `into()` makes.
    param_tys: HashMap<u32, Rc<[Type]>>,
    /// Each enum variant's field types, by type and variant.
    variant_tys: HashMap<(TyId, u32), Rc<[Type]>>,
}

/// Compiles `p`.
pub fn compile(p: &Program) -> R<Code> {
    let mut c = Compiler {
        p,
        code: Code::default(),
        values: HashMap::new(),
        types: HashMap::new(),
        globs: Vec::new(),
        traits: HashMap::new(),
        cur: FnCx::default(),
        outer: Vec::new(),
        todo: Vec::new(),
        specialized: Vec::new(),
        bindings: HashMap::new(),
        parse_generic: Vec::new(),
        type_args: HashMap::new(),
        impl_assoc: HashMap::new(),
        parse_copies: Vec::new(),
        unheld: Vec::new(),
        impl_generics: HashMap::new(),
        const_decls: Vec::new(),
        const_depth: 0,
        ctor_fns: HashMap::new(),
        async_calls: Vec::new(),
        boxing: false,
        into_future: p.items.iter().any(|i| matches!(i, Item::Impl(d) if d.trait_.as_ref().is_some_and(|t| t.last() == "IntoFuture"))),
        own_into: false,
        ref_self: HashSet::new(),
        param_tys: HashMap::new(),
        variant_tys: HashMap::new(),
    };
    c.builtin_types();
    c.collect()?;
    // Like those below: only a program with generic functions reads them.
    if p.fns().any(|f| !f.generics.is_empty()) {
        c.unheld = unheld_generics(p);
        c.parse_generic = parse_generics(p);
    }
    // Neither has anything to do in the step form's programs: not called, they are not in an
    // embed's first module (tools/lazy-split).
    if p.items.iter().any(|i| matches!(i, Item::Use(_))) {
        c.uses()?;
    }
    if !c.traits.is_empty() || p.items.iter().any(|i| matches!(i, Item::Impl(_))) {
        c.impls()?;
        c.own_intos();
    }
    let Some(main) = p.find("main").cloned() else {
        return Err(LangError::new(
            Span::default(),
            "there is no `main`: the program starts there (write `async fn main()`, or a plain `fn main()` that spawns tasks)",
        ));
    };
    if !main.params.is_empty() {
        return Err(LangError::new(main.span, "`main` takes no parameters"));
    }
    let Some(Global::Fn(main_id)) = c.values.get("main").cloned() else {
        return Err(LangError::new(main.span, "`main` must be a function"));
    };
    c.code.main = main_id;
    c.code.main_async = main.is_async;
    c.code.main_result = main.ret.as_ref().and_then(Type::name) == Some("Result");
    while let Some((id, decl, self_ty)) = c.todo.pop() {
        c.function(id, &decl, self_ty)?;
    }
    for (i, k) in c.const_decls.clone().iter().enumerate() {
        let id = c.code.const_fns[i];
        c.const_fn(id, k)?;
    }
    c.async_recursion()?;
    // A function that polls futures by hand (an executor's `run`, a combinator) is traced: its
    // lines light when it polls, as a hand-written `poll`'s do.
    let polls: Vec<bool> = c
        .code
        .funcs
        .iter()
        .map(|f| {
            f.ops
                .iter()
                .any(|op| matches!(op, Op::CallMethod(site) if c.code.methods.get(*site as usize).is_some_and(|m| &*m.text == "poll")))
        })
        .collect();
    for (f, polls) in c.code.funcs.iter_mut().zip(polls) {
        f.traced |= polls;
    }
    c.code.finish_types();
    Ok(c.code)
}

/// A built-in type's entry: its name and its variants' names, which `{:?}` prints. Nothing
/// else of it is read: its values are built, matched, compared, cloned and printed by the
/// evaluator's own code, and the checks of derives and fields are for a program's types.
fn builtin_info(name: &str, variants: &[&str]) -> TypeInfo {
    TypeInfo {
        name: Rc::from(name),
        variants: variants.iter().map(|v| Variant { name: Rc::from(*v), tuple: true, ..Variant::default() }).collect(),
        ..TypeInfo::default()
    }
}

/// The collect a `collect()` into `t` is, when it is not the plain one: into `Result<Vec<_>, E>`
/// it stops at the first `Err` and gives it (`collect_result`), into `Option<Vec<_>>` at the
/// first `None` (`collect_option`), as Rust's `FromIterator` impls for them do.
/// `init` with the type a `let` writes given to the `parse()` whose result it is, as rustc
/// infers it: `let n: u32 = s.parse().unwrap()` (also `expect`, `unwrap_or…`, `?`),
/// `let r: Result<char, _> = s.parse()`, `let o: Option<u8> = s.parse().ok()`, and the Rust
/// Book's `let guess: u32 = match guess.trim().parse() { Ok(num) => num, Err(_) => continue }`.
/// Only for the types `parse` reads differently from a plain number (integers, `char`,
/// `bool`, a program's own `FromStr`), which `parses_to` tells; `None` if `init` is not one of
/// these shapes.
#[inline(never)]
fn parse_typed_by_let(init: &Expr, ty: &Type, parses_to: &dyn Fn(&Type) -> bool) -> Option<Expr> {
    let parse_target = |t| parses_to(t).then_some(t);
    fn with_turbofish(e: &Expr, t: &Type) -> Option<Expr> {
        match &e.kind {
            ExprKind::Method(recv, name, at, args, None) if &**name == "parse" && args.is_empty() => {
                Some(Expr { kind: ExprKind::Method(recv.clone(), name.clone(), *at, Vec::new(), Some(t.clone())), span: e.span })
            }
            // `x.try_into()` to an integer type is that type's `try_from(x)`.
            ExprKind::Method(recv, name, at, args, None) if &**name == "try_into" && args.is_empty() => {
                let Type::Path(tp) = t else { return None };
                t.int()?;
                let seg = |name: Rc<str>| PathSeg { name, generics: Vec::new(), span: *at };
                let f = Path { segs: vec![seg(Rc::from(tp.last())), seg(Rc::from("try_from"))], span: *at };
                let f = Expr { kind: ExprKind::Path(f), span: *at };
                Some(Expr { kind: ExprKind::Call(Box::new(f), vec![(**recv).clone()]), span: e.span })
            }
            // `s.parse().map_err(|e| …)?`: the error changes, the value's type is still `t`;
            // `s.parse().ok()?`: an `Option` of the same value.
            ExprKind::Method(recv, name, at, args, None) if matches!(&**name, "map_err" | "or_else" | "inspect_err" | "ok") => {
                let inner = with_turbofish(recv, t)?;
                Some(Expr { kind: ExprKind::Method(Box::new(inner), name.clone(), *at, args.clone(), None), span: e.span })
            }
            _ => None,
        }
    }
    fn generic_of<'t>(ty: &'t Type, wrapper: &str) -> Option<&'t Type> {
        match ty {
            Type::Path(p) if p.last() == wrapper => p.segs.last()?.generics.first(),
            _ => None,
        }
    }
    let rebuilt = |kind: ExprKind| Some(Expr { kind, span: init.span });
    match &init.kind {
        ExprKind::Method(..) => {
            if let Some(t) = generic_of(ty, "Result").and_then(parse_target) {
                return with_turbofish(init, t);
            }
            let ExprKind::Method(inner, name, at, args, None) = &init.kind else { return None };
            let t = match &**name {
                "ok" if args.is_empty() => generic_of(ty, "Option").and_then(parse_target)?,
                "unwrap" | "expect" | "unwrap_or" | "unwrap_or_default" | "unwrap_or_else" => parse_target(ty)?,
                _ => return None,
            };
            let inner = Box::new(with_turbofish(inner, t)?);
            // A primitive's default, written out (the type is known here).
            let default = match (t.int(), t.name()) {
                (Some(i), _) => Some(ExprKind::Int(0, Some(i))),
                (None, Some("char")) => Some(ExprKind::Char('\0')),
                (None, Some("bool")) => Some(ExprKind::Bool(false)),
                (None, Some(f @ ("f64" | "f32"))) => Some(ExprKind::Float(0.0, super::lexer::FloatTy::from_name(f))),
                _ => None,
            };
            if let (true, Some(default)) = (&**name == "unwrap_or_default", default) {
                return rebuilt(ExprKind::Method(inner, "unwrap_or".into(), *at, vec![Expr { kind: default, span: init.span }], None));
            }
            rebuilt(ExprKind::Method(inner, name.clone(), *at, args.clone(), None))
        }
        ExprKind::Try(inner) => rebuilt(ExprKind::Try(Box::new(with_turbofish(inner, parse_target(ty)?)?))),
        // The `Ok` arm's value is its binding: the match's type is the parsed one.
        ExprKind::Match(scrutinee, arms) => {
            let t = parse_target(ty)?;
            let gives_binding = |a: &Arm| match (&a.pat.kind, &a.body.kind) {
                (PatKind::TupleStruct(p, fields), ExprKind::Path(b)) if p.last() == "Ok" => {
                    matches!(fields.as_slice(), [Pat { kind: PatKind::Bind { name, sub: None, .. }, .. }] if b.single() == Some(name))
                }
                _ => false,
            };
            if !arms.iter().any(gives_binding) {
                return None;
            }
            rebuilt(ExprKind::Match(Box::new(with_turbofish(scrutinee, t)?), arms.clone()))
        }
        _ => None,
    }
}

/// `Cell::new(250)` (or `Box`, `Rc`, `Arc`, `RefCell`, `Mutex`, `RwLock`, `Some`) given a type
/// written `Cell<u8>`: the call with its integer literal typed `u8` (checked to fit, and
/// wrapping and overflowing as a `u8` after), as rustc infers it from the `let`.
#[inline(never)]
fn literal_typed_in_wrapper(init: &Expr, ty: &Type) -> Option<Expr> {
    let Type::Path(p) = ty else { return None };
    let seg = p.segs.last()?;
    if !matches!(&*seg.name, "Cell" | "RefCell" | "Mutex" | "RwLock" | "Box" | "Rc" | "Arc" | "Option") {
        return None;
    }
    let t = seg.generics.first()?.int()?;
    let ExprKind::Call(f, args) = &init.kind else { return None };
    let ExprKind::Path(fp) = &f.kind else { return None };
    if !matches!(fp.last(), "new" | "Some") {
        return None;
    }
    let [arg] = args.as_slice() else { return None };
    let typed = match &arg.kind {
        ExprKind::Int(n, None) => ExprKind::Int(*n, Some(t)),
        ExprKind::Unary(UnOp::Neg, inner) => match inner.kind {
            ExprKind::Int(n, None) => ExprKind::Unary(UnOp::Neg, Box::new(Expr { kind: ExprKind::Int(n, Some(t)), span: inner.span })),
            _ => return None,
        },
        _ => return None,
    };
    Some(Expr { kind: ExprKind::Call(f.clone(), vec![Expr { kind: typed, span: arg.span }]), span: init.span })
}

/// Whether `pat` takes a tuple or a struct apart: `Some(true)` if it leaves fields out at its
/// top level (`..` or `_`), `Some(false)` if it binds them all; `None` for any other pattern.
#[inline(never)]
fn destructures(pat: &Pat) -> Option<bool> {
    // A field left out, or bound by `ref` (`let Person { name, ref age } = person;`: Rust by
    // Example's partial move, after which `person.age` is still read), stays in the variable.
    let left_out = |p: &Pat| matches!(p.kind, PatKind::Rest | PatKind::Wild | PatKind::Bind { by_ref: true, .. });
    match &pat.kind {
        PatKind::Tuple(items) | PatKind::TupleStruct(_, items) => Some(items.iter().any(left_out)),
        PatKind::Struct(_, fields, rest) => Some(*rest || fields.iter().any(|(_, p)| left_out(p))),
        _ => None,
    }
}

/// Whether [`Compiler::typed_by`] may change what `e` computes: a method the written type
/// steers (`collect`, `into`, `parse` and what unwraps it), a `?`, a `match`, a constructor or a
/// tuple holding one.
fn typed_shape(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Method(_, name, ..) => {
            matches!(
                &**name,
                "collect"
                    | "into"
                    | "parse"
                    | "try_into"
                    | "unwrap"
                    | "expect"
                    | "ok"
                    | "unwrap_or"
                    | "unwrap_or_default"
                    | "unwrap_or_else"
            )
        }
        ExprKind::Try(_) | ExprKind::Match(..) => true,
        ExprKind::Call(_, args) => args.iter().any(typed_shape),
        ExprKind::Tuple(es) => es.iter().any(typed_shape),
        _ => false,
    }
}

/// The type a `Poll<T>` holds.
fn polled(t: &Type) -> Option<&Type> {
    let Type::Path(p) = t else { return None };
    let seg = p.segs.last().filter(|s| &*s.name == "Poll")?;
    seg.generics.first()
}

/// How deep a `?` in a function returning `t` wraps its early return ([`Op::Try`]): `Poll<Result<…>>`
/// 1, `Poll<Option<Result<…>>>` 2, anything else 0.
fn poll_wraps(t: &Type) -> u8 {
    let is = |t: &Type, name: &str| matches!(t, Type::Path(p) if p.last() == name);
    match polled(t) {
        Some(r) if is(r, "Result") => 1,
        Some(Type::Path(p)) if p.last() == "Option" && p.segs.last().and_then(|s| s.generics.first()).is_some_and(|r| is(r, "Result")) => 2,
        _ => 0,
    }
}

/// A written type that types what is put in it: a collection's (`Vec<String>`, `&mut
/// HashMap<String, String>`), references taken off.
fn container_ty(t: &Type) -> Option<Rc<Type>> {
    let mut t = t;
    while let Type::Ref(_, inner) = t {
        t = inner;
    }
    let Type::Path(p) = t else { return None };
    let has_generics = p.segs.last().is_some_and(|s| !s.generics.is_empty());
    (has_generics && matches!(p.last(), "Vec" | "VecDeque" | "HashSet" | "BTreeSet" | "BinaryHeap" | "HashMap" | "BTreeMap"))
        .then(|| Rc::new(t.clone()))
}

/// The type of argument `i` of `method` on a collection of type `t` ([`container_ty`]): the
/// item a `push` or an `insert` puts in, the key and the value of a map's `insert`.
fn element_ty<'t>(t: &'t Type, method: &str, i: usize) -> Option<&'t Type> {
    let Type::Path(p) = t else { return None };
    let g = &p.segs.last()?.generics;
    let which = match (p.last(), method, i) {
        ("Vec" | "VecDeque" | "BinaryHeap", "push" | "push_back" | "push_front", 0) => 0,
        ("Vec" | "VecDeque", "insert", 1) => 0,
        ("HashSet" | "BTreeSet", "insert", 0) => 0,
        ("HashMap" | "BTreeMap", "insert", k) if k < 2 => k,
        _ => return None,
    };
    g.get(which)
}

/// The type parameter among `generics` a parameter of type `t` holds a value of: `T`, `&T`,
/// `&mut T`, `Box<T>` (the value; `false`), or `&[T]`, `[T; N]`, `Vec<T>`, `VecDeque<T>` (its
/// first element; `true`).
fn carried(t: &Type, generics: &[Rc<str>]) -> Option<(Rc<str>, bool)> {
    let mut t = t;
    while let Type::Ref(_, inner) = t {
        t = inner;
    }
    let is_param = |t: &Type| t.name().and_then(|n| generics.iter().find(|g| &***g == n)).cloned();
    match t {
        Type::Path(p) if p.segs.len() == 1 && p.segs[0].generics.is_empty() => is_param(t).map(|g| (g, false)),
        Type::Path(p) if matches!(p.last(), "Box") => p.segs.last()?.generics.first().and_then(is_param).map(|g| (g, false)),
        Type::Path(p) if matches!(p.last(), "Vec" | "VecDeque") => p.segs.last()?.generics.first().and_then(is_param).map(|g| (g, true)),
        Type::Slice(inner) | Type::Array(inner, _) => is_param(inner).map(|g| (g, true)),
        _ => None,
    }
}

/// A generic function and the types a turbofish wrote for it (their text).
type ParseCopy = (Rc<str>, Vec<String>);

/// [`Compiler::parse_generic`]: the generic functions of `p` whose body parses into one of
/// their type parameters (`s.parse::<T>()`, `T::from_str(s)`).
fn parse_generics(p: &Program) -> Vec<Rc<str>> {
    p.fns()
        .filter(|f| !f.generics.is_empty())
        .filter(|f| {
            let Some(body) = &f.body else { return false };
            let mut found = false;
            // `T` itself, a reference to it, or a type that holds it (`Vec<T>`).
            let names_param = |t: &Type| mentions(t, &f.generics);
            walk_block(body, &mut |e| match &e.kind {
                ExprKind::Method(_, name, _, args, Some(t)) if args.is_empty() => {
                    // `s.parse::<T>()`; `x.downcast_ref::<T>()` and its kin, which read `T`'s
                    // identity.
                    found |= matches!(&**name, "parse" | "downcast_ref" | "downcast_mut" | "downcast" | "is") && names_param(t);
                }
                // `T::from_str(s)`, which a copy for a std `T` reads as `s.parse::<T>()`.
                ExprKind::Call(callee, args) if args.len() == 1 => {
                    if let ExprKind::Path(p) = &callee.kind {
                        found |= matches!(p.segs.as_slice(), [g, m] if &*m.name == "from_str" && f.generics.contains(&g.name));
                    }
                }
                // `TypeId::of::<T>()`, `type_name::<T>()`.
                ExprKind::Call(callee, args) if args.is_empty() => {
                    if let ExprKind::Path(p) = &callee.kind {
                        found |= p
                            .segs
                            .last()
                            .is_some_and(|s| matches!(&*s.name, "of" | "type_name") && s.generics.first().is_some_and(names_param));
                    }
                }
                _ => {}
            });
            found
        })
        .map(|f| f.name.clone())
        .collect()
}

/// Whether a pattern binds `name`.
fn pat_binds(p: &Pat, name: &str) -> bool {
    match &p.kind {
        PatKind::Bind { name: n, sub, .. } => &**n == name || sub.as_ref().is_some_and(|s| pat_binds(s, name)),
        PatKind::Tuple(ps) | PatKind::Slice(ps) | PatKind::TupleStruct(_, ps) | PatKind::Or(ps) => ps.iter().any(|q| pat_binds(q, name)),
        PatKind::Struct(_, fs, _) => fs.iter().any(|(_, q)| pat_binds(q, name)),
        PatKind::Ref(q, _) => pat_binds(q, name),
        PatKind::Wild | PatKind::Rest | PatKind::Lit(_) | PatKind::Range(..) | PatKind::Path(_) => false,
    }
}

/// Binds the type parameters `generics` that `pattern` (a function's return type) names to
/// the parts of `actual` (a written type) in their places.
fn unify(pattern: &Type, actual: &Type, generics: &[Rc<str>], out: &mut Vec<(Rc<str>, Type)>) {
    match (pattern, actual) {
        (_, Type::Infer) => {}
        (Type::Path(p), _) if p.single().is_some_and(|g| generics.contains(g)) => {
            let g = p.segs[0].name.clone();
            if !out.iter().any(|(n, _)| *n == g) {
                out.push((g, actual.clone()));
            }
        }
        (Type::Path(p), Type::Path(a)) => {
            if let (Some(ps), Some(as_)) = (p.segs.last(), a.segs.last()) {
                if ps.name == as_.name {
                    for (x, y) in ps.generics.iter().zip(&as_.generics) {
                        unify(x, y, generics, out);
                    }
                }
            }
        }
        (Type::Tuple(ps), Type::Tuple(as_)) if ps.len() == as_.len() => {
            for (x, y) in ps.iter().zip(as_) {
                unify(x, y, generics, out);
            }
        }
        (Type::Ref(_, x), Type::Ref(_, y)) | (Type::Slice(x), Type::Slice(y)) | (Type::Array(x, _), Type::Array(y, _)) => {
            unify(x, y, generics, out)
        }
        _ => {}
    }
}

/// [`Compiler::unheld`]: each generic function of `p` whose body names an item of a type
/// parameter no argument holds.
#[inline(never)]
fn unheld_generics(p: &Program) -> Vec<(Rc<str>, Rc<str>)> {
    p.fns().filter(|f| !f.generics.is_empty()).filter_map(|f| unheld_generic_item(f).map(|g| (f.name.clone(), g))).collect()
}

/// The type parameter of a generic function whose item its body names (`A::LEGS`) while no
/// parameter holds an `A` (so only a turbofish tells it).
fn unheld_generic_item(f: &FnDecl) -> Option<Rc<str>> {
    let body = f.body.as_ref()?;
    let held: Vec<Rc<str>> = f.params.iter().filter_map(|p| carried(&p.ty, &f.generics)).map(|(g, _)| g).collect();
    let mut found = None;
    walk_block(body, &mut |e| {
        if let ExprKind::Path(p) = &e.kind {
            if p.segs.len() > 1 && found.is_none() && f.generics.contains(&p.segs[0].name) && !held.contains(&p.segs[0].name) {
                found = Some(p.segs[0].name.clone());
            }
        }
    });
    found
}

/// Whether `f`'s body names an item of one of `generics` (`P::default()`) that none of its
/// parameters holds.
fn names_unheld_item(f: &FnDecl, generics: &[Rc<str>]) -> bool {
    let Some(body) = &f.body else { return false };
    let held: Vec<Rc<str>> = f.params.iter().filter_map(|p| carried(&p.ty, generics)).map(|(g, _)| g).collect();
    let mut found = false;
    walk_block(body, &mut |e| {
        if let ExprKind::Path(p) = &e.kind {
            found |= p.segs.len() > 1 && generics.contains(&p.segs[0].name) && !held.contains(&p.segs[0].name);
        }
    });
    found
}

/// Whether `body` asks the identity of the type parameter `g` (`TypeId::of::<g>()`,
/// `type_name::<g>()`, `x.is::<g>()` and the downcasts).
fn asks_identity(body: &Block, g: &Rc<str>) -> bool {
    let names = |t: &Type| mentions(t, std::slice::from_ref(g));
    let mut found = false;
    walk_block(body, &mut |e| match &e.kind {
        ExprKind::Method(_, name, _, args, Some(t)) if args.is_empty() => {
            found |= matches!(&**name, "downcast_ref" | "downcast_mut" | "downcast" | "is") && names(t);
        }
        ExprKind::Path(p) => {
            found |= p.segs.last().is_some_and(|s| matches!(&*s.name, "of" | "type_name") && s.generics.first().is_some_and(names));
        }
        _ => {}
    });
    found
}

/// Whether a trait's default method names a path through `Self` (`Self::LEGS`, `Self::new()`).
fn names_self_path(f: &FnDecl) -> bool {
    let Some(body) = &f.body else { return false };
    let mut found = false;
    walk_block(body, &mut |e| {
        if let ExprKind::Path(p) = &e.kind {
            found |= p.segs.len() > 1 && &*p.segs[0].name == "Self";
        }
    });
    found
}

/// `it.unzip()` into a pair whose parts are not both `Vec`s (`(Vec<i32>, String)`): each half
/// collected into its written type, as std's `Extend` impls fill them.
fn unzip_into(recv: &Expr, name: &str, args: &[Expr], t: &Type, span: Span) -> Option<Expr> {
    let Type::Tuple(parts) = t else { return None };
    let [ta, tb] = parts.as_slice() else { return None };
    if name != "unzip" || !args.is_empty() || [ta, tb].iter().all(|p| matches!(p.name(), Some("Vec") | None)) {
        return None;
    }
    let e = |kind: ExprKind| Expr { kind, span };
    let names: [Rc<str>; 2] = [Rc::from("unzipped·0"), Rc::from("unzipped·1")];
    let bind = |n: &Rc<str>| Pat { kind: PatKind::Bind { name: n.clone(), by_ref: false, mutable: false, sub: None }, span };
    let path = |n: &Rc<str>| e(ExprKind::Path(Path { segs: vec![PathSeg { name: n.clone(), generics: Vec::new(), span }], span }));
    let collected = |n: &Rc<str>, ty: &Type| {
        let it = e(ExprKind::Method(Box::new(path(n)), Rc::from("into_iter"), span, Vec::new(), None));
        e(ExprKind::Method(Box::new(it), Rc::from("collect"), span, Vec::new(), Some(ty.clone())))
    };
    let unzipped = e(ExprKind::Method(Box::new(recv.clone()), Rc::from("unzip"), span, Vec::new(), None));
    let split = Stmt::Let {
        pat: Pat { kind: PatKind::Tuple(vec![bind(&names[0]), bind(&names[1])]), span },
        ty: None,
        init: Some(unzipped),
        els: None,
        span,
    };
    let pair = e(ExprKind::Tuple(vec![collected(&names[0], ta), collected(&names[1], tb)]));
    Some(e(ExprKind::Block(Block { stmts: vec![split, Stmt::Expr { expr: pair, semi: false }], span })))
}

/// Whether an expression is evidently a `String`: `String::new()`, `String::from(…)`,
/// `format!(…)`, `x.to_string()`, `x.to_owned()` of a literal.
fn is_string_expr(e: &Expr) -> bool {
    match &e.kind {
        ExprKind::Call(f, _) => {
            matches!(&f.kind, ExprKind::Path(p) if matches!(p.segs.as_slice(), [t, m] if &*t.name == "String" && matches!(&*m.name, "new" | "from" | "with_capacity")))
        }
        ExprKind::Method(_, name, _, args, None) => args.is_empty() && &**name == "to_string",
        ExprKind::Fmt(FmtKind::Format, ..) => true,
        ExprKind::Block(b) => matches!(b.stmts.last(), Some(Stmt::Expr { expr, semi: false }) if is_string_expr(expr)),
        _ => false,
    }
}

/// `e` with its untyped `collect()` (itself, or its block's tail) typed `String`.
fn collect_as_string(e: &Expr) -> Option<Expr> {
    match &e.kind {
        ExprKind::Method(recv, name, span, args, None) if &**name == "collect" && args.is_empty() => {
            let string =
                Type::Path(Path { segs: vec![PathSeg { name: Rc::from("String"), generics: Vec::new(), span: *span }], span: *span });
            Some(Expr { kind: ExprKind::Method(recv.clone(), name.clone(), *span, Vec::new(), Some(string)), span: e.span })
        }
        ExprKind::Block(b) => {
            let Some(Stmt::Expr { expr, semi: false }) = b.stmts.last() else { return None };
            let typed = collect_as_string(expr)?;
            let mut b = b.clone();
            if let Some(Stmt::Expr { expr, .. }) = b.stmts.last_mut() {
                *expr = typed;
            }
            Some(Expr { kind: ExprKind::Block(b), span: e.span })
        }
        _ => None,
    }
}

fn collect_target(t: &Type) -> Option<&'static str> {
    let Type::Path(p) = t else { return None };
    let last = p.segs.last()?;
    let inner = last.generics.first()?;
    // `collect::<Result<_, E>>()`: the `_` is the `Vec` rustc infers, most often.
    if inner.name() != Some("Vec") && *inner != Type::Infer {
        return None;
    }
    match &*last.name {
        "Result" => Some("collect_result"),
        "Option" => Some("collect_option"),
        _ => None,
    }
}

impl<'p> Compiler<'p> {
    fn builtin_types(&mut self) {
        let t = &mut self.code.types;
        t.push(builtin_info("tuple", &[]));
        t.push(builtin_info("array", &[]));
        t.push(builtin_info("Vec", &[]));
        t.push(builtin_info("VecDeque", &[]));
        t.push(builtin_info("String", &[]));
        t.push(builtin_info("Option", &["None", "Some"]));
        t.push(builtin_info("Result", &["Ok", "Err"]));
        t.push(builtin_info("Poll", &["Ready", "Pending"]));
        t.push(builtin_info("Ordering", &["Less", "Equal", "Greater"]));
        t.push(builtin_info("HashMap", &[]));
        let mut send_error = builtin_info("SendError", &[]);
        send_error.tuple = true;
        send_error.fields = vec![Rc::from("")];
        t.push(send_error);
        t.push(builtin_info("RecvError", &[]));
        let mut try_send = builtin_info("TrySendError", &["Full", "Disconnected"]);
        for v in &mut try_send.variants {
            v.fields = vec![Rc::from("")];
        }
        t.push(try_send);
        t.push(builtin_info("TryRecvError", &["Empty", "Disconnected"]));
        t.push(builtin_info("RecvTimeoutError", &["Timeout", "Disconnected"]));
        t.push(builtin_info("Any { .. }", &[]));
        t.push(builtin_info("Entry", &[]));
        t.push(builtin_info("PoisonError", &[]));
        t.push(builtin_info("BTreeMap", &[]));
        t.push(builtin_info("HashSet", &[]));
        t.push(builtin_info("BTreeSet", &[]));
        t.push(builtin_info("BinaryHeap", &[]));
        let mut reverse = builtin_info("Reverse", &[]);
        reverse.tuple = true;
        reverse.fields = vec![Rc::from("")];
        t.push(reverse);
        let mut cow = builtin_info("Cow", &["Borrowed", "Owned"]);
        for v in &mut cow.variants {
            v.fields = vec![Rc::from("")];
        }
        t.push(cow);
        let mut type_id = builtin_info("TypeId", &[]);
        type_id.tuple = true;
        type_id.fields = vec![Rc::from("")];
        t.push(type_id);
        let mut either = builtin_info("Either", &["Left", "Right"]);
        for v in &mut either.variants {
            v.fields = vec![Rc::from("")];
        }
        t.push(either);
        debug_assert_eq!(t.len() as TyId, ty::FIRST_USER);
    }

    fn name_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.code.name_ids.get(name) {
            return i;
        }
        let i = self.code.names.len() as u32;
        let rc: Rc<str> = Rc::from(name);
        self.code.names.push(rc.clone());
        self.code.name_ids.insert(rc, i);
        i
    }

    fn new_func(&mut self, name: Rc<str>, decl: Option<&FnDecl>, span: Span) -> u32 {
        let id = self.code.funcs.len() as u32;
        if let Some(d) = decl {
            // A parameter whose type names one of the function's type parameters types nothing.
            let tys = d.params.iter().map(|p| if mentions(&p.ty, &d.generics) { Type::Infer } else { p.ty.clone() });
            self.param_tys.insert(id, tys.collect());
        }
        self.code.funcs.push(Func {
            name,
            ops: Vec::new(),
            spans: Vec::new(),
            params: decl.map_or(0, |d| (d.params.len() + usize::from(d.self_kind.is_some())) as u16),
            captures: 0,
            locals: 0,
            is_async: decl.is_some_and(|d| d.is_async),
            traced: false,
            self_kind: decl.and_then(|d| d.self_kind),
            ref_impl: false,
            param_ints: decl
                .map_or_else(Vec::new, |d| int_params(d.self_kind.iter().map(|_| None).chain(d.params.iter().map(|p| p.ty.int())))),
            param_floats: decl.map_or_else(Vec::new, |d| {
                let mut v: Vec<_> = d.self_kind.iter().map(|_| None).chain(d.params.iter().map(|p| p.ty.float())).collect();
                while let Some(None) = v.last() {
                    v.pop();
                }
                v
            }),
            span,
        });
        id
    }

    // ----- Items -----

    fn define(&mut self, name: &Rc<str>, span: Span, g: Global) -> R<()> {
        if self.values.contains_key(name) {
            return Err(LangError::new(span, format!("the name `{name}` is defined multiple times")));
        }
        self.values.insert(name.clone(), g);
        Ok(())
    }

    fn define_type(&mut self, name: &Rc<str>, span: Span, t: TyRef) -> R<()> {
        if self.types.contains_key(name) {
            return Err(LangError::new(span, format!("the name `{name}` is defined multiple times")));
        }
        self.types.insert(name.clone(), t);
        Ok(())
    }

    fn collect(&mut self) -> R<()> {
        for item in &self.p.items {
            match item {
                Item::Fn(f) => {
                    let id = self.new_func(f.name.clone(), Some(f), f.span);
                    if f.self_kind.is_some() {
                        return Err(LangError::new(f.span, "`self` parameters are only allowed in methods, inside an `impl`"));
                    }
                    if f.body.is_none() {
                        return Err(LangError::new(f.span, format!("`{}` has no body", f.name)));
                    }
                    self.define(&f.name, f.span, Global::Fn(id))?;
                    self.todo.push((id, f.clone(), None));
                }
                other => self.collect_other(other)?,
            }
        }
        Ok(())
    }

    /// The fields written `HashMap<K, V>` or `BTreeMap<K, V>`, each with its `V` registered in
    /// [`Code::default_types`]: a map put there knows what `or_default()` makes.
    #[inline(never)]
    fn map_defaults(&mut self, field_tys: &[Type]) -> Vec<(u32, u32)> {
        let mut out = Vec::new();
        for (i, t) in field_tys.iter().enumerate() {
            let Type::Path(p) = t else { continue };
            if !matches!(p.last(), "HashMap" | "BTreeMap") {
                continue;
            }
            if let Some(v) = p.segs.last().and_then(|s| s.generics.get(1)).filter(|v| !matches!(v, Type::Infer)) {
                self.code.default_types.push(v.clone());
                out.push((i as u32, (self.code.default_types.len() - 1) as u32));
            }
        }
        out
    }

    /// [`collect`](Self::collect)'s items other than functions: none in the step form's
    /// programs, so a function of its own, which an embed's first module does not need
    /// (tools/lazy-split splits by function).
    #[inline(never)]
    fn collect_other(&mut self, item: &Item) -> R<()> {
        match item {
            Item::Struct(s) => {
                let id = self.code.types.len() as TyId;
                let (fields, tuple) = match &s.fields {
                    Fields::Named(f) => (f.iter().map(|(n, _, _)| n.clone()).collect(), false),
                    Fields::Tuple(t) => (t.iter().map(|_| Rc::from("")).collect(), true),
                    Fields::Unit => (Vec::new(), true),
                };
                let field_ints = (0..s.fields.len()).map(|i| s.fields.ty(i).and_then(Type::int)).collect();
                let field_items = (0..s.fields.len()).map(|i| s.fields.ty(i).and_then(Type::items_int)).collect();
                let field_tys: Vec<Type> = (0..s.fields.len()).filter_map(|i| s.fields.ty(i).cloned()).collect();
                let map_defaults = self.map_defaults(&field_tys);
                self.code.type_ids.insert(s.name.clone(), id);
                self.code.types.push(TypeInfo {
                    name: s.name.clone(),
                    fields,
                    field_ints,
                    field_items,
                    field_tys,
                    map_defaults,
                    tuple,
                    derives: s.derives.clone(),
                    generic: !s.generics.is_empty(),
                    ..TypeInfo::default()
                });
                self.define_type(&s.name, s.span, TyRef::User(id))?;
                if !matches!(s.fields, Fields::Named(_)) {
                    self.define(&s.name, s.span, Global::Ctor(id, None, s.fields.len(), true))?;
                }
            }
            Item::Enum(e) => {
                let id = self.code.types.len() as TyId;
                for (v, (_, f, _)) in e.variants.iter().enumerate() {
                    let tys: Rc<[Type]> = (0..f.len()).filter_map(|i| f.ty(i).cloned()).collect();
                    if tys.len() == f.len() {
                        self.variant_tys.insert((id, v as u32), tys);
                    }
                }
                let variants = e
                    .variants
                    .iter()
                    .map(|(n, f, _)| Variant {
                        name: n.clone(),
                        fields: match f {
                            Fields::Named(f) => f.iter().map(|(n, _, _)| n.clone()).collect(),
                            Fields::Tuple(t) => t.iter().map(|_| Rc::from("")).collect(),
                            Fields::Unit => Vec::new(),
                        },
                        tuple: !matches!(f, Fields::Named(_)),
                        field_ints: (0..f.len()).map(|i| f.ty(i).and_then(Type::int)).collect(),
                        field_items: (0..f.len()).map(|i| f.ty(i).and_then(Type::items_int)).collect(),
                        field_ids: Vec::new(),
                    })
                    .collect();
                self.code.type_ids.insert(e.name.clone(), id);
                self.code.types.push(TypeInfo {
                    name: e.name.clone(),
                    discriminants: e.discriminants.clone(),
                    variants,
                    is_enum: true,
                    default_variant: e.default_variant,
                    derives: e.derives.clone(),
                    generic: !e.generics.is_empty(),
                    ..TypeInfo::default()
                });
                self.define_type(&e.name, e.span, TyRef::User(id))?;
            }
            Item::Trait(t) => {
                self.define_type(&t.name, t.span, TyRef::Trait)?;
                self.traits.insert(t.name.clone(), t.clone());
            }
            Item::Const(k) => {
                let id = self.new_func(k.name.clone(), None, k.span);
                let index = self.code.const_fns.len() as u32;
                self.code.const_fns.push(id);
                self.code.statics.push(k.is_static);
                if k.thread_local {
                    self.code.thread_locals.push(index);
                }
                self.const_decls.push(k.clone());
                self.define(&k.name, k.span, Global::Const(index))?;
            }
            Item::Impl(_) | Item::Use(_) | Item::Fn(_) => {}
        }
        Ok(())
    }

    /// `error::Error` after `use std::error;`: a trait of a std module a `use` named.
    fn module_trait(&self, path: &Path) -> bool {
        let [head, rest @ ..] = path.segs.as_slice() else { return false };
        let Some(TyRef::Module(m)) = self.types.get(&head.name) else { return false };
        let full: Vec<&str> = m.iter().map(|s| &**s).chain(rest.iter().map(|s| &*s.name)).collect();
        !rest.is_empty() && matches!(names::std_path(&full), Ok(Known::Trait(_)))
    }

    #[inline(never)]
    fn uses(&mut self) -> R<()> {
        // The names that a `use` gives to std's modules (`use std::fmt;`), for a path that
        // starts from one (`use fmt::Write;`), wherever the two are written.
        let modules: HashMap<Rc<str>, Vec<Rc<str>>> = self
            .p
            .items
            .iter()
            .filter_map(|item| if let Item::Use(names) = item { Some(names) } else { None })
            .flatten()
            .filter(|u| {
                let segs: Vec<&str> = u.path.iter().map(|s| &**s).collect();
                &*u.name != "*" && segs.len() > 1 && matches!(names::std_path(&segs), Ok(Known::Module(_)))
            })
            .map(|u| (u.name.clone(), u.path.clone()))
            .collect();
        for item in &self.p.items {
            let Item::Use(names) = item else { continue };
            for u in names {
                let through: Vec<Rc<str>>;
                let path = match u.path.first().and_then(|f| modules.get(f)) {
                    Some(m) if !names::CRATES.contains(&&*u.path[0]) => {
                        through = m.iter().chain(&u.path[1..]).cloned().collect();
                        &through
                    }
                    _ => &u.path,
                };
                let segs: Vec<&str> = path.iter().map(|s| &**s).collect();
                let Some(first) = segs.first() else { continue };
                // A program's item under another name (`use crate::shapes::Rect as R;`, the
                // modules' names gone): the same type, function or constructor.
                if let ([one], false) = (segs.as_slice(), &*u.name == "*") {
                    let (ty, value) = (self.types.get(*one).cloned(), self.values.get(*one).cloned());
                    if ty.is_some() || value.is_some() {
                        if let Some(t) = ty {
                            self.types.entry(u.name.clone()).or_insert(t);
                        }
                        if let Some(g) = value {
                            self.values.entry(u.name.clone()).or_insert(g);
                        }
                        continue;
                    }
                }
                // A user enum's variants: `use State::*`, `use State::{Idle, Busy}`.
                if let Some(TyRef::User(t)) = self.types.get(*first).cloned() {
                    let info = &self.code.types[t as usize];
                    let wanted: Vec<(usize, Variant)> = if &*u.name == "*" {
                        info.variants.iter().cloned().enumerate().collect()
                    } else {
                        match segs.get(1).and_then(|v| info.variants.iter().position(|x| &*x.name == *v)) {
                            Some(i) => vec![(i, info.variants[i].clone())],
                            None => {
                                return Err(LangError::new(u.span, format!("no variant `{}` in `{first}`", segs.get(1).unwrap_or(&""))))
                            }
                        }
                    };
                    for (i, v) in wanted {
                        let name = if &*u.name == "*" { v.name.clone() } else { u.name.clone() };
                        let g = Global::Ctor(t, Some(i as u32), v.fields.len(), v.tuple);
                        self.values.entry(name).or_insert(g);
                    }
                    continue;
                }
                if !names::CRATES.contains(first) {
                    return Err(LangError::new(
                        u.span,
                        format!(
                            "unresolved import `{}`: the playground knows std, core, futures, gloo_timers and wasm_bindgen_futures",
                            segs.join("::")
                        ),
                    ));
                }
                if &*u.name == "*" {
                    names::std_path(&segs).map_err(|m| LangError::new(u.span, m))?;
                    self.globs.push(path.clone());
                    continue;
                }
                let known = names::std_path(&segs).map_err(|m| LangError::new(u.span, m))?;
                match known {
                    Known::Type(t) => {
                        self.types.entry(u.name.clone()).or_insert(TyRef::Builtin(t));
                    }
                    Known::Trait(_) => {
                        self.types.entry(u.name.clone()).or_insert(TyRef::Trait);
                    }
                    Known::Module(_) => {
                        self.types.entry(u.name.clone()).or_insert(TyRef::Module(path.clone()));
                    }
                    Known::Macro => {}
                    // `use std::cmp::Reverse`: a tuple struct, as if the program wrote it.
                    Known::TupleStruct(t, n) => {
                        self.values.entry(u.name.clone()).or_insert(Global::Ctor(t, None, n, true));
                    }
                    other => {
                        self.values.entry(u.name.clone()).or_insert(Global::Known(other));
                    }
                }
            }
        }
        Ok(())
    }

    /// The type that holds the methods of an `impl` of the program's own trait for a built-in
    /// type (`impl AppendBar for String`, `impl Double for i32`): the built-in type itself when
    /// its values are aggregates, a type made for it when they are primitives. Rust's orphan
    /// rules: std's traits for std's types, and inherent impls of them, are rustc's errors.
    #[inline(never)]
    fn builtin_impl_target(&mut self, imp: &ImplDecl, tname: &str) -> R<TyId> {
        let Some(tr) = imp.trait_.as_ref() else {
            return Err(LangError::new(
                imp.span,
                format!("cannot define inherent `impl` for the type `{tname}`, which is defined outside this program: define a trait and `impl` it for `{tname}`"),
            ));
        };
        // `impl Mul<V2> for f64`: std's operator, for a primitive, with the program's own type
        // as its right side (a local type in the trait's arguments satisfies the orphan rule).
        let operator_for_own = matches!(
            tr.last(),
            "Add" | "Sub" | "Mul" | "Div" | "Rem" | "BitAnd" | "BitOr" | "BitXor" | "PartialEq" | "PartialOrd" | "From"
        ) && self.names_own_type(tr);
        let own_operator_on_primitive = operator_for_own && Prim::from_name(tname).is_some_and(|p| !matches!(p, Prim::Str));
        // `impl From<Rgb> for String` too.
        let own_from = operator_for_own && tr.last() == "From";
        if !(self.traits.contains_key(tr.last()) || own_operator_on_primitive || own_from) {
            return Err(LangError::new(
                imp.span,
                format!(
                    "only traits defined in this program can be implemented for types defined outside of it (`{}` for `{tname}`)",
                    tr.last()
                ),
            ));
        }
        let aggregate = match tname {
            "String" => Some(ty::STRING),
            "Vec" => Some(ty::VEC),
            "VecDeque" => Some(ty::DEQUE),
            "HashMap" => Some(ty::MAP),
            "BTreeMap" => Some(ty::BTREE_MAP),
            "HashSet" => Some(ty::SET),
            "BTreeSet" => Some(ty::BTREE_SET),
            "BinaryHeap" => Some(ty::HEAP),
            "Option" => Some(ty::OPTION),
            "Result" => Some(ty::RESULT),
            _ => None,
        };
        if let Some(t) = aggregate {
            return Ok(t);
        }
        let Some(p) = Prim::from_name(tname) else {
            return Err(LangError::new(
                imp.span,
                format!("impls for the built-in type `{tname}` are not supported in the playground yet: wrap it in a struct of yours"),
            ));
        };
        if let Some(&(_, t)) = self.code.prims.iter().find(|(q, _)| *q == p) {
            return Ok(t);
        }
        let t = self.code.types.len() as TyId;
        self.code.types.push(TypeInfo { name: Rc::from(tname), ..TypeInfo::default() });
        self.code.prims.push((p, t));
        Ok(t)
    }

    /// Whether a trait's first argument is a type of the program's (`From<Rgb>`).
    fn names_own_type(&self, tr: &Path) -> bool {
        tr.segs
            .last()
            .and_then(|s| s.generics.first())
            .and_then(|g| g.name())
            .is_some_and(|n| matches!(self.type_of_name(n), Some(TyRef::User(_))))
    }

    /// `impl<T: Bound> Trait for T`: its methods, and the trait's defaults it does not write, are
    /// every value's, found when neither the value's type nor std has the name
    /// ([`Code::blanket`](super::code::Code::blanket)). The bounds are not checked.
    #[inline(never)]
    fn blanket_impl(&mut self, imp: &ImplDecl, defaults: &HashMap<(Rc<str>, Rc<str>), u32>) -> R<()> {
        let path = imp.trait_.as_ref().ok_or_else(|| LangError::new(imp.span, "a blanket impl needs a trait"))?;
        let tn: Rc<str> = Rc::from(path.last());
        let Some(tr) = self.traits.get(&tn).cloned() else {
            return Err(LangError::new(
                imp.span,
                format!(
                    "type parameter `{}` must be used as the type parameter for some local type: `{tn}` is not this program's trait",
                    imp.ty.name().unwrap_or("T")
                ),
            ));
        };
        if !tr.consts.is_empty() {
            return Err(LangError::new(
                imp.span,
                "a blanket impl of a trait with associated consts is not supported in the playground yet",
            ));
        }
        for f in &imp.fns {
            if f.body.is_none() {
                return Err(LangError::new(f.span, format!("`{}` has no body", f.name)));
            }
            let id = self.new_func(Rc::from(format!("{tn}::{}", f.name)), Some(f), f.span);
            self.todo.push((id, f.clone(), Some(TyRef::Generic)));
            if f.self_kind.is_some() {
                let nid = self.name_id(&f.name);
                self.code.blanket.insert(nid, id);
            }
        }
        for f in tr.fns.iter().filter(|f| f.self_kind.is_some() && !imp.fns.iter().any(|g| g.name == f.name)) {
            let id = match defaults.get(&(tn.clone(), f.name.clone())) {
                Some(&u32::MAX) => {
                    return Err(LangError::new(
                        imp.span,
                        format!("`{}` names `Self::…`, which a blanket impl does not know: implement `{tn}` for each type", f.name),
                    ))
                }
                Some(&id) => id,
                None => return Err(LangError::new(imp.span, format!("not all trait items implemented, missing: `{}`", f.name))),
            };
            let nid = self.name_id(&f.name);
            self.code.blanket.insert(nid, id);
        }
        Ok(())
    }

    /// A trait's associated consts for the type `t` of `imp`: the impl's own, else the trait's
    /// default; one that has neither, or an impl's const the trait does not declare, is rustc's
    /// error.
    #[inline(never)]
    fn trait_consts(&mut self, tr: &TraitDecl, imp: &ImplDecl, t: TyId) -> R<()> {
        if let Some(k) = imp.consts.iter().find(|k| !tr.consts.iter().any(|c| c.name == k.name)) {
            return Err(LangError::new(k.span, format!("const `{}` is not a member of trait `{}`", k.name, tr.name)));
        }
        for c in &tr.consts {
            if imp.consts.iter().any(|k| k.name == c.name) {
                continue;
            }
            let Some(k) = &c.default else {
                return Err(LangError::new(imp.span, format!("not all trait items implemented, missing: `{}`", c.name)));
            };
            let id = self.new_func(Rc::from(format!("{}::{}", self.code.types[t as usize].name, c.name)), None, k.span);
            let index = self.code.const_fns.len() as u32;
            self.code.const_fns.push(id);
            self.code.statics.push(false);
            self.const_decls.push(k.clone());
            self.code.types[t as usize].consts.insert(c.name.clone(), index);
            self.code.types[t as usize].consts.insert(Rc::from(format!("{}::{}", tr.name, c.name)), index);
        }
        Ok(())
    }

    #[inline(never)]
    fn impls(&mut self) -> R<()> {
        // Trait default methods are compiled once per trait and shared by the types that use them.
        let mut defaults: HashMap<(Rc<str>, Rc<str>), u32> = HashMap::new();
        for (tname, t) in self.traits.clone() {
            for f in &t.fns {
                // One that names `Self::…` is compiled for each type that uses it (below).
                if f.body.is_some() && names_self_path(f) {
                    defaults.insert((tname.clone(), f.name.clone()), u32::MAX);
                } else if f.body.is_some() {
                    let id = self.new_func(Rc::from(format!("{tname}::{}", f.name)), Some(f), f.span);
                    self.todo.push((id, f.clone(), Some(TyRef::Generic)));
                    defaults.insert((tname.clone(), f.name.clone()), id);
                }
            }
        }
        // The names each type's inherent impls define: they win over a trait's method of the
        // same name (`d.name()` calls `impl Dog`'s, not `impl Animal for Dog`'s).
        let mut inherent: HashSet<(TyId, Rc<str>)> = HashSet::new();
        for item in &self.p.items {
            let Item::Impl(imp) = item else { continue };
            if imp.forwards {
                continue;
            }
            if imp.blanket {
                self.blanket_impl(imp, &defaults)?;
                continue;
            }
            // `impl Summary for &str`: the type under the reference.
            let mut target = &imp.ty;
            while let Type::Ref(_, inner) = target {
                target = inner;
            }
            // `impl From<Rgb> for (u8, u8, u8)`: the tuples' type holds it (a program's own type
            // as `From`'s argument is what lets a program implement it for a tuple).
            let tuple_from = matches!(target, Type::Tuple(items) if items.len() > 1)
                && imp.trait_.as_ref().is_some_and(|tr| tr.last() == "From" && self.names_own_type(tr));
            let tname = match target {
                Type::Path(p) => p.last().to_string(),
                Type::Tuple(_) if tuple_from => "(tuple)".to_string(),
                _ => {
                    return Err(LangError::new(
                        imp.span,
                        "impls for tuples, arrays, slices, trait objects (`dyn Shape`) and function types are not supported in the playground yet: implement the trait for each struct or enum of yours (`impl fmt::Debug for Circle`), or for a named type (`String`, `i32`, `Vec<T>`)",
                    ))
                }
            };
            let t = match self.types.get(tname.as_str()) {
                _ if tuple_from => ty::TUPLE,
                Some(TyRef::User(t)) => *t,
                Some(_) | None
                    if IntTy::from_name(&tname).is_some()
                        || names::prelude(&tname).is_some()
                        || self.types.contains_key(tname.as_str())
                        || Prim::from_name(&tname).is_some() =>
                {
                    self.builtin_impl_target(imp, &tname)?
                }
                _ => return Err(LangError::new(imp.span, format!("cannot find type `{tname}` in this scope"))),
            };
            let trait_name: Option<Rc<str>> = imp.trait_.as_ref().map(|p| Rc::from(p.last()));
            if let (Some(tn), Some(path)) = (&trait_name, &imp.trait_) {
                let known_trait = self.traits.contains_key(tn)
                    || matches!(self.types.get(tn), Some(TyRef::Trait))
                    || matches!(names::prelude(tn), Some(Known::Trait(_)))
                    || (path.segs.len() > 1
                        && matches!(names::std_path(&path.segs.iter().map(|s| &*s.name).collect::<Vec<_>>()), Ok(Known::Trait(_))))
                    || self.module_trait(path);
                if !known_trait {
                    return Err(LangError::new(path.span, format!("cannot find trait `{tn}` in this scope (is it imported?)")));
                }
                let needs = match &**tn {
                    "ArcWake" => Some("wake_by_ref"),
                    "Wake" => Some("wake"),
                    _ => None,
                };
                if let Some(need) = needs.filter(|n| !imp.fns.iter().any(|f| &*f.name == *n)) {
                    return Err(LangError::new(imp.span, format!("not all trait items implemented, missing: `{need}`")));
                }
            }
            let self_ty = TyRef::User(t);
            // `impl From<S> for T`: which values its `from` takes, told apart at run time; and
            // any generic trait's argument (`impl Mul<i32> for V`), for its methods' overloads.
            let trait_arg =
                imp.trait_.as_ref().and_then(|path| path.segs.last()).and_then(|s| s.generics.first()).map(|a| self.source_key(a));
            let arg_is_ref =
                matches!(imp.trait_.as_ref().and_then(|path| path.segs.last()).and_then(|s| s.generics.first()), Some(Type::Ref(..)));
            // An operator's right side is `Self` unless written (`impl Add for M` is `Add<M>`), so
            // that beside `impl Add<i64> for M` each `+` finds its own.
            let trait_arg = trait_arg.or_else(|| {
                matches!(
                    trait_name.as_deref(),
                    Some(
                        "Add"
                            | "Sub"
                            | "Mul"
                            | "Div"
                            | "Rem"
                            | "BitAnd"
                            | "BitOr"
                            | "BitXor"
                            | "Shl"
                            | "Shr"
                            | "AddAssign"
                            | "SubAssign"
                            | "MulAssign"
                            | "DivAssign"
                            | "RemAssign"
                            | "PartialEq"
                            | "PartialOrd"
                    )
                )
                .then_some(super::code::FromKey::Own(t))
            });
            let from_source = trait_arg.filter(|_| trait_name.as_deref() == Some("From"));
            for f in &imp.fns {
                let qualified: Rc<str> = Rc::from(format!("{tname}::{}", f.name));
                let id = self.new_func(qualified, Some(f), f.span);
                if f.body.is_none() {
                    return Err(LangError::new(f.span, format!("`{}` has no body", f.name)));
                }
                self.todo.push((id, f.clone(), Some(self_ty.clone())));
                if !imp.generics.is_empty() {
                    let generics: Rc<[Rc<str>]> = imp.generics.iter().cloned().collect();
                    self.impl_generics.insert(id, generics.clone());
                    if f.self_kind.is_none() && names_unheld_item(f, &generics) {
                        self.impl_assoc.insert(id, (f.clone(), self_ty.clone(), imp.ty.clone(), generics));
                    }
                }
                // `impl Mul for &Matrix`: its `self` is a reference (a closure shares it).
                if matches!(imp.ty, Type::Ref(..)) {
                    self.ref_self.insert(id);
                    self.code.funcs[id as usize].ref_impl = true;
                }
                // `impl From<Rgb> for u32`: `let n: u32 = rgb.into()` and `u32::from(rgb)` call it.
                if let (Some("From"), "from", Some(super::code::FromKey::Own(_))) = (trait_name.as_deref(), &*f.name, from_source) {
                    if t < ty::FIRST_USER || self.code.prims.iter().any(|(_, p)| *p == t) {
                        self.own_into = true;
                    }
                }
                let nid = self.name_id(&f.name);
                let info = &mut self.code.types[t as usize];
                if let (Some("From"), "from", Some(src)) = (trait_name.as_deref(), &*f.name, from_source) {
                    info.froms.push((src, id));
                }
                if let (Some("TryFrom"), "try_from", Some(src)) = (trait_name.as_deref(), &*f.name, trait_arg) {
                    // A slice's impl after an array's, which an array fits first.
                    let at = if src == FromKey::Slice {
                        info.try_froms.len()
                    } else {
                        info.try_froms.iter().position(|(k, _)| *k == FromKey::Slice).unwrap_or(info.try_froms.len())
                    };
                    info.try_froms.insert(at, (src, id));
                }
                // A method of a generic trait's impl that takes an argument (`mul(self, rhs:
                // i32)` of `impl Mul<i32>`): one of its overloads, picked by that argument.
                if let (Some(arg), true) = (trait_arg, f.self_kind.is_some() && !f.params.is_empty()) {
                    let choices = info.overloads.entry(nid).or_default();
                    if arg_is_ref {
                        choices.push((arg, id));
                        info.ref_overloads.push(id);
                    } else {
                        // Before `impl Power<&u32>`'s of the same kind (see `ref_overloads`).
                        let at = choices.iter().position(|(k, f)| *k == arg && info.ref_overloads.contains(f)).unwrap_or(choices.len());
                        choices.insert(at, (arg, id));
                    }
                }
                match trait_name.as_deref() {
                    Some("Drop") if &*f.name == "drop" => info.drop = Some(id),
                    Some("Future") if &*f.name == "poll" => {
                        info.poll = Some(id);
                        self.code.funcs[id as usize].traced = true;
                    }
                    // The learner's waker: its lines light when a wake runs them.
                    Some("ArcWake" | "Wake") => self.code.funcs[id as usize].traced = true,
                    Some("Display") if &*f.name == "fmt" => {
                        info.assoc.insert(Rc::from("fmt#Display"), id);
                        continue;
                    }
                    Some("Debug") if &*f.name == "fmt" => {
                        info.assoc.insert(Rc::from("fmt#Debug"), id);
                        continue;
                    }
                    _ => {}
                }
                let key = (t, f.name.clone());
                if trait_name.is_none() && !inherent.insert(key.clone()) {
                    return Err(LangError::new(f.span, format!("duplicate definitions with name `{}`", f.name)));
                }
                // A program's trait's method is also reachable by the trait's name
                // (`Pilot::fly(&person)` when `Wizard` has a `fly` too).
                if let Some(tn) = trait_name.as_ref().filter(|tn| self.traits.contains_key(*tn)) {
                    let qualified: Rc<str> = Rc::from(format!("{tn}::{}", f.name));
                    let qid = self.name_id(&qualified);
                    let info = &mut self.code.types[t as usize];
                    info.assoc.insert(qualified, id);
                    if f.self_kind.is_some() {
                        info.methods.insert(qid, id);
                    }
                }
                // `impl IntoIterator for &Polygon` beside `for &mut Polygon`: `for p in &sq` and
                // `for p in &mut sq` call each its own.
                if let (Some("IntoIterator"), "into_iter", Type::Ref(mutable, _)) = (trait_name.as_deref(), &*f.name, &imp.ty) {
                    let via = self.name_id(if *mutable { super::methods::FOR_MUT } else { super::methods::FOR_REF });
                    self.code.types[t as usize].methods.insert(via, id);
                }
                if trait_name.is_some() && inherent.contains(&key) {
                    continue;
                }
                let info = &mut self.code.types[t as usize];
                info.assoc.insert(f.name.clone(), id);
                if f.self_kind.is_some() {
                    info.methods.insert(nid, id);
                }
            }
            for k in &imp.consts {
                let id = self.new_func(Rc::from(format!("{tname}::{}", k.name)), None, k.span);
                let index = self.code.const_fns.len() as u32;
                self.code.const_fns.push(id);
                self.code.statics.push(k.is_static);
                self.const_decls.push(k.clone());
                self.code.types[t as usize].consts.insert(k.name.clone(), index);
                // `<Bird as Animal>::NAME`.
                if let Some(tn) = &trait_name {
                    self.code.types[t as usize].consts.insert(Rc::from(format!("{tn}::{}", k.name)), index);
                }
            }
            if let Some(tn) = trait_name {
                let info = &mut self.code.types[t as usize];
                if !info.traits.contains(&tn) {
                    info.traits.push(tn.clone());
                }
                if let Some(tr) = self.traits.get(&tn).cloned() {
                    self.trait_consts(&tr, imp, t)?;
                    for f in &tr.fns {
                        if !imp.fns.iter().any(|g| g.name == f.name) {
                            let Some(&shared) = defaults.get(&(tn.clone(), f.name.clone())) else {
                                return Err(LangError::new(imp.span, format!("not all trait items implemented, missing: `{}`", f.name)));
                            };
                            // A default that names `Self::…` (a const, an associated function)
                            // is compiled for each type, where `Self` is known.
                            let id = if shared == u32::MAX {
                                let id = self.new_func(Rc::from(format!("{tname}::{}", f.name)), Some(f), f.span);
                                self.todo.push((id, f.clone(), Some(self_ty.clone())));
                                id
                            } else {
                                shared
                            };
                            let nid = self.name_id(&f.name);
                            let qualified: Rc<str> = Rc::from(format!("{tn}::{}", f.name));
                            let qid = self.name_id(&qualified);
                            let info = &mut self.code.types[t as usize];
                            info.assoc.entry(f.name.clone()).or_insert(id);
                            info.assoc.insert(qualified, id);
                            if f.self_kind.is_some() {
                                info.methods.entry(nid).or_insert(id);
                                info.methods.insert(qid, id);
                            }
                        }
                    }
                }
                if &*tn == "Future" && self.code.types[t as usize].poll.is_none() {
                    return Err(LangError::new(imp.span, "not all trait items implemented, missing: `poll`"));
                }
            }
        }
        Ok(())
    }

    // ----- Functions -----

    fn function(&mut self, id: u32, decl: &FnDecl, self_ty: Option<TyRef>) -> R<()> {
        let Some(body) = &decl.body else { return Ok(()) };
        let mut shared = scan::shared_names(&decl.params, body);
        shared.remove("self");
        self.cur = FnCx {
            id,
            is_async: decl.is_async,
            shared,
            self_ty,
            ret_int: decl.ret.as_ref().and_then(Type::int),
            ret_float: decl.ret.as_ref().and_then(Type::float),
            ret_collect: decl.ret.as_ref().and_then(collect_target),
            ret_collect_at: body.tail().map(|e| e.span),
            ret_ty: decl.ret.clone(),
            ret_err: decl.ret.as_ref().and_then(|r| self.err_type_with_froms(r).or_else(|| self.err_type_with_froms(polled(r)?))),
            ret_poll: decl.ret.as_ref().map_or(0, poll_wraps),
            no_try: no_try(decl),
            generics: decl.generics.clone(),
            impl_generics: self.impl_generics.get(&id).cloned().unwrap_or_else(|| Rc::from([])),
            name: decl.name.clone(),
            int_lits: if self.p.untyped_ints { super::intdefault::literal_types(decl) } else { Vec::new() },
            bound: self.bindings.get(&id).cloned().unwrap_or_default(),
            subst: self.type_args.get(&id).cloned().unwrap_or_default(),
            ..FnCx::default()
        };
        self.cur.scopes.push(Vec::new());
        // A function without parameters (every one of the step form's programs) has nothing to
        // bind: `bind_params`, out of line, ships in the language's module (tools/lazy-split).
        if decl.self_kind.is_some() || !decl.params.is_empty() {
            self.bind_params(id, decl, body)?;
        }
        self.block_value(body)?;
        if let Some(t) = self.cur.ret_int {
            self.emit(Op::Coerce(t), body.span);
        }
        if let Some(f) = self.cur.ret_float {
            self.emit(Op::Convert(Convert::Float(f)), body.span);
        }
        self.emit(Op::Return, body.span);
        self.finish(id, 0)
    }

    /// [`Compiler::function`]'s parameters (and `self`) declared, each bound to its slot or
    /// matched against its pattern, in the function's first ops.
    #[inline(never)]
    fn bind_params(&mut self, id: u32, decl: &FnDecl, body: &Block) -> R<()> {
        if let Some(k) = decl.self_kind {
            let l = self.declare(&Rc::from("self"), decl.self_mut, body.span)?;
            self.cur.locals[usize::from(l)].is_ref = !matches!(k, SelfKind::Value | SelfKind::Shared) || self.ref_self.contains(&id);
        }
        let mut pats = Vec::new();
        let mut typed_items = Vec::new();
        let mut coerced = Vec::new();
        for p in &decl.params {
            match &p.pat.kind {
                PatKind::Bind { name, mutable, sub: None, by_ref: false } => {
                    let l = self.declare(name, *mutable, p.pat.span)?;
                    self.cur.locals[usize::from(l)].is_ref = p.ty.is_ref();
                    self.cur.locals[usize::from(l)].mut_ref = matches!(p.ty, Type::Ref(true, _));
                    self.cur.locals[usize::from(l)].ty = container_ty(&p.ty);
                    self.cur.locals[usize::from(l)].decl_ty = Some(Rc::new(p.ty.clone()));
                    if let Some((g, elem)) = carried(&p.ty, &decl.generics).or_else(|| carried(&p.ty, &self.cur.impl_generics)) {
                        self.cur.carriers.push((g, l, elem));
                    }
                    // `v: &[u8]`, `v: Vec<u8>`: the argument's untyped integers (`&[200, 100]`)
                    // are `u8`s, as rustc infers them from the parameter.
                    let mut t = &p.ty;
                    while let Type::Ref(_, inner) = t {
                        t = inner;
                    }
                    if let Some(it) = t.items_int() {
                        typed_items.push((l, it, p.pat.span));
                    }
                    // `name: &str` given `&MyBox<String>`: deref coercion at the call.
                    if let (Type::Ref(_, inner), true) = (&p.ty, self.has_own_deref()) {
                        let target = match inner.name() {
                            Some(n) if decl.generics.iter().any(|g| &**g == n) => None,
                            Some(n) => match self.type_of_name(n) {
                                Some(TyRef::User(u)) => Some(Some(u)),
                                Some(TyRef::Builtin(_)) => Some(None),
                                _ => None,
                            },
                            None => matches!(**inner, Type::Slice(_)).then_some(None),
                        };
                        if let Some(target) = target {
                            coerced.push((l, target, p.pat.span));
                        }
                    }
                }
                _ => {
                    let l = self.hidden()?;
                    // `_: &T` holds a `T` too (for `TypeId::of::<T>()`).
                    if let Some((g, elem)) = carried(&p.ty, &decl.generics).or_else(|| carried(&p.ty, &self.cur.impl_generics)) {
                        self.cur.carriers.push((g, l, elem));
                    }
                    pats.push((l, p.pat.clone(), p.ty.is_ref()));
                }
            }
        }
        // `TypeId::of::<T>()` after `v: T` was moved (`Box::new(v)`): `T`'s key, read now.
        let asked: Vec<(Rc<str>, Local)> =
            self.cur.carriers.iter().filter(|(g, _, elem)| !elem && asks_identity(body, g)).map(|(g, l, _)| (g.clone(), *l)).collect();
        for (g, l) in asked {
            let k = self.hidden()?;
            self.emit(Op::Load(l), body.span);
            self.emit(Op::CallBuiltin(B::AnyKeyOf, 1), body.span);
            self.emit(Op::Store(k), body.span);
            self.cur.any_keys.push((g, k));
        }
        for (l, it, span) in typed_items {
            self.emit(Op::Load(l), span);
            self.emit(Op::Convert(Convert::Items(it)), span);
            self.emit(Op::Pop, span);
        }
        for (l, target, span) in coerced {
            self.emit(Op::Move(l), span);
            self.emit(Op::Convert(Convert::DerefTo(target)), span);
            self.emit(Op::Store(l), span);
        }
        // Boxed parameters are boxed on entry.
        for l in 0..self.cur.next {
            if self.cur.locals[l].boxed {
                self.emit(Op::Box(l as Local), body.span);
            }
        }
        for (l, pat, is_ref) in pats {
            self.emit(Op::Load(l), pat.span);
            let site = self.pattern(&pat, is_ref)?;
            let m = self.emit(Op::Match(site, 0), pat.span);
            let skip = self.emit(Op::Jump(0), pat.span);
            self.patch(m);
            let msg = self.konst(Value::Str(Rc::from("refutable pattern in function argument")));
            self.emit(Op::Fail(msg), pat.span);
            self.patch(skip);
        }
        Ok(())
    }

    fn finish(&mut self, id: u32, captures: usize) -> R<()> {
        let f = std::mem::take(&mut self.cur);
        if f.max > MAX_LOCALS {
            return Err(LangError::new(self.code.funcs[id as usize].span, "this function has too many variables"));
        }
        let (mut ops, mut spans) = (f.ops, f.spans);
        let methods = &self.code.methods;
        super::peephole::optimize(&mut ops, &mut spans, &|s| methods.get(s as usize).map_or(Hot::No, |m| m.hot));
        let func = &mut self.code.funcs[id as usize];
        func.ops = ops;
        func.spans = spans;
        func.locals = f.max as u16;
        func.captures = captures as u16;
        Ok(())
    }

    fn const_fn(&mut self, id: u32, k: &ConstDecl) -> R<()> {
        self.cur = FnCx { name: k.name.clone(), is_const: true, ..FnCx::default() };
        self.cur.scopes.push(Vec::new());
        self.expr(&k.value)?;
        if let Some(t) = k.ty.int() {
            self.emit(Op::Coerce(t), k.span);
        }
        if let Some(f) = k.ty.float() {
            self.emit(Op::Convert(Convert::Float(f)), k.span);
        }
        self.emit(Op::Return, k.span);
        self.finish(id, 0)
    }

    // ----- Emitting -----

    fn here(&self) -> u32 {
        self.cur.ops.len() as u32
    }

    fn effect(&self, op: &Op) -> i32 {
        match *op {
            Op::Tick
            | Op::AssocOf(..)
            | Op::Box(_)
            | Op::Destructured(_)
            | Op::DropLocal(_)
            | Op::KeepTemp(_)
            | Op::ToVal
            | Op::Field(_)
            | Op::MoveField(_)
            | Op::TupleField(_)
            | Op::RefField(_)
            | Op::RefTupleField(_)
            | Op::ConstBinary(..)
            | Op::LocalConstAssignOpField(..) => 0,
            // The element's index and the aggregate: one value.
            Op::Convert(Convert::RawIndex) => -1,
            Op::Deref | Op::RefTemp | Op::Neg | Op::Not | Op::Cast(_) | Op::Coerce(_) | Op::Convert(_) | Op::Jump(_) | Op::IntoIter => 0,
            Op::Await(_) | Op::Try(_) | Op::Fail(_) | Op::AndJump(_) | Op::OrJump(_) => 0,
            Op::AwaitPolled(_) | Op::AwaitYieldPop(_) | Op::IterNextStore(..) | Op::DropJump(..) => 0,
            Op::Const(_)
            | Op::Unit
            | Op::Load(_)
            | Op::LoadField(..)
            | Op::LoadWaker(..)
            | Op::Move(_)
            | Op::LoadBox(_)
            | Op::MoveBox(_)
            | Op::RefLocal(_) => 1,
            Op::MakeClosure(_) | Op::MakeAsync(_) | Op::IterNext(..) | Op::AwaitYield(_) | Op::Static(_) => 1,
            Op::Pop
            | Op::Store(_)
            | Op::StoreBox(_)
            | Op::Index
            | Op::RefIndex
            | Op::RefSliceMut
            | Op::Binary(_)
            | Op::BinaryAssign(_)
            | Op::JumpIfFalse(_)
            | Op::ConstAssignOpField(..) => -1,
            Op::Repeat | Op::VecRepeat | Op::Match(..) | Op::Return | Op::Panic(_) => -1,
            Op::SetField(_)
            | Op::SetTupleField(_)
            | Op::AssignOpField(..)
            | Op::AssignOpTupleField(..)
            | Op::StoreDeref
            | Op::StoreDerefLocal(_)
            | Op::StoreDerefPlace => -2,
            Op::SetIndex => -3,
            Op::Call(_, n) | Op::CallAsync(_, n) | Op::CallAwait(_, n) | Op::CallBuiltin(_, n) => 1 - i32::from(n),
            Op::CallValue(n) => -i32::from(n),
            Op::CallMethod(s) => -i32::from(self.code.methods[s as usize].argc),
            Op::MakeTuple(n) | Op::MakeArray(n) | Op::MakeVec(n) | Op::MakeStruct(_, n) | Op::Join(n) | Op::TryJoin(n) => 1 - i32::from(n),
            Op::MakeVariant(_, _, n) => 1 - i32::from(n),
            Op::StructUpdate(s) => -(self.code.updates[s as usize].1.len() as i32),
            Op::MakeRange(flags) => 1 - i32::from(flags & 1) - i32::from((flags >> 1) & 1),
            Op::Select(s) => 2 - self.code.selects[s as usize].in_place.len() as i32,
            Op::Format(s) => {
                let f = &self.code.fmts[s as usize];
                1 - i32::from(f.argc) - i32::from(f.has_dest)
            }
        }
    }

    fn emit(&mut self, op: Op, span: Span) -> usize {
        let d = self.effect(&op);
        self.cur.depth += d;
        self.cur.ops.push(op);
        self.cur.spans.push(span);
        self.cur.ops.len() - 1
    }

    fn patch_to(&mut self, at: usize, target: u32) {
        let op = &mut self.cur.ops[at];
        *op = match *op {
            Op::Jump(_) => Op::Jump(target),
            Op::JumpIfFalse(_) => Op::JumpIfFalse(target),
            Op::AndJump(_) => Op::AndJump(target),
            Op::OrJump(_) => Op::OrJump(target),
            Op::IterNext(l, _) => Op::IterNext(l, target),
            Op::Match(s, _) => Op::Match(s, target),
            other => other,
        };
    }

    fn patch(&mut self, at: usize) {
        let here = self.here();
        self.patch_to(at, here);
    }

    fn konst(&mut self, v: Value) -> u32 {
        self.code.consts.push(v);
        (self.code.consts.len() - 1) as u32
    }

    // ----- Scopes and locals -----

    fn alloc(&mut self, info: LocalInfo, span: Span) -> R<Local> {
        let l = self.cur.next;
        if l >= MAX_LOCALS {
            return Err(LangError::new(span, "this function has too many variables"));
        }
        if self.cur.locals.len() <= l {
            self.cur.locals.push(info);
        } else {
            self.cur.locals[l] = info;
        }
        self.cur.next += 1;
        self.cur.max = self.cur.max.max(self.cur.next);
        if let Some(s) = self.cur.scopes.last_mut() {
            s.push(l as Local);
        }
        Ok(l as Local)
    }

    fn declare(&mut self, name: &Rc<str>, mutable: bool, span: Span) -> R<Local> {
        let boxed = self.cur.shared.contains(name);
        self.alloc(LocalInfo::named(name.clone(), boxed, mutable), span)
    }

    fn hidden(&mut self) -> R<Local> {
        self.alloc(LocalInfo::named(Rc::from(""), false, true), Span::default())
    }

    fn push_scope(&mut self) {
        self.cur.scopes.push(Vec::new());
    }

    /// Ends a scope: its variables are dropped, latest first, and their slots freed.
    fn pop_scope(&mut self, span: Span) {
        let Some(locals) = self.cur.scopes.pop() else { return };
        for &l in locals.iter().rev() {
            self.emit(Op::DropLocal(l), span);
        }
        if let Some(&first) = locals.first() {
            self.cur.next = usize::from(first);
        }
        self.slots_freed();
    }

    /// After a scope ended: its slots are free again, its temporaries among them.
    fn slots_freed(&mut self) {
        let next = self.cur.next;
        self.cur.temps.retain(|&l| usize::from(l) < next);
        self.cur.temp_free.retain(|&l| usize::from(l) < next);
    }

    /// Keeps the temporary on top alive until the end of its statement ([`Op::KeepTemp`]): in a
    /// slot of the innermost scope, so that a `break`, a `continue` or a `return` drops it too.
    fn keep_temp(&mut self, span: Span) -> R<()> {
        // The lowest free slot first: temporaries made later in a statement sit in higher
        // slots, so a frame let go of (a `?`) drops them latest first too.
        let current = self.cur.scopes.last();
        let reuse = self
            .cur
            .temp_free
            .iter()
            .enumerate()
            .filter(|(_, l)| current.is_some_and(|s| s.contains(l)))
            .min_by_key(|(_, l)| **l)
            .map(|(i, _)| i);
        let l = match reuse {
            Some(i) => self.cur.temp_free.remove(i),
            None => self.hidden()?,
        };
        self.cur.temps.push(l);
        self.emit(Op::KeepTemp(l), span);
        Ok(())
    }

    /// Drops the temporaries kept since `mark`, latest first (the end of a statement, of an
    /// `if` or `while` condition, of a block's tail); their slots are free for the next.
    fn end_temps(&mut self, mark: usize, span: Span) {
        if self.cur.temps.len() <= mark {
            return;
        }
        let ended: Vec<Local> = self.cur.temps.drain(mark..).collect();
        for &l in ended.iter().rev() {
            self.emit(Op::DropLocal(l), span);
        }
        self.cur.temp_free.extend(ended);
    }

    /// Drops the temporaries kept since `mark` on one path, leaving them kept for another
    /// (an `if let`'s `then` block, a `while let`'s turn).
    fn drop_temps_here(&mut self, mark: usize, span: Span) {
        let kept: Vec<Local> = self.cur.temps.get(mark..).unwrap_or_default().to_vec();
        for &l in kept.iter().rev() {
            self.emit(Op::DropLocal(l), span);
        }
    }

    /// Whether `e` makes a new value rather than naming a place: a use of it by reference
    /// borrows a temporary.
    fn is_temporary(e: &Expr) -> bool {
        !matches!(
            e.kind,
            ExprKind::Path(_)
                | ExprKind::Field(..)
                | ExprKind::TupleField(..)
                | ExprKind::Index(..)
                | ExprKind::Unary(UnOp::Deref, _)
                | ExprKind::Int(..)
                | ExprKind::Float(..)
                | ExprKind::Bool(_)
                | ExprKind::Char(_)
                | ExprKind::Str(_)
                | ExprKind::Unit
                | ExprKind::Range(..)
                | ExprKind::Closure(..)
                | ExprKind::Async(..)
        )
    }

    /// Drops (without ending) the scopes above `keep`, for `break`, `continue` and `return`.
    fn drop_scopes_above(&mut self, keep: usize, span: Span) {
        let locals: Vec<Local> = self.cur.scopes[keep..].iter().rev().flat_map(|s| s.iter().rev().copied()).collect();
        // The live temporaries first, latest first, then the names.
        let temps: Vec<Local> = self.cur.temps.iter().rev().copied().filter(|l| locals.contains(l)).collect();
        for l in temps {
            self.emit(Op::DropLocal(l), span);
        }
        for l in locals {
            self.emit(Op::DropLocal(l), span);
        }
    }

    fn find_local(f: &FnCx, name: &str) -> Option<Local> {
        for s in f.scopes.iter().rev() {
            for &l in s.iter().rev() {
                if &*f.locals[usize::from(l)].name == name {
                    return Some(l);
                }
            }
        }
        f.captures.iter().find(|(n, _)| &**n == name).map(|(_, l)| *l)
    }

    fn var(&self, name: &str) -> Option<Local> {
        Self::find_local(&self.cur, name)
    }

    fn info(&self, l: Local) -> &LocalInfo {
        &self.cur.locals[usize::from(l)]
    }

    fn load(&mut self, l: Local, span: Span) {
        let op = if self.info(l).boxed { Op::LoadBox(l) } else { Op::Load(l) };
        self.emit(op, span);
    }

    fn move_out(&mut self, l: Local, span: Span) {
        let op = if self.info(l).boxed { Op::MoveBox(l) } else { Op::Move(l) };
        self.emit(op, span);
    }

    fn store(&mut self, l: Local, span: Span) {
        let op = if self.info(l).boxed { Op::StoreBox(l) } else { Op::Store(l) };
        self.emit(op, span);
    }

    /// Stores a new variable's first value (boxing it if it is shared).
    fn init(&mut self, l: Local, span: Span) {
        self.emit(Op::Store(l), span);
        if self.info(l).boxed {
            self.emit(Op::Box(l), span);
        }
    }

    // ----- Types -----

    fn type_of_name(&self, name: &str) -> Option<TyRef> {
        if name == "Self" {
            return self.cur.self_ty.clone().or(Some(TyRef::Generic));
        }
        if let Some(&(_, t)) = self.cur.bound.iter().find(|(g, _)| &**g == name) {
            return Some(TyRef::User(t));
        }
        if self.cur.generics.iter().any(|g| &**g == name) {
            return Some(TyRef::Generic);
        }
        if let Some(t) = self.types.get(name) {
            return Some(t.clone());
        }
        for g in &self.globs {
            let mut path: Vec<&str> = g.iter().map(|s| &**s).collect();
            path.push(name);
            match names::std_path(&path) {
                Ok(Known::Type(t)) => return Some(TyRef::Builtin(t)),
                Ok(Known::Trait(_)) => return Some(TyRef::Trait),
                _ => {}
            }
        }
        match names::prelude(name) {
            Some(Known::Type(t)) => Some(TyRef::Builtin(t)),
            Some(Known::Trait(_)) => Some(TyRef::Trait),
            _ => None,
        }
    }

    /// A struct literal's type: a struct, or an enum's struct variant.
    fn struct_type(&self, path: &Path) -> R<(TyId, Option<u32>)> {
        let segs: Vec<&str> = path.segs.iter().map(|s| &*s.name).collect();
        match segs.as_slice() {
            [one] => match self.type_of_name(one) {
                Some(TyRef::User(t)) if !self.code.types[t as usize].is_enum => Ok((t, None)),
                _ => match self.values.get(*one) {
                    Some(Global::Ctor(t, Some(v), _, false)) => Ok((*t, Some(*v))),
                    _ => Err(LangError::new(path.span, format!("cannot find struct `{one}` in this scope"))),
                },
            },
            [t, v] => match self.type_of_name(t) {
                Some(TyRef::User(id)) => {
                    let info = &self.code.types[id as usize];
                    let i = info
                        .variants
                        .iter()
                        .position(|x| &*x.name == *v)
                        .ok_or_else(|| LangError::new(path.span, format!("no variant named `{v}` in enum `{t}`")))?;
                    Ok((id, Some(i as u32)))
                }
                _ => Err(LangError::new(path.span, format!("cannot find struct `{}` in this scope", path.joined()))),
            },
            _ => Err(LangError::new(path.span, format!("cannot find struct `{}` in this scope", path.joined()))),
        }
    }

    // ----- Paths -----

    /// What a value path means.
    fn resolve_path(&mut self, path: &Path) -> R<Global> {
        // The names the step form's programs write, here: a function of the program, a
        // prelude's built-in, `Duration::from_millis`. Each gives what `resolve_path_rare`, which
        // resolves every path (these too), gives: an embed of a step-form scenario never enters
        // it, and it ships in the language's module (tools/lazy-split).
        match path.segs.as_slice() {
            [one] => {
                if let Some(g) = self.values.get(&*one.name) {
                    return Ok(g.clone());
                }
                if &*one.name != "Self" && self.globs.is_empty() {
                    if let Some(k) = names::prelude(&one.name).filter(|k| !matches!(k, Known::Type(_) | Known::Trait(_))) {
                        return Ok(Global::Known(k));
                    }
                }
            }
            [head, last] => {
                if let Some(TyRef::Builtin(b)) = self.type_of_name(&head.name) {
                    if let Some(k) = names::assoc(b, last.name.rsplit("::").next().unwrap_or(&last.name)) {
                        return Ok(Global::Known(k));
                    }
                }
            }
            _ => {}
        }
        self.resolve_path_rare(path)
    }

    /// [`Compiler::resolve_path`], every case.
    #[inline(never)]
    fn resolve_path_rare(&mut self, path: &Path) -> R<Global> {
        let segs: Vec<&str> = path.segs.iter().map(|s| &*s.name).collect();
        let span = path.span;
        if let [one] = segs.as_slice() {
            if let Some(g) = self.values.get(*one) {
                return Ok(g.clone());
            }
            // `Self(None)`, `Self`: the impl's tuple or unit struct, as its name is.
            if let ("Self", Some(TyRef::User(t))) = (*one, &self.cur.self_ty) {
                let info = &self.code.types[*t as usize];
                if let Some(g @ Global::Ctor(..)) = self.values.get(&*info.name) {
                    return Ok(g.clone());
                }
            }
            for g in self.globs.clone() {
                let mut full: Vec<&str> = g.iter().map(|s| &**s).collect();
                full.push(one);
                if let Ok(k) = names::std_path(&full) {
                    if let Known::TupleStruct(t, n) = k {
                        return Ok(Global::Ctor(t, None, n, true));
                    }
                    return Ok(Global::Known(k));
                }
            }
            if let Some(k) = names::prelude(one) {
                if !matches!(k, Known::Type(_) | Known::Trait(_)) {
                    return Ok(Global::Known(k));
                }
            }
            match self.type_of_name(one) {
                Some(TyRef::Builtin(BTy::Marker("PhantomData" | "PhantomPinned"))) => return Ok(Global::Known(Known::Marker)),
                Some(_) => return Err(LangError::new(span, format!("expected a value, found the type `{one}`"))),
                None => {}
            }
            return Err(LangError::new(span, format!("cannot find value `{one}` in this scope")));
        }
        // `Type::item`, `module::item`, `std::…`.
        let head = segs[0];
        let last = segs[segs.len() - 1];
        let full: Option<Vec<Rc<str>>> = match self.type_of_name(head) {
            Some(TyRef::Module(m)) => Some(m.iter().cloned().chain(path.segs[1..].iter().map(|s| s.name.clone())).collect()),
            Some(TyRef::User(t)) if segs.len() == 2 => return self.user_assoc(t, last, span),
            // rustc's E0223: `consts` is a module of std's, not an item of the type.
            Some(TyRef::Builtin(names::BTy::Float(t))) if segs.len() == 3 && segs[1] == "consts" => {
                return Err(LangError::new(span, format!("ambiguous associated type: write `std::{}::consts::{last}`", t.name())));
            }
            Some(TyRef::Builtin(b)) if segs.len() == 2 => {
                // `<Vec<i32> as Default>::default()` of std's trait: the type's `default`.
                let plain = last.rsplit("::").next().unwrap_or(last);
                if let Some(k) = names::assoc(b, plain) {
                    return Ok(Global::Known(k));
                }
                // The program's trait's function or constant for a primitive (`impl Zero for
                // i64`, `i64::zero()`, `f64::ZERO`).
                let own = Prim::from_name(head).and_then(|p| self.code.prims.iter().find(|(q, _)| *q == p)).map(|&(_, t)| t);
                let has =
                    |t: TyId| self.code.types[t as usize].assoc.contains_key(last) || self.code.types[t as usize].consts.contains_key(last);
                if let Some(t) = own.filter(|&t| has(t)) {
                    return self.user_assoc(t, last, span);
                }
                // `str::len(s)`, `i32::abs(x)`: the method, called on the first argument. (A
                // smart pointer's functions are not its methods: `Rc::make_mut` is refused here.)
                use names::BTy as T;
                let methods = matches!(
                    b,
                    T::Str
                        | T::String
                        | T::Int(_)
                        | T::Float(_)
                        | T::Char
                        | T::Bool
                        | T::Vec
                        | T::VecDeque
                        | T::Option
                        | T::Result
                        | T::HashMap
                        | T::BTreeMap
                        | T::HashSet
                        | T::BTreeSet
                        | T::BinaryHeap
                        | T::Duration
                );
                if !methods {
                    return Err(LangError::new(
                        span,
                        format!("no function or associated item named `{last}` found for `{head}` in the playground"),
                    ));
                }
                return Ok(Global::Known(Known::Fn(B::Ufcs)));
            }
            Some(TyRef::Trait) if segs.len() == 2 => return Ok(Global::Known(Known::Fn(B::Ufcs))),
            Some(TyRef::Generic) => {
                return Err(LangError::new(
                    span,
                    format!(
                    "`{head}::{last}`: associated items of a generic type (`T::new()`, `T::MAX`) are not supported in the playground yet"
                ),
                ))
            }
            _ if names::CRATES.contains(&head) => Some(path.segs.iter().map(|s| s.name.clone()).collect()),
            _ => None,
        };
        let Some(full) = full else {
            return Err(LangError::new(span, format!("failed to resolve: use of undeclared type or module `{head}`")));
        };
        let strs: Vec<&str> = full.iter().map(|s| &**s).collect();
        // `std::time::Duration::from_millis`: a type, then an item.
        if strs.len() >= 2 {
            if let Ok(Known::Type(t)) = names::std_path(&strs[..strs.len() - 1]) {
                return names::assoc(t, last)
                    .map(Global::Known)
                    .ok_or_else(|| LangError::new(span, format!("no function or associated item named `{last}` found in the playground")));
            }
            if let Ok(Known::Trait(_)) = names::std_path(&strs[..strs.len() - 1]) {
                return Ok(Global::Known(Known::Fn(B::Ufcs)));
            }
        }
        match names::std_path(&strs) {
            Ok(Known::Type(_) | Known::Trait(_) | Known::Module(_)) => {
                Err(LangError::new(span, format!("expected a value, found `{}`", strs.join("::"))))
            }
            Ok(k) => Ok(Global::Known(k)),
            Err(m) => Err(LangError::new(span, m)),
        }
    }

    fn user_assoc(&mut self, t: TyId, name: &str, span: Span) -> R<Global> {
        let info = &self.code.types[t as usize];
        if let Some(&f) = info.assoc.get(name) {
            return Ok(Global::Fn(f));
        }
        if let Some(&k) = info.consts.get(name) {
            return Ok(Global::Const(k));
        }
        if let Some(v) = info.variants.iter().position(|v| &*v.name == name) {
            let var = &info.variants[v];
            return Ok(Global::Ctor(t, Some(v as u32), var.fields.len(), var.tuple));
        }
        if name == "default" && info.has("Default") {
            return Ok(Global::Fn(self.default_fn(t, span)?));
        }
        let tname = info.name.clone();
        Err(LangError::new(span, format!("no function or associated item named `{name}` found for `{tname}`")))
    }

    /// `Type::default()` of a type that derives `Default`.
    fn default_fn(&mut self, t: TyId, span: Span) -> R<u32> {
        if let Some(&f) = self.code.types[t as usize].assoc.get("default") {
            return Ok(f);
        }
        let name: Rc<str> = Rc::from(format!("{}::default", self.code.types[t as usize].name));
        let id = self.new_func(name, None, span);
        let saved = std::mem::take(&mut self.cur);
        self.cur.scopes.push(Vec::new());
        let c = self.konst(Value::Int(u64::from(t), Some(IntTy::U32)));
        self.emit(Op::Const(c), span);
        self.emit(Op::CallBuiltin(B::Default, 1), span);
        self.emit(Op::Return, span);
        self.finish(id, 0)?;
        self.cur = saved;
        self.code.types[t as usize].assoc.insert(Rc::from("default"), id);
        Ok(id)
    }

    /// Notes that the `async fn` being compiled makes a future of `callee` (not boxed).
    fn async_edge(&mut self, callee: u32, span: Span) {
        if !self.boxing && self.outer.is_empty() && self.cur.is_async {
            self.async_calls.push((self.cur.id, callee, span));
        }
    }

    /// rustc's E0733: an `async fn` whose future contains its own (through calls it awaits or
    /// holds) has an infinite size; it must box the recursive call.
    fn async_recursion(&self) -> R<()> {
        for &(caller, callee, span) in &self.async_calls {
            // Can `callee` reach `caller`?
            let mut seen = vec![callee];
            let mut todo = vec![callee];
            while let Some(f) = todo.pop() {
                if f == caller {
                    let name = &self.code.funcs[callee as usize].name;
                    return Err(LangError::new(
                        span,
                        format!("recursion in an `async fn` requires boxing: its future would contain itself. Box the call: `Box::pin({name}(…)).await`"),
                    ));
                }
                for &(a, b, _) in &self.async_calls {
                    if a == f && !seen.contains(&b) {
                        seen.push(b);
                        todo.push(b);
                    }
                }
            }
        }
        Ok(())
    }

    /// A function value for a tuple struct or variant constructor (`.map(Some)`).
    fn ctor_fn(&mut self, t: TyId, v: Option<u32>, n: usize, span: Span) -> R<u32> {
        if let Some(&f) = self.ctor_fns.get(&(t, v)) {
            return Ok(f);
        }
        let name: Rc<str> = Rc::from(self.code.types[t as usize].name.to_string());
        let id = self.new_func(name, None, span);
        let saved = std::mem::take(&mut self.cur);
        self.cur.scopes.push(Vec::new());
        for _ in 0..n {
            self.hidden()?;
        }
        for i in 0..n {
            self.emit(Op::Move(i as Local), span);
        }
        match v {
            Some(v) => self.emit(Op::MakeVariant(t, v as u16, n as u16), span),
            None => self.emit(Op::MakeStruct(t, n as u16), span),
        };
        self.emit(Op::Return, span);
        self.finish(id, 0)?;
        self.code.funcs[id as usize].params = n as u16;
        self.cur = saved;
        self.ctor_fns.insert((t, v), id);
        Ok(id)
    }

    // ----- Blocks and statements -----

    /// A `let` with a value, typed where rustc would infer what the playground cannot read from
    /// the value alone ([`turbofish_from_type`](Self::turbofish_from_type),
    /// [`parse_type_from_use`](Self::parse_type_from_use)). Out of `block_value`'s frame, which
    /// nested blocks stack.
    #[inline(never)]
    fn let_inferred(&mut self, s: &Stmt, rest: &[Stmt]) -> R<()> {
        let Stmt::Let { pat, ty, init: Some(init), els, span } = s else { return self.stmt(s) };
        let typed = match ty {
            Some(t) => {
                let init = match self.turbofish_from_type(init, t) {
                    Some(init) => Some(init),
                    None => self.impl_copy(init, Some(t)),
                };
                init.map(|init| (t.clone(), init))
            }
            None if matches!(pat.kind, PatKind::Bind { .. }) => self.parse_type_from_use(pat, init, rest).map(|t| (t, init.clone())),
            None => None,
        };
        match typed {
            Some((t, init)) => self.stmt(&Stmt::Let { pat: pat.clone(), ty: Some(t), init: Some(init), els: els.clone(), span: *span }),
            None => self.stmt(s),
        }
    }

    /// `let p: Person = parse_message(bytes).unwrap();` of a generic function that only a
    /// turbofish can tell its type parameter (its body names `T::default()` or parses into `T`):
    /// the call with the turbofish that the written type gives, as rustc infers it from the
    /// function's return type (through an `unwrap`, `expect` or `?` of its `Option` or
    /// `Result`). `None` for any other `let`.
    #[inline(never)]
    fn turbofish_from_type(&self, init: &Expr, t: &Type) -> Option<Expr> {
        // The call under `?`, `unwrap`-like methods (each takes a layer of `Option` or
        // `Result` off) and `ok_or`, `map_err`, `ok` (which keep one).
        let mut layers = 0;
        let mut call = init;
        for _ in 0..8 {
            call = match &call.kind {
                ExprKind::Try(inner) => {
                    layers += 1;
                    inner
                }
                ExprKind::Method(recv, m, _, _, None) => {
                    match &**m {
                        "unwrap" | "expect" | "unwrap_or_default" | "unwrap_or" | "unwrap_or_else" => layers += 1,
                        "ok_or" | "ok_or_else" | "map_err" | "ok" | "or" | "or_else" => {}
                        _ => return None,
                    }
                    recv
                }
                _ => break,
            };
        }
        let ExprKind::Call(f, args) = &call.kind else { return None };
        let ExprKind::Path(fp) = &f.kind else { return None };
        let [seg] = fp.segs.as_slice() else { return None };
        if !seg.generics.is_empty() || !(self.parse_generic.contains(&seg.name) || self.unheld.iter().any(|(n, _)| *n == seg.name)) {
            return None;
        }
        let decl = self.p.find(&seg.name)?;
        let mut ret = decl.ret.as_ref()?;
        for _ in 0..layers {
            let Type::Path(rp) = ret else { return None };
            if !matches!(rp.last(), "Option" | "Result") {
                return None;
            }
            ret = rp.segs.last()?.generics.first()?;
        }
        let mut bound: Vec<(Rc<str>, Type)> = Vec::new();
        unify(ret, t, &decl.generics, &mut bound);
        let generics =
            decl.generics.iter().map(|g| bound.iter().find(|(n, _)| n == g).map(|(_, t)| t.clone())).collect::<Option<Vec<_>>>()?;
        let seg = PathSeg { generics, ..seg.clone() };
        let callee = Expr { kind: ExprKind::Path(Path { segs: vec![seg], span: fp.span }), span: f.span };
        let call = Expr { kind: ExprKind::Call(Box::new(callee), args.clone()), span: call.span };
        // The chain again, around the call with its turbofish.
        fn rebuilt(e: &Expr, call: Expr) -> Expr {
            let kind = match &e.kind {
                ExprKind::Try(inner) => ExprKind::Try(Box::new(rebuilt(inner, call))),
                ExprKind::Method(recv, m, at, a, None) => ExprKind::Method(Box::new(rebuilt(recv, call)), m.clone(), *at, a.clone(), None),
                _ => return call,
            };
            Expr { kind, span: e.span }
        }
        Some(rebuilt(init, call))
    }

    /// `let img: Image<u8> = Image::new(6, 3);` of an associated function of `impl<P> Image<P>`
    /// whose body names an item of `P` that no argument holds (`P::default()`): the call of a
    /// copy of it in which `P` is the type the `let` gives (`t`: `u8`), or the type the call's
    /// type segment writes (`Image::<u8>::new(6, 3)`), made once for each type.
    #[inline(never)]
    fn impl_copy(&mut self, init: &Expr, t: Option<&Type>) -> Option<Expr> {
        if self.impl_assoc.is_empty() {
            return None;
        }
        let ExprKind::Call(f, args) = &init.kind else { return None };
        let ExprKind::Path(fp) = &f.kind else { return None };
        let [ts, fs] = fp.segs.as_slice() else { return None };
        if !fs.generics.is_empty() {
            return None;
        }
        let Some(TyRef::User(tid)) = self.type_of_name(&ts.name) else { return None };
        let id = *self.code.types[tid as usize].assoc.get(&fs.name)?;
        let (decl, self_ty, imp_ty, generics) = self.impl_assoc.get(&id)?.clone();
        let mut bound = Vec::new();
        if ts.generics.is_empty() {
            let ret = match decl.ret.as_ref()? {
                Type::Path(p) if p.single().is_some_and(|n| &**n == "Self") => imp_ty,
                r => r.clone(),
            };
            unify(&ret, t?, &generics, &mut bound);
        } else {
            let written = Type::Path(Path { segs: vec![ts.clone()], span: fp.span });
            unify(&imp_ty, &written, &generics, &mut bound);
        }
        let tys: Vec<Type> = generics.iter().map(|g| bound.iter().find(|(n, _)| n == g).map(|(_, t)| t.clone())).collect::<Option<_>>()?;
        let texts: Vec<String> = tys.iter().map(Type::text).collect();
        let name: Rc<str> = Rc::from(format!("{}<{}>", fs.name, texts.join(", ")));
        if !self.code.types[tid as usize].assoc.contains_key(&name) {
            let full: Rc<str> = Rc::from(format!("{}::{name}", self.code.types[tid as usize].name));
            let copy = self.new_func(full, Some(&decl), decl.span);
            self.type_args.insert(copy, generics.iter().cloned().zip(tys).collect());
            self.impl_generics.insert(copy, generics);
            self.todo.push((copy, decl, Some(self_ty)));
            self.code.types[tid as usize].assoc.insert(name.clone(), copy);
        }
        let seg = PathSeg { name, generics: Vec::new(), span: fs.span };
        let ts = PathSeg { generics: Vec::new(), ..ts.clone() };
        let callee = Expr { kind: ExprKind::Path(Path { segs: vec![ts, seg], span: fp.span }), span: f.span };
        Some(Expr { kind: ExprKind::Call(Box::new(callee), args.clone()), span: init.span })
    }

    /// `T::method` where `T` is a type parameter in scope and `method` a function of one of the
    /// program's traits whose first parameter is `Self`'s (a receiver, or `arc_self:
    /// &Arc<Self>`): that trait's name, and whether it is a receiver.
    fn generic_trait_method(&self, g: &PathSeg, m: &PathSeg) -> Option<(Rc<str>, bool)> {
        if !g.generics.is_empty()
            || !matches!(self.type_of_name(&g.name), Some(TyRef::Generic) | None)
            || self.cur.subst.iter().any(|(n, _)| *n == g.name)
        {
            return None;
        }
        if !(self.cur.generics.contains(&g.name) || self.cur.impl_generics.contains(&g.name)) {
            return None;
        }
        // One trait of the program's with it: which of several `T`'s bounds names is not kept.
        let with_it = self.p.items.iter().filter(|i| matches!(i, Item::Trait(t) if t.fns.iter().any(|f| f.name == m.name))).count();
        if with_it != 1 {
            return None;
        }
        self.p.items.iter().find_map(|i| match i {
            // A receiver, or a first parameter of `Self`'s (`arc_self: &Arc<Self>`).
            Item::Trait(t) => t.fns.iter().find_map(|f| {
                let receiver = f.self_kind.is_some();
                (f.name == m.name && (receiver || f.params.first().is_some_and(|p| mentions(&p.ty, &[Rc::from("Self")]))))
                    .then(|| (t.name.clone(), receiver))
            }),
            _ => None,
        })
    }

    /// `self.phone.push(parse_message(bytes)?)` of a field declared `Vec<PhoneNumber>`: the
    /// call with the turbofish the element type gives ([`turbofish_from_type`]).
    #[inline(never)]
    fn pushed_turbofish(&self, recv: &Expr, arg: &Expr) -> Option<Expr> {
        if self.parse_generic.is_empty() && self.unheld.is_empty() {
            return None;
        }
        let ExprKind::Field(base, field) = &recv.kind else { return None };
        let ExprKind::Path(bp) = &base.kind else { return None };
        if bp.single().map(|n| &**n) != Some("self") {
            return None;
        }
        let Some(TyRef::User(t)) = &self.cur.self_ty else { return None };
        let info = &self.code.types[*t as usize];
        let i = info.fields.iter().position(|f| f == field)?;
        let Type::Path(vp) = info.field_tys.get(i)? else { return None };
        if !matches!(vp.last(), "Vec" | "VecDeque") {
            return None;
        }
        let elem = vp.segs.last()?.generics.first()?;
        self.turbofish_from_type(arg, elem)
    }

    /// `T::from_str(s)` in a copy made for `f::<usize>(…)` (or any type a turbofish wrote), and
    /// `u8::from_str(s)`: `s.parse::<usize>()`; `T::default()` (any other item) there: the
    /// written type's (`i32::default()`). `T::method(x)` of a program trait's method with a
    /// receiver, in any generic function: the method of `x`'s type, as `Trait::method(x)`.
    /// False, and nothing emitted, for any other call.
    #[inline(never)]
    fn parse_for_from_str(&mut self, f: &Expr, args: &[Expr], span: Span) -> R<bool> {
        // Nothing to do, said without `parse_for_from_str_rest`'s body (which every two-part
        // path's call would otherwise run, the step form's `Duration::from_millis` among them):
        // no type parameter's item, no `default` or `from_str`, no copy for a turbofish.
        let ExprKind::Path(p) = &f.kind else { return Ok(false) };
        let [g, m] = p.segs.as_slice() else { return Ok(false) };
        if self.cur.subst.is_empty()
            && self.impl_assoc.is_empty()
            && !matches!(&*m.name, "default" | "from_str")
            && self.generic_trait_method(g, m).is_none()
        {
            return Ok(false);
        }
        self.parse_for_from_str_rest(f, p, (g, m), args, span)
    }

    /// [`Compiler::parse_for_from_str`], every case.
    #[inline(never)]
    fn parse_for_from_str_rest(&mut self, f: &Expr, p: &Path, (g, m): (&PathSeg, &PathSeg), args: &[Expr], span: Span) -> R<bool> {
        if let Some((trait_name, receiver)) = self.generic_trait_method(g, m) {
            if receiver {
                let path = Path { segs: vec![PathSeg { name: trait_name, generics: Vec::new(), span: g.span }, m.clone()], span: p.span };
                self.call(&Expr { kind: ExprKind::Path(path), span: f.span }, args, span, false)?;
                return Ok(true);
            }
            // `T::wake_by_ref(&self.0)` of `fn wake_by_ref(arc_self: &Arc<Self>)`: the function
            // of the first argument's type (through its references and `Arc`).
            let Some((first, rest)) = args.split_first() else { return Ok(false) };
            let tmp = self.hidden()?;
            self.expr(first)?;
            self.emit(Op::Store(tmp), span);
            self.emit(Op::Load(tmp), span);
            let c = self.konst(Value::Str(m.name.clone()));
            self.emit(Op::AssocOf(c, false), span);
            self.emit(Op::Load(tmp), span);
            for a in rest {
                self.expr(a)?;
            }
            self.emit(Op::CallValue(args.len() as u8), span);
            return Ok(true);
        }
        if &*m.name == "default" && args.is_empty() && self.cur.subst.is_empty() && self.generic_default(p, span)? {
            return Ok(true);
        }
        // `P::default()` in an associated function of `impl<P> Image<P>` that nothing here
        // tells `P` of: its copies for a `let`'s type run ([`Self::impl_copy`]); the
        // function itself stops with a message if it runs.
        // (A closure's `P::default()` too: it is compiled with its function's parameters.)
        let in_assoc = self.impl_assoc.contains_key(&self.cur.id) || self.outer.iter().any(|o| self.impl_assoc.contains_key(&o.id));
        if in_assoc && self.cur.impl_generics.contains(&g.name) && !self.cur.subst.iter().any(|(n, _)| *n == g.name) {
            let (tn, gn, mn) = (self.code.funcs[self.cur.id as usize].name.clone(), g.name.clone(), m.name.clone());
            let (ty, f) = tn.split_once("::").unwrap_or((&tn, ""));
            let msg = format!(
                "`{gn}::{mn}` in `{tn}`: nothing here holds a `{gn}`; the playground knows it from a turbofish (`{ty}::<u8>::{f}(…)`) or from the type the result is given (`let x: {ty}<u8> = {tn}(…);`)"
            );
            let c = self.konst(Value::Str(Rc::from(msg)));
            self.emit(Op::Fail(c), span);
            self.emit(Op::Unit, span);
            return Ok(true);
        }
        // `T::default()` in a copy for `defaults::<(bool, char)>()`: the written type's default.
        if let (Some((_, ty)), "default", true) = (self.cur.subst.iter().find(|(n, _)| *n == g.name), &*m.name, args.is_empty()) {
            self.code.default_types.push(ty.clone());
            let c = self.konst(Value::Int((self.code.default_types.len() - 1) as u64, Some(IntTy::U32)));
            self.emit(Op::Const(c), span);
            self.emit(Op::CallBuiltin(B::DefaultOfType, 1), span);
            return Ok(true);
        }
        if &*m.name != "from_str" || args.len() != 1 {
            if let Some((_, Type::Path(tp))) = self.cur.subst.iter().find(|(n, _)| *n == g.name) {
                let mut segs = tp.segs.clone();
                segs.push(m.clone());
                let callee = Expr { kind: ExprKind::Path(Path { segs, span: p.span }), span: f.span };
                self.call(&callee, args, span, false)?;
                return Ok(true);
            }
            return Ok(false);
        }
        let arg = &args[0];
        // `u8::from_str(s)` too.
        let prim = g.generics.is_empty() && matches!(Prim::from_name(&g.name), Some(p) if p != Prim::Str);
        let ty = match self.cur.subst.iter().find(|(n, _)| *n == g.name) {
            Some((_, ty)) => ty.clone(),
            None if prim && self.var(&g.name).is_none() => Type::Path(Path { segs: vec![g.clone()], span: p.span }),
            None => return Ok(false),
        };
        let parse = ExprKind::Method(Box::new(arg.clone()), Rc::from("parse"), m.span, Vec::new(), Some(ty));
        self.expr(&Expr { kind: parse, span })?;
        Ok(true)
    }

    /// `let qty = s.parse().ok()?;` with no type written, whose first use after it types it,
    /// as rustc infers it: a struct literal's field (`Item { qty, .. }`, `Item { price: qty }`)
    /// or a program function's argument (`takes(qty)`) of a type `parse` reads (an integer, a
    /// float, `char`, `bool`). `None` (`parse`'s default, an integer) otherwise.
    #[inline(never)]
    fn parse_type_from_use(&self, pat: &Pat, init: &Expr, rest: &[Stmt]) -> Option<Type> {
        let PatKind::Bind { name, .. } = &pat.kind else { return None };
        let mut untyped = false;
        walk_expr(init, &mut |e| untyped |= matches!(&e.kind, ExprKind::Method(_, m, _, a, None) if &**m == "parse" && a.is_empty()));
        if !untyped {
            return None;
        }
        let is_name = |e: &Expr| matches!(&e.kind, ExprKind::Path(p) if p.single() == Some(name));
        let mut found: Option<Type> = None;
        let mut look = |e: &Expr| {
            if found.is_some() {
                return;
            }
            match &e.kind {
                ExprKind::Struct(p, fs, _) => {
                    let Some((field, _)) = fs.iter().find(|(_, v)| is_name(v)) else { return };
                    let Some(TyRef::User(t)) = self.type_of_name(p.last()) else { return };
                    let info = &self.code.types[t as usize];
                    if let Some(i) = info.fields.iter().position(|f| f == field) {
                        found = info.field_tys.get(i).cloned();
                    }
                }
                ExprKind::Call(f, args) => {
                    let Some(k) = args.iter().position(is_name) else { return };
                    let ExprKind::Path(fp) = &f.kind else { return };
                    let Some(Global::Fn(id)) = fp.single().and_then(|n| self.values.get(&**n)) else { return };
                    found = self.param_tys.get(id).and_then(|ps| ps.get(k)).cloned();
                }
                _ => {}
            }
        };
        // A name bound again after it (a `let`, a `for`, a closure's or an arm's pattern) may be
        // another variable at the use: nothing is inferred then.
        let mut rebound = rest.iter().any(|s| matches!(s, Stmt::Let { pat, .. } if pat_binds(pat, name)));
        let lets_it = |b: &Block| b.stmts.iter().any(|s| matches!(s, Stmt::Let { pat, .. } if pat_binds(pat, name)));
        let mut binds_it = |e: &Expr| match &e.kind {
            ExprKind::For(_, p, _, b) => rebound |= pat_binds(p, name) || lets_it(b),
            ExprKind::Let(p, _) => rebound |= pat_binds(p, name),
            ExprKind::Block(b) | ExprKind::Async(b, _) | ExprKind::Loop(_, b) | ExprKind::LabeledBlock(_, b) | ExprKind::While(_, _, b) => {
                rebound |= lets_it(b)
            }
            ExprKind::If(_, b, _) => rebound |= lets_it(b),
            ExprKind::Closure(ps, ..) => rebound |= ps.iter().any(|p| pat_binds(&p.pat, name)),
            ExprKind::Match(_, arms) => rebound |= arms.iter().any(|a| pat_binds(&a.pat, name)),
            _ => {}
        };
        for s in rest {
            match s {
                Stmt::Let { init: Some(i), .. } => walk_expr(i, &mut binds_it),
                Stmt::Expr { expr, .. } => walk_expr(expr, &mut binds_it),
                Stmt::Let { .. } => {}
            }
        }
        if rebound {
            return None;
        }
        for s in rest {
            match s {
                Stmt::Let { init: Some(i), .. } => walk_expr(i, &mut look),
                Stmt::Expr { expr, .. } => walk_expr(expr, &mut look),
                Stmt::Let { .. } => {}
            }
        }
        let parses = |t: &Type| t.int().is_some() || matches!(t.name(), Some("char" | "bool" | "f64" | "f32"));
        found.filter(parses)
    }

    /// A block, leaving its value.
    fn block_value(&mut self, b: &Block) -> R<()> {
        self.push_scope();
        let n = b.stmts.len();
        let mut has_value = false;
        let mut tail_temps = Vec::new();
        for (i, s) in b.stmts.iter().enumerate() {
            let last = i + 1 == n;
            match s {
                Stmt::Expr { expr, semi: false } if last => {
                    self.emit(Op::Tick, expr.span);
                    let mark = self.cur.temps.len();
                    self.expr(expr)?;
                    tail_temps = self.cur.temps.split_off(mark);
                    has_value = true;
                }
                Stmt::Let { init: Some(_), .. } => self.let_inferred(s, &b.stmts[i + 1..])?,
                _ => self.stmt(s)?,
            }
        }
        if !has_value {
            self.emit(Op::Unit, b.span);
        }
        if tail_temps.is_empty() {
            self.pop_scope(b.span);
            return Ok(());
        }
        // The tail's temporaries outlive the block's names, as in the 2021 edition (which keeps
        // them to the end of the enclosing statement): they drop right after them.
        let locals = self.cur.scopes.pop().unwrap_or_default();
        for &l in locals.iter().rev().filter(|l| !tail_temps.contains(l)) {
            self.emit(Op::DropLocal(l), b.span);
        }
        for &l in tail_temps.iter().rev() {
            self.emit(Op::DropLocal(l), b.span);
        }
        if let Some(&first) = locals.first() {
            self.cur.next = usize::from(first);
        }
        self.slots_freed();
        Ok(())
    }

    /// A statement: its temporaries end with it.
    fn stmt(&mut self, s: &Stmt) -> R<()> {
        let mark = self.cur.temps.len();
        self.stmt_inner(s)?;
        let span = match s {
            Stmt::Let { span, .. } => *span,
            Stmt::Expr { expr, .. } => expr.span,
        };
        self.end_temps(mark, span);
        Ok(())
    }

    fn stmt_inner(&mut self, s: &Stmt) -> R<()> {
        match s {
            // `let p: *const String = &self.a;`: the reference coerces to a raw pointer, as
            // `&self.a as *const String` casts it.
            Stmt::Let { pat, ty: Some(t @ Type::Ptr(..)), init: Some(e), els, span } if matches!(e.kind, ExprKind::Ref(..)) => {
                let cast = Expr { kind: ExprKind::Cast(Box::new(e.clone()), t.clone()), span: e.span };
                self.stmt(&Stmt::Let { pat: pat.clone(), ty: Some(t.clone()), init: Some(cast), els: els.clone(), span: *span })
            }
            Stmt::Let { pat, ty, init, els, span } => {
                let mark = self.cur.temps.len();
                let mut extended = Vec::new();
                if let Some(e) = init {
                    extending_refs(e, &mut extended);
                }
                let saved = std::mem::replace(&mut self.cur.extend_refs, extended);
                let done = self.let_stmt(pat, ty, init, els, span, mark);
                self.cur.extend_refs = saved;
                done
            }
            Stmt::Expr { expr, semi } => {
                self.emit(Op::Tick, expr.span);
                self.expr(expr)?;
                let _ = semi;
                self.emit(Op::Pop, expr.span);
                Ok(())
            }
        }
    }

    /// A `let` (`mark`: the statement's first temporary). Out of line: the step form's programs
    /// have none (tools/lazy-split).
    #[inline(never)]
    fn let_stmt(&mut self, pat: &Pat, ty: &Option<Type>, init: &Option<Expr>, els: &Option<Block>, span: &Span, mark: usize) -> R<()> {
        self.emit(Op::Tick, *span);
        let is_ref = init.as_ref().is_some_and(|e| matches!(e.kind, ExprKind::Ref(..)) || self.is_ref_field(e))
            || ty.as_ref().is_some_and(Type::is_ref);
        let mut_ref = init.as_ref().is_some_and(|e| matches!(e.kind, ExprKind::Ref(true, _))) || matches!(ty, Some(Type::Ref(true, _)));
        let Some(init) = init else {
            let PatKind::Bind { name, mutable, .. } = &pat.kind else {
                return Err(LangError::new(pat.span, "a `let` without a value binds one name"));
            };
            let l = self.declare(name, *mutable, pat.span)?;
            self.cur.locals[usize::from(l)].init = false;
            if self.info(l).boxed {
                self.emit(Op::Box(l), pat.span);
            }
            return Ok(());
        };
        // `let _ = q;`: `_` binds nothing, so a place is not moved (nor dropped).
        if let (PatKind::Wild, ExprKind::Path(_) | ExprKind::Field(..) | ExprKind::TupleField(..), None) = (&pat.kind, &init.kind, els) {
            self.place(init)?;
            self.emit(Op::Pop, *span);
            return Ok(());
        }
        // A pattern with `ref` bindings binds into the value's place, not a copy of it.
        // So does a destructuring of a variable (`let Point { x, y } = p;`): what it
        // moves out is told after the match (`Op::Destructured`), as `p` stays usable
        // when its fields are `Copy`, and partly moved with `..` (its other fields are
        // dropped with it, not at the `let`).
        let from_local = match (&init.kind, destructures(pat)) {
            (ExprKind::Path(p), Some(partial)) if ty.is_none() && els.is_none() => {
                p.single().and_then(|n| self.var(n)).filter(|&l| !self.info(l).boxed && !self.info(l).is_ref).map(|l| (l, partial))
            }
            _ => None,
        };
        // `let m = h.b;` of a variable's field: moved out of it (`h` is left partly moved,
        // and its other fields drop with it), as in Rust.
        let field_of_local = match &init.kind {
            ExprKind::Field(base, f) if ty.is_none() && !has_ref_binding(pat) => match &base.kind {
                ExprKind::Path(p) => {
                    p.single().and_then(|n| self.var(n)).filter(|&l| !self.info(l).boxed && !self.info(l).is_ref).map(|l| (l, f.clone()))
                }
                _ => None,
            },
            _ => None,
        };
        if let Some((l, f)) = field_of_local {
            // A moved `h` is reported at `h.b`, as the field read reports it.
            self.load(l, init.span);
            let id = self.name_id(&f);
            self.emit(Op::MoveField(id), init.span);
        } else if has_ref_binding(pat) || from_local.is_some() {
            self.place(init)?;
        } else {
            self.let_value(init, ty.as_ref())?;
        }
        if let (PatKind::Bind { name, mutable, sub: None, by_ref: false }, None) = (&pat.kind, els) {
            if !self.is_variant_name(name) {
                let l = self.declare(name, *mutable, pat.span)?;
                self.cur.locals[usize::from(l)].is_ref = is_ref;
                self.cur.locals[usize::from(l)].mut_ref = mut_ref;
                self.cur.locals[usize::from(l)].ty = ty.as_ref().and_then(container_ty);
                // `let r = Rect { … };` is a `Rect` as surely as if it were written.
                let literal = match &init.kind {
                    ExprKind::Struct(p, _, _) if matches!(self.type_of_name(p.last()), Some(TyRef::User(_))) => Some(Type::Path(p.clone())),
                    _ => None,
                };
                self.cur.locals[usize::from(l)].decl_ty = ty.clone().or(literal).map(Rc::new);
                self.init(l, pat.span);
                return Ok(());
            }
        }
        let site = self.pattern(pat, is_ref)?;
        let m = self.emit(Op::Match(site, 0), pat.span);
        if let Some((l, false)) = from_local {
            self.emit(Op::Destructured(l), pat.span);
        }
        let skip = self.emit(Op::Jump(0), pat.span);
        self.patch(m);
        match els {
            Some(b) => {
                // The scrutinee's temporaries end before the `else` block runs.
                self.drop_temps_here(mark, b.span);
                let depth = self.cur.depth;
                self.block_value(b)?;
                self.emit(Op::Pop, b.span);
                let msg =
                    self.konst(Value::Str(Rc::from("`let … else` must not fall through: its block has to `return`, `break` or panic")));
                self.emit(Op::Fail(msg), b.span);
                self.cur.depth = depth;
            }
            None => {
                let msg = self.konst(Value::Str(Rc::from("refutable pattern in local binding: the value does not match")));
                self.emit(Op::Fail(msg), pat.span);
            }
        }
        self.patch(skip);
        Ok(())
    }

    /// How a value of the written type `t` is told apart at run time, for `From` impls.
    #[inline(never)]
    fn source_key(&self, t: &Type) -> FromKey {
        let t = match t {
            Type::Ref(_, inner) => &**inner,
            t => t,
        };
        if let Some(i) = t.int() {
            return FromKey::Int(i);
        }
        match t {
            Type::Tuple(items) => return FromKey::Tuple(items.len()),
            Type::Array(..) => return FromKey::Array,
            Type::Slice(_) => return FromKey::Slice,
            Type::Path(p) if p.last() == "Vec" => return FromKey::Slice,
            _ => {}
        }
        match t.name() {
            Some("bool") => FromKey::Bool,
            Some("char") => FromKey::Char,
            Some("str" | "String") => FromKey::Str,
            Some("ParseIntError" | "ParseCharError" | "ParseBoolError" | "ParseFloatError") => FromKey::ParseError,
            Some(n) => match self.type_of_name(n) {
                Some(TyRef::User(u)) => FromKey::Own(u),
                _ => FromKey::Any,
            },
            None => FromKey::Any,
        }
    }

    /// The program's type `E` of a return type `Result<_, E>`, if `E` has `From` impls.
    #[inline(never)]
    fn err_type_with_froms(&self, ret: &Type) -> Option<TyId> {
        let Type::Path(p) = ret else { return None };
        let seg = p.segs.last().filter(|s| &*s.name == "Result")?;
        match self.type_of_name(seg.generics.get(1)?.name()?)? {
            TyRef::User(u) if !self.code.types[u as usize].froms.is_empty() => Some(u),
            _ => None,
        }
    }

    /// `Trait::method` or `str::method` (a built-in type's method, not an associated function)
    /// used as a value: the closure that calls it on its argument, as a function path to a
    /// method is in Rust. `None` for any other path.
    #[inline(never)]
    fn method_path_as_closure(&mut self, p: &Path) -> Option<Expr> {
        let [head, m] = p.segs.as_slice() else { return None };
        // A trait's functions without `self` stay what they are.
        if matches!(&*m.name, "default" | "from" | "from_str" | "new" | "try_from") {
            return None;
        }
        let of_trait = match self.type_of_name(&head.name)? {
            TyRef::Trait => true,
            TyRef::Builtin(b) => {
                if names::assoc(b, &m.name).is_some() {
                    return None;
                }
                // The program's trait's constant for a primitive (`f64::ZERO`) is a value.
                let own = Prim::from_name(&head.name).and_then(|p| self.code.prims.iter().find(|(q, _)| *q == p));
                if own.is_some_and(|&(_, t)| self.code.types[t as usize].consts.contains_key(&m.name)) {
                    return None;
                }
                false
            }
            _ => return None,
        };
        // A program's trait's method of that name is the one its impls define.
        let name: Rc<str> =
            if of_trait && self.traits.contains_key(&head.name) { Rc::from(format!("{}::{}", head.name, m.name)) } else { m.name.clone() };
        let span = p.span;
        let x: Rc<str> = Rc::from("\u{1}arg");
        let path = |n: &Rc<str>| Path { segs: vec![PathSeg { name: n.clone(), generics: Vec::new(), span }], span };
        let param =
            Param { pat: Pat { kind: PatKind::Bind { name: x.clone(), by_ref: false, mutable: false, sub: None }, span }, ty: Type::Infer };
        let recv = Expr { kind: ExprKind::Path(path(&x)), span };
        let call = Expr { kind: ExprKind::Method(Box::new(recv), name, m.span, Vec::new(), None), span };
        Some(Expr { kind: ExprKind::Closure(vec![param], Box::new(call), false), span })
    }

    /// `T::from(v)` of a type with several `From` impls: the one for `v`'s type, at run time.
    /// Whether it was that.
    #[inline(never)]
    fn call_from(&mut self, f: &Expr, args: &[Expr], span: Span) -> R<bool> {
        if let (ExprKind::Path(p), [arg]) = (&f.kind, args) {
            if let [ty_seg, from] = p.segs.as_slice() {
                if let (true, Some(TyRef::User(t))) = (&*from.name == "from", self.type_of_name(&ty_seg.name)) {
                    if self.code.types[t as usize].froms.len() > 1 {
                        self.expr(arg)?;
                        self.emit(Op::Convert(Convert::From(t)), span);
                        return Ok(true);
                    }
                }
                if let (true, Some(TyRef::User(t))) = (&*from.name == "try_from", self.type_of_name(&ty_seg.name)) {
                    if self.code.types[t as usize].try_froms.len() > 1 {
                        self.expr(arg)?;
                        self.emit(Op::Convert(Convert::TryFrom(t)), span);
                        return Ok(true);
                    }
                }
            }
        }
        Ok(false)
    }

    /// Whether the program implements `Deref` for a type of its own (then `*` and parameters
    /// typed `&T` may go through a `deref`).
    fn has_own_deref(&self) -> bool {
        self.code.types.iter().any(|t| t.has("Deref"))
    }

    /// After `*inner`: a program's `Deref` impl, when `inner` is not a reference already (a
    /// reference to a struct is its handle here, so `*self` in `&self` methods is the struct).
    fn deref_own(&mut self, inner: &Expr, span: Span) {
        if self.has_own_deref() && !self.is_ref_expr(inner) {
            self.emit(Op::Convert(Convert::DerefOwn), span);
        }
    }

    /// Before a write through `*inner`: a program's `DerefMut` impl gives the place written
    /// (`*b = 6` of a `MyBox`), when `inner` is not a reference already.
    fn deref_mut_own(&mut self, inner: &Expr, span: Span) {
        if self.has_own_deref() && !self.is_ref_expr(inner) {
            self.emit(Op::Convert(Convert::DerefMutOwn), span);
        }
    }

    /// Whether `parse()` can make a `t`: an integer, a `char`, a `bool`, a float, or a type of
    /// the program's with its own `FromStr`.
    fn parses_to(&self, t: &Type) -> bool {
        t.int().is_some() || matches!(t.name(), Some("char" | "bool" | "f64" | "f32")) || self.own_from_str(t)
    }

    /// `e` compiled with the type `t` written for its value, where the type changes what it
    /// computes: a plain `collect()` into a `String`, a map or a `VecDeque`; a `parse()` (see
    /// [`parse_typed_by_let`]). False, and nothing emitted, for anything else.
    #[inline(never)]
    fn typed_by(&mut self, e: &Expr, t: &Type) -> R<bool> {
        if self.wrapper_default(e, t) {
            return Ok(true);
        }
        // `Some(it.collect())` for an `Option<String>`, `Ok(…)` and `Err(…)` for a `Result`, a
        // tuple for a tuple type: each value inside typed by its part of `t`.
        if let Some(done) = self.typed_parts(e, t)? {
            return Ok(done);
        }
        if let ExprKind::Method(recv, name, _, args, None) = &e.kind {
            if self.own_sum(recv, name, args, t, e.span)? {
                return Ok(true);
            }
            if let Some(split) = unzip_into(recv, name, args, t, e.span) {
                self.expr(&split)?;
                return Ok(true);
            }
        }
        if let ExprKind::Method(recv, name, name_span, args, None) = &e.kind {
            let into =
                matches!(t.name(), Some("String" | "VecDeque")) || t.name().and_then(collection_ty).is_some() || t.items_int().is_some();
            // `….map(|w| w.chars().rev().collect()).collect()` into a `Vec<String>`: the inner
            // `collect()` makes the item type (a `String`), as rustc infers it.
            if let Some(typed) = inner_collect_typed(recv, t).filter(|_| &**name == "collect" && args.is_empty()) {
                self.method(&typed, name, *name_span, args, e.span)?;
                self.convert_to(t, e.span)?;
                return Ok(true);
            }
            // `….map(|s| s.parse().unwrap()).collect()` into a `Vec<f64>`: the closure's
            // `parse()` reads the item type.
            if &**name == "collect" && args.is_empty() {
                let item = match t {
                    Type::Path(p) => p.segs.last().and_then(|s| s.generics.first()).cloned(),
                    _ => None,
                };
                let parses = |x: &Type| self.parses_to(x);
                // The closure's value: the item (`Vec<u32>`), or a `Result` or an `Option` of
                // what parses (`Vec<Result<Point, ParseIntError>>`), or, collected into a
                // `Result<Vec<P>, E>` (stopping at the first error), a `Result<P, E>`.
                let first_generic = |x: &Type| match x {
                    Type::Path(p) => p.segs.last().and_then(|s| s.generics.first()).cloned(),
                    _ => None,
                };
                let item = item.and_then(|i| {
                    if parses(&i) || (matches!(i.name(), Some("Result" | "Option")) && first_generic(&i).is_some_and(|x| parses(&x))) {
                        Some(i)
                    } else if t.name() == Some("Result") {
                        with_first_generic(t, first_generic(&i).filter(|x| parses(x))?)
                    } else {
                        None
                    }
                });
                if let Some(item) = item {
                    let parsed = |b: &Expr| parse_typed_by_let(b, &item, &parses);
                    if let Some(typed) = map_body_typed(recv, &parsed) {
                        if t.name() == Some("Result") {
                            // Collected as the `Result` it is written as.
                            let collect = ExprKind::Method(Box::new(typed), name.clone(), *name_span, Vec::new(), Some(t.clone()));
                            self.expr(&Expr { kind: collect, ..e.clone() })?;
                            return Ok(true);
                        }
                        self.method(&typed, name, *name_span, args, e.span)?;
                        self.convert_to(t, e.span)?;
                        return Ok(true);
                    }
                }
            }
            if &**name == "collect" && args.is_empty() && into {
                self.method(recv, name, *name_span, args, e.span)?;
                self.convert_to(t, e.span)?;
                return Ok(true);
            }
            // `….map(|l| l.parse()).collect::<Result<_, _>>().unwrap()` into a `Vec<Move>`: the
            // closure's `parse()` reads `Move`, as rustc infers it through the `Result`.
            if let (true, ExprKind::Method(it, c, c_span, c_args, Some(tf))) = (matches!(&**name, "unwrap" | "expect"), &recv.kind) {
                let item = match t {
                    Type::Path(p) if p.last() == "Vec" => p.segs.last().and_then(|s| s.generics.first()).cloned(),
                    _ => None,
                };
                let parses = |x: &Type| self.parses_to(x);
                let result_ty = item.filter(|i| parses(i)).and_then(|i| with_first_generic(tf, i));
                if let (true, Some(rty)) = (&**c == "collect" && c_args.is_empty() && tf.name() == Some("Result"), result_ty) {
                    if let Some(typed) = map_body_typed(it, &|b: &Expr| parse_typed_by_let(b, &rty, &parses)) {
                        let collect = Expr {
                            kind: ExprKind::Method(Box::new(typed), c.clone(), *c_span, Vec::new(), Some(tf.clone())),
                            ..(**recv).clone()
                        };
                        let whole =
                            Expr { kind: ExprKind::Method(Box::new(collect), name.clone(), *name_span, args.clone(), None), ..e.clone() };
                        self.expr(&whole)?;
                        self.convert_to(t, e.span)?;
                        return Ok(true);
                    }
                }
            }
        }
        // `x.into()` into std's type that `From` makes of it (`let d: VecDeque<_> = v.into()`,
        // `let v: Vec<u8> = "hi".into()`, `let o: Option<i32> = 5.into()`).
        if let ExprKind::Method(recv, name, name_span, args, None) = &e.kind {
            // `let waker: Waker = Arc::new(MyWaker).into();`: `Waker::from`, std's `Wake` way.
            if (t.name(), &**name, args.is_empty()) == (Some("Waker"), "into", true) {
                self.expr(recv)?;
                self.emit(Op::CallBuiltin(B::WakerFrom, 1), e.span);
                return Ok(true);
            }
            // `let x: f64 = 3u8.into();`: `f64::from(3u8)` (lossless: a small integer or an `f32`).
            if let (Some(f @ ("f64" | "f32")), "into", true) = (t.name(), &**name, args.is_empty()) {
                let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span: e.span };
                let from = Expr { kind: ExprKind::Path(Path { segs: vec![seg(f), seg("from")], span: e.span }), span: e.span };
                self.expr(&Expr { kind: ExprKind::Call(Box::new(from), vec![(**recv).clone()]), span: e.span })?;
                return Ok(true);
            }
            // `let s: String = 'x'.into();`: std's `From` impls for `String` (of a `char`, a
            // `&str`, a `Box<str>`) make what `to_string` makes; the program's own go by `from`.
            if (t.name(), &**name, args.is_empty()) == (Some("String"), "into", true) && self.builtin_from_target("String").is_none() {
                self.method(recv, &Rc::from("to_string"), *name_span, &[], e.span)?;
                return Ok(true);
            }
            let target = match t.name() {
                Some("Vec") => Some(Convert::IntoVec),
                Some("VecDeque") => Some(Convert::Deque),
                Some("Option") => Some(Convert::IntoSome),
                Some(n) => collection_ty(n).map(Convert::Collection),
                None => None,
            };
            if let (Some(target), "into", true) = (target, &**name, args.is_empty()) {
                self.expr(recv)?;
                // `impl From<List<T>> for Vec<T>` of the program's: its `from` for its type.
                if let Some(own) = t.name().and_then(|n| self.builtin_from_target(n)) {
                    self.emit(Op::Convert(Convert::OwnInto(own)), e.span);
                }
                self.emit(Op::Convert(target), e.span);
                self.convert_to(t, e.span)?;
                return Ok(true);
            }
        }
        let parses_to = |t: &Type| t.int().is_some() || matches!(t.name(), Some("char" | "bool" | "f64" | "f32")) || self.own_from_str(t);
        if let Some(typed) = parse_typed_by_let(e, t, &parses_to) {
            self.expr(&typed)?;
            self.convert_to(t, e.span)?;
            return Ok(true);
        }
        Ok(false)
    }

    /// [`typed_by`](Self::typed_by) of a constructor or a tuple: `None` when `e` is neither (or
    /// `t` says nothing of its parts), else whether any part was typed (and then all of `e` is
    /// emitted).
    #[inline(never)]
    fn typed_parts(&mut self, e: &Expr, t: &Type) -> R<Option<bool>> {
        match (&e.kind, t) {
            (ExprKind::Call(f, args), Type::Path(tp)) if args.len() == 1 => {
                let ExprKind::Path(fp) = &f.kind else { return Ok(None) };
                let (ty, v, g) = match (fp.single().map(|n| &**n), tp.last()) {
                    (Some("Some"), "Option") => (ty::OPTION, 1, 0),
                    (Some("Ok"), "Result") => (ty::RESULT, 0, 0),
                    (Some("Err"), "Result") => (ty::RESULT, 1, 1),
                    _ => return Ok(None),
                };
                // The prelude's constructor, not a program's variant of that name.
                if !matches!(self.values.get(fp.last()), None | Some(Global::Known(_))) {
                    return Ok(None);
                }
                let Some(inner) = tp.segs.last().and_then(|s| s.generics.get(g)) else { return Ok(None) };
                if !self.typed_by(&args[0], inner)? {
                    return Ok(Some(false));
                }
                self.emit(Op::MakeVariant(ty, v, 1), e.span);
                self.convert_to(t, e.span)?;
                Ok(Some(true))
            }
            // Only where a part is a shape the type changes, so that a plain tuple compiles as
            // it always has.
            (ExprKind::Tuple(es), Type::Tuple(ts)) if es.len() == ts.len() && es.iter().any(typed_shape) => {
                for (x, xt) in es.iter().zip(ts) {
                    if !self.typed_by(x, xt)? {
                        self.expr(x)?;
                    }
                }
                self.emit(Op::MakeTuple(es.len() as u16), e.span);
                self.convert_to(t, e.span)?;
                Ok(Some(true))
            }
            _ => Ok(None),
        }
    }

    /// The elements of an array or a `vec![…]`. All are of one type, so in `vec![Val::from(1),
    /// "x".into()]` the `into()` is `Val::from`, as rustc infers it from the other element: a
    /// program's type with a `From` impl, named by a sibling's path (`Val::from(1)`,
    /// `Val::Int(1)`) or struct literal.
    fn elements(&mut self, es: &[Expr]) -> R<()> {
        if !es.iter().any(|e| matches!(&e.kind, ExprKind::Method(..))) {
            for e in es {
                self.expr(e)?;
            }
            return Ok(());
        }
        self.elements_with_into(es)
    }

    /// [`elements`](Self::elements) where one is a method call, maybe an `into()`.
    #[inline(never)]
    fn elements_with_into(&mut self, es: &[Expr]) -> R<()> {
        let into = |e: &Expr| matches!(&e.kind, ExprKind::Method(_, n, _, a, None) if &**n == "into" && a.is_empty());
        let own = if es.len() > 1 && es.iter().any(into) { self.own_element_type(es) } else { None };
        for e in es {
            match (&e.kind, &own) {
                (ExprKind::Method(recv, ..), Some(ty)) if into(e) => {
                    let f = Path {
                        segs: vec![
                            PathSeg { name: ty.clone(), generics: Vec::new(), span: e.span },
                            PathSeg { name: "from".into(), generics: Vec::new(), span: e.span },
                        ],
                        span: e.span,
                    };
                    let f = Expr { kind: ExprKind::Path(f), span: e.span };
                    self.expr(&Expr { kind: ExprKind::Call(Box::new(f), vec![(**recv).clone()]), span: e.span })?;
                }
                _ => self.expr(e)?,
            }
        }
        Ok(())
    }

    /// [`elements`](Self::elements)' type: the first sibling's that names a program's type with a
    /// `from`.
    #[inline(never)]
    fn own_element_type(&self, es: &[Expr]) -> Option<Rc<str>> {
        es.iter().find_map(|e| {
            let name = match &e.kind {
                ExprKind::Call(f, _) => match &f.kind {
                    ExprKind::Path(p) if p.segs.len() == 2 => p.segs[0].name.clone(),
                    _ => return None,
                },
                ExprKind::Struct(p, ..) => p.segs.first()?.name.clone(),
                _ => return None,
            };
            let own = matches!(self.type_of_name(&name), Some(TyRef::User(t)) if self.code.types[t as usize].assoc.contains_key("from"));
            own.then_some(name)
        })
    }

    /// `f::<Dog>(…)` of a generic function whose body names a type parameter's item (`A::LEGS`)
    /// that no argument holds: a copy of `f` for those types, made once, in which `A` is `Dog`.
    /// `id` itself for any other call.
    #[inline(never)]
    fn specialized(&mut self, p: &Path, id: u32) -> R<u32> {
        // A program without generic functions, and a call without a turbofish: `id` itself.
        if let [seg] = p.segs.as_slice() {
            if self.unheld.is_empty() && seg.generics.is_empty() {
                return Ok(id);
            }
        }
        self.specialized_rest(p, id)
    }

    /// [`Compiler::specialized`], every case.
    #[inline(never)]
    fn specialized_rest(&mut self, p: &Path, id: u32) -> R<u32> {
        let [seg] = p.segs.as_slice() else { return Ok(id) };
        let Some(g) = self.unheld.iter().find(|(f, _)| *f == seg.name).map(|(_, g)| g.clone()) else {
            return Ok(self.parse_copy(seg, false).unwrap_or(id));
        };
        // `parse_pair::<usize>(…)` whose body reads `T::from_str(s)`, `defaults::<i32>()` whose
        // body reads `T::default()`: a copy in which `T` is the std type written, and
        // `T::item` is that type's.
        let std_type = |t: &Type| !matches!(t.name().and_then(|n| self.type_of_name(n)), Some(TyRef::User(_) | TyRef::Generic));
        if seg.generics.iter().all(std_type) {
            if let Some(copy) = self.parse_copy(seg, true) {
                return Ok(copy);
            }
        }
        let Some(decl) = self.p.find(&seg.name).cloned() else { return Ok(id) };
        if seg.generics.is_empty() {
            return Err(LangError::new(
                p.span,
                format!(
                    "`{}` names an item of its type parameter `{g}`, and no argument holds a `{g}`: the playground knows it only from a turbofish, `{}::<YourType>(…)`, or from a `let`'s written type where the result goes",
                    seg.name, seg.name
                ),
            ));
        }
        if decl.generics.len() != seg.generics.len() {
            return Ok(id);
        }
        let mut tys = Vec::new();
        for g in &seg.generics {
            let t = match g.name().and_then(|n| self.type_of_name(n)) {
                Some(TyRef::User(t)) => t,
                _ => match g.name().and_then(Prim::from_name).and_then(|pr| self.code.prims.iter().find(|(q, _)| *q == pr)) {
                    Some(&(_, t)) => t,
                    None => {
                        return Err(LangError::new(
                            p.span,
                            format!(
                                "`{}::<…>` of a std type: a type parameter's items are the program's types' in the playground (and its own traits' for a primitive)",
                                seg.name
                            ),
                        ))
                    }
                },
            };
            tys.push(t);
        }
        let key = (seg.name.clone(), tys);
        if let Some(&(_, copy)) = self.specialized.iter().find(|(k, _)| *k == key) {
            return Ok(copy);
        }
        let names: Vec<&str> = key.1.iter().map(|&t| &*self.code.types[t as usize].name).collect();
        let copy = self.new_func(Rc::from(format!("{}::<{}>", seg.name, names.join(", "))), Some(&decl), decl.span);
        self.bindings.insert(copy, decl.generics.iter().cloned().zip(key.1.iter().copied()).collect());
        self.todo.push((copy, decl, None));
        self.specialized.push((key, copy));
        Ok(copy)
    }

    /// `parse_all::<f64>(…)` of a function whose body reads `s.parse::<T>()`: a copy of it, made
    /// once, in which `T` is the type written. (Without a turbofish the function is itself,
    /// and `parse` reads a number, as before.)
    #[inline(never)]
    fn parse_copy(&mut self, seg: &PathSeg, any: bool) -> Option<u32> {
        if seg.generics.is_empty() || !(any || self.parse_generic.contains(&seg.name)) {
            return None;
        }
        let decl = self.p.find(&seg.name).cloned()?;
        if decl.generics.len() != seg.generics.len() || seg.generics.iter().any(|t| matches!(t, Type::Infer)) {
            return None;
        }
        // One copy for each function and types written, wherever the calls are (by the types'
        // text: a `Type` holds where it was written).
        let key = (seg.name.clone(), seg.generics.iter().map(Type::text).collect::<Vec<_>>());
        if let Some(&(_, copy)) = self.parse_copies.iter().find(|(k, _)| *k == key) {
            return Some(copy);
        }
        let names: Vec<String> = seg.generics.iter().map(|t| t.name().unwrap_or("_").to_string()).collect();
        let copy = self.new_func(Rc::from(format!("{}::<{}>", seg.name, names.join(", "))), Some(&decl), decl.span);
        self.type_args.insert(copy, decl.generics.iter().cloned().zip(seg.generics.iter().cloned()).collect());
        self.todo.push((copy, decl, None));
        self.parse_copies.push((key, copy));
        Some(copy)
    }

    /// Whether the program calls the function `name` with a turbofish (`name::<Dog>(…)`).
    #[inline(never)]
    fn turbofished(&self, name: &Rc<str>) -> bool {
        let mut found = false;
        for f in self.p.fns() {
            let Some(body) = &f.body else { continue };
            walk_block(body, &mut |e| {
                if let ExprKind::Call(callee, _) = &e.kind {
                    if let ExprKind::Path(p) = &callee.kind {
                        found |= matches!(p.segs.as_slice(), [s] if s.name == *name && !s.generics.is_empty());
                    }
                }
            });
        }
        found
    }

    /// `T::item` in a generic function whose parameter holds a `T` (`x: T`, `xs: &[T]`): the
    /// item of that value's type, found when the function runs ([`Op::AssocOf`]). Emits it and
    /// says true; false, and nothing emitted, for any other path.
    #[inline(never)]
    fn generic_item(&mut self, p: &Path) -> R<bool> {
        // Outside generic functions and impls there is no type parameter to name.
        if self.cur.impl_generics.is_empty() && self.cur.carriers.is_empty() && self.cur.generics.is_empty() {
            return Ok(false);
        }
        self.generic_item_rest(p)
    }

    /// [`Compiler::generic_item`], every case.
    #[inline(never)]
    fn generic_item_rest(&mut self, p: &Path) -> R<bool> {
        let [head, item] = p.segs.as_slice() else { return Ok(false) };
        if let Some(elem) = self.self_carrier(&head.name, p.span)? {
            let c = self.konst(Value::Str(item.name.clone()));
            self.emit(Op::AssocOf(c, elem), p.span);
            return Ok(true);
        }
        let Some(&(_, l, elem)) = self.cur.carriers.iter().find(|(g, _, _)| *g == head.name) else {
            // The generic function itself, which only its copies for a turbofish (written, or
            // inferred from a `let`'s type) run: every call without one is refused.
            // (`turbofished` walks every function: asked last.)
            let name = self.cur.name.clone();
            let generic = self.cur.bound.is_empty() && self.cur.generics.contains(&head.name);
            if generic && (self.unheld.iter().any(|(n, _)| *n == name) || self.turbofished(&name)) {
                let msg = self.konst(Value::Str(Rc::from(format!("`{}::{}` needs a turbofish at the call", head.name, item.name))));
                self.emit(Op::Fail(msg), p.span);
                let unit = self.konst(Value::Unit);
                self.emit(Op::Const(unit), p.span);
                return Ok(true);
            }
            return Ok(false);
        };
        self.load(l, p.span);
        let c = self.konst(Value::Str(item.name.clone()));
        self.emit(Op::AssocOf(c, elem), p.span);
        Ok(true)
    }

    /// In a method of `impl<T> Matrix<T>` that takes `self`, where no parameter holds a `T`: a
    /// field of `self` that does (`data: Vec<T>`), emitted, and whether its first element is
    /// the one to read. `None`, and nothing emitted, otherwise.
    #[inline(never)]
    fn self_carrier(&mut self, head: &Rc<str>, span: Span) -> R<Option<bool>> {
        if !self.cur.impl_generics.contains(head) || self.cur.carriers.iter().any(|(g, _, _)| g == head) {
            return Ok(None);
        }
        let Some(TyRef::User(t)) = self.cur.self_ty.clone() else { return Ok(None) };
        if self.var("self").is_none() {
            return Ok(None);
        }
        let info = &self.code.types[t as usize];
        let found = info.field_tys.iter().enumerate().find_map(|(i, ft)| {
            let (g, elem) = carried(ft, std::slice::from_ref(head))?;
            (g == *head).then(|| (info.fields.get(i).cloned(), i, elem))
        });
        let Some((name, i, elem)) = found else { return Ok(None) };
        let this =
            Expr { kind: ExprKind::Path(Path { segs: vec![PathSeg { name: Rc::from("self"), generics: Vec::new(), span }], span }), span };
        let kind = match name {
            Some(n) if !info.tuple => ExprKind::Field(Box::new(this), n),
            _ => ExprKind::TupleField(Box::new(this), i as u32),
        };
        self.expr(&Expr { kind: ExprKind::Ref(false, Box::new(Expr { kind, span })), span })?;
        Ok(Some(elem))
    }

    /// `T::default()` in a generic function, where a parameter (or `self`'s field) holds a `T`:
    /// the default of that value's type (a program's `impl Default` included). False, and
    /// nothing emitted, otherwise.
    #[inline(never)]
    fn generic_default(&mut self, p: &Path, span: Span) -> R<bool> {
        let [head, _] = p.segs.as_slice() else { return Ok(false) };
        let elem = match self.self_carrier(&head.name, span)? {
            Some(elem) => elem,
            None => {
                let Some(&(_, l, elem)) = self.cur.carriers.iter().find(|(g, _, _)| *g == head.name) else { return Ok(false) };
                self.load(l, span);
                elem
            }
        };
        let c = self.konst(Value::Bool(elem));
        self.emit(Op::Const(c), span);
        self.emit(Op::CallBuiltin(B::DefaultOf, 2), span);
        Ok(true)
    }

    /// `it.sum()` or `it.product()` into a program's type with its own `impl Sum` (or
    /// `Product`): its `sum(it)`, as std's `Iterator::sum` calls `T::sum`; `it.collect()` into
    /// one with its own `impl FromIterator`: its `from_iter(it)`. False, and nothing emitted,
    /// for any other.
    #[inline(never)]
    fn own_sum(&mut self, recv: &Expr, name: &str, args: &[Expr], t: &Type, span: Span) -> R<bool> {
        // `collect()` into a program's type with its own `impl FromIterator`: its `from_iter`.
        let name = match name {
            "sum" | "product" => name,
            "collect" => "from_iter",
            _ => return Ok(false),
        };
        if !args.is_empty() {
            return Ok(false);
        }
        let Some(tn) = t.name() else { return Ok(false) };
        let own = matches!(self.type_of_name(tn), Some(TyRef::User(u)) if self.code.types[u as usize].assoc.contains_key(name));
        if !own {
            return Ok(false);
        }
        let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span };
        let f = Expr { kind: ExprKind::Path(Path { segs: vec![seg(tn), seg(name)], span }), span };
        self.expr(&Expr { kind: ExprKind::Call(Box::new(f), vec![recv.clone()]), span })?;
        Ok(true)
    }

    /// Whether `t` names a type of the program with a `from_str` of its own (`impl FromStr`).
    #[inline(never)]
    fn own_from_str(&self, t: &Type) -> bool {
        t.name()
            .and_then(|n| self.type_of_name(n))
            .is_some_and(|r| matches!(r, TyRef::User(u) if self.code.types[u as usize].assoc.contains_key("from_str")))
    }

    /// The value of a `let`, given its type where one is written (an integer type for
    /// literals; `String`, `Vec` or `VecDeque` for `collect`).
    fn let_value(&mut self, init: &Expr, ty: Option<&Type>) -> R<()> {
        // `let s: String = o.unwrap_or_default();`: the default of the written type.
        if let (ExprKind::Method(recv, name, at, args, None), Some(Type::Path(tp))) = (&init.kind, ty) {
            // (A `parse()`'s is typed by the `let` below: `"no".parse().unwrap_or_default()`.)
            let parses = matches!(&recv.kind, ExprKind::Method(_, n, ..) if &**n == "parse");
            if &**name == "unwrap_or_default" && args.is_empty() && !parses && self.has_default(tp.last()) {
                let f = default_closure(tp.last(), init.span);
                return self.method(recv, &Rc::from(names::DEFAULT_WITH), *at, &[f], init.span);
            }
        }
        // `let x: Foo = Default::default();`, and `let a: [u8; 3] = Default::default();` (each
        // item its type's default: `[T::default(); N]`).
        if ty.is_some_and(|t| self.wrapper_default(init, t)) {
            return Ok(());
        }
        if let (ExprKind::Call(f, args), Some(t)) = (&init.kind, ty) {
            if args.is_empty() && matches!(&f.kind, ExprKind::Path(p) if p.joined() == "Default::default") {
                match t {
                    Type::Path(tp) => return self.default_of(tp.last(), init.span),
                    Type::Array(inner, Some(n)) => {
                        match (inner.int(), inner.name()) {
                            (Some(i), _) => {
                                let c = self.konst(Value::Int(0, Some(i)));
                                self.emit(Op::Const(c), init.span);
                            }
                            (None, Some(name)) => self.default_of(name, init.span)?,
                            (None, None) => {
                                return Err(LangError::new(
                                    init.span,
                                    "`Default::default()` of this array type is not supported in the playground",
                                ))
                            }
                        }
                        let c = self.konst(Value::usize(*n as usize));
                        self.emit(Op::Const(c), init.span);
                        self.emit(Op::Repeat, init.span);
                        return Ok(());
                    }
                    // `let t: (i32, String, Vec<u8>) = Default::default();`: each element's.
                    Type::Tuple(_) => {
                        self.code.default_types.push(t.clone());
                        let c = self.konst(Value::Int((self.code.default_types.len() - 1) as u64, Some(IntTy::U32)));
                        self.emit(Op::Const(c), init.span);
                        self.emit(Op::CallBuiltin(B::DefaultOfType, 1), init.span);
                        return Ok(());
                    }
                    _ => {}
                }
            }
        }
        // `let n: u32 = rgb.into();` of the program's `impl From<Rgb> for u32`: that `from`.
        // `let t: (u8, u8, u8) = rgb.into();` of `impl From<Rgb> for (u8, u8, u8)` too.
        if let (ExprKind::Method(recv, name, _, args, None), Some(ty), true) = (&init.kind, ty, self.own_into) {
            let target = match ty {
                Type::Path(tp) => self.builtin_from_target(tp.last()),
                Type::Tuple(_) => self.code.types.get(ty::TUPLE as usize).is_some_and(|t| !t.froms.is_empty()).then_some(ty::TUPLE),
                _ => None,
            };
            if let (Some(t), "into", true) = (target, &**name, args.is_empty()) {
                self.expr(recv)?;
                self.emit(Op::Convert(Convert::OwnInto(t)), init.span);
                if let Some(i) = ty.int() {
                    self.emit(Op::Cast(Cast::Int(i)), init.span);
                }
                return Ok(());
            }
        }
        // `let l: Result<Level, _> = 1u8.try_into();` calls the `TryFrom` impl of the type the
        // written `Result` names.
        if let (ExprKind::Method(recv, name, _, args, None), Some(Type::Path(rp))) = (&init.kind, ty) {
            let target = rp.segs.last().filter(|s| &*s.name == "Result").and_then(|s| s.generics.first());
            if let (Some(Type::Path(tp)), "try_into", true) = (target, &**name, args.is_empty()) {
                if self.own_conversion(tp, "try_from", recv, init.span)? {
                    return Ok(());
                }
            }
        }
        // `let w: Wrapper = n.into();` calls the `From` impl the written type names.
        if let (ExprKind::Method(recv, name, _, args, None), Some(Type::Path(tp))) = (&init.kind, ty) {
            if &**name == "into" && args.is_empty() && self.own_conversion(tp, "from", recv, init.span)? {
                return Ok(());
            }
            // `let n: u64 = x.into();` between integer types is `u64::from(x)` (or, of a type
            // with `impl From<Rgb> for u32`, that `from`).
            if let (Some(i), true) = (Type::Path(tp.clone()).int(), &**name == "into" && args.is_empty()) {
                if self.own_into {
                    self.method(recv, name, init.span, args, init.span)?;
                } else {
                    self.expr(recv)?;
                }
                self.emit(Op::Cast(Cast::Int(i)), init.span);
                return Ok(());
            }
        }
        // `let c: Cell<u8> = Cell::new(250);`: the literal inside takes the written type.
        if let Some(typed) = ty.and_then(|t| literal_typed_in_wrapper(init, t)) {
            return self.expr(&typed);
        }
        // `let n: u32 = s.parse().unwrap();`, `let s: String = it.collect();`: typed as a
        // function's value is by its return type.
        if let Some(t) = ty {
            if self.typed_by(init, t)? {
                return Ok(());
            }
        }
        // `let v: Result<Vec<_>, _> = it.collect();`: see `collect_target`.
        if let (ExprKind::Method(recv, name, name_span, args, None), Some(target)) = (&init.kind, ty.and_then(collect_target)) {
            if &**name == "collect" && args.is_empty() {
                return self.method(recv, &Rc::from(target), *name_span, args, init.span);
            }
        }
        self.expr(init)?;
        if let Some(t) = ty {
            self.convert_to(t, init.span)?;
        }
        Ok(())
    }

    /// Gives a value the type written for it, where that changes it: an integer literal's type,
    /// `collect()` into a `String`, `parse()` into a `u32`.
    fn convert_to(&mut self, t: &Type, span: Span) -> R<()> {
        if let Some(i) = t.int() {
            self.emit(Op::Coerce(i), span);
            return Ok(());
        }
        if let Some(f) = t.float() {
            self.emit(Op::Convert(Convert::Float(f)), span);
            return Ok(());
        }
        // A collection the playground does not have, named by its path (`collect::<std::
        // collections::LinkedList<_>>()`): an error, not a `Vec`.
        if let Some(n @ "LinkedList") = t.name() {
            return Err(LangError::new(span, format!("`{n}` is not in the playground yet: collect into a `Vec` (or a `VecDeque`)")));
        }
        if let Type::Tuple(elems) = t {
            let ints: Vec<Option<IntTy>> = elems.iter().map(Type::int).collect();
            if ints.iter().any(Option::is_some) {
                self.code.tuple_ints.push(ints);
                let site = (self.code.tuple_ints.len() - 1) as u32;
                self.emit(Op::Convert(Convert::Tuple(site)), span);
            }
            return Ok(());
        }
        let items = t.items_int();
        if t.name() == Some("VecDeque") {
            self.emit(Op::Convert(Convert::Deque), span);
        }
        if let Some(c) = t.name().and_then(collection_ty) {
            self.emit(Op::Convert(Convert::Collection(c)), span);
            // `HashMap<K, V>`: `V`, for an `or_default()` before any value is in it.
            if let (true, Type::Path(p)) = (matches!(t.name(), Some("HashMap" | "BTreeMap")), t) {
                if let Some(v) = p.segs.last().and_then(|s| s.generics.get(1)).filter(|v| !matches!(v, Type::Infer)) {
                    self.code.default_types.push(v.clone());
                    let site = (self.code.default_types.len() - 1) as u32;
                    self.emit(Op::Convert(Convert::MapDefault(site)), span);
                }
            }
        }
        if let Some(i) = items {
            self.emit(Op::Convert(Convert::Items(i)), span);
            return Ok(());
        }
        let target = match t.name() {
            Some("String") => Convert::String,
            Some("VecDeque") => return Ok(()),
            Some(n) if collection_ty(n).is_some() => return Ok(()),
            Some("Result") | Some("Option") => match t {
                Type::Path(p) => match p.segs.last().and_then(|s| s.generics.first()).and_then(Type::int) {
                    Some(i) => Convert::Inner(i),
                    None => return Ok(()),
                },
                _ => return Ok(()),
            },
            _ => return Ok(()),
        };
        self.emit(Op::Convert(target), span);
        Ok(())
    }

    fn default_of(&mut self, tname: &str, span: Span) -> R<()> {
        match self.type_of_name(tname) {
            Some(TyRef::User(t)) => {
                if !self.code.types[t as usize].has("Default") && !self.code.types[t as usize].assoc.contains_key("default") {
                    let n = self.code.types[t as usize].name.clone();
                    return Err(LangError::new(span, format!("`{n}` does not implement `Default`: add `#[derive(Default)]`")));
                }
                let f = self.default_fn(t, span)?;
                self.emit(Op::Call(f, 0), span);
            }
            Some(TyRef::Builtin(b)) => {
                let c = self.konst(default_builtin(b));
                self.emit(Op::Const(c), span);
            }
            _ => return Err(LangError::new(span, format!("`Default::default()` for `{tname}` is not supported in the playground"))),
        }
        Ok(())
    }

    /// Whether `Type::default()` of the type named `tname` is known here: a program's type with
    /// `Default`, or one of std's the playground makes defaults of.
    fn has_default(&self, tname: &str) -> bool {
        match self.type_of_name(tname) {
            Some(TyRef::User(t)) => self.code.types[t as usize].has("Default") || self.code.types[t as usize].assoc.contains_key("default"),
            Some(TyRef::Builtin(b)) => !matches!(default_builtin(b), Value::Unit),
            _ => false,
        }
    }

    /// The type of `recv.unwrap_or_default()` (at `span`), where it is known before running: the
    /// function's return type for its value, or a `String` made by the closure of a `map`
    /// (`p.map(|x| format!("-{x}")).unwrap_or_default()`).
    fn default_type_of(&self, recv: &Expr, span: Span) -> Option<Rc<str>> {
        if self.cur.ret_collect_at == Some(span) {
            if let Some(Type::Path(tp)) = &self.cur.ret_ty {
                return self.has_default(tp.last()).then(|| Rc::from(tp.last()));
            }
        }
        // `o.unwrap_or_default()` (or `o.clone()`'s, `o.take()`'s) of a variable written
        // `Option<T>`.
        let local = match &recv.kind {
            ExprKind::Path(p) => p.single(),
            ExprKind::Method(inner, m, _, a, _) if a.is_empty() && matches!(&**m, "clone" | "take") => match &inner.kind {
                ExprKind::Path(p) => p.single(),
                _ => None,
            },
            _ => None,
        };
        if let Some(t) = local.and_then(|n| self.var(n)).and_then(|l| self.info(l).decl_ty.as_deref().and_then(payload_name)) {
            return self.has_default(&t).then_some(t);
        }
        // `s.parse::<u8>().unwrap_or_default()`: the turbofish's type.
        if let ExprKind::Method(_, m, _, a, Some(Type::Path(tp))) = &recv.kind {
            if &**m == "parse" && a.is_empty() && self.has_default(tp.last()) {
                return Some(Rc::from(tp.last()));
            }
        }
        // `u.email.clone().unwrap_or_default()` (or the field's `take()`, or the field itself)
        // of a field written `Option<T>`: `self`'s type's, or else the one type of the
        // program's that has a field of that name, or all of whose such fields agree.
        let field = match &recv.kind {
            ExprKind::Field(base, f) => Some((base, f)),
            ExprKind::Method(inner, m, _, a, _) if a.is_empty() && matches!(&**m, "clone" | "take" | "as_ref") => match &inner.kind {
                ExprKind::Field(base, f) => Some((base, f)),
                _ => None,
            },
            _ => None,
        };
        if let Some((base, f)) = field {
            if let Some(t) = self.field_payload(base, f) {
                return self.has_default(&t).then_some(t);
            }
        }
        let ExprKind::Method(_, m, _, margs, _) = &recv.kind else { return None };
        let makes_string = match margs.as_slice() {
            [Expr { kind: ExprKind::Closure(_, body, _), .. }] => match &body.kind {
                ExprKind::Fmt(FmtKind::Format, ..) => true,
                ExprKind::Method(_, n, _, _, _) => {
                    matches!(&**n, "to_string" | "to_owned" | "to_uppercase" | "to_lowercase" | "repeat" | "replace")
                }
                _ => false,
            },
            // `map(str::to_uppercase)`, `map(String::from)`, `map(ToString::to_string)`.
            [Expr { kind: ExprKind::Path(p), .. }] => {
                matches!(p.segs.as_slice(), [t, f] if matches!(&*t.name, "str" | "String" | "ToString" | "ToOwned")
                    && matches!(&*f.name, "to_string" | "to_owned" | "to_uppercase" | "to_lowercase" | "from"))
            }
            _ => false,
        };
        (&**m == "map" && makes_string).then(|| Rc::from("String"))
    }

    /// `T` of a field written `Option<T>` (or `Result<T, E>`) named `f`, read from `base`: of
    /// `self`'s type when `base` is `self`, else of the program's types' fields of that name
    /// when they all say the same.
    #[inline(never)]
    fn field_payload(&self, base: &Expr, f: &Rc<str>) -> Option<Rc<str>> {
        let of = |t: &super::code::TypeInfo| -> Option<Option<Rc<str>>> {
            let i = t.fields.iter().position(|n| n == f)?;
            Some(t.field_tys.get(i).and_then(payload_name))
        };
        let is_self = matches!(&base.kind, ExprKind::Path(p) if p.single().is_some_and(|n| &**n == "self"));
        if let (true, Some(TyRef::User(t))) = (is_self, &self.cur.self_ty) {
            return of(&self.code.types[*t as usize]).flatten();
        }
        let mut found: Option<Rc<str>> = None;
        for t in self.code.types.iter().skip(ty::FIRST_USER as usize) {
            match of(t) {
                None => {}
                Some(Some(n)) if found.as_ref().is_none_or(|m| *m == n) => found = Some(n),
                Some(_) => return None,
            }
        }
        found
    }

    /// Whether a written parameter or field type says nothing here: left out (`_`), `Self`
    /// (the callee's, not the caller's), a single-letter name (an impl's type parameter,
    /// `T`), or one holding those (`Vec<T>`).
    fn is_generic_ty(&self, t: &Type) -> bool {
        match t {
            Type::Path(p) => p.segs.iter().any(|s| {
                &*s.name == "Self"
                    || (s.name.len() == 1 && s.name.starts_with(|c: char| c.is_ascii_uppercase()))
                    || s.generics.iter().any(|g| self.is_generic_ty(g))
            }),
            Type::Ref(_, inner) => self.is_generic_ty(inner),
            _ => true,
        }
    }

    fn is_variant_name(&self, name: &str) -> bool {
        if self.var(name).is_some() {
            return false;
        }
        matches!(self.values.get(name), Some(Global::Ctor(_, _, 0, true) | Global::Const(_)))
            || (name == "None" && !self.values.contains_key(name))
    }

    // ----- Expressions -----

    /// The type [`intdefault`](super::intdefault) gives the untyped literal at `span`.
    fn int_lit(&self, span: Span) -> Option<IntTy> {
        if self.cur.int_lits.is_empty() {
            return None;
        }
        self.cur.int_lits.binary_search_by_key(&(span.start, span.end), |(s, _)| (s.start, s.end)).ok().map(|i| self.cur.int_lits[i].1)
    }

    fn lit_int(&mut self, n: u64, t: Option<IntTy>, span: Span) -> R<Value> {
        let t = t.or_else(|| self.int_lit(span));
        Ok(match t {
            Some(t) => {
                let (lo, hi) = t.range();
                let v = i128::from(n);
                if v < lo || v > hi {
                    return Err(LangError::new(span, format!("literal out of range for `{}`", t.name())));
                }
                Value::Int(n, Some(t))
            }
            None if n > i64::MAX as u64 => Value::Int(n, Some(IntTy::U64)),
            None => Value::Int(n, None),
        })
    }

    /// A method call, `recv.name::<turbofish>(args)`, as an expression. Out of line: the step
    /// form's programs call no methods, and an embed of one then never enters it (it ships in the
    /// language's module, tools/lazy-split).
    #[inline(never)]
    #[allow(clippy::too_many_arguments)]
    fn method_expr(
        &mut self,
        e: &Expr,
        recv: &Expr,
        name: &Rc<str>,
        name_span: Span,
        args: &[Expr],
        turbofish: Option<&Type>,
        span: Span,
    ) -> R<()> {
        if let Some(t) = turbofish {
            if self.own_sum(recv, name, args, t, span)? {
                return Ok(());
            }
            // `e.downcast_ref::<&str>()` of a panic's payload, `v.downcast_ref::<T>()` of
            // a `&dyn Any` or a `Box<dyn Error>`: by the type's key, in the method's name.
            if matches!(&**name, "downcast_ref" | "downcast_mut" | "downcast" | "is") && args.is_empty() {
                // `downcast_mut` of a boxed number held in a variable, a field or an
                // element writes it there (a box is its value here): the place, borrowed.
                let placed;
                let recv = match &recv.kind {
                    ExprKind::Path(_) | ExprKind::Field(..) | ExprKind::TupleField(..) | ExprKind::Index(..)
                        if &**name == "downcast_mut" =>
                    {
                        placed = Expr { kind: ExprKind::Ref(true, Box::new(recv.clone())), span: recv.span };
                        &placed
                    }
                    _ => recv,
                };
                match self.any_key(t, false).map_err(|e| LangError::new(span, format!("`{name}::<{}>()`: {}", t.text(), e.message)))? {
                    Ok(key) => return self.method(recv, &Rc::from(format!("{name}<{key}>")), name_span, args, span),
                    // `a.is::<T>()` where an argument holds a `T`: that value's type.
                    Err(Some(k)) => {
                        // `downcast` takes its box by value.
                        if &**name == "downcast" {
                            self.expr(recv)?;
                        } else {
                            self.place(recv)?;
                        }
                        self.emit(Op::Load(k), span);
                        let c = self.konst(Value::Str(name.clone()));
                        self.emit(Op::Const(c), span);
                        self.emit(Op::CallBuiltin(B::DowncastLike, 3), span);
                        return Ok(());
                    }
                    Err(None) => {
                        self.expr(recv)?;
                        self.emit(Op::Pop, span);
                        self.unknown_type_param(t, name, span);
                        self.emit(Op::Unit, span);
                        return Ok(());
                    }
                }
            }
        }
        // `b.type_id()` of a variable written `Box<dyn Any>` (or an `Rc`'s, an `Arc`'s):
        // the box's own, as rustc resolves it (a known pitfall: `(*b).type_id()` is the
        // value's).
        let own_type_id = self.code.types.iter().any(|t| t.assoc.contains_key("type_id"));
        if let (None, "type_id", true, false, ExprKind::Path(p)) = (turbofish, &**name, args.is_empty(), own_type_id, &recv.kind) {
            let written = p.single().and_then(|n| self.var(n)).and_then(|l| self.info(l).decl_ty.clone());
            if let Some(Type::Path(tp)) = written.as_deref() {
                let seg = tp.segs.last();
                if let Some(s) = seg.filter(|s| matches!(&*s.name, "Box" | "Rc" | "Arc") && matches!(s.generics.as_slice(), [Type::Opaque]))
                {
                    let c = self.konst(super::anytype::type_id(format!("{}<dyn>", s.name)));
                    self.emit(Op::Const(c), span);
                    return Ok(());
                }
            }
        }
        // `collect::<Result<Vec<_>, _>>()` stops at the first `Err` (an `Option`'s, at
        // the first `None`): a collect of its own.
        if let (true, Some(target)) = (&**name == "collect" && args.is_empty(), turbofish.and_then(collect_target)) {
            return self.method(recv, &Rc::from(target), name_span, args, span);
        }
        // The function's value, into its return type (`-> Result<Vec<i32>, E>`).
        if let (true, Some(target)) = (&**name == "collect" && args.is_empty() && turbofish.is_none(), self.cur.ret_collect) {
            if self.cur.ret_collect_at == Some(span) {
                return self.method(recv, &Rc::from(target), name_span, args, span);
            }
        }
        // `parse::<char>()` and `parse::<bool>()` parse as those types (a plain `parse`
        // reads a number, or `true`/`false`); an unsigned type reads a leading `-` as an
        // invalid digit (`"-0"` too).
        // `s.parse::<T>()` in a copy made for `f::<f64>(…)`: `T` is `f64`.
        let substituted;
        let turbofish = match turbofish {
            Some(Type::Path(t)) if !self.cur.subst.is_empty() => {
                match t.single().and_then(|g| self.cur.subst.iter().find(|(n, _)| n == g)) {
                    Some((_, ty)) => {
                        substituted = ty.clone();
                        Some(&substituted)
                    }
                    None => turbofish,
                }
            }
            _ => turbofish,
        };
        if let (true, Some(t)) = (&**name == "parse" && args.is_empty(), turbofish) {
            // A program's own `impl FromStr`: `s.parse::<Point>()` is `Point::from_str(s)`.
            if let (Some(Type::Path(tp)), true) = (turbofish, self.own_from_str(t)) {
                let mut segs = tp.segs.clone();
                segs.push(PathSeg { name: "from_str".into(), generics: Vec::new(), span: name_span });
                let f = Expr { kind: ExprKind::Path(Path { segs, span: tp.span }), span: name_span };
                return self.call(&f, std::slice::from_ref(recv), span, false);
            }
            // `s.parse::<String>()` is `Ok` of its text (std's `FromStr for String`).
            if t.name() == Some("String") {
                let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span: name_span };
                let ok = Expr { kind: ExprKind::Path(Path { segs: vec![seg("Ok")], span: name_span }), span: name_span };
                let text =
                    Expr { kind: ExprKind::Method(Box::new(recv.clone()), Rc::from("to_string"), name_span, Vec::new(), None), span };
                return self.expr(&Expr { kind: ExprKind::Call(Box::new(ok), vec![text]), span });
            }
            let parsed = match (t.name(), t.int()) {
                (Some("char"), _) => Some(("parse<char>", None)),
                (Some("bool"), _) => Some(("parse<bool>", None)),
                (Some("f64"), _) => Some(("parse<f64>", None)),
                (Some("f32"), _) => Some(("parse<f32>", None)),
                (_, Some(i)) if !i.signed() => Some(("parse<unsigned>", Some(i))),
                _ => None,
            };
            if let Some((named, inner)) = parsed {
                self.method(recv, &Rc::from(named), name_span, args, span)?;
                if let Some(i) = inner {
                    self.emit(Op::Convert(Convert::Inner(i)), span);
                }
                return Ok(());
            }
        }
        // `s.parse().unwrap_or(0.0)`: the default's type is what `parse()` reads.
        if let (true, [d], ExprKind::Method(_, p, _, pa, None)) = (&**name == "unwrap_or", args, &recv.kind) {
            let t = match &d.kind {
                ExprKind::Float(_, ft) => Some(ft.map_or("f64", |f| f.name())),
                ExprKind::Int(_, Some(it)) => Some(it.name()),
                _ => None,
            };
            if let (Some(t), "parse", true) = (t, &**p, pa.is_empty()) {
                let ty = Type::Path(Path { segs: vec![PathSeg { name: Rc::from(t), generics: Vec::new(), span: d.span }], span: d.span });
                if self.typed_by(e, &ty)? {
                    return Ok(());
                }
            }
        }
        // `unwrap_or_default()` whose type is known here: `unwrap_or_else` of that type's
        // default (an empty `Option` does not carry its type at run time).
        if &**name == "unwrap_or_default" && args.is_empty() && turbofish.is_none() {
            if let Some(t) = self.default_type_of(recv, span) {
                let f = default_closure(&t, span);
                return self.method(recv, &Rc::from(names::DEFAULT_WITH), name_span, &[f], span);
            }
        }
        self.method(recv, name, name_span, args, span)?;
        match (turbofish, turbofish.and_then(|t| t.int())) {
            // `s.parse::<u8>()` gives a `Result<u8, _>`: the type is its `Ok`'s.
            (Some(_), Some(i)) if &**name == "parse" => {
                self.emit(Op::Convert(Convert::Inner(i)), span);
            }
            (Some(t), _) => self.convert_to(t, span)?,
            (None, _) => {}
        }
        Ok(())
    }

    /// Pushes the value of `e` (moving it out of a variable unless it is `Copy`).
    fn expr(&mut self, e: &Expr) -> R<()> {
        let span = e.span;
        // The function's value, typed by its return type (`-> String { ….collect() }`,
        // `-> u8 { s.parse().unwrap_or(1) }`), as a `let` with that type would type it.
        if self.cur.ret_collect_at == Some(span) {
            if let Some(t) = self.cur.ret_ty.clone() {
                if self.typed_by(e, &t)? {
                    return Ok(());
                }
            }
        }
        match &e.kind {
            ExprKind::Int(n, t) => {
                let v = self.lit_int(*n, *t, span)?;
                let c = self.konst(v);
                self.emit(Op::Const(c), span);
            }
            ExprKind::Bool(b) => {
                let c = self.konst(Value::Bool(*b));
                self.emit(Op::Const(c), span);
            }
            ExprKind::Str(s) => {
                let c = self.konst(Value::Str(s.clone()));
                self.emit(Op::Const(c), span);
            }
            ExprKind::Unit => {
                self.emit(Op::Unit, span);
            }
            ExprKind::Path(p) => self.path_value(p, true)?,
            ExprKind::Call(f, args) => self.call(f, args, span, false)?,
            ExprKind::Method(recv, name, name_span, args, turbofish) => {
                self.method_expr(e, recv, name, *name_span, args, turbofish.as_ref(), span)?
            }
            ExprKind::Await(inner) => self.await_expr(inner, span)?,
            ExprKind::Block(b) => self.block_value(b)?,
            ExprKind::Join(items, try_) => {
                self.require_async(span, if *try_ { "try_join!" } else { "join!" })?;
                for it in items {
                    // `join!(a, b)` moves `a` and `b` in (futures' `join!` takes its futures by
                    // value), so each is dropped when its branch finishes, not at the end of the
                    // scope; `join!(&mut a, …)` borrows.
                    match &it.kind {
                        ExprKind::Path(p) if p.single().and_then(|n| self.var(n)).is_some_and(|l| !self.info(l).is_ref) => {
                            self.path_value(p, true)?;
                        }
                        _ => {
                            self.operand_future(it)?;
                        }
                    }
                }
                let site = self.await_site(if *try_ { "try_join!" } else { "join!" });
                let _ = site;
                self.emit(if *try_ { Op::TryJoin(items.len() as u16) } else { Op::Join(items.len() as u16) }, span);
            }
            ExprKind::Select(arms) => self.select(arms, span)?,
            ExprKind::Pin(inner) => self.expr(inner)?,
            _ => self.expr_rare(e)?,
        }
        Ok(())
    }

    /// The expressions that the step form's programs never have (see `Scenario::to_program`):
    /// a function of their own, which an embed's first module does not need (tools/lazy-split
    /// splits by function).
    #[inline(never)]
    fn expr_rare(&mut self, e: &Expr) -> R<()> {
        let span = e.span;
        match &e.kind {
            ExprKind::Char(ch) => {
                let c = self.konst(Value::Char(*ch));
                self.emit(Op::Const(c), span);
            }
            ExprKind::Float(x, t) => {
                let c = self.konst(Value::Float(*x, *t));
                self.emit(Op::Const(c), span);
            }
            ExprKind::Tuple(es) => {
                for e in es {
                    self.expr(e)?;
                }
                self.emit(Op::MakeTuple(es.len() as u16), span);
            }
            ExprKind::Array(es) => {
                self.elements(es)?;
                self.emit(Op::MakeArray(es.len() as u16), span);
            }
            ExprKind::Repeat(v, n) => {
                self.expr(v)?;
                self.expr(n)?;
                self.emit(Op::Coerce(IntTy::Usize), n.span);
                self.emit(Op::Repeat, span);
            }
            ExprKind::Vec(es) => {
                self.elements(es)?;
                self.emit(Op::MakeVec(es.len() as u16), span);
            }
            ExprKind::VecRepeat(v, n) => {
                self.expr(v)?;
                self.expr(n)?;
                self.emit(Op::Coerce(IntTy::Usize), n.span);
                self.emit(Op::VecRepeat, span);
            }
            ExprKind::Struct(path, fields, base) => self.struct_lit(path, fields, base.as_deref(), span)?,
            ExprKind::Unary(UnOp::Neg, inner) => {
                // `-128i8` is a literal, not the negation of 128.
                if let ExprKind::Int(n, t) = inner.kind {
                    let t = t.or_else(|| self.int_lit(inner.span));
                    let v = -(i128::from(n));
                    let (lo, _) = t.unwrap_or(IntTy::I64).range();
                    if t.is_some_and(|t| !t.signed()) {
                        return Err(LangError::new(
                            span,
                            format!("cannot apply unary operator `-` to type `{}`", t.map_or("", |t| t.name())),
                        ));
                    }
                    if v < lo {
                        return Err(LangError::new(span, "literal out of range"));
                    }
                    let c = self.konst(Value::Int(v as u64, t));
                    self.emit(Op::Const(c), span);
                } else {
                    self.expr(inner)?;
                    self.emit(Op::Neg, span);
                }
            }
            ExprKind::Unary(UnOp::Not, inner) => {
                self.expr(inner)?;
                self.emit(Op::Not, span);
            }
            ExprKind::Unary(UnOp::Deref, inner) => {
                // `*m.lock().unwrap()`: the guard lives to the end of the statement.
                self.place_root(inner)?;
                self.emit(Op::Deref, span);
                self.deref_own(inner, span);
                self.emit(Op::ToVal, span);
            }
            ExprKind::Ref(m, inner) => self.reference(*m, inner, span)?,
            ExprKind::Binary(op, a, b) => self.binary(*op, a, b, span)?,
            ExprKind::Assign(place, value) => {
                self.assign(place, value, span)?;
                self.emit(Op::Unit, span);
            }
            ExprKind::AssignOp(op, place, value) => {
                self.assign_op(*op, place, value, span)?;
                self.emit(Op::Unit, span);
            }
            // `&self.a as *const String`: a raw pointer to the place itself.
            ExprKind::Cast(inner, Type::Ptr(..)) if matches!(inner.kind, ExprKind::Ref(..)) => {
                let ExprKind::Ref(m, place) = &inner.kind else { return Ok(()) };
                self.raw_place(*m, place, span)?;
            }
            ExprKind::Cast(inner, t) => {
                self.expr(inner)?;
                let cast = match t {
                    Type::Path(p) => match p.single().map(|s| &**s) {
                        Some("char") => Cast::Char,
                        Some(n) if IntTy::from_name(n).is_some() => Cast::Int(IntTy::from_name(n).unwrap_or(IntTy::I32)),
                        Some("f32") => Cast::Float(super::lexer::FloatTy::F32),
                        Some("f64") => Cast::Float(super::lexer::FloatTy::F64),
                        Some("bool") => return Err(LangError::new(span, "cannot cast as `bool`: compare with `!= 0` instead")),
                        _ => Cast::Same,
                    },
                    Type::Ptr(..) => Cast::Ptr,
                    _ => Cast::Same,
                };
                self.emit(Op::Cast(cast), span);
            }
            ExprKind::Field(..) | ExprKind::TupleField(..) | ExprKind::Index(..) => {
                self.place(e)?;
                self.emit(Op::ToVal, span);
            }
            ExprKind::Range(a, b, inclusive) => {
                let mut flags = 0u8;
                if let Some(a) = a {
                    self.expr(a)?;
                    flags |= 1;
                }
                if let Some(b) = b {
                    self.expr(b)?;
                    flags |= 2;
                }
                if *inclusive {
                    flags |= 4;
                }
                self.emit(Op::MakeRange(flags), span);
            }
            ExprKind::Try(inner) => {
                if let Some(why) = self.cur.no_try {
                    // At the `?` itself, as rustc points.
                    return Err(LangError::new(Span { start: span.end.saturating_sub(1).max(span.start), ..span }, why));
                }
                // rustc's E0277 for `?` in a function returning `Poll<T>` whose `T` is not a
                // `Result` (nor an `Option` of one).
                if self.cur.ret_poll == 0 && self.cur.ret_ty.as_ref().is_some_and(|t| polled(t).is_some()) {
                    return Err(LangError::new(
                        Span { start: span.end.saturating_sub(1).max(span.start), ..span },
                        "the `?` operator can only be used in a function that returns `Result` or `Option`, or `Poll` of a `Result` (or of an `Option` of one)",
                    ));
                }
                self.expr(inner)?;
                if let Some(t) = self.cur.ret_err {
                    self.emit(Op::Convert(Convert::ErrFrom(t)), span);
                }
                self.emit(Op::Try(self.cur.ret_poll), span);
            }
            ExprKind::Async(b, is_move) => self.closure(&[], Err(b), *is_move, true, span)?,
            ExprKind::Closure(params, body, is_move) => self.closure(params, Ok(body), *is_move, false, span)?,
            ExprKind::If(cond, then, els) => self.if_expr(cond, then, els.as_deref(), span)?,
            ExprKind::Let(..) => {
                return Err(LangError::new(span, "`let` is only allowed as a statement, or as the condition of `if` and `while`"))
            }
            ExprKind::Match(s, arms) => self.match_expr(s, arms, span)?,
            ExprKind::While(label, cond, body) => self.while_expr(label.clone(), cond, body, span)?,
            ExprKind::Loop(label, body) => self.loop_expr(label.clone(), body, span)?,
            ExprKind::LabeledBlock(label, body) => self.labeled_block(label, body, span)?,
            ExprKind::For(label, pat, iter, body) => self.for_expr(label.clone(), pat, iter, body, span)?,
            ExprKind::Break(label, value) => self.break_expr(label.as_ref(), value.as_deref(), span)?,
            ExprKind::Continue(label) => self.continue_expr(label.as_ref(), span)?,
            ExprKind::Return(value) => {
                let typed = match (value, self.cur.ret_ty.clone()) {
                    (Some(v), Some(t)) if self.cur.ret_collect.is_none() => self.typed_by(v, &t)?,
                    _ => false,
                };
                match (value, self.cur.ret_collect) {
                    _ if typed => {}
                    // `return it.collect();` into the function's `Result<Vec<_>, E>`.
                    (Some(v), Some(target)) if matches!(&v.kind, ExprKind::Method(_, n, _, a, None) if &**n == "collect" && a.is_empty()) => {
                        if let ExprKind::Method(recv, _, name_span, args, _) = &v.kind {
                            self.method(recv, &Rc::from(target), *name_span, args, v.span)?;
                        }
                    }
                    (Some(v), _) => self.expr(v)?,
                    (None, _) => {
                        self.emit(Op::Unit, span);
                    }
                }
                if let Some(t) = self.cur.ret_int {
                    self.emit(Op::Coerce(t), span);
                }
                if let Some(f) = self.cur.ret_float {
                    self.emit(Op::Convert(Convert::Float(f)), span);
                }
                // The live temporaries go first, latest first; the frame's names after them.
                self.drop_temps_here(0, span);
                self.emit(Op::Return, span);
                // What follows is unreachable; the value the expression "has" keeps the count.
                self.emit(Op::Unit, span);
            }
            ExprKind::Fmt(kind, dest, f) => self.format(*kind, dest.as_deref(), f, span)?,
            ExprKind::Assert(cond, msg, text) => {
                self.expr(cond)?;
                let j = self.emit(Op::JumpIfFalse(0), span);
                let ok = self.emit(Op::Jump(0), span);
                self.patch(j);
                match msg {
                    Some(m) => self.format(FmtKind::Format, None, m, span)?,
                    None => {
                        let text = format!("assertion failed: {text}");
                        let c = self.konst(Value::Str(Rc::from(text)));
                        self.emit(Op::Const(c), span);
                    }
                }
                self.emit(Op::Panic(0), span);
                self.patch(ok);
                self.emit(Op::Unit, span);
            }
            ExprKind::AssertEq(eq, a, b, msg) => {
                self.place(a)?;
                self.place(b)?;
                let tb = self.hidden_in_scope()?;
                let ta = self.hidden_in_scope()?;
                self.emit(Op::Store(tb), span);
                self.emit(Op::Store(ta), span);
                self.emit(Op::Load(ta), span);
                self.emit(Op::Load(tb), span);
                self.emit(Op::Binary(if *eq { BinOp::Eq } else { BinOp::Ne }), span);
                let j = self.emit(Op::JumpIfFalse(0), span);
                let ok = self.emit(Op::Jump(0), span);
                self.patch(j);
                // "assertion `left == right` failed: msg\n  left: 1\n right: 2"
                let op = if *eq { "==" } else { "!=" };
                let mut pieces = vec![Piece::Lit(Rc::from(format!("assertion `left {op} right` failed")))];
                let mut args: Vec<(Option<Rc<str>>, Expr)> = Vec::new();
                let tmp = |l: Local| Expr {
                    kind: ExprKind::Path(Path {
                        segs: vec![PathSeg { name: Rc::from(format!("\u{0}{l}")), generics: Vec::new(), span }],
                        span,
                    }),
                    span,
                };
                if let Some(m) = msg {
                    pieces.push(Piece::Lit(Rc::from(": ")));
                    let shift = 0;
                    let _ = shift;
                    pieces.push(Piece::Arg(ArgRef::Index(0), Box::default()));
                    self.format(FmtKind::Format, None, m, span)?;
                    let s = self.hidden_in_scope()?;
                    self.emit(Op::Store(s), span);
                    args.push((None, tmp(s)));
                }
                pieces.push(Piece::Lit(Rc::from("\n  left: ")));
                pieces.push(Piece::Arg(ArgRef::Index(args.len()), Box::new(Spec { kind: Some('?'), ..Spec::default() })));
                pieces.push(Piece::Lit(Rc::from("\n right: ")));
                pieces.push(Piece::Arg(ArgRef::Index(args.len() + 1), Box::new(Spec { kind: Some('?'), ..Spec::default() })));
                args.push((None, tmp(ta)));
                args.push((None, tmp(tb)));
                let f = Format { pieces, args, span };
                self.format(FmtKind::Format, None, &f, span)?;
                self.emit(Op::Panic(0), span);
                self.patch(ok);
                self.emit(Op::DropLocal(tb), span);
                self.emit(Op::DropLocal(ta), span);
                self.emit(Op::Unit, span);
            }
            ExprKind::Matches(scrut, pat, guard) => {
                self.push_scope();
                let is_ref = self.is_ref_expr(scrut);
                self.place(scrut)?;
                let site = self.pattern(pat, is_ref)?;
                let m = self.emit(Op::Match(site, 0), span);
                match guard {
                    Some(g) => self.expr(g)?,
                    None => {
                        let c = self.konst(Value::Bool(true));
                        self.emit(Op::Const(c), span);
                    }
                }
                let end = self.emit(Op::Jump(0), span);
                self.patch(m);
                let c = self.konst(Value::Bool(false));
                self.emit(Op::Const(c), span);
                self.cur.depth -= 1;
                self.patch(end);
                self.pop_scope(span);
            }
            ExprKind::Int(..)
            | ExprKind::Bool(_)
            | ExprKind::Str(_)
            | ExprKind::Unit
            | ExprKind::Path(_)
            | ExprKind::Call(..)
            | ExprKind::Method(..)
            | ExprKind::Await(_)
            | ExprKind::Block(_)
            | ExprKind::Join(..)
            | ExprKind::Select(_)
            | ExprKind::Pin(_) => self.expr(e)?,
        }
        Ok(())
    }

    fn hidden_in_scope(&mut self) -> R<Local> {
        self.hidden()
    }

    fn require_async(&self, span: Span, what: &str) -> R<()> {
        if !self.cur.is_async {
            let w = if what == "await" { "`.await`".to_string() } else { format!("`{what}`") };
            return Err(LangError::new(
                span,
                format!(
                    "{w} is only allowed inside `async` functions and blocks: `{} {}` is not async",
                    if self.cur.is_const { "const" } else { "fn" },
                    self.cur.name
                ),
            ));
        }
        Ok(())
    }

    fn await_site(&mut self, what: &'static str) -> u32 {
        self.code.awaits.push(what);
        (self.code.awaits.len() - 1) as u32
    }

    /// A future for `join!` or `select!`: a variable is polled where it is (as `&mut fut`), so
    /// a `sleep` made before a loop can be raced on every turn; anything else is taken.
    fn operand_future(&mut self, e: &Expr) -> R<bool> {
        if let ExprKind::Path(p) = &e.kind {
            if let Some(l) = p.single().and_then(|n| self.var(n)) {
                self.load(l, e.span);
                return Ok(true);
            }
        }
        if let ExprKind::Ref(true, inner) = &e.kind {
            self.place(inner)?;
            return Ok(true);
        }
        self.not_a_future(e)?;
        self.expr(e)?;
        Ok(false)
    }

    /// An error when `e` is surely not a future (what rustc would say before running).
    fn not_a_future(&self, e: &Expr) -> R<()> {
        let what = match &e.kind {
            ExprKind::Join(_, false) => Some(
                "`join!(…)` is not a future: it already awaits its futures and its value is a tuple of their outputs. Remove the `.await`"
                    .to_string(),
            ),
            ExprKind::Join(_, true) => Some(
                "`try_join!(…)` is not a future: it already awaits its futures and its value is a `Result` of a tuple of their outputs. Remove the `.await`"
                    .to_string(),
            ),
            ExprKind::Select(_) => Some("`select! { … }` is not a future: it already awaits its futures. Remove the `.await`".to_string()),
            ExprKind::Int(..) => Some("an integer is not a future".into()),
            ExprKind::Bool(_) | ExprKind::Char(_) | ExprKind::Str(_) | ExprKind::Unit => Some("this literal is not a future".into()),
            ExprKind::Tuple(_) => Some("a tuple is not a future".into()),
            ExprKind::Array(_) | ExprKind::Vec(_) => Some("an array is not a future".into()),
            ExprKind::Closure(..) => Some("a closure is not a future: call it, or write an `async` block".into()),
            ExprKind::Binary(..) => Some("this expression is not a future".into()),
            ExprKind::Fmt(FmtKind::Format, ..) => Some("a `String` is not a future".into()),
            ExprKind::Struct(p, ..) => match self.struct_type(p) {
                Ok((t, _)) if self.code.types[t as usize].poll.is_none() && !self.into_future => {
                    Some(format!("`{}` is not a future: it has no `impl Future`", self.code.types[t as usize].name))
                }
                _ => None,
            },
            ExprKind::Call(f, _) => match &f.kind {
                ExprKind::Path(p) if p.segs.len() == 1 => match self.values.get(&*p.segs[0].name) {
                    Some(Global::Fn(id)) if !self.code.funcs[*id as usize].is_async => {
                        let decl = self.p.find(&p.segs[0].name);
                        let returns_future = decl.is_some_and(|d| matches!(d.ret, Some(Type::Opaque) | Some(Type::Path(_))));
                        (!returns_future)
                            .then(|| format!("`{}()` is not a future: `{}` is not an `async fn`", p.segs[0].name, p.segs[0].name))
                    }
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        };
        match what {
            Some(m) => Err(LangError::new(e.span, m)),
            None => Ok(()),
        }
    }

    /// Whether `e` is an `async` block, or a call of one of the program's `async fn`s, as it is
    /// (not pinned): a future that is not `Unpin`.
    fn unpinned_async(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Async(..) => true,
            ExprKind::Call(f, _) => match &f.kind {
                ExprKind::Path(p) if p.segs.len() == 1 && self.var(&p.segs[0].name).is_none() => {
                    matches!(self.values.get(&*p.segs[0].name), Some(Global::Fn(id)) if self.code.funcs[*id as usize].is_async)
                }
                _ => false,
            },
            _ => false,
        }
    }

    fn await_expr(&mut self, inner: &Expr, span: Span) -> R<()> {
        self.require_async(span, "await")?;
        self.not_a_future(inner)?;
        // `f(args).await` of an `async fn`: its body runs in place, in this stack.
        if let ExprKind::Call(f, args) = &inner.kind {
            if let ExprKind::Path(p) = &f.kind {
                if !(p.segs.len() == 1 && self.var(&p.segs[0].name).is_some()) {
                    if let Ok(Global::Fn(id)) = self.resolve_path(p) {
                        if self.code.funcs[id as usize].is_async {
                            self.check_arity(id, args.len(), inner.span)?;
                            for a in args {
                                self.expr(a)?;
                            }
                            let site = self.await_site("await");
                            let _ = site;
                            self.async_edge(id, inner.span);
                            self.emit(Op::CallAwait(id, args.len() as u8), span);
                            return Ok(());
                        }
                    }
                }
            }
        }
        self.expr(inner)?;
        if self.into_future {
            self.emit(Op::CallBuiltin(B::IntoFuture, 1), span);
        }
        let site = self.await_site("await");
        // `yield_now().await`: its future never exists as a value, so it is kept in the fiber.
        // Only the call itself, written right there: a `yield_now()` that is one branch of what
        // is awaited (`(if c { yield_now() } else { … }).await`) is a value the other branches
        // jump past, so it stays a future.
        let direct_call = matches!(&inner.kind, ExprKind::Call(f, args) if args.is_empty() && matches!(f.kind, ExprKind::Path(_)));
        if direct_call && self.cur.ops.last() == Some(&Op::CallBuiltin(B::YieldNow, 0)) {
            self.cur.ops.pop();
            self.cur.spans.pop();
            self.cur.depth -= 1;
            self.emit(Op::AwaitYield(site), span);
            return Ok(());
        }
        self.emit(Op::Await(site), span);
        self.emit(Op::AwaitPolled(site), span);
        Ok(())
    }

    fn check_arity(&self, f: u32, n: usize, span: Span) -> R<()> {
        let func = &self.code.funcs[f as usize];
        let want = usize::from(func.params);
        if want != n {
            return Err(LangError::new(span, format!("`{}` takes {want} argument(s), not {n}", func.name)));
        }
        Ok(())
    }

    /// Pushes a path's value.
    fn path_value(&mut self, p: &Path, by_value: bool) -> R<()> {
        let span = p.span;
        if let Some(name) = p.single() {
            if let Some(l) = self.var(name) {
                if self.info(l).init || self.info(l).mutable {
                    // `let x;` then `x = 5;` first: fine to read after.
                }
                // A reference is not moved by a use: `&T` is `Copy`, and a `&mut T` passed on is
                // reborrowed (`add(out, 1); add(out, 2);`), as rustc does where it coerces.
                if by_value && !self.info(l).is_ref {
                    self.move_out(l, span);
                } else {
                    self.load(l, span);
                }
                return Ok(());
            }
            if &**name == "self" {
                return Err(LangError::new(span, "`self` is only available in methods that take `self`"));
            }
        }
        // A method named by its type or trait, as a value (`.map(ToString::to_string)`,
        // `.map(str::len)`): the closure `|x| x.method()`.
        if let Some(f) = self.method_path_as_closure(p) {
            return self.expr(&f);
        }
        // `T::LEGS` in a generic function: the const of the argument's type.
        if self.generic_item(p)? {
            let name = &p.segs[1].name;
            if self.traits.values().any(|t| t.consts.iter().any(|c| c.name == *name)) {
                self.emit(Op::CallValue(0), span);
            }
            return Ok(());
        }
        match self.resolve_path(p)? {
            Global::Fn(f) => {
                let c = self.konst(Value::Fn(f));
                self.emit(Op::Const(c), span);
            }
            Global::Const(k) if self.code.statics.get(k as usize) == Some(&true) => {
                self.emit(Op::Static(k), span);
            }
            Global::Const(k) => {
                let f = self.code.const_fns[k as usize];
                self.emit(Op::Call(f, 0), span);
            }
            Global::Ctor(t, v, 0, _) => {
                match v {
                    Some(v) => self.emit(Op::MakeVariant(t, v as u16, 0), span),
                    None => self.emit(Op::MakeStruct(t, 0), span),
                };
            }
            Global::Ctor(t, v, n, true) => {
                let f = self.ctor_fn(t, v, n, span)?;
                let c = self.konst(Value::Fn(f));
                self.emit(Op::Const(c), span);
            }
            Global::Ctor(_, _, _, false) => {
                return Err(LangError::new(span, format!("`{}` has named fields: write `{} {{ … }}`", p.joined(), p.joined())));
            }
            Global::Known(k) => match k {
                // Constants, not functions.
                Known::Fn(b @ (B::DurZero | B::DurMax)) => {
                    self.emit(Op::CallBuiltin(b, 0), span);
                }
                Known::Fn(b) => {
                    let c = self.konst(Value::Builtin(b as u16));
                    self.emit(Op::Const(c), span);
                }
                Known::Variant(t, v, false) => {
                    self.emit(Op::MakeVariant(t, v as u16, 0), span);
                }
                Known::Variant(..) => return Err(LangError::new(span, format!("`{}` takes a value: call it", p.joined()))),
                // `std::cmp::Reverse` as a function (`map(Reverse)`): its constructor.
                Known::TupleStruct(t, n) => {
                    let f = self.ctor_fn(t, None, n, span)?;
                    let c = self.konst(Value::Fn(f));
                    self.emit(Op::Const(c), span);
                }
                Known::Int(n, t) => {
                    let c = self.konst(Value::Int(n as u64, Some(t)));
                    self.emit(Op::Const(c), span);
                }
                Known::MemOrdering | Known::Marker => {
                    self.emit(Op::Unit, span);
                }
                Known::Char(ch) => {
                    let c = self.konst(Value::Char(ch));
                    self.emit(Op::Const(c), span);
                }
                Known::FloatConst(t, name) => {
                    let v = super::float::constant(t, name).unwrap_or(Value::Float(f64::NAN, Some(t)));
                    let c = self.konst(v);
                    self.emit(Op::Const(c), span);
                }
                // `f64::from` and `f64::max`, `i32::abs` as functions (`.fold(f64::MIN, f64::max)`):
                // the closures `|x| f64::from(x)`, `|a, b| a.max(b)`.
                Known::FloatConv(_) | Known::PrimMethod(..) => {
                    let k = if let Known::PrimMethod(_, k) = k { k } else { 1 };
                    let names: Vec<Rc<str>> = (0..k).map(|i| Rc::from(format!("\u{1}arg{i}"))).collect();
                    let one = |n: &Rc<str>| Expr {
                        kind: ExprKind::Path(Path { segs: vec![PathSeg { name: n.clone(), generics: Vec::new(), span }], span }),
                        span,
                    };
                    let params = names
                        .iter()
                        .map(|x| Param {
                            pat: Pat { kind: PatKind::Bind { name: x.clone(), by_ref: false, mutable: false, sub: None }, span },
                            ty: Type::Infer,
                        })
                        .collect();
                    let f = Expr { kind: ExprKind::Path(p.clone()), span };
                    let call = Expr { kind: ExprKind::Call(Box::new(f), names.iter().map(one).collect()), span };
                    return self.expr(&Expr { kind: ExprKind::Closure(params, Box::new(call), false), span });
                }
                // `u64::from`, `u8::try_from`, `i32::from_str` as a function (`.map(u64::from)`):
                // the closure `|x| u64::from(x)`.
                Known::IntConv(..) | Known::IntParse(_, false) => {
                    let x: Rc<str> = Rc::from("\u{1}arg");
                    let one = |n: &Rc<str>| Path { segs: vec![PathSeg { name: n.clone(), generics: Vec::new(), span }], span };
                    let param = Param {
                        pat: Pat { kind: PatKind::Bind { name: x.clone(), by_ref: false, mutable: false, sub: None }, span },
                        ty: Type::Infer,
                    };
                    let f = Expr { kind: ExprKind::Path(p.clone()), span };
                    let call = Expr { kind: ExprKind::Call(Box::new(f), vec![Expr { kind: ExprKind::Path(one(&x)), span }]), span };
                    return self.expr(&Expr { kind: ExprKind::Closure(vec![param], Box::new(call), false), span });
                }
                Known::Type(_)
                | Known::Trait(_)
                | Known::Module(_)
                | Known::Macro
                | Known::IntParse(..)
                | Known::IntFromBytes(..)
                | Known::SizeOf(_)
                | Known::AnyType(_)
                | Known::AtomicNew(_) => {
                    return Err(LangError::new(span, format!("expected a value, found `{}`", p.joined())));
                }
            },
        }
        Ok(())
    }

    /// Pushes what a place expression holds, without moving it out (a receiver, an operand that
    /// is borrowed, the base of a field or index).
    fn place(&mut self, e: &Expr) -> R<()> {
        let span = e.span;
        match &e.kind {
            ExprKind::Path(p) => {
                // Internal temporaries of `assert_eq!`.
                if let Some(n) = p.single() {
                    if let Some(l) = n.strip_prefix('\u{0}').and_then(|l| l.parse::<Local>().ok()) {
                        self.emit(Op::Load(l), span);
                        return Ok(());
                    }
                }
                self.path_value(p, false)
            }
            ExprKind::Field(base, name) => {
                self.place_root(base)?;
                let id = self.name_id(name);
                self.emit(Op::Field(id), span);
                Ok(())
            }
            ExprKind::TupleField(base, i) => {
                self.place_root(base)?;
                self.emit(Op::TupleField(*i), span);
                Ok(())
            }
            ExprKind::Index(base, i) => {
                self.place_root(base)?;
                self.expr(i)?;
                self.emit(Op::Index, span);
                Ok(())
            }
            ExprKind::Unary(UnOp::Deref, inner) => {
                self.place_root(inner)?;
                self.emit(Op::Deref, span);
                self.deref_own(inner, span);
                Ok(())
            }
            _ => self.expr(e),
        }
    }

    /// The base of a field or an index read: a temporary (`make().name`) is kept to the end of
    /// its statement, as Rust keeps the value a place expression borrows.
    fn place_root(&mut self, base: &Expr) -> R<()> {
        self.place(base)?;
        if Self::is_temporary(base) && !Self::borrowed_result(base) {
            self.keep_temp(base.span)?;
        }
        Ok(())
    }

    /// A call known to give a reference or a plain value (`cx.waker()`, `v.iter()`): nothing
    /// of it to keep.
    fn borrowed_result(e: &Expr) -> bool {
        matches!(&e.kind, ExprKind::Method(_, m, _, _, _) if matches!(&**m,
            "waker" | "iter" | "iter_mut" | "as_mut" | "as_ref" | "as_str" | "as_slice" | "as_bytes" | "chars" | "bytes"
                | "keys" | "values" | "values_mut" | "len" | "lines" | "split_whitespace" | "get_mut" | "to_string"))
    }

    /// Whether `&e` (or a `format_args!` argument `e`) borrows a temporary that may be worth
    /// keeping: not a place, not a call known to give a reference, not an operator's or a
    /// `format!`'s plain value.
    fn borrows_a_temporary(e: &Expr) -> bool {
        Self::is_temporary(e)
            && !Self::borrowed_result(e)
            && !matches!(e.kind, ExprKind::Binary(..) | ExprKind::Unary(..) | ExprKind::Cast(..) | ExprKind::Fmt(..))
    }

    /// The program's own methods named `name` (any type's, any trait's).
    fn own_methods<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Func> + 'a {
        self.code.funcs.iter().filter(move |f| f.self_kind.is_some() && f.name.rsplit("::").next() == Some(name))
    }

    /// Whether the method `name` borrows its receiver (`&self`, `&mut self`) rather than taking
    /// it: every method of the program by that name does, or (none by it) std's does.
    fn borrows_receiver(&self, name: &str) -> bool {
        let mut own = self.own_methods(name).peekable();
        if own.peek().is_some() {
            return own.all(|f| matches!(f.self_kind, Some(SelfKind::Ref | SelfKind::RefMut | SelfKind::SharedRef | SelfKind::Typed)));
        }
        !(super::names::consumes(name)
            || name.starts_with("into")
            || name.starts_with("unwrap")
            || name.starts_with("expect")
            || matches!(
                name,
                "map"
                    | "map_err"
                    | "map_or"
                    | "map_or_else"
                    | "or_else"
                    | "ok_or"
                    | "ok_or_else"
                    | "or"
                    | "and"
                    | "xor"
                    | "filter"
                    | "filter_map"
                    | "flat_map"
                    | "flatten"
                    | "zip"
                    | "unzip"
                    | "chain"
                    | "enumerate"
                    | "rev"
                    | "skip"
                    | "step_by"
                    | "take_while"
                    | "skip_while"
                    | "map_while"
                    | "peekable"
                    | "cloned"
                    | "copied"
                    | "inspect"
                    | "scan"
                    | "cycle"
                    | "collect"
                    | "sum"
                    | "product"
                    | "count"
                    | "fold"
                    | "rfold"
                    | "for_each"
                    | "try_fold"
                    | "try_for_each"
                    | "reduce"
                    | "partition"
                    | "max"
                    | "min"
                    | "max_by"
                    | "min_by"
                    | "max_by_key"
                    | "min_by_key"
                    | "is_some_and"
                    | "is_ok_and"
                    | "is_none_or"
                    | "transpose"
                    | "try_into"
                    | "then"
                    | "then_some"
                    | "poll"
            ))
    }

    fn reference(&mut self, mutable: bool, inner: &Expr, span: Span) -> R<()> {
        match &inner.kind {
            // `&mut v[a..b]`: a slice whose writes reach `v`.
            ExprKind::Index(base, i) if mutable && matches!(i.kind, ExprKind::Range(..)) => {
                self.place(base)?;
                self.expr(i)?;
                self.emit(Op::RefSliceMut, span);
            }
            ExprKind::Path(p) if p.single().is_some_and(|n| self.var(n).is_some()) => {
                let l = p.single().and_then(|n| self.var(n)).unwrap_or(0);
                if self.info(l).boxed {
                    self.emit(Op::RefLocal(l), span);
                } else {
                    self.emit(Op::Load(l), span);
                }
            }
            ExprKind::Field(base, name) => {
                self.borrowed_root(base, span)?;
                let id = self.name_id(name);
                self.emit(Op::RefField(id), span);
            }
            ExprKind::TupleField(base, i) => {
                self.borrowed_root(base, span)?;
                self.emit(Op::RefTupleField(*i), span);
            }
            ExprKind::Index(base, i) => {
                self.borrowed_root(base, span)?;
                self.expr(i)?;
                self.emit(Op::RefIndex, span);
            }
            ExprKind::Unary(UnOp::Deref, e) => {
                self.place(e)?;
                // `&*p` of a raw pointer: the reference it holds.
                if self.p.raw_ptrs {
                    self.emit(Op::Convert(Convert::RawDeref), span);
                }
            }
            _ => {
                self.place(inner)?;
                // `val(&Loud(1))`: the value borrowed lives to the end of the statement (of
                // the block, for `let r = &Loud(1);`).
                if Self::borrows_a_temporary(inner) {
                    self.keep_borrowed(span, inner.span)?;
                }
                self.emit(Op::RefTemp, span);
            }
        }
        Ok(())
    }

    /// The base of `&base.f` (the `&` at `at`): a temporary is kept to the end of the statement,
    /// or of the block where the `let` extends it.
    fn borrowed_root(&mut self, base: &Expr, at: Span) -> R<()> {
        self.place(base)?;
        if Self::is_temporary(base) && !Self::borrowed_result(base) {
            self.keep_borrowed(at, base.span)?;
        }
        Ok(())
    }

    /// Keeps the temporary on top that the `&` at `at` borrows: to the end of the statement,
    /// or, where a `let` extends it (`let r = &make().a;`), in a slot of the block's that goes
    /// with the block, as if it were a variable declared just before the `let`'s.
    fn keep_borrowed(&mut self, at: Span, span: Span) -> R<()> {
        if self.cur.extend_refs.contains(&at) {
            let l = self.hidden()?;
            self.emit(Op::KeepTemp(l), span);
            return Ok(());
        }
        self.keep_temp(span)
    }

    /// `x.into()` of a program's type `S` with one `impl From<S> for T` in the program (for its
    /// own `T` or a built-in one): that `from`, wherever the value goes (an argument, a field, a
    /// `map(|c| c.into())`), as std's blanket `Into` gives it. With several, only a written
    /// type picks one (`let n: u32 = c.into()`).
    #[inline(never)]
    fn own_intos(&mut self) {
        let mut by_source: HashMap<TyId, Vec<u32>> = HashMap::new();
        for info in &self.code.types {
            for (key, f) in &info.froms {
                if let super::code::FromKey::Own(s) = key {
                    by_source.entry(*s).or_default().push(*f);
                }
            }
        }
        if by_source.is_empty() {
            return;
        }
        let into = self.name_id("into");
        for (s, fs) in by_source {
            match (fs.as_slice(), self.code.types.get_mut(s as usize)) {
                ([f], Some(info)) => {
                    info.methods.entry(into).or_insert(*f);
                }
                (_, Some(info)) => info.into_targets = fs.len() as u32,
                _ => {}
            }
        }
    }

    /// `T::from(recv)` (or `T::try_from`, as `assoc` says) of the program's type `T` that `tp`
    /// names, when it has that function: what `recv.into()` (`recv.try_into()`) is, where a
    /// `let` writes `T`. False, and nothing emitted, otherwise.
    #[inline(never)]
    fn own_conversion(&mut self, tp: &Path, assoc: &str, recv: &Expr, span: Span) -> R<bool> {
        let own = match self.type_of_name(tp.last()) {
            Some(TyRef::User(t)) if self.code.types[t as usize].assoc.contains_key(assoc) => t,
            _ => return Ok(false),
        };
        // `x.into()` of a value that is already the type is itself (std's `impl<T> From<T> for
        // T`: `fn f<T: Into<Celsius>>(t: T)` given a `Celsius`); else the impl for its type.
        if assoc == "from" && !self.code.types[own as usize].froms.is_empty() {
            self.expr(recv)?;
            self.emit(Op::Convert(Convert::From(own)), span);
            return Ok(true);
        }
        let mut segs = tp.segs.clone();
        segs.push(PathSeg { name: assoc.into(), generics: Vec::new(), span });
        let f = Expr { kind: ExprKind::Path(Path { segs, span: tp.span }), span };
        self.expr(&Expr { kind: ExprKind::Call(Box::new(f), vec![recv.clone()]), span })?;
        Ok(true)
    }

    /// The key ([`super::anytype`]) of a type a turbofish of `std::any` writes (`exact`: with
    /// its references and boxes, for `TypeId::of` and `type_name`): known now, or carried by the
    /// argument of a type parameter (`fn f<T: Any>(x: &T)`: `x`'s value's key, read when it
    /// runs), or `None` for a type parameter known only in the copies a turbofish makes (the
    /// function itself then stops with a message if it runs: every call of it may be a
    /// copy's).
    #[inline(never)]
    fn any_key(&self, t: &Type, exact: bool) -> R<Result<String, Option<Local>>> {
        let mut inner = t;
        while let Type::Ref(_, x) = inner {
            inner = x;
        }
        if let Some(g) = inner.name().filter(|g| matches!(self.type_of_name(g), Some(TyRef::Generic))) {
            if !self.cur.subst.iter().any(|(n, _)| &**n == g) {
                // `&T` of a `T` carried: its key is the value's, which has no `&` (exactly,
                // `TypeId::of::<&T>()` is not `T`'s: refused where it runs).
                if let (Some(&(_, k)), false) = (self.cur.any_keys.iter().find(|(n, _)| &**n == g), exact && !std::ptr::eq(inner, t)) {
                    return Ok(Err(Some(k)));
                }
                return Ok(Err(None));
            }
        }
        let generic = std::cell::Cell::new(false);
        let user = |n: &str| matches!(self.type_of_name(n), Some(TyRef::User(_)));
        let param = |n: &str| -> Option<Option<String>> {
            if let Some((_, t)) = self.cur.subst.iter().find(|(g, _)| &**g == n) {
                return Some(super::anytype::type_key(t, exact, &|_| None, &user));
            }
            match self.type_of_name(n) {
                Some(TyRef::User(t)) => Some(Some(format!("{}{}", super::anytype::OWN, self.code.types[t as usize].name))),
                Some(TyRef::Generic) => {
                    generic.set(true);
                    Some(None)
                }
                _ => None,
            }
        };
        match super::anytype::type_key(t, exact, &param, &user) {
            Some(k) => Ok(Ok(k)),
            None if generic.get() => Ok(Err(None)),
            None => Err(LangError::new(Span::default(), format!("the playground does not know the identity of the type `{}`", t.text()))),
        }
    }

    /// `TypeId::of::<T>()` and `type_name::<T>()` (a constant, or read from the argument that
    /// holds a `T`), and `type_name_of_val(&x)`.
    #[inline(never)]
    fn any_type_call(&mut self, p: &Path, args: &[Expr], op: names::AnyOp, span: Span) -> R<()> {
        if op == names::AnyOp::NameOfVal {
            let [x] = args else { return Err(LangError::new(span, "`type_name_of_val` takes 1 argument: `type_name_of_val(&x)`")) };
            self.expr(x)?;
            self.emit(Op::CallBuiltin(B::TypeNameOfVal, 1), span);
            return Ok(());
        }
        let what = if op == names::AnyOp::IdOf { "TypeId::of" } else { "type_name" };
        if !args.is_empty() {
            return Err(LangError::new(span, format!("`{what}` takes no arguments: `{what}::<T>()`")));
        }
        let Some(t) = p.segs.last().and_then(|s| s.generics.first()) else {
            return Err(LangError::new(span, format!("`{what}` needs its type: `{what}::<T>()`")));
        };
        match self.any_key(t, true).map_err(|e| LangError::new(span, format!("`{what}::<{}>()`: {}", t.text(), e.message)))? {
            Ok(key) => {
                let v = if op == names::AnyOp::IdOf {
                    super::anytype::type_id(key)
                } else {
                    Value::Str(Rc::from(super::anytype::display(&key)))
                };
                let c = self.konst(v);
                self.emit(Op::Const(c), span);
            }
            Err(Some(k)) => {
                self.emit(Op::Load(k), span);
                let of_key = if op == names::AnyOp::IdOf { B::TypeIdOfKey } else { B::TypeNameOfKey };
                self.emit(Op::CallBuiltin(of_key, 1), span);
            }
            Err(None) => self.unknown_type_param(t, what, span),
        }
        Ok(())
    }

    /// Where a type parameter's identity is asked and nothing here knows it: the function stops
    /// with a message if it runs (a call with a turbofish runs a copy that knows it).
    #[inline(never)]
    fn unknown_type_param(&mut self, t: &Type, what: &str, span: Span) {
        let t = t.text();
        let msg = format!(
            "`{what}::<{t}>()` names a type parameter that nothing here tells: the playground knows one from a turbofish at a function's call (`f::<i32>(…)`; a method's turbofish makes no copy) or from an argument of that type (`x: T` or `x: &T`)"
        );
        let c = self.konst(Value::Str(Rc::from(msg)));
        self.emit(Op::Fail(c), span);
    }

    /// `size_of::<T>()` (`T` from the turbofish) or `size_of_val(&x)` (`x` a variable whose
    /// type is written): the size on a 64-bit target, as the Rust Playground's rustc lays it out.
    #[inline(never)]
    fn size_of_call(&self, p: &Path, args: &[Expr], of_val: bool, span: Span) -> R<u64> {
        let t = if of_val {
            let local = match args {
                [Expr { kind: ExprKind::Ref(_, inner), .. }] => match &inner.kind {
                    ExprKind::Path(x) => x.single().and_then(|n| self.var(n)),
                    _ => None,
                },
                _ => None,
            };
            match local.and_then(|l| self.info(l).decl_ty.clone()) {
                Some(t) => (*t).clone(),
                None => {
                    return Err(LangError::new(
                        span,
                        "`size_of_val` here takes `&x` of a variable whose type is written (`let p: Point = …;`): the playground does not infer types",
                    ))
                }
            }
        } else {
            if !args.is_empty() {
                return Err(LangError::new(span, "`size_of` takes no arguments: `size_of::<T>()`"));
            }
            match p.segs.last().and_then(|s| s.generics.first()) {
                Some(t) => t.clone(),
                None => return Err(LangError::new(span, "`size_of` needs its type: `size_of::<T>()`")),
            }
        };
        self.layout(&t, 0)
            .map(|l| l.size)
            .map_err(|why| LangError::new(span, format!("the size of this type is not known to the playground: {why}")))
    }

    /// A type's layout as rustc makes it on a 64-bit target ([`super::layout`]): its size,
    /// alignment and niche.
    fn layout(&self, t: &Type, depth: usize) -> Result<Layout, String> {
        // A pointer's niche is null; a capacity's, every value above `isize::MAX`; a
        // `Duration`'s, the nanoseconds past a billion.
        const PTR: Layout = Layout { size: 8, align: 8, niche: Some(Niche { offset: 0, size: 8, available: 1 }) };
        const FAT: Layout = Layout { size: 16, align: 8, niche: Some(Niche { offset: 0, size: 8, available: 1 }) };
        const CAPACITY: Niche = Niche { offset: 0, size: 8, available: 1 << 63 };
        const NANOS: Niche = Niche { offset: 8, size: 4, available: (1 << 32) - 1_000_000_000 };
        if depth > 16 {
            return Err("it is nested too deep".into());
        }
        let all = |tys: &[Type]| -> Result<Vec<Layout>, String> { tys.iter().map(|t| self.layout(t, depth + 1)).collect() };
        let unsized_ptr =
            |inner: &Type| matches!(inner, Type::Slice(_) | Type::Opaque) || matches!(inner, Type::Path(p) if p.last() == "str");
        match t {
            Type::Tuple(ts) => Ok(layout::structure(&all(ts)?)?),
            Type::Array(inner, Some(n)) => Ok(self.layout(inner, depth + 1)?.array(*n)?),
            Type::Ref(_, inner) => Ok(if unsized_ptr(inner) { FAT } else { PTR }),
            Type::Ptr(_, inner) => Ok(if unsized_ptr(inner) { FAT.opaque() } else { PTR.opaque() }),
            Type::Path(p) => {
                let seg = p.segs.last().ok_or("an empty path")?;
                let arg = |i: usize| seg.generics.get(i).ok_or_else(|| format!("`{}` needs its type arguments", seg.name));
                if let Some(i) = t.int() {
                    return Ok(Layout::scalar(u64::from(i.bits() / 8), 0));
                }
                Ok(match &*seg.name {
                    "bool" => Layout::scalar(1, 254),
                    "char" => Layout::scalar(4, u128::from(u32::MAX - 0x10_FFFF)),
                    "f32" => Layout::scalar(4, 0),
                    "f64" => Layout::scalar(8, 0),
                    "String" | "Vec" => Layout::with_niche(24, 8, CAPACITY),
                    "VecDeque" => Layout::with_niche(32, 8, CAPACITY),
                    // A `BTreeMap`'s root is an `Option` of a pointer, whose niche that takes.
                    "BTreeMap" | "BTreeSet" => Layout { size: 24, align: 8, niche: None },
                    "HashMap" | "HashSet" => Layout::with_niche(48, 8, Niche { offset: 0, size: 8, available: 1 }),
                    "Duration" | "Instant" => Layout::with_niche(16, 8, NANOS),
                    "PhantomData" | "PhantomPinned" => Layout { size: 0, align: 1, niche: None },
                    "Box" | "Rc" | "Arc" => {
                        if unsized_ptr(arg(0)?) {
                            FAT
                        } else {
                            PTR
                        }
                    }
                    // An `UnsafeCell` hides what it holds from the layout.
                    "Cell" => self.layout(arg(0)?, depth + 1)?.opaque(),
                    "ManuallyDrop" | "Pin" | "Reverse" | "Wrapping" => self.layout(arg(0)?, depth + 1)?,
                    "Option" => layout::enumeration(&[vec![], vec![self.layout(arg(0)?, depth + 1)?]])?,
                    name => match self.code.type_ids.get(name).map(|&id| (id, &self.code.types[id as usize])) {
                        Some((id, info)) if info.is_enum && info.variants.iter().any(|v| !v.fields.is_empty()) => {
                            if !info.discriminants.is_empty() {
                                return Err(format!("`{name}` is an enum with data and written discriminants"));
                            }
                            let mut variants = Vec::new();
                            for (v, var) in info.variants.iter().enumerate() {
                                let tys = self.variant_tys.get(&(id, v as u32)).cloned().unwrap_or_else(|| Rc::from([]));
                                if tys.len() != var.fields.len() {
                                    return Err(format!("`{name}`'s fields are not all written"));
                                }
                                variants.push(all(&tys)?);
                            }
                            layout::enumeration(&variants)?
                        }
                        Some((_, info)) if info.is_enum => {
                            let (lo, hi) = match info.discriminants.as_slice() {
                                [] => (0, info.variants.len() as i128 - 1),
                                d => (d.iter().copied().min().unwrap_or(0), d.iter().copied().max().unwrap_or(0)),
                            };
                            let bytes = match (info.variants.len(), lo, hi) {
                                (0 | 1, ..) if info.discriminants.is_empty() => 0,
                                (_, -128.., ..=255) if lo >= -128 && (hi <= 127 || lo >= 0) => 1,
                                (_, -32768.., ..=65535) if lo >= -32768 && (hi <= 32767 || lo >= 0) => 2,
                                (_, -2147483648.., ..=4294967295) if lo >= -2147483648 && (hi <= 2147483647 || lo >= 0) => 4,
                                _ => 8,
                            };
                            // Every value of its bytes but those from the least discriminant to the
                            // greatest.
                            let values: u128 = if bytes == 0 { 0 } else { 1u128 << (8 * bytes) };
                            let used = u128::try_from(hi - lo + 1).unwrap_or(0);
                            if bytes == 0 {
                                Layout { size: 0, align: 1, niche: None }
                            } else {
                                Layout::scalar(bytes, values.saturating_sub(used))
                            }
                        }
                        Some((_, info)) => {
                            if info.field_tys.len() != info.fields.len() {
                                return Err(format!("`{name}`'s fields are not all written"));
                            }
                            layout::structure(&all(&info.field_tys)?)?
                        }
                        None => return Err(format!("`{}` is not laid out by the playground", seg.name)),
                    },
                })
            }
            _ => Err("only sized types written out have a size here".into()),
        }
    }

    /// The type that holds the program's `impl From<…> for` the built-in type `name` (`u32`,
    /// `String`, `Vec` and std's other collections), if it has any.
    fn builtin_from_target(&self, name: &str) -> Option<TyId> {
        let t = match Prim::from_name(name) {
            Some(p) => self.code.prims.iter().find(|(q, _)| *q == p)?.1,
            None => match name {
                "String" => ty::STRING,
                "Vec" => ty::VEC,
                "VecDeque" => ty::DEQUE,
                "HashMap" => ty::MAP,
                "BTreeMap" => ty::BTREE_MAP,
                "HashSet" => ty::SET,
                "BTreeSet" => ty::BTREE_SET,
                _ => return None,
            },
        };
        (!self.code.types.get(t as usize)?.froms.is_empty()).then_some(t)
    }

    /// `KEY.with(f)` of a `thread_local!` static (and `with_borrow`, `with_borrow_mut` of one
    /// that holds a `RefCell`): `f(&KEY)`, `f(&KEY.borrow())`, `f(&mut KEY.borrow_mut())`.
    #[inline(never)]
    fn local_key_call(&self, recv: &Expr, name: &str, args: &[Expr], span: Span) -> Option<Expr> {
        let ExprKind::Path(p) = &recv.kind else { return None };
        let Some(Global::Const(k)) = p.single().filter(|n| self.var(n).is_none()).and_then(|n| self.values.get(n)) else { return None };
        let k = *k;
        let ([f], true) = (args, self.code.thread_locals.contains(&k)) else { return None };
        let at = |kind| Expr { kind, span };
        let arg = match name {
            "with" => at(ExprKind::Ref(false, Box::new(recv.clone()))),
            "with_borrow" | "with_borrow_mut" => {
                let mutable = name == "with_borrow_mut";
                let borrow = Rc::from(if mutable { "borrow_mut" } else { "borrow" });
                at(ExprKind::Ref(mutable, Box::new(at(ExprKind::Method(Box::new(recv.clone()), borrow, span, Vec::new(), None)))))
            }
            _ => return None,
        };
        Some(at(ExprKind::Call(Box::new(f.clone()), vec![arg])))
    }

    /// A raw pointer to `place` (`&place as *const T`): to a field or an element where it is,
    /// even one that holds an aggregate (a reference to one is its handle, which moves with it;
    /// a raw pointer stays at the address, as the Pinning chapter's `swap` shows).
    #[inline(never)]
    fn raw_place(&mut self, mutable: bool, place: &Expr, span: Span) -> R<()> {
        match &place.kind {
            ExprKind::Field(base, name) => {
                self.place(base)?;
                let id = self.name_id(name);
                self.emit(Op::Convert(Convert::RawField(id)), span);
            }
            ExprKind::TupleField(base, i) => {
                self.place(base)?;
                self.emit(Op::Convert(Convert::RawTupleField(*i)), span);
            }
            ExprKind::Index(base, i) if !matches!(i.kind, ExprKind::Range(..)) => {
                self.place(base)?;
                self.expr(i)?;
                self.emit(Op::Convert(Convert::RawIndex), span);
            }
            _ => {
                self.reference(mutable, place, span)?;
                self.emit(Op::Convert(Convert::RawPtr), span);
            }
        }
        Ok(())
    }

    /// `self.f` whose field is declared a shared reference (`mutex: &'a AsyncMutex<T>`): a copy
    /// of it moves nothing out of `self`.
    fn is_ref_field(&self, e: &Expr) -> bool {
        let ExprKind::Field(base, f) = &e.kind else { return false };
        let (ExprKind::Path(p), Some(TyRef::User(t))) = (&base.kind, &self.cur.self_ty) else { return false };
        if p.single().map(|n| &**n) != Some("self") {
            return false;
        }
        let Some(info) = self.code.types.get(*t as usize) else { return false };
        info.fields.iter().position(|n| n == f).and_then(|i| info.field_tys.get(i)).is_some_and(|t| matches!(t, Type::Ref(false, _)))
    }

    fn is_ref_expr(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Ref(..) => true,
            ExprKind::Path(p) => p.single().and_then(|n| self.var(n)).is_some_and(|l| self.info(l).is_ref),
            _ => false,
        }
    }

    fn binary(&mut self, op: BinOp, a: &Expr, b: &Expr, span: Span) -> R<()> {
        match op {
            BinOp::And | BinOp::Or => {
                // Each operand's temporaries end with it.
                let mark = self.cur.temps.len();
                self.expr(a)?;
                self.end_temps(mark, a.span);
                let j = self.emit(if op == BinOp::And { Op::AndJump(0) } else { Op::OrJump(0) }, span);
                self.emit(Op::Pop, span);
                // The right operand's temporaries end with it (it may not run at all).
                let mark = self.cur.temps.len();
                self.expr(b)?;
                self.end_temps(mark, b.span);
                self.patch(j);
                Ok(())
            }
            BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // `mk(7) == mk(8)` borrows both: temporaries that live to the end of the
                // statement (only where a value with a `Drop` may come out: a call of a
                // function, a struct literal, a method of the program's own).
                self.place(a)?;
                if self.compared_temporary(a) {
                    self.keep_temp(a.span)?;
                }
                self.place(b)?;
                if self.compared_temporary(b) {
                    self.keep_temp(b.span)?;
                }
                self.emit(Op::Binary(op), span);
                Ok(())
            }
            _ => {
                self.expr(a)?;
                self.place(b)?;
                self.emit(Op::Binary(op), span);
                Ok(())
            }
        }
    }

    /// Whether an operand of a comparison may be a temporary whose drop shows.
    fn compared_temporary(&self, e: &Expr) -> bool {
        match &e.kind {
            ExprKind::Call(..) | ExprKind::Struct(..) => true,
            ExprKind::Method(_, m, ..) => self.own_methods(m).next().is_some(),
            _ => false,
        }
    }

    fn check_mutable(&mut self, l: Local, span: Span) -> R<()> {
        let info = self.info(l).clone();
        if !info.mutable && !info.is_ref {
            if info.init {
                return Err(LangError::new(
                    span,
                    format!("cannot assign twice to immutable variable `{}`: declare it `let mut {}`", info.name, info.name),
                ));
            }
            // `let x;` then one assignment: fine (a second is not, but that needs flow analysis).
            self.cur.locals[usize::from(l)].init = true;
        }
        Ok(())
    }

    fn assign(&mut self, place: &Expr, value: &Expr, span: Span) -> R<()> {
        self.assign_value(place, Some(value), span)
    }

    /// `(a, b) = (b, a + b)`, `(p.x, _) = pair`: the value (on the stack) into a hidden
    /// variable, then each of its elements into its place, left to right.
    fn destructure_assign(&mut self, items: &[Expr], span: Span) -> R<()> {
        let t = self.hidden()?;
        self.emit(Op::Store(t), span);
        for (i, item) in items.iter().enumerate() {
            if matches!(&item.kind, ExprKind::Path(p) if p.single().is_some_and(|n| &**n == "_")) {
                continue;
            }
            let i = u32::try_from(i).map_err(|_| LangError::new(item.span, "too many elements to assign"))?;
            self.emit(Op::Load(t), item.span);
            self.emit(Op::TupleField(i), item.span);
            self.assign_value(item, None, item.span)?;
        }
        self.emit(Op::DropLocal(t), span);
        self.forget_hidden(t);
        Ok(())
    }

    /// Whether the base of an element written (`base[i] = v`) is itself an index that must be
    /// borrowed mutably for the write to reach its owner: a range (`v[1..3][0] = 9`, which
    /// read would be a copy) or a row of a program's `IndexMut` (`img[r][c] = v`).
    fn row_place(&self, base: &Expr) -> bool {
        match &base.kind {
            ExprKind::Index(_, i) => {
                matches!(i.kind, ExprKind::Range(..)) || self.code.types.iter().any(|t| t.assoc.contains_key("index_mut"))
            }
            _ => false,
        }
    }

    /// `place = value`; `None`: the value is on the stack already.
    fn assign_value(&mut self, place: &Expr, value: Option<&Expr>, span: Span) -> R<()> {
        if let ExprKind::Tuple(items) = &place.kind {
            if let Some(v) = value {
                self.expr(v)?;
            }
            return self.destructure_assign(items, span);
        }
        match &place.kind {
            ExprKind::Path(p) => {
                if let Some(l) = p.single().and_then(|n| self.var(n)) {
                    self.check_mutable(l, place.span)?;
                    // `u = s.chars().collect();` into `let mut u: BTreeSet<char>`: its written
                    // type types the value, as the `let`'s did.
                    let written = self.info(l).decl_ty.clone().filter(|t| !t.is_ref() && !self.is_generic_ty(t));
                    let typed = match (written, value) {
                        (Some(t), Some(value)) => self.typed_by(value, &t)?,
                        _ => false,
                    };
                    if let (false, Some(value)) = (typed, value) {
                        self.expr(value)?;
                    }
                    self.store(l, span);
                    return Ok(());
                }
                if p.single().is_some_and(|n| &**n == "_") {
                    if let Some(value) = value {
                        self.expr(value)?;
                    }
                    self.emit(Op::Pop, span);
                    return Ok(());
                }
                Err(LangError::new(place.span, format!("cannot assign to `{}`: it is not a variable", p.joined())))
            }
            ExprKind::Field(base, name) => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                self.place(base)?;
                let id = self.name_id(name);
                self.emit(Op::SetField(id), span);
                Ok(())
            }
            ExprKind::TupleField(base, i) => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                self.place(base)?;
                self.emit(Op::SetTupleField(*i), span);
                Ok(())
            }
            ExprKind::Index(base, i) => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                // `img[r][0] = v` of a program's `IndexMut` whose `index_mut` gives a slice of
                // its field: the row borrowed mutably (`index` would give a copy of it).
                if self.row_place(base) {
                    self.reference(true, base, base.span)?;
                } else {
                    self.place(base)?;
                }
                self.expr(i)?;
                self.emit(Op::SetIndex, span);
                Ok(())
            }
            ExprKind::Unary(UnOp::Deref, inner) => {
                if let Some(value) = value {
                    self.expr(value)?;
                }
                if self.boxed_place(inner) {
                    self.reference(true, inner, inner.span)?;
                    self.emit(Op::StoreDerefPlace, span);
                    return Ok(());
                }
                self.place(inner)?;
                self.deref_mut_own(inner, span);
                self.store_deref(inner, span);
                Ok(())
            }
            _ => Err(LangError::new(place.span, "invalid left-hand side of assignment")),
        }
    }

    /// Whether `*inner = v` stores through a reference to `inner`'s place ([`Op::StoreDerefPlace`]):
    /// a field, a tuple field or an element (not a range), which may be a `Box` holding its
    /// value itself, in a program without a `DerefMut` of its own (whose `deref_mut` the other
    /// path calls).
    fn boxed_place(&self, inner: &Expr) -> bool {
        let place = match &inner.kind {
            ExprKind::Field(..) | ExprKind::TupleField(..) => true,
            ExprKind::Index(_, i) => !matches!(i.kind, ExprKind::Range(..)),
            _ => false,
        };
        place && !self.has_own_deref() && !self.p.raw_ptrs
    }

    /// The store of `*inner = v` (and `*inner += v`): through the reference `inner` holds, or,
    /// for a variable, into it when it holds the value itself (`*mutable_box = 4` of a
    /// `Box<u32>`, Rust by Example's moves: a box is its value here).
    fn store_deref(&mut self, inner: &Expr, span: Span) {
        let local = match &inner.kind {
            ExprKind::Path(p) => p.single().and_then(|n| self.var(n)),
            _ => None,
        };
        self.emit(local.map_or(Op::StoreDeref, Op::StoreDerefLocal), span);
    }

    fn assign_op(&mut self, op: BinOp, place: &Expr, value: &Expr, span: Span) -> R<()> {
        match &place.kind {
            ExprKind::Path(p) => {
                let Some(l) = p.single().and_then(|n| self.var(n)) else {
                    return Err(LangError::new(place.span, format!("cannot assign to `{}`: it is not a variable", p.joined())));
                };
                let info = self.info(l).clone();
                if !info.mutable && !info.is_ref {
                    return Err(LangError::new(
                        place.span,
                        format!("cannot assign twice to immutable variable `{}`: declare it `let mut {}`", info.name, info.name),
                    ));
                }
                self.load(l, span);
                if info.is_ref {
                    self.emit(Op::Deref, span);
                }
                self.place(value)?;
                self.emit(Op::BinaryAssign(op), span);
                if info.is_ref {
                    self.load(l, span);
                    self.emit(Op::StoreDeref, span);
                } else {
                    self.store(l, span);
                }
                Ok(())
            }
            // The place's base once, then the operand; the field is read after the operand is
            // evaluated, as Rust does for integers (`p.x += { p.x = 5; 1 }` is 6).
            ExprKind::Field(base, name) => {
                self.place(base)?;
                self.place(value)?;
                let id = self.name_id(name);
                self.emit(Op::AssignOpField(op, id), span);
                Ok(())
            }
            ExprKind::TupleField(base, i) => {
                self.place(base)?;
                self.place(value)?;
                self.emit(Op::AssignOpTupleField(op, *i), span);
                Ok(())
            }
            ExprKind::Index(base, i) => {
                let t = self.hidden()?;
                let ti = self.hidden()?;
                // A row of a program's `IndexMut` (`img[r][c] += 1`), borrowed mutably.
                if self.row_place(base) {
                    self.reference(true, base, base.span)?;
                } else {
                    self.place(base)?;
                }
                self.emit(Op::Store(t), span);
                self.expr(i)?;
                self.emit(Op::Store(ti), span);
                self.emit(Op::Load(t), span);
                self.emit(Op::Load(ti), span);
                self.emit(Op::Index, span);
                self.place(value)?;
                self.emit(Op::BinaryAssign(op), span);
                self.emit(Op::Load(t), span);
                self.emit(Op::Load(ti), span);
                self.emit(Op::SetIndex, span);
                self.emit(Op::DropLocal(ti), span);
                self.emit(Op::DropLocal(t), span);
                self.forget_hidden(ti);
                self.forget_hidden(t);
                Ok(())
            }
            ExprKind::Unary(UnOp::Deref, inner) => {
                let t = self.hidden()?;
                // A field or an element: a reference to it, read through twice (what it holds,
                // then what that refers to, if it is a reference).
                let boxed = self.boxed_place(inner);
                if boxed {
                    self.reference(true, inner, inner.span)?;
                } else {
                    self.place(inner)?;
                    self.deref_mut_own(inner, span);
                }
                self.emit(Op::Store(t), span);
                self.emit(Op::Load(t), span);
                self.emit(Op::Deref, span);
                if boxed {
                    self.emit(Op::Deref, span);
                }
                self.place(value)?;
                self.emit(Op::BinaryAssign(op), span);
                self.emit(Op::Load(t), span);
                if boxed {
                    self.emit(Op::StoreDerefPlace, span);
                } else {
                    self.store_deref(inner, span);
                }
                self.emit(Op::DropLocal(t), span);
                self.forget_hidden(t);
                Ok(())
            }
            _ => Err(LangError::new(place.span, "invalid left-hand side of assignment")),
        }
    }

    /// Frees a hidden temporary allocated last (its scope entry too).
    fn forget_hidden(&mut self, l: Local) {
        if let Some(s) = self.cur.scopes.last_mut() {
            if s.last() == Some(&l) {
                s.pop();
                if self.cur.next == usize::from(l) + 1 {
                    self.cur.next -= 1;
                }
            }
        }
    }

    /// A struct literal's field value: a `collect()` or `into()` makes the field's type
    /// (`letters: s.chars().collect()` into a `HashSet<char>`), as a `let`'s type does.
    fn field_value(&mut self, e: &Expr, ty: Option<&Type>) -> R<()> {
        if let Some(t) = ty {
            if self.typed_by(e, t)? {
                return Ok(());
            }
        }
        self.expr(e)
    }

    fn struct_lit(&mut self, path: &Path, fields: &[(Rc<str>, Expr)], base: Option<&Expr>, span: Span) -> R<()> {
        let (t, variant) = self.struct_type(path)?;
        let info = &self.code.types[t as usize];
        let (names, ints): (Vec<Rc<str>>, Vec<Option<IntTy>>) = match variant {
            Some(v) => (info.variants[v as usize].fields.clone(), info.variants[v as usize].field_ints.clone()),
            None => (info.fields.clone(), info.field_ints.clone()),
        };
        let floats: Vec<Option<super::lexer::FloatTy>> = match variant {
            Some(_) => Vec::new(),
            None => info.field_tys.iter().map(Type::float).collect(),
        };
        // A named struct's field types, for a `collect()` or `into()` whose result type they are.
        let tys: Vec<Type> = match variant {
            Some(v) => self.variant_tys.get(&(t, v)).map(|f| f.to_vec()).filter(|f| f.len() == names.len()).unwrap_or_default(),
            None if info.field_tys.len() == names.len() => info.field_tys.clone(),
            None => Vec::new(),
        };
        // rustc names a variant with its enum: `E::A`.
        let (kind, tname): (&str, Rc<str>) = match variant {
            Some(v) => ("variant", Rc::from(format!("{}::{}", info.name, info.variants[v as usize].name))),
            None => ("struct", info.name.clone()),
        };
        for (n, e) in fields {
            if !names.contains(n) {
                return Err(LangError::new(e.span, format!("{kind} `{tname}` has no field named `{n}`")));
            }
        }
        if let Some(base) = base {
            // Written fields first, in the order written, then the base, then the update.
            if variant.is_some() {
                return Err(LangError::new(span, "`..base` is for structs"));
            }
            let mut idx = Vec::new();
            let temps_start = self.cur.depth;
            let _ = temps_start;
            let mut temps = Vec::new();
            for (n, e) in fields {
                let i = names.iter().position(|x| x == n).unwrap_or(0);
                self.field_value(e, tys.get(i))?;
                if let Some(it) = ints.get(i).copied().flatten() {
                    self.emit(Op::Coerce(it), e.span);
                }
                if let Some(f) = floats.get(i).copied().flatten() {
                    self.emit(Op::Convert(Convert::Float(f)), e.span);
                }
                let tmp = self.hidden()?;
                self.emit(Op::Store(tmp), e.span);
                temps.push(tmp);
                idx.push(i as u32);
            }
            match &base.kind {
                ExprKind::Call(f, a) if a.is_empty() && matches!(&f.kind, ExprKind::Path(p) if p.joined() == "Default::default") => {
                    let tn = tname.to_string();
                    self.default_of(&tn, base.span)?;
                }
                // A place (`..u1`): read where it is, its unwritten fields moved out of it
                // (see `op_struct_update`); anything else is a temporary.
                ExprKind::Path(_) | ExprKind::Field(..) | ExprKind::TupleField(..) => {
                    self.place(base)?;
                    self.emit(Op::ToVal, base.span);
                }
                _ => {
                    self.expr(base)?;
                    self.emit(Op::ToVal, base.span);
                }
            }
            for &tmp in &temps {
                self.emit(Op::Move(tmp), span);
            }
            self.code.updates.push((t, idx));
            let site = (self.code.updates.len() - 1) as u32;
            self.emit(Op::StructUpdate(site), span);
            for tmp in temps.into_iter().rev() {
                self.forget_hidden(tmp);
            }
            return Ok(());
        }
        for n in &names {
            if !fields.iter().any(|(f, _)| f == n) {
                return Err(LangError::new(span, format!("missing field `{n}` in initializer of `{tname}`")));
            }
        }
        // Evaluated in the order written, laid out in the order declared.
        let in_order = fields.iter().map(|(n, _)| n).eq(names.iter());
        if in_order {
            for (i, (_, e)) in fields.iter().enumerate() {
                self.field_value(e, tys.get(i))?;
                if let Some(it) = ints.get(i).copied().flatten() {
                    self.emit(Op::Coerce(it), e.span);
                }
                if let Some(f) = floats.get(i).copied().flatten() {
                    self.emit(Op::Convert(Convert::Float(f)), e.span);
                }
            }
        } else {
            let mut temps = Vec::new();
            for (n, e) in fields {
                let i = names.iter().position(|x| x == n).unwrap_or(0);
                self.field_value(e, tys.get(i))?;
                if let Some(it) = ints.get(i).copied().flatten() {
                    self.emit(Op::Coerce(it), e.span);
                }
                if let Some(f) = floats.get(i).copied().flatten() {
                    self.emit(Op::Convert(Convert::Float(f)), e.span);
                }
                let tmp = self.hidden()?;
                self.emit(Op::Store(tmp), e.span);
                temps.push((n.clone(), tmp));
            }
            for n in &names {
                let tmp = temps.iter().find(|(x, _)| x == n).map_or(0, |(_, t)| *t);
                self.emit(Op::Move(tmp), span);
            }
            for (_, tmp) in temps.into_iter().rev() {
                self.forget_hidden(tmp);
            }
        }
        match variant {
            Some(v) => self.emit(Op::MakeVariant(t, v as u16, names.len() as u16), span),
            None => self.emit(Op::MakeStruct(t, names.len() as u16), span),
        };
        Ok(())
    }

    fn call(&mut self, f: &Expr, args: &[Expr], span: Span, _awaited: bool) -> R<()> {
        if self.call_from(f, args, span)? {
            return Ok(());
        }
        // `Image::<u8>::new(6, 3)` whose body names `P::default()`: a copy for `u8`.
        if let (false, ExprKind::Path(p)) = (self.impl_assoc.is_empty(), &f.kind) {
            if p.segs.len() == 2 && !p.segs[0].generics.is_empty() {
                let call = Expr { kind: ExprKind::Call(Box::new(f.clone()), args.to_vec()), span };
                if let Some(copy) = self.impl_copy(&call, None) {
                    let ExprKind::Call(g, a) = &copy.kind else { return Ok(()) };
                    return self.call(g, a, span, _awaited);
                }
            }
        }
        if self.parse_for_from_str(f, args, span)? {
            return Ok(());
        }
        // `T::zero()` in a generic function: the function of the argument's type.
        if let ExprKind::Path(p) = &f.kind {
            if self.generic_item(p)? {
                for a in args {
                    self.expr(a)?;
                }
                self.emit(Op::CallValue(args.len() as u8), span);
                return Ok(());
            }
        }
        if let ExprKind::Path(p) = &f.kind {
            let is_local = p.single().and_then(|n| self.var(n)).is_some();
            if !is_local {
                match self.resolve_path(p)? {
                    Global::Fn(id) => {
                        let id = self.specialized(p, id)?;
                        let func = &self.code.funcs[id as usize];
                        let is_async = func.is_async;
                        let method_self = func.self_kind;
                        self.check_arity(id, args.len(), span)?;
                        let params = self.param_tys.get(&id).cloned();
                        let skip = usize::from(method_self.is_some());
                        for (i, a) in args.iter().enumerate() {
                            // UFCS `Type::method(&x)`: the receiver is borrowed, not moved.
                            if i == 0 && method_self.is_some_and(|k| !matches!(k, SelfKind::Value | SelfKind::Shared)) {
                                self.place(a)?;
                                continue;
                            }
                            // `half(s.parse().unwrap())` with `x: f64`: the parameter's type
                            // types it, as rustc infers it.
                            if let Some(t) = i.checked_sub(skip).and_then(|pi| params.as_ref()?.get(pi)).filter(|t| !self.is_generic_ty(t))
                            {
                                if self.typed_by(a, &t.clone())? {
                                    continue;
                                }
                            }
                            self.expr(a)?;
                        }
                        let n = args.len() as u8;
                        if is_async {
                            self.async_edge(id, span);
                        }
                        self.emit(if is_async { Op::CallAsync(id, n) } else { Op::Call(id, n) }, span);
                        return Ok(());
                    }
                    Global::Known(Known::Fn(b)) => return self.call_builtin(b, p, args, span),
                    g => {
                        if self.call_global_rare(g, p, args, span)? {
                            return Ok(());
                        }
                    }
                }
            }
        }
        self.place(f)?;
        for a in args {
            self.expr(a)?;
        }
        self.emit(Op::CallValue(args.len() as u8), span);
        Ok(())
    }

    /// [`Compiler::call`] of a path that names a constructor or one of the built-in kinds of
    /// function that are not plain built-ins: whether it was one (else the path's value is
    /// called). Out of line: the step form's programs call none (tools/lazy-split).
    #[inline(never)]
    fn call_global_rare(&mut self, g: Global, p: &Path, args: &[Expr], span: Span) -> R<bool> {
        match g {
            Global::Ctor(t, v, n, true) => {
                if args.len() != n {
                    return Err(LangError::new(span, format!("this constructor takes {n} argument(s), not {}", args.len())));
                }
                let info = &self.code.types[t as usize];
                let ints = match v {
                    Some(v) => info.variants[v as usize].field_ints.clone(),
                    None => info.field_ints.clone(),
                };
                // `Tok::Num(s.parse().unwrap())` with `Num(f64)`: the field's type types it.
                let tys: Option<Rc<[Type]>> = match v {
                    Some(v) => self.variant_tys.get(&(t, v)).cloned(),
                    None => Some(info.field_tys.iter().cloned().collect()).filter(|f: &Rc<[Type]>| f.len() == n),
                };
                for (i, a) in args.iter().enumerate() {
                    if let Some(ft) = tys.as_ref().and_then(|f| f.get(i)).filter(|t| !self.is_generic_ty(t)) {
                        if self.typed_by(a, &ft.clone())? {
                            continue;
                        }
                    }
                    self.expr(a)?;
                    if let Some(it) = ints.get(i).copied().flatten() {
                        self.emit(Op::Coerce(it), a.span);
                    }
                }
                match v {
                    Some(v) => self.emit(Op::MakeVariant(t, v as u16, n as u16), span),
                    None => self.emit(Op::MakeStruct(t, n as u16), span),
                };
                return Ok(true);
            }
            // `AtomicU32::new(0)`: the value takes the atomic's integer type.
            Global::Known(Known::AtomicNew(t)) => {
                let [arg] = args else {
                    return Err(LangError::new(span, format!("`{}` takes 1 argument", p.joined())));
                };
                self.expr(arg)?;
                if let Some(t) = t {
                    self.emit(Op::Coerce(t), arg.span);
                }
                self.emit(Op::CallBuiltin(B::AtomicNew, 1), span);
                return Ok(true);
            }
            Global::Known(Known::FloatConv(t)) => {
                let [arg] = args else {
                    return Err(LangError::new(span, format!("`{}` takes 1 argument", p.joined())));
                };
                self.expr(arg)?;
                self.emit(Op::Cast(Cast::Float(t)), span);
                return Ok(true);
            }
            // `f64::max(a, b)` is `a.max(b)`; a literal receiver takes the type written
            // (`i32::abs(-9)`, `f32::sqrt(2.0)`).
            Global::Known(Known::PrimMethod(name, k)) => {
                let Some((recv, rest)) = args.split_first().filter(|_| args.len() == k) else {
                    return Err(LangError::new(span, format!("`{}` takes {k} argument(s)", p.joined())));
                };
                let literal = matches!(&recv.kind, ExprKind::Int(..) | ExprKind::Float(..))
                    || matches!(&recv.kind, ExprKind::Unary(UnOp::Neg, x) if matches!(x.kind, ExprKind::Int(..) | ExprKind::Float(..)));
                let ty_seg = p.segs.len().checked_sub(2).and_then(|i| p.segs.get(i)).map(|s| s.name.clone());
                let recv = match ty_seg {
                    Some(t) if literal => Expr {
                        kind: ExprKind::Cast(
                            Box::new(recv.clone()),
                            Type::Path(Path { segs: vec![PathSeg { name: t, generics: Vec::new(), span }], span }),
                        ),
                        span: recv.span,
                    },
                    _ => recv.clone(),
                };
                self.method(&recv, &Rc::from(name), span, rest, span)?;
                return Ok(true);
            }
            Global::Known(Known::IntConv(t, fallible)) => {
                if args.len() != 1 {
                    return Err(LangError::new(span, format!("`{}` takes 1 argument", p.joined())));
                }
                self.expr(&args[0])?;
                // `u32::from(rgb)` of the program's `impl From<Rgb> for u32`.
                if let (false, true, Some(own)) = (fallible, self.own_into, self.builtin_from_target(t.name())) {
                    self.emit(Op::Convert(Convert::OwnInto(own)), span);
                }
                self.emit(if fallible { Op::Convert(Convert::TryInt(t)) } else { Op::Cast(Cast::Int(t)) }, span);
                return Ok(true);
            }
            // `i32::from_str_radix(s, 16)` parses as `s.parse::<i32>()` does, in that radix.
            Global::Known(Known::IntParse(t, radix)) => {
                let (recv, rest) = match (args, radix) {
                    ([s], false) => (s, &[][..]),
                    ([s, r], true) => (s, std::slice::from_ref(r)),
                    _ => return Err(LangError::new(span, format!("`{}` takes {} argument(s)", p.joined(), 1 + usize::from(radix)))),
                };
                let name = match (radix, t.signed()) {
                    (false, true) => "parse",
                    (false, false) => "parse<unsigned>",
                    (true, true) => "parse<radix>",
                    (true, false) => "parse<radix,unsigned>",
                };
                self.method(recv, &Rc::from(name), span, rest, span)?;
                self.emit(Op::Convert(Convert::Inner(t)), span);
                return Ok(true);
            }
            Global::Known(Known::AnyType(op)) => {
                self.any_type_call(p, args, op, span)?;
                return Ok(true);
            }
            // `size_of::<T>()` and `size_of_val(&x)`: a constant, as rustc makes them.
            Global::Known(Known::SizeOf(of_val)) => {
                let size = self.size_of_call(p, args, of_val, span)?;
                let c = self.konst(Value::Int(size, Some(IntTy::Usize)));
                self.emit(Op::Const(c), span);
                return Ok(true);
            }
            // `u32::from_le_bytes(b)`: the bytes' value, in that order, cast to the type.
            Global::Known(Known::IntFromBytes(t, big)) => {
                let [b] = args else { return Err(LangError::new(span, format!("`{}` takes 1 argument", p.joined()))) };
                let name = if big { "from_be_bytes" } else { "from_le_bytes" };
                self.method(b, &Rc::from(name), span, &[], span)?;
                self.emit(Op::Cast(Cast::Int(t)), span);
                return Ok(true);
            }
            Global::Known(Known::Variant(t, v, true)) => {
                for a in args {
                    self.expr(a)?;
                }
                self.emit(Op::MakeVariant(t, v as u16, args.len() as u16), span);
                return Ok(true);
            }
            _ => {}
        }
        Ok(false)
    }

    fn call_builtin(&mut self, b: B, p: &Path, args: &[Expr], span: Span) -> R<()> {
        if b.may_block() {
            self.code.may_block = true;
        }
        if let Some(n) = b.arity() {
            if n != args.len() {
                return Err(LangError::new(span, format!("`{}` takes {n} argument(s), not {}", p.joined(), args.len())));
            }
        }
        match b {
            B::Spawn | B::SpawnLocal => self.not_a_future(&args[0])?,
            // The step form's built-ins: their arguments, then the call, below.
            B::Sleep
            | B::YieldNow
            | B::Spin
            | B::LostWaker
            | B::StaleWaker
            | B::WakeByRefThenPending
            | B::TimerFutureNew
            | B::DurFromMillis => {}
            _ => {
                if self.call_builtin_special(b, p, args, span)? {
                    return Ok(());
                }
            }
        }
        for (i, a) in args.iter().enumerate() {
            self.expr(a)?;
            let want = match b {
                B::Sleep | B::Spin | B::DurFromMillis | B::DurFromSecs | B::DurFromMicros | B::DurFromNanos => Some(IntTy::U64),
                B::DurNew if i == 0 => Some(IntTy::U64),
                B::DurNew => Some(IntTy::U32),
                B::TimeoutNew | B::IntervalNew | B::TimeoutFutureNew if i == 0 => Some(IntTy::U32),
                B::VecWithCapacity | B::DequeWithCapacity | B::StringWithCapacity => Some(IntTy::Usize),
                _ => None,
            };
            if let Some(t) = want {
                self.emit(Op::Coerce(t), a.span);
            }
        }
        self.emit(Op::CallBuiltin(b, args.len() as u8), span);
        Ok(())
    }

    /// [`Compiler::call_builtin`] of a built-in whose call is compiled its own way: whether `b`
    /// was one (else its arguments and the call are compiled as any built-in's). Out of line:
    /// the step form's built-ins are none of these (tools/lazy-split): `call_builtin` never
    /// hands it those it lists, and an arm for one of them belongs there.
    #[inline(never)]
    fn call_builtin_special(&mut self, b: B, p: &Path, args: &[Expr], span: Span) -> R<bool> {
        match b {
            // `futures::future::join`, `join3` and `select` take futures; `select` takes them
            // `Unpin` (rustc's E0277 for an `async fn`'s call or an `async` block given as it is).
            B::FutJoin | B::FutJoin3 | B::FutSelect => {
                for a in args {
                    self.not_a_future(a)?;
                    if b == B::FutSelect && self.unpinned_async(a) {
                        return Err(LangError::new(
                            a.span,
                            "`select` needs futures that are `Unpin`, and an `async fn`'s future (or an `async` block's) is not: pin it first, `Box::pin(…)` (or `pin!` it into a variable)",
                        ));
                    }
                }
            }
            // `Cow::from(&v[..])`, `Cow::from(name)` of a reference: borrowed (a reference to a
            // `Vec` is its handle here, so the value alone cannot tell).
            B::CowFrom if matches!(&args[0].kind, ExprKind::Ref(..)) || self.is_ref_expr(&args[0]) => {
                self.expr(&args[0])?;
                self.emit(Op::MakeVariant(ty::COW, 0, 1), span);
                return Ok(true);
            }
            // `String::default()`, `u64::default()`, `HashMap::default()`: std's type's default.
            B::Default if args.is_empty() && p.segs.len() >= 2 => {
                let tname = p.segs[p.segs.len() - 2].name.clone();
                return self.default_of(&tname, span).map(|()| true);
            }
            // `Vec::from_iter(it)`, `HashMap::<K, V>::from_iter(pairs)`: `it.into_iter()
            // .collect::<Vec<_>>()`, typed as the path's type.
            B::Ufcs
                if args.len() == 1
                    && matches!(p.segs.as_slice(), [head, m] if &*m.name == "from_iter"
                        && matches!(&*head.name, "Vec" | "VecDeque" | "String" | "HashMap" | "BTreeMap" | "HashSet" | "BTreeSet" | "BinaryHeap")) =>
            {
                let head = p.segs[0].clone();
                let target = Type::Path(Path { segs: vec![head], span: p.span });
                let iter = Expr { kind: ExprKind::Method(Box::new(args[0].clone()), Rc::from("into_iter"), span, Vec::new(), None), span };
                return self
                    .expr(&Expr { kind: ExprKind::Method(Box::new(iter), Rc::from("collect"), span, Vec::new(), Some(target)), span })
                    .map(|()| true);
            }
            // `Vec::from(x)` is what `let v: Vec<_> = x.into()` is (an array's, a slice's, a
            // string's bytes), and `String::from(x)` a string's: the program's `impl From<X>
            // for Vec<T>` (or `String`) first, for a value of its type.
            B::Ufcs | B::StringFrom
                if args.len() == 1
                    && (b == B::StringFrom || matches!(p.segs.as_slice(), [head, m] if &*m.name == "from" && &*head.name == "Vec")) =>
            {
                self.expr(&args[0])?;
                let target = if b == B::StringFrom { "String" } else { "Vec" };
                if let Some(own) = self.builtin_from_target(target) {
                    self.emit(Op::Convert(Convert::OwnInto(own)), span);
                }
                self.emit(if b == B::StringFrom { Op::CallBuiltin(b, 1) } else { Op::Convert(Convert::IntoVec) }, span);
                return Ok(true);
            }
            B::Ufcs => {
                // `Trait::method(recv, args…)`: a method call on the first argument; of a
                // program's trait, that trait's method (another trait may have one of that name).
                let Some((recv, rest)) = args.split_first() else {
                    if let [head, last] = p.segs.as_slice() {
                        if matches!(self.type_of_name(&head.name), Some(TyRef::Builtin(_))) {
                            return Err(LangError::new(
                                span,
                                format!("no function or associated item named `{}` found for `{}` in the playground", last.name, head.name),
                            ));
                        }
                    }
                    return Err(LangError::new(span, format!("`{}` needs a receiver", p.joined())));
                };
                let name = match p.segs.as_slice() {
                    [tr, m] if self.traits.contains_key(&tr.name) => Rc::from(format!("{}::{}", tr.name, m.name)),
                    // `<u8 as Into<i64>>::into(x)` of std's trait: the method.
                    [_, m] if m.name.split("::").next().is_some_and(|t| t != &*m.name && !self.traits.contains_key(t)) => {
                        Rc::from(m.name.rsplit("::").next().unwrap_or(&m.name))
                    }
                    _ => Rc::from(p.last()),
                };
                return self.method(recv, &name, p.span, rest, span).map(|()| true);
            }
            // `HashMap::from([(k, v), …])`: the pairs collected into a map (a later key wins);
            // `HashSet::from([a, b])`, the items into a set.
            B::MapFrom | B::OrdMapFrom | B::SetFrom | B::OrdSetFrom | B::HeapFrom => {
                self.expr(&args[0])?;
                let t = match b {
                    B::MapFrom => ty::MAP,
                    B::OrdMapFrom => ty::BTREE_MAP,
                    B::SetFrom => ty::SET,
                    B::HeapFrom => ty::HEAP,
                    _ => ty::BTREE_SET,
                };
                self.emit(Op::Convert(Convert::Collection(t)), span);
                return Ok(true);
            }
            B::Drop => {
                // `drop(x)` moves `x` out of its variable, so it is dropped here and now.
                self.expr(&args[0])?;
                self.emit(Op::CallBuiltin(B::Drop, 1), span);
                return Ok(true);
            }
            B::MemReplace
            | B::MemSwap
            | B::MemTake
            | B::StrongCount
            | B::WeakCount
            | B::PtrEq
            | B::PtrEqRefs
            | B::SharedClone
            | B::Downgrade => {
                for a in args {
                    self.place(a)?;
                }
                self.emit(Op::CallBuiltin(b, args.len() as u8), span);
                return Ok(true);
            }
            B::ThreadScope => return self.thread_scope(&args[0], span).map(|()| true),
            B::BoxPin => {
                let outer = std::mem::replace(&mut self.boxing, true);
                let r = self.expr(&args[0]);
                self.boxing = outer;
                r?;
                self.emit(Op::CallBuiltin(b, 1), span);
                return Ok(true);
            }
            _ => {}
        }
        Ok(false)
    }

    /// `thread::scope(f)`: `f` called with a new scope, as the program's own code calls a
    /// closure (so that it may block: `join` a scoped thread), then the wait for every thread
    /// spawned in the scope; its value is `f`'s.
    #[inline(never)]
    fn thread_scope(&mut self, f: &Expr, span: Span) -> R<()> {
        let scope = self.hidden()?;
        self.emit(Op::CallBuiltin(B::ScopeNew, 0), span);
        self.emit(Op::Store(scope), span);
        // `|s|` is a `&Scope`: a `move` closure inside copies it, as it copies any reference.
        match &f.kind {
            ExprKind::Closure(params, body, is_move) if params.len() == 1 && matches!(params[0].ty, Type::Infer) => {
                let mut params = params.clone();
                params[0].ty = Type::Ref(false, Box::new(Type::Infer));
                self.closure(&params, Ok(body), *is_move, false, f.span)?;
            }
            _ => self.expr(f)?,
        }
        self.emit(Op::Load(scope), span);
        self.emit(Op::CallValue(1), span);
        self.emit(Op::Load(scope), span);
        self.emit(Op::CallBuiltin(B::ScopeJoin, 1), span);
        self.emit(Op::Pop, span);
        Ok(())
    }

    fn method(&mut self, recv: &Expr, name: &Rc<str>, name_span: Span, args: &[Expr], span: Span) -> R<()> {
        let _ = name_span;
        if let ([arg], "push") = (args, &**name) {
            if let Some(arg) = self.pushed_turbofish(recv, arg) {
                return self.method(recv, name, name_span, &[arg], span);
            }
        }
        if !self.code.thread_locals.is_empty() {
            if let Some(call) = self.local_key_call(recv, name, args, span) {
                return self.expr(&call);
            }
        }
        // The receiver is read where it is; a by-value `self` moves it out of a variable.
        let recv_local = match &recv.kind {
            ExprKind::Path(p) => p.single().and_then(|n| self.var(n)).map(|l| (l, self.info(l).boxed)),
            _ => None,
        };
        match &recv.kind {
            // `v[a..b].reverse()`: the method works on `v`'s elements where they are.
            ExprKind::Index(_, i) if matches!(i.kind, ExprKind::Range(..)) => self.reference(true, recv, recv.span)?,
            _ => self.place(recv)?,
        }
        // A temporary borrowed by the method (`make().name()`, `m.lock().unwrap().push(1)`)
        // lives to the end of the statement, as in Rust.
        if Self::is_temporary(recv) && !Self::borrowed_result(recv) && self.borrows_receiver(name) {
            self.keep_temp(recv.span)?;
        }
        let written = recv_local.and_then(|(l, _)| self.info(l).ty.clone());
        // The comparison methods take their argument by reference (`other: &Self`): a variable
        // given to them is read, never moved out, whatever the playground knows of its type
        // (`r.cmp(best)` in a closure, where `best` came from `iter().max()`).
        let by_ref = matches!(&**name, "cmp" | "partial_cmp" | "eq" | "ne" | "lt" | "le" | "gt" | "ge");
        for (i, a) in args.iter().enumerate() {
            if let Some(t) = written.as_deref().and_then(|t| element_ty(t, name, i)) {
                if self.typed_by(a, t)? {
                    continue;
                }
            }
            if by_ref && matches!(&a.kind, ExprKind::Path(p) if p.single().is_some_and(|n| self.var(n).is_some())) {
                self.place(a)?;
                continue;
            }
            self.expr(a)?;
        }
        let id = self.name_id(name);
        let consumes = super::names::consumes(name);
        self.code.methods.push(MethodSite {
            name: id,
            text: name.clone(),
            argc: args.len() as u8,
            recv_local,
            consumes,
            universal: super::methods::is_universal(name),
            hot: super::code::Hot::of(name, args.len()),
        });
        let site = (self.code.methods.len() - 1) as u32;
        self.emit(Op::CallMethod(site), span);
        Ok(())
    }

    fn closure(&mut self, params: &[Param], body: Result<&Expr, &Block>, is_move: bool, is_async: bool, span: Span) -> R<()> {
        let (free, shared) = scan::closure_names(params, body);
        // Captures: the free names that are variables here.
        let captured: Vec<(Rc<str>, Local)> = free.iter().filter_map(|n| self.var(n).map(|l| (n.clone(), l))).collect();
        // A closure that does not `move` shares the variables it uses: they are boxed already
        // (see `scan`). One that moves takes them.
        let name: Rc<str> =
            Rc::from(if is_async { format!("{}::async block", self.cur.name) } else { format!("{}::closure", self.cur.name) });
        let id = self.new_func(name.clone(), None, span);
        let outer_self = self.cur.self_ty.clone();
        let outer_generics = self.cur.generics.clone();
        let outer_impl_generics = self.cur.impl_generics.clone();
        let outer_bound = self.cur.bound.clone();
        let outer_subst = self.cur.subst.clone();
        let outer_async = self.cur.is_async;
        let parent = std::mem::take(&mut self.cur);
        self.outer.push(parent);
        self.cur = FnCx {
            is_async,
            shared,
            self_ty: outer_self,
            generics: outer_generics,
            impl_generics: outer_impl_generics,
            bound: outer_bound,
            subst: outer_subst,
            name,
            ..FnCx::default()
        };
        let _ = outer_async;
        self.cur.scopes.push(Vec::new());
        let result = (|| -> R<()> {
            let mut pats = Vec::new();
            for p in params {
                match &p.pat.kind {
                    PatKind::Bind { name, mutable, sub: None, by_ref: false } => {
                        let l = self.declare(name, *mutable, p.pat.span)?;
                        self.cur.locals[usize::from(l)].is_ref = p.ty.is_ref();
                    }
                    _ => {
                        let l = self.hidden()?;
                        pats.push((l, p.pat.clone()));
                    }
                }
            }
            for (n, outer) in &captured {
                // A captured reference is still one here (a `move` closure inside copies it).
                let is_ref = self.outer.last().and_then(|o| o.locals.get(usize::from(*outer))).is_some_and(|i| i.is_ref);
                let l = self.alloc(LocalInfo { is_ref, ..LocalInfo::named(n.clone(), true, true) }, span)?;
                self.cur.captures.push((n.clone(), l));
            }
            for l in 0..params.len() {
                if self.cur.locals[l].boxed {
                    self.emit(Op::Box(l as Local), span);
                }
            }
            for (l, pat) in pats {
                self.emit(Op::Load(l), pat.span);
                let site = self.pattern(&pat, false)?;
                let m = self.emit(Op::Match(site, 0), pat.span);
                let skip = self.emit(Op::Jump(0), pat.span);
                self.patch(m);
                let msg = self.konst(Value::Str(Rc::from("refutable pattern in closure argument")));
                self.emit(Op::Fail(msg), pat.span);
                self.patch(skip);
            }
            match body {
                Ok(e) => self.expr(e)?,
                Err(b) => self.block_value(b)?,
            }
            self.emit(Op::Return, span);
            Ok(())
        })();
        let finished = self.finish(id, captured.len());
        self.cur = self.outer.pop().unwrap_or_default();
        result?;
        finished?;
        self.code.funcs[id as usize].params = params.len() as u16;
        self.code.funcs[id as usize].is_async = is_async;
        self.code.funcs[id as usize].param_ints = int_params(params.iter().map(|p| p.ty.int()));
        // A `move` closure copies what a reference variable holds (a `&T` is `Copy`): it shares
        // the referent, and the variable stays usable.
        let caps = captured.iter().map(|(_, l)| (*l, !self.info(*l).is_ref && (is_move || !self.info(*l).boxed))).collect();
        self.code.closures.push(ClosureSite { func: id, captures: caps, is_move });
        let site = (self.code.closures.len() - 1) as u32;
        self.emit(if is_async { Op::MakeAsync(site) } else { Op::MakeClosure(site) }, span);
        Ok(())
    }

    fn cond(&mut self, cond: &Expr) -> R<usize> {
        if let ExprKind::Let(pat, value) = &cond.kind {
            let is_ref = self.is_ref_expr(value);
            self.place(value)?;
            let site = self.pattern(pat, is_ref)?;
            return Ok(self.emit(Op::Match(site, 0), cond.span));
        }
        // An `if` or `while` condition's temporaries end with it, before its block runs.
        let mark = self.cur.temps.len();
        self.expr(cond)?;
        self.end_temps(mark, cond.span);
        Ok(self.emit(Op::JumpIfFalse(0), cond.span))
    }

    fn if_expr(&mut self, cond: &Expr, then: &Block, els: Option<&Expr>, span: Span) -> R<()> {
        self.push_scope();
        let mark = self.cur.temps.len();
        let j = self.cond(cond)?;
        self.block_value(then)?;
        // The `if let`'s names end with the `then` block.
        let locals: Vec<Local> = self.cur.scopes.last().cloned().unwrap_or_default();
        for &l in locals.iter().rev() {
            self.emit(Op::DropLocal(l), span);
        }
        let end = self.emit(Op::Jump(0), span);
        self.patch(j);
        self.cur.depth -= 1;
        match els {
            Some(e) => self.expr(e)?,
            None => {
                self.emit(Op::Unit, span);
            }
        }
        // An `if let`'s scrutinee's temporaries live through its `else` too (the `then` path
        // dropped them with the scope's names).
        self.drop_temps_here(mark, span);
        self.patch(end);
        // The scope's slots are free again; its names were dropped on the `then` path.
        if let Some(s) = self.cur.scopes.pop() {
            if let Some(&first) = s.first() {
                self.cur.next = usize::from(first);
            }
        }
        self.slots_freed();
        Ok(())
    }

    fn match_expr(&mut self, scrut: &Expr, arms: &[Arm], span: Span) -> R<()> {
        // The scrutinee's temporaries belong to the enclosing statement (they outlive the
        // match, and a function's tail's outlive its names).
        let is_ref = self.is_ref_expr(scrut);
        self.place(scrut)?;
        self.push_scope();
        let t = self.hidden()?;
        self.emit(Op::Store(t), span);
        let mut ends = Vec::new();
        let depth = self.cur.depth;
        // `Some(f) => f.to_uppercase().chain(cs).collect(), None => String::new()`: an arm's
        // untyped `collect()` is the `String` its sibling arm is, as rustc infers it.
        let string_sibling = arms.iter().any(|a| is_string_expr(&a.body));
        for arm in arms {
            self.push_scope();
            self.emit(Op::Load(t), arm.pat.span);
            let site = self.pattern(&arm.pat, is_ref)?;
            let m = self.emit(Op::Match(site, 0), arm.pat.span);
            let guard_fail = match &arm.guard {
                Some(g) => {
                    let mark = self.cur.temps.len();
                    self.expr(g)?;
                    self.end_temps(mark, g.span);
                    Some(self.emit(Op::JumpIfFalse(0), g.span))
                }
                None => None,
            };
            match string_sibling.then(|| collect_as_string(&arm.body)).flatten() {
                Some(typed) => self.expr(&typed)?,
                None => self.expr(&arm.body)?,
            }
            let locals: Vec<Local> = self.cur.scopes.last().cloned().unwrap_or_default();
            for &l in locals.iter().rev() {
                self.emit(Op::DropLocal(l), arm.body.span);
            }
            ends.push(self.emit(Op::Jump(0), arm.body.span));
            self.cur.depth = depth;
            if let Some(g) = guard_fail {
                self.patch(g);
                for &l in locals.iter().rev() {
                    self.emit(Op::DropLocal(l), arm.body.span);
                }
            }
            self.patch(m);
            if let Some(s) = self.cur.scopes.pop() {
                if let Some(&first) = s.first() {
                    self.cur.next = usize::from(first);
                }
            }
            self.slots_freed();
        }
        let msg = self.konst(Value::Str(Rc::from("non-exhaustive patterns: no arm of this `match` matches the value")));
        self.emit(Op::Fail(msg), span);
        for e in ends {
            self.patch(e);
        }
        self.cur.depth = depth + 1;
        self.pop_scope(span);
        Ok(())
    }

    fn enter_loop(&mut self, label: Option<Rc<str>>, is_loop: bool) -> R<()> {
        let result = if is_loop { Some(self.hidden()?) } else { None };
        let head = self.here();
        let scopes = self.cur.scopes.len();
        let depth = self.cur.depth;
        self.cur.loops.push(LoopCx { label, head, breaks: Vec::new(), result, scopes, depth, is_loop, block: false });
        Ok(())
    }

    fn exit_loop(&mut self, span: Span) {
        let Some(lp) = self.cur.loops.pop() else { return };
        for b in lp.breaks {
            self.patch(b);
        }
        match lp.result {
            Some(r) => {
                self.emit(Op::Move(r), span);
            }
            None => {
                self.emit(Op::Unit, span);
            }
        }
    }

    fn while_expr(&mut self, label: Option<Rc<str>>, cond: &Expr, body: &Block, span: Span) -> R<()> {
        self.push_scope();
        self.enter_loop(label, false)?;
        self.emit(Op::Tick, span);
        self.push_scope();
        let mark = self.cur.temps.len();
        let j = self.cond(cond)?;
        self.block_value(body)?;
        self.emit(Op::Pop, span);
        let locals: Vec<Local> = self.cur.scopes.last().cloned().unwrap_or_default();
        for &l in locals.iter().rev() {
            self.emit(Op::DropLocal(l), span);
        }
        let head = self.cur.loops.last().map_or(0, |l| l.head);
        self.emit(Op::Jump(head), span);
        self.patch(j);
        // A `while let`'s scrutinee's temporaries live through each turn (its body dropped
        // them with the scope's names): on the way out, they end here.
        self.drop_temps_here(mark, span);
        if let Some(s) = self.cur.scopes.pop() {
            if let Some(&first) = s.first() {
                self.cur.next = usize::from(first);
            }
        }
        self.slots_freed();
        self.exit_loop(span);
        self.pop_scope(span);
        Ok(())
    }

    /// `'a: { … }`: the block's value, or what a `break 'a v` inside gives.
    fn labeled_block(&mut self, label: &Rc<str>, body: &Block, span: Span) -> R<()> {
        self.push_scope();
        self.enter_loop(Some(label.clone()), true)?;
        if let Some(l) = self.cur.loops.last_mut() {
            l.block = true;
        }
        self.block_value(body)?;
        if let Some(r) = self.cur.loops.last().and_then(|l| l.result) {
            self.emit(Op::Store(r), span);
        }
        self.exit_loop(span);
        self.pop_scope(span);
        Ok(())
    }

    fn loop_expr(&mut self, label: Option<Rc<str>>, body: &Block, span: Span) -> R<()> {
        self.push_scope();
        self.enter_loop(label, true)?;
        self.emit(Op::Tick, span);
        self.block_value(body)?;
        self.emit(Op::Pop, span);
        let head = self.cur.loops.last().map_or(0, |l| l.head);
        self.emit(Op::Jump(head), span);
        self.exit_loop(span);
        self.pop_scope(span);
        Ok(())
    }

    fn for_expr(&mut self, label: Option<Rc<str>>, pat: &Pat, iter: &Expr, body: &Block, span: Span) -> R<()> {
        self.push_scope();
        match &iter.kind {
            // `for x in &mut v`: the items are places in `v` (`iter_mut`), as
            // `IntoIterator for &mut Vec<T>` makes them.
            ExprKind::Ref(true, inner) => self.method(inner, &Rc::from(super::methods::FOR_MUT), iter.span, &[], iter.span)?,
            // `for x in &v`: `v.iter()`'s references, for a collection; so for a variable that
            // holds a reference (`names: &[String]`, `let r = &v;`).
            ExprKind::Ref(false, inner) => self.method(inner, &Rc::from(super::methods::FOR_REF), iter.span, &[], iter.span)?,
            ExprKind::Path(p) if self.is_ref_expr(iter) => {
                let mut_ref = p.single().and_then(|n| self.var(n)).is_some_and(|l| self.info(l).mut_ref);
                let via = if mut_ref { super::methods::FOR_MUT } else { super::methods::FOR_REF };
                self.method(iter, &Rc::from(via), iter.span, &[], iter.span)?
            }
            _ => self.expr(iter)?,
        }
        // The items of `&m` (and of `m.iter()`, `m.keys()`, `m.values()`) are references: a
        // name bound to one (or, through a pattern, to its parts, as Rust's default binding mode
        // does) is copied by a use, never moved.
        let by_ref = match &iter.kind {
            ExprKind::Ref(false, _) => true,
            ExprKind::Path(p) => self.is_ref_expr(iter) && !p.single().and_then(|n| self.var(n)).is_some_and(|l| self.info(l).mut_ref),
            ExprKind::Method(_, m, _, args, _) => args.is_empty() && matches!(&**m, "iter" | "keys" | "values"),
            _ => false,
        };
        self.emit(Op::IntoIter, iter.span);
        let it = self.hidden()?;
        self.emit(Op::Store(it), iter.span);
        self.enter_loop(label, false)?;
        self.emit(Op::Tick, span);
        let next = self.emit(Op::IterNext(it, 0), span);
        self.push_scope();
        match &pat.kind {
            PatKind::Bind { name, mutable, sub: None, by_ref: false } if !self.is_variant_name(name) => {
                let l = self.declare(name, *mutable, pat.span)?;
                self.init(l, pat.span);
                if by_ref && !*mutable {
                    self.cur.locals[usize::from(l)].is_ref = true;
                }
            }
            _ => {
                let site = self.pattern(pat, by_ref)?;
                let m = self.emit(Op::Match(site, 0), pat.span);
                let skip = self.emit(Op::Jump(0), pat.span);
                self.patch(m);
                let msg = self.konst(Value::Str(Rc::from("refutable pattern in `for` loop: an item does not match")));
                self.emit(Op::Fail(msg), pat.span);
                self.patch(skip);
            }
        }
        self.block_value(body)?;
        self.emit(Op::Pop, span);
        self.pop_scope(span);
        let head = self.cur.loops.last().map_or(0, |l| l.head);
        self.emit(Op::Jump(head), span);
        self.patch(next);
        self.exit_loop(span);
        self.pop_scope(span);
        Ok(())
    }

    fn find_loop(&self, label: Option<&Rc<str>>, span: Span, what: &str) -> R<usize> {
        let found = match label {
            Some(l) => self.cur.loops.iter().rposition(|x| x.label.as_ref() == Some(l)),
            // A plain `break` or `continue` leaves the innermost loop, never a labeled block.
            None => self.cur.loops.iter().rposition(|x| !x.block),
        };
        found.ok_or_else(|| match label {
            Some(l) => LangError::new(span, format!("use of undeclared label `'{l}`")),
            None => LangError::new(span, format!("`{what}` outside of a loop")),
        })
    }

    fn break_expr(&mut self, label: Option<&Rc<str>>, value: Option<&Expr>, span: Span) -> R<()> {
        let i = self.find_loop(label, span, "break")?;
        let (scopes, depth, result, is_loop) = {
            let l = &self.cur.loops[i];
            (l.scopes, l.depth, l.result, l.is_loop)
        };
        match value {
            Some(v) if is_loop => {
                self.expr(v)?;
                if let Some(r) = result {
                    self.emit(Op::Store(r), span);
                }
            }
            Some(v) => return Err(LangError::new(v.span, "`break` with a value is only allowed in a `loop`")),
            None => {
                if let Some(r) = result {
                    self.emit(Op::Unit, span);
                    self.emit(Op::Store(r), span);
                }
            }
        }
        self.drop_scopes_above(scopes, span);
        let saved = self.cur.depth;
        for _ in depth..saved {
            self.emit(Op::Pop, span);
        }
        let j = self.emit(Op::Jump(0), span);
        self.cur.loops[i].breaks.push(j);
        self.cur.depth = saved;
        self.emit(Op::Unit, span);
        Ok(())
    }

    fn continue_expr(&mut self, label: Option<&Rc<str>>, span: Span) -> R<()> {
        let i = self.find_loop(label, span, "continue")?;
        if self.cur.loops[i].block {
            return Err(LangError::new(span, "`continue` pointing to a labeled block: a block is left with `break`, not continued"));
        }
        let (scopes, depth, head) = {
            let l = &self.cur.loops[i];
            (l.scopes, l.depth, l.head)
        };
        self.drop_scopes_above(scopes, span);
        let saved = self.cur.depth;
        for _ in depth..saved {
            self.emit(Op::Pop, span);
        }
        self.emit(Op::Jump(head), span);
        self.cur.depth = saved;
        self.emit(Op::Unit, span);
        Ok(())
    }

    fn select(&mut self, arms: &[SelectArm], span: Span) -> R<()> {
        self.require_async(span, "select!")?;
        // The futures' arms first (the winner's index is its place among them), then
        // `complete` (index n) and `default` (n + 1).
        let mut ordered: Vec<&SelectArm> = arms.iter().filter(|a| a.kind == SelectArmKind::Future).collect();
        let mut in_place = Vec::new();
        for a in &ordered {
            in_place.push(self.operand_future(&a.fut)?);
        }
        let special = |k| arms.iter().find(|a| a.kind == k);
        let (complete, default) = (special(SelectArmKind::Complete), special(SelectArmKind::Default));
        self.code.selects.push(SelectSite { in_place, complete: complete.is_some(), default: default.is_some() });
        let n = ordered.len();
        ordered.extend(complete);
        ordered.extend(default);
        let site = (self.code.selects.len() - 1) as u32;
        self.emit(Op::Select(site), span);
        // The winner's index on top, its output below.
        self.push_scope();
        let idx = self.hidden()?;
        self.emit(Op::Store(idx), span);
        let out = self.hidden()?;
        self.emit(Op::Store(out), span);
        let mut ends = Vec::new();
        let depth = self.cur.depth;
        for (i, a) in ordered.iter().enumerate() {
            // `default` is n + 1 even without a `complete` arm.
            let i = if a.kind == SelectArmKind::Default { n + 1 } else { i };
            self.emit(Op::Load(idx), a.pat.span);
            let c = self.konst(Value::Int(i as u64, Some(IntTy::Usize)));
            self.emit(Op::Const(c), a.pat.span);
            self.emit(Op::Binary(BinOp::Eq), a.pat.span);
            let next = self.emit(Op::JumpIfFalse(0), a.pat.span);
            self.push_scope();
            self.emit(Op::Move(out), a.pat.span);
            let psite = self.pattern(&a.pat, false)?;
            let m = self.emit(Op::Match(psite, 0), a.pat.span);
            let skip = self.emit(Op::Jump(0), a.pat.span);
            self.patch(m);
            let msg = self.konst(Value::Str(Rc::from("the output of this future does not match the pattern of its arm")));
            self.emit(Op::Fail(msg), a.pat.span);
            self.patch(skip);
            self.expr(&a.body)?;
            self.pop_scope(a.body.span);
            ends.push(self.emit(Op::Jump(0), a.body.span));
            self.cur.depth = depth;
            self.patch(next);
        }
        let msg = self.konst(Value::Str(Rc::from("select! found no winner")));
        self.emit(Op::Fail(msg), span);
        for e in ends {
            self.patch(e);
        }
        self.cur.depth = depth + 1;
        self.pop_scope(span);
        Ok(())
    }

    fn format(&mut self, kind: FmtKind, dest: Option<&Expr>, f: &Format, span: Span) -> R<()> {
        if let Some(d) = dest {
            self.place(d)?;
        }
        // Arguments: the positional and named ones written, then the variables that named
        // placeholders capture.
        let mut names: Vec<Rc<str>> = Vec::new();
        for (n, e) in &f.args {
            self.place(e)?;
            // `format_args!` borrows each argument: a temporary lives to the end of the
            // statement (`println!("{}", make())` drops it after the line is printed, the
            // arguments latest first).
            if Self::borrows_a_temporary(e) {
                self.keep_temp(e.span)?;
            }
            names.push(n.clone().unwrap_or_else(|| Rc::from("")));
        }
        let positional = f.args.iter().filter(|(n, _)| n.is_none()).count();
        let mut resolve = |this: &mut Self, r: &ArgRef, next: &mut usize| -> R<usize> {
            Ok(match r {
                ArgRef::Next => {
                    let i = *next;
                    *next += 1;
                    i
                }
                ArgRef::Index(i) => *i,
                ArgRef::Name(n) => match names.iter().position(|x| x == n) {
                    Some(i) => i,
                    None => {
                        match this.var(n) {
                            Some(l) => this.load(l, f.span),
                            // Not a local: a `const` or `static` is captured too, as rustc does.
                            None => {
                                let seg = PathSeg { name: n.clone(), generics: Vec::new(), span: f.span };
                                let path = Path { segs: vec![seg], span: f.span };
                                this.path_value(&path, true)
                                    .map_err(|_| LangError::new(f.span, format!("cannot find value `{n}` in this scope")))?;
                            }
                        }
                        names.push(n.clone());
                        names.len() - 1
                    }
                },
            })
        };
        let mut pieces = Vec::new();
        let mut next = 0;
        for p in &f.pieces {
            match p {
                Piece::Lit(s) => pieces.push((Some(s.clone()), None)),
                Piece::Arg(r, spec) => {
                    let w = match &spec.width {
                        Some(Count::Arg(a)) => Some(resolve(self, a, &mut next)?),
                        _ => None,
                    };
                    let pr = match &spec.precision {
                        Some(Count::Arg(a)) => Some(resolve(self, a, &mut next)?),
                        _ => None,
                    };
                    let i = resolve(self, r, &mut next)?;
                    pieces.push((None, Some((i, spec.clone(), w, pr))));
                }
            }
        }
        let _ = positional;
        self.code.fmts.push(FmtSite { kind, pieces, argc: names.len() as u16, has_dest: dest.is_some() });
        let site = (self.code.fmts.len() - 1) as u32;
        self.emit(Op::Format(site), span);
        Ok(())
    }

    // ----- Patterns -----

    fn pattern(&mut self, p: &Pat, by_ref: bool) -> R<u32> {
        let pat = self.cpat(p)?;
        if by_ref {
            self.bound_by_ref(&pat);
        }
        self.code.pats.push(PatSite { pat, by_ref });
        Ok((self.code.pats.len() - 1) as u32)
    }

    /// The names a pattern binds by reference (it matches a reference: Rust's default binding
    /// mode) hold references: a use of one copies it and moves nothing (`for (k, v) in &map {
    /// let w = v; … v … }`). A `mut` binding is by value, as in Rust.
    fn bound_by_ref(&mut self, p: &CPat) {
        match p {
            CPat::Bind(l, _, _, sub) => {
                if !self.info(*l).mutable {
                    self.cur.locals[usize::from(*l)].is_ref = true;
                }
                if let Some(sub) = sub {
                    self.bound_by_ref(sub);
                }
            }
            CPat::Fields(_, ps, _) | CPat::Or(ps) => ps.iter().for_each(|q| self.bound_by_ref(q)),
            CPat::Named(_, _, ps) => ps.iter().for_each(|(_, q)| self.bound_by_ref(q)),
            CPat::Slice(a, rest, b) => {
                a.iter().chain(b).for_each(|q| self.bound_by_ref(q));
                if let Some(Some(r)) = rest {
                    self.bound_by_ref(r);
                }
            }
            CPat::Wild | CPat::Lit(_) | CPat::Range(..) | CPat::Variant(..) | CPat::Deref(_) => {}
        }
    }

    /// `LIMIT => …` of `const LIMIT: i32 = 7;`: the constant's value, compared as a literal's
    /// (a constant written as a literal, or a negated one; a `static` is not a pattern in Rust).
    #[inline(never)]
    fn const_pat(&mut self, k: u32, span: Span) -> R<CPat> {
        let decl = self.const_decls.get(k as usize).cloned();
        let refuse = || {
            LangError::new(
                span,
                "constants in patterns are supported here when written as a literal (`const MAX: u32 = 10;`): compare with `==` in a guard",
            )
        };
        let Some(decl) = decl.filter(|d| !d.is_static) else { return Err(refuse()) };
        // (A constant made of constants is read through them, a bounded number of times.)
        if self.const_depth >= 16 {
            return Err(refuse());
        }
        self.const_depth += 1;
        let v = self.pat_value(&decl.value);
        self.const_depth -= 1;
        let v = v.map_err(|_| refuse())?;
        Ok(CPat::Lit(match (v, decl.ty.int()) {
            (Value::Int(n, None), Some(t)) => Value::Int(n, Some(t)),
            (v, _) => v,
        }))
    }

    fn pat_value(&mut self, e: &Expr) -> R<Value> {
        Ok(match &e.kind {
            ExprKind::Int(n, t) => self.lit_int(*n, *t, e.span)?,
            ExprKind::Unary(UnOp::Neg, inner) => match inner.kind {
                ExprKind::Int(n, t) => Value::Int((-(i128::from(n))) as u64, t),
                _ => return Err(LangError::new(e.span, "expected a literal")),
            },
            ExprKind::Char(c) => Value::Char(*c),
            ExprKind::Str(s) => Value::Str(s.clone()),
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Path(p) => match self.resolve_path(p)? {
                Global::Known(Known::Int(n, t)) => Value::Int(n as u64, Some(t)),
                // `FLOOR..=LIMIT` of the program's constants.
                Global::Const(k) => match self.const_pat(k, e.span)? {
                    CPat::Lit(v) => v,
                    _ => return Err(LangError::new(e.span, "expected a literal")),
                },
                _ => return Err(LangError::new(e.span, "a range pattern's bounds must be literals or integer constants")),
            },
            // `const BIG: u64 = 1 << 40;`: integer arithmetic of literals, folded.
            ExprKind::Binary(op, l, r) => {
                let (Value::Int(a, ta), Value::Int(b, tb)) = (self.pat_value(l)?, self.pat_value(r)?) else {
                    return Err(LangError::new(e.span, "expected a literal"));
                };
                let t = ta.or(tb);
                let (x, y) = (super::value::int_of(a, ta), super::value::int_of(b, tb));
                let v = match op {
                    BinOp::Add => x.checked_add(y),
                    BinOp::Sub => x.checked_sub(y),
                    BinOp::Mul => x.checked_mul(y),
                    BinOp::Shl => u32::try_from(y).ok().filter(|&k| k < 64).and_then(|k| x.checked_mul(1 << k)),
                    BinOp::BitOr => Some(x | y),
                    BinOp::BitAnd => Some(x & y),
                    _ => None,
                };
                match v.filter(|v| i128::from(i64::MIN) <= *v && *v <= i128::from(u64::MAX)) {
                    Some(v) => Value::Int(v as u64, t),
                    None => return Err(LangError::new(e.span, "expected a literal")),
                }
            }
            _ => return Err(LangError::new(e.span, "expected a literal")),
        })
    }

    fn cpat(&mut self, p: &Pat) -> R<CPat> {
        match &p.kind {
            PatKind::Wild | PatKind::Rest => Ok(CPat::Wild),
            _ => self.cpat_rare(p),
        }
    }

    /// The patterns other than `_` (the only one of the step form's programs), in a function of
    /// their own, which an embed's first module does not need (tools/lazy-split splits by
    /// function).
    #[inline(never)]
    fn cpat_rare(&mut self, p: &Pat) -> R<CPat> {
        Ok(match &p.kind {
            PatKind::Wild | PatKind::Rest => CPat::Wild,
            PatKind::Bind { name, by_ref, mutable, sub } => {
                if sub.is_none() && !*by_ref && !*mutable {
                    // A unit variant, unit struct or constant, as Rust decides.
                    if let Some(c) = self.unit_pat(name, p.span)? {
                        return Ok(c);
                    }
                }
                let sub = match sub {
                    Some(s) => Some(Box::new(self.cpat(s)?)),
                    None => None,
                };
                let l = self.declare(name, *mutable, p.span)?;
                // `ref x` (and `ref mut x`) holds a reference: a use of it copies it, and moves
                // nothing out (`seen.push(node); tree = &node.left;`).
                if *by_ref {
                    self.cur.locals[usize::from(l)].is_ref = true;
                }
                let boxed = self.info(l).boxed;
                CPat::Bind(l, boxed, *by_ref, sub)
            }
            PatKind::Lit(e) => CPat::Lit(self.pat_value(e)?),
            PatKind::Range(lo, hi, inclusive) => {
                let lo = match lo {
                    Some(e) => Some(self.pat_value(e)?),
                    None => None,
                };
                let hi = match hi {
                    Some(e) => Some(self.pat_value(e)?),
                    None => None,
                };
                CPat::Range(lo, hi, *inclusive)
            }
            PatKind::Tuple(ps) => {
                let rest = ps.iter().position(|p| matches!(p.kind, PatKind::Rest));
                let items = ps.iter().filter(|p| !matches!(p.kind, PatKind::Rest)).map(|p| self.cpat(p)).collect::<R<Vec<_>>>()?;
                CPat::Fields(None, items, rest)
            }
            PatKind::Slice(ps) => {
                let rest_at = ps.iter().position(|p| {
                    matches!(&p.kind, PatKind::Rest)
                        || matches!(&p.kind, PatKind::Bind { sub: Some(s), .. } if matches!(s.kind, PatKind::Rest))
                });
                match rest_at {
                    None => CPat::Slice(ps.iter().map(|p| self.cpat(p)).collect::<R<Vec<_>>>()?, None, Vec::new()),
                    Some(i) => {
                        let before = ps[..i].iter().map(|p| self.cpat(p)).collect::<R<Vec<_>>>()?;
                        let rest = match &ps[i].kind {
                            PatKind::Bind { name, mutable, .. } => {
                                let l = self.declare(name, *mutable, ps[i].span)?;
                                let boxed = self.info(l).boxed;
                                Some(Box::new(CPat::Bind(l, boxed, false, None)))
                            }
                            _ => None,
                        };
                        let after = ps[i + 1..].iter().map(|p| self.cpat(p)).collect::<R<Vec<_>>>()?;
                        CPat::Slice(before, Some(rest), after)
                    }
                }
            }
            PatKind::Path(path) => match self.resolve_path(path)? {
                Global::Ctor(t, Some(v), 0, _) => CPat::Variant(t, v),
                Global::Ctor(t, None, 0, _) => CPat::Fields(Some((t, None)), Vec::new(), None),
                Global::Known(Known::Variant(t, v, false)) => CPat::Variant(t, v),
                Global::Known(Known::Int(n, t)) => CPat::Lit(Value::Int(n as u64, Some(t))),
                Global::Const(k) => self.const_pat(k, p.span)?,
                _ => return Err(LangError::new(p.span, format!("`{}` is not a unit variant or struct", path.joined()))),
            },
            PatKind::TupleStruct(path, ps) => {
                let (t, v, n) = match self.resolve_path(path)? {
                    Global::Ctor(t, v, n, true) => (t, v, n),
                    Global::Known(Known::Fn(B::Some)) => (ty::OPTION, Some(1), 1),
                    Global::Known(Known::Fn(B::Ok)) => (ty::RESULT, Some(0), 1),
                    Global::Known(Known::Fn(B::Err)) => (ty::RESULT, Some(1), 1),
                    Global::Known(Known::Fn(B::PollReady)) => (ty::POLL, Some(0), 1),
                    Global::Known(Known::Variant(t, v, true)) => (t, Some(v), 1),
                    _ => {
                        return Err(LangError::new(
                            path.span,
                            format!("expected a tuple struct or tuple variant, found `{}`", path.joined()),
                        ))
                    }
                };
                let rest = ps.iter().position(|p| matches!(p.kind, PatKind::Rest));
                let items = ps.iter().filter(|p| !matches!(p.kind, PatKind::Rest)).map(|p| self.cpat(p)).collect::<R<Vec<_>>>()?;
                if rest.is_none() && items.len() != n {
                    return Err(LangError::new(
                        p.span,
                        format!("this pattern has {} field(s), but `{}` has {n}", items.len(), path.joined()),
                    ));
                }
                CPat::Fields(Some((t, v)), items, rest)
            }
            PatKind::Struct(path, fields, rest) => {
                let (t, v) = self.struct_type(path)?;
                let mut out = Vec::new();
                for (name, fp) in fields {
                    let nid = self.name_id(name);
                    let Some(i) = self.code.field_index(t, v, nid) else {
                        return Err(LangError::new(fp.span, format!("`{}` does not have a field named `{name}`", path.joined())));
                    };
                    out.push((i, self.cpat(fp)?));
                }
                let total = match v {
                    Some(v) => self.code.types[t as usize].variants[v as usize].fields.len(),
                    None => self.code.types[t as usize].fields.len(),
                };
                if !rest && out.len() != total {
                    return Err(LangError::new(p.span, format!("pattern does not mention every field of `{}`: add `..`", path.joined())));
                }
                CPat::Named(t, v, out)
            }
            PatKind::Ref(inner, _) => CPat::Deref(Box::new(self.cpat(inner)?)),
            PatKind::Or(alts) => {
                // Every alternative binds the same names, to the same slots.
                let start = self.cur.next;
                let scope_len = self.cur.scopes.last().map_or(0, Vec::len);
                let first = self.cpat(&alts[0])?;
                let bound: Vec<Local> = self.cur.scopes.last().map_or_else(Vec::new, |s| s[scope_len..].to_vec());
                let mut out = vec![first];
                for a in &alts[1..] {
                    // Re-declare at the same slots.
                    if let Some(s) = self.cur.scopes.last_mut() {
                        s.truncate(scope_len);
                    }
                    self.cur.next = start;
                    out.push(self.cpat(a)?);
                    let now: Vec<Local> = self.cur.scopes.last().map_or_else(Vec::new, |s| s[scope_len..].to_vec());
                    if now.len() != bound.len() {
                        return Err(LangError::new(a.span, "every alternative of an `|` pattern must bind the same names"));
                    }
                }
                CPat::Or(out)
            }
        })
    }

    /// A single name in a pattern that is a unit variant, a unit struct or a constant.
    fn unit_pat(&mut self, name: &Rc<str>, span: Span) -> R<Option<CPat>> {
        match self.values.get(name).cloned() {
            Some(Global::Ctor(t, Some(v), 0, _)) => return Ok(Some(CPat::Variant(t, v))),
            Some(Global::Ctor(t, None, 0, _)) => return Ok(Some(CPat::Fields(Some((t, None)), Vec::new(), None))),
            Some(Global::Known(Known::Variant(t, v, false))) => return Ok(Some(CPat::Variant(t, v))),
            Some(Global::Const(k)) => return self.const_pat(k, span).map(Some),
            _ => {}
        }
        if self.values.contains_key(name) {
            return Ok(None);
        }
        if let Some(Known::Variant(t, v, false)) = names::prelude(name) {
            return Ok(Some(CPat::Variant(t, v)));
        }
        Ok(None)
    }
}

/// Whether a pattern binds anything with `ref` or `ref mut`.
fn has_ref_binding(p: &Pat) -> bool {
    match &p.kind {
        PatKind::Bind { by_ref, sub, .. } => *by_ref || sub.as_deref().is_some_and(has_ref_binding),
        PatKind::Tuple(ps) | PatKind::Slice(ps) | PatKind::TupleStruct(_, ps) | PatKind::Or(ps) => ps.iter().any(has_ref_binding),
        PatKind::Struct(_, fs, _) => fs.iter().any(|(_, p)| has_ref_binding(p)),
        PatKind::Ref(p, _) => has_ref_binding(p),
        _ => false,
    }
}

/// `recv` = `it.map(|x| … .collect())` whose result is collected into `t` = `Vec<String>` (any
/// collection of `String`s or of collections, `BTreeSet<BTreeSet<i32>>`): the same with the
/// closure's `collect()` given the item type as a turbofish, which rustc infers from `t`.
/// `None` when `recv` is not such a `map`.
fn inner_collect_typed(recv: &Expr, t: &Type) -> Option<Expr> {
    let item = match t {
        Type::Path(p) => p.segs.last()?.generics.first()?.clone(),
        _ => return None,
    };
    if !matches!(item.name(), Some("String" | "Vec" | "VecDeque")) && item.name().and_then(collection_ty).is_none() {
        return None;
    }
    let typed = |e: &Expr| -> Option<Expr> {
        match &e.kind {
            ExprKind::Method(r, n, sp, a, None) if &**n == "collect" && a.is_empty() => {
                Some(Expr { kind: ExprKind::Method(r.clone(), n.clone(), *sp, Vec::new(), Some(item.clone())), ..e.clone() })
            }
            _ => None,
        }
    };
    map_body_typed(recv, &typed)
}

/// `….map(|x| body)` with the closure's value (its tail) rewritten by `typed`, if it rewrites it.
fn map_body_typed(recv: &Expr, typed: &dyn Fn(&Expr) -> Option<Expr>) -> Option<Expr> {
    let ExprKind::Method(it, m, m_span, m_args, None) = &recv.kind else { return None };
    let [closure] = m_args.as_slice() else { return None };
    if &**m != "map" {
        return None;
    }
    let ExprKind::Closure(params, body, mv) = &closure.kind else { return None };
    let body = match &body.kind {
        ExprKind::Block(b) => {
            let tail = typed(b.tail()?)?;
            let mut b = b.clone();
            if let Some(Stmt::Expr { expr, .. }) = b.stmts.last_mut() {
                *expr = tail;
            }
            Expr { kind: ExprKind::Block(b), ..(**body).clone() }
        }
        _ => typed(body)?,
    };
    let closure = Expr { kind: ExprKind::Closure(params.clone(), Box::new(body), *mv), ..closure.clone() };
    Some(Expr { kind: ExprKind::Method(it.clone(), m.clone(), *m_span, vec![closure], None), ..recv.clone() })
}

impl Compiler<'_> {
    /// `Rc::default()` (and `Arc`'s, a cell's, a lock's, `Default::default()`) where the type of
    /// the value is written (`let r: Rc<RefCell<Vec<u32>>> = Rc::default();`, a struct field of
    /// that type): the default of what it holds, made by the written type, as rustc infers it.
    /// False, and nothing emitted, for anything else.
    fn wrapper_default(&mut self, e: &Expr, t: &Type) -> bool {
        const WRAPPERS: [&str; 7] = ["Rc", "Arc", "RefCell", "Cell", "Mutex", "RwLock", "Box"];
        let ExprKind::Call(f, args) = &e.kind else { return false };
        let (ExprKind::Path(p), Type::Path(tp)) = (&f.kind, t) else { return false };
        if !args.is_empty() || p.segs.len() != 2 || &*p.segs[1].name != "default" || !WRAPPERS.contains(&tp.last()) {
            return false;
        }
        let head = &*p.segs[0].name;
        if head != "Default" && head != tp.last() {
            return false;
        }
        self.code.default_types.push(t.clone());
        let c = self.konst(Value::Int((self.code.default_types.len() - 1) as u64, Some(IntTy::U32)));
        self.emit(Op::Const(c), e.span);
        self.emit(Op::CallBuiltin(B::DefaultOfType, 1), e.span);
        true
    }
}

/// `t` (a `Result<_, E>`) with its first type argument `first` (`Result<P, E>`).
fn with_first_generic(t: &Type, first: Type) -> Option<Type> {
    let mut t = t.clone();
    let Type::Path(p) = &mut t else { return None };
    *p.segs.last_mut()?.generics.first_mut()? = first;
    Some(t)
}

/// The built-in map or set a type's name stands for (`HashSet` → [`ty::SET`]).
fn collection_ty(name: &str) -> Option<TyId> {
    Some(match name {
        "HashMap" => ty::MAP,
        "BTreeMap" => ty::BTREE_MAP,
        "HashSet" => ty::SET,
        "BTreeSet" => ty::BTREE_SET,
        "BinaryHeap" => ty::HEAP,
        _ => return None,
    })
}

/// The default value of a built-in type.
/// Whether `t` names one of `generics`.
fn mentions(t: &Type, generics: &[Rc<str>]) -> bool {
    match t {
        Type::Path(p) => p.segs.iter().any(|s| generics.contains(&s.name) || s.generics.iter().any(|g| mentions(g, generics))),
        Type::Ref(_, inner) => mentions(inner, generics),
        Type::Tuple(ts) => ts.iter().any(|x| mentions(x, generics)),
        _ => false,
    }
}

/// `|| T::default()`, for [`names::DEFAULT_WITH`].
fn default_closure(tname: &str, span: Span) -> Expr {
    let seg = |n: &str| PathSeg { name: Rc::from(n), generics: Vec::new(), span };
    let f = Expr { kind: ExprKind::Path(Path { segs: vec![seg(tname), seg("default")], span }), span };
    Expr { kind: ExprKind::Closure(Vec::new(), Box::new(Expr { kind: ExprKind::Call(Box::new(f), Vec::new()), span }), false), span }
}

fn default_builtin(b: BTy) -> Value {
    match b {
        BTy::Int(t) => Value::Int(0, Some(t)),
        BTy::Bool => Value::Bool(false),
        BTy::Char => Value::Char('\0'),
        BTy::String => Value::string(String::new()),
        BTy::Vec => Value::vec(Vec::new()),
        BTy::VecDeque => Value::Obj(super::value::Obj::new(ty::DEQUE, false, super::value::Data::Deque(std::collections::VecDeque::new()))),
        BTy::HashMap => Value::empty_collection(ty::MAP),
        BTy::BTreeMap => Value::empty_collection(ty::BTREE_MAP),
        BTy::HashSet => Value::empty_collection(ty::SET),
        BTy::BTreeSet => Value::empty_collection(ty::BTREE_SET),
        BTy::BinaryHeap => Value::empty_collection(ty::HEAP),
        BTy::Option => Value::none(),
        BTy::Duration => Value::Dur(std::time::Duration::ZERO),
        BTy::Float(t) => Value::Float(0.0, Some(t)),
        _ => Value::Unit,
    }
}

/// Why `?` cannot be used in the body of `decl`, if its return type says so before running (no
/// return type, or one of std's types that are not `Result`, `Option` or `Poll`): rustc's E0277.
/// A type the language does not know (a generic, an alias of the program's) is left alone.
fn no_try(decl: &FnDecl) -> Option<&'static str> {
    let plain = match &decl.ret {
        None => true,
        Some(t) => {
            t.int().is_some()
                || matches!(t.name(), Some("bool" | "char" | "String" | "str" | "Vec" | "VecDeque" | "HashMap" | "Duration" | "Instant"))
        }
    };
    match (plain, decl.is_async) {
        (false, _) => None,
        (true, false) => Some("the `?` operator can only be used in a function that returns `Result` or `Option`: this one does not"),
        (true, true) => Some("the `?` operator can only be used in an async function that returns `Result` or `Option`: this one does not"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_check_compiles_a_program_once_and_every_run_starts_from_that_code() {
        let p = super::super::parse("async fn main() {\n    let x = 1 + 2;\n}\n").expect("parses");
        // `parse` checked it, which compiled it: the code is kept beside the program.
        let kept = p.compiled.0.get().cloned().and_then(|c| c.downcast::<Code>().ok()).expect("compiled by the check");
        let (a, b) = (compiled(&p).expect("compiles"), compiled(&p).expect("compiles"));
        assert!(Rc::ptr_eq(&a, &kept) && Rc::ptr_eq(&b, &kept));
        // A clone of the program shares it; a program built without the check compiles on first use.
        assert!(Rc::ptr_eq(&compiled(&p.clone()).expect("compiles"), &kept));
        let fresh = Program { compiled: Compiled::default(), ..p.clone() };
        let c = compiled(&fresh).expect("compiles");
        assert!(!Rc::ptr_eq(&c, &kept) && c.funcs.len() == kept.funcs.len());
    }
}
