// Rust by Example's partial move (a field bound by `ref` stays in the variable), and std's
// traits and methods called by path: `<Vec<i32> as Default>::default()`,
// `<u8 as Into<i64>>::into(5u8)`, `i64::pow(2, 10)`, `ToString::to_string(&p)`.
use std::fmt;

#[derive(Debug)]
struct Person {
    name: String,
    age: Box<u8>,
}

struct Point {
    x: i32,
    y: i32,
}

impl fmt::Display for Point {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn main() {
    let person = Person { name: String::from("Alice"), age: Box::new(20) };
    let Person { name, ref age } = person;
    println!("The person's age is {}", age);
    println!("The person's name is {}", name);
    println!("The person's age from person struct is {}", person.age);

    println!("{:?} {}", <Vec<i32> as Default>::default(), <i32 as Default>::default());
    println!("{}", i64::pow(2, 10) + <u8 as Into<i64>>::into(5u8));
    println!("{}", ToString::to_string(&Point { x: 10, y: 20 }));
    println!("{} {}", f64::sqrt(16.0), char::is_alphabetic('x'));
}
