//! The syntax tree of a program: Rust's everyday core (items, types, patterns, expressions).
//!
//! Types are kept as written; the evaluator reads only what it needs of them (integer types of
//! literals, whether a parameter is a reference, the type a struct literal or `Default` names).

use std::rc::Rc;

use super::lexer::{FloatTy, IntTy, Span};

/// A whole program.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// Its items, in source order.
    pub items: Vec<Item>,
    /// The number literal of every `sleep(…)` and `TimerFuture::new(Duration::from_millis(…))`,
    /// in source order: the numbers a live edit can change in a running program.
    pub durations: Vec<Span>,
    /// The call behind each of those literals: (the call's span, the literal's span).
    pub duration_calls: Vec<(Span, Span)>,
    /// Whether a `let` or a `for` binds an untyped integer literal: only then does the compiler
    /// read which type rustc gives the function's untyped integers (`intdefault.rs`).
    pub(crate) untyped_ints: bool,
    /// Whether it writes a raw pointer type (`*const T`, `*mut T`): only then does `&*p` look
    /// for a raw pointer to take the reference from.
    pub(crate) raw_ptrs: bool,
    /// Its compiled code, once the check has compiled it: a run starts from it rather than
    /// compiling the program again.
    pub(crate) compiled: Compiled,
}

/// A program's compiled code, kept beside it (derived from it: equal whenever the programs are).
/// The syntax tree does not know the compiler's types: `compile.rs` puts its `Code` here.
#[derive(Clone, Default)]
pub(crate) struct Compiled(pub(crate) std::cell::OnceCell<Rc<dyn std::any::Any>>);

impl std::fmt::Debug for Compiled {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(if self.0.get().is_some() { "compiled" } else { "not compiled" })
    }
}

impl PartialEq for Compiled {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Program {
    /// The free function named `name`.
    pub fn find(&self, name: &str) -> Option<&Rc<FnDecl>> {
        self.items.iter().find_map(|i| match i {
            Item::Fn(f) if &*f.name == name => Some(f),
            _ => None,
        })
    }

    /// The free functions, in source order.
    pub fn fns(&self) -> impl Iterator<Item = &Rc<FnDecl>> {
        self.items.iter().filter_map(|i| match i {
            Item::Fn(f) => Some(f),
            _ => None,
        })
    }
}

/// A path: `a::b::C`, maybe with generic arguments (`Vec::<u8>::new`).
#[derive(Clone, Debug, PartialEq)]
pub struct Path {
    /// Its segments.
    pub segs: Vec<PathSeg>,
    /// The whole path.
    pub span: Span,
}

impl Path {
    /// The segments' names joined by `::`.
    pub fn joined(&self) -> String {
        self.segs.iter().map(|s| &*s.name).collect::<Vec<_>>().join("::")
    }

    /// The last segment's name.
    pub fn last(&self) -> &str {
        self.segs.last().map_or("", |s| &s.name)
    }

