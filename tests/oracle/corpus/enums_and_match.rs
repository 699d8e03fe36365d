// Enums with data; match with literals, ranges, bindings, guards, or-patterns, nested patterns.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Shape {
    Circle { r: u32 },
    Rect(u32, u32),
    Dot,
}

#[derive(Debug, Clone, Copy)]
enum Level {
    Low,
    Mid,
    High,
}

fn area(s: Shape) -> u32 {
    match s {
        Shape::Circle { r } => 3 * r * r,
        Shape::Rect(w, h) if w == h => w * w,
        Shape::Rect(w, h) => w * h,
        Shape::Dot => 0,
    }
}

fn describe(n: i64) -> &'static str {
    match n {
        i64::MIN..=-1 => "negative",
        0 => "zero",
        1 | 2 | 3 => "small",
        4..=9 => "digit",
        _ => "big",
    }
}

fn main() {
    let shapes = [Shape::Circle { r: 2 }, Shape::Rect(3, 3), Shape::Rect(2, 5), Shape::Dot];
    for s in shapes {
        println!("{:?} has area {}", s, area(s));
    }
    // A fieldless enum casts to its variant's index, and `Ordering` to -1, 0 or 1.
    for l in [Level::Low, Level::Mid, Level::High] {
        println!("{:?} as u8 = {}, as i64 = {}", l, l as u8, l as i64);
    }
    println!("{} {} {}", 1.cmp(&2) as i32, 2.cmp(&2) as i8, 3.cmp(&2) as i64);
    for n in [-5, 0, 2, 7, 100] {
        println!("{n} is {}", describe(n));
    }
    let pair = (3, Some("three"));
    match pair {
        (0, _) => println!("zero"),
        (n @ 1..=5, Some(name)) => println!("{n} is called {name}"),
        (_, None) => println!("nameless"),
        _ => println!("other"),
    }
    let nested = Some(Shape::Rect(4, 1));
    if let Some(Shape::Rect(w, _)) = nested {
        println!("a rect {w} wide");
    }
    let msg = match nested {
        Some(Shape::Dot) | None => "nothing",
        Some(_) => "something",
    };
    println!("{msg}");
    println!("{}", matches!(nested, Some(Shape::Rect(4, _))));
}
