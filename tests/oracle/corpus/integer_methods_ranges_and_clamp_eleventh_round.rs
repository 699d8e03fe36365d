// Integers' remaining std methods (wrapping_div and wrapping_rem, overflowing_neg,
// leading_ones and trailing_ones, ilog2 and ilog10 and their checked_ forms, checked_shl and
// checked_shr, from_le_bytes, from_be_bytes and from_ne_bytes), a RangeInclusive's start(),
// end(), clone() and Debug, Ord::clamp of a derived Ord, and a char into a String (round 11).
use std::ops::RangeInclusive;

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone, Copy)]
enum Level { Low, Mid(u8), High }

fn overlap(a: &RangeInclusive<u32>, b: &RangeInclusive<u32>) -> RangeInclusive<u32> {
    *a.start().max(b.start())..=*a.end().min(b.end())
}

fn main() {
    println!("{} {} {}", (-128i8).wrapping_div(-1), (-128i8).wrapping_rem(-1), 7i32.wrapping_div(-2));
    println!("{} {}", (-7i32).wrapping_div_euclid(2), (-7i32).wrapping_rem_euclid(2));
    println!("{:?} {:?}", (-128i8).overflowing_neg(), 5i32.overflowing_neg());
    println!("{} {} {} {}", 0b1110_0000u8.leading_ones(), 0xffu8.leading_ones(), 0b0111u16.trailing_ones(), (-1i32).leading_ones());
    println!("{} {} {:?} {:?} {:?}", 1000u32.ilog2(), 1000u32.ilog10(), 0u32.checked_ilog2(), 64u64.checked_ilog2(), 99i32.checked_ilog10());
    println!("{:?} {:?} {:?} {:?}", 1u32.checked_shl(31), 1u32.checked_shl(32), 256u16.checked_shr(8), (-8i8).checked_shr(1));
    println!("{:#010x} {:#010x} {}", u32::from_le_bytes([1, 2, 3, 4]), u32::from_be_bytes([1, 2, 3, 4]), i16::from_ne_bytes([0xff, 0xff]));
    let bytes = 0x1234_5678u32.to_be_bytes();
    println!("{:?} {}", bytes, u32::from_be_bytes(bytes) == 0x1234_5678);

    let a = 2..=6;
    let b = 4..=9;
    let c = overlap(&a, &b);
    println!("{:?} & {:?} -> {:?}: {} shared, start {} end {}", a, b, c, c.clone().count(), c.start(), c.end());
    let mut r = 1..4;
    r.next();
    println!("{:?} {:?} {:?}", r, r.clone().collect::<Vec<_>>(), (5..).take(2).collect::<Vec<u8>>());
    println!("{:?}", ..3);

    println!("{:?} {:?} {:?}", Level::Mid(9).clamp(Level::Low, Level::Mid(3)), Level::Low.clamp(Level::Mid(1), Level::High), Level::Mid(2).clamp(Level::Low, Level::High));
    let s: String = 'x'.into();
    let t: String = "yz".into();
    println!("{s:?} {t:?} {}", s.clone() + &t);
}
