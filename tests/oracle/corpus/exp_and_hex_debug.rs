// `{:e}` of integers (std's `LowerExp`, with precision, sign and width), and `{:x?}`: Debug with
// every integer in hex.
fn main() {
    println!("{:e} {:e} {:E} {:.2e} {:e} {:e}", 1234, 1200u32, 1234, 1234, 0, -15i8);
    println!("[{:>10e}] [{:+e}] [{:010.1e}] {:.0e}", 98765, 5u8, 1999, 25);
    let bytes: Vec<u8> = vec![10, 255, 0];
    println!("{:x?} {:02x?} {:X?}", bytes, bytes, (10, 11));
    println!("{:#x?}", vec![255, 16]);
    println!("{:x?} {:x?}", Some(-1i8), [Ok::<u16, ()>(4096)]);
}
