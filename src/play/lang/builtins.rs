//! The built-in functions: the playground's prelude (`sleep`, `spawn`, the teaching futures),
//! and std's, futures' and gloo-timers' free and associated functions.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};
use std::future::Future as _;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::task::{Context, Wake};
use std::time::Duration;

use super::lexer::{IntTy, Span};
use super::names::B;
use super::ops::{as_int, as_u64};
use super::rt::{deref_all, deref_shared, At, Interp, MAX_LIVE_TIMERS, MAX_TASKS, R, SELF_WAKE_POLLS, STALE_WAKER_MS};
use super::rt::{static_name, MAX_LEN, MAX_SPIN_MS, MAX_TOTAL_SPIN_MS};
use super::value::*;
use crate::core::{SourceKind, TimerFuture, Timers};
use crate::play::futures::{LostWaker, StaleWaker, WakeByRefThenPending, YieldNow};

fn arg(args: &mut [Value], i: usize) -> Value {
    args.get_mut(i).map(std::mem::take).unwrap_or(Value::Unit)
}

impl Interp {
    /// Calls a built-in function.
    pub fn builtin(self: &Rc<Self>, fib: &mut Fiber, b: B, mut args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
        let a0 = || args.first().cloned().unwrap_or(Value::Unit);
        Ok(match b {
            B::Sleep => {
                let ms = as_u64(&a0(), at, "sleep")?;
                self.timer_future("sleep", Duration::from_millis(ms), at)?
            }
            B::TimerFutureNew | B::GlooSleep => {
                let Value::Dur(d) = deref_all(&a0()) else {
                    return Err(at.err(format!("`{}` needs a `Duration`, not {}", b.rust_name(), a0().type_name())));
                };
                self.timer_future(if b == B::GlooSleep { "sleep" } else { "TimerFuture::new" }, d, at)?
            }
            B::TimeoutFutureNew => {
                let ms = as_u64(&a0(), at, "TimeoutFuture::new")?;
                self.timer_future("TimeoutFuture::new", Duration::from_millis(ms), at)?
            }
            B::YieldNow => self.future(static_name("yield_now"), at.span, FutState::Yield(YieldNow::default()), None),
            B::LostWaker => {
                let f = Box::pin(async {
                    LostWaker.await;
                    Ok(Value::Unit)
                });
                self.future(static_name("lost_waker"), at.span, FutState::Native(f), None)
            }
            B::StaleWaker => {
                let timer = TimerFuture::new(Duration::from_millis(STALE_WAKER_MS));
                if let Some(id) = timer.id() {
                    self.timer_spans.borrow_mut().insert(id, at.span);
                }
                let mut stale = Box::pin(StaleWaker::new(timer));
                // The task of its first poll: polled in another, it keeps that task's waker.
                let (me, span, mut first) = (Rc::downgrade(self), at.span, None);
                let f = Box::pin(async move {
                    std::future::poll_fn(|cx| {
                        let r = stale.as_mut().poll(cx);
                        if let (Some(me), true) = (me.upgrade(), r.is_pending()) {
                            let now = me.current_task();
                            match first {
                                None => first = now,
                                Some(t) if now.is_some_and(|n| n != t) => me.source(SourceKind::Stale, span),
                                Some(_) => {}
                            }
                        }
                        r
                    })
                    .await;
                    Ok(Value::Unit)
                });
                self.future(static_name("stale_waker"), at.span, FutState::Native(f), None)
            }
            B::WakeByRefThenPending => {
                let fut = WakeByRefThenPending::new(SELF_WAKE_POLLS);
                let span = at.span;
                let me = Rc::downgrade(self);
                let f = Box::pin(async move {
                    // The task that polls it is the one it wakes (for the code panel).
                    if let Some(me) = me.upgrade() {
                        if let Some(task) = me.current_task() {
                            me.self_wakers.borrow_mut().insert(task);
                        }
                        me.source(SourceKind::SelfWaker, span);
                    }
                    fut.await.map_err(|polls| {
                        super::lexer::LangError::new(
                            span,
                            format!("wake_by_ref_then_pending was polled {polls} times and never finished: a future that always wakes itself keeps the executor busy forever"),
                        )
                    })?;
                    Ok(Value::Unit)
                });
                self.future(static_name("wake_by_ref_then_pending"), at.span, FutState::Native(f), None)
            }
            B::Spin => {
                let ms = as_u64(&a0(), at, "spin")?;
                let total = self.spun_ms.get().saturating_add(ms);
                if ms > MAX_SPIN_MS || total > MAX_TOTAL_SPIN_MS {
                    return Err(at.err(format!(
                        "spinning {ms} ms would freeze the page: a spin is at most {MAX_SPIN_MS} ms, and all spins together at most {MAX_TOTAL_SPIN_MS} ms"
                    )));
                }
                self.spun_ms.set(total);
                self.platform.spin(ms as f64);
                Value::Unit
            }
            B::Drop => {
                drop(args);
                Value::Unit
            }
            B::Spawn | B::SpawnLocal => {
                let v = arg(&mut args, 0);
                let handle = self.spawn_value(v, at)?;
                if b == B::SpawnLocal {
                    Value::Unit
                } else {
                    handle
                }
            }
            B::DurFromMillis => Value::Dur(Duration::from_millis(as_u64(&a0(), at, "Duration::from_millis")?)),
            B::DurFromSecs => Value::Dur(Duration::from_secs(as_u64(&a0(), at, "Duration::from_secs")?)),
            B::DurFromSecsF64 => match deref_all(&a0()) {
                Value::Float(x, _) if x < 0.0 => return Err(at.panic("cannot convert float seconds to Duration: value is negative")),
                Value::Float(x, _) => Value::Dur(
                    Duration::try_from_secs_f64(x)
                        .map_err(|_| at.panic("cannot convert float seconds to Duration: value is either too big or NaN"))?,
                ),
                other => return Err(at.err(format!("`Duration::from_secs_f64` takes a float, not {}", other.type_name()))),
            },
            B::DurFromMicros => Value::Dur(Duration::from_micros(as_u64(&a0(), at, "Duration::from_micros")?)),
            B::DurFromNanos => Value::Dur(Duration::from_nanos(as_u64(&a0(), at, "Duration::from_nanos")?)),
            B::DurZero => Value::Dur(Duration::ZERO),
            B::DurMax => Value::Dur(Duration::MAX),
            B::DurNew => {
                let s = as_u64(&a0(), at, "Duration::new")?;
                let ns = as_u64(args.get(1).unwrap_or(&Value::Unit), at, "Duration::new")?;
                let ns = u32::try_from(ns).map_err(|_| at.err("the nanoseconds of `Duration::new` are a `u32`"))?;
                Duration::from_secs(s)
                    .checked_add(Duration::from_nanos(u64::from(ns)))
                    .map(Value::Dur)
                    .ok_or_else(|| at.panic("overflow in Duration::new"))?
            }
            B::InstantNow => Value::Instant(self.now()),
            _ => return self.builtin_std(fib, b, args, cx, at),
        })
    }

