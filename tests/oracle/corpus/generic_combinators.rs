// Combinators written by hand and generic over the futures they wrap, as the book's "The Future
// Trait" chapter builds them: `Timeout<F>` (a future raced against a timer, async-book#70),
// `Both<A, B>` keeping each output as it arrives, and `Map<F, G>`; used on `async fn`s, on boxed
// `dyn Future`s and on each other.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Timeout<F> {
    inner: Pin<Box<F>>,
    timer: Pin<Box<dyn Future<Output = ()>>>,
}

fn timeout<F: Future>(ms: u64, f: F) -> Timeout<F> {
    Timeout { inner: Box::pin(f), timer: Box::pin(sleep(ms)) }
}

impl<F: Future> Future for Timeout<F> {
    type Output = Result<F::Output, &'static str>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.inner.as_mut().poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match self.timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err("timed out")),
            Poll::Pending => Poll::Pending,
        }
    }
}

struct Both<A: Future, B: Future> {
    a: Pin<Box<A>>,
    b: Pin<Box<B>>,
    out_a: Option<A::Output>,
    out_b: Option<B::Output>,
}

// The outputs are kept by value, so `Both` is `Unpin` only by saying so (its futures are boxed).
impl<A: Future, B: Future> Unpin for Both<A, B> {}

impl<A: Future, B: Future> Future for Both<A, B>
where
    A::Output: Clone,
    B::Output: Clone,
{
    type Output = (A::Output, B::Output);
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if self.out_a.is_none() {
            if let Poll::Ready(v) = self.a.as_mut().poll(cx) {
                println!("  first half ready");
                self.out_a = Some(v);
            }
        }
        if self.out_b.is_none() {
            if let Poll::Ready(v) = self.b.as_mut().poll(cx) {
                println!("  second half ready");
                self.out_b = Some(v);
            }
        }
        match (&self.out_a, &self.out_b) {
            (Some(a), Some(b)) => Poll::Ready((a.clone(), b.clone())),
            _ => Poll::Pending,
        }
    }
}

fn both<A: Future, B: Future>(a: A, b: B) -> Both<A, B> {
    Both { a: Box::pin(a), b: Box::pin(b), out_a: None, out_b: None }
}

struct Map<F, G> {
    inner: Pin<Box<F>>,
    f: Option<G>,
}

impl<F, G> Unpin for Map<F, G> {}

impl<F: Future, G: FnOnce(F::Output) -> T, T> Future for Map<F, G> {
    type Output = T;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<T> {
        match self.inner.as_mut().poll(cx) {
            Poll::Ready(v) => {
                let f = self.f.take().expect("polled after completion");
                Poll::Ready(f(v))
            }
            Poll::Pending => Poll::Pending,
        }
    }
}

async fn work(name: &'static str, ms: u64) -> u64 {
    sleep(ms).await;
    println!("  {name} worked {ms} ms");
    ms
}

fn boxed(ms: u64) -> Pin<Box<dyn Future<Output = u64>>> {
    Box::pin(async move { work("boxed", ms).await * 2 })
}

async fn main() {
    println!("{:?}", timeout(100, work("quick", 30)).await);
    println!("{:?}", timeout(100, work("slow", 300)).await);
    let (x, y) = both(work("left", 80), boxed(20)).await;
    println!("both: {x} {y}");
    let doubled = Map { inner: Box::pin(work("mapped", 10)), f: Some(|v: u64| v * 10) }.await;
    println!("map: {doubled}");
    let nested = timeout(60, both(work("a", 40), timeout(10, work("b", 50)))).await;
    println!("{:?}", nested);
}
