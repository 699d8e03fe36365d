use std::sync::{Arc, Barrier, Condvar, Mutex};
use std::thread;
use std::time::Duration;

fn main() {
    // wait_while: the condition is asked with the lock held, and again after each wakeup.
    let pair = Arc::new((Mutex::new(0u32), Condvar::new()));
    let p2 = Arc::clone(&pair);
    let producer = thread::spawn(move || {
        for _ in 0..3 {
            thread::sleep(Duration::from_millis(50));
            let (lock, cv) = &*p2;
            *lock.lock().unwrap() += 1;
            cv.notify_all();
        }
    });
    let (lock, cv) = &*pair;
    let mut asked = 0;
    let guard = cv
        .wait_while(lock.lock().unwrap(), |n| {
            asked += 1;
            *n < 3
        })
        .unwrap();
    println!("reached {} after asking {} times", *guard, asked);
    drop(guard);
    producer.join().unwrap();

    // A condition already false waits for nothing.
    let g = cv.wait_while(lock.lock().unwrap(), |n| *n < 3).unwrap();
    println!("no wait: {}", *g);
    drop(g);

    // wait_timeout: nobody notifies, so it times out; the guard comes back either way.
    let (g, res) = cv.wait_timeout(lock.lock().unwrap(), Duration::from_millis(30)).unwrap();
    println!("timed out: {} ({:?}), value {}", res.timed_out(), res, *g);
    drop(g);

    // wait_timeout_while: notified in time, and then a deadline the condition outlives.
    let p3 = Arc::clone(&pair);
    let late = thread::spawn(move || {
        thread::sleep(Duration::from_millis(20));
        let (lock, cv) = &*p3;
        *lock.lock().unwrap() = 10;
        cv.notify_one();
    });
    let (g, res) = cv.wait_timeout_while(lock.lock().unwrap(), Duration::from_millis(500), |n| *n < 10).unwrap();
    println!("in time: value {}, timed out {}", *g, res.timed_out());
    drop(g);
    late.join().unwrap();
    let (g, res) = cv.wait_timeout_while(lock.lock().unwrap(), Duration::from_millis(40), |n| *n < 100).unwrap();
    println!("deadline: value {}, timed out {}", *g, res.timed_out());
    drop(g);

    // A barrier of four: the last to arrive leads; nobody passes before all have arrived.
    let barrier = Arc::new(Barrier::new(4));
    let arrived = Arc::new(Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for i in 0..4u64 {
        let b = Arc::clone(&barrier);
        let arrived = Arc::clone(&arrived);
        handles.push(thread::spawn(move || {
            thread::sleep(Duration::from_millis(10 * (i + 1)));
            arrived.lock().unwrap().push(i);
            let r = b.wait();
            let seen = arrived.lock().unwrap().len();
            (i, r.is_leader(), seen)
        }));
    }
    for h in handles {
        let (i, leader, seen) = h.join().unwrap();
        println!("thread {i}: leader {leader}, saw {seen} arrived");
    }
    let one = Barrier::new(1);
    println!("{:?}", one.wait());
}
