// `futures::future::join`, `join3` and `select`, the functions (not the macros): `join` waits
// for both and gives a tuple; `select` gives the first ready as `Either::Left` or
// `Either::Right`, with the other future unfinished beside it, to await later or drop.
use futures::future::{self, join, join3, select, Either};

async fn job(id: u64, ms: u64) -> u64 {
    sleep(ms).await;
    println!("job {id} done");
    id * 10
}

async fn main() {
    let (a, b) = join(job(1, 300), job(2, 100)).await;
    println!("{a} {b}");
    let t = join3(job(3, 10), async { 5 }, future::ready("r")).await;
    println!("{t:?}");
    // The sleep wins; the job goes on when it is awaited.
    match select(Box::pin(job(7, 50)), Box::pin(sleep(20))).await {
        Either::Left((v, _)) => println!("left {v}"),
        Either::Right(((), still)) => {
            println!("right first");
            println!("then {}", still.await);
        }
    }
    // The job wins; the slower one is dropped unfinished, and never prints.
    match select(Box::pin(job(8, 5)), Box::pin(job(9, 50))).await {
        Either::Left((v, rest)) => {
            println!("left {v}");
            drop(rest);
        }
        Either::Right((v, _)) => println!("right {v}"),
    }
    // Both ready at once: the first one given wins.
    match select(Box::pin(async { 1 }), Box::pin(async { 2 })).await {
        Either::Left((v, _)) => println!("both ready, left {v}"),
        Either::Right((v, _)) => println!("both ready, right {v}"),
    }
    sleep(100).await;
    let e: Either<u32, &str> = Either::Right("x");
    println!("{e:?} {:?}", Either::<u32, &str>::Left(2));
}
