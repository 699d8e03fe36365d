// `impl IntoIterator for &Polygon` beside `for &mut Polygon`: `for p in &sq` and `for p in
// &mut sq` call each its own, and neither moves `sq`. `use std::convert::AsRef` and
// `std::borrow::Borrow` name std's traits.
use std::borrow::Borrow;
use std::convert::AsRef;
use std::ops::Add;

#[derive(Debug)]
struct Polygon {
    points: Vec<(i32, i32)>,
}

impl<'a> IntoIterator for &'a Polygon {
    type Item = &'a (i32, i32);
    type IntoIter = std::slice::Iter<'a, (i32, i32)>;
    fn into_iter(self) -> Self::IntoIter {
        self.points.iter()
    }
}

impl<'a> IntoIterator for &'a mut Polygon {
    type Item = &'a mut (i32, i32);
    type IntoIter = std::slice::IterMut<'a, (i32, i32)>;
    fn into_iter(self) -> Self::IntoIter {
        self.points.iter_mut()
    }
}

trait Zero {
    const ZERO: Self;
}

impl Zero for i32 {
    const ZERO: i32 = 0;
}

impl Zero for u64 {
    const ZERO: u64 = 0;
}

fn total<T: Zero + Add<Output = T> + Copy>(xs: &[T]) -> T {
    let mut acc = T::ZERO;
    for &x in xs {
        acc = acc + x;
    }
    acc
}

fn shout<S: AsRef<str>>(s: S) -> String {
    s.as_ref().to_uppercase()
}

fn key_len<K: Borrow<str>>(k: K) -> usize {
    k.borrow().len()
}

fn main() {
    let mut sq = Polygon { points: vec![(0, 0), (4, 0), (4, 4)] };
    for p in &sq {
        print!("{:?} ", p);
    }
    println!();
    for p in &mut sq {
        p.0 *= 2;
        p.1 += 1;
    }
    let xs: i32 = (&sq).into_iter().map(|p| p.0).sum();
    println!("{:?} {}", sq, xs);
    println!("{} {}", total(&[1i32, 2, 3, 4]), total(&[5u64, 6]));
    println!("{} {} {}", shout("hi"), shout(String::from("there")), key_len(String::from("abc")));
}
