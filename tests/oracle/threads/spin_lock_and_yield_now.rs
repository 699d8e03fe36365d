// A spin lock (an `AtomicBool` and `std::hint::spin_loop`), and `thread::yield_now`: a thread
// that spins or yields lets the others run, and every increment happens under the lock (few
// enough, and no yield while holding it, that OS threads on a loaded machine finish at once).
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;

struct SpinLock {
    locked: AtomicBool,
}

impl SpinLock {
    fn lock(&self) {
        while self.locked.compare_exchange_weak(false, true, Ordering::Acquire, Ordering::Relaxed).is_err() {
            while self.locked.load(Ordering::Relaxed) {
                std::hint::spin_loop();
            }
        }
    }
    fn unlock(&self) {
        self.locked.store(false, Ordering::Release);
    }
}

fn main() {
    let lock = Arc::new(SpinLock { locked: AtomicBool::new(false) });
    let total = Arc::new(AtomicUsize::new(0));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let lock = lock.clone();
            let total = total.clone();
            thread::spawn(move || {
                for _ in 0..25 {
                    lock.lock();
                    let now = total.load(Ordering::Relaxed);
                    total.store(now + 1, Ordering::Relaxed);
                    lock.unlock();
                    thread::yield_now();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    println!("total under the spin lock: {}", total.load(Ordering::Relaxed));
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    let waiter = thread::spawn(move || {
        let mut spins = 0;
        while !f.load(Ordering::Acquire) {
            thread::yield_now();
            spins += 1;
        }
        spins > 0
    });
    thread::yield_now();
    flag.store(true, Ordering::Release);
    println!("waiter saw the flag: {}", waiter.join().is_ok());
}
