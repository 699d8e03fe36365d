//! `std::any`: what type a value is, asked at run time (`downcast_ref::<T>()`, `is::<T>()`,
//! `type_id()`, `type_name_of_val`), against a type written in the program (`TypeId::of::<T>()`,
//! `type_name::<T>()`).
//!
//! Both sides come to a *key*, a type's text with std's types by their short names (`i32`,
//! `&str`, `String`, `Vec<u8>`, `Option<(i32, char)>`, a program's type by its name alone). A
//! value carries its type only in part: a `Vec`'s elements are read from its first one, and an
//! empty `Vec`'s are not known (`Vec<_>`), nor a program's generic type's arguments (its key is
//! its name). A `_` in a value's key, or arguments it lacks, fit any (a `downcast_ref::<Vec<u8>>()`
//! of an empty `Vec` finds it); two `TypeId`s are equal when their keys are.

use std::rc::Rc;

use super::ast::Type;
use super::code::Code;
use super::lexer::IntTy;
use super::rt::read_ptr;
use super::value::{ty, Data, Native, Obj, Value};

/// How deep a value's key is read (a `Vec<Vec<…>>` nested deeper reads as `_` there).
const DEPTH: usize = 8;

/// The key of a written type (see the module's text), or `None` for a type it has none of here
/// (`dyn Trait`, `impl Trait`, a function pointer). `param` gives a type parameter's key, or
/// `None` where the name is not one; `user` says whether a name is one of the program's types
/// (whose arguments are left out, as a value's key leaves them out).
pub fn type_key(t: &Type, param: &dyn Fn(&str) -> Option<Option<String>>, user: &dyn Fn(&str) -> bool) -> Option<String> {
    let list = |ts: &[Type]| -> Option<Vec<String>> { ts.iter().map(|t| type_key(t, param, user)).collect() };
    Some(match t {
        Type::Ref(_, inner) => match &**inner {
            Type::Path(p) if p.segs.len() == 1 && p.last() == "str" => "&str".into(),
            // A reference reads as what it refers to (a value's key follows references too).
            _ => type_key(inner, param, user)?,
        },
        Type::Tuple(ts) => format!("({})", list(ts)?.join(", ")),
        Type::Array(inner, Some(n)) => format!("[{}; {n}]", type_key(inner, param, user)?),
        Type::Array(inner, None) | Type::Slice(inner) => format!("[{}]", type_key(inner, param, user)?),
        Type::Infer => "_".into(),
        Type::Path(p) => {
            let last = p.segs.last()?;
            let name = &*last.name;
            if p.segs.len() == 1 && last.generics.is_empty() {
                if let Some(k) = param(name) {
                    return k;
                }
            }
            if user(name) {
                return Some(name.to_string());
            }
            match (name, last.generics.as_slice()) {
                // `Box` and `Pin` are transparent here: a boxed value is the value.
                ("Box" | "Pin", [inner]) => type_key(inner, param, user)?,
                ("str", []) => "str".into(),
                (_, []) => name.to_string(),
                (_, gs) => format!("{name}<{}>", list(gs)?.join(", ")),
            }
        }
        Type::Ptr(..) | Type::Opaque | Type::Never => return None,
    })
}

/// A value's key (see the module's text).
pub fn value_key(code: &Code, v: &Value) -> String {
    let mut out = String::new();
    key_into(code, v, DEPTH, &mut out);
    out
}

fn key_into(code: &Code, v: &Value, depth: usize, out: &mut String) {
    if depth == 0 {
        out.push('_');
        return;
    }
    let item = |x: Option<&Value>, out: &mut String| match x {
        Some(x) => key_into(code, x, depth - 1, out),
        None => out.push('_'),
    };
    let generic = |name: &str, args: &[Option<&Value>], out: &mut String| {
        out.push_str(name);
        out.push('<');
        for (i, a) in args.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            item(*a, out);
        }
        out.push('>');
    };
    match v {
        Value::Ref(p) => match read_ptr(p) {
            Some(x) => key_into(code, &x, depth - 1, out),
            None => out.push('_'),
        },
        Value::Unit => out.push_str("()"),
        Value::Bool(_) => out.push_str("bool"),
        Value::Char(_) => out.push_str("char"),
        Value::Str(_) => out.push_str("&str"),
        Value::Int(_, t) => out.push_str(t.unwrap_or(IntTy::I32).name()),
        Value::Float(_, t) => out.push_str(t.map_or("f64", |t| t.name())),
        Value::Dur(_) => out.push_str("Duration"),
        Value::Instant(_) => out.push_str("Instant"),
        Value::Waker(_) | Value::CxWaker => out.push_str("Waker"),
        Value::Ctx(_) => out.push_str("Context"),
        Value::Obj(o) => obj_key(code, o, depth, out),
        Value::Native(n) => match &**n {
            Native::Shared(b, arc) => {
                let inner = b.value.borrow().clone();
                generic(if *arc { "Arc" } else { "Rc" }, &[Some(&inner)], out);
            }
            Native::IntError(e) => out.push_str(e.debug().split([' ', '(']).next().unwrap_or_default()),
            // Any other built-in by the name its messages give it, arguments unknown.
            _ => out.push_str(v.type_name().trim_start_matches("a ").trim_start_matches("an ").trim_matches('`')),
        },
        // A closure's, a function's or a future's type has no name a program can write.
        Value::Closure(_) | Value::Fn(_) | Value::Builtin(_) => out.push_str("{closure}"),
        Value::Fut(_) | Value::Ready(_) => out.push_str("{future}"),
        Value::Void | Value::Place(_) => out.push('_'),
    }
}

