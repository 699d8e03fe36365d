// Several impls of one generic trait on one type: the call picks the impl by the argument's
// type (`From<i64>` and `From<&str>`, `Mul<i32>` and `Mul<V>`, a program's `Describe<T>`).
use std::ops::Mul;

#[derive(Debug)]
enum Val {
    Int(i64),
    Text(String),
}

impl From<i64> for Val {
    fn from(n: i64) -> Self {
        Val::Int(n)
    }
}

impl From<&str> for Val {
    fn from(s: &str) -> Self {
        Val::Text(s.to_string())
    }
}

#[derive(Debug, Clone, Copy)]
struct V(i32, i32);

impl Mul<i32> for V {
    type Output = V;
    fn mul(self, k: i32) -> V {
        V(self.0 * k, self.1 * k)
    }
}

impl Mul<V> for V {
    type Output = i32;
    fn mul(self, o: V) -> i32 {
        self.0 * o.0 + self.1 * o.1
    }
}

trait Describe<T> {
    fn describe(&self, x: T) -> String;
}

struct Namer;

impl Describe<i32> for Namer {
    fn describe(&self, x: i32) -> String {
        format!("the number {x}")
    }
}

impl Describe<bool> for Namer {
    fn describe(&self, x: bool) -> String {
        format!("the flag {x}")
    }
}

fn main() {
    let c: Val = 7i64.into();
    println!("{:?} {:?} {:?}", Val::from(5i64), Val::from("hi"), c);
    let v = V(1, 2);
    println!("{:?} {}", v * 3, v * V(3, 4));
    let n = Namer;
    println!("{} / {}", n.describe(4), n.describe(true));
}
