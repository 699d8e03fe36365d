// A `collect()` typed by where its value goes, as rustc infers it: a `push` or an `insert` into
// a collection whose type is written (a local's, a parameter's), a function's `Some(…)`, `Ok(…)`
// and `Err(…)`, and the parts of a tuple whose type is written. And a derived order of an enum
// with written discriminants, which is the discriminants'.
use std::collections::{BTreeSet, HashMap, HashSet, VecDeque};

fn reversed(s: &str) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    Some(s.chars().rev().collect())
}

fn upper(s: &str) -> Result<String, String> {
    if s.contains(' ') {
        return Err(s.split(' ').collect());
    }
    Ok(s.chars().map(|c| c.to_ascii_uppercase()).collect())
}

fn squeeze(src: &[&str], dst: &mut Vec<String>) {
    for s in src {
        dst.push(s.chars().filter(|c| !c.is_whitespace()).collect());
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    High = 30,
    Low = 10,
    Mid = 20,
}

fn main() {
    let letters = vec!['a', 'b', 'c'];
    let mut out: Vec<String> = Vec::new();
    out.push(letters.iter().collect());
    out.push(letters.iter().rev().collect());
    println!("{:?}", out);
    let mut squeezed = Vec::new();
    squeeze(&["a b", " c "], &mut squeezed);
    println!("{:?}", squeezed);
    println!("{:?} {:?} {:?} {:?}", reversed("abc"), reversed(""), upper("xyz"), upper("x y z"));
    let mut m: HashMap<String, String> = HashMap::new();
    m.insert("k".into(), "vk".chars().rev().collect());
    println!("{:?}", m.get("k"));
    let mut seen: HashSet<String> = HashSet::new();
    seen.insert(letters.iter().collect());
    println!("{}", seen.contains("abc"));
    let mut q: VecDeque<String> = VecDeque::new();
    q.push_back(['x', 'y'].iter().collect());
    q.push_front("ba".chars().rev().collect());
    println!("{:?}", q);
    let mut sorted: BTreeSet<String> = BTreeSet::new();
    sorted.insert("zy".chars().rev().collect());
    sorted.insert("b".chars().collect());
    println!("{:?}", sorted);
    let tup: (String, Vec<u32>, u8) = ("abc".chars().map(|c| c.to_ascii_uppercase()).collect(), "1 2".split(' ').map(|x| x.parse().unwrap()).collect(), 7);
    println!("{:?}", tup);
    let plain: (u8, char) = (200, 'q');
    println!("{:?} {}", plain, plain.0.checked_add(100).is_none());
    let mut levels = vec![Level::High, Level::Low, Level::Mid];
    levels.sort();
    println!("{:?} {} {:?}", levels, Level::Mid > Level::Low, Level::High.max(Level::Low));
}
