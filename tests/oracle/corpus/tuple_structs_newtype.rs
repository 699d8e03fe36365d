// Newtypes and tuple structs: .0 access, destructuring, methods on a newtype, From and into.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Celsius(i32);

#[derive(Debug)]
struct Rgb(u8, u8, u8);

impl Celsius {
    fn to_f(self) -> i32 {
        self.0 * 9 / 5 + 32
    }
}

impl From<i32> for Celsius {
    fn from(n: i32) -> Celsius {
        Celsius(n)
    }
}

fn main() {
    let t = Celsius(100);
    println!("{} {:?} {}", t.0, t, t.to_f());
    let Rgb(r, g, b) = Rgb(255, 128, 0);
    println!("{r} {g} {b}");
    let mut c = Rgb(1, 2, 3);
    c.2 = 30;
    println!("{:?}", c);
    let temps = [Celsius(0), Celsius(37)];
    let fs: Vec<i32> = temps.iter().map(|c| c.to_f()).collect();
    println!("{:?}", fs);
    // `From` gives `into` for the type written on the `let`.
    let warm: Celsius = 25.into();
    let hot = Celsius::from(40);
    println!("{:?} {:?} {}", warm, hot, warm == Celsius(25));
}
