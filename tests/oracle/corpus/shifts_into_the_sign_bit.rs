// A left shift into a signed type's sign bit makes it negative (only the shift amount is
// checked); `u8 as char`.
fn main() {
    let one: i8 = 1;
    let minus: i32 = -1;
    let wide: i64 = 3;
    println!("{} {} {}", one << 7, minus << 31, wide << 62);
    println!("{} {}", 3u64 << 62, (-8i16) >> 1);
    let b: u8 = 65;
    println!("{}{}", b as char, (97u8 + 2) as char);
}
