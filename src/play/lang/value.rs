//! The values of a running program.
//!
//! # Ground rules
//!
//! - Scalars (`()`, bools, integers, chars, `&str`, `Duration`) are held inline and are `Copy`.
//! - Aggregates (structs, enums, tuples, arrays, `Vec`, `VecDeque`, `String`) live in an [`Obj`]
//!   behind an `Rc`: a move moves the handle, and a reference to an aggregate *is* its handle. A
//!   read of a `Copy` aggregate out of a place copies it, so that no two places share one.
//! - A reference to anything else is a [`Ptr`] to its place: a boxed variable, a field, an element,
//!   or a lock's guard (which unlocks when its last copy goes).
//! - `Rc`/`Arc` handles, `Waker`s and guards are each one `Rc` per value the learner holds, so
//!   `strong_count`, waker clones and drops count what Rust would count.
//! - A value is dropped when its last handle goes, which the evaluator arranges to be where Rust
//!   drops it. A struct with a `Drop` impl is handed to its program's [`DropQueue`] then, and the
//!   evaluator runs the learner's `drop` before the next step.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::{Rc, Weak};
use std::time::Duration;

use super::lexer::{FloatTy, IntTy, Span};

/// A type's id in the program's type table ([`super::code::Code::types`]).
pub type TyId = u32;

/// Built-in types with fixed ids.
pub mod ty {
    use super::TyId;
    /// `(a, b)`
    pub const TUPLE: TyId = 0;
    /// `[a, b]`
    pub const ARRAY: TyId = 1;
    /// `Vec<T>`
    pub const VEC: TyId = 2;
    /// `VecDeque<T>`
    pub const DEQUE: TyId = 3;
    /// `String`
    pub const STRING: TyId = 4;
    /// `Option<T>`: `None` is variant 0, `Some` 1.
    pub const OPTION: TyId = 5;
    /// `Result<T, E>`: `Ok` is variant 0, `Err` 1.
    pub const RESULT: TyId = 6;
    /// `Poll<T>`: `Ready` is variant 0, `Pending` 1.
    pub const POLL: TyId = 7;
    /// `std::cmp::Ordering`: `Less`, `Equal`, `Greater`.
    pub const ORDERING: TyId = 8;
    /// `HashMap<K, V>` (kept in insertion order; iteration order is unspecified in Rust).
    pub const MAP: TyId = 9;
    /// `mpsc::SendError<T>`: the value that could not be sent.
    pub const SEND_ERROR: TyId = 10;
    /// `mpsc::RecvError`.
    pub const RECV_ERROR: TyId = 11;
    /// `mpsc::TrySendError<T>`: `Full` is variant 0, `Disconnected` 1.
    pub const TRY_SEND_ERROR: TyId = 12;
    /// `mpsc::TryRecvError`: `Empty` is variant 0, `Disconnected` 1.
    pub const TRY_RECV_ERROR: TyId = 13;
    /// `mpsc::RecvTimeoutError`: `Timeout` is variant 0, `Disconnected` 1.
    pub const RECV_TIMEOUT_ERROR: TyId = 14;
    /// A panicked thread's payload, `Box<dyn Any + Send>` (its `Debug` is `Any { .. }`).
    pub const PANIC_PAYLOAD: TyId = 15;
    /// `hash_map::Entry<K, V>`: the map and the key (`m.entry(k)`).
    pub const ENTRY: TyId = 16;
    /// `sync::PoisonError<Guard>`: the guard of a lock a thread panicked while holding.
    pub const POISON_ERROR: TyId = 17;
    /// `BTreeMap<K, V>`: a map kept in key order.
    pub const BTREE_MAP: TyId = 18;
    /// `HashSet<T>` (kept in insertion order, as `HashMap`): its elements, once each.
    pub const SET: TyId = 19;
    /// `BTreeSet<T>`: its elements, once each, in order.
    pub const BTREE_SET: TyId = 20;
    /// `BinaryHeap<T>`: a max-heap, laid out as std's (its `Debug` and `iter` show that order).
    pub const HEAP: TyId = 21;
    /// `std::cmp::Reverse(T)`: its value, compared the other way round.
    pub const REVERSE: TyId = 22;
    /// `std::borrow::Cow<'_, B>`: `Borrowed` is variant 0, `Owned` 1; either reads as what it
    /// holds ([`crate::play::lang::rt::deref_all`] follows it).
    pub const COW: TyId = 23;
    /// `std::any::TypeId`: its type's key ([`crate::play::lang::anytype`]).
    pub const TYPE_ID: TyId = 24;
    /// `futures::future::Either<A, B>`: `Left` is variant 0, `Right` 1 (what
    /// `futures::future::select` gives).
    pub const EITHER: TyId = 25;
    /// Whether `t` is one of the maps.
    pub fn is_map(t: TyId) -> bool {
        t == MAP || t == BTREE_MAP
    }
    /// Whether `t` is one of the sets.
    pub fn is_set(t: TyId) -> bool {
        t == SET || t == BTREE_SET
    }
    /// Whether `t` keeps its keys in order (`BTreeMap`, `BTreeSet`).
    pub fn is_sorted(t: TyId) -> bool {
        t == BTREE_MAP || t == BTREE_SET
    }
    /// How many built-in types there are: user types start here.
    pub const FIRST_USER: TyId = 26;
}

/// An owned waker, as the learner holds it: dropping it is a waker drop in the trace.
pub struct WakerV(pub std::task::Waker);

/// A value.
#[derive(Clone, Default)]
pub enum Value {
    /// Nothing: a variable moved out of, or not yet given a value.
    #[default]
    Void,
    /// `()`
    Unit,
    /// `bool`
    Bool(bool),
    /// An integer: its bits (sign-extended for signed types) and its type (`None` for a literal
    /// whose type is inferred: i32, as Rust defaults, until it meets a typed one).
    Int(u64, Option<IntTy>),
    /// A float, and its type (`None` for a literal whose type is inferred: `f64`, as Rust
    /// defaults, until it meets an `f32`). An `f32`'s value is always one an `f32` holds.
    Float(f64, Option<FloatTy>),
    /// `char`
    Char(char),
    /// `&str`
    Str(Rc<str>),
    /// A struct, enum, tuple, array, `Vec`, `VecDeque`, `String` or map.
    Obj(Rc<Obj>),
    /// A reference to a place that holds a scalar.
    Ref(Rc<Ptr>),
    /// A function item of the program.
    Fn(u32),
    /// A built-in function, by id.
    Builtin(u16),
    /// A closure: its function and what it captured.
    Closure(Rc<Closure>),
    /// A future.
    Fut(Rc<Fut>),
    /// A `Waker`.
    Waker(Rc<WakerV>),
    /// A `Context`: the current poll's (`None`), or one made from a waker.
    Ctx(Option<CtxWaker>),
    /// `cx.waker()` of the current poll's context: a borrowed `&Waker`.
    CxWaker,
    /// A `Duration`.
    Dur(Duration),
    /// An `Instant`: milliseconds on the run's clock.
    Instant(f64),
    /// Everything else built in: `Rc`/`Arc`, cells, locks, timers, handles, iterators.
    Native(Rc<Native>),
    /// The output of a finished branch of `join!`, kept until the others finish.
    Ready(Rc<Value>),
    /// A boxed variable's place, in its frame slot (never a value the program sees).
    Place(Slot),
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Value::Int(b, t) => write!(f, "{}{}", int_of(*b, *t), t.map_or("", |t| t.name())),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Char(c) => write!(f, "{c:?}"),
            Value::Str(s) => write!(f, "{:?}", &**s),
            Value::Unit => f.write_str("()"),
            Value::Dur(d) => write!(f, "{d:?}"),
            other => f.write_str(&other.type_name()),
        }
    }
}

/// An aggregate.
pub struct Obj {
    /// Its type.
    pub ty: TyId,
    /// Whether it is `Copy` (a read out of a place copies it).
    pub copy: bool,
    /// Its contents.
    pub data: DataCell,
    /// Where its type's `Drop` impl is run, when it has one.
    pub dropper: Option<Weak<DropQueue>>,
}

/// An aggregate's contents, in a `RefCell` that counts its mutable borrows: a `HashMap`'s or
/// `HashSet`'s index of its keys ([`super::keys`]) is valid only while the count is the one it
/// was made at, so that a change made anywhere (whatever its path) makes the index be rebuilt,
/// never misread. The paths that keep the keys as they were ([`DataCell::borrow_mut_values`])
/// or keep the index up to date say so.
pub struct DataCell {
    cell: RefCell<Data>,
    /// Mutable borrows so far (wrapping).
    changes: Cell<u32>,
    /// A map's value type, when its type was written: a [`super::code::Code::default_types`]
    /// site plus one (0: not known).
    pub value_default: Cell<u32>,
    /// The keys' index, when one was made.
    pub(super) index: Cell<Option<Box<KeyIndex>>>,
}

/// Where each key of a `HashMap` or `HashSet` is, by hash: see [`super::keys`].
pub struct KeyIndex {
    /// [`DataCell::changes`] when it was last valid.
    pub changes: u32,
    /// The number of keys it covers.
    pub len: usize,
    /// The first position of each hash.
    pub first: std::collections::HashMap<u64, u32, BuildIdentity>,
    /// The next position with the same hash as each position (`u32::MAX`: none).
    pub next: Vec<u32>,
}

/// A hasher for keys that are hashes already.
#[derive(Clone, Copy, Default)]
pub struct BuildIdentity;

/// See [`BuildIdentity`].
#[derive(Default)]
pub struct Identity(u64);

impl std::hash::BuildHasher for BuildIdentity {
    type Hasher = Identity;
    fn build_hasher(&self) -> Identity {
        Identity(0)
    }
}

impl std::hash::Hasher for Identity {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// A hasher for small integer keys (task ids): the key times an odd constant (Fibonacci
/// hashing), so that the high bits the table tags its slots with differ too. SipHash, the
/// default, cost a task's spawn 800 instructions of its 16,000 in the map of task names.
#[derive(Clone, Copy, Default)]
pub struct BuildMix;

/// See [`BuildMix`].
#[derive(Default)]
pub struct Mix(u64);

impl std::hash::BuildHasher for BuildMix {
    type Hasher = Mix;
    fn build_hasher(&self) -> Mix {
        Mix(0)
    }
}

impl std::hash::Hasher for Mix {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

impl DataCell {
    /// Contents in a cell.
    pub fn new(data: Data) -> DataCell {
        DataCell { cell: RefCell::new(data), changes: Cell::new(0), value_default: Cell::new(0), index: Cell::new(None) }
    }

