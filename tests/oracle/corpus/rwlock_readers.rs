// An `RwLock` lets any number of readers in at once, and no writer while one is in; a write
// lock lets nobody else in. `try_read`/`try_write` say which without blocking.
use std::sync::RwLock;

fn main() {
    let lock = RwLock::new(vec![1, 2]);
    {
        let r1 = lock.read().unwrap();
        let r2 = lock.read().unwrap();
        let r3 = lock.read().unwrap();
        println!("three readers: {} {} {}", r1.len(), r2[0], r3[1]);
        println!("a writer now: {}", lock.try_write().is_ok());
        println!("a fourth reader: {}", lock.try_read().is_ok());
    }
    println!("a writer after: {}", lock.try_write().is_ok());
    {
        let mut w = lock.write().unwrap();
        w.push(3);
        println!("while writing, a reader: {}", lock.try_read().is_ok());
    }
    let r = lock.read().unwrap();
    println!("{:?}", *r);
}
