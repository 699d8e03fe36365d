//! A program compiled once: functions as op lists over slots, names resolved, types laid out.
//!
//! The evaluator ([`super::vm`]) steps these ops; a pending `.await` keeps its frame's `pc` at the
//! `Await` op, so the same code runs whether or not anything waits.

use std::collections::HashMap;
use std::rc::Rc;

use super::ast::{BinOp, FmtKind, SelfKind, Spec};
use super::lexer::{IntTy, Span};
use super::names::B;
use super::value::{TyId, Value};

/// A slot of a frame's variables.
pub type Local = u16;

/// One step of the evaluator. Operands come from, and results go to, the frame's value stack.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Op {
    /// Counts a statement (or a loop's turn) against the budgets, and runs pending drops.
    Tick,
    /// Pushes a constant.
    Const(u32),
    /// Pushes `()`.
    Unit,
    /// Drops the top value.
    Pop,
    /// Pushes a local as a place is read: the same handle, not moved.
    Load(Local),
    /// Pushes a local by value: copied if it is `Copy`, else moved out.
    Move(Local),
    /// Pops into a local, dropping what it held.
    Store(Local),
    /// Turns a local's value into a shared place (it is borrowed or captured).
    Box(Local),
    /// [`Op::Load`] of a boxed local.
    LoadBox(Local),
    /// [`Op::Move`] of a boxed local.
    MoveBox(Local),
    /// [`Op::Store`] into a boxed local.
    StoreBox(Local),
    /// `&local` / `&mut local` (the local is boxed).
    RefLocal(Local),
    /// Drops a local at the end of its scope, then any pending `Drop`s.
    DropLocal(Local),
    /// After `let (a, b) = local;` bound every field: the local is moved out if any field is
    /// not `Copy` (else it stays, as its fields were copied).
    Destructured(Local),
    /// [`Op::DropLocal`] then [`Op::Jump`] (a loop's body ends, and its turn begins again).
    DropJump(Local, u32),
    /// Replaces an aggregate on top by its copy if it is `Copy` (a read by value of a place).
    ToVal,
    /// `e.name`: the field, as a place is read.
    Field(u32),
    /// [`Op::Load`] then [`Op::Field`]: a local's field, read without copying the local.
    LoadField(Local, u32),
    /// `e.0`.
    TupleField(u32),
    /// `e.name = v` (pops `v`, then `e`).
    SetField(u32),
    /// `e.0 = v`.
    SetTupleField(u32),
    /// `e.name op= v` as one op (pops `v`, then `e`): the field read, `op` applied, the result
    /// written back, with `e` evaluated once.
    AssignOpField(BinOp, u32),
    /// `e.0 op= v`.
    AssignOpTupleField(BinOp, u32),
    /// [`Op::Const`] then [`Op::AssignOpField`]: `e.name op= constant` (`self.left -= 1`).
    ConstAssignOpField(BinOp, u32, u32),
    /// [`Op::Load`] then [`Op::ConstAssignOpField`]: `local.name op= constant`, the local's
    /// aggregate changed where it is, without pushing it.
    LocalConstAssignOpField(Local, BinOp, u32, u32),
    /// [`Op::Load`] then [`Op::CallMethod`] of a `waker()` site (`cx.waker()`): the local's
    /// `Context` read for its waker, without a copy of it.
    LoadWaker(Local, u32),
    /// `&e.name`.
    RefField(u32),
    /// `&e.0`.
    RefTupleField(u32),
    /// `e[i]`.
    Index,
    /// `e[i] = v` (pops `v`, `i`, `e`).
    SetIndex,
    /// `&e[i]`.
    RefIndex,
    /// `&mut e[a..b]`: the elements where they are ([`super::value::Ptr::Slice`]), not a copy.
    RefSliceMut,
    /// `*e`.
    Deref,
    /// `*e = v` (pops `v`, then `e`).
    StoreDeref,
    /// `*x = v` of a local `x` (pops `v`, then `x`'s value): through the reference it holds,
    /// or, when it holds a number, a `char`, a `bool` (a `Box<u32>`, which is its value here),
    /// into `x` itself.
    StoreDerefLocal(Local),
    /// `*p.f = v`, `*p.0 = v`, `*v[i] = v` (pops `v`, then a reference to the place): through
    /// the reference the place holds, or, when it holds a number, a `char` or a `bool` (a field
    /// or an element that is a `Box<u32>`), into the place itself, as `StoreDerefLocal` does for
    /// a variable.
    StoreDerefPlace,
    /// `&e` of a temporary: the value itself.
    RefTemp,
    /// A temporary on top that a by-reference use borrows (`make().name()`, `make().0`,
    /// `m.lock().unwrap().push(1)`): a handle of it is kept in the local until the end of its
    /// statement (or of its `if`/`while` condition, or its loop's turn), where a `DropLocal` lets
    /// it go, as Rust drops temporaries there. Only a value whose drop can be seen is kept
    /// ([`super::value::Value::drop_matters`]).
    KeepTemp(Local),
    /// `-e`.
    Neg,
    /// `!e`.
    Not,
    /// `a op b`.
    Binary(BinOp),
    /// [`Op::Const`] then [`Op::Binary`]: `a op constant` (`i < 10`, `n - 1`).
    ConstBinary(BinOp, u32),
    /// The value `a op= b` stores: `a op b`, or a program's own `*_assign` method called on `a`.
    BinaryAssign(BinOp),
    /// `e as T`.
    Cast(Cast),
    /// Gives an integer literal its type from where it goes (`let x: u8 = 5`).
    Coerce(IntTy),
    /// Gives a value the collection or inner integer type written for it.
    Convert(Convert),
    /// Jumps.
    Jump(u32),
    /// Pops a bool; jumps if false.
    JumpIfFalse(u32),
    /// Jumps if the top bool is false (kept), for `&&`.
    AndJump(u32),
    /// Jumps if the top bool is true (kept), for `||`.
    OrJump(u32),
    /// Calls a sync function of the program with `n` arguments.
    Call(u32, u8),
    /// A `static`'s value (by constant index): made by its function at the first use, then the
    /// same one (its handle) at every use.
    Static(u32),
    /// Calls an `async fn`: makes its future.
    CallAsync(u32, u8),
    /// `f(args).await` of an `async fn`: runs its body in place, in this stack.
    CallAwait(u32, u8),
    /// Calls the function, closure or built-in below its `n` arguments.
    CallValue(u8),
    /// `let m = h.b;`: the named field of the struct on top, moved out of it when it is not
    /// `Copy` (the slot left moved, as a partial move leaves it), unless the struct has a `Drop`
    /// of its own, which rustc forbids moving out of; then as [`Op::Field`].
    MoveField(u32),
    /// `T::zero` or `T::LEGS` in a generic function: the associated function (or the function
    /// of the associated const) named by the text constant `.0` of the type of the value on top
    /// (of its first element, if `.1`), which a parameter of type `T` (or `&[T]`, `Vec<T>`)
    /// holds.
    AssocOf(u32, bool),
    /// Calls a built-in with `n` arguments.
    CallBuiltin(B, u8),
    /// A method call; the site says which name, how many arguments, and caches the target.
    CallMethod(u32),
    /// Returns the top value.
    Return,
    /// Makes a tuple of the top `n`.
    MakeTuple(u16),
    /// Makes an array of the top `n`.
    MakeArray(u16),
    /// `[v; n]` (pops `n`, then `v`).
    Repeat,
    /// `vec![v; n]`.
    VecRepeat,
    /// Makes a `Vec` of the top `n`.
    MakeVec(u16),
    /// Makes a struct of its type's fields, in declaration order.
    MakeStruct(TyId, u16),
    /// Makes an enum variant: type, variant, field count.
    MakeVariant(TyId, u16, u16),
    /// `S { f: v, ..base }`: sets fields of the struct on top (moved out of `base`), by site.
    StructUpdate(u32),
    /// Makes a closure (by site: the function and its captures).
    MakeClosure(u32),
    /// Makes an `async` block's future (by site).
    MakeAsync(u32),
    /// `a..b`: which ends are there (bit 0 start, bit 1 end), and bit 2 for `..=`.
    MakeRange(u8),
    /// Turns the top value into an iterator (`for`'s `IntoIterator`).
    IntoIter,
    /// Pushes the next item of the iterator in the local, or jumps when it is done.
    IterNext(Local, u32),
    /// [`Op::IterNext`] then [`Op::Store`] of the item into the second local.
    IterNextStore(Local, Local, u32),
    /// Matches the top value against a pattern (by site), binding its names; jumps if it fails.
    Match(u32, u32),
    /// `e.await`: polls the future on top (by site); stays here while it is pending.
    Await(u32),
    /// `yield_now().await`, the future kept in the fiber rather than made as a value (it can
    /// be nothing but awaited here): Pending once after waking the task, then `()`.
    AwaitYield(u32),
    /// [`Op::AwaitYield`] whose `()` is dropped: it leaves nothing (`yield_now().await;`).
    AwaitYieldPop(u32),
    /// The second half of awaiting a user `impl Future`: its `poll` returned the `Poll` on top.
    AwaitPolled(u32),
    /// `join!` of the top `n` futures.
    Join(u16),
    /// `try_join!` of the top `n` futures.
    TryJoin(u16),
    /// `select!` of the top `n` futures (by site): pushes the winner's output, then its index.
    Select(u32),
    /// `e?`: unwraps `Ok`/`Some`, or returns the `Err`/`None`: as it is (0), in `Poll::Ready`
    /// (1: a `-> Poll<Result<…>>`), or in `Poll::Ready(Some(…))` (2: `-> Poll<Option<Result<…>>>`).
    Try(u8),
    /// Formats the pieces (by site) with the top `n` arguments; what it then does depends on kind.
    Format(u32),
    /// A failed `assert!`: the message is on top (or a constant, by site).
    Panic(u32),
    /// Stops the task with an error (a refutable pattern in `let`, …), by constant.
    Fail(u32),
}