    /// Reads the contents.
    #[inline]
    pub fn borrow(&self) -> std::cell::Ref<'_, Data> {
        self.cell.borrow()
    }

    /// Reads the contents, unless they are being changed.
    #[inline]
    pub fn try_borrow(&self) -> Result<std::cell::Ref<'_, Data>, std::cell::BorrowError> {
        self.cell.try_borrow()
    }

    /// Changes the contents (a keys' index made before is stale after).
    #[inline]
    pub fn borrow_mut(&self) -> std::cell::RefMut<'_, Data> {
        self.changes.set(self.changes.get().wrapping_add(1));
        self.cell.borrow_mut()
    }

    /// [`DataCell::borrow_mut`], unless they are borrowed.
    #[inline]
    pub fn try_borrow_mut(&self) -> Result<std::cell::RefMut<'_, Data>, std::cell::BorrowMutError> {
        self.changes.set(self.changes.get().wrapping_add(1));
        self.cell.try_borrow_mut()
    }

    /// Changes a map's values, never its keys nor their order: its index stays valid.
    #[inline]
    pub fn borrow_mut_values(&self) -> Result<std::cell::RefMut<'_, Data>, std::cell::BorrowMutError> {
        self.cell.try_borrow_mut()
    }

    /// The contents, owned.
    #[inline]
    pub fn get_mut(&mut self) -> &mut Data {
        self.changes.set(self.changes.get().wrapping_add(1));
        self.cell.get_mut()
    }

    /// How many times the contents were borrowed to change.
    #[inline]
    pub fn changes(&self) -> u32 {
        self.changes.get()
    }
}

/// What an aggregate holds.
#[derive(Clone)]
pub enum Data {
    /// A struct's, tuple's or array's fields, in order.
    Fields(Vec<Value>),
    /// An enum: the variant's index and its fields.
    Variant(u32, Vec<Value>),
    /// A `Vec`'s elements.
    Vec(Vec<Value>),
    /// A `VecDeque`'s elements.
    Deque(VecDeque<Value>),
    /// A `String`.
    Str(String),
    /// A map: keys and values, in insertion order.
    Map(Vec<(Value, Value)>),
}

impl Obj {
    /// A new aggregate.
    pub fn new(ty: TyId, copy: bool, data: Data) -> Rc<Obj> {
        Rc::new(Obj { ty, copy, data: DataCell::new(data), dropper: None })
    }
}

impl Drop for Obj {
    fn drop(&mut self) {
        let data = std::mem::replace(self.data.get_mut(), Data::Fields(Vec::new()));
        if let Some(queue) = self.dropper.as_ref().and_then(Weak::upgrade) {
            // The learner's `drop(&mut self)` runs on a copy that owns the contents; the fields
            // are dropped when that copy goes, after `drop` returns, as in Rust.
            queue.push(Rc::new(Obj { ty: self.ty, copy: self.copy, data: DataCell::new(data), dropper: None }));
            return;
        }
        // Fields that own nothing further (integers, strings, wakers, …) drop in place: there
        // is no depth to guard against.
        if let Data::Fields(v) | Data::Variant(_, v) | Data::Vec(v) = &data {
            if v.iter().all(Value::is_leaf) {
                return;
            }
        }
        drop_iteratively(data);
    }
}

/// The values an aggregate holds, in drop order (fields and elements first to last).
fn children(data: Data) -> Vec<Value> {
    match data {
        Data::Fields(v) | Data::Variant(_, v) | Data::Vec(v) => v,
        Data::Deque(v) => v.into_iter().collect(),
        Data::Map(m) => m.into_iter().flat_map(|(k, v)| [k, v]).collect(),
        Data::Str(_) => Vec::new(),
    }
}

/// Drops what an aggregate held without recursing: a list a million nodes long (through
/// `Box`, `Rc` and `RefCell`) would otherwise exhaust the stack, and in the page a stack
/// overflow kills it. The order is Rust's: each value before what it holds, fields in order.
fn drop_iteratively(data: Data) {
    drop_values(children(data));
}

/// Drops values without recursing for each level of them: what a value owns alone is opened up
/// and put on a stack (a list a hundred thousand deep, a closure wrapping the last one forty
/// thousand times over, a chain of iterator adapters or of `async` blocks), so that dropping
/// never exhausts the page's stack.
pub fn drop_values(mut stack: Vec<Value>) {
    stack.reverse();
    while let Some(v) = stack.pop() {
        // Only what this drop owns alone is opened up; a value with a `Drop` impl goes its own
        // way (its `drop` runs first, then its fields).
        let inner = match v {
            Value::Obj(o) if o.dropper.is_none() => match Rc::try_unwrap(o) {
                Ok(mut obj) => children(std::mem::replace(obj.data.get_mut(), Data::Fields(Vec::new()))),
                Err(_) => continue,
            },
            Value::Native(n) => match Rc::try_unwrap(n) {
                Ok(Native::Shared(b, _)) => match Rc::try_unwrap(b) {
                    Ok(b) => vec![b.value.into_inner()],
                    Err(_) => continue,
                },
                Ok(Native::Cell(c)) => vec![c.into_inner()],
                Ok(Native::RefCell(l) | Native::Mutex(l) | Native::RwLock(l)) => vec![l.value.into_inner()],
                Ok(Native::Iter(cell)) => match cell.into_inner() {
                    Iter::Adapter(mut ad) => ad.take_owned(),
                    Iter::Values(v) => v.into_iter().collect(),
                    other => {
                        drop(other);
                        continue;
                    }
                },
                Ok(other) => {
                    drop(other);
                    continue;
                }
                Err(_) => continue,
            },
            Value::Closure(c) => match Rc::try_unwrap(c) {
                Ok(mut c) => c.take_env(),
                Err(_) => continue,
            },
            Value::Place(p) => match Rc::try_unwrap(p) {
                Ok(v) => vec![v.into_inner()],
                Err(_) => continue,
            },
            Value::Fut(f) => match Rc::try_unwrap(f) {
                Ok(mut fut) => {
                    // Its own `Drop` (the note of a future never polled) runs on the shell.
                    let owned = fut.take_owned();
                    drop(fut);
                    owned
                }
                Err(_) => continue,
            },
            other => {
                drop(other);
                continue;
            }
        };
        stack.extend(inner.into_iter().rev());
    }
}

/// What waits for the evaluator to run learner code at a drop: a value whose type has a `Drop`
/// impl, or a raw waker's vtable `drop` function with its data pointer.
pub enum Dropped {
    /// A value whose `drop(&mut self)` is due.
    Obj(Rc<Obj>),
    /// A function of the learner's to call with one argument (a `RawWakerVTable`'s `drop`).
    Call(u32, Value),
}

/// Values whose type has a `Drop` impl (and raw wakers' `drop` calls), waiting for the
/// evaluator to run them, in the order they were let go of (each with its place in that order).
#[derive(Default)]
pub struct DropQueue {
    items: RefCell<VecDeque<(u64, Dropped)>>,
    next: Cell<u64>,
    /// Whether any are waiting (read every step, so a `Cell`).
    pub pending: Cell<bool>,
}

impl DropQueue {
    fn push(&self, o: Rc<Obj>) {
        self.push_item(Dropped::Obj(o));
    }

    /// A learner's function to call with `arg` where `Drop` impls run (a raw waker's `drop`).
    pub fn push_call(&self, f: u32, arg: Value) {
        self.push_item(Dropped::Call(f, arg));
    }

    fn push_item(&self, d: Dropped) {
        if let Ok(mut q) = self.items.try_borrow_mut() {
            let seq = self.next.get();
            self.next.set(seq + 1);
            q.push_back((seq, d));
            self.pending.set(true);
        }
    }

    /// Runs `f`, and lets go of what it drops without running their `Drop` impls (what a
    /// stopped task held: the process is gone, as in Rust).
    pub fn discard(&self, f: impl FnOnce()) {
        let floor = self.next_seq();
        f();
        while let Some((_, obj)) = self.pop_from(floor) {
            drop(obj);
        }
    }

    /// The place in the order the next value let go of will have.
    pub fn next_seq(&self) -> u64 {
        self.next.get()
    }

    /// Whether a value let go of at or after `floor` waits.
    pub fn due_from(&self, floor: u64) -> bool {
        self.items.try_borrow().ok().and_then(|q| q.back().map(|(s, _)| *s >= floor)).unwrap_or(false)
    }

    /// The first value let go of at or after `floor`.
    pub fn pop_from(&self, floor: u64) -> Option<(u64, Dropped)> {
        let mut q = self.items.try_borrow_mut().ok()?;
        // In order of their place (pushed at the back, each with the next number), so found by
        // halving: a scan from the front went past everything waiting below the floor, for each
        // value (a panic unwinding 10,000 frames of values took 43 billion instructions).
        let i = q.partition_point(|(s, _)| *s < floor);
        let o = q.remove(i);
        self.pending.set(!q.is_empty());
        o
    }

    /// Forgets what waits (the run is over: no learner code runs any more).
    pub fn clear(&self) {
        let items = self.items.try_borrow_mut().map(|mut q| std::mem::take(&mut *q)).unwrap_or_default();
        self.pending.set(false);
        // Their own fields may hold values with `Drop` impls: the queue is empty by now, and a
        // `Weak` to it would still enqueue, so drop them with the dropper cut.
        drop(items);
        let again = self.items.try_borrow_mut().map(|mut q| std::mem::take(&mut *q)).unwrap_or_default();
        drop(again);
    }
}