    /// A one-segment path's name.
    pub fn single(&self) -> Option<&Rc<str>> {
        match self.segs.as_slice() {
            [s] => Some(&s.name),
            _ => None,
        }
    }
}

/// One segment of a path.
#[derive(Clone, Debug, PartialEq)]
pub struct PathSeg {
    /// The name.
    pub name: Rc<str>,
    /// Generic arguments written on it.
    pub generics: Vec<Type>,
    /// Where the name is.
    pub span: Span,
}

/// A type as written.
#[derive(Clone, Debug, PartialEq)]
pub enum Type {
    /// `u64`, `Vec<T>`, `std::sync::Arc<Mutex<State>>`, `Self`.
    Path(Path),
    /// `&T`, `&mut T`, `&'a T`.
    Ref(bool, Box<Type>),
    /// `(A, B)`; `()` is the empty tuple.
    Tuple(Vec<Type>),
    /// `[T; N]`, with `N` when it is written as a number.
    Array(Box<Type>, Option<u64>),
    /// `[T]`.
    Slice(Box<Type>),
    /// `*const T` (`false`) or `*mut T` (`true`).
    Ptr(bool, Box<Type>),
    /// `impl Trait + …`, `dyn Trait + …`, `fn(A) -> B`: what the evaluator does not need.
    Opaque,
    /// `_`.
    Infer,
    /// `!`.
    Never,
}

impl Type {
    /// Its text as written, without where: `Vec<u8>`, `&str`, `(i32, f64)` (for messages, and
    /// to tell two written types apart).
    pub fn text(&self) -> String {
        let list = |ts: &[Type]| ts.iter().map(Type::text).collect::<Vec<_>>().join(", ");
        match self {
            Type::Path(p) => p
                .segs
                .iter()
                .map(|s| if s.generics.is_empty() { s.name.to_string() } else { format!("{}<{}>", s.name, list(&s.generics)) })
                .collect::<Vec<_>>()
                .join("::"),
            Type::Ref(m, inner) => format!("&{}{}", if *m { "mut " } else { "" }, inner.text()),
            Type::Tuple(items) => format!("({})", list(items)),
            Type::Array(inner, Some(n)) => format!("[{}; {n}]", inner.text()),
            Type::Array(inner, None) => format!("[{}; _]", inner.text()),
            Type::Slice(inner) => format!("[{}]", inner.text()),
            Type::Ptr(m, inner) => format!("*{} {}", if *m { "mut" } else { "const" }, inner.text()),
            Type::Opaque => "impl _".into(),
            Type::Infer => "_".into(),
            Type::Never => "!".into(),
        }
    }

    /// Whether it is `Arc<Self>` or `Rc<Self>` (a method's receiver that is the handle).
    pub fn is_shared_self(&self) -> bool {
        match self {
            Type::Path(p) => p.segs.last().is_some_and(|s| {
                matches!(&*s.name, "Arc" | "Rc") && matches!(s.generics.as_slice(), [Type::Path(q)] if q.last() == "Self")
            }),
            _ => false,
        }
    }

    /// The integer type it names, if it is one.
    pub fn int(&self) -> Option<IntTy> {
        match self {
            Type::Path(p) => p.single().and_then(|n| IntTy::from_name(n)),
            _ => None,
        }
    }

    /// The float type it names, if it names one.
    pub fn float(&self) -> Option<FloatTy> {
        match self {
            Type::Path(p) => p.single().and_then(|n| FloatTy::from_name(n)),
            _ => None,
        }
    }

    /// The integer type of a sequence's items: `Vec<u8>`, `VecDeque<u8>`, `[u8; 4]`, `[u8]`.
    pub fn items_int(&self) -> Option<IntTy> {
        match self {
            Type::Array(inner, _) | Type::Slice(inner) => inner.int(),
            Type::Path(p) if matches!(p.segs.last().map(|s| &*s.name), Some("Vec" | "VecDeque")) => {
                p.segs.last().and_then(|s| s.generics.first()).and_then(Type::int)
            }
            _ => None,
        }
    }

    /// Whether it is a reference type.
    pub fn is_ref(&self) -> bool {
        matches!(self, Type::Ref(..))
    }

    /// The last path segment's name (`Arc` for `std::sync::Arc<…>`).
    pub fn name(&self) -> Option<&str> {
        match self {
            Type::Path(p) => Some(p.last()),
            _ => None,
        }
    }
}

/// An item of the program.
#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// `fn` or `async fn`.
    Fn(Rc<FnDecl>),
    /// `struct`.
    Struct(Rc<StructDecl>),
    /// `enum`.
    Enum(Rc<EnumDecl>),
    /// `impl Type { … }` or `impl Trait for Type { … }`.
    Impl(Rc<ImplDecl>),
    /// `trait Name { … }`.
    Trait(Rc<TraitDecl>),
    /// `const NAME: T = value;` or `static NAME: T = value;`.
    Const(Rc<ConstDecl>),
    /// `use a::b::{c, d as e};`: each name it brings in, with its full path.
    Use(Vec<UseName>),
}

/// A name a `use` brings in.
#[derive(Clone, Debug, PartialEq)]
pub struct UseName {
    /// The name in scope (`*` for a glob).
    pub name: Rc<str>,
    /// The full path, segment by segment.
    pub path: Vec<Rc<str>>,
    /// Where it is written.
    pub span: Span,
}

