// A hand-written future that returns Pending without storing the waker:
// nothing can ever wake its task.
use std::{
    future::Future,
    pin::Pin,
    task::{Context, Poll},
};

struct Forgetful {
    polls: u32,
}

impl Future for Forgetful {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<()> {
        self.polls += 1;
        println!("polled {} time(s); no waker kept", self.polls);
        Poll::Pending // Bug: nobody will call wake()
    }
}

async fn main() {
    let h = spawn(async {
        sleep(300).await;
        println!("the other task is fine");
    });
    Forgetful { polls: 0 }.await;
    println!("never printed");
    h.await;
}
