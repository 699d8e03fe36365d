//! Operators with Rust's meaning: integer arithmetic checked per type (an overflow is a panic),
//! comparisons, casts, ranges, `?`.

use std::cmp::Ordering;
use std::rc::Rc;
use std::task::Context;
use std::time::Duration;

use super::ast::BinOp;
use super::code::Cast;
use super::lexer::{IntTy, LangError};
use super::rt::{deref_all, make_int, At, Interp, R};
use super::value::*;

/// The integer type two operands share (a literal takes the other's type).
fn unify(a: Option<IntTy>, b: Option<IntTy>, at: At, op: &str) -> R<Option<IntTy>> {
    match (a, b) {
        (None, t) | (t, None) => Ok(t),
        (Some(x), Some(y)) if x == y => Ok(Some(x)),
        (Some(x), Some(y)) => Err(at.err(format!("mismatched types: cannot apply `{op}` to `{}` and `{}`", x.name(), y.name()))),
    }
}

/// Checks that a literal fits the type it took.
fn fits(n: i128, t: Option<IntTy>, at: At) -> R<()> {
    if let Some(t) = t {
        let (lo, hi) = t.range();
        if n < lo || n > hi {
            return Err(at.err(format!("the literal `{n}` does not fit in `{}`", t.name())));
        }
    }
    Ok(())
}

pub use super::rt::coerce;

/// `-v`.
pub fn neg(v: &Value, at: At) -> R<Value> {
    match deref_all(v) {
        Value::Obj(o) if o.ty >= ty::FIRST_USER => Err(at.err("user `Neg` impls: call `.neg()`")),
        Value::Int(bits, t) => {
            if t.is_some_and(|t| !t.signed()) {
                return Err(at.err(format!("cannot apply unary operator `-` to type `{}`", t.map_or("", IntTy::name))));
            }
            make_int(-int_of(bits, t), t, at, "negate")
        }
        Value::Float(x, t) => Ok(Value::Float(-x, t)),
        other => Err(at.err(format!("cannot apply unary operator `-` to {}", other.type_name()))),
    }
}

/// `!v`.
pub fn not(v: &Value, at: At) -> R<Value> {
    match deref_all(v) {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        Value::Int(bits, t) => {
            let n = int_of(bits, t);
            Ok(match t.unwrap_or(IntTy::I32) {
                t if t.signed() => int(!n, Some(t)).with_ty(v),
                t => {
                    let mask = if t.bits() == 64 { u64::MAX } else { (1u64 << t.bits()) - 1 };
                    Value::Int(!bits & mask, Some(t))
                }
            })
        }
        other => Err(at.err(format!("cannot apply unary operator `!` to {}", other.type_name()))),
    }
}

trait WithTy {
    fn with_ty(self, of: &Value) -> Value;
}

impl WithTy for Value {
    /// Keeps a literal's inferred type inferred.
    fn with_ty(self, of: &Value) -> Value {
        match (self, deref_all(of)) {
            (Value::Int(b, _), Value::Int(_, t)) => Value::Int(b, t),
            (v, _) => v,
        }
    }
}

/// `v as T`.
pub fn cast(v: &Value, c: Cast, at: At) -> R<Value> {
    let v = deref_all(v);
    match (c, &v) {
        (Cast::Int(t), Value::Int(bits, from)) => {
            let n = int_of(*bits, *from);
            // `as` wraps (truncates) to the target's width, as in Rust.
            let bits = t.bits();
            let mask: u128 = if bits == 64 { u128::from(u64::MAX) } else { (1u128 << bits) - 1 };
            let raw = (n as u128) & mask;
            let n = if t.signed() && bits < 128 && raw >> (bits - 1) & 1 == 1 { raw as i128 - (1i128 << bits) } else { raw as i128 };
            Ok(int(n, Some(t)))
        }
        (Cast::Int(t), Value::Bool(b)) => Ok(int(i128::from(*b), Some(t))),
        (Cast::Int(t), Value::Float(x, _)) => Ok(super::float::to_int(*x, t)),
        (Cast::Float(t), Value::Float(x, _)) => Ok(super::float::typed(*x, Some(t))),
        (Cast::Float(t), Value::Int(bits, from)) => Ok(super::float::from_int(*bits, *from, t)),
        (Cast::Int(t), Value::Char(c)) => cast(&Value::Int(u64::from(u32::from(*c)), Some(IntTy::U32)), Cast::Int(t), at),
        (Cast::Char, Value::Int(bits, t)) if matches!(t, Some(IntTy::U8) | None) => {
            let n = int_of(*bits, *t);
            if !(0..=255).contains(&n) {
                return Err(at.err("only `u8` can be cast as `char`: use `char::from_u32`"));
            }
            Ok(Value::Char(char::from(n as u8)))
        }
        (Cast::Char, Value::Char(c)) => Ok(Value::Char(*c)),
        (Cast::Char, _) => Err(at.err("only `u8` can be cast as `char`, not other integer types")),
        (Cast::Same, v) => Ok(v.clone()),
        (Cast::Ptr, Value::Native(n)) if matches!(&**n, Native::RawPtr(..) | Native::RawPlace(_) | Native::RawAddr(_)) => Ok(v.clone()),
        // `id as *const ()`: an address carried as a pointer, and `p as usize` back.
        (Cast::Ptr, Value::Int(bits, _)) => Ok(Value::Native(Rc::new(Native::RawAddr(*bits)))),
        (Cast::Int(t), Value::Native(n)) if matches!(&**n, Native::RawAddr(_) | Native::RawPtr(None)) => {
            let a = match &**n {
                Native::RawAddr(a) => *a,
                _ => 0,
            };
            cast(&Value::Int(a, Some(IntTy::Usize)), Cast::Int(t), at)
        }
        (Cast::Ptr, other) => Err(at.err(format!(
            "only a raw pointer casts to a raw pointer here, not {}: make one with `&place as *const T`, `Arc::into_raw(arc)` or `std::ptr::null()`",
            other.type_name()
        ))),
        // A fieldless enum of the program casts to its variant's index; `Ordering` to -1, 0, 1.
        (Cast::Int(t), Value::Obj(o)) if o.ty >= ty::FIRST_USER || o.ty == ty::ORDERING => match &*o.data.borrow() {
            Data::Variant(i, fields) if fields.is_empty() => {
                let n = if o.ty == ty::ORDERING { i128::from(*i) - 1 } else { i128::from(*i) };
                cast(&int(n, None), Cast::Int(t), at)
            }
            _ => Err(at.err("non-primitive cast: only an enum without fields can be cast with `as`")),
        },
        (_, other) => Err(at.err(format!("non-primitive cast: {} cannot be cast with `as`", other.type_name()))),
    }
}

