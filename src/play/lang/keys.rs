//! A `HashMap`'s and a `HashSet`'s keys found by hash, as std finds them, rather than by
//! comparing each one: a grid search that keeps 10,000 visited cells makes 10,000 look-ups, not
//! 50 million comparisons.
//!
//! The keys stay where they were (a map's pairs and a set's elements in insertion order, which
//! is how the playground iterates them); the index beside them says where each hash is. It is
//! valid only while the contents were not borrowed to change since it was made
//! ([`DataCell::changes`]): a change by any path makes the next look-up rebuild it, so a stale
//! index is never read. The two common changes, a key added at the end and a value replaced,
//! keep it valid ([`appended`], [`DataCell::borrow_mut_values`]). A `BTreeMap` or `BTreeSet`
//! keeps its keys in order, and small maps and sets are searched key by key.

use super::ops::eq_simple;
use super::rt::{deref_all, MAX_VALUE_DEPTH};
use super::value::{int_of, ty, Data, KeyIndex, Native, Obj, Value};

/// No next position.
const NONE: u32 = u32::MAX;

/// Up to this many keys, a look-up compares them one by one: no index is made.
const SMALL: usize = 8;

fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(0x517c_c1b7_2722_0a95)
}

fn hash_str(s: &str) -> u64 {
    s.as_bytes().chunks(8).fold(mix(9, s.len() as u64), |h, c| {
        let mut w = [0u8; 8];
        w[..c.len()].copy_from_slice(c);
        mix(h, u64::from_le_bytes(w))
    })
}

/// A hash of a key that agrees with [`eq_simple`]: keys it finds equal hash the same.
pub fn hash(v: &Value) -> u64 {
    hash_depth(v, 0)
}

fn hash_depth(v: &Value, depth: usize) -> u64 {
    if depth > MAX_VALUE_DEPTH {
        return 0;
    }
    match v {
        Value::Ref(_) => hash_depth(&deref_all(v), depth + 1),
        Value::Native(n) if matches!(&**n, Native::Shared(..)) => hash_depth(&deref_all(v), depth + 1),
        Value::Int(x, s) => {
            let i = int_of(*x, *s);
            mix(mix(1, i as u64), (i >> 64) as u64)
        }
        // `-0.0 == 0.0`: both hash as 0.0.
        Value::Float(x, _) => mix(10, if *x == 0.0 { 0 } else { x.to_bits() }),
        Value::Bool(b) => mix(2, u64::from(*b)),
        Value::Char(c) => mix(3, u64::from(*c)),
        Value::Unit => 4,
        Value::Str(s) => hash_str(s),
        Value::Obj(o) => match o.data.try_borrow().as_deref() {
            Ok(Data::Str(s)) => hash_str(s),
            Ok(Data::Fields(f) | Data::Vec(f)) => f.iter().fold(5, |h, x| mix(h, hash_depth(x, depth + 1))),
            Ok(Data::Variant(i, f)) => f.iter().fold(mix(6, u64::from(*i)), |h, x| mix(h, hash_depth(x, depth + 1))),
            _ => 7,
        },
        _ => 8,
    }
}

/// The key at position `i` of a map's pairs or a set's elements.
fn key_at(d: &Data, i: usize) -> Option<&Value> {
    match d {
        Data::Map(m) => m.get(i).map(|(k, _)| k),
        Data::Vec(v) => v.get(i),
        _ => None,
    }
}

fn len(d: &Data) -> usize {
    match d {
        Data::Map(m) => m.len(),
        Data::Vec(v) => v.len(),
        _ => 0,
    }
}

/// Where `key` is among `o`'s keys (a map's, or a set's elements).
pub fn find(o: &Obj, key: &Value) -> Option<usize> {
    let d = o.data.borrow();
    let n = len(&d);
    if !matches!(o.ty, ty::MAP | ty::SET) || n <= SMALL || n >= NONE as usize {
        return (0..n).find(|&i| key_at(&d, i).is_some_and(|k| eq_simple(k, key)));
    }
    let index = match o.data.index.take() {
        Some(ix) if ix.changes == o.data.changes() && ix.len == n => ix,
        _ => build(&d, n, o.data.changes()),
    };
    let mut at = index.first.get(&hash(key)).copied().unwrap_or(NONE);
    let mut found = None;
    while at != NONE {
        if key_at(&d, at as usize).is_some_and(|k| eq_simple(k, key)) {
            found = Some(at as usize);
            break;
        }
        at = index.next.get(at as usize).copied().unwrap_or(NONE);
    }
    o.data.index.set(Some(index));
    found
}

