// Enums with written discriminants (hex, negative, counted on from the one before), cast with as.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Color {
    Red = 0xff0000,
    Green = 0x00ff00,
    Blue = 0x0000ff,
}

#[derive(Debug, Clone, Copy)]
enum Level {
    Low = 1,
    Mid,
    High = 10,
    Max,
}

enum Sign {
    Neg = -1,
    Zero,
    Pos,
}

fn main() {
    for c in [Color::Red, Color::Green, Color::Blue] {
        println!("{:?} = #{:06x}", c, c as u32);
    }
    for l in [Level::Low, Level::Mid, Level::High, Level::Max] {
        println!("{:?} {}", l, l as i32);
    }
    println!("{} {} {}", Sign::Neg as i8, Sign::Zero as i8, Sign::Pos as i8);
    println!("{}", Color::Red == Color::Red);
}
