//! Raw pointers as a `RawWaker` carries them, and what makes and takes them: `Arc::into_raw`,
//! `Arc::from_raw`, `Arc::increment_strong_count`/`decrement_strong_count`, `mem::forget`,
//! `ManuallyDrop::new`, `std::ptr::null`, `RawWakerVTable::new`, `RawWaker::new`.
//!
//! # Ground rules
//!
//! - A raw pointer points at what an `Arc` shares, or is null. It holds it weakly: a pointer
//!   owns no count by itself. The counts that raw pointers own (one per `into_raw`,
//!   `increment_strong_count` or forgotten `Arc`) are `Arc` handles the run keeps aside, by address,
//!   so `Arc::strong_count` reads as it would in Rust.
//! - `from_raw` and `decrement_strong_count` take one of those counts back. Taking back a count no
//!   pointer owns (a second `from_raw` of one `into_raw`: a double free in Rust, undefined
//!   behaviour) and using a pointer whose last count is gone (a use after free) are errors at
//!   their line, never a crash of the page.
//! - A forgotten value (`mem::forget`, `ManuallyDrop::new`) is kept aside and never dropped: its
//!   `Drop` impl never runs, as in Rust. At most [`MAX_FORGOTTEN`] of them.
//! - The waker `Waker::from_raw` makes is in `sync.rs`, beside the learner's other wakers.

use std::rc::Rc;

use super::rt::{deref_all, deref_shared, At, Interp, R};
use super::value::*;

/// The most values a run keeps forgotten (`mem::forget`, `ManuallyDrop::new`, counts owned by
/// raw pointers): past it, forgetting is an error at its line.
pub const MAX_FORGOTTEN: usize = 100_000;

/// The box a raw pointer points at, and its address (`None`: null).
pub(crate) fn ptr_of(v: &Value) -> Option<Option<std::rc::Weak<SharedBox>>> {
    match deref_all(v) {
        Value::Native(n) => match &*n {
            Native::RawPtr(p) => Some(p.clone()),
            _ => None,
        },
        _ => None,
    }
}

impl Interp {
    fn forgotten_count(&self) -> usize {
        self.forgotten.borrow().len() + self.raw_counts.borrow().values().map(Vec::len).sum::<usize>()
    }

    fn room_to_forget(&self, at: At) -> R<()> {
        if self.forgotten_count() >= MAX_FORGOTTEN {
            return Err(at.err(format!(
                "{MAX_FORGOTTEN} values are forgotten (or owned by raw pointers) and never dropped: that is the limit here"
            )));
        }
        Ok(())
    }

    /// Keeps one count of `bx` aside, owned by the raw pointers to it.
    fn keep_count(&self, bx: Rc<SharedBox>, at: At) -> R<()> {
        self.room_to_forget(at)?;
        let key = Rc::as_ptr(&bx) as usize;
        self.raw_counts.borrow_mut().entry(key).or_default().push(bx);
        Ok(())
    }

    /// What `p` points at, alive: errors for a null pointer and for one whose last count is gone.
    fn pointee(&self, v: &Value, what: &str, at: At) -> R<Rc<SharedBox>> {
        let Some(p) = ptr_of(v) else {
            return Err(at.err(format!("`{what}` takes a raw pointer (from `Arc::into_raw`), not {}", v.type_name())));
        };
        let Some(w) = p else {
            return Err(at.err(format!("`{what}` of a null pointer: in Rust this is undefined behaviour")));
        };
        w.upgrade().ok_or_else(|| {
            at.err(format!(
                "`{what}` of a dangling pointer: the last count of its `Arc` is gone, so what it pointed at was freed (a use after free, undefined behaviour in Rust)"
            ))
        })
    }

    /// `Arc::into_raw(arc)`: the count `arc` owned now belongs to the pointer.
    pub(crate) fn arc_into_raw(&self, arc: Value, at: At) -> R<Value> {
        let Some((bx, true)) = deref_shared(&arc) else {
            return Err(at.err(format!("`Arc::into_raw` takes an `Arc`, not {}", arc.type_name())));
        };
        let weak = Rc::downgrade(&bx);
        self.keep_count(bx, at)?;
        drop(arc);
        Ok(Value::Native(Rc::new(Native::RawPtr(Some(weak)))))
    }

    /// Takes back one count that raw pointers to `ptr`'s box own, if any is left.
    fn take_count(&self, ptr: &Value, what: &str, at: At) -> R<Rc<SharedBox>> {
        let bx = self.pointee(ptr, what, at)?;
        let key = Rc::as_ptr(&bx) as usize;
        let mut counts = self.raw_counts.borrow_mut();
        let taken = counts.get_mut(&key).and_then(Vec::pop);
        if counts.get(&key).is_some_and(Vec::is_empty) {
            counts.remove(&key);
        }
        taken.ok_or_else(|| {
            at.err(format!(
                "`{what}`: no raw pointer owns a count of this `Arc` any more (each `Arc::into_raw` gives one count, to take back once): taking it back again is a double free in Rust, undefined behaviour"
            ))
        })
    }

