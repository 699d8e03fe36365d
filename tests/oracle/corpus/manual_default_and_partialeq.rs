// Manual Default, PartialEq and Clone impls are used where derived ones would be.
#[derive(Debug)]
struct Settings {
    volume: u8,
    name: String,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { volume: 7, name: "default".into() }
    }
}

impl PartialEq for Settings {
    fn eq(&self, other: &Self) -> bool {
        self.volume == other.volume
    }
}

impl Clone for Settings {
    fn clone(&self) -> Self {
        println!("cloning {}", self.name);
        Settings { volume: self.volume, name: format!("{} copy", self.name) }
    }
}

fn main() {
    let a = Settings::default();
    let b = Settings { volume: 7, name: "other".into() };
    println!("{:?} {}", a, a == b);
    let c = a.clone();
    println!("{:?}", c);
    let d: Settings = Default::default();
    println!("{}", d.name);
    tags();
}

/// An `eq` that says which side it is called on: a slice's `contains` calls it on each item,
/// with the value looked for as `other`.
struct Tag(&'static str);

impl PartialEq for Tag {
    fn eq(&self, other: &Self) -> bool {
        println!("{} == {}", self.0, other.0);
        self.0 == other.0
    }
}

fn tags() {
    let v = vec![Tag("a"), Tag("b"), Tag("c")];
    println!("{}", v.contains(&Tag("b")));
    println!("{}", [Tag("x")].contains(&Tag("y")));
}
