// Round 12 of the learner programs: Vec::from_iter and the other collections' (typed by the
// path), resize_with, div_ceil and next_multiple_of, a program's impl From<List> for Vec<T>
// behind .into(), parse::<u8>().unwrap_or_default(), `use std::error::{self, Error}`,
// OnceLock and OnceCell (a static's get_or_init, set twice, their {:?}), BufRead::lines of
// a byte slice, and clone_from.
use std::cell::OnceCell;
use std::collections::{BTreeMap, HashSet};
use std::error::{self, Error};
use std::fmt;
use std::io::BufRead;
use std::sync::OnceLock;

struct Stack<T> { items: Vec<T> }
impl<T> From<Stack<T>> for Vec<T> {
    fn from(s: Stack<T>) -> Vec<T> {
        let mut v = s.items;
        v.reverse();
        v
    }
}

#[derive(Debug)]
struct Oops;
impl fmt::Display for Oops {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "oops") }
}
impl error::Error for Oops {}

fn fails() -> Result<(), Box<dyn Error>> {
    Err(Box::new(Oops))
}

fn settings() -> &'static BTreeMap<&'static str, u32> {
    static SETTINGS: OnceLock<BTreeMap<&'static str, u32>> = OnceLock::new();
    SETTINGS.get_or_init(|| {
        println!("(initialising settings)");
        BTreeMap::from([("retries", 3), ("timeout", 30)])
    })
}

fn count_lines(src: impl BufRead) -> usize {
    src.lines().filter(|l| l.as_ref().is_ok_and(|l| !l.trim().is_empty())).count()
}

#[derive(Debug, Clone, PartialEq)]
struct Config { name: String, level: u8 }

fn main() {
    let v = Vec::from_iter(1..=4);
    let s = String::from_iter(['a', 'b', 'c']);
    let set = HashSet::<i32>::from_iter(vec![3, 1, 3]);
    let m: BTreeMap<&str, i32> = BTreeMap::from_iter([("b", 2), ("a", 1)]);
    println!("{v:?} {s} {} {m:?}", set.len());

    let mut grid: Vec<Vec<u8>> = Vec::new();
    let mut next = 0;
    grid.resize_with(3, || { next += 1; vec![next; 2] });
    println!("{grid:?}");
    grid.resize_with(1, Vec::new);
    println!("{grid:?}");

    println!("{} {} {} {}", 10u32.div_ceil(3), 9usize.div_ceil(3), 13u64.next_multiple_of(5), 15u8.next_multiple_of(5));

    let st = Stack { items: vec![1, 2, 3] };
    let out: Vec<i32> = st.into();
    println!("{out:?}");

    println!("{} {} {}", "300".parse::<u8>().unwrap_or_default(), "42".parse::<i64>().unwrap_or_default(), "x".parse::<f64>().unwrap_or_default());
    match fails() {
        Err(e) => println!("error: {e} (source: {:?})", e.source().is_none()),
        Ok(()) => println!("fine"),
    }

    println!("{:?}", settings().get("retries"));
    println!("{:?}", settings().get("timeout"));
    let once: OnceLock<String> = OnceLock::new();
    println!("{:?} {:?}", once, once.get());
    println!("{:?} {:?}", once.set("first".to_string()), once.set("second".to_string()));
    println!("{:?} {:?}", once, once.get());
    let cell: OnceCell<u32> = OnceCell::new();
    println!("{} {} {:?}", cell.get_or_init(|| 7), cell.get_or_init(|| 8), cell);
    println!("{:?}", cell.into_inner());

    let doc = "first\n\n  second  \r\nthird".as_bytes();
    println!("{}", count_lines(doc));
    for line in "a,b\nc".as_bytes().lines() {
        println!("{:?}", line.unwrap());
    }

    let mut a = Config { name: "a".into(), level: 1 };
    let b = Config { name: "b".into(), level: 2 };
    a.clone_from(&b);
    let mut names = vec!["x".to_string()];
    names.clone_from(&vec!["y".to_string(), "z".to_string()]);
    println!("{} {a:?} {names:?}", a == b);
}
