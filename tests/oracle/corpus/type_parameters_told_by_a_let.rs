// A generic function whose type parameter no argument holds (`T::default()`, `T::from_str`) is
// told it by the type its value is given, as rustc infers it: a `let`'s written type (through
// `unwrap`, `expect` and `?`), and a `Vec` field's element type in `self.kids.push(…)`.
// `T::from_str` of a std type parses; `u8::from_str` too. `&str` fields default to `""`.
use std::str::FromStr;

trait Message: Default + std::fmt::Debug {
    fn add(&mut self, v: u32);
}

#[derive(Debug, Default)]
struct Leaf<'a> {
    label: &'a str,
    n: u32,
}

#[derive(Debug, Default)]
struct Tree<'a> {
    name: &'a str,
    total: u32,
    kids: Vec<Leaf<'a>>,
}

impl<'a> Message for Leaf<'a> {
    fn add(&mut self, v: u32) {
        self.n += v;
        self.label = "leaf";
    }
}

impl<'a> Message for Tree<'a> {
    fn add(&mut self, v: u32) {
        self.total += v;
        if v > 1 {
            self.kids.push(build(&[v - 1, 1]).unwrap());
        }
    }
}

fn build<T: Message>(vals: &[u32]) -> Result<T, String> {
    if vals.is_empty() {
        return Err("nothing to build".to_string());
    }
    let mut r = T::default();
    for v in vals {
        r.add(*v);
    }
    Ok(r)
}

fn parse_pair<T: FromStr>(s: &str, sep: char) -> Option<(T, T)> {
    let i = s.find(sep)?;
    match (T::from_str(&s[..i]), T::from_str(&s[i + 1..])) {
        (Ok(l), Ok(r)) => Some((l, r)),
        _ => None,
    }
}

fn first<T: FromStr>(s: &str) -> Option<T> {
    s.split(',').next()?.trim().parse::<T>().ok()
}

fn sizes() -> Result<(usize, usize), String> {
    let dims: (usize, usize) = parse_pair("64x24", 'x').ok_or("bad size")?;
    Ok(dims)
}

fn main() {
    let t: Tree = build(&[1, 2, 3]).unwrap();
    println!("{:?} {}", t, t.name.is_empty());
    let leaf: Result<Leaf, String> = build(&[5]);
    println!("{:?}", leaf);
    let none: Result<Leaf, String> = build(&[]);
    println!("{:?}", none);
    let z = build::<Leaf>(&[2]).expect("a leaf");
    println!("{:?} {:?}", z, Tree::default());

    let b: (usize, usize) = parse_pair("640x480", 'x').expect("dimensions");
    println!("{:?} {:?}", b, sizes());
    let f: (f64, f64) = parse_pair("0.5,-1.25", ',').unwrap();
    println!("{:?} {:?}", f, parse_pair::<i32>("4x", 'x'));
    let one: Option<f64> = first("1.5, 2");
    let two: u8 = first(" 7,2").unwrap();
    println!("{:?} {} {:?} {:?}", one, two, u8::from_str("300").is_err(), f64::from_str("2.5"));
}
