// A crate imported as itself (`use std::{self, …}`) and a module imported by name: paths through
// either reach the same items.
use std::time;
use std::{self, time::Duration};

async fn main() {
    let a = time::Duration::from_millis(1500);
    let b = std::time::Duration::from_secs(2);
    let c = Duration::from_millis(500);
    println!("{:?} {:?} {:?} {}", a, b, c, a + c == b);
    let words: std::vec::Vec<&str> = std::vec!["poll", "wake"];
    println!("{}", words.join(" then "));
}
