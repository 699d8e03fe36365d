//! A small, strict JSON reader and writer for trace files, which are hostile input.
//!
//! # Ground rules
//!
//! - Numbers are read as fixed-point decimals (an `i64` and a count of decimals, at most 9; no
//!   exponents), so no float parsing or formatting code ships in the wasm (it costs about 40 KB)
//!   and a number costs no allocation.
//! - A large array can be streamed (`parse_streaming`): its items go to a callback one by one and
//!   are never all held as values, so a 32 MB file does not become hundreds of MB of tree.
//! - Depth, size and counts are bounded by the caller's limits; every error names its byte
//!   offset. Nothing here panics or recurses without bound.

use std::fmt::Write as _;

/// A JSON value. Numbers keep their text.
#[derive(Clone, Debug, PartialEq)]
pub enum Json {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number: `m / 10^decimals`.
    Num {
        /// The digits, as an integer.
        m: i64,
        /// How many of them come after the decimal point.
        decimals: u8,
    },
    /// A string.
    Str(String),
    /// An array.
    Arr(Vec<Json>),
    /// An object, in the order written.
    Obj(Vec<(String, Json)>),
}

/// Why a text is not JSON.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// Where, in bytes from the start.
    pub offset: usize,
    /// What was wrong.
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "not valid JSON at byte {}: {}", self.offset, self.message)
    }
}

impl Json {
    /// Parses `text`, nesting at most `max_depth` arrays and objects deep.
    pub fn parse(text: &str, max_depth: usize) -> Result<Json, JsonError> {
        Self::parse_streaming(text, max_depth, "", &mut |_, _| Ok(()))
    }

    /// Parses `text`, an object whose field `key` (if it is an array) is not kept: each of its
    /// items goes to `item` with its index instead, and the field reads as an empty array. An
    /// error from `item` stops the parse, at that item's offset.
    pub fn parse_streaming(
        text: &str,
        max_depth: usize,
        key: &str,
        item: &mut dyn FnMut(usize, Json) -> Result<(), String>,
    ) -> Result<Json, JsonError> {
        let mut p = Parser { s: text.as_bytes(), i: 0, max_depth, stream: key, item };
        let v = p.value(0)?;
        p.ws();
        if p.i < p.s.len() {
            return Err(p.err("text after the end of the value"));
        }
        Ok(v)
    }

    /// The field `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Json> {
        match self {
            Json::Obj(fields) => fields.iter().find(|(k, _)| k == key).map(|(_, v)| v),
            _ => None,
        }
    }

    /// A non-negative whole number.
    pub fn as_u64(&self) -> Option<u64> {
        self.as_i64().and_then(|n| u64::try_from(n).ok())
    }

    /// A whole number.
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Json::Num { m, decimals: 0 } => Some(m),
            _ => None,
        }
    }

    /// A number with at most `digits` decimals, scaled by `10^digits` (so `12.5` with 3 digits
    /// is 12500).
    pub fn as_fixed(&self, digits: u32) -> Option<i64> {
        let Json::Num { m, decimals } = *self else { return None };
        let up = digits.checked_sub(u32::from(decimals))?;
        m.checked_mul(10i64.checked_pow(up)?)
    }

    /// A string's text.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Json::Str(s) => Some(s),
            _ => None,
        }
    }

    /// An array's items.
    pub fn as_arr(&self) -> Option<&[Json]> {
        match self {
            Json::Arr(a) => Some(a),
            _ => None,
        }
    }
}

struct Parser<'a> {
    s: &'a [u8],
    i: usize,
    max_depth: usize,
    stream: &'a str,
    item: &'a mut dyn FnMut(usize, Json) -> Result<(), String>,
}

