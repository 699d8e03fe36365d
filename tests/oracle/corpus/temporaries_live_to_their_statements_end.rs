use std::cell::RefCell;
use std::collections::VecDeque;
// A temporary that a use borrows (a method's `&self`, a field read, a `format_args!`
// argument, a condition, a scrutinee) lives to the end of its statement, and temporaries drop
// latest first; an `if`/`while` condition's end with it, a `while let`'s with each turn.
struct Loud(&'static str);
impl Drop for Loud { fn drop(&mut self) { println!("  drop {}", self.0); } }
impl Loud { fn get(&self) -> &'static str { self.0 } fn name(&self) -> String { self.0.to_string() } fn consume(self) { println!("  consume {}", self.0); } }
fn make(n: &'static str) -> Loud { println!("  make {}", n); Loud(n) }
fn show(a: &str, b: &str) { println!("  show {} {}", a, b); }
fn main() {
    println!("1");
    println!("  {} {}", make("a").get(), make("b").get());
    println!("2");
    println!("  {} {}", make("c").0, make("d").0);
    println!("3");
    println!("  {:?} {:?}", make("e").0, make("f").0.len());
    println!("4");
    show(make("g").get(), &make("h").name());
    println!("5");
    make("i").consume();
    println!("6");
    if make("j").get() == "j" { println!("  in if"); }
    println!("7");
    if let "k" = make("k").get() { println!("  in if let"); } else { println!("  else"); }
    println!("8");
    let mut n = 0;
    while make("w").get().len() > n { println!("  body {}", n); n += 1; }
    println!("9");
    let v = vec![make("v1"), make("v2")];
    println!("  {}", v.len());
    println!("  {} {}", make("x").get(), v[0].get());
    let t = (make("t1"), make("t2")).0;
    println!("  t {}", t.0);
    let s: String = make("s").name().clone();
    println!("  s {}", s);
    match make("m").get() { "m" => println!("  arm m"), _ => {} }
    let r = make("r").get().len() + make("q").get().len();
    println!("  r {}", r);
    println!("end");
    part_two();
}

impl std::fmt::Display for Loud {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "L{}", self.0)
    }
}
fn pair() -> (Loud, Loud) {
    (make("p1"), make("p2"))
}
fn part_two() {
    println!("1");
    println!("  {} {}", make("a"), make("b"));
    println!("2");
    let s = format!("{}-{}", make("c"), make("d").get());
    println!("  {}", s);
    println!("3");
    let q = RefCell::new(VecDeque::from(vec![1, 2, 3]));
    while let Some(x) = q.borrow_mut().pop_front() {
        println!("  got {}", x);
        if q.try_borrow().is_err() { println!("  still borrowed"); }
    }
    println!("4");
    let c = RefCell::new(vec![1]);
    if let Some(x) = c.borrow().first() {
        println!("  first {} borrowed {}", x, c.try_borrow_mut().is_err());
    } else { }
    println!("  after {}", c.try_borrow_mut().is_err());
    println!("5");
    let v = vec![make("v0")];
    for x in vec![make("f1"), make("f2")].iter() { println!("  it {}", x.get()); }
    println!("  {}", v[0].get());
    println!("6");
    let n = { let _a = make("inner"); make("tail").get().len() };
    println!("  n {}", n);
    println!("7");
    let k = pair().0.get();
    println!("  k {}", k);
    println!("8");
    match pair() { (a, _) => println!("  arm {}", a.get()) }
    println!("9");
    let ok = true && make("and").get() == "and";
    println!("  ok {}", ok);
    println!("end");
}
