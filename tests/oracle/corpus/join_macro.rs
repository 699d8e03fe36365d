// join! runs futures concurrently: it ends with the slowest, and gives all outputs.
async fn after(ms: u64, v: u32) -> u32 {
    sleep(ms).await;
    println!("{v} after {ms}");
    v
}

async fn main() {
    let (a, b) = join!(after(300, 1), after(100, 2));
    println!("sum {}", a + b);
    let (x, y, z) = join!(after(50, 3), sleep(200), async { 7 });
    println!("{x} {y:?} {z}");
}
