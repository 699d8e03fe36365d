// A hand-written event, as a learner builds one: each waiter's future stores its task's waker
// in a shared list when it finds the event unset, and `set` wakes them all at once. Three tasks
// wait; one also races the event against a timeout with `select!`, and a fourth waiter's future
// is dropped before the event is set (its waker stays in the list and is woken for nothing).
use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

#[derive(Default)]
struct Inner {
    set: bool,
    waiters: Vec<Waker>,
    polls: u32,
}

#[derive(Clone, Default)]
struct Event(Rc<RefCell<Inner>>);

impl Event {
    fn wait(&self) -> Wait {
        Wait { event: self.clone() }
    }

    fn set(&self) {
        let waiters = {
            let mut inner = self.0.borrow_mut();
            inner.set = true;
            std::mem::take(&mut inner.waiters)
        };
        println!("set: waking {}", waiters.len());
        for w in waiters {
            w.wake();
        }
    }
}

struct Wait {
    event: Event,
}

impl Future for Wait {
    type Output = u32;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        let mut inner = self.event.0.borrow_mut();
        inner.polls += 1;
        if inner.set {
            return Poll::Ready(inner.polls);
        }
        if !inner.waiters.iter().any(|w| w.will_wake(cx.waker())) {
            inner.waiters.push(cx.waker().clone());
        }
        Poll::Pending
    }
}

async fn waiter(name: &'static str, ev: Event) {
    let polls = ev.wait().await;
    println!("{name} woke after {polls} polls in all");
}

async fn main() {
    let ev = Event::default();
    let a = spawn(waiter("a", ev.clone()));
    let b = spawn(waiter("b", ev.clone()));
    let ev2 = ev.clone();
    let c = spawn(async move {
        select! {
            _ = ev2.wait() => println!("c: the event first"),
            _ = sleep(50) => println!("c: timed out first"),
        }
    });
    {
        let dropped = ev.clone();
        let d = spawn(async move {
            let mut w = dropped.wait();
            let first = std::future::poll_fn(|cx| Poll::Ready(Pin::new(&mut w).poll(cx).is_ready())).await;
            println!("d polled once by hand: ready = {first}");
            drop(w);
            sleep(10).await;
            println!("d done without waiting");
        });
        d.await;
    }
    println!("waiting: {}", ev.0.borrow().waiters.len());
    sleep(100).await;
    ev.set();
    a.await;
    b.await;
    c.await;
    println!("after: {} waiting, {} polls", ev.0.borrow().waiters.len(), ev.0.borrow().polls);
}
