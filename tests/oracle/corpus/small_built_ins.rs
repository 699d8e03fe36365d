// The last built-in methods no other program calls: gloo's `cancel` (before and after its
// timer fired), `Option::and`, `bool::then` and `then_some`, `Vec::append`, and `into_future`.
use gloo_timers::callback::{Interval, Timeout};
use std::cell::Cell;
use std::future::IntoFuture;
use std::rc::Rc;

async fn main() {
    let fired = Rc::new(Cell::new(0));
    let f = fired.clone();
    let once = Timeout::new(10, move || f.set(f.get() + 1));
    let g = fired.clone();
    let kept = Timeout::new(20, move || g.set(g.get() + 10));
    let h = fired.clone();
    let every = Interval::new(5, move || h.set(h.get() + 100));
    let n = fired.clone();
    let never = Timeout::new(15, move || n.set(n.get() + 1000));
    sleep(12).await;
    every.cancel();
    once.cancel();
    never.cancel();
    println!("{}", fired.get());
    sleep(30).await;
    println!("{}", fired.get());
    drop(kept);
    println!("{:?} {:?}", Some(1).and(Some("two")), None::<u32>.and(Some(3)));
    println!("{:?} {:?}", (2 > 1).then(|| "yes"), (1 > 2).then(|| "no"));
    println!("{:?} {:?}", (3 > 1).then_some(7), (1 > 3).then_some(7));
    let mut a = vec![1, 2];
    let mut b = vec![3, 4];
    a.append(&mut b);
    println!("{:?} {:?}", a, b);
    let fut = async { 5 }.into_future();
    println!("{}", fut.await);
}
