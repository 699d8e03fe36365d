// Traits with default methods, generic functions with bounds, trait objects.
trait Speak {
    fn name(&self) -> String;
    fn speak(&self) -> String {
        format!("{} makes a sound", self.name())
    }
}

struct Dog;
struct Cat {
    lives: u8,
}

impl Speak for Dog {
    fn name(&self) -> String {
        "Dog".to_string()
    }
    fn speak(&self) -> String {
        "Woof".into()
    }
}

impl Speak for Cat {
    fn name(&self) -> String {
        format!("Cat with {} lives", self.lives)
    }
}

fn loud<T: Speak>(t: &T) -> String {
    t.speak().to_uppercase()
}

struct Pair<T> {
    a: T,
    b: T,
}

impl<T: PartialOrd + Copy> Pair<T> {
    fn largest(&self) -> T {
        if self.a > self.b { self.a } else { self.b }
    }
}

fn main() {
    let animals: Vec<Box<dyn Speak>> = vec![Box::new(Dog), Box::new(Cat { lives: 9 })];
    for a in animals.iter() {
        println!("{}", a.speak());
    }
    println!("{}", loud(&Cat { lives: 3 }));
    let p = Pair { a: 3, b: 8 };
    let q = Pair { a: 'x', b: 'b' };
    println!("{} {}", p.largest(), q.largest());
}
