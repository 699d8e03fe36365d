// Edge cases of this round's readings, each checked against rustc: a name shadowed in an inner
// scope keeps its own integer type outside it; `abs_diff` gives the unsigned type; a field
// written as a reference is read, not moved, by `let`; a `use` inside a module (`crate::` in
// tests/lang.rs: the oracle builds each program as a module); a struct
// literal and a pattern through a type alias; a blanket impl's method through its trait's path.
use std::fmt::Debug;

pub struct Point {
    x: i32,
    y: i32,
}

mod geo {
    use super::Point;
    pub fn origin() -> Point {
        Point { x: 0, y: 0 }
    }
}

type P = Point;

struct View<'a> {
    items: &'a Vec<i32>,
    name: &'a str,
}

trait Show {
    fn show(&self) -> String;
}
impl<T: Debug> Show for T {
    fn show(&self) -> String {
        format!("[{:?}]", self)
    }
}

fn main() {
    let y = 5;
    {
        let y: u64 = 1;
        println!("{}", y);
    }
    let a = 3;
    let b = a + y;
    let c = a - 10;
    println!("{} {}", b, c);
    let d = 5;
    let e: i32 = d;
    let f = d.abs_diff(-10);
    let g = f + 4_000_000_000;
    println!("{} {} {}", e, f, g);
    let v = vec![1, 2, 3];
    let view = View { items: &v, name: "v" };
    let first = view.items;
    let second = view.items;
    let n = view.name;
    println!("{:?} {:?} {} {}", first, second, n, view.items.len());
    let o = geo::origin();
    let p = P { x: 1, y: 2 };
    let P { x, y: py } = p;
    println!("{} {} {} {}", o.x, o.y, x, py);
    println!("{} {}", Show::show(&7), 'c'.show());
}
