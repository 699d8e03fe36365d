// Rustlings' conversions: three `TryFrom` impls for one type, picked by the argument's type
// (a tuple, an array, a slice); `AsMut` through a `&mut Box<u32>`; a trait by its module's
// path (`impl error::Error`); an arm's `collect()` typed by its sibling arm's `String`.
use std::convert::{TryFrom, TryInto};
use std::error;
use std::fmt;

#[derive(Debug, PartialEq)]
struct Color {
    red: u8,
    green: u8,
    blue: u8,
}

#[derive(Debug, PartialEq)]
enum IntoColorError {
    BadLen,
    IntConversion,
}

impl fmt::Display for IntoColorError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}", if *self == IntoColorError::BadLen { "bad length" } else { "out of range" })
    }
}

impl error::Error for IntoColorError {}

impl TryFrom<(i16, i16, i16)> for Color {
    type Error = IntoColorError;
    fn try_from(tuple: (i16, i16, i16)) -> Result<Self, Self::Error> {
        let conv = |v: i16| u8::try_from(v).map_err(|_| IntoColorError::IntConversion);
        Ok(Color { red: conv(tuple.0)?, green: conv(tuple.1)?, blue: conv(tuple.2)? })
    }
}

impl TryFrom<[i16; 3]> for Color {
    type Error = IntoColorError;
    fn try_from(arr: [i16; 3]) -> Result<Self, Self::Error> {
        Color::try_from((arr[0], arr[1], arr[2]))
    }
}

impl TryFrom<&[i16]> for Color {
    type Error = IntoColorError;
    fn try_from(slice: &[i16]) -> Result<Self, Self::Error> {
        if slice.len() != 3 {
            return Err(IntoColorError::BadLen);
        }
        Color::try_from((slice[0], slice[1], slice[2]))
    }
}

fn num_sq<T: AsMut<u32>>(arg: &mut T) {
    let n = arg.as_mut();
    *n = *n * *n;
}

fn title(words: &[&str]) -> Vec<String> {
    words
        .iter()
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_uppercase().chain(cs).collect(),
                None => String::new(),
            }
        })
        .collect()
}

fn main() {
    println!("{:?}", Color::try_from((183, 65, 14)));
    println!("{:?}", Color::try_from((256, 1000, 10000)));
    println!("{:?}", Color::try_from([183, 65, 14]));
    let v = vec![183, 65, 14, 1];
    println!("{:?} {:?}", Color::try_from(&v[..3]), Color::try_from(&v[..]));
    let c: Result<Color, _> = [1, 2, 3].try_into();
    println!("{:?}", c);
    let e: Box<dyn error::Error> = Box::new(IntoColorError::BadLen);
    println!("as an error: {e}");

    let mut num: Box<u32> = Box::new(3);
    num_sq(&mut num);
    num_sq(&mut num);
    println!("num squared twice = {num}");

    println!("{}", title(&["hello", "", "wörld"]).join(" "));
}