    /// rustc's E0277 for a `Pin::new` or a `get_mut` of a value whose type holds a
    /// `PhantomPinned` (its own field, or a field's): it is not `Unpin`.
    pub(crate) fn check_unpin(&self, v: &Value, what: &str, at: At) -> R<()> {
        let Value::Obj(o) = deref_all(v) else { return Ok(()) };
        match self.code.types.get(o.ty as usize) {
            Some(t) if t.not_unpin => Err(at.err(format!(
                "`PhantomPinned` cannot be unpinned: `{}` holds one, so it is not `Unpin`, and `{what}` needs `Unpin` (once pinned, only `unsafe {{ Pin::new_unchecked(…) }}` and `get_unchecked_mut()` reach it)",
                t.name
            ))),
            _ => Ok(()),
        }
    }

    /// `IntoFuture::into_future(v)`, as `.await` calls it: the program's own `into_future` of
    /// `v`'s type, or `v` itself (a future is its own).
    #[inline(never)]
    fn into_future(self: &Rc<Self>, fib: &mut Fiber, v: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let own = match (deref_all(&v), self.code.name_id("into_future")) {
            (Value::Obj(o), Some(id)) => self.code.types.get(o.ty as usize).and_then(|t| t.methods.get(&id).copied()),
            _ => None,
        };
        match own {
            Some(f) => self.call_fn(fib, f, vec![v], None, cx, at),
            None => Ok(v),
        }
    }

