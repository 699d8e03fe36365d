//! `f64` and `f32`: their arithmetic, casts, methods, constants and text, each as std has it.
//!
//! A float is `Value::Float(x, ty)`: an `f32`'s `x` is always a value an `f32` holds (each
//! operation is done in `f32` and widened back), so `0.1f32 + 0.2f32` prints what rustc's does.
//! A literal without a suffix has no type yet (`None`): it is an `f64`, as Rust defaults, until
//! it meets an `f32` or is given one by a `let`, a parameter or a field.

use super::ast::BinOp;
use super::lexer::{FloatTy, IntTy};
use super::rt::{At, R};
use super::value::{int_of, Value};

/// The type two operands share (`None`: both literals without a type).
pub fn unify(a: Option<FloatTy>, b: Option<FloatTy>, at: At, op: &str) -> R<Option<FloatTy>> {
    match (a, b) {
        (Some(x), Some(y)) if x != y => Err(at.err(format!("mismatched types: cannot apply `{op}` to `{}` and `{}`", x.name(), y.name()))),
        (Some(x), _) | (_, Some(x)) => Ok(Some(x)),
        _ => Ok(None),
    }
}

/// `x` as a value of type `t`: rounded to the nearest `f32` for an `f32`.
pub fn typed(x: f64, t: Option<FloatTy>) -> Value {
    match t {
        Some(FloatTy::F32) => Value::Float(f64::from(x as f32), t),
        _ => Value::Float(x, t),
    }
}

/// [`super::code::Convert::Float`].
#[inline(never)]
pub fn coerce_float(v: &mut Value, t: FloatTy, at: At) -> R<()> {
    match &*v {
        Value::Float(x, None) => *v = typed(*x, Some(t)),
        Value::Float(_, Some(u)) if *u != t => {
            return Err(at.err(format!("mismatched types: expected `{}`, found `{}`", t.name(), u.name())));
        }
        Value::Int(..) => {
            return Err(at.err(format!("mismatched types: expected `{}`, found an integer (write it as a float: `1.0`)", t.name())))
        }
        _ => {}
    }
    Ok(())
}

/// `a op b` of two floats.
#[inline(never)]
pub fn binary(op: BinOp, (x, s): (f64, Option<FloatTy>), (y, t): (f64, Option<FloatTy>), at: At) -> R<Value> {
    let ty = unify(s, t, at, op.symbol())?;
    // The same five operators, in the type's own precision.
    macro_rules! apply {
        ($x:expr, $y:expr) => {
            match op {
                BinOp::Add => $x + $y,
                BinOp::Sub => $x - $y,
                BinOp::Mul => $x * $y,
                BinOp::Div => $x / $y,
                BinOp::Rem => $x % $y,
                _ => return Err(no_operator(op)(at)),
            }
        };
    }
    let r = if ty == Some(FloatTy::F32) { f64::from(apply!(x as f32, y as f32)) } else { apply!(x, y) };
    Ok(Value::Float(r, ty))
}

fn no_operator(op: BinOp) -> impl Fn(At) -> super::lexer::LangError {
    move |at: At| at.err(format!("no implementation for `{{float}} {} {{float}}`: floats have `+ - * / %` and comparisons", op.symbol()))
}

/// `a op b` of two floats compared (`==`, `<`, …): false whenever either is NaN, but for `!=`.
#[inline(never)]
pub fn compare(op: BinOp, (x, s): (f64, Option<FloatTy>), (y, t): (f64, Option<FloatTy>), at: At) -> R<bool> {
    unify(s, t, at, op.symbol())?;
    Ok(match op {
        BinOp::Eq => x == y,
        BinOp::Ne => x != y,
        BinOp::Lt => x < y,
        BinOp::Le => x <= y,
        BinOp::Gt => x > y,
        _ => x >= y,
    })
}

/// The message of a float met with an integer in an operator, as rustc words it.
#[inline(never)]
pub fn mixed(op: BinOp, float_left: bool, at: At) -> super::lexer::LangError {
    let (l, r) = if float_left { ("{float}", "{integer}") } else { ("{integer}", "{float}") };
    at.err(format!(
        "mismatched types: no implementation for `{l} {} {r}` (write the integer as a float, `2.0`, or convert it with `as f64`)",
        op.symbol()
    ))
}

/// `x as T` of a float into an integer type: toward zero, saturating at the type's ends, NaN as
/// 0, as Rust's `as` does.
#[inline(never)]
pub fn to_int(x: f64, t: IntTy) -> Value {
    let (lo, hi) = super::value::range_of(Some(t));
    let n = if x.is_nan() {
        0
    } else if x <= lo as f64 {
        lo
    } else if x >= hi as f64 {
        hi
    } else {
        x.trunc() as i128
    };
    let n = n.clamp(lo, hi);
    Value::Int(n as u64, Some(t))
}

/// `n as f64` / `n as f32` of an integer's bits.
#[inline(never)]
pub fn from_int(bits: u64, from: Option<IntTy>, t: FloatTy) -> Value {
    let n = int_of(bits, from);
    typed(n as f64, Some(t))
}

