//! Formatting, as `format!` does it: `Display`, `Debug` (`{:?}` and `{:#?}`), widths, fills,
//! signs, radixes, and the program's own `Display` and `Debug` impls; and `Clone`.

use std::rc::Rc;
use std::task::Context;

use super::ast::{FmtKind, Spec, Type};
use super::code::FmtSite;
use super::modules::shown;
use super::rt::{deref_all, At, Interp, R};
use super::value::*;
use crate::core::SourceKind;

/// A value's `Debug` shape, rendered compact or pretty.
enum Dt {
    Atom(String),
    Struct(String, Vec<(String, Dt)>),
    Tuple(String, Vec<Dt>),
    List(Vec<Dt>),
    /// A set's elements: `{a, b}`.
    Set(Vec<Dt>),
    Map(Vec<(Dt, Dt)>),
}

/// The sign an integer's `{}` (and `{:e}`, and a `{:?}` leaf) writes: `-`, or `+` with `{:+}`.
fn sign_of(n: i128, spec: &Spec) -> &'static str {
    if n < 0 {
        "-"
    } else if spec.plus {
        "+"
    } else {
        ""
    }
}

fn indent(s: &str) -> String {
    s.lines().collect::<Vec<_>>().join("\n    ")
}

impl Dt {
    fn render(&self, pretty: bool) -> String {
        match self {
            Dt::Atom(s) => s.clone(),
            Dt::Struct(name, fields) if fields.is_empty() => name.clone(),
            Dt::Struct(name, fields) => {
                if pretty {
                    // A field named `..` is `finish_non_exhaustive`'s mark, printed alone.
                    let body: String = fields
                        .iter()
                        .map(|(n, v)| if n == ".." { "    ..\n".to_string() } else { format!("    {n}: {},\n", indent(&v.render(true))) })
                        .collect();
                    format!("{name} {{\n{body}}}")
                } else {
                    let body = fields
                        .iter()
                        .map(|(n, v)| if n == ".." { "..".to_string() } else { format!("{n}: {}", v.render(false)) })
                        .collect::<Vec<_>>()
                        .join(", ");
                    format!("{name} {{ {body} }}")
                }
            }
            Dt::Tuple(name, items) if items.is_empty() => {
                if name.is_empty() {
                    "()".into()
                } else {
                    name.clone()
                }
            }
            Dt::Tuple(name, items) => {
                if pretty {
                    let body: String = items.iter().map(|v| format!("    {},\n", indent(&v.render(true)))).collect();
                    format!("{name}(\n{body})")
                } else {
                    let body = items.iter().map(|v| v.render(false)).collect::<Vec<_>>().join(", ");
                    let comma = if name.is_empty() && items.len() == 1 { "," } else { "" };
                    format!("{name}({body}{comma})")
                }
            }
            Dt::List(items) | Dt::Set(items) => {
                let (open, close) = if matches!(self, Dt::Set(_)) { ('{', '}') } else { ('[', ']') };
                if items.is_empty() {
                    return format!("{open}{close}");
                }
                if pretty {
                    let body: String = items.iter().map(|v| format!("    {},\n", indent(&v.render(true)))).collect();
                    format!("{open}\n{body}{close}")
                } else {
                    format!("{open}{}{close}", items.iter().map(|v| v.render(false)).collect::<Vec<_>>().join(", "))
                }
            }
            Dt::Map(items) => {
                if items.is_empty() {
                    return "{}".into();
                }
                if pretty {
                    let body: String =
                        items.iter().map(|(k, v)| format!("    {}: {},\n", indent(&k.render(true)), indent(&v.render(true)))).collect();
                    format!("{{\n{body}}}")
                } else {
                    format!(
                        "{{{}}}",
                        items.iter().map(|(k, v)| format!("{}: {}", k.render(false), v.render(false))).collect::<Vec<_>>().join(", ")
                    )
                }
            }
        }
    }
}

/// What a [`DebugBuilder`](super::value::DebugBuilder)'s `finish` (or, with `more`,
/// `finish_non_exhaustive`) writes, as std's builders write it.
pub(crate) fn finish_builder(kind: &DebugKind, entries: &[(String, String)], pretty: bool, more: bool) -> String {
    let atom = |t: &String| Dt::Atom(t.clone());
    if more && entries.is_empty() {
        return match kind {
            DebugKind::Struct(name) => format!("{name} {{ .. }}"),
            DebugKind::Tuple(name) => format!("{name}(..)"),
            DebugKind::List => "[..]".into(),
            DebugKind::Set | DebugKind::Map => "{..}".into(),
        };
    }
    let text = match kind {
        DebugKind::Struct(name) => {
            let mut fields: Vec<(String, Dt)> = entries.iter().map(|(n, v)| (n.clone(), atom(v))).collect();
            if more {
                fields.push(("..".into(), Dt::Atom(String::new())));
            }
            return Dt::Struct(name.clone(), fields).render(pretty);
        }
        DebugKind::Tuple(name) => Dt::Tuple(name.clone(), entries.iter().map(|(_, v)| atom(v)).collect()).render(pretty),
        DebugKind::List => Dt::List(entries.iter().map(|(_, v)| atom(v)).collect()).render(pretty),
        DebugKind::Set => Dt::Set(entries.iter().map(|(_, v)| atom(v)).collect()).render(pretty),
        DebugKind::Map => Dt::Map(entries.iter().map(|(k, v)| (atom(k), atom(v))).collect()).render(pretty),
    };
    if !more {
        return text;
    }
    // The mark goes before the closing bracket: on a line of its own, or after a comma.
    let (body, close) = text.split_at(text.len() - 1);
    if pretty {
        format!("{body}    ..\n{close}")
    } else {
        format!("{body}, ..{close}")
    }
}

