// impl Add and impl Add<i64> for one type, impl PartialEq and PartialEq<u32>: each operator finds
// the impl for its right side's type.
use std::ops::Add;
#[derive(Debug, Clone, Copy)]
struct M(i64);
impl Add for M { type Output = M; fn add(self, o: M) -> M { M(self.0 + o.0) } }
impl Add<i64> for M { type Output = M; fn add(self, o: i64) -> M { M(self.0 + o * 100) } }
fn main_add() {
    println!("{:?}", M(1) + 2);
    println!("{:?}", M(1) + M(2));
}
#[derive(Debug, Clone, Copy)]
struct V { major: u32, minor: u32 }
impl PartialEq for V {
    fn eq(&self, o: &Self) -> bool { self.major == o.major }
}
impl PartialEq<u32> for V {
    fn eq(&self, o: &u32) -> bool { self.major == *o }
}
fn main_eq() {
    let a = V { major: 1, minor: 2 };
    let b = V { major: 1, minor: 5 };
    println!("{}", a == b);
    println!("{}", a == 1);
}
fn main() {
    main_add();
    main_eq();
}