/// What a written type turns a value into (`let s: String = chars.collect()`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Convert {
    /// A `Vec` of chars or strings into a `String`.
    String,
    /// A `Vec` (or an array) into a `VecDeque`.
    Deque,
    /// `x.into()` a `Vec`: an array's or a `VecDeque`'s items, a string's bytes.
    IntoVec,
    /// `x.into()` an `Option`: `Some(x)`.
    IntoSome,
    /// A `Vec` (or an array) of pairs into a map, or of items into a set, of this type
    /// (`HashMap`, `BTreeMap`, `HashSet`, `BTreeSet`): a later key wins, a `BTree` one is put
    /// in key order.
    Collection(TyId),
    /// The integer inside an `Ok` or `Some` into this type (`parse::<u32>()`).
    Inner(IntTy),
    /// A `Vec`'s, `VecDeque`'s or array's untyped integers into this type (`let v: Vec<u8>`).
    Items(IntTy),
    /// A tuple's untyped integers into the types of [`Code::tuple_ints`]`[site]`
    /// (`let t: (u8, i8)`).
    Tuple(u32),
    /// A float written where a float type is (`let x: f32 = 0.1`): a literal takes the type
    /// (an `f32` is rounded to one); a float of the other type, or an integer, is an error.
    Float(super::lexer::FloatTy),
    /// A map whose type is written (`HashMap<String, Vec<&str>>`): its value type, by
    /// [`Code::default_types`] site, for `entry(k).or_default()` before it holds any value.
    MapDefault(u32),
    /// `T::try_from(n)`: `Ok(n)` as a `T` if it fits, else `Err`.
    TryInt(IntTy),
    /// `T::from(v)` (and `v.into()` into a `T`) of a program's type with several `From` impls:
    /// the one whose source type `v` has ([`TypeInfo::froms`]).
    From(TyId),
    /// `T::try_from(v)` (and `v.try_into()` into a `T`) of a program's type with several
    /// `TryFrom` impls: the one whose source type `v` has ([`TypeInfo::try_froms`]).
    TryFrom(TyId),
    /// `e?` in a function that returns `Result<_, T>`: an `Err(v)` becomes `Err(T::from(v))`,
    /// as `?` converts the error (unchanged if `v` is a `T` already).
    ErrFrom(TyId),
    /// `*y` of a program's type with a `Deref` impl (`MyBox`): what its `deref` leads to.
    DerefOwn,
    /// `*b = v` of a program's type with a `DerefMut` impl: the reference its `deref_mut`
    /// gives, to write through.
    DerefMutOwn,
    /// A parameter `&T` given a program's type that derefs to `T` (`hello(&my_box)` into
    /// `name: &str`): deref coercion, by its `deref` impls, until the type is `T` (a program's
    /// type, or `None` for a built-in one).
    DerefTo(Option<TyId>),
    /// `&base.f as *const T`: a raw pointer to the field (by name id) of the aggregate on top.
    RawField(u32),
    /// `&base.0 as *const T`: the same, of a tuple field (by index).
    RawTupleField(u32),
    /// `&v[i] as *const T`: a raw pointer to the element (the index on top, the `Vec`, array or
    /// `VecDeque` under it).
    RawIndex,
    /// `&x as *const T` of any other place: the reference on top as a raw pointer.
    RawPtr,
    /// `&*p`: of a raw pointer to a place, the reference it holds (anything else stays).
    RawDeref,
    /// `x.into()` into a built-in type with the program's `impl From<Own> for` it: the `from`
    /// of `x`'s type, if there is one (anything else stays, for what follows).
    OwnInto(TyId),
}

