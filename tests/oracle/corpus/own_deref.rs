// The Rust Book's `MyBox` (ch. 15.2): `*y` calls its `deref`, and `&MyBox<String>` passed to
// a `&str` parameter is coerced through `deref` twice (`MyBox` to `String` to `str`); methods
// reach the target too; `*self` in its own `&self` methods is the struct, not the target.
use std::ops::Deref;

struct MyBox<T>(T);

impl<T> MyBox<T> {
    fn new(x: T) -> MyBox<T> {
        MyBox(x)
    }
}

impl<T> Deref for MyBox<T> {
    type Target = T;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

#[derive(Clone, Copy, PartialEq)]
struct Meters(u32);

impl Deref for Meters {
    type Target = u32;
    fn deref(&self) -> &u32 {
        &self.0
    }
}

impl Meters {
    fn same(&self, other: &Meters) -> bool {
        *self == *other
    }
}

fn hello(name: &str) {
    println!("Hello, {name}!");
}

fn total(v: &[i32]) -> i32 {
    v.iter().sum()
}

fn main() {
    let x = 5;
    let y = MyBox::new(x);
    assert_eq!(5, x);
    assert_eq!(5, *y);
    println!("{}", *y + 1);
    let m = MyBox::new(String::from("Rust"));
    hello(&m);
    hello(&(*m)[..]);
    println!("{} {}", m.len(), m.to_uppercase());
    let v = MyBox::new(vec![1, 2, 3]);
    println!("{}", total(&v));
    let a = Meters(3);
    println!("{} {}", *a + 1, a.same(&Meters(3)));
}