    /// `Arc::from_raw(ptr)`: the `Arc` whose count the pointer owned.
    pub(crate) fn arc_from_raw(&self, ptr: &Value, at: At) -> R<Value> {
        let bx = self.take_count(ptr, "Arc::from_raw", at)?;
        Ok(Value::Native(Rc::new(Native::Shared(bx, true))))
    }

    /// `Arc::increment_strong_count(ptr)`: one more count, owned by the pointer.
    pub(crate) fn arc_increment(&self, ptr: &Value, at: At) -> R<Value> {
        let bx = self.pointee(ptr, "Arc::increment_strong_count", at)?;
        self.keep_count(bx, at)?;
        Ok(Value::Unit)
    }

    /// `Arc::decrement_strong_count(ptr)`: one count the pointer owned, dropped.
    pub(crate) fn arc_decrement(&self, ptr: &Value, at: At) -> R<Value> {
        let bx = self.take_count(ptr, "Arc::decrement_strong_count", at)?;
        drop_values(vec![Value::Native(Rc::new(Native::Shared(bx, true)))]);
        Ok(Value::Unit)
    }

    /// `mem::forget(v)`: `v` is never dropped. An `Arc`'s count goes to the raw pointers (a
    /// later `from_raw` may take it back, as the classic `RawWaker` `clone` does).
    pub(crate) fn forget(&self, v: Value, at: At) -> R<Value> {
        match &v {
            Value::Native(n) if matches!(&**n, Native::Shared(_, true)) => {
                if let Some((bx, _)) = deref_shared(&v) {
                    self.keep_count(bx, at)?;
                }
            }
            Value::Obj(_) | Value::Native(_) | Value::Waker(_) | Value::Closure(_) | Value::Fut(_) => {
                self.room_to_forget(at)?;
                self.forgotten.borrow_mut().push(v);
                return Ok(Value::Unit);
            }
            _ => {}
        }
        Ok(Value::Unit)
    }

    /// `ManuallyDrop::new(v)`: `v`, whose drop never runs. It is used as itself (`ManuallyDrop`
    /// derefs to it); a copy is kept aside so the drop at the end of its scope lets nothing go.
    pub(crate) fn manually_drop(&self, v: Value, at: At) -> R<Value> {
        let keep = match &v {
            // Another handle to the same `Arc`: the count the value holds stays held.
            Value::Native(n) => match &**n {
                Native::Shared(b, arc) => Value::Native(Rc::new(Native::Shared(b.clone(), *arc))),
                _ => v.clone(),
            },
            _ => v.clone(),
        };
        self.forget(keep, at)?;
        Ok(v)
    }

    /// `RawWakerVTable::new(clone, wake, wake_by_ref, drop)`: four functions of the program's.
    pub(crate) fn vtable_new(&self, args: &[Value], at: At) -> R<Value> {
        let mut fns = [0u32; 4];
        for (i, (slot, name)) in fns.iter_mut().zip(["clone", "wake", "wake_by_ref", "drop"]).enumerate() {
            match args.get(i).map(deref_all) {
                Some(Value::Fn(f)) => *slot = f,
                Some(other) => {
                    return Err(at.err(format!(
                        "`RawWakerVTable::new` takes four functions of yours (`{name}` is {}): write each as a `fn` item",
                        other.type_name()
                    )))
                }
                None => return Err(at.err("`RawWakerVTable::new` takes four functions: clone, wake, wake_by_ref, drop")),
            }
        }
        Ok(Value::Native(Rc::new(Native::VTable(fns))))
    }

    /// `RawWaker::new(data, &VTABLE)`.
    pub(crate) fn raw_waker_new(&self, data: &Value, vtable: &Value, at: At) -> R<Value> {
        let p = deref_all(data);
        if !matches!(&p, Value::Native(n) if matches!(&**n, Native::RawPtr(_) | Native::RawAddr(_) | Native::RawPlace(_))) {
            return Err(at.err(format!(
                "`RawWaker::new` takes a raw pointer (`Arc::into_raw(arc) as *const ()`, `id as *const ()` or `std::ptr::null()`), not {}",
                data.type_name()
            )));
        }
        let fns = match deref_all(vtable) {
            Value::Native(n) => match &*n {
                Native::VTable(f) => *f,
                _ => return Err(at.err(format!("`RawWaker::new` takes a `&RawWakerVTable`, not {}", vtable.type_name()))),
            },
            other => return Err(at.err(format!("`RawWaker::new` takes a `&RawWakerVTable`, not {}", other.type_name()))),
        };
        Ok(Value::Native(Rc::new(Native::RawWaker(p, fns))))
    }
}
