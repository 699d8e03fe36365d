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
}
