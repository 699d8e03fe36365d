// Tasks that spawn tasks, and a JoinHandle passed around.
async fn leaf(n: u32) -> u32 {
    sleep(u64::from(n) * 10).await;
    n
}

async fn branch(base: u32) -> u32 {
    let a = spawn(leaf(base));
    let b = spawn(leaf(base + 1));
    let total = a.await + b.await;
    println!("branch {base} -> {total}");
    total
}

async fn main() {
    let x = spawn(branch(1));
    let y = spawn(branch(5));
    println!("{}", y.await + x.await);
}
