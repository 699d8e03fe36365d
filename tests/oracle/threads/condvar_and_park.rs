use std::sync::{Arc, Condvar, Mutex};
use std::thread;
use std::time::Duration;

fn main() {
    let me = thread::current().id();
    // A flag behind a mutex, and a condvar to wait for it: the classic handshake.
    let pair = Arc::new((Mutex::new(false), Condvar::new()));
    let pair2 = Arc::clone(&pair);
    let t = thread::spawn(move || {
        thread::sleep(Duration::from_millis(100));
        let (lock, cvar) = &*pair2;
        *lock.lock().unwrap() = true;
        cvar.notify_one();
        thread::current().id()
    });
    let (lock, cvar) = &*pair;
    let mut started = lock.lock().unwrap();
    let mut waits = 0;
    while !*started {
        started = cvar.wait(started).unwrap();
        waits += 1;
    }
    println!("started: {}, after {} wait(s)", *started, waits);
    drop(started);
    let other = t.join().unwrap();
    println!("the other thread is another thread: {}", other != me);

    // Many waiters, one notify_all.
    let gate = Arc::new((Mutex::new(0u32), Condvar::new()));
    let mut handles = Vec::new();
    for i in 0..3u64 {
        let gate = gate.clone();
        handles.push(thread::spawn(move || {
            let (count, cvar) = &*gate;
            let mut open = count.lock().unwrap();
            while *open == 0 {
                open = cvar.wait(open).unwrap();
            }
            *open += 1;
            i
        }));
    }
    thread::sleep(Duration::from_millis(100));
    {
        let (count, cvar) = &*gate;
        *count.lock().unwrap() = 1;
        cvar.notify_all();
    }
    let mut sum = 0;
    for h in handles {
        sum += h.join().unwrap();
    }
    println!("all three went through: {} (sum of ids {})", *gate.0.lock().unwrap(), sum);

    // park and unpark.
    let parked = thread::spawn(|| {
        println!("parking");
        thread::park();
        println!("unparked");
    });
    thread::sleep(Duration::from_millis(100));
    parked.thread().unpark();
    parked.join().unwrap();
    println!("still the same main thread: {}", thread::current().id() == me);
}
