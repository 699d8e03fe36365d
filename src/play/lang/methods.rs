//! Methods of the built-in types: integers, strings, `Vec`, `VecDeque`, `HashMap`, `Option`,
//! `Result`, `Poll`, `Duration`, `Instant`, wakers and contexts, futures, `Rc`/`Arc`, cells and
//! locks, atomics, iterators, gloo timers.
//!
//! A method is looked up on the receiver, then through one dereference at a time (a reference,
//! an `Rc`/`Arc`), as Rust's auto-deref does.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use super::lexer::IntTy;
use super::ops::{as_int, as_u64, as_usize, ms_duration};
use super::rt::{deref_all, deref_refs, len_of, make_int, read_ptr, typed_as, At, Interp, MAX_LEN, R};
use super::value::*;
use crate::core::SourceKind;

fn no_method(v: &Value, name: &str, at: At) -> super::lexer::LangError {
    // `parse<char>` and the like are `parse` as the compiler typed it.
    let name = name.split('<').next().unwrap_or(name);
    at.err(format!("no method named `{name}` found for {} (or it is not in the playground yet)", v.type_name()))
}

fn want_args(args: &[Value], n: usize, name: &str, at: At) -> R<()> {
    if args.len() != n {
        return Err(at.err(format!("`{name}` takes {n} argument(s), not {}", args.len())));
    }
    Ok(())
}

fn iter_of(items: VecDeque<Value>) -> Value {
    Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Values(items)))))
}

/// An iterator of chars that prints as its text (`c.to_uppercase()`, `s.escape_default()`).
fn chars_value(cs: VecDeque<char>) -> Value {
    Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Chars(cs)))))
}

fn text_arg(v: &Value, at: At, what: &str) -> R<String> {
    let d = deref_all(v);
    match (&d, d.as_text()) {
        (_, Some(s)) => Ok(s),
        (Value::Char(c), None) => Ok(c.to_string()),
        _ => Err(at.err(format!("{what} takes a string, not {}", d.type_name()))),
    }
}

/// A reference to element `i` of `o` (its place: patterns through it bind references, and
/// `*r = v` writes the element).
fn elem_ref(o: &Rc<Obj>, i: usize, _v: &Value) -> Value {
    Value::Ref(Rc::new(Ptr::Index(o.clone(), i)))
}

/// A reference to field `i` of `o`.
fn field_ref(o: &Rc<Obj>, i: u32, _v: &Value) -> Value {
    Value::Ref(Rc::new(Ptr::Field(o.clone(), i)))
}

/// The methods every value has, looked at before the receiver's type's own ([`call`]).
const UNIVERSAL: [&str; 30] = [
    "clone",
    "to_owned",
    "cloned",
    "to_string",
    "eq",
    "ne",
    "cmp",
    "partial_cmp",
    "lt",
    "le",
    "gt",
    "ge",
    "into",
    "as_ref",
    "as_mut",
    "borrow",
    "borrow_mut",
    "get_mut",
    "get_ref",
    "get_unchecked_mut",
    "into_ref",
    "as_deref",
    "as_deref_mut",
    "by_ref",
    "into_future",
    "fuse",
    "max",
    "min",
    "clamp",
    "clone_from",
];

/// Whether `name` is one of the methods every value has (or `into_inner`): a call site that
/// names another skips them.
pub fn is_universal(name: &str) -> bool {
    name == "into_inner" || UNIVERSAL.contains(&name)
}

/// The method `for x in &mut e` calls on `e` (a name no program can write).
pub const FOR_MUT: &str = "into_iter<mut>";

/// The method `for x in &e` calls on `e`: `IntoIterator for &C`, a collection's `iter()`, whose
/// items are references (a use of `x` copies the reference and moves nothing out of `e`).
pub const FOR_REF: &str = "into_iter<ref>";

/// Calls `recv.name(args)` on a built-in type; `universal` is [`is_universal`] of the name, as
/// the call site computed it once.
#[allow(clippy::too_many_arguments)]
pub fn call(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    recv: Value,
    name: &str,
    universal: bool,
    args: Vec<Value>,
    cx: &mut Context<'_>,
    at: At,
) -> R<Value> {
    // A `&mut v[a..b]`: its methods work on `v`'s elements where they are.
    if let Some(view) = super::rt::slice_view(&recv) {
        return view_method(vm, fib, view, name, args, cx, at);
    }
    // `for x in &mut e`: `IntoIterator for &mut I` of an iterator is the iterator itself,
    // advanced in place; of a collection, its `iter_mut`.
    if name == FOR_MUT {
        let d = deref_all(&recv);
        if is_iter(&d) || matches!(&d, Value::Obj(o) if is_user_iterator(vm, o)) {
            return Ok(d);
        }
        return call(vm, fib, recv, "iter_mut", false, args, cx, at);
    }
    if name == FOR_REF {
        return for_ref(vm, fib, recv, args, cx, at);
    }
    // `arg.as_mut()` of a `&mut Box<u32>` (`T: AsMut<u32>`): the reference itself, through
    // which `*n = *n * *n` writes (a copy of the number would not reach the variable).
    if args.is_empty()
        && matches!(recv, Value::Ref(_))
        && matches!(name, "as_mut" | "as_ref" | "borrow" | "borrow_mut")
        && refers_to_scalar(&recv)
    {
        return Ok(recv);
    }
    // `x.downcast_ref::<T>()` and its kin (the compiler wrote `T`'s key into the name, which no
    // program's method has): asked of the receiver as it is, an `Rc` before what it holds.
    if args.is_empty()
        && name.contains('<')
        && name.split('<').next().is_some_and(|m| matches!(m, "downcast_ref" | "downcast_mut" | "downcast" | "is"))
    {
        if let Some(v) = downcast_of(vm, &recv, name) {
            if !matches!(deref_all(&recv), Value::Obj(o) if o.ty == ty::PANIC_PAYLOAD) {
                return v.map_err(|m| at.err(m));
            }
        }
    }
    // The receiver itself first, then one dereference at a time.
    let mut cur = recv.clone();
    for _ in 0..8 {
        if let Value::Obj(o) = &cur {
            if o.ty == ty::COW {
                return cow_method(vm, fib, o.clone(), name, universal, args, cx, at);
            }
        }
        if let Some(v) = try_methods(vm, fib, &cur, name, universal, &args, cx, at)? {
            return Ok(v);
        }
        // One dereference, then look again (a user type's method included).
        let next = match &cur {
            Value::Ref(p) => read_ptr(p).ok_or_else(|| at.err(super::rt::MOVED))?,
            Value::Native(n) => match &**n {
                Native::Shared(b, _) => b.value.borrow().clone(),
                _ => break,
            },
            // The program's own `Deref` impl: what its `deref` returns (a reference here is a
            // handle, so `&mut` methods of the target work through it too).
            Value::Obj(o) if o.ty >= ty::FIRST_USER => match vm.code.name_id("deref").and_then(|n| vm.user_method(&cur, n)) {
                Some((f, _)) => vm.call_fn(fib, f, vec![cur.clone()], None, cx, at)?,
                None => break,
            },
            _ => break,
        };
        if let Some(nid) = vm.code.name_id(name) {
            if let Some((f, _)) = vm.user_method(&next, nid) {
                let mut all = vec![next];
                all.extend(args);
                return vm.call_fn(fib, f, all, None, cx, at);
            }
        }
        cur = next;
    }
    if let Some(v) = args.is_empty().then(|| downcast_of(vm, &recv, name)).flatten() {
        return v.map_err(|m| at.err(m));
    }
    // `b.as_ref()` of a `Box` (a `Box<dyn Error>` holding a `ParseIntError`): a box is its
    // value here, so what it holds, borrowed, is the value itself.
    if matches!(name, "as_ref" | "as_mut") && args.is_empty() {
        return Ok(recv);
    }
    // `Error::source`'s default, for an error that does not write its own: `None`.
    if name == "source" && args.is_empty() && is_error(vm, &recv) {
        return Ok(Value::none());
    }
    if vm.code.blanket.is_empty() {
        return Err(no_method(&recv, name, at));
    }
    blanket_method(vm, fib, recv, name, args, cx, at)
}

/// Whether a reference leads to a number, a `bool` or a `char` (not to another reference).
#[inline(never)]
fn refers_to_scalar(r: &Value) -> bool {
    let Value::Ref(p) = r else { return false };
    matches!(read_ptr(p), Some(Value::Int(..) | Value::Float(..) | Value::Bool(_) | Value::Char(_)))
}

/// A method of a `Cow`: its own (`to_mut`, `into_owned`, `is_borrowed`, `is_owned`, `clone`),
/// else what it holds answers, as `Deref` has it.
#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn cow_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    cow: Rc<Obj>,
    name: &str,
    universal: bool,
    args: Vec<Value>,
    cx: &mut Context<'_>,
    at: At,
) -> R<Value> {
    let (variant, held) = match &*cow.data.borrow() {
        Data::Variant(v, f) if f.len() == 1 => (*v, f[0].clone()),
        _ => return Err(at.err("internal error: a `Cow` without its value")),
    };
    // What it borrowed, copied: a slice's `to_owned` is a `Vec`.
    let slice = super::rt::slice_view(&held).is_some() || matches!(deref_all(&held), Value::Obj(o) if matches!(o.ty, ty::ARRAY | ty::VEC));
    let how = if slice { "to_vec" } else { "to_owned" };
    let owned = |vm: &Rc<Interp>, fib: &mut Fiber, cx: &mut Context<'_>| call(vm, fib, held.clone(), how, false, Vec::new(), cx, at);
    Ok(match (name, args.is_empty()) {
        ("is_borrowed", true) => Value::Bool(variant == 0),
        ("is_owned", true) => Value::Bool(variant == 1),
        ("into_owned", true) if variant == 0 => owned(vm, fib, cx)?,
        ("into_owned", true) => held,
        // The first write makes it own a copy of what it borrowed.
        ("to_mut", true) => {
            if variant == 0 {
                let copy = owned(vm, fib, cx)?;
                let old = std::mem::replace(&mut *cow.data.borrow_mut(), Data::Variant(1, vec![copy.clone()]));
                drop(old);
                copy
            } else {
                held
            }
        }
        ("clone", true) => {
            let held = if variant == 0 { held } else { call(vm, fib, held, "clone", false, Vec::new(), cx, at)? };
            Value::Obj(Obj::new(ty::COW, false, Data::Variant(variant, vec![held])))
        }
        ("as_ref" | "deref" | "borrow", true) => held,
        _ => call(vm, fib, held, name, universal, args, cx, at)?,
    })
}

/// A method of the program's blanket impl (`impl<I: Iterator> RevSorted for I {}`), by its name
/// or through its trait (`Show::show(&p)`). Out of [`call`]'s frame, which nested calls stack
/// (a `sort_by` comparator that sorts again: the wasm stack test).
#[inline(never)]
fn blanket_method(vm: &Rc<Interp>, fib: &mut Fiber, recv: Value, name: &str, args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
    let plain = name.rsplit("::").next().unwrap_or(name);
    let Some(&f) = vm.code.name_id(plain).and_then(|n| vm.code.blanket.get(&n)) else { return Err(no_method(&recv, name, at)) };
    let mut all = vec![recv];
    all.extend(args);
    vm.call_fn(fib, f, all, None, cx, at)
}

/// `split_at_mut`, `chunks_mut`, `split_at` and `copy_from_slice` of the elements `lo..hi` of
/// a `Vec` or an array: the `_mut` ones give views of them where they are ([`Ptr::Slice`]), so
/// the two halves of a `split_at_mut` are written independently, as in Rust.
#[inline(never)]
fn slice_split(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    (obj, lo, hi): (Rc<Obj>, usize, usize),
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let _ = (fib, cx);
    let len = hi - lo;
    let view = |a: usize, b: usize| Value::Ref(Rc::new(Ptr::Slice(obj.clone(), lo + a, lo + b)));
    let copy = |a: usize, b: usize| Value::vec(items_of(&obj).get(lo + a..lo + b).map(<[Value]>::to_vec).unwrap_or_default());
    let n = |i: usize| as_usize(args.get(i).unwrap_or(&Value::Unit), at);
    Ok(Some(match name {
        "split_at_mut" | "split_at" => {
            let mid = n(0)?;
            if mid > len {
                return Err(at.panic("mid > len"));
            }
            if name == "split_at" {
                Value::tuple(vec![copy(0, mid), copy(mid, len)])
            } else {
                Value::tuple(vec![view(0, mid), view(mid, len)])
            }
        }
        // `Option<(&mut T, &mut [T])>`: the first (or last) element and the rest, in place.
        "split_first_mut" | "split_last_mut" => {
            if len == 0 {
                Value::none()
            } else if name == "split_first_mut" {
                Value::some(Value::tuple(vec![elem_ref(&obj, lo, &Value::Unit), view(1, len)]))
            } else {
                Value::some(Value::tuple(vec![elem_ref(&obj, hi - 1, &Value::Unit), view(0, len - 1)]))
            }
        }
        "chunks_mut" => {
            let size = n(0)?;
            if size == 0 {
                return Err(at.panic("chunk size must be non-zero"));
            }
            vm.count_values(len / size + 1, at)?;
            Value::vec((0..len).step_by(size).map(|a| view(a, (a + size).min(len))).collect())
        }
        _ => {
            let src: Vec<Value> = match deref_all(args.first().unwrap_or(&Value::Unit)) {
                Value::Obj(o) if matches!(o.ty, ty::VEC | ty::ARRAY) => items_of(&o),
                other => match super::rt::slice_view(args.first().unwrap_or(&Value::Unit)) {
                    Some((o, a, b)) => items_of(&o).get(a..b).map(<[Value]>::to_vec).unwrap_or_default(),
                    None => return Err(at.err(format!("`{name}` takes a slice, not {}", other.type_name()))),
                },
            };
            if src.len() != len {
                return Err(at.panic(match name {
                    "copy_from_slice" => {
                        format!("copy_from_slice: source slice length ({}) does not match destination slice length ({len})", src.len())
                    }
                    _ => "destination and source slices have different lengths".to_string(),
                }));
            }
            let mut d = obj.data.borrow_mut();
            if let Data::Vec(f) | Data::Fields(f) = &mut *d {
                if let Some(dest) = f.get_mut(lo..hi) {
                    dest.clone_from_slice(&src);
                }
            }
            Value::Unit
        }
    }))
}

/// A method of a slice view `(v, lo, hi)` ([`Ptr::Slice`]): its length and iterators read `v`
/// where it is; any other method runs on a copy of the elements, which then go back into `v`
/// (`sort`, `reverse`, `swap`, `fill`, …), and `get_mut`/`first_mut`/`last_mut` refer into `v`.
#[allow(clippy::too_many_arguments)]
/// `for x in &e` ([`FOR_REF`]): a collection's `iter()`; anything else is iterated as `for x in
/// e` iterates it. Out of [`call`]'s frame, which nested calls stack up.
#[inline(never)]
fn for_ref(vm: &Rc<Interp>, fib: &mut Fiber, recv: Value, args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
    match deref_all(&recv) {
        Value::Obj(o) if matches!(o.ty, ty::VEC | ty::ARRAY | ty::DEQUE) || ty::is_map(o.ty) || ty::is_set(o.ty) => {
            call(vm, fib, recv, "iter", false, args, cx, at)
        }
        _ => Ok(recv),
    }
}

#[inline(never)]
fn view_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    (obj, lo, hi): (Rc<Obj>, usize, usize),
    name: &str,
    args: Vec<Value>,
    cx: &mut Context<'_>,
    at: At,
) -> R<Value> {
    let elems =
        |mutable: bool| Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Elems { obj: obj.clone(), front: lo, back: hi, mutable }))));
    let len = hi - lo;
    let place = |k: usize| if k < len { Value::some(elem_ref(&obj, lo + k, &Value::Unit)) } else { Value::none() };
    match (name, args.as_slice()) {
        ("len", []) => return Ok(Value::usize(len)),
        ("is_empty", []) => return Ok(Value::Bool(len == 0)),
        ("iter", []) => return Ok(elems(false)),
        ("iter_mut" | "into_iter", []) => return Ok(elems(true)),
        _ if name == FOR_MUT => return Ok(elems(true)),
        ("first_mut", []) => return Ok(place(0)),
        ("last_mut", []) => return Ok(place(len.wrapping_sub(1))),
        ("get_mut", [Value::Int(..)]) => return Ok(place(as_usize(&args[0], at)?)),
        ("split_at_mut" | "chunks_mut" | "split_at" | "copy_from_slice" | "clone_from_slice" | "split_first_mut" | "split_last_mut", _) => {
            return slice_split(vm, fib, (obj.clone(), lo, hi), name, &args, cx, at)?.ok_or_else(|| no_method(&Value::Unit, name, at));
        }
        _ => {}
    }
    let copy = Obj::new(ty::VEC, false, Data::Vec(items_of(&obj).get(lo..hi).map(<[Value]>::to_vec).unwrap_or_default()));
    let out = call(vm, fib, Value::Obj(copy.clone()), name, is_universal(name), args, cx, at)?;
    let back = match &*copy.data.borrow() {
        Data::Vec(v) => v.clone(),
        _ => Vec::new(),
    };
    if back.len() == len {
        if let Ok(mut d) = obj.data.try_borrow_mut() {
            if let Data::Vec(f) | Data::Fields(f) = &mut *d {
                if let Some(dest) = f.get_mut(lo..hi) {
                    dest.clone_from_slice(&back);
                }
            }
        }
    }
    Ok(out)
}

/// `cx.waker()`: the context's waker, borrowed (the executor's) or the learner's own.
pub fn ctx_waker(w: &Option<CtxWaker>) -> Value {
    match w {
        Some(w) => Value::Waker(w.get()),
        None => Value::CxWaker,
    }
}

/// `cx.waker().wake_by_ref()`.
pub fn cx_wake_by_ref(vm: &Rc<Interp>, fib: &mut Fiber, cx: &mut Context<'_>, at: At) -> R<Value> {
    // Not cloned unless their code must run with it (a clone of the executor's waker would be
    // counted, and dropped, for nothing).
    if super::sync::is_user_waker(cx.waker()) {
        let w = cx.waker().clone();
        if vm.wake_user(fib, &w, true, cx, at)? {
            return Ok(Value::Unit);
        }
    }
    wake_poller(vm, cx, at);
    Ok(Value::Unit)
}

/// `fut.map(f)` and the other combinators of `FutureExt` and `TryFutureExt`: a future that
/// polls `fut`, then applies `f` as the combinator does.
fn combinator(vm: &Interp, v: &Value, name: &str, args: &[Value], at: At) -> R<Value> {
    want_args(args, 1, name, at)?;
    let Some(kind) = CombKind::of(name) else { return Err(at.err(format!("no combinator `{name}`"))) };
    let f = args[0].clone();
    if !matches!(deref_all(&f), Value::Closure(_) | Value::Fn(_) | Value::Builtin(_)) {
        return Err(at.err(format!("`{name}` takes a closure, not {}", f.type_name())));
    }
    // The combinator owns it now: if nothing polls the combinator, the console notes that one.
    if let Value::Fut(inner) = v {
        inner.used.set(true);
    }
    Ok(vm.future(
        super::rt::static_name(kind.name()),
        at.span,
        FutState::Comb(Box::new(Comb { kind, inner: v.clone(), f, next: None })),
        None,
    ))
}

/// Wakes the waker of the poll running now (the executor's, or one whose learner code has run),
/// and names the line that woke it in the trace.
#[inline(always)]
pub fn wake_poller(vm: &Interp, cx: &Context<'_>, at: At) {
    vm.source(SourceKind::Wake, at.span);
    cx.waker().wake_by_ref();
}

#[allow(clippy::too_many_arguments)]
fn try_methods(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    v: &Value,
    name: &str,
    universal: bool,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    // Methods every value has (each name here is in `UNIVERSAL`, or `is_universal` skips it).
    match name {
        // `FutureExt::map` and the other combinators of the program's own future (its own
        // method of that name, if it has one, is called instead: it comes first).
        _ if args.len() == 1 && CombKind::of(name).is_some() && vm.user_poll(v).is_some() => {
            return combinator(vm, v, name, args, at).map(Some);
        }
        _ if !universal => {}
        // `Iterator::cloned` and `Iterator::fuse` of the program's own iterator: its adapters.
        "cloned" | "fuse" if matches!(v, Value::Obj(o) if is_user_iterator(vm, o)) => {}
        // The program's own future, fused: dropped once it is ready, as `futures`' `Fuse` does.
        "fuse" if args.is_empty() && vm.user_poll(v).is_some() => {
            return Ok(Some(vm.future(Rc::from("fuse"), at.span, FutState::Fuse(v.clone()), None)));
        }
        // `to_owned` of a `&str` is a `String`: the string methods make it.
        "to_owned" if matches!(v, Value::Str(_)) => {}
        // (An iterator's `cloned` is its adapter; its `clone` a copy of where it is.)
        "clone" | "to_owned" | "cloned"
            if args.is_empty() && !matches!(v, Value::Ref(_)) && !is_option_like(v) && (name != "cloned" || !is_iter(v)) =>
        {
            return vm.clone_value(fib, v, cx, at).map(Some);
        }
        "to_string" if args.is_empty() && !matches!(v, Value::Ref(_)) => {
            return Ok(Some(Value::string(vm.display(fib, v, cx, at)?)));
        }
        "eq" | "ne" if args.len() == 1 && !matches!(v, Value::Ref(_)) && !is_iter(v) => {
            let e = vm.equal(fib, v, &args[0], cx, at)?;
            return Ok(Some(Value::Bool(if name == "eq" { e } else { !e })));
        }
        "cmp" if args.len() == 1 && !matches!(v, Value::Ref(_) | Value::Float(..)) && !is_iter(v) => {
            return Ok(Some(Value::ordering(vm.compare(fib, v, &args[0], cx, at)?)));
        }
        "partial_cmp" if args.len() == 1 && !matches!(v, Value::Ref(_) | Value::Float(..)) && !is_iter(v) => {
            return Ok(Some(Value::option(vm.partial_compare(fib, v, &args[0], cx, at)?.map(Value::ordering))));
        }
        // `PartialOrd`'s `lt`, `le`, `gt` and `ge`: false where the two are unordered (a NaN).
        "lt" | "le" | "gt" | "ge" if args.len() == 1 && !matches!(v, Value::Ref(_)) && !is_iter(v) => {
            let o = vm.partial_compare(fib, v, &args[0], cx, at)?;
            let yes = match name {
                "lt" => o == Some(std::cmp::Ordering::Less),
                "le" => matches!(o, Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)),
                "gt" => o == Some(std::cmp::Ordering::Greater),
                _ => matches!(o, Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)),
            };
            return Ok(Some(Value::Bool(yes)));
        }
        // `Ord::max` and `min` on what `cmp` orders (integers have their own, below; an
        // iterator's take no argument): on a tie `max` gives the argument and `min` the
        // receiver, as std's do.
        "max" | "min" if args.len() == 1 && !matches!(v, Value::Ref(_) | Value::Int(..) | Value::Float(..)) => {
            return vm.min_max(fib, v.clone(), args[0].clone(), name == "max", cx, at).map(Some);
        }
        // `a.clone_from(&b)`, and `Ord::clamp` (a `char`'s has std's own message, below):
        // out of line, as this function's frame is on the stack of every nested call.
        "clone_from" if args.len() == 1 && matches!(v, Value::Ref(_) | Value::Obj(_)) => {
            return clone_from_or_clamp(vm, fib, v, name, args, cx, at).map(Some);
        }
        "clamp" if args.len() == 2 && !matches!(v, Value::Ref(_) | Value::Int(..) | Value::Float(..) | Value::Char(_)) => {
            return clone_from_or_clamp(vm, fib, v, name, args, cx, at).map(Some);
        }
        "into" | "as_ref" | "as_mut" | "borrow" | "borrow_mut" | "get_mut" | "get_ref" | "as_deref" | "as_deref_mut" | "by_ref"
        | "into_future" | "fuse" | "into_inner" | "get_unchecked_mut" | "into_ref"
            if args.is_empty()
                && (matches!(
                    v,
                    Value::Str(_)
                        | Value::Int(..)
                        | Value::Float(..)
                        | Value::Fut(_)
                        | Value::Dur(_)
                        | Value::Closure(_)
                        | Value::Char(_)
                        | Value::Bool(_)
                ) || matches!(v, Value::Obj(o) if o.ty >= ty::FIRST_USER)) =>
        {
            // `Box` and `Pin` are transparent here: `pinned.as_mut()` is the value itself.
            if name == "get_mut" {
                vm.check_unpin(v, "Pin::get_mut", at)?;
            }
            if let ("into", Value::Obj(o)) = (name, v) {
                if let Some(t) = vm.code.types.get(o.ty as usize).filter(|t| t.into_targets > 1) {
                    return Err(at.err(format!(
                        "`{}` has {} `From` impls (`impl From<{}> for …`): the playground picks one by a written type, `let x: u32 = v.into()` (or call `u32::from(v)`)",
                        t.name, t.into_targets, t.name
                    )));
                }
            }
            return Ok(Some(match (name, v) {
                ("into", Value::Str(s)) => Value::string(s.to_string()),
                // `small.into()` where an `i64` goes: the number, its type left to the place it
                // goes to (`From` widens; it never changes the value).
                ("into", Value::Int(b, t)) if i64::try_from(int_of(*b, *t)).is_ok() => Value::Int(int_of(*b, *t) as u64, None),
                _ => v.clone(),
            }));
        }
        _ => {}
    }
    Ok(match v {
        Value::Int(bits, t) => int_method(*bits, *t, name, args, at)?,
        Value::Float(x, t) => float_method(*x, *t, name, args, at)?,
        Value::Bool(b) => match name {
            "then_some" => Some(if *b { Value::some(args.first().cloned().unwrap_or(Value::Unit)) } else { Value::none() }),
            "then" => {
                Some(if *b { Value::some(vm.call(fib, args.first().unwrap_or(&Value::Unit), Vec::new(), cx, at)?) } else { Value::none() })
            }
            _ => None,
        },
        Value::Char(c) => char_method(*c, name, args, at)?,
        Value::Str(s) => str_method(vm, fib, s, None, name, args, cx, at)?,
        Value::Dur(d) => dur_method(*d, name, args, at)?,
        Value::Instant(t) => match name {
            "elapsed" => Some(Value::Dur(ms_duration((vm.now() - t).max(0.0)))),
            "duration_since" | "saturating_duration_since" => match deref_all(args.first().unwrap_or(&Value::Unit)) {
                Value::Instant(u) => Some(Value::Dur(ms_duration((t - u).max(0.0)))),
                _ => return Err(at.err("`duration_since` takes an `Instant`")),
            },
            "checked_duration_since" => match deref_all(args.first().unwrap_or(&Value::Unit)) {
                Value::Instant(u) => Some(Value::option((t >= &u).then(|| Value::Dur(ms_duration(t - u))))),
                _ => return Err(at.err("`checked_duration_since` takes an `Instant`")),
            },
            _ => None,
        },
        Value::Waker(w) => match name {
            "wake_by_ref" | "wake" if vm.wake_user(fib, &w.0, name == "wake_by_ref", cx, at)? => Some(Value::Unit),
            "wake_by_ref" => {
                vm.source(SourceKind::Wake, at.span);
                w.0.wake_by_ref();
                Some(Value::Unit)
            }
            "wake" => {
                vm.source(SourceKind::Wake, at.span);
                // `wake(self)` consumes the waker: the executor sees the wake and the drop.
                match Rc::try_unwrap(w.clone()) {
                    Ok(owned) => owned.0.wake(),
                    Err(shared) => shared.0.wake_by_ref(),
                }
                Some(Value::Unit)
            }
            "will_wake" => Some(Value::Bool(match deref_all(args.first().unwrap_or(&Value::Unit)) {
                Value::Waker(o) => super::sync::wakes_same(&w.0, &o.0),
                Value::CxWaker => super::sync::wakes_same(&w.0, cx.waker()),
                _ => return Err(at.err("`will_wake` takes a `&Waker`")),
            })),
            "clone" => {
                vm.source(SourceKind::Clone, at.span);
                Some(vm.clone_waker(fib, &w.0, cx, at)?)
            }
            _ => None,
        },
        Value::CxWaker => match name {
            "clone" => {
                vm.source(SourceKind::Clone, at.span);
                {
                    let w = cx.waker().clone();
                    Some(vm.clone_waker(fib, &w, cx, at)?)
                }
            }
            "wake_by_ref" => Some(cx_wake_by_ref(vm, fib, cx, at)?),
            "wake" => {
                return Err(at.err("cannot move out of `cx.waker()`, a `&Waker`: call `cx.waker().wake_by_ref()`, or `.clone()` it first"))
            }
            "will_wake" => Some(Value::Bool(match deref_all(args.first().unwrap_or(&Value::Unit)) {
                Value::Waker(o) => super::sync::wakes_same(cx.waker(), &o.0),
                Value::CxWaker => true,
                _ => return Err(at.err("`will_wake` takes a `&Waker`")),
            })),
            _ => None,
        },
        Value::Ctx(w) => match name {
            "waker" => Some(ctx_waker(w)),
            _ => None,
        },
        Value::Fut(f) => match name {
            "poll" => {
                want_args(args, 1, "poll", at)?;
                let ctx = deref_all(&args[0]);
                let r = match ctx {
                    Value::Ctx(None) => vm.poll_value(fib, v, cx, at)?,
                    Value::Ctx(Some(w)) => {
                        // A context of the learner's own waker: a poll by their executor, of the
                        // task that waker belongs to.
                        let w = w.get();
                        let guest = vm.guest_poll_start(&w.0);
                        let mut own = Context::from_waker(&w.0);
                        let r = vm.poll_value(fib, v, &mut own, at);
                        if let Some(g) = guest {
                            vm.guest_poll_end(g, matches!(r, Ok(Poll::Ready(_))));
                        }
                        r?
                    }
                    other => return Err(at.err(format!("`poll` takes a `&mut Context`, not {}", other.type_name()))),
                };
                Some(match r {
                    Poll::Ready(v) => Value::ready(v),
                    Poll::Pending => Value::pending(),
                })
            }
            "as_mut" | "boxed" | "boxed_local" | "fuse" | "into_future" | "as_ref" | "get_mut" | "get_unchecked_mut" => Some(v.clone()),
            _ if CombKind::of(name).is_some() => Some(combinator(vm, v, name, args, at)?),
            // `FutureExt::now_or_never`: one poll with a waker that does nothing.
            "now_or_never" => match vm.poll_value(fib, v, &mut super::rt::noop_context(), at)? {
                Poll::Ready(out) => Some(Value::some(out)),
                Poll::Pending => Some(Value::none()),
            },
            "is_terminated" => Some(Value::Bool(matches!(&*f.state.borrow(), FutState::Done))),
            _ => None,
        },
        // `f.call((a, b))` is unstable in Rust (`fn_traits`): a closure is called as `f(a, b)`.
        Value::Obj(o) => obj_method(vm, fib, o, v, name, args, cx, at)?,
        Value::Native(n) => native_method(vm, fib, n, v, name, args, cx, at)?,
        _ => None,
    })
}

