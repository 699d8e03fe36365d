// Constructors by their type's path, std's small free functions (`cmp::max` and `min` on a
// tie give back the second and the first), `char::from_digit`, `String::from_utf8`,
// `ptr_eq`, and defaults: derived for a struct with a tuple field, and what `Cell::take`
// leaves behind for each kind of value.
use std::cell::Cell;
use std::cmp::{self, Ordering};
use std::collections::VecDeque;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

#[derive(Debug, Clone, Copy)]
struct Key {
    k: u8,
    tag: char,
}

impl PartialEq for Key {
    fn eq(&self, other: &Self) -> bool {
        self.k == other.k
    }
}
impl Eq for Key {}
impl PartialOrd for Key {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Key {
    fn cmp(&self, other: &Self) -> Ordering {
        self.k.cmp(&other.k)
    }
}

#[derive(Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
struct Conf {
    pair: (u8, bool),
    name: String,
    wait: Duration,
    ch: char,
    list: Vec<u8>,
}

fn main() {
    let mut v: Vec<u8> = Vec::with_capacity(4);
    v.push(1);
    let mut q: VecDeque<char> = VecDeque::with_capacity(2);
    q.push_back('a');
    println!("{:?} {:?}", v, q);
    let s = Option::Some(3);
    let n: Option<u8> = Option::None;
    let ok: Result<u8, ()> = Result::Ok(1);
    let err: Result<u8, &str> = Result::Err("e");
    println!("{:?} {:?} {:?} {:?}", s, n, ok, err);
    let (e, g) = (Ordering::Equal, Ordering::Greater);
    println!("{:?} {:?} {}", e, g, e < g);

    println!("{} {} {}", cmp::max(3, 7), std::cmp::min("b", "a"), cmp::max(-1i8, -9));
    let (a, b) = (Key { k: 1, tag: 'a' }, Key { k: 1, tag: 'b' });
    println!("{} {}", cmp::max(a, b).tag, cmp::min(a, b).tag);
    println!("{} {}", a.max(b).tag, a.min(b).tag);
    println!("{} {} {}", 'a'.max('b'), "x".min("y"), String::from("b").max(String::from("a")));
    println!("{:?} {:?}", (1, 'a').max((1, 'b')), Duration::from_secs(2).min(Duration::from_millis(2500)));
    println!("{:?} {:?}", Some(3).max(None), vec![1, 2].min(vec![1, 2, 0]));
    let c = Key { k: 2, tag: 'c' };
    println!("{} {}", cmp::max(c, a).tag, cmp::min(c, a).tag);

    println!("{:?} {:?} {:?}", char::from_digit(7, 10), char::from_digit(11, 16), char::from_digit(10, 10));
    println!("{} {}", String::from('x'), String::from("yz"));
    match String::from_utf8(vec![104, 105]) {
        Ok(t) => println!("ok {t}"),
        Err(e) => println!("err {e}"),
    }
    match String::from_utf8(vec![104, 255]) {
        Ok(t) => println!("ok {t}"),
        Err(e) => println!("err {e}"),
    }
    let r1 = Rc::new(5);
    let r2 = r1.clone();
    let r3 = Rc::new(5);
    println!("{} {}", Rc::ptr_eq(&r1, &r2), Rc::ptr_eq(&r1, &r3));
    let a1 = Arc::new(vec![1]);
    let a2 = Arc::clone(&a1);
    println!("{} {}", Arc::ptr_eq(&a1, &a2), Arc::ptr_eq(&a1, &Arc::new(vec![1])));

    let d = Conf::default();
    println!("{:?}", d);
    println!("{}", d == Conf { pair: (0, false), name: String::new(), wait: Duration::ZERO, ch: '\0', list: vec![] });
    let other = Conf { pair: (0, true), ..Conf::default() };
    println!("{:?}", d.cmp(&other));

    let ci = Cell::new(9u16);
    let cb = Cell::new(true);
    let cc = Cell::new('z');
    let cs = Cell::new(String::from("s"));
    let cd = Cell::new(Duration::from_millis(3));
    let cu = Cell::new(());
    println!("{} {} {:?} {:?} {:?} {:?}", ci.take(), cb.take(), cc.take(), cs.take(), cd.take(), cu.take());
    println!("{} {} {:?} {:?} {:?}", ci.get(), cb.get(), cc.get(), cs.take(), cd.get());
}
