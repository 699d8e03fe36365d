// Option, Result, Ordering, Duration, Instant, atomic, Weak and JoinHandle methods the other
// programs do not call, each on both of its answers.
use std::cmp::Ordering;
use std::rc::{Rc, Weak};
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicUsize, Ordering as Mem};
use std::time::{Duration, Instant};

async fn main() {
    let mut slot: Option<u32> = None;
    *slot.get_or_insert(4) += 1;
    println!("{:?}", slot);
    println!("{}", slot.get_or_insert(9));
    let mut name: Option<String> = Some("poll".to_string());
    if let Some(s) = name.as_deref_mut() {
        s.make_ascii_uppercase();
        s.make_ascii_lowercase();
        s.make_ascii_uppercase();
    }
    println!("{:?}", name.as_deref());
    println!("{:?}", name.take_if(|s| s.len() > 9));
    let taken = name.take_if(|s| s.starts_with('P'));
    println!("{:?} {:?}", taken, name);
    let ok: Result<u32, String> = Ok(3);
    let err: Result<u32, String> = Err("late".into());
    println!("{} {}", ok.is_err_and(|e| e.len() > 2), err.clone().is_err_and(|e| e.len() > 2));
    println!("{}", err.is_err_and(|e| e.is_empty()));
    let f = |x: Option<u32>| x.map_or_else(|| "none".to_string(), |v| format!("v{v}"));
    println!("{} {}", f(Some(2)), f(None));
    for o in [1.cmp(&2), 2.cmp(&2), 3.cmp(&2)] {
        println!("{:?}: {} {} {} {} {} {}", o, o.is_eq(), o.is_ne(), o.is_lt(), o.is_gt(), o.is_le(), o.is_ge());
    }
    println!("{:?}", Ordering::Less.reverse());
    let d = Duration::from_millis(1234) + Duration::from_micros(567);
    println!("{} {} {} {}", d.as_micros(), d.subsec_micros(), d.subsec_nanos(), d.is_zero());
    println!("{} {:?}", Duration::ZERO.is_zero(), Duration::from_nanos(1500));
    let start = Instant::now();
    sleep(30).await;
    let later = Instant::now();
    // (Only what does not depend on the clock: rustc's `Instant` is the machine's.)
    println!("{}", later.checked_duration_since(start).is_some());
    println!("{:?}", start.saturating_duration_since(later));
    let n = AtomicU32::new(0b1100);
    println!("{} {}", n.fetch_and(0b1010, Mem::SeqCst), n.load(Mem::SeqCst));
    println!("{} {}", n.fetch_or(0b0001, Mem::SeqCst), n.load(Mem::SeqCst));
    println!("{} {}", n.fetch_xor(0b1111, Mem::SeqCst), n.load(Mem::SeqCst));
    println!("{} {}", n.fetch_max(20, Mem::SeqCst), n.fetch_min(3, Mem::SeqCst));
    println!("{} {}", n.fetch_sub(1, Mem::SeqCst), n.load(Mem::SeqCst));
    n.store(7, Mem::SeqCst);
    println!("{:?} {:?}", n.compare_exchange(7, 8, Mem::SeqCst, Mem::SeqCst), n.compare_exchange(7, 9, Mem::SeqCst, Mem::SeqCst));
    let mut tries = 0;
    while n.compare_exchange_weak(8, 10, Mem::SeqCst, Mem::SeqCst).is_err() {
        tries += 1;
    }
    println!("{} {}", n.load(Mem::SeqCst), tries <= 1_000);
    let used = AtomicUsize::new(1);
    let flag = AtomicBool::new(false);
    flag.store(true, Mem::SeqCst);
    println!("{} {}", used.fetch_sub(1, Mem::SeqCst), flag.load(Mem::SeqCst));
    let strong = Rc::new(5);
    let weak: Weak<u32> = Rc::downgrade(&strong);
    println!("{:?}", weak.upgrade());
    drop(strong);
    println!("{:?}", weak.upgrade());
    let h = spawn(async {
        sleep(10).await;
        2
    });
    println!("{}", h.is_finished());
    sleep(20).await;
    println!("{} {}", h.is_finished(), h.await);
}
