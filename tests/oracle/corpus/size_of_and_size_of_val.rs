// std::mem::size_of::<T>() and size_of_val(&x), laid out as rustc does on a 64-bit target:
// integers, floats, bool and char, structs and tuples (fields reordered by alignment), an
// Option with and without a niche, fieldless enums (by their discriminants' range), pointers
// thin and wide, arrays, PhantomData; size_of_val of a variable whose type is written or made
// by a struct literal (Rust by Example's Box chapter: a Box is 8 bytes on the stack).
use std::mem::{size_of, size_of_val};
use std::marker::PhantomData;
use std::rc::Rc;
#[allow(dead_code)]
struct Point { x: f64, y: f64 }
#[allow(dead_code)]
struct Mixed { a: u8, b: u32, c: u16 }
#[allow(dead_code)]
struct Flags { on: bool, n: u32 }
#[allow(dead_code)]
enum Dir { N, E, S, W }
#[allow(dead_code)]
enum Big { A = 1000, B }
#[allow(dead_code)]
enum Neg { A = -1, B = 200 }
struct Unit;
struct Meters<T>(f64, PhantomData<T>);
fn main() {
    println!("{} {} {} {} {} {}", size_of::<u8>(), size_of::<i64>(), size_of::<usize>(), size_of::<char>(), size_of::<bool>(), size_of::<()>());
    println!("{} {} {} {}", size_of::<Point>(), size_of::<Mixed>(), size_of::<Flags>(), size_of::<(u8, u64, u8)>());
    println!("{} {} {} {}", size_of::<Option<u8>>(), size_of::<Option<u32>>(), size_of::<Option<f64>>(), size_of::<Option<Box<Point>>>());
    println!("{} {} {} {}", size_of::<Option<bool>>(), size_of::<Option<Flags>>(), size_of::<Option<Mixed>>(), size_of::<Option<String>>());
    println!("{} {} {} {} {}", size_of::<Dir>(), size_of::<Option<Dir>>(), size_of::<Big>(), size_of::<Neg>(), size_of::<Unit>());
    println!("{} {} {} {} {}", size_of::<&str>(), size_of::<&[u8]>(), size_of::<Box<str>>(), size_of::<Rc<u8>>(), size_of::<[u16; 5]>());
    println!("{} {} {}", size_of::<Vec<u8>>(), size_of::<String>(), size_of::<Meters<Unit>>());
    let p = Point { x: 1.0, y: 2.0 };
    let b: Box<Point> = Box::new(Point { x: 0.0, y: 0.0 });
    let arr: [u32; 3] = [1, 2, 3];
    println!("{} {} {} {}", size_of_val(&p), size_of_val(&b), size_of_val(&arr), p.x + b.y);
}
