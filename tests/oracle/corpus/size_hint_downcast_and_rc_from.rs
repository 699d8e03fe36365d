// Iterator::size_hint as std's iterators and adapters give it (a program's own: the default), and
// a Box<dyn Error> asked what it is: is, downcast_ref and downcast by the type's name; Rc::from, Arc::from.
use std::error::Error;
use std::fmt;
use std::rc::Rc;
use std::sync::Arc;
struct Counter { n: u32 }
impl Iterator for Counter {
    type Item = u32;
    fn next(&mut self) -> Option<u32> { if self.n < 3 { self.n += 1; Some(self.n) } else { None } }
}
fn hints() {
    println!("{:?}", Counter { n: 0 }.size_hint());
    let v = vec![1, 2, 3, 4, 5];
    println!("{:?}", v.iter().size_hint());
    println!("{:?}", v.iter().map(|x| x * 2).filter(|x| *x > 2).size_hint());
    println!("{:?}", v.iter().skip(2).take(10).size_hint());
    println!("{:?}", (0..10).step_by(1).size_hint());
    println!("{:?} {:?}", (0..10).size_hint(), (3..=5).rev().size_hint());
    println!("{:?}", "héllo".chars().size_hint());
    println!("{:?}", v.iter().zip(0..2).size_hint());
    println!("{:?}", v.iter().chain([9].iter()).size_hint());
    let mut it = v.iter();
    it.next();
    println!("{:?}", it.size_hint());
}
#[derive(Debug)]
struct MyErr;
impl fmt::Display for MyErr {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "my error") }
}
impl Error for MyErr {}
#[derive(Debug)]
struct Other(u8);
impl fmt::Display for Other {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "other {}", self.0) }
}
impl Error for Other {}
fn run(k: u8) -> Result<(), Box<dyn Error>> {
    match k {
        0 => Err(Box::new(MyErr)),
        1 => Err(Box::new(Other(7))),
        _ => { let n: i32 = "x".parse()?; println!("{n}"); Ok(()) }
    }
}
fn main() {
    hints();
    for k in 0..3 {
        let e = run(k).unwrap_err();
        println!("{}: is MyErr {} / Other {:?} / parse {}", e, e.is::<MyErr>(), e.downcast_ref::<Other>().map(|o| o.0),
            e.downcast_ref::<std::num::ParseIntError>().is_some());
        match e.downcast::<Other>() {
            Ok(o) => println!("owned {}", o.0),
            Err(e) => println!("still {}", e),
        }
    }
    let s: Rc<str> = Rc::from("shared");
    let t = Rc::clone(&s);
    let v: Arc<[i32]> = Arc::from(vec![1, 2]);
    println!("{} {} {:?}", t, Rc::strong_count(&s), v);
}