/// The source type of an `impl From<S> for T`, as a value at run time shows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FromKey {
    /// An integer type (an untyped integer matches any).
    Int(IntTy),
    /// `bool`.
    Bool,
    /// `char`.
    Char,
    /// `String` or `&str`.
    Str,
    /// A parse error (`ParseIntError` and its kin).
    ParseError,
    /// A type of the program.
    Own(TyId),
    /// A tuple of this many elements.
    Tuple(usize),
    /// An array (`[T; N]`).
    Array,
    /// A slice, a `Vec` or an array (`&[T]`, `Vec<T>`): after [`FromKey::Array`] in a list.
    Slice,
    /// A type the playground cannot tell at run time (a generic, `Box<dyn Error>`): matches
    /// what no other impl does.
    Any,
}

/// What `as` converts to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cast {
    /// An integer type.
    Int(IntTy),
    /// `char` (from `u8`).
    Char,
    /// A float type.
    Float(super::lexer::FloatTy),
    /// A raw pointer type (`*const T`, `*mut T`): from a raw pointer only.
    Ptr,
    /// `bool` is not a cast target; anything else is refused at compile time.
    Same,
}

/// A compiled function: a free `fn`, a method, a closure, an `async` block, or a constant.
#[derive(Debug)]
pub struct Func {
    /// Its name, for messages and task names (`worker`, `TimerFuture::poll`, `closure`).
    pub name: Rc<str>,
    /// Its ops.
    pub ops: Vec<Op>,
    /// Where each op comes from.
    pub spans: Vec<Span>,
    /// How many arguments it takes (`self` included), captures not counted.
    pub params: u16,
    /// How many captures it has (they come after the arguments, as boxed locals).
    pub captures: u16,
    /// How many local slots it needs (arguments and captures included).
    pub locals: u16,
    /// `async`: a call makes a future.
    pub is_async: bool,
    /// A hand-written `Future::poll`: each statement it runs is named in the trace, so its
    /// lines light while it is polled.
    pub traced: bool,
    /// How a method takes `self`.
    pub self_kind: Option<SelfKind>,
    /// A method of an impl for a reference type (`impl IntoIterator for &mut Polygon`): its
    /// `self` by value is a reference, so a call does not move the receiver.
    pub ref_impl: bool,
    /// Integer types of its parameters, for literals passed in (up to the last typed one).
    pub param_ints: Vec<Option<IntTy>>,
    /// Float types of its parameters, likewise (`fn f(x: f32)` called with `f(0.1)`).
    pub param_floats: Vec<Option<super::lexer::FloatTy>>,
    /// Where it is declared.
    pub span: Span,
}

