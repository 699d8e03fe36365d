// join! drops each branch as it finishes, as futures' join! does: its Drop runs then.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Named {
    inner: Pin<Box<dyn Future<Output = ()>>>,
    name: &'static str,
}

impl Future for Named {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(self.name),
            Poll::Pending => Poll::Pending,
        }
    }
}

impl Drop for Named {
    fn drop(&mut self) {
        println!("drop {}", self.name);
    }
}

fn named(ms: u64, name: &'static str) -> Named {
    Named { inner: Box::pin(sleep(ms)), name }
}

async fn main() {
    let (a, b) = join!(named(200, "slow"), named(50, "fast"));
    println!("joined {a} {b}");
    let (c, d, e) = join!(named(30, "x"), named(10, "y"), named(20, "z"));
    println!("joined {c} {d} {e}");
}