    /// The built-ins that are not the playground's own teaching futures, timers and `spawn`:
    /// std's, futures' and gloo's. A function of their own, which an embed's first module does not
    /// need (tools/lazy-split splits by function).
    #[inline(never)]
    fn builtin_std(self: &Rc<Self>, fib: &mut Fiber, b: B, mut args: Vec<Value>, cx: &mut Context<'_>, at: At) -> R<Value> {
        let a0 = || args.first().cloned().unwrap_or(Value::Unit);
        Ok(match b {
            B::VecNew | B::VecWithCapacity => Value::vec(Vec::new()),
            B::DequeNew | B::DequeWithCapacity => Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(VecDeque::new()))),
            // From a `Vec` or an array: its items, in order.
            B::DequeFrom => {
                let items = match deref_all(&a0()) {
                    Value::Obj(o) if matches!(o.ty, ty::VEC | ty::ARRAY) => match &*o.data.borrow() {
                        Data::Vec(v) | Data::Fields(v) => v.iter().cloned().collect::<VecDeque<Value>>(),
                        _ => VecDeque::new(),
                    },
                    other => return Err(at.err(format!("`VecDeque::from` takes a `Vec` or an array, not {}", other.type_name()))),
                };
                Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(items)))
            }
            B::StringNew | B::StringWithCapacity => Value::string(String::new()),
            B::StringFrom => {
                let v = deref_all(&a0());
                match (&v, v.as_text()) {
                    (_, Some(s)) => Value::string(s),
                    (Value::Char(c), None) => Value::string(c.to_string()),
                    _ => return Err(at.err(format!("`String::from` takes a `&str` or a `char`, not {}", v.type_name()))),
                }
            }
            // `T::default()`, from a value of `T` (or a collection of them, the first).
            B::DefaultOf => return self.default_of_value(fib, &args, cx, at),
            B::StringFromUtf8 | B::StringFromUtf8Lossy | B::StrFromUtf8 => {
                // `std::str::from_utf8` reads a slice as the lossy one does.
                let lossy = b != B::StringFromUtf8;
                let wants = match b {
                    B::StrFromUtf8 => "`std::str::from_utf8` takes a `&[u8]`",
                    B::StringFromUtf8Lossy => "`String::from_utf8_lossy` takes a `&[u8]`",
                    _ => "`String::from_utf8` takes a `Vec<u8>`",
                };
                let v = deref_all(&a0());
                let bytes: Vec<u8> = match &v {
                    Value::Obj(o) => match &*o.data.borrow() {
                        Data::Vec(items) => super::ops::bytes_of(items, at)?,
                        // An array's bytes (`&[104, 105]`, `b"hi"`), for the lossy one's slice.
                        Data::Fields(items) if lossy && o.ty == ty::ARRAY => super::ops::bytes_of(items, at)?,
                        _ => return Err(at.err(wants)),
                    },
                    _ => return Err(at.err(wants)),
                };
                // `Cow<str>`: its text, as a `String` (it prints and derefs the same).
                if b == B::StringFromUtf8Lossy {
                    return Ok(Value::string(String::from_utf8_lossy(&bytes).into_owned()));
                }
                match String::from_utf8(bytes) {
                    Ok(s) => Value::result(true, Value::string(s)),
                    Err(e) => Value::result(false, Value::string(e.to_string())),
                }
            }
            B::MapNew | B::MapWithCapacity => Value::empty_collection(ty::MAP),
            B::OrdMapNew => Value::empty_collection(ty::BTREE_MAP),
            B::SetNew | B::SetWithCapacity => Value::empty_collection(ty::SET),
            B::OrdSetNew => Value::empty_collection(ty::BTREE_SET),
            B::HeapNew | B::HeapWithCapacity => Value::empty_collection(ty::HEAP),
            // Compiled as a `collect()` into the collection (`Convert::Collection`).
            B::MapFrom | B::OrdMapFrom | B::SetFrom | B::OrdSetFrom | B::HeapFrom => {
                return Err(at.err(format!("internal error: `{}` is compiled", b.rust_name())))
            }
            // A `Box` is not `Copy`, whatever it holds: a `Copy` closure boxed is one no longer.
            B::BoxNew | B::BoxPin => match a0() {
                Value::Closure(c) if c.copy => Value::boxed_closure(&c),
                v => v,
            },
            B::PinUnchecked => a0(),
            B::PinNew => {
                self.check_unpin(&a0(), "Pin::new", at)?;
                a0()
            }
            B::RcNew | B::ArcNew => {
                let v = arg(&mut args, 0);
                Value::Native(Rc::new(Native::Shared(Rc::new(SharedBox { value: RefCell::new(v) }), b == B::ArcNew)))
            }
            B::SharedClone => match deref_shared(&a0()) {
                Some((bx, arc)) => Value::Native(Rc::new(Native::Shared(bx, arc))),
                None => return Err(at.err(format!("`Arc::clone` takes an `Arc` (or `Rc`), not {}", a0().type_name()))),
            },
            B::StrongCount => match deref_shared(&a0()) {
                // The handle passed in is borrowed, not held: it does not count twice.
                Some((bx, _)) => Value::usize(Rc::strong_count(&bx) - 1),
                None => return Err(at.err("`strong_count` takes an `Rc` or an `Arc`")),
            },
            // `Rc::try_unwrap(rc)`: the value when `rc` is its only owner, else `Err(rc)`.
            B::SharedTryUnwrap => {
                let v = arg(&mut args, 0);
                let Value::Native(n) = v else { return Err(at.err("`try_unwrap` takes an `Rc` or an `Arc`")) };
                match Rc::try_unwrap(n) {
                    Ok(Native::Shared(b, arc)) => match Rc::try_unwrap(b) {
                        Ok(b) => Value::result(true, b.value.into_inner()),
                        Err(b) => Value::result(false, Value::Native(Rc::new(Native::Shared(b, arc)))),
                    },
                    Ok(other) => {
                        return Err(
                            at.err(format!("`try_unwrap` takes an `Rc` or an `Arc`, not {}", Value::Native(Rc::new(other)).type_name()))
                        )
                    }
                    // The handle copied where Rust moved it (an `Option`'s `map` reads its value
                    // out, the `Option` a temporary): one `Rc` still, so its value comes out.
                    Err(n) => match &*n {
                        Native::Shared(b, _) if Rc::strong_count(b) == 1 => match b.value.try_borrow_mut() {
                            Ok(mut held) => Value::result(true, std::mem::take(&mut *held)),
                            Err(_) => return Err(at.err("`try_unwrap` of an `Rc` whose value is borrowed right now")),
                        },
                        _ => Value::result(false, Value::Native(n)),
                    },
                }
            }
            B::SharedGetMut | B::SharedMakeMut => return self.shared_mut(fib, b, arg(&mut args, 0), cx, at),
            B::PtrEqRefs => Value::Bool(same_place(&a0(), args.get(1).unwrap_or(&Value::Unit))),
            B::PtrEq => match (deref_shared(&a0()), deref_shared(args.get(1).unwrap_or(&Value::Unit))) {
                (Some((x, _)), Some((y, _))) => Value::Bool(Rc::ptr_eq(&x, &y)),
                _ => return Err(at.err("`ptr_eq` takes two `Rc`s or `Arc`s")),
            },
            // A raw pointer from `Arc::into_raw` is held as a weak one, so it counts here too.
            B::WeakCount => match deref_shared(&a0()) {
                Some((bx, _)) => Value::usize(Rc::weak_count(&bx)),
                None => return Err(at.err("`weak_count` takes an `Rc` or an `Arc`")),
            },
            B::WeakNew => Value::Native(Rc::new(Native::Weak(std::rc::Weak::new(), false))),
            B::Downgrade => match deref_shared(&a0()) {
                Some((bx, arc)) => Value::Native(Rc::new(Native::Weak(Rc::downgrade(&bx), arc))),
                None => return Err(at.err("`downgrade` takes an `Rc` or an `Arc`")),
            },
            B::CellNew => Value::Native(Rc::new(Native::Cell(RefCell::new(arg(&mut args, 0))))),
            B::RefCellNew => Value::Native(Rc::new(Native::RefCell(Lock::new(arg(&mut args, 0))))),
            B::MutexNew => Value::Native(Rc::new(Native::Mutex(Lock::new(arg(&mut args, 0))))),
            B::RwLockNew => Value::Native(Rc::new(Native::RwLock(Lock::new(arg(&mut args, 0))))),
            B::AtomicNew => match deref_all(&a0()) {
                Value::Bool(v) => Value::Native(Rc::new(Native::Atomic(std::cell::Cell::new(u64::from(v)), None))),
                Value::Int(bits, t) => Value::Native(Rc::new(Native::Atomic(std::cell::Cell::new(bits), Some(t.unwrap_or(IntTy::Usize))))),
                other => return Err(at.err(format!("an atomic holds a bool or an integer, not {}", other.type_name()))),
            },
            B::PollFn => {
                let c = arg(&mut args, 0);
                if !matches!(c, Value::Closure(_) | Value::Fn(_)) {
                    return Err(at.err(format!("`poll_fn` takes a closure `|cx| …`, not {}", c.type_name())));
                }
                self.future(static_name("poll_fn"), at.span, FutState::PollFn(c), None)
            }
            B::JoinAll => {
                // The futures, from any iterable (a `Vec`, or an iterator of calls).
                let it = self.iter_of(arg(&mut args, 0), at)?;
                let mut futs = Vec::new();
                while let Some(f) = self.iter_next(fib, &it, cx, at)? {
                    futs.push(f);
                    if futs.len() > super::rt::MAX_LEN {
                        return Err(at.err("`join_all` was given more futures than the playground holds"));
                    }
                }
                self.count_values(futs.len(), at)?;
                self.future(static_name("join_all"), at.span, FutState::JoinAll(futs, false), None)
            }
            // `futures::future::join(a, b)` and `join3`: a tuple of the outputs.
            B::FutJoin | B::FutJoin3 => {
                let name = if b == B::FutJoin { "join" } else { "join3" };
                self.future(static_name(name), at.span, FutState::JoinAll(args, true), None)
            }
            B::FutSelect => self.future(static_name("select"), at.span, FutState::Select(args), None),
            B::FutReady => self.future(static_name("ready"), at.span, FutState::Ready(Some(arg(&mut args, 0))), None),
            B::FutPending => self.future(static_name("pending"), at.span, FutState::Pending, None),
            B::CtxFromWaker => match deref_all(&a0()) {
                Value::Waker(w) if matches!(a0(), Value::Ref(_)) => Value::Ctx(Some(CtxWaker::Borrowed(Rc::downgrade(&w)))),
                Value::Waker(w) => Value::Ctx(Some(CtxWaker::Held(w))),
                other => return Err(at.err(format!("`Context::from_waker` takes a `&Waker`, not {}", other.type_name()))),
            },
            B::WakerNoop => Value::Waker(Rc::new(WakerV(std::task::Waker::noop().clone()))),
            B::TimeoutNew | B::IntervalNew => {
                let ms = as_u64(&a0(), at, b.rust_name())?;
                let f = arg(&mut args, 1);
                if !matches!(f, Value::Closure(_) | Value::Fn(_)) {
                    return Err(at.err(format!("`{}` takes a closure, `move || {{ … }}`, not {}", b.rust_name(), f.type_name())));
                }
                self.callback_timer(ms, f, b == B::IntervalNew, at)?
            }
            B::Some => {
                let v = arg(&mut args, 0);
                if matches!(v, Value::CxWaker) {
                    return Err(at.err(super::rt::BORROWED_WAKER));
                }
                Value::some(v)
            }
            B::Ok => Value::result(true, arg(&mut args, 0)),
            B::Err => Value::result(false, arg(&mut args, 0)),
            B::PollReady => Value::ready(arg(&mut args, 0)),
            B::MemReplace => {
                let dest = a0();
                let v = arg(&mut args, 1);
                replace_place(&dest, v, at)?
            }
            B::TypeNameOfVal => super::anytype::type_name_of(&self.code, &a0()).map_err(|m| at.err(m))?,
            // A type parameter's key, read from its argument on entry (see the compiler).
            B::AnyKeyOf => Value::Str(Rc::from(super::anytype::key_text(&self.code, &a0()))),
            B::TypeIdOfKey => super::anytype::type_id(super::anytype::sure_key(&a0()).map_err(|m| at.err(m))?),
            B::TypeNameOfKey => Value::Str(Rc::from(super::anytype::display(&super::anytype::sure_key(&a0()).map_err(|m| at.err(m))?))),
            // `x.downcast_ref::<T>()` where an argument told `T`'s key.
            B::DowncastLike => {
                let key = super::anytype::sure_key(args.get(1).unwrap_or(&Value::Unit)).map_err(|m| at.err(m))?;
                let method = args.get(2).and_then(Value::as_text).unwrap_or_default();
                match super::anytype::downcast(&self.code, &a0(), &method, &key) {
                    Some(r) => r.map_err(|m| at.err(m))?,
                    None => return Err(at.err("internal error: not a downcast")),
                }
            }
            B::MemTake => {
                let dest = a0();
                let cur = deref_all(&dest);
                let d = self.default_like(fib, &cur, cx, at)?;
                replace_place(&dest, d, at)?
            }
            B::MemSwap => {
                let (x, y) = (a0(), args.get(1).cloned().unwrap_or(Value::Unit));
                let vy = deref_all(&y);
                let vy = match &vy {
                    Value::Obj(o) => Value::Obj(Obj::new(o.ty, o.copy, o.data.borrow().clone())),
                    v => v.clone(),
                };
                let old_x = replace_place(&x, vy, at)?;
                replace_place(&y, old_x, at)?;
                Value::Unit
            }
            B::CmpMax | B::CmpMin => {
                let (x, y) = (arg(&mut args, 0), arg(&mut args, 1));
                self.min_max(fib, x, y, b == B::CmpMax, cx, at)?
            }
            B::Default => {
                let t = as_int(&a0(), at, "Default")?.0 as TyId;
                self.default_of_type(fib, t, cx, at)?
            }
            B::DefaultOfType => {
                let site = as_int(&a0(), at, "Default")?.0 as usize;
                let code = self.code.clone();
                let t = code.default_types.get(site).ok_or_else(|| at.err("internal error: no such type"))?;
                self.default_of_ast_type(fib, t, cx, at)?
            }
            // `char::from(b)`: a `u8` as the char of that code (a `char` as itself).
            B::CharFrom => match deref_all(&a0()) {
                c @ Value::Char(_) => c,
                Value::Int(n, Some(IntTy::U8)) | Value::Int(n, None) if n < 256 => Value::Char(char::from(n as u8)),
                other => return Err(at.err(format!("`char::from` takes a `u8` (or a `char`), not {}", other.type_name()))),
            },
            B::CharFromU32 => {
                let n = as_u64(&a0(), at, "char::from_u32")?;
                Value::option(u32::try_from(n).ok().and_then(char::from_u32).map(Value::Char))
            }
            // `char::try_from(n)`: a `u32`'s char, or `CharTryFromError` (a `u8`'s always is one).
            B::CharTryFrom => match deref_all(&a0()) {
                Value::Int(n, Some(IntTy::U8)) => Value::result(true, Value::Char(char::from(n as u8))),
                Value::Int(n, Some(IntTy::U32) | None) => match u32::try_from(n).ok().and_then(char::from_u32) {
                    Some(c) => Value::result(true, Value::Char(c)),
                    None => Value::result(false, IntError::U32ToChar.value()),
                },
                other => return Err(at.err(format!("`char::try_from` takes a `u32` (or a `u8`), not {}", other.type_name()))),
            },
            B::IterRepeat | B::IterRepeatWith | B::IterFromFn | B::IterSuccessors => {
                let kind = match b {
                    B::IterRepeat => AdapterKind::Repeat(arg(&mut args, 0)),
                    B::IterRepeatWith => AdapterKind::RepeatWith(arg(&mut args, 0)),
                    B::IterFromFn => AdapterKind::FromFn(arg(&mut args, 0)),
                    _ => {
                        let first = arg(&mut args, 0);
                        let first = match first.variant_of(ty::OPTION) {
                            Some((1, mut v)) => v.pop(),
                            Some(_) => None,
                            None => return Err(at.err(format!("`successors` takes an `Option` first, not {}", first.type_name()))),
                        };
                        AdapterKind::Successors(first, arg(&mut args, 1))
                    }
                };
                Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Adapter(Box::new(Adapter { inner: Value::Unit, kind }))))))
            }
            B::IterOnce | B::IterEmpty => {
                let items = if b == B::IterOnce { VecDeque::from([arg(&mut args, 0)]) } else { VecDeque::new() };
                Value::Native(Rc::new(Native::Iter(RefCell::new(Iter::Values(items)))))
            }
            B::CharFromDigit => {
                let n = as_u64(&a0(), at, "char::from_digit")?;
                let radix = as_u64(args.get(1).unwrap_or(&Value::Unit), at, "char::from_digit")?;
                // std panics only above 36 (a radix of 0 or 1 gives what fits in it).
                if radix > 36 {
                    return Err(at.panic("from_digit: radix is too high (maximum 36)"));
                }
                Value::option(u32::try_from(n).ok().and_then(|n| char::from_digit(n, radix as u32)).map(Value::Char))
            }
            B::ThreadSpawn => {
                let f = arg(&mut args, 0);
                self.thread_spawn(f, None, at)?
            }
            B::IntoFuture => self.into_future(fib, arg(&mut args, 0), cx, at)?,
            B::ScopeNew => Value::Native(Rc::new(Native::Scope(RefCell::new(Vec::new())))),
            B::ScopeJoin => self.scope_join(fib, &a0(), at)?,
            B::ThreadScope => return Err(at.err("`thread::scope` takes a closure, `|s| { … }`")),
            B::ThreadSleep => {
                let Value::Dur(d) = deref_all(&a0()) else {
                    return Err(at.err(format!("`thread::sleep` needs a `Duration`, not {}", a0().type_name())));
                };
                self.thread_sleep(fib, d, at)?
            }
            B::Channel => self.channel(None),
            B::SyncChannel => {
                let n = super::ops::as_usize(&a0(), at)?;
                self.channel(Some(n))
            }
            B::WakerRef => self.user_waker(&a0(), false, at)?,
            B::WakerFrom => self.user_waker(&a0(), true, at)?,
            B::BlockOn => {
                let f = arg(&mut args, 0);
                self.block_on(fib, f, at)?
            }
            B::ThreadCurrent => Value::Native(Rc::new(Native::Thread(self.current_thread()))),
            B::ThreadBuilder => Value::Native(Rc::new(Native::ThreadBuilder(None, None))),
            B::Stdout => Value::Native(Rc::new(Native::Stdout)),
            B::ThreadPark => self.thread_park(fib, None, at),
            B::ThreadYield => self.thread_yield(fib, at),
            B::RefMap => {
                let r = arg(&mut args, 0);
                self.ref_map(fib, r, arg(&mut args, 1), cx, at)?
            }
            // `Cow::from(&str)` (or a slice) borrows; `Cow::from(String)` (or a `Vec`) owns.
            B::CowFrom => {
                let v = arg(&mut args, 0);
                let owns = matches!(&v, Value::Obj(o) if matches!(o.ty, ty::STRING | ty::VEC));
                Value::Obj(Obj::new(ty::COW, false, Data::Variant(u32::from(owns), vec![v])))
            }
            B::ThreadParkTimeout => {
                let Value::Dur(d) = deref_all(&a0()) else {
                    return Err(at.err(format!("`thread::park_timeout` needs a `Duration`, not {}", a0().type_name())));
                };
                self.thread_park(fib, Some(d), at)
            }
            B::CondvarNew => Value::Native(Rc::new(Native::Condvar(Condvar::default()))),
            B::OnceLockNew | B::OnceCellNew => {
                Value::Native(Rc::new(Native::Once(RefCell::new(Value::Unit), std::cell::Cell::new(false), b == B::OnceLockNew)))
            }
            B::BarrierNew => {
                let n = as_u64(&a0(), at, "Barrier::new")? as usize;
                Value::Native(Rc::new(Native::Barrier(Barrier { n, ..Barrier::default() })))
            }
            B::PtrNull => Value::Native(Rc::new(Native::RawPtr(None))),
            B::ArcIntoRaw => self.arc_into_raw(arg(&mut args, 0), at)?,
            B::ArcFromRaw => self.arc_from_raw(&a0(), at)?,
            B::ArcIncStrong => self.arc_increment(&a0(), at)?,
            B::ArcDecStrong => self.arc_decrement(&a0(), at)?,
            B::MemForget => self.forget(arg(&mut args, 0), at)?,
            B::ManuallyDropNew => self.manually_drop(arg(&mut args, 0), at)?,
            B::RawWakerVTableNew => self.vtable_new(&args, at)?,
            B::RawWakerNew => self.raw_waker_new(&a0(), args.get(1).unwrap_or(&Value::Unit), at)?,
            B::WakerFromRaw => self.waker_from_raw(&a0(), at)?,
            B::Ufcs | B::IntMax | B::IntMin => {
                return Err(at.err(format!("`{}` is not supported in the playground yet", b.rust_name())));
            }
            // `builtin`'s own: never sent here.
            B::Sleep
            | B::TimerFutureNew
            | B::GlooSleep
            | B::TimeoutFutureNew
            | B::YieldNow
            | B::LostWaker
            | B::StaleWaker
            | B::WakeByRefThenPending
            | B::Spin
            | B::Drop
            | B::Spawn
            | B::SpawnLocal
            | B::DurFromMillis
            | B::DurFromSecs
            | B::DurFromSecsF64
            | B::DurFromMicros
            | B::DurFromNanos
            | B::DurZero
            | B::DurMax
            | B::DurNew
            | B::InstantNow => return self.builtin(fib, b, args, cx, at),
        })
    }

    /// `std::cmp::max(x, y)` (`max`), or `min`, as `cmp` orders them (a program's `Ord` impl
    /// included), with std's rule for a tie: `max` gives `y`, `min` gives `x`. `x.max(y)` is the
    /// same.
    /// `Rc::get_mut(&mut rc)` and `Rc::make_mut(&mut rc)` (and `Arc`'s): a `&mut` into the
    /// value when `rc` is its only owner (for `get_mut`, with no `Weak` either); otherwise
    /// `get_mut` gives `None`, and `make_mut` stores into `rc` an `Rc` of its own: a clone of
    /// the value, or, where only `Weak`s shared it, the value moved out (they upgrade no more).
    #[inline(never)]
    fn shared_mut(self: &Rc<Self>, fib: &mut Fiber, b: B, rc: Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let name = b.rust_name();
        let shared = match &rc {
            Value::Ref(p) => match super::rt::read_ptr(p) {
                Some(Value::Native(n)) if matches!(&*n, Native::Shared(..)) => Some((p.clone(), n)),
                _ => None,
            },
            _ => None,
        };
        let Some((place, n)) = shared else {
            return Err(
                at.err(format!("`{name}` takes `&mut` of an `Rc` or an `Arc` (`{name}(&mut rc)`), not {}", deref_all(&rc).type_name()))
            );
        };
        let Native::Shared(bx, arc) = &*n else { return Err(at.err(format!("`{name}` takes an `Rc` or an `Arc`"))) };
        let (alone, no_weak) = (Rc::strong_count(bx) == 1, Rc::weak_count(bx) == 0);
        let here = |n: Rc<Native>| Value::Ref(Rc::new(Ptr::Guard(Guard::new(n, true))));
        if b == B::SharedGetMut {
            return Ok(Value::option((alone && no_weak).then(|| here(n.clone()))));
        }
        if alone && no_weak {
            return Ok(here(n));
        }
        let value = if alone {
            std::mem::take(&mut *bx.value.try_borrow_mut().map_err(|_| at.err("this value is borrowed"))?)
        } else {
            let cur = bx.value.try_borrow().map_err(|_| at.err("this value is borrowed"))?.clone();
            self.clone_value(fib, &cur, cx, at)?
        };
        let own = Rc::new(Native::Shared(Rc::new(SharedBox { value: RefCell::new(value) }), *arc));
        super::rt::write_ptr(&place, Value::Native(own.clone()), at)?;
        Ok(here(own))
    }

    pub fn min_max(self: &Rc<Self>, fib: &mut Fiber, x: Value, y: Value, max: bool, cx: &mut Context<'_>, at: At) -> R<Value> {
        let o = self.compare(fib, &x, &y, cx, at)?;
        let pick_y = if max { o != std::cmp::Ordering::Greater } else { o == std::cmp::Ordering::Greater };
        Ok(if pick_y { y } else { x })
    }

    /// A timer future of `d`, noted for the code panel (the call behind it) and for live edits
    /// (the number literal it came from, whose edited value wins).
    pub fn timer_future(self: &Rc<Self>, what: &str, mut d: Duration, at: At) -> R<Value> {
        let literal = self.sleep_literals.get(&at.span).copied();
        // A live edit changed this `sleep`'s number: the program says that now.
        if let Some(ms) = literal.and_then(|l| self.overrides.borrow().get(&l).copied()) {
            d = Duration::from_millis(ms);
        }
        let pending = Timers::current().map_or(0, |t| t.stats().pending);
        if pending >= MAX_LIVE_TIMERS {
            return Err(at.err(format!("{MAX_LIVE_TIMERS} timers are pending already: that is the limit")));
        }
        self.source(SourceKind::Timer, at.span);
        let timer = TimerFuture::new(d);
        let id = timer.id();
        if let Some(id) = id {
            self.timer_spans.borrow_mut().insert(id, at.span);
        }
        if let Some(l) = literal {
            self.literals.borrow_mut().insert(l, timer.handle());
        }
        Ok(self.future(Rc::from(what), at.span, FutState::Timer(timer), id))
    }

    /// Spawns a future value as a task; its `JoinHandle`.
    pub fn spawn_value(self: &Rc<Self>, v: Value, at: At) -> R<Value> {
        let what: Rc<str> = match &v {
            Value::Fut(f) => {
                f.used.set(true);
                f.what.clone()
            }
            Value::Obj(o) if self.code.types.get(o.ty as usize).is_some_and(|t| t.poll.is_some()) => {
                self.code.types[o.ty as usize].name.clone()
            }
            other => return Err(at.err(format!("`spawn` takes a future, not {}", other.type_name()))),
        };
        let name: Rc<str> = if &*what == "async block" { Rc::from("task") } else { what };
        if self.tasks.get() > MAX_TASKS {
            return Err(at.err(format!("at most {MAX_TASKS} tasks")));
        }
        let handle = Rc::new(HandleState::default());
        self.spawn_task(&name, v, handle.clone()).map_err(|e| at.err(e.into_message()))?;
        Ok(Value::Native(Rc::new(Native::Handle(handle))))
    }

    /// The default value of the type `t` (`#[derive(Default)]`: each field's default).
    pub fn default_of_type(self: &Rc<Self>, fib: &mut Fiber, t: TyId, cx: &mut Context<'_>, at: At) -> R<Value> {
        let Some(info) = self.code.types.get(t as usize) else { return Err(at.err("internal error: no such type")) };
        if info.is_enum {
            // The parser made sure a derived `Default` has its `#[default]` unit variant.
            let Some(v) = info.default_variant else {
                return Err(at.err(format!("the trait `Default` is not implemented for `{}`", info.name)));
            };
            return self.make_obj(t, Some(v), Vec::new(), at);
        }
        let tys = info.field_tys.clone();
        let mut fields = Vec::new();
        for ft in &tys {
            fields.push(self.default_of_ast_type(fib, ft, cx, at)?);
        }
        self.make_obj(t, None, fields, at)
    }

    pub(crate) fn default_of_ast_type(self: &Rc<Self>, fib: &mut Fiber, t: &super::ast::Type, cx: &mut Context<'_>, at: At) -> R<Value> {
        use super::ast::Type;
        // `struct Node { next: Box<Node> }` with `#[derive(Default)]` has no end (rustc refuses
        // it as a type of infinite size): bounded as any value's depth.
        let _depth = self.deeper(at)?;
        Ok(match t {
            Type::Tuple(items) => {
                let mut out = Vec::new();
                for i in items {
                    out.push(self.default_of_ast_type(fib, i, cx, at)?);
                }
                Value::tuple(out)
            }
            Type::Path(p) => {
                let name = p.last();
                if let Some(it) = IntTy::from_name(name) {
                    return Ok(Value::Int(0, Some(it)));
                }
                match name {
                    "bool" => Value::Bool(false),
                    "char" => Value::Char('\0'),
                    "String" => Value::string(String::new()),
                    "Vec" => Value::vec(Vec::new()),
                    "VecDeque" => Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(VecDeque::new()))),
                    "HashMap" => Value::empty_collection(ty::MAP),
                    "BTreeMap" => Value::empty_collection(ty::BTREE_MAP),
                    "HashSet" => Value::empty_collection(ty::SET),
                    "BTreeSet" => Value::empty_collection(ty::BTREE_SET),
                    "BinaryHeap" => Value::empty_collection(ty::HEAP),
                    "Option" => Value::none(),
                    "Duration" => Value::Dur(Duration::ZERO),
                    "AtomicBool" => Value::Native(Rc::new(Native::Atomic(std::cell::Cell::new(0), None))),
                    atomic if atomic.strip_prefix("Atomic").and_then(|t| IntTy::from_name(&t.to_ascii_lowercase())).is_some() => {
                        let t = atomic.strip_prefix("Atomic").and_then(|t| IntTy::from_name(&t.to_ascii_lowercase()));
                        Value::Native(Rc::new(Native::Atomic(std::cell::Cell::new(0), t)))
                    }
                    "f64" => Value::Float(0.0, Some(super::lexer::FloatTy::F64)),
                    "f32" => Value::Float(0.0, Some(super::lexer::FloatTy::F32)),
                    "Cell" | "RefCell" | "Mutex" | "RwLock" | "Rc" | "Arc" | "Box" => {
                        let inner = p.segs.last().and_then(|s| s.generics.first()).cloned().unwrap_or(Type::Tuple(Vec::new()));
                        let v = self.default_of_ast_type(fib, &inner, cx, at)?;
                        match name {
                            "Cell" => Value::Native(Rc::new(Native::Cell(RefCell::new(v)))),
                            "RefCell" => Value::Native(Rc::new(Native::RefCell(Lock::new(v)))),
                            "Mutex" => Value::Native(Rc::new(Native::Mutex(Lock::new(v)))),
                            "RwLock" => Value::Native(Rc::new(Native::RwLock(Lock::new(v)))),
                            "Rc" | "Arc" => {
                                Value::Native(Rc::new(Native::Shared(Rc::new(SharedBox { value: RefCell::new(v) }), name == "Arc")))
                            }
                            _ => v,
                        }
                    }
                    other => match self.code.type_ids.get(other).copied() {
                        Some(t) => {
                            if let Some(&f) = self.code.types[t as usize].assoc.get("default") {
                                self.call_fn(fib, f, Vec::new(), None, cx, at)?
                            } else {
                                self.default_of_type(fib, t, cx, at)?
                            }
                        }
                        None => return Err(at.err(format!("no default value is known for `{other}`"))),
                    },
                }
            }
            Type::Array(inner, Some(n)) => {
                let n = usize::try_from(*n).unwrap_or(usize::MAX);
                if n > MAX_LEN {
                    return Err(at.err(format!("{n} elements is more than the playground holds ({MAX_LEN})")));
                }
                self.count_values(n, at)?;
                let mut out = Vec::with_capacity(n);
                for _ in 0..n {
                    out.push(self.default_of_ast_type(fib, inner, cx, at)?);
                }
                let copy = out.iter().all(Value::is_copy);
                Value::Obj(Obj::new(ty::ARRAY, copy, Data::Fields(out)))
            }
            Type::Array(_, None) => return Err(at.err("no default value is known for an array whose length is not written as a number")),
            // std's `Default` for references: `&str` is `""` and `&[T]` empty.
            Type::Ref(_, inner) => match &**inner {
                Type::Path(p) if p.last() == "str" => Value::Str(Rc::from("")),
                Type::Slice(_) => Value::vec(Vec::new()),
                _ => return Err(at.err("no default value is known for this reference: `Default` is implemented for `&str` and `&[T]`")),
            },
            _ => return Err(at.err("no default value is known for this type")),
        })
    }

    /// `T::default()` ([`B::DefaultOf`]): the default of the value's type (the first element's,
    /// when the second argument says so). Out of [`builtin_std`](Self::builtin_std)'s frame.
    #[inline(never)]
    fn default_of_value(self: &Rc<Self>, fib: &mut Fiber, args: &[Value], cx: &mut Context<'_>, at: At) -> R<Value> {
        let a0 = || args.first().cloned().unwrap_or(Value::Unit);
        let mut v = deref_all(&a0());
        if matches!(args.get(1), Some(Value::Bool(true))) {
            v = super::rt::first_element(&v)
                .ok_or_else(|| at.err("`T::default()`: the playground takes the type from the first element, and there is none"))?;
        }
        self.default_like(fib, &v, cx, at)
    }

    /// The default value of `v`'s type (for `mem::take`).
    pub fn default_like(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        Ok(match v {
            Value::Int(_, t) => Value::Int(0, *t),
            Value::Float(_, t) => Value::Float(0.0, *t),
            Value::Bool(_) => Value::Bool(false),
            Value::Char(_) => Value::Char('\0'),
            Value::Str(_) => Value::Str(Rc::from("")),
            Value::Unit => Value::Unit,
            Value::Dur(_) => Value::Dur(Duration::ZERO),
            Value::Obj(o) => match o.ty {
                ty::OPTION => Value::none(),
                ty::VEC => Value::vec(Vec::new()),
                ty::STRING => Value::string(String::new()),
                ty::DEQUE => Value::Obj(Obj::new(ty::DEQUE, false, Data::Deque(VecDeque::new()))),
                t if ty::is_map(t) || ty::is_set(t) || t == ty::HEAP => Value::empty_collection(t),
                t if t >= ty::FIRST_USER => {
                    let info = &self.code.types[t as usize];
                    if let Some(&f) = info.assoc.get("default") {
                        return self.call_fn(fib, f, Vec::new(), None, cx, at);
                    }
                    if !info.has("Default") {
                        return Err(at.err(format!("`{}` doesn't implement `Default`", info.name)));
                    }
                    return self.default_of_type(fib, t, cx, at);
                }
                _ => return Err(at.err(format!("{} has no default value", v.type_name()))),
            },
            other => return Err(at.err(format!("{} has no default value", other.type_name()))),
        })
    }

    /// A gloo `Timeout` or `Interval`: the closure runs from the timer's callback.
    fn callback_timer(self: &Rc<Self>, ms: u64, f: Value, interval: bool, at: At) -> R<Value> {
        let pending = Timers::current().map_or(0, |t| t.stats().pending);
        if pending >= MAX_LIVE_TIMERS {
            return Err(at.err(format!("{MAX_LIVE_TIMERS} timers are pending already: that is the limit")));
        }
        let state = Rc::new(CallbackTimer {
            interp: Rc::downgrade(self),
            closure: RefCell::new(Some(f)),
            timer: RefCell::new(None),
            period: interval.then(|| Duration::from_millis(ms)),
            span: at.span,
            id: next_callback_id(),
        });
        CALLBACKS.with(|c| c.borrow_mut().insert(state.id, Keep::Weak(Rc::downgrade(&state))));
        state.arm(Duration::from_millis(ms));
        Ok(Value::Native(Rc::new(Native::Timer(RefCell::new(Some(Box::new(state))), interval))))
    }
}