/// An integer as a `usize` (an index, a count).
pub fn as_usize(v: &Value, at: At) -> R<usize> {
    match deref_all(v) {
        Value::Int(bits, t) => {
            if let Some(t) = t {
                if !matches!(t, IntTy::Usize) {
                    return Err(at.err(format!("the type `[T]` cannot be indexed by `{}`: indexes are `usize`", t.name())));
                }
            }
            let n = int_of(bits, t);
            if n < 0 {
                return Err(at.panic(format!("index {n} is negative")));
            }
            // A `usize` past what this machine's `usize` holds (wasm32's is 32 bits) is past
            // the end of anything: the largest index, which `get` answers `None` and `[]` panics
            // at, as rustc's 64-bit `usize::MAX` does.
            Ok(usize::try_from(n).unwrap_or(usize::MAX))
        }
        other => Err(at.err(format!("expected an integer, found {}", other.type_name()))),
    }
}

/// An integer's value, whatever its type.
pub fn as_int(v: &Value, at: At, what: &str) -> R<(i128, Option<IntTy>)> {
    match deref_all(v) {
        Value::Int(bits, t) => Ok((int_of(bits, t), t)),
        other => Err(at.err(format!("{what} needs an integer, not {}", other.type_name()))),
    }
}

/// std's panic for `x / 0` (or, `rem`, for `x % 0`): integers' operators and their methods.
pub fn zero_divisor(rem: bool, at: At) -> LangError {
    at.panic(if rem { "attempt to calculate the remainder with a divisor of zero" } else { "attempt to divide by zero" })
}

/// The bytes a `Vec<u8>` or `[u8]` holds (`String::from_utf8`, `BufRead::lines` of a slice).
pub fn bytes_of(items: &[Value], at: At) -> R<Vec<u8>> {
    items.iter().map(|x| as_int(x, at, "a byte").map(|(n, _)| n as u8)).collect()
}

/// A `u64` argument (a duration in milliseconds).
pub fn as_u64(v: &Value, at: At, what: &str) -> R<u64> {
    let (n, _) = as_int(v, at, what)?;
    u64::try_from(n).map_err(|_| at.err(format!("{what} needs a non-negative number, not {n}")))
}

/// `a..b` and friends: an iterator that also answers `contains` and slices.
pub fn range(lo: Option<Value>, hi: Option<Value>, inclusive: bool, at: At) -> R<Value> {
    let lo = lo.map(|v| deref_all(&v));
    let hi = hi.map(|v| deref_all(&v));
    // `'a'..='z'`: its chars, in order (a range of chars is an iterator of them in Rust too).
    if let (Some(Value::Char(a)), Some(Value::Char(b))) = (&lo, &hi) {
        let end = if inclusive { u32::from(*b) } else { u32::from(*b).saturating_sub(1) };
        if !inclusive && b <= a {
            return Ok(Value::Native(Rc::new(Native::Iter(std::cell::RefCell::new(Iter::Chars(Default::default()))))));
        }
        if end.saturating_sub(u32::from(*a)) as usize > super::rt::MAX_LEN {
            return Err(at.err("this range of chars is longer than the playground holds"));
        }
        let chars: std::collections::VecDeque<char> = (u32::from(*a)..=end).filter_map(char::from_u32).collect();
        return Ok(Value::Native(Rc::new(Native::Iter(std::cell::RefCell::new(Iter::Chars(chars))))));
    }
    let ty = match (&lo, &hi) {
        (Some(Value::Int(_, a)), Some(Value::Int(_, b))) => unify(*a, *b, at, "..")?,
        (Some(Value::Int(_, a)), None) => *a,
        (None, Some(Value::Int(_, b))) => *b,
        (None, None) => Some(IntTy::Usize),
        // `"b".."d"`, `0.0..1.0`: bounds to compare with, not to step through.
        (a, b) if !matches!(a, Some(Value::Int(..))) && !matches!(b, Some(Value::Int(..))) => {
            return Ok(Value::Native(Rc::new(Native::Bounds(lo, hi, inclusive))));
        }
        (a, b) => {
            let bad = [a, b].into_iter().flatten().find(|v| !matches!(v, Value::Int(..))).map(Value::type_name).unwrap_or_default();
            return Err(at.err(format!("ranges are of integers here, not {bad}")));
        }
    };
    let start = match &lo {
        Some(Value::Int(b, t)) => int_of(*b, *t),
        _ => 0,
    };
    let end = match &hi {
        // At most one past the type's largest: stepping then needs no other bound.
        Some(Value::Int(b, t)) => Some((int_of(*b, *t) + i128::from(inclusive)).min(range_of(ty).1 + 1)),
        _ => None,
    };
    if let (Some(t), Value::Int(b, None)) = (ty, lo.clone().unwrap_or(Value::Unit)) {
        fits(int_of(b, None), Some(t), at)?;
    }
    Ok(Value::Native(Rc::new(Native::Iter(std::cell::RefCell::new(Iter::Range {
        next: start,
        end,
        ty,
        step: 1,
        inclusive: inclusive && hi.is_some(),
        open_start: lo.is_none(),
    })))))
}

/// `?`: the inside of `Ok`/`Some`, or (as `Err`) the value to return early.
pub fn try_value(v: &Value) -> Result<Value, Value> {
    let d = deref_all(v);
    if let Some((variant, mut f)) = d.variant_of(ty::RESULT) {
        let inner = f.pop().unwrap_or(Value::Unit);
        return if variant == 0 { Ok(inner) } else { Err(Value::result(false, inner)) };
    }
    if let Some((variant, mut f)) = d.variant_of(ty::OPTION) {
        return if variant == 1 { Ok(f.pop().unwrap_or(Value::Unit)) } else { Err(Value::none()) };
    }
    if let Some((variant, mut f)) = d.variant_of(ty::POLL) {
        // `ready!`-like use of `?` on `Poll<Result<…>>` is rare; `Poll<T>` is not `Try` in the
        // way people expect: refuse clearly.
        let _ = (variant, f.pop());
    }
    Err(Value::Str(Rc::from("`?` needs a `Result` or an `Option`")))
}

