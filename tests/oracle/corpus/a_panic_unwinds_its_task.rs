// A panic in a task: its line first, then the unwinding drops what the task held, latest first,
// the innermost call's values before its callers', values held across an `.await` included.
struct Noisy(&'static str);

impl Drop for Noisy {
    fn drop(&mut self) {
        println!("drop {}", self.0);
    }
}

async fn step(n: u32) -> u32 {
    let _step = Noisy("step");
    sleep(10).await;
    let v: Vec<u32> = vec![1, 2, 3];
    v[n as usize]
}

async fn main() {
    let _first = Noisy("first");
    let total = step(1).await;
    println!("got {}", total);
    let _second = Noisy("second");
    sleep(5).await;
    let _third = Noisy("third");
    let again = step(7).await;
    println!("not reached {}", again);
}
