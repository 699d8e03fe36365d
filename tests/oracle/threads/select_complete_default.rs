// The async book's `select!` listing ("select!: complete and default"): fused futures that
// finished are skipped, `complete` runs once all have, and `default` when none is ready.
use futures::{
    executor::block_on,
    future::{self, FutureExt},
    pin_mut, select,
};

async fn count() {
    let mut a_fut = future::ready(4);
    let mut b_fut = future::ready(6);
    let mut total = 0;

    loop {
        select! {
            a = a_fut => total += a,
            b = b_fut => total += b,
            complete => break,
            default => unreachable!(), // never runs (futures are ready, then complete)
        };
    }
    assert_eq!(total, 10);
    println!("total {total}");
}

async fn never_ready() {
    future::pending::<()>().await;
}

async fn fallback() {
    let slow = never_ready().fuse();
    pin_mut!(slow);
    let mut turns = 0;
    loop {
        select! {
            () = slow => println!("slow finished"),
            default => {
                turns += 1;
                println!("nothing ready, turn {turns}");
                if turns == 3 {
                    break;
                }
            }
        }
    }
}

fn main() {
    block_on(count());
    block_on(fallback());
    println!("done");
}