fn is_option_like(v: &Value) -> bool {
    matches!(v, Value::Obj(o) if matches!(o.ty, ty::OPTION | ty::RESULT))
}

fn is_iter(v: &Value) -> bool {
    matches!(v, Value::Native(n) if matches!(&**n, Native::Iter(_)))
}

/// A float's methods: std's maths ([`super::float::method`]), its comparisons, its text.
#[inline(never)]
fn float_method(x: f64, t: Option<super::lexer::FloatTy>, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
    let other = || -> R<f64> {
        match args.first().map(deref_all) {
            Some(Value::Float(y, u)) => {
                super::float::unify(t, u, at, name)?;
                Ok(y)
            }
            Some(o) => Err(at.err(format!("`{name}` compares a float with a float, not {}", o.type_name()))),
            None => Err(at.err(format!("`{name}` takes another float"))),
        }
    };
    Ok(Some(match name {
        "partial_cmp" => Value::option(x.partial_cmp(&other()?).map(Value::ordering)),
        "total_cmp" => Value::ordering(if t == Some(super::lexer::FloatTy::F32) {
            (x as f32).total_cmp(&(other()? as f32))
        } else {
            x.total_cmp(&other()?)
        }),
        "to_string" => Value::string(super::float::display(x, t)),
        "clone" | "to_owned" => Value::Float(x, t),
        _ => return super::float::method(x, t, name, args, at),
    }))
}

/// An integer's methods (out of line: a leaf, kept off the frame of [`try_methods`], which
/// every nested call of the program's code stacks).
#[inline(never)]
fn int_method(bits: u64, t: Option<IntTy>, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
    let n = int_of(bits, t);
    let other = |i: usize| -> R<(i128, Option<IntTy>)> { as_int(args.get(i).unwrap_or(&Value::Unit), at, name) };
    let ty = t;
    let (lo, hi) = range_of(ty);
    let fits = |x: i128| x >= lo && x <= hi;
    let wrap = |x: i128| wrapped(x, ty);
    Ok(Some(match name {
        // Typed where the value goes, the compiler made it a `try_from` (rustc's E0282 otherwise).
        "try_into" => {
            return Err(at.err(
                "type annotations needed: `try_into()` converts to the type written where its value goes (`let n: u8 = x.try_into()?;`), or write `u8::try_from(x)`",
            ))
        }
        "abs" => make_int(n.abs(), ty, at, "negate")?,
        "checked_abs" | "checked_neg" => {
            let r = if name == "checked_abs" { n.abs() } else { -n };
            Value::option(fits(r).then(|| int(r, ty)))
        }
        "rotate_left" | "rotate_right" => {
            let (k, _) = other(0)?;
            let b = ty.unwrap_or(IntTy::I32).bits();
            let k = u32::try_from(k.rem_euclid(i128::from(b))).unwrap_or(0);
            let x = bits_of(n, ty);
            let mask: u64 = if b == 64 { u64::MAX } else { (1u64 << b) - 1 };
            let k = if name == "rotate_left" { k } else { (b - k) % b };
            let r = if k == 0 { x } else { ((x << k) | (x >> (b - k))) & mask };
            wrap(i128::from(r))
        }
        "pow" => {
            let (e, _) = other(0)?;
            let e = u32::try_from(e).map_err(|_| at.err("`pow` takes a `u32` exponent"))?;
            make_int(n.checked_pow(e).ok_or_else(|| at.panic("attempt to multiply with overflow"))?, ty, at, "multiply")?
        }
        // (`usize::checked_add_signed(isize)` and its kin: the sum is the same.)
        "checked_add" | "checked_sub" | "checked_mul" | "checked_div" | "checked_rem" | "checked_pow" | "checked_add_signed" => {
            let (m, _) = other(0)?;
            let r = match name {
                "checked_add" | "checked_add_signed" => n.checked_add(m),
                "checked_sub" => n.checked_sub(m),
                "checked_mul" => n.checked_mul(m),
                "checked_div" => (m != 0).then(|| n / m),
                // `MIN % -1` overflows as `MIN / -1` does: `None`, though the remainder is 0.
                "checked_rem" => (m != 0 && fits(n / m)).then(|| n % m),
                _ => u32::try_from(m).ok().and_then(|e| n.checked_pow(e)),
            };
            Value::option(r.filter(|x| fits(*x)).map(|x| int(x, ty)))
        }
        "saturating_add" | "saturating_sub" | "saturating_mul" | "saturating_pow" | "saturating_add_signed" => {
            let (m, _) = other(0)?;
            let r = match name {
                "saturating_add" | "saturating_add_signed" => n.saturating_add(m),
                "saturating_sub" => n.saturating_sub(m),
                "saturating_mul" => n.saturating_mul(m),
                _ => n.saturating_pow(u32::try_from(m).unwrap_or(u32::MAX)),
            };
            int(r.clamp(lo, hi), ty)
        }
        "wrapping_add" | "wrapping_sub" | "wrapping_mul" | "wrapping_add_signed" => {
            let (m, _) = other(0)?;
            wrap(match name {
                "wrapping_add" | "wrapping_add_signed" => n + m,
                "wrapping_sub" => n - m,
                _ => n.wrapping_mul(m),
            })
        }
        "wrapping_pow" => {
            let (m, _) = other(0)?;
            let e = u32::try_from(m).map_err(|_| at.err("`wrapping_pow` takes a `u32`"))?;
            // Square-and-multiply, wrapped at each step as the type's own arithmetic wraps.
            let (mut base, mut e, mut acc) = (n, e, 1i128);
            let w = |x: i128| match wrap(x) {
                Value::Int(b, t) => int_of(b, t),
                _ => 0,
            };
            while e > 0 {
                if e & 1 == 1 {
                    acc = w(acc.wrapping_mul(base));
                }
                base = w(base.wrapping_mul(base));
                e >>= 1;
            }
            wrap(acc)
        }
        "wrapping_shl" | "wrapping_shr" => {
            let (m, _) = other(0)?;
            // The amount is taken modulo the type's bits; the shift itself wraps (`>>` of a
            // signed value keeps its sign).
            let k = m.rem_euclid(i128::from(ty.unwrap_or(IntTy::I32).bits())) as u32;
            wrap(if name == "wrapping_shl" { n << k } else { n >> k })
        }
        // Unsigned integers' rounding up (`div_ceil`, `next_multiple_of`).
        "div_ceil" | "next_multiple_of" => {
            if ty.is_some_and(|t| t.signed()) {
                return Err(at.err(format!("`{name}` of a signed integer is unstable in Rust (`int_roundings`): it is an unsigned integer's")));
            }
            let (m, _) = other(0)?;
            if m == 0 {
                return Err(super::ops::zero_divisor(name != "div_ceil", at));
            }
            let q = n / m + i128::from(n % m != 0);
            if name == "div_ceil" {
                int(q, ty)
            } else {
                make_int(q * m, ty, at, "add")?
            }
        }
        // `None` where the amount is the type's bits or more; the shift itself wraps.
        "checked_shl" | "checked_shr" => {
            let (m, _) = other(0)?;
            let bits = i128::from(ty.unwrap_or(IntTy::I32).bits());
            Value::option((0..bits).contains(&m).then(|| wrap(if name == "checked_shl" { n << m } else { n >> m })))
        }
        "next_power_of_two" | "checked_next_power_of_two" => {
            let p = if n <= 1 { 1 } else { 1i128 << (128 - (n - 1).leading_zeros()) };
            if name == "checked_next_power_of_two" {
                Value::option(fits(p).then(|| int(p, ty)))
            } else if fits(p) {
                int(p, ty)
            } else {
                return Err(at.panic("attempt to add with overflow"));
            }
        }
        // A byte's ASCII tests and case, as a `char`'s (`b.is_ascii_lowercase()`).
        _ if ty == Some(IntTy::U8) && (name.starts_with("is_ascii") || name.starts_with("to_ascii_") || name == "eq_ignore_ascii_case") => {
            let c = char::from(n as u8);
            let args: Vec<Value> = args
                .iter()
                .map(|a| match deref_all(a) {
                    Value::Int(b, t) => Value::Char(char::from(int_of(b, t) as u8)),
                    other => other,
                })
                .collect();
            return Ok(char_method(c, name, &args, at)?.map(|v| match v {
                Value::Char(c) => Value::Int(u64::from(c as u32), Some(IntTy::U8)),
                v => v,
            }));
        }
        "wrapping_neg" => wrap(-n),
        "wrapping_abs" => wrap(n.abs()),
        "overflowing_neg" => Value::tuple(vec![wrap(-n), Value::Bool(!fits(-n))]),
        // `MIN / -1` wraps to `MIN` (and its remainder is 0); a zero divisor still panics.
        "wrapping_div" | "wrapping_rem" | "wrapping_div_euclid" | "wrapping_rem_euclid" => {
            let (m, _) = other(0)?;
            if m == 0 {
                return Err(super::ops::zero_divisor(name.contains("rem"), at));
            }
            wrap(match name {
                "wrapping_div" => n / m,
                "wrapping_rem" => n % m,
                "wrapping_div_euclid" => n.div_euclid(m),
                _ => n.rem_euclid(m),
            })
        }
        "overflowing_add" | "overflowing_sub" | "overflowing_mul" => {
            let (m, _) = other(0)?;
            let r = match name {
                "overflowing_add" => n + m,
                "overflowing_sub" => n - m,
                _ => n.wrapping_mul(m),
            };
            Value::tuple(vec![wrap(r), Value::Bool(!fits(r))])
        }
        "min" | "max" => {
            let (m, mt) = other(0)?;
            let _ = mt;
            int(if name == "min" { n.min(m) } else { n.max(m) }, ty)
        }
        "clamp" => {
            let (a, _) = other(0)?;
            let (b, _) = other(1)?;
            if a > b {
                return Err(at.panic(format!("min > max. min = {a}, max = {b}")));
            }
            int(n.clamp(a, b), ty)
        }
        "signum" => int(n.signum(), ty),
        "is_positive" => Value::Bool(n > 0),
        "is_negative" => Value::Bool(n < 0),
        "is_power_of_two" => Value::Bool(n > 0 && (n & (n - 1)) == 0),
        "count_ones" => Value::Int(u64::from(bits_of(n, ty).count_ones()), Some(IntTy::U32)),
        "count_zeros" => Value::Int(u64::from(ty.unwrap_or(IntTy::I32).bits() - bits_of(n, ty).count_ones()), Some(IntTy::U32)),
        "leading_zeros" => {
            let b = ty.unwrap_or(IntTy::I32).bits();
            Value::Int(u64::from(bits_of(n, ty).leading_zeros() - (64 - b)), Some(IntTy::U32))
        }
        "trailing_zeros" => Value::Int(u64::from(bits_of(n, ty).trailing_zeros().min(ty.unwrap_or(IntTy::I32).bits())), Some(IntTy::U32)),
        // The floor of the logarithm; of zero (or a negative) it panics, or `checked_` gives `None`.
        "ilog2" | "ilog10" | "checked_ilog2" | "checked_ilog10" => {
            let log = (n > 0).then(|| if name.ends_with('2') { n.ilog2() } else { n.ilog10() });
            match (log, name.starts_with("checked")) {
                (log, true) => Value::option(log.map(|l| Value::Int(u64::from(l), Some(IntTy::U32)))),
                (Some(l), false) => Value::Int(u64::from(l), Some(IntTy::U32)),
                (None, false) => return Err(at.panic("argument of integer logarithm must be positive")),
            }
        }
        "leading_ones" => {
            let b = ty.unwrap_or(IntTy::I32).bits();
            Value::Int(u64::from((!bits_of(n, ty) << (64 - b)).leading_zeros().min(b)), Some(IntTy::U32))
        }
        "trailing_ones" => Value::Int(u64::from(bits_of(n, ty).trailing_ones()), Some(IntTy::U32)),
        "rem_euclid" => {
            let (m, _) = other(0)?;
            if m == 0 {
                return Err(super::ops::zero_divisor(true, at));
            }
            make_int(n.div_euclid(m), ty, at, "calculate the remainder")?;
            int(n.rem_euclid(m), ty)
        }
        "div_euclid" => {
            let (m, _) = other(0)?;
            if m == 0 {
                return Err(super::ops::zero_divisor(false, at));
            }
            make_int(n.div_euclid(m), ty, at, "divide")?
        }
        // Both give the unsigned type of the same width.
        "abs_diff" | "unsigned_abs" => {
            let m = if name == "abs_diff" { other(0)?.0 } else { 0 };
            let ut = ty.map(|t| match t {
                IntTy::I8 => IntTy::U8,
                IntTy::I16 => IntTy::U16,
                IntTy::I32 => IntTy::U32,
                IntTy::I64 => IntTy::U64,
                IntTy::Isize => IntTy::Usize,
                t => t,
            });
            int((n - m).abs(), ut)
        }
        "isqrt" => {
            if n < 0 {
                return Err(at.panic("argument of integer square root cannot be negative"));
            }
            // The float's root is close; the integer one is the largest r with r * r <= n.
            let mut r = (n as f64).sqrt() as i128;
            while r * r > n {
                r -= 1;
            }
            while (r + 1) * (r + 1) <= n {
                r += 1;
            }
            int(r, ty)
        }
        // The bits of the type's width, reordered, as the same type (`wrapped` reads them back
        // signed for a signed type).
        "swap_bytes" | "reverse_bits" => {
            let b = ty.unwrap_or(IntTy::I32).bits();
            let x = bits_of(n, ty);
            let r = if name == "swap_bytes" { x.swap_bytes() >> (64 - b) } else { x.reverse_bits() >> (64 - b) };
            wrapped(i128::from(r), ty)
        }
        "to_le_bytes" | "to_be_bytes" => {
            let width = ty.unwrap_or(IntTy::I32).bits() / 8;
            let le = bits_of(n, ty).to_le_bytes();
            let mut bytes: Vec<Value> = le[..width as usize].iter().map(|&b| Value::Int(u64::from(b), Some(IntTy::U8))).collect();
            if name == "to_be_bytes" {
                bytes.reverse();
            }
            Value::vec(bytes)
        }
        _ => return Ok(None),
    }))
}

/// `x` wrapped around into the type `ty` (`i32` for an untyped integer), as `wrapping_add` does.
#[inline(never)]
fn wrapped(x: i128, ty: Option<IntTy>) -> Value {
    let b = ty.unwrap_or(IntTy::I32).bits();
    let m = 1i128 << b;
    let mut r = x.rem_euclid(m);
    if ty.unwrap_or(IntTy::I32).signed() && r >= m / 2 {
        r -= m;
    }
    int(r, ty)
}

/// `a.clone_from(&b)`: `a = b.clone()`, in place (the old value dropped); `Ord::clamp`: `min`
/// if below it, `max` if above it, else the receiver.
#[inline(never)]
fn clone_from_or_clamp(vm: &Rc<Interp>, fib: &mut Fiber, v: &Value, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Value> {
    if name == "clone_from" {
        let copy = vm.clone_value(fib, &args[0], cx, at)?;
        drop(super::builtins::replace_place(v, copy, at)?);
        return Ok(Value::Unit);
    }
    if vm.compare(fib, &args[0], &args[1], cx, at)?.is_gt() {
        return Err(at.panic("assertion failed: min <= max"));
    }
    let below = vm.compare(fib, v, &args[0], cx, at)?.is_lt();
    let above = !below && vm.compare(fib, v, &args[1], cx, at)?.is_gt();
    Ok(if below {
        args[0].clone()
    } else if above {
        args[1].clone()
    } else {
        v.clone()
    })
}

/// `ExactSizeIterator::len` of the program's iterator, as std's default: its `size_hint()`'s
/// lower bound, which must be its upper one too (the default `size_hint`, `(0, None)`, is not).
#[inline(never)]
fn user_exact_len(vm: &Rc<Interp>, fib: &mut Fiber, it: &Value, cx: &mut Context<'_>, at: At) -> R<Value> {
    let hint = match vm.code.name_id("size_hint").and_then(|n| vm.user_method(it, n)) {
        Some((f, _)) => vm.call_fn(fib, f, vec![it.clone()], None, cx, at)?,
        None => Value::tuple(vec![Value::usize(0), Value::none()]),
    };
    let parts = match deref_all(&hint) {
        Value::Obj(o) if o.ty == ty::TUPLE => items_of(&o),
        other => return Err(at.err(format!("`size_hint` gives a `(usize, Option<usize>)`, not {}", other.type_name()))),
    };
    let [lo, hi] = &parts[..] else { return Err(at.err("`size_hint` gives a `(usize, Option<usize>)`")) };
    let lo = super::ops::as_usize(lo, at)?;
    let hi = match deref_all(hi).variant_of(ty::OPTION) {
        Some((1, f)) => Some(super::ops::as_usize(f.first().unwrap_or(&Value::Unit), at)?),
        _ => None,
    };
    if hi != Some(lo) {
        return Err(at.panic(format!("assertion `left == right` failed\n  left: {hi:?}\n right: Some({lo})")));
    }
    Ok(Value::usize(lo))
}

/// A `OnceLock`'s (or `OnceCell`'s) methods: set at most once, then read by reference.
#[inline(never)]
fn once_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    n: &Rc<Native>,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let Native::Once(v, set, _) = &**n else { return Ok(None) };
    let here = |write: bool| Value::Ref(Rc::new(Ptr::Guard(Guard::new(n.clone(), write))));
    Ok(Some(match (name, args) {
        ("get", []) => Value::option(set.get().then(|| here(false))),
        ("get_mut", []) => Value::option(set.get().then(|| here(true))),
        ("set", [x]) => {
            if set.get() {
                Value::result(false, x.clone())
            } else {
                *v.borrow_mut() = x.clone();
                set.set(true);
                Value::result(true, Value::Unit)
            }
        }
        // The closure runs once; a second caller (after it) reads what the first made.
        ("get_or_init", [f]) => {
            if !set.get() {
                let x = vm.call(fib, f, Vec::new(), cx, at)?;
                if set.get() {
                    return Err(at.panic("reentrant init"));
                }
                *v.borrow_mut() = x;
                set.set(true);
            }
            here(false)
        }
        ("into_inner" | "take", []) => {
            let was = set.replace(false);
            Value::option(was.then(|| std::mem::take(&mut *v.borrow_mut())))
        }
        _ => return Ok(None),
    }))
}

/// `contains` and `is_empty` of a range of values other than integers and chars
/// ([`Native::Bounds`]), by their `PartialOrd` (a float's NaN is in no range).
#[inline(never)]
fn bounds_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    (lo, hi, inclusive): (Option<&Value>, Option<&Value>, bool),
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    use std::cmp::Ordering::*;
    let mut within = |x: &Value| -> R<bool> {
        let above_lo = match lo {
            Some(lo) => matches!(vm.partial_compare(fib, lo, x, cx, at)?, Some(Less | Equal)),
            None => true,
        };
        Ok(above_lo
            && match hi {
                Some(hi) => match vm.partial_compare(fib, x, hi, cx, at)? {
                    Some(Less) => true,
                    Some(Equal) => inclusive,
                    _ => false,
                },
                None => true,
            })
    };
    Ok(Some(match (name, args) {
        ("contains", [x]) => Value::Bool(within(x)?),
        ("is_empty", []) => Value::Bool(match (lo, hi) {
            (Some(lo), Some(_)) => !within(lo)?,
            _ => false,
        }),
        _ => return Ok(None),
    }))
}

/// `RangeInclusive::start()` or `end()`: a range's bound as written (its end is kept one past).
#[inline(never)]
fn range_bound(it: &Value, name: &str) -> Option<Value> {
    let Value::Native(n) = it else { return None };
    let Native::Iter(cell) = &**n else { return None };
    match (&*cell.borrow(), name) {
        (Iter::Range { next, ty, .. }, "start") => Some(int(*next, *ty)),
        (Iter::Range { end: Some(e), ty, inclusive, .. }, _) => Some(int(e - i128::from(*inclusive), *ty)),
        _ => None,
    }
}

fn bits_of(n: i128, t: Option<IntTy>) -> u64 {
    let b = t.unwrap_or(IntTy::I32).bits();
    let mask: u128 = if b == 64 { u128::from(u64::MAX) } else { (1u128 << b) - 1 };
    ((n as u128) & mask) as u64
}

#[inline(never)]
fn char_method(c: char, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
    Ok(Some(match name {
        "is_alphabetic" => Value::Bool(c.is_alphabetic()),
        "is_numeric" => Value::Bool(c.is_numeric()),
        "is_alphanumeric" => Value::Bool(c.is_alphanumeric()),
        "is_whitespace" => Value::Bool(c.is_whitespace()),
        "is_uppercase" => Value::Bool(c.is_uppercase()),
        "is_lowercase" => Value::Bool(c.is_lowercase()),
        "clamp" => {
            let arg = |i: usize| match args.get(i).map(deref_all) {
                Some(Value::Char(c)) => Ok(c),
                _ => Err(at.err("`clamp` on a `char` takes two `char`s")),
            };
            let (lo, hi) = (arg(0)?, arg(1)?);
            if lo > hi {
                return Err(at.panic(format!("min > max. min = {lo:?}, max = {hi:?}")));
            }
            Value::Char(c.clamp(lo, hi))
        }
        "is_ascii" => Value::Bool(c.is_ascii()),
        "is_ascii_digit" => Value::Bool(c.is_ascii_digit()),
        "is_ascii_alphabetic" => Value::Bool(c.is_ascii_alphabetic()),
        "is_ascii_alphanumeric" => Value::Bool(c.is_ascii_alphanumeric()),
        "is_ascii_hexdigit" => Value::Bool(c.is_ascii_hexdigit()),
        "is_ascii_whitespace" => Value::Bool(c.is_ascii_whitespace()),
        "is_ascii_graphic" => Value::Bool(c.is_ascii_graphic()),
        "is_ascii_control" => Value::Bool(c.is_ascii_control()),
        "is_control" => Value::Bool(c.is_control()),
        "is_ascii_uppercase" => Value::Bool(c.is_ascii_uppercase()),
        "is_ascii_lowercase" => Value::Bool(c.is_ascii_lowercase()),
        "is_ascii_punctuation" => Value::Bool(c.is_ascii_punctuation()),
        "is_digit" => {
            let r = as_u64(args.first().unwrap_or(&Value::Unit), at, "is_digit")?;
            // std's `is_digit` is `to_digit(radix).is_some()`, and panics as it does.
            if !(2..=36).contains(&r) {
                return Err(at.panic("to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive"));
            }
            Value::Bool(c.is_digit(r as u32))
        }
        "to_digit" => {
            let r = as_u64(args.first().unwrap_or(&Value::Unit), at, "to_digit")?;
            if !(2..=36).contains(&r) {
                return Err(at.panic("to_digit: invalid radix -- radix must be in the range 2 to 36 inclusive"));
            }
            Value::option(c.to_digit(r as u32).map(|d| Value::Int(u64::from(d), Some(IntTy::U32))))
        }
        "to_ascii_uppercase" => Value::Char(c.to_ascii_uppercase()),
        "to_ascii_lowercase" => Value::Char(c.to_ascii_lowercase()),
        "escape_default" => chars_value(c.escape_default().collect()),
        "escape_debug" => chars_value(c.escape_debug().collect()),
        "escape_unicode" => chars_value(c.escape_unicode().collect()),
        "to_uppercase" => chars_value(super::case::char_upper(c)),
        "to_lowercase" => chars_value(super::case::char_lower(c)),
        "len_utf8" => Value::usize(c.len_utf8()),
        _ => return Ok(None),
    }))
}

