// An overflow is a panic, as in a debug build: the message, then nothing after it runs.
fn add(a: u8, b: u8) -> u8 {
    a + b
}

fn main() {
    println!("{}", add(100, 100));
    println!("about to overflow");
    println!("{}", add(200, 100));
    println!("never printed");
}
