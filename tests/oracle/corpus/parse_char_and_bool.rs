// `parse::<char>()` and `parse::<bool>()`: their values and their errors, as std gives them;
// an unsigned type refuses a leading `-`, even on zero.
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
    println!("{:?} {:?} {:?} {:?}", "-0".parse::<u8>(), "-0".parse::<i8>(), "-".parse::<u32>(), "+7".parse::<usize>());
    println!("{:?} {:?} {:?} {:?}", "+-0".parse::<u8>(), "++5".parse::<i32>(), "true".parse::<u8>(), "+".parse::<i32>());
    let n = "42".parse::<u8>().unwrap() + 1;
    println!("{n}");
}