fn build(d: &Data, n: usize, changes: u32) -> Box<KeyIndex> {
    let mut ix = Box::new(KeyIndex { changes, len: n, first: Default::default(), next: Vec::with_capacity(n) });
    ix.first.reserve(n);
    for i in 0..n {
        let h = key_at(d, i).map_or(0, hash);
        let head = ix.first.insert(h, i as u32).unwrap_or(NONE);
        ix.next.push(head);
    }
    ix
}

/// After `key` was added at the end of `o`'s keys by one mutable borrow: the index, if it was
/// valid before that borrow, takes it in and stays valid (else it is rebuilt at the next
/// look-up).
pub fn appended(o: &Obj, key: &Value) {
    let Some(mut ix) = o.data.index.take() else { return };
    let n = len(&o.data.borrow());
    if ix.changes.wrapping_add(1) != o.data.changes() || ix.len + 1 != n {
        return;
    }
    let head = ix.first.insert(hash(key), (n - 1) as u32).unwrap_or(NONE);
    ix.next.push(head);
    ix.len = n;
    ix.changes = o.data.changes();
    o.data.index.set(Some(ix));
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::rc::Rc;

    fn int(n: i64) -> Value {
        Value::Int(n as u64, None)
    }

    #[test]
    fn keys_equal_by_eq_simple_hash_the_same() {
        let s = Value::Str(Rc::from("abc"));
        let owned = Value::string("abc".into());
        assert!(eq_simple(&s, &owned) && hash(&s) == hash(&owned));
        let typed = Value::Int(5, Some(crate::play::lang::IntTy::U8));
        assert!(eq_simple(&typed, &int(5)) && hash(&typed) == hash(&int(5)));
        let (a, b) = (Value::tuple(vec![int(1), int(2)]), Value::tuple(vec![int(1), int(2)]));
        assert!(eq_simple(&a, &b) && hash(&a) == hash(&b));
        assert_ne!(hash(&Value::tuple(vec![int(2), int(1)])), hash(&a));
    }

    #[test]
    fn a_set_finds_every_key_through_its_index_after_any_change() {
        let set = Obj::new(ty::SET, false, Data::Vec((0..100).map(int).collect()));
        assert_eq!(find(&set, &int(73)), Some(73));
        assert_eq!(find(&set, &int(100)), None);
        // Added at the end and taken in by the index.
        if let Data::Vec(v) = &mut *set.data.borrow_mut() {
            v.push(int(100));
        }
        appended(&set, &int(100));
        assert_eq!(find(&set, &int(100)), Some(100));
        // A change the index is not told of: the keys move, and the next look-up rebuilds it.
        if let Data::Vec(v) = &mut *set.data.borrow_mut() {
            v.remove(0);
            v.swap(10, 20);
        }
        assert_eq!(find(&set, &int(0)), None);
        assert_eq!(find(&set, &int(11)), Some(20));
        assert_eq!(find(&set, &int(21)), Some(10));
        assert_eq!(find(&set, &int(100)), Some(99));
        // Told of an append it was not valid before: it drops itself, and is rebuilt.
        if let Data::Vec(v) = &mut *set.data.borrow_mut() {
            v.push(int(500));
            v.push(int(501));
        }
        appended(&set, &int(501));
        assert_eq!(find(&set, &int(500)), Some(100));
        assert_eq!(find(&set, &int(501)), Some(101));
    }

    #[test]
    fn a_map_finds_string_keys_and_keeps_its_index_when_a_value_changes() {
        let pairs = (0..50).map(|i| (Value::string(format!("k{i}")), int(i))).collect();
        let map = Obj::new(ty::MAP, false, Data::Map(pairs));
        assert_eq!(find(&map, &Value::Str(Rc::from("k42"))), Some(42));
        let before = map.data.changes();
        if let Ok(mut d) = map.data.borrow_mut_values() {
            if let Data::Map(m) = &mut *d {
                m[42].1 = int(-1);
            }
        }
        assert_eq!(map.data.changes(), before);
        assert_eq!(find(&map, &Value::Str(Rc::from("k42"))), Some(42));
        assert_eq!(find(&map, &Value::Str(Rc::from("k50"))), None);
    }
}
