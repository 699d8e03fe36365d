//! `std::any`: what type a value is, asked at run time (`downcast_ref::<T>()`, `is::<T>()`,
//! `type_id()`, `type_name_of_val`), against a type written in the program (`TypeId::of::<T>()`,
//! `type_name::<T>()`).
//!
//! Both sides come to a *key*, a type's text with std's types by their short names (`i32`,
//! `&str`, `String`, `Vec<u8>`, `Option<(i32, char)>`) and a program's types marked (`·Point`,
//! so that a program's `Cell` is never std's). A value carries its type only in part: a `Vec`'s
//! elements are read from its first one, an empty `Vec`'s are not known (`Vec<_>`), nor a
//! `None`'s, nor a program's generic struct's arguments. Where the answer hangs on a part not
//! known, it is an error that says so, not a guess.

use std::rc::Rc;

use super::ast::Type;
use super::code::Code;
use super::lexer::IntTy;
use super::rt::{deref_all, read_ptr};
use super::value::{ty, Data, Native, Obj, Value};

/// How deep a value's key is read (a `Vec<Vec<…>>` nested deeper reads as `_` there).
const DEPTH: usize = 8;
/// How long a value's key may grow (a tuple of `Rc`s of tuples shares its parts: read whole,
/// its key would grow as their product).
const BUDGET: usize = 1024;
/// What marks a program's own type in a key.
pub const OWN: char = '·';

/// Why a value's type cannot be told, for the messages.
pub const UNSURE: &str =
    "an empty collection's elements, a `None`'s value and a generic struct's or enum's type arguments are not kept at run time";

/// The key of a written type (see the module's text), or `None` for a type it has none of here
/// (`dyn Trait`, `impl Trait`, a function pointer). `param` gives a type parameter's key, or
/// `None` where the name is not one; `user` says whether a name is one of the program's types.
/// `exact`: `&` and `Box<…>` are kept (`TypeId::of`, `type_name`); else a reference and a box
/// read as what they hold, as a value's key does (a `downcast_ref::<T>()`'s `T`).
pub fn type_key(t: &Type, exact: bool, param: &dyn Fn(&str) -> Option<Option<String>>, user: &dyn Fn(&str) -> bool) -> Option<String> {
    let list = |ts: &[Type]| -> Option<Vec<String>> { ts.iter().map(|t| type_key(t, exact, param, user)).collect() };
    Some(match t {
        Type::Ref(m, inner) => match &**inner {
            Type::Path(p) if p.segs.len() == 1 && p.last() == "str" => "&str".into(),
            _ if exact => format!("&{}{}", if *m { "mut " } else { "" }, type_key(inner, exact, param, user)?),
            // A reference reads as what it refers to (a value's key follows references too).
            _ => type_key(inner, exact, param, user)?,
        },
        Type::Tuple(ts) if ts.len() == 1 => format!("({},)", list(ts)?.join(", ")),
        Type::Tuple(ts) => format!("({})", list(ts)?.join(", ")),
        Type::Array(inner, Some(n)) => format!("[{}; {n}]", type_key(inner, exact, param, user)?),
        Type::Array(inner, None) | Type::Slice(inner) => format!("[{}]", type_key(inner, exact, param, user)?),
        Type::Infer => "_".into(),
        Type::Path(p) => {
            let last = p.segs.last()?;
            let name = &*last.name;
            if p.segs.len() == 1 && last.generics.is_empty() {
                if let Some(k) = param(name) {
                    return k;
                }
            }
            let shown = if user(name) { format!("{OWN}{name}") } else { name.to_string() };
            match (name, last.generics.as_slice()) {
                // A box is its value here.
                ("Box", [inner]) if !exact => type_key(inner, exact, param, user)?,
                ("Pin", [inner]) if !exact => type_key(inner, exact, param, user)?,
                (_, []) => shown,
                (_, gs) => format!("{shown}<{}>", list(gs)?.join(", ")),
            }
        }
        Type::Ptr(..) | Type::Opaque | Type::Never => return None,
    })
}

/// A value's key (see the module's text), and whether every part of it is known.
pub fn value_key(code: &Code, v: &Value) -> (String, bool) {
    let mut out = String::new();
    let mut sure = true;
    key_into(code, v, DEPTH, &mut out, &mut sure);
    (out, sure)
}

