// The chapter's warning, typed: a future that stores the waker only on its first poll, then moves
// to another task, wakes the old task, and its new task waits forever.
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};

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
            println!("stored the first poll's waker");
            s.waker = Some(cx.waker().clone());
        }
        Poll::Pending
    }
}

async fn main() {
    let shared = Arc::new(Mutex::new(Shared { done: false, waker: None }));
    let s = shared.clone();
    gloo_timers::callback::Timeout::new(100, move || {
        let mut st = s.lock().unwrap();
        st.done = true;
        if let Some(w) = st.waker.take() {
            w.wake();
        }
    })
    .forget();
    let mut fut = OnceStored { shared };
    let first = std::future::poll_fn(|cx| Pin::new(&mut fut).poll(cx));
    select! {
        _ = first => println!("never"),
        _ = sleep(10) => println!("main moves the future on"),
    }
    spawn(async move {
        fut.await;
        println!("the moved future finished");
    });
    sleep(500).await;
    println!("main is done; the other task still waits");
}
