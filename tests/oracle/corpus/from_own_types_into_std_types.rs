// `impl From<Own> for` std's types (the orphan rule allows it: the trait's argument is the
// program's), used through `into()` and `u32::from`, and `try_into()` through the program's
// own `TryFrom`, the target named by the `let`.
#[derive(Debug, Clone, Copy)]
struct Rgb(u8, u8, u8);

impl From<Rgb> for u32 {
    fn from(c: Rgb) -> u32 {
        ((c.0 as u32) << 16) | ((c.1 as u32) << 8) | c.2 as u32
    }
}

impl From<Rgb> for String {
    fn from(c: Rgb) -> String {
        format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
    }
}

#[derive(Debug)]
enum Level {
    Low,
    High,
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(v: u8) -> Result<Self, String> {
        match v {
            0 => Ok(Level::Low),
            1 => Ok(Level::High),
            x => Err(format!("no level {x}")),
        }
    }
}

async fn main() {
    let c = Rgb(255, 128, 0);
    let n: u32 = c.into();
    let s: String = c.into();
    println!("{n} {s} {}", u32::from(Rgb(0, 1, 2)));
    let small: u64 = 7u32.into();
    println!("{}", small + u64::from(3u8));
    let a: Result<Level, _> = 1u8.try_into();
    let b: Result<Level, String> = 9u8.try_into();
    println!("{a:?} {b:?}");
}