fn key_into(code: &Code, v: &Value, depth: usize, out: &mut String, sure: &mut bool) {
    if depth == 0 || out.len() > BUDGET {
        out.push('_');
        *sure = false;
        return;
    }
    match v {
        Value::Ref(p) => match read_ptr(p) {
            Some(x) => key_into(code, &x, depth - 1, out, sure),
            None => {
                out.push('_');
                *sure = false;
            }
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
        Value::Obj(o) => obj_key(code, o, depth, out, sure),
        Value::Native(n) => match &**n {
            Native::Shared(b, arc) => {
                let inner = b.value.borrow().clone();
                out.push_str(if *arc { "Arc<" } else { "Rc<" });
                key_into(code, &inner, depth - 1, out, sure);
                out.push('>');
            }
            Native::IntError(e) => out.push_str(e.debug().split([' ', '(']).next().unwrap_or_default()),
            // A cell or a lock, and what it holds (a `try_borrow`: one borrowed for writing is
            // not read).
            Native::Cell(c) => wrapped(code, "Cell", c.try_borrow().ok().map(|v| v.clone()), depth, out, sure),
            Native::RefCell(l) | Native::Mutex(l) | Native::RwLock(l) => {
                let name = match &**n {
                    Native::RefCell(_) => "RefCell",
                    Native::Mutex(_) => "Mutex",
                    _ => "RwLock",
                };
                wrapped(code, name, l.value.try_borrow().ok().map(|v| v.clone()), depth, out, sure);
            }
            // Any other built-in by the name its messages give it, its arguments not read.
            _ => {
                out.push_str(v.type_name().trim_start_matches("a ").trim_start_matches("an ").trim_matches('`'));
                *sure = false;
            }
        },
        // A closure's, a function's or a future's type has no name a program can write.
        Value::Closure(_) | Value::Fn(_) | Value::Builtin(_) => out.push_str("{closure}"),
        Value::Fut(_) | Value::Ready(_) => out.push_str("{future}"),
        Value::Void | Value::Place(_) => {
            out.push('_');
            *sure = false;
        }
    }
}

/// `name<…>` of what a cell or a lock holds (`_` where it cannot be read now).
fn wrapped(code: &Code, name: &str, inner: Option<Value>, depth: usize, out: &mut String, sure: &mut bool) {
    out.push_str(name);
    out.push('<');
    match inner {
        Some(v) => key_into(code, &v, depth - 1, out, sure),
        None => {
            out.push('_');
            *sure = false;
        }
    }
    out.push('>');
}

fn obj_key(code: &Code, o: &Rc<Obj>, depth: usize, out: &mut String, sure: &mut bool) {
    let data = o.data.borrow();
    let mut sub = |x: Option<&Value>, out: &mut String| match x {
        Some(x) => key_into(code, x, depth - 1, out, sure),
        None => {
            out.push('_');
            *sure = false;
        }
    };
    let info = code.types.get(o.ty as usize);
    let name = info.map_or("_", |t| &*t.name);
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
            out.push_str(if f.len() == 1 { ",)" } else { ")" });
        }
        (ty::ARRAY, Data::Fields(f)) => {
            out.push('[');
            sub(f.first(), out);
            out.push_str(&format!("; {}]", f.len()));
        }
        (ty::VEC | ty::HEAP | ty::SET | ty::BTREE_SET, Data::Vec(f)) => {
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
            let first = m.first();
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
        // A program's type (a generic one's arguments are not kept), and std's others by name.
        (t, _) if t >= ty::FIRST_USER => {
            out.push(OWN);
            out.push_str(name);
            if info.is_some_and(|i| i.generic) {
                *sure = false;
            }
        }
        _ => out.push_str(name),
    }
}

/// What a value asked whether it is a type is: it is, it is not, or that hangs on a part of
/// its type that is not known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fit {
    Yes,
    No,
    Unsure,
}

/// `x.is::<T>()`, `downcast_ref`, `downcast_mut`, `downcast` of a value (`recv`) against `T`'s
/// key (`asked`): `None` for another method name; `Err` with a message where the answer
/// hangs on a part of the value's type not kept.
pub fn downcast(code: &Code, recv: &Value, method: &str, asked: &str) -> Option<Result<Value, String>> {
    if !matches!(method, "downcast_ref" | "downcast_mut" | "downcast" | "is") {
        return None;
    }
    // References followed; an `Rc` or an `Arc` is itself first (`a.is::<Rc<i32>>()`), then,
    // for an `Rc<dyn Any>` whose method reaches what it holds, that.
    let d = super::rt::deref_refs(recv);
    let mut have = value_key(code, &d).0;
    let mut fit = fits(&have, asked);
    let d = match (&d, fit) {
        (Value::Native(n), Fit::No) if matches!(**n, Native::Shared(..)) => {
            let inner = deref_all(&d);
            have = value_key(code, &inner).0;
            fit = fits(&have, asked);
            inner
        }
        _ => d,
    };
    let is = match fit {
        Fit::Yes => true,
        Fit::No => false,
        Fit::Unsure => {
            return Some(Err(format!(
                "`{method}::<{}>()`: the playground cannot tell whether this `{}` is one ({UNSURE})",
                shown(asked),
                shown(&have)
            )))
        }
    };
    // A number behind a reference is reached through that reference (`downcast_mut::<u32>()`
    // writes the place).
    let found = || match recv {
        Value::Ref(p) if !matches!(d, Value::Obj(_) | Value::Native(_)) => {
            let mut r = p.clone();
            while let Some(Value::Ref(q)) = read_ptr(&r) {
                r = q;
            }
            Value::Ref(r)
        }
        _ => d.clone(),
    };
    Some(Ok(match method {
        "is" => Value::Bool(is),
        "downcast_ref" | "downcast_mut" => Value::option(is.then(found)),
        _ if is => Value::result(true, d.clone()),
        _ => Value::result(false, recv.clone()),
    }))
}

