// yield_now lets other tasks run: two tasks interleave on one thread.
async fn chatty(name: &'static str, n: u32) {
    for i in 0..n {
        println!("{name} {i}");
        yield_now().await;
    }
}

async fn main() {
    let a = spawn(chatty("a", 3));
    let b = spawn(chatty("b", 2));
    a.await;
    b.await;
    println!("both done");
}
