// The sign tests of integers at, above and below zero, and a `Cell` taken apart: `into_inner`,
// and `get_mut` written through.
use std::cell::Cell;

async fn main() {
    for n in [-3i32, 0, 5] {
        println!("{n}: {} {} {}", n.is_positive(), n.is_negative(), n.signum());
    }
    for n in [0u32, 1, 6, 8] {
        print!("{} ", n.is_power_of_two());
    }
    println!();
    let c = Cell::new(5);
    c.set(c.get() + 1);
    let v = c.into_inner();
    println!("{}", v + 1);
    let mut d = Cell::new(10);
    *d.get_mut() += 5;
    println!("{} {:?}", d.get(), d);
    let e = Cell::new(vec![1, 2]);
    let inner: Vec<i32> = e.into_inner();
    println!("{:?} {}", inner, inner.len());
}
