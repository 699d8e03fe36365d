// Error::source: a program's own, and the default None of every other error (a boxed string's, a
// program's that writes none); RefCell::replace_with.
use std::cell::RefCell;
use std::error::Error;
use std::fmt;
use std::num::ParseIntError;
#[derive(Debug)]
enum ConfigError { Missing(String), BadNumber { key: String, source: ParseIntError } }
impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self {
            ConfigError::Missing(k) => write!(f, "missing {}", k),
            ConfigError::BadNumber { key, source } => write!(f, "bad number for '{}': {}", key, source),
        }
    }
}
impl Error for ConfigError {
    fn source(&self) -> Option<&(dyn Error + 'static)> {
        match self {
            ConfigError::Missing(_) => None,
            ConfigError::BadNumber { source, .. } => Some(source),
        }
    }
}
#[derive(Debug)]
struct Plain;
impl fmt::Display for Plain {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "plain") }
}
impl Error for Plain {}
fn get(k: &str, v: &str) -> Result<i64, Box<dyn Error>> {
    if k.is_empty() { return Err("no key".into()); }
    if v.is_empty() { return Err(Box::new(ConfigError::Missing(k.to_string()))); }
    if v == "plain" { return Err(Box::new(Plain)); }
    Ok(v.parse().map_err(|e| ConfigError::BadNumber { key: k.to_string(), source: e })?)
}
fn main() {
    for (k, v) in [("port", "80"), ("port", "8x"), ("port", ""), ("", "1"), ("p", "plain")] {
        match get(k, v) {
            Ok(n) => println!("ok {}", n),
            Err(e) => {
                println!("error: {}", e);
                match e.source() {
                    Some(src) => println!("  caused by: {}", src),
                    None => println!("  no source"),
                }
            }
        }
    }
    let r = RefCell::new(String::from("abc"));
    let old = r.replace_with(|s| format!("{}!", s.len()));
    println!("{} {}", old, r.borrow());
}