fn dur_method(d: Duration, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
    let other = || -> R<Duration> {
        match deref_all(args.first().unwrap_or(&Value::Unit)) {
            Value::Dur(x) => Ok(x),
            v => Err(at.err(format!("`{name}` takes a `Duration`, not {}", v.type_name()))),
        }
    };
    Ok(Some(match name {
        "as_millis" => Value::Int(d.as_millis().min(u128::from(u64::MAX)) as u64, Some(IntTy::U64)),
        "as_micros" => Value::Int(d.as_micros().min(u128::from(u64::MAX)) as u64, Some(IntTy::U64)),
        "as_nanos" => Value::Int(d.as_nanos().min(u128::from(u64::MAX)) as u64, Some(IntTy::U64)),
        "as_secs" => Value::Int(d.as_secs(), Some(IntTy::U64)),
        "subsec_millis" => Value::Int(u64::from(d.subsec_millis()), Some(IntTy::U32)),
        "subsec_micros" => Value::Int(u64::from(d.subsec_micros()), Some(IntTy::U32)),
        "subsec_nanos" => Value::Int(u64::from(d.subsec_nanos()), Some(IntTy::U32)),
        "is_zero" => Value::Bool(d.is_zero()),
        "checked_add" => Value::option(d.checked_add(other()?).map(Value::Dur)),
        "checked_sub" => Value::option(d.checked_sub(other()?).map(Value::Dur)),
        "saturating_add" => Value::Dur(d.saturating_add(other()?)),
        "saturating_sub" => Value::Dur(d.saturating_sub(other()?)),
        "abs_diff" => Value::Dur(d.abs_diff(other()?)),
        "as_secs_f64" => Value::Float(d.as_secs_f64(), Some(super::lexer::FloatTy::F64)),
        "as_secs_f32" => Value::Float(f64::from(d.as_secs_f32()), Some(super::lexer::FloatTy::F32)),
        "mul_f64" | "div_f64" | "mul_f32" | "div_f32" => {
            let x = match args.first().map(deref_all) {
                Some(Value::Float(x, _)) => x,
                _ => return Err(at.err(format!("`{name}` takes a float"))),
            };
            let secs = if name.starts_with("mul") { d.as_secs_f64() * x } else { d.as_secs_f64() / x };
            match Duration::try_from_secs_f64(secs) {
                Ok(d) => Value::Dur(d),
                Err(_) => return Err(at.panic("cannot convert float seconds to Duration: value is either too big or NaN")),
            }
        }
        _ => return Ok(None),
    }))
}

/// The string methods whose pattern may be a closure or a list of chars ([`char_pattern`]).
const PATTERN_METHODS: [&str; 16] = [
    "split",
    "rsplit",
    "split_terminator",
    "rsplit_terminator",
    "split_inclusive",
    "rmatches",
    "matches",
    "trim_matches",
    "trim_start_matches",
    "trim_end_matches",
    "find",
    "rfind",
    "contains",
    "starts_with",
    "ends_with",
    "split_once",
];

/// A string method's pattern that picks chars, answered for each distinct char of `s` (the
/// program's closure asked once each): `None` for a `&str` or `char` pattern.
fn char_pattern(vm: &Rc<Interp>, fib: &mut Fiber, s: &str, pat: &Value, cx: &mut Context<'_>, at: At) -> R<Option<Vec<(char, bool)>>> {
    let mut table: Vec<(char, bool)> = Vec::new();
    match deref_all(pat) {
        f @ (Value::Closure(_) | Value::Fn(_)) => {
            for c in s.chars() {
                if !table.iter().any(|&(d, _)| d == c) {
                    let hit = matches!(vm.call(fib, &f, vec![Value::Char(c)], cx, at)?, Value::Bool(true));
                    table.push((c, hit));
                }
            }
        }
        Value::Obj(o) if matches!(o.ty, ty::ARRAY | ty::VEC) => {
            let set = items_of(&o);
            if !set.iter().all(|x| matches!(deref_all(x), Value::Char(_))) {
                return Err(at.err("a pattern of several chars is a list of `char`s (`[' ', '-']`)"));
            }
            for c in s.chars() {
                table.push((c, set.iter().any(|x| matches!(deref_all(x), Value::Char(d) if d == c))));
            }
        }
        _ => return Ok(None),
    }
    Ok(Some(table))
}

// Out of `try_methods`' frame, which nested calls stack (the wasm stack test).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn str_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    s: &str,
    owner: Option<&Rc<Obj>>,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let edit = |f: &mut dyn FnMut(&mut String) -> R<Value>| -> R<Value> {
        let Some(o) = owner else { return Err(at.err(format!("`{name}` changes a `String`: a `&str` cannot be changed"))) };
        let mut d = o.data.borrow_mut();
        let Data::Str(s) = &mut *d else { return Err(at.err("not a string")) };
        let r = f(s)?;
        if s.len() > MAX_LEN {
            return Err(at.err("this string is longer than the playground holds"));
        }
        Ok(r)
    };
    let strs = |v: Vec<&str>| iter_of(v.into_iter().map(|x| Value::Str(Rc::from(x))).collect());
    // A pattern of chars: a closure (`|c: char| c == '-'`, `char::is_whitespace`) or a list of
    // chars (`[' ', '-']`), asked once for each char of the string.
    if PATTERN_METHODS.contains(&name) {
        if let Some(table) = char_pattern(vm, fib, s, &a(0), cx, at)? {
            let p = |c: char| table.iter().any(|&(d, hit)| d == c && hit);
            return Ok(Some(match name {
                "split" => strs(s.split(p).collect()),
                "rsplit" => strs(s.rsplit(p).collect()),
                "split_terminator" => strs(s.split_terminator(p).collect()),
                "rsplit_terminator" => strs(s.rsplit_terminator(p).collect()),
                "split_inclusive" => strs(s.split_inclusive(p).collect()),
                "matches" => strs(s.matches(p).collect()),
                "rmatches" => strs(s.rmatches(p).collect()),
                "trim_matches" => Value::Str(Rc::from(s.trim_matches(p))),
                "trim_start_matches" => Value::Str(Rc::from(s.trim_start_matches(p))),
                "trim_end_matches" => Value::Str(Rc::from(s.trim_end_matches(p))),
                "find" => Value::option(s.find(p).map(Value::usize)),
                "rfind" => Value::option(s.rfind(p).map(Value::usize)),
                "contains" => Value::Bool(s.contains(p)),
                "starts_with" => Value::Bool(s.starts_with(p)),
                "ends_with" => Value::Bool(s.ends_with(p)),
                "split_once" => {
                    Value::option(s.split_once(p).map(|(x, y)| Value::tuple(vec![Value::Str(Rc::from(x)), Value::Str(Rc::from(y))])))
                }
                _ => return Ok(None),
            }));
        }
    }
    Ok(Some(match name {
        "len" => Value::usize(s.len()),
        "is_empty" => Value::Bool(s.is_empty()),
        "is_ascii" => Value::Bool(s.is_ascii()),
        "is_char_boundary" => Value::Bool(s.is_char_boundary(as_usize(&a(0), at)?)),
        "matches" => strs(s.matches(text_arg(&a(0), at, "matches")?.as_str()).collect()),
        "rsplit" => strs(s.rsplit(text_arg(&a(0), at, "rsplit")?.as_str()).collect()),
        "as_str" | "as_ref" | "borrow" => Value::Str(Rc::from(s)),
        // `trim_matches` takes a `char` (a `&str` pattern cannot search from both ends, as
        // rustc says); the one-sided trims take either.
        "trim_matches" => match deref_all(&a(0)) {
            Value::Char(c) => Value::Str(Rc::from(s.trim_matches(c))),
            other => return Err(at.err(format!("`trim_matches` takes a `char` here, not {}", other.type_name()))),
        },
        "trim_start_matches" => Value::Str(Rc::from(s.trim_start_matches(text_arg(&a(0), at, "trim_start_matches")?.as_str()))),
        "trim_end_matches" => Value::Str(Rc::from(s.trim_end_matches(text_arg(&a(0), at, "trim_end_matches")?.as_str()))),
        // (`into_owned` of the `Cow<str>` that `String::from_utf8_lossy` gives, which is a
        // `String` here.)
        "to_string" | "to_owned" | "into" | "clone" | "into_owned" => Value::string(s.to_string()),
        "chars" => chars_value(s.chars().collect()),
        "bytes" => iter_of(s.bytes().map(|b| Value::Int(u64::from(b), Some(IntTy::U8))).collect()),
        "char_indices" => iter_of(s.char_indices().map(|(i, c)| Value::tuple(vec![Value::usize(i), Value::Char(c)])).collect()),
        "to_uppercase" => Value::string(super::case::upper(s)),
        "to_lowercase" => Value::string(super::case::lower(s)),
        "to_ascii_uppercase" => Value::string(s.to_ascii_uppercase()),
        "to_ascii_lowercase" => Value::string(s.to_ascii_lowercase()),
        "trim" => Value::Str(Rc::from(s.trim())),
        "trim_start" => Value::Str(Rc::from(s.trim_start())),
        "trim_end" => Value::Str(Rc::from(s.trim_end())),
        "contains" => Value::Bool(s.contains(text_arg(&a(0), at, "contains")?.as_str())),
        "starts_with" => Value::Bool(s.starts_with(text_arg(&a(0), at, "starts_with")?.as_str())),
        "ends_with" => Value::Bool(s.ends_with(text_arg(&a(0), at, "ends_with")?.as_str())),
        "find" => Value::option(s.find(text_arg(&a(0), at, "find")?.as_str()).map(Value::usize)),
        "rfind" => Value::option(s.rfind(text_arg(&a(0), at, "rfind")?.as_str()).map(Value::usize)),
        "replace" => {
            let (from, to) = (text_arg(&a(0), at, "replace")?, text_arg(&a(1), at, "replace")?);
            // The size it would have, before making it.
            let grows = s.matches(from.as_str()).count().saturating_mul(to.len());
            if s.len().saturating_add(grows) > MAX_LEN.saturating_mul(2) {
                return Err(at.err("this string is longer than the playground holds"));
            }
            let out = s.replace(from.as_str(), &to);
            if out.len() > MAX_LEN {
                return Err(at.err("this string is longer than the playground holds"));
            }
            Value::string(out)
        }
        "repeat" => {
            let n = as_usize(&a(0), at)?;
            if s.len().saturating_mul(n) > MAX_LEN {
                return Err(at.err("this string is longer than the playground holds"));
            }
            Value::string(s.repeat(n))
        }
        "split" => strs(s.split(text_arg(&a(0), at, "split")?.as_str()).collect()),
        "split_terminator" => strs(s.split_terminator(text_arg(&a(0), at, name)?.as_str()).collect()),
        "rsplit_terminator" => strs(s.rsplit_terminator(text_arg(&a(0), at, name)?.as_str()).collect()),
        "split_inclusive" => strs(s.split_inclusive(text_arg(&a(0), at, name)?.as_str()).collect()),
        "rmatches" => strs(s.rmatches(text_arg(&a(0), at, name)?.as_str()).collect()),
        "rmatch_indices" => {
            let pat = text_arg(&a(0), at, name)?;
            iter_of(s.rmatch_indices(pat.as_str()).map(|(i, m)| Value::tuple(vec![Value::usize(i), Value::Str(Rc::from(m))])).collect())
        }
        // `EscapeDefault` and its kin are iterators of chars that print as their text.
        "escape_default" => chars_value(s.escape_default().collect()),
        "escape_debug" => chars_value(s.escape_debug().collect()),
        "escape_unicode" => chars_value(s.escape_unicode().collect()),
        "rsplitn" => {
            let n = as_usize(&a(0), at)?;
            strs(s.rsplitn(n, text_arg(&a(1), at, "rsplitn")?.as_str()).collect())
        }
        "splitn" => {
            let n = as_usize(&a(0), at)?;
            strs(s.splitn(n, text_arg(&a(1), at, "splitn")?.as_str()).collect())
        }
        "split_once" | "rsplit_once" => {
            let sep = text_arg(&a(0), at, name)?;
            let parts = if name == "split_once" { s.split_once(sep.as_str()) } else { s.rsplit_once(sep.as_str()) };
            Value::option(parts.map(|(x, y)| Value::tuple(vec![Value::Str(Rc::from(x)), Value::Str(Rc::from(y))])))
        }
        "split_whitespace" => strs(s.split_whitespace().collect()),
        "lines" => strs(s.lines().collect()),
        "replacen" => {
            let n = as_usize(&a(2), at)?;
            let to = text_arg(&a(1), at, "replacen")?;
            Value::string(s.replacen(text_arg(&a(0), at, "replacen")?.as_str(), &to, n))
        }
        "match_indices" => {
            let pat = text_arg(&a(0), at, "match_indices")?;
            iter_of(s.match_indices(pat.as_str()).map(|(i, m)| Value::tuple(vec![Value::usize(i), Value::Str(Rc::from(m))])).collect())
        }
        "strip_prefix" => Value::option(s.strip_prefix(text_arg(&a(0), at, "strip_prefix")?.as_str()).map(|x| Value::Str(Rc::from(x)))),
        "strip_suffix" => Value::option(s.strip_suffix(text_arg(&a(0), at, "strip_suffix")?.as_str()).map(|x| Value::Str(Rc::from(x)))),
        "eq_ignore_ascii_case" => Value::Bool(s.eq_ignore_ascii_case(&text_arg(&a(0), at, "eq_ignore_ascii_case")?)),
        "parse" | "parse<unsigned>" | "parse<radix>" | "parse<radix,unsigned>" => {
            // `from_str_radix`'s radix, checked as std checks it.
            let radix = match name {
                "parse<radix>" | "parse<radix,unsigned>" => match as_u64(&a(0), at, "from_str_radix")? {
                    r @ 2..=36 => r as u32,
                    r => return Err(at.panic(format!("from_ascii_radix: radix must lie in the range `[2, 36]` - found {r}"))),
                },
                _ => 10,
            };
            // std takes one leading `+`; a sign after it is an invalid digit, and so is a `-` for
            // an unsigned type (`"-0"` too).
            let t = s.strip_prefix('+').unwrap_or(s);
            let unsigned = name.contains("unsigned");
            let bad_sign = (t.len() < s.len() && t.starts_with(['+', '-'])) || (unsigned && t.starts_with('-'));
            match i128::from_str_radix(t, radix) {
                _ if bad_sign => Value::result(false, IntError::InvalidDigit.value()),
                Ok(n) if n >= i128::from(i64::MIN) && n <= i128::from(u64::MAX) => {
                    let ty = if n > i128::from(i64::MAX) { Some(IntTy::U64) } else { None };
                    Value::result(true, int(n, ty))
                }
                Ok(n) => Value::result(false, if n < 0 { IntError::NegOverflow } else { IntError::PosOverflow }.value()),
                Err(_) if s.is_empty() => Value::result(false, IntError::Empty.value()),
                Err(_) => match s {
                    "true" => Value::result(true, Value::Bool(true)),
                    "false" => Value::result(true, Value::Bool(false)),
                    _ => Value::result(false, IntError::InvalidDigit.value()),
                },
            }
        }
        // `parse::<char>()` and `parse::<bool>()` (the compiler names them from the turbofish).
        "parse<char>" => {
            let mut chars = s.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => Value::result(true, Value::Char(c)),
                (None, _) => Value::result(false, IntError::CharEmpty.value()),
                _ => Value::result(false, IntError::CharTooMany.value()),
            }
        }
        "parse<f64>" | "parse<f32>" => match super::decimal::parse(s) {
            Some(x) => Value::result(true, super::float::typed(x, super::lexer::FloatTy::from_name(&name[6..9]))),
            None if s.is_empty() => Value::result(false, IntError::FloatEmpty.value()),
            None => Value::result(false, IntError::FloatInvalid.value()),
        },
        "parse<bool>" => match s {
            "true" | "false" => Value::result(true, Value::Bool(s == "true")),
            _ => Value::result(false, IntError::Bool.value()),
        },
        "push_str" => {
            let t = text_arg(&a(0), at, "push_str")?;
            edit(&mut |s| {
                s.push_str(&t);
                Ok(Value::Unit)
            })?
        }
        "make_ascii_uppercase" | "make_ascii_lowercase" => edit(&mut |s| {
            if name == "make_ascii_uppercase" {
                s.make_ascii_uppercase();
            } else {
                s.make_ascii_lowercase();
            }
            Ok(Value::Unit)
        })?,
        // `fmt::Write::write_str`, which `write!` to a `String` also calls: it never fails.
        "write_str" => {
            let t = text_arg(&a(0), at, "write_str")?;
            edit(&mut |s| {
                s.push_str(&t);
                Ok(Value::result(true, Value::Unit))
            })?
        }
        "split_at" | "split_at_checked" => {
            let mid = as_usize(&a(0), at)?;
            let halves = s.split_at_checked(mid).map(|(x, y)| Value::tuple(vec![Value::Str(Rc::from(x)), Value::Str(Rc::from(y))]));
            match halves {
                Some(t) if name == "split_at" => t,
                _ if name == "split_at_checked" => Value::option(halves),
                // std's words for a byte index that cuts no string: those of the slice `..mid`.
                _ => {
                    let upto = Iter::Range {
                        next: 0,
                        end: Some(mid as i128),
                        ty: Some(IntTy::Usize),
                        step: 1,
                        inclusive: false,
                        open_start: true,
                    };
                    return slice_str(s, &upto, at).map(Some);
                }
            }
        }
        // `String::drain(range)`: the chars taken out, as an iterator; `replace_range`.
        "drain" | "replace_range" => {
            let Some(Value::Native(n)) = args.first().map(deref_all) else { return Err(at.err(format!("`{name}` takes a range"))) };
            let Native::Iter(it) = &*n else { return Err(at.err(format!("`{name}` takes a range"))) };
            let (lo, hi) = range_bounds(&it.borrow(), s.len());
            // std's checks, in its order and with its words.
            if lo > hi {
                return Err(at.panic(format!("slice index starts at {lo} but ends at {hi}")));
            }
            if hi > s.len() {
                return Err(at.panic(format!("range end index {hi} out of range for slice of length {}", s.len())));
            }
            for (i, which) in [(lo, "start"), (hi, "end")] {
                if !s.is_char_boundary(i) {
                    return Err(at.panic(if name == "drain" {
                        format!("assertion failed: self.is_char_boundary({which})")
                    } else {
                        format!("{which} of range should be a character boundary")
                    }));
                }
            }
            if name == "replace_range" {
                let with = text_arg(&a(1), at, name)?;
                if s.len() - (hi - lo) + with.len() > MAX_LEN {
                    return Err(at.err("this string is longer than the playground holds"));
                }
                edit(&mut |s| {
                    s.replace_range(lo..hi, &with);
                    Ok(Value::Unit)
                })?
            } else {
                let taken: VecDeque<char> = s[lo..hi].chars().collect();
                edit(&mut |s| {
                    s.replace_range(lo..hi, "");
                    Ok(Value::Unit)
                })?;
                chars_value(taken)
            }
        }
        // The closure is asked of each char in order, as std asks it, then the string is kept.
        "retain" => {
            let f = a(0);
            let mut kept = String::with_capacity(s.len());
            for c in s.chars() {
                if matches!(vm.call(fib, &f, vec![Value::Char(c)], cx, at)?, Value::Bool(true)) {
                    kept.push(c);
                }
            }
            edit(&mut |s| {
                *s = std::mem::take(&mut kept);
                Ok(Value::Unit)
            })?
        }
        "write_char" => {
            let Value::Char(c) = deref_all(&a(0)) else { return Err(at.err("`write_char` takes a `char`")) };
            edit(&mut |s| {
                s.push(c);
                Ok(Value::result(true, Value::Unit))
            })?
        }
        "push" => {
            let Value::Char(c) = deref_all(&a(0)) else {
                return Err(at.err("`push` on a `String` takes a `char`: use `push_str` for a `&str`"));
            };
            edit(&mut |s| {
                s.push(c);
                Ok(Value::Unit)
            })?
        }
        "pop" => edit(&mut |s| Ok(Value::option(s.pop().map(Value::Char))))?,
        "clear" => edit(&mut |s| {
            s.clear();
            Ok(Value::Unit)
        })?,
        "truncate" => {
            let n = as_usize(&a(0), at)?;
            edit(&mut |s| {
                if n < s.len() {
                    if !s.is_char_boundary(n) {
                        return Err(at.panic("assertion failed: self.is_char_boundary(new_len)"));
                    }
                    s.truncate(n);
                }
                Ok(Value::Unit)
            })?
        }
        "insert" => {
            let i = as_usize(&a(0), at)?;
            let Value::Char(c) = deref_all(&a(1)) else { return Err(at.err("`insert` takes an index and a `char`")) };
            edit(&mut |s| {
                if i > s.len() || !s.is_char_boundary(i) {
                    return Err(at.panic("assertion failed: self.is_char_boundary(idx)"));
                }
                s.insert(i, c);
                Ok(Value::Unit)
            })?
        }
        "split_off" => {
            let i = as_usize(&a(0), at)?;
            edit(&mut |s| {
                if i > s.len() || !s.is_char_boundary(i) {
                    return Err(at.panic("assertion failed: self.is_char_boundary(at)"));
                }
                Ok(Value::string(s.split_off(i)))
            })?
        }
        "insert_str" => {
            let i = as_usize(&a(0), at)?;
            let t = text_arg(&a(1), at, "insert_str")?;
            edit(&mut |s| {
                if i > s.len() || !s.is_char_boundary(i) {
                    return Err(at.panic("assertion failed: self.is_char_boundary(idx)"));
                }
                s.insert_str(i, &t);
                Ok(Value::Unit)
            })?
        }
        "remove" => {
            let i = as_usize(&a(0), at)?;
            edit(&mut |s| {
                if i >= s.len() || !s.is_char_boundary(i) {
                    return Err(at.panic("cannot remove a char from the end of a string"));
                }
                Ok(Value::Char(s.remove(i)))
            })?
        }
        "capacity" => Value::usize(s.len()),
        "into_bytes" | "as_bytes" => Value::vec(s.bytes().map(|b| Value::Int(u64::from(b), Some(IntTy::U8))).collect()),
        "get" => {
            let Value::Native(n) = deref_all(&a(0)) else { return Err(at.err("`get` on a string takes a range")) };
            let Native::Iter(it) = &*n else { return Err(at.err("`get` on a string takes a range")) };
            let (lo, hi) = range_bounds(&it.borrow(), s.len());
            Value::option(s.get(lo..hi).map(|x| Value::Str(Rc::from(x))))
        }
        _ => {
            let _ = (vm, fib, cx);
            return Ok(None);
        }
    }))
}

/// A range's start and end as slice bounds of a sequence of `len`.
pub fn range_bounds(it: &Iter, len: usize) -> (usize, usize) {
    match it {
        Iter::Range { next, end, .. } => {
            (usize::try_from(*next).unwrap_or(usize::MAX), end.map_or(len, |e| usize::try_from(e).unwrap_or(usize::MAX)))
        }
        _ => (0, len),
    }
}

/// The end a slice's panic names: the one written (`b` of `a..=b`, not one past it).
fn written_end(it: &Iter, hi: usize) -> usize {
    match it {
        Iter::Range { inclusive: true, .. } => hi.saturating_sub(1),
        _ => hi,
    }
}

/// Checks `lo..hi` against a slice of `len` as std's `[T]` indexing does, with its messages:
/// a start past the end, an end past the end, then a start after the end.
pub fn check_slice_range(it: &Iter, lo: usize, hi: usize, len: usize, at: At) -> R<()> {
    if lo > len {
        return Err(at.panic(format!("range start index {lo} out of range for slice of length {len}")));
    }
    if hi > len {
        return Err(at.panic(format!("range end index {} out of range for slice of length {len}", written_end(it, hi))));
    }
    if lo > hi {
        return Err(at.panic(format!("slice index starts at {lo} but ends at {hi}")));
    }
    Ok(())
}

/// `&s[a..b]` of a string, with std's panics: a start, then an end, past the end of the text; a
/// start after the end; a start, then an end, inside a character. The text is shown up to 256
/// bytes, as std shows it.
pub fn slice_str(s: &str, it: &Iter, at: At) -> R<Value> {
    let len = s.len();
    let (lo, hi) = range_bounds(it, len);
    let cut = super::lexer::floor_char(s, 256);
    let shown = format!("`{}`{}", &s[..cut], if cut < len { "[...]" } else { "" });
    if lo > len {
        return Err(at.panic(format!("start byte index {lo} is out of bounds of {shown}")));
    }
    if hi > len {
        return Err(at.panic(format!("end byte index {} is out of bounds of {shown}", written_end(it, hi))));
    }
    if lo > hi {
        return Err(at.panic(format!("begin > end ({lo} > {hi}) when slicing {shown}")));
    }
    for (which, i) in [("start", lo), ("end", hi)] {
        if !s.is_char_boundary(i) {
            let start = super::lexer::floor_char(s, i);
            let c = s[start..].chars().next().unwrap_or_default();
            return Err(at.panic(format!(
                "{which} byte index {i} is not a char boundary; it is inside {c:?} (bytes {start}..{}) of {shown}",
                start + c.len_utf8()
            )));
        }
    }
    Ok(Value::Str(Rc::from(&s[lo..hi])))
}

/// `v[a..b]`: a copy of the elements (or of the text).
pub fn slice(o: &Rc<Obj>, it: &Iter, at: At) -> R<Value> {
    let d = o.data.borrow();
    if let Data::Str(s) = &*d {
        return slice_str(s, it, at);
    }
    let len = len_of(&d);
    let (lo, hi) = range_bounds(it, len);
    check_slice_range(it, lo, hi, len, at)?;
    Ok(match &*d {
        Data::Vec(v) | Data::Fields(v) => Value::vec(v[lo..hi].to_vec()),
        Data::Deque(v) => Value::vec(v.iter().skip(lo).take(hi - lo).cloned().collect()),
        _ => return Err(at.err("this value cannot be sliced")),
    })
}

/// `Poll`'s methods (out of [`obj_method`]'s frame, which a comparator that sorts again
/// recurses through).
#[inline(never)]
fn poll_method(vm: &Rc<Interp>, fib: &mut Fiber, v: &Value, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    let (var, f) = v.variant_of(ty::POLL).unwrap_or((1, Vec::new()));
    Ok(Some(match name {
        "is_ready" => Value::Bool(var == 0),
        "is_pending" => Value::Bool(var == 1),
        "map" => {
            if var == 0 {
                let x = vm.call(fib, args.first().unwrap_or(&Value::Unit), f, cx, at)?;
                Value::ready(x)
            } else {
                Value::pending()
            }
        }
        // `Poll<Result<T, E>>`'s `map_ok`/`map_err` (and `Poll<Option<Result<…>>>`'s):
        // the closure on the `Ok` (or `Err`) inside a `Ready`.
        "map_ok" | "map_err" if var == 0 => {
            let inner = f.into_iter().next().unwrap_or(Value::Unit);
            let (r, some) = match inner.variant_of(ty::OPTION) {
                Some((1, mut x)) => (x.pop().unwrap_or(Value::Unit), true),
                Some(_) => return Ok(Some(Value::ready(inner))),
                None => (inner, false),
            };
            let Some((k, mut x)) = r.variant_of(ty::RESULT) else {
                return Err(at.err(format!("`{name}` maps the `Result` a `Poll` holds, not {}", r.type_name())));
            };
            let hit = (k == 0) == (name == "map_ok");
            let out = if hit {
                let y = vm.call(fib, args.first().unwrap_or(&Value::Unit), vec![x.pop().unwrap_or(Value::Unit)], cx, at)?;
                Value::result(k == 0, y)
            } else {
                r
            };
            Value::ready(if some { Value::some(out) } else { out })
        }
        "map_ok" | "map_err" => Value::pending(),
        _ => return Ok(None),
    }))
}

