// Option's and Result's less common combinators, on both of their variants, and the integer
// and char helpers that go with parsing: each called where it takes its other branch too.
use std::cmp::Ordering;

fn main() {
    let some: Option<u32> = Some(4);
    let none: Option<u32> = None;
    println!("{} {}", some.unwrap_or_else(|| 0), none.unwrap_or_else(|| 7));
    println!("{:?} {:?}", some.or_else(|| Some(1)), none.or_else(|| Some(1)));
    println!("{:?} {:?}", some.filter(|x| *x > 3), some.filter(|x| *x > 9));
    println!("{:?} {:?}", some.zip(Some('a')), some.zip(None::<char>));
    println!("{:?} {:?}", some.xor(none), some.xor(Some(2)));
    println!("{} {}", some.map_or(0, |x| x * 2), none.map_or(0, |x| x * 2));
    println!("{} {}", some.map_or_else(|| 1, |x| x + 1), none.map_or_else(|| 1, |x| x + 1));
    println!("{:?} {:?}", some.ok_or("none"), none.ok_or_else(|| "none"));
    let mut slot: Option<u32> = None;
    *slot.get_or_insert(5) += 1;
    println!("{:?}", slot);
    let got = *slot.get_or_insert_with(|| 100);
    println!("{got}");
    let mut empty: Option<u32> = None;
    let made = *empty.get_or_insert_with(|| 100);
    println!("{made} {:?}", empty);
    let old = slot.insert(9);
    *old += 1;
    println!("{:?}", slot);
    let taken = slot.take();
    println!("{:?} {:?}", taken, slot);
    let before = slot.replace(3);
    println!("{:?} {:?}", before, slot);

    let ok: Result<u32, String> = Ok(2);
    let err: Result<u32, String> = Err("bad".to_string());
    println!("{} {}", ok.clone().unwrap_or_else(|e| e.len() as u32), err.clone().unwrap_or_else(|e| e.len() as u32));
    println!("{:?} {:?}", ok.clone().and_then(|x| if x > 1 { Ok(x * 10) } else { Err("small".to_string()) }), err.clone().and_then(|x| Ok::<u32, String>(x)));
    println!("{} {}", ok.clone().map_or(0, |x| x + 1), err.clone().map_or(0, |x| x + 1));
    println!("{} {}", ok.clone().map_or_else(|e| e.len() as u32, |x| x * 3), err.clone().map_or_else(|e| e.len() as u32, |x| x * 3));
    println!("{:?} {:?}", ok.clone().and(Ok::<u8, String>(1)), err.clone().and(Ok::<u8, String>(1)));
    println!("{:?} {:?}", ok.clone().or(Ok::<u32, u8>(8)), err.clone().or(Ok::<u32, u8>(8)));
    println!("{:?} {:?} {:?} {:?}", ok.clone().ok(), err.clone().ok(), ok.clone().err(), err.clone().err());
    println!("{:?} {:?}", ok.clone().map_err(|e| e.len()), err.clone().map_err(|e| e.len()));
    println!("{}", err.clone().unwrap_err());
    println!("{} {}", ok.is_ok_and(|x| x == 2), err.is_err_and(|e| e.is_empty()));

    println!("{:?}", 1.cmp(&2).then(Ordering::Greater));
    println!("{:?}", 2.cmp(&2).then(Ordering::Greater));
    println!("{:?}", 2.cmp(&2).then_with(|| 3.cmp(&1)));
    println!("{:?} {:?}", 1.cmp(&2).reverse(), Ordering::Equal.reverse());
    println!("{} {} {}", 15i32.clamp(0, 10), (-3i32).clamp(0, 10), 5u8.clamp(1, 9));
    println!("{} {} {} {}", (-8i8).unsigned_abs(), (-300i16).unsigned_abs(), i64::MIN.unsigned_abs(), (-2isize).unsigned_abs());
    println!("{} {}", 7u32.abs_diff(10), (-5i32).abs_diff(5));
    println!("{} {} {}", u64::MAX.isqrt(), 99u32.isqrt(), 100i64.isqrt());
    println!("{} {} {}", (-7i32).rem_euclid(3), (-7i32).div_euclid(3), 2u64.pow(10));
    println!("{} {} {}", 'f'.is_digit(16), 'g'.is_digit(16), '7'.is_digit(8));
    println!("{:?} {:?} {:?}", 'f'.to_digit(16), 'z'.to_digit(36), '9'.to_digit(8));
    println!("{:?} {:?}", 200u8.checked_rem(0), 7u8.wrapping_mul(100));
}
