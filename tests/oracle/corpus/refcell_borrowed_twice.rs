// A `RefCell` borrowed mutably while a shared borrow lives panics with std's message.
use std::cell::RefCell;

fn main() {
    let c = RefCell::new(vec![1]);
    let first = c.borrow();
    println!("{} {:?}", first[0], c.try_borrow_mut().is_err());
    c.borrow_mut().push(2);
    println!("never");
}