/// A reference to a place.
pub enum Ptr {
    /// A boxed variable, or a captured one.
    Cell(Slot),
    /// A field of an aggregate.
    Field(Rc<Obj>, u32),
    /// An element of a `Vec`, array or `VecDeque`, or the value of a map's entry (by position).
    Index(Rc<Obj>, usize),
    /// The key of a map's entry (by position), as `keys()` gives it: read only.
    Key(Rc<Obj>, usize),
    /// The value a lock guards, while the guard lives.
    Guard(Guard),
    /// `&mut v[lo..hi]`: the elements of a `Vec` or an array from `lo` to `hi`, where they
    /// are (a write through it is a write to `v`; a read copies them out).
    Slice(Rc<Obj>, usize, usize),
}

/// A variable's place when something may refer to it: a boxed local, a capture.
pub type Slot = Rc<RefCell<Value>>;

/// A `MutexGuard`, `RwLock` guard, `Ref` or `RefMut`: the lock is released when it goes.
pub struct Guard {
    /// The lock.
    pub lock: Rc<Native>,
    /// A writer (`lock`, `write`, `borrow_mut`), or a reader.
    pub write: bool,
    /// Released already (given to `Condvar::wait`): its drop releases nothing.
    pub released: Cell<bool>,
    /// What a `Ref::map` (`RefMut::map`) made of it refers to: a part of the locked value
    /// (`&node.elem`), which the guard keeps borrowed.
    pub proj: Option<Value>,
}

impl Guard {
    /// A guard of `lock`, held.
    pub fn new(lock: Rc<Native>, write: bool) -> Guard {
        Guard { lock, write, released: Cell::new(false), proj: None }
    }

    /// Releases the lock now (`Condvar::wait` takes the guard); its drop then does nothing.
    pub fn release(&self) {
        if !self.released.replace(true) {
            self.unlock();
        }
    }
}

impl Drop for Guard {
    fn drop(&mut self) {
        if !self.released.get() {
            self.unlock();
        }
    }
}

impl Guard {
    fn unlock(&self) {
        match &*self.lock {
            Native::Mutex(l) | Native::RwLock(l) | Native::RefCell(l) => {
                if self.write {
                    // Let go of while its thread panics: poisoned (a `RefCell` has no holder).
                    if l.holder.take().is_some_and(|unwinding| unwinding.get()) {
                        l.poisoned.set(true);
                    }
                    l.state.set(0);
                    l.owner.set(None);
                } else {
                    l.state.set((l.state.get() - 1).max(0));
                }
                // A thread blocked on this lock tries again.
                if l.state.get() == 0 {
                    let waiters = l.waiters.try_borrow_mut().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default();
                    for w in waiters {
                        w.wake();
                    }
                }
            }
            _ => {}
        }
    }
}

impl Guard {
    /// The guarded value's place (a `Cell`'s, for `Cell::get_mut`, or an `Rc`'s, for
    /// `Rc::get_mut` and `Rc::make_mut`: a borrow with no lock).
    pub fn slot(&self) -> Option<&RefCell<Value>> {
        match &*self.lock {
            Native::Mutex(l) | Native::RwLock(l) | Native::RefCell(l) => Some(&l.value),
            Native::Cell(c) | Native::Once(c, ..) => Some(c),
            Native::Shared(b, _) => Some(&b.value),
            _ => None,
        }
    }
}

/// A `fmt::Formatter` given to the program's `fmt`: the text written so far, and the
/// placeholder's fill, alignment, flags, width and precision, which `pad` applies and `width()`,
/// `alternate()` and the rest read (`write!` and `write_str` ignore them, as in Rust).
#[derive(Default)]
pub struct Formatter {
    /// The text written so far.
    pub out: RefCell<String>,
    /// The placeholder's spec (the default one outside a `format!` placeholder: `to_string`).
    pub spec: super::ast::Spec,
    /// Its width, its `width$` argument read.
    pub width: Option<usize>,
    /// Its precision, read the same way.
    pub precision: Option<usize>,
}

/// What a `Formatter`'s `debug_struct`, `debug_tuple`, `debug_list`, `debug_set` or `debug_map`
/// builds: each entry's text is its value's `Debug` (`{:#?}` under `{:#?}`), made when it is
/// added, as std writes it then.
pub struct DebugBuilder {
    /// The `Formatter` that `finish` writes to (a `Native::Formatter`).
    pub fmt: Rc<Native>,
    /// What it builds.
    pub kind: DebugKind,
    /// `{:#?}`: one entry a line.
    pub pretty: bool,
    /// The entries: a struct's field name or a map's key text, and the value's text.
    pub entries: RefCell<Vec<(String, String)>>,
    /// A map's key given by `key`, waiting for its `value`.
    pub key: RefCell<Option<String>>,
}

/// The kinds of [`DebugBuilder`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DebugKind {
    /// `debug_struct(name)`.
    Struct(String),
    /// `debug_tuple(name)`.
    Tuple(String),
    /// `debug_list()`.
    List,
    /// `debug_set()`.
    Set,
    /// `debug_map()`.
    Map,
}

/// A closure: its function, and its captures (each a place, shared with the variable it
/// borrows, or its own for a `move`).
pub struct Closure {
    /// Its function.
    pub func: u32,
    /// What it captured, in the function's capture order.
    pub env: Box<[Slot]>,
    /// Rust's `Copy`: a `move` closure whose captures are all `Copy`, and every other closure
    /// (its captures are places it shares with the variables). Rust's is narrower: a closure
    /// that borrows mutably or moves a capture out is not `Copy`, which rustc's borrow check
    /// enforces; here a copy of one shares the same places, as the original does.
    pub copy: bool,
    /// It owns its captures (a `move` closure): a copy gets its own copies of them.
    pub owns: bool,
}

impl Closure {
    /// What it captured, taken out (as places).
    fn take_env(&mut self) -> Vec<Value> {
        std::mem::take(&mut self.env).into_vec().into_iter().map(Value::Place).collect()
    }
}

impl Drop for Closure {
    fn drop(&mut self) {
        if !self.env.is_empty() {
            drop_values(self.take_env());
        }
    }
}

/// A lock or cell: its value, and its state (0 free; -1 written; n > 0 read n times).
pub struct Lock {
    /// The value.
    pub value: RefCell<Value>,
    /// The borrow state.
    pub state: Cell<i64>,
    /// The thread that holds it for writing (its per-task state's address).
    pub owner: Cell<Option<usize>>,
    /// Threads blocked until it is free.
    pub waiters: RefCell<Vec<std::task::Waker>>,
    /// Whether the thread holding it for writing is panicking (that thread's flag): its
    /// guard's drop then poisons the lock.
    pub holder: RefCell<Option<Rc<Cell<bool>>>>,
    /// A thread panicked while holding it (a `Mutex` or `RwLock`): `lock()` is an `Err` from
    /// now on, as std's poisoning makes it.
    pub poisoned: Cell<bool>,
}

impl Lock {
    /// A free lock around `v`.
    pub fn new(v: Value) -> Lock {
        Lock {
            value: RefCell::new(v),
            state: Cell::new(0),
            owner: Cell::new(None),
            waiters: RefCell::new(Vec::new()),
            holder: RefCell::new(None),
            poisoned: Cell::new(false),
        }
    }
}

impl Lock {
    /// What `lock()`/`write()`/`read()` give: `Ok(guard)`, or `Err(PoisonError(guard))` once a
    /// thread panicked while holding it (the lock is taken either way, as in std).
    pub fn locked(&self, guard: Value) -> Value {
        if self.poisoned.get() {
            Value::result(false, Value::Obj(Obj::new(ty::POISON_ERROR, false, Data::Fields(vec![guard]))))
        } else {
            Value::result(true, guard)
        }
    }
}

impl Native {
    /// The channel of a `Receiver`.
    pub fn chan(&self) -> Option<&Rc<Chan>> {
        match self {
            Native::Receiver(end) => Some(&end.0),
            Native::Sender(end, _) => Some(&end.0),
            _ => None,
        }
    }
}

/// An `mpsc` channel: what it holds, its bound, and who waits on it.
pub struct Chan {
    /// Values sent and not yet received, oldest first.
    pub queue: RefCell<VecDeque<Value>>,
    /// `sync_channel(n)`'s bound (`None`: `channel()`, unbounded).
    pub cap: Option<usize>,
    /// Live `Sender`s / `SyncSender`s.
    pub senders: Cell<usize>,
    /// Whether the `Receiver` is alive.
    pub receiver: Cell<bool>,
    /// Threads blocked in `recv`.
    pub recv_waiters: RefCell<Vec<std::task::Waker>>,
    /// Threads blocked in `send` on a full channel.
    pub send_waiters: RefCell<Vec<std::task::Waker>>,
    /// Values taken by `recv` so far (a rendezvous `send` waits for its own value to be taken).
    pub taken: Cell<u64>,
    /// Values sent so far.
    pub sent: Cell<u64>,
    /// A rendezvous channel's values that no receiver took before it went, by their place in
    /// the sending order: each goes back to its blocked `send`, as its `Err(SendError(v))`.
    pub returned: RefCell<Vec<(u64, Value)>>,
    /// Values a consumer waiting on the receiver's iterator (`rx.iter().sum()`) received
    /// ahead, so that a bounded channel's senders go on: read before the queue.
    pub ahead: RefCell<VecDeque<Value>>,
}

impl Chan {
    /// A channel with one sender and its receiver.
    pub fn new(cap: Option<usize>) -> Rc<Chan> {
        Rc::new(Chan {
            queue: RefCell::new(VecDeque::new()),
            cap,
            senders: Cell::new(1),
            receiver: Cell::new(true),
            recv_waiters: RefCell::new(Vec::new()),
            send_waiters: RefCell::new(Vec::new()),
            taken: Cell::new(0),
            sent: Cell::new(0),
            returned: RefCell::new(Vec::new()),
            ahead: RefCell::new(VecDeque::new()),
        })
    }

    /// Lets go of everything the channel holds: its queue, the values given back to senders,
    /// and its waiters' wakers (the run that used it is over).
    pub fn empty(&self) {
        let queued: Vec<Value> = self.queue.try_borrow_mut().map(|mut q| q.drain(..).collect()).unwrap_or_default();
        let ahead: Vec<Value> = self.ahead.try_borrow_mut().map(|mut q| q.drain(..).collect()).unwrap_or_default();
        drop_values(ahead);
        let back: Vec<Value> = self.returned.try_borrow_mut().map(|mut r| r.drain(..).map(|(_, v)| v).collect()).unwrap_or_default();
        for waiters in [&self.recv_waiters, &self.send_waiters] {
            drop(waiters.try_borrow_mut().map(|mut w| std::mem::take(&mut *w)));
        }
        drop_values(queued);
        drop_values(back);
    }

