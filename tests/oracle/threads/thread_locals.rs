// `thread_local!` statics: one value for each thread, made at its first use there (`with`,
// `with_borrow`, `with_borrow_mut`, and `Cell`'s `get`/`set` through the key), and a raw
// waker whose data pointer is a task's number (`id as *const ()`, back with `as usize`) that
// queues the task in a thread-local run queue, as small single-threaded executors do.
use std::cell::{Cell, RefCell};
use std::task::{Context, RawWaker, RawWakerVTable, Waker};
use std::thread;

thread_local! {
    static COUNT: Cell<u32> = Cell::new(0);
    static LOG: RefCell<Vec<String>> = RefCell::new(Vec::new());
}
thread_local!(static QUEUE: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) });

fn vt_clone(p: *const ()) -> RawWaker {
    RawWaker::new(p, &VTABLE)
}
fn vt_wake(p: *const ()) {
    vt_wake_by_ref(p)
}
fn vt_wake_by_ref(p: *const ()) {
    let id = p as usize;
    QUEUE.with(|q| q.borrow_mut().push(id));
}
fn vt_drop(_: *const ()) {}
static VTABLE: RawWakerVTable = RawWakerVTable::new(vt_clone, vt_wake, vt_wake_by_ref, vt_drop);

fn bump(tag: &str) {
    COUNT.with(|c| c.set(c.get() + 1));
    LOG.with_borrow_mut(|l| l.push(format!("{tag}:{}", COUNT.get())));
}

fn main() {
    bump("main");
    bump("main");
    let h = thread::spawn(|| {
        bump("worker");
        LOG.with_borrow(|l| l.clone())
    });
    println!("worker saw {:?}", h.join().unwrap());
    println!("main sees {:?}, count {}", LOG.with_borrow(|l| l.clone()), COUNT.get());
    let w = unsafe { Waker::from_raw(RawWaker::new(7usize as *const (), &VTABLE)) };
    let cx = Context::from_waker(&w);
    cx.waker().wake_by_ref();
    w.clone().wake();
    let other = thread::spawn(|| QUEUE.with(|q| q.borrow().len())).join().unwrap();
    println!("queue {:?} here, {} in another thread", QUEUE.with(|q| q.borrow().clone()), other);
    println!("null: {} {}", (0usize as *const u8).is_null(), (16usize as *const u8).is_null());
}
