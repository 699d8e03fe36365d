// A waker made by hand from a `RawWakerVTable` whose functions do nothing, and a future polled
// in a loop with it (as a test harness or a busy-polling executor does).
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, RawWaker, RawWakerVTable, Waker};

fn no_op(_: *const ()) {}

fn clone(_: *const ()) -> RawWaker {
    noop_raw_waker()
}

fn noop_raw_waker() -> RawWaker {
    let vtable = &RawWakerVTable::new(clone, no_op, no_op, no_op);
    RawWaker::new(std::ptr::null::<()>(), vtable)
}

struct CountDown(u32);

impl Future for CountDown {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.0 == 0 {
            Poll::Ready("liftoff")
        } else {
            println!("{}", self.0);
            self.0 -= 1;
            cx.waker().wake_by_ref();
            Poll::Pending
        }
    }
}

fn main() {
    let data: *const () = std::ptr::null();
    println!("data is null: {}", data.is_null());
    let waker = unsafe { Waker::from_raw(noop_raw_waker()) };
    let copy = waker.clone();
    let mut cx = Context::from_waker(&copy);
    let mut fut = Box::pin(CountDown(3));
    let mut polls = 0;
    loop {
        polls += 1;
        if let Poll::Ready(v) = fut.as_mut().poll(&mut cx) {
            println!("{v} after {polls} polls");
            break;
        }
    }
    drop(waker);
}
