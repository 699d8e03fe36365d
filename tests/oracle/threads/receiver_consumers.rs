// `rx.iter().sum()` and `collect()` in a thread's own code read every value until the last
// sender goes (the Rust Book's channels, read by a consumer instead of a `for` loop).
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    let (tx, rx) = mpsc::channel();
    let tx2 = tx.clone();
    thread::spawn(move || {
        for i in 1..=3 {
            tx.send(i).unwrap();
            thread::sleep(Duration::from_millis(10));
        }
    });
    thread::spawn(move || {
        thread::sleep(Duration::from_millis(50));
        tx2.send(100).unwrap();
    });
    let total: i32 = rx.iter().sum();
    println!("{total}");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        for w in ["a", "b", "c"] {
            tx.send(w.to_string()).unwrap();
        }
    });
    let words: Vec<String> = rx.iter().map(|w| w.to_uppercase()).collect();
    println!("{words:?}");
}
