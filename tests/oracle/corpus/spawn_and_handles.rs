// spawn, then await the handles; tasks run concurrently on one thread.
async fn worker(name: &'static str, ms: u64) -> String {
    println!("{name} starts");
    sleep(ms).await;
    println!("{name} done");
    format!("{name}:{ms}")
}

async fn main() {
    let a = spawn(worker("a", 300));
    let b = spawn(worker("b", 100));
    println!("spawned");
    let rb = b.await;
    let ra = a.await;
    println!("{ra} {rb}");
}
