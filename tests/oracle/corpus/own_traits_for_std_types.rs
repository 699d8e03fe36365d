// Rustlings-style traits: the program's own traits for std's types and primitives.
use std::fmt::Display;

trait AppendBar {
    fn append_bar(self) -> Self;
}

impl AppendBar for String {
    fn append_bar(self) -> Self {
        self + "Bar"
    }
}

impl AppendBar for Vec<String> {
    fn append_bar(mut self) -> Self {
        self.push(String::from("Bar"));
        self
    }
}

trait Describe {
    fn describe(&self) -> String;
    fn shout(&self) -> String {
        self.describe().to_uppercase()
    }
}

impl Describe for i32 {
    fn describe(&self) -> String {
        format!("the number {}", self)
    }
}

impl Describe for u8 {
    fn describe(&self) -> String {
        format!("a byte {}", self)
    }
}

impl Describe for bool {
    fn describe(&self) -> String {
        if *self { "yes".to_string() } else { "no".to_string() }
    }
}

impl Describe for char {
    fn describe(&self) -> String {
        format!("char {:?}", self)
    }
}

impl Describe for str {
    fn describe(&self) -> String {
        format!("text of {} bytes", self.len())
    }
}

impl<T: Display> Describe for Option<T> {
    fn describe(&self) -> String {
        match self {
            Some(x) => format!("some {x}"),
            None => "nothing".to_string(),
        }
    }
}

trait Double {
    fn double(self) -> Self;
}

impl Double for u32 {
    fn double(self) -> Self {
        self * 2
    }
}

fn show_all(items: &[Box<dyn Describe>]) {
    for i in items {
        println!("{}", i.describe());
    }
}

fn print_it<T: Describe + ?Sized>(x: &T) {
    println!("<{}>", x.describe());
}

fn main() {
    let s = String::from("Foo").append_bar().append_bar();
    println!("{s}");
    let v = vec![String::from("Foo")].append_bar();
    println!("{v:?}");
    println!("{}", 5.describe());
    let b: u8 = 7;
    println!("{}", b.describe());
    println!("{} {}", true.describe(), 'x'.describe());
    println!("{}", "hello".describe());
    let owned = String::from("hi there");
    println!("{}", owned.describe());
    println!("{}", Some(3).describe());
    let n: Option<i32> = None;
    println!("{}", n.describe());
    println!("{}", 42.shout());
    let x: u32 = 21;
    println!("{}", x.double().double());
    show_all(&[Box::new(1), Box::new(false), Box::new('q')]);
    print_it(&9);
    print_it("slice");
    let nums = vec![1, 2];
    for n in &nums {
        println!("{}", n.describe());
    }
}