/// A method-call site: the name, the arguments, and what it resolved to last time.
#[derive(Debug)]
pub struct MethodSite {
    /// The method's name (interned).
    pub name: u32,
    /// The name.
    pub text: Rc<str>,
    /// Arguments, not counting the receiver.
    pub argc: u8,
    /// The receiver is a local that a by-value `self` would move out of.
    pub recv_local: Option<(Local, bool)>,
    /// A built-in method of this name takes its receiver by value (`unwrap`, `wake`, …).
    pub consumes: bool,
    /// The name is one of the methods every value has (`clone`, `eq`, `as_mut`, …).
    pub universal: bool,
    /// A method the site can run without the general look-up, on its one built-in receiver.
    pub hot: Hot,
}

/// A method call a poll makes every time, run straight away when its receiver is the built-in
/// kind that has it: the program's own types never are, so the meaning is the general look-up's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Hot {
    /// Any other method, or the same name on another receiver: the general look-up.
    No,
    /// `cx.waker()` on a `Context`.
    Waker,
    /// `wake_by_ref()` on the `&Waker` that `cx.waker()` gave.
    WakeByRef,
}

impl Hot {
    /// The fast path a call of `name` with `argc` arguments may take.
    pub fn of(name: &str, argc: usize) -> Hot {
        match (name, argc) {
            ("waker", 0) => Hot::Waker,
            ("wake_by_ref", 0) => Hot::WakeByRef,
            _ => Hot::No,
        }
    }
}

/// A closure or `async` block site: its function and where each capture comes from.
#[derive(Clone, Debug)]
pub struct ClosureSite {
    /// Its function.
    pub func: u32,
    /// Each capture: the enclosing frame's local, and whether it is moved in (`move`) rather
    /// than shared.
    pub captures: Vec<(Local, bool)>,
    /// A `move` closure: it owns what it captured (a copy of it is a copy of each).
    pub is_move: bool,
}

