// Wakers of one task will_wake each other; a clone is a new handle to the same task.
use std::future::{self, Future};
use std::pin::Pin;
use std::task::{Context, Poll, Waker};

async fn main() {
    let mut first: Option<Waker> = None;
    let mut polls = 0;
    future::poll_fn(|cx: &mut Context<'_>| {
        polls += 1;
        match &first {
            None => {
                first = Some(cx.waker().clone());
                cx.waker().wake_by_ref();
                Poll::Pending
            }
            Some(w) => {
                println!("same task: {}", w.will_wake(cx.waker()));
                Poll::Ready(())
            }
        }
    })
    .await;
    println!("{polls} polls");
    let other = spawn(async {
        let w = future::poll_fn(|cx| Poll::Ready(cx.waker().clone())).await;
        w
    });
    let theirs = other.await;
    println!("another task's waker: {}", first.as_ref().unwrap().will_wake(&theirs));
}
