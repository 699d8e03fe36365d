// An integer's try_into() converts to the integer type written where its value goes (let,
// Result, return type, through unwrap/expect), as T::try_from does.
use std::convert::TryFrom;
use std::convert::TryInto;
fn small(x: i64) -> Result<u8, std::num::TryFromIntError> { x.try_into() }
fn main() {
    let z: Result<i8, _> = (-129i64).try_into();
    println!("{:?}", z);
    let y: Result<u8, _> = 200i32.try_into();
    println!("{:?}", y);
    println!("{:?} {:?}", u8::try_from(300u32), i16::try_from(-5i64));
    println!("{:?} {:?}", small(7), small(-1));
    let n: u32 = 5u64.try_into().unwrap();
    println!("{n}");
    match u8::try_from(256) { Ok(v) => println!("{v}"), Err(e) => println!("error: {e}") }
    let v: usize = (3i32).try_into().expect("non-negative");
    println!("{v}");
}