/// How a method takes `self`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelfKind {
    /// `self` (or `mut self`).
    Value,
    /// `&self`.
    Ref,
    /// `&mut self`.
    RefMut,
    /// `self: Arc<Self>` or `self: Rc<Self>`: the handle itself, by value.
    Shared,
    /// `self: &Arc<Self>` or `self: &Rc<Self>`: the handle, borrowed.
    SharedRef,
    /// `self: Pin<&mut Self>` and other typed receivers.
    Typed,
}

/// A function or method.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDecl {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// `async fn`.
    pub is_async: bool,
    /// Its generic type parameters' names.
    pub generics: Vec<Rc<str>>,
    /// How it takes `self`, for a method.
    pub self_kind: Option<SelfKind>,
    /// `mut self`.
    pub self_mut: bool,
    /// Its other parameters.
    pub params: Vec<Param>,
    /// Its return type, if written.
    pub ret: Option<Type>,
    /// Its body (`None` in a trait, for a method without a default).
    pub body: Option<Block>,
}

/// A parameter: a pattern and its type.
#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    /// The pattern (usually a name).
    pub pat: Pat,
    /// Its type.
    pub ty: Type,
}

/// `struct`.
#[derive(Clone, Debug, PartialEq)]
pub struct StructDecl {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// Its fields.
    pub fields: Fields,
    /// What `#[derive(…)]` lists.
    pub derives: Vec<Rc<str>>,
    /// Its generic type parameters' names.
    pub generics: Vec<Rc<str>>,
}

/// The fields of a struct or an enum variant.
#[derive(Clone, Debug, PartialEq)]
pub enum Fields {
    /// `{ a: T, b: U }`.
    Named(Vec<(Rc<str>, Type, Span)>),
    /// `(T, U)`.
    Tuple(Vec<Type>),
    /// Nothing.
    Unit,
}