/// A compiled pattern.
#[derive(Clone, Debug)]
pub enum CPat {
    /// `_`, `..`.
    Wild,
    /// A name: its local, whether boxed, by reference, and a sub-pattern.
    Bind(Local, bool, bool, Option<Box<CPat>>),
    /// A literal value.
    Lit(Value),
    /// `lo..=hi`, `lo..hi`: bounds and inclusive.
    Range(Option<Value>, Option<Value>, bool),
    /// A tuple or tuple struct's fields (`Some(x)` included): type and variant (if an enum)
    /// to check, then the sub-patterns with `..` expanded at `rest` (position, count before).
    Fields(Option<(TyId, Option<u32>)>, Vec<CPat>, Option<usize>),
    /// A struct's named fields: type and variant, then (field index, pattern).
    Named(TyId, Option<u32>, Vec<(u32, CPat)>),
    /// A unit variant or unit struct.
    Variant(TyId, u32),
    /// `&p`.
    Deref(Box<CPat>),
    /// `a | b`.
    Or(Vec<CPat>),
    /// `[a, b, rest @ ..]`: before the rest, the rest's binding, after it.
    Slice(Vec<CPat>, Option<Option<Box<CPat>>>, Vec<CPat>),
}

/// A pattern site: the pattern, and whether the value it matches is a reference (the names
/// then bind references, as Rust's default binding modes do).
#[derive(Clone, Debug)]
pub struct PatSite {
    /// The pattern.
    pub pat: CPat,
    /// Matching through a reference.
    pub by_ref: bool,
}

/// A placeholder of a format site: its argument's position, its spec, and the positions of the
/// arguments its width and precision come from (`{:>1$}`).
pub type Placeholder = (usize, Box<Spec>, Option<usize>, Option<usize>);

/// A `select!` site.
#[derive(Clone, Debug)]
pub struct SelectSite {
    /// For each future, whether it is polled in place (a variable).
    pub in_place: Vec<bool>,
    /// Whether it has a `complete => …` arm (its index: the number of futures).
    pub complete: bool,
    /// Whether it has a `default => …` arm (its index: the number of futures, plus one).
    pub default: bool,
}

/// A `format!`-like site.
#[derive(Clone, Debug)]
pub struct FmtSite {
    /// What to do with the text.
    pub kind: FmtKind,
    /// The pieces: literal text, or a placeholder.
    pub pieces: Vec<(Option<Rc<str>>, Option<Placeholder>)>,
    /// How many arguments are on the stack.
    pub argc: u16,
    /// For `write!`: the destination is below the arguments.
    pub has_dest: bool,
}

/// Per-type facts the evaluator needs.
#[derive(Debug, Default)]
pub struct TypeInfo {
    /// Its name.
    pub name: Rc<str>,
    /// A fieldless enum's discriminants, when one is written (`as` casts to them).
    pub discriminants: Vec<i128>,
    /// Field names of a struct (empty strings for a tuple struct's).
    pub fields: Vec<Rc<str>>,
    /// Integer types of the fields, for literals.
    pub field_ints: Vec<Option<IntTy>>,
    /// Integer types of the items of fields that are sequences (`Vec<u8>`), for literals.
    pub field_items: Vec<Option<IntTy>>,
    /// The fields' types as written (for `#[derive(Default)]`).
    pub field_tys: Vec<super::ast::Type>,
    /// The fields' names interned (`u32::MAX` for a name no code uses), once compiled.
    pub field_ids: Vec<u32>,
    /// It is `Copy` (derives or implements it), once compiled.
    pub is_copy: bool,
    /// Its fields written as maps with a value type: (field, [`Code::default_types`] site).
    pub map_defaults: Vec<(u32, u32)>,
    /// How many `impl From<ThisType> for …` the program has, when more than one: `x.into()`
    /// needs a written type to pick.
    pub into_targets: u32,
    /// It is not `Unpin`: a field of it is written `PhantomPinned`, or is of such a type of the
    /// program's (once compiled).
    pub not_unpin: bool,
    /// Whether it is a tuple struct.
    pub tuple: bool,
    /// Variants of an enum: name, field names, tuple-like, field integer types.
    pub variants: Vec<Variant>,
    /// Whether it is an enum.
    pub is_enum: bool,
    /// A struct with type parameters (`Wrapper<T>`): a value's own type arguments are not
    /// kept, which `std::any` says where they matter.
    pub generic: bool,
    /// An enum's variant marked `#[default]`, which `#[derive(Default)]` makes.
    pub default_variant: Option<u32>,
    /// Derived (or implemented) traits it has: `Copy`, `Clone`, `Debug`, `Default`,
    /// `PartialEq`, …
    pub derives: Vec<Rc<str>>,
    /// Its methods (inherent and from traits), by interned name.
    pub methods: HashMap<u32, u32>,
    /// Its associated functions and methods by name, for `Type::name` paths.
    pub assoc: HashMap<Rc<str>, u32>,
    /// Its associated constants.
    pub consts: HashMap<Rc<str>, u32>,
    /// The traits it implements.
    pub traits: Vec<Rc<str>>,
    /// Its `Drop::drop`.
    pub drop: Option<u32>,
    /// Its `Future::poll`.
    pub poll: Option<u32>,
    /// Its `From` impls: each one's source type and `from` function.
    pub froms: Vec<(FromKey, u32)>,
    /// Its `TryFrom` impls, likewise (`impl TryFrom<(i16, i16, i16)>` beside
    /// `impl TryFrom<&[i16]>`).
    pub try_froms: Vec<(FromKey, u32)>,
    /// Methods it has from several impls of one generic trait (`impl Mul<i32> for V` and
    /// `impl Mul<V> for V`), by interned name: each one's trait argument and function. A call
    /// picks by its first argument. Of two for one kind of value, `impl Power<u32>` comes before
    /// `impl Power<&u32>` (a reference to a literal is its value here).
    pub overloads: HashMap<u32, Vec<(FromKey, u32)>>,
    /// The overloads whose trait argument is a reference (`impl Power<&u32> for u32`): a call
    /// whose argument is a reference picks one of them first.
    pub ref_overloads: Vec<u32>,
}

