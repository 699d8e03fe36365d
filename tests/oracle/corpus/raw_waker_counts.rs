// A raw waker whose data is an `Arc` of counters: each vtable function counts what it does, and
// owns or gives back one count of the `Arc` as std's contract says. Cloning, waking and
// dropping wakers must call exactly the functions Rust calls, and leave the counts as Rust does.
use std::mem::ManuallyDrop;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{RawWaker, RawWakerVTable, Waker};

struct Counters {
    clones: AtomicUsize,
    wakes: AtomicUsize,
    by_ref: AtomicUsize,
    drops: AtomicUsize,
}

static VTABLE: RawWakerVTable = RawWakerVTable::new(clone_raw, wake_raw, wake_by_ref_raw, drop_raw);

unsafe fn clone_raw(data: *const ()) -> RawWaker {
    let c = ManuallyDrop::new(Arc::from_raw(data as *const Counters));
    c.clones.fetch_add(1, Ordering::SeqCst);
    let again: Arc<Counters> = Arc::clone(&c);
    RawWaker::new(Arc::into_raw(again) as *const (), &VTABLE)
}

unsafe fn wake_raw(data: *const ()) {
    let c = Arc::from_raw(data as *const Counters);
    c.wakes.fetch_add(1, Ordering::SeqCst);
}

unsafe fn wake_by_ref_raw(data: *const ()) {
    let c = ManuallyDrop::new(Arc::from_raw(data as *const Counters));
    c.by_ref.fetch_add(1, Ordering::SeqCst);
}

unsafe fn drop_raw(data: *const ()) {
    let c = Arc::from_raw(data as *const Counters);
    c.drops.fetch_add(1, Ordering::SeqCst);
}

fn report(what: &str, c: &Arc<Counters>) {
    println!(
        "{what}: clones {}, wakes {}, by_ref {}, drops {}, strong {}",
        c.clones.load(Ordering::SeqCst),
        c.wakes.load(Ordering::SeqCst),
        c.by_ref.load(Ordering::SeqCst),
        c.drops.load(Ordering::SeqCst),
        Arc::strong_count(c)
    );
}

fn main() {
    let counters = Arc::new(Counters {
        clones: AtomicUsize::new(0),
        wakes: AtomicUsize::new(0),
        by_ref: AtomicUsize::new(0),
        drops: AtomicUsize::new(0),
    });
    let data = Arc::into_raw(counters.clone()) as *const ();
    let waker = unsafe { Waker::from_raw(RawWaker::new(data, &VTABLE)) };
    report("made", &counters);
    let a = waker.clone();
    let b = a.clone();
    report("two clones", &counters);
    a.wake_by_ref();
    drop(a);
    report("a woken by ref, then dropped", &counters);
    b.wake();
    report("b woken (consumed)", &counters);
    let wakers: Vec<Waker> = (0..3).map(|_| waker.clone()).collect();
    report("three more in a Vec", &counters);
    drop(wakers);
    drop(waker);
    report("all gone", &counters);
}
