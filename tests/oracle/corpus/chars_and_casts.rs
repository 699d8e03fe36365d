// chars: classification, digits, case, and casts between char and integers.
fn main() {
    for c in "a1 Z?".chars() {
        println!("{:?} alpha {} digit {} space {}", c, c.is_alphabetic(), c.is_ascii_digit(), c.is_whitespace());
    }
    println!("{:?} {:?}", '7'.to_digit(10), 'x'.to_digit(10));
    println!("{} {}", 'q'.to_ascii_uppercase(), ('a' as u8 + 25) as char);
    println!("{}", 'é' as u32);
    println!("{:?}", std::char::from_digit(7, 10));
    let word: String = "rust".chars().map(|c| c.to_ascii_uppercase()).collect();
    println!("{word}");
}