#[allow(clippy::too_many_arguments)]
fn obj_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    o: &Rc<Obj>,
    v: &Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    match o.ty {
        ty::STRING => {
            let s = v.as_text().unwrap_or_default();
            str_method(vm, fib, &s, Some(o), name, args, cx, at)
        }
        ty::VEC | ty::ARRAY | ty::DEQUE => seq_method(vm, fib, o, name, args, cx, at),
        ty::OPTION => option_method(vm, fib, o, v, name, args, cx, at),
        ty::RESULT => result_method(vm, fib, o, v, name, args, cx, at),
        ty::PANIC_PAYLOAD => Ok(payload_method(o, name)),
        ty::POLL => poll_method(vm, fib, v, name, args, cx, at),
        ty::ENTRY => entry_method(vm, fib, o, name, args, cx, at),
        // `lock().unwrap_or_else(|e| e.into_inner())`: the guard inside.
        ty::POISON_ERROR => Ok(match name {
            "into_inner" | "get_ref" | "get_mut" => items_of(o).into_iter().next(),
            _ => None,
        }),
        ty::ORDERING => {
            let (var, _) = v.variant_of(ty::ORDERING).unwrap_or((1, Vec::new()));
            Ok(Some(match name {
                "reverse" => Value::ordering(match var {
                    0 => std::cmp::Ordering::Greater,
                    1 => std::cmp::Ordering::Equal,
                    _ => std::cmp::Ordering::Less,
                }),
                "is_lt" => Value::Bool(var == 0),
                "is_eq" => Value::Bool(var == 1),
                "is_gt" => Value::Bool(var == 2),
                "is_le" => Value::Bool(var != 2),
                "is_ge" => Value::Bool(var != 0),
                "is_ne" => Value::Bool(var != 1),
                "then" => {
                    if var == 1 {
                        args.first().cloned().unwrap_or(Value::Unit)
                    } else {
                        v.clone()
                    }
                }
                // The closure is called only on a tie.
                "then_with" => {
                    if var == 1 {
                        vm.call(fib, args.first().unwrap_or(&Value::Unit), Vec::new(), cx, at)?
                    } else {
                        v.clone()
                    }
                }
                _ => return Ok(None),
            }))
        }
        ty::MAP | ty::BTREE_MAP => map_method(vm, fib, o, name, args, cx, at),
        ty::SET | ty::BTREE_SET => set_method(vm, fib, o, name, args, cx, at),
        ty::HEAP => heap_method(vm, fib, o, name, args, cx, at),
        // The program's own `impl Iterator`: every adapter and consumer of the trait, over its
        // `next` (a method the program defines itself was found before this).
        _ if is_user_iterator(vm, o) => iter_method_on(vm, fib, v.clone(), name, args, cx, at),
        _ => Ok(None),
    }
}

/// What is left of a `Chars` iterator's string (`None` for another iterator).
fn chars_left(it: &Value) -> Option<String> {
    let Value::Native(n) = it else { return None };
    let Native::Iter(c) = &**n else { return None };
    let it = c.try_borrow().ok()?;
    match &*it {
        Iter::Chars(chars) => Some(chars.iter().collect()),
        _ => None,
    }
}

/// Whether `o` is of a program's type that implements `Iterator`.
fn is_user_iterator(vm: &Interp, o: &Obj) -> bool {
    o.ty >= ty::FIRST_USER && vm.code.types.get(o.ty as usize).is_some_and(|t| t.has("Iterator"))
}

/// Sorts `items` stably by `cmp`, which may fail (then the error, and no order).
fn merge_sort(mut items: Vec<Value>, cmp: &mut dyn FnMut(&Value, &Value) -> R<std::cmp::Ordering>) -> R<Vec<Value>> {
    if items.len() <= 1 {
        return Ok(items);
    }
    let right = items.split_off(items.len() / 2);
    let (left, right) = (merge_sort(items, cmp)?, merge_sort(right, cmp)?);
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut l, mut r) = (left.into_iter().peekable(), right.into_iter().peekable());
    while let (Some(a), Some(b)) = (l.peek(), r.peek()) {
        // Equal keeps the left one first: stable.
        let next = if cmp(a, b)? == std::cmp::Ordering::Greater { r.next() } else { l.next() };
        out.extend(next);
    }
    out.extend(l);
    out.extend(r);
    Ok(out)
}

/// The element at `i` of a sequence (without copying the others).
fn item_at(o: &Obj, i: usize) -> Option<Value> {
    match &*o.data.borrow() {
        Data::Vec(v) | Data::Fields(v) => v.get(i).cloned(),
        Data::Deque(v) => v.get(i).cloned(),
        _ => None,
    }
}

fn items_of(o: &Obj) -> Vec<Value> {
    match &*o.data.borrow() {
        Data::Vec(v) | Data::Fields(v) => v.clone(),
        Data::Deque(v) => v.iter().cloned().collect(),
        _ => Vec::new(),
    }
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn seq_method(vm: &Rc<Interp>, fib: &mut Fiber, o: &Rc<Obj>, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let is_array = o.ty == ty::ARRAY;
    let growable = |what: &str| -> R<()> {
        if is_array {
            return Err(at.err(format!("`{what}` changes the length: arrays have a fixed length (use a `Vec`)")));
        }
        Ok(())
    };
    let len = len_of(&o.data.borrow());
    // Mutations of the element list. Values put out are dropped after the borrow ends.
    macro_rules! with_vec {
        (|$v:ident| $body:expr) => {{
            let mut d = o.data.borrow_mut();
            match &mut *d {
                Data::Vec($v) | Data::Fields($v) => $body,
                Data::Deque(dq) => {
                    let mut tmp: Vec<Value> = std::mem::take(dq).into_iter().collect();
                    let $v = &mut tmp;
                    let r = $body;
                    *dq = std::mem::take($v).into_iter().collect();
                    r
                }
                _ => return Err(at.err("not a sequence")),
            }
        }};
    }
    // A `VecDeque` changed at either end in place (a learner's own queue of tasks does this on
    // every turn; through `with_vec!` each change would copy the whole queue twice).
    macro_rules! with_ends {
        (|$v:ident| $vec:expr, |$d:ident| $deque:expr) => {{
            let mut data = o.data.borrow_mut();
            match &mut *data {
                Data::Vec($v) | Data::Fields($v) => $vec,
                Data::Deque($d) => $deque,
                _ => return Err(at.err("not a sequence")),
            }
        }};
    }
    // The integer type of the items, if they are typed integers: what an untyped one pushed takes.
    let first_int_ty = || -> Option<IntTy> {
        let first = |v: Option<&Value>| match v {
            Some(Value::Int(_, t)) => *t,
            _ => None,
        };
        match &*o.data.borrow() {
            Data::Vec(v) | Data::Fields(v) => first(v.first()),
            Data::Deque(d) => first(d.front()),
            _ => None,
        }
    };
    let check_len = |n: usize| -> R<()> {
        if n > MAX_LEN {
            return Err(
                at.err(format!("this collection has more than {MAX_LEN} elements: the playground stops here (a loop that keeps pushing?)"))
            );
        }
        Ok(())
    };
    Ok(Some(match name {
        "len" => Value::usize(len),
        "is_empty" => Value::Bool(len == 0),
        "split_at_mut" | "chunks_mut" | "split_at" | "copy_from_slice" | "clone_from_slice" | "split_first_mut" | "split_last_mut"
            if o.ty != ty::DEQUE =>
        {
            return slice_split(vm, fib, (o.clone(), 0, len), name, args, cx, at);
        }
        // `[T; N]::map`: an array, made now (an iterator's `map` is lazy).
        "map" if is_array => {
            let f = a(0);
            let mut out = Vec::with_capacity(len);
            for x in items_of(o) {
                out.push(vm.call(fib, &f, vec![x], cx, at)?);
            }
            let copy = out.iter().all(Value::is_copy);
            Value::Obj(Obj::new(ty::ARRAY, copy, Data::Fields(out)))
        }
        "push" | "push_back" => {
            growable(name)?;
            let x = a(0);
            if matches!(x, Value::CxWaker) {
                return Err(at.err("expected `Waker`, found `&Waker`: store `cx.waker().clone()`"));
            }
            check_len(len + 1)?;
            vm.count_values(1, at)?;
            let x = typed_as(x, first_int_ty(), at)?;
            with_ends!(|v| v.push(x), |d| d.push_back(x));
            Value::Unit
        }
        "push_front" => {
            let x = typed_as(a(0), first_int_ty(), at)?;
            check_len(len + 1)?;
            vm.count_values(1, at)?;
            with_ends!(|v| v.insert(0, x), |d| d.push_front(x));
            Value::Unit
        }
        "pop" | "pop_back" => {
            growable(name)?;
            let x = with_ends!(|v| v.pop(), |d| d.pop_back());
            Value::option(x)
        }
        "pop_front" => {
            let x = with_ends!(|v| if v.is_empty() { None } else { Some(v.remove(0)) }, |d| d.pop_front());
            Value::option(x)
        }
        "insert" => {
            growable(name)?;
            let i = as_usize(&a(0), at)?;
            if i > len {
                return Err(at.panic(format!("insertion index (is {i}) should be <= len (is {len})")));
            }
            check_len(len + 1)?;
            let x = typed_as(a(1), first_int_ty(), at)?;
            with_vec!(|v| v.insert(i, x));
            Value::Unit
        }
        "remove" => {
            growable(name)?;
            let i = as_usize(&a(0), at)?;
            if i >= len {
                if o.ty == ty::DEQUE {
                    return Ok(Some(Value::none()));
                }
                return Err(at.panic(format!("removal index (is {i}) should be < len (is {len})")));
            }
            let x = with_vec!(|v| v.remove(i));
            if o.ty == ty::DEQUE {
                Value::some(x)
            } else {
                x
            }
        }
        "swap_remove" => {
            growable(name)?;
            let i = as_usize(&a(0), at)?;
            if i >= len {
                return Err(at.panic(format!("swap_remove index (is {i}) should be < len (is {len})")));
            }
            with_vec!(|v| v.swap_remove(i))
        }
        "clear" => {
            growable(name)?;
            let old = with_vec!(|v| std::mem::take(v));
            drop(old);
            Value::Unit
        }
        "truncate" => {
            growable(name)?;
            let n = as_usize(&a(0), at)?;
            let old = with_vec!(|v| if n < v.len() { v.split_off(n) } else { Vec::new() });
            drop(old);
            Value::Unit
        }
        "first" | "front" => {
            let x = items_of(o).first().cloned();
            Value::option(x.map(|x| elem_ref(o, 0, &x)))
        }
        "last" | "back" => {
            let x = items_of(o).last().cloned();
            Value::option(x.map(|x| elem_ref(o, len.saturating_sub(1), &x)))
        }
        "first_mut" | "front_mut" => Value::option(items_of(o).first().map(|x| elem_ref(o, 0, x))),
        "last_mut" | "back_mut" => Value::option(items_of(o).last().map(|x| elem_ref(o, len.saturating_sub(1), x))),
        "get" | "get_mut" => {
            if let Value::Native(n) = deref_all(&a(0)) {
                if let Native::Iter(it) = &*n {
                    let (lo, hi) = range_bounds(&it.borrow(), len);
                    return Ok(Some(if lo <= hi && hi <= len { Value::some(slice(o, &it.borrow(), at)?) } else { Value::none() }));
                }
            }
            let i = as_usize(&a(0), at)?;
            let items = items_of(o);
            Value::option(items.get(i).map(|x| elem_ref(o, i, x)))
        }
        "windows" | "chunks" | "rchunks" | "chunks_exact" => {
            let n = as_usize(&a(0), at)?;
            if n == 0 {
                return Err(at.panic(if name == "windows" { "window size must be non-zero" } else { "chunk size must be non-zero" }));
            }
            let items = items_of(o);
            let piece = |c: &[Value]| Value::vec(c.to_vec());
            let pieces: Vec<Value> = match name {
                "windows" => items.windows(n).map(piece).collect(),
                "rchunks" => items.rchunks(n).map(piece).collect(),
                "chunks_exact" => items.chunks_exact(n).map(piece).collect(),
                _ => items.chunks(n).map(piece).collect(),
            };
            vm.count_values(pieces.len() * n.min(len.max(1)), at)?;
            let it = Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Values(pieces.into())))));
            if name == "chunks_exact" {
                let rest = items.chunks_exact(n).remainder().to_vec();
                return Ok(Some(adapter(it, AdapterKind::ChunksExact(Value::vec(rest)))));
            }
            it
        }
        "rotate_left" | "rotate_right" => {
            let k = as_usize(&a(0), at)?;
            if k > len {
                return Err(at.panic(if o.ty == ty::DEQUE {
                    "assertion failed: n <= self.len()"
                } else {
                    "assertion failed: mid <= self.len()"
                }));
            }
            with_vec!(|v| if name == "rotate_left" { v.rotate_left(k) } else { v.rotate_right(k) });
            Value::Unit
        }
        "split_at" => {
            let i = as_usize(&a(0), at)?;
            if i > len {
                return Err(at.panic("mid > len"));
            }
            let mut left = items_of(o);
            let right = left.split_off(i);
            vm.count_values(len, at)?;
            Value::tuple(vec![Value::vec(left), Value::vec(right)])
        }
        "contains" => {
            let x = a(0);
            let mut found = false;
            for item in items_of(o) {
                if vm.equal(fib, &item, &x, cx, at)? {
                    found = true;
                    break;
                }
            }
            Value::Bool(found)
        }
        "iter" => Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Elems { obj: o.clone(), front: 0, back: len, mutable: false })))),
        "iter_mut" => {
            Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Elems { obj: o.clone(), front: 0, back: len, mutable: true }))))
        }
        "into_iter" | "drain" => {
            let items: VecDeque<Value> = if name == "drain" {
                growable(name)?;
                // The range drained (`..` for all of it), checked as a slice's is.
                let (lo, hi) = match args.first().map(deref_all) {
                    Some(Value::Native(n)) => match &*n {
                        Native::Iter(it) => {
                            let it = it.borrow();
                            let (lo, hi) = range_bounds(&it, len);
                            check_slice_range(&it, lo, hi, len, at)?;
                            (lo, hi)
                        }
                        _ => return Err(at.err("`drain` takes a range")),
                    },
                    Some(_) => return Err(at.err("`drain` takes a range")),
                    None => (0, len),
                };
                with_vec!(|v| v.drain(lo..hi).collect::<Vec<_>>()).into_iter().collect()
            } else {
                items_of(o).into_iter().collect()
            };
            iter_of(items)
        }
        // `to_vec` clones each element (an `Rc`'s clone shares it, a `String`'s copies it).
        "to_vec" => Value::vec(clone_each(vm, fib, items_of(o), cx, at)?),
        "into_vec" | "into_boxed_slice" => Value::vec(items_of(o)),

        // A slice of all of it: the sequence itself, so a write through it is a write to it.
        "as_slice" | "as_mut_slice" | "make_contiguous" => Value::Obj(o.clone()),
        "as_ref" | "as_mut" if args.is_empty() => Value::Obj(o.clone()),
        "extend" | "extend_from_slice" | "append" => {
            growable(name)?;
            let src = a(0);
            let mut items = Vec::new();
            let it = into_iter_value(vm, &src, at)?;
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                check_len(len + items.len() + 1)?;
                items.push(x);
            }
            // `extend_from_slice` clones each element, as `Clone` does.
            if name == "extend_from_slice" {
                items = clone_each(vm, fib, items, cx, at)?;
            }
            vm.count_values(items.len(), at)?;
            if name == "append" {
                if let Value::Obj(so) = deref_all(&src) {
                    if let Data::Vec(v) = &mut *so.data.borrow_mut() {
                        v.clear();
                    }
                }
            }
            with_vec!(|v| v.extend(items));
            Value::Unit
        }
        "reverse" => {
            with_vec!(|v| v.reverse());
            Value::Unit
        }
        "sort" | "sort_unstable" | "sort_by" | "sort_unstable_by" | "sort_by_key" | "sort_unstable_by_key" | "sort_by_cached_key" => {
            let items = items_of(o);
            let key = args.first().cloned();
            // A stable merge sort with our own comparisons (which may call the program, and
            // fail): n log n of them, as std's.
            let mut cmp = |a: &Value, b: &Value| -> R<std::cmp::Ordering> {
                Ok(match (name, &key) {
                    ("sort_by" | "sort_unstable_by", Some(f)) => ordering_of(&vm.call(fib, f, vec![a.clone(), b.clone()], cx, at)?, at)?,
                    // `sort_by_cached_key` calls the key once an element; the order is the same.
                    ("sort_by_key" | "sort_unstable_by_key" | "sort_by_cached_key", Some(f)) => {
                        let ka = vm.call(fib, f, vec![a.clone()], cx, at)?;
                        let kb = vm.call(fib, f, vec![b.clone()], cx, at)?;
                        vm.compare(fib, &ka, &kb, cx, at)?
                    }
                    _ => vm.compare(fib, a, b, cx, at)?,
                })
            };
            let mut sorted = merge_sort(items, &mut cmp)?;
            with_vec!(|v| *v = std::mem::take(&mut sorted));
            Value::Unit
        }
        "dedup" => {
            growable(name)?;
            let items = items_of(o);
            let mut out: Vec<Value> = Vec::new();
            for x in items {
                let dup = match out.last() {
                    Some(l) => vm.equal(fib, l, &x, cx, at)?,
                    None => false,
                };
                if !dup {
                    out.push(x);
                }
            }
            with_vec!(|v| *v = std::mem::take(&mut out));
            Value::Unit
        }
        "retain" => {
            growable(name)?;
            let f = a(0);
            let items = items_of(o);
            let mut keep = Vec::new();
            for x in items {
                if matches!(vm.call(fib, &f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    keep.push(x);
                }
            }
            let old = with_vec!(|v| std::mem::replace(v, keep));
            drop(old);
            Value::Unit
        }
        // The closure is given each element by `&mut`, in order, and what it writes stays.
        "retain_mut" => {
            growable(name)?;
            let f = a(0);
            let mut kept = Vec::new();
            for i in 0..len {
                kept.push(matches!(vm.call(fib, &f, vec![elem_ref(o, i, &Value::Unit)], cx, at)?, Value::Bool(true)));
            }
            let keep: Vec<Value> =
                items_of(o).into_iter().zip(kept.iter().chain(std::iter::repeat(&true))).filter(|(_, k)| **k).map(|(x, _)| x).collect();
            let old = with_vec!(|v| std::mem::replace(v, keep));
            drop(old);
            Value::Unit
        }
        "swap" => {
            let (i, j) = (as_usize(&a(0), at)?, as_usize(&a(1), at)?);
            // A `VecDeque` asserts each index in turn; a slice indexes both.
            if o.ty == ty::DEQUE && (i >= len || j >= len) {
                return Err(at.panic(if i >= len { "assertion failed: i < self.len()" } else { "assertion failed: j < self.len()" }));
            }
            if i >= len || j >= len {
                return Err(at.panic(format!("index out of bounds: the len is {len} but the index is {}", i.max(j))));
            }
            with_vec!(|v| v.swap(i, j));
            Value::Unit
        }
        "split_off" => {
            growable(name)?;
            let i = as_usize(&a(0), at)?;
            if i > len {
                return Err(at.panic(format!("`at` split index (is {i}) should be <= len (is {len})")));
            }
            Value::vec(with_vec!(|v| v.split_off(i)))
        }
        // `resize(n, x)` fills with clones of `x`; `resize_with(n, f)` with what `f()` gives.
        "resize" | "resize_with" => {
            growable(name)?;
            let n = as_usize(&a(0), at)?;
            check_len(n)?;
            let x = a(1);
            let mut fill = Vec::new();
            for _ in len..n {
                fill.push(if name == "resize" { vm.clone_value(fib, &x, cx, at)? } else { vm.call(fib, &x, Vec::new(), cx, at)? });
            }
            vm.count_values(fill.len(), at)?;
            let old = with_vec!(|v| {
                let cut = if n < v.len() { v.split_off(n) } else { Vec::new() };
                v.extend(fill);
                cut
            });
            drop(old);
            Value::Unit
        }
        "fill" => {
            let x = a(0);
            let mut fill = Vec::new();
            for _ in 0..len {
                fill.push(vm.clone_value(fib, &x, cx, at)?);
            }
            with_vec!(|v| *v = std::mem::take(&mut fill));
            Value::Unit
        }
        "join" | "concat" if !concat_of_slices(o) => {
            let sep = if name == "join" { text_arg(&a(0), at, "join")? } else { String::new() };
            let mut out = String::new();
            for (i, x) in items_of(o).into_iter().enumerate() {
                let part = x
                    .as_text()
                    .or_else(|| match deref_all(&x) {
                        Value::Char(c) => Some(c.to_string()),
                        d => d.as_text(),
                    })
                    .ok_or_else(|| at.err(format!("`{name}` joins strings (or, for `concat`, slices)")))?;
                if i > 0 {
                    out.push_str(&sep);
                }
                out.push_str(&part);
                if out.len() > MAX_LEN {
                    return Err(at.err("this string is longer than the playground holds"));
                }
            }
            Value::string(out)
        }
        "capacity" => Value::usize(len),

        "binary_search" | "binary_search_by" | "binary_search_by_key" | "partition_point" => {
            let items = items_of(o);
            // std's search (the same probes, so the same index among equal items, and the same
            // calls of a closure that prints).
            let cmp = |vm: &Rc<Interp>, fib: &mut Fiber, cx: &mut Context<'_>, x: &Value| -> R<std::cmp::Ordering> {
                match name {
                    "binary_search" => vm.compare(fib, x, &a(0), cx, at),
                    "binary_search_by" => ordering_of(&vm.call(fib, &a(0), vec![x.clone()], cx, at)?, at),
                    // std's `partition_point`: a search by "before the point or not".
                    "partition_point" => Ok(match vm.call(fib, &a(0), vec![x.clone()], cx, at)? {
                        Value::Bool(true) => std::cmp::Ordering::Less,
                        _ => std::cmp::Ordering::Greater,
                    }),
                    _ => {
                        let k = vm.call(fib, &a(1), vec![x.clone()], cx, at)?;
                        vm.compare(fib, &k, &a(0), cx, at)
                    }
                }
            };
            let mut size = items.len();
            if size == 0 {
                return Ok(Some(if name == "partition_point" { Value::usize(0) } else { Value::result(false, Value::usize(0)) }));
            }
            let mut base = 0;
            while size > 1 {
                let half = size / 2;
                let mid = base + half;
                if cmp(vm, fib, cx, &items[mid])? != std::cmp::Ordering::Greater {
                    base = mid;
                }
                size -= half;
            }
            let found = cmp(vm, fib, cx, &items[base])?;
            if name == "partition_point" {
                return Ok(Some(Value::usize(base + usize::from(found == std::cmp::Ordering::Less))));
            }
            match found {
                std::cmp::Ordering::Equal => Value::result(true, Value::usize(base)),
                std::cmp::Ordering::Less => Value::result(false, Value::usize(base + 1)),
                std::cmp::Ordering::Greater => Value::result(false, Value::usize(base)),
            }
        }
        "starts_with" | "ends_with" => {
            let other = items_of_value(&a(0));
            let items = items_of(o);
            if other.len() > items.len() {
                Value::Bool(false)
            } else {
                let off = if name == "starts_with" { 0 } else { items.len() - other.len() };
                let mut ok = true;
                for (i, x) in other.iter().enumerate() {
                    if !vm.equal(fib, &items[off + i], x, cx, at)? {
                        ok = false;
                        break;
                    }
                }
                Value::Bool(ok)
            }
        }
        _ => match seq_more(vm, fib, o, name, args, cx, at)? {
            Some(v) => v,
            None => return iter_method_on(vm, fib, Value::Obj(o.clone()), name, args, cx, at),
        },
    }))
}

/// Whether `o` is a slice of slices (`[[1, 2], [3]].concat()` joins them, not strings).
fn concat_of_slices(o: &Obj) -> bool {
    items_of(o).first().is_some_and(|x| matches!(deref_all(x), Value::Obj(p) if matches!(p.ty, ty::VEC | ty::ARRAY)))
}