impl Fields {
    /// How many there are.
    pub fn len(&self) -> usize {
        match self {
            Fields::Named(f) => f.len(),
            Fields::Tuple(t) => t.len(),
            Fields::Unit => 0,
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The type of field `i`.
    pub fn ty(&self, i: usize) -> Option<&Type> {
        match self {
            Fields::Named(f) => f.get(i).map(|f| &f.1),
            Fields::Tuple(t) => t.get(i),
            Fields::Unit => None,
        }
    }
}

/// `enum`.
#[derive(Clone, Debug, PartialEq)]
pub struct EnumDecl {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// Its variants: name, fields, where.
    pub variants: Vec<(Rc<str>, Fields, Span)>,
    /// What `#[derive(…)]` lists.
    pub derives: Vec<Rc<str>>,
    /// Each variant's discriminant (`Red = 0xff0000`), written or counted on from the one
    /// before (the first 0), when any is written; empty otherwise.
    pub discriminants: Vec<i128>,
    /// The variant marked `#[default]`.
    pub default_variant: Option<u32>,
    /// Its generic type parameters' names.
    pub generics: Vec<Rc<str>>,
}

/// `impl`.
#[derive(Clone, Debug, PartialEq)]
pub struct ImplDecl {
    /// The trait, for `impl Trait for Type`.
    pub trait_: Option<Path>,
    /// The type.
    pub ty: Type,
    /// Its functions.
    pub fns: Vec<Rc<FnDecl>>,
    /// Its associated consts.
    pub consts: Vec<Rc<ConstDecl>>,
    /// `impl`.
    pub span: Span,
    /// `impl<T: Bound> Trait for T`: for every type (a blanket impl).
    pub blanket: bool,
    /// `impl<L: Logger + ?Sized> Logger for &L` (or `&mut L`, `Box<L>`) whose methods call
    /// `L`'s: a method called on a reference reaches `L`'s already, so there is nothing to add.
    pub forwards: bool,
    /// Its type parameters' names (`impl<T: Wake> Adapter<T>`).
    pub generics: Vec<Rc<str>>,
}

/// `trait`.
#[derive(Clone, Debug, PartialEq)]
pub struct TraitDecl {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// Its methods, with or without a default body.
    pub fns: Vec<Rc<FnDecl>>,
    /// Its associated consts (`const LEGS: u32;`), each with its default value if written.
    pub consts: Vec<TraitConst>,
}

/// An associated const a trait declares.
#[derive(Clone, Debug, PartialEq)]
pub struct TraitConst {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// `const N: u32 = 4;`: the value an impl that does not write one gets.
    pub default: Option<Rc<ConstDecl>>,
}

/// `const` or `static`.
#[derive(Clone, Debug, PartialEq)]
pub struct ConstDecl {
    /// Its name.
    pub name: Rc<str>,
    /// Where the name is.
    pub span: Span,
    /// Its type.
    pub ty: Type,
    /// Its value.
    pub value: Expr,
    /// `static`: one value for the whole run (made at its first use), not a new one at each
    /// use as a `const`'s.
    pub is_static: bool,
    /// A `static` of `thread_local! { … }`: one value for each thread, made at its first use
    /// there.
    pub thread_local: bool,
}

/// `{ statements }`. Its value is its last statement's, when that is an expression without `;`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
}

impl Block {
    /// The expression whose value the block has, if its last statement is one without `;`.
    pub fn tail(&self) -> Option<&Expr> {
        match self.stmts.last() {
            Some(Stmt::Expr { expr, semi: false }) => Some(expr),
            _ => None,
        }
    }
}

/// A pattern, with where it is.
#[derive(Clone, Debug, PartialEq)]
pub struct Pat {
    /// What it is.
    pub kind: PatKind,
    /// Where.
    pub span: Span,
}

/// The kinds of pattern.
#[derive(Clone, Debug, PartialEq)]
pub enum PatKind {
    /// `_`.
    Wild,
    /// `..` inside a tuple pattern.
    Rest,
    /// `name`, `mut name`, `ref name`, `ref mut name`, `name @ pat`. A single name may turn out
    /// to be a unit variant or a constant (`None`): the compiler decides.
    Bind {
        /// The name.
        name: Rc<str>,
        /// `ref`.
        by_ref: bool,
        /// `mut`.
        mutable: bool,
        /// `@ pat`.
        sub: Option<Box<Pat>>,
    },
    /// A literal: a number (maybe negative), a char, a string, a bool.
    Lit(Box<Expr>),
    /// `a..=b`, `a..b`, `a..`, `..=b`.
    Range(Option<Box<Expr>>, Option<Box<Expr>>, bool),
    /// `(a, b)`.
    Tuple(Vec<Pat>),
    /// `[a, b, rest @ ..]`.
    Slice(Vec<Pat>),
    /// A path: a unit variant, unit struct or constant (`Poll::Pending`).
    Path(Path),
    /// `Some(x)`, `Point(a, b)`.
    TupleStruct(Path, Vec<Pat>),
    /// `Point { x, y: 0, .. }`: the fields, and whether `..` ends it.
    Struct(Path, Vec<(Rc<str>, Pat)>, bool),
    /// `&pat`, `&mut pat`.
    Ref(Box<Pat>, bool),
    /// `a | b`.
    Or(Vec<Pat>),
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `let pat: ty = init else { … };`
    Let {
        /// What it binds.
        pat: Pat,
        /// Its type, if written.
        ty: Option<Type>,
        /// The value.
        init: Option<Expr>,
        /// `else { … }` (let-else).
        els: Option<Block>,
        /// The whole statement.
        span: Span,
    },
    /// An expression; `semi` when a `;` follows.
    Expr {
        /// The expression.
        expr: Expr,
        /// Whether its value is thrown away.
        semi: bool,
    },
}

/// Binary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `%`
    Rem,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    Shl,
    /// `>>`
    Shr,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `&&`, short-circuit.
    And,
    /// `||`, short-circuit.
    Or,
}

impl BinOp {
    /// The `std::ops` trait of an arithmetic or bitwise operator and its method (`Add`, `add`).
    pub fn op_trait(self) -> Option<(&'static str, &'static str)> {
        Some(match self {
            BinOp::Add => ("Add", "add"),
            BinOp::Sub => ("Sub", "sub"),
            BinOp::Mul => ("Mul", "mul"),
            BinOp::Div => ("Div", "div"),
            BinOp::Rem => ("Rem", "rem"),
            BinOp::BitAnd => ("BitAnd", "bitand"),
            BinOp::BitOr => ("BitOr", "bitor"),
            BinOp::BitXor => ("BitXor", "bitxor"),
            BinOp::Shl => ("Shl", "shl"),
            BinOp::Shr => ("Shr", "shr"),
            _ => return None,
        })
    }

