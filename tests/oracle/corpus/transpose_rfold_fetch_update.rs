// Option::transpose and Result::transpose, Iterator::rfold, an atomic's fetch_update, and
// #[derive(Default)] on a struct holding atomics (the ninth learner round).
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering};

#[derive(Default, Debug)]
struct Stats {
    wakes: AtomicUsize,
    polls: AtomicU32,
    done: AtomicBool,
}

fn parse(s: Option<&str>) -> Result<Option<i32>, std::num::ParseIntError> {
    s.map(|t| t.parse::<i32>()).transpose()
}

fn main() {
    println!("{:?}", parse(Some("42")));
    println!("{:?}", parse(None));
    println!("{}", parse(Some("x")).is_err());
    let r: Result<Option<u8>, String> = Ok(Some(3));
    println!("{:?}", r.transpose());
    let r: Result<Option<u8>, String> = Ok(None);
    println!("{:?}", r.transpose());
    let r: Result<Option<u8>, String> = Err("bad".to_string());
    println!("{:?}", r.transpose());

    let digits = [1, 2, 3, 4];
    let n = digits.iter().rfold(0, |acc, d| acc * 10 + d);
    println!("rfold {}", n);
    let s = (1..=3).map(|i| i.to_string()).rfold(String::new(), |mut acc, x| {
        acc.push_str(&x);
        acc
    });
    println!("rfold {}", s);

    let stats = Stats::default();
    stats.wakes.fetch_add(2, Ordering::SeqCst);
    println!("{:?}", stats.wakes.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |x| Some(x * 10)));
    println!("{:?}", stats.wakes.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |x| if x > 5 { None } else { Some(0) }));
    println!("{}", stats.wakes.load(Ordering::SeqCst));
    println!("{} {}", stats.polls.load(Ordering::Relaxed), stats.done.load(Ordering::Relaxed));
    stats.done.store(true, Ordering::Relaxed);
    println!("{:?}", stats);
}
