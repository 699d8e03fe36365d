// A timeout: work raced against a sleep with select!; the loser is dropped.
async fn work(ms: u64) -> &'static str {
    sleep(ms).await;
    "finished"
}

async fn with_timeout(work_ms: u64, limit: u64) -> Result<&'static str, &'static str> {
    select! {
        r = work(work_ms) => Ok(r),
        _ = sleep(limit) => Err("timed out"),
    }
}

async fn main() {
    println!("{:?}", with_timeout(100, 500).await);
    println!("{:?}", with_timeout(900, 200).await);
    println!("end");
}