/// A float's magnitude as std writes it: `{}` (`kind` ' '), `{:?}`, `{:e}` or `{:E}`, with the
/// precision if one is given. An `f32` is written as std writes an `f32` (its shortest digits).
#[inline(never)]
pub fn body(x: f64, t: Option<FloatTy>, kind: char, precision: Option<usize>) -> String {
    let m = x.abs();
    macro_rules! write_as {
        ($v:expr) => {
            match (kind, precision) {
                ('?', Some(p)) => format!("{:.p$?}", $v),
                ('?', None) => format!("{:?}", $v),
                ('e', Some(p)) => format!("{:.p$e}", $v),
                ('e', None) => format!("{:e}", $v),
                ('E', Some(p)) => format!("{:.p$E}", $v),
                ('E', None) => format!("{:E}", $v),
                (_, Some(p)) => format!("{:.p$}", $v),
                (_, None) => format!("{}", $v),
            }
        };
    }
    if t == Some(FloatTy::F32) {
        write_as!(m as f32)
    } else {
        write_as!(m)
    }
}

/// The sign std writes before a float: `-` for a negative one (`-0.0` too), `+` with the `+`
/// flag, nothing for NaN.
pub fn sign(x: f64, plus: bool) -> &'static str {
    if x.is_nan() {
        ""
    } else if x.is_sign_negative() {
        "-"
    } else if plus {
        "+"
    } else {
        ""
    }
}

/// `{}` of a float, with no flags.
#[inline(never)]
pub fn display(x: f64, t: Option<FloatTy>) -> String {
    format!("{}{}", sign(x, false), body(x, t, ' ', None))
}

/// `f64::MAX` and the other constants (`f64::consts::PI` too), by name.
#[inline(never)]
pub fn constant(t: FloatTy, name: &str) -> Option<Value> {
    let x = match (t, name) {
        (FloatTy::F32, "MAX") => f64::from(f32::MAX),
        (FloatTy::F32, "MIN") => f64::from(f32::MIN),
        (FloatTy::F32, "MIN_POSITIVE") => f64::from(f32::MIN_POSITIVE),
        (FloatTy::F32, "EPSILON") => f64::from(f32::EPSILON),
        (_, "MAX") => f64::MAX,
        (_, "MIN") => f64::MIN,
        (_, "MIN_POSITIVE") => f64::MIN_POSITIVE,
        (_, "EPSILON") => f64::EPSILON,
        (_, "INFINITY") => f64::INFINITY,
        (_, "NEG_INFINITY") => f64::NEG_INFINITY,
        (_, "NAN") => f64::NAN,
        (_, "PI") => std::f64::consts::PI,
        (_, "TAU") => std::f64::consts::TAU,
        (_, "E") => std::f64::consts::E,
        (_, "SQRT_2") => std::f64::consts::SQRT_2,
        (_, "FRAC_1_SQRT_2") => std::f64::consts::FRAC_1_SQRT_2,
        (_, "LN_2") => std::f64::consts::LN_2,
        (_, "LN_10") => std::f64::consts::LN_10,
        (_, "LOG2_E") => std::f64::consts::LOG2_E,
        (_, "LOG10_E") => std::f64::consts::LOG10_E,
        (_, "FRAC_PI_2") => std::f64::consts::FRAC_PI_2,
        (_, "FRAC_PI_3") => std::f64::consts::FRAC_PI_3,
        (_, "FRAC_PI_4") => std::f64::consts::FRAC_PI_4,
        (_, "FRAC_PI_6") => std::f64::consts::FRAC_PI_6,
        (_, "FRAC_1_PI") => std::f64::consts::FRAC_1_PI,
        (_, "FRAC_2_PI") => std::f64::consts::FRAC_2_PI,
        _ => return None,
    };
    Some(typed(x, Some(t)))
}

