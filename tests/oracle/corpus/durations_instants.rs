// Duration arithmetic and Debug; Instant (the prelude's) read from the run's clock.
use std::time::Duration;

async fn main() {
    let a = Duration::from_millis(1500);
    let b = Duration::from_secs(2);
    println!("{:?} {:?} {:?}", a, b, a + b);
    println!("{:?} {:?}", b - a, a * 3);
    println!("{} {} {}", a.as_millis(), a.as_secs(), a.subsec_millis());
    println!("{:?} {:?}", Duration::new(1, 5_000_000), Duration::from_micros(250));
    println!("{}", a < b);
    let start = Instant::now();
    sleep(250).await;
    println!("elapsed {:?}", start.elapsed());
    let mark = Instant::now();
    sleep(50).await;
    println!("since mark {:?}", Instant::now().duration_since(mark));
}
