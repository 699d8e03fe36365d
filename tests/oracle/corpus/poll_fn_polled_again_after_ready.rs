// std's PollFn is not fused: polled again after Ready, it calls its closure again, which still
// holds what it captured (a counter moved in), until the future is dropped.
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct Quiet;
impl Wake for Quiet {
    fn wake(self: Arc<Self>) {}
}

struct Loud(&'static str);
impl Drop for Loud {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

fn main() {
    let waker = Waker::from(Arc::new(Quiet));
    let mut cx = Context::from_waker(&waker);
    let mut count = 0;
    let guard = Loud("closure's capture");
    {
        let mut f = pin!(poll_fn(move |_cx: &mut Context<'_>| {
            let _held = &guard;
            count += 1;
            if count < 3 { Poll::Pending } else { Poll::Ready(count) }
        }));
        for round in 0..5 {
            println!("round {round}: {:?}", f.as_mut().poll(&mut cx));
        }
        println!("end of the block");
    }
    println!("after it");
}