/// Pads `body` to the spec's width with its fill, aligned (`default` when the spec says none).
pub(crate) fn pad(body: String, spec: &Spec, width: Option<usize>, default: char) -> String {
    let Some(w) = width else { return body };
    let len = body.chars().count();
    if len >= w {
        return body;
    }
    let fill = spec.fill.unwrap_or(' ');
    let n = w - len;
    let (left, right) = match spec.align.unwrap_or(default) {
        '<' => (0, n),
        '^' => (n / 2, n - n / 2),
        _ => (n, 0),
    };
    let f = |k: usize| std::iter::repeat_n(fill, k).collect::<String>();
    format!("{}{body}{}", f(left), f(right))
}

impl Interp {
    /// Formats a site's pieces with `args`.
    pub fn format(self: &Rc<Self>, fib: &mut Fiber, f: &FmtSite, args: &[Value], cx: &mut Context<'_>, at: At) -> R<String> {
        let mut out = String::new();
        for (lit, arg) in &f.pieces {
            if let Some(l) = lit {
                out.push_str(l);
            }
            let Some((i, spec, wi, pi)) = arg else { continue };
            let v = args.get(*i).ok_or_else(|| at.err("a format argument is missing"))?;
            let count = |c: &Option<super::ast::Count>, from: &Option<usize>| -> R<Option<usize>> {
                Ok(match (c, from) {
                    (Some(super::ast::Count::Fixed(n)), _) => Some(*n),
                    (_, Some(j)) => Some(super::ops::as_usize(args.get(*j).unwrap_or(&Value::Unit), at)?),
                    _ => None,
                })
            };
            let width = count(&spec.width, wi)?;
            let precision = count(&spec.precision, pi)?;
            // A width or precision makes that many characters: bounded like any text.
            if width.max(precision).is_some_and(|n| n > super::rt::MAX_LEN) {
                return Err(at.err(format!("a width or precision of more than {} is more than the playground holds", super::rt::MAX_LEN)));
            }
            let s = self.format_one(fib, v, spec, width, precision, cx, at)?;
            out.push_str(&s);
            if out.len() > super::rt::MAX_LEN {
                return Err(at.err("this text is longer than the playground holds"));
            }
        }
        Ok(out)
    }