impl FromKey {
    /// Whether a value of this kind is one of the type `self` stands for.
    pub fn fits(self, v: &Value) -> bool {
        use super::value::{ty, Native};
        match (self, v) {
            (FromKey::Int(i), Value::Int(_, t)) => t.is_none_or(|x| x == i),
            (FromKey::Bool, Value::Bool(_)) | (FromKey::Char, Value::Char(_)) | (FromKey::Str, Value::Str(_)) => true,
            (FromKey::Str, Value::Obj(o)) => o.ty == ty::STRING,
            (FromKey::Own(u), Value::Obj(o)) => o.ty == u,
            (FromKey::Tuple(n), Value::Obj(o)) => {
                o.ty == ty::TUPLE && o.data.try_borrow().is_ok_and(|d| matches!(&*d, super::value::Data::Fields(f) if f.len() == n))
            }
            (FromKey::Array, Value::Obj(o)) => o.ty == ty::ARRAY,
            (FromKey::Slice, Value::Obj(o)) => matches!(o.ty, ty::VEC | ty::ARRAY),
            (FromKey::ParseError, Value::Native(n)) => matches!(&**n, Native::IntError(_)),
            _ => false,
        }
    }
}

/// Which of `choices` takes `arg` (a value, not a reference to one): the first whose type it
/// has, else one for a type the playground cannot tell ([`FromKey::Any`]).
/// [`pick`], for an argument (read through references) that was (`by_ref`) or was not a
/// reference: an overload of the same kind of reference first.
pub fn pick_by_ref(choices: &[(FromKey, u32)], arg: &Value, refs: &[u32], by_ref: bool) -> Option<u32> {
    choices.iter().find(|(k, f)| k.fits(arg) && refs.contains(f) == by_ref).map(|&(_, f)| f).or_else(|| pick(choices, arg))
}

pub fn pick(choices: &[(FromKey, u32)], arg: &Value) -> Option<u32> {
    choices.iter().find(|(k, _)| k.fits(arg)).or_else(|| choices.iter().find(|(k, _)| *k == FromKey::Any)).map(|&(_, f)| f)
}

/// An enum variant.
#[derive(Debug, Default, Clone)]
pub struct Variant {
    /// Its name.
    pub name: Rc<str>,
    /// Field names (empty strings for a tuple variant's).
    pub fields: Vec<Rc<str>>,
    /// The fields' names interned, as [`TypeInfo::field_ids`].
    pub field_ids: Vec<u32>,
    /// Whether it is a tuple variant (or unit).
    pub tuple: bool,
    /// Integer types of the fields.
    pub field_ints: Vec<Option<IntTy>>,
    /// Integer types of the items of fields that are sequences.
    pub field_items: Vec<Option<IntTy>>,
}

impl TypeInfo {
    /// Whether it has (derives or implements) `name`.
    pub fn has(&self, name: &str) -> bool {
        self.derives.iter().any(|d| &**d == name) || self.traits.iter().any(|d| &**d == name)
    }
}

