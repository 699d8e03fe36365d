// More of what hand-written futures use: an `async fn` method called with method syntax (its
// future runs when awaited), `self: Arc<Self>` and `self: &Arc<Self>` receivers with the
// counts they hold, `?` in a `poll` returning `Poll<Result<…>>` (through `Self::Output`),
// `ready!`, `IntoFuture`, the `Pin` functions, `PhantomPinned`, and a variant imported by its
// path.
use std::future::{Future, IntoFuture};
use std::marker::PhantomPinned;
use std::pin::Pin;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::atomic::AtomicUsize;
use std::sync::Arc;
use std::task::{ready, Context, Poll};

struct Counter {
    n: u32,
}

impl Counter {
    async fn plus_later(&self, k: u32) -> u32 {
        sleep(20).await;
        self.n + k
    }
}

struct Node {
    id: u32,
    visits: AtomicUsize,
}

impl Node {
    fn handle(self: &Arc<Self>) -> Arc<Node> {
        self.visits.fetch_add(1, SeqCst);
        Arc::clone(self)
    }
    fn into_id(self: Arc<Self>) -> (u32, usize) {
        (self.id, Arc::strong_count(&self))
    }
}

struct Flaky {
    polls: u32,
    fail_at: Option<u32>,
}

impl Future for Flaky {
    type Output = Result<u32, String>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.polls += 1;
        if Some(self.polls) == self.fail_at {
            return Poll::Ready(Err(format!("failed at poll {}", self.polls)));
        }
        if self.polls < 3 {
            cx.waker().wake_by_ref();
            return Poll::Pending;
        }
        Poll::Ready(Ok(self.polls * 100))
    }
}

struct Doubled {
    inner: Flaky,
}

impl Future for Doubled {
    type Output = Result<u32, String>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let v = ready!(Pin::new(&mut self.inner).poll(cx))?;
        Poll::Ready(Ok(v * 2))
    }
}

struct Request(u32);

impl IntoFuture for Request {
    type Output = u32;
    type IntoFuture = Pin<Box<dyn Future<Output = u32>>>;
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(async move {
            sleep(10).await;
            self.0 + 1
        })
    }
}

struct Pinned {
    label: String,
    _pin: PhantomPinned,
}

async fn main() {
    let c = Counter { n: 1 };
    let fut = c.plus_later(10);
    println!("made the method's future");
    println!("plus_later: {}", fut.await);

    let node = Arc::new(Node { id: 7, visits: AtomicUsize::new(0) });
    let h = node.handle();
    println!("handle of {}: {} strong, {} visit", h.id, Arc::strong_count(&node), node.visits.load(SeqCst));
    drop(h);
    println!("into_id: {:?}", node.into_id());

    println!("{:?}", Doubled { inner: Flaky { polls: 0, fail_at: None } }.await);
    println!("{:?}", Doubled { inner: Flaky { polls: 0, fail_at: Some(2) } }.await);
    println!("into_future: {}", Request(41).await);

    let mut b = Box::pin(Pinned { label: "pinned".to_string(), _pin: PhantomPinned });
    unsafe { b.as_mut().get_unchecked_mut().label.push('!') };
    println!("{}", b.as_ref().get_ref().label);
    let mut plain = Box::pin(Counter { n: 2 });
    Pin::get_mut(plain.as_mut()).n += 1;
    println!("{}", Pin::into_inner(plain).n);

    let mut words = vec!["delta", "Alpha", "bravo"];
    words.sort_by_cached_key(|w| w.to_lowercase());
    println!("{words:?}");
}
