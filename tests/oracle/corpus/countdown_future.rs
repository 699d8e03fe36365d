// A hand-written future that wakes itself with cx.waker().wake_by_ref() until it is done.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Countdown {
    left: u32,
    polls: u32,
}

impl Future for Countdown {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.left == 0 {
            return Poll::Ready(self.polls);
        }
        println!("{} to go", self.left);
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

async fn main() {
    let polls = Countdown { left: 3, polls: 0 }.await;
    println!("done after {polls} polls");
}
