// `Result::or_else` calls its closure only on `Err`; `Default` named by its full path.
use std::default::Default;

#[derive(Debug, Default)]
struct Settings {
    retries: u32,
    name: String,
}

fn parse(s: &str) -> Result<u32, String> {
    if s == "one" {
        Ok(1)
    } else {
        Err(format!("not a number: {s}"))
    }
}

fn main() {
    let mut calls = 0;
    let a = parse("one").or_else(|e| {
        calls += 1;
        Err::<u32, String>(e)
    });
    let b = parse("two").or_else(|e| {
        calls += 1;
        if e.len() > 3 { Ok::<u32, String>(2) } else { Err(e) }
    });
    println!("{:?} {:?} {}", a, b, calls);
    let s: Settings = Default::default();
    let t = Settings { retries: 3, ..Settings::default() };
    println!("{:?} {} {:?}", s, t.retries, t.name);
}
