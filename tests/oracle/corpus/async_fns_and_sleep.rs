// async fns returning values, awaited in sequence and in loops; virtual time adds up.
async fn fetch(id: u32, ms: u64) -> u32 {
    sleep(ms).await;
    println!("fetched {id}");
    id * 10
}

async fn total(ids: Vec<u32>) -> u32 {
    let mut sum = 0;
    for id in ids {
        sum += fetch(id, 100).await;
    }
    sum
}

async fn main() {
    println!("start");
    let a = fetch(1, 250).await;
    println!("a = {a}");
    let t = total(vec![2, 3, 4]).await;
    println!("total = {t}");
    let f = fetch(9, 50);
    println!("made a future; nothing ran yet");
    println!("{}", f.await);
}
