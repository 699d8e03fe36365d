// async-book#70: the learner's TimerFuture raced against work, as a timeout.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::Duration;

struct Shared {
    completed: bool,
    waker: Option<Waker>,
}

struct TimerFuture {
    shared: Arc<Mutex<Shared>>,
}

impl TimerFuture {
    fn new(d: Duration) -> TimerFuture {
        let shared = Arc::new(Mutex::new(Shared { completed: false, waker: None }));
        let s = shared.clone();
        gloo_timers::callback::Timeout::new(d.as_millis() as u32, move || {
            let mut st = s.lock().unwrap();
            st.completed = true;
            if let Some(w) = st.waker.take() {
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
        let mut st = self.shared.lock().unwrap();
        if st.completed {
            Poll::Ready(())
        } else {
            st.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

async fn slow_work() -> u32 {
    sleep(1000).await;
    42
}

async fn main() {
    select! {
        v = slow_work() => println!("work gave {v}"),
        _ = TimerFuture::new(Duration::from_millis(300)) => println!("gave up after 300 ms"),
    }
    select! {
        v = slow_work() => println!("work gave {v}"),
        _ = TimerFuture::new(Duration::from_secs(2)) => println!("gave up"),
    }
}