/// `mem::replace(dest, v)`: `dest` is a reference (a place, or an aggregate's handle).
pub fn replace_place(dest: &Value, v: Value, at: At) -> R<Value> {
    match dest {
        Value::Ref(p) => {
            let old = super::rt::read_ptr(p).ok_or_else(|| at.err(super::rt::MOVED))?;
            super::rt::write_ptr(p, v, at)?;
            Ok(old)
        }
        Value::Obj(o) => {
            let Value::Obj(src) = &v else {
                return Err(at.err(format!("mismatched types: cannot put {} in place of {}", v.type_name(), dest.type_name())));
            };
            // A place holding an aggregate is its handle: the contents change places, so the
            // value given back owns the old contents (its `Drop` runs when it goes) and the
            // new value's handle, now holding nothing of its own, goes without a drop.
            if Rc::ptr_eq(o, src) {
                return Ok(v);
            }
            std::mem::swap(&mut *o.data.borrow_mut(), &mut *src.data.borrow_mut());
            Ok(v)
        }
        other => Err(at.err(format!("`std::mem::replace` needs `&mut` to a place, not {}", other.type_name()))),
    }
}

// ----- gloo timers -----

thread_local! {
    /// The callback timers alive on this thread, by id: weakly while their handle lives,
    /// strongly once `forget()` gave up the handle.
    static CALLBACKS: RefCell<HashMap<u64, Keep>> = RefCell::new(HashMap::new());
    static NEXT_ID: std::cell::Cell<u64> = const { std::cell::Cell::new(1) };
}

