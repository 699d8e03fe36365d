//! The syntax tree of a program.

use std::rc::Rc;

use super::lexer::Span;

/// A whole program: its `async fn`s, and `main`, which is one of them or a plain `fn main()`
/// that spawns tasks (as the book's `main` does with its `Spawner`).
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    /// In source order.
    pub fns: Vec<FnDef>,
    /// The number literal of every `sleep(…)` and `TimerFuture::new(Duration::from_millis(…))`,
    /// in source order: the numbers a live edit can change in a running program.
    pub durations: Vec<Span>,
}

impl Program {
    /// The function named `name`, with its index.
    pub fn find(&self, name: &str) -> Option<(usize, &FnDef)> {
        self.fns.iter().enumerate().find(|(_, f)| f.name == name)
    }
}

/// `async fn name(params) { body }`, or `fn main() { body }`.
#[derive(Clone, Debug, PartialEq)]
pub struct FnDef {
    /// Its name.
    pub name: String,
    /// `async fn` (every function but a plain `fn main`).
    pub is_async: bool,
    /// Where the name is.
    pub span: Span,
    /// Parameter names (all u64).
    pub params: Vec<(Rc<str>, Span)>,
    /// Its body.
    pub body: Block,
}

/// `{ statements }`. Its value is its last statement's, when that is an expression without `;`.
#[derive(Clone, Debug, PartialEq)]
pub struct Block {
    /// The statements.
    pub stmts: Vec<Stmt>,
    /// From `{` to `}`.
    pub span: Span,
    /// Whether any statement awaits.
    pub awaits: bool,
    /// Whether it declares variables of its own (a `let`): only then has it a scope to drop.
    pub binds: bool,
}

/// A pattern on the left of `let`, or in a `select!` arm.
#[derive(Clone, Debug, PartialEq)]
pub enum Pat {
    /// A name (`mut` allowed); shared, so binding it copies no text.
    Bind(Rc<str>, Span),
    /// `_`.
    Wild,
    /// `(a, b, _)`.
    Tuple(Vec<Pat>),
}

/// A statement.
#[derive(Clone, Debug, PartialEq)]
pub enum Stmt {
    /// `let pat = value;`
    Let {
        /// What it binds.
        pat: Pat,
        /// The value.
        value: Expr,
        /// The whole statement.
        span: Span,
    },
    /// `name = value;` or `name op= value;`
    Assign {
        /// The variable.
        name: String,
        /// `+=` and friends.
        op: Option<BinOp>,
        /// The value.
        value: Expr,
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
    /// `for var in from..to { body }` (`..=` inclusive).
    For {
        /// The loop variable.
        var: Pat,
        /// Start.
        from: Expr,
        /// End.
        to: Expr,
        /// `..=`.
        inclusive: bool,
        /// The body.
        body: Block,
        /// `for … in …`.
        span: Span,
    },
    /// `while cond { body }`
    While {
        /// The condition.
        cond: Expr,
        /// The body.
        body: Block,
        /// `while`.
        span: Span,
    },
    /// `loop { body }`
    Loop {
        /// The body.
        body: Block,
        /// `loop`.
        span: Span,
    },
    /// `break;`
    Break(Span),
    /// `continue;`
    Continue(Span),
    /// `return value;`
    Return(Option<Expr>, Span),
}

impl Stmt {
    /// Whether running it may await.
    pub fn awaits(&self) -> bool {
        match self {
            Stmt::Let { value, .. } | Stmt::Assign { value, .. } => value.awaits,
            Stmt::Expr { expr, .. } => expr.awaits,
            Stmt::For { from, to, body, .. } => from.awaits || to.awaits || body.awaits,
            Stmt::While { cond, body, .. } => cond.awaits || body.awaits,
            Stmt::Loop { body, .. } => body.awaits,
            Stmt::Return(Some(e), _) => e.awaits,
            Stmt::Break(_) | Stmt::Continue(_) | Stmt::Return(None, _) => false,
        }
    }
}

/// Binary operators, on u64 and bool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    /// `+`, checked.
    Add,
    /// `-`, checked.
    Sub,
    /// `*`, checked.
    Mul,
    /// `/`, checked.
    Div,
    /// `%`, checked.
    Rem,
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

/// An arm of `select!`: `pat = future => body`.
#[derive(Clone, Debug, PartialEq)]
pub struct SelectArm {
    /// Binds the winner's output.
    pub pat: Pat,
    /// The future.
    pub fut: Expr,
    /// Runs if this arm wins.
    pub body: Expr,
}

/// A piece of a `println!` format string.
#[derive(Clone, Debug, PartialEq)]
pub enum Piece {
    /// Text as is.
    Lit(String),
    /// `{}`: the next argument.
    Next,
    /// `{name}`: a variable, captured.
    Var(String),
}

/// An expression, with its span and whether evaluating it may await.
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where.
    pub span: Span,
    /// Whether evaluating it may await (then it runs on the async path).
    pub awaits: bool,
}

/// The kinds of expression.
#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    /// `42`
    Int(u64),
    /// `true`, `false`
    Bool(bool),
    /// `"text"`
    Str(String),
    /// `()`
    Unit,
    /// A variable.
    Var(String),
    /// `(a, b)`
    Tuple(Vec<Expr>),
    /// `!e`
    Not(Box<Expr>),
    /// `a op b`
    Binary(BinOp, Box<Expr>, Box<Expr>),
    /// `f(args)`, `Type::f(args)`: the path's segments joined by `::`.
    Call(String, Vec<Expr>),
    /// `e.await`; the span is the whole expression.
    Await(Box<Expr>),
    /// `println!("…", args)`: the format string's pieces, and the arguments.
    Println(Vec<Piece>, Vec<Expr>),
    /// `join!(a, b, …)`: awaits every future, gives a tuple.
    Join(Vec<Expr>),
    /// `select! { … }`: awaits the first to finish, drops the others.
    Select(Vec<SelectArm>),
    /// `if cond { … } else …`
    If(Box<Expr>, Block, Option<Box<Expr>>),
    /// `{ … }`
    Block(Block),
}
