// `for x in &mut v` changes the items in place (the Rust Book's listing 8-8), for a `Vec`, an
// array, a `VecDeque` and a `HashMap`'s values; `for x in &mut it` advances an iterator in
// place, a program's own included, and the loop can stop and go on later.
use std::collections::{HashMap, VecDeque};

struct Countdown(u32);

impl Iterator for Countdown {
    type Item = u32;
    fn next(&mut self) -> Option<u32> {
        if self.0 == 0 {
            None
        } else {
            self.0 -= 1;
            Some(self.0)
        }
    }
}

fn bump(v: &mut Vec<i32>) {
    for x in v.iter_mut() {
        *x *= 2;
    }
}

fn main() {
    let mut v = vec![100, 32, 57];
    for i in &mut v {
        *i += 50;
    }
    println!("{v:?}");
    bump(&mut v);
    println!("{v:?}");
    let mut w = [1u8, 2, 3];
    for x in &mut w {
        *x = *x * 10 + 1;
    }
    println!("{w:?}");
    let mut d: VecDeque<i32> = VecDeque::from(vec![1, 2]);
    for x in &mut d {
        *x = -*x;
    }
    println!("{d:?}");
    let mut m = HashMap::new();
    m.insert("a", 1);
    for (_, n) in &mut m {
        *n += 41;
    }
    println!("{:?}", m.get("a"));
    let mut it = v.iter();
    for x in &mut it {
        if *x > 200 {
            break;
        }
    }
    println!("rest {:?}", it.collect::<Vec<_>>());
    let mut c = Countdown(5);
    for k in &mut c {
        if k == 3 {
            break;
        }
    }
    println!("after break {:?}", c.next());
}
