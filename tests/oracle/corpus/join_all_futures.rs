// `futures::future::join_all`: every future of an iterator polled together, the outputs in
// the order given (not the order they finish), done when the slowest is; of an iterator of
// calls, and of a `Vec` of boxed futures of different kinds.
use futures::future::join_all;
use std::future::Future;
use std::pin::Pin;

async fn fetch(id: u32, ms: u64) -> u32 {
    sleep(ms).await;
    println!("  fetched {id} after {ms} ms");
    id * 10
}

async fn main() {
    let outs = join_all((1..=3).map(|i| fetch(i, 400 - 100 * i as u64))).await;
    println!("all three: {:?}", outs);
    let mixed: Vec<Pin<Box<dyn Future<Output = u32>>>> = vec![
        Box::pin(fetch(7, 50)),
        Box::pin(async { 1 }),
        Box::pin(async {
            sleep(20).await;
            2
        }),
    ];
    println!("mixed: {:?}", join_all(mixed).await);
    let none: Vec<u32> = join_all(Vec::<Pin<Box<dyn Future<Output = u32>>>>::new()).await;
    println!("none: {:?}", none);
}
