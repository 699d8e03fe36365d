// Blanket impls: a trait for every Display type (with a default method), and an extension
// trait for every iterator, as std's own extension traits are written.
use std::fmt::Display;

trait Describe {
    fn describe(&self) -> String;
    fn shout(&self) -> String {
        self.describe().to_uppercase()
    }
}

impl<T: Display> Describe for T {
    fn describe(&self) -> String {
        format!("<{}>", self)
    }
}

trait RevSorted: Iterator {
    fn rev_sorted(self) -> Vec<Self::Item>
    where
        Self: Sized,
        Self::Item: Ord,
    {
        let mut v: Vec<Self::Item> = self.collect();
        v.sort_by(|a, b| b.cmp(a));
        v
    }
}
impl<I: Iterator> RevSorted for I {}

struct Point {
    x: i32,
    y: i32,
}
impl std::fmt::Display for Point {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "({}, {})", self.x, self.y)
    }
}

fn main() {
    println!("{} {} {}", 5.describe(), "hi".describe(), 'c'.shout());
    println!("{}", Point { x: 1, y: 2 }.describe());
    println!("{:?}", vec![3, 1, 2].into_iter().rev_sorted());
    println!("{:?}", (1..5).map(|x| x * 10).rev_sorted());
    println!("{:?}", "b a c".split(' ').rev_sorted());
}
