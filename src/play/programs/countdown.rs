// A future that wakes its own task with cx.waker().wake_by_ref():
// each poll counts down and asks to be polled again.
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

struct Countdown {
    left: u32,
}

impl Future for Countdown {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.left == 0 {
            return Poll::Ready("liftoff");
        }
        println!("{}...", self.left);
        self.left -= 1;
        cx.waker().wake_by_ref(); // back to the end of the ready queue
        Poll::Pending
    }
}

async fn main() {
    let other = spawn(async {
        for i in 0..3 {
            println!("other task, turn {i}");
            yield_now().await;
        }
    });
    println!("{}", Countdown { left: 5 }.await);
    other.await;
}
