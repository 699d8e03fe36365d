// Polling a future by hand with a Context from Waker::noop(), as a tiny executor would.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

struct Ready3 {
    polls: u32,
}

impl Future for Ready3 {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<&'static str> {
        self.polls += 1;
        if self.polls == 3 { Poll::Ready("third time") } else { Poll::Pending }
    }
}

fn main() {
    let mut cx = Context::from_waker(Waker::noop());
    let mut fut = Box::pin(Ready3 { polls: 0 });
    loop {
        match fut.as_mut().poll(&mut cx) {
            Poll::Ready(v) => {
                println!("ready: {v}");
                break;
            }
            Poll::Pending => println!("pending"),
        }
    }
    let mut block = Box::pin(async { 40 + 2 });
    if let Poll::Ready(v) = block.as_mut().poll(&mut cx) {
        println!("async block ready at once: {v}");
    }
}
