// Each `Poll::Pending` is a value of its own: the one a poll returned (which its `.await` let go
// of) and the ones made after it do not share anything, so writing one through a `&mut` leaves
// the others as they were.
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

struct Twice {
    left: u32,
}

impl Future for Twice {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        if self.left == 0 {
            return Poll::Ready(7);
        }
        self.left -= 1;
        cx.waker().wake_by_ref();
        let mut p = Poll::Pending;
        let q: Poll<u32> = Poll::Pending;
        let r = &mut p;
        *r = Poll::Ready(self.left);
        println!("{:?} {:?}", p, q);
        Poll::Pending
    }
}

// Returns the `Pending` it keeps in a field (`Poll<u32>` is `Copy`): a copy, so nothing made
// later can be that field.
struct Holds {
    state: Poll<u32>,
    polls: u32,
}

impl Future for Holds {
    type Output = u32;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<u32> {
        self.polls += 1;
        if self.polls == 3 {
            return Poll::Ready(self.polls);
        }
        cx.waker().wake_by_ref();
        self.state
    }
}

async fn main() {
    let n = Twice { left: 2 }.await;
    let mut a: Poll<u32> = Poll::Pending;
    let b: Poll<u32> = Poll::Pending;
    let r = &mut a;
    *r = Poll::Ready(n);
    println!("{:?} {:?} {}", a, b, b.is_pending());
    let polls: Vec<Poll<u32>> = vec![Poll::Pending, Poll::Ready(1), Poll::Pending];
    println!("{:?}", polls);
    let mut h = Holds { state: Poll::Pending, polls: 0 };
    let polled = (&mut h).await;
    let mut c: Poll<u32> = Poll::Pending;
    let r = &mut c;
    *r = Poll::Ready(5);
    println!("{} {:?} {:?}", polled, h.state, c);
}