/// A program, compiled.
#[derive(Debug, Default)]
pub struct Code {
    /// Every function.
    pub funcs: Vec<Func>,
    /// Constants of the ops.
    pub consts: Vec<Value>,
    /// Every type, built-in ones first.
    pub types: Vec<TypeInfo>,
    /// Interned names (methods and fields).
    pub names: Vec<Rc<str>>,
    /// Method-call sites.
    pub methods: Vec<MethodSite>,
    /// Closure and `async` block sites.
    pub closures: Vec<ClosureSite>,
    /// Pattern sites.
    pub pats: Vec<PatSite>,
    /// Format sites.
    pub fmts: Vec<FmtSite>,
    /// `select!` sites.
    pub selects: Vec<SelectSite>,
    /// Tuple types written for a value: each element's integer type.
    pub tuple_ints: Vec<Vec<Option<IntTy>>>,
    /// Types whose `Default::default()` a program asks for by site (`let t: (i32, String) =
    /// Default::default()`, a map's value type for `entry(k).or_default()`).
    pub default_types: Vec<super::ast::Type>,
    /// Struct-update sites: the struct's type and the fields set, in order.
    pub updates: Vec<(TyId, Vec<u32>)>,
    /// `.await` sites: what is awaited, for the await tree (`await`, `join!`, `select!`).
    pub awaits: Vec<&'static str>,
    /// The constants' initializers (functions of no arguments), evaluated on first use.
    pub const_fns: Vec<u32>,
    /// Which of them are `static`s.
    pub statics: Vec<bool>,
    /// Which of those are `thread_local!`'s: one value for each thread.
    pub thread_locals: Vec<u32>,
    /// The program's types by name.
    pub type_ids: HashMap<Rc<str>, TyId>,
    /// It can block a thread at all: it spawns a thread, sleeps, parks, makes a channel, a
    /// `Condvar` or a `Barrier`, or calls `block_on` ([`crate::play::lang::names::B::may_block`]).
    pub may_block: bool,
    /// Which function is `main`.
    pub main: u32,
    /// Whether `main` is `async`.
    pub main_async: bool,
    /// Whether `main` returns a `Result` (an `Err` ends the program as an error, as `Termination`
    /// makes it: `Error: {e:?}`).
    pub main_result: bool,
    /// Trait default methods by trait and name, for types that implement the trait without them.
    pub name_ids: HashMap<Rc<str>, u32>,
    /// The methods of the program's blanket impls (`impl<I: Iterator> RevSorted for I {}`), by
    /// name: what a value of any type has when neither its own type nor std gives the name.
    pub blanket: HashMap<u32, u32>,
    /// The primitive types the program implements its own traits for (`impl Double for i32`),
    /// each with a type of its own that holds those methods.
    pub prims: Vec<(Prim, TyId)>,
}

/// A primitive type, as a program's `impl` of its own trait names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Prim {
    /// An integer type.
    Int(IntTy),
    /// `bool`.
    Bool,
    /// `char`.
    Char,
    /// `str` (and `&str`).
    Str,
    /// A float type.
    Float(super::lexer::FloatTy),
}

impl Prim {
    /// The primitive type `name` is (`u8`, `bool`, `str`), if it is one.
    pub fn from_name(name: &str) -> Option<Prim> {
        if let Some(t) = IntTy::from_name(name) {
            return Some(Prim::Int(t));
        }
        if let Some(t) = super::lexer::FloatTy::from_name(name) {
            return Some(Prim::Float(t));
        }
        Some(match name {
            "bool" => Prim::Bool,
            "char" => Prim::Char,
            "str" => Prim::Str,
            _ => return None,
        })
    }
}

impl Code {
    /// The type that holds the program's methods for a primitive value's type (an untyped
    /// integer literal is an `i32`, or the one integer type given the method `name`, as rustc
    /// infers it), if the program implements any of its traits for it.
    #[inline(never)]
    pub fn prim_ty(&self, v: &Value, name: u32) -> Option<TyId> {
        let has = |t: TyId| self.types.get(t as usize).is_some_and(|i| i.methods.contains_key(&name));
        let find = |p: Prim| self.prims.iter().find(|(q, _)| *q == p).map(|(_, t)| *t).filter(|t| has(*t));
        match v {
            Value::Int(_, Some(t)) => find(Prim::Int(*t)),
            Value::Int(_, None) => find(Prim::Int(IntTy::I32))
                .or_else(|| self.prims.iter().find(|(p, t)| matches!(p, Prim::Int(_)) && has(*t)).map(|(_, t)| *t)),
            Value::Float(_, t) => find(Prim::Float(t.unwrap_or(super::lexer::FloatTy::F64))),
            Value::Bool(_) => find(Prim::Bool),
            Value::Char(_) => find(Prim::Char),
            Value::Str(_) => find(Prim::Str),
            _ => None,
        }
    }

    /// The interned id of `name`, if any code uses it.
    pub fn name_id(&self, name: &str) -> Option<u32> {
        self.name_ids.get(name).copied()
    }

    /// A struct's field by its interned name, as [`Code::field_index`] finds it once compiled:
    /// for the evaluator's fast paths (`None` sends them to the general one).
    #[inline(always)]
    pub fn struct_field_index(&self, ty: TyId, name: u32) -> Option<usize> {
        self.types.get(ty as usize)?.field_ids.iter().position(|&f| f == name)
    }

