// The chapter's TimerFuture with the gloo Timeout kept in the struct: dropping the future
// cancels its timer, as a dropped `Timeout` does.
use std::{
    future::Future,
    pin::Pin,
    sync::{Arc, Mutex},
    task::{Context, Poll, Waker},
    time::Duration,
};
use gloo_timers::callback::Timeout;

struct SharedState {
    completed: bool,
    waker: Option<Waker>,
}

pub struct TimerFuture {
    shared_state: Arc<Mutex<SharedState>>,
    _timeout: Timeout,
}

impl Future for TimerFuture {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let mut shared_state = self.shared_state.lock().unwrap();
        if shared_state.completed {
            Poll::Ready(())
        } else {
            shared_state.waker = Some(cx.waker().clone());
            Poll::Pending
        }
    }
}

impl TimerFuture {
    pub fn new(duration: Duration) -> Self {
        let shared_state = Arc::new(Mutex::new(SharedState { completed: false, waker: None }));
        let thread_shared_state = shared_state.clone();
        let timeout = Timeout::new(duration.as_millis() as u32, move || {
            let mut shared_state = thread_shared_state.lock().unwrap();
            shared_state.completed = true;
            println!("timer callback");
            if let Some(waker) = &shared_state.waker {
                waker.wake_by_ref();
            }
        });
        TimerFuture { shared_state, _timeout: timeout }
    }
}

async fn main() {
    println!("howdy!");
    TimerFuture::new(Duration::from_millis(500)).await;
    println!("done!");
    {
        let dropped = TimerFuture::new(Duration::from_millis(100));
        println!("strong count {}", Arc::strong_count(&dropped.shared_state));
    }
    sleep(300).await;
    println!("the dropped timer never called back");
}