impl Parser<'_> {
    fn err(&self, message: &str) -> JsonError {
        JsonError { offset: self.i, message: message.to_string() }
    }

    fn ws(&mut self) {
        while self.s.get(self.i).is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r')) {
            self.i += 1;
        }
    }

    fn eat(&mut self, lit: &str) -> bool {
        if self.s.get(self.i..self.i + lit.len()) == Some(lit.as_bytes()) {
            self.i += lit.len();
            true
        } else {
            false
        }
    }

    fn value(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.ws();
        match self.s.get(self.i) {
            None => Err(self.err("the text ends where a value was expected")),
            Some(b'{') | Some(b'[') if depth >= self.max_depth => Err(self.err("nested too deeply")),
            Some(b'{') => {
                self.i += 1;
                let mut fields = Vec::new();
                self.ws();
                if self.eat("}") {
                    return Ok(Json::Obj(fields));
                }
                loop {
                    self.ws();
                    if self.s.get(self.i) != Some(&b'"') {
                        return Err(self.err("expected a field name in double quotes"));
                    }
                    let key = self.string()?;
                    self.ws();
                    if !self.eat(":") {
                        return Err(self.err("expected ':' after a field name"));
                    }
                    self.ws();
                    let v = if depth == 0 && !self.stream.is_empty() && key == self.stream && self.s.get(self.i) == Some(&b'[') {
                        self.streamed(depth + 1)?
                    } else {
                        self.value(depth + 1)?
                    };
                    fields.push((key, v));
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("}") {
                        return Ok(Json::Obj(fields));
                    }
                    return Err(self.err("expected ',' or '}'"));
                }
            }
            Some(b'[') => {
                self.i += 1;
                let mut items = Vec::new();
                self.ws();
                if self.eat("]") {
                    return Ok(Json::Arr(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    self.ws();
                    if self.eat(",") {
                        continue;
                    }
                    if self.eat("]") {
                        return Ok(Json::Arr(items));
                    }
                    return Err(self.err("expected ',' or ']'"));
                }
            }
            Some(b'"') => self.string().map(Json::Str),
            Some(b't') if self.eat("true") => Ok(Json::Bool(true)),
            Some(b'f') if self.eat("false") => Ok(Json::Bool(false)),
            Some(b'n') if self.eat("null") => Ok(Json::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.err("expected a value")),
        }
    }

    /// The items of an array, each handed to the callback and dropped.
    fn streamed(&mut self, depth: usize) -> Result<Json, JsonError> {
        self.i += 1; // '['
        self.ws();
        if self.eat("]") {
            return Ok(Json::Arr(Vec::new()));
        }
        let mut n = 0;
        loop {
            self.ws();
            let at = self.i;
            let v = self.value(depth + 1)?;
            (self.item)(n, v).map_err(|message| JsonError { offset: at, message })?;
            n += 1;
            self.ws();
            if self.eat(",") {
                continue;
            }
            if self.eat("]") {
                return Ok(Json::Arr(Vec::new()));
            }
            return Err(self.err("expected ',' or ']'"));
        }
    }

    /// A number: digits, at most 9 of them after a point, 18 in all; no exponent.
    fn number(&mut self) -> Result<Json, JsonError> {
        let negative = self.eat("-");
        let mut m: i64 = 0;
        let mut digits = 0u32;
        let mut decimals: Option<u8> = None;
        while let Some(&b) = self.s.get(self.i) {
            match b {
                b'0'..=b'9' => {
                    digits += 1;
                    if digits > 18 {
                        return Err(self.err("a number with more than 18 digits"));
                    }
                    m = m * 10 + i64::from(b - b'0');
                    if let Some(d) = decimals.as_mut() {
                        *d += 1;
                        if *d > 9 {
                            return Err(self.err("a number with more than 9 decimals"));
                        }
                    }
                }
                b'.' if decimals.is_none() && digits > 0 => decimals = Some(0),
                b'e' | b'E' => return Err(self.err("a number with an exponent")),
                _ => break,
            }
            self.i += 1;
        }
        if digits == 0 || decimals == Some(0) {
            return Err(self.err("a number without digits"));
        }
        Ok(Json::Num { m: if negative { -m } else { m }, decimals: decimals.unwrap_or(0) })
    }

    fn string(&mut self) -> Result<String, JsonError> {
        self.i += 1; // the opening quote
        let mut out = Vec::new();
        loop {
            match self.s.get(self.i) {
                None => return Err(self.err("a string that never ends")),
                Some(b'"') => {
                    self.i += 1;
                    return String::from_utf8(out).map_err(|_| self.err("a string that is not UTF-8"));
                }
                Some(b'\\') => {
                    self.i += 1;
                    let c = match self.s.get(self.i) {
                        Some(b'"') => '"',
                        Some(b'\\') => '\\',
                        Some(b'/') => '/',
                        Some(b'n') => '\n',
                        Some(b't') => '\t',
                        Some(b'r') => '\r',
                        Some(b'b') => '\u{8}',
                        Some(b'f') => '\u{c}',
                        Some(b'u') => {
                            let hex = self.s.get(self.i + 1..self.i + 5).ok_or_else(|| self.err("a short \\u escape"))?;
                            let code = std::str::from_utf8(hex).ok().and_then(|h| u32::from_str_radix(h, 16).ok());
                            self.i += 4;
                            // Surrogate halves become U+FFFD rather than an error: names are text.
                            code.and_then(char::from_u32).unwrap_or('\u{fffd}')
                        }
                        _ => return Err(self.err("an unknown escape")),
                    };
                    self.i += 1;
                    let mut buf = [0u8; 4];
                    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
                }
                Some(&b) if b < 0x20 => return Err(self.err("a control character inside a string")),
                Some(&b) => {
                    out.push(b);
                    self.i += 1;
                }
            }
        }
    }
}

/// Appends `s` as a JSON string.
pub fn write_str(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends a fixed-point number: `v / 10^digits`, written with exactly `digits` decimals.
pub fn write_fixed(out: &mut String, v: i64, digits: u32) {
    let scale = 10i64.pow(digits);
    if v < 0 {
        out.push('-');
    }
    let a = v.unsigned_abs();
    let scale = scale.unsigned_abs();
    let _ = write!(out, "{}", a / scale);
    if digits > 0 {
        let _ = write!(out, ".{:0width$}", a % scale, width = digits as usize);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_it_should_and_refuses_the_rest() {
        let v = Json::parse(r#"{"a": [1, -2, "x\n\u00e9"], "b": null, "c": true}"#, 8).expect("valid");
        assert_eq!(v.get("a").and_then(Json::as_arr).map(<[Json]>::len), Some(3));
        assert_eq!(v.get("a").and_then(|a| a.as_arr()?.get(1)?.as_i64()), Some(-2));
        assert_eq!(v.get("a").and_then(|a| a.as_arr()?.get(2)?.as_str().map(str::to_string)), Some("x\né".into()));
        for (bad, why) in [
            ("", "ends"),
            ("[1,", "ends"),
            ("[1 2]", "','"),
            ("{\"a\" 1}", "':'"),
            ("\"abc", "never ends"),
            ("[1] x", "after the end"),
            ("{a: 1}", "double quotes"),
            ("[[[[[[[[[[1]]]]]]]]]]", "deeply"),
        ] {
            let e = Json::parse(bad, 8).expect_err(bad);
            assert!(e.message.contains(why), "{bad:?}: {e}");
            assert!(e.offset <= bad.len());
        }
    }

    #[test]
    fn numbers_are_read_as_integers_or_fixed_point() {
        let n = |s: &str| Json::parse(s, 1);
        assert_eq!(n("12.5").ok().and_then(|v| v.as_fixed(3)), Some(12_500));
        assert_eq!(n("-0.001").ok().and_then(|v| v.as_fixed(3)), Some(-1));
        assert_eq!(n("7").ok().and_then(|v| v.as_fixed(3)), Some(7_000));
        assert_eq!(n("1.2345").ok().and_then(|v| v.as_fixed(3)), None, "too many decimals for 3");
        assert_eq!(n("-1").ok().and_then(|v| v.as_u64()), None);
        assert_eq!(n("2.0").ok().and_then(|v| v.as_i64()), None, "not a whole number as written");
        for bad in ["1e3", "99999999999999999999", "1.", "-", "0.0000000001"] {
            assert!(n(bad).is_err(), "{bad}");
        }
        let mut out = String::new();
        write_fixed(&mut out, -12_345, 3);
        out.push(' ');
        write_fixed(&mut out, 5, 3);
        assert_eq!(out, "-12.345 0.005");
    }

    #[test]
    fn a_streamed_array_is_handed_over_item_by_item() {
        let mut seen = Vec::new();
        let v = Json::parse_streaming(r#"{"a": 1, "items": [[1], [2], [3]], "b": [4]}"#, 4, "items", &mut |i, item| {
            seen.push((i, item.as_arr().and_then(|a| a.first()?.as_i64())));
            Ok(())
        })
        .expect("valid");
        assert_eq!(seen, [(0, Some(1)), (1, Some(2)), (2, Some(3))]);
        assert_eq!(v.get("items"), Some(&Json::Arr(Vec::new())));
        assert_eq!(v.get("b").and_then(Json::as_arr).map(<[Json]>::len), Some(1));
        let e = Json::parse_streaming(r#"{"items": [1, 2]}"#, 4, "items", &mut |i, _| if i == 1 { Err("no".into()) } else { Ok(()) })
            .expect_err("refused");
        assert_eq!((e.offset, e.message.as_str()), (14, "no"));
    }

    #[test]
    fn strings_round_trip() {
        let mut out = String::new();
        write_str(&mut out, "a \"b\" \\ \n \u{1} é");
        let back = Json::parse(&out, 1).expect("valid");
        assert_eq!(back.as_str(), Some("a \"b\" \\ \n \u{1} é"));
    }
}
