// Drops in async code: a guard dropped at the end of an async fn; futures dropped unpolled do
// nothing; a select's loser is dropped (and its Drop runs) when the winner is ready.
struct Guard(&'static str);

impl Drop for Guard {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

async fn holds(name: &'static str, ms: u64) -> u64 {
    let _g = Guard(name);
    sleep(ms).await;
    println!("{name} woke");
    ms
}

async fn main() {
    holds("first", 100).await;
    let lazy = holds("never-polled", 10);
    drop(lazy);
    println!("dropped a future that never ran");
    select! {
        v = holds("fast", 50) => println!("fast won with {v}"),
        v = holds("slow", 500) => println!("slow won with {v}"),
    }
    sleep(600).await;
    println!("end");
}