    /// Wakes every thread waiting in `waiters`.
    pub fn wake_all(waiters: &RefCell<Vec<std::task::Waker>>) {
        let list = waiters.try_borrow_mut().map(|mut w| std::mem::take(&mut *w)).unwrap_or_default();
        for w in list {
            w.wake();
        }
    }
}

/// One `Sender` the learner holds: the channel loses a sender when it goes.
pub struct SenderEnd(pub Rc<Chan>);

impl Drop for SenderEnd {
    fn drop(&mut self) {
        let n = self.0.senders.get().saturating_sub(1);
        self.0.senders.set(n);
        if n == 0 {
            // A `recv` blocked on an empty channel now returns `Err(RecvError)`.
            Chan::wake_all(&self.0.recv_waiters);
        }
    }
}

/// The `Receiver`: when it goes, senders get `Err` and what was queued is dropped.
pub struct ReceiverEnd(pub Rc<Chan>);

impl Drop for ReceiverEnd {
    fn drop(&mut self) {
        self.0.receiver.set(false);
        // What was received ahead is the receiver's: it goes with it.
        let ahead: Vec<Value> = self.0.ahead.try_borrow_mut().map(|mut q| q.drain(..).collect()).unwrap_or_default();
        drop_values(ahead);
        let queued: Vec<Value> = self.0.queue.try_borrow_mut().map(|mut q| q.drain(..).collect()).unwrap_or_default();
        let queued = if self.0.cap == Some(0) {
            // Each is still its sender's, blocked until it is taken: it goes back to that send.
            let first = self.0.taken.get() + 1;
            if let Ok(mut r) = self.0.returned.try_borrow_mut() {
                r.extend((first..).zip(queued));
            }
            Vec::new()
        } else {
            queued
        };
        Chan::wake_all(&self.0.send_waiters);
        drop_values(queued);
    }
}

/// Built-in values that are neither scalars nor aggregates.
pub enum Native {
    /// An `Rc<T>` or `Arc<T>` handle: one per handle the learner holds.
    Shared(Rc<SharedBox>, bool),
    /// A `Weak<T>`.
    Weak(Weak<SharedBox>, bool),
    /// `Cell<T>`.
    Cell(RefCell<Value>),
    /// `RefCell<T>`.
    RefCell(Lock),
    /// `Mutex<T>`.
    Mutex(Lock),
    /// `RwLock<T>`.
    RwLock(Lock),
    /// `AtomicBool`, `AtomicUsize` and friends: the value and its type.
    Atomic(Cell<u64>, Option<IntTy>),
    /// A spawned task's `JoinHandle`.
    Handle(Rc<HandleState>),
    /// A `thread::Scope`: the handles of the threads spawned in it, which the scope waits for.
    Scope(RefCell<Vec<Rc<HandleState>>>),
    /// An iterator.
    Iter(RefCell<Iter>),
    /// A `fmt::Formatter`: where `write!` appends, and what its placeholder asked for.
    Formatter(Formatter),
    /// `f.debug_struct("P")` and its kin: the entries so far, written to `f` by `finish`.
    DebugBuilder(DebugBuilder),
    /// A gloo `Timeout` or `Interval` (cancelled when dropped, unless forgotten).
    Timer(RefCell<Option<Box<dyn std::any::Any>>>, bool),
    /// An `mpsc::Sender` (`false`) or `SyncSender` (`true`).
    Sender(SenderEnd, bool),
    /// An `mpsc::Receiver`.
    Receiver(ReceiverEnd),
    /// A `ThreadId`: the thread's number (`main` is 1).
    ThreadId(u64),
    /// A `Thread` handle (`thread::current()`, `handle.thread()`): to `unpark` it.
    Thread(Rc<ThreadHandle>),
    /// A `thread::Builder`, with the name and the stack size given to it.
    ThreadBuilder(Option<Rc<str>>, Option<u64>),
    /// `io::stdout()` (or `stderr()`): the console.
    Stdout,
    /// A `Condvar`: the threads waiting on it.
    Condvar(Condvar),
    /// `Condvar::wait_timeout`'s `WaitTimeoutResult`: whether the wait timed out.
    WaitTimeout(bool),
    /// A `Barrier`: how many threads it waits for, and those waiting now.
    Barrier(Barrier),
    /// A `OnceLock` (`true`) or `OnceCell`: its value, and whether it was set.
    Once(RefCell<Value>, Cell<bool>, bool),
    /// `Barrier::wait`'s `BarrierWaitResult`: whether this thread was the leader.
    BarrierResult(bool),
    /// A raw pointer: to what an `Arc` shares (`Arc::into_raw`), held weakly so that a use after
    /// its last count is caught; or null (`std::ptr::null()`).
    RawPtr(Option<Weak<SharedBox>>),
    /// A raw pointer to a place (`&self.a as *const String`): the reference to it (a field's or
    /// an element's place, or an aggregate's handle). It is never null.
    RawPlace(Value),
    /// A raw pointer made from an integer (`id as *const ()`, a task's number carried as a raw
    /// waker's data): an address that points at nothing here, cast back with `as usize`.
    RawAddr(u64),
    /// A `RawWakerVTable`: the learner's `clone`, `wake`, `wake_by_ref` and `drop` functions.
    VTable([u32; 4]),
    /// A `RawWaker`: its data pointer (a raw pointer's value) and its vtable's functions.
    RawWaker(Value, [u32; 4]),
    /// What `T::try_from(n)` or `s.parse::<T>()` gives in its `Err`.
    IntError(IntError),
    /// A range of values that are not integers or chars (`"b".."d"`, `0.0..=1.0`): its start,
    /// its end, and whether it was written `..=`. Not an iterator: `contains`,
    /// `BTreeMap::range` and `{:?}` read it.
    Bounds(Option<Value>, Option<Value>, bool),
}

/// `TryFromIntError`, or `ParseIntError` of each kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntError {
    /// `TryFromIntError(())`.
    TryFrom,
    /// `ParseIntError { kind: Empty }`.
    Empty,
    /// `ParseIntError { kind: InvalidDigit }`.
    InvalidDigit,
    /// `ParseIntError { kind: PosOverflow }`.
    PosOverflow,
    /// `ParseIntError { kind: NegOverflow }`.
    NegOverflow,
    /// `ParseCharError { kind: EmptyString }`.
    CharEmpty,
    /// `ParseCharError { kind: TooManyChars }`.
    CharTooMany,
    /// `ParseBoolError`.
    Bool,
    /// `ParseFloatError { kind: Empty }`.
    FloatEmpty,
    /// `TryFromCharError(())`: `u8::try_from(c)` of a `char` past 255.
    CharTryFrom,
    /// `ParseFloatError { kind: Invalid }`.
    FloatInvalid,
    /// `CharTryFromError(())`: `char::try_from(n)` of a `u32` that is no char.
    U32ToChar,
}

impl IntError {
    /// What `{:?}` prints, as std's derived `Debug` does.
    pub fn debug(self) -> &'static str {
        match self {
            IntError::TryFrom => "TryFromIntError(())",
            IntError::Empty => "ParseIntError { kind: Empty }",
            IntError::InvalidDigit => "ParseIntError { kind: InvalidDigit }",
            IntError::PosOverflow => "ParseIntError { kind: PosOverflow }",
            IntError::NegOverflow => "ParseIntError { kind: NegOverflow }",
            IntError::CharEmpty => "ParseCharError { kind: EmptyString }",
            IntError::CharTooMany => "ParseCharError { kind: TooManyChars }",
            IntError::Bool => "ParseBoolError",
            IntError::FloatEmpty => "ParseFloatError { kind: Empty }",
            IntError::CharTryFrom => "TryFromCharError(())",
            IntError::FloatInvalid => "ParseFloatError { kind: Invalid }",
            IntError::U32ToChar => "CharTryFromError(())",
        }
    }

    /// What `{}` prints: std's messages.
    pub fn message(self) -> &'static str {
        match self {
            IntError::TryFrom => "out of range integral type conversion attempted",
            IntError::Empty => "cannot parse integer from empty string",
            IntError::InvalidDigit => "invalid digit found in string",
            IntError::PosOverflow => "number too large to fit in target type",
            IntError::NegOverflow => "number too small to fit in target type",
            IntError::CharEmpty => "cannot parse char from empty string",
            IntError::CharTooMany => "too many characters in string",
            IntError::Bool => "provided string was not `true` or `false`",
            IntError::FloatEmpty => "cannot parse float from empty string",
            IntError::CharTryFrom => "unicode code point out of range",
            IntError::FloatInvalid => "invalid float literal",
            IntError::U32ToChar => "converted integer out of range for `char`",
        }
    }

    /// The value.
    pub fn value(self) -> Value {
        Value::Native(Rc::new(Native::IntError(self)))
    }
}

/// A thread as its handle knows it: its number, and its park token.
pub struct ThreadHandle {
    /// Its number: `main` is 1, then each thread in spawn order.
    pub no: u64,
    /// Its name (`main` has one).
    pub name: Option<Rc<str>>,
    /// `unpark` was called and no `park` took it yet.
    pub token: Cell<bool>,
    /// The thread, while it is parked.
    pub parked: RefCell<Option<std::task::Waker>>,
}

impl ThreadHandle {
    /// A thread's handle.
    pub fn new(no: u64, name: Option<Rc<str>>) -> Rc<ThreadHandle> {
        Rc::new(ThreadHandle { no, name, token: Cell::new(false), parked: RefCell::new(None) })
    }
}

/// A `Condvar`'s waiting threads, each with its ticket, and the tickets notified.
#[derive(Default)]
pub struct Condvar {
    /// Waiting threads, oldest first: ticket and waker.
    pub waiters: RefCell<VecDeque<(u64, std::task::Waker)>>,
    /// Tickets notified and not yet woken up to.
    pub notified: RefCell<Vec<u64>>,
    /// The next ticket.
    pub next: Cell<u64>,
}

