// `?` converts the error with the return type's `From` impl (the Rust Book's custom error
// types), one of several picked by the error's type; `T::from` and `.into()` pick the same way,
// and an error of the return type already passes as it is.
use std::fmt;
use std::num::ParseIntError;

#[derive(Debug)]
enum AppError {
    Parse(ParseIntError),
    Negative(i64),
    Message(String),
}

impl From<ParseIntError> for AppError {
    fn from(e: ParseIntError) -> Self {
        println!("converting a parse error");
        AppError::Parse(e)
    }
}

impl From<String> for AppError {
    fn from(m: String) -> Self {
        AppError::Message(m)
    }
}

impl From<i64> for AppError {
    fn from(n: i64) -> Self {
        AppError::Negative(n)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            AppError::Parse(e) => write!(f, "parse error: {e}"),
            AppError::Negative(n) => write!(f, "{n} is negative"),
            AppError::Message(m) => write!(f, "{m}"),
        }
    }
}

fn check(n: i64) -> Result<i64, i64> {
    if n < 0 {
        Err(n)
    } else {
        Ok(n)
    }
}

fn named(s: &str) -> Result<String, String> {
    if s.is_empty() {
        Err(String::from("empty input"))
    } else {
        Ok(s.to_string())
    }
}

fn parse(s: &str) -> Result<i64, AppError> {
    let s = named(s)?;
    let n: i64 = s.trim().parse()?;
    let n = check(n)?;
    if n > 100 {
        return Err(AppError::Message(format!("{n} is too big")));
    }
    Ok(n * 2)
}

fn again(s: &str) -> Result<i64, AppError> {
    let n = parse(s)?;
    Ok(n + 1)
}

fn main() {
    for s in ["21", "x", "-4", "", "500"] {
        match again(s) {
            Ok(n) => println!("ok {n}"),
            Err(e) => println!("err {e} / {e:?}"),
        }
    }
    let a = AppError::from(String::from("hand-made"));
    let b: AppError = 7i64.into();
    println!("{a} {b}");
}
