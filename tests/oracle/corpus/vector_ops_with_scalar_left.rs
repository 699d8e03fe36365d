// A learner's 2-D vectors (round 5): operator impls for a struct, and impl Mul<V2> for f64 so that
// 2.0 * v works, with float printing throughout.
// Operator overloading on a 2D vector
use std::ops::{Add, AddAssign, Mul, Neg, Sub, Index};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq)]
struct V2 {
    x: f64,
    y: f64,
}

impl Add for V2 {
    type Output = V2;
    fn add(self, o: V2) -> V2 { V2 { x: self.x + o.x, y: self.y + o.y } }
}
impl Sub for V2 {
    type Output = V2;
    fn sub(self, o: V2) -> V2 { V2 { x: self.x - o.x, y: self.y - o.y } }
}
impl Mul<f64> for V2 {
    type Output = V2;
    fn mul(self, k: f64) -> V2 { V2 { x: self.x * k, y: self.y * k } }
}
impl Mul for V2 {
    type Output = f64;
    fn mul(self, o: V2) -> f64 { self.x * o.x + self.y * o.y }
}
impl Neg for V2 {
    type Output = V2;
    fn neg(self) -> V2 { V2 { x: -self.x, y: -self.y } }
}
impl AddAssign for V2 {
    fn add_assign(&mut self, o: V2) { self.x += o.x; self.y += o.y; }
}
impl Index<usize> for V2 {
    type Output = f64;
    fn index(&self, i: usize) -> &f64 {
        match i { 0 => &self.x, 1 => &self.y, _ => panic!("bad index {}", i) }
    }
}
impl fmt::Display for V2 {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "({:.1}, {:.1})", self.x, self.y)
    }
}

fn main() {
    let a = V2 { x: 1.0, y: 2.0 };
    let b = V2 { x: 0.5, y: -3.0 };
    println!("a = {}, b = {}", a, b);
    println!("a + b = {}", a + b);
    println!("a - b = {}", a - b);
    println!("a * 3 = {}", a * 3.0);
    println!("a . b = {}", a * b);
    println!("-a = {}", -a);
    println!("{:?}", -b);
    let mut p = V2 { x: 0.0, y: 0.0 };
    for i in 0..5 {
        p += V2 { x: i as f64, y: 0.25 };
        println!("step {} p={} p[0]={} p[1]={}", i, p, p[0], p[1]);
    }
    println!("equal? {} {}", a == V2 { x: 1.0, y: 2.0 }, a == b);
    println!("{:#?}", a);
}
