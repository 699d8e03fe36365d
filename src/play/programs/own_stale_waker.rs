// The chapter's warning, typed: this future stores the waker on its
// first poll only. Moved to another task, it still wakes the first one.
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
};

struct Shared {
    done: bool,
    waker: Option<Waker>,
}

struct OnceStored {
    shared: Arc<Mutex<Shared>>,
}

impl Future for OnceStored {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut s = self.shared.lock().unwrap();
        if s.done {
            return Poll::Ready(());
        }
        if s.waker.is_none() {
            // Bug: kept once, never replaced.
            s.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

async fn main() {
    let shared = Arc::new(Mutex::new(Shared { done: false, waker: None }));
    let state = shared.clone();
    gloo_timers::callback::Timeout::new(500, move || {
        let mut s = state.lock().unwrap();
        s.done = true;
        if let Some(w) = s.waker.take() {
            w.wake(); // wakes main, which no longer owns the future
        }
    })
    .forget();
    let mut fut = OnceStored { shared };
    // main polls it once (storing main's waker), then moves on.
    select! {
        _ = std::future::poll_fn(|cx| Pin::new(&mut fut).poll(cx)) => println!("not yet"),
        _ = sleep(10) => println!("main polled it once"),
    }
    let owner = spawn(async move {
        fut.await;
        println!("never printed: nothing wakes this task");
    });
    owner.await;
}
