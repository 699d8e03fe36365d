// Paths and traits no other program names: a `Deref`/`DerefMut` impl,
// `char::from_u32`, `ToString` by its path, `into` and `from` between integer types, and `pin!`.
use std::pin::pin;
use std::ops::{Deref, DerefMut};
use std::string::ToString;

struct Wrapper(Vec<u32>);

impl Deref for Wrapper {
    type Target = Vec<u32>;
    fn deref(&self) -> &Vec<u32> {
        &self.0
    }
}

impl DerefMut for Wrapper {
    fn deref_mut(&mut self) -> &mut Vec<u32> {
        &mut self.0
    }
}

async fn ok_after(ms: u64, v: u32) -> Result<u32, String> {
    sleep(ms).await;
    Ok(v)
}

async fn main() {
    let mut w = Wrapper(vec![1, 2]);
    w.push(3);
    println!("{} {:?} {}", w.len(), w.first(), w.iter().sum::<u32>());
    println!("{:?} {:?}", char::from_u32(0x41), char::from_u32(0xD800));
    let s: String = ToString::to_string(&42);
    let n: u64 = 7u32.into();
    let m = u64::from(8u32) + n;
    println!("{s} {n} {m}");
    let fut = pin!(ok_after(1, 9));
    println!("{:?}", fut.await);
}