    /// The index of field `name` of type `ty` (a struct, or an enum's `variant`).
    pub fn field_index(&self, ty: TyId, variant: Option<u32>, name: u32) -> Option<u32> {
        let t = self.types.get(ty as usize)?;
        let (fields, ids) = match variant {
            Some(v) => {
                let v = t.variants.get(v as usize)?;
                (&v.fields, &v.field_ids)
            }
            None => (&t.fields, &t.field_ids),
        };
        // Compiled: interned ids compare as integers. While compiling: by text.
        if ids.len() == fields.len() {
            return ids.iter().position(|&f| f == name).map(|i| i as u32);
        }
        let text = self.names.get(name as usize)?;
        fields.iter().position(|f| f == text).map(|i| i as u32)
    }

    /// Interns every type's field names, for [`Code::field_index`] at run time, and notes which
    /// types are `Copy`.
    pub fn finish_types(&mut self) {
        let ids = |names: &HashMap<Rc<str>, u32>, fields: &[Rc<str>]| -> Vec<u32> {
            fields.iter().map(|f| names.get(f).copied().unwrap_or(u32::MAX)).collect()
        };
        for t in &mut self.types {
            t.is_copy = t.has("Copy");
            t.field_ids = ids(&self.name_ids, &t.fields);
            for v in &mut t.variants {
                v.field_ids = ids(&self.name_ids, &v.fields);
            }
        }
        if self.types.iter().any(|t| t.field_tys.iter().any(|f| matches!(f, super::ast::Type::Path(p) if p.last() == "PhantomPinned"))) {
            self.mark_not_unpin();
        }
    }

    /// [`TypeInfo::not_unpin`] of every type: a fixed point over the fields' written types.
    #[inline(never)]
    fn mark_not_unpin(&mut self) {
        let by_name: HashMap<Rc<str>, usize> = self.types.iter().enumerate().map(|(i, t)| (t.name.clone(), i)).collect();
        loop {
            let mut changed = false;
            for i in 0..self.types.len() {
                // `impl Unpin for T {}` says it is `Unpin`, whatever it holds.
                if self.types[i].not_unpin || self.types[i].has("Unpin") {
                    continue;
                }
                let pinned = self.types[i].field_tys.iter().any(|f| match f {
                    super::ast::Type::Path(p) if p.last() == "PhantomPinned" => true,
                    super::ast::Type::Path(p) => by_name.get(p.last()).is_some_and(|&u| self.types[u].not_unpin),
                    _ => false,
                });
                if pinned {
                    self.types[i].not_unpin = true;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Hot;

    /// The evaluator reads one op a step from a `Vec<Op>`. A `Convert` variant of two fields
    /// once took an op to 16 bytes, and a hand-written future's poll read 329 and 345 ns in two
    /// runs of the benchmark in Chromium, against 311 ns with 12-byte ops the same hour.
    #[test]
    fn an_op_is_twelve_bytes() {
        assert_eq!(std::mem::size_of::<super::Op>(), 12);
        assert_eq!(std::mem::size_of::<super::Convert>(), 8);
    }

    #[test]
    fn the_sites_of_a_poll_s_waker_calls_are_marked_for_the_fast_path() {
        let src = "use std::task::{Context, Poll};\nuse std::pin::Pin;\nuse std::future::Future;\nstruct F;\nimpl Future for F {\n    type Output = ();\n    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {\n        cx.waker().wake_by_ref();\n        let w = cx.waker().clone();\n        w.wake_by_ref();\n        w.wake();\n        Poll::Pending\n    }\n}\nfn waker(n: u32) -> u32 { n }\nasync fn main() {\n    let v: Vec<u32> = Vec::new();\n    let _ = v.len();\n}\n";
        let program = crate::play::lang::parse(src).expect("parses");
        let code = crate::play::lang::compile::compile(&program).expect("compiles");
        let sites: Vec<(&str, Hot)> = code.methods.iter().map(|s| (&*s.text, s.hot)).collect();
        assert_eq!(
            sites,
            [
                ("waker", Hot::Waker),
                ("wake_by_ref", Hot::WakeByRef),
                ("waker", Hot::Waker),
                ("clone", Hot::No),
                ("wake_by_ref", Hot::WakeByRef),
                ("wake", Hot::No),
                ("len", Hot::No),
            ]
        );
        // With arguments, the same names are some other method: the general look-up.
        assert_eq!(Hot::of("waker", 1), Hot::No);
        assert_eq!(Hot::of("wake_by_ref", 1), Hot::No);
    }
}
