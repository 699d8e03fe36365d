// Option::filter calls its predicate only on Some; RefCell's Debug shows a held mutable borrow.
use std::cell::{Cell, RefCell};

fn main() {
    let calls = Cell::new(0);
    let none: Option<u32> = None;
    let kept = Some(4).filter(|x| {
        calls.set(calls.get() + 1);
        *x > 3
    });
    let skipped = none.filter(|_| {
        calls.set(calls.get() + 1);
        true
    });
    let dropped = Some(2).filter(|x| {
        calls.set(calls.get() + 1);
        *x > 3
    });
    println!("{:?} {:?} {:?} {}", kept, skipped, dropped, calls.get());
    let c = RefCell::new(vec![1, 2]);
    println!("{:?}", c);
    {
        let mut g = c.borrow_mut();
        g.push(3);
        println!("{:?}", c);
    }
    println!("{:?} {:?}", c, RefCell::new("x"));
}