    /// How Rust writes it.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Rem => "%",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::Shl => "<<",
            BinOp::Shr => ">>",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::And => "&&",
            BinOp::Or => "||",
        }
    }
}

/// Unary operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnOp {
    /// `-`
    Neg,
    /// `!`
    Not,
    /// `*`
    Deref,
}

/// An arm of `select!`: `pat = future => body`, or futures' `complete => body` and
/// `default => body` (whose `pat` is `_` and `fut` is `()`).
#[derive(Clone, Debug, PartialEq)]
pub struct SelectArm {
    /// Binds the winner's output.
    pub pat: Pat,
    /// The future.
    pub fut: Expr,
    /// Runs if this arm wins.
    pub body: Expr,
    /// Which kind of arm.
    pub kind: SelectArmKind,
}

/// The kinds of `select!` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SelectArmKind {
    /// `pat = future => body`: runs when the future is the first ready.
    Future,
    /// `complete => body`: runs when every future has finished (is terminated).
    Complete,
    /// `default => body`: runs at once when no future is ready.
    Default,
}

/// An arm of `match`.
#[derive(Clone, Debug, PartialEq)]
pub struct Arm {
    /// The pattern.
    pub pat: Pat,
    /// `if guard`.
    pub guard: Option<Expr>,
    /// The value.
    pub body: Expr,
}

/// Which argument a format placeholder takes.
#[derive(Clone, Debug, PartialEq)]
pub enum ArgRef {
    /// `{}`: the next one.
    Next,
    /// `{0}`.
    Index(usize),
    /// `{name}`: a variable, captured (or a named argument).
    Name(Rc<str>),
}

/// How a placeholder formats: `{:>8}`, `{:?}`, `{:#x}`, `{:05}`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Spec {
    /// The fill character (default space).
    pub fill: Option<char>,
    /// `<`, `^` or `>`.
    pub align: Option<char>,
    /// `+`.
    pub plus: bool,
    /// `#`.
    pub alternate: bool,
    /// `0`.
    pub zero: bool,
    /// The width: a number, or an argument (`width$`).
    pub width: Option<Count>,
    /// `.precision`.
    pub precision: Option<Count>,
    /// `?`, `x`, `X`, `b`, `o`, or nothing for Display.
    pub kind: Option<char>,
    /// `x?` or `X?`: Debug with its integers in hex (`kind` is `?`).
    pub debug_hex: Option<char>,
}

/// A width or precision.
#[derive(Clone, Debug, PartialEq)]
pub enum Count {
    /// Written as a number.
    Fixed(usize),
    /// Taken from an argument.
    Arg(ArgRef),
}

/// A piece of a format string.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text as is.
    Lit(Rc<str>),
    /// A placeholder.
    Arg(ArgRef, Box<Spec>),
}

/// What a formatting macro does with its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FmtKind {
    /// `print!`
    Print,
    /// `println!`
    Println,
    /// `eprint!`
    Eprint,
    /// `eprintln!`
    Eprintln,
    /// `format!`
    Format,
    /// `panic!`
    Panic,
    /// `unreachable!`
    Unreachable,
    /// `todo!`
    Todo,
    /// `unimplemented!`
    Unimplemented,
    /// `write!(dest, …)`
    Write,
    /// `writeln!(dest, …)`
    Writeln,
}

/// A format string with its arguments (`println!("{} {x:?}", a)`).
#[derive(Clone, Debug, PartialEq)]
pub struct Format {
    /// The pieces.
    pub pieces: Vec<Piece>,
    /// The arguments, positional then named (`name = value`).
    pub args: Vec<(Option<Rc<str>>, Expr)>,
    /// The format string.
    pub span: Span,
}

