// Two traits with a method of one name, and an inherent method of that name too (the Rust
// Book's "Fully Qualified Syntax"): `x.fly()` is the inherent one, `Pilot::fly(&x)` the trait's;
// an inherent impl written after the trait's impl wins the same way.
trait Pilot {
    fn fly(&self);
    fn rank(&self) -> u8 {
        1
    }
}

trait Wizard {
    fn fly(&self);
    fn rank(&self) -> u8 {
        9
    }
}

struct Human;

impl Pilot for Human {
    fn fly(&self) {
        println!("This is your captain speaking.");
    }
}

impl Wizard for Human {
    fn fly(&self) {
        println!("Up!");
    }
}

impl Human {
    fn fly(&self) {
        println!("*waving arms furiously*");
    }
}

trait Animal {
    fn name(&self) -> String;
}

struct Dog;

impl Animal for Dog {
    fn name(&self) -> String {
        String::from("trait")
    }
}

impl Dog {
    fn name(&self) -> String {
        String::from("inherent")
    }
}

fn main() {
    let person = Human;
    Pilot::fly(&person);
    Wizard::fly(&person);
    person.fly();
    Human::fly(&person);
    println!("{} {}", Pilot::rank(&person), Wizard::rank(&person));
    let d = Dog;
    println!("{} {}", d.name(), Animal::name(&d));
}