/// The slice methods a program calls less often (`is_sorted` is the iterators'), out of
/// [`seq_method`]'s frame: a comparator
/// that sorts again recurses through that frame, and the wasm stack holds a bounded depth of it.
#[inline(never)]
fn seq_more(vm: &Rc<Interp>, fib: &mut Fiber, o: &Rc<Obj>, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    Ok(Some(match name {
        // `[[1, 2], [3]].concat()`: the items of each, in order; `.join(&0)` or
        // `.join(&[0, 0][..])`: with the separator's between them.
        "concat" | "join" => {
            let sep = match (name, deref_all(&a(0))) {
                ("concat", _) => Vec::new(),
                (_, Value::Obj(p)) if matches!(p.ty, ty::VEC | ty::ARRAY) => items_of(&p),
                (_, x) => vec![x],
            };
            let mut out = Vec::new();
            for (i, x) in items_of(o).into_iter().enumerate() {
                if i > 0 {
                    for y in &sep {
                        out.push(vm.clone_value(fib, y, cx, at)?);
                    }
                }
                match deref_all(&x) {
                    Value::Obj(p) if matches!(p.ty, ty::VEC | ty::ARRAY) => out.extend(items_of(&p)),
                    other => return Err(at.err(format!("`{name}` joins slices of one kind, not {}", other.type_name()))),
                }
                if out.len() > MAX_LEN {
                    return Err(at.err("this vector is longer than the playground holds"));
                }
            }
            vm.count_values(out.len(), at)?;
            Value::vec(out)
        }
        // `select_nth_unstable(k)`: the element at `k` where sorting puts it, the smaller ones
        // before it and the larger after, as `(&mut [..k], &mut [k], &mut [k + 1..])`. Sorting
        // it all keeps that promise; the order within each side is std's to choose (and its
        // may differ).
        "select_nth_unstable" | "select_nth_unstable_by" | "select_nth_unstable_by_key" => {
            let len = len_of(&o.data.borrow());
            let k = super::ops::as_usize(&a(0), at)?;
            if k >= len {
                return Err(at.panic(format!("partition_at_index index {k} greater than length of slice {len}")));
            }
            let sort = name.replace("select_nth_unstable", "sort_unstable");
            seq_method(vm, fib, o, &sort, args.get(1..).unwrap_or_default(), cx, at)?;
            let part = |lo: usize, hi: usize| Value::Ref(Rc::new(Ptr::Slice(o.clone(), lo, hi)));
            Value::tuple(vec![part(0, k), Value::Ref(Rc::new(Ptr::Index(o.clone(), k))), part(k + 1, len)])
        }
        // `BufRead::lines` of a byte slice (`"a\nb".as_bytes()` given as `impl BufRead`): each
        // line, without its `\n` or `\r\n`, as an `io::Result<String>`.
        "lines" if args.is_empty() => {
            let text = String::from_utf8_lossy(&super::ops::bytes_of(&items_of(o), at)?).into_owned();
            let lines: VecDeque<Value> = text.lines().map(|l| Value::result(true, Value::string(l.to_string()))).collect();
            vm.count_values(lines.len(), at)?;
            iter_of(lines)
        }
        // `u32::from_le_bytes(b)` (compiled as this, then a cast to the type): up to 8 bytes.
        "from_le_bytes" | "from_be_bytes" => {
            let mut bytes = items_of(o);
            if bytes.len() > 8 {
                return Err(at.err("integers of more than 64 bits are not in the playground"));
            }
            if name == "from_le_bytes" {
                bytes.reverse();
            }
            let mut n = 0u64;
            for b in bytes {
                let (b, _) = super::ops::as_int(&b, at, name)?;
                n = n << 8 | (b as u64 & 0xff);
            }
            Value::Int(n, Some(IntTy::U64))
        }
        // `same_bucket(a, b)` (`a` the element looked at, `b` the one kept before it), or equal keys.
        "dedup_by_key" | "dedup_by" => {
            if o.ty == ty::ARRAY {
                return Err(at.err(format!("`{name}` changes the length: arrays have a fixed length (use a `Vec`)")));
            }
            let mut out: Vec<Value> = Vec::new();
            for x in items_of(o) {
                let dup = match out.last() {
                    Some(l) if name == "dedup_by_key" => {
                        let (kx, kl) = (vm.call(fib, &a(0), vec![x.clone()], cx, at)?, vm.call(fib, &a(0), vec![l.clone()], cx, at)?);
                        vm.equal(fib, &kx, &kl, cx, at)?
                    }
                    Some(l) => matches!(vm.call(fib, &a(0), vec![x.clone(), l.clone()], cx, at)?, Value::Bool(true)),
                    None => false,
                };
                if !dup {
                    out.push(x);
                }
            }
            let old = match &mut *o.data.borrow_mut() {
                Data::Vec(v) => std::mem::replace(v, out),
                Data::Deque(d) => std::mem::replace(d, out.into_iter().collect()).into_iter().collect(),
                _ => Vec::new(),
            };
            drop(old);
            Value::Unit
        }
        // `Option<(&T, &[T])>`: the first (or last) element and the rest.
        "split_first" | "split_last" => {
            let mut items = items_of(o);
            if items.is_empty() {
                Value::none()
            } else if name == "split_first" {
                let first = items.remove(0);
                Value::some(Value::tuple(vec![first, Value::vec(items)]))
            } else {
                let last = items.pop().unwrap_or(Value::Unit);
                Value::some(Value::tuple(vec![last, Value::vec(items)]))
            }
        }
        // The sub-slices between the items the closure picks (`v.split(|x| *x == 0)`).
        "split" => {
            let f = a(0);
            let mut pieces = vec![Vec::new()];
            for x in items_of(o) {
                if matches!(vm.call(fib, &f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    pieces.push(Vec::new());
                } else if let Some(last) = pieces.last_mut() {
                    last.push(x);
                }
            }
            iter_of(pieces.into_iter().map(Value::vec).collect())
        }
        _ => return Ok(None),
    }))
}

/// Each item cloned as `Clone` clones it (through references; an `Rc`'s clone shares). Out of
/// `seq_method`'s frame, which a `sort_by` comparator that sorts again stacks (the wasm stack
/// test).
#[inline(never)]
fn clone_each(vm: &Rc<Interp>, fib: &mut Fiber, items: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Vec<Value>> {
    let mut out = Vec::with_capacity(items.len());
    for x in items {
        out.push(vm.clone_value(fib, &deref_refs(&x), cx, at)?);
    }
    Ok(out)
}

fn items_of_value(v: &Value) -> Vec<Value> {
    match deref_all(v) {
        Value::Obj(o) => items_of(&o),
        _ => Vec::new(),
    }
}

/// A value as an iterator (`IntoIterator`), for `extend`, `zip`, `chain`.
fn into_iter_value(vm: &Rc<Interp>, v: &Value, at: At) -> R<Value> {
    match deref_all(v) {
        it @ Value::Native(_) => {
            if is_iter(&it) {
                Ok(it)
            } else {
                Err(at.err(format!("{} is not an iterator", it.type_name())))
            }
        }
        // The program's own iterator is read through its `next`, in place (a `&mut` to it, or
        // `by_ref`, advances the one the program holds, as in Rust).
        Value::Obj(o) if is_user_iterator(vm, &o) => Ok(Value::Obj(o)),
        Value::Obj(o) => {
            let items: VecDeque<Value> = match &*o.data.borrow() {
                Data::Vec(v) | Data::Fields(v) => v.iter().cloned().collect(),
                Data::Deque(v) => v.iter().cloned().collect(),
                Data::Str(s) => s.chars().map(Value::Char).collect(),
                Data::Map(m) => m.iter().map(|(k, v)| Value::tuple(vec![k.clone(), v.clone()])).collect(),
                Data::Variant(1, f) if o.ty == ty::OPTION => f.iter().cloned().collect(),
                Data::Variant(..) if o.ty == ty::OPTION => VecDeque::new(),
                // A `Result` is its `Ok` value, or nothing (`flatten()` of results).
                Data::Variant(0, f) if o.ty == ty::RESULT => f.iter().cloned().collect(),
                Data::Variant(..) if o.ty == ty::RESULT => VecDeque::new(),
                _ => return Err(at.err(format!("{} is not iterable", v.type_name()))),
            };
            Ok(iter_of(items))
        }
        other => Err(at.err(format!("{} is not iterable", other.type_name()))),
    }
}

/// A thread spawned in a `thread::scope`: the scope waits for it (its handle, `h`, is returned).
fn scoped(handles: &RefCell<Vec<Rc<HandleState>>>, h: Value) -> Value {
    if let Value::Native(n) = &h {
        if let Native::Handle(state) = &**n {
            handles.borrow_mut().push(state.clone());
        }
    }
    h
}

/// Whether a value is an `Error`: a program's type that implements it, std's integer and float
/// errors, or the text a `Box<dyn Error>` was made from.
#[inline(never)]
fn is_error(vm: &Interp, v: &Value) -> bool {
    match deref_all(v) {
        Value::Obj(o) if o.ty >= ty::FIRST_USER => {
            vm.code.types.get(o.ty as usize).is_some_and(|t| t.traits.iter().any(|t| &**t == "Error"))
        }
        Value::Obj(o) => o.ty == ty::STRING,
        Value::Str(_) => true,
        Value::Native(n) => matches!(&*n, Native::IntError(_)),
        _ => false,
    }
}

/// A `Box<dyn Error>`, a `&dyn Any` or any value asked whether it is the type the turbofish
/// names (`e.downcast_ref::<MyError>()`, `downcast_mut`, `downcast`, `is`; the compiler writes
/// the type's key into the method's name), or for its `type_id()`: by the keys of
/// [`super::anytype`].
#[inline(never)]
fn downcast_of(vm: &Interp, recv: &Value, name: &str) -> Option<Result<Value, String>> {
    if name == "type_id" {
        return Some(super::anytype::type_id_of(&vm.code, recv));
    }
    let (method, asked) = name.split_once('<')?;
    super::anytype::downcast(&vm.code, recv, method, asked.strip_suffix('>')?)
}

/// A panicked thread's payload (`Box<dyn Any + Send>`), asked what it is: `downcast_ref`,
/// `downcast` and `is`, with the type named by the turbofish (see the compiler).
fn payload_method(o: &Rc<Obj>, name: &str) -> Option<Value> {
    let (message, is_str) = match &*o.data.borrow() {
        Data::Fields(f) => match f.as_slice() {
            [Value::Str(m), Value::Bool(s)] => (Some(m.clone()), *s),
            _ => (None, false),
        },
        _ => (None, false),
    };
    let (method, asked) = name.split_once('<')?;
    let fits = match asked {
        "&str>" => is_str,
        "String>" => !is_str,
        _ => false,
    } && message.is_some();
    let value = || {
        let m = message.clone().unwrap_or_else(|| Rc::from(""));
        if is_str {
            Value::Str(m)
        } else {
            Value::string(m.to_string())
        }
    };
    Some(match method {
        "is" => Value::Bool(fits),
        "downcast_ref" => Value::option(fits.then(value)),
        "downcast" if fits => Value::result(true, value()),
        "downcast" => Value::result(false, Value::Obj(o.clone())),
        _ => return None,
    })
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn option_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    o: &Rc<Obj>,
    v: &Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let (var, mut f) = v.variant_of(ty::OPTION).unwrap_or((0, Vec::new()));
    let some = var == 1;
    let inner = || f.first().cloned().unwrap_or(Value::Unit);
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let set = |data: Data| -> Data { std::mem::replace(&mut *o.data.borrow_mut(), data) };
    Ok(Some(match name {
        "is_some" => Value::Bool(some),
        "is_none" => Value::Bool(!some),
        "is_some_and" => Value::Bool(some && matches!(vm.call(fib, &a(0), vec![inner()], cx, at)?, Value::Bool(true))),
        "is_none_or" => Value::Bool(!some || matches!(vm.call(fib, &a(0), vec![inner()], cx, at)?, Value::Bool(true))),
        // `Option<Result<T, E>>` to `Result<Option<T>, E>`.
        "transpose" if args.is_empty() => {
            if !some {
                return Ok(Some(Value::result(true, Value::none())));
            }
            match deref_all(&inner()).variant_of(ty::RESULT) {
                Some((0, mut x)) => Value::result(true, Value::some(x.pop().unwrap_or(Value::Unit))),
                Some((_, mut e)) => Value::result(false, e.pop().unwrap_or(Value::Unit)),
                None => {
                    return Err(
                        at.err(format!("`transpose` turns an `Option` of a `Result` around, not an `Option` of {}", inner().type_name()))
                    )
                }
            }
        }
        "unwrap" => {
            if !some {
                return Err(at.panic("called `Option::unwrap()` on a `None` value"));
            }
            f.pop().unwrap_or(Value::Unit)
        }
        "expect" => {
            if !some {
                return Err(at.panic(text_arg(&a(0), at, "expect")?));
            }
            f.pop().unwrap_or(Value::Unit)
        }
        "unwrap_or" => {
            if some {
                inner()
            } else {
                a(0)
            }
        }
        "unwrap_or_else" => {
            if some {
                inner()
            } else {
                vm.call(fib, &a(0), Vec::new(), cx, at)?
            }
        }
        super::names::DEFAULT_WITH => {
            if some {
                inner()
            } else {
                vm.call(fib, &a(0), Vec::new(), cx, at)?
            }
        }
        "unwrap_or_default" => {
            if some {
                inner()
            } else {
                return Err(at.err("`unwrap_or_default` on `None`: the playground cannot tell the type's default here; use `unwrap_or(…)`"));
            }
        }
        "map" => {
            if some {
                Value::some(vm.call(fib, &a(0), vec![inner()], cx, at)?)
            } else {
                Value::none()
            }
        }
        "map_or" => {
            if some {
                vm.call(fib, &a(1), vec![inner()], cx, at)?
            } else {
                a(0)
            }
        }
        "map_or_else" => {
            if some {
                vm.call(fib, &a(1), vec![inner()], cx, at)?
            } else {
                vm.call(fib, &a(0), Vec::new(), cx, at)?
            }
        }
        "and_then" => {
            if some {
                vm.call(fib, &a(0), vec![inner()], cx, at)?
            } else {
                Value::none()
            }
        }
        "and" => {
            if some {
                a(0)
            } else {
                Value::none()
            }
        }
        "or" => {
            if some {
                v.clone()
            } else {
                a(0)
            }
        }
        "or_else" => {
            if some {
                v.clone()
            } else {
                vm.call(fib, &a(0), Vec::new(), cx, at)?
            }
        }
        "xor" => {
            let other_some = matches!(a(0).variant_of(ty::OPTION), Some((1, _)));
            match (some, other_some) {
                (true, false) => v.clone(),
                (false, true) => a(0),
                _ => Value::none(),
            }
        }
        "filter" => {
            if some && matches!(vm.call(fib, &a(0), vec![inner()], cx, at)?, Value::Bool(true)) {
                v.clone()
            } else {
                Value::none()
            }
        }
        "ok_or" => {
            if some {
                Value::result(true, inner())
            } else {
                Value::result(false, a(0))
            }
        }
        "ok_or_else" => {
            if some {
                Value::result(true, inner())
            } else {
                Value::result(false, vm.call(fib, &a(0), Vec::new(), cx, at)?)
            }
        }
        "take" => {
            let old = set(Data::Variant(0, Vec::new()));
            Value::Obj(Obj::new(ty::OPTION, o.copy, old))
        }
        "take_if" => {
            if some && matches!(vm.call(fib, &a(0), vec![field_ref(o, 0, &inner())], cx, at)?, Value::Bool(true)) {
                let old = set(Data::Variant(0, Vec::new()));
                Value::Obj(Obj::new(ty::OPTION, o.copy, old))
            } else {
                Value::none()
            }
        }
        "replace" => {
            let x = a(0);
            if matches!(x, Value::CxWaker) {
                return Err(at.err("expected `Waker`, found `&Waker`: store `cx.waker().clone()`"));
            }
            let old = set(Data::Variant(1, vec![x]));
            Value::Obj(Obj::new(ty::OPTION, o.copy, old))
        }
        "insert" => {
            let x = a(0);
            let old = set(Data::Variant(1, vec![x.clone()]));
            drop(old);
            field_ref(o, 0, &x)
        }
        "get_or_insert" => {
            if !some {
                let old = set(Data::Variant(1, vec![a(0)]));
                drop(old);
            }
            let x = v.variant_of(ty::OPTION).and_then(|(_, mut f)| f.pop()).unwrap_or(Value::Unit);
            field_ref(o, 0, &x)
        }
        "get_or_insert_with" => {
            if !some {
                let x = vm.call(fib, &a(0), Vec::new(), cx, at)?;
                let old = set(Data::Variant(1, vec![x]));
                drop(old);
            }
            let x = v.variant_of(ty::OPTION).and_then(|(_, mut f)| f.pop()).unwrap_or(Value::Unit);
            field_ref(o, 0, &x)
        }
        "as_ref" | "as_mut" | "as_deref" | "as_deref_mut" | "as_pin_mut" | "as_pin_ref" => {
            if some {
                Value::some(field_ref(o, 0, &inner()))
            } else {
                Value::none()
            }
        }
        "iter" | "into_iter" | "iter_mut" => iter_of(if some { VecDeque::from(vec![inner()]) } else { VecDeque::new() }),
        "cloned" | "copied" => {
            if some {
                let x = deref_refs(&inner());
                Value::some(vm.clone_value(fib, &x, cx, at)?)
            } else {
                Value::none()
            }
        }
        "clone" => vm.clone_value(fib, v, cx, at)?,
        "flatten" => {
            if some {
                inner()
            } else {
                Value::none()
            }
        }
        "zip" => {
            let other = a(0).variant_of(ty::OPTION);
            match (some, other) {
                (true, Some((1, mut g))) => Value::some(Value::tuple(vec![inner(), g.pop().unwrap_or(Value::Unit)])),
                _ => Value::none(),
            }
        }
        "unzip" => return Ok(None),
        _ => return Ok(None),
    }))
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn result_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    o: &Rc<Obj>,
    v: &Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let (var, mut f) = v.variant_of(ty::RESULT).unwrap_or((1, Vec::new()));
    let ok = var == 0;
    let inner = || f.first().cloned().unwrap_or(Value::Unit);
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    Ok(Some(match name {
        "is_ok" => Value::Bool(ok),
        "is_err" => Value::Bool(!ok),
        "is_ok_and" => Value::Bool(ok && matches!(vm.call(fib, &a(0), vec![inner()], cx, at)?, Value::Bool(true))),
        "is_err_and" => Value::Bool(!ok && matches!(vm.call(fib, &a(0), vec![inner()], cx, at)?, Value::Bool(true))),
        // `Result<Option<T>, E>` to `Option<Result<T, E>>`.
        "transpose" if args.is_empty() => {
            if !ok {
                return Ok(Some(Value::some(Value::result(false, inner()))));
            }
            match deref_all(&inner()).variant_of(ty::OPTION) {
                Some((1, mut x)) => Value::some(Value::result(true, x.pop().unwrap_or(Value::Unit))),
                Some(_) => Value::none(),
                None => {
                    return Err(
                        at.err(format!("`transpose` turns a `Result` of an `Option` around, not a `Result` of {}", inner().type_name()))
                    )
                }
            }
        }
        "unwrap" => {
            if !ok {
                let e = vm.debug(fib, &inner(), false, cx, at)?;
                return Err(at.panic(format!("called `Result::unwrap()` on an `Err` value: {e}")));
            }
            f.pop().unwrap_or(Value::Unit)
        }
        "expect" => {
            if !ok {
                let e = vm.debug(fib, &inner(), false, cx, at)?;
                return Err(at.panic(format!("{}: {e}", text_arg(&a(0), at, "expect")?)));
            }
            f.pop().unwrap_or(Value::Unit)
        }
        "unwrap_err" | "expect_err" => {
            if ok {
                let e = vm.debug(fib, &inner(), false, cx, at)?;
                if name == "expect_err" {
                    return Err(at.panic(format!("{}: {e}", text_arg(&a(0), at, "expect_err")?)));
                }
                return Err(at.panic(format!("called `Result::unwrap_err()` on an `Ok` value: {e}")));
            }
            f.pop().unwrap_or(Value::Unit)
        }
        "unwrap_or" => {
            if ok {
                inner()
            } else {
                a(0)
            }
        }
        "unwrap_or_else" => {
            if ok {
                inner()
            } else {
                vm.call(fib, &a(0), vec![inner()], cx, at)?
            }
        }
        super::names::DEFAULT_WITH => {
            if ok {
                inner()
            } else {
                vm.call(fib, &a(0), Vec::new(), cx, at)?
            }
        }
        "unwrap_or_default" => {
            if ok {
                inner()
            } else {
                return Err(at.err("`unwrap_or_default` on `Err`: the playground cannot tell the type's default here; use `unwrap_or(…)`"));
            }
        }
        "map" => {
            if ok {
                Value::result(true, vm.call(fib, &a(0), vec![inner()], cx, at)?)
            } else {
                v.clone()
            }
        }
        "map_err" => {
            if ok {
                v.clone()
            } else {
                Value::result(false, vm.call(fib, &a(0), vec![inner()], cx, at)?)
            }
        }
        "and_then" => {
            if ok {
                vm.call(fib, &a(0), vec![inner()], cx, at)?
            } else {
                v.clone()
            }
        }
        "or_else" => {
            if ok {
                v.clone()
            } else {
                vm.call(fib, &a(0), vec![inner()], cx, at)?
            }
        }
        "map_or" => {
            if ok {
                vm.call(fib, &a(1), vec![inner()], cx, at)?
            } else {
                a(0)
            }
        }
        // `map_or_else(default, f)`: `default` is given the error.
        "map_or_else" => {
            let (g, x) = if ok { (a(1), inner()) } else { (a(0), inner()) };
            vm.call(fib, &g, vec![x], cx, at)?
        }
        "and" => {
            if ok {
                a(0)
            } else {
                v.clone()
            }
        }
        "or" => {
            if ok {
                v.clone()
            } else {
                a(0)
            }
        }
        "ok" => Value::option(ok.then(inner)),
        "err" => Value::option((!ok).then(inner)),
        "as_ref" | "as_mut" => Value::result(ok, field_ref(o, 0, &inner())),
        "iter" | "into_iter" => iter_of(if ok { VecDeque::from(vec![inner()]) } else { VecDeque::new() }),
        "clone" => vm.clone_value(fib, v, cx, at)?,
        _ => return Ok(None),
    }))
}

/// `hash_map::Entry`: `or_insert`, `or_insert_with`, `or_insert_with_key`, `or_default`,
/// `and_modify` and `key`. The value is given as a reference into the map, as `&mut V` is.
#[inline(never)]
fn entry_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    e: &Rc<Obj>,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let (map, key) = match &*e.data.borrow() {
        Data::Fields(f) => (f.first().cloned().unwrap_or(Value::Unit), f.get(1).cloned().unwrap_or(Value::Unit)),
        _ => return Ok(None),
    };
    let Value::Obj(m) = &map else { return Ok(None) };
    let find = || -> Option<usize> { super::keys::find(m, &key) };
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    // The entry's value, inserted first if the key is vacant (`make` gives it).
    let or_insert = |fib: &mut Fiber, cx: &mut Context<'_>, make: &mut dyn FnMut(&mut Fiber, &mut Context<'_>) -> R<Value>| -> R<Value> {
        let i = match find() {
            Some(i) => i,
            None => {
                let v = make(fib, cx)?;
                vm.count_values(2, at)?;
                let i = insert_at(vm, fib, m, &key, cx, at)?;
                let i = {
                    let mut d = m.data.borrow_mut();
                    let Data::Map(pairs) = &mut *d else { return Err(at.err("this entry's map is gone")) };
                    if pairs.len() >= MAX_LEN {
                        return Err(at.err("this map has more entries than the playground holds"));
                    }
                    let i = i.min(pairs.len());
                    pairs.insert(i, (key.clone(), v));
                    i
                };
                super::keys::appended(m, &key);
                i
            }
        };
        Ok(elem_ref(m, i, &Value::Unit))
    };
    Ok(Some(match name {
        "key" => key.clone(),
        "or_insert" => or_insert(fib, cx, &mut |_, _| Ok(a(0)))?,
        "or_insert_with" => or_insert(fib, cx, &mut |fib, cx| vm.call(fib, &a(0), Vec::new(), cx, at))?,
        "or_insert_with_key" => or_insert(fib, cx, &mut |fib, cx| vm.call(fib, &a(0), vec![key.clone()], cx, at))?,
        // The map's value type, when its `let` (or field) wrote it.
        "or_default" if m.data.value_default.get() > 0 => or_insert(fib, cx, &mut |fib, cx| {
            let code = vm.code.clone();
            let t =
                code.default_types.get(m.data.value_default.get() as usize - 1).ok_or_else(|| at.err("internal error: no such type"))?;
            vm.default_of_ast_type(fib, t, cx, at)
        })?,
        "or_default" => or_insert(fib, cx, &mut |_, _| {
            // Values carry their type, the map's declared type is not kept: the default is that
            // of the values already there.
            let like = match &*m.data.borrow() {
                Data::Map(pairs) => pairs.first().map(|(_, v)| deref_all(v)),
                _ => None,
            };
            match like.as_ref().and_then(default_like) {
                Some(v) => Ok(v),
                None => Err(at.err(
                    "`or_default()` needs the map's value type, which the playground knows from the map's written type (`let mut m: HashMap<K, V> = HashMap::new()`) or from a value already in it: write `or_insert(0)`, `or_insert_with(Vec::new)`, …",
                )),
            }
        })?,
        "and_modify" => {
            if let Some(i) = find() {
                vm.call(fib, &a(0), vec![elem_ref(m, i, &Value::Unit)], cx, at)?;
            }
            Value::Obj(e.clone())
        }
        _ => return Ok(None),
    }))
}

/// The `Ordering` a comparison closure returned.
fn ordering_of(r: &Value, at: At) -> R<std::cmp::Ordering> {
    match r.variant_of(ty::ORDERING) {
        Some((0, _)) => Ok(std::cmp::Ordering::Less),
        Some((1, _)) => Ok(std::cmp::Ordering::Equal),
        Some(_) => Ok(std::cmp::Ordering::Greater),
        None => Err(at.err("the comparison closure must return an `Ordering`")),
    }
}

/// `Default::default()` of the type of `v`, for the kinds a map's values usually are.
fn default_like(v: &Value) -> Option<Value> {
    Some(match v {
        Value::Int(_, t) => Value::Int(0, *t),
        Value::Bool(_) => Value::Bool(false),
        Value::Obj(o) => match (o.ty, &*o.data.borrow()) {
            (ty::STRING, _) => Value::string(String::new()),
            (ty::VEC, _) => Value::vec(Vec::new()),
            (ty::DEQUE, _) => Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(VecDeque::new()))),
            (t, _) if ty::is_map(t) || ty::is_set(t) => Value::empty_collection(t),
            (ty::OPTION, _) => Value::none(),
            _ => return None,
        },
        _ => return None,
    })
}

#[allow(clippy::too_many_arguments)]
#[inline(never)]
fn map_method(vm: &Rc<Interp>, fib: &mut Fiber, o: &Rc<Obj>, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let find = |k: &Value| -> Option<usize> { super::keys::find(o, k) };
    let pairs = || -> Vec<(Value, Value)> {
        match &*o.data.borrow() {
            Data::Map(m) => m.clone(),
            _ => Vec::new(),
        }
    };
    Ok(Some(match name {
        "len" => Value::usize(len_of(&o.data.borrow())),
        "is_empty" => Value::Bool(len_of(&o.data.borrow()) == 0),
        "insert" => {
            let (k, x) = (a(0), a(1));
            vm.count_values(2, at)?;
            let old = match find(&k) {
                // The value replaced, the keys as they were: the keys' index stays valid.
                Some(i) => match o.data.borrow_mut_values().as_deref_mut() {
                    Ok(Data::Map(m)) => Some(std::mem::replace(&mut m[i].1, x)),
                    _ => None,
                },
                None => {
                    let i = insert_at(vm, fib, o, &k, cx, at)?;
                    let key = k.clone();
                    if let Data::Map(m) = &mut *o.data.borrow_mut() {
                        if m.len() >= MAX_LEN {
                            return Err(at.err("this map has more entries than the playground holds"));
                        }
                        m.insert(i.min(m.len()), (k, x));
                    }
                    super::keys::appended(o, &key);
                    None
                }
            };
            Value::option(old)
        }
        // `&V`: a reference to the value in the map when it is not `Copy` (a use of it copies
        // the reference).
        "get" => {
            let k = a(0);
            let value = |i: usize| match &*o.data.borrow() {
                Data::Map(m) => m.get(i).map(|(_, v)| v.clone()),
                _ => None,
            };
            Value::option(find(&k).and_then(|i| value(i).map(|v| if v.is_copy() { v } else { elem_ref(o, i, &Value::Unit) })))
        }
        // A reference to the entry's value: a write through it is a write to the map.
        "get_mut" => Value::option(find(&a(0)).map(|i| elem_ref(o, i, &Value::Unit))),
        "contains_key" => Value::Bool(find(&a(0)).is_some()),
        "remove" => {
            let k = a(0);
            let removed = find(&k).and_then(|i| match &mut *o.data.borrow_mut() {
                Data::Map(m) => Some(m.remove(i).1),
                _ => None,
            });
            Value::option(removed)
        }
        // `&K` and `&V`: references into the map for what is not `Copy` (a use copies them).
        "keys" => iter_of(
            pairs()
                .into_iter()
                .enumerate()
                .map(|(i, (k, _))| if k.is_copy() { k } else { Value::Ref(Rc::new(Ptr::Key(o.clone(), i))) })
                .collect(),
        ),
        "values" => {
            iter_of(pairs().into_iter().enumerate().map(|(i, (_, v))| if v.is_copy() { v } else { elem_ref(o, i, &Value::Unit) }).collect())
        }
        "values_mut" => iter_of((0..pairs().len()).map(|i| elem_ref(o, i, &Value::Unit)).collect()),
        // `&V` of a value that is not `Copy` is a reference to it in the map.
        "iter" => iter_of(
            pairs()
                .into_iter()
                .enumerate()
                .map(|(i, (k, v))| Value::tuple(vec![k, if v.is_copy() { v } else { elem_ref(o, i, &Value::Unit) }]))
                .collect(),
        ),
        "into_iter" => iter_of(pairs().into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect()),
        "iter_mut" => {
            iter_of(pairs().into_iter().enumerate().map(|(i, (k, _))| Value::tuple(vec![k, elem_ref(o, i, &Value::Unit)])).collect())
        }
        "clear" => {
            let old = std::mem::replace(&mut *o.data.borrow_mut(), Data::Map(Vec::new()));
            drop(old);
            Value::Unit
        }
        "entry" => Value::Obj(Obj::new(ty::ENTRY, false, Data::Fields(vec![Value::Obj(o.clone()), a(0)]))),
        "get_key_value" => {
            let pairs = pairs();
            Value::option(find(&a(0)).map(|i| Value::tuple(vec![pairs[i].0.clone(), pairs[i].1.clone()])))
        }
        "remove_entry" => {
            let removed = find(&a(0)).and_then(|i| match &mut *o.data.borrow_mut() {
                Data::Map(m) => Some(m.remove(i)),
                _ => None,
            });
            Value::option(removed.map(|(k, v)| Value::tuple(vec![k, v])))
        }
        "into_keys" => iter_of(pairs().into_iter().map(|(k, _)| k).collect()),
        "into_values" => iter_of(pairs().into_iter().map(|(_, v)| v).collect()),
        "drain" => {
            let old = std::mem::replace(&mut *o.data.borrow_mut(), Data::Map(Vec::new()));
            let Data::Map(m) = old else { return Ok(None) };
            iter_of(m.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect())
        }
        "retain" => {
            let f = a(0);
            let mut keep = Vec::new();
            for (i, (k, _)) in pairs().into_iter().enumerate() {
                if matches!(vm.call(fib, &f, vec![k, elem_ref(o, i, &Value::Unit)], cx, at)?, Value::Bool(true)) {
                    keep.push(i);
                }
            }
            let old = match &mut *o.data.borrow_mut() {
                Data::Map(m) => std::mem::take(m),
                _ => Vec::new(),
            };
            let (kept, gone): (Vec<_>, Vec<_>) = old.into_iter().enumerate().partition(|(i, _)| keep.contains(i));
            if let Data::Map(m) = &mut *o.data.borrow_mut() {
                *m = kept.into_iter().map(|(_, p)| p).collect();
            }
            drop(gone);
            Value::Unit
        }
        "extend" => {
            let it = into_iter_value(vm, &a(0), at)?;
            while let Some(p) = vm.iter_next(fib, &it, cx, at)? {
                let f = items_of_value(&p);
                let (k, x) = (f.first().cloned().unwrap_or(Value::Unit), f.get(1).cloned().unwrap_or(Value::Unit));
                map_method(vm, fib, o, "insert", &[k, x], cx, at)?;
            }
            Value::Unit
        }
        // The entries whose keys are in the range, in key order.
        "range" | "range_mut" if o.ty == ty::BTREE_MAP => {
            let within = key_range(&a(0), "BTreeMap", len_of(&o.data.borrow()) == 0, at)?;
            let mut out = VecDeque::new();
            for (i, (k, v)) in pairs().into_iter().enumerate() {
                if within(&k, at)? {
                    let by_ref = name == "range_mut" || !v.is_copy();
                    out.push_back(Value::tuple(vec![k, if by_ref { elem_ref(o, i, &Value::Unit) } else { v }]));
                }
            }
            iter_of(out)
        }
        // `BTreeMap`'s ends: its first and last keys.
        "first_key_value" | "last_key_value" | "pop_first" | "pop_last" if o.ty == ty::BTREE_MAP => {
            let n = pairs().len();
            let i = if name.ends_with("first") || name == "first_key_value" { 0 } else { n.wrapping_sub(1) };
            if n == 0 {
                Value::none()
            } else if name.starts_with("pop") {
                let removed = match &mut *o.data.borrow_mut() {
                    Data::Map(m) => m.remove(i),
                    _ => return Ok(None),
                };
                Value::option(Some(Value::tuple(vec![removed.0, removed.1])))
            } else {
                let p = pairs().swap_remove(i);
                Value::option(Some(Value::tuple(vec![p.0, p.1])))
            }
        }
        _ => return Ok(None),
    }))
}

