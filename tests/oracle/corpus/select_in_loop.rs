// select! in a loop with a deadline made once before it: the deadline is not recreated.
async fn tick(n: u32) -> u32 {
    sleep(70).await;
    n
}

async fn main() {
    let mut count = 0;
    let mut done = false;
    while !done {
        select! {
            n = tick(count) => {
                count = n + 1;
                println!("tick {count}");
            },
            _ = sleep(150) => {
                println!("a fresh 150 ms deadline lost to a 70 ms tick");
            },
        }
        if count == 3 {
            done = true;
        }
    }
    println!("stopped at {count}");
}