enum Keep {
    Weak(Weak<CallbackTimer>),
    Strong(Rc<CallbackTimer>),
}

fn next_callback_id() -> u64 {
    NEXT_ID.with(|n| {
        let id = n.get();
        n.set(id + 1);
        id
    })
}

/// A gloo `Timeout`/`Interval`: a timer of the engine whose waker runs the closure.
pub struct CallbackTimer {
    interp: Weak<Interp>,
    closure: RefCell<Option<Value>>,
    timer: RefCell<Option<TimerFuture>>,
    period: Option<Duration>,
    span: Span,
    id: u64,
}

impl Drop for CallbackTimer {
    fn drop(&mut self) {
        let id = self.id;
        let _ = CALLBACKS.try_with(|c| c.try_borrow_mut().map(|mut c| c.remove(&id)));
        // A `Timeout` dropped before it fired is cancelled, as gloo's is: the learner is told
        // where, since a task that waited for its closure now waits forever ("stuck").
        let armed = self.timer.try_borrow().is_ok_and(|t| t.is_some());
        if let (None, true, Some(interp)) = (self.period, armed, self.interp.upgrade()) {
            if !interp.over.get() {
                interp.say(
                    super::rt::Line::Note,
                    Some(self.span),
                    "this `Timeout` was dropped before it fired: dropping a gloo `Timeout` cancels it, so its closure will not \
                     run (to let it fire, keep it alive, in a variable or a struct, or call `.forget()`)"
                        .into(),
                );
            }
        }
    }
}

