// `T::default()` of std's types, and `unwrap_or_default()` where the type is written: a `let`'s
// type, a variable's `Option<T>`, the function's return type, a `map` that makes a `String`.
use std::collections::HashMap;
#[derive(Default, Debug)]
struct P { x: i32 }
fn names(x: Option<Vec<String>>) -> Vec<String> {
    x.map(|v| v.iter().map(|s| s.to_uppercase()).collect()).unwrap_or_default()
}
fn main() {
    defaults_of_types();
    let o: Option<String> = None;
    let s: String = o.clone().unwrap_or_default();
    println!("[{}]", s);
    let v: Vec<i32> = None.unwrap_or_default();
    println!("{:?}", v);
    let p: Option<u32> = None;
    println!("{}", p.map(|n| format!("-{}", n)).unwrap_or_default());
    println!("{:?}", names(None));
    let n: u64 = None.unwrap_or_default();
    println!("{}", n);
    println!("{}", o.unwrap_or_default().len());
    let r: Result<String, String> = Err("e".to_string());
    let s2: String = r.clone().unwrap_or_default();
    let doubled: u32 = "x".parse::<u32>().map(|v| v * 2).unwrap_or_default();
    println!("[{}] {} {}", s2, doubled, r.unwrap_or_default().is_empty());
}

fn defaults_of_types() {
    let s = String::default();
    let v: Vec<i32> = Vec::default();
    let n = u64::default();
    let m: HashMap<String, i32> = HashMap::default();
    let p = P::default();
    let b = bool::default();
    let o: Option<u8> = Option::default();
    let t = 0;
    println!("[{}] {:?} {} {:?} {:?} {} {:?} {:?}", s, v, n, m, p, b, o, t);
}