/// A `std::sync::Barrier`: the threads that called `wait` in this round, woken together when
/// the `n`th arrives (the leader, which does not wait).
#[derive(Default)]
pub struct Barrier {
    /// How many threads a round needs.
    pub n: usize,
    /// How many have arrived in this round.
    pub count: Cell<usize>,
    /// The round: a waiter's wait ends when it moves on.
    pub round: Cell<u64>,
    /// The waiting threads' wakers.
    pub waiters: RefCell<Vec<std::task::Waker>>,
}

/// The value an `Rc`/`Arc` shares.
pub struct SharedBox {
    /// The value.
    pub value: RefCell<Value>,
}

/// A spawned task's result, and the waker of whoever awaits its handle.
#[derive(Default)]
pub struct HandleState {
    /// Its output, once it finished.
    pub result: RefCell<Option<Value>>,
    /// Whether it finished.
    pub done: Cell<bool>,
    /// Whether it ended in a panic or an error.
    pub failed: Cell<bool>,
    /// Its panic's message, and whether the payload is a `&'static str` (else a `String`):
    /// what `join()`'s `Err` holds, for `downcast_ref`.
    pub payload: RefCell<Option<(Rc<str>, bool)>>,
    /// Who waits for it.
    pub waiter: RefCell<Option<std::task::Waker>>,
    /// Whether it is a thread's (`join()` blocks), not a task's (awaited).
    pub thread: Cell<bool>,
    /// The thread's handle (`handle.thread()`).
    pub thread_handle: RefCell<Option<Rc<ThreadHandle>>>,
    /// The console said that its task panicked, to whoever awaits it.
    pub told: Cell<bool>,
}

/// The waker of a `Context` made from one (`Context::from_waker(&waker)`).
#[derive(Clone)]
pub enum CtxWaker {
    /// A variable's waker, which the context borrows: held weakly, so dropping the variable
    /// drops the waker (a raw waker's `drop` runs there), as in Rust, where the context's
    /// borrow has ended by then.
    Borrowed(std::rc::Weak<WakerV>),
    /// A waker given as a value (`&*waker_ref(&task)`, a temporary): held.
    Held(Rc<WakerV>),
}

impl CtxWaker {
    /// The waker. (A borrowed one is gone only in a program rustc would refuse, one that drops
    /// the waker and then uses the context: a waker that does nothing, then.)
    pub fn get(&self) -> Rc<WakerV> {
        match self {
            CtxWaker::Held(w) => w.clone(),
            CtxWaker::Borrowed(w) => w.upgrade().unwrap_or_else(|| Rc::new(WakerV(std::task::Waker::noop().clone()))),
        }
    }
}

/// An iterator's state.
pub enum Iter {
    /// `a..b` (or `a..=b` with `end` one past), stepping by `step`.
    Range {
        /// The next value.
        next: i128,
        /// One past the last (or `None`: unbounded).
        end: Option<i128>,
        /// The integer type.
        ty: Option<IntTy>,
        /// The step.
        step: i128,
        /// Written `a..=b` (a slice's panic names `b`, not `end`).
        inclusive: bool,
        /// Written without a start (`..b`, `..`): as an index it starts at 0, as a
        /// `BTreeMap::range` at the smallest key.
        open_start: bool,
    },
    /// `(a..b).rev()`.
    RangeRev {
        /// The lowest value.
        start: i128,
        /// One past the next value.
        next: i128,
        /// The integer type.
        ty: Option<IntTy>,
    },
    /// Values, front to back (owned: `into_iter`, or a collected adapter chain).
    Values(VecDeque<Value>),
    /// An aggregate's elements by reference (`iter`, `iter_mut`), front to back.
    Elems {
        /// The aggregate.
        obj: Rc<Obj>,
        /// The next index from the front.
        front: usize,
        /// One past the next index from the back.
        back: usize,
        /// Whether elements are yielded as places that can be written (`iter_mut`).
        mutable: bool,
    },
    /// A string's chars.
    Chars(VecDeque<char>),
    /// A lazy adapter: what it does, on what.
    Adapter(Box<Adapter>),
    /// A `Receiver`'s values as they come (`iter()`, `for v in rx`: it blocks until one comes
    /// or every sender is gone), or as they are now (`try_iter()`). It holds the receiver.
    Recv(Rc<Native>, bool),
}

/// A lazy iterator adapter.
pub struct Adapter {
    /// The iterator it reads.
    pub inner: Value,
    /// What it does.
    pub kind: AdapterKind,
}

impl Adapter {
    /// The iterator it reads and the closure it calls, taken out.
    fn take_owned(&mut self) -> Vec<Value> {
        let mut owned = vec![std::mem::take(&mut self.inner)];
        match std::mem::replace(&mut self.kind, AdapterKind::Cloned) {
            AdapterKind::Map(f)
            | AdapterKind::Filter(f)
            | AdapterKind::FilterMap(f)
            | AdapterKind::Zip(f)
            | AdapterKind::Chain(f)
            | AdapterKind::TakeWhile(f, _)
            | AdapterKind::MapWhile(f, _)
            | AdapterKind::SkipWhile(f, _)
            | AdapterKind::Inspect(f)
            | AdapterKind::Cycle(f)
            | AdapterKind::Repeat(f)
            | AdapterKind::RepeatWith(f)
            | AdapterKind::FromFn(f)
            | AdapterKind::ChunksExact(f) => owned.push(f),
            AdapterKind::Successors(next, f) => owned.extend(next.into_iter().chain([f])),
            AdapterKind::Peekable(Some(Some(x))) => owned.push(x),
            AdapterKind::Flatten(f, cur) => owned.extend(f.into_iter().chain(cur)),
            AdapterKind::Scan(f, state) => {
                owned.push(f);
                owned.push(std::mem::take(&mut *state.borrow_mut()));
            }
            AdapterKind::Enumerate(_)
            | AdapterKind::Take(_)
            | AdapterKind::Skip(_)
            | AdapterKind::Cloned
            | AdapterKind::StepBy(..)
            | AdapterKind::Fuse(_)
            | AdapterKind::Peekable(_) => {}
        }
        owned
    }
}

impl Drop for Adapter {
    fn drop(&mut self) {
        if !matches!(self.inner, Value::Void) {
            drop_values(self.take_owned());
        }
    }
}

/// What an adapter does.
pub enum AdapterKind {
    /// `map(f)`
    Map(Value),
    /// `filter(f)`
    Filter(Value),
    /// `filter_map(f)`
    FilterMap(Value),
    /// `enumerate()`: the next index.
    Enumerate(u64),
    /// `take(n)`: how many are left.
    Take(u64),
    /// `skip(n)`: how many to skip still.
    Skip(u64),
    /// `zip(other)`
    Zip(Value),
    /// `chain(other)`: the second, once the first ran out.
    Chain(Value),
    /// `cloned()` / `copied()`
    Cloned,
    /// `take_while(f)`: and whether it stopped.
    TakeWhile(Value, bool),
    /// `map_while(f)`: and whether `f` gave `None` (it stopped).
    MapWhile(Value, bool),
    /// `skip_while(f)`: and whether it is done skipping.
    SkipWhile(Value, bool),
    /// `step_by(n)`: and whether the first was given.
    StepBy(u64, bool),
    /// `inspect(f)`
    Inspect(Value),
    /// `flatten()`, or `flat_map(f)`: the function, and the inner iterator being drained.
    Flatten(Option<Value>, Option<Value>),
    /// `peekable()`: the item `peek` took from the inner iterator, not yet given by `next`
    /// (`Some(None)`: the inner one had ended).
    Peekable(Option<Option<Value>>),
    /// `scan(init, f)`: the closure, and the state it gets by `&mut` with each item.
    Scan(Value, Slot),
    /// `fuse()`: and whether the inner iterator has ended.
    Fuse(bool),
    /// `cycle()`: a copy of the iterator as it was, to start again from when it ends.
    Cycle(Value),
    /// `chunks_exact(n)`: its pieces as they are (the inner iterator), and the items left
    /// over, which `remainder()` gives.
    ChunksExact(Value),
    /// `std::iter::repeat(v)`: a clone of `v` each time (no inner iterator, as for the three
    /// below).
    Repeat(Value),
    /// `std::iter::repeat_with(f)`: `f()` each time.
    RepeatWith(Value),
    /// `std::iter::from_fn(f)`: `f()`'s `Some`s, until a `None`.
    FromFn(Value),
    /// `std::iter::successors(first, f)`: the next item (`None`: ended), and `f`, which makes
    /// each one from a reference to the one before.
    Successors(Option<Value>, Value),
}

/// What a run does with a future dropped without ever being polled.
pub type OnUnused = dyn Fn(&Fut);

/// A future value: awaited at most once, dropped with its last handle.
pub struct Fut {
    /// Its state.
    pub state: RefCell<FutState>,
    /// What made it: `sleep`, a function's name, `async block`, …
    pub what: Rc<str>,
    /// Where it was made.
    pub span: Span,
    /// Whether it was ever polled, spawned or selected.
    pub used: Cell<bool>,
    /// The timer of a `sleep(…)`: dropped unused, it is cancelled right here.
    pub timer: Option<crate::core::TimerId>,
    /// Told when it is dropped without ever being polled.
    pub on_unused: Option<Weak<OnUnused>>,
}

impl Fut {
    /// The values its state owns, taken out (it is `Done` after).
    fn take_owned(&mut self) -> Vec<Value> {
        match std::mem::replace(self.state.get_mut(), FutState::Done) {
            FutState::Coro(mut fib) => fib.in_drop_order(),
            FutState::Ready(Some(v)) | FutState::PollFn(v) | FutState::Fuse(v) => vec![v],
            FutState::JoinAll(vs, _) | FutState::Select(vs) => vs,
            FutState::Comb(c) => {
                let Comb { inner, f, next, .. } = *c;
                next.into_iter().chain([inner, f]).collect()
            }
            other => {
                drop(other);
                Vec::new()
            }
        }
    }
}

