// Many tasks: handles kept in a Vec and awaited in order; their outputs collected.
async fn square_later(n: u64) -> u64 {
    sleep(100 - n * 10).await;
    println!("task {n} done");
    n * n
}

async fn main() {
    let mut handles = Vec::new();
    for n in 1..=5 {
        handles.push(spawn(square_later(n)));
    }
    let mut results = Vec::new();
    for h in handles {
        results.push(h.await);
    }
    println!("{:?}", results);
}
