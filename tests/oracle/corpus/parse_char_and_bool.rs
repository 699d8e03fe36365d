// `parse::<char>()` and `parse::<bool>()`: their values and their errors, as std gives them.
fn main() {
    println!("{:?} {:?} {:?}", "x".parse::<char>(), "".parse::<char>(), "xy".parse::<char>());
    println!("{:?} {:?} {:?}", "true".parse::<bool>(), "false".parse::<bool>(), "1".parse::<bool>());
    match "ab".parse::<char>() {
        Ok(c) => println!("char {c}"),
        Err(e) => println!("error: {e}"),
    }
    if let Err(e) = "yes".parse::<bool>() {
        println!("error: {e}");
    }
    let n = "42".parse::<u8>().unwrap() + 1;
    println!("{n}");
}
