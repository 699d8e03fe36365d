use std::rc::Rc;
use std::cell::RefCell;
struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn v(&self) -> i32 { self.0 } }
fn show(i: i32) -> i32 { println!("show {}", i); i }
fn rc(i: i32) -> Rc<Loud> { Rc::new(Loud(i)) }
fn main() {
    let a = show(rc(1).v()) + show(2);
    println!("a={}", a);
    let b = show(Box::new(Loud(3)).v()) + show(4);
    println!("b={}", b);
    let c = show(Rc::clone(&rc(5)).v()) + show(6);
    println!("c={}", c);
    let r = RefCell::new(vec![1]);
    (*r.borrow_mut()).push(show(r.try_borrow().is_err() as i32));
    println!("{:?}", r.borrow());
    let k = show(rc(7).as_ref().0) + show(8);
    println!("k={}", k);
    let l = show(rc(9).0 + 0) + show(10);
    println!("l={}", l);
    println!("end");
}
