// `[T; N]::map` makes an array at once; `Default` of an array (derived in a struct, or written
// in a `let`) is its items' defaults.
#[derive(Debug, Default)]
struct Board {
    cells: [u8; 3],
    flags: [bool; 2],
    name: String,
}

#[derive(Debug, Default, Clone, Copy)]
struct P {
    x: i32,
}

fn main() {
    let a = [1, 2, 3].map(|x| x * 10);
    println!("{:?} {}", a, a.len());
    let words = ["a", "bb"].map(|w| w.len());
    println!("{words:?}");
    println!("{:?}", Board::default());
    let b: [i32; 2] = Default::default();
    let c: [char; 2] = Default::default();
    let d: [P; 2] = Default::default();
    println!("{b:?} {c:?} {d:?}");
}