/// An expression, with its span.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `42`, `7u8`
    Int(u64, Option<IntTy>),
    /// `2.5`, `1e3f32`
    Float(f64, Option<FloatTy>),
    /// `true`, `false`
    Bool(bool),
    /// `'c'`
    Char(char),
    /// `"text"`
    Str(Rc<str>),
    /// `()`
    Unit,
    /// A variable, a function, a constant, a unit struct or variant: a path.
    Path(Path),
    /// `(a, b)`
    Tuple(Vec<Expr>),
    /// `[a, b]`
    Array(Vec<Expr>),
    /// `[value; n]`
    Repeat(Box<Expr>, Box<Expr>),
    /// `Name { a: 1, b, ..base }`
    Struct(Path, Vec<(Rc<str>, Expr)>, Option<Box<Expr>>),
    /// `-e`, `!e`, `*e`
    Unary(UnOp, Box<Expr>),
    /// `&e`, `&mut e`
    Ref(bool, Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `place = value`
    Assign(Box<Expr>, Box<Expr>),
    /// `place op= value`
    AssignOp(BinOp, Box<Expr>, Box<Expr>),
    /// `e as T`
    Cast(Box<Expr>, Type),
    /// `f(args)`
    Call(Box<Expr>, Vec<Expr>),
    /// `recv.name::<T>(args)`, with where the name is, and the turbofish's first type.
    Method(Box<Expr>, Rc<str>, Span, Vec<Expr>, Option<Type>),
    /// `e.name`
    Field(Box<Expr>, Rc<str>),
    /// `e.0`
    TupleField(Box<Expr>, u32),
    /// `e[i]`
    Index(Box<Expr>, Box<Expr>),
    /// `a..b`, `a..=b`, `a..`, `..b`
    Range(Option<Box<Expr>>, Option<Box<Expr>>, bool),
    /// `e?`
    Try(Box<Expr>),
    /// `e.await`; the span is the whole expression.
    Await(Box<Expr>),
    /// `{ … }`
    Block(Block),
    /// `async { … }`, `async move { … }`
    Async(Block, bool),
    /// `if cond { … } else …` (the condition may be a `let`)
    If(Box<Expr>, Block, Option<Box<Expr>>),
    /// `let pat = e`, as the condition of `if` or `while`.
    Let(Box<Pat>, Box<Expr>),
    /// `match e { arms }`
    Match(Box<Expr>, Vec<Arm>),
    /// `'label: while cond { … }`
    While(Option<Rc<str>>, Box<Expr>, Block),
    /// `'label: loop { … }`
    Loop(Option<Rc<str>>, Block),
    /// `'a: { … }`: a block that `break 'a value` leaves.
    LabeledBlock(Rc<str>, Block),
    /// `'label: for pat in iter { … }`
    For(Option<Rc<str>>, Box<Pat>, Box<Expr>, Block),
    /// `break 'label value`
    Break(Option<Rc<str>>, Option<Box<Expr>>),
    /// `continue 'label`
    Continue(Option<Rc<str>>),
    /// `return value`
    Return(Option<Box<Expr>>),
    /// `move |params| body`: parameters, the body, `move`.
    Closure(Vec<Param>, Box<Expr>, bool),
    /// `println!`, `format!`, `panic!`, `write!` and friends; `write!`'s destination first.
    Fmt(FmtKind, Option<Box<Expr>>, Box<Format>),
    /// `vec![a, b]`
    Vec(Vec<Expr>),
    /// `vec![value; n]`
    VecRepeat(Box<Expr>, Box<Expr>),
    /// `assert!(cond)`, `assert!(cond, "…", args)`, with the condition's text for the message
    /// (its tokens as written, whitespace between them made one space).
    Assert(Box<Expr>, Option<Box<Format>>, Rc<str>),
    /// `assert_eq!(a, b)` (`true`) and `assert_ne!(a, b)` (`false`)
    AssertEq(bool, Box<Expr>, Box<Expr>, Option<Box<Format>>),
    /// `matches!(e, pat if guard)`
    Matches(Box<Expr>, Box<Pat>, Option<Box<Expr>>),
    /// `join!(a, b, …)`: awaits every future, gives a tuple; `try_join!(a, b, …)` (`true`): of
    /// futures whose outputs are `Result`s, gives `Ok` of the tuple of their `Ok` values, or the
    /// first `Err`.
    Join(Vec<Expr>, bool),
    /// `select! { … }`: awaits the first to finish, drops the others.
    Select(Vec<SelectArm>),
    /// `pin!(fut)`
    Pin(Box<Expr>),
}

