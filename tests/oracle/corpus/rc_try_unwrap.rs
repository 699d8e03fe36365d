use std::rc::Rc;
use std::cell::RefCell;
fn main() {
    let a = Rc::new(String::from("solo"));
    println!("{:?}", Rc::try_unwrap(a));
    let b = Rc::new(5);
    let c = Rc::clone(&b);
    let r = Rc::try_unwrap(b);
    println!("{:?} {}", r, Rc::strong_count(&c));
    let shared = Rc::new(RefCell::new(vec![1, 2]));
    shared.borrow_mut().push(3);
    let v = Rc::try_unwrap(shared).expect("one owner").into_inner();
    println!("{v:?}");
}