/// A value's key as text, marked (a leading `?`) where a part of it is not known: what
/// [`sure_key`] reads back.
pub fn key_text(code: &Code, v: &Value) -> String {
    match value_key(code, v) {
        (k, true) => k,
        (k, false) => format!("?{k}"),
    }
}

/// The key [`key_text`] made, or a message where a part of it is not known.
pub fn sure_key(v: &Value) -> Result<String, String> {
    let k = v.as_text().unwrap_or_default();
    match k.strip_prefix('?') {
        Some(k) => Err(format!("the playground cannot tell this `{}`'s whole type ({UNSURE})", shown(k))),
        None => Ok(k),
    }
}

/// A value's `TypeId`, or a message where its type is not all known.
pub fn type_id_of(code: &Code, v: &Value) -> Result<Value, String> {
    let (key, sure) = value_key(code, v);
    if !sure {
        return Err(format!("the playground cannot tell this `{}`'s whole type for its `TypeId` ({UNSURE})", shown(&key)));
    }
    Ok(type_id(key))
}

/// A value's type as `type_name_of_val` spells it, or a message where it is not all known.
pub fn type_name_of(code: &Code, v: &Value) -> Result<Value, String> {
    let (key, sure) = value_key(code, v);
    if !sure {
        return Err(format!("the playground cannot tell this `{}`'s whole type to name it ({UNSURE})", shown(&key)));
    }
    Ok(Value::Str(Rc::from(display(&key))))
}

/// A key as a message shows it: a program's types by their names.
pub fn shown(key: &str) -> String {
    key.replace(OWN, "")
}

/// Whether a value whose key is `have` is of the type whose key is `asked`: `Unsure` where only
/// a `_` in `have` (a part not known), or arguments `have` lacks (a generic struct's), make it
/// fit.
pub fn fits(have: &str, asked: &str) -> Fit {
    let (h, a) = (have.as_bytes(), asked.as_bytes());
    let (mut i, mut j) = (0, 0);
    let mut unsure = false;
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
    let ends = |s: &[u8], k: usize| k == s.len() || matches!(s[k], b',' | b'>' | b')' | b']' | b';');
    while i < h.len() && j < a.len() {
        let word_start = i == 0 || matches!(h[i - 1], b'<' | b'(' | b'[' | b' ' | b'&');
        if h[i] == b'_' && word_start && ends(h, i + 1) {
            i += 1;
            j = skip(a, j);
            unsure = true;
            continue;
        }
        if h[i] != a[j] {
            return Fit::No;
        }
        i += 1;
        j += 1;
        // `have` ends its name where `asked` gives arguments: they are not known.
        if ends(h, i) && j < a.len() && a[j] == b'<' && (h[i - 1].is_ascii_alphanumeric() || h[i - 1] == b'_' || h[i - 1] >= 0x80) {
            j = skip(a, j + 1);
            j += usize::from(j < a.len() && a[j] == b'>');
            unsure = true;
        }
    }
    match (i == h.len() && j == a.len(), unsure) {
        (false, _) => Fit::No,
        (true, false) => Fit::Yes,
        (true, true) => Fit::Unsure,
    }
}

