// gloo_timers::future: TimeoutFuture::new(ms) and sleep(Duration).
use gloo_timers::future::{sleep as gloo_sleep, TimeoutFuture};
use std::time::Duration;

async fn main() {
    TimeoutFuture::new(120).await;
    println!("after TimeoutFuture");
    gloo_sleep(Duration::from_millis(80)).await;
    println!("after gloo sleep");
}
