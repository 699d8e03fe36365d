fn main() {
    let flags: u32 = 255;
    println!("{}", flags & !(1 << 3));
    let b: u8 = 0b1111_0000;
    println!("{:08b}", b | !0b1111_1110 & 0x0F);
    let mut allergies: u32 = 0;
    for i in [0, 3, 5] {
        allergies |= 1 << i;
    }
    println!("{} {}", allergies, allergies & !(1 << 5));
}