/// A key as `std::any::type_name` spells the type: std's types by their paths.
pub fn display(key: &str) -> String {
    let mut out = String::with_capacity(key.len() * 2);
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        out.push_str(std_path(word).unwrap_or(word));
        word.clear();
    };
    let mut own = false;
    for c in key.chars() {
        if c == OWN {
            own = true;
        } else if c.is_alphanumeric() || c == '_' {
            word.push(c);
        } else {
            if own {
                out.push_str(&word);
                word.clear();
                own = false;
            }
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    if own {
        out.push_str(&word);
        word.clear();
    }
    flush(&mut word, &mut out);
    out
}

/// std's path of one of its types, by its short name (code, not a table: a table's text stays
/// in the page's first module, which every embed's memory holds).
fn std_path(name: &str) -> Option<&'static str> {
    Some(match name {
        "String" => "alloc::string::String",
        "Vec" => "alloc::vec::Vec",
        "VecDeque" => "alloc::collections::vec_deque::VecDeque",
        "Option" => "core::option::Option",
        "Result" => "core::result::Result",
        "Box" => "alloc::boxed::Box",
        "Pin" => "core::pin::Pin",
        "Rc" => "alloc::rc::Rc",
        "Arc" => "alloc::sync::Arc",
        "HashMap" => "std::collections::hash::map::HashMap",
        "HashSet" => "std::collections::hash::set::HashSet",
        "BTreeMap" => "alloc::collections::btree::map::BTreeMap",
        "BTreeSet" => "alloc::collections::btree::set::BTreeSet",
        "BinaryHeap" => "alloc::collections::binary_heap::BinaryHeap",
        "Duration" => "core::time::Duration",
        "Instant" => "std::time::Instant",
        "Cell" => "core::cell::Cell",
        "RefCell" => "core::cell::RefCell",
        "Mutex" => "std::sync::poison::mutex::Mutex",
        "Reverse" => "core::cmp::Reverse",
        "Ordering" => "core::cmp::Ordering",
        _ => return None,
    })
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
    fn a_key_fits_the_same_key_and_a_part_not_known_leaves_it_unsure() {
        use Fit::*;
        for (have, asked, want) in [
            ("i32", "i32", Yes),
            ("i32", "u8", No),
            ("i32", "i32x", No),
            ("&str", "&str", Yes),
            ("&str", "String", No),
            ("Vec<_>", "Vec<u8>", Unsure),
            ("Vec<_>", "Vec<Vec<(u8, char)>>", Unsure),
            ("Vec<_>", "VecDeque<u8>", No),
            ("Vec<u8>", "Vec<u16>", No),
            ("Vec<u8>", "VecDeque<u8>", No),
            ("·Wrapper", "·Wrapper<i32>", Unsure),
            ("·Wrapper", "·Wrapper<Vec<i32>>", Unsure),
            ("·Wrapper", "·Wrappers", No),
            ("·Cell", "Cell<u8>", No),
            ("(i32, _)", "(i32, String)", Unsure),
            ("(i32, _)", "(u8, String)", No),
            ("(i32,)", "(i32,)", Yes),
            ("(i32,)", "(i32)", No),
            ("Option<_>", "Option<Option<i32>>", Unsure),
            ("Result<i32, _>", "Result<i32, String>", Unsure),
            ("Result<i32, _>", "Result<u8, String>", No),
            ("[u8; 3]", "[u8; 3]", Yes),
            ("[u8; 3]", "[u8; 4]", No),
            ("·Point", "·Point", Yes),
            ("·Point", "Vec<·Point>", No),
            ("Vec<·Point>", "Vec<·Point<u8>>", Unsure),
        ] {
            assert_eq!(fits(have, asked), want, "{have} against {asked}");
        }
    }

    #[test]
    fn a_values_key_stays_short_however_wide_its_shared_parts() {
        use super::super::value::SharedBox;
        use std::cell::RefCell;
        // `Rc`s of tuples of 100 clones of the `Rc` below, four deep: read whole, 10^8 parts.
        let mut v = Value::Int(0, Some(IntTy::U8));
        for _ in 0..4 {
            let rc = Value::Native(Rc::new(Native::Shared(Rc::new(SharedBox { value: RefCell::new(v) }), false)));
            v = Value::Obj(Obj::new(ty::TUPLE, false, Data::Fields(vec![rc; 100])));
        }
        let (key, sure) = value_key(&Code::default(), &v);
        assert!(!sure && key.len() < 3 * BUDGET, "{}", key.len());
        // A narrow one is read whole.
        let pair = Value::Obj(Obj::new(ty::TUPLE, false, Data::Fields(vec![Value::Bool(true), Value::Char('x')])));
        assert_eq!(value_key(&Code::default(), &pair), ("(bool, char)".to_string(), true));
    }

    #[test]
    fn a_key_displays_as_std_spells_the_type() {
        assert_eq!(display("Vec<Option<i32>>"), "alloc::vec::Vec<core::option::Option<i32>>");
        assert_eq!(display("HashMap<i32, String>"), "std::collections::hash::map::HashMap<i32, alloc::string::String>");
        assert_eq!(display("&str"), "&str");
        assert_eq!(display("(·Point, u8)"), "(Point, u8)");
        assert_eq!(display("·Cell<·Rc>"), "Cell<Rc>");
        assert_eq!(display("Box<&str>"), "alloc::boxed::Box<&str>");
        assert_eq!(type_id_debug("i32").len(), "TypeId(0x)".len() + 32);
        assert_ne!(type_id_debug("i32"), type_id_debug("u32"));
    }
}
