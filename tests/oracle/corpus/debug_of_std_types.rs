// `{:?}` and `{:#?}` of the standard library's types as std prints them: a map (with one
// entry, so the order is fixed), a Mutex free and held, an RwLock, atomics, a Weak, a unit,
// a Duration with a precision, signs; then `unreachable!` with its message.
use std::collections::HashMap;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::Duration;

#[derive(Debug)]
struct Holder {
    counts: HashMap<String, u8>,
    unit: (),
}

fn main() {
    let empty: HashMap<u8, u8> = HashMap::new();
    let mut one = HashMap::new();
    one.insert("a", vec![1, 2]);
    println!("{:?} {:?}", empty, one);
    println!("{:#?}", one);
    let mut counts = HashMap::new();
    counts.insert(String::from("k"), 3);
    println!("{:?}", Holder { counts: counts.clone(), unit: () });
    println!("{:#?}", Holder { counts, unit: () });

    let m = Mutex::new(5);
    println!("{:?}", m);
    {
        let _held = m.lock().unwrap();
        println!("{:?}", m);
    }
    let rw = RwLock::new(vec!['x']);
    println!("{:?}", rw);
    println!("{:#?}", m);
    let n = AtomicUsize::new(3);
    n.fetch_add(2, Ordering::SeqCst);
    let flag = AtomicBool::new(true);
    println!("{:?} {:?}", n, flag);
    let strong = Rc::new(1);
    let weak: Weak<i32> = Rc::downgrade(&strong);
    println!("{:?} {:?}", weak, ());
    println!("{:.1?} {:.3?} {:?}", Duration::from_millis(1550), Duration::from_micros(2500), Duration::from_nanos(7));
    println!("{:+} {:+} {:+}", 5, -5, 0);
    println!("[{:>+5}] [{:<+5}]", 42, -42);
    let state = 3;
    if state > 2 {
        unreachable!("state {} is past the end", state);
    }
}
