use std::sync::mpsc;
use std::thread;
use std::time::Duration;

fn main() {
    // A bounded channel's reader that sums: the sender waits for room, the sum reads on.
    let (tx, rx) = mpsc::sync_channel::<u32>(1);
    let producer = thread::spawn(move || {
        for i in 1..=5 {
            tx.send(i * i).unwrap();
        }
        "sent five"
    });
    let total: u32 = rx.iter().sum();
    println!("sum {} ({})", total, producer.join().unwrap());

    // take(3) of an unbounded channel: three values, the rest stay for recv.
    let (tx, rx) = mpsc::channel();
    let slow = thread::spawn(move || {
        for i in 0..5 {
            thread::sleep(Duration::from_millis(10));
            tx.send(i).unwrap();
        }
    });
    let first: Vec<i32> = rx.iter().take(3).map(|x| x * 10).collect();
    println!("first three {:?}", first);
    println!("then {:?} {:?}", rx.recv(), rx.recv());
    slow.join().unwrap();
    println!("after the sender: {:?}", rx.recv());

    // A rendezvous channel (bound 0): each send waits until its value is taken.
    let (tx, rx) = mpsc::sync_channel::<&str>(0);
    let t = thread::spawn(move || {
        for w in ["a", "b", "c"] {
            tx.send(w).unwrap();
        }
    });
    let words: Vec<&str> = rx.iter().collect();
    t.join().unwrap();
    println!("{}", words.join("-"));

    // A bounded channel read with take(2) and enumerate: the sender still has more to send.
    let (tx, rx) = mpsc::sync_channel(2);
    let t = thread::spawn(move || {
        for i in 0..4u8 {
            tx.send(i).unwrap();
        }
    });
    let pairs: Vec<(usize, u8)> = rx.iter().take(2).enumerate().collect();
    println!("{:?}", pairs);
    let rest: Vec<u8> = rx.iter().collect();
    t.join().unwrap();
    println!("{:?}", rest);
}
