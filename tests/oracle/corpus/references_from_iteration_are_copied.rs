// References that come out of iteration are copied by a use, never moved.
use std::collections::{BTreeMap, HashSet};

#[derive(Debug)]
enum Shape {
    Circle(u32),
    Square(u32),
}

struct Wrap<'a> {
    r: &'a String,
}

fn longest<'a>(a: &'a String, b: &'a String) -> &'a String {
    if b.len() > a.len() { b } else { a }
}

fn take(s: &String) -> usize {
    s.len()
}

fn name(label: &str, s: &Shape) -> String {
    match (label, s) {
        (l, Shape::Circle(r)) => format!("{l} circle {r}"),
        (l, Shape::Square(x)) => format!("{l} square {x}"),
    }
}

fn main() {
    let names = vec![String::from("ab"), String::from("xyz"), String::from("q")];
    for n in &names {
        let m = n;
        let pair = (0, n);
        let opt = Some(n);
        let arr = [n, n];
        let w = Wrap { r: n };
        println!("{m} {} {:?} {:?} {:?} {} {}", take(n), pair, opt, arr, w.r, n);
    }
    for (i, n) in names.iter().enumerate() {
        let k = n;
        println!("{i} {k} {n}");
    }
    let mut best = &names[0];
    for w in names.iter() {
        best = longest(best, w);
    }
    println!("best {best}");
    let lens: Vec<usize> = names.iter().map(|n| { let m = n; m.len() + n.len() }).collect();
    println!("{lens:?}");
    let mut ages: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    ages.insert("ann".to_string(), vec![1, 2]);
    ages.insert("bob".to_string(), vec![3]);
    for (k, v) in &ages {
        let vv = v;
        let kk = k;
        println!("{kk} {vv:?} {k} {v:?} {}", v.len());
    }
    let set: HashSet<String> = names.iter().cloned().collect();
    let mut seen = Vec::new();
    for s in &set {
        let t = s;
        seen.push(format!("{t}{s}"));
    }
    seen.sort();
    println!("{seen:?}");
    let shapes = vec![Shape::Circle(2), Shape::Square(3)];
    for s in &shapes {
        println!("{}", name("a", s));
        let again = s;
        println!("{:?} {:?}", again, s);
    }
    println!("{} still here", names.len());
}