/// A float method of no argument or of floats, by name (`None`: not one of these).
#[inline(never)]
pub fn method(x: f64, t: Option<FloatTy>, name: &str, args: &[Value], at: At) -> R<Option<Value>> {
    let arg = |i: usize| -> R<f64> {
        match args.get(i).map(super::rt::deref_all) {
            Some(Value::Float(y, u)) => {
                unify(t, u, at, name)?;
                Ok(y)
            }
            Some(other) => Err(at.err(format!("`{name}` takes a float here, not {}", other.type_name()))),
            None => Err(at.err(format!("`{name}` takes an argument"))),
        }
    };
    let f32 = t == Some(FloatTy::F32);
    // Done in the type's own precision: an `f32`'s `sqrt` is `f32::sqrt`.
    macro_rules! un {
        ($m:ident) => {
            if f32 {
                f64::from((x as f32).$m())
            } else {
                x.$m()
            }
        };
    }
    macro_rules! bin {
        ($m:ident) => {{
            let y = arg(0)?;
            if f32 {
                f64::from((x as f32).$m(y as f32))
            } else {
                x.$m(y)
            }
        }};
    }
    let v = match name {
        "sqrt" => un!(sqrt),
        "cbrt" => un!(cbrt),
        "abs" => un!(abs),
        "floor" => un!(floor),
        "ceil" => un!(ceil),
        "round" => un!(round),
        "trunc" => un!(trunc),
        "fract" => un!(fract),
        "signum" => un!(signum),
        "recip" => un!(recip),
        "exp" => un!(exp),
        "ln" => un!(ln),
        "log10" => un!(log10),
        "log2" => un!(log2),
        "sin" => un!(sin),
        "cos" => un!(cos),
        "tan" => un!(tan),
        "asin" => un!(asin),
        "acos" => un!(acos),
        "atan" => un!(atan),
        "sinh" => un!(sinh),
        "cosh" => un!(cosh),
        "tanh" => un!(tanh),
        "to_degrees" => un!(to_degrees),
        "to_radians" => un!(to_radians),
        "round_ties_even" => un!(round_ties_even),
        "powf" => bin!(powf),
        "atan2" => bin!(atan2),
        "hypot" => bin!(hypot),
        "log" => bin!(log),
        "max" => bin!(max),
        "min" => bin!(min),
        "copysign" => bin!(copysign),
        "rem_euclid" => bin!(rem_euclid),
        "div_euclid" => bin!(div_euclid),
        "abs_sub" => {
            let y = arg(0)?;
            (x - y).max(0.0)
        }
        "mul_add" => {
            let (a, b) = (arg(0)?, arg(1)?);
            if f32 {
                f64::from((x as f32).mul_add(a as f32, b as f32))
            } else {
                x.mul_add(a, b)
            }
        }
        "clamp" => {
            let (lo, hi) = (arg(0)?, arg(1)?);
            if lo > hi || lo.is_nan() || hi.is_nan() {
                return Err(at.panic(format!("min > max, or either was NaN. min = {lo:?}, max = {hi:?}")));
            }
            x.clamp(lo, hi)
        }
        "powi" => {
            let n = match args.first().map(super::rt::deref_all) {
                Some(Value::Int(bits, it)) => i32::try_from(int_of(bits, it)).map_err(|_| at.err("`powi` takes an `i32`"))?,
                _ => return Err(at.err("`powi` takes an `i32`")),
            };
            if f32 {
                f64::from((x as f32).powi(n))
            } else {
                x.powi(n)
            }
        }
        "is_nan" => return Ok(Some(Value::Bool(x.is_nan()))),
        "is_finite" => return Ok(Some(Value::Bool(x.is_finite()))),
        "is_infinite" => return Ok(Some(Value::Bool(x.is_infinite()))),
        "is_normal" => return Ok(Some(Value::Bool(if f32 { (x as f32).is_normal() } else { x.is_normal() }))),
        "is_sign_negative" => return Ok(Some(Value::Bool(x.is_sign_negative()))),
        "is_sign_positive" => return Ok(Some(Value::Bool(x.is_sign_positive()))),
        "to_bits" => {
            return Ok(Some(if f32 {
                Value::Int(u64::from((x as f32).to_bits()), Some(IntTy::U32))
            } else {
                Value::Int(x.to_bits(), Some(IntTy::U64))
            }))
        }
        _ => return Ok(None),
    };
    Ok(Some(Value::Float(v, t)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::play::lang::Span;

    fn at() -> At {
        At { span: Span::default() }
    }

    #[test]
    fn f32_arithmetic_is_done_in_f32_and_printed_as_an_f32() {
        let r = binary(BinOp::Add, (f64::from(0.1f32), Some(FloatTy::F32)), (f64::from(0.2f32), Some(FloatTy::F32)), at()).unwrap();
        let Value::Float(x, t) = r else { panic!("not a float") };
        assert_eq!(display(x, t), format!("{}", 0.1f32 + 0.2f32));
        assert_eq!(display(0.1 + 0.2, None), "0.30000000000000004");
        assert!(binary(BinOp::Add, (1.0, Some(FloatTy::F32)), (1.0, Some(FloatTy::F64)), at()).is_err());
    }

    #[test]
    fn text_is_std_s_for_every_kind_of_float() {
        assert_eq!(display(1.0, None), "1");
        assert_eq!(body(1.0, None, '?', None), "1.0");
        assert_eq!(display(-0.0, None), "-0");
        assert_eq!(display(f64::NAN, None), "NaN");
        assert_eq!(display(f64::NEG_INFINITY, None), "-inf");
        assert_eq!(body(1234.5, None, 'e', Some(2)), "1.23e3");
        assert_eq!(body(2.0 / 3.0, None, ' ', Some(3)), "0.667");
    }

    #[test]
    fn casts_to_integers_saturate_and_nan_is_zero() {
        assert!(matches!(to_int(300.7, IntTy::U8), Value::Int(255, _)));
        assert!(matches!(to_int(-5.9, IntTy::U8), Value::Int(0, _)));
        assert!(matches!(to_int(f64::NAN, IntTy::I32), Value::Int(0, _)));
        let Value::Int(bits, t) = to_int(-7.9, IntTy::I32) else { panic!("not an int") };
        assert_eq!(int_of(bits, t), -7);
    }
}
