use std::cell::RefCell;
struct Loud(i32);
impl Drop for Loud { fn drop(&mut self) { println!("drop {}", self.0); } }
impl Loud { fn t(&self) -> bool { true } }
fn main() {
    let c = RefCell::new(vec![1, 2]);
    let k = c.borrow().len() > 0 && c.try_borrow_mut().is_ok();
    println!("k={}", k);
    let j = c.borrow().is_empty() || c.try_borrow_mut().is_ok();
    println!("j={}", j);
    let a = Loud(1).t() && { println!("rhs"); Loud(2).t() };
    println!("a={}", a);
    if Loud(3).t() && { println!("rhs"); Loud(4).t() } { println!("body"); }
    while Loud(5).t() && { println!("rhs"); true } { println!("body"); break; }
    println!("{}", Loud(6).t() && { println!("rhs"); Loud(7).t() });
    if c.borrow().len() > 0 && c.try_borrow_mut().is_ok() { println!("ok-if"); } else { println!("no-if"); }
    let m = match c.borrow().len() > 0 && c.try_borrow_mut().is_ok() { true => "t", false => "f" };
    println!("m={}", m);
    println!("end");
}
