use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
struct T(&'static str, u32);
impl Future for T {
    type Output = ();
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.1 == 0 { println!("{} ready", self.0); return Poll::Ready(()); }
        self.1 -= 1;
        cx.waker().wake_by_ref();
        Poll::Pending
    }
}
impl Drop for T {
    fn drop(&mut self) { println!("drop {}", self.0); }
}
async fn main() {
    let a = T("a", 0);
    let b = T("b", 3);
    join!(a, b);
    println!("after join");
}
