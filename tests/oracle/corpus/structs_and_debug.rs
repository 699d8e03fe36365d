// Named, tuple and unit structs; field access and update syntax; derived Debug, compact and pretty.
#[derive(Debug, Clone, PartialEq)]
struct Point {
    x: i32,
    y: i32,
}

#[derive(Debug)]
struct Meters(u64);

#[derive(Debug)]
struct Marker;

#[derive(Debug)]
struct Line {
    from: Point,
    to: Point,
    label: String,
    tags: Vec<&'static str>,
}

fn main() {
    let p = Point { x: 1, y: -2 };
    let q = Point { x: 10, ..p.clone() };
    println!("{:?} {:?}", p, q);
    println!("{} {}", q.x, q.y);
    let m = Meters(42);
    println!("{:?} {} {:?}", m, m.0, Marker);
    let line = Line { from: p, to: q, label: String::from("a \"b\"\n"), tags: vec!["x", "y"] };
    println!("{:?}", line);
    println!("{:#?}", line);
    let mut r = Point { x: 0, y: 0 };
    r.x += 5;
    r.y = r.x * 2;
    println!("{r:?} {}", r == Point { x: 5, y: 10 });
    let t = (1, "two", 'c', true, ());
    println!("{:?} {:?} {:?}", t, (7,), ());
    println!("{:#?}", (1, Some("a")));
}
