//! Pattern matching, with Rust's default binding modes: matching through a reference binds
//! references (to aggregates, their handles; to anything else, its place).

use std::rc::Rc;

use super::code::CPat;
use super::ops::eq_simple;
use super::rt::{read_ptr, At, R};
use super::value::*;

/// Bindings made by a match: slot, whether boxed, value.
pub type Binds = Vec<(u16, bool, Value)>;

/// Whether `v` matches `p`; its bindings go to `binds` (only if it matches).
pub fn matches(p: &CPat, v: &Value, by_ref: bool, binds: &mut Binds, at: At) -> R<bool> {
    // `_` matches anything and binds nothing (the step form's `select!` arms write it): `go`,
    // which a step-form embed then never enters, ships in the language's module.
    if matches!(p, CPat::Wild) {
        return Ok(true);
    }
    let place = match v {
        Value::Ref(ptr) => Some(ptr.clone()),
        _ => None,
    };
    let start = binds.len();
    let ok = go(p, v, place, by_ref, binds, at)?;
    if !ok {
        binds.truncate(start);
    }
    Ok(ok)
}

fn go(p: &CPat, v: &Value, place: Option<Rc<Ptr>>, by_ref: bool, binds: &mut Binds, at: At) -> R<bool> {
    // Through a reference: the value it leads to, bound by reference.
    if let Value::Ref(ptr) = v {
        if !matches!(p, CPat::Bind(..) | CPat::Wild) {
            let (mut ptr, mut hops) = (ptr.clone(), 0);
            let mut inner = read_ptr(&ptr).ok_or_else(|| at.err(super::rt::MOVED))?;
            // A reference to a reference, a bounded number of times (`r = &r` refers to itself).
            while let Value::Ref(next) = &inner {
                hops += 1;
                if hops > 16 {
                    return Err(at.err("this reference leads only to references: there is no value to match"));
                }
                ptr = next.clone();
                inner = read_ptr(&ptr).ok_or_else(|| at.err(super::rt::MOVED))?;
            }
            let place = if super::rt::is_aggregate(&inner) { None } else { Some(ptr.clone()) };
            return go(p, &inner, place, true, binds, at);
        }
    }
    // `&*arc` is compiled as a reborrow of the `Arc`: a tuple or struct pattern against it
    // matches what it shares, bound by reference (`let (lock, cvar) = &*pair;`).
    if let (Value::Native(n), CPat::Fields(..)) = (v, p) {
        if let Native::Shared(b, _) = &**n {
            let inner = b.value.borrow().clone();
            return go(p, &inner, None, true, binds, at);
        }
    }
    Ok(match p {
        CPat::Wild => true,
        CPat::Bind(l, boxed, explicit_ref, sub) => {
            if let Some(sub) = sub {
                if !go(sub, v, place.clone(), by_ref, binds, at)? {
                    return Ok(false);
                }
            }
            let value = if (by_ref || *explicit_ref) && !super::rt::is_aggregate(v) && !matches!(v, Value::Ref(_)) {
                match place {
                    Some(ptr) => Value::Ref(ptr),
                    None => v.clone(),
                }
            } else if by_ref {
                v.clone()
            } else {
                v.copied()
            };
            binds.push((*l, *boxed, value));
            true
        }
        CPat::Lit(lit) => {
            if matches!(v, Value::Void) {
                return Err(at.err(super::rt::MOVED));
            }
            eq_simple(v, lit)
        }
        CPat::Range(lo, hi, inclusive) => {
            let key = |x: &Value| -> Option<i128> {
                match super::rt::deref_all(x) {
                    Value::Int(b, t) => Some(int_of(b, t)),
                    Value::Char(c) => Some(i128::from(u32::from(c))),
                    _ => None,
                }
            };
            let Some(n) = key(v) else { return Err(at.err(format!("a range pattern needs a number or a char, not {}", v.type_name()))) };
            let above = lo.as_ref().and_then(key).is_none_or(|l| n >= l);
            let below = hi.as_ref().and_then(key).is_none_or(|h| if *inclusive { n <= h } else { n < h });
            above && below
        }
        CPat::Variant(t, var) => match v {
            Value::Obj(o) if o.ty == *t => matches!(&*o.data.borrow(), Data::Variant(x, _) if x == var),
            Value::Obj(_) => false,
            other => return Err(at.err(format!("expected an enum here, found {}", other.type_name()))),
        },
        CPat::Fields(check, items, rest) => {
            let Value::Obj(o) = v else {
                if matches!(v, Value::Unit) && items.is_empty() && check.is_none() {
                    return Ok(true);
                }
                return Err(at.err(format!("this pattern does not fit {}", v.type_name())));
            };
            if let Some((t, variant)) = check {
                if o.ty != *t {
                    return Ok(false);
                }
                if let Some(var) = variant {
                    if !matches!(&*o.data.borrow(), Data::Variant(x, _) if x == var) {
                        return Ok(false);
                    }
                }
            } else if o.ty != ty::TUPLE {
                return Err(at.err(format!("a tuple pattern does not fit {}", v.type_name())));
            }
            let fields = match &*o.data.borrow() {
                Data::Fields(f) | Data::Variant(_, f) => f.clone(),
                _ => return Ok(false),
            };
            let n = fields.len();
            for (k, item) in items.iter().enumerate() {
                let i = match rest {
                    Some(r) if k >= *r => match n.checked_sub(items.len() - k) {
                        Some(i) => i,
                        None => return Ok(false),
                    },
                    _ => k,
                };
                let Some(f) = fields.get(i) else { return Ok(false) };
                let fplace = if super::rt::is_aggregate(f) { None } else { Some(Rc::new(Ptr::Field(o.clone(), i as u32))) };
                if !go(item, f, fplace, by_ref, binds, at)? {
                    return Ok(false);
                }
            }
            true
        }
        CPat::Named(t, variant, fps) => {
            let Value::Obj(o) = v else { return Err(at.err(format!("a struct pattern does not fit {}", v.type_name()))) };
            if o.ty != *t {
                return Ok(false);
            }
            let fields = match (&*o.data.borrow(), variant) {
                (Data::Variant(x, f), Some(var)) if x == var => f.clone(),
                (Data::Variant(..), _) => return Ok(false),
                (Data::Fields(f), None) => f.clone(),
                _ => return Ok(false),
            };
            for (i, fp) in fps {
                let Some(f) = fields.get(*i as usize) else { return Ok(false) };
                let fplace = if super::rt::is_aggregate(f) { None } else { Some(Rc::new(Ptr::Field(o.clone(), *i))) };
                if !go(fp, f, fplace, by_ref, binds, at)? {
                    return Ok(false);
                }
            }
            true
        }
        CPat::Deref(inner) => {
            let target = match v {
                Value::Ref(ptr) => read_ptr(ptr).ok_or_else(|| at.err(super::rt::MOVED))?,
                other => other.clone(),
            };
            go(inner, &target, None, false, binds, at)?
        }
        CPat::Or(alts) => {
            for a in alts {
                let start = binds.len();
                if go(a, v, place.clone(), by_ref, binds, at)? {
                    return Ok(true);
                }
                binds.truncate(start);
            }
            false
        }
        CPat::Slice(before, rest, after) => {
            let Value::Obj(o) = v else { return Err(at.err(format!("a slice pattern does not fit {}", v.type_name()))) };
            let items: Vec<Value> = match &*o.data.borrow() {
                Data::Vec(f) | Data::Fields(f) => f.clone(),
                Data::Deque(f) => f.iter().cloned().collect(),
                _ => return Err(at.err(format!("a slice pattern does not fit {}", v.type_name()))),
            };
            let fixed = before.len() + after.len();
            if rest.is_none() && items.len() != fixed || items.len() < fixed {
                return Ok(false);
            }
            for (i, bp) in before.iter().enumerate() {
                if !go(bp, &items[i], None, by_ref, binds, at)? {
                    return Ok(false);
                }
            }
            let tail = items.len() - after.len();
            for (k, ap) in after.iter().enumerate() {
                if !go(ap, &items[tail + k], None, by_ref, binds, at)? {
                    return Ok(false);
                }
            }
            if let Some(Some(rp)) = rest {
                let mid = Value::vec(items[before.len()..tail].to_vec());
                if !go(rp, &mid, None, false, binds, at)? {
                    return Ok(false);
                }
            }
            true
        }
    })
}
