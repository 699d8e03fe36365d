// The Rust Book's "Fully Qualified Syntax": `<Dog as Animal>::baby_name()` calls the trait's
// associated function where `Dog::baby_name()` calls the type's own, and
// `<Human as Wizard>::fly(&person)` a trait's method.
trait Animal {
    fn baby_name() -> String;
}

struct Dog;

impl Dog {
    fn baby_name() -> String {
        String::from("Spot")
    }
}

impl Animal for Dog {
    fn baby_name() -> String {
        String::from("puppy")
    }
}

trait Wizard {
    fn fly(&self) -> &'static str;
}

struct Human;

impl Wizard for Human {
    fn fly(&self) -> &'static str {
        "Up!"
    }
}

fn main() {
    println!("A baby dog is called a {}", Dog::baby_name());
    println!("A baby dog is called a {}", <Dog as Animal>::baby_name());
    let person = Human;
    println!("{}", <Human as Wizard>::fly(&person));
}
