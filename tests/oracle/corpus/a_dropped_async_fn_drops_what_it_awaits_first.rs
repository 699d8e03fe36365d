// Cancellation: dropping a pending async fn future drops what it holds; resumed after completion
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct Noisy(String);
impl Drop for Noisy { fn drop(&mut self) { println!("drop Noisy({})", self.0); } }

struct PendingOnce(bool);
impl Future for PendingOnce {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        if self.0 { Poll::Ready(()) } else { self.0 = true; Poll::Pending }
    }
}
impl Drop for PendingOnce { fn drop(&mut self) { println!("drop PendingOnce({})", self.0); } }

async fn worker(tag: &str) -> usize {
    let _a = Noisy(format!("{}-a", tag));
    println!("{} before await", tag);
    PendingOnce(false).await;
    let _b = Noisy(format!("{}-b", tag));
    println!("{} after await", tag);
    tag.len()
}

struct N;
impl Wake for N { fn wake(self: Arc<Self>) {} }

fn main() {
    let w = Waker::from(Arc::new(N));
    let mut cx = Context::from_waker(&w);

    println!("-- cancelled after one poll");
    let mut f = Box::pin(worker("one"));
    println!("poll -> {:?}", f.as_mut().poll(&mut cx));
    drop(f);
    println!("-- run to completion");
    let mut g = Box::pin(worker("three"));
    println!("poll -> {:?}", g.as_mut().poll(&mut cx));
    println!("poll -> {:?}", g.as_mut().poll(&mut cx));
    println!("-- never polled");
    let h = worker("never");
    drop(h);
    println!("-- async block holding a value");
    let n = Noisy("captured".into());
    let mut blk = Box::pin(async move {
        PendingOnce(false).await;
        n.0.len()
    });
    println!("poll -> {:?}", blk.as_mut().poll(&mut cx));
    println!("poll -> {:?}", blk.as_mut().poll(&mut cx));
    println!("end");
}
