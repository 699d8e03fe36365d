use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Wake, Waker};

struct Noop;
impl Wake for Noop {
    fn wake(self: Arc<Self>) {}
}

fn block_on<F: Future>(f: F) -> F::Output {
    let waker = Waker::from(Arc::new(Noop));
    let mut cx = Context::from_waker(&waker);
    let mut f = pin!(f);
    loop {
        if let Poll::Ready(v) = f.as_mut().poll(&mut cx) {
            return v;
        }
    }
}

async fn apply(f: impl AsyncFn(i32) -> i32, x: i32) -> i32 {
    f(x).await + f(x + 1).await
}

fn main() {
    let add = async |x: i32, y: i32| x + y;
    println!("{}", block_on(add(2, 3)));
    let name = String::from("ada");
    let greet = async move |times: usize| {
        for _ in 0..times {
            println!("hi {}", name);
        }
        name.len()
    };
    println!("{}", block_on(greet(2)));
    println!("{}", block_on(greet(1)));
    let mut total = 0;
    let mut acc = async |x: i32| {
        total += x;
        total
    };
    block_on(acc(4));
    println!("{}", block_on(acc(6)));
    println!("total {}", total);
    let k = 10;
    println!("{}", block_on(apply(async |v| v * k, 3)));
}
