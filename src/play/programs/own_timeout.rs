// async-book#70: a timeout built from your own TimerFuture, raced
// against slow work with select!. The loser is dropped.
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
    time::Duration,
};

struct Shared {
    completed: bool,
    waker: Option<Waker>,
}

struct TimerFuture {
    shared: Arc<Mutex<Shared>>,
}

impl TimerFuture {
    fn new(duration: Duration) -> TimerFuture {
        let shared = Arc::new(Mutex::new(Shared { completed: false, waker: None }));
        let state = shared.clone();
        gloo_timers::callback::Timeout::new(duration.as_millis() as u32, move || {
            let mut s = state.lock().unwrap();
            s.completed = true;
            if let Some(w) = s.waker.take() {
                w.wake();
            }
        })
        .forget();
        TimerFuture { shared }
    }
}

impl Future for TimerFuture {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.shared.lock().unwrap();
        if s.completed {
            Poll::Ready(())
        } else {
            s.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

async fn slow_work(ms: u64) -> u32 {
    sleep(ms).await;
    42
}

async fn main() {
    select! {
        v = slow_work(2000) => println!("work finished: {v}"),
        _ = TimerFuture::new(Duration::from_millis(500)) => println!("timed out after 500 ms"),
    }
    select! {
        v = slow_work(300) => println!("work finished: {v}"),
        _ = TimerFuture::new(Duration::from_millis(500)) => println!("timed out"),
    }
}