fn obj_key(code: &Code, o: &Rc<Obj>, depth: usize, out: &mut String) {
    let data = o.data.borrow();
    let sub = |x: Option<&Value>, out: &mut String| match x {
        Some(x) => key_into(code, x, depth - 1, out),
        None => out.push('_'),
    };
    let name = code.types.get(o.ty as usize).map_or("_", |t| &*t.name);
    match (o.ty, &*data) {
        (ty::STRING, _) => out.push_str("String"),
        (ty::TUPLE, Data::Fields(f)) => {
            out.push('(');
            for (i, x) in f.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                sub(Some(x), out);
            }
            out.push(')');
        }
        (ty::ARRAY, Data::Fields(f)) => {
            out.push('[');
            sub(f.first(), out);
            out.push_str(&format!("; {}]", f.len()));
        }
        (ty::VEC, Data::Vec(f)) | (ty::HEAP, Data::Vec(f)) | (ty::SET | ty::BTREE_SET, Data::Vec(f)) => {
            out.push_str(if o.ty == ty::VEC { "Vec" } else { name });
            out.push('<');
            sub(f.first(), out);
            out.push('>');
        }
        (ty::DEQUE, Data::Deque(f)) => {
            out.push_str("VecDeque<");
            sub(f.front(), out);
            out.push('>');
        }
        (ty::MAP | ty::BTREE_MAP, Data::Map(m)) => {
            out.push_str(name);
            out.push('<');
            let first = m.iter().next();
            sub(first.map(|(k, _)| k), out);
            out.push_str(", ");
            sub(first.map(|(_, v)| v), out);
            out.push('>');
        }
        // `Some(x)` tells `T`; `None` does not. `Ok` tells `T`, `Err` tells `E`.
        (ty::OPTION | ty::RESULT | ty::POLL | ty::REVERSE, _) => {
            let (known, at) = match &*data {
                Data::Variant(v, f) => (f.first(), *v as usize),
                Data::Fields(f) => (f.first(), 0),
                _ => (None, 0),
            };
            out.push_str(name);
            out.push('<');
            if o.ty == ty::RESULT {
                sub(if at == 0 { known } else { None }, out);
                out.push_str(", ");
                sub(if at == 1 { known } else { None }, out);
            } else {
                sub(if o.ty == ty::OPTION && at == 0 { None } else { known }, out);
            }
            out.push('>');
        }
        // A program's type (its arguments are not kept), and std's others, by name.
        _ => out.push_str(name),
    }
}

/// Whether a value whose key is `have` is of the type whose key is `asked`: each `_` in `have`
/// fits any one type in `asked`, and a name in `have` without arguments fits that name with any
/// (`Wrapper` fits `Wrapper<i32>`).
pub fn fits(have: &str, asked: &str) -> bool {
    let (h, a) = (have.as_bytes(), asked.as_bytes());
    let (mut i, mut j) = (0, 0);
    // The end of the type that starts at `k`: at a `,`, `>`, `)`, `]` or `;` outside brackets.
    let skip = |s: &[u8], mut k: usize| {
        let mut depth = 0usize;
        while k < s.len() {
            match s[k] {
                b'<' | b'(' | b'[' => depth += 1,
                b'>' | b')' | b']' if depth == 0 => break,
                b'>' | b')' | b']' => depth -= 1,
                b',' | b';' if depth == 0 => break,
                _ => {}
            }
            k += 1;
        }
        k
    };
    while i < h.len() && j < a.len() {
        let word_start = i == 0 || matches!(h[i - 1], b'<' | b'(' | b'[' | b' ' | b'&');
        if h[i] == b'_' && word_start && (i + 1 == h.len() || matches!(h[i + 1], b',' | b'>' | b')' | b']' | b';')) {
            i += 1;
            j = skip(a, j);
            continue;
        }
        if h[i] != a[j] {
            return false;
        }
        i += 1;
        j += 1;
        // `have` ends its name where `asked` gives arguments: they fit.
        let name_ended = i == h.len() || matches!(h[i], b',' | b'>' | b')' | b']' | b';');
        if name_ended && j < a.len() && a[j] == b'<' && h[i - 1].is_ascii_alphanumeric() {
            j = skip(a, j + 1);
            j += usize::from(j < a.len() && a[j] == b'>');
        }
    }
    i == h.len() && j == a.len()
}