/// Whether a key is in the range `r` of `BTreeMap::range` and `BTreeSet::range` (of integer
/// keys here; `..` and `..b` from the smallest key).
#[allow(clippy::type_complexity)]
/// Whether a key is in a `range`'s bounds.
type KeyTest = Box<dyn Fn(&Value, At) -> R<bool>>;

/// [`key_range`] of a range of strings (`"b".."d"`, `String`s too).
#[inline(never)]
fn text_key_range(lo: Option<&Value>, hi: Option<&Value>, inclusive: bool, kind: &str, empty: bool, at: At) -> R<KeyTest> {
    let text = |v: Option<&Value>| -> R<Option<String>> {
        v.map(|v| {
            deref_all(v)
                .as_text()
                .ok_or_else(|| at.err(format!("`range` takes a range of integer, char or string keys here, not of {}", v.type_name())))
        })
        .transpose()
    };
    let (lo, hi) = (text(lo)?, text(hi)?);
    if let (Some(l), Some(h)) = (&lo, &hi) {
        if l > h && !empty {
            return Err(at.panic(format!("range start is greater than range end in {kind}")));
        }
    }
    Ok(Box::new(move |k: &Value, at: At| {
        let Some(k) = deref_all(k).as_text() else { return Err(at.err(format!("`range` of strings over {} keys", k.type_name()))) };
        let k = k.as_str();
        Ok(lo.as_deref().is_none_or(|l| l <= k) && hi.as_deref().is_none_or(|h| if inclusive { k <= h } else { k < h }))
    }))
}

fn key_range(r: &Value, kind: &str, empty: bool, at: At) -> R<KeyTest> {
    // `map.range('b'..='d')` of `char` keys: the range is its chars here, so its first and last
    // are the bounds, both included (an empty one holds no key).
    if let Value::Native(n) = deref_all(r) {
        if let Native::Iter(it) = &*n {
            if let Iter::Chars(cs) = &*it.borrow() {
                let bounds = cs.front().copied().zip(cs.back().copied());
                return Ok(Box::new(move |k: &Value, at: At| match (deref_all(k), bounds) {
                    (Value::Char(c), Some((lo, hi))) => Ok(lo <= c && c <= hi),
                    (Value::Char(_), None) => Ok(false),
                    (other, _) => Err(at.err(format!("`range` of chars over {} keys", other.type_name()))),
                }));
            }
        }
    }
    // `map.range("b".."d")` of string keys: compared as text.
    if let Value::Native(n) = deref_all(r) {
        if let Native::Bounds(lo, hi, inclusive) = &*n {
            return text_key_range(lo.as_ref(), hi.as_ref(), *inclusive, kind, empty, at);
        }
    }
    let bounds = match deref_all(r) {
        Value::Native(n) => match &*n {
            Native::Iter(it) => match &*it.borrow() {
                Iter::Range { next, end, open_start, inclusive, .. } => {
                    Some(((!open_start).then_some(*next), *end, end.map(|e| e - i128::from(*inclusive))))
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    let Some((lo, hi, written)) = bounds else {
        return Err(at.err(format!("`range` takes a range of integer keys here (`a..b`, `a..=b`, `a..`, `..b`), not {}", r.type_name())));
    };
    if let (Some(lo), Some(written)) = (lo, written) {
        if lo > written && !empty {
            return Err(at.panic(format!("range start is greater than range end in {kind}")));
        }
    }
    Ok(Box::new(move |k: &Value, at: At| match deref_all(k) {
        Value::Int(b, t) => {
            let k = int_of(b, t);
            Ok(lo.is_none_or(|lo| k >= lo) && hi.is_none_or(|hi| k < hi))
        }
        other => Err(at.err(format!("`range` of a map or set of {} keys is not in the playground: only integer keys", other.type_name()))),
    }))
}

/// Where a new key `k` goes among `o`'s keys (a map's, or a set's elements): at the end of a
/// `HashMap` or `HashSet` (they iterate in insertion order here), in key order in a `BTree` one
/// (found by a binary search with the program's own comparisons, which may fail).
fn insert_at(vm: &Rc<Interp>, fib: &mut Fiber, o: &Rc<Obj>, k: &Value, cx: &mut Context<'_>, at: At) -> R<usize> {
    if !ty::is_sorted(o.ty) {
        return Ok(len_of(&o.data.borrow()));
    }
    let keys: Vec<Value> = match &*o.data.borrow() {
        Data::Map(m) => m.iter().map(|(k, _)| k.clone()).collect(),
        Data::Vec(v) => v.clone(),
        _ => Vec::new(),
    };
    let (mut lo, mut hi) = (0, keys.len());
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if vm.compare(fib, &keys[mid], k, cx, at)? == std::cmp::Ordering::Less {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Ok(lo)
}

/// A set's elements' positions in `o` that equal `x`.
fn set_find(o: &Obj, x: &Value) -> Option<usize> {
    super::keys::find(o, x)
}

/// `HashSet` and `BTreeSet`: a list of elements, each once (a `BTreeSet`'s in order).
#[inline(never)]
fn set_method(vm: &Rc<Interp>, fib: &mut Fiber, o: &Rc<Obj>, name: &str, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let items = || items_of(o);
    let kind = if o.ty == ty::SET { "HashSet" } else { "BTreeSet" };
    // The other set of `union`, `is_subset` and the rest.
    let other = |x: &Value| -> R<Vec<Value>> {
        match deref_all(x) {
            Value::Obj(p) if ty::is_set(p.ty) => Ok(items_of(&p)),
            // `a.is_disjoint(&[9].into_iter().collect())`: the set the argument's type makes of
            // a `collect()` (a `Vec` here), its repeats once.
            Value::Obj(p) if p.ty == ty::VEC => {
                let mut out: Vec<Value> = Vec::new();
                for x in items_of(&p) {
                    if !out.iter().any(|y| super::ops::eq_simple(y, &x)) {
                        out.push(x);
                    }
                }
                Ok(out)
            }
            d => Err(at.err(format!("`{name}` takes another set (`&{kind}`), not {}", d.type_name()))),
        }
    };
    let has = |list: &[Value], x: &Value| list.iter().any(|y| super::ops::eq_simple(y, x));
    // A result of a `BTreeSet` is in order: its items sorted (they are distinct).
    let ordered = |vm: &Rc<Interp>, fib: &mut Fiber, cx: &mut Context<'_>, list: Vec<Value>| -> R<Vec<Value>> {
        if ty::is_sorted(o.ty) {
            merge_sort(list, &mut |p, q| vm.compare(fib, p, q, cx, at))
        } else {
            Ok(list)
        }
    };
    Ok(Some(match name {
        "len" => Value::usize(len_of(&o.data.borrow())),
        "is_empty" => Value::Bool(len_of(&o.data.borrow()) == 0),
        "insert" => {
            let x = a(0);
            if set_find(o, &x).is_some() {
                Value::Bool(false)
            } else {
                vm.count_values(1, at)?;
                let i = insert_at(vm, fib, o, &x, cx, at)?;
                let key = x.clone();
                if let Data::Vec(v) = &mut *o.data.borrow_mut() {
                    if v.len() >= MAX_LEN {
                        return Err(at.err("this set has more elements than the playground holds"));
                    }
                    v.insert(i.min(v.len()), x);
                }
                super::keys::appended(o, &key);
                Value::Bool(true)
            }
        }
        "contains" => Value::Bool(set_find(o, &a(0)).is_some()),
        "get" => Value::option(set_find(o, &a(0)).and_then(|i| item_at(o, i))),
        "remove" | "take" => {
            let removed = set_find(o, &a(0)).and_then(|i| match &mut *o.data.borrow_mut() {
                Data::Vec(v) => Some(v.remove(i)),
                _ => None,
            });
            if name == "remove" {
                Value::Bool(removed.is_some())
            } else {
                Value::option(removed)
            }
        }
        "iter" => Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Elems {
            obj: o.clone(),
            front: 0,
            back: len_of(&o.data.borrow()),
            mutable: false,
        })))),
        "into_iter" => iter_of(items().into_iter().collect()),
        "drain" => {
            let old = std::mem::replace(&mut *o.data.borrow_mut(), Data::Vec(Vec::new()));
            iter_of(items_of_data(old).into_iter().collect())
        }
        "clear" => {
            let old = std::mem::replace(&mut *o.data.borrow_mut(), Data::Vec(Vec::new()));
            drop(old);
            Value::Unit
        }
        "retain" => {
            let f = a(0);
            let mut keep = Vec::new();
            for x in items() {
                if matches!(vm.call(fib, &f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    keep.push(x);
                }
            }
            let old = std::mem::replace(&mut *o.data.borrow_mut(), Data::Vec(keep));
            drop(old);
            Value::Unit
        }
        "extend" => {
            let it = into_iter_value(vm, &a(0), at)?;
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                set_method(vm, fib, o, "insert", &[x], cx, at)?;
            }
            Value::Unit
        }
        "union" => {
            let mut out = items();
            for x in other(&a(0))? {
                if !has(&out, &x) {
                    out.push(x);
                }
            }
            iter_of(ordered(vm, fib, cx, out)?.into_iter().collect())
        }
        "intersection" => {
            let theirs = other(&a(0))?;
            iter_of(items().into_iter().filter(|x| has(&theirs, x)).collect())
        }
        "difference" => {
            let theirs = other(&a(0))?;
            iter_of(items().into_iter().filter(|x| !has(&theirs, x)).collect())
        }
        "symmetric_difference" => {
            let (mine, theirs) = (items(), other(&a(0))?);
            let mut out: Vec<Value> = mine.iter().filter(|x| !has(&theirs, x)).cloned().collect();
            out.extend(theirs.iter().filter(|x| !has(&mine, x)).cloned());
            iter_of(ordered(vm, fib, cx, out)?.into_iter().collect())
        }
        "is_subset" => {
            let theirs = other(&a(0))?;
            Value::Bool(items().iter().all(|x| has(&theirs, x)))
        }
        "is_superset" => {
            let (mine, theirs) = (items(), other(&a(0))?);
            Value::Bool(theirs.iter().all(|x| has(&mine, x)))
        }
        "is_disjoint" => {
            let theirs = other(&a(0))?;
            Value::Bool(!items().iter().any(|x| has(&theirs, x)))
        }
        // `BTreeSet`'s ends.
        "first" | "last" if o.ty == ty::BTREE_SET => {
            let list = items();
            Value::option(if name == "first" { list.first().cloned() } else { list.last().cloned() })
        }
        "range" if o.ty == ty::BTREE_SET => {
            let within = key_range(&a(0), "BTreeSet", len_of(&o.data.borrow()) == 0, at)?;
            let mut out = VecDeque::new();
            for (i, x) in items().into_iter().enumerate() {
                if within(&x, at)? {
                    out.push_back(if x.is_copy() { x } else { elem_ref(o, i, &Value::Unit) });
                }
            }
            iter_of(out)
        }
        "pop_first" | "pop_last" if o.ty == ty::BTREE_SET => {
            let popped = match &mut *o.data.borrow_mut() {
                Data::Vec(v) if v.is_empty() => None,
                Data::Vec(v) if name == "pop_first" => Some(v.remove(0)),
                Data::Vec(v) => v.pop(),
                _ => None,
            };
            Value::option(popped)
        }
        _ => return Ok(None),
    }))
}

/// A `BinaryHeap`'s elements, ordered as std orders them (its sift-up, sift-down and rebuild,
/// with the program's own comparisons), so that `peek`, `pop`, `iter` and `{:?}` give what
/// rustc's give.
struct Heap<'a, 'w> {
    vm: &'a Rc<Interp>,
    fib: &'a mut Fiber,
    cx: &'a mut Context<'w>,
    at: At,
    data: Vec<Value>,
}

impl Heap<'_, '_> {
    fn le(&mut self, i: usize, j: usize) -> R<bool> {
        Ok(self.vm.compare(self.fib, &self.data[i], &self.data[j], self.cx, self.at)? != std::cmp::Ordering::Greater)
    }

    /// std's `sift_up(start, pos)`: the element at `pos` moves up while it is greater than its
    /// parent.
    fn sift_up(&mut self, start: usize, mut pos: usize) -> R<()> {
        while pos > start {
            let parent = (pos - 1) / 2;
            if self.le(pos, parent)? {
                break;
            }
            self.data.swap(pos, parent);
            pos = parent;
        }
        Ok(())
    }

    /// std's `sift_down_range(pos, end)`: down while a child is greater.
    fn sift_down_range(&mut self, mut pos: usize, end: usize) -> R<()> {
        let mut child = 2 * pos + 1;
        while child <= end.saturating_sub(2) {
            if self.le(child, child + 1)? {
                child += 1;
            }
            // `hole >= child`: the hole stays.
            if self.le(child, pos)? {
                return Ok(());
            }
            self.data.swap(pos, child);
            pos = child;
            child = 2 * pos + 1;
        }
        if child == end.saturating_sub(1) && !self.le(child, pos)? {
            self.data.swap(pos, child);
        }
        Ok(())
    }

    /// std's `sift_down_to_bottom(0)` then `sift_up`: what `pop` does with the last element
    /// moved to the root.
    fn sift_down_to_bottom(&mut self) -> R<()> {
        let end = self.data.len();
        let mut pos = 0;
        let mut child = 1;
        while child <= end.saturating_sub(2) {
            if self.le(child, child + 1)? {
                child += 1;
            }
            self.data.swap(pos, child);
            pos = child;
            child = 2 * pos + 1;
        }
        if child == end.wrapping_sub(1) {
            self.data.swap(pos, child);
            pos = child;
        }
        self.sift_up(0, pos)
    }

    /// std's `rebuild`: a heap of the whole list, bottom up.
    fn rebuild(&mut self) -> R<()> {
        let len = self.data.len();
        let mut n = len / 2;
        while n > 0 {
            n -= 1;
            self.sift_down_range(n, len)?;
        }
        Ok(())
    }

    /// std's `rebuild_tail(start)` after `extend`: the new tail sifted up one by one, or the
    /// whole list rebuilt, by std's own rule of which costs less.
    fn rebuild_tail(&mut self, start: usize) -> R<()> {
        let len = self.data.len();
        if start == len {
            return Ok(());
        }
        let tail = len - start;
        let log2 = |x: usize| (usize::BITS - x.leading_zeros()).saturating_sub(1) as usize;
        let rebuild = if start < tail {
            true
        } else if len <= 2048 {
            2 * len < tail * log2(start)
        } else {
            2 * len < tail * 11
        };
        if rebuild {
            self.rebuild()
        } else {
            for i in start..len {
                self.sift_up(0, i)?;
            }
            Ok(())
        }
    }
}

/// `BinaryHeap`: the greatest element first (`Reverse` makes it a min-heap).
#[inline(never)]
fn heap_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    o: &Rc<Obj>,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    // The elements are taken out while the program's comparisons run, and put back after.
    let take = || match &mut *o.data.borrow_mut() {
        Data::Vec(v) => std::mem::take(v),
        _ => Vec::new(),
    };
    let put = |data: Vec<Value>| {
        if let Data::Vec(v) = &mut *o.data.borrow_mut() {
            *v = data;
        }
    };
    Ok(Some(match name {
        "len" => Value::usize(items_of(o).len()),
        "is_empty" => Value::Bool(items_of(o).is_empty()),
        "peek" => Value::option(items_of(o).into_iter().next()),
        "push" => {
            vm.count_values(1, at)?;
            let mut h = Heap { vm, fib, cx, at, data: take() };
            if h.data.len() >= MAX_LEN {
                put(h.data);
                return Err(at.err("this heap has more elements than the playground holds"));
            }
            h.data.push(a(0));
            let end = h.data.len() - 1;
            let r = h.sift_up(0, end);
            put(h.data);
            r?;
            Value::Unit
        }
        "pop" => {
            let mut h = Heap { vm, fib, cx, at, data: take() };
            let mut top = h.data.pop();
            let mut r = Ok(());
            if let Some(item) = top.as_mut() {
                if !h.data.is_empty() {
                    std::mem::swap(item, &mut h.data[0]);
                    r = h.sift_down_to_bottom();
                }
            }
            put(h.data);
            r?;
            Value::option(top)
        }
        "into_sorted_vec" => {
            let mut h = Heap { vm, fib, cx, at, data: items_of(o) };
            let mut end = h.data.len();
            while end > 1 {
                end -= 1;
                h.data.swap(0, end);
                h.sift_down_range(0, end)?;
            }
            Value::vec(h.data)
        }
        "into_vec" => Value::vec(items_of(o)),
        "iter" | "into_iter" => iter_of(items_of(o).into_iter().collect()),
        "drain" => iter_of(take().into_iter().collect()),
        "clear" => {
            drop(take());
            Value::Unit
        }
        "extend" => {
            let it = into_iter_value(vm, &a(0), at)?;
            let mut new = Vec::new();
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                new.push(x);
            }
            vm.count_values(new.len(), at)?;
            let mut h = Heap { vm, fib, cx, at, data: take() };
            let start = h.data.len();
            h.data.extend(new);
            let r = h.rebuild_tail(start);
            put(h.data);
            r?;
            Value::Unit
        }
        _ => return Ok(None),
    }))
}

/// What a collection's contents hold, as a list: a set's elements, a map's pairs as tuples.
fn items_of_data(d: Data) -> Vec<Value> {
    match d {
        Data::Vec(v) | Data::Fields(v) => v,
        Data::Map(m) => m.into_iter().map(|(k, v)| Value::tuple(vec![k, v])).collect(),
        Data::Deque(v) => v.into_iter().collect(),
        _ => Vec::new(),
    }
}

/// `collect()` (or `from`) into a map or a set of type `t`: a `Vec` or an array of pairs into a
/// map (a later key wins), of items into a set (each once, the first kept), a `BTree` one
/// sorted with the program's comparisons.
pub fn into_collection(vm: &Rc<Interp>, fib: &mut Fiber, v: Value, t: TyId, cx: &mut Context<'_>, at: At) -> R<Value> {
    let Value::Obj(src) = &v else { return Ok(v) };
    if src.ty == t || !matches!(src.ty, ty::VEC | ty::ARRAY | ty::DEQUE) {
        return Ok(v);
    }
    let out = Value::empty_collection(t);
    let Value::Obj(o) = &out else { return Ok(v) };
    if t == ty::HEAP {
        // std's `From<Vec<T>>`: the list as it is, then rebuilt into a heap.
        let mut h = Heap { vm, fib, cx, at, data: items_of(src) };
        h.rebuild()?;
        return Ok(Value::Obj(Obj::new(ty::HEAP, false, Data::Vec(h.data))));
    }
    for x in items_of(src) {
        if ty::is_set(t) {
            set_method(vm, fib, o, "insert", &[x], cx, at)?;
        } else {
            let f = items_of_value(&x);
            let (k, y) = (f.first().cloned().unwrap_or(Value::Unit), f.get(1).cloned().unwrap_or(Value::Unit));
            map_method(vm, fib, o, "insert", &[k, y], cx, at)?;
        }
    }
    Ok(out)
}

