// Integer methods the other programs do not call, each at and past its edge: checked division
// and powers, Euclidean division of negatives, overflowing and saturating arithmetic, bit
// counts, byte orders and integer square roots.
async fn main() {
    let a: u8 = 200;
    println!("{} {} {}", a.abs_diff(250), 250u8.abs_diff(a), (-5i32).abs_diff(7));
    println!("{:?} {:?} {:?}", 7u32.checked_div(2), 7u32.checked_div(0), i32::MIN.checked_div(-1));
    // A remainder whose quotient fits, though the product would not.
    println!("{:?} {:?} {:?}", 200u8.checked_rem(3), (-100i8).checked_rem(3), i8::MIN.checked_rem(-1));
    println!("{:?} {:?} {:?}", 7u32.checked_rem(3), 7u32.checked_rem(0), i8::MIN.checked_rem(-1));
    println!("{:?} {:?} {:?}", 3u8.checked_pow(5), 3u8.checked_pow(6), 2i64.checked_pow(62));
    println!("{} {} {}", (-7i32).div_euclid(2), 7i32.div_euclid(-2), (-7i32).rem_euclid(-2));
    println!("{:?} {:?}", a.overflowing_add(56), a.overflowing_add(55));
    println!("{:?} {:?}", 3u8.overflowing_sub(4), 16u8.overflowing_mul(16));
    println!("{:?}", i32::MIN.overflowing_sub(1));
    println!("{} {} {}", a.saturating_mul(2), (-100i8).saturating_mul(2), 10i32.saturating_pow(10));
    println!("{} {} {}", 3u16.saturating_pow(3), 0u8.wrapping_sub(1), 5i8.wrapping_sub(-128));
    println!("{} {} {}", 5i32.wrapping_neg(), i32::MIN.wrapping_neg(), 0u32.wrapping_neg());
    println!("{} {} {}", 0b1011u8.count_zeros(), 0i32.count_zeros(), (-1i16).count_zeros());
    println!("{} {} {}", 1u32.leading_zeros(), 0u16.leading_zeros(), (-1i64).leading_zeros());
    println!("{} {} {}", 8u8.trailing_zeros(), 0u32.trailing_zeros(), 96i32.trailing_zeros());
    println!("{:?} {:?}", 0x1234u16.to_be_bytes(), 0x1234u16.to_le_bytes());
    println!("{:?}", (-2i32).to_be_bytes());
    println!("{} {} {}", 0u32.isqrt(), 15u64.isqrt(), 16u64.isqrt());
    println!("{} {}", u32::MAX.isqrt(), 1_000_000i32.isqrt());
}