/// Wakes a callback timer by id: its wake runs the closure, from the timer's callback.
struct CallbackWake(u64);

impl Wake for CallbackWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        let id = self.0;
        let state = CALLBACKS.with(|c| {
            c.try_borrow().ok().and_then(|c| match c.get(&id) {
                Some(Keep::Weak(w)) => w.upgrade(),
                Some(Keep::Strong(s)) => Some(s.clone()),
                None => None,
            })
        });
        if let Some(s) = state {
            s.fire();
        }
    }
}

impl CallbackTimer {
    fn arm(&self, d: Duration) {
        let interp = self.interp.upgrade();
        if let Some(i) = &interp {
            i.source(SourceKind::Timer, self.span);
        }
        let mut timer = TimerFuture::new(d);
        if let (Some(id), Some(interp)) = (timer.id(), interp) {
            interp.timer_spans.borrow_mut().insert(id, self.span);
        }
        // One poll stores our waker in the timer, as a task's poll would.
        let waker = std::task::Waker::from(Arc::new(CallbackWake(self.id)));
        let mut cx = Context::from_waker(&waker);
        let _ = std::pin::Pin::new(&mut timer).poll(&mut cx);
        *self.timer.borrow_mut() = Some(timer);
    }

    fn fire(self: &Rc<Self>) {
        let Some(interp) = self.interp.upgrade() else { return };
        if interp.over.get() {
            return;
        }
        let Some(f) = self.closure.borrow().clone() else { return };
        let done = self.timer.borrow_mut().take();
        drop(done);
        let mut fib = Fiber::default();
        let mut cx = super::rt::noop_context();
        let at = At { span: self.span };
        interp.start_poll_steps();
        interp.pulls_poll.set(0);
        let r = interp.call(&mut fib, &f, Vec::new(), &mut cx, at).and_then(|_| interp.run_drops(&mut fib, &mut cx, at));
        drop(f);
        if let Err(e) = r {
            interp.say_error(&e);
        }
        match self.period {
            Some(p) => self.arm(p),
            None => {
                // A `Timeout` runs once: its closure (and what it captured) goes now.
                let c = self.closure.borrow_mut().take();
                drop(c);
                let id = self.id;
                let _ = CALLBACKS.try_with(|c| c.try_borrow_mut().map(|mut c| c.remove(&id)));
            }
        }
    }

