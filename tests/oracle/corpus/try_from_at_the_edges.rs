// `T::try_from(n)` is `Ok` from the lowest value of `T` to the highest, both included; and
// `parse` says why a text is not a `T`, in its `Err`.
fn main() {
    let small: i32 = 0;
    let top: i32 = 255;
    println!("{:?} {:?} {:?} {:?}", u8::try_from(small), u8::try_from(top), u8::try_from(top + 1), u8::try_from(small - 1));
    let low: i64 = -128;
    println!("{:?} {:?} {:?}", i8::try_from(low), i8::try_from(low - 1), i8::try_from(-low - 1));
    match u8::try_from(top + 1) {
        Ok(v) => println!("{v}"),
        Err(e) => println!("{e}"),
    }
    println!("{:?} {:?} {:?}", "300".parse::<u8>(), "-300".parse::<i8>(), "-5".parse::<u32>());
    println!("{:?} {:?} {:?}", "".parse::<i32>(), "12a".parse::<i32>(), "255".parse::<u8>());
    if let Err(e) = "-129".parse::<i8>() {
        println!("{} / {}", e, e.to_string().len());
    }
    let first = "x".parse::<u16>();
    let second = "y".parse::<u16>();
    println!("{}", first == second);
}
