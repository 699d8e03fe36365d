//! Format strings, as `format!` reads them: `{}`, `{:?}`, `{name}`, `{0:>8}`, `{:#x}`, `{{`.

use std::rc::Rc;

use super::ast::{ArgRef, Count, Expr, Piece, Spec};

/// Splits a format string into pieces.
///
/// ```
/// use waker_playground::play::lang::format_pieces;
/// // "a ", {}, " b ", {x:?}, " {c}"
/// assert_eq!(format_pieces("a {} b {x:?} {{c}}").unwrap().len(), 5);
/// assert!(format_pieces("{").unwrap_err().contains("never closed"));
/// ```
pub fn pieces(fmt: &str) -> Result<Vec<Piece>, String> {
    let mut out = Vec::new();
    let mut lit = String::new();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                lit.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                lit.push('}');
            }
            '{' => {
                let mut inner = String::new();
                loop {
                    match chars.next() {
                        Some('}') => break,
                        Some(c) => inner.push(c),
                        None => return Err("a `{` in the format string is never closed: write `{{` for a brace".into()),
                    }
                }
                if !lit.is_empty() {
                    out.push(Piece::Lit(Rc::from(std::mem::take(&mut lit).as_str())));
                }
                let (arg, spec) = match inner.split_once(':') {
                    Some((a, s)) => (a.trim(), spec(s).map_err(|e| format!("`{{{inner}}}`: {e}"))?),
                    None => (inner.trim(), Spec::default()),
                };
                out.push(Piece::Arg(arg_ref(arg).ok_or_else(|| format!("`{{{inner}}}` is not a valid argument"))?, Box::new(spec)));
            }
            '}' => return Err("a lone `}` in the format string: write `}}`".into()),
            c => lit.push(c),
        }
    }
    if !lit.is_empty() {
        out.push(Piece::Lit(Rc::from(lit.as_str())));
    }
    Ok(out)
}

fn arg_ref(a: &str) -> Option<ArgRef> {
    if a.is_empty() {
        return Some(ArgRef::Next);
    }
    if a.chars().all(|c| c.is_ascii_digit()) {
        return a.parse().ok().map(ArgRef::Index);
    }
    let ident = a.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_') && a.chars().all(|c| c.is_alphanumeric() || c == '_');
    ident.then(|| ArgRef::Name(Rc::from(a)))
}

fn spec(s: &str) -> Result<Spec, String> {
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    let mut out = Spec::default();
    let is_align = |c: Option<&char>| matches!(c, Some('<' | '^' | '>'));
    if is_align(chars.get(1)) {
        out.fill = chars.first().copied();
        out.align = chars.get(1).copied();
        i = 2;
    } else if is_align(chars.first()) {
        out.align = chars.first().copied();
        i = 1;
    }
    if chars.get(i) == Some(&'+') {
        out.plus = true;
        i += 1;
    } else if chars.get(i) == Some(&'-') {
        i += 1;
    }
    if chars.get(i) == Some(&'#') {
        out.alternate = true;
        i += 1;
    }
    if chars.get(i) == Some(&'0') && chars.get(i + 1) != Some(&'$') {
        out.zero = true;
        i += 1;
    }
    let count = |i: &mut usize| -> Result<Option<Count>, String> {
        let start = *i;
        // A number (`08b` is a width of 8 and the type `b`), or a name followed by `$`.
        if chars.get(*i).is_some_and(char::is_ascii_digit) {
            while chars.get(*i).is_some_and(char::is_ascii_digit) {
                *i += 1;
            }
        } else {
            while chars.get(*i).is_some_and(|c| c.is_alphanumeric() || *c == '_') {
                *i += 1;
            }
        }
        let word: String = chars[start..*i].iter().collect();
        if word.is_empty() {
            return Ok(None);
        }
        if chars.get(*i) == Some(&'$') {
            *i += 1;
            return arg_ref(&word).map(|a| Some(Count::Arg(a))).ok_or_else(|| format!("`{word}$` is not a valid argument"));
        }
        if word.chars().all(|c| c.is_ascii_digit()) {
            return word.parse().map(|n| Some(Count::Fixed(n))).map_err(|_| "this width is too large".into());
        }
        // Not a count: the type (`x`, `?`), read next.
        *i = start;
        Ok(None)
    };
    out.width = count(&mut i)?;
    if chars.get(i) == Some(&'.') {
        i += 1;
        // `{:.*}`: the precision is the next argument, the value the one after it.
        out.precision = if chars.get(i) == Some(&'*') {
            i += 1;
            Some(Count::Arg(ArgRef::Next))
        } else {
            count(&mut i)?
        };
        if out.precision.is_none() {
            return Err("expected a precision after `.`".into());
        }
    }
    let rest: String = chars[i..].iter().collect();
    out.kind = match rest.as_str() {
        "" => None,
        "?" => Some('?'),
        "x" | "X" | "b" | "o" => rest.chars().next(),
        "x?" | "X?" => {
            out.debug_hex = rest.chars().next();
            Some('?')
        }
        // An integer's `LowerExp`/`UpperExp` (`1234` is `1.234e3`); the playground has no floats.
        "e" | "E" => rest.chars().next(),
        other => return Err(format!("unknown format trait `{other}`")),
    };
    Ok(out)
}

/// Checks that the arguments and the placeholders agree, as `format!` does at compile time: every
/// positional placeholder has an argument, and every argument is used.
pub fn check_args(pieces: &[Piece], args: &[(Option<Rc<str>>, Expr)]) -> Result<(), String> {
    let positional = args.iter().take_while(|(n, _)| n.is_none()).count();
    if args[positional..].iter().any(|(n, _)| n.is_none()) {
        return Err("positional arguments cannot follow named arguments".into());
    }
    let mut used = vec![false; args.len()];
    let mut next = 0;
    let mut wanted = 0;
    let mut mark = |r: &ArgRef, next: &mut usize, wanted: &mut usize| -> Result<(), String> {
        match r {
            ArgRef::Next => {
                *wanted += 1;
                if let Some(u) = used.get_mut(*next) {
                    *u = true;
                }
                *next += 1;
            }
            ArgRef::Index(i) => {
                if *i >= positional {
                    return Err(format!("invalid reference to positional argument {i} ({positional} argument(s) follow)"));
                }
                used[*i] = true;
            }
            ArgRef::Name(n) => {
                if let Some(i) = args.iter().position(|(a, _)| a.as_deref() == Some(&**n)) {
                    used[i] = true;
                }
            }
        }
        Ok(())
    };
    for p in pieces {
        let Piece::Arg(r, spec) = p else { continue };
        for c in [&spec.width, &spec.precision].into_iter().flatten() {
            if let Count::Arg(a) = c {
                mark(a, &mut next, &mut wanted)?;
            }
        }
        mark(r, &mut next, &mut wanted)?;
    }
    if next > positional {
        return Err(format!("the format string has {wanted} `{{}}` but {positional} argument(s) follow"));
    }
    if let Some(i) = used.iter().position(|u| !u) {
        return Err(format!("argument {} is never used by the format string", i + 1));
    }
    Ok(())
}