// Out of `try_methods`' frame, which nested calls stack (the wasm stack test).
#[inline(never)]
#[allow(clippy::too_many_arguments)]
fn native_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    n: &Rc<Native>,
    v: &Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    Ok(Some(match &**n {
        Native::Shared(b, arc) => match name {
            "clone" => Value::Native(Rc::new(Native::Shared(b.clone(), *arc))),
            "as_ref" => b.value.borrow().clone(),
            _ => return Ok(None),
        },
        Native::Weak(w, arc) => match name {
            "upgrade" => Value::option(w.upgrade().map(|b| Value::Native(Rc::new(Native::Shared(b, *arc))))),
            "clone" => Value::Native(Rc::new(Native::Weak(w.clone(), *arc))),
            "strong_count" => Value::usize(w.strong_count()),
            _ => return Ok(None),
        },
        Native::Cell(c) => match name {
            "get" => {
                let x = c.borrow().clone();
                if !x.is_copy() {
                    return Err(at.err("`Cell::get` needs a `Copy` value: use `take` or `replace`"));
                }
                x.copied()
            }
            "set" => {
                let old = c.replace(a(0));
                drop(old);
                Value::Unit
            }
            "replace" => c.replace(a(0)),
            "take" => {
                let cur = c.borrow().clone();
                let d = vm.default_like(fib, &cur, cx, at)?;
                c.replace(d)
            }
            "into_inner" => c.borrow().clone(),
            // `&mut self` proves no one else can reach the contents: a reference into them.
            "get_mut" => Value::Ref(Rc::new(Ptr::Guard(Guard::new(n.clone(), true)))),
            "swap" => {
                let Value::Native(o) = deref_all(&a(0)) else { return Err(at.err("`swap` takes another `Cell`")) };
                let Native::Cell(d) = &*o else { return Err(at.err("`swap` takes another `Cell`")) };
                if !Rc::ptr_eq(n, &o) {
                    c.swap(d);
                }
                Value::Unit
            }
            _ => return Ok(None),
        },
        Native::Mutex(l) | Native::RwLock(l) if matches!(name, "lock" | "write" | "read") => {
            // Held by another thread: this one blocks until it is free.
            let state = l.state.get();
            let write = name != "read";
            let held_by_me = state < 0 && l.owner.get().is_some() && l.owner.get() == vm.current_owner();
            if (state < 0 || write && state > 0) && !held_by_me {
                return Ok(Some(vm.lock_blocking(fib, n.clone(), write, name, at)));
            }
            let out = lock_method(n, l, v, name, args, at)?;
            if write {
                vm.hold(l);
            }
            out
        }
        // `RefCell::take`: the contents, leaving their type's default.
        Native::RefCell(l) if name == "take" => {
            if l.state.get() != 0 {
                return Err(at.panic("RefCell already borrowed"));
            }
            let cur = l.value.borrow().clone();
            let d = vm.default_like(fib, &cur, cx, at)?;
            std::mem::replace(&mut *l.value.borrow_mut(), d)
        }
        // `RefCell::replace_with(|old| new)`: the closure sees the contents mutably borrowed.
        Native::RefCell(l) if name == "replace_with" => {
            if l.state.get() != 0 {
                return Err(at.panic("RefCell already borrowed"));
            }
            l.state.set(-1);
            let g = Rc::new(Ptr::Guard(Guard::new(n.clone(), true)));
            let r = vm.call(fib, &a(0), vec![Value::Ref(g.clone())], cx, at);
            if let Ptr::Guard(g) = &*g {
                g.release();
            }
            let new = r?;
            std::mem::replace(&mut *l.value.borrow_mut(), new)
        }
        Native::RefCell(l) | Native::Mutex(l) | Native::RwLock(l) => {
            let out = lock_method(n, l, v, name, args, at)?;
            if l.state.get() < 0 && !matches!(&**n, Native::RefCell(_)) {
                vm.hold(l);
            }
            out
        }
        Native::Sender(..) | Native::Receiver(_) => return vm.chan_method(fib, n, name, args, at),
        Native::ThreadId(_) | Native::IntError(_) => match name {
            "clone" => v.clone(),
            _ => return Ok(None),
        },
        Native::Thread(t) => match name {
            "id" => Value::Native(Rc::new(Native::ThreadId(t.no))),
            "unpark" => {
                Interp::unpark(t);
                Value::Unit
            }
            "name" => Value::option(t.name.as_ref().map(|n| Value::Str(n.clone()))),
            "clone" => Value::Native(Rc::new(Native::Thread(t.clone()))),
            _ => return Ok(None),
        },
        Native::Condvar(c) => match name {
            "wait" | "wait_while" | "wait_timeout" | "wait_timeout_while" => {
                let timed = name.starts_with("wait_timeout");
                let cond = name.ends_with("while");
                want_args(args, 1 + usize::from(timed) + usize::from(cond), name, at)?;
                let timeout = match timed.then(|| deref_all(&a(1))) {
                    Some(Value::Dur(d)) => Some(d),
                    Some(other) => return Err(at.err(format!("`{name}` takes a `Duration`, not {}", other.type_name()))),
                    None => None,
                };
                let cond = cond.then(|| a(1 + usize::from(timed)));
                return vm.condvar_wait(fib, n.clone(), a(0), cond, timeout, cx, at).map(Some);
            }
            "notify_one" => {
                Interp::condvar_notify(c, false);
                Value::Unit
            }
            "notify_all" => {
                Interp::condvar_notify(c, true);
                Value::Unit
            }
            _ => return Ok(None),
        },
        Native::WaitTimeout(t) => match name {
            "timed_out" => Value::Bool(*t),
            _ => return Ok(None),
        },
        Native::Once(..) => return once_method(vm, fib, n, name, args, cx, at),
        Native::Barrier(_) => match name {
            "wait" => {
                want_args(args, 0, name, at)?;
                return Ok(Some(vm.barrier_wait(fib, n.clone(), at)));
            }
            _ => return Ok(None),
        },
        Native::BarrierResult(l) => match name {
            "is_leader" => Value::Bool(*l),
            _ => return Ok(None),
        },
        Native::RawPtr(p) => match name {
            "is_null" => Value::Bool(p.is_none()),
            "cast" | "cast_mut" | "cast_const" => Value::Native(n.clone()),
            _ => return Ok(None),
        },
        Native::RawAddr(a) => match name {
            "is_null" => Value::Bool(*a == 0),
            "cast" | "cast_mut" | "cast_const" => Value::Native(n.clone()),
            "addr" => Value::usize(*a as usize),
            _ => return Ok(None),
        },
        Native::RawPlace(_) => match name {
            "is_null" => Value::Bool(false),
            "cast" | "cast_mut" | "cast_const" => Value::Native(n.clone()),
            _ => return Ok(None),
        },
        Native::VTable(_) => return Ok(None),
        Native::RawWaker(..) => return Ok(None),
        Native::Bounds(lo, hi, inclusive) => return bounds_method(vm, fib, (lo.as_ref(), hi.as_ref(), *inclusive), name, args, cx, at),
        Native::Atomic(c, t) => {
            let get = || match t {
                None => Value::Bool(c.get() != 0),
                Some(t) => Value::Int(c.get(), Some(*t)),
            };
            let bits = |x: &Value| -> R<u64> {
                match (deref_all(x), t) {
                    (Value::Bool(b), None) => Ok(u64::from(b)),
                    (mut i @ Value::Int(..), Some(t)) => {
                        super::ops::coerce(&mut i, *t, at)?;
                        match i {
                            Value::Int(b, _) => Ok(b),
                            _ => Ok(0),
                        }
                    }
                    (x, _) => Err(at.err(format!("this atomic cannot hold {}", x.type_name()))),
                }
            };
            match name {
                "load" | "into_inner" => get(),
                "store" => {
                    c.set(bits(&a(0))?);
                    Value::Unit
                }
                "swap" => {
                    let old = get();
                    c.set(bits(&a(0))?);
                    old
                }
                "fetch_add" | "fetch_sub" | "fetch_max" | "fetch_min" | "fetch_and" | "fetch_or" | "fetch_xor" => {
                    let old = get();
                    let x = bits(&a(0))?;
                    let ty = *t;
                    let cur = int_of(c.get(), ty);
                    let y = int_of(x, ty);
                    let new = match name {
                        "fetch_add" => cur.wrapping_add(y),
                        "fetch_sub" => cur.wrapping_sub(y),
                        "fetch_max" => cur.max(y),
                        "fetch_min" => cur.min(y),
                        "fetch_and" => cur & y,
                        "fetch_or" => cur | y,
                        _ => cur ^ y,
                    };
                    // Atomics wrap around, as their `fetch_add` does in Rust.
                    if let Value::Int(b, _) = wrapped(new, ty) {
                        c.set(b);
                    }
                    old
                }
                // `fetch_update(set, fetch, |x| Some(x + 1))`: `Ok(old)` once the closure gives a
                // value to store, `Err(old)` when it gives `None`. Nothing else runs between the
                // read and the write here, so the closure runs once.
                "fetch_update" => {
                    let old = get();
                    let next = vm.call(fib, &a(2), vec![old.clone()], cx, at)?;
                    match next.variant_last(ty::OPTION) {
                        Some((1, Some(x))) => {
                            c.set(bits(&x)?);
                            Value::result(true, old)
                        }
                        Some((0, _)) => Value::result(false, old),
                        _ => return Err(at.err(format!("`fetch_update`'s closure returns an `Option`, not {}", next.type_name()))),
                    }
                }
                "compare_exchange" | "compare_exchange_weak" => {
                    let (cur, new) = (bits(&a(0))?, bits(&a(1))?);
                    let old = get();
                    if c.get() == cur {
                        c.set(new);
                        Value::result(true, old)
                    } else {
                        Value::result(false, old)
                    }
                }
                _ => return Ok(None),
            }
        }
        // `io::stdout().flush()`: the console takes each line as it comes; `lock()` is itself.
        Native::Stdout => match name {
            "flush" => Value::result(true, Value::Unit),
            "lock" => v.clone(),
            "write_all" => {
                let bytes = match deref_all(&a(0)) {
                    Value::Obj(o) if o.ty == ty::STRING => Value::Obj(o.clone()).as_text().unwrap_or_default().into_bytes(),
                    Value::Obj(o) => items_of(&o).iter().map(|b| as_u64(b, at, "write_all").map(|b| b as u8)).collect::<R<Vec<u8>>>()?,
                    Value::Str(s) => s.as_bytes().to_vec(),
                    other => return Err(at.err(format!("`write_all` takes bytes (`b\"…\"`, `s.as_bytes()`), not {}", other.type_name()))),
                };
                vm.print_line(&String::from_utf8_lossy(&bytes), false);
                Value::result(true, Value::Unit)
            }
            _ => return Ok(None),
        },
        // `thread::Builder::new().name(…).stack_size(…).spawn(f)`: `io::Result` of the handle.
        Native::ThreadBuilder(named, size) => match name {
            "name" => Value::Native(Rc::new(Native::ThreadBuilder(Some(Rc::from(text_arg(&a(0), at, "name")?.as_ref())), *size))),
            // The stack is the simulator's: the size is kept for `{:?}` only.
            "stack_size" => Value::Native(Rc::new(Native::ThreadBuilder(named.clone(), Some(as_u64(&a(0), at, "stack_size")?)))),
            "spawn" => Value::result(true, vm.thread_spawn(a(0), named.clone(), at)?),
            "spawn_scoped" => {
                let Value::Native(s) = deref_all(&a(0)) else { return Err(at.err("`spawn_scoped` takes the scope, `s`, then a closure")) };
                let Native::Scope(handles) = &*s else { return Err(at.err("`spawn_scoped` takes the scope, `s`, then a closure")) };
                Value::result(true, scoped(handles, vm.thread_spawn(a(1), named.clone(), at)?))
            }
            _ => return Ok(None),
        },
        Native::Scope(handles) => match name {
            "spawn" => scoped(handles, vm.thread_spawn(a(0), None, at)?),
            _ => return Ok(None),
        },
        Native::Handle(h) => match name {
            "is_finished" => Value::Bool(h.done.get()),
            "join" if h.thread.get() => vm.thread_join(fib, h.clone(), at),
            "thread" if h.thread.get() => match h.thread_handle.borrow().clone() {
                Some(t) => Value::Native(Rc::new(Native::Thread(t))),
                None => return Ok(None),
            },
            "abort" => return Err(at.err("`abort` on a task is not supported in the playground yet")),
            _ => return Ok(None),
        },
        Native::Iter(_) => return iter_method_on(vm, fib, v.clone(), name, args, cx, at),
        Native::Formatter(f) => match name {
            "write_str" => {
                f.out.borrow_mut().push_str(&text_arg(&a(0), at, "write_str")?);
                Value::result(true, Value::Unit)
            }
            "write_char" => {
                let Value::Char(c) = deref_all(&a(0)) else { return Err(at.err("`write_char` takes a `char`")) };
                f.out.borrow_mut().push(c);
                Value::result(true, Value::Unit)
            }
            "debug_struct" | "debug_tuple" | "debug_list" | "debug_set" | "debug_map" => {
                let kind = match name {
                    "debug_struct" => DebugKind::Struct(text_arg(&a(0), at, name)?),
                    "debug_tuple" => DebugKind::Tuple(text_arg(&a(0), at, name)?),
                    "debug_list" => DebugKind::List,
                    "debug_set" => DebugKind::Set,
                    _ => DebugKind::Map,
                };
                let pretty = f.spec.alternate;
                let b = DebugBuilder { fmt: n.clone(), kind, pretty, entries: RefCell::default(), key: RefCell::default() };
                Value::Native(Rc::new(Native::DebugBuilder(b)))
            }
            // `pad` is where the placeholder's precision and width apply.
            "pad" => {
                let mut t = text_arg(&a(0), at, "pad")?.to_string();
                if let Some(p) = f.precision {
                    t = t.chars().take(p).collect();
                }
                f.out.borrow_mut().push_str(&super::show::pad(t, &f.spec, f.width, '<'));
                Value::result(true, Value::Unit)
            }
            "alternate" => Value::Bool(f.spec.alternate),
            "sign_plus" => Value::Bool(f.spec.plus),
            "sign_aware_zero_pad" => Value::Bool(f.spec.zero),
            "width" => Value::option(f.width.map(Value::usize)),
            "precision" => Value::option(f.precision.map(Value::usize)),
            "fill" => Value::Char(f.spec.fill.unwrap_or(' ')),
            _ => return Ok(None),
        },
        Native::DebugBuilder(b) => return debug_builder_method(vm, fib, b, v, name, args, cx, at),
        Native::Timer(t, _) => match name {
            "forget" => {
                if let Some(b) = t.borrow_mut().take() {
                    if let Ok(state) = b.downcast::<Rc<super::builtins::CallbackTimer>>() {
                        state.forget();
                    }
                }
                Value::Unit
            }
            "cancel" => {
                let closure =
                    t.borrow_mut().take().and_then(|b| b.downcast::<Rc<super::builtins::CallbackTimer>>().ok()).and_then(|s| s.cancel());
                closure.unwrap_or(Value::Unit)
            }
            _ => return Ok(None),
        },
    }))
}

fn lock_method(n: &Rc<Native>, l: &Lock, v: &Value, name: &str, args: &[Value], at: At) -> R<Value> {
    let _ = (v, args);
    let kind = match &**n {
        Native::RefCell(_) => "RefCell",
        Native::Mutex(_) => "Mutex",
        _ => "RwLock",
    };
    let guard = |write: bool| Value::Ref(Rc::new(Ptr::Guard(Guard::new(n.clone(), write))));
    let state = l.state.get();
    Ok(match (kind, name) {
        ("Mutex", "lock") | ("RwLock", "write") => {
            if state != 0 {
                return Err(at.err(format!(
                    "this {kind} is locked already, by this same thread: locking it again would deadlock (drop the first guard first)"
                )));
            }
            l.state.set(-1);
            l.locked(guard(true))
        }
        ("RwLock", "read") => {
            if state < 0 {
                return Err(at.err("this RwLock is write-locked by this same thread: reading it would deadlock"));
            }
            l.state.set(state + 1);
            l.locked(guard(false))
        }
        ("Mutex", "try_lock") | ("RwLock", "try_write") => {
            if state != 0 {
                Value::result(false, Value::string("WouldBlock".into()))
            } else {
                l.state.set(-1);
                l.locked(guard(true))
            }
        }
        ("RwLock", "try_read") => {
            if state < 0 {
                Value::result(false, Value::string("WouldBlock".into()))
            } else {
                l.state.set(state + 1);
                l.locked(guard(false))
            }
        }
        ("RefCell", "borrow") => {
            if state < 0 {
                return Err(at.panic("RefCell already mutably borrowed"));
            }
            l.state.set(state + 1);
            guard(false)
        }
        ("RefCell", "borrow_mut") => {
            if state != 0 {
                // std's `borrow_mut` says the same whichever borrow is live.
                return Err(at.panic("RefCell already borrowed"));
            }
            l.state.set(-1);
            guard(true)
        }
        ("RefCell", "try_borrow_mut") => {
            if state != 0 {
                Value::result(false, Value::string("BorrowMutError".into()))
            } else {
                l.state.set(-1);
                Value::result(true, guard(true))
            }
        }
        ("RefCell", "try_borrow") => {
            if state < 0 {
                Value::result(false, Value::string("BorrowError".into()))
            } else {
                l.state.set(state + 1);
                Value::result(true, guard(false))
            }
        }
        (_, "into_inner") => {
            let v = std::mem::take(&mut *l.value.borrow_mut());
            if kind == "RefCell" {
                v
            } else {
                Value::result(true, v)
            }
        }
        (_, "get_mut") => {
            let g = guard(true);
            l.state.set(-1);
            if kind == "RefCell" {
                g
            } else {
                Value::result(true, g)
            }
        }
        ("RefCell", "replace") => {
            if state != 0 {
                return Err(at.panic("RefCell already borrowed"));
            }
            std::mem::replace(&mut *l.value.borrow_mut(), args.first().cloned().unwrap_or(Value::Unit))
        }
        (_, "is_poisoned") => Value::Bool(l.poisoned.get()),
        (_, "clear_poison") => {
            l.poisoned.set(false);
            Value::Unit
        }
        _ => return Err(at.err(format!("no method named `{name}` found for `{kind}` (or it is not in the playground yet)"))),
    })
}

/// A method of a `DebugStruct`, `DebugTuple`, `DebugList`, `DebugSet` or `DebugMap` (`b`,
/// which `v` holds): each entry's `Debug` is made as it is added, and `finish` writes them all.
#[allow(clippy::too_many_arguments)]
fn debug_builder_method(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    b: &DebugBuilder,
    v: &Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let map = b.kind == DebugKind::Map;
    let mut show = |x: &Value| vm.debug(fib, x, b.pretty, cx, at);
    let entry = match (name, &b.kind) {
        ("field", DebugKind::Struct(_)) => Some((text_arg(&a(0), at, "field")?, show(&a(1))?)),
        ("field", DebugKind::Tuple(_)) => Some((String::new(), show(&a(0))?)),
        ("entry", DebugKind::List | DebugKind::Set) => Some((String::new(), show(&a(0))?)),
        ("entry", DebugKind::Map) => Some((show(&a(0))?, show(&a(1))?)),
        ("key", DebugKind::Map) => {
            let k = show(&a(0))?;
            let mut key = b.key.borrow_mut();
            if key.is_some() {
                return Err(at.panic("attempted to begin a new map entry without completing the previous one"));
            }
            *key = Some(k);
            None
        }
        ("value", DebugKind::Map) => {
            let x = show(&a(0))?;
            let Some(k) = b.key.borrow_mut().take() else {
                return Err(at.panic("attempted to format a map value before its key"));
            };
            Some((k, x))
        }
        ("entries", _) if !matches!(b.kind, DebugKind::Struct(_) | DebugKind::Tuple(_)) => {
            let it = into_iter_value(vm, &a(0), at)?;
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                let e = if map {
                    let kv = items_of_value(&x);
                    let (Some(k), Some(y)) = (kv.first(), kv.get(1)) else {
                        return Err(at.err("`entries` of a `debug_map` takes pairs `(key, value)`"));
                    };
                    (vm.debug(fib, k, b.pretty, cx, at)?, vm.debug(fib, y, b.pretty, cx, at)?)
                } else {
                    (String::new(), vm.debug(fib, &x, b.pretty, cx, at)?)
                };
                b.entries.borrow_mut().push(e);
            }
            None
        }
        ("finish" | "finish_non_exhaustive", _) => {
            if map && b.key.borrow().is_some() {
                return Err(at.panic("attempted to finish a map with a partial entry"));
            }
            let text = super::show::finish_builder(&b.kind, &b.entries.borrow(), b.pretty, name == "finish_non_exhaustive");
            if let Native::Formatter(f) = &*b.fmt {
                f.out.borrow_mut().push_str(&text);
            }
            return Ok(Some(Value::result(true, Value::Unit)));
        }
        _ => return Ok(None),
    };
    if let Some(e) = entry {
        b.entries.borrow_mut().push(e);
    }
    // The builder's methods return it (`&mut Self`), for the next call of the chain.
    Ok(Some(v.clone()))
}

/// `Iterator::size_hint` as std's iterators and adapters give it: exact for a list, a range or
/// a string's chars, carried through the adapters that keep or bound it, and `(0, None)` (the
/// trait's default) for a program's own iterator and what the adapters cannot know.
fn size_hint_of(it: &Value) -> (u64, Option<u64>) {
    let Value::Native(n) = it else { return (0, None) };
    let Native::Iter(cell) = &**n else { return (0, None) };
    let Ok(it) = cell.try_borrow() else { return (0, None) };
    let exact = |n: u64| (n, Some(n));
    match &*it {
        Iter::Range { next, end: Some(end), step, .. } => exact(((end - next).max(0) as u64).div_ceil((*step).max(1) as u64)),
        Iter::Range { end: None, .. } => (u64::MAX, None),
        Iter::RangeRev { start, next, .. } => exact((next - start).max(0) as u64),
        Iter::Values(v) => exact(v.len() as u64),
        Iter::Chars(c) => {
            // std's `Chars` knows only its bytes: at least a quarter of them, at most all.
            let bytes: u64 = c.iter().map(|c| c.len_utf8() as u64).sum();
            (bytes.div_ceil(4), Some(bytes))
        }
        Iter::Elems { front, back, .. } => exact(back.saturating_sub(*front) as u64),
        Iter::Recv(..) => (0, None),
        Iter::Adapter(a) => {
            let (lo, hi) = size_hint_of(&a.inner);
            match &a.kind {
                AdapterKind::Map(_)
                | AdapterKind::Enumerate(_)
                | AdapterKind::Inspect(_)
                | AdapterKind::Cloned
                | AdapterKind::Fuse(_)
                | AdapterKind::ChunksExact(_) => (lo, hi),
                AdapterKind::Filter(_)
                | AdapterKind::FilterMap(_)
                | AdapterKind::TakeWhile(..)
                | AdapterKind::SkipWhile(..)
                | AdapterKind::MapWhile(..)
                | AdapterKind::Scan(..) => (0, hi),
                AdapterKind::Take(k) => (lo.min(*k), Some(hi.map_or(*k, |h| h.min(*k)))),
                // Before its first item it gives that one, then one of each `n`.
                AdapterKind::StepBy(n, started) => {
                    let f = |m: u64| {
                        if *started {
                            m / n.max(&1)
                        } else if m == 0 {
                            0
                        } else {
                            1 + (m - 1) / n.max(&1)
                        }
                    };
                    (f(lo), hi.map(f))
                }
                AdapterKind::Skip(k) => (lo.saturating_sub(*k), hi.map(|h| h.saturating_sub(*k))),
                AdapterKind::Zip(other) => {
                    let (lo2, hi2) = size_hint_of(other);
                    let hi = match (hi, hi2) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    };
                    (lo.min(lo2), hi)
                }
                AdapterKind::Chain(other) => {
                    let (lo2, hi2) = size_hint_of(other);
                    (lo.saturating_add(lo2), hi.zip(hi2).and_then(|(a, b)| a.checked_add(b)))
                }
                _ => (0, None),
            }
        }
    }
}

/// The next value of a range `a..b` (or `a..`, up to its type's largest), stepping it; `None`
/// when it is done, or when `it` is no such range.
pub fn step_range(it: &mut Iter) -> Option<Value> {
    let Iter::Range { next, end, ty, step, .. } = it else { return None };
    // A bounded range's end is within its type (one past the largest at most), so below the
    // end is within the type too: the type's range is asked only of an unbounded one.
    let more = match *end {
        Some(e) => *next < e,
        None => *next <= range_of(*ty).1,
    };
    if !more {
        return None;
    }
    let v = int(*next, *ty);
    *next += *step;
    Some(v)
}

/// The next item of an iterator state.
pub fn next(vm: &Rc<Interp>, fib: &mut Fiber, cell: &RefCell<Iter>, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    vm.pull(at)?;
    // Adapters call the program's closures: take the adapter out while it runs.
    let adapter = {
        let mut it = cell.borrow_mut();
        match &mut *it {
            Iter::Range { .. } => return Ok(step_range(&mut it)),
            Iter::RangeRev { start, next, ty } => {
                if *next <= *start {
                    return Ok(None);
                }
                *next -= 1;
                return Ok(Some(int(*next, *ty)));
            }
            Iter::Values(v) => return Ok(v.pop_front()),
            Iter::Chars(c) => return Ok(c.pop_front().map(Value::Char)),
            Iter::Recv(rx, block) => {
                let Some(chan) = rx.chan() else { return Ok(None) };
                if let Some(v) = vm.take(chan) {
                    return Ok(Some(v));
                }
                if *block && chan.senders.get() > 0 {
                    return Err(at.err(
                        "this `Receiver`'s iterator has no value yet, and the playground waits for one only in a `for` loop over it (or in `recv()`) in a thread's own code, not inside a method that reads it (`sum`, `collect`, …) nor in a poll or a closure: write `for v in rx.iter() { … }`",
                    ));
                }
                return Ok(None);
            }
            Iter::Elems { obj, front, back, mutable } => {
                if *front >= *back {
                    return Ok(None);
                }
                let i = *front;
                *front += 1;
                let x = item_at(obj, i);
                // A `&T` to an aggregate is a reference to the element, as `&mut T` is: using
                // it (`let m = n`, `f(n)`, `(0, n)`) copies the reference and moves nothing.
                return Ok(x.map(|x| if *mutable || !x.is_copy() { elem_ref(obj, i, &x) } else { x }));
            }
            Iter::Adapter(_) => std::mem::replace(&mut *it, Iter::Values(VecDeque::new())),
        }
    };
    let Iter::Adapter(mut ad) = adapter else { return Ok(None) };
    let r = adapter_next(vm, fib, &mut ad, cx, at);
    *cell.borrow_mut() = Iter::Adapter(ad);
    r
}

fn adapter_next(vm: &Rc<Interp>, fib: &mut Fiber, ad: &mut Adapter, cx: &mut Context<'_>, at: At) -> R<Option<Value>> {
    // An adapter reads the one it wraps: a chain of them is a recursion, bounded as values are.
    let _depth = vm.deeper(at)?;
    // The sources of `std::iter` read no inner iterator; a `map_while` that stopped reads no more.
    match &mut ad.kind {
        AdapterKind::MapWhile(_, true) => return Ok(None),
        AdapterKind::Repeat(v) => return vm.clone_value(fib, v, cx, at).map(Some),
        AdapterKind::RepeatWith(f) => return vm.call(fib, f, vec![], cx, at).map(Some),
        AdapterKind::FromFn(f) => {
            let r = vm.call(fib, f, vec![], cx, at)?;
            return match r.variant_of(ty::OPTION) {
                Some((1, mut v)) => Ok(v.pop()),
                Some(_) => Ok(None),
                None => Err(at.err(format!("`from_fn`'s closure must return an `Option`, not {}", r.type_name()))),
            };
        }
        AdapterKind::Successors(next, f) => {
            let Some(cur) = next.take() else { return Ok(None) };
            let r = vm.call(fib, f, vec![cur.clone()], cx, at)?;
            *next = match r.variant_of(ty::OPTION) {
                Some((1, mut v)) => v.pop(),
                Some(_) => None,
                None => return Err(at.err(format!("`successors`' closure must return an `Option`, not {}", r.type_name()))),
            };
            return Ok(Some(cur));
        }
        _ => {}
    }
    let inner = ad.inner.clone();
    loop {
        match &mut ad.kind {
            AdapterKind::Take(n) => {
                if *n == 0 {
                    return Ok(None);
                }
                *n -= 1;
                return vm.iter_next(fib, &inner, cx, at);
            }
            AdapterKind::Skip(n) => {
                while *n > 0 {
                    *n -= 1;
                    if vm.iter_next(fib, &inner, cx, at)?.is_none() {
                        return Ok(None);
                    }
                }
                return vm.iter_next(fib, &inner, cx, at);
            }
            AdapterKind::Peekable(peeked) => {
                if let Some(x) = peeked.take() {
                    return Ok(x);
                }
                return vm.iter_next(fib, &inner, cx, at);
            }
            AdapterKind::Flatten(f, cur) => loop {
                if let Some(c) = cur.clone() {
                    if let Some(x) = vm.iter_next(fib, &c, cx, at)? {
                        return Ok(Some(x));
                    }
                    *cur = None;
                }
                let Some(x) = vm.iter_next(fib, &inner, cx, at)? else { return Ok(None) };
                let x = match f {
                    Some(f) => vm.call(fib, &f.clone(), vec![x], cx, at)?,
                    None => x,
                };
                *cur = Some(into_iter_value(vm, &x, at)?);
            },
            AdapterKind::Fuse(true) => return Ok(None),
            AdapterKind::StepBy(n, started) => {
                if *started {
                    for _ in 1..*n {
                        if vm.iter_next(fib, &inner, cx, at)?.is_none() {
                            return Ok(None);
                        }
                    }
                }
                *started = true;
                return vm.iter_next(fib, &inner, cx, at);
            }
            _ => {}
        }
        let Some(x) = vm.iter_next(fib, &inner, cx, at)? else {
            if let AdapterKind::Fuse(done) = &mut ad.kind {
                *done = true;
            }
            // `cycle`: again from the copy, once; an iterator that is empty from the start ends.
            if let AdapterKind::Cycle(orig) = &ad.kind {
                ad.inner = vm.clone_value(fib, orig, cx, at)?;
                return vm.iter_next(fib, &ad.inner.clone(), cx, at);
            }
            if let AdapterKind::Chain(second) = &ad.kind {
                // The first ran out: from now on, the second, as is.
                ad.inner = second.clone();
                ad.kind = AdapterKind::Take(u64::MAX);
                return vm.iter_next(fib, &ad.inner.clone(), cx, at);
            }
            return Ok(None);
        };
        match &mut ad.kind {
            AdapterKind::Map(f) => return vm.call(fib, f, vec![x], cx, at).map(Some),
            AdapterKind::Inspect(f) => {
                vm.call(fib, f, vec![x.clone()], cx, at)?;
                return Ok(Some(x));
            }
            AdapterKind::Filter(f) => {
                if matches!(vm.call(fib, f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    return Ok(Some(x));
                }
            }
            AdapterKind::FilterMap(f) => {
                let r = vm.call(fib, f, vec![x], cx, at)?;
                if let Some((1, mut v)) = r.variant_of(ty::OPTION) {
                    return Ok(v.pop());
                }
            }
            AdapterKind::Enumerate(i) => {
                let n = *i;
                *i += 1;
                return Ok(Some(Value::tuple(vec![Value::usize(n as usize), x])));
            }
            AdapterKind::Zip(other) => {
                let other = other.clone();
                return Ok(vm.iter_next(fib, &other, cx, at)?.map(|y| Value::tuple(vec![x, y])));
            }
            AdapterKind::Chain(_) | AdapterKind::Fuse(_) | AdapterKind::Cycle(_) | AdapterKind::ChunksExact(_) => return Ok(Some(x)),
            AdapterKind::Cloned => {
                let d = deref_refs(&x);
                return vm.clone_value(fib, &d, cx, at).map(Some);
            }
            // The closure's `None` ends this call only, as std's `Scan` (not fused) does.
            AdapterKind::Scan(f, state) => {
                let place = Value::Ref(Rc::new(Ptr::Cell(state.clone())));
                let r = vm.call(fib, f, vec![place, x], cx, at)?;
                return match r.variant_of(ty::OPTION) {
                    Some((1, mut v)) => Ok(v.pop()),
                    Some(_) => Ok(None),
                    None => Err(at.err("the closure of `scan` must return an `Option`")),
                };
            }
            AdapterKind::TakeWhile(f, stopped) => {
                if *stopped {
                    return Ok(None);
                }
                if matches!(vm.call(fib, f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    return Ok(Some(x));
                }
                *stopped = true;
                return Ok(None);
            }
            AdapterKind::MapWhile(f, stopped) => {
                let r = vm.call(fib, f, vec![x], cx, at)?;
                return match r.variant_of(ty::OPTION) {
                    Some((1, mut v)) => Ok(v.pop()),
                    Some(_) => {
                        *stopped = true;
                        Ok(None)
                    }
                    None => Err(at.err(format!("`map_while`'s closure must return an `Option`, not {}", r.type_name()))),
                };
            }
            AdapterKind::SkipWhile(f, done) => {
                if *done {
                    return Ok(Some(x));
                }
                if !matches!(vm.call(fib, f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    *done = true;
                    return Ok(Some(x));
                }
            }
            AdapterKind::Take(_)
            | AdapterKind::Skip(_)
            | AdapterKind::StepBy(..)
            | AdapterKind::Peekable(_)
            | AdapterKind::Flatten(..)
            | AdapterKind::Repeat(_)
            | AdapterKind::RepeatWith(_)
            | AdapterKind::FromFn(_)
            | AdapterKind::Successors(..) => return Ok(Some(x)),
        }
    }
}

/// `it.rev()`: an adapter that works item by item (`map`, `filter`, `filter_map`, `inspect`,
/// `cloned`) is the same adapter over the reversed inner iterator, so its closure sees the items
/// back to front, as `DoubleEndedIterator::next_back` calls it; `a.chain(b)` reversed is `b`
/// reversed then `a` reversed. Anything else is read to its end and given back reversed.
#[inline(never)]
fn rev_of(vm: &Rc<Interp>, fib: &mut Fiber, it: &Value, cx: &mut Context<'_>, at: At) -> R<Value> {
    let _depth = vm.deeper(at)?;
    if let Value::Native(n) = it {
        if let Native::Iter(cell) = &**n {
            let element_wise = matches!(&*cell.borrow(), Iter::Adapter(ad) if matches!(ad.kind,
                AdapterKind::Map(_) | AdapterKind::Filter(_) | AdapterKind::FilterMap(_) | AdapterKind::Inspect(_) | AdapterKind::Cloned | AdapterKind::Chain(_)));
            if element_wise {
                let taken = std::mem::replace(&mut *cell.borrow_mut(), Iter::Values(VecDeque::new()));
                let Iter::Adapter(mut ad) = taken else { return Ok(iter_of(VecDeque::new())) };
                let inner = std::mem::take(&mut ad.inner);
                let kind = std::mem::replace(&mut ad.kind, AdapterKind::Cloned);
                return Ok(match kind {
                    AdapterKind::Chain(second) => {
                        let back = rev_of(vm, fib, &second, cx, at)?;
                        adapter(back, AdapterKind::Chain(rev_of(vm, fib, &inner, cx, at)?))
                    }
                    kind => adapter(rev_of(vm, fib, &inner, cx, at)?, kind),
                });
            }
        }
    }
    let mut items = VecDeque::new();
    while let Some(x) = vm.iter_next(fib, it, cx, at)? {
        items.push_front(x);
        if items.len() > MAX_LEN {
            return Err(at.err(format!("this iterator gave more than {MAX_LEN} items: the playground stops here (an endless range?)")));
        }
    }
    vm.count_values(items.len(), at)?;
    Ok(iter_of(items))
}

fn adapter(inner: Value, kind: AdapterKind) -> Value {
    Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Adapter(Box::new(Adapter { inner, kind }))))))
}

