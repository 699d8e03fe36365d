// Operator overloading with std::ops, and derived ordering used by sort.
use std::ops::{Add, Mul, Neg};

#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
struct V2 {
    x: i32,
    y: i32,
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 {
        V2 { x: self.x + o.x, y: self.y + o.y }
    }
}

impl Mul<i32> for V2 {
    type Output = V2;
    fn mul(self, k: i32) -> V2 {
        V2 { x: self.x * k, y: self.y * k }
    }
}

impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 {
        V2 { x: -self.x, y: -self.y }
    }
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
enum Rank {
    Low,
    Mid(u8),
    High,
}

fn main() {
    let a = V2 { x: 1, y: 2 };
    let b = V2 { x: 10, y: 20 };
    println!("{:?} {:?} {:?}", a + b, a * 3, -a);
    let mut c = a;
    c = c + a;
    println!("{:?} {}", c, a < b);
    let mut ranks = vec![Rank::High, Rank::Mid(5), Rank::Low, Rank::Mid(2)];
    ranks.sort();
    println!("{:?}", ranks);
    let mut pairs = vec![(2, "b"), (1, "z"), (2, "a")];
    pairs.sort();
    println!("{:?} {:?}", pairs, pairs.iter().max());
}
