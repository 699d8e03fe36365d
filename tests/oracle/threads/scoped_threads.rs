// `thread::scope`: threads that borrow the caller's locals and are joined when the scope ends, a
// scope's value from its handles' joins, and `join` inside an iterator's closure (the consumer
// waits for the threads) outside any scope.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

fn main() {
    let data = vec![5, 3, 8, 1, 9, 2];
    let (left, right) = data.split_at(3);
    let (mut lmax, mut rmax) = (0, 0);
    thread::scope(|s| {
        s.spawn(|| {
            thread::sleep(Duration::from_millis(20));
            lmax = *left.iter().max().unwrap();
            println!("left done");
        });
        s.spawn(|| {
            thread::sleep(Duration::from_millis(40));
            rmax = *right.iter().max().unwrap();
            println!("right done");
        });
        println!("both spawned");
    });
    println!("left max {lmax}, right max {rmax}");

    let hits = AtomicUsize::new(0);
    let total: u64 = thread::scope(|s| {
        let handles: Vec<_> = (1..=4u64)
            .map(|i| {
                let hits = &hits;
                s.spawn(move || {
                    thread::sleep(Duration::from_millis(10 * i));
                    hits.fetch_add(1, Ordering::SeqCst);
                    i * i
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).sum()
    });
    println!("sum of squares {total}, {} threads ran", hits.load(Ordering::SeqCst));

    let workers: Vec<thread::JoinHandle<String>> = ["x", "yy", "zzz"]
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let w = w.to_string();
            thread::spawn(move || {
                thread::sleep(Duration::from_millis(15 * (3 - i as u64)));
                println!("{w} finishing");
                format!("{w}:{}", w.len())
            })
        })
        .collect();
    let results: Vec<String> = workers.into_iter().map(|h| h.join().unwrap()).collect();
    println!("{results:?}");
}