/// Equality of simple values (map keys): numbers, strings, chars, bools, tuples of them.
pub fn eq_simple(a: &Value, b: &Value) -> bool {
    eq_depth(a, b, 0)
}

fn eq_depth(a: &Value, b: &Value, depth: usize) -> bool {
    // Past this depth, values are told apart by nothing more (a key nested a million deep).
    if depth > super::rt::MAX_VALUE_DEPTH {
        return false;
    }
    // A map's keys and a set's elements are compared here, once per element a look-up passes:
    // plain values are compared where they are, and only a reference (or an `Rc`) is read
    // through, into a copy of its handle.
    let through = |v: &Value| {
        matches!(v, Value::Ref(_))
            || matches!(v, Value::Native(n) if matches!(&**n, Native::Shared(..)))
            || matches!(v, Value::Obj(o) if o.ty == ty::COW)
    };
    if through(a) || through(b) {
        return eq_plain(&deref_all(a), &deref_all(b), depth);
    }
    eq_plain(a, b, depth)
}

/// [`eq_depth`] of two values that are not references.
fn eq_plain(a: &Value, b: &Value, depth: usize) -> bool {
    match (a, b) {
        (Value::Int(x, s), Value::Int(y, t)) => int_of(*x, *s) == int_of(*y, *t),
        (Value::Float(x, _), Value::Float(y, _)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Char(x), Value::Char(y)) => x == y,
        (Value::Unit, Value::Unit) => true,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::Str(x), Value::Obj(o)) | (Value::Obj(o), Value::Str(x)) => matches!(&*o.data.borrow(), Data::Str(y) if **x == **y),
        (Value::Obj(x), Value::Obj(y)) => {
            let (dx, dy) = (x.data.borrow(), y.data.borrow());
            match (&*dx, &*dy) {
                (Data::Str(p), Data::Str(q)) => p == q,
                _ if x.ty != y.ty => false,
                (Data::Fields(p), Data::Fields(q)) | (Data::Vec(p), Data::Vec(q)) => {
                    p.len() == q.len() && p.iter().zip(q).all(|(a, b)| eq_depth(a, b, depth + 1))
                }
                (Data::Variant(v, p), Data::Variant(w, q)) => {
                    v == w && p.len() == q.len() && p.iter().zip(q).all(|(a, b)| eq_depth(a, b, depth + 1))
                }
                _ => false,
            }
        }
        _ => false,
    }
}

fn dur_ms(d: Duration) -> f64 {
    crate::core::duration_ms(d)
}

/// The one integer type of `x` (typed `s`) and `y` (typed `t`) when they share it, a literal
/// below 128 counting as any type: the case [`int_compare`] and [`int_step`] answer inline.
#[inline(always)]
fn one_type(x: u64, s: Option<IntTy>, y: u64, t: Option<IntTy>) -> Option<IntTy> {
    match (s, t) {
        (Some(a), Some(b)) if a == b => Some(a),
        (Some(a), None) if y < 128 => Some(a),
        (None, Some(b)) if x < 128 => Some(b),
        _ => None,
    }
}

/// `x op y` for a comparison operator, of two values of one type whose signedness is `signed`
/// (a signed type's bits are its value sign-extended, an unsigned one's zero-extended).
#[inline(always)]
fn compare_bits(op: BinOp, x: u64, y: u64, signed: bool) -> Option<bool> {
    let order = if signed { (x as i64).cmp(&(y as i64)) } else { x.cmp(&y) };
    Some(match op {
        BinOp::Eq => order.is_eq(),
        BinOp::Ne => order.is_ne(),
        BinOp::Lt => order.is_lt(),
        BinOp::Le => order.is_le(),
        BinOp::Gt => order.is_gt(),
        BinOp::Ge => order.is_ge(),
        _ => return None,
    })
}

/// `x op y` for `+`, `-` or `*` of two values of `ty`, in its own width: the result's bits, or
/// `None` when it leaves the type's range (or for another operator).
#[inline(always)]
fn arith_bits(op: BinOp, x: u64, y: u64, ty: IntTy) -> Option<u64> {
    let w = ty.bits();
    if ty.signed() {
        let (a, b) = (x as i64, y as i64);
        let n = match op {
            BinOp::Add => a.checked_add(b),
            BinOp::Sub => a.checked_sub(b),
            BinOp::Mul => a.checked_mul(b),
            _ => None,
        }?;
        (w == 64 || (n >> (w - 1)) == 0 || (n >> (w - 1)) == -1).then_some(n as u64)
    } else {
        let n = match op {
            BinOp::Add => x.checked_add(y),
            BinOp::Sub => x.checked_sub(y),
            BinOp::Mul => x.checked_mul(y),
            _ => None,
        }?;
        (w == 64 || (n >> w) == 0).then_some(n)
    }
}

/// `a op b` for a comparison of two integers of one type (a literal below 128 counts as any
/// type): [`int_binary`]'s answer in that case, inline where a loop's condition or an `if`
/// asks it. `None` for anything else, which [`int_binary`] decides.
#[inline(always)]
pub fn int_compare(op: BinOp, l: &Value, r: &Value) -> Option<bool> {
    let (&Value::Int(x, s), &Value::Int(y, t)) = (l, r) else { return None };
    compare_bits(op, x, y, one_type(x, s, y, t)?.signed())
}

/// `a + b`, `a - b` or `a * b` of two integers of one type (a literal below 128 counts as any
/// type) that stays in the type's range: [`int_binary`]'s answer in that case, inline where a
/// field or a counter is stepped (`self.left -= 1`). `None` for anything else, an overflow
/// included, which [`int_binary`] reports.
#[inline(always)]
pub fn int_step(op: BinOp, l: &Value, r: &Value) -> Option<Value> {
    let (&Value::Int(x, s), &Value::Int(y, t)) = (l, r) else { return None };
    let ty = one_type(x, s, y, t)?;
    Some(Value::Int(arith_bits(op, x, y, ty)?, Some(ty)))
}

