// #[derive(Default)] on an enum makes its #[default] variant; Box<dyn Error> made by into(),
// From::from of a &str or a String, Box::new of an own error, and ? of a ParseIntError; From::from
// between integers and into a program's type, decided by where the value goes.
use std::error::Error;
use std::fmt;
#[derive(Debug, Clone, Default, PartialEq)]
enum Method { #[default] Get, Post }
#[derive(Debug, Default)]
struct Req { m: Method, n: u32 }
#[derive(Debug)]
struct MyErr;
impl fmt::Display for MyErr { fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result { write!(f, "my error") } }
impl Error for MyErr {}
fn a() -> Result<(), Box<dyn Error>> { Err(Box::new(MyErr)) }
fn b() -> Result<(), Box<dyn Error>> { Err("text".into()) }
fn c() -> Result<(), Box<dyn Error>> { Err(From::from("from")) }
fn d() -> Result<(), Box<dyn Error>> { let e: Box<dyn Error> = From::from(String::from("owned")); Err(e) }
fn e() -> Result<(), Box<dyn Error + Send + Sync>> { Err("sendsync".into()) }
fn f() -> Result<i32, Box<dyn Error>> { let n: i32 = "x1".parse()?; Ok(n) }
fn main() {
    conversions();
    println!("{:?} {:?}", Method::default(), Req::default());
    println!("{:?}", Req { n: 3, ..Default::default() });
    for r in [a(), b(), c(), d(), f().map(|_| ())] { println!("{}", r.unwrap_err()); }
    println!("{}", e().unwrap_err());
    let err: Box<dyn Error> = "direct".into();
    println!("{err} / {err:?}");
}
#[derive(Debug)]
struct Meters(f64);
impl From<f64> for Meters {
    fn from(x: f64) -> Self {
        Meters(x)
    }
}
fn conversions() {
    let x: u32 = From::from(5u8);
    let m: Meters = From::from(2.5);
    let s: String = From::from("hi");
    println!("{x} {m:?} {s}");
}
