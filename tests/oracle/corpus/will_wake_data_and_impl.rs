// `will_wake` on wakers the program made itself: true only for the same data woken by the same
// impl. Two `Arc`s of one `Wake` impl are two wakers; so are one `Arc`'s two raw wakers whose
// vtables differ.
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::task::{RawWaker, RawWakerVTable, Wake, Waker};

struct Flag {
    wakes: AtomicU32,
}

impl Wake for Flag {
    fn wake(self: Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
    }
}

fn clone_a(p: *const ()) -> RawWaker {
    RawWaker::new(p, &VTABLE_A)
}
fn clone_b(p: *const ()) -> RawWaker {
    RawWaker::new(p, &VTABLE_B)
}
fn no_op(_: *const ()) {}

static VTABLE_A: RawWakerVTable = RawWakerVTable::new(clone_a, no_op, no_op, no_op);
static VTABLE_B: RawWakerVTable = RawWakerVTable::new(clone_b, no_op, no_op, no_op);

async fn main() {
    let one = Arc::new(Flag { wakes: AtomicU32::new(0) });
    let two = Arc::new(Flag { wakes: AtomicU32::new(0) });
    let a = Waker::from(one.clone());
    let b = Waker::from(one.clone());
    let c = Waker::from(two.clone());
    println!("{} {} {}", a.will_wake(&b), a.will_wake(&c), c.will_wake(&a.clone()));
    b.wake();
    c.wake_by_ref();
    println!("{} {}", one.wakes.load(Ordering::SeqCst), two.wakes.load(Ordering::SeqCst));
    let p: *const () = std::ptr::null();
    let x = unsafe { Waker::from_raw(RawWaker::new(p, &VTABLE_A)) };
    let y = unsafe { Waker::from_raw(RawWaker::new(p, &VTABLE_B)) };
    let z = unsafe { Waker::from_raw(RawWaker::new(p, &VTABLE_A)) };
    println!("{} {} {}", x.will_wake(&y), x.will_wake(&z), y.will_wake(&y.clone()));
}