impl Drop for Fut {
    fn drop(&mut self) {
        // Laziness, made visible: a future that nothing ever polled did nothing at all.
        if !self.used.get() {
            if let Some(f) = self.on_unused.as_ref().and_then(Weak::upgrade) {
                f(self);
            }
        }
        let owned = self.take_owned();
        if !owned.is_empty() {
            drop_values(owned);
        }
    }
}

/// What a future is.
pub enum FutState {
    /// An `async fn`'s call or an `async` block: its own stack of frames.
    Coro(Box<Fiber>),
    /// A built-in future of the engine.
    Native(std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value, super::lexer::LangError>>>>),
    /// `std::future::ready(v)`: its value until it is taken.
    Ready(Option<Value>),
    /// `std::future::pending()`.
    Pending,
    /// `poll_fn(closure)`: the closure, called with the context at each poll.
    PollFn(Value),
    /// `join_all(futures)`: each future, or its output once it finished (`Value::Ready`); and
    /// whether its output is a tuple (`futures::future::join(a, b)`, `join3`), not a `Vec`.
    JoinAll(Vec<Value>, bool),
    /// `futures::future::select(a, b)`: the two futures, polled in order until one is ready.
    Select(Vec<Value>),
    /// A combinator of `FutureExt` or `TryFutureExt` (`fut.map(f)`, `then`, `map_ok`, …): the
    /// future it wraps, the closure, and, once the closure gave one, the future it runs next
    /// (`then`, `and_then`, `or_else`).
    Comb(Box<Comb>),
    /// A `sleep(…)`: the engine's timer.
    Timer(crate::core::TimerFuture),
    /// `yield_now()`.
    Yield(crate::play::futures::YieldNow),
    /// `fut.fuse()` of the program's own future: polled through; dropped as soon as it is ready
    /// (then `Done`, so `select!` skips it), as `futures`' `Fuse` does.
    Fuse(Value),
    /// Being polled right now (taken out of its place).
    Busy,
    /// Finished: polling it again is an error.
    Done,
}

/// See [`FutState::Comb`].
pub struct Comb {
    /// Which combinator.
    pub kind: CombKind,
    /// The future it wraps (`Void` once it finished).
    pub inner: Value,
    /// The closure (`Void` once called).
    pub f: Value,
    /// The future the closure gave, run to give the output (`then`, `and_then`, `or_else`).
    pub next: Option<Value>,
}

/// The combinators of [`Comb`].
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CombKind {
    /// `FutureExt::map`: the closure of the output.
    Map,
    /// `FutureExt::then`: the future the closure makes of the output, awaited.
    Then,
    /// `FutureExt::inspect`: the closure sees the output, which goes on as it is.
    Inspect,
    /// `TryFutureExt::map_ok`: the closure of an `Ok`'s value.
    MapOk,
    /// `TryFutureExt::map_err`: the closure of an `Err`'s value.
    MapErr,
    /// `TryFutureExt::and_then`: of an `Ok`'s value, the future the closure makes, awaited.
    AndThen,
    /// `TryFutureExt::or_else`: of an `Err`'s value, the future the closure makes, awaited.
    OrElse,
}

impl CombKind {
    /// The combinator a method name calls.
    pub fn of(name: &str) -> Option<CombKind> {
        Some(match name {
            "map" => CombKind::Map,
            "then" => CombKind::Then,
            "inspect" => CombKind::Inspect,
            "map_ok" => CombKind::MapOk,
            "map_err" => CombKind::MapErr,
            "and_then" => CombKind::AndThen,
            "or_else" => CombKind::OrElse,
            _ => return None,
        })
    }

    /// Its method's name.
    pub fn name(self) -> &'static str {
        match self {
            CombKind::Map => "map",
            CombKind::Then => "then",
            CombKind::Inspect => "inspect",
            CombKind::MapOk => "map_ok",
            CombKind::MapErr => "map_err",
            CombKind::AndThen => "and_then",
            CombKind::OrElse => "or_else",
        }
    }
}

/// A stack of frames that runs on its own: a task's, or a future's.
#[derive(Default)]
pub struct Fiber {
    /// Values: each frame's variables, then its temporaries.
    pub stack: Vec<Value>,
    /// Calls, innermost last.
    pub frames: Vec<Frame>,
    /// A thread's own stack (it may block: `recv()`, `lock()`, `join()`, `thread::sleep`).
    pub thread: bool,
    /// It is blocked in a call: the future on top of the stack is what it waits for, and its
    /// output is the call's value.
    pub blocked: bool,
    /// A `yield_now().await` ([`super::code::Op::AwaitYield`]) that has yielded: its frame
    /// depth and op, where the next poll finds it ready.
    pub yielded: Option<(usize, u32)>,
    /// Drops due after the one running now (a stack, the next last), each with the frame count
    /// it is due at: they run when the frames are back down to it. Kept in the fiber, not the
    /// queue, so a `drop` that blocks (a thread's `join()`) leaves them to this fiber alone.
    pub deferred: Vec<(u32, Dropped)>,
    /// Consumers reading a `map` (or the program's own iterator) ahead, whose closure (or
    /// `next`) blocked: each waits, as a frame of this fiber, for the call to return.
    pub drains: Vec<Drain>,
}

/// A consumer (`sum`, `collect`, …) of a thread's own code that reads its `map`'s items (or its
/// own iterator's) one call at a time, as frames of the thread, so that a call may block
/// (`rx.recv()`, a `Condvar`'s `wait`, `block_on`) as it would in the thread's own code. When
/// they are all read, the consumer runs on them.
pub struct Drain {
    /// The consumer's frame (the frame count with it on top) and its op's `pc`.
    pub depth: u32,
    /// The op after the consumer's call.
    pub pc: u32,
    /// The items read so far.
    pub items: Vec<Value>,
    /// What the call that blocked returned, once it has.
    pub delivered: Option<Value>,
    /// Which of a chain of `map`s made the call that blocked (0 the innermost).
    pub stage: u32,
}

impl Fiber {
    /// Its values in the order a suspended state machine drops them: the innermost frame's
    /// first; in each frame, what it was computing (the future it awaits, `join!`'s futures in
    /// their order) before its variables, the latest declared first.
    pub fn in_drop_order(&mut self) -> Vec<Value> {
        let mut stack = std::mem::take(&mut self.stack);
        let mut out = Vec::with_capacity(stack.len());
        for f in self.frames.iter().rev() {
            let base = (f.base as usize).min(stack.len());
            let vars = (base + usize::from(f.locals)).min(stack.len());
            out.extend(stack.drain(vars..));
            out.extend(stack.drain(base..).rev());
        }
        // Below the first frame (nothing, for a future's fiber): latest first.
        out.extend(stack.into_iter().rev());
        out
    }
}

impl Drop for Fiber {
    /// Its values go latest first: a frame's locals in the reverse of their order, the innermost
    /// frame's before its callers', as Rust's unwinding (and a dropped future's state) drops them.
    fn drop(&mut self) {
        while let Some(v) = self.stack.pop() {
            drop(v);
        }
    }
}

/// A call in progress.
#[derive(Clone, Copy, Debug)]
pub struct Frame {
    /// Its function.
    pub func: u32,
    /// The next op.
    pub pc: u32,
    /// Where its variables start in the stack.
    pub base: u32,
    /// How many slots its variables take (its temporaries are above them).
    pub locals: u16,
    /// What its return value is for.
    pub ret: Ret,
}

/// What a frame's return value is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ret {
    /// The caller's next op takes it from the stack.
    Push,
    /// A native caller waits for it: the run loop stops and hands it over.
    Native,
    /// An awaited `async fn` called in place: the caller's next op takes it, as from `Push`.
    Awaited,
    /// A `Drop` impl's `drop` (or a raw waker's vtable `drop`) run as a frame of the fiber that
    /// let the value go: its value is thrown away, and the next due drop runs after it.
    Drop,
    /// A `map`'s closure (or an iterator's `next`) that a consumer called, which blocked: its
    /// value goes to the fiber's last [`Drain`], and the consumer's op runs again.
    Resume,
}

/// A value whose integer is `n` of type `ty`.
pub fn int(n: i128, ty: Option<IntTy>) -> Value {
    Value::Int(n as u64, ty)
}

/// The integer a value's bits and type mean.
pub fn int_of(bits: u64, ty: Option<IntTy>) -> i128 {
    match ty {
        Some(t) if !t.signed() => i128::from(bits),
        _ => i128::from(bits as i64),
    }
}

/// The range of an integer type. `None` is a literal whose type is inferred: it may yet become
/// any type, so it is checked against the widest (`i64`, or `u64` above that), and against its
/// type once it meets one.
pub fn range_of(ty: Option<IntTy>) -> (i128, i128) {
    match ty {
        Some(t) => t.range(),
        None => (i128::from(i64::MIN), i128::from(u64::MAX)),
    }
}

impl Value {
    /// A `usize`.
    pub fn usize(n: usize) -> Value {
        Value::Int(n as u64, Some(IntTy::Usize))
    }

