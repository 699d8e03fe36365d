// Items written inside a function body (`use`, a struct with its derive, an enum, an impl, a
// helper `fn`, a `const`) are the program's, as rustc scopes them to the block.
fn main() {
    use std::collections::HashMap;

    #[derive(Debug, Clone, PartialEq)]
    enum Shape {
        Circle(u32),
        Square(u32),
    }

    struct Counter {
        seen: HashMap<String, u32>,
    }

    impl Counter {
        fn add(&mut self, s: &Shape) {
            *self.seen.entry(format!("{s:?}")).or_insert(0) += 1;
        }
    }

    const LIMIT: u32 = 3;

    fn area(s: &Shape) -> u32 {
        match s {
            Shape::Circle(r) => 3 * r * r,
            Shape::Square(a) => a * a,
        }
    }

    let shapes = vec![Shape::Circle(1), Shape::Square(2), Shape::Circle(1)];
    let mut c = Counter { seen: HashMap::new() };
    for s in &shapes {
        c.add(s);
    }
    let total: u32 = shapes.iter().map(area).sum();
    println!("{} {} {}", total, c.seen.len(), total > LIMIT);
}
