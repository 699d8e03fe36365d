// A generic function that parses into its type parameter (`s.parse::<T>()`), called with a
// turbofish of std types (a copy of it for each, in which `T` is the type), and with the type
// given by a `let` (a number, as before).
use std::str::FromStr;
use std::fmt::Debug;
fn parse_all<T: FromStr>(items: &[&str]) -> Vec<Option<T>> {
    items.iter().map(|s| s.parse::<T>().ok()).collect()
}
fn first<T: FromStr + Debug>(s: &str) -> String
where <T as FromStr>::Err: Debug {
    match s.split(',').next().unwrap().parse::<T>() {
        Ok(v) => format!("{v:?}"),
        Err(e) => format!("error {e:?}"),
    }
}
fn main() {
    let ints: Vec<Option<i32>> = parse_all(&["1", "x", "3"]);
    let floats = parse_all::<f64>(&["1.5", "nan?", "-2"]);
    let chars = parse_all::<char>(&["a", "bc"]);
    let bytes = parse_all::<u8>(&["255", "256", "-1"]);
    println!("{ints:?} {floats:?} {chars:?} {bytes:?}");
    println!("{} {} {}", first::<f32>("2.5,3"), first::<bool>("true,x"), first::<i64>("x,1"));
}
