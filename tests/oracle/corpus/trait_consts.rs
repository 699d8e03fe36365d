// A trait's associated consts, with and without a default, read through the type, through
// `Self::` in a default method (compiled for each type), and a program's trait's associated
// function for a primitive, `i64::zero()`.
trait Animal {
    const LEGS: u32;
    const NAME: &'static str;
    const SOUND_TIMES: usize = 1;
    fn speak(&self) -> String;
    fn info(&self) -> String {
        format!("{} has {} legs and says {}", Self::NAME, Self::LEGS, self.speak().repeat(Self::SOUND_TIMES))
    }
    fn fresh() -> Self;
    fn twin(&self) -> (Self, Self) where Self: Sized {
        (Self::fresh(), Self::fresh())
    }
}

struct Dog;
struct Bird {
    song: String,
}

impl Animal for Dog {
    const LEGS: u32 = 4;
    const NAME: &'static str = "Dog";
    fn speak(&self) -> String {
        "woof".into()
    }
    fn fresh() -> Self {
        Dog
    }
}

impl Animal for Bird {
    const LEGS: u32 = 2;
    const NAME: &'static str = "Bird";
    const SOUND_TIMES: usize = 2;
    fn speak(&self) -> String {
        self.song.clone()
    }
    fn fresh() -> Self {
        Bird { song: "tweet".into() }
    }
}

trait Zero {
    fn zero() -> Self;
}
impl Zero for i64 {
    fn zero() -> Self {
        0
    }
}

fn main() {
    let d = Dog;
    let b = Bird { song: "tweet".into() };
    println!("{}", d.info());
    println!("{}", b.info());
    println!("{} {}", Dog::LEGS + Bird::LEGS, Bird::NAME);
    let (x, y) = b.twin();
    println!("{} {}", x.song, y.speak());
    println!("{} {} {}", i64::zero(), Dog::SOUND_TIMES, <Bird as Animal>::SOUND_TIMES);
}
