// The async book's `try_join!` (its join chapter): futures whose outputs are `Result`s, the
// tuple of their `Ok` values, or the first `Err` (the others dropped unfinished); and the
// combinators of `FutureExt` and `TryFutureExt` that it and the book use (`map_err`, `map`,
// `then`, `map_ok`, `and_then`, `or_else`, `inspect`).
use futures::future::{FutureExt, TryFutureExt};
use futures::try_join;

#[derive(Debug)]
struct Book;
#[derive(Debug)]
struct Music;

async fn get_book() -> Result<Book, ()> {
    sleep(10).await;
    Ok(Book)
}

async fn get_music() -> Result<Music, String> {
    Ok(Music)
}

async fn get_book_and_music() -> Result<(Book, Music), String> {
    let book_fut = get_book().map_err(|()| "Unable to get book".to_string());
    let music_fut = get_music();
    try_join!(book_fut, music_fut)
}

async fn fail_late(ms: u64) -> Result<u32, String> {
    sleep(ms).await;
    println!("fail_late {ms}");
    Err(format!("late {ms}"))
}

async fn ok_after(ms: u64) -> Result<u32, String> {
    sleep(ms).await;
    println!("ok_after {ms}");
    Ok(ms as u32)
}

async fn get() -> Result<u32, ()> {
    Ok(3)
}

async fn bad() -> Result<u32, ()> {
    Err(())
}

async fn main() {
    println!("{:?}", get_book_and_music().await);
    // The 30 ms one never prints: the `Err` at 10 ms ends the join, and drops it.
    let r = try_join!(ok_after(30), fail_late(10), ok_after(5));
    println!("{r:?}");
    let r: Result<(u32, u32), String> = try_join!(ok_after(1), ok_after(2));
    println!("{r:?}");
    sleep(50).await;
    println!("{:?}", get().map(|r| r.map(|x| x + 1)).await);
    println!("{:?}", bad().map_err(|()| "nope".to_string()).await);
    println!("{:?}", get().map_ok(|x| x * 2).await);
    let d = async { 5 }
        .then(|x| async move {
            sleep(5).await;
            x + 1
        })
        .await;
    println!("{d}");
    println!("{:?}", get().and_then(|x| async move { if x > 2 { Err(()) } else { Ok(x) } }).await);
    println!("{:?}", bad().or_else(|()| async { Ok::<u32, ()>(9) }).await);
    println!("{}", async { 7 }.inspect(|x| println!("saw {x}")).map(|x| x * 3).await);
    println!("{:?}", bad().map_ok(|x| x + 100).await);
}
