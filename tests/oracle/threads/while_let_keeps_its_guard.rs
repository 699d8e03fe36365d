use std::sync::{mpsc, Arc, Mutex};
use std::thread;
use std::time::Duration;

// The Rust book's thread pool, chapter 20: `while let` keeps the lock's guard, a temporary of
// its condition, through the body; a `let` drops it at the end of the statement.
fn main() {
    let (tx, rx) = mpsc::channel::<u32>();
    let rx = Arc::new(Mutex::new(rx));
    let worker_rx = Arc::clone(&rx);
    let worker = thread::spawn(move || {
        while let Ok(job) = worker_rx.lock().unwrap().recv() {
            println!("while let: job {}", job);
            thread::sleep(Duration::from_millis(100));
        }
    });
    tx.send(1).unwrap();
    thread::sleep(Duration::from_millis(50));
    println!("while let: locked during the job: {}", rx.try_lock().is_err());
    drop(tx);
    worker.join().unwrap();

    let (tx, rx) = mpsc::channel::<u32>();
    let rx = Arc::new(Mutex::new(rx));
    let worker_rx = Arc::clone(&rx);
    let worker = thread::spawn(move || loop {
        let job = worker_rx.lock().unwrap().recv();
        match job {
            Ok(job) => {
                println!("let: job {}", job);
                thread::sleep(Duration::from_millis(100));
            }
            Err(_) => break,
        }
    });
    tx.send(2).unwrap();
    thread::sleep(Duration::from_millis(50));
    println!("let: locked during the job: {}", rx.try_lock().is_err());
    drop(tx);
    worker.join().unwrap();
    println!("done");
}
