// `parse()` without a turbofish takes its type from the `let` (rustc's inference): a `char`, a
// `bool`, an unsigned type that refuses `-`, a narrow type that overflows; through `unwrap`,
// `unwrap_or`, `ok()`, `?` and the Rust Book's guessing-game `match`.
fn parsed(s: &str) -> Result<u8, std::num::ParseIntError> {
    let n: u8 = s.trim().parse()?;
    Ok(n * 2)
}

fn main() {
    let c: char = "x".parse().unwrap();
    let b: bool = "true".parse().unwrap();
    let n: u32 = " 7 ".trim().parse().expect("a number");
    println!("{c} {b} {n}");
    let r: Result<u32, _> = "-5".parse();
    let w: Result<i8, _> = "200".parse();
    let o: Option<char> = "ab".parse().ok();
    println!("{r:?} {w:?} {o:?}");
    let d: u8 = "300".parse().unwrap_or(9);
    let e: bool = "no".parse().unwrap_or_default();
    println!("{d} {e}");
    println!("{:?} {:?} {:?}", parsed("21"), parsed("-1"), parsed("300"));
    let mut total: u32 = 0;
    for guess in ["12", "-3", "x", "5"] {
        let guess: u32 = match guess.trim().parse() {
            Ok(num) => num,
            Err(_) => continue,
        };
        total += guess;
    }
    println!("{total}");
}