/// A key as `std::any::type_name` spells the type: std's types by their paths.
pub fn display(key: &str) -> String {
    const PATHS: &[(&str, &str)] = &[
        ("String", "alloc::string::String"),
        ("Vec", "alloc::vec::Vec"),
        ("VecDeque", "alloc::collections::vec_deque::VecDeque"),
        ("Option", "core::option::Option"),
        ("Result", "core::result::Result"),
        ("Rc", "alloc::rc::Rc"),
        ("Arc", "alloc::sync::Arc"),
        ("HashMap", "std::collections::hash::map::HashMap"),
        ("HashSet", "std::collections::hash::set::HashSet"),
        ("BTreeMap", "alloc::collections::btree::map::BTreeMap"),
        ("BTreeSet", "alloc::collections::btree::set::BTreeSet"),
        ("BinaryHeap", "alloc::collections::binary_heap::BinaryHeap"),
        ("Duration", "core::time::Duration"),
        ("Instant", "std::time::Instant"),
        ("Cell", "core::cell::Cell"),
        ("RefCell", "core::cell::RefCell"),
        ("Mutex", "std::sync::poison::mutex::Mutex"),
        ("Reverse", "core::cmp::Reverse"),
        ("Ordering", "core::cmp::Ordering"),
    ];
    let mut out = String::with_capacity(key.len() * 2);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        match PATHS.iter().find(|(k, _)| *k == word.as_str()) {
            Some((_, path)) => out.push_str(path),
            None => out.push_str(word),
        }
        word.clear();
    };
    for c in key.chars() {
        if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// A `TypeId`: a tuple struct of std's holding its type's key.
pub fn type_id(key: String) -> Value {
    Value::Obj(Obj::new(ty::TYPE_ID, true, Data::Fields(vec![Value::Str(Rc::from(key))])))
}

/// How a `TypeId` prints (`TypeId(0x…)`, 32 hex digits as std's): a hash of its key (std's is
/// the compiler's own, which no other program shares).
pub fn type_id_debug(key: &str) -> String {
    // FNV-1a, 128 bits.
    let mut h: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for b in key.bytes() {
        h ^= u128::from(b);
        h = h.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    format!("TypeId({h:#034x})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_fits_the_same_key_and_unknown_parts_fit_any() {
        for (have, asked, want) in [
            ("i32", "i32", true),
            ("i32", "u8", false),
            ("i32", "i32x", false),
            ("&str", "&str", true),
            ("&str", "String", false),
            ("Vec<_>", "Vec<u8>", true),
            ("Vec<_>", "Vec<Vec<(u8, char)>>", true),
            ("Vec<u8>", "Vec<u16>", false),
            ("Vec<u8>", "VecDeque<u8>", false),
            ("Wrapper", "Wrapper<i32>", true),
            ("Wrapper", "Wrapper<Vec<i32>>", true),
            ("Wrapper", "Wrappers", false),
            ("(i32, _)", "(i32, String)", true),
            ("(i32, _)", "(u8, String)", false),
            ("Option<_>", "Option<Option<i32>>", true),
            ("Result<i32, _>", "Result<i32, String>", true),
            ("Result<i32, _>", "Result<u8, String>", false),
            ("[u8; 3]", "[u8; 3]", true),
            ("[u8; 3]", "[u8; 4]", false),
            ("Point", "Point", true),
            ("Point", "Vec<Point>", false),
            ("Vec<Point>", "Vec<Point<u8>>", true),
        ] {
            assert_eq!(fits(have, asked), want, "{have} against {asked}");
        }
    }

    #[test]
    fn a_key_displays_as_std_spells_the_type() {
        assert_eq!(display("Vec<Option<i32>>"), "alloc::vec::Vec<core::option::Option<i32>>");
        assert_eq!(display("HashMap<i32, String>"), "std::collections::hash::map::HashMap<i32, alloc::string::String>");
        assert_eq!(display("&str"), "&str");
        assert_eq!(display("(Point, u8)"), "(Point, u8)");
        assert_eq!(type_id_debug("i32").len(), "TypeId(0x)".len() + 32);
        assert_ne!(type_id_debug("i32"), type_id_debug("u32"));
    }
}
