// A `static` is one value for the whole run: an atomic counted up from several places and
// threads, a `Mutex` inside it keeps what was pushed; a `Copy` struct read out of it is a copy;
// a `const` is a new value at each use.
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::thread;

static COUNTER: AtomicUsize = AtomicUsize::new(0);
static LOG: Mutex<Vec<i32>> = Mutex::new(Vec::new());
static LIMITS: [u32; 3] = [10, 20, 30];

#[derive(Clone, Copy, Debug)]
struct Config {
    level: u8,
}

static CONFIG: Config = Config { level: 3 };
const START: usize = 100;

fn bump() -> usize {
    COUNTER.fetch_add(1, Ordering::SeqCst) + 1
}

fn main() {
    bump();
    bump();
    println!("{}", COUNTER.load(Ordering::SeqCst));
    let handles: Vec<_> = (0..4)
        .map(|i| {
            thread::spawn(move || {
                bump();
                LOG.lock().unwrap().push(i);
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let mut log = LOG.lock().unwrap().clone();
    log.sort();
    println!("{} {:?}", COUNTER.load(Ordering::SeqCst), log);
    let mut c = CONFIG;
    c.level += 1;
    println!("{:?} {:?} {} {}", c, CONFIG, LIMITS[1], START + LIMITS.len());
}
