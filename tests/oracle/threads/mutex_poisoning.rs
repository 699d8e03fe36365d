// A thread that panics while holding a `Mutex` poisons it: `is_poisoned()` is true, `lock()`
// is an `Err` whose `into_inner()` is still the guard, and `clear_poison` ends it. A lock let
// go of before the panic is not poisoned.
use std::sync::{Arc, Mutex};
use std::thread;

fn main() {
    let data = Arc::new(Mutex::new(0));
    let d2 = Arc::clone(&data);
    let r = thread::spawn(move || {
        let mut g = d2.lock().unwrap();
        *g += 1;
        if *g > 0 {
            panic!("poison it");
        }
    })
    .join();
    println!("joined ok: {} poisoned: {}", r.is_ok(), data.is_poisoned());
    match data.lock() {
        Ok(_) => println!("lock ok"),
        Err(e) => {
            let g = e.into_inner();
            println!("poisoned, value {}", *g);
        }
    }
    let n = *data.lock().unwrap_or_else(|e| e.into_inner());
    println!("n = {n}");
    data.clear_poison();
    println!("after clear: {} {}", data.is_poisoned(), data.lock().is_ok());
    let other = Arc::new(Mutex::new(5));
    let o2 = Arc::clone(&other);
    let _ = thread::spawn(move || {
        {
            let _g = o2.lock().unwrap();
        }
        panic!("after letting go");
    })
    .join();
    println!("other poisoned: {}", other.is_poisoned());
}
