// Rc::make_mut and Rc::get_mut (and Arc's): a &mut into the value when the Rc is its only
// owner; make_mut clones a shared value into an Rc of its own (the others keep the old one),
// and moves it out from under Weaks, which then upgrade to None.
use std::sync::Arc;
use std::rc::{Rc, Weak};
#[derive(Debug, Clone)]
struct P { v: Vec<i32> }
fn main() {
    let mut a = Rc::new(5);
    *Rc::make_mut(&mut a) += 1;
    println!("{}", a);
    let mut other = a.clone();
    *Rc::make_mut(&mut a) += 10;
    *Rc::make_mut(&mut a) += 10;
    println!("{} {} {}", a, other, Rc::strong_count(&a));
    *Rc::make_mut(&mut other) *= 2;
    println!("{} {}", a, other);
    let mut p = Rc::new(P { v: vec![1, 2] });
    let q = Rc::clone(&p);
    Rc::make_mut(&mut p).v.push(3);
    println!("{:?} {:?}", p, q);
    let mut x = Rc::new(7);
    let w: Weak<i32> = Rc::downgrade(&x);
    println!("{:?}", Rc::get_mut(&mut x));
    *Rc::make_mut(&mut x) = 8;
    println!("{} {:?}", x, w.upgrade());
    let mut y = Rc::new(String::from("hi"));
    if let Some(s) = Rc::get_mut(&mut y) { s.push('!'); }
    let y2 = y.clone();
    let none = Rc::get_mut(&mut y).is_none();
    println!("{} {:?}", y, none);
    drop(y2);
    Rc::get_mut(&mut y).unwrap().push('?');
    println!("{}", y);
    let mut z = Arc::new(vec![1]);
    Arc::make_mut(&mut z).push(2);
    println!("{:?}", z);
}
