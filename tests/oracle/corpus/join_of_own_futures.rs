// A Join of two hand-written futures, as the book's "The Future Trait" chapter builds one:
// it polls each side that is not done, and is ready when both are.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Ticks {
    name: &'static str,
    left: u32,
}

impl Future for Ticks {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.left == 0 {
            println!("{} ready", self.name);
            return Poll::Ready(self.name);
        }
        println!("{} ticks", self.name);
        self.left -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}

struct Join<A, B> {
    a: Option<A>,
    b: Option<B>,
    out_a: Option<&'static str>,
    out_b: Option<&'static str>,
}

impl<A, B> Future for Join<A, B>
where
    A: Future<Output = &'static str> + Unpin,
    B: Future<Output = &'static str> + Unpin,
{
    type Output = (&'static str, &'static str);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Some(a) = &mut self.a {
            if let Poll::Ready(v) = Pin::new(a).poll(cx) {
                self.out_a = Some(v);
                self.a.take();
            }
        }
        if let Some(b) = &mut self.b {
            if let Poll::Ready(v) = Pin::new(b).poll(cx) {
                self.out_b = Some(v);
                self.b.take();
            }
        }
        if self.a.is_none() && self.b.is_none() {
            Poll::Ready((self.out_a.take().unwrap(), self.out_b.take().unwrap()))
        } else {
            Poll::Pending
        }
    }
}

async fn main() {
    let j = Join { a: Some(Ticks { name: "a", left: 1 }), b: Some(Ticks { name: "b", left: 3 }), out_a: None, out_b: None };
    let (x, y) = j.await;
    println!("joined {x} {y}");
}