    /// `forget()`: the timer lives on without its handle.
    pub fn forget(self: &Rc<Self>) {
        let id = self.id;
        CALLBACKS.with(|c| c.borrow_mut().insert(id, Keep::Strong(self.clone())));
    }

    /// `cancel()`: stops the timer; gives back the closure.
    pub fn cancel(&self) -> Option<Value> {
        let t = self.timer.borrow_mut().take();
        drop(t);
        self.closure.borrow_mut().take()
    }
}

/// `std::ptr::eq(a, b)`: whether two references name the same place (a variable, a field, an
/// element, an aggregate, a string's text).
fn same_place(a: &Value, b: &Value) -> bool {
    use super::value::Ptr;
    match (a, b) {
        (Value::Ref(p), Value::Ref(q)) => match (&**p, &**q) {
            (Ptr::Cell(x), Ptr::Cell(y)) => Rc::ptr_eq(x, y),
            (Ptr::Field(x, i), Ptr::Field(y, j)) => Rc::ptr_eq(x, y) && i == j,
            (Ptr::Index(x, i), Ptr::Index(y, j)) | (Ptr::Key(x, i), Ptr::Key(y, j)) => Rc::ptr_eq(x, y) && i == j,
            (Ptr::Slice(x, i, k), Ptr::Slice(y, j, l)) => Rc::ptr_eq(x, y) && (i, k) == (j, l),
            (Ptr::Guard(x), Ptr::Guard(y)) => Rc::ptr_eq(&x.lock, &y.lock),
            _ => false,
        },
        (Value::Obj(x), Value::Obj(y)) => Rc::ptr_eq(x, y),
        (Value::Str(x), Value::Str(y)) => std::ptr::eq(x.as_ptr(), y.as_ptr()) && x.len() == y.len(),
        (Value::Native(x), Value::Native(y)) => Rc::ptr_eq(x, y),
        _ => false,
    }
}