/// Iterator methods, on an iterator or on something iterable.
#[allow(clippy::too_many_arguments)]
fn iter_method_on(
    vm: &Rc<Interp>,
    fib: &mut Fiber,
    v: Value,
    name: &str,
    args: &[Value],
    cx: &mut Context<'_>,
    at: At,
) -> R<Option<Value>> {
    let it = into_iter_value(vm, &v, at)?;
    let a = |i: usize| args.get(i).cloned().unwrap_or(Value::Unit);
    let drain = |vm: &Rc<Interp>, fib: &mut Fiber, cx: &mut Context<'_>| -> R<Vec<Value>> {
        let mut out = Vec::new();
        while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
            out.push(x);
            if out.len() > MAX_LEN {
                return Err(at.err(format!("this iterator gave more than {MAX_LEN} items: the playground stops here (an endless range?)")));
            }
        }
        vm.count_values(out.len(), at)?;
        Ok(out)
    };
    Ok(Some(match name {
        "next" => Value::option(vm.iter_next(fib, &it, cx, at)?),
        "size_hint" => {
            let (lo, hi) = size_hint_of(&it);
            Value::tuple(vec![Value::usize(lo as usize), Value::option(hi.map(|h| Value::usize(h as usize)))])
        }
        // The last item, taken from the back, of an iterator over a list or a range.
        "next_back" => {
            let Value::Native(n) = &it else { return Ok(None) };
            let Native::Iter(cell) = &**n else { return Ok(None) };
            let mut cur = cell.borrow_mut();
            Value::option(match &mut *cur {
                Iter::Values(v) => v.pop_back(),
                Iter::Chars(c) => c.pop_back().map(Value::Char),
                Iter::Elems { obj, front, back, mutable } => {
                    if *back > *front {
                        *back -= 1;
                        item_at(obj, *back).map(|x| if *mutable || !x.is_copy() { elem_ref(obj, *back, &x) } else { x })
                    } else {
                        None
                    }
                }
                Iter::Range { next, end: Some(end), ty, step: 1, .. } => {
                    if *next < *end {
                        *end -= 1;
                        Some(make_int(*end, *ty, at, "step")?)
                    } else {
                        None
                    }
                }
                _ => {
                    return Err(
                        at.err("`next_back` works on an iterator over a list, a string's chars or a range here: call `.rev()` first")
                    )
                }
            })
        }
        "iter" | "into_iter" | "by_ref" | "iter_mut" => it.clone(),
        "map" => adapter(it.clone(), AdapterKind::Map(a(0))),
        "filter" => adapter(it.clone(), AdapterKind::Filter(a(0))),
        "filter_map" => adapter(it.clone(), AdapterKind::FilterMap(a(0))),
        "inspect" => adapter(it.clone(), AdapterKind::Inspect(a(0))),
        "enumerate" => adapter(it.clone(), AdapterKind::Enumerate(0)),
        "take" => adapter(it.clone(), AdapterKind::Take(as_u64(&a(0), at, "take")?)),
        "skip" => adapter(it.clone(), AdapterKind::Skip(as_u64(&a(0), at, "skip")?)),
        "step_by" => {
            let n = as_u64(&a(0), at, "step_by")?;
            if n == 0 {
                return Err(at.panic("assertion failed: step != 0"));
            }
            adapter(it.clone(), AdapterKind::StepBy(n, false))
        }
        "zip" => adapter(it.clone(), AdapterKind::Zip(into_iter_value(vm, &a(0), at)?)),
        "chain" => adapter(it.clone(), AdapterKind::Chain(into_iter_value(vm, &a(0), at)?)),
        "cloned" | "copied" => adapter(it.clone(), AdapterKind::Cloned),
        "flatten" => adapter(it.clone(), AdapterKind::Flatten(None, None)),
        "flat_map" => adapter(it.clone(), AdapterKind::Flatten(Some(a(0)), None)),
        "take_while" => adapter(it.clone(), AdapterKind::TakeWhile(a(0), false)),
        "map_while" => adapter(it.clone(), AdapterKind::MapWhile(a(0), false)),
        // `Iterator::cycle` needs `Clone`: the copy to start again from.
        // An iterator that cannot be copied as it is (an adapter chain) is read once into its
        // items first, and those cycle.
        "cycle" => match vm.clone_value(fib, &it, cx, at) {
            Ok(copy) => adapter(it.clone(), AdapterKind::Cycle(copy)),
            Err(_) => {
                let items = iter_of(drain(vm, fib, cx)?.into());
                let copy = vm.clone_value(fib, &items, cx, at)?;
                adapter(items, AdapterKind::Cycle(copy))
            }
        },
        "scan" => adapter(it.clone(), AdapterKind::Scan(a(1), Rc::new(RefCell::new(a(0))))),
        // `Chars::as_str`: what is left of the string.
        "as_str" => match chars_left(&it) {
            Some(rest) => Value::string(rest),
            None => return Ok(None),
        },
        "skip_while" => adapter(it.clone(), AdapterKind::SkipWhile(a(0), false)),
        "rev" => rev_of(vm, fib, &it, cx, at)?,
        "collect_result" | "collect_option" => {
            // What `collect()` into `Result<Vec<_>, E>` or `Option<Vec<_>>` is: items are taken
            // until the first `Err` (or `None`), which is the whole result.
            let (t, ok) = if name == "collect_result" { (ty::RESULT, 0) } else { (ty::OPTION, 1) };
            let mut out = Vec::new();
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                match deref_all(&x).variant_of(t) {
                    Some((k, mut f)) if k == ok => out.push(f.pop().unwrap_or(Value::Unit)),
                    Some(_) => return Ok(Some(deref_all(&x))),
                    None => {
                        let want = if t == ty::RESULT { "`Result`s" } else { "`Option`s" };
                        return Err(at.err(format!("only {want} collect into this type, not {}", x.type_name())));
                    }
                }
                if out.len() > MAX_LEN {
                    return Err(
                        at.err(format!("this iterator gave more than {MAX_LEN} items: the playground stops here (an endless range?)"))
                    );
                }
            }
            vm.count_values(out.len(), at)?;
            if t == ty::RESULT {
                Value::result(true, Value::vec(out))
            } else {
                Value::some(Value::vec(out))
            }
        }
        "collect" => {
            let items = drain(vm, fib, cx)?;
            // Chars or strings collected are a `String` when the program says so at its `let`;
            // by default a `Vec`.
            Value::vec(items)
        }
        "count" => Value::usize(drain(vm, fib, cx)?.len()),
        "sum" | "product" => {
            let items = drain(vm, fib, cx)?;
            let mut acc: Option<Value> = None;
            // Items that are `Option`s or `Result`s sum to one: the sum of their insides, or the
            // first `None` or `Err` (std's `Sum for Option<T>` and `Result<T, E>`).
            let wrapped = items
                .first()
                .map(deref_all)
                .and_then(|x| x.variant_of(ty::OPTION).map(|_| ty::OPTION).or_else(|| x.variant_of(ty::RESULT).map(|_| ty::RESULT)));
            if let Some(t) = wrapped {
                for x in items {
                    let x = deref_all(&x);
                    let (var, mut f) =
                        x.variant_of(t).ok_or_else(|| at.err(format!("`{name}` of `Option`s or `Result`s met {}", x.type_name())))?;
                    if (t == ty::OPTION && var == 0) || (t == ty::RESULT && var == 1) {
                        return Ok(Some(x));
                    }
                    let inner = f.pop().unwrap_or(Value::Unit);
                    acc = Some(match acc {
                        None => inner,
                        Some(p) => {
                            vm.binary(fib, if name == "sum" { super::ast::BinOp::Add } else { super::ast::BinOp::Mul }, p, inner, cx, at)?
                        }
                    });
                }
                let total = acc.unwrap_or(Value::Int(u64::from(name == "product"), None));
                return Ok(Some(if t == ty::OPTION { Value::some(total) } else { Value::result(true, total) }));
            }
            for x in items {
                let x = deref_all(&x);
                acc = Some(match acc {
                    None => x,
                    Some(p) => vm.binary(fib, if name == "sum" { super::ast::BinOp::Add } else { super::ast::BinOp::Mul }, p, x, cx, at)?,
                });
            }
            acc.unwrap_or(Value::Int(u64::from(name == "product"), None))
        }
        "min" | "max" | "min_by" | "max_by" => {
            // `min_by`/`max_by` compare with the program's closure, `min`/`max` as `Ord` does;
            // as std, the first of equal minimums and the last of equal maximums.
            let by = name.ends_with("_by").then(|| a(0));
            let items = drain(vm, fib, cx)?;
            let mut best: Option<Value> = None;
            for x in items {
                best = Some(match best {
                    None => x,
                    Some(b) => {
                        let o = match &by {
                            Some(f) => ordering_of(&vm.call(fib, f, vec![x.clone(), b.clone()], cx, at)?, at)?,
                            None => vm.compare(fib, &x, &b, cx, at)?,
                        };
                        let take = if name.starts_with("min") { o == std::cmp::Ordering::Less } else { o != std::cmp::Ordering::Less };
                        if take {
                            x
                        } else {
                            b
                        }
                    }
                });
            }
            Value::option(best)
        }
        // `rfold`: `fold` from the back.
        "rfold" => {
            let mut acc = a(0);
            let f = a(1);
            let items = drain(vm, fib, cx)?;
            for x in items.into_iter().rev() {
                acc = vm.call(fib, &f, vec![acc, x], cx, at)?;
            }
            acc
        }
        "rposition" => {
            let f = a(0);
            let items = drain(vm, fib, cx)?;
            let mut found = None;
            for (i, x) in items.into_iter().enumerate().rev() {
                if matches!(vm.call(fib, &f, vec![x], cx, at)?, Value::Bool(true)) {
                    found = Some(Value::usize(i));
                    break;
                }
            }
            Value::option(found)
        }
        "min_by_key" | "max_by_key" => {
            let f = a(0);
            let items = drain(vm, fib, cx)?;
            let mut best: Option<(Value, Value)> = None;
            for x in items {
                let k = vm.call(fib, &f, vec![x.clone()], cx, at)?;
                best = Some(match best {
                    None => (k, x),
                    Some((bk, b)) => {
                        let o = vm.compare(fib, &k, &bk, cx, at)?;
                        let take = if name == "min_by_key" { o == std::cmp::Ordering::Less } else { o != std::cmp::Ordering::Less };
                        if take {
                            (k, x)
                        } else {
                            (bk, b)
                        }
                    }
                });
            }
            Value::option(best.map(|(_, x)| x))
        }
        "last" => Value::option(drain(vm, fib, cx)?.pop()),
        "nth" => {
            let n = as_usize(&a(0), at)?;
            let mut out = None;
            for _ in 0..=n {
                out = vm.iter_next(fib, &it, cx, at)?;
                if out.is_none() {
                    break;
                }
            }
            Value::option(out)
        }
        "any" | "all" => {
            let f = a(0);
            let mut result = name == "all";
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                let b = matches!(vm.call(fib, &f, vec![x], cx, at)?, Value::Bool(true));
                if name == "any" && b {
                    result = true;
                    break;
                }
                if name == "all" && !b {
                    result = false;
                    break;
                }
            }
            Value::Bool(result)
        }
        "find" => {
            let f = a(0);
            let mut found = None;
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                if matches!(vm.call(fib, &f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    found = Some(x);
                    break;
                }
            }
            Value::option(found)
        }
        // The first `Some` the closure gives.
        "find_map" => {
            let f = a(0);
            let mut found = Value::none();
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                let r = vm.call(fib, &f, vec![x], cx, at)?;
                match r.variant_of(ty::OPTION) {
                    Some((1, _)) => {
                        found = r;
                        break;
                    }
                    Some(_) => {}
                    None => return Err(at.err("the closure of `find_map` must return an `Option`")),
                }
            }
            found
        }
        // Into two `Vec`s: the items the closure accepts, then the others, each in order.
        "partition" => {
            let f = a(0);
            let (mut yes, mut no) = (Vec::new(), Vec::new());
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                if matches!(vm.call(fib, &f, vec![x.clone()], cx, at)?, Value::Bool(true)) {
                    yes.push(x);
                } else {
                    no.push(x);
                }
            }
            Value::tuple(vec![Value::vec(yes), Value::vec(no)])
        }
        "position" => {
            let f = a(0);
            let mut found = None;
            let mut i = 0usize;
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                if matches!(vm.call(fib, &f, vec![x], cx, at)?, Value::Bool(true)) {
                    found = Some(Value::usize(i));
                    break;
                }
                i += 1;
            }
            Value::option(found)
        }
        "fold" => {
            let mut acc = a(0);
            let f = a(1);
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                acc = vm.call(fib, &f, vec![acc, x], cx, at)?;
            }
            acc
        }
        // `try_fold`: stops at the first `None` or `Err` the closure gives, and gives it; else
        // the last accumulator, wrapped as the closure wraps it (an iterator with no items:
        // `Some`, the common case, `checked_add`).
        "try_fold" => {
            let mut acc = a(0);
            let f = a(1);
            let mut result = false;
            loop {
                let Some(x) = vm.iter_next(fib, &it, cx, at)? else {
                    break if result { Value::result(true, acc) } else { Value::some(acc) };
                };
                let r = vm.call(fib, &f, vec![acc, x], cx, at)?;
                result = r.variant_of(ty::RESULT).is_some();
                match (r.variant_of(ty::OPTION), r.variant_of(ty::RESULT)) {
                    (Some((1, mut v)), _) | (_, Some((0, mut v))) => acc = v.pop().unwrap_or(Value::Unit),
                    (Some(_), _) | (_, Some(_)) => break r,
                    _ => return Err(at.err("`try_fold`'s closure returns an `Option` or a `Result`")),
                }
            }
        }
        // `a.iter().eq(b.iter())`: the same items, in the same order, as many.
        "eq" | "ne" => {
            let other = into_iter_value(vm, &a(0), at)?;
            let mut same = true;
            loop {
                match (vm.iter_next(fib, &it, cx, at)?, vm.iter_next(fib, &other, cx, at)?) {
                    (None, None) => break,
                    (Some(x), Some(y)) if vm.equal(fib, &x, &y, cx, at)? => {}
                    _ => {
                        same = false;
                        break;
                    }
                }
            }
            Value::Bool(same == (name == "eq"))
        }
        "reduce" => {
            let f = a(0);
            match vm.iter_next(fib, &it, cx, at)? {
                None => Value::none(),
                Some(mut acc) => {
                    while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                        acc = vm.call(fib, &f, vec![acc, x], cx, at)?;
                    }
                    Value::some(acc)
                }
            }
        }
        "for_each" => {
            let f = a(0);
            while let Some(x) = vm.iter_next(fib, &it, cx, at)? {
                vm.call(fib, &f, vec![x], cx, at)?;
            }
            Value::Unit
        }
        // Stops at the first `Err` (or `None`) the closure gives, and gives it; else `Ok(())`.
        "try_for_each" => {
            let f = a(0);
            let mut result = true;
            loop {
                let Some(x) = vm.iter_next(fib, &it, cx, at)? else {
                    break if result { Value::result(true, Value::Unit) } else { Value::some(Value::Unit) };
                };
                let r = vm.call(fib, &f, vec![x], cx, at)?;
                result = r.variant_of(ty::OPTION).is_none();
                match (r.variant_of(ty::OPTION), r.variant_of(ty::RESULT)) {
                    (Some((1, _)), _) | (_, Some((0, _))) => {}
                    (Some(_), _) | (_, Some(_)) => break r,
                    _ => return Err(at.err("`try_for_each`'s closure returns a `Result` or an `Option`")),
                }
            }
        }
        "is_sorted" => {
            let items = drain(vm, fib, cx)?;
            let mut sorted = true;
            for w in items.windows(2) {
                if vm.compare(fib, &w[0], &w[1], cx, at)? == std::cmp::Ordering::Greater {
                    sorted = false;
                    break;
                }
            }
            Value::Bool(sorted)
        }
        // Lexicographic comparison of two iterators' items.
        "cmp" | "partial_cmp" | "lt" | "le" | "gt" | "ge" => {
            let other = into_iter_value(vm, &a(0), at)?;
            let o = loop {
                match (vm.iter_next(fib, &it, cx, at)?, vm.iter_next(fib, &other, cx, at)?) {
                    (None, None) => break std::cmp::Ordering::Equal,
                    (None, Some(_)) => break std::cmp::Ordering::Less,
                    (Some(_), None) => break std::cmp::Ordering::Greater,
                    (Some(x), Some(y)) => match vm.compare(fib, &x, &y, cx, at)? {
                        std::cmp::Ordering::Equal => {}
                        o => break o,
                    },
                }
            };
            match name {
                "cmp" => Value::ordering(o),
                "partial_cmp" => Value::some(Value::ordering(o)),
                "lt" => Value::Bool(o.is_lt()),
                "le" => Value::Bool(o.is_le()),
                "gt" => Value::Bool(o.is_gt()),
                _ => Value::Bool(o.is_ge()),
            }
        }
        "contains" => {
            let x = a(0);
            // A range's `contains` answers without iterating.
            if let Value::Native(n) = &it {
                if let Native::Iter(cell) = &**n {
                    if let Iter::Range { next, end, .. } = &*cell.borrow() {
                        let (k, _) = as_int(&x, at, "contains")?;
                        return Ok(Some(Value::Bool(k >= *next && end.is_none_or(|e| k < e))));
                    }
                }
            }
            let mut found = false;
            while let Some(y) = vm.iter_next(fib, &it, cx, at)? {
                if vm.equal(fib, &x, &y, cx, at)? {
                    found = true;
                    break;
                }
            }
            Value::Bool(found)
        }
        // `RangeInclusive::start()` and `end()`: its bounds as written (`end` is kept one past).
        "start" | "end" => return Ok(range_bound(&it, name)),
        // `ExactSizeIterator::len` of the program's iterator: its `size_hint`, not its items.
        "len" if matches!(&it, Value::Obj(o) if is_user_iterator(vm, o)) => return user_exact_len(vm, fib, &it, cx, at).map(Some),
        "len" => {
            if let Value::Native(n) = &it {
                if let Native::Iter(cell) = &**n {
                    if let Iter::Range { next, end: Some(e), .. } = &*cell.borrow() {
                        return Ok(Some(Value::usize((*e - *next).max(0) as usize)));
                    }
                }
            }
            Value::usize(drain(vm, fib, cx)?.len())
        }
        "is_empty" => Value::Bool(vm.iter_next(fib, &it, cx, at)?.is_none()),
        "peekable" => adapter(it.clone(), AdapterKind::Peekable(None)),
        // Ends for good at the first `None` (std's own iterators are fused already; a program's
        // may not be).
        "fuse" => adapter(it.clone(), AdapterKind::Fuse(false)),
        // `Peekable::peek`: the next item, taken from the inner iterator once and kept for `next`.
        "peek" => {
            let Value::Native(n) = &it else { return Ok(None) };
            let Native::Iter(cell) = &**n else { return Ok(None) };
            // Out of the cell while the inner iterator runs (it may call the program's closures).
            // Taken first: a borrow in the `match`'s head would last through its arms, and the
            // arm that puts it back would find the cell still borrowed (a panic of the page).
            let taken = std::mem::replace(&mut *cell.borrow_mut(), Iter::Values(VecDeque::new()));
            let mut ad = match taken {
                Iter::Adapter(ad) if matches!(ad.kind, AdapterKind::Peekable(_)) => ad,
                other => {
                    *cell.borrow_mut() = other;
                    return Err(at.err("`peek` is a method of `Peekable`: call `.peekable()` on the iterator first"));
                }
            };
            let r = match &mut ad.kind {
                AdapterKind::Peekable(Some(x)) => Ok(x.clone()),
                _ => {
                    let inner = ad.inner.clone();
                    vm.iter_next(fib, &inner, cx, at).inspect(|x| ad.kind = AdapterKind::Peekable(Some(x.clone())))
                }
            };
            *cell.borrow_mut() = Iter::Adapter(ad);
            Value::option(r?)
        }
        // `Peekable::next_if(|x| …)` and `next_if_eq(&v)`: the next item if it passes, else
        // `None` with the item kept for the next call.
        // `ChunksExact::remainder`: the items no piece holds.
        "remainder" => {
            let Value::Native(n) = &it else { return Ok(None) };
            let Native::Iter(cell) = &**n else { return Ok(None) };
            match &*cell.borrow() {
                Iter::Adapter(ad) => match &ad.kind {
                    AdapterKind::ChunksExact(rest) => rest.clone(),
                    _ => return Ok(None),
                },
                _ => return Ok(None),
            }
        }
        "next_if" | "next_if_eq" => {
            let peeked = iter_method_on(vm, fib, it.clone(), "peek", &[], cx, at)?;
            let Some((1, mut x)) = peeked.as_ref().and_then(|p| p.variant_of(ty::OPTION)) else { return Ok(Some(Value::none())) };
            let x = x.pop().unwrap_or(Value::Unit);
            let take = if name == "next_if" {
                matches!(vm.call(fib, &a(0), vec![x], cx, at)?, Value::Bool(true))
            } else {
                vm.equal(fib, &deref_all(&x), &deref_all(&a(0)), cx, at)?
            };
            if take {
                Value::option(vm.iter_next(fib, &it, cx, at)?)
            } else {
                Value::none()
            }
        }
        "unzip" => {
            let items = drain(vm, fib, cx)?;
            let (mut xs, mut ys) = (Vec::new(), Vec::new());
            for p in items {
                match deref_all(&p) {
                    Value::Obj(o) if o.ty == ty::TUPLE => {
                        let f = items_of(&o);
                        xs.push(f.first().cloned().unwrap_or(Value::Unit));
                        ys.push(f.get(1).cloned().unwrap_or(Value::Unit));
                    }
                    _ => return Err(at.err("`unzip` needs pairs")),
                }
            }
            Value::tuple(vec![Value::vec(xs), Value::vec(ys)])
        }
        _ => return Ok(None),
    }))
}

/// `x.into()` a `Vec`: an array's or a `VecDeque`'s items, a string's bytes (a `Vec` itself
/// unchanged).
pub fn into_vec(v: Value, at: At) -> R<Value> {
    if let Some(s) = deref_all(&v).as_text() {
        return Ok(Value::vec(s.bytes().map(|b| Value::Int(u64::from(b), Some(IntTy::U8))).collect()));
    }
    match deref_all(&v) {
        // An owned `Vec` is itself; one behind a reference (`Vec::from(&v[..])`) is copied.
        Value::Obj(o) if o.ty == ty::VEC && matches!(v, Value::Obj(_)) => Ok(v),
        Value::Obj(o) if matches!(o.ty, ty::VEC | ty::ARRAY | ty::DEQUE | ty::HEAP) => Ok(Value::vec(items_of(&o))),
        d => Err(at.err(format!("a `Vec` is made `from` an array, a `VecDeque` or a string, not {}", d.type_name()))),
    }
}

/// `collect()` into what a `let` names: a `String` from chars or strings.
pub fn collect_as(v: Value, target: &str, at: At) -> R<Value> {
    let Value::Obj(o) = &v else { return Ok(v) };
    // `let d: VecDeque<_> = [1, 2].into()`: an array's items too.
    if o.ty != ty::VEC && !(o.ty == ty::ARRAY && target == "VecDeque") {
        return Ok(v);
    }
    Ok(match target {
        "String" => {
            let mut s = String::new();
            for x in items_of(o) {
                match deref_all(&x) {
                    Value::Char(c) => s.push(c),
                    d => s.push_str(&d.as_text().ok_or_else(|| at.err("collecting into a `String` needs chars or strings"))?),
                }
                if s.len() > MAX_LEN {
                    return Err(at.err("this string is longer than the playground holds"));
                }
            }
            Value::string(s)
        }
        "VecDeque" => Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(items_of(o).into_iter().collect()))),
        _ => v,
    })
}
