// into() of a value that is already the target type is itself (std's reflexive From), through a
// T: Into<Celsius> parameter; RefCell::take leaves the contents' default.
use std::cell::RefCell;
#[derive(Debug, Clone, Copy, PartialEq)]
struct Celsius(f64);
#[derive(Debug, Clone, Copy, PartialEq)]
struct Fahrenheit(f64);
impl From<Fahrenheit> for Celsius {
    fn from(f: Fahrenheit) -> Self { Celsius((f.0 - 32.0) * 5.0 / 9.0) }
}
fn show<T: Into<Celsius>>(t: T) {
    let c: Celsius = t.into();
    println!("{:.1}", c.0);
}
fn main() {
    show(Fahrenheit(212.0));
    show(Celsius(21.5));
    let r = RefCell::new(vec![1, 2]);
    let taken = r.take();
    println!("{:?} {:?}", taken, r.borrow());
    let s = RefCell::new(Some(String::from("x")));
    println!("{:?} {:?}", s.take(), s);
}