    /// The type's name, for messages ("expected a bool, found `u64`").
    pub fn type_name(&self) -> String {
        match self {
            Value::Void => "a moved value".into(),
            Value::Unit => "`()`".into(),
            Value::Bool(_) => "`bool`".into(),
            Value::Int(_, Some(t)) => format!("`{}`", t.name()),
            Value::Int(_, None) => "an integer".into(),
            Value::Float(_, Some(t)) => format!("`{}`", t.name()),
            Value::Float(_, None) => "a float".into(),
            Value::Char(_) => "`char`".into(),
            Value::Str(_) => "`&str`".into(),
            Value::Obj(o) => match o.ty {
                ty::TUPLE => "a tuple".into(),
                ty::ARRAY => "an array".into(),
                ty::VEC => "a `Vec`".into(),
                ty::DEQUE => "a `VecDeque`".into(),
                ty::STRING => "a `String`".into(),
                ty::OPTION => "an `Option`".into(),
                ty::RESULT => "a `Result`".into(),
                ty::POLL => "a `Poll`".into(),
                ty::ORDERING => "an `Ordering`".into(),
                ty::MAP => "a `HashMap`".into(),
                ty::SEND_ERROR => "a `SendError`".into(),
                ty::RECV_ERROR => "a `RecvError`".into(),
                ty::TRY_SEND_ERROR => "a `TrySendError`".into(),
                ty::TRY_RECV_ERROR => "a `TryRecvError`".into(),
                ty::RECV_TIMEOUT_ERROR => "a `RecvTimeoutError`".into(),
                ty::PANIC_PAYLOAD => "a `Box<dyn Any + Send>`".into(),
                ty::ENTRY => "an `Entry`".into(),
                ty::POISON_ERROR => "a `PoisonError`".into(),
                ty::BTREE_MAP => "a `BTreeMap`".into(),
                ty::SET => "a `HashSet`".into(),
                ty::BTREE_SET => "a `BTreeSet`".into(),
                ty::HEAP => "a `BinaryHeap`".into(),
                ty::REVERSE => "a `Reverse`".into(),
                ty::COW => "a `Cow`".into(),
                ty::TYPE_ID => "a `TypeId`".into(),
                ty::EITHER => "an `Either`".into(),
                _ => "a struct or enum".into(),
            },
            Value::Ref(_) => "a reference".into(),
            Value::Fn(_) | Value::Builtin(_) => "a function".into(),
            Value::Closure(_) => "a closure".into(),
            Value::Fut(_) => "a future".into(),
            Value::Waker(_) => "a `Waker`".into(),
            Value::Ctx(_) => "a `Context`".into(),
            Value::CxWaker => "a `&Waker`".into(),
            Value::Dur(_) => "a `Duration`".into(),
            Value::Instant(_) => "an `Instant`".into(),
            Value::Native(n) => match &**n {
                Native::Shared(_, true) => "an `Arc`".into(),
                Native::Shared(_, false) => "an `Rc`".into(),
                Native::Weak(..) => "a `Weak`".into(),
                Native::Cell(_) => "a `Cell`".into(),
                Native::RefCell(_) => "a `RefCell`".into(),
                Native::Mutex(_) => "a `Mutex`".into(),
                Native::RwLock(_) => "an `RwLock`".into(),
                Native::Atomic(..) => "an atomic".into(),
                Native::Handle(_) => "a `JoinHandle`".into(),
                Native::Scope(_) => "a `Scope`".into(),
                Native::Iter(_) => "an iterator".into(),
                Native::Formatter(_) => "a `Formatter`".into(),
                Native::DebugBuilder(b) => match b.kind {
                    DebugKind::Struct(_) => "a `DebugStruct`".into(),
                    DebugKind::Tuple(_) => "a `DebugTuple`".into(),
                    DebugKind::List => "a `DebugList`".into(),
                    DebugKind::Set => "a `DebugSet`".into(),
                    DebugKind::Map => "a `DebugMap`".into(),
                },
                Native::Timer(_, false) => "a `Timeout`".into(),
                Native::Timer(_, true) => "an `Interval`".into(),
                Native::Sender(_, false) => "a `Sender`".into(),
                Native::Sender(_, true) => "a `SyncSender`".into(),
                Native::Receiver(_) => "a `Receiver`".into(),
                Native::ThreadId(_) => "a `ThreadId`".into(),
                Native::IntError(IntError::TryFrom) => "a `TryFromIntError`".into(),
                Native::IntError(IntError::CharEmpty | IntError::CharTooMany) => "a `ParseCharError`".into(),
                Native::IntError(IntError::Bool) => "a `ParseBoolError`".into(),
                Native::IntError(IntError::FloatEmpty | IntError::FloatInvalid) => "a `ParseFloatError`".into(),
                Native::IntError(IntError::CharTryFrom) => "a `TryFromCharError`".into(),
                Native::IntError(IntError::U32ToChar) => "a `CharTryFromError`".into(),
                Native::IntError(_) => "a `ParseIntError`".into(),
                Native::Thread(_) => "a `Thread`".into(),
                Native::ThreadBuilder(..) => "a `thread::Builder`".into(),
                Native::Stdout => "`Stdout`".into(),
                Native::Condvar(_) => "a `Condvar`".into(),
                Native::WaitTimeout(_) => "a `WaitTimeoutResult`".into(),
                Native::Bounds(lo, hi, _) => match lo.as_ref().or(hi.as_ref()) {
                    Some(Value::Float(..)) => "a range of floats".into(),
                    Some(end) if end.as_text().is_some() => "a range of strings".into(),
                    _ => "a range".into(),
                },
                Native::Barrier(_) => "a `Barrier`".into(),
                Native::Once(_, _, lock) => if *lock { "a `OnceLock`" } else { "a `OnceCell`" }.into(),
                Native::BarrierResult(_) => "a `BarrierWaitResult`".into(),
                Native::RawPtr(_) | Native::RawPlace(_) | Native::RawAddr(_) => "a raw pointer".into(),
                Native::VTable(_) => "a `RawWakerVTable`".into(),
                Native::RawWaker(..) => "a `RawWaker`".into(),
            },
            Value::Ready(_) => "a finished future's output".into(),
            Value::Place(_) => "a place".into(),
        }
    }

    /// Whether reading it out of a place copies it (Rust's `Copy`) rather than moving it.
    pub fn is_copy(&self) -> bool {
        match self {
            Value::Unit
            | Value::Bool(_)
            | Value::Int(..)
            | Value::Float(..)
            | Value::Char(_)
            | Value::Str(_)
            | Value::Fn(_)
            | Value::Builtin(_)
            | Value::Dur(_)
            | Value::Instant(_)
            | Value::Ctx(None)
            | Value::CxWaker => true,
            Value::Obj(o) => o.copy,
            Value::Closure(c) => c.copy,
            // Raw pointers and vtables are `Copy`: a copy owns nothing.
            Value::Native(n) => {
                matches!(
                    &**n,
                    Native::RawPtr(_)
                        | Native::RawPlace(_)
                        | Native::RawAddr(_)
                        | Native::VTable(_)
                        | Native::ThreadId(_)
                        | Native::IntError(IntError::TryFrom | IntError::U32ToChar)
                )
            }
            // A reference is `Copy`; a lock's guard is not (dropping it unlocks).
            Value::Ref(p) => !matches!(**p, Ptr::Guard(_)),
            _ => false,
        }
    }

    /// A copy of a `Copy` value: aggregates get their own handle, all the way down.
    pub fn copied(&self) -> Value {
        self.copied_to(0)
    }

    fn copied_to(&self, depth: usize) -> Value {
        match self {
            // Deeper than any real program nests a `Copy` value, the rest is shared: a copy
            // never recurses without bound.
            Value::Obj(o) if o.copy && depth < 64 => {
                let data = match &*o.data.borrow() {
                    Data::Fields(f) => Data::Fields(f.iter().map(|v| v.copied_to(depth + 1)).collect()),
                    Data::Variant(v, f) => Data::Variant(*v, f.iter().map(|v| v.copied_to(depth + 1)).collect()),
                    other => other.clone(),
                };
                Value::Obj(Obj::new(o.ty, true, data))
            }
            Value::Closure(c) if c.copy && c.owns && depth < 64 => {
                // What it owns is copied; a reference it holds (the only captures of a `Copy`
                // `move` closure that are not `Copy` values) is shared.
                let env = c
                    .env
                    .iter()
                    .map(|s| {
                        let v = s.borrow();
                        if v.is_copy() {
                            Rc::new(RefCell::new(v.copied_to(depth + 1)))
                        } else {
                            s.clone()
                        }
                    })
                    .collect();
                Value::Closure(Rc::new(Closure { func: c.func, env, copy: true, owns: true }))
            }
            v => v.clone(),
        }
    }

    /// A `Copy` closure moved into a `Box`: its own copy, which is no longer `Copy`.
    pub fn boxed_closure(c: &Rc<Closure>) -> Value {
        let Value::Closure(copy) = Value::Closure(c.clone()).copied() else { return Value::Closure(c.clone()) };
        match Rc::try_unwrap(copy) {
            Ok(mut own) => {
                own.copy = false;
                Value::Closure(Rc::new(own))
            }
            Err(shared) => Value::Closure(Rc::new(Closure { func: shared.func, env: shared.env.clone(), copy: false, owns: shared.owns })),
        }
    }

    /// `Some(v)`.
    pub fn some(v: Value) -> Value {
        let copy = v.is_copy();
        Value::Obj(Obj::new(ty::OPTION, copy, Data::Variant(1, vec![v])))
    }

    /// `None`.
    pub fn none() -> Value {
        Value::Obj(Obj::new(ty::OPTION, true, Data::Variant(0, Vec::new())))
    }

    /// `Some(v)` or `None`.
    pub fn option(v: Option<Value>) -> Value {
        v.map_or_else(Value::none, Value::some)
    }

    /// `Ok(v)` (0) or `Err(v)` (1).
    pub fn result(ok: bool, v: Value) -> Value {
        let copy = v.is_copy();
        Value::Obj(Obj::new(ty::RESULT, copy, Data::Variant(u32::from(!ok), vec![v])))
    }

    /// `Poll::Ready(v)`.
    pub fn ready(v: Value) -> Value {
        let copy = v.is_copy();
        Value::Obj(Obj::new(ty::POLL, copy, Data::Variant(0, vec![v])))
    }

    /// `Poll::Pending`.
    pub fn pending() -> Value {
        Value::Obj(Obj::new(ty::POLL, true, Data::Variant(1, Vec::new())))
    }

    /// A tuple.
    pub fn tuple(items: Vec<Value>) -> Value {
        if items.is_empty() {
            return Value::Unit;
        }
        let copy = items.iter().all(Value::is_copy);
        Value::Obj(Obj::new(ty::TUPLE, copy, Data::Fields(items)))
    }

    /// A `Vec`.
    pub fn vec(items: Vec<Value>) -> Value {
        Value::Obj(Obj::new(ty::VEC, false, Data::Vec(items)))
    }

    /// An empty map (`HashMap`, `BTreeMap`) or set (`HashSet`, `BTreeSet`): a map's entries
    /// are pairs, a set's elements a list.
    pub fn empty_collection(t: TyId) -> Value {
        let data = if ty::is_set(t) || t == ty::HEAP { Data::Vec(Vec::new()) } else { Data::Map(Vec::new()) };
        Value::Obj(Obj::new(t, false, data))
    }

