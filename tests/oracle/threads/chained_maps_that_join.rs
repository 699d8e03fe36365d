// A consumer of `map`s chained over `JoinHandle`s: each `join` waits for its thread in the
// thread's own code, and the `map` after it sees the joined value (Rust Atomics and Locks'
// scoped threads). A fence lets its `Ordering` go; `std::str::from_utf8` reads a slice.
use std::sync::atomic::{fence, AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

fn main() {
    let seen = AtomicUsize::new(0);
    let counts: Vec<usize> = thread::scope(|s| {
        let hs: Vec<_> = (0..3)
            .map(|i| {
                let seen = &seen;
                s.spawn(move || {
                    thread::sleep(Duration::from_millis(20 * (3 - i as u64)));
                    seen.fetch_add(1, Ordering::SeqCst);
                    i * 10
                })
            })
            .collect();
        hs.into_iter().map(|h| h.join().unwrap()).map(|n| n + 1).map(|n| n * 2).collect()
    });
    fence(Ordering::Acquire);
    println!("counts {:?} seen {}", counts, seen.load(Ordering::SeqCst));

    let total: u64 = (1..=3u64)
        .map(|ms| thread::spawn(move || {
            thread::sleep(Duration::from_millis(ms * 10));
            ms
        }))
        .collect::<Vec<_>>()
        .into_iter()
        .map(|h| h.join().unwrap())
        .map(|ms| ms * 100)
        .sum();
    println!("total {}", total);

    let buf = [b'o', b'k', b'!', 0, 0];
    let n = buf.iter().position(|&b| b == 0).unwrap();
    println!("{}", std::str::from_utf8(&buf[..n]).unwrap());
    let bad = vec![0xff, b'A'];
    println!("{} {}", std::str::from_utf8(&bad).is_err(), std::str::from_utf8(&bad[1..]).unwrap());
}
