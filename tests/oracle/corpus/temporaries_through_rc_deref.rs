use std::rc::Rc;
struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
fn rc(i: i32) -> Rc<Loud> { Rc::new(Loud(i)) }
fn show(i: i32) -> i32 { println!("show {}", i); i }
fn main() {
    let a = show((*rc(1)).0) + show(2);
    println!("a={}", a);
    let b = show(rc(3).0) + show(4);
    println!("b={}", b);
    let r = &*rc(5);
    println!("r={}", r.0);
    let c = { let q = &rc(6).0; *q } + show(7);
    println!("c={}", c);
    println!("end");
}