/// `a op b` of two integers held directly (the common case), without the general path's
/// dereferences and depth guard: the same result and the same messages as [`Interp::binary`].
/// `None` when the general path must decide (references, other kinds, mismatched types, a
/// literal that does not fit, an operator other than these).
#[inline]
pub fn int_binary(op: BinOp, l: &Value, r: &Value, at: At) -> Option<R<Value>> {
    let (Value::Int(x, s), Value::Int(y, t)) = (l, r) else { return None };
    // One type (a literal that fits it counts as it): the type's own width, no widening.
    let one = match (*s, *t) {
        (Some(a), Some(b)) if a == b => Some(a),
        // A literal below 128 (the usual one) fits every type.
        (Some(a), None) if *y < 128 || literal_fits(*y, a) => Some(a),
        (None, Some(b)) if *x < 128 || literal_fits(*x, b) => Some(b),
        _ => None,
    };
    if let Some(out) = one.and_then(|ty| int_same(op, *x, *y, ty, at)) {
        return Some(out);
    }
    let ty = match (*s, *t) {
        (a, b) if a == b => a,
        (Some(a), None) | (None, Some(a)) => Some(a),
        _ => return None,
    };
    let (a, b) = (int_of(*x, *s), int_of(*y, *t));
    Some(Ok(Value::Bool(match op {
        BinOp::Eq => a == b,
        BinOp::Ne => a != b,
        BinOp::Lt => a < b,
        BinOp::Le => a <= b,
        BinOp::Gt => a > b,
        BinOp::Ge => a >= b,
        BinOp::Add | BinOp::Sub | BinOp::Mul => {
            // A literal meeting a typed integer must fit its type (else the general path's error).
            let (lo, hi) = range_of(ty);
            if (s.is_none() && !(lo..=hi).contains(&a)) || (t.is_none() && !(lo..=hi).contains(&b)) {
                return None;
            }
            let (what, n) = match op {
                BinOp::Add => ("add", a.checked_add(b)),
                BinOp::Sub => ("subtract", a.checked_sub(b)),
                _ => ("multiply", a.checked_mul(b)),
            };
            // The range is the one checked above: `make_int` without looking it up again.
            return Some(match n {
                Some(n) if (lo..=hi).contains(&n) => Ok(int(n, ty)),
                _ => Err(at.panic(format!("attempt to {what} with overflow"))),
            });
        }
        _ => return None,
    })))
}

/// Whether an untyped literal's bits (an `i64`, as [`int_of`] reads them) are a value of `ty`.
#[inline]
fn literal_fits(bits: u64, ty: IntTy) -> bool {
    let v = bits as i64;
    let w = ty.bits();
    if ty.signed() {
        w == 64 || (v >> (w - 1)) == 0 || (v >> (w - 1)) == -1
    } else {
        v >= 0 && (w == 64 || (v >> w) == 0)
    }
}

/// `a op b` of two values of one integer type `ty`, in its own width: a signed type's bits
/// are its value sign-extended, an unsigned one's zero-extended (as [`int`] stores them), so
/// equal values have equal bits, and `i64` or `u64` arithmetic with the type's range checked is
/// [`int_binary`]'s `i128` result. `None` for an operator it leaves to the general path.
#[inline]
fn int_same(op: BinOp, x: u64, y: u64, ty: IntTy, at: At) -> Option<R<Value>> {
    let what = match op {
        BinOp::Add => "add",
        BinOp::Sub => "subtract",
        BinOp::Mul => "multiply",
        _ => return compare_bits(op, x, y, ty.signed()).map(|b| Ok(Value::Bool(b))),
    };
    Some(match arith_bits(op, x, y, ty) {
        Some(n) => Ok(Value::Int(n, Some(ty))),
        None => Err(at.panic(format!("attempt to {what} with overflow"))),
    })
}

impl Interp {
    /// The value `l op= r` stores. A program's own type goes through its `*_assign` method
    /// (`impl AddAssign for V`), called on `l` itself (an aggregate is its own handle, so the
    /// method changes it in place), and `l` is stored back; a type without that impl is Rust's
    /// error, even with an `Add` impl. Anything else is `l op r`.
    pub fn binary_assign(self: &Rc<Self>, fib: &mut Fiber, op: BinOp, l: Value, r: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        if let Some(out) = int_binary(op, &l, &r, at) {
            return out;
        }
        let a = deref_all(&l);
        if let Value::Obj(o) = &a {
            if o.ty >= ty::FIRST_USER {
                let info = &self.code.types[o.ty as usize];
                let (tr, m) = op.op_trait().unwrap_or(("", ""));
                let method = self.code.name_id(&format!("{m}_assign")).and_then(|n| info.methods.get(&n).copied());
                let Some(f) = method else {
                    return Err(at.err(format!(
                        "binary assignment operation `{}=` cannot be applied to type `{}`: implement `std::ops::{tr}Assign` for it",
                        op.symbol(),
                        info.name
                    )));
                };
                self.call_fn(fib, f, vec![a.clone(), r], None, cx, at)?;
                return Ok(l);
            }
        }
        self.binary(fib, op, l, r, cx, at)
    }

    /// A set operator's new set (a `BTreeSet`'s in order).
    #[inline(never)]
    fn set_op(self: &Rc<Self>, fib: &mut Fiber, op: BinOp, x: &Rc<Obj>, y: &Rc<Obj>, cx: &mut Context<'_>, at: At) -> R<Value> {
        let list = |o: &Obj| match &*o.data.borrow() {
            Data::Vec(v) => v.clone(),
            _ => Vec::new(),
        };
        let (xs, ys) = (list(x), list(y));
        let has = |l: &[Value], v: &Value| l.iter().any(|w| eq_simple(w, v));
        let mut out: Vec<Value> = match op {
            BinOp::BitOr => xs.iter().cloned().chain(ys.iter().filter(|v| !has(&xs, v)).cloned()).collect(),
            BinOp::BitAnd => xs.iter().filter(|v| has(&ys, v)).cloned().collect(),
            BinOp::Sub => xs.iter().filter(|v| !has(&ys, v)).cloned().collect(),
            _ => xs.iter().filter(|v| !has(&ys, v)).chain(ys.iter().filter(|v| !has(&xs, v))).cloned().collect(),
        };
        self.count_values(out.len(), at)?;
        if ty::is_sorted(x.ty) {
            // An insertion sort with the program's comparisons (which may fail).
            for i in 1..out.len() {
                let mut j = i;
                while j > 0 && self.compare(fib, &out[j - 1], &out[j], cx, at)? == Ordering::Greater {
                    out.swap(j - 1, j);
                    j -= 1;
                }
            }
        }
        Ok(Value::Obj(Obj::new(x.ty, false, Data::Vec(out))))
    }

