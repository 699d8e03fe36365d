use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};
use std::thread;
use std::time::Duration;

fn main() {
    let count = Arc::new(Mutex::new(0u32));
    let hits = Arc::new(AtomicUsize::new(0));
    let mut handles = vec![];
    for i in 0..4u64 {
        let count = Arc::clone(&count);
        let hits = hits.clone();
        handles.push(thread::spawn(move || {
            for _ in 0..10 {
                *count.lock().unwrap() += 1;
                hits.fetch_add(1, Ordering::SeqCst);
            }
            thread::sleep(Duration::from_millis(50 * i));
        }));
    }
    for h in handles {
        h.join().unwrap();
    }
    println!("count {} hits {}", *count.lock().unwrap(), hits.load(Ordering::SeqCst));

    // A lock held across a sleep: the other thread waits for it.
    let shared = Arc::new(Mutex::new(Vec::new()));
    let holder = {
        let shared = shared.clone();
        thread::spawn(move || {
            let mut v = shared.lock().unwrap();
            v.push("holder");
            thread::sleep(Duration::from_millis(200));
            v.push("holder again");
        })
    };
    thread::sleep(Duration::from_millis(50));
    let waiter = {
        let shared = shared.clone();
        thread::spawn(move || {
            let mut v = shared.lock().unwrap();
            v.push("waiter");
            println!("waiter got the lock: {:?}", *v);
        })
    };
    holder.join().unwrap();
    waiter.join().unwrap();
    println!("strong count {}", Arc::strong_count(&shared));

    let table = Arc::new(RwLock::new(1));
    let reader = {
        let table = table.clone();
        thread::spawn(move || {
            let r = table.read().unwrap();
            thread::sleep(Duration::from_millis(100));
            *r
        })
    };
    thread::sleep(Duration::from_millis(20));
    *table.write().unwrap() += 1;
    println!("reader saw {}, now {}", reader.join().unwrap(), *table.read().unwrap());
    let r = thread::spawn(|| {
        if true {
            panic!("boom");
        }
        1
    })
    .join();
    println!("panicked thread: {}", r.is_err());
}
