// A Join of two hand-written futures, as the book's "The Future Trait"
// chapter builds one: poll each side that is not done; ready when both are.
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

struct Ticks {
    name: &'static str,
    left: u32,
}

impl Future for Ticks {
    type Output = &'static str;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<&'static str> {
        if self.left == 0 {
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
    a_out: Option<&'static str>,
    b_out: Option<&'static str>,
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
                self.a_out = Some(v);
                self.a.take(); // a finished future is dropped, never polled again
            }
        }
        if let Some(b) = &mut self.b {
            if let Poll::Ready(v) = Pin::new(b).poll(cx) {
                self.b_out = Some(v);
                self.b.take();
            }
        }
        if self.a.is_none() && self.b.is_none() {
            Poll::Ready((self.a_out.take().unwrap(), self.b_out.take().unwrap()))
        } else {
            Poll::Pending
        }
    }
}

async fn main() {
    let join = Join {
        a: Some(Ticks { name: "a", left: 1 }),
        b: Some(Ticks { name: "b", left: 3 }),
        a_out: None,
        b_out: None,
    };
    let (x, y) = join.await;
    println!("both done: {x} {y}");
}