    /// `l op r`.
    pub fn binary(self: &Rc<Self>, fib: &mut Fiber, op: BinOp, l: Value, r: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        // Floats compare partially: every comparison with NaN is false (but `!=`).
        if let (Value::Float(x, s), Value::Float(y, t)) = (deref_all(&l), deref_all(&r)) {
            return match op {
                BinOp::Eq | BinOp::Ne | BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                    super::float::compare(op, (x, s), (y, t), at).map(Value::Bool)
                }
                _ => super::float::binary(op, (x, s), (y, t), at),
            };
        }
        match op {
            BinOp::Eq => return self.equal(fib, &l, &r, cx, at).map(Value::Bool),
            BinOp::Ne => return self.equal(fib, &l, &r, cx, at).map(|e| Value::Bool(!e)),
            BinOp::Lt | BinOp::Le | BinOp::Gt | BinOp::Ge => {
                // Unordered (a NaN inside): every one of the four is false.
                let Some(o) = self.partial_compare(fib, &l, &r, cx, at)? else { return Ok(Value::Bool(false)) };
                return Ok(Value::Bool(match op {
                    BinOp::Lt => o == Ordering::Less,
                    BinOp::Le => o != Ordering::Greater,
                    BinOp::Gt => o == Ordering::Greater,
                    _ => o != Ordering::Less,
                }));
            }
            BinOp::And | BinOp::Or => {}
            _ => {}
        }
        let (a, b) = (deref_all(&l), deref_all(&r));
        // `&a | &b`, `&a & &b`, `&a - &b`, `&a ^ &b` of two sets: a new set.
        if let (Value::Obj(x), Value::Obj(y)) = (&a, &b) {
            if ty::is_set(x.ty) && x.ty == y.ty && matches!(op, BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor) {
                return self.set_op(fib, op, x, y, cx, at);
            }
        }
        // A program's own operator impls: `impl Add for Point`.
        if let Value::Obj(o) = &a {
            if o.ty >= ty::FIRST_USER {
                let method = op.op_trait().map_or("", |(_, m)| m);
                let info = &self.code.types[o.ty as usize];
                let nid = self.code.name_id(method);
                let Some(f) = nid.and_then(|n| info.methods.get(&n).copied()) else {
                    return Err(at.err(format!("cannot apply `{}` to `{}`: implement `std::ops` for it", op.symbol(), info.name)));
                };
                // `impl Mul<i32> for V` and `impl Mul<V> for V`: the one for the right side's type.
                let f = nid
                    .and_then(|n| info.overloads.get(&n))
                    .and_then(|c| super::code::pick_by_ref(c, &b, &info.ref_overloads, matches!(b, Value::Ref(_))))
                    .unwrap_or(f);
                return self.call_fn(fib, f, vec![a.clone(), b.clone()], None, cx, at);
            }
        }
        // `2.0 * v` with the program's `impl Mul<V> for f64`.
        if let (Value::Int(..) | Value::Float(..), Value::Obj(o)) = (&a, &b) {
            if o.ty >= ty::FIRST_USER {
                let method = op.op_trait().map_or("", |(_, m)| m);
                if let Some(f) = self.code.name_id(method).and_then(|n| {
                    let t = self.code.prim_ty(&a, n)?;
                    self.code.types.get(t as usize)?.methods.get(&n).copied()
                }) {
                    return self.call_fn(fib, f, vec![a.clone(), b.clone()], None, cx, at);
                }
            }
        }
        match (&a, &b) {
            (Value::Int(x, s), Value::Int(y, t)) => {
                let (x, y) = (int_of(*x, *s), int_of(*y, *t));
                if matches!(op, BinOp::Shl | BinOp::Shr) {
                    // The shift amount may be of any integer type; the result has the left's.
                    let ty = *s;
                    let bits = i128::from(ty.unwrap_or(IntTy::I64).bits());
                    if y < 0 || y >= bits {
                        return Err(at.panic(format!("attempt to shift {} with overflow", if op == BinOp::Shl { "left" } else { "right" })));
                    }
                    let n = if op == BinOp::Shl {
                        let raw = (x << y) & ((1i128 << bits) - 1);
                        let t = ty.unwrap_or(IntTy::I64);
                        if t.signed() && raw >> (bits - 1) & 1 == 1 {
                            raw - (1i128 << bits)
                        } else {
                            raw
                        }
                    } else {
                        x >> y
                    };
                    return Ok(int(n, ty));
                }
                let ty = unify(*s, *t, at, op.symbol())?;
                // A bitwise operand without a type that went negative (`!(1 << 3)`, computed as an
                // `i64`) has the bits it would have had in the other's unsigned type: `!8` is
                // `0xFFFF_FFF7` as a `u32`, as rustc computes it there.
                let (x, y) = match (op, ty) {
                    (BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor, Some(u)) if !u.signed() => {
                        let wrap = |n: i128, untyped: bool| if untyped && n < 0 { n & ((1i128 << u.bits()) - 1) } else { n };
                        (wrap(x, s.is_none()), wrap(y, t.is_none()))
                    }
                    _ => (x, y),
                };
                if s.is_none() {
                    fits(x, ty, at)?;
                }
                if t.is_none() {
                    fits(y, ty, at)?;
                }
                let (what, n) = match op {
                    BinOp::Add => ("add", x.checked_add(y)),
                    BinOp::Sub => ("subtract", x.checked_sub(y)),
                    BinOp::Mul => ("multiply", x.checked_mul(y)),
                    BinOp::Div => {
                        if y == 0 {
                            return Err(zero_divisor(false, at));
                        }
                        ("divide", Some(x / y))
                    }
                    BinOp::Rem => {
                        if y == 0 {
                            return Err(zero_divisor(true, at));
                        }
                        // `MIN % -1` overflows, as `MIN / -1` does.
                        make_int(x / y, ty, at, "calculate the remainder")?;
                        ("calculate the remainder", Some(x % y))
                    }
                    BinOp::BitAnd => ("and", Some(x & y)),
                    BinOp::BitOr => ("or", Some(x | y)),
                    BinOp::BitXor => ("xor", Some(x ^ y)),
                    _ => return Err(at.err(format!("`{}` is not an operator on integers", op.symbol()))),
                };
                let n = n.ok_or_else(|| at.panic(format!("attempt to {what} with overflow")))?;
                make_int(n, ty, at, what)
            }
            (Value::Float(..), Value::Int(..)) | (Value::Int(..), Value::Float(..)) => {
                Err(super::float::mixed(op, matches!(a, Value::Float(..)), at))
            }
            (Value::Bool(x), Value::Bool(y)) => match op {
                BinOp::BitAnd => Ok(Value::Bool(*x & *y)),
                BinOp::BitOr => Ok(Value::Bool(*x | *y)),
                BinOp::BitXor => Ok(Value::Bool(*x ^ *y)),
                _ => Err(at.err(format!("cannot apply `{}` to bools", op.symbol()))),
            },
            (Value::Dur(x), Value::Dur(y)) => match op {
                BinOp::Add => x.checked_add(*y).map(Value::Dur).ok_or_else(|| at.panic("overflow when adding durations")),
                BinOp::Sub => x.checked_sub(*y).map(Value::Dur).ok_or_else(|| at.panic("overflow when subtracting durations")),
                _ => Err(at.err(format!("cannot apply `{}` to two `Duration`s", op.symbol()))),
            },
            (Value::Dur(x), Value::Int(..)) => {
                let n = u32::try_from(as_int(&b, at, "a Duration")?.0)
                    .map_err(|_| at.err("a `Duration` is multiplied or divided by a `u32`"))?;
                match op {
                    BinOp::Mul => x.checked_mul(n).map(Value::Dur).ok_or_else(|| at.panic("overflow when multiplying duration by scalar")),
                    BinOp::Div => {
                        x.checked_div(n).map(Value::Dur).ok_or_else(|| at.panic("divide by zero error when dividing duration by scalar"))
                    }
                    _ => Err(at.err(format!("cannot apply `{}` to a `Duration` and an integer", op.symbol()))),
                }
            }
            (Value::Instant(x), Value::Dur(d)) => match op {
                BinOp::Add => Ok(Value::Instant(x + dur_ms(*d))),
                BinOp::Sub => Ok(Value::Instant(x - dur_ms(*d))),
                _ => Err(at.err(format!("cannot apply `{}` to an `Instant` and a `Duration`", op.symbol()))),
            },
            (Value::Instant(x), Value::Instant(y)) if op == BinOp::Sub => Ok(Value::Dur(ms_duration((x - y).max(0.0)))),
            _ if op == BinOp::Add && matches!(&a, Value::Obj(o) if o.ty == ty::STRING) => {
                let Some(rhs) = b.as_text() else {
                    return Err(at.err(format!("cannot add {} to a `String`: add a `&str`", b.type_name())));
                };
                let mut s = a.as_text().unwrap_or_default();
                s.push_str(&rhs);
                if s.len() > super::rt::MAX_LEN {
                    return Err(at.err("this string is longer than the playground holds"));
                }
                Ok(Value::string(s))
            }
            _ => Err(at.err(format!("cannot apply `{}` to {} and {}", op.symbol(), a.type_name(), b.type_name()))),
        }
    }

    /// `a == b`: structural for built-in types and derived `PartialEq`; a program's own `eq`
    /// otherwise.
    pub fn equal(self: &Rc<Self>, fib: &mut Fiber, a: &Value, b: &Value, cx: &mut Context<'_>, at: At) -> R<bool> {
        let _depth = self.deeper(at)?;
        let (a, b) = (deref_all(a), deref_all(b));
        // A `Cell`'s or a `RefCell`'s `PartialEq`: what they hold (a `RefCell` borrowed).
        if let (Some(x), Some(y)) = (cell_contents(&a, at), cell_contents(&b, at)) {
            return self.equal(fib, &x?, &y?, cx, at);
        }
        // A program's own `eq`: with `impl PartialEq` and `impl PartialEq<u32>`, the one for the
        // right side's type (`m == n`, `m == 1`).
        if let Value::Obj(x) = &a {
            if x.ty >= ty::FIRST_USER {
                let info = &self.code.types[x.ty as usize];
                let nid = self.code.name_id("eq");
                if let Some(f0) = nid.and_then(|n| info.methods.get(&n).copied()) {
                    let f = nid.and_then(|n| info.overloads.get(&n)).and_then(|c| super::code::pick(c, &b)).unwrap_or(f0);
                    return match self.call_fn(fib, f, vec![a.clone(), b.clone()], None, cx, at)? {
                        Value::Bool(v) => Ok(v),
                        _ => Err(at.err("`eq` must return a bool")),
                    };
                }
            }
        }
        match (&a, &b) {
            (Value::Int(x, s), Value::Int(y, t)) => {
                unify(*s, *t, at, "==")?;
                Ok(int_of(*x, *s) == int_of(*y, *t))
            }
            (Value::Float(x, s), Value::Float(y, t)) => {
                super::float::unify(*s, *t, at, "==")?;
                Ok(x == y)
            }
            (Value::Bool(x), Value::Bool(y)) => Ok(x == y),
            (Value::Char(x), Value::Char(y)) => Ok(x == y),
            (Value::Unit, Value::Unit) => Ok(true),
            (Value::Dur(x), Value::Dur(y)) => Ok(x == y),
            (Value::Instant(x), Value::Instant(y)) => Ok(x == y),
            (Value::Waker(x), Value::Waker(y)) => Ok(super::sync::wakes_same(&x.0, &y.0)),
            (Value::Obj(x), Value::Obj(y)) => {
                if let (Some(p), Some(q)) = (a.as_text(), b.as_text()) {
                    return Ok(p == q);
                }
                if x.ty != y.ty && !(is_seq(x.ty) && is_seq(y.ty)) {
                    return Err(at.err(format!("cannot compare {} with {}", a.type_name(), b.type_name())));
                }
                // (A program's own `eq` was called above, before this match.)
                if x.ty >= ty::FIRST_USER {
                    let info = &self.code.types[x.ty as usize];
                    if !info.has("PartialEq") {
                        return Err(
                            at.err(format!("binary operation `==` cannot be applied to type `{}`: add `#[derive(PartialEq)]`", info.name))
                        );
                    }
                }
                let (dx, dy) = (x.data.borrow().clone(), y.data.borrow().clone());
                // Two `HashSet`s are equal when they hold the same elements, in any order.
                if let (ty::SET, Data::Vec(f), Data::Vec(g)) = (x.ty, &dx, &dy) {
                    return Ok(f.len() == g.len() && f.iter().all(|p| g.iter().any(|q| eq_simple(p, q))));
                }
                let (vx, fx, vy, fy): (Option<u32>, Vec<Value>, Option<u32>, Vec<Value>) = match (dx, dy) {
                    (Data::Variant(v, f), Data::Variant(w, g)) => (Some(v), f, Some(w), g),
                    (Data::Fields(f) | Data::Vec(f), Data::Fields(g) | Data::Vec(g)) => (None, f, None, g),
                    (Data::Deque(f), Data::Deque(g)) => (None, f.into_iter().collect(), None, g.into_iter().collect()),
                    (Data::Map(f), Data::Map(g)) => {
                        if f.len() != g.len() {
                            return Ok(false);
                        }
                        for (k, v) in &f {
                            match g.iter().find(|(k2, _)| eq_simple(k, k2)) {
                                Some((_, v2)) if self.equal(fib, v, v2, cx, at)? => {}
                                _ => return Ok(false),
                            }
                        }
                        return Ok(true);
                    }
                    _ => return Ok(false),
                };
                if vx != vy || fx.len() != fy.len() {
                    return Ok(false);
                }
                for (p, q) in fx.iter().zip(&fy) {
                    if !self.equal(fib, p, q, cx, at)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            (Value::Native(x), Value::Native(y)) if matches!((&**x, &**y), (Native::ThreadId(_), Native::ThreadId(_))) => {
                Ok(matches!((&**x, &**y), (Native::ThreadId(p), Native::ThreadId(q)) if p == q))
            }
            (Value::Native(x), Value::Native(y)) if matches!((&**x, &**y), (Native::IntError(_), Native::IntError(_))) => {
                Ok(matches!((&**x, &**y), (Native::IntError(p), Native::IntError(q)) if p == q))
            }
            _ => match (a.as_text(), b.as_text()) {
                (Some(p), Some(q)) => Ok(p == q),
                _ => Err(at.err(format!("cannot compare {} with {}", a.type_name(), b.type_name()))),
            },
        }
    }

    /// `a.cmp(b)`: integers, chars, strings, bools, durations, and sequences and derived types
    /// lexicographically.
    pub fn compare(self: &Rc<Self>, fib: &mut Fiber, a: &Value, b: &Value, cx: &mut Context<'_>, at: At) -> R<Ordering> {
        let _depth = self.deeper(at)?;
        let (a, b) = (deref_all(a), deref_all(b));
        // A `Cell`'s or a `RefCell`'s `Ord` and `PartialOrd`: what they hold.
        if let (Some(x), Some(y)) = (cell_contents(&a, at), cell_contents(&b, at)) {
            return self.compare(fib, &x?, &y?, cx, at);
        }
        match (&a, &b) {
            (Value::Int(x, s), Value::Int(y, t)) => {
                unify(*s, *t, at, "<")?;
                Ok(int_of(*x, *s).cmp(&int_of(*y, *t)))
            }
            // `PartialOrd` (a tuple's float fields, `sort_by` of `partial_cmp`): NaN is unordered,
            // which a total order has no room for, so it sorts as equal.
            (Value::Float(x, s), Value::Float(y, t)) => {
                super::float::unify(*s, *t, at, "<")?;
                Ok(x.partial_cmp(y).unwrap_or_else(|| {
                    self.unordered.set(true);
                    Ordering::Equal
                }))
            }
            (Value::Bool(x), Value::Bool(y)) => Ok(x.cmp(y)),
            (Value::Char(x), Value::Char(y)) => Ok(x.cmp(y)),
            (Value::Dur(x), Value::Dur(y)) => Ok(x.cmp(y)),
            (Value::Instant(x), Value::Instant(y)) => Ok(x.total_cmp(y)),
            (Value::Unit, Value::Unit) => Ok(Ordering::Equal),
            (Value::Obj(x), Value::Obj(y)) => {
                if let (Some(p), Some(q)) = (a.as_text(), b.as_text()) {
                    return Ok(p.cmp(&q));
                }
                if x.ty != y.ty && !(is_seq(x.ty) && is_seq(y.ty)) {
                    return Err(at.err(format!("cannot compare {} with {}", a.type_name(), b.type_name())));
                }
                // `Reverse(p)` against `Reverse(q)`: `q` against `p`.
                if x.ty == ty::REVERSE {
                    let inner = |o: &Obj| match &*o.data.borrow() {
                        Data::Fields(f) => f.first().cloned().unwrap_or(Value::Unit),
                        _ => Value::Unit,
                    };
                    return self.compare(fib, &inner(y), &inner(x), cx, at);
                }
                if x.ty >= ty::FIRST_USER {
                    let info = &self.code.types[x.ty as usize];
                    let own = ["cmp", "partial_cmp"].iter().find_map(|m| self.code.name_id(m).and_then(|n| info.methods.get(&n).copied()));
                    if let Some(f) = own {
                        let r = self.call_fn(fib, f, vec![a.clone(), b.clone()], None, cx, at)?;
                        let r = match r.variant_of(ty::OPTION) {
                            Some((1, mut v)) => v.pop().unwrap_or(Value::Unit),
                            // Unordered, as a NaN is: `<`, `<=`, `>` and `>=` are all false.
                            Some(_) => {
                                self.unordered.set(true);
                                return Ok(Ordering::Equal);
                            }
                            None => r,
                        };
                        return match r.variant_of(ty::ORDERING) {
                            Some((0, _)) => Ok(Ordering::Less),
                            Some((1, _)) => Ok(Ordering::Equal),
                            Some(_) => Ok(Ordering::Greater),
                            None => Err(at.err("`cmp` must return an `Ordering`")),
                        };
                    }
                    if !info.has("PartialOrd") {
                        return Err(
                            at.err(format!("binary operation `<` cannot be applied to type `{}`: add `#[derive(PartialOrd)]`", info.name))
                        );
                    }
                }
                let (dx, dy) = (x.data.borrow().clone(), y.data.borrow().clone());
                let (fx, fy) = match (dx, dy) {
                    (Data::Variant(v, f), Data::Variant(w, g)) => {
                        if v != w {
                            // A derived order is the discriminants': the written ones when there are.
                            let ds = self.code.types.get(x.ty as usize).map(|t| &t.discriminants).filter(|d| !d.is_empty());
                            return Ok(match ds {
                                Some(d) => d.get(v as usize).cmp(&d.get(w as usize)),
                                None => v.cmp(&w),
                            });
                        }
                        (f, g)
                    }
                    (Data::Fields(f) | Data::Vec(f), Data::Fields(g) | Data::Vec(g)) => (f, g),
                    (Data::Deque(f), Data::Deque(g)) => (f.into_iter().collect(), g.into_iter().collect()),
                    _ => return Err(at.err(format!("cannot compare {}", a.type_name()))),
                };
                for (p, q) in fx.iter().zip(&fy) {
                    let o = self.compare(fib, p, q, cx, at)?;
                    if o != Ordering::Equal {
                        return Ok(o);
                    }
                }
                Ok(fx.len().cmp(&fy.len()))
            }
            _ => match (a.as_text(), b.as_text()) {
                (Some(p), Some(q)) => Ok(p.cmp(&q)),
                _ => Err(at.err(format!("cannot compare {} with {}", a.type_name(), b.type_name()))),
            },
        }
    }
}

impl Interp {
    /// `PartialOrd::partial_cmp` as a derived one gives it: `None` when a float met on the way
    /// is NaN.
    pub fn partial_compare(self: &Rc<Self>, fib: &mut Fiber, a: &Value, b: &Value, cx: &mut Context<'_>, at: At) -> R<Option<Ordering>> {
        let outer = self.unordered.replace(false);
        let r = self.compare(fib, a, b, cx, at);
        let unordered = self.unordered.replace(outer);
        Ok(Some(r?).filter(|_| !unordered))
    }
}

/// What a `Cell` or a `RefCell` holds, as its `PartialEq` and `PartialOrd` read it (a `RefCell`
/// mutably borrowed panics, as its `borrow()` does); `None` for any other value.
#[inline(never)]
fn cell_contents(v: &Value, at: At) -> Option<R<Value>> {
    let Value::Native(n) = v else { return None };
    match &**n {
        Native::Cell(c) => Some(Ok(c.borrow().clone())),
        Native::RefCell(l) if l.state.get() < 0 => Some(Err(at.panic("RefCell already mutably borrowed"))),
        Native::RefCell(l) => Some(Ok(l.value.borrow().clone())),
        _ => None,
    }
}

fn is_seq(t: TyId) -> bool {
    matches!(t, ty::VEC | ty::ARRAY)
}

/// A duration of `ms` milliseconds.
pub fn ms_duration(ms: f64) -> Duration {
    Duration::from_nanos((ms * 1e6).round().max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at() -> At {
        At { span: super::super::lexer::Span::default() }
    }

    fn shown(r: Option<R<Value>>) -> Option<Result<String, (String, bool)>> {
        r.map(|r| r.map(|v| format!("{v:?}")).map_err(|e| (e.message.clone(), e.panic)))
    }

    /// The direct path answers every operator it names, for two integers of one type and for a
    /// typed integer with a literal, with Rust's results; it leaves every other case to the
    /// general path (`None`), which decides them as before.
    #[test]
    fn the_direct_integer_path_answers_its_operators_and_leaves_the_rest() {
        let u8v = |n: u64| Value::Int(n, Some(IntTy::U8));
        let lit = |n: u64| Value::Int(n, None);
        let cases: [(BinOp, &str); 9] = [
            (BinOp::Eq, "false"),
            (BinOp::Ne, "true"),
            (BinOp::Lt, "false"),
            (BinOp::Le, "false"),
            (BinOp::Gt, "true"),
            (BinOp::Ge, "true"),
            (BinOp::Add, "12u8"),
            (BinOp::Sub, "8u8"),
            (BinOp::Mul, "20u8"),
        ];
        for (op, want) in cases {
            for (l, r) in [(u8v(10), u8v(2)), (u8v(10), lit(2)), (lit(10), u8v(2))] {
                assert_eq!(shown(int_binary(op, &l, &r, at())), Some(Ok(want.to_string())), "{op:?} {l:?} {r:?}");
            }
        }
        // Equal operands, where `<` and `<=` (and `>` and `>=`) part.
        for (op, want) in
            [(BinOp::Eq, true), (BinOp::Ne, false), (BinOp::Lt, false), (BinOp::Le, true), (BinOp::Gt, false), (BinOp::Ge, true)]
        {
            assert_eq!(shown(int_binary(op, &u8v(5), &lit(5), at())), Some(Ok(want.to_string())), "{op:?} of equals");
        }
        // Overflow: Rust's panic message, as a panic.
        for (op, what) in [(BinOp::Add, "add"), (BinOp::Sub, "subtract"), (BinOp::Mul, "multiply")] {
            let (l, r) = if op == BinOp::Sub { (u8v(1), u8v(2)) } else { (u8v(200), u8v(100)) };
            assert_eq!(shown(int_binary(op, &l, &r, at())), Some(Err((format!("attempt to {what} with overflow"), true))));
        }
        // Two literals: the widest range, as the general path gives them.
        assert_eq!(shown(int_binary(BinOp::Add, &lit(255), &lit(1), at())), Some(Ok("256".to_string())));
        // Left to the general path: mismatched types, a literal that does not fit, operators it
        // does not name, values that are not integers held directly.
        let u32v = Value::Int(1, Some(IntTy::U32));
        assert!(int_binary(BinOp::Add, &u8v(1), &u32v, at()).is_none());
        assert!(int_binary(BinOp::Add, &u8v(1), &lit(300), at()).is_none());
        assert!(int_binary(BinOp::Div, &u8v(4), &u8v(2), at()).is_none());
        assert!(int_binary(BinOp::Shl, &u8v(4), &u8v(2), at()).is_none());
        assert!(int_binary(BinOp::Eq, &Value::Bool(true), &Value::Bool(true), at()).is_none());
    }
}
