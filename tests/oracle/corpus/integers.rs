// Integer types: checked, wrapping and saturating arithmetic, casts, bit ops, shifts, limits.
fn main() {
    let a: u8 = 250;
    println!("{:?} {:?}", a.checked_add(5), a.checked_add(6));
    println!("{} {}", a.wrapping_add(10), a.saturating_add(10));
    let b: i32 = -17;
    println!("{} {} {}", b / 5, b % 5, b.rem_euclid(5));
    println!("{} {} {}", b.abs(), b.pow(2), (b as u8));
    println!("{} {}", 300i32 as u8, -1i64 as u32);
    println!("{} {}", u64::MAX, i64::MIN);
    let bits: u32 = 0b1011;
    println!("{} {} {} {}", bits & 6, bits | 4, bits ^ 1, bits << 3);
    println!("{} {}", bits.count_ones(), bits >> 1);
    let big: u64 = 1 << 40;
    println!("{big} {}", big / 1000);
    let x = 7;
    let y = x * 6;
    println!("{y} {}", y.min(40));
    let c = 'A' as u8 + 2;
    println!("{} {}", c, c as char);
    let t: usize = 3;
    println!("{}", [10, 20, 30, 40][t]);
    println!("{:?}", 5u32.checked_sub(6));
    println!("{}", i16::MAX as i32 + 1);
}
