// std::future::poll_fn, ready() and pending(); polling a future by hand with Pin::new.
use std::future::{self, Future};
use std::pin::Pin;
use std::task::{Context, Poll};

async fn main() {
    let mut calls = 0;
    let v = future::poll_fn(|cx: &mut Context<'_>| {
        calls += 1;
        if calls < 3 {
            cx.waker().wake_by_ref();
            Poll::Pending
        } else {
            Poll::Ready(calls * 10)
        }
    })
    .await;
    println!("poll_fn gave {v} after {calls} calls");
    println!("{}", future::ready(7).await);
    select! {
        _ = future::pending::<()>() => println!("never"),
        _ = sleep(20) => println!("pending never wins"),
    }
    let mut inner = Box::pin(async {
        sleep(5).await;
        "inner done"
    });
    let out = future::poll_fn(|cx| {
        let r = inner.as_mut().poll(cx);
        println!("inner polled: ready = {}", r.is_ready());
        r
    })
    .await;
    println!("{out}");
}
