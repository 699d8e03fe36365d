// Arc<Mutex<…>>: lock, mutate through the guard, drop the guard, lock again; clones share.
use std::sync::{Arc, Mutex};

#[derive(Debug, Default)]
struct Stats {
    hits: u32,
    names: Vec<String>,
}

fn record(stats: &Arc<Mutex<Stats>>, name: &str) {
    let mut s = stats.lock().unwrap();
    s.hits += 1;
    s.names.push(name.to_string());
}

async fn main() {
    let stats = Arc::new(Mutex::new(Stats::default()));
    let s2 = Arc::clone(&stats);
    let h = spawn(async move {
        sleep(10).await;
        record(&s2, "task");
    });
    record(&stats, "main");
    h.await;
    let guard = stats.lock().unwrap();
    println!("{} {:?}", guard.hits, guard.names);
    drop(guard);
    *stats.lock().unwrap() = Stats { hits: 100, names: vec![] };
    println!("{:?} refs {}", stats.lock().unwrap(), Arc::strong_count(&stats));
    let counter = Mutex::new(0);
    *counter.lock().unwrap() += 5;
    println!("{}", *counter.lock().unwrap());
}