    /// A `String`.
    pub fn string(s: String) -> Value {
        Value::Obj(Obj::new(ty::STRING, false, Data::Str(s)))
    }

    /// An `Ordering`.
    pub fn ordering(o: std::cmp::Ordering) -> Value {
        let v = match o {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => 1,
            std::cmp::Ordering::Greater => 2,
        };
        Value::Obj(Obj::new(ty::ORDERING, true, Data::Variant(v, Vec::new())))
    }

    /// The enum variant and fields of an aggregate of type `want`, if it is one.
    pub fn variant_of(&self, want: TyId) -> Option<(u32, Vec<Value>)> {
        match self {
            Value::Obj(o) if o.ty == want => match &*o.data.borrow() {
                Data::Variant(v, f) => Some((*v, f.clone())),
                _ => None,
            },
            _ => None,
        }
    }

    /// [`Value::variant_of`] with only the last field (a `Poll`'s output), no vector made.
    pub fn variant_last(&self, want: TyId) -> Option<(u32, Option<Value>)> {
        match self {
            Value::Obj(o) if o.ty == want => match &*o.data.borrow() {
                Data::Variant(v, f) => Some((*v, f.last().cloned())),
                _ => None,
            },
            _ => None,
        }
    }

    /// Whether [`drop_values`] drops it where it is rather than opening it up: an aggregate of
    /// only these drops in place with nothing to guard against. (A learner's waker may still
    /// own their values through its entry, and a raw waker's drop queues their vtable's `drop`;
    /// neither recurses here.)
    pub fn is_leaf(&self) -> bool {
        matches!(
            self,
            Value::Void
                | Value::Unit
                | Value::Bool(_)
                | Value::Int(..)
                | Value::Char(_)
                | Value::Str(_)
                | Value::Fn(_)
                | Value::Builtin(_)
                | Value::Waker(_)
                | Value::Ctx(_)
                | Value::CxWaker
                | Value::Dur(_)
                | Value::Instant(_)
        )
    }

    /// Whether letting go of this value (its last handle) can be seen: a value whose type has a
    /// `Drop` impl, an aggregate holding one, or a lock's guard. A temporary that is one is kept
    /// to the end of its statement ([`super::code::Op::KeepTemp`]), as Rust keeps it; any
    /// other is let go of where it is consumed, which nothing can tell apart.
    pub fn drop_matters(&self) -> bool {
        self.drop_matters_to(0)
    }

    fn drop_matters_to(&self, depth: usize) -> bool {
        match self {
            Value::Ref(p) => matches!(**p, Ptr::Guard(_)),
            // An `Rc` or an `Arc` whose value's drop shows (`Rc::new(Loud(1)).v()`).
            Value::Native(n) if depth < 4 => match &**n {
                Native::Shared(b, _) => b.value.try_borrow().is_ok_and(|v| v.drop_matters_to(depth + 1)),
                _ => false,
            },
            // Deeper than this, an aggregate is told by its top: the check stays cheap.
            Value::Obj(o) if o.dropper.is_some() => true,
            Value::Obj(o) if depth < 4 => match o.data.try_borrow() {
                Ok(d) => match &*d {
                    Data::Fields(v) | Data::Variant(_, v) | Data::Vec(v) => v.iter().any(|c| c.drop_matters_to(depth + 1)),
                    Data::Deque(v) => v.iter().any(|c| c.drop_matters_to(depth + 1)),
                    Data::Map(m) => m.iter().any(|(k, v)| k.drop_matters_to(depth + 1) || v.drop_matters_to(depth + 1)),
                    Data::Str(_) => false,
                },
                Err(_) => false,
            },
            _ => false,
        }
    }

    /// The text of a `&str` or a `String`.
    pub fn as_text(&self) -> Option<String> {
        match self {
            Value::Str(s) => Some(s.to_string()),
            Value::Obj(o) => match &*o.data.borrow() {
                Data::Str(s) => Some(s.clone()),
                _ => None,
            },
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_task_id_hasher_spreads_sequential_ids_over_the_tables_tags_and_slots() {
        use std::hash::BuildHasher;
        let ids = 1..=256u64;
        let hashes: Vec<u64> = ids.clone().map(|n| BuildMix.hash_one(crate::core::TaskId(n))).collect();
        // The table tags a slot with the top 7 bits and finds it by the low ones.
        let tags: std::collections::HashSet<u64> = hashes.iter().map(|h| h >> 57).collect();
        let slots: std::collections::HashSet<u64> = hashes.iter().map(|h| h & 255).collect();
        assert!(tags.len() >= 100, "{} distinct tags of 128", tags.len());
        assert_eq!(slots.len(), 256, "sequential ids each have their own slot");
        // A map keyed by it finds what was put in it.
        let mut names: std::collections::HashMap<crate::core::TaskId, u64, BuildMix> = Default::default();
        for n in ids.clone() {
            names.insert(crate::core::TaskId(n), n * 10);
        }
        assert!(ids.clone().all(|n| names.get(&crate::core::TaskId(n)) == Some(&(n * 10))));
        assert_eq!(names.get(&crate::core::TaskId(0)), None);
        // Bytes hash too, and their order counts.
        assert_ne!(BuildMix.hash_one("ab"), BuildMix.hash_one("ba"));
    }

    /// Each kind of value is named in messages as Rust names its type ("`poll` must return a
    /// `Poll`, not a `Vec`").
    #[test]
    fn every_kind_of_value_has_its_own_name_in_messages() {
        let obj = |t: TyId| Value::Obj(Obj::new(t, false, Data::Fields(Vec::new())));
        let native = |n: Native| Value::Native(Rc::new(n));
        let cases: Vec<(Value, &str)> = vec![
            (Value::Void, "a moved value"),
            (Value::Unit, "`()`"),
            (Value::Bool(true), "`bool`"),
            (Value::Int(1, Some(IntTy::U8)), "`u8`"),
            (Value::Int(1, None), "an integer"),
            (Value::Char('c'), "`char`"),
            (Value::Str(Rc::from("s")), "`&str`"),
            (obj(ty::TUPLE), "a tuple"),
            (obj(ty::ARRAY), "an array"),
            (obj(ty::VEC), "a `Vec`"),
            (obj(ty::DEQUE), "a `VecDeque`"),
            (obj(ty::STRING), "a `String`"),
            (obj(ty::OPTION), "an `Option`"),
            (obj(ty::RESULT), "a `Result`"),
            (obj(ty::POLL), "a `Poll`"),
            (obj(ty::ORDERING), "an `Ordering`"),
            (obj(ty::MAP), "a `HashMap`"),
            (obj(ty::SEND_ERROR), "a `SendError`"),
            (obj(ty::RECV_ERROR), "a `RecvError`"),
            (obj(ty::TRY_SEND_ERROR), "a `TrySendError`"),
            (obj(ty::TRY_RECV_ERROR), "a `TryRecvError`"),
            (obj(ty::RECV_TIMEOUT_ERROR), "a `RecvTimeoutError`"),
            (obj(ty::PANIC_PAYLOAD), "a `Box<dyn Any + Send>`"),
            (obj(ty::ENTRY), "an `Entry`"),
            (obj(ty::POISON_ERROR), "a `PoisonError`"),
            (obj(ty::BTREE_MAP), "a `BTreeMap`"),
            (obj(ty::SET), "a `HashSet`"),
            (obj(ty::BTREE_SET), "a `BTreeSet`"),
            (obj(ty::HEAP), "a `BinaryHeap`"),
            (obj(ty::REVERSE), "a `Reverse`"),
            (obj(ty::COW), "a `Cow`"),
            (obj(ty::TYPE_ID), "a `TypeId`"),
            (obj(ty::EITHER), "an `Either`"),
            (obj(ty::FIRST_USER), "a struct or enum"),
            (Value::Fn(0), "a function"),
            (Value::CxWaker, "a `&Waker`"),
            (Value::Ctx(None), "a `Context`"),
            (Value::Dur(std::time::Duration::ZERO), "a `Duration`"),
            (Value::Instant(0.0), "an `Instant`"),
            (native(Native::Cell(RefCell::new(Value::Unit))), "a `Cell`"),
            (native(Native::RefCell(Lock::new(Value::Unit))), "a `RefCell`"),
            (native(Native::Mutex(Lock::new(Value::Unit))), "a `Mutex`"),
            (native(Native::RwLock(Lock::new(Value::Unit))), "an `RwLock`"),
            (native(Native::Atomic(Cell::new(0), None)), "an atomic"),
            (native(Native::Timer(RefCell::new(None), false)), "a `Timeout`"),
            (native(Native::Timer(RefCell::new(None), true)), "an `Interval`"),
            (native(Native::ThreadId(1)), "a `ThreadId`"),
            (native(Native::IntError(IntError::TryFrom)), "a `TryFromIntError`"),
            (native(Native::IntError(IntError::Empty)), "a `ParseIntError`"),
            (native(Native::RawPtr(None)), "a raw pointer"),
            (native(Native::VTable([0; 4])), "a `RawWakerVTable`"),
            (native(Native::RawWaker(Value::Unit, [0; 4])), "a `RawWaker`"),
            (native(Native::Weak(Weak::new(), true)), "a `Weak`"),
        ];
        for (v, want) in cases {
            assert_eq!(v.type_name(), want);
        }
    }

    /// std's texts for parse and conversion errors, as `{}` and `{:?}` print them.
    #[test]
    fn integer_errors_print_as_std_prints_them() {
        let all = [IntError::TryFrom, IntError::Empty, IntError::InvalidDigit, IntError::PosOverflow, IntError::NegOverflow];
        let shown: Vec<(&str, &str)> = all.iter().map(|e| (e.message(), e.debug())).collect();
        assert_eq!(
            shown,
            [
                ("out of range integral type conversion attempted", "TryFromIntError(())"),
                ("cannot parse integer from empty string", "ParseIntError { kind: Empty }"),
                ("invalid digit found in string", "ParseIntError { kind: InvalidDigit }"),
                ("number too large to fit in target type", "ParseIntError { kind: PosOverflow }"),
                ("number too small to fit in target type", "ParseIntError { kind: NegOverflow }"),
            ]
        );
    }
}