    #[allow(clippy::too_many_arguments)]
    fn format_one(
        self: &Rc<Self>,
        fib: &mut Fiber,
        v: &Value,
        spec: &Spec,
        width: Option<usize>,
        precision: Option<usize>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<String> {
        let d = deref_all(v);
        match spec.kind {
            Some('?') => {
                if let Value::Dur(dur) = d {
                    let body = match precision {
                        Some(p) => format!("{dur:.p$?}"),
                        None => format!("{dur:?}"),
                    };
                    return Ok(pad(body, spec, width, '<'));
                }
                // A width or sign reaches the leaves (`{:>6?}` of `Some(1)` is `Some(     1)`), as
                // derived `Debug` passes its formatter on.
                let leaf = (width.is_some() || spec.plus || spec.zero || spec.debug_hex.is_some() || spec.precision.is_some())
                    .then_some((spec, width));
                let dt = self.debug_tree_with(fib, &d, spec.alternate, leaf, cx, at)?;
                Ok(dt.render(spec.alternate))
            }
            Some(k @ ('e' | 'E')) if matches!(d, Value::Float(..)) => {
                let Value::Float(x, t) = d else { return Ok(String::new()) };
                let body = super::float::body(x, t, k, precision);
                Ok(self.number(super::float::sign(x, spec.plus).to_string(), "", body, spec, width))
            }
            Some(k) => {
                let Value::Int(bits, t) = d else { return Err(at.err(format!("`{{:{k}}}` formats integers, not {}", d.type_name()))) };
                if k == 'e' || k == 'E' {
                    // std's own `LowerExp`/`UpperExp` of the magnitude (precision included), signed
                    // and padded as `{}` is.
                    let n = int_of(bits, t);
                    let m = n.unsigned_abs();
                    let digits = match (k, precision) {
                        ('e', Some(p)) => format!("{m:.p$e}"),
                        ('e', None) => format!("{m:e}"),
                        (_, Some(p)) => format!("{m:.p$E}"),
                        (_, None) => format!("{m:E}"),
                    };
                    let sign = sign_of(n, spec);
                    return Ok(self.number(sign.to_string(), "", digits, spec, width));
                }
                Ok(self.radix(bits, t, k, spec, width))
            }
            None => match &d {
                Value::Int(bits, t) => {
                    let n = int_of(*bits, *t);
                    let sign = sign_of(n, spec);
                    Ok(self.number(sign.to_string(), "", n.unsigned_abs().to_string(), spec, width))
                }
                Value::Float(x, t) => {
                    let body = super::float::body(*x, *t, ' ', precision);
                    Ok(self.number(super::float::sign(*x, spec.plus).to_string(), "", body, spec, width))
                }
                // The program's own `Display`: its `fmt` gets the placeholder's spec, and what it
                // writes is the text (padded only where it calls `pad`, as in Rust).
                Value::Obj(o) if o.ty >= ty::FIRST_USER && self.code.types[o.ty as usize].assoc.contains_key("fmt#Display") => {
                    let f = self.code.types[o.ty as usize].assoc["fmt#Display"];
                    self.user_fmt(fib, f, &d, Formatter { spec: spec.clone(), width, precision, ..Formatter::default() }, cx, at)
                }
                // `c.to_uppercase()`: std's `Display` for `ToUppercase` writes its chars one by
                // one, so a width or a precision does nothing to them.
                Value::Native(n) if matches!(&**n, Native::Iter(it) if matches!(&*it.borrow(), Iter::Chars(_))) => {
                    self.display(fib, &d, cx, at)
                }
                _ => {
                    let mut s = self.display(fib, &d, cx, at)?;
                    if let Some(p) = precision {
                        s = s.chars().take(p).collect();
                    }
                    Ok(pad(s, spec, width, '<'))
                }
            },
        }
    }

    /// An integer in hex (`x`, `X`), binary (`b`) or octal (`o`), as `{:x}` and the others write
    /// it: a negative one as its two's complement in its type's width, `0x` and the others with `#`.
    fn radix(&self, bits: u64, t: Option<super::lexer::IntTy>, k: char, spec: &Spec, width: Option<usize>) -> String {
        let width_bits = t.unwrap_or(super::lexer::IntTy::I32).bits();
        let n = int_of(bits, t);
        let u: u128 = if n < 0 { (n as u128) & ((1u128 << width_bits) - 1) } else { n as u128 };
        let (digits, prefix) = match k {
            'x' => (format!("{u:x}"), "0x"),
            'X' => (format!("{u:X}"), "0x"),
            'b' => (format!("{u:b}"), "0b"),
            _ => (format!("{u:o}"), "0o"),
        };
        let prefix = if spec.alternate { prefix } else { "" };
        self.number(String::new(), prefix, digits, spec, width)
    }

    fn number(&self, sign: String, prefix: &str, digits: String, spec: &Spec, width: Option<usize>) -> String {
        if spec.zero {
            let w = width.unwrap_or(0);
            let len = sign.len() + prefix.len() + digits.len();
            let zeros = "0".repeat(w.saturating_sub(len));
            return format!("{sign}{prefix}{zeros}{digits}");
        }
        pad(format!("{sign}{prefix}{digits}"), spec, width, '>')
    }

    /// `{}` of a value.
    pub fn display(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<String> {
        let d = deref_all(v);
        Ok(match &d {
            Value::Int(bits, t) => int_of(*bits, *t).to_string(),
            Value::Float(x, t) => super::float::display(*x, *t),
            Value::Bool(b) => b.to_string(),
            Value::Char(c) => c.to_string(),
            Value::Str(s) => s.to_string(),
            Value::Obj(o) if o.ty == ty::STRING => d.as_text().unwrap_or_default(),
            Value::Obj(o) if o.ty == ty::POISON_ERROR => "poisoned lock: another task failed inside".to_string(),
            Value::Obj(o) if (ty::SEND_ERROR..=ty::RECV_TIMEOUT_ERROR).contains(&o.ty) => {
                let variant = match &*o.data.borrow() {
                    Data::Variant(v, _) => *v,
                    _ => 0,
                };
                match (o.ty, variant) {
                    (ty::SEND_ERROR, _) | (ty::TRY_SEND_ERROR, 1) => "sending on a closed channel",
                    (ty::TRY_SEND_ERROR, _) => "sending on a full channel",
                    (ty::RECV_ERROR, _) => "receiving on a closed channel",
                    (ty::TRY_RECV_ERROR, 0) => "receiving on an empty channel",
                    (ty::TRY_RECV_ERROR, _) => "receiving on a closed channel",
                    (_, 0) => "timed out waiting on channel",
                    _ => "channel is empty and sending half is closed",
                }
                .to_string()
            }
            Value::Obj(o) if o.ty >= ty::FIRST_USER => {
                let info = &self.code.types[o.ty as usize];
                let Some(&f) = info.assoc.get("fmt#Display") else {
                    return Err(at.err(format!(
                        "`{}` doesn't implement `std::fmt::Display`: implement it, or print it with `{{:?}}`",
                        shown(&info.name)
                    )));
                };
                self.user_fmt(fib, f, &d, Formatter::default(), cx, at)?
            }
            Value::Native(n) if matches!(&**n, Native::Formatter(_)) => String::new(),
            // `c.to_uppercase()` (`ToUppercase` is `Display`): its chars.
            Value::Native(n) if matches!(&**n, Native::Iter(it) if matches!(&*it.borrow(), Iter::Chars(_))) => match &**n {
                Native::Iter(it) => match &*it.borrow() {
                    Iter::Chars(cs) => cs.iter().collect(),
                    _ => String::new(),
                },
                _ => String::new(),
            },
            Value::Native(n) if matches!(&**n, Native::IntError(_)) => match &**n {
                Native::IntError(e) => e.message().to_string(),
                _ => String::new(),
            },
            other => {
                let what = match other {
                    Value::Dur(_) => "`Duration` doesn't implement `std::fmt::Display`: print it with `{:?}`".to_string(),
                    Value::Unit => "`()` doesn't implement `std::fmt::Display`: print it with `{:?}`".to_string(),
                    _ => format!("{} doesn't implement `std::fmt::Display`: print it with `{{:?}}`", other.type_name()),
                };
                return Err(at.err(what));
            }
        })
    }

    /// The text the program's `fmt` impl `f` writes for `v`, given `fmt` as its `Formatter`.
    fn user_fmt(self: &Rc<Self>, fib: &mut Fiber, f: u32, v: &Value, fmt: Formatter, cx: &mut Context<'_>, at: At) -> R<String> {
        let fmt = Rc::new(Native::Formatter(fmt));
        let r = self.call_fn(fib, f, vec![v.clone(), Value::Native(fmt.clone())], None, cx, at)?;
        if let Some((1, _)) = r.variant_of(ty::RESULT) {
            return Err(at.panic("a formatting trait implementation returned an error"));
        }
        let text = match &*fmt {
            Native::Formatter(s) => s.out.borrow().clone(),
            _ => String::new(),
        };
        Ok(text)
    }

    /// `{:?}` of a value.
    pub fn debug(self: &Rc<Self>, fib: &mut Fiber, v: &Value, pretty: bool, cx: &mut Context<'_>, at: At) -> R<String> {
        Ok(self.debug_tree(fib, v, pretty, cx, at)?.render(pretty))
    }

    fn debug_tree(self: &Rc<Self>, fib: &mut Fiber, v: &Value, pretty: bool, cx: &mut Context<'_>, at: At) -> R<Dt> {
        self.debug_tree_with(fib, v, pretty, None, cx, at)
    }

    /// A value's `Debug` tree; its leaves together hold at most [`MAX_LEN`](super::rt::MAX_LEN)
    /// bytes (a width reaches every leaf: `{:1000000?}` of a long vector would be huge).
    #[allow(clippy::too_many_arguments)]
    fn debug_tree_with(
        self: &Rc<Self>,
        fib: &mut Fiber,
        v: &Value,
        pretty: bool,
        leaf: Option<(&Spec, Option<usize>)>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Dt> {
        if self.value_depth.get() == 0 {
            self.text_left.set(super::rt::MAX_LEN);
        }
        let dt = self.debug_node(fib, v, pretty, leaf, cx, at)?;
        if let Dt::Atom(s) = &dt {
            let left = self.text_left.get();
            if s.len() > left {
                return Err(at.err("this text is longer than the playground holds"));
            }
            self.text_left.set(left - s.len());
        }
        Ok(dt)
    }

    // Inlined into `debug_tree_with`: one frame a level of a deep value's printing, not two.
    #[allow(clippy::too_many_arguments)]
    #[inline(always)]
    fn debug_node(
        self: &Rc<Self>,
        fib: &mut Fiber,
        v: &Value,
        pretty: bool,
        leaf: Option<(&Spec, Option<usize>)>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Dt> {
        let _depth = self.deeper(at)?;
        let d = deref_all(v);
        // A struct with marker fields (`PhantomPinned`, `PhantomData<T>`, which are `()` here):
        // out of this frame, which a deep value's printing stacks up.
        if let Value::Obj(o) = &d {
            if o.ty >= ty::FIRST_USER && self.prints_markers(o.ty) {
                return self.debug_with_markers(fib, o, pretty, leaf, cx, at);
            }
        }
        // What holds no value to print in turn: out of this frame, which a deep value's printing
        // stacks up, one a level (its `format!`s and numbers took slots in it).
        if let Some(dt) = self.debug_leaf(&d, leaf, at) {
            return dt;
        }
        let mut kids = |this: &Rc<Self>, fib: &mut Fiber, items: &[Value]| -> R<Vec<Dt>> {
            items.iter().map(|x| this.debug_tree_with(fib, x, pretty, leaf, cx, at)).collect()
        };
        Ok(match &d {
            Value::Obj(o) => {
                let data = o.data.borrow().clone();
                match (o.ty, data) {
                    (ty::ENTRY, Data::Fields(f)) => {
                        let key = self.debug_tree_with(fib, f.get(1).unwrap_or(&Value::Unit), pretty, leaf, cx, at)?;
                        Dt::Tuple("Entry".into(), vec![key])
                    }
                    (ty::TUPLE, Data::Fields(f)) => Dt::Tuple(String::new(), kids(self, fib, &f)?),
                    (t, Data::Vec(f)) if ty::is_set(t) => Dt::Set(kids(self, fib, &f)?),
                    (ty::ARRAY, Data::Fields(f)) | (_, Data::Vec(f)) => Dt::List(kids(self, fib, &f)?),
                    (_, Data::Deque(f)) => Dt::List(kids(self, fib, &f.into_iter().collect::<Vec<_>>())?),
                    (_, Data::Map(m)) => {
                        let mut out = Vec::new();
                        for (k, v) in m {
                            out.push((
                                self.debug_tree_with(fib, &k, pretty, leaf, cx, at)?,
                                self.debug_tree_with(fib, &v, pretty, leaf, cx, at)?,
                            ));
                        }
                        Dt::Map(out)
                    }
                    (t, data) => {
                        let info = &self.code.types[t as usize];
                        if t >= ty::FIRST_USER {
                            if let Some(&f) = info.assoc.get("fmt#Debug") {
                                return self.debug_by_user_fmt(fib, f, &d, pretty, cx, at);
                            }
                            if !info.has("Debug") {
                                return Err(at.err(format!("`{}` doesn't implement `Debug`: add `#[derive(Debug)]`", shown(&info.name))));
                            }
                        }
                        let (name, names, tuple, fields) = match data {
                            Data::Variant(v, f) => {
                                let var = info.variants.get(v as usize).cloned().unwrap_or_default();
                                (var.name.to_string(), var.fields, var.tuple, f)
                            }
                            Data::Fields(f) => (shown(&info.name).to_string(), info.fields.clone(), info.tuple, f),
                            _ => (shown(&info.name).to_string(), Vec::new(), true, Vec::new()),
                        };
                        if tuple {
                            Dt::Tuple(name, kids(self, fib, &fields)?)
                        } else {
                            let mut out = Vec::new();
                            for (n, f) in names.iter().zip(&fields) {
                                out.push((n.to_string(), self.debug_tree_with(fib, f, pretty, leaf, cx, at)?));
                            }
                            Dt::Struct(name, out)
                        }
                    }
                }
            }
            // A cell, a lock or a range: out of line too (`Native`'s arms are many).
            Value::Native(n) => return self.debug_holder(fib, n, pretty, cx, at),
            _ => return Err(at.err("internal error: a value with nothing to print")),
        })
    }

    /// The `Debug` of a built-in value that holds one to print in turn: a `Cell`, a `RefCell`,
    /// a `Mutex` or an `RwLock`, a `OnceCell`, a range's bounds.
    #[inline(never)]
    fn debug_holder(self: &Rc<Self>, fib: &mut Fiber, n: &Native, pretty: bool, cx: &mut Context<'_>, at: At) -> R<Dt> {
        Ok(match n {
            Native::Cell(c) => {
                Dt::Struct("Cell".into(), vec![("value".into(), self.debug_tree(fib, &c.borrow().clone(), pretty, cx, at)?)])
            }
            Native::RefCell(l) => {
                if l.state.get() < 0 {
                    Dt::Struct("RefCell".into(), vec![("value".into(), Dt::Atom("<borrowed>".into()))])
                } else {
                    Dt::Struct("RefCell".into(), vec![("value".into(), self.debug_tree(fib, &l.value.borrow().clone(), pretty, cx, at)?)])
                }
            }
            Native::Mutex(l) | Native::RwLock(l) => {
                let name = if matches!(n, Native::Mutex(_)) { "Mutex" } else { "RwLock" };
                let data = if l.state.get() != 0 {
                    // std prints the placeholder as a string.
                    Dt::Atom("\"<locked>\"".into())
                } else {
                    self.debug_tree(fib, &l.value.borrow().clone(), pretty, cx, at)?
                };
                Dt::Struct(
                    name.into(),
                    vec![
                        ("data".into(), data),
                        ("poisoned".into(), Dt::Atom(l.poisoned.get().to_string())),
                        ("..".into(), Dt::Atom(String::new())),
                    ],
                )
            }
            Native::Bounds(lo, hi, inclusive) => {
                let mut text = String::new();
                if let Some(lo) = lo {
                    text += &self.debug(fib, lo, false, cx, at)?;
                }
                text += if *inclusive { "..=" } else { ".." };
                if let Some(hi) = hi {
                    text += &self.debug(fib, hi, false, cx, at)?;
                }
                Dt::Atom(text)
            }
            Native::Once(v, set, lock) => Dt::Tuple(
                if *lock { "OnceLock" } else { "OnceCell" }.into(),
                vec![if set.get() { self.debug_tree(fib, &v.borrow().clone(), pretty, cx, at)? } else { Dt::Atom("<uninit>".into()) }],
            ),
            _ => return Err(at.err("internal error: a value with nothing to print")),
        })
    }

    /// `{:?}` of a program's type with its own `Debug` impl: its `fmt`, out of
    /// [`Interp::debug_node`]'s frame (a `Formatter` is large). `{:#?}` reaches it: `f.alternate()`
    /// and the `debug_struct` it builds see it.
    #[inline(never)]
    fn debug_by_user_fmt(self: &Rc<Self>, fib: &mut Fiber, f: u32, d: &Value, pretty: bool, cx: &mut Context<'_>, at: At) -> R<Dt> {
        let spec = Spec { alternate: pretty, ..Spec::default() };
        Ok(Dt::Atom(self.user_fmt(fib, f, d, Formatter { spec, ..Formatter::default() }, cx, at)?))
    }

    /// The `Debug` of a value that holds no value to print in turn (a number, a string, a
    /// waker, a thread's handle, …), or `None` for one that does.
    #[inline(never)]
    fn debug_leaf(&self, d: &Value, leaf: Option<(&Spec, Option<usize>)>, at: At) -> Option<R<Dt>> {
        let text = |s: String| -> Dt {
            match leaf {
                Some((spec, width)) => Dt::Atom(pad(s, spec, width, '<')),
                None => Dt::Atom(s),
            }
        };
        Some(Ok(match d {
            Value::Unit => text("()".into()),
            Value::Int(bits, t) => {
                let n = int_of(*bits, *t);
                match leaf {
                    Some((spec, width)) => Dt::Atom(match spec.debug_hex {
                        // `{:x?}`: each integer in hex.
                        Some(k) => self.radix(*bits, *t, k, spec, width),
                        None => self.number(sign_of(n, spec).to_string(), "", n.unsigned_abs().to_string(), spec, width),
                    }),
                    None => Dt::Atom(n.to_string()),
                }
            }
            Value::Float(x, t) => {
                // `{:.1?}` reaches the floats inside (`[1.2, 2.0]`), as std's `Debug` passes its
                // formatter on.
                let precision = leaf.and_then(|(spec, _)| match spec.precision {
                    Some(super::ast::Count::Fixed(p)) => Some(p),
                    _ => None,
                });
                let body = super::float::body(*x, *t, '?', precision);
                match leaf {
                    Some((spec, width)) => Dt::Atom(self.number(super::float::sign(*x, spec.plus).to_string(), "", body, spec, width)),
                    None => Dt::Atom(format!("{}{body}", super::float::sign(*x, false))),
                }
            }
            Value::Bool(b) => text(b.to_string()),
            // std's `Debug` of a `char` or a `str` writes the quoted text as it is: a width (and
            // a fill) does not pad it, there or inside (`{:>10?}` of `Some("x")`).
            Value::Char(c) => Dt::Atom(format!("{c:?}")),
            Value::Str(s) => Dt::Atom(format!("{:?}", &**s)),
            Value::Dur(x) => Dt::Atom(format!("{x:?}")),
            Value::Instant(ms) => Dt::Atom(format!("Instant {{ ms: {} }}", plain_ms(*ms))),
            Value::Waker(_) | Value::CxWaker => Dt::Atom("Waker { .. }".into()),
            Value::Ctx(_) => Dt::Atom("Context { waker: Waker { .. } }".into()),
            Value::Fut(f) => Dt::Atom(format!("<future {}>", f.what)),
            Value::Closure(_) | Value::Fn(_) | Value::Builtin(_) => {
                return Some(Err(at.err("closures and functions don't implement `Debug`")))
            }
            Value::Obj(o) => match (o.ty, &*o.data.borrow()) {
                (ty::STRING, Data::Str(s)) => Dt::Atom(format!("{s:?}")),
                // std's own `Debug` for the channel errors hides the value they carry.
                (ty::SEND_ERROR, _) => Dt::Atom("SendError { .. }".into()),
                (ty::POISON_ERROR, _) => Dt::Atom("PoisonError { .. }".into()),
                (ty::TYPE_ID, Data::Fields(f)) => {
                    Dt::Atom(super::anytype::type_id_debug(f.first().and_then(Value::as_text).as_deref().unwrap_or_default()))
                }
                (ty::TRY_SEND_ERROR, Data::Variant(v, _)) => {
                    Dt::Atom(if *v == 0 { "TrySendError::Full(..)" } else { "TrySendError::Disconnected(..)" }.into())
                }
                _ => return None,
            },
            Value::Native(n) => match &**n {
                Native::Cell(_) | Native::RefCell(_) | Native::Mutex(_) | Native::RwLock(_) | Native::Bounds(..) | Native::Once(..) => {
                    return None
                }
                Native::Atomic(c, t) => Dt::Atom(match t {
                    None => (c.get() != 0).to_string(),
                    Some(t) => int_of(c.get(), Some(*t)).to_string(),
                }),
                Native::Handle(_) => Dt::Atom("JoinHandle { .. }".into()),
                Native::Scope(_) => Dt::Atom("Scope { .. }".into()),
                Native::Sender(_, false) => Dt::Atom("Sender { .. }".into()),
                Native::Sender(_, true) => Dt::Atom("SyncSender { .. }".into()),
                Native::Receiver(_) => Dt::Atom("Receiver { .. }".into()),
                Native::ThreadId(n) => Dt::Atom(format!("ThreadId({n})")),
                Native::IntError(e) => Dt::Atom(e.debug().into()),
                Native::Thread(t) => Dt::Atom(match &t.name {
                    Some(n) => format!("Thread {{ id: ThreadId({}), name: Some({:?}), .. }}", t.no, &**n),
                    None => format!("Thread {{ id: ThreadId({}), name: None, .. }}", t.no),
                }),
                Native::Condvar(_) => Dt::Atom("Condvar { .. }".into()),
                Native::WaitTimeout(t) => Dt::Atom(format!("WaitTimeoutResult({t})")),
                Native::Barrier(_) => Dt::Atom("Barrier { .. }".into()),
                Native::BarrierResult(l) => Dt::Struct("BarrierWaitResult".into(), vec![("is_leader".into(), Dt::Atom(l.to_string()))]),
                Native::Stdout => Dt::Atom("Stdout { .. }".into()),
                Native::ThreadBuilder(n, size) => {
                    Dt::Atom(format!("Builder {{ name: {:?}, stack_size: {size:?}, no_hooks: false }}", n.as_deref()))
                }
                // An address would differ from run to run (and from rustc's): its kind only.
                Native::RawPtr(None) => Dt::Atom("0x0".into()),
                Native::RawPtr(Some(_)) | Native::RawPlace(_) => Dt::Atom("(raw pointer)".into()),
                Native::RawAddr(a) => Dt::Atom(format!("{a:#x}")),
                Native::VTable(_) => Dt::Atom("RawWakerVTable { .. }".into()),
                Native::RawWaker(..) => Dt::Atom("RawWaker { .. }".into()),
                Native::Weak(..) => Dt::Atom("(Weak)".into()),
                // A range as it was written, from where its iteration is (as std's is).
                Native::Iter(it) => Dt::Atom(match &*it.borrow() {
                    Iter::Range { next, end, step: 1, inclusive, open_start, .. } => {
                        let start = if *open_start { String::new() } else { next.to_string() };
                        match end {
                            Some(e) if *inclusive => format!("{start}..={}", e - 1),
                            Some(e) => format!("{start}..{e}"),
                            None => format!("{start}.."),
                        }
                    }
                    _ => "Iter { .. }".into(),
                }),
                Native::Formatter(_) => Dt::Atom("Formatter { .. }".into()),
                Native::DebugBuilder(_) => Dt::Atom("DebugStruct { .. }".into()),
                Native::Timer(_, interval) => Dt::Atom(if *interval { "Interval { .. }" } else { "Timeout { .. }" }.into()),
                Native::Shared(..) => return Some(Err(at.err("internal error: a shared pointer was not followed"))),
            },
            Value::Ref(_) | Value::Void | Value::Ready(_) | Value::Place(_) => return Some(Err(at.err(super::rt::MOVED))),
        }))
    }

    /// What a formatting macro does with its text.
    pub fn after_format(&self, kind: FmtKind, dest: Option<Value>, text: String, at: At) -> R<Value> {
        match kind {
            FmtKind::Print | FmtKind::Eprint => {
                self.print_text(&text, false);
                Ok(Value::Unit)
            }
            FmtKind::Println | FmtKind::Eprintln => {
                self.print_text(&text, true);
                Ok(Value::Unit)
            }
            FmtKind::Format => Ok(Value::string(text)),
            FmtKind::Panic => Err(at.panic(if text.is_empty() { "explicit panic".to_string() } else { text })),
            FmtKind::Unreachable => Err(at.panic(if text.is_empty() {
                "internal error: entered unreachable code".to_string()
            } else {
                format!("internal error: entered unreachable code: {text}")
            })),
            FmtKind::Todo => {
                Err(at.panic(if text.is_empty() { "not yet implemented".to_string() } else { format!("not yet implemented: {text}") }))
            }
            FmtKind::Unimplemented => {
                Err(at.panic(if text.is_empty() { "not implemented".to_string() } else { format!("not implemented: {text}") }))
            }
            FmtKind::Write | FmtKind::Writeln => {
                let text = if kind == FmtKind::Writeln { text + "\n" } else { text };
                let dest = dest.map(|d| deref_all(&d)).unwrap_or_default();
                match &dest {
                    Value::Native(n) if matches!(&**n, Native::Formatter(_)) => {
                        if let Native::Formatter(s) = &**n {
                            s.out.borrow_mut().push_str(&text);
                        }
                    }
                    Value::Obj(o) if o.ty == ty::STRING => {
                        if let Data::Str(s) = &mut *o.data.borrow_mut() {
                            s.push_str(&text);
                        }
                    }
                    // `writeln!(io::stdout(), …)`: the console, as `print!`.
                    Value::Native(n) if matches!(&**n, Native::Stdout) => self.print_text(&text, false),
                    other => {
                        return Err(
                            at.err(format!("`write!` writes to a `Formatter`, a `String` or `io::stdout()`, not {}", other.type_name()))
                        )
                    }
                }
                Ok(Value::result(true, Value::Unit))
            }
        }
    }

    fn print_text(&self, text: &str, newline: bool) {
        self.print_line(text, newline);
    }

    /// A deep clone, as `Clone` would make it (the program's own `clone` where it has one).
    pub fn clone_value(self: &Rc<Self>, fib: &mut Fiber, v: &Value, cx: &mut Context<'_>, at: At) -> R<Value> {
        let _depth = self.deeper(at)?;
        Ok(match v {
            Value::Obj(o) => {
                if o.ty >= ty::FIRST_USER {
                    let info = &self.code.types[o.ty as usize];
                    if let Some(f) = self.code.name_id("clone").and_then(|n| info.methods.get(&n).copied()) {
                        return self.call_fn(fib, f, vec![v.clone()], None, cx, at);
                    }
                    if !info.has("Clone") && !info.has("Copy") {
                        return Err(at.err(format!("`{}` doesn't implement `Clone`: add `#[derive(Clone)]`", shown(&info.name))));
                    }
                }
                let data = o.data.borrow().clone();
                let mut each = |this: &Rc<Self>, fib: &mut Fiber, items: Vec<Value>| -> R<Vec<Value>> {
                    this.count_values(items.len(), at)?;
                    items.iter().map(|x| this.clone_value(fib, x, cx, at)).collect()
                };
                let data = match data {
                    Data::Fields(f) => Data::Fields(each(self, fib, f)?),
                    Data::Variant(k, f) => Data::Variant(k, each(self, fib, f)?),
                    Data::Vec(f) => Data::Vec(each(self, fib, f)?),
                    Data::Deque(f) => Data::Deque(each(self, fib, f.into_iter().collect())?.into_iter().collect()),
                    Data::Str(s) => {
                        self.count_values(s.len() / 16 + 1, at)?;
                        Data::Str(s)
                    }
                    Data::Map(m) => {
                        let mut out = Vec::new();
                        for (k, x) in m {
                            out.push((self.clone_value(fib, &k, cx, at)?, self.clone_value(fib, &x, cx, at)?));
                        }
                        Data::Map(out)
                    }
                };
                let dropper = self.code.types.get(o.ty as usize).and_then(|t| t.drop).map(|_| Rc::downgrade(&self.drops));
                Value::Obj(Rc::new(Obj { ty: o.ty, copy: o.copy, data: DataCell::new(data), dropper }))
            }
            Value::Waker(w) => {
                self.source(SourceKind::Clone, at.span);
                self.clone_waker(fib, &w.0, cx, at)?
            }
            // `cx.waker().clone()`: the task's waker, cloned here (the trace shows it).
            Value::CxWaker => {
                self.source(SourceKind::Clone, at.span);
                if super::sync::is_user_waker(cx.waker()) {
                    // Their waker: its clone is theirs to make (their vtable's `clone`).
                    let w = cx.waker().clone();
                    self.clone_waker(fib, &w, cx, at)?
                } else {
                    // The executor's: one clone, as in Rust (not a clone made to clone from).
                    Value::Waker(Rc::new(WakerV(cx.waker().clone())))
                }
            }
            Value::Native(n) => match &**n {
                Native::Shared(b, arc) => Value::Native(Rc::new(Native::Shared(b.clone(), *arc))),
                Native::Weak(b, arc) => Value::Native(Rc::new(Native::Weak(b.clone(), *arc))),
                Native::Cell(c) => {
                    let inner = c.borrow().clone();
                    Value::Native(Rc::new(Native::Cell(std::cell::RefCell::new(inner))))
                }
                Native::RefCell(l) => {
                    if l.state.get() < 0 {
                        return Err(at.panic("RefCell already mutably borrowed"));
                    }
                    let inner = l.value.borrow().clone();
                    let inner = self.clone_value(fib, &inner, cx, at)?;
                    Value::Native(Rc::new(Native::RefCell(Lock::new(inner))))
                }
                Native::Iter(it) => {
                    let copy = match &*it.borrow() {
                        Iter::Range { next, end, ty, step, inclusive, open_start } => {
                            Iter::Range { next: *next, end: *end, ty: *ty, step: *step, inclusive: *inclusive, open_start: *open_start }
                        }
                        Iter::RangeRev { start, next, ty } => Iter::RangeRev { start: *start, next: *next, ty: *ty },
                        Iter::Values(v) => Iter::Values(v.clone()),
                        Iter::Chars(c) => Iter::Chars(c.clone()),
                        Iter::Elems { obj, front, back, mutable } => {
                            Iter::Elems { obj: obj.clone(), front: *front, back: *back, mutable: *mutable }
                        }
                        Iter::Adapter(_) | Iter::Recv(..) => return Err(at.err("this iterator cannot be cloned here")),
                    };
                    Value::Native(Rc::new(Native::Iter(std::cell::RefCell::new(copy))))
                }
                Native::Sender(end, sync) => {
                    // One more sender: the channel stays open until every one is dropped.
                    end.0.senders.set(end.0.senders.get() + 1);
                    Value::Native(Rc::new(Native::Sender(SenderEnd(end.0.clone()), *sync)))
                }
                Native::ThreadId(n) => Value::Native(Rc::new(Native::ThreadId(*n))),
                Native::Bounds(lo, hi, inclusive) => Value::Native(Rc::new(Native::Bounds(lo.clone(), hi.clone(), *inclusive))),
                Native::IntError(e) => e.value(),
                Native::Thread(t) => Value::Native(Rc::new(Native::Thread(t.clone()))),
                _ => return Err(at.err(format!("{} doesn't implement `Clone`", v.type_name()))),
            },
            Value::Fut(_) => return Err(at.err("futures don't implement `Clone`")),
            Value::Ref(p) => {
                let inner = super::rt::read_ptr(p).ok_or_else(|| at.err(super::rt::MOVED))?;
                return self.clone_value(fib, &inner, cx, at);
            }
            Value::Void => return Err(at.err(super::rt::MOVED)),
            other => other.clone(),
        })
    }
}

/// A time in milliseconds as `{}` writes an `f64` of it (`1500`, `2.5`), to the nanosecond (the
/// run's clock keeps no finer time), without pulling in the standard library's float formatting
/// (10 KB of wasm for this one use).
fn plain_ms(ms: f64) -> String {
    let fixed = crate::core::Fixed(ms, 6).to_string();
    match fixed.split_once('.') {
        Some((int, frac)) => {
            let frac = frac.trim_end_matches('0');
            if frac.is_empty() {
                int.to_string()
            } else {
                format!("{int}.{frac}")
            }
        }
        None => fixed,
    }
}

impl Interp {
    /// Whether the program's type derives `Debug` and has a marker field.
    #[inline(never)]
    fn prints_markers(&self, t: TyId) -> bool {
        let info = &self.code.types[t as usize];
        !info.field_tys.is_empty()
            && !info.assoc.contains_key("fmt#Debug")
            && info.has("Debug")
            && info.field_tys.iter().any(|t| marker_debug(t).is_some())
    }

    /// [`Interp::debug_tree_with`] of a struct with marker fields: each marker as std prints it.
    #[inline(never)]
    fn debug_with_markers(
        self: &Rc<Self>,
        fib: &mut Fiber,
        o: &Rc<Obj>,
        pretty: bool,
        leaf: Option<(&Spec, Option<usize>)>,
        cx: &mut Context<'_>,
        at: At,
    ) -> R<Dt> {
        let fields = match &*o.data.borrow() {
            Data::Fields(f) => f.clone(),
            _ => Vec::new(),
        };
        let info = &self.code.types[o.ty as usize];
        let (name, names, tuple) = (shown(&info.name).to_string(), info.fields.clone(), info.tuple);
        let mut out = Vec::new();
        for (i, f) in fields.iter().enumerate() {
            let m = self.code.types[o.ty as usize].field_tys.get(i).and_then(marker_debug).filter(|_| matches!(f, Value::Unit));
            let kid = match m {
                Some(text) => Dt::Atom(text),
                None => self.debug_tree_with(fib, f, pretty, leaf, cx, at)?,
            };
            out.push((names.get(i).map_or(String::new(), |n| n.to_string()), kid));
        }
        Ok(if tuple { Dt::Tuple(name, out.into_iter().map(|(_, k)| k).collect()) } else { Dt::Struct(name, out) })
    }
}

/// How std's `Debug` prints a marker field of this declared type: `PhantomPinned`, and
/// `PhantomData<T>` with `T` as `std::any::type_name` spells it, from the type written (a
/// program's own type by its name alone: its crate's name is not the playground's to know; a
/// type parameter by its name, where std prints the type it stands for).
fn marker_debug(t: &Type) -> Option<String> {
    let Type::Path(p) = t else { return None };
    match p.last() {
        "PhantomPinned" => Some("PhantomPinned".into()),
        "PhantomData" => {
            let inner = p.segs.last()?.generics.first().map_or_else(|| "_".to_string(), type_name);
            Some(format!("PhantomData<{inner}>"))
        }
        _ => None,
    }
}

/// A type as `std::any::type_name` spells it (std's paths for the common std types).
fn type_name(t: &Type) -> String {
    match t {
        Type::Ref(m, inner) => format!("&{}{}", if *m { "mut " } else { "" }, type_name(inner)),
        Type::Tuple(items) => format!("({})", items.iter().map(type_name).collect::<Vec<_>>().join(", ")),
        Type::Array(inner, Some(n)) => format!("[{}; {n}]", type_name(inner)),
        Type::Array(inner, None) | Type::Slice(inner) => format!("[{}]", type_name(inner)),
        Type::Path(p) => {
            let Some(last) = p.segs.last() else { return String::new() };
            let path = match &*last.name {
                "String" => "alloc::string::String",
                "Vec" => "alloc::vec::Vec",
                "Box" => "alloc::boxed::Box",
                "Rc" => "alloc::rc::Rc",
                "Arc" => "alloc::sync::Arc",
                "Option" => "core::option::Option",
                "Result" => "core::result::Result",
                name => shown(name),
            };
            if last.generics.is_empty() {
                path.to_string()
            } else {
                format!("{path}<{}>", last.generics.iter().map(type_name).collect::<Vec<_>>().join(", "))
            }
        }
        _ => "_".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::plain_ms;

    #[test]
    fn a_time_reads_as_an_f64_written_with_braces_does_to_the_nanosecond() {
        for (ms, text) in
            [(0.0, "0"), (1500.0, "1500"), (2.5, "2.5"), (0.000001, "0.000001"), (-3.25, "-3.25"), (1234.5678904, "1234.56789")]
        {
            assert_eq!(plain_ms(ms), text);
            assert_eq!(plain_ms(ms), format!("{}", (ms * 1e6).round() / 1e6), "as std writes it");
        }
        assert_eq!(plain_ms(f64::NAN), "NaN");
    }
}
