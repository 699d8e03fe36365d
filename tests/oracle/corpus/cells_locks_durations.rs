// The smaller methods of Cell, RefCell, Mutex, Weak and Duration, each on the branch a first
// program rarely takes: a failed `try_borrow`, a `Cell::swap` with itself, a checked overflow.
use std::cell::{Cell, RefCell};
use std::rc::{Rc, Weak};
use std::sync::Mutex;
use std::time::Duration;

fn main() {
    let a = Cell::new(5);
    let b = Cell::new(8);
    a.swap(&b);
    a.swap(&a);
    println!("{} {}", a.get(), b.get());
    println!("{} {} {}", a.replace(1), a.take(), a.get());
    let names: Cell<Vec<u8>> = Cell::new(vec![1, 2]);
    let taken = names.take();
    println!("{:?} {:?}", taken, names.into_inner());

    let r = RefCell::new(vec![1]);
    {
        let held = r.borrow();
        println!("{} {} {}", held.len(), r.try_borrow().is_ok(), r.try_borrow_mut().is_err());
    }
    {
        let mut w = r.borrow_mut();
        w.push(2);
        println!("{} {}", r.try_borrow().is_err(), r.try_borrow_mut().is_err());
    }
    if let Ok(mut w) = r.try_borrow_mut() {
        w.push(3);
    }
    let old = r.replace(vec![7]);
    println!("{:?} {:?}", old, r.borrow());
    let mut owned = RefCell::new(String::from("x"));
    owned.get_mut().push('y');
    println!("{}", owned.into_inner());

    let m = Mutex::new(10);
    *m.lock().unwrap() += 1;
    println!("{} {}", m.is_poisoned(), m.into_inner().unwrap());
    let mut m2 = Mutex::new(vec![1]);
    m2.get_mut().unwrap().push(2);
    println!("{:?}", m2.lock().unwrap());

    let strong = Rc::new(3);
    let weak: Weak<i32> = Rc::downgrade(&strong);
    let weak2 = weak.clone();
    println!("{} {} {:?}", weak2.strong_count(), Rc::weak_count(&strong), weak2.upgrade());
    drop(strong);
    println!("{} {:?}", weak.strong_count(), weak.upgrade());

    let d = Duration::from_millis(1500);
    let e = Duration::from_secs(2);
    println!("{:?} {:?}", d.checked_add(e), Duration::from_secs(u64::MAX).checked_add(e));
    println!("{:?} {:?}", e.checked_sub(d), d.checked_sub(e));
    println!("{:?} {:?}", d.saturating_sub(e), Duration::from_secs(u64::MAX).saturating_add(e) == Duration::from_secs(u64::MAX));
    println!("{:?} {:?}", d.abs_diff(e), e.abs_diff(d));
}