impl ExprKind {
    /// Whether it ends a statement without a `;` (an `if`, a `match`, a loop, a block).
    pub fn block_like(&self) -> bool {
        matches!(
            self,
            ExprKind::Block(_)
                | ExprKind::Async(..)
                | ExprKind::If(..)
                | ExprKind::Match(..)
                | ExprKind::While(..)
                | ExprKind::Loop(..)
                | ExprKind::LabeledBlock(..)
                | ExprKind::For(..)
                | ExprKind::Select(_)
        )
    }
}

/// Calls `f` on `e` and every expression inside it.
pub(crate) fn walk_expr(e: &Expr, f: &mut dyn FnMut(&Expr)) {
    f(e);
    match &e.kind {
        ExprKind::Tuple(es) | ExprKind::Array(es) | ExprKind::Vec(es) | ExprKind::Join(es, _) => es.iter().for_each(|x| walk_expr(x, f)),
        ExprKind::Repeat(a, b)
        | ExprKind::VecRepeat(a, b)
        | ExprKind::Binary(_, a, b)
        | ExprKind::Assign(a, b)
        | ExprKind::AssignOp(_, a, b)
        | ExprKind::Index(a, b) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        ExprKind::AssertEq(_, a, b, _) => {
            walk_expr(a, f);
            walk_expr(b, f);
        }
        ExprKind::Struct(_, fs, base) => {
            fs.iter().for_each(|(_, x)| walk_expr(x, f));
            if let Some(b) = base {
                walk_expr(b, f);
            }
        }
        ExprKind::Unary(_, x)
        | ExprKind::Ref(_, x)
        | ExprKind::Cast(x, _)
        | ExprKind::Field(x, _)
        | ExprKind::TupleField(x, _)
        | ExprKind::Try(x)
        | ExprKind::Await(x)
        | ExprKind::Pin(x)
        | ExprKind::Assert(x, _, _)
        | ExprKind::Let(_, x)
        | ExprKind::Closure(_, x, _) => walk_expr(x, f),
        ExprKind::Call(x, args) | ExprKind::Method(x, _, _, args, _) => {
            walk_expr(x, f);
            args.iter().for_each(|a| walk_expr(a, f));
        }
        ExprKind::Range(a, b, _) => [a, b].into_iter().flatten().for_each(|x| walk_expr(x, f)),
        ExprKind::Block(b) | ExprKind::Async(b, _) | ExprKind::Loop(_, b) | ExprKind::LabeledBlock(_, b) => walk_block(b, f),
        ExprKind::If(c, t, e2) => {
            walk_expr(c, f);
            walk_block(t, f);
            if let Some(x) = e2 {
                walk_expr(x, f);
            }
        }
        ExprKind::While(_, c, b) | ExprKind::For(_, _, c, b) => {
            walk_expr(c, f);
            walk_block(b, f);
        }
        ExprKind::Match(s, arms) => {
            walk_expr(s, f);
            for a in arms {
                if let Some(g) = &a.guard {
                    walk_expr(g, f);
                }
                walk_expr(&a.body, f);
            }
        }
        ExprKind::Return(v) | ExprKind::Break(_, v) => {
            if let Some(x) = v {
                walk_expr(x, f);
            }
        }
        ExprKind::Fmt(_, t, fm) => {
            if let Some(x) = t {
                walk_expr(x, f);
            }
            fm.args.iter().for_each(|(_, a)| walk_expr(a, f));
        }
        ExprKind::Matches(x, _, g) => {
            walk_expr(x, f);
            if let Some(g) = g {
                walk_expr(g, f);
            }
        }
        ExprKind::Select(arms) => {
            for a in arms {
                walk_expr(&a.fut, f);
                walk_expr(&a.body, f);
            }
        }
        _ => {}
    }
}

/// Calls `f` on every expression of the block's statements, and every expression inside them.
pub(crate) fn walk_block(b: &Block, f: &mut dyn FnMut(&Expr)) {
    for s in &b.stmts {
        match s {
            Stmt::Let { init, els, .. } => {
                if let Some(i) = init {
                    walk_expr(i, f);
                }
                if let Some(b) = els {
                    walk_block(b, f);
                }
            }
            Stmt::Expr { expr, .. } => walk_expr(expr, f),
        }
    }
}
