// `MIN % -1` overflows (its quotient does not fit), so it panics as `MIN / -1` does, though the
// remainder would be 0. (`rem_euclid` does the same: `tests/lang.rs`.)
fn rem(a: i8, b: i8) -> i8 {
    a % b
}

fn rem_euclid(a: i32, b: i32) -> i32 {
    a.rem_euclid(b)
}

async fn main() {
    println!("{} {}", rem(-7, 2), rem(i8::MIN, 3));
    println!("{} {}", rem_euclid(i32::MIN, 7), rem_euclid(-7, -2));
    println!("about to overflow");
    println!("{}", rem(i8::MIN, -1));
    println!("never printed");
}
